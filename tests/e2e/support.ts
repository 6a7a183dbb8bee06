// What every end-to-end spec shares: axe with our tags, keyboard helpers, the agencies' records,
// and a person's answers for Moving house.
import { expect, type ElementHandle, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { PNG } from 'pngjs';
import { DB, SERVER_BIN } from './server';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe on the page as it is now and fails with a readable list of any violations. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `axe violations on ${state}`).toEqual([]);
}

/** Presses Tab (or Shift+Tab) until `target` has focus, failing if it takes more than `max`. */
export async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const key = options.back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (options.max ?? 12); i++) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === (el.getRootNode() as Document | ShadowRoot).activeElement)) return;
  }
  throw new Error(`${key} never reached ${target}`);
}

/** Fails the test on any uncaught error or panic in the page. */
export function failOnPageErrors(page: Page): void {
  page.on('pageerror', (error) => {
    throw new Error(`page error: ${error.message}`);
  });
}

export interface AgencyRecord {
  id: number;
  agency: string;
  endpoint: string;
  content_type: string;
  body: string;
  fields: Record<string, string>;
  reference: string;
  /** The Idempotency-Key the request came with. */
  idempotency_key: string | null;
}

/** What an agency has stored in SQLite, read with the server's own `records` command. */
export function records(agency: string): AgencyRecord[] {
  const out = execFileSync(SERVER_BIN, ['records', '--db', DB, '--agency', agency], { encoding: 'utf8' });
  return JSON.parse(out) as AgencyRecord[];
}

/** What one agency stored for this person (found by their unique first name). */
export function recordsOf(agency: string, p: { given: string }): AgencyRecord[] {
  return records(agency).filter((r) => JSON.stringify(r.fields).includes(p.given));
}

/** The status line of one service on the confirmation page. */
export function serviceStatus(page: Page, label: string): Locator {
  return page.getByRole('term').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]');
}

/** A person with a name no other test uses, so each test finds exactly its own records. */
export function person() {
  const tag = randomUUID().slice(0, 8);
  return {
    licence: 'MORGA753116SM9IJ',
    taxpayer: '1234 567 890',
    given: `Ada${tag}`,
    family: 'Lovelace-Byron',
    dob: { day: '10', month: '12', year: '1985' },
    newAddress: { line1: '12 St James’s Square', line2: 'Flat 3', town: 'London', postcode: 'sw1y 4lb' },
    moved: { day: '3', month: '9', year: '2025' },
    previousAddress: { line1: '1 Station Road', line2: '', town: 'Bath', postcode: 'BA1 1AA' },
    phone: '07700 900982',
    email: `ada.${tag}@example.com`,
  };
}
export type Person = ReturnType<typeof person>;

/** Where a spec looks for things: the whole page, or one widget of several on it. */
export type Scope = Page | Locator;

/** The error summary, found by its title. It is said by taking focus after a failed Continue,
 * and is not also a live region (that would say it twice), so it has no role of its own. */
export function errorSummary(scope: Scope, title: string | RegExp = 'There is a problem'): Locator {
  // The inner locator of `has` is looked for inside each summary, so it starts from the page.
  const page = 'mainFrame' in scope ? scope : scope.page();
  return scope.locator('.error-summary').filter({ has: page.getByRole('heading', { name: title }) });
}

/** The heading that must have focus on each page. */
export function heading(page: Scope, name: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name });
}

/** Starts Moving house and answers the screening questions: by default a registered voter
 * with a driving licence and no children at school, so all three services apply and nothing
 * more is suggested. */
