// Every field type, screening with "Services you can use", a page shown by a condition, and
// the answers reaching two agencies with their own types (booleans, numbers, lists).
import { expect, test, type Page } from '@playwright/test';
import { errorSummary, expectNoAxeViolations, heading, sendFromCheck, startEveryField } from './support';

async function fillChildDate(page: Page, day: string, month: string, year: string) {
  const group = page.getByRole('group', { name: "Child's date of birth" });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue' });
const summary = (page: Page) => errorSummary(page);

test('answers every kind of question and each agency gets typed answers', async ({ page }) => {
  test.setTimeout(60_000); // six axe runs
  const received = await startEveryField(page);

  // Yes/no: a specific message when nothing is chosen.
  await expect(heading(page, 'Do you have a driving licence?')).toBeFocused();
  await continueButton(page).click();
  await expect(summary(page).getByRole('link')).toHaveText(['Select yes if you have a driving licence, or no if not']);
  await expectNoAxeViolations(page, 'yes/no in error');
  await summary(page).getByRole('link').click();
  await expect(page.getByRole('radio', { name: 'Yes' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Yes' })).toBeChecked();
  await continueButton(page).click();

  // Checkboxes: "None of these" clears the others, and the others clear it.
  await expect(heading(page, 'Which of these do you get?')).toBeFocused();
  await page.getByRole('checkbox', { name: 'State pension' }).check();
  await page.getByRole('checkbox', { name: 'None of these' }).check();
  await expect(page.getByRole('checkbox', { name: 'State pension' })).not.toBeChecked();
  await page.getByRole('checkbox', { name: 'Housing support' }).check();
  await expect(page.getByRole('checkbox', { name: 'None of these' })).not.toBeChecked();
  await page.getByRole('checkbox', { name: 'State pension' }).check();
  await expectNoAxeViolations(page, 'checkboxes');
  await continueButton(page).click();

  // Services you can use: both apply, each with its reason.
  await expect(heading(page, 'Services you can use')).toBeFocused();
  await expect(page.getByText('because you have a driving licence')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Update your driving licence' })).toBeVisible();
  await expectNoAxeViolations(page, 'services you can use');
  await continueButton(page).click();

  // A national identifier with a format.
  await expect(heading(page, 'What is your driving licence number?')).toBeFocused();
  await page.getByLabel('What is your driving licence number?').fill('MORGA 7531');
  await continueButton(page).click();
  await expect(summary(page).getByRole('link')).toHaveText([
    'Enter your driving licence number in the correct format, like MORGA753116SM9IJ',
  ]);
  await page.getByLabel('What is your driving licence number?').fill('morga-753116-sm9ij');
  await continueButton(page).click();

  // A number with rules; one person at home skips the income page (its condition).
  await page.getByLabel('How many people live in your home?').fill('2.5');
  await continueButton(page).click();
  await expect(summary(page).getByRole('link')).toHaveText(['How many people live in your home must be a whole number']);
  await page.getByLabel('How many people live in your home?').fill('1');
  await continueButton(page).click();
  await expect(heading(page, 'How can we contact you?')).toBeFocused();

  // Back, change to three people: now the income page is asked.
  await page.getByRole('link', { name: 'Back' }).click();
  await page.getByLabel('How many people live in your home?').fill('3');
  await continueButton(page).click();
  await expect(heading(page, "What is your household's income each year?")).toBeFocused();
  await page.getByRole('radio', { name: '£20,000 to £40,000' }).check();
  await continueButton(page).click();

  // A repeating group: one child, then no more.
  await expect(heading(page, 'Tell us about a child who lives with you')).toBeFocused();
  await page.getByLabel("Child's first name").fill('Ada');
  await fillChildDate(page, '3', '4', '2021');
  await continueButton(page).click();
  await expect(heading(page, 'You have added 1 child')).toBeFocused();
  await page.getByRole('radio', { name: 'No' }).check();
  await continueButton(page).click();

  // Two questions on one page: email required, phone optional but checked if given.
  await expect(heading(page, 'How can we contact you?')).toBeFocused();
  await page.getByLabel('Email address').fill('ada@example');
  await page.getByLabel('Phone number (optional)').fill('call me');
  await continueButton(page).click();
  await expect(summary(page).getByRole('link')).toHaveText([
    'Enter your email address in the correct format, like name@example.com',
    'Enter your phone number in the correct format, like 01632 960 001 or +1 202 555 0143',
    'Select yes if Motor Vehicles can email you about your licence, or no if not',
  ]);
  await expect(page.getByLabel('Email address')).toHaveAttribute('type', 'email');
  await expect(page.getByLabel('Email address')).toHaveAttribute('autocomplete', 'email');
  await expectNoAxeViolations(page, 'two questions in error');
  await page.getByLabel('Email address').fill('ada@example.com');
  await page.getByLabel('Phone number (optional)').fill('');
  // A question shown by its own condition (this person has a licence).
  await page.getByRole('group', { name: 'Can Motor Vehicles email you about your licence?' }).getByRole('radio', { name: 'Yes' }).check();
  await continueButton(page).click();

  // Money, a select, and long text.
  await page.getByLabel('How much do you earn each week?').fill('1,234.5');
  await continueButton(page).click();
  await expect(heading(page, 'Which region do you live in?')).toBeFocused();
  await continueButton(page).click();
  await expect(summary(page).getByRole('link')).toHaveText(['Select your region']);
  await page.getByLabel('Which region do you live in?').selectOption({ label: 'South' });
  await continueButton(page).click();
  await page.getByLabel('Is there anything else we should know?').fill('First line\nSecond line');
  await continueButton(page).click();

  // Check answers: written out as a person reads them; the income page is there.
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  const value = (label: string) => page.getByRole('term').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]');
  await expect(value('Benefits')).toHaveText('State pensionHousing support');
  await expect(value('Household income')).toHaveText('£20,000 to £40,000');
  await expect(value('Weekly earnings')).toHaveText('£1234.50');
  await expect(value('Region')).toHaveText('South');
  await expectNoAxeViolations(page, 'check answers with every field type');

  // Who gets what: Motor Vehicles gets only what its connector uses; Social Insurance more.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Who gets what')).toBeFocused();
  const licenceGets = page.getByRole('region', { name: 'Update your driving licence' });
  await expect(licenceGets.getByText('Motor Vehicles will get:')).toBeVisible();
  await expect(licenceGets.getByRole('term')).toHaveText(['Licence number', 'Email address']);
  const householdGets = page.getByRole('region', { name: 'Tell us about your household' });
  await expect(householdGets.getByRole('term').filter({ hasText: 'Household income' })).toHaveCount(1);
  await expect(householdGets.getByRole('term').filter({ hasText: 'Licence number' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'who gets what with every field type');
  await page.getByRole('button', { name: 'Send' }).click();

  await expect(heading(page, 'Details sent')).toBeFocused();
  const outcomes = page.getByRole('heading', { level: 2, name: 'What happened to each service' }).locator('xpath=following-sibling::dl[1]');
  await expect(outcomes.getByRole('definition')).toHaveText(['Sent. Reference: MV-2026-000001', 'Sent. Reference: SI-42']);
  expect(received.licence).toEqual({ licenceNumber: 'MORGA753116SM9IJ', holder: { email: 'ada@example.com' } });
  expect(received.household).toEqual({
    hasLicence: true,
    benefits: ['pension', 'housing'],
    size: 3,
    income: '20k_to_40k',
    email: 'ada@example.com',
    phone: null,
    weekly: '1234.50',
    region: 'south',
    notes: 'First line\nSecond line',
    children: [{ name: 'Ada', date_of_birth: '2021-04-03' }],
    licenceEmailOk: true,
  });
});

test('a service that does not apply is explained and its questions are not asked', async ({ page }) => {
  const received = await startEveryField(page);
  await page.getByRole('radio', { name: 'No' }).check();
  await continueButton(page).click();
  await page.getByRole('checkbox', { name: 'None of these' }).check();
  await continueButton(page).click();
  await expect(heading(page, 'Services you can use')).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Services that do not apply to you' })).toBeVisible();
  await expect(page.getByText('because you do not have a driving licence')).toBeVisible();
  await continueButton(page).click();
  // No licence: straight to the household, never the licence number.
  await expect(heading(page, 'How many people live in your home?')).toBeFocused();
  await page.getByLabel('How many people live in your home?').fill('1');
  await continueButton(page).click();
  await page.getByLabel('Email address').fill('grace@example.com');
  // No licence: the question about licence emails is not asked.
  await expect(page.getByRole('group', { name: 'Can Motor Vehicles email you about your licence?' })).toHaveCount(0);
  await continueButton(page).click();
  await page.getByLabel('How much do you earn each week?').fill('600');
  await continueButton(page).click();
  await page.getByLabel('Which region do you live in?').selectOption({ label: 'North' });
  await continueButton(page).click();
  await continueButton(page).click();
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  await expect(page.getByRole('term').filter({ hasText: 'Licence number' })).toHaveCount(0);
  await expect(page.getByRole('term').filter({ hasText: 'Household income' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Who gets what')).toBeFocused();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Tell us about your household', 'Save and get a reference', 'Your answers']);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(heading(page, 'Details sent')).toBeFocused();
  // One service: its reference is shown first.
  await expect(page.getByText(/^Your reference number/)).toHaveText('Your reference numberSI-42');
  expect(received.licence).toBeUndefined();
  expect(received.household).toMatchObject({ hasLicence: false, benefits: ['none'], size: 1, income: null, notes: null, licenceEmailOk: null });
});

test('adds two children, changes one and removes one, with the keyboard', async ({ page }) => {
  const received = await startEveryField(page);
  await page.getByRole('radio', { name: 'No' }).check();
  await continueButton(page).click();
  await page.getByRole('checkbox', { name: 'None of these' }).check();
  await continueButton(page).click();
  await continueButton(page).click();
  await page.getByLabel('How many people live in your home?').fill('4');
  await continueButton(page).click();
  await page.getByRole('radio', { name: 'Under £20,000' }).check();
  await continueButton(page).click();

  // The first child; a mistake first.
  await expect(page.getByText('Child 1', { exact: true })).toBeVisible();
  await continueButton(page).click();
  await expect(summary(page).getByRole('link')).toHaveText(["Enter the child's first name", "Enter the child's date of birth"]);
  await expectNoAxeViolations(page, 'a child in error');
  await page.getByLabel("Child's first name").fill('Ada');
  await fillChildDate(page, '3', '4', '2021');
  await continueButton(page).click();

  // The list; add another.
  await expect(heading(page, 'You have added 1 child')).toBeFocused();
  await expect(page).toHaveTitle(/^You have added 1 child – /);
  await continueButton(page).click();
  await expect(summary(page).getByRole('link')).toHaveText(['Select yes if you need to add another child, or no if not']);
  await page.getByRole('radio', { name: 'Yes' }).check();
  await expectNoAxeViolations(page, 'the list of children');
  await continueButton(page).click();
  await expect(page.getByText('Child 2', { exact: true })).toBeVisible();
  await expect(page.getByLabel("Child's first name")).toHaveValue('');
  await page.getByLabel("Child's first name").fill('Byron');
  await fillChildDate(page, '5', '6', '2023');
  await continueButton(page).click();
  await expect(heading(page, 'You have added 2 children')).toBeFocused();
  await expect(page.getByRole('term')).toHaveText(['Child 1', 'Child 2']);

  // Change the first: back to the list afterwards, with the new name.
  await page.getByRole('link', { name: 'Change child 1' }).click();
  await expect(page.getByLabel("Child's first name")).toHaveValue('Ada');
  await page.getByLabel("Child's first name").fill('Augusta');
  await continueButton(page).click();
  await expect(heading(page, 'You have added 2 children')).toBeFocused();
  await expect(page.getByRole('definition').filter({ hasText: 'Augusta' })).toHaveCount(1);

  // Remove the first with the keyboard: the second moves up, the removal is announced, and
  // focus goes to the heading rather than being lost.
  await page.getByRole('button', { name: 'Remove child 1' }).focus();
  await page.keyboard.press('Enter');
  await expect(heading(page, 'You have added 1 child')).toBeFocused();
  // (By the widget's one live region: see hears-each-change-once.)
  await expect(page.getByRole('status')).toHaveText('Child 1 removed');
  await expect(page.getByRole('term')).toHaveText(['Child 1']);
  await expect(page.getByRole('definition').filter({ hasText: 'Byron' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: /Remove/ })).toHaveCount(0);
  await page.getByRole('radio', { name: 'No' }).check();
  await continueButton(page).click();

  await page.getByLabel('Email address').fill('ada@example.com');
  await continueButton(page).click();
  await page.getByLabel('How much do you earn each week?').fill('300');
  await continueButton(page).click();
  await page.getByLabel('Which region do you live in?').selectOption({ label: 'East' });
  await continueButton(page).click();
  await continueButton(page).click();
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  await expect(page.getByRole('term').filter({ hasText: 'Child 1' })).toHaveCount(1);
  await expect(page.getByRole('term').filter({ hasText: 'Child 2' })).toHaveCount(0);
  await sendFromCheck(page);
  expect((received.household as { children: unknown }).children).toEqual([{ name: 'Byron', date_of_birth: '2023-06-05' }]);
});
