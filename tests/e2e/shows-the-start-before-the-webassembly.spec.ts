// On a slow connection the page says what it is before the WebAssembly arrives: the heading
// and introduction of the list of life events are in the first 14 KB of the HTML (the first
// round trip), prerendered at build time from the catalogue, and painted while the app loads.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations, failOnPageErrors, heading } from './support';

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

test('while the app waits for the list of life events, the prerendered heading stays: the page is never without its heading', async ({ page }) => {
  failOnPageErrors(page);
  const catalogue = JSON.parse(readFileSync('public/journeys/life-events.json', 'utf8'));
  // The list of life events is held back until the app is running and waiting for it.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/journeys/life-events.json', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/?journey=moving-house');
  // The app has taken the loading message's place in the widget (its frame is in the shadow root).
  await expect
    .poll(() => page.locator('tell-once').evaluate((host) => Boolean(host.shadowRoot?.querySelector('.tell-once-frame'))))
    .toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: catalogue.title.en })).toBeVisible();
  // The page's own loading message, not the app's as well.
  await expect(page.getByText('Loading…').filter({ visible: true })).toHaveCount(1);
  await expectNoAxeViolations(page, 'the app waiting for the list of life events');
  release();
  await expect(heading(page, 'Moving house')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByText('Loading…').filter({ visible: true })).toHaveCount(0);
});

// What the loader should fetch before the WebAssembly runs, for the demo agency page (two
// widgets, Having a baby and Moving house) and for the list of life events: each file, and each
// file it names (a journey's dictionary, the list's journeys), once.
const agencyPageFiles = ['/journeys/dictionary.json', '/journeys/having-a-baby.json', '/journeys/moving-house.json'];
const catalogueFiles = (): string[] => {
  const catalogue = JSON.parse(readFileSync('public/journeys/life-events.json', 'utf8'));
  const journeys: string[] = catalogue.journeys.map((file: string) => `/journeys/${file}`);
  return ['/journeys/dictionary.json', '/journeys/life-events.json', ...journeys].sort();
};

// The paths of the .json files the page asks for, in the order it asks.
const jsonRequests = (page: import('@playwright/test').Page): string[] => {
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.json')) fetched.push(new URL(request.url()).pathname);
  });
  return fetched;
};

test('each journey, its dictionary and the list of life events are fetched while the WebAssembly downloads', async ({ page }) => {
  // The WebAssembly never arrives: whatever is fetched was asked for by the loader, not the app.
  await page.route('**/*.wasm', () => {});
  const fetched = jsonRequests(page);
  await page.goto('/demo/agency/');
  await expect.poll(() => [...fetched].sort()).toEqual(agencyPageFiles);
  fetched.length = 0;
  await page.goto('/');
  await expect.poll(() => [...fetched].sort()).toEqual(catalogueFiles());
});

test('the app takes the replies the loader fetched early: each file crosses the network once', async ({ page }) => {
  const fetched = jsonRequests(page);
  await page.goto('/demo/agency/');
  await expect(page.getByRole('button', { name: 'Start now' })).toHaveCount(2);
  expect([...fetched].sort()).toEqual(agencyPageFiles);
  fetched.length = 0;
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Search' })).toBeVisible();
  expect([...fetched].sort()).toEqual(catalogueFiles());
});

test('a file the loader could not fetch early is named on the problem page, with the reason', async ({ page }) => {
  failOnPageErrors(page);
  // The connection drops while the loader fetches the journeys' dictionary.
  await page.route('**/journeys/dictionary.json', (route) => route.abort('connectionreset'));
  await page.goto('/demo/agency/');
  // Both widgets use the dictionary, and both say which file failed and why.
  await expect(heading(page, 'Sorry, there is a problem with this service')).toHaveCount(2);
  await expect(page.getByText(/^The file \S*\/journeys\/dictionary\.json could not be downloaded \(TypeError: Failed to fetch\)\.$/)).toHaveCount(2);
  await expectNoAxeViolations(page, 'the agency page, its journeys’ dictionary not fetched');
});

test('the widget’s stylesheet is not fetched again when the app takes the loading message’s place', async ({ page }) => {
  // The stylesheet is served as not to be kept (as some servers do), so every fetch of it
  // crosses the network and is seen here.
  await page.route('**/main-*.css', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'cache-control': 'no-store' } });
  });
  // The WebAssembly is held back until the stylesheet has been fetched for the loading message.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  const stylesheets: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'stylesheet') stylesheets.push(new URL(request.url()).pathname);
  });
  // The demo agency's page preloads the stylesheet and links it in no other way, as an agency's
  // page would.
  await page.goto('/demo/agency/');
  await expect.poll(() => stylesheets.filter((path) => /\/main-/.test(path)).length).toBeGreaterThan(0);
  await page.waitForLoadState('load');
  const beforeTheApp = stylesheets.length;
  release();
  await expect(page.getByRole('button', { name: 'Start now' })).toHaveCount(2);
  expect(stylesheets).toHaveLength(beforeTheApp);
});

test('each part of the WebAssembly crosses the network once: the loader takes the download the page preloaded, then the second part', async ({ page }) => {
  const downloads: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) downloads.push(new URL(request.url()).pathname);
  });
  await page.goto('/demo/agency/');
  await expect(page.getByRole('button', { name: 'Start now' })).toHaveCount(2);
  await page.waitForLoadState('networkidle');
  expect(downloads).toHaveLength(2);
  expect(downloads[0]).toMatch(/^\/tell-once-[0-9a-f]{16}_bg\.wasm$/);
  expect(downloads[1]).toMatch(/^\/tell-once-second-[0-9a-f]{16}\.wasm$/);
});

test('a WebAssembly file other than the one the loader was built with is refused, before any of it runs', async ({ page }) => {
  // Still a valid module (a custom section added at its end), so only its hash can tell.
  const extra = Buffer.from([0, 5, 4, ...Buffer.from('test')]);
  let served = 0;
  await page.route('**/*.wasm', async (route) => {
    const body = Buffer.concat([await (await route.fetch()).body(), extra]);
    served += 1;
    await route.fulfill({ status: 200, contentType: 'application/wasm', body });
  });
  await page.goto('/demo/agency/');
  const sorry = 'Sorry, this service could not be loaded. Check your internet connection, then reload the page to try again.';
  await expect(page.getByRole('alert').filter({ hasText: sorry })).toHaveCount(2);
  expect(served).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: 'Start now' })).toHaveCount(0);
});

test('when the WebAssembly cannot be fetched, each widget says so in place of its loading message', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort('connectionreset'));
  await page.goto('/demo/agency/');
  const sorry = 'Sorry, this service could not be loaded. Check your internet connection, then reload the page to try again.';
  await expect(page.getByRole('alert').filter({ hasText: sorry })).toHaveCount(2);
  // The page's own loading messages are in the page still, but no longer shown.
  await expect(page.getByText(/^Loading the .* form…$/)).toHaveCount(2);
  await expect(page.getByText(/^Loading the .* form…$/).filter({ visible: true })).toHaveCount(0);
  await expectNoAxeViolations(page, 'the agency page, the WebAssembly not fetched');
});
