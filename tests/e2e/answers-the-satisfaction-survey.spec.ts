// After sending Moving house, the person may answer the customer-experience survey (OMB A-11
// section 280) with the keyboard alone, or skip it. Only the journey, the ratings and the comment
// reach the server: nothing about the person.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DB, SERVER_BIN } from './server';
import {
  answerAll,
  errorSummary,
  expectNoAxeViolations,
  failOnPageErrors,
  heading,
  person,
  sendFromCheck,
  tabTo,
} from './support';

// The skip test counts what is stored, so this file's tests must not run side by side.
test.describe.configure({ mode: 'serial' });

interface Feedback {
  id: number;
  journey: string;
  version: string;
  ratings: Record<string, number | null>;
  comment: string | null;
  received_at: number;
}

/** Every answer to the survey in SQLite, read with the server's own `feedback` command. */
function feedback(): Feedback[] {
  const out = execFileSync(SERVER_BIN, ['feedback', '--db', DB], { encoding: 'utf8' });
  return JSON.parse(out) as Feedback[];
}

const VERSION = JSON.parse(readFileSync('public/journeys/moving-house.json', 'utf8')).version as string;

const SATISFACTION = 'I am satisfied with the service I received.';
const TRUST = 'This interaction increased my trust in the government.';
const EFFECTIVENESS = 'My need was addressed.';
const EASE = 'It was easy to complete what I needed to do.';
const EFFICIENCY = 'It took a reasonable amount of time to do what I needed to do.';
const EQUITY = 'I was treated fairly.';
const TRANSPARENCY = 'I understood what was being asked of me throughout the process.';

function option(page: Page, statement: string, answer: string) {
  return page.getByRole('group', { name: statement }).getByRole('radio', { name: answer, exact: true });
}

