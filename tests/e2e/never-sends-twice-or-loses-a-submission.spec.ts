// Nothing lost, nothing sent twice, on a bad connection: faults are injected into the demo
// agencies (only for this test's requests, by cookie), and each test checks in SQLite that
// every agency has exactly one record for the person, with the key Tell Once sent, and that
// the reference shown is the one stored.
import { expect, test, type Page } from '@playwright/test';
import { faultsInjected, injectFault } from './faults';
import {
  answerAll,
  expectNoAxeViolations,
  failOnPageErrors,
  heading,
  person,
  recordsOf,
  serviceStatus,
  type Person,
} from './support';

const SERVICES = {
  'motor-vehicles': 'Motor Vehicles: Update the address on your driving licence',
  elections: 'Elections Office: Update your voter registration',
  revenue: 'Revenue Service: Change the address on your tax record',
} as const;

/** Every agency has exactly one record for the person, sent with one idempotency key each,
 * and the page shows the reference each one stored. */
async function expectExactlyOneRecordEach(page: Page, p: Person): Promise<void> {
  const keys = new Set<string>();
  for (const [agency, label] of Object.entries(SERVICES)) {
    const stored = recordsOf(agency, p);
    expect(stored, `${agency} records`).toHaveLength(1);
    const key = stored[0].idempotency_key;
    expect(key, `${agency} idempotency key`).toMatch(/^[0-9a-f-]{36}\.[a-z-]+$/);
    keys.add(key!);
    await expect(serviceStatus(page, label)).toHaveText(`Sent. Reference: ${stored[0].reference}`);
  }
  // One key per service, all from the same draft.
  expect(keys.size).toBe(3);
  expect(new Set([...keys].map((k) => k.split('.')[0])).size).toBe(1);
}

async function toWhoGetsWhat(page: Page, p: Person): Promise<void> {
  await answerAll(page, p);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Who gets what')).toBeFocused();
}

