// Consent: before anything is sent, the person sees each service and exactly the answers it
// will get. Leaving one out means its agency receives nothing; each other agency receives
// exactly its own fields (checked in SQLite), and the receipt says what went where and when.
import { expect, test } from '@playwright/test';
import { answerAll, errorSummary, expectNoAxeViolations, failOnPageErrors, heading, movingHouseRecords, person, records } from './support';

test('leaves one service out, and each other agency gets exactly its fields', async ({ page }) => {
  test.setTimeout(60_000);
  failOnPageErrors(page);
  const p = person();
  await answerAll(page, p);
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(heading(page, 'Who gets what')).toBeFocused();
  await expect(page).toHaveTitle('Who gets what – Moving house – Tell Once');
  const section = (title: string) => page.getByRole('region', { name: title });
  const licence = section('Update the address on your driving licence');
  const voting = section('Update your voter registration');
  const tax = section('Change the address on your tax record');
  // Each lists only what its agency gets.
  await expect(licence.getByRole('term')).toHaveText(['Name', 'Date of birth', 'Driving licence number', 'New address', 'Date you moved']);
  await expect(tax.getByRole('term')).toContainText(['Taxpayer number', 'Previous address', 'Your phone number', 'Your email address']);
  await expect(licence.getByRole('term').filter({ hasText: 'Taxpayer' })).toHaveCount(0);
  await expect(voting.getByRole('term').filter({ hasText: 'phone' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'who gets what');

  // Nothing chosen is refused with a clear message.
  for (const agency of ['Motor Vehicles', 'Elections Office', 'Revenue Service']) {
    await page.getByRole('checkbox', { name: `Send these details to ${agency}` }).uncheck();
  }
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(errorSummary(page)).toContainText('Choose at least one service to send your details to');
  // The message is beside the first choice too, and read with it.
  await expect(page.getByRole('checkbox', { name: 'Send these details to Motor Vehicles' })).toHaveAccessibleDescription(
    /Error: Choose at least one service to send your details to/,
  );
  await expectNoAxeViolations(page, 'who gets what, nothing chosen');
  await page.getByRole('checkbox', { name: 'Send these details to Motor Vehicles' }).check();
  await page.getByRole('checkbox', { name: 'Send these details to Revenue Service' }).check();

  // Leaving a service out says what that means.
  await expect(page.getByRole('checkbox', { name: 'Send these details to Elections Office' })).toHaveAccessibleDescription(
    'If you leave this out, Elections Office will not get anything from us, and you will need to tell them yourself.',
  );
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(heading(page, 'Details sent')).toBeFocused({ timeout: 15_000 });

  // Per service: Motor Vehicles answered 202 and was polled to its reference.
  const status = (label: string) => page.getByRole('term').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]');
  await expect(status('Motor Vehicles: Update the address on your driving licence')).toHaveText(/^Sent\. Reference: MV-\d{4}-\d{6}$/);
  await expect(status('Revenue Service: Change the address on your tax record')).toHaveText(/^Sent\. Reference: rev_[0-9a-f]{12}$/);
  await expect(status('Elections Office: Update your voter registration')).toHaveText(
    'Not sent: you chose to leave this out. Tell Elections Office yourself.',
  );
  // The receipt: what went where, and when.
  await expect(page.getByRole('heading', { level: 3 })).toHaveText([
    'Motor Vehicles: Update the address on your driving licence',
    'Revenue Service: Change the address on your tax record',
  ]);
  await expect(page.getByText(/^Sent at \d{1,2}:\d\d(am|pm) on \d{1,2} \w+ \d{4}$/)).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Print or save this receipt' })).toBeVisible();
  await expectNoAxeViolations(page, 'confirmation with one service left out');

  // SQLite: nothing at the Elections Office; exactly the mapped fields elsewhere.
  expect(records('elections').filter((r) => r.fields.first_name === p.given)).toHaveLength(0);
  const expected = movingHouseRecords(p);
  const mv = records('motor-vehicles').filter((r) => (r.fields as any).driver?.givenName === p.given);
  expect(mv).toHaveLength(1);
  expect(mv[0].fields).toEqual(expected['motor-vehicles']);
  const revenue = records('revenue').filter((r) => r.fields.first_name === p.given);
  expect(revenue).toHaveLength(1);
  expect(revenue[0].fields).toEqual(expected.revenue);
});
