// Events for agencies' analytics: the app dispatches CustomEvents on its element (they bubble
// to the host page) as the person starts, moves between pages, and sends. They name pages and
// services, and carry the agencies' references, but never anything the person typed.
import { expect, test, type Page } from '@playwright/test';
import { faultsInjected, injectFault } from './faults';
import { answerAll, failOnPageErrors, person, recordsOf, sendFromCheck, type Person } from './support';

interface HostEvent {
  type: string;
  target: string;
  detail: any;
}

/** Listens, as a host page would, on the document for every Tell Once event. */
async function listen(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as any).tellOnceEvents = seen;
    for (const type of ['tell-once:started', 'tell-once:page', 'tell-once:submitted', 'tell-once:failed']) {
      document.addEventListener(type, (e) => {
        seen.push({ type, target: (e.target as Element).localName, detail: (e as CustomEvent).detail });
      });
    }
  });
}

async function events(page: Page): Promise<HostEvent[]> {
  return page.evaluate(() => (window as any).tellOnceEvents);
}

/** Nothing the person typed is in any event. */
function expectNothingPersonal(seen: HostEvent[], p: Person): void {
  const text = JSON.stringify(seen);
  for (const secret of [p.given, p.family, p.email, p.phone.replace(/ /g, ''), p.licence, p.taxpayer.replace(/ /g, ''), 'SW1Y', 'Station Road', '1985']) {
    expect(text, `events must not carry ${secret}`).not.toContain(secret);
  }
}

const JOURNEY = { journey: 'moving-house', version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) };

test('started, each page, and submitted with the references: nothing personal', async ({ page }) => {
  test.setTimeout(60_000);
  failOnPageErrors(page);
  await listen(page);
  const p = person();
  await answerAll(page, p);
  await sendFromCheck(page);

  const seen = await events(page);
  expect(seen.every((e) => e.target === 'tell-once'), 'dispatched on the app element').toBe(true);
  expect(seen.filter((e) => e.type === 'tell-once:page').map((e) => e.detail)).toEqual(
    [
      'start',
      'licence',
      'voting',
      'school-children',
      'services-you-can-use',
      'name',
      'date-of-birth',
      'licence-number',
      'taxpayer-number',
      'new-address',
      'move-date',
      'previous-address',
      'contact',
      'check-your-answers',
      'who-gets-what',
      'confirmation',
    ].map((page) => ({ ...JOURNEY, page })),
  );
  expect(seen.filter((e) => e.type === 'tell-once:started')).toEqual([{ type: 'tell-once:started', target: 'tell-once', detail: JOURNEY }]);
  // Started comes as the person leaves the start page.
  expect(seen.findIndex((e) => e.type === 'tell-once:started')).toBe(1);

  const submitted = seen.filter((e) => e.type === 'tell-once:submitted');
  expect(submitted).toHaveLength(1);
  const reference = (agency: string) => recordsOf(agency, p)[0].reference;
  expect(submitted[0].detail).toEqual({
    ...JOURNEY,
    services: [
      { service: 'licence-address', agency: 'Motor Vehicles', status: 'sent', reference: reference('motor-vehicles') },
      { service: 'voter-registration-address', agency: 'Elections Office', status: 'sent', reference: reference('elections') },
      { service: 'tax-address', agency: 'Revenue Service', status: 'sent', reference: reference('revenue') },
    ],
  });
  expect(seen.filter((e) => e.type === 'tell-once:failed')).toHaveLength(0);
  expectNothingPersonal(seen, p);
});

test('failed, naming the service that does not have the answers', async ({ page }) => {
  test.setTimeout(60_000);
  failOnPageErrors(page);
  await listen(page);
  const p = person();
  await answerAll(page, p);
  await injectFault(page, { agency: 'elections', kind: 'fail', status: 422, times: 1 });
  await sendFromCheck(page, 'Some of your details have not been sent');
  expect(await faultsInjected(page)).toBe(1);

  const seen = await events(page);
  const failed = seen.filter((e) => e.type === 'tell-once:failed');
  expect(failed).toHaveLength(1);
  expect(failed[0].detail.services).toEqual([
    { service: 'licence-address', agency: 'Motor Vehicles', status: 'sent', reference: recordsOf('motor-vehicles', p)[0].reference },
    { service: 'voter-registration-address', agency: 'Elections Office', status: 'failed', reference: null },
    { service: 'tax-address', agency: 'Revenue Service', status: 'sent', reference: recordsOf('revenue', p)[0].reference },
  ]);
  expect(seen.filter((e) => e.type === 'tell-once:submitted')).toHaveLength(0);
  expectNothingPersonal(seen, p);
});
