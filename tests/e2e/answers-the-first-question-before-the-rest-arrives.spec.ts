// The WebAssembly comes in two parts (scripts/split-wasm.mjs): the first has what the app runs
// on its way to the first question, so on a slow phone that question comes a third sooner; the
// second follows while the person reads it. A part of the second needed before it has arrived
// is fetched there and then; one that cannot be had is said, as the first part's would be.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, heading } from './support';

const SECOND = /\/tell-once-second-[0-9a-f]{16}\.wasm$/;
const SORRY = 'Sorry, this service could not be loaded. Check your internet connection, then reload the page to try again.';

/**
 * Counts the requests for the second part, which fail while `held` says so; with `altered`, each
 * is answered with the file and a byte more (still a valid module: an empty custom section).
 */
async function secondPart(page: Page, { altered = false } = {}) {
  const state = { requests: 0, held: !altered };
  await page.route(SECOND, async (route) => {
    state.requests += 1;
    if (state.held) await route.abort('connectionreset');
    else if (altered) {
      const body = Buffer.concat([await (await route.fetch()).body(), Buffer.from([0, 2, 1, 0x78])]);
      await route.fulfill({ status: 200, contentType: 'application/wasm', body });
    } else await route.continue();
  });
  return state;
}

async function toMovingHouse(page: Page) {
  await page.goto('/');
  await page.getByRole('link', { name: 'Moving house' }).click();
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(heading(page, 'Do you have a driving licence?')).toBeFocused();
}

test('the first question needs only the first part; going on fetches the second there and then', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const second = await secondPart(page);
  await toMovingHouse(page);
  // Only the loader's own request, which failed: nothing on the way here needed the second
  // part. (If this fails, the app now runs more before its first question than when it was last
  // measured: run scripts/profile-startup.sh.)
  expect(second.requests).toBe(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectNoAxeViolations(page, 'the first question, the second part held back');

  second.held = false;
  await page.getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Are you registered to vote?')).toBeFocused();
  expect(second.requests).toBe(2);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an agency page with two widgets starts both with the second part held back', async ({ page }) => {
  const second = await secondPart(page);
  await page.goto('/demo/agency/');
  await expect(page.getByRole('button', { name: 'Start now' })).toHaveCount(2);
  await page.waitForLoadState('networkidle');
  expect(second.requests).toBe(1); // (as above: run scripts/profile-startup.sh if not)
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('when the second part cannot be had, the widget says so', async ({ page }) => {
  await secondPart(page);
  await toMovingHouse(page);
  await page.getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: SORRY })).toHaveCount(1);
  await expectNoAxeViolations(page, 'the second part not fetched');
});

test('a second part other than the one the loader was built with is refused, and the widget says so', async ({ page }) => {
  const second = await secondPart(page, { altered: true });
  await toMovingHouse(page);
  await page.getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: SORRY })).toHaveCount(1);
  // the loader's own fetch (refused by its integrity hash), then the one the app asked for
  expect(second.requests).toBe(2);
  await expect(heading(page, 'Are you registered to vote?')).toHaveCount(0);
});

test('needed while the loader is still fetching it, the second part is fetched there and then, and the slower fetch is cancelled', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const failed: string[] = [];
  page.on('requestfailed', (request) => {
    if (SECOND.test(request.url())) failed.push(request.failure()?.errorText ?? '');
  });
  // The loader's own request gets no answer (a slow network); any after it is answered.
  let requests = 0;
  await page.route(SECOND, async (route) => {
    requests += 1;
    if (requests > 1) await route.continue();
  });
  await toMovingHouse(page);
  await page.getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Are you registered to vote?')).toBeFocused();
  expect(requests).toBe(2);
  // The loader's request was called off rather than left to download the same file again.
  await expect.poll(() => failed).toEqual(['net::ERR_ABORTED']);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});
