// On a slow connection the page says what it is before the WebAssembly arrives: the heading
// and introduction of the list of life events are in the first 14 KB of the HTML (the first
// round trip), prerendered at build time from the catalogue, and painted while the app loads.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations } from './support';

test('the heading and introduction are painted from the HTML, with the WebAssembly held back', async ({ page }) => {
  const catalogue = JSON.parse(readFileSync('public/journeys/life-events.json', 'utf8'));
  // The WebAssembly never arrives.
  await page.route('**/*.wasm', () => {});
  const response = await page.goto('/');
  const first14k = (await response!.body()).subarray(0, 14 * 1024).toString('utf8');
  expect(first14k).toContain(`<h1 class="heading-xl">${catalogue.title.en}</h1>`);
  await expect(page.getByRole('heading', { level: 1, name: catalogue.title.en })).toBeVisible();
  await expect(page.getByText(catalogue.intro.en)).toBeVisible();
  await expectNoAxeViolations(page, 'the list of life events before the WebAssembly');
});

test('once the app is ready it takes the prerendered words’ place: one heading, not two', async ({ page }) => {
  const catalogue = JSON.parse(readFileSync('public/journeys/life-events.json', 'utf8'));
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Search' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(catalogue.title.en);
});

test('the journeys and the list of life events are fetched while the WebAssembly downloads', async ({ page }) => {
  // The WebAssembly never arrives: whatever is fetched was asked for by the loader, not the app.
  await page.route('**/*.wasm', () => {});
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.json')) fetched.push(new URL(request.url()).pathname);
  });
  await page.goto('/demo/agency/');
  await expect.poll(() => [...fetched].sort()).toEqual(['/journeys/having-a-baby.json', '/journeys/moving-house.json']);
  await page.goto('/');
  await expect.poll(() => fetched.filter((path) => path === '/journeys/life-events.json')).toHaveLength(1);
});

test('the app takes the replies the loader fetched early: each journey crosses the network once', async ({ page }) => {
  // No route here: Playwright's interception would keep the browser from matching preloads.
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.json')) fetched.push(new URL(request.url()).pathname);
  });
  await page.goto('/demo/agency/');
  await expect(page.getByRole('button', { name: 'Start now' })).toHaveCount(2);
  const journeys = ['/journeys/having-a-baby.json', '/journeys/moving-house.json'];
  expect(fetched.filter((path) => journeys.includes(path)).sort()).toEqual(journeys);
});
