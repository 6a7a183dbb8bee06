// The accessible tree of each kind of page, as a screen reader gets it: roles, names, states,
// headings and landmarks, compared whole with a snapshot committed in tests/e2e/aria-snapshots/
// (see playwright.config.ts). A change that renames, re-roles or loses a control, a label, a
// heading level, a checked or invalid state fails here; when the change is meant, run Playwright
// with --update-snapshots and review the diff of the .aria.yml files like any other change.
// What differs from run to run (agency references, the time sent) is a pattern in the file.
//
// Pages: the list of life events and search results; Moving house's start, a yes/no question
// and its error state, "Services you can use", name, date, national identifier, address, phone and
// email (in error too), check your answers, who gets what (and in error) and the confirmation; and
// from the test journey with every field type, checkboxes, a number, radios, an item of a
// repeating group and the list of items, a question shown by a condition, money, a select and
// long text.
import { expect, test, type Page } from '@playwright/test';
import { failOnPageErrors, fillAddress, fillDate, heading, person, startEveryField } from './support';

const snapshot = (page: Page, name: string) => expect(page.locator('main')).toMatchAriaSnapshot({ name: `${name}.aria.yml` });
const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue' });

test('Moving house and the list of life events, page by page', async ({ page }) => {
  test.setTimeout(60_000);
  failOnPageErrors(page);
  // Fixed words, so what is shown is the same each run (the agencies' references are not).
  const p = { ...person(), given: 'Ada', email: 'ada@example.com' };

  await page.goto('/');
  await expect(heading(page, 'Tell government once')).toBeVisible();
  await snapshot(page, 'life-events');
  await page.getByRole('searchbox', { name: 'What has happened?' }).fill('new address');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { name: 'Search results' })).toBeVisible();
  await snapshot(page, 'search-results');

  await page.goto('/?journey=moving-house');
  await expect(heading(page, 'Moving house')).toBeVisible();
  await snapshot(page, 'start');
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(heading(page, 'Do you have a driving licence?')).toBeFocused();
  await snapshot(page, 'question-yes-no');
  await continueButton(page).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await snapshot(page, 'question-yes-no-errors');
  await page.getByRole('radio', { name: 'Yes' }).check();
  await continueButton(page).click();
  await page.getByRole('radio', { name: 'Yes' }).check();
  await continueButton(page).click();
  // Children at school: "Services you can use" also suggests telling the school.
  await expect(heading(page, 'Do you have children at school?')).toBeFocused();
  await page.getByRole('radio', { name: 'Yes' }).check();
  await continueButton(page).click();
  await expect(heading(page, 'Services you can use')).toBeFocused();
  await snapshot(page, 'services');
  await continueButton(page).click();

  await expect(heading(page, 'What is your name?')).toBeFocused();
  await snapshot(page, 'question-name');
  await page.getByLabel('First name').fill(p.given);
  await page.getByLabel('Last name').fill(p.family);
  await continueButton(page).click();
  await expect(heading(page, 'What is your date of birth?')).toBeFocused();
  await fillDate(page, 'What is your date of birth?', { day: '31', month: '2', year: '1985' });
  await continueButton(page).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await snapshot(page, 'question-date-errors');
  await fillDate(page, 'What is your date of birth?', p.dob);
  await continueButton(page).click();
  await expect(heading(page, 'What is your driving licence number?')).toBeFocused();
  await snapshot(page, 'question-national-id');
  await page.getByLabel('What is your driving licence number?').fill(p.licence);
  await continueButton(page).click();
  await page.getByLabel('What is your taxpayer number?').fill(p.taxpayer);
  await continueButton(page).click();
  await expect(heading(page, 'What is your new address?')).toBeFocused();
  await snapshot(page, 'question-address');
  await fillAddress(page, 'What is your new address?', p.newAddress);
  await continueButton(page).click();
  await fillDate(page, 'When did you move?', p.moved);
  await continueButton(page).click();
  await fillAddress(page, 'What was your previous address?', p.previousAddress);
  await continueButton(page).click();
  await expect(heading(page, 'How can services contact you?')).toBeFocused();
  await page.getByLabel('Email address (optional)').fill('ada@');
  await continueButton(page).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await snapshot(page, 'question-phone-email-errors');
  await page.getByLabel('Phone number').fill(p.phone);
  await page.getByLabel('Email address (optional)').fill(p.email);
  await continueButton(page).click();

  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  await snapshot(page, 'check-answers');
  await continueButton(page).click();
  await expect(heading(page, 'Who gets what')).toBeFocused();
  await snapshot(page, 'consent');
  for (const choice of await page.getByRole('checkbox').all()) await choice.uncheck();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await snapshot(page, 'consent-errors');
  for (const choice of await page.getByRole('checkbox').all()) await choice.check();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(heading(page, 'Details sent')).toBeFocused({ timeout: 15_000 });
  await snapshot(page, 'confirmation');
});

test('every other field type, and a repeating group', async ({ page }) => {
  await startEveryField(page);
  await page.getByRole('radio', { name: 'Yes' }).check();
  await continueButton(page).click();
  await expect(heading(page, 'Which of these do you get?')).toBeFocused();
  await snapshot(page, 'question-checkboxes');
  await page.getByRole('checkbox', { name: 'State pension' }).check();
  await continueButton(page).click();
  await continueButton(page).click();
  await page.getByLabel('What is your driving licence number?').fill('MORGA753116SM9IJ');
  await continueButton(page).click();
  await expect(heading(page, 'How many people live in your home?')).toBeFocused();
  await snapshot(page, 'question-number');
  await page.getByLabel('How many people live in your home?').fill('3');
  await continueButton(page).click();
  await expect(heading(page, "What is your household's income each year?")).toBeFocused();
  await snapshot(page, 'question-radios');
  await page.getByRole('radio', { name: '£20,000 to £40,000' }).check();
  await continueButton(page).click();
  await expect(heading(page, 'Tell us about a child who lives with you')).toBeFocused();
  await snapshot(page, 'repeating-group-item');
  await page.getByLabel("Child's first name").fill('Ada');
  await fillDate(page, "Child's date of birth", { day: '3', month: '4', year: '2021' });
  await continueButton(page).click();
  await expect(heading(page, 'You have added 1 child')).toBeFocused();
  await snapshot(page, 'repeating-group-list');
  await page.getByRole('radio', { name: 'No' }).check();
  await continueButton(page).click();
  await expect(heading(page, 'How can we contact you?')).toBeFocused();
  await snapshot(page, 'question-shown-by-a-condition');
  await page.getByLabel('Email address').fill('ada@example.com');
  await page.getByRole('group', { name: 'Can Motor Vehicles email you about your licence?' }).getByRole('radio', { name: 'Yes' }).check();
  await continueButton(page).click();
  await expect(heading(page, 'How much do you earn each week?')).toBeFocused();
  await snapshot(page, 'question-money');
  await page.getByLabel('How much do you earn each week?').fill('600');
  await continueButton(page).click();
  await expect(heading(page, 'Which region do you live in?')).toBeFocused();
  await snapshot(page, 'question-select');
  await page.getByLabel('Which region do you live in?').selectOption({ label: 'South' });
  await continueButton(page).click();
  await expect(heading(page, 'Is there anything else we should know?')).toBeFocused();
  await snapshot(page, 'question-long-text');
});
