// Drafts: every answer is saved as it is given, so a reload resumes on the same page with
// every answer; the person chooses how long they are kept, sees until when, and can delete
// them; they are gone after sending; and a draft from an older version of a journey resumes
// on the new one, saying what to answer again. Nothing personal is ever in the address.
import { expect, test, type Page } from '@playwright/test';
import {
  answerContact,
  answerNameAndDateOfBirth,
  answerTheMove,
  expectNoAxeViolations,
  failOnPageErrors,
  fillDate,
  heading,
  movingHouseRecords,
  person,
  recordsOf,
  sendFromCheck,
  throughScreening,
} from './support';

const DRAFT = 'tell-once.draft.moving-house';

async function stored(page: Page, where: 'localStorage' | 'sessionStorage'): Promise<string | null> {
  return page.evaluate(([w, key]) => (window as any)[w].getItem(key), [where, DRAFT] as const);
}

/** "30 November 2026": `days` from today, as the page writes dates. */
function daysFromNow(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

test('a reload resumes on the same page with every answer, and sending clears the draft', async ({ page }) => {
  test.setTimeout(60_000);
  failOnPageErrors(page);
  const p = person();
  await throughScreening(page);
  await page.getByLabel('First name').fill(p.given);
  await page.getByLabel('Last name').fill(p.family);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'What is your date of birth?')).toBeFocused();
  // Typed, not yet continued: saved as it is given.
  await fillDate(page, 'What is your date of birth?', p.dob);

  const saved = page.getByRole('region', { name: 'Your answers' });
  await expect(saved).toContainText(`We save your answers on this device as you go, until ${daysFromNow(7)}.`);
  await expectNoAxeViolations(page, 'question page with saved answers');
  expect(await stored(page, 'localStorage')).toContain(p.given);

  await page.reload();
  await expect(heading(page, 'What is your date of birth?')).toBeVisible();
  const dob = page.getByRole('group', { name: 'What is your date of birth?' });
  await expect(dob.getByLabel('Day')).toHaveValue(p.dob.day);
  await expect(dob.getByLabel('Year')).toHaveValue(p.dob.year);
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page.getByLabel('First name')).toHaveValue(p.given);
  expect(page.url()).not.toContain(p.given);
  expect(page.url()).not.toContain(p.dob.year);

  // A closed tab too: a new page in the same browser opens the draft where it was left.
  await page.close();
  const again = await (page.context()).newPage();
  failOnPageErrors(again);
  await again.goto('/?journey=moving-house');
  await expect(heading(again, 'What is your name?')).toBeVisible();
  await expect(again.getByLabel('Last name')).toHaveValue(p.family);
  await again.getByRole('button', { name: 'Continue' }).click();
  await again.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(again, 'What is your driving licence number?')).toBeFocused();

  // Sent: the draft is deleted, and the journey starts afresh.
  await again.getByLabel('What is your driving licence number?').fill(p.licence);
  await again.getByRole('button', { name: 'Continue' }).click();
  await again.getByLabel('What is your taxpayer number?').fill(p.taxpayer);
  await again.getByRole('button', { name: 'Continue' }).click();
  await answerTheMove(again, p);
  await answerContact(again, p);
  await sendFromCheck(again);
  // Nothing lost on the way: each agency got every answer, once.
  const expected = movingHouseRecords(p);
  for (const agency of ['motor-vehicles', 'elections', 'revenue'] as const) {
    const stored = recordsOf(agency, p);
    expect(stored, agency).toHaveLength(1);
    expect(stored[0].fields).toEqual(expected[agency]);
  }
  expect(await stored(again, 'localStorage')).toBeNull();
  await again.goto('/?journey=moving-house');
  await expect(heading(again, 'Moving house')).toBeVisible();
  expect(await stored(again, 'localStorage')).toBeNull();
});

test('on a shared device, answers are kept in the tab only', async ({ page }) => {
  failOnPageErrors(page);
  const p = person();
  await page.goto('/?journey=moving-house');
  await page.getByRole('checkbox', { name: 'I am using a shared or public device' }).check();
  await expect(page.getByRole('checkbox', { name: 'I am using a shared or public device' })).toHaveAccessibleDescription(
    'We will keep your answers only until you close this tab.',
  );
  await expectNoAxeViolations(page, 'start page, shared device');
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('region', { name: 'Your answers' })).toContainText(
    'We keep your answers in this tab only, until you close it.',
  );
  expect(await stored(page, 'sessionStorage')).toContain('driving.has_licence');
  expect(await stored(page, 'localStorage')).toBeNull();
  await page.reload();
  await expect(heading(page, 'Are you registered to vote?')).toBeVisible();

  // Another tab (as after closing this one) has nothing.
  const other = await page.context().newPage();
  await other.goto('/?journey=moving-house');
  await expect(heading(other, 'Moving house')).toBeVisible();
  expect(p.given).toBeTruthy();
});

