// What a screen reader says as things change, and that it says each thing once. One strategy,
// tested here: a new page is said by its heading taking focus, errors after Continue by the error
// summary taking focus, and everything that changes without moving focus — a search's results, an
// item removed, sending's progress — by the widget's one polite live region, emptied before each
// message so a repeated search is said again. On every state of every page of each default life
// event: there is exactly that one live region in the widget and nothing is an alert; errors are
// not also said by the region; sending is said as it goes and the result by the confirmation's
// heading; nothing is said twice in a row.
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_JOURNEYS, journeyFile, walk } from './journeys';
import { errorSummary, failOnPageErrors, heading, startEveryField } from './support';

/** Starts keeping every change of the live region's words (an empty region included) until the
 * page is left. */
async function listen(page: Page): Promise<void> {
  await page.getByRole('status').evaluate((region) => {
    const w = window as unknown as { said: string[] };
    w.said = [];
    new MutationObserver(() => w.said.push(region.textContent!.trim())).observe(region, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
}

/** Everything the live region said since `listen`, in order (its emptyings left out). */
async function said(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { said: string[] }).said.filter((words) => words !== ''));
}

/** The widget's live regions and alerts, as `role[aria-live aria-atomic]`. */
async function liveRegions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const roots: Array<Document | ShadowRoot> = [document];
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    return roots.flatMap((root) =>
      [...root.querySelectorAll('[role=status], [role=alert], [role=log], [role=marquee], [role=timer], [aria-live]')].map(
        (el) => `${el.getAttribute('role')}[${el.getAttribute('aria-live')} ${el.getAttribute('aria-atomic')}]`,
      ),
    );
  });
}

/** No two messages in a row are the same: nothing repeats itself. */
function expectNoRepeats(messages: string[], where: string) {
  const repeats = messages.filter((m, i) => i > 0 && m === messages[i - 1]);
  expect(repeats, `${where}: said twice in a row`).toEqual([]);
}

test('a search says how many life events it found, each time it is run', async ({ page }) => {
  failOnPageErrors(page);
  await page.goto('/');
  await expect(heading(page, 'Tell government once')).toBeVisible();
  await listen(page);
  const search = page.getByRole('searchbox', { name: 'What has happened?' });
  for (const id of DEFAULT_JOURNEYS) {
    const title = journeyFile(id).title.en;
    await search.fill(title);
    await search.press('Enter');
    await expect(page.getByRole('status')).toHaveText(new RegExp(`^\\d+ life events? match(es)? ‘${title}’$`));
  }
  // The same search again is said again (the region is emptied first), and only once.
  await search.press('Enter');
  await expect.poll(() => said(page)).toHaveLength(DEFAULT_JOURNEYS.length + 1);
  const messages = await said(page);
  expect(messages.at(-1)).toBe(messages.at(-2));
  expect(await page.evaluate(() => (window as unknown as { said: string[] }).said.slice(-3))).toEqual([messages.at(-2), '', messages.at(-1)]);
  expectNoRepeats(messages.slice(0, -1), 'searches');
  await search.fill('passport photo');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toHaveText('No life events match ‘passport photo’. Try other words, or choose from the list below.');
  // What was found is also shown, for everyone.
  await expect(page.getByRole('paragraph').filter({ hasText: 'No life events match ‘passport photo’.' })).toBeVisible();
  expect(await liveRegions(page)).toEqual(['status[polite true]']);
});

for (const id of DEFAULT_JOURNEYS) {
  test(`${id}: errors, sending and its result are each said once, one way`, async ({ page }) => {
    test.setTimeout(120_000);
    failOnPageErrors(page);
    let before = 0;
    let atConsent: string[] = [];
    const states = await walk(page, id, async ({ name, kind }) => {
      if (kind === 'start') await listen(page);
      expect(await liveRegions(page), name).toEqual(['status[polite true]']);
      const now = await said(page);
      if (kind === 'errors') {
        // Said by the error summary taking focus; the live region says nothing more.
        await expect(errorSummary(page)).toBeFocused();
        expect(now.slice(before), `${name}: said by the live region as well`).toEqual([]);
      }
      if (kind === 'consent') atConsent = now;
      if (kind === 'confirmation') {
        const sending = now.slice(atConsent.length);
        expect(sending.length, `${name}: sending is said as it goes`).toBeGreaterThan(0);
        for (const message of sending) expect(message, name).toMatch(/^Sending your details( to .+)?…$/);
        expect(new Set(sending).size, `${name}: each step of sending said once`).toBe(sending.length);
        // The result is the heading, which has focus; the region is emptied, not saying it again.
        await expect(heading(page, 'Details sent')).toBeFocused();
        await expect(page.getByRole('status')).toHaveText('');
      }
      expectNoRepeats(now, name);
      before = now.length;
    });
    test.info().annotations.push({ type: 'states', description: `${states} page states` });
  });
}

test('adding and removing an item of a repeating group', async ({ page }) => {
  await startEveryField(page);
  await page.getByRole('radio', { name: 'No' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('checkbox', { name: 'None of these' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('How many people live in your home?').fill('4');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: 'Under £20,000' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await listen(page);
  for (const [name, day] of [['Ada', '3'], ['Byron', '5']]) {
    await page.getByLabel("Child's first name").fill(name);
    const born = page.getByRole('group', { name: "Child's date of birth" });
    await born.getByLabel('Day').fill(day);
    await born.getByLabel('Month').fill('4');
    await born.getByLabel('Year').fill('2021');
    await page.getByRole('button', { name: 'Continue' }).click();
    // Added: the list's heading takes focus and says how many there are now.
    await expect(heading(page, /^You have added \d (child|children)$/)).toBeFocused();
    if (name === 'Ada') {
      await page.getByRole('radio', { name: 'Yes' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
    }
  }
  await expect(heading(page, 'You have added 2 children')).toBeFocused();
  await page.getByRole('button', { name: 'Remove child 1' }).focus();
  await page.keyboard.press('Enter');
  // Removed: the heading takes focus (the button has gone) and says what is left; the removal
  // is said after it, once.
  await expect(heading(page, 'You have added 1 child')).toBeFocused();
  await expect(page.getByRole('status')).toHaveText('Child 1 removed');
  await page.waitForTimeout(500); // anything said twice would be said by now
  expect(await said(page)).toEqual(['Child 1 removed']);
  expect(await liveRegions(page)).toEqual(['status[polite true]']);
});
