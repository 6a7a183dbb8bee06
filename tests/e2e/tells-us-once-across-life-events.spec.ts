// Tell us once: after Moving house is sent, Having a baby does not ask again for the person's
// name, date of birth, address or contact details. It lists them on "We already have these
// details" with where they came from, lets one be changed there, and sends them on.
import { expect, test } from '@playwright/test';
import {
  answerAboutTheBaby,
  answerAll,
  answerBabyScreening,
  expectNoAxeViolations,
  failOnPageErrors,
  heading,
  person,
  records,
  sendFromCheck,
} from './support';

test('a second life event asks nothing already known', async ({ page }) => {
  test.setTimeout(60_000);
  failOnPageErrors(page);
  const p = person();
  await answerAll(page, p);
  await sendFromCheck(page);

  // Back to the life events, and on to Having a baby.
  await page.getByRole('link', { name: 'Tell us about another life event' }).click();
  await expect(heading(page, 'Tell government once')).toBeFocused();
  await page.getByRole('link', { name: 'Having a baby' }).first().click();
  await expect(heading(page, 'Having a baby')).toBeFocused();
  await page.getByRole('button', { name: 'Start now' }).click();

  // Screening is about this life event, so it is asked.
  await answerBabyScreening(page);

  // What we already have, each with where it came from.
  await expect(heading(page, 'We already have these details')).toBeFocused();
  await expect(page).toHaveTitle('We already have these details – Having a baby – Tell Once');
  const list = page.getByRole('definition');
  const row = (label: string) =>
    page.locator('.summary-list__row').filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) });
  await expect(row('Your name')).toContainText(`${p.given} ${p.family}`);
  await expect(row('Your date of birth')).toContainText('10 December 1985');
  await expect(row('Your address')).toContainText(p.newAddress.line1);
  await expect(row('Your address')).toContainText('SW1Y 4LB');
  await expect(row('Your phone number')).toContainText(p.phone.replace(/ /g, ''));
  await expect(row('Your email address')).toContainText(p.email);
  await expect(list.filter({ hasText: 'You told us this in ‘Moving house’' })).toHaveCount(5);
  await expectNoAxeViolations(page, 'we already have these details');

  // A change made here comes back here.
  await page.getByRole('link', { name: 'Change your phone number' }).click();
  await expect(page.getByLabel('Phone number')).toHaveValue(p.phone);
  const newPhone = '07700 900555';
  await page.getByLabel('Phone number').fill(newPhone);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'We already have these details')).toBeFocused();
  await expect(row('Your phone number')).toContainText(newPhone.replace(/ /g, ''));
  await expect(row('Your phone number')).not.toContainText('Moving house');
  await page.getByRole('button', { name: 'Continue' }).click();

  // Only what is new is asked: the questions about the baby, and none about the parent.
  await answerAboutTheBaby(page, p.family);

  // Check your answers shows the carried answers too, and where they came from.
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  await expect(row('Your name')).toContainText(`${p.given} ${p.family}`);
  await expect(row('Your name')).toContainText('You told us this in ‘Moving house’');
  await sendFromCheck(page);

  // Vital Records has the parent's details from Moving house, and the changed phone number.
  const births = records('vital-records').filter((r) => r.fields.parent_1_given_name === p.given);
  expect(births).toHaveLength(1);
  expect(births[0].fields).toMatchObject({
    parent_1_family_name: p.family,
    parent_1_date_of_birth: '1985-12-10',
    contact_phone: newPhone.replace(/ /g, ''),
    contact_email: p.email,
    child_given_names: 'Grace',
  });
});
