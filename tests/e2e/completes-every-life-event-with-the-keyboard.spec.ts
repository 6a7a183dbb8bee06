// Each default life event, completed with the keyboard alone from its start page through "Who
// gets what" to its confirmation, with axe run on every page, empty and in error. The journey file itself says
// which pages and questions come; a person's answers for each are below.
import { expect, test } from '@playwright/test';
import { answer, journeyFile, PEOPLE } from './journeys';
import { errorSummary, expectNoAxeViolations, failOnPageErrors, heading, tabTo } from './support';

const JOURNEYS = ['having-a-baby', 'death-of-someone-close', 'losing-your-job', 'approaching-retirement'];

for (const id of JOURNEYS) {
  test(`completes ${id} with the keyboard, axe clean on every page`, async ({ page }) => {
    test.setTimeout(180_000);
    failOnPageErrors(page);
    const journey = journeyFile(id);
    const person = PEOPLE[id];

    // From every life event, by keyboard.
    await page.goto('/');
    await tabTo(page, page.getByRole('link', { name: journey.title.en }), { max: 40 });
    await page.keyboard.press('Enter');
    await expect(heading(page, journey.title.en)).toBeFocused();
    await expectNoAxeViolations(page, `${id}: start`);
    await tabTo(page, page.getByRole('button', { name: 'Start now' }));
    await page.keyboard.press('Enter');

    for (let step = 0; step < 40; step++) {
      const h1 = page.getByRole('heading', { level: 1 });
      await expect(h1).toBeFocused();
      const title = await h1.innerText();
      if (title === 'Check your answers before sending') break;
      await expectNoAxeViolations(page, `${id}: ${title}`);
      if (title === 'Services you can use') {
        await expect(page.getByRole('heading', { level: 2, name: 'Services that apply to you' })).toBeVisible();
        await tabTo(page, page.getByRole('button', { name: 'Continue' }), { max: 40 });
        await page.keyboard.press('Enter');
        continue;
      }
      const pageId = new URL(page.url()).searchParams.get('page');
      const definition = journey.pages.find((p) => p.id === pageId);
      expect(definition, `page ${pageId} is in the journey`).toBeTruthy();
      // Continue with nothing answered: the error state, where any question is required.
      if (definition!.questions.some((q) => q.required !== false)) {
        await tabTo(page, page.getByRole('button', { name: 'Continue' }), { max: 40 });
        await page.keyboard.press('Enter');
        await expect(errorSummary(page)).toBeFocused();
        await expectNoAxeViolations(page, `${id}: ${title} (errors)`);
      }
      for (const question of definition!.questions) {
        await answer(page, question, person[question.key]);
      }
      await tabTo(page, page.getByRole('button', { name: 'Continue' }), { max: 40 });
      await page.keyboard.press('Enter');
      await expect(errorSummary(page)).toHaveCount(0);
    }

    await expect(heading(page, 'Check your answers before sending')).toBeFocused();
    await expectNoAxeViolations(page, `${id}: check your answers`);
    await tabTo(page, page.getByRole('button', { name: 'Continue' }), { max: 80 });
    await page.keyboard.press('Space');

    // Who gets what: every service that applies is chosen; send them all with Enter.
    await expect(heading(page, 'Who gets what')).toBeFocused();
    await expectNoAxeViolations(page, `${id}: who gets what`);
    const choices = page.getByRole('checkbox', { name: /^Send these details to / });
    const chosen = await choices.count();
    expect(chosen).toBeGreaterThanOrEqual(2);
    for (const choice of await choices.all()) await expect(choice).toBeChecked();
    await tabTo(page, page.getByRole('button', { name: 'Send' }), { max: 40 });
    await page.keyboard.press('Enter');
    // Some agencies answer later (202) and are asked again until done.
    await expect(heading(page, 'Details sent')).toBeFocused({ timeout: 15_000 });
    // Each chosen service, with its own agency's reference.
    const outcomes = page.getByRole('heading', { level: 2, name: 'What happened to each service' }).locator('xpath=following-sibling::dl[1]');
    await expect(outcomes.getByRole('definition')).toHaveText(Array(chosen).fill(/^Sent\. Reference: \S+$/));
    await expectNoAxeViolations(page, `${id}: confirmation`);
  });
}
