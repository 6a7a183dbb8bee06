// Targets and inputs (WCAG 2.5.8, 1.3.5, 3.3.8), on every state of every page of each default
// life event: every control the person can click or tap is at least 24 × 24 CSS px (links inside a
// sentence are the exception WCAG allows); every input about the person themselves carries the
// autocomplete token for what it asks, and an input about someone else (a baby, a partner who
// died) carries none of the person's own outside a section of its own; and every text box takes a paste, done for real, with
// the clipboard and Ctrl+V, before it is answered.
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_JOURNEYS, walk } from './journeys';
import { failOnPageErrors } from './support';

/** The autocomplete token each input about the person must have, by the input's id (from its
 * answer key): their name, date of birth, address, phone and email, and their job. */
const OWN: Record<string, string> = {
  'person-name-given': 'given-name',
  'person-name-family': 'family-name',
  'person-date_of_birth-day': 'bday-day',
  'person-date_of_birth-month': 'bday-month',
  'person-date_of_birth-year': 'bday-year',
  'address-current-line1': 'address-line1',
  'address-current-line2': 'address-line2',
  'address-current-town': 'address-level2',
  'address-current-postcode': 'postal-code',
  // Their previous address too, in a section of its own so it is not filled with the new one.
  'address-previous-line1': 'section-previous address-line1',
  'address-previous-line2': 'section-previous address-line2',
  'address-previous-town': 'section-previous address-level2',
  'address-previous-postcode': 'section-previous postal-code',
  'contact-phone': 'tel',
  'contact-email': 'email',
  'employment-employer_name': 'organization',
  'employment-job_title': 'organization-title',
  // The date of birth that goes with a hand-off reference ("Continue with a reference" on the
  // start page, "Save and get a reference" when the journey has not asked it).
  'handoff-resume-dob-day': 'bday-day',
  'handoff-resume-dob-month': 'bday-month',
  'handoff-resume-dob-year': 'bday-year',
  'handoff-save-dob-day': 'bday-day',
  'handoff-save-dob-month': 'bday-month',
  'handoff-save-dob-year': 'bday-year',
};

/** Tokens that fill in the person's own details: wrong on an input about someone else, unless
 * in a section of its own (`section-deceased address-line1`: the address of a partner who died,
 * often the person's own, offered but kept apart from it). */
const PERSONAL = /^(?!section-\S+ )(\S+ )?(name|given-name|family-name|additional-name|bday(-day|-month|-year)?|address-line\d|address-level\d|postal-code|street-address|tel(-\w+)?|email|organization(-title)?)$/;

/** Every control in the widget that is too small to hit, in words. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const host = document.querySelector('tell-once')!;
    const controls = [...host.shadowRoot!.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex="0"]')];
    return controls.flatMap((el) => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return []; // not shown
      // A link in a sentence may be as small as the text around it (2.5.8's inline exception).
      const parent = el.parentElement;
      const inline = el.tagName === 'A' && getComputedStyle(el).display === 'inline' && !!parent && parent.textContent!.trim() !== el.textContent!.trim();
      if (inline || (box.width >= 24 && box.height >= 24)) return [];
      return [`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> “${(el.textContent || el.id).trim()}” is ${Math.round(box.width)}×${Math.round(box.height)} px`];
    });
  });
}

/** Each input's id and autocomplete attribute. */
async function autocompletes(page: Page): Promise<Array<{ id: string; token: string | null }>> {
  return page.evaluate(() => {
    const host = document.querySelector('tell-once')!;
    return [...host.shadowRoot!.querySelectorAll('input:not([type=radio]):not([type=checkbox]), select, textarea')].map((el) => ({
      id: el.id,
      token: el.getAttribute('autocomplete'),
    }));
  });
}

for (const id of DEFAULT_JOURNEYS) {
  test(`${id}: targets of 24 px, the right autocomplete tokens, and paste allowed`, async ({ page, context }) => {
    test.setTimeout(120_000);
    failOnPageErrors(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const inputs = new Map<string, string | null>();
    const small = new Set<string>();
    let pasted = 0;
    const states = await walk(page, id, async ({ name, kind }) => {
      for (const target of await smallTargets(page)) small.add(`${name.replace(/ \(errors\)$/, '')}: ${target}`);
      for (const input of await autocompletes(page)) inputs.set(input.id, input.token);
      if (kind !== 'question') return;
      // Paste into each text box, with the keyboard, then leave it empty as it was.
      const boxes = page.locator('tell-once').locator('input:not([type=radio]):not([type=checkbox]), textarea');
      for (const box of await boxes.all()) {
        await page.evaluate(() => navigator.clipboard.writeText('12'));
        await box.focus();
        await page.keyboard.press('ControlOrMeta+V');
        await expect(box, `${name}: pasting into #${await box.getAttribute('id')}`).toHaveValue('12');
        await box.fill('');
        pasted++;
      }
    });
    const wrong: string[] = [];
    for (const [input, token] of inputs) {
      const own = OWN[input];
      if (own && token !== own) wrong.push(`#${input} has autocomplete="${token}", not "${own}"`);
      if (!own && token && PERSONAL.test(token)) wrong.push(`#${input} is not about the person but has autocomplete="${token}"`);
    }
    expect({ small: [...small], wrong }, `${id}: targets smaller than 24×24 px, and wrong autocomplete tokens`).toEqual({ small: [], wrong: [] });
    test.info().annotations.push({ type: 'states', description: `${states} page states, ${inputs.size} inputs, ${pasted} pastes` });
  });
}