export async function throughScreening(page: Page, answers = { licence: 'Yes', voting: 'Yes', school: 'No' }): Promise<void> {
  await page.goto('/?journey=moving-house');
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(heading(page, 'Do you have a driving licence?')).toBeFocused();
  await page.getByRole('radio', { name: answers.licence }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Are you registered to vote?')).toBeFocused();
  await page.getByRole('radio', { name: answers.voting }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Do you have children at school?')).toBeFocused();
  await page.getByRole('radio', { name: answers.school }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Services you can use')).toBeFocused();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'What is your name?')).toBeFocused();
}

/** Answers Moving house's name and date of birth pages, from the name page on. */
export async function answerNameAndDateOfBirth(page: Scope, p: Person): Promise<void> {
  await page.getByLabel('First name').fill(p.given);
  await page.getByLabel('Last name').fill(p.family);
  await page.getByRole('button', { name: 'Continue' }).click();
  await fillDate(page, 'What is your date of birth?', p.dob);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Answers the pages about the person, from their name to their taxpayer number. */
export async function answerAboutThePerson(page: Scope, p: Person): Promise<void> {
  await answerNameAndDateOfBirth(page, p);
  await page.getByLabel('What is your driving licence number?').fill(p.licence);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What is your taxpayer number?').fill(p.taxpayer);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Answers every question page by mouse and typing (for specs about later pages). */
export async function answerAll(page: Page, p: Person): Promise<void> {
  await throughScreening(page);
  await answerAboutThePerson(page, p);
  await answerTheMove(page, p);
  await answerContact(page, p);
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
}

/** Answers the new address, the date of the move and the previous address. */
export async function answerTheMove(page: Scope, p: Person): Promise<void> {
  await fillAddress(page, 'What is your new address?', p.newAddress);
  await page.getByRole('button', { name: 'Continue' }).click();
  await fillDate(page, 'When did you move?', p.moved);
  await page.getByRole('button', { name: 'Continue' }).click();
  await fillAddress(page, 'What was your previous address?', p.previousAddress);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Exactly what each Moving house agency must store for this person: their answers in
 * canonical form (ISO dates, standard postcodes, phone numbers without spaces). */
export function movingHouseRecords(p: Person) {
  const moved = `${p.moved.year}-${p.moved.month.padStart(2, '0')}-${p.moved.day.padStart(2, '0')}`;
  const born = `${p.dob.year}-${p.dob.month.padStart(2, '0')}-${p.dob.day.padStart(2, '0')}`;
  const newAddress = {
    new_address_line_1: p.newAddress.line1,
    new_address_line_2: p.newAddress.line2,
    new_town: p.newAddress.town,
    new_postcode: 'SW1Y 4LB',
  };
  const previousAddress = {
    previous_address_line_1: p.previousAddress.line1,
    previous_address_line_2: p.previousAddress.line2,
    previous_town: p.previousAddress.town,
    previous_postcode: 'BA1 1AA',
  };
  return {
    'motor-vehicles': {
      licenceNumber: p.licence,
      driver: { givenName: p.given, familyName: p.family, dateOfBirth: born },
      newAddress: { line1: p.newAddress.line1, line2: p.newAddress.line2, town: p.newAddress.town, postcode: 'SW1Y 4LB' },
      dateMoved: moved,
    },
    elections: {
      first_name: p.given,
      last_name: p.family,
      date_of_birth: born,
      ...newAddress,
      moved_on: moved,
      ...previousAddress,
    },
    revenue: {
      taxpayer_number: p.taxpayer.replace(/ /g, ''),
      first_name: p.given,
      last_name: p.family,
      ...newAddress,
      ...previousAddress,
      moved_on: moved,
      phone: p.phone.replace(/ /g, ''),
      email: p.email,
    },
  };
}

/** Answers "How can services contact you?" and continues. */
export async function answerContact(page: Scope, p: Person): Promise<void> {
  await expect(heading(page, 'How can services contact you?')).toBeFocused();
  await page.getByLabel('Phone number').fill(p.phone);
  await page.getByLabel('Email address (optional)').fill(p.email);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** From "Check your answers": on to "Who gets what", then Send, to the confirmation. */
export async function sendFromCheck(page: Scope, confirmation: string | RegExp = 'Details sent'): Promise<void> {
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Who gets what')).toBeFocused();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(heading(page, confirmation)).toBeFocused({ timeout: 15_000 });
}

export async function fillDate(page: Scope, group: string, date: { day: string; month: string; year: string }) {
  const fieldset = page.getByRole('group', { name: group });
  await fieldset.getByLabel('Day').fill(date.day);
  await fieldset.getByLabel('Month').fill(date.month);
  await fieldset.getByLabel('Year').fill(date.year);
}

export async function fillAddress(page: Scope, group: string, a: Person['newAddress']) {
  const fieldset = page.getByRole('group', { name: group });
  await fieldset.getByLabel('Address line 1').fill(a.line1);
  await fieldset.getByLabel('Address line 2 (optional)').fill(a.line2);
  await fieldset.getByLabel('Town or city').fill(a.town);
  await fieldset.getByLabel('Postcode').fill(a.postcode);
}

/** Chooses an option of the radio question on the page, and continues. */
export async function chooseAndContinue(scope: Scope, question: string, option: string): Promise<void> {
  await expect(heading(scope, question)).toBeFocused();
  await scope.getByRole('radio', { name: option }).check();
  await scope.getByRole('button', { name: 'Continue' }).click();
}

/** Having a baby's screening, for a baby born in hospital to a household on £80,000 or more
 * with no Health Cover and no benefits; then on past "Services you can use". */
export async function answerBabyScreening(scope: Scope): Promise<void> {
  await chooseAndContinue(scope, 'Has your baby been born?', 'Yes');
  await chooseAndContinue(scope, 'Where was your baby born?', 'In a hospital or birth centre');
  await chooseAndContinue(scope, 'How much does your household get in a year?', '£80,000 or more');
  await chooseAndContinue(scope, 'Are you a member of Health Cover?', 'No');
  await expect(heading(scope, 'Do you get any of these benefits?')).toBeFocused();
  await scope.getByRole('checkbox', { name: 'None of these' }).check();
  await scope.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(scope, 'Services you can use')).toBeFocused();
  await scope.getByRole('button', { name: 'Continue' }).click();
}

/** Having a baby's questions about the baby (Grace, born 1 November 2026), once what is known
 * about the parent has been confirmed; on to "Check your answers". */
export async function answerAboutTheBaby(scope: Scope, family: string): Promise<void> {
  await expect(heading(scope, "What is your baby's name?")).toBeFocused();
  await scope.getByLabel('First name').fill('Grace');
  await scope.getByLabel('Last name').fill(family);
  await scope.getByRole('button', { name: 'Continue' }).click();
  await fillDate(scope, 'When was your baby born?', { day: '1', month: '11', year: '2026' });
  await scope.getByRole('button', { name: 'Continue' }).click();
  await chooseAndContinue(scope, 'Is your baby a girl or a boy?', 'Girl');
  await expect(heading(scope, 'What is the name of the place where your baby was born?')).toBeFocused();
  await scope.getByLabel('What is the name of the place where your baby was born?').fill('St Thomas’ Hospital');
  await scope.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(scope, 'What is your identity number?')).toBeFocused();
  await scope.getByLabel('What is your identity number?').fill('QQ 12 34 56 C');
  await scope.getByRole('button', { name: 'Continue' }).click();
  await chooseAndContinue(scope, "Do you want to put your baby's other parent on the birth record?", 'No');
  await expect(heading(scope, 'Check your answers before sending')).toBeFocused();
}

/** The contrast ratio of two colours (WCAG's formula), each [r, g, b] in 0–255. */
export function contrast(a: number[], b: number[]): number {
  const luminance = ([r, g, b]: number[]) => {
    const [R, G, B] = [r, g, b].map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The focus indicator of `target`, which has keyboard focus: how many CSS pixels in and around
 * it change colour by at least 3:1 between focused and not (WCAG 2.4.13's measure), beside the
 * element's perimeter (the least area of a 1 px outline). Compared screenshot to screenshot, so
 * it measures what is drawn — outline, box shadow, background, underline — not what the CSS
 * says; focus is given back as it was (still from the keyboard). */
export async function focusIndicator(page: Page, control: Locator): Promise<{ changed: number; perimeter: number }> {
  // The element itself, not a query that stops matching once it loses focus.
  const target = (await control.elementHandle())!;
  const focused = await screenshotAround(page, target, 8);
  await target.evaluate((el) => (el as HTMLElement).blur());
  const unfocused = await screenshotAround(page, target, 8);
  await target.evaluate((el) => (el as HTMLElement).focus());
  let changed = 0;
  for (let i = 0; i < focused.png.data.length; i += 4) {
    const a = [focused.png.data[i], focused.png.data[i + 1], focused.png.data[i + 2]];
    const b = [unfocused.png.data[i], unfocused.png.data[i + 1], unfocused.png.data[i + 2]];
    if (contrast(a, b) >= 3) changed++;
  }
  return { changed, perimeter: Math.round(2 * (focused.width + focused.height)) };
}

/** A screenshot of an element and `pad` CSS px around it, wherever it is on the page (not only in
 * the viewport), with its size. */
export async function screenshotAround(page: Page, target: ElementHandle, pad: number): Promise<{ png: PNG; width: number; height: number }> {
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  const viewport = page.viewportSize()!;
  const clip = { x: box.x - pad, y: box.y - pad, width: box.width + 2 * pad, height: box.height + 2 * pad };
  const inView = clip.x >= 0 && clip.y >= 0 && clip.x + clip.width <= viewport.width && clip.y + clip.height <= viewport.height;
  // In the viewport, a plain screenshot; only what does not fit needs the slower whole page.
  const shot = inView
    ? await page.screenshot({ clip, animations: 'disabled', caret: 'hide', scale: 'css' })
    : await page.screenshot({
        fullPage: true,
        clip: { ...clip, x: clip.x + (await page.evaluate(() => scrollX)), y: clip.y + (await page.evaluate(() => scrollY)) },
        animations: 'disabled',
        caret: 'hide',
        scale: 'css',
      });
  return { png: PNG.sync.read(shot), width: box.width, height: box.height };
}

/** Starts the test journey with a question of every type and a repeating group
 * (tests/fixtures/every-field.json), standing in for its two agencies; returns what each agency
 * gets, once sent. */
export async function startEveryField(page: Page): Promise<Record<string, unknown>> {
  failOnPageErrors(page);
  const journey = readFileSync('tests/fixtures/every-field.json', 'utf8');
  const catalogue = JSON.stringify({
    format: 'tell-once/catalogue@1',
    title: { en: 'Tell government once' },
    intro: { en: 'Test catalogue' },
    journeys: ['every-field.json'],
  });
  await page.route('**/journeys/life-events.json', (route) => route.fulfill({ contentType: 'application/json', body: catalogue }));
  await page.route('**/journeys/every-field.json', (route) => route.fulfill({ contentType: 'application/json', body: journey }));
  const received: Record<string, unknown> = {};
  await page.route('**/test-agencies/licence', async (route) => {
    received.licence = route.request().postDataJSON();
    await route.fulfill({ status: 201, contentType: 'application/json', body: '{"confirmationId":"MV-2026-000001"}' });
  });
  await page.route('**/test-agencies/household', async (route) => {
    received.household = route.request().postDataJSON();
    await route.fulfill({ status: 200, contentType: 'application/json', body: '{"case":{"id":"SI-42"}}' });
  });
  await page.goto('/?journey=every-field');
  await page.getByRole('button', { name: 'Start now' }).click();
  return received;
}
