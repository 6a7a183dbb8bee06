// Help in any channel without repeating yourself: on any page after the first answer up to "Who
// gets what" the person may choose "Save and get a reference". With the code and their date of
// birth they carry on in another browser where they left off, or an adviser reads exactly those
// answers. A wrong date of birth, an expired code and a run of wrong guesses are refused with
// clear messages.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import {
  answerAll,
  answerNameAndDateOfBirth,
  errorSummary,
  expectNoAxeViolations,
  failOnPageErrors,
  fillAddress,
  fillDate,
  heading,
  person,
  throughScreening,
} from './support';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** A code that passes the check character but was never given (as a guesser would type). */
function randomCode(): string {
  const values = Array.from({ length: 8 }, () => Math.floor(Math.random() * 29));
  const sum = values.reduce((s, v, i) => s + (i + 1) * v, 0);
  const check = (((-sum * 13) % 29) + 29) % 29;
  const chars = [...values, check].map((v) => ALPHABET[v]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars[8]}`;
}

/** A browser of its own, counted as its own client by the server's rate limits. */
async function freshContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'demo_faults', value: `handoff-${randomUUID()}`, url: baseURL }]);
  return context;
}

/** Fills in "Continue with a reference" on a journey's start page and sends it; unless `sent`
 * is false (a code the app refuses itself), waits for the hand-off service's reply. */
async function resumeWith(page: Page, code: string, dob: { day: string; month: string; year: string }, sent = true) {
  await page.getByLabel('Reference code').fill(code);
  const group = page.getByRole('group', { name: 'Your date of birth' });
  await group.getByLabel('Day').fill(dob.day);
  await group.getByLabel('Month').fill(dob.month);
  await group.getByLabel('Year').fill(dob.year);
  const reply = sent ? page.waitForResponse((r) => r.url().endsWith('/handoff/v1/resume')) : null;
  await page.getByRole('button', { name: 'Continue with my answers' }).click();
  await reply;
}

/** An adviser's look-up of saved answers, on the demo server's adviser page. */
async function lookUp(adviser: Page, code: string, dob: { day: string; month: string; year: string }) {
  await adviser.goto('/adviser');
  await adviser.getByLabel('Reference code').fill(code);
  await adviser.getByLabel('Day').fill(dob.day);
  await adviser.getByLabel('Month').fill(dob.month);
  await adviser.getByLabel('Year').fill(dob.year);
  await adviser.getByRole('button', { name: 'Look up answers' }).click();
}

/** Every row of a summary list: its term and its value, as text. */
async function rowsOf(page: Page, list: string): Promise<string[][]> {
  return page.locator(list).evaluateAll((rows) =>
    rows.map((row) => [
      (row.querySelector('dt')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      ((row.querySelector('dd') as HTMLElement | null)?.innerText ?? '').replace(/\s+/g, ' ').trim(),
    ]),
  );
}

test('saves with a reference, resumes in another browser, and the adviser sees the same answers', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const first = await freshContext(browser, baseURL!);
  const page = await first.newPage();
  failOnPageErrors(page);
  const p = person();
  const handoffRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/handoff/')) handoffRequests.push(r.url());
  });
  await answerAll(page, p);
  const onCheck = await rowsOf(page, '.summary-list__row');

  // Nothing is sent to the hand-off service before the person asks.
  expect(handoffRequests).toEqual([]);
  await page.getByRole('button', { name: 'Save and get a reference' }).click();
  const shown = page.getByText(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]$/);
  await expect(shown).toBeVisible();
  // Focus moves to the code, so a screen reader says it.
  await expect(shown.locator('xpath=..')).toBeFocused();
  expect(handoffRequests.map((u) => new URL(u).pathname)).toEqual(['/handoff/v1/saves']);
  const code = (await shown.innerText()).trim();
  await expect(page.getByText(/We will keep your answers until \d{1,2} \w+ \d{4}\./)).toBeVisible();
  await expectNoAxeViolations(page, 'the reference code');

  // Another device: the code and the date of birth bring every answer back.
  const second = await freshContext(browser, baseURL!);
  const other = await second.newPage();
  failOnPageErrors(other);
  await other.goto('/?journey=moving-house');
  await expect(other.getByLabel('Reference code')).toBeVisible();
  await expectNoAxeViolations(other, 'continue with a reference');
  await resumeWith(other, code.toLowerCase().replace(/-/g, ' '), p.dob);
  await expect(heading(other, 'Check your answers before sending')).toBeFocused();
  expect(await rowsOf(other, '.summary-list__row')).toEqual(onCheck);

  // The adviser, with the same code and date of birth, reads exactly those answers.
  const adviser = await second.newPage();
  await lookUp(adviser, code, p.dob);
  await expect(adviser.getByRole('heading', { level: 1, name: 'Saved answers: Moving house' })).toBeVisible();
  const advised = await rowsOf(adviser, 'h2 ~ dl.summary-list > div');
  expect(advised).toEqual(onCheck.map(([label, value]) => [label, value]));
  await expectNoAxeViolations(adviser, 'the adviser view');
  await first.close();
  await second.close();
});

test('saved part way, the answers resume on the first page still to answer, and the adviser reads those so far', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const first = await freshContext(browser, baseURL!);
  const page = await first.newPage();
  failOnPageErrors(page);
  const p = person();
  const save = page.getByRole('button', { name: 'Save and get a reference' });
  await page.goto('/?journey=moving-house');
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(heading(page, 'Do you have a driving licence?')).toBeFocused();
  // Nothing to save before the first answer; from the next page on, Save is there.
  await expect(save).toHaveCount(0);
  for (const [question, answer] of [['Do you have a driving licence?', 'Yes'], ['Are you registered to vote?', 'Yes'], ['Do you have children at school?', 'No']]) {
    await expect(heading(page, question)).toBeFocused();
    await page.getByRole('radio', { name: answer }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(save).toHaveCount(1);
  }
  await expect(heading(page, 'Services you can use')).toBeFocused();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'What is your name?')).toBeFocused();
  await answerNameAndDateOfBirth(page, p);
  await expect(heading(page, 'What is your driving licence number?')).toBeFocused();
  // Stuck on a question: the date of birth is known, so Save asks nothing more.
  await save.click();
  const shown = page.getByText(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]$/);
  await expect(shown.locator('xpath=..')).toBeFocused();
  await expect(page.getByRole('group', { name: 'Your date of birth' })).toHaveCount(0);
  const code = (await shown.innerText()).trim();
  await expectNoAxeViolations(page, 'a reference saved on a question page');

  // On another device: the page still to answer, with the answers before it in place.
  const second = await freshContext(browser, baseURL!);
  const other = await second.newPage();
  failOnPageErrors(other);
  await other.goto('/?journey=moving-house');
  await resumeWith(other, code, p.dob);
  await expect(heading(other, 'What is your driving licence number?')).toBeFocused();
  await expect(other.getByLabel('What is your driving licence number?')).toHaveValue('');
  await other.getByRole('link', { name: 'Back' }).click();
  const born = other.getByRole('group', { name: 'What is your date of birth?' });
  await expect(born.getByLabel('Day')).toHaveValue(p.dob.day);
  await expect(born.getByLabel('Year')).toHaveValue(p.dob.year);
  await other.getByRole('link', { name: 'Back' }).click();
  await expect(other.getByLabel('First name')).toHaveValue(p.given);
  await expect(other.getByLabel('Last name')).toHaveValue(p.family);

  // The adviser reads the answers given so far, and nothing for the pages not reached.
  const adviser = await second.newPage();
  await lookUp(adviser, code, p.dob);
  expect(await rowsOf(adviser, 'h2 ~ dl.summary-list > div')).toEqual([
    ['Driving licence', 'Yes'],
    ['Registered to vote', 'Yes'],
    ['Children at school', 'No'],
    ['Name', `${p.given} ${p.family}`],
    ['Date of birth', '10 December 1985'],
  ]);
  await expectNoAxeViolations(adviser, 'the adviser view of answers saved part way');

  // Back on the first device, the reference stays on every page shown after it was saved, and
  // Save again keeps the answers as they are now under a new code, without asking the date of
  // birth again.
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page.getByRole('group', { name: 'What is your date of birth?' })).toBeVisible();
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  await expect(page.getByText('This reference keeps your answers as they were when you saved them.')).toBeVisible();
  await expect(save).toHaveCount(0);
  await page.getByRole('button', { name: 'Save again and get a new reference' }).click();
  const again = page.getByText(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]$/);
  await expect(again).not.toHaveText(code);
  await expect(again.locator('xpath=..')).toBeFocused();
  await expect(page.getByRole('group', { name: 'Your date of birth', exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page, 'a reference saved again on a later page');
  await first.close();
  await second.close();
});

test('a wrong date of birth, a mistyped code and an expired code are refused clearly', async ({ browser, baseURL, request }) => {
  test.setTimeout(90_000);
  const first = await freshContext(browser, baseURL!);
  const page = await first.newPage();
  const p = person();
  await answerAll(page, p);
  await page.getByRole('button', { name: 'Save and get a reference' }).click();
  const code = (await page.getByText(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]$/).innerText()).trim();

  const second = await freshContext(browser, baseURL!);
  const other = await second.newPage();
  failOnPageErrors(other);
  await other.goto('/?journey=moving-house');
  const problem = errorSummary(other);

  // A typing mistake is caught before anything is sent.
  const swapped = code[0] === code[1] ? code.slice(0, -1) + (code.endsWith('2') ? '3' : '2') : code[1] + code[0] + code.slice(2);
  await resumeWith(other, swapped, p.dob, false);
  await expect(problem).toBeFocused();
  await expect(problem).toContainText('Check the reference code');
  await expect(other.getByLabel('Reference code')).toHaveAttribute('aria-invalid', 'true');

  await resumeWith(other, code, { ...p.dob, year: '1986' });
  await expect(problem).toContainText('We could not find saved answers with this reference code and date of birth');
  await expectNoAxeViolations(other, 'a refused reference');

  const expired = await request.post('/demo/handoff/expire', { data: { code } });
  expect(expired.status()).toBe(204);
  await resumeWith(other, code, p.dob);
  await expect(problem).toContainText('This reference code has expired');
  await expect(heading(other, 'Moving house')).toBeVisible();
  await first.close();
  await second.close();
});

test('20 wrong guesses in a row are stopped', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await freshContext(browser, baseURL!);
  const page = await context.newPage();
  failOnPageErrors(page);
  await page.goto('/?journey=moving-house');
  const problem = errorSummary(page);
  for (let guess = 1; guess <= 20; guess++) {
    await resumeWith(page, randomCode(), { day: '1', month: '2', year: '1970' });
    const expected = guess <= 10 ? 'We could not find saved answers' : 'There have been too many tries with wrong details. Wait 15 minutes';
    await expect(problem).toContainText(expected);
  }
  await context.close();
});

test('when the journey has not asked the date of birth, saving asks for it; a save that fails loses nothing', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const context = await freshContext(browser, baseURL!);
  const page = await context.newPage();
  failOnPageErrors(page);
  const p = person();
  // No driving licence and not registered to vote: only the tax record, which needs no date of birth.
  await throughScreening(page, { licence: 'No', voting: 'No', school: 'No' });
  const answers: Record<string, () => Promise<void>> = {
    'What is your name?': async () => {
      await page.getByLabel('First name').fill(p.given);
      await page.getByLabel('Last name').fill(p.family);
    },
    'What is your taxpayer number?': () => page.getByLabel('What is your taxpayer number?').fill(p.taxpayer),
    'What is your new address?': () => fillAddress(page, 'What is your new address?', p.newAddress),
    'When did you move?': () => fillDate(page, 'When did you move?', p.moved),
    'What was your previous address?': () => fillAddress(page, 'What was your previous address?', p.previousAddress),
    'How can services contact you?': async () => {
      await page.getByLabel('Phone number').fill(p.phone);
      await page.getByLabel('Email address (optional)').fill(p.email);
    },
  };
  for (let step = 0; step < 10; step++) {
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toBeFocused();
    const title = await h1.innerText();
    if (title === 'Check your answers before sending') break;
    expect(Object.keys(answers), 'a page this test expects').toContain(title);
    await answers[title]();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  await expect(page.getByRole('term').filter({ hasText: 'Date of birth' })).toHaveCount(0);

  // The date of birth is asked for when the person saves, not before; saving without it is
  // refused, with the reason, and focus on the date.
  const save = page.getByRole('button', { name: 'Save and get a reference' });
  const dob = page.getByRole('group', { name: 'Your date of birth' });
  await expect(dob).toHaveCount(0);
  await save.click();
  await expect(dob.getByLabel('Day')).toBeFocused();
  await expect(dob.getByLabel('Day')).toHaveAttribute('aria-invalid', 'false');
  await expect(dob.locator('.error-message')).toHaveCount(0);
  await save.click();
  await expect(dob.getByLabel('Day')).toBeFocused();
  await expect(dob).toContainText('Enter your date of birth as a real date, for example 27 3 1962');
  await expect(dob.getByLabel('Day')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'saving without a date of birth');

  // The service cannot be reached: said, and nothing typed is lost.
  await page.route('**/handoff/v1/saves', (route) => route.abort('connectionrefused'));
  await dob.getByLabel('Day').fill(p.dob.day);
  await dob.getByLabel('Month').fill(p.dob.month);
  await dob.getByLabel('Year').fill(p.dob.year);
  await save.click();
  await expect(page.getByText('Sorry, we could not reach the service that keeps saved answers. Try again later')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Sorry, we could not reach the service that keeps saved answers. Try again later');
  await expect(dob.getByLabel('Year')).toHaveValue(p.dob.year);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Again, with the service back: the code, then the answers come back with that date of birth.
  await page.unroute('**/handoff/v1/saves');
  await save.click();
  const code = (await page.getByText(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]$/).innerText()).trim();
  const onCheck = await rowsOf(page, '.summary-list__row');
  const other = await (await freshContext(browser, baseURL!)).newPage();
  failOnPageErrors(other);
  await other.goto('/?journey=moving-house');
  await resumeWith(other, code, p.dob);
  await expect(heading(other, 'Check your answers before sending')).toBeFocused();
  expect(await rowsOf(other, '.summary-list__row')).toEqual(onCheck);
  await other.context().close();

  // On the page a Change link opens, the reference is still there, and Save again uses the
  // date of birth given for it: nothing is asked, and a new code comes back.
  await page.getByRole('link', { name: 'Change date you moved' }).click();
  await expect(heading(page, 'When did you move?')).toBeFocused();
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Save again and get a new reference' }).click();
  const again = page.getByText(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]$/);
  await expect(again).not.toHaveText(code);
  await expect(again.locator('xpath=..')).toBeFocused();
  await expect(dob).toHaveCount(0);
  await context.close();
});

test("an agency's own hand-off service, set with handoff-url, gets the save and the resume", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const code = randomCode();
  let saved: { journey: string; version: string; answers: unknown; date_of_birth: string } | undefined;
  let asked: { code: string; date_of_birth: string } | undefined;
  const ours: string[] = [];
  // A browser whose host page names the agency's hand-off API; the agency's backend is played
  // here, and any request to the default hand-off API is noted.
  const agencyBrowser = async (): Promise<BrowserContext> => {
    const context = await freshContext(browser, baseURL!);
    await context.route(/\/\?journey=moving-house$/, async (route) => {
      const html = await (await route.fetch()).text();
      await route.fulfill({ body: html.replace(' standalone>', ' standalone handoff-url="/agency-api/handoff/v1/">'), contentType: 'text/html' });
    });
    await context.route('**/agency-api/handoff/v1/saves', async (route) => {
      saved = route.request().postDataJSON();
      await route.fulfill({ status: 201, json: { code, expires_at: '2027-01-01T00:00:00Z' } });
    });
    await context.route('**/agency-api/handoff/v1/resume', async (route) => {
      asked = route.request().postDataJSON();
      await route.fulfill({
        json: { journey: saved!.journey, version: saved!.version, answers: saved!.answers, saved_at: '2026-12-01T00:00:00Z', expires_at: '2027-01-01T00:00:00Z' },
      });
    });
    context.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/handoff/')) ours.push(r.url());
    });
    return context;
  };

  const first = await agencyBrowser();
  const page = await first.newPage();
  failOnPageErrors(page);
  const p = person();
  await answerAll(page, p);
  const onCheck = await rowsOf(page, '.summary-list__row');
  await page.getByRole('button', { name: 'Save and get a reference' }).click();
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  await expect(page.getByText('We will keep your answers until 1 January 2027.')).toBeVisible();
  const born = `${p.dob.year}-${p.dob.month.padStart(2, '0')}-${p.dob.day.padStart(2, '0')}`;
  expect(saved).toMatchObject({ journey: 'moving-house', date_of_birth: born });

  // Another browser, with no copy of the answers: they come back from the agency.
  const second = await agencyBrowser();
  const other = await second.newPage();
  failOnPageErrors(other);
  await other.goto('/?journey=moving-house');
  await resumeWith(other, code, p.dob, false);
  await expect(heading(other, 'Check your answers before sending')).toBeFocused();
  expect(asked).toEqual({ code: code.replace(/-/g, ''), date_of_birth: born });
  expect(await rowsOf(other, '.summary-list__row')).toEqual(onCheck);
  expect(ours, 'nothing went to the default hand-off API').toEqual([]);
  await first.close();
  await second.close();
});
