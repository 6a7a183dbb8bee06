// Prefill: a signed-in person's details come from their Revenue Service record. Each prefilled
// field says so and stays editable. When the record cannot be had — the agency answers 500,
// never answers, or answers garbage — the person is told, types their details, and still
// completes the journey.
import { expect, test, type Page } from '@playwright/test';
import { PORT } from './server';
import {
  answerAll,
  expectNoAxeViolations,
  failOnPageErrors,
  fillAddress,
  fillDate,
  heading,
  person,
  records,
  sendFromCheck,
} from './support';

const PROFILE = '**/agencies/revenue/v1/taxpayers/me';
const FROM_RECORD = 'From your Revenue Service record';

async function signIn(page: Page): Promise<void> {
  await page.context().addCookies([{ name: 'demo_session', value: 'demo', url: `http://127.0.0.1:${PORT}` }]);
}

test('prefilled fields say where they came from and stay editable', async ({ page }) => {
  test.setTimeout(60_000);
  failOnPageErrors(page);
  await signIn(page);
  const p = person();
  await page.goto('/?journey=moving-house');
  await expect(page.getByRole('status').filter({ hasText: 'We have filled in some of your details from your Revenue Service record' })).toBeVisible();
  await expectNoAxeViolations(page, 'start page, prefilled');
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: 'No' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: 'No' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Name: prefilled, described as from the record; the person corrects the first name.
  const name = page.getByRole('group', { name: 'What is your name?' });
  await expect(name).toHaveAccessibleDescription(new RegExp(FROM_RECORD));
  await expect(name.getByLabel('First name')).toHaveValue('Sam');
  await expect(name.getByLabel('Last name')).toHaveValue('Okafor');
  await expectNoAxeViolations(page, 'a prefilled question');
  await name.getByLabel('First name').fill(p.given);
  await page.getByRole('button', { name: 'Continue' }).click();

  const dob = page.getByRole('group', { name: 'What is your date of birth?' });
  await expect(dob).toHaveAccessibleDescription(new RegExp(FROM_RECORD));
  await expect(dob.getByLabel('Day')).toHaveValue('7');
  await expect(dob.getByLabel('Month')).toHaveValue('3');
  await expect(dob.getByLabel('Year')).toHaveValue('1984');
  await page.getByRole('button', { name: 'Continue' }).click();

  // Not in the record: empty, and no claim about where it came from.
  const licence = page.getByLabel('What is your driving licence number?');
  await expect(licence).toHaveValue('');
  await expect(licence).not.toHaveAccessibleDescription(new RegExp(FROM_RECORD));
  await licence.fill(p.licence);
  await page.getByRole('button', { name: 'Continue' }).click();

  const taxpayer = page.getByLabel('What is your taxpayer number?');
  await expect(taxpayer).toHaveValue('1234567890');
  await expect(taxpayer).toHaveAccessibleDescription(new RegExp(FROM_RECORD));
  await page.getByRole('button', { name: 'Continue' }).click();

  await fillAddress(page, 'What is your new address?', p.newAddress);
  await page.getByRole('button', { name: 'Continue' }).click();
  await fillDate(page, 'When did you move?', p.moved);
  await page.getByRole('button', { name: 'Continue' }).click();

  // The record's address is where the person lived before.
  const previous = page.getByRole('group', { name: 'What was your previous address?' });
  await expect(previous).toHaveAccessibleDescription(new RegExp(FROM_RECORD));
  await expect(previous.getByLabel('Address line 1')).toHaveValue('12 Acacia Avenue');
  await expect(previous.getByLabel('Postcode')).toHaveValue('LS1 4AP');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(heading(page, 'How can services contact you?')).toBeFocused();
  await expect(page.getByLabel('Phone number')).toHaveValue('07700 900123');
  await expect(page.getByLabel('Phone number')).toHaveAccessibleDescription(new RegExp(FROM_RECORD));
  await page.getByRole('button', { name: 'Continue' }).click();

  // Check your answers: the corrected name is the person's own; the rest came from the record.
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  const term = (label: string) => page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) });
  await expect(term('Name')).toHaveCount(1);
  const sources = page.getByRole('definition').filter({ hasText: FROM_RECORD });
  await expect(sources).toHaveCount(5); // date of birth, taxpayer number, previous address, phone, email
  await sendFromCheck(page);

  const tax = records('revenue').filter((r) => r.fields.first_name === p.given);
  expect(tax).toHaveLength(1);
  expect(tax[0].fields).toMatchObject({
    last_name: 'Okafor',
    taxpayer_number: '1234567890',
    previous_address_line_1: '12 Acacia Avenue',
    phone: '07700900123',
    email: 'sam.okafor@example.com',
  });
});

const failures: [string, (page: Page) => Promise<void>][] = [
  ['answers 500', (page) => page.route(PROFILE, (route) => route.fulfill({ status: 500, body: '{"errors":[]}' }))],
  ['answers garbage', (page) => page.route(PROFILE, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '<html>Service Unavailable' }))],
  // Never answers: the app gives up after the journey's 5 seconds.
  ['never answers', (page) => page.route(PROFILE, () => new Promise<void>(() => {}))],
];

for (const [what, fault] of failures) {
  test(`when the record service ${what}, the journey goes on without it`, async ({ page }) => {
    test.setTimeout(60_000);
    failOnPageErrors(page);
    await signIn(page);
    await fault(page);
    const p = person();
    await page.goto('/?journey=moving-house');
    const notice = page.getByRole('status').filter({ hasText: 'We could not get your details from your Revenue Service record just now' });
    await expect(notice).toBeVisible({ timeout: 10_000 });
    await expectNoAxeViolations(page, `start page, prefill ${what}`);
    await answerAll(page, p);
    await expect(page.getByRole('definition').filter({ hasText: FROM_RECORD })).toHaveCount(0);
    await sendFromCheck(page);
    expect(records('revenue').filter((r) => r.fields.first_name === p.given)).toHaveLength(1);
  });
}
