// A person completes Moving house with the keyboard alone, sees who gets what before sending,
// then a reference from each service and a receipt; each agency has stored exactly one record
// with exactly what they entered.
import { expect, test } from '@playwright/test';
import { failOnPageErrors, heading, movingHouseRecords, person, records, tabTo } from './support';

test('completes moving house with the keyboard alone', async ({ page }) => {
  test.setTimeout(60_000); // a few hundred key presses, and Motor Vehicles is polled
  failOnPageErrors(page);
  const p = person();
  // No wrong door: from the list of every life event, choose Moving house.
  await page.goto('/');
  await expect(heading(page, 'Tell government once')).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'Moving house' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Moving house')).toBeFocused();
  await expect(page).toHaveTitle('Moving house – Tell Once');

  // Start: Tab to the Start button, press Enter.
  await tabTo(page, page.getByRole('button', { name: 'Start now' }));
  await page.keyboard.press('Enter');

  // Screening: radios take arrow keys and Space, as everywhere.
  await expect(heading(page, 'Do you have a driving licence?')).toBeFocused();
  await tabTo(page, page.getByRole('radio', { name: 'Yes' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Yes' })).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Are you registered to vote?')).toBeFocused();
  await tabTo(page, page.getByRole('radio', { name: 'Yes' }));
  await page.keyboard.press('ArrowRight'); // moves to No and chooses it
  await page.keyboard.press('ArrowLeft'); // back to Yes
  await expect(page.getByRole('radio', { name: 'Yes' })).toBeChecked();
  await page.keyboard.press('Enter'); // Enter in a form submits it
  await expect(heading(page, 'Do you have children at school?')).toBeFocused();
  await tabTo(page, page.getByRole('radio', { name: 'Yes' })); // Tab reaches the first radio of a group with none chosen
  await page.keyboard.press('ArrowRight'); // moves to No and chooses it
  await expect(page.getByRole('radio', { name: 'No' })).toBeChecked();
  await page.keyboard.press('Enter');

  // Services you can use: all three apply.
  await expect(heading(page, 'Services you can use')).toBeFocused();
  await expect(page.getByRole('heading', { level: 3 })).toHaveText([
    'Update the address on your driving licence',
    'Update your voter registration',
    'Change the address on your tax record',
  ]);
  await tabTo(page, page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  // Name: focus is on the heading; Tab into the fields and type.
  await expect(heading(page, 'What is your name?')).toBeFocused();
  await expect(page).toHaveTitle('What is your name? – Moving house – Tell Once');
  await tabTo(page, page.getByLabel('First name'));
  await page.keyboard.type(p.given);
  await tabTo(page, page.getByLabel('Last name'));
  await page.keyboard.type(p.family);
  // Shift+Tab goes back to the first name, which kept what was typed.
  await tabTo(page, page.getByLabel('First name'), { back: true });
  await expect(page.getByLabel('First name')).toHaveValue(p.given);
  await tabTo(page, page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  // Date of birth: day, month, year.
  await expect(heading(page, 'What is your date of birth?')).toBeFocused();
  await tabTo(page, page.getByLabel('Day'));
  await page.keyboard.type(p.dob.day);
  await page.keyboard.press('Tab');
  await page.keyboard.type(p.dob.month);
  await page.keyboard.press('Tab');
  await page.keyboard.type(p.dob.year);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Continue' })).toBeFocused();
  await page.keyboard.press('Enter');

  // Licence and taxpayer numbers, typed with spaces as people do.
  await expect(heading(page, 'What is your driving licence number?')).toBeFocused();
  await tabTo(page, page.getByLabel('What is your driving licence number?'));
  await page.keyboard.type('morga 753116 sm9ij');
  await page.keyboard.press('Enter');
  await expect(heading(page, 'What is your taxpayer number?')).toBeFocused();
  await tabTo(page, page.getByLabel('What is your taxpayer number?'));
  await page.keyboard.type(p.taxpayer);
  await page.keyboard.press('Enter');

  // New address: four inputs in order, the optional one included.
  await expect(heading(page, 'What is your new address?')).toBeFocused();
  await tabTo(page, page.getByLabel('Address line 1'));
  for (const value of [p.newAddress.line1, p.newAddress.line2, p.newAddress.town, p.newAddress.postcode]) {
    await page.keyboard.type(value);
    await page.keyboard.press('Tab');
  }
  await expect(page.getByRole('button', { name: 'Continue' })).toBeFocused();
  await page.keyboard.press('Enter');

  // The date you moved.
  await expect(heading(page, 'When did you move?')).toBeFocused();
  await tabTo(page, page.getByLabel('Day'));
  for (const value of [p.moved.day, p.moved.month, p.moved.year]) {
    await page.keyboard.type(value);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');

  // Previous address: line 2 left empty.
  await expect(heading(page, 'What was your previous address?')).toBeFocused();
  await tabTo(page, page.getByLabel('Address line 1'));
  await page.keyboard.type(p.previousAddress.line1);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type(p.previousAddress.town);
  await page.keyboard.press('Tab');
  await page.keyboard.type(p.previousAddress.postcode);
  await page.keyboard.press('Enter'); // Enter in a field submits the form, as in any form

  // How services can contact you: a phone number, and an email address too.
  await expect(heading(page, 'How can services contact you?')).toBeFocused();
  await tabTo(page, page.getByLabel('Phone number'));
  await page.keyboard.type(p.phone);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email address (optional)')).toBeFocused();
  await page.keyboard.type(p.email);
  await page.keyboard.press('Enter');

  // Check your answers: every answer, written out.
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  const summary = page.getByRole('definition');
  await expect(summary.filter({ hasText: `${p.given} ${p.family}` })).toHaveCount(1);
  await expect(summary.filter({ hasText: '10 December 1985' })).toHaveCount(1);
  await expect(summary.filter({ hasText: '3 September 2025' })).toHaveCount(1);
  await expect(summary.filter({ hasText: 'SW1Y 4LB' })).toHaveCount(1);
  await expect(summary.filter({ hasText: p.email })).toHaveCount(1);

  // Continue with Space, to see which service gets what.
  await tabTo(page, page.getByRole('button', { name: 'Continue' }), { max: 40 });
  await page.keyboard.press('Space');

  // Who gets what: each service, with exactly the answers it gets, chosen to be sent.
  await expect(heading(page, 'Who gets what')).toBeFocused();
  await expect(page).toHaveTitle('Who gets what – Moving house – Tell Once');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText([
    'Update the address on your driving licence',
    'Update your voter registration',
    'Change the address on your tax record',
    'Get help',
    'Save and get a reference',
    'Your answers',
  ]);
  const section = (title: string) => page.getByRole('region', { name: title });
  const elections = section('Update your voter registration');
  await expect(elections.getByText('Elections Office will get:')).toBeVisible();
  await expect(elections.getByRole('definition').filter({ hasText: 'SW1Y 4LB' })).toHaveCount(1);
  // Only the Revenue Service asked for a phone number and email address, so only it gets them.
  await expect(elections.getByRole('definition').filter({ hasText: p.email })).toHaveCount(0);
  await expect(section('Change the address on your tax record').getByRole('definition').filter({ hasText: p.email })).toHaveCount(1);
  for (const agency of ['Motor Vehicles', 'Elections Office', 'Revenue Service']) {
    const choice = page.getByRole('checkbox', { name: `Send these details to ${agency}` });
    await expect(choice).toBeChecked();
    await expect(choice).toHaveAccessibleDescription(
      `If you leave this out, ${agency} will not get anything from us, and you will need to tell them yourself.`,
    );
  }

  // Send with Enter. Motor Vehicles answers later (202), so the confirmation takes a moment.
  await tabTo(page, page.getByRole('button', { name: 'Send' }), { max: 40 });
  await page.keyboard.press('Enter');

  await expect(heading(page, 'Details sent')).toBeFocused({ timeout: 15_000 });
  await expect(page).toHaveTitle('Details sent – Moving house – Tell Once');
  const outcomes = page.getByRole('heading', { level: 2, name: 'What happened to each service' }).locator('xpath=following-sibling::dl[1]');
  await expect(outcomes.getByRole('term')).toHaveText([
    'Motor Vehicles: Update the address on your driving licence',
    'Elections Office: Update your voter registration',
    'Revenue Service: Change the address on your tax record',
  ]);
  const references = outcomes.getByRole('definition');
  await expect(references).toHaveText([/^Sent\. Reference: \S+$/, /^Sent\. Reference: \S+$/, /^Sent\. Reference: \S+$/]);
  await expect(page.getByRole('heading', { level: 2, name: 'What happens next' })).toBeVisible();

  // The receipt: what went to each service, and when.
  await expect(page.getByRole('heading', { level: 2, name: 'What was sent' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3 })).toHaveText([
    'Motor Vehicles: Update the address on your driving licence',
    'Elections Office: Update your voter registration',
    'Revenue Service: Change the address on your tax record',
  ]);
  await expect(page.getByText(/^Sent at /)).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Print or save this receipt' })).toBeVisible();

  // Exactly one record at each agency, with exactly what was entered (in canonical form).
  const expected = movingHouseRecords(p);
  const mine = records('elections').filter((r) => r.fields.first_name === p.given);
  expect(mine).toHaveLength(1);
  await expect(references.nth(1)).toHaveText(`Sent. Reference: ${mine[0].reference}`);
  expect(mine[0].content_type).toBe('application/x-www-form-urlencoded');
  expect(mine[0].fields).toEqual(expected.elections);
  const licence = records('motor-vehicles').filter((r) => (r.fields as any).driver?.givenName === p.given);
  expect(licence).toHaveLength(1);
  expect(licence[0].content_type).toBe('application/json');
  expect(licence[0].fields).toEqual(expected['motor-vehicles']);
  await expect(references.nth(0)).toHaveText(`Sent. Reference: ${licence[0].reference}`);
  const tax = records('revenue').filter((r) => r.fields.first_name === p.given);
  expect(tax).toHaveLength(1);
  expect(tax[0].fields).toEqual(expected.revenue);
  await expect(references.nth(2)).toHaveText(`Sent. Reference: ${tax[0].reference}`);
  // No personal data in the address bar at any point.
  expect(page.url()).not.toContain(p.given);

  // And back to every life event, to tell us about another.
  await tabTo(page, page.getByRole('link', { name: 'Tell us about another life event' }), { max: 40 });
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Tell government once')).toBeVisible();
});
