// A Change link on "Check your answers" goes to the question, and Continue comes back to
// "Check your answers" showing the new value, with every other answer kept.
import { expect, test } from '@playwright/test';
import { answerAll, failOnPageErrors, heading, person, records, sendFromCheck } from './support';

test('changes the date moved and the new address, then sends the changed answers', async ({ page }) => {
  failOnPageErrors(page);
  const p = person();
  await answerAll(page, p);

  await page.getByRole('link', { name: 'Change date you moved' }).click();
  await expect(heading(page, 'When did you move?')).toBeFocused();
  const group = page.getByRole('group', { name: 'When did you move?' });
  await expect(group.getByLabel('Day')).toHaveValue(p.moved.day);
  await group.getByLabel('Day').fill('17');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  const moved = page.getByRole('definition').filter({ hasText: /September 2025/ });
  await expect(moved).toHaveText('17 September 2025');
  await expect(page.getByRole('definition').filter({ hasText: `${p.given} ${p.family}` })).toHaveCount(1);

  // Back from a changed question also returns to check, keeping the answer.
  await page.getByRole('link', { name: 'Change new address' }).click();
  await expect(heading(page, 'What is your new address?')).toBeFocused();
  await page.getByLabel('Town or city').fill('Manchester');
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  await expect(page.getByRole('definition').filter({ hasText: 'Manchester' })).toHaveCount(1);

  await sendFromCheck(page);
  const mine = records('elections').filter((r) => r.fields.first_name === p.given);
  expect(mine).toHaveLength(1);
  expect(mine[0].fields.moved_on).toBe('2025-09-17');
  expect(mine[0].fields.new_town).toBe('Manchester');
  const tax = records('revenue').filter((r) => r.fields.first_name === p.given);
  expect(tax).toHaveLength(1);
  expect(tax[0].fields.new_town).toBe('Manchester');
});

test('the browser Back button moves between steps without losing answers', async ({ page }) => {
  failOnPageErrors(page);
  const p = person();
  await answerAll(page, p);
  await page.goBack();
  await expect(heading(page, 'How can services contact you?')).toBeFocused();
  await expect(page.getByLabel('Phone number')).toHaveValue(p.phone);
  await page.goBack();
  await expect(heading(page, 'What was your previous address?')).toBeFocused();
  await expect(page.getByLabel('Town or city')).toHaveValue(p.previousAddress.town);
  await page.goBack();
  await expect(heading(page, 'When did you move?')).toBeFocused();
  await page.goForward();
  await expect(heading(page, 'What was your previous address?')).toBeFocused();
  await page.goForward();
  await expect(heading(page, 'How can services contact you?')).toBeFocused();
  await page.goForward();
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  await expect(page).toHaveURL(/[?&]page=check-your-answers/);
});

test('asking for a later page by address opens the first unanswered one', async ({ page }) => {
  failOnPageErrors(page);
  await page.goto('/?journey=moving-house&page=check-your-answers');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Do you have a driving licence?');
  await expect(page).toHaveURL(/[?&]page=licence/);
});
