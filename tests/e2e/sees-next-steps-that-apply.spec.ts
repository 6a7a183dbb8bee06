// Government reaching out: after "Services you can use" and on the confirmation page, the person
// sees the next steps that apply to them (and only those), each with why. One that leads to an
// agency's page is a link to it; one that leads to another life event starts it with what the
// person has already told us.
import { expect, test, type Page } from '@playwright/test';
import { answer, journeyFile, PEOPLE } from './journeys';
import { expectNoAxeViolations, failOnPageErrors, heading } from './support';

/** The next steps, by their heading. */
const nextSteps = (page: Page) => page.getByRole('region', { name: 'Other things you may need to do' });

/** Starts a life event. */
async function start(page: Page, id: string) {
  await page.goto(`/?journey=${id}`);
  await page.getByRole('button', { name: 'Start now' }).click();
}

/** Answers a life event's pages from `person` until the page titled `until`. */
async function answerUntil(page: Page, id: string, person: Record<string, string | string[]>, until: string) {
  const journey = journeyFile(id);
  for (let step = 0; step < 40; step++) {
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toBeFocused();
    const title = await h1.innerText();
    if (title === until) return;
    if (title !== 'Services you can use') {
      const pageId = new URL(page.url()).searchParams.get('page');
      const definition = journey.pages.find((p) => p.id === pageId)!;
      for (const question of definition.questions) await answer(page, question, person[question.key]);
    }
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  throw new Error(`never reached ${until}`);
}

test('a public-sector pension suggests contacting the pension scheme, and only then', async ({ page }) => {
  test.setTimeout(60_000);
  failOnPageErrors(page);
  const person = PEOPLE['approaching-retirement'];
  await start(page, 'approaching-retirement');
  await answerUntil(page, 'approaching-retirement', person, 'Services you can use');
  const link = nextSteps(page).getByRole('link', { name: 'Contact your pension scheme' });
  await expect(link).toHaveAttribute('href', 'https://public-pensions.example/retiring');
  await expect(nextSteps(page)).toContainText('Because you have a public sector pension.');
  await expectNoAxeViolations(page, 'services you can use with a next step');

  await page.evaluate(() => localStorage.clear());
  await start(page, 'approaching-retirement');
  await answerUntil(page, 'approaching-retirement', { ...person, 'retirement.has_public_pension': 'no' }, 'Services you can use');
  await expect(page.getByRole('heading', { level: 2, name: 'Services that apply to you' })).toBeVisible();
  await expect(nextSteps(page)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Contact your pension scheme' })).toHaveCount(0);
});

test('losing a job at 62 or older suggests Approaching retirement, which starts with the date of birth known', async ({ page }) => {
  test.setTimeout(120_000);
  failOnPageErrors(page);
  const person = { ...PEOPLE['losing-your-job'], 'person.date_of_birth': ['1', '1', '1950'] };
  await start(page, 'losing-your-job');
  await answerUntil(page, 'losing-your-job', person, 'Services you can use');
  // The date of birth is not asked yet: nothing is suggested from it.
  await expect(nextSteps(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue' }).click();
  await answerUntil(page, 'losing-your-job', person, 'Check your answers before sending');
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Who gets what')).toBeFocused();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(heading(page, 'Details sent')).toBeFocused({ timeout: 15_000 });

  const link = nextSteps(page).getByRole('link', { name: 'Find out about your retirement benefit' });
  await expect(nextSteps(page)).toContainText('Because you are 62 or older');
  await expectNoAxeViolations(page, 'confirmation with a next step');
  await link.click();
  await expect(heading(page, 'Approaching retirement')).toBeFocused();
  await page.getByRole('button', { name: 'Start now' }).click();
  const dob = page.getByRole('group', { name: 'What is your date of birth?' });
  await expect(dob.getByLabel('Day')).toHaveValue('1');
  await expect(dob.getByLabel('Month')).toHaveValue('1');
  await expect(dob.getByLabel('Year')).toHaveValue('1950');
});

test('having a baby while getting unemployment insurance suggests telling the Labour Office, and only then', async ({ page }) => {
  test.setTimeout(60_000);
  failOnPageErrors(page);
  const person = PEOPLE['having-a-baby'];
  const step = (p: Page) => nextSteps(p).getByRole('link', { name: 'Tell the Labour Office: your claim amount may change' });
  await start(page, 'having-a-baby');
  await answerUntil(page, 'having-a-baby', person, 'Services you can use');
  await expect(step(page)).toHaveAttribute('href', 'https://labour.example/unemployment-insurance/report-a-change');
  await expect(nextSteps(page)).toContainText('Because you get unemployment insurance');

  await page.evaluate(() => localStorage.clear());
  await start(page, 'having-a-baby');
  await answerUntil(page, 'having-a-baby', { ...person, 'benefits.received': ['disability_benefit'] }, 'Services you can use');
  await expect(page.getByRole('heading', { level: 2, name: 'Services that apply to you' })).toBeVisible();
  await expect(step(page)).toHaveCount(0);
});