test('answers the survey with the keyboard, and only the answers arrive', async ({ page }) => {
  test.setTimeout(60_000); // a whole journey sent, then the survey key by key, with axe
  failOnPageErrors(page);
  const p = person();
  const sentBodies: { body: string; cookie?: string }[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/feedback') {
      sentBodies.push({ body: request.postData() ?? '', cookie: request.headers()['cookie'] });
    }
  });
  await answerAll(page, p);
  await sendFromCheck(page);

  const survey = page.getByRole('region', { name: 'Tell us about your experience (optional)' });
  await expect(survey).toBeVisible();
  for (const statement of [SATISFACTION, TRUST, EFFECTIVENESS, EASE, EFFICIENCY, EQUITY, TRANSPARENCY]) {
    await expect(survey.getByRole('group', { name: statement })).toBeVisible();
    await expect(survey.getByRole('group', { name: statement }).getByRole('radio')).toHaveCount(5);
  }
  const comment = survey.getByRole('textbox', { name: 'What could we do better? (optional)' });
  await expect(comment).toHaveAccessibleDescription(
    'Do not include personal information, such as your name or reference number. You have 1200 characters remaining',
  );
  await expectNoAxeViolations(page, 'the survey on the confirmation page');

  // Sending nothing: the error summary, focused, and the message beside the statements.
  await page.getByRole('button', { name: 'Send feedback' }).click();
  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Choose at least one answer or write a comment');
  await expect(survey.locator('.error-message').first()).toHaveText('Error: Choose at least one answer or write a comment');
  await expect(survey.getByRole('group', { name: SATISFACTION })).toHaveAccessibleDescription(
    'Error: Choose at least one answer or write a comment',
  );
  await expectNoAxeViolations(page, 'the survey with an error');
  expect(sentBodies, 'nothing sent while empty').toEqual([]);

  // From the summary's link to the first statement, then only Tab, arrows, Space and typing.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(option(page, SATISFACTION, 'Strongly disagree')).toBeFocused();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await expect(option(page, SATISFACTION, 'Strongly agree')).toBeChecked();
  await tabTo(page, option(page, TRUST, 'Strongly disagree'));
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(option(page, TRUST, 'Agree')).toBeChecked();
  // Effectiveness is left unanswered: Tab passes it by.
  await tabTo(page, option(page, EFFECTIVENESS, 'Strongly disagree'));
  await tabTo(page, option(page, EASE, 'Strongly disagree'));
  await page.keyboard.press('Space');
  await expect(option(page, EASE, 'Strongly disagree')).toBeChecked();
  await tabTo(page, option(page, EFFICIENCY, 'Strongly disagree'));
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
  await expect(option(page, EFFICIENCY, 'Neither agree nor disagree')).toBeChecked();
  await tabTo(page, option(page, EQUITY, 'Strongly disagree'));
  await page.keyboard.press('ArrowDown');
  await expect(option(page, EQUITY, 'Disagree')).toBeChecked();
  await tabTo(page, option(page, TRANSPARENCY, 'Strongly disagree'));
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(option(page, TRANSPARENCY, 'Agree')).toBeChecked();
  await expect(survey.getByRole('radio', { checked: true })).toHaveCount(6);

  const text = `Ask for the date of the move first (${randomUUID().slice(0, 8)})`;
  await tabTo(page, comment);
  await page.keyboard.type(text);
  await expect(survey.getByText(`You have ${1200 - text.length} characters remaining`)).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Send feedback' }));
  await page.keyboard.press('Enter');
  const thanks = page.getByRole('heading', { name: 'Thank you for your feedback.' });
  await expect(thanks).toBeFocused();
  await expect(summary).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send feedback' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'the survey once sent');

  // What the browser sent: the journey, the ratings and the comment, without cookies.
  expect(sentBodies).toHaveLength(1);
  expect(sentBodies[0].cookie).toBeUndefined();
  expect(Object.keys(JSON.parse(sentBodies[0].body)).sort()).toEqual(['comment', 'journey', 'ratings', 'version']);

  // What the server stored: exactly these answers, and nothing about the person.
  const mine = feedback().filter((f) => f.comment === text);
  expect(mine).toHaveLength(1);
  const { id, received_at, ...stored } = mine[0];
  expect(id).toBeGreaterThan(0);
  expect(received_at).toBeGreaterThan(0);
  expect(stored).toEqual({
    journey: 'moving-house',
    version: VERSION,
    ratings: {
      satisfaction: 5,
      trust: 4,
      effectiveness: null,
      ease: 1,
      efficiency: 3,
      equity: 2,
      transparency: 4,
    },
    comment: text,
  });
  const json = JSON.stringify(mine[0]).toLowerCase();
  for (const personal of [
    p.given,
    p.family,
    p.email,
    p.phone,
    p.phone.replace(/ /g, ''),
    p.newAddress.postcode,
    'SW1Y 4LB',
    p.previousAddress.postcode,
    p.licence,
    p.taxpayer.replace(/ /g, ''),
  ]) {
    expect(json, `no ${personal} in the stored feedback`).not.toContain(personal.toLowerCase());
  }
  expect(JSON.stringify(sentBodies).toLowerCase()).not.toContain(p.given.toLowerCase());
});

test('skips the survey: the confirmation works without it and nothing is stored', async ({ page }) => {
  failOnPageErrors(page);
  const before = feedback().length;
  const p = person();
  await answerAll(page, p);
  await sendFromCheck(page);
  await expect(page.getByRole('heading', { name: 'Tell us about your experience (optional)' })).toBeVisible();
  // The receipt and everything else on the page is there without answering.
  await expect(page.getByRole('heading', { name: 'What was sent' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print or save this receipt' })).toBeVisible();
  // Moving on is one click; the survey asks nothing of the person who leaves it.
  await page.getByRole('link', { name: 'Tell us about another life event' }).click();
  await expect(heading(page, 'Tell government once')).toBeFocused();
  expect(feedback()).toHaveLength(before);
});
