// An agency's own page (demo/agency/): two Tell Once widgets on a site whose CSS is hostile to
// them (a hard reset, !important rules, another font, a 62.5% root size, and rules aimed at the
// <tell-once> element itself), served under the page's strict Content-Security-Policy. Each
// widget looks as it does on a page of its own, axe finds nothing, the keyboard alone completes a
// journey, each widget tells the page what happens on its own element, and what the person tells
// one widget reaches the other.
import { expect, test, type Locator, type Page } from '@playwright/test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import {
  answerAboutTheBaby,
  answerBabyScreening,
  errorSummary,
  expectNoAxeViolations,
  failOnPageErrors,
  heading,
  movingHouseRecords,
  person,
  recordsOf,
  sendFromCheck,
  tabTo,
} from './support';

const AGENCY = '/demo/agency/';

/** The share of pixels two screenshots may differ in and still look the same. */
const TOLERANCE = 0.005;

/** Opens the agency's page, recording policy violations and every widget's events. */
async function openAgencyPage(page: Page): Promise<{ moving: Locator; baby: Locator }> {
  failOnPageErrors(page);
  await page.addInitScript(() => {
    const w = window as any;
    w.cspViolations = [];
    // Every violation by the page's own files. (The test's tools are evaluated in the page with
    // no source file: axe reads shadow roots' styles through a <style> element, and screenshots
    // hide the caret with one, both of which the policy refuses, rightly.)
    document.addEventListener('securitypolicyviolation', (e) => {
      if (e.sourceFile) w.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI} in ${e.sourceFile}:${e.lineNumber}`);
    });
    w.tellOnceEvents = [];
    for (const type of ['tell-once:started', 'tell-once:page', 'tell-once:submitted', 'tell-once:failed']) {
      document.addEventListener(type, (e) => {
        const target = e.target as Element;
        w.tellOnceEvents.push({ type, element: target.localName, section: target.closest('section')?.id, detail: (e as CustomEvent).detail });
      });
    }
  });
  const response = await page.goto(AGENCY);
  const policy = response!.headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(policy).toContain("style-src 'self';");
  expect(policy).not.toContain('unsafe-inline');
  // The sections the agency wrote, each holding one widget.
  const moving = page.getByRole('region', { name: 'Moving house', exact: true });
  const baby = page.getByRole('region', { name: 'Having a baby', exact: true });
  await expect(heading(moving, 'Moving house')).toBeVisible();
  await expect(heading(baby, 'Having a baby')).toBeVisible();
  return { moving, baby };
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as any).cspViolations);
}

/** A screenshot of the widget's element at a width both pages can give it. */
async function shot(widget: Locator): Promise<PNG> {
  await widget.evaluate((el) => {
    (el as HTMLElement).style.width = '560px';
  });
  await widget.evaluate(() => document.fonts.ready);
  return PNG.sync.read(await widget.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' }));
}

/** Fails unless the two screenshots are the same size and differ in at most TOLERANCE of pixels. */
function expectSameLook(alone: PNG, embedded: PNG, state: string): void {
  expect([embedded.width, embedded.height], `${state}: the widget's size`).toEqual([alone.width, alone.height]);
  const different = pixelmatch(alone.data, embedded.data, null, alone.width, alone.height, { threshold: 0.1 });
  const share = different / (alone.width * alone.height);
  expect(share, `${state}: ${different} pixels differ`).toBeLessThanOrEqual(TOLERANCE);
}

test('each widget looks as it does on a page of its own, and axe finds nothing', async ({ browser }) => {
  test.setTimeout(60_000);
  const standalone = await (await browser.newContext()).newPage();
  failOnPageErrors(standalone);
  await standalone.goto('/?journey=moving-house');
  await expect(heading(standalone, 'Moving house')).toBeVisible();
  // The element the page wrote, as the agency's page has it too.
  const alone = standalone.locator('tell-once');

  const page = await (await browser.newContext()).newPage();
  const { moving, baby } = await openAgencyPage(page);
  // The host's rules did reach its own text...
  await expect(page.getByRole('heading', { level: 1, name: 'Tell us about a change in your life' })).toHaveCSS('text-transform', 'uppercase');
  // ...and none of them reached the widgets'.
  await expect(heading(moving, 'Moving house')).toHaveCSS('text-transform', 'none');
  await expect(moving.getByRole('button', { name: 'Start now' })).toHaveCSS('background-color', 'rgb(0, 112, 60)');
  await expectNoAxeViolations(page, 'the agency page with two widgets');
  expectSameLook(await shot(alone), await shot(moving.locator('tell-once')), 'start page');

  // A question with an error, in both.
  for (const [where, scope] of [['alone', standalone], ['embedded', moving]] as const) {
    await scope.getByRole('button', { name: 'Start now' }).click();
    await expect(heading(scope, 'Do you have a driving licence?')).toBeFocused();
    await scope.getByRole('button', { name: 'Continue' }).click();
    await expect(errorSummary(scope), where).toBeFocused();
  }
  await expectNoAxeViolations(page, 'the agency page, a question with an error');
  expectSameLook(await shot(alone), await shot(moving.locator('tell-once')), 'question with an error');
  // The other widget is still at its start, untouched.
  await expect(heading(baby, 'Having a baby')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the keyboard alone completes one widget; the other starts with what the person told', async ({ page }) => {
  test.setTimeout(90_000);
  const p = person();
  const { moving, baby } = await openAgencyPage(page);

  // From the top of the agency's page, Tab into the first widget.
  const start = moving.getByRole('button', { name: 'Start now' });
  await tabTo(page, start, { max: 30 });
  await page.keyboard.press('Enter');
  // The page's address never changes: the widget keeps its step to itself.
  const address = page.url();

  const radio = async (question: string, option: string) => {
    await expect(heading(moving, question)).toBeFocused();
    await tabTo(page, moving.getByRole('radio', { name: option }));
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
  };
  const type = async (question: string, fields: [string, string][]) => {
    await expect(heading(moving, question)).toBeFocused();
    for (const [label, value] of fields) {
      await tabTo(page, moving.getByLabel(label, { exact: true }));
      await page.keyboard.type(value);
    }
    await page.keyboard.press('Enter');
  };
  await radio('Do you have a driving licence?', 'Yes');
  await radio('Are you registered to vote?', 'Yes');
  await radio('Do you have children at school?', 'Yes');
  await expect(heading(moving, 'Services you can use')).toBeFocused();
  // Children at school: the next step is suggested inside the widget too.
  await expect(moving.getByRole('link', { name: "Tell your child's school your new address" })).toHaveAttribute(
    'href',
    'https://schools.example/moving-house',
  );
  await tabTo(page, moving.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');
  await type('What is your name?', [['First name', p.given], ['Last name', p.family]]);
  await type('What is your date of birth?', [['Day', p.dob.day], ['Month', p.dob.month], ['Year', p.dob.year]]);
  await type('What is your driving licence number?', [['What is your driving licence number?', p.licence]]);
  await type('What is your taxpayer number?', [['What is your taxpayer number?', p.taxpayer]]);
  const address_ = (a: typeof p.newAddress): [string, string][] =>
    [['Address line 1', a.line1], ['Address line 2 (optional)', a.line2], ['Town or city', a.town], ['Postcode', a.postcode]].filter(([, v]) => v) as [string, string][];
  await type('What is your new address?', address_(p.newAddress));
  await type('When did you move?', [['Day', p.moved.day], ['Month', p.moved.month], ['Year', p.moved.year]]);
  await type('What was your previous address?', address_(p.previousAddress));
  await type('How can services contact you?', [['Phone number', p.phone], ['Email address (optional)', p.email]]);
  await expect(heading(moving, 'Check your answers before sending')).toBeFocused();
  await tabTo(page, moving.getByRole('button', { name: 'Continue' }), { max: 40 });
  await page.keyboard.press('Enter');
  await expect(heading(moving, 'Who gets what')).toBeFocused();
  await tabTo(page, moving.getByRole('button', { name: 'Send' }), { max: 40 });
  await page.keyboard.press('Enter');
  await expect(heading(moving, 'Details sent')).toBeFocused({ timeout: 15_000 });
  expect(page.url()).toBe(address);
  await expect(page).toHaveTitle('Tell us about a change in your life – State Services');

  // Each agency has exactly what was typed.
  const expected = movingHouseRecords(p);
  const elections = recordsOf('elections', p);
  expect(elections).toHaveLength(1);
  expect(elections[0].fields).toEqual(expected.elections);
  expect(recordsOf('revenue', p).map((r) => r.fields)).toEqual([expected.revenue]);
  expect(recordsOf('motor-vehicles', p).map((r) => r.fields)).toEqual([expected['motor-vehicles']]);

  // The second widget, started only now, knows what the person told the first.
  await baby.getByRole('button', { name: 'Start now' }).click();
  await answerBabyScreening(baby);
  await expect(heading(baby, 'We already have these details')).toBeFocused();
  await expect(baby.getByRole('definition').filter({ hasText: `${p.given} ${p.family}` })).toHaveCount(1);
  await expect(baby.getByRole('definition').filter({ hasText: 'You told us this in ‘Moving house’' })).toHaveCount(5);
  await expectNoAxeViolations(page, 'the agency page, the second widget with what the first was told');
  await baby.getByRole('button', { name: 'Continue' }).click();
  await answerAboutTheBaby(baby, p.family);
  await sendFromCheck(baby);
  const births = recordsOf('vital-records', p);
  expect(births).toHaveLength(1);
  expect(births[0].fields).toMatchObject({ parent_1_family_name: p.family, parent_1_date_of_birth: '1985-12-10', child_given_names: 'Grace' });

  // Each widget told the page on its own element, naming its own journey, and nothing personal.
  const seen: { type: string; element: string; section: string; detail: any }[] = await page.evaluate(() => (window as any).tellOnceEvents);
  expect(seen.every((e) => e.element === 'tell-once')).toBe(true);
  expect(new Set(seen.filter((e) => e.section === 'moving').map((e) => e.detail.journey))).toEqual(new Set(['moving-house']));
  expect(new Set(seen.filter((e) => e.section === 'baby').map((e) => e.detail.journey))).toEqual(new Set(['having-a-baby']));
  for (const section of ['moving', 'baby']) {
    expect(seen.filter((e) => e.section === section && e.type === 'tell-once:started'), section).toHaveLength(1);
    expect(seen.filter((e) => e.section === section && e.type === 'tell-once:submitted'), section).toHaveLength(1);
  }
  const text = JSON.stringify(seen);
  for (const secret of [p.given, p.family, p.email, 'Grace', '1985']) expect(text).not.toContain(secret);
  expect(await violations(page)).toEqual([]);
});

test('TellOnce.mount puts a widget in any element, and says what is wrong with its settings', async ({ page }) => {
  const { moving } = await openAgencyPage(page);
  // From the agency's own script (evaluated here, as the page's module would run it).
  await page.evaluate(async () => {
    for (const [id, config] of [
      ['mounted', { journey: '/journeys/having-a-baby.json', idleMinutes: 20 }],
      ['misspelt', { jouney: '/journeys/having-a-baby.json' }],
    ] as const) {
      const div = document.createElement('div');
      div.id = id;
      document.querySelector('main')!.append(div);
      await (window as any).TellOnce.mount(div, config);
    }
  });
  const mounted = page.locator('#mounted');
  await expect(heading(mounted, 'Having a baby')).toBeVisible();
  await mounted.getByRole('button', { name: 'Start now' }).click();
  await expect(heading(mounted, 'Has your baby been born?')).toBeFocused();
  // The first widget is where it was.
  await expect(heading(moving, 'Moving house')).toBeVisible();

  const misspelt = page.locator('#misspelt');
  await expect(heading(misspelt, 'Sorry, there is a problem with this service')).toBeVisible();
  await expect(misspelt.getByText(/unknown field `jouney`/)).toBeVisible();

  // An element that cannot hold a widget, and one that has one already: a clear error, at once.
  const refused = await page.evaluate(async () => {
    const errors: string[] = [];
    for (const element of [document.createElement('input'), document.querySelector('#mounted')!]) {
      try {
        await (window as any).TellOnce.mount(element, { journey: '/journeys/moving-house.json' });
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    return errors;
  });
  expect(refused).toEqual([
    'TellOnce.mount: a <input> element cannot hold a widget; use a <div>',
    'TellOnce.mount: this element already has a Tell Once widget',
  ]);
  await expectNoAxeViolations(page, 'the agency page with a widget mounted from script and one with a mistake');
  expect(await violations(page)).toEqual([]);
});

test('a widget mounted in an empty element says it is loading, in its own words, until its journey comes', async ({ page }) => {
  await openAgencyPage(page);
  // The journey is held back until the widget is running and waiting for it.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/journeys/approaching-retirement.json', async (route) => {
    await held;
    await route.continue();
  });
  await page.evaluate(async () => {
    const div = document.createElement('div');
    div.id = 'empty';
    document.querySelector('main')!.append(div);
    await (window as any).TellOnce.mount(div, { journey: '/journeys/approaching-retirement.json' });
  });
  const empty = page.locator('#empty');
  await expect(empty.getByText('Loading…')).toBeVisible();
  release();
  await expect(heading(empty, 'Approaching retirement')).toBeVisible();
  await expect(empty.getByText('Loading…')).toHaveCount(0);
});
