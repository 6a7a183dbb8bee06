// Empty and wrong answers show the error summary, focused; each link focuses its field; the
// message is tied to the field; fixing the answer clears the error.
import { expect, test } from '@playwright/test';
import { answerAboutThePerson, answerTheMove, errorSummary, failOnPageErrors, fillAddress, fillDate, heading, person, throughScreening } from './support';

test.beforeEach(async ({ page }) => {
  failOnPageErrors(page);
  await throughScreening(page);
});

const summary = (page: import('@playwright/test').Page) => errorSummary(page);

test('an empty name shows both problems, and each link focuses its field', async ({ page }) => {
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(summary(page)).toBeFocused();
  await expect(page).toHaveTitle('Error: What is your name? – Moving house – Tell Once');
  const links = summary(page).getByRole('link');
  await expect(links).toHaveText(['Enter your first name', 'Enter your last name']);

  const first = page.getByLabel('First name');
  const last = page.getByLabel('Last name');
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(first).toHaveAccessibleDescription('Error: Enter your first name');
  await expect(last).toHaveAccessibleDescription('Error: Enter your last name');

  await summary(page).getByRole('link', { name: 'Enter your last name' }).click();
  await expect(last).toBeFocused();
  // Keyboard too: from the summary, Enter on a link.
  await summary(page).getByRole('link', { name: 'Enter your first name' }).focus();
  await page.keyboard.press('Enter');
  await expect(first).toBeFocused();

  // Fix one: only the other remains, and the fixed field is no longer invalid.
  await first.fill('Grace');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole('link')).toHaveText(['Enter your last name']);
  await expect(first).toHaveAttribute('aria-invalid', 'false');
  await expect(first).toHaveValue('Grace');

  // Fix both: on to the next page, no error left.
  await last.fill('Hopper');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'What is your date of birth?')).toBeFocused();
  await expect(summary(page)).toHaveCount(0);
  await expect(page).toHaveTitle('What is your date of birth? – Moving house – Tell Once');
});

test('each kind of wrong date gets its own message, tied to the date', async ({ page }) => {
  await page.getByLabel('First name').fill('Grace');
  await page.getByLabel('Last name').fill('Hopper');
  await page.getByRole('button', { name: 'Continue' }).click();

  const group = page.getByRole('group', { name: 'What is your date of birth?' });
  const cases: Array<[{ day: string; month: string; year: string }, string, string]> = [
    [{ day: '', month: '', year: '' }, 'Enter your date of birth', 'Day'],
    [{ day: '3', month: '', year: '1990' }, 'Your date of birth must include a month', 'Month'],
    [{ day: '31', month: '2', year: '1990' }, 'Your date of birth must be a real date', 'Day'],
    [{ day: '3', month: '4', year: '90' }, 'The year of your date of birth must include 4 numbers, like 2026', 'Year'],
    [{ day: '1', month: '1', year: '2999' }, 'Your date of birth must be in the past', 'Day'],
  ];
  for (const [date, message, focused] of cases) {
    await fillDate(page, 'What is your date of birth?', date);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(summary(page)).toBeFocused();
    await expect(summary(page).getByRole('link')).toHaveText([message]);
    await expect(group).toHaveAccessibleDescription(`For example, 27 3 1985 Error: ${message}`);
    await summary(page).getByRole('link', { name: message }).click();
    await expect(group.getByLabel(focused)).toBeFocused();
  }
  // Only the part at fault is marked invalid.
  await fillDate(page, 'What is your date of birth?', { day: '3', month: '13', year: '1990' });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(group.getByLabel('Month')).toHaveAttribute('aria-invalid', 'true');
  await expect(group.getByLabel('Day')).toHaveAttribute('aria-invalid', 'false');

  await fillDate(page, 'What is your date of birth?', { day: '3', month: 'Apr', year: '1990' });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'What is your driving licence number?')).toBeFocused();
});

test('an address names what is missing and refuses a postcode that is not one', async ({ page }) => {
  await answerAboutThePerson(page, person());

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(summary(page).getByRole('link')).toHaveText([
    'Enter the building and street of your new address',
    'Enter the town or city of your new address',
    'Enter the postcode of your new address',
  ]);
  await page.getByLabel('Address line 1').fill('1 High Street');
  await page.getByLabel('Town or city').fill('Leeds');
  await page.getByLabel('Postcode').fill('LS1');
  await page.getByRole('button', { name: 'Continue' }).click();
  const message = 'Enter a real postcode for your new address, like SW1A 1AA';
  await expect(summary(page).getByRole('link')).toHaveText([message]);
  await expect(page.getByLabel('Postcode')).toHaveAccessibleDescription(`Error: ${message}`);
  await expect(page.getByLabel('Address line 1')).toHaveValue('1 High Street');
  await page.getByLabel('Postcode').fill('LS1 4AP');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'When did you move?')).toBeFocused();

  // A move in the future is refused with a message naming the date.
  await fillDate(page, 'When did you move?', { day: '1', month: '1', year: '2999' });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(summary(page).getByRole('link')).toHaveText(['The date you moved must be today or in the past']);
});

test('contact details: the phone number is needed, and both must look like what they are', async ({ page }) => {
  const p = person();
  await answerAboutThePerson(page, p);
  await answerTheMove(page, p);
  await expect(heading(page, 'How can services contact you?')).toBeFocused();

  // Nothing given: only the phone number is asked for; the email address is optional.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole('link')).toHaveText(['Enter your phone number']);
  const phone = page.getByLabel('Phone number');
  const email = page.getByLabel('Email address (optional)');
  await expect(phone).toHaveAccessibleDescription('In case a service has a question. Error: Enter your phone number');
  await expect(email).toHaveAttribute('aria-invalid', 'false');

  // Given, but not a phone number or an email address.
  await phone.fill('call me');
  await email.fill('ada@example');
  await page.getByRole('button', { name: 'Continue' }).click();
  const messages = [
    'Enter your phone number in the correct format, like 01632 960 001 or +1 202 555 0143',
    'Enter your email address in the correct format, like name@example.com',
  ];
  await expect(summary(page).getByRole('link')).toHaveText(messages);
  await expect(email).toHaveAccessibleDescription(`Error: ${messages[1]}`);
  await summary(page).getByRole('link', { name: messages[1] }).click();
  await expect(email).toBeFocused();

  // Fixed, or left out: on to check your answers.
  await phone.fill(p.phone);
  await email.fill('');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
});