test('"Delete my answers" asks first, then deletes them from the device', async ({ page }) => {
  failOnPageErrors(page);
  const p = person();
  await throughScreening(page);
  await page.getByLabel('First name').fill(p.given);
  const saved = page.getByRole('region', { name: 'Your answers' });

  // "No" keeps them, and focus goes back to where it was.
  await saved.getByRole('button', { name: 'Delete my answers' }).click();
  const yes = saved.getByRole('button', { name: 'Yes, delete my answers' });
  await expect(yes).toBeFocused();
  await expect(yes).toHaveAccessibleDescription(/You cannot undo this/);
  await expectNoAxeViolations(page, 'delete my answers, asked');
  await saved.getByRole('button', { name: 'No, keep them' }).click();
  await expect(saved.getByRole('button', { name: 'Delete my answers' })).toBeFocused();
  await expect(page.getByLabel('First name')).toHaveValue(p.given);

  await saved.getByRole('button', { name: 'Delete my answers' }).click();
  await saved.getByRole('button', { name: 'Yes, delete my answers' }).click();
  await expect(heading(page, 'Moving house')).toBeFocused();
  await expect(page.getByRole('status')).toContainText('Your answers have been deleted from this device.');
  expect(await stored(page, 'localStorage')).toBeNull();
  await page.reload();
  await expect(heading(page, 'Moving house')).toBeVisible();
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByRole('radio', { name: 'Yes' })).not.toBeChecked();
});

test('an expired or unreadable draft is deleted, and the person is told', async ({ page }) => {
  failOnPageErrors(page);
  await throughScreening(page);
  const draft = JSON.parse((await stored(page, 'localStorage'))!);
  draft.expires_at = Date.now() - 1000;
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [DRAFT, JSON.stringify(draft)] as const);
  await page.reload();
  await expect(heading(page, 'Moving house')).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Your saved answers had expired, so we deleted them.');
  await expect(page).toHaveURL(/page=start/);
  expect(await stored(page, 'localStorage')).toBeNull();

  await page.evaluate((key) => localStorage.setItem(key, '{"not": "a draft"'), DRAFT);
  await page.reload();
  await expect(page.getByRole('status')).toContainText('We could not read the answers saved on this device');
  expect(await stored(page, 'localStorage')).toBeNull();
  await expectNoAxeViolations(page, 'start page, unreadable draft');
});

test('a draft from an older version of the journey resumes on the new one, saying what to answer again', async ({ page }) => {
  failOnPageErrors(page);
  const p = person();
  await throughScreening(page);
  await answerNameAndDateOfBirth(page, p);
  await expect(heading(page, 'What is your driving licence number?')).toBeFocused();

  // The service publishes a new version: the name page now asks for a national ID too.
  await page.route('**/journeys/moving-house.json', async (route) => {
    const journey = await (await route.fetch()).json();
    journey.version = '2099-01-01';
    const about = journey.pages.find((pg: any) => pg.id === 'name');
    about.title = { en: 'About you' };
    about.questions.push({
      key: 'person.national_id',
      type: 'national_id',
      label: { en: 'What is your national ID number?' },
      name: { en: 'your national ID number' },
      format: { pattern: '^[A-Z]{2}[0-9]{6}$', example: 'AB123456' },
    });
    await route.fulfill({ json: journey });
  });
  await page.reload();
  await expect(heading(page, 'About you')).toBeVisible();
  await expect(page.getByRole('status')).toContainText(
    'This service has changed since you started. We kept your answers, but you need to answer these again: About you.',
  );
  await expect(page.getByLabel('First name')).toHaveValue(p.given);
  await expect(page.getByLabel('What is your national ID number?')).toHaveValue('');
  await expectNoAxeViolations(page, 'resumed on a newer version');
  await page.getByLabel('What is your national ID number?').fill('AB123456');
  await page.getByRole('button', { name: 'Continue' }).click();
  const dob = page.getByRole('group', { name: 'What is your date of birth?' });
  await expect(dob.getByLabel('Day')).toHaveValue(p.dob.day);
});

test('an idle timeout warns first, gives more time, and keeps the answers when it ends', async ({ page }) => {
  failOnPageErrors(page);
  await page.clock.install();
  // The host page sets a one-minute idle timeout: the warning comes after 30 seconds.
  await page.route(/\/\?journey=moving-house$/, async (route) => {
    const html = await (await route.fetch()).text();
    await route.fulfill({ body: html.replace(' standalone>', ' standalone idle-minutes=1>'), contentType: 'text/html' });
  });
  await page.goto('/?journey=moving-house');
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.getByRole('radio', { name: 'Yes' }).check();

  await page.clock.runFor(31_000);
  const dialog = page.getByRole('alertdialog', { name: 'Do you need more time?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleDescription(/we will close it in 30 seconds\. Your answers are saved/);
  await expect(dialog.getByRole('button', { name: 'Yes, I need more time' })).toBeFocused();
  await expectNoAxeViolations(page, 'idle warning');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  // More time: no warning 31 seconds later, then the warning and the end.
  await page.clock.runFor(29_000);
  await expect(dialog).toBeHidden();
  await page.clock.runFor(62_000);
  await expect(heading(page, 'We closed this form')).toBeFocused();
  await expect(page.getByRole('radio', { name: 'Yes' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'timed out');
  await page.getByRole('button', { name: 'Carry on where I left off' }).click();
  await expect(heading(page, 'Do you have a driving licence?')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Yes' })).toBeChecked();
});
