// No wrong door: the start page lists every life event and finds one from the person's own
// words (its synonyms), announcing how many match.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, failOnPageErrors, heading } from './support';

test('searches for a life event by a synonym and starts it', async ({ page }) => {
  failOnPageErrors(page);
  await page.goto('/');
  await expect(heading(page, 'Tell government once')).toBeVisible();
  await expect(page).toHaveTitle('Tell government once – Tell Once');
  await expectNoAxeViolations(page, 'the life events page');

  const search = page.getByRole('searchbox', { name: 'What has happened?' });
  await search.fill("I'm relocating next month");
  await search.press('Enter');
  const status = page.getByRole('status');
  await expect(status).toHaveText('1 life event matches ‘I\'m relocating next month’');
  const results = page.getByRole('list').filter({ has: page.getByRole('link') }).first();
  await expect(results.getByRole('link')).toHaveText(['Moving house']);
  await expectNoAxeViolations(page, 'search results');

  await search.fill('passport photo');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(status).toHaveText('No life events match ‘passport photo’. Try other words, or choose from the list below.');

  // The person's own words find the right life event first.
  for (const [words, first] of [
    ['my mum died', 'Death of someone close'],
    ['I was laid off', 'Losing your job'],
    ['looking for a new job', 'Losing your job'],
    ["we're having a baby", 'Having a baby'],
    ['turning 65 next year', 'Approaching retirement'],
  ]) {
    await search.fill(words);
    await search.press('Enter');
    await expect(page.getByRole('heading', { name: 'Search results' })).toBeVisible();
    const found = page.getByRole('heading', { name: 'Search results' }).locator('xpath=following-sibling::ul[1]').getByRole('link');
    await expect(found.first()).toHaveText(first);
    await expect(status).toHaveText(/life events? match/);
  }

  await page.getByRole('link', { name: 'Moving house' }).last().click();
  await expect(heading(page, 'Moving house')).toBeFocused();
  await expect(page).toHaveURL(/[?&]journey=moving-house/);
  // The browser's Back button returns to every life event.
  await page.goBack();
  await expect(heading(page, 'Tell government once')).toBeVisible();
});

test('the address keeps only the life event and its step: nothing else that arrived in it is carried on', async ({ page }) => {
  failOnPageErrors(page);
  // Answers a browser put in the address itself (its own form submission, say) are not the
  // app's to keep: they leave the address bar and go into no link or step.
  await page.goto('/?given-name=Alex&email=alex%40example.org');
  await expect(heading(page, 'Tell government once')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  const link = page.getByRole('link', { name: 'Moving house' });
  await expect(link).toHaveAttribute('href', /\?journey=moving-house&page=start$/);
  await link.click();
  await expect(heading(page, 'Moving house')).toBeFocused();
  expect(new URL(page.url()).search).toBe('?journey=moving-house&page=start');

  await page.goto('/?journey=moving-house&given-name=Alex&page=start');
  await expect(heading(page, 'Moving house')).toBeVisible();
  await expect(page).toHaveURL(/\?journey=moving-house&page=start$/);
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page).toHaveURL(/\?journey=moving-house&page=[a-z-]+$/);
  expect(page.url()).not.toContain('Alex');
});