test.describe('sending on a bad connection', () => {
  test.setTimeout(60_000);

  test('an agency answers 503 twice, then takes it: retried with the same key, one record', async ({ page }) => {
    failOnPageErrors(page);
    const p = person();
    await toWhoGetsWhat(page, p);
    await injectFault(page, { agency: 'elections', kind: 'fail', status: 503, retry_after: 1, times: 2 });
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(heading(page, 'Details sent')).toBeFocused({ timeout: 20_000 });
    expect(await faultsInjected(page)).toBe(2);
    await expectExactlyOneRecordEach(page, p);
  });

  test('the connection drops after the agency stored it: sent again with the same key, still one record', async ({ page }) => {
    failOnPageErrors(page);
    const p = person();
    // Before the app loads: while a drop is to come, the server closes every connection of
    // this test, so Chromium cannot quietly resend on a kept-alive one.
    await injectFault(page, { agency: 'revenue', kind: 'drop', times: 1 });
    await toWhoGetsWhat(page, p);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(heading(page, 'Details sent')).toBeFocused({ timeout: 20_000 });
    expect(await faultsInjected(page)).toBe(1);
    await expectExactlyOneRecordEach(page, p);
  });

  test('an agency refuses: the others still go through, it is not retried, and the person can change and send again', async ({ page }) => {
    failOnPageErrors(page);
    const p = person();
    await toWhoGetsWhat(page, p);
    await injectFault(page, { agency: 'elections', kind: 'fail', status: 403, times: 1 });
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(heading(page, 'Some of your details have not been sent')).toBeFocused({ timeout: 20_000 });
    // A 403 is not retried: one fault used, nothing stored there.
    expect(await faultsInjected(page)).toBe(1);
    expect(recordsOf('elections', p)).toHaveLength(0);
    await expect(serviceStatus(page, SERVICES.elections)).toHaveText(
      /^Not sent\. Elections Office could not accept your details .* Change your answers and send them again, or contact Elections Office to tell them yourself\.$/,
    );
    await expect(page.getByRole('button', { name: /Try again/ })).toHaveCount(0);
    for (const agency of ['motor-vehicles', 'revenue'] as const) {
      const stored = recordsOf(agency, p);
      expect(stored, agency).toHaveLength(1);
      await expect(serviceStatus(page, SERVICES[agency])).toHaveText(`Sent. Reference: ${stored[0].reference}`);
    }
    // The answers are still kept (something is unsent), and can be deleted from here.
    await expect(page.getByRole('region', { name: 'Your answers' })).toBeVisible();
    await expectNoAxeViolations(page, 'confirmation, one agency refused');

    // Back to the answers, and send again: only the Elections Office is sent to.
    await page.getByRole('link', { name: `Change your answers for ${SERVICES.elections}` }).click();
    await expect(heading(page, 'Check your answers before sending')).toBeFocused();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(heading(page, 'Who gets what')).toBeFocused();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(heading(page, 'Details sent')).toBeFocused({ timeout: 20_000 });
    await expectExactlyOneRecordEach(page, p);
  });

  test('offline at sending: queued, the person is told, and sent when back online', async ({ page }) => {
    failOnPageErrors(page);
    const p = person();
    await toWhoGetsWhat(page, p);
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(heading(page, 'Your details will be sent when you are back online')).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible();
    for (const label of Object.values(SERVICES)) {
      await expect(serviceStatus(page, label)).toHaveText(/^Waiting to be sent: you are offline/);
    }
    await expectNoAxeViolations(page, 'confirmation, offline');
    for (const agency of Object.keys(SERVICES)) expect(recordsOf(agency, p), agency).toHaveLength(0);

    await page.context().setOffline(false);
    await expect(heading(page, 'Details sent')).toBeVisible({ timeout: 20_000 });
    await expectExactlyOneRecordEach(page, p);
  });

  test('a reload in the middle of sending finishes it with the same keys: one record each', async ({ page }) => {
    failOnPageErrors(page);
    const p = person();
    await toWhoGetsWhat(page, p);
    // The Elections Office is slow to answer: the page is reloaded while it is being sent.
    await injectFault(page, { agency: 'elections', kind: 'delay', ms: 4000, times: 1 });
    const slow = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/agencies/elections/'));
    await page.getByRole('button', { name: 'Send' }).click();
    await slow;
    await page.reload();
    await expect(heading(page, 'Details sent')).toBeVisible({ timeout: 25_000 });
    expect(await faultsInjected(page)).toBe(1);
    // Nothing personal in the address, before or after.
    expect(page.url()).not.toContain(p.given);
    await expectExactlyOneRecordEach(page, p);
    await expect(page.getByText(`Your answers`, { exact: true })).toHaveCount(0);
  });

  test('two tabs send the same draft at once: one record each, and both show the same references', async ({ page }) => {
    failOnPageErrors(page);
    const p = person();
    await answerAll(page, p);
    // The second tab opens the same draft, on the same device.
    const other = await page.context().newPage();
    failOnPageErrors(other);
    await other.goto('/?journey=moving-house');
    await expect(heading(other, 'Check your answers before sending')).toBeVisible();
    for (const tab of [page, other]) {
      await tab.getByRole('button', { name: 'Continue' }).click();
      await expect(heading(tab, 'Who gets what')).toBeVisible();
    }
    await Promise.all([
      page.getByRole('button', { name: 'Send' }).click(),
      other.getByRole('button', { name: 'Send' }).click(),
    ]);
    for (const tab of [page, other]) {
      await expect(heading(tab, 'Details sent')).toBeVisible({ timeout: 20_000 });
    }
    await expectExactlyOneRecordEach(page, p);
    await expectExactlyOneRecordEach(other, p);
  });

  test('a double click on Send sends once', async ({ page }) => {
    failOnPageErrors(page);
    const p = person();
    await toWhoGetsWhat(page, p);
    // The agencies would not store it twice anyway (same key): count what the page sends.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/agencies/')) posts.push(new URL(r.url()).pathname);
    });
    await page.getByRole('button', { name: 'Send' }).dblclick();
    await expect(heading(page, 'Details sent')).toBeFocused({ timeout: 20_000 });
    expect(posts).toHaveLength(3);
    await expectExactlyOneRecordEach(page, p);
  });
});
