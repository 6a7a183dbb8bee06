// The default journeys as a person answers them: what one person answers in each, and how a
// question of each type is answered with the keyboard, in any language the journey has.
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { errorSummary, heading, tabTo } from './support';

/** A text per language, as journeys give them. */
export type Text = Record<string, string>;
export type Question = {
  key: string;
  type: string;
  label: Text;
  name?: Text;
  required?: boolean;
  options?: Array<{ value: string; label: Text }>;
  format?: { example: string };
};
export type Journey = {
  id: string;
  title: Text;
  languages?: string[];
  pages: Array<{ id: string; title?: Text; questions: Question[] }>;
};

/** A default journey, as its file says. */
export function journeyFile(id: string): Journey {
  return JSON.parse(readFileSync(`public/journeys/${id}.json`, 'utf8'));
}

/** The app's words for the parts of a field, in one language. */
export type Words = {
  lang: string;
  day: string;
  month: string;
  year: string;
  firstName: string;
  lastName: string;
  line1: string;
  town: string;
  postcode: string;
};

export const ENGLISH: Words = {
  lang: 'en',
  day: 'Day',
  month: 'Month',
  year: 'Year',
  firstName: 'First name',
  lastName: 'Last name',
  line1: 'Address line 1',
  town: 'Town or city',
  postcode: 'Postcode',
};

/** A date as day, month, year, `days` from today. */
export function fromToday(days: number): string[] {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return [String(d.getDate()), String(d.getMonth() + 1), String(d.getFullYear())];
}

/** What one person answers in each life event: enough for at least two services to apply. */
export const PEOPLE: Record<string, Record<string, string | string[]>> = {
  'having-a-baby': {
    'baby.is_born': 'yes',
    'baby.birth_setting': 'hospital',
    'household.income_band': 'under_20k',
    'health.has_cover': 'yes',
    'benefits.received': ['unemployment_insurance'],
    'baby.date_of_birth': fromToday(-10),
    'baby.sex': 'female',
    'other_parent.include': 'yes',
    'other_parent.date_of_birth': ['1', '1', '1988'],
    'person.date_of_birth': ['5', '5', '1990'],
    'household.size': '3',
  },
  'death-of-someone-close': {
    'person.relationship_to_deceased': 'spouse',
    'deceased.had_licence': 'yes',
    'deceased.had_passport': 'yes',
    'deceased.benefits': ['retirement_benefit'],
    'deceased.date_of_birth': ['1', '1', '1940'],
    'deceased.date_of_death': fromToday(-10),
    'person.date_of_birth': ['1', '1', '1945'],
  },
  'losing-your-job': {
    'employment.last_day': fromToday(-5),
    'employment.end_reason': 'laid_off',
    'employment.hours_per_week': '37',
    'employment.had_health_cover': 'yes',
    'household.size': '3',
    'household.children_under_5': '1',
    'household.income_band': 'under_20k',
    'person.date_of_birth': ['1', '1', '1985'],
    'employment.weekly_pay': '450',
  },
  'moving-house': {
    'driving.has_licence': 'yes',
    'voting.is_registered': 'yes',
    'household.has_school_age_children': 'yes',
    'person.date_of_birth': ['5', '5', '1990'],
    'move.date': fromToday(-10),
  },
  'approaching-retirement': {
    'person.date_of_birth': ['1', '1', '1960'],
    'retirement.stop_work_date': fromToday(200),
    'retirement.has_public_pension': 'yes',
    'retirement.benefit_start_date': fromToday(220),
  },
};

/** A plain answer for a question the person's list does not name. */
export function defaultAnswer(q: Question): string {
  if (q.format) return q.format.example;
  switch (q.type) {
    case 'email':
      return 'sam@example.com';
    case 'phone':
      return '01632 960 001';
    case 'currency':
    case 'number':
      return '2';
    default:
      return `Sam ${q.key.split('.').pop()}`.slice(0, 60);
  }
}

/** Types into one input reached with Tab. */
export async function typeInto(page: Page, input: ReturnType<Page['getByLabel']>, text: string) {
  await tabTo(page, input, { max: 40 });
  await page.keyboard.type(text);
}

/** Answers one question with the keyboard, finding it by its label in `words.lang`. */
export async function answer(page: Page, q: Question, given: string | string[] | undefined, words: Words = ENGLISH) {
  const label = q.label[words.lang] ?? q.label.en;
  const group = page.getByRole('group', { name: label, exact: true });
  switch (q.type) {
    case 'date': {
      const [day, month, year] = (given as string[]) ?? ['1', '1', '1980'];
      await typeInto(page, group.getByLabel(words.day), day);
      await typeInto(page, group.getByLabel(words.month), month);
      await typeInto(page, group.getByLabel(words.year), year);
      return;
    }
    case 'name':
      await typeInto(page, group.getByLabel(words.firstName), 'Sam');
      await typeInto(page, group.getByLabel(words.lastName), 'Example');
      return;
    case 'address':
      await typeInto(page, group.getByLabel(words.line1), '1 High Street');
      await typeInto(page, group.getByLabel(words.town), 'Leeds');
      await typeInto(page, group.getByLabel(words.postcode), 'LS1 4AP');
      return;
    case 'yes_no':
    case 'radios': {
      const values = q.type === 'yes_no' ? ['yes', 'no'] : q.options!.map((o) => o.value);
      const index = Math.max(0, values.indexOf(String(given ?? values[0])));
      await tabTo(page, group.getByRole('radio').first(), { max: 40 });
      await page.keyboard.press('Space');
      for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
      await expect(group.getByRole('radio').nth(index)).toBeChecked();
      return;
    }
    case 'checkboxes': {
      const chosen = (given as string[]) ?? [q.options![0].value];
      for (const value of chosen) {
        const option = q.options!.find((o) => o.value === value)!;
        const name = option.label[words.lang] ?? option.label.en;
        await tabTo(page, group.getByRole('checkbox', { name }), { max: 40 });
        await page.keyboard.press('Space');
      }
      return;
    }
    case 'select': {
      const index = Math.max(0, q.options!.findIndex((o) => o.value === given));
      await tabTo(page, page.getByLabel(label, { exact: true }), { max: 40 });
      for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
      return;
    }
    default:
      await typeInto(page, page.getByLabel(label, { exact: true }), String(given ?? defaultAnswer(q)));
  }
}

/** Each language named in itself, as the language switch names it (src/i18n.rs, `Locale::name`):
 * the name is there before the language's words are. */
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Español', ar: 'العربية' };

/** The app's own words in `lang`, read from its translation files (`locales/`, and the
 * engine's `crates/engine/locales/`), so a test in Spanish finds what a Spanish speaker sees. */
export function wordsIn(lang: string) {
  const ui = (ns: string) => JSON.parse(readFileSync(`locales/${lang}/${ns}.json`, 'utf8'));
  const engine = JSON.parse(readFileSync(`crates/engine/locales/${lang}.json`, 'utf8'));
  const [common, pages, components, flow] = ['common', 'pages', 'components', 'flow'].map(ui);
  /** The text of a key with values in it, as a pattern: "Send these details to {agency}" → /^Send these details to .+$/ */
  const pattern = (text: string) =>
    new RegExp(`^${text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.+')}$`);
  return {
    fields: {
      lang,
      day: engine.parts.day,
      month: engine.parts.month,
      year: engine.parts.year,
      firstName: engine.parts.given,
      lastName: engine.parts.family,
      line1: engine.parts.uk_line1,
      town: engine.parts.uk_town,
      postcode: engine.parts.uk_postcode,
    } satisfies Words,
    language: LANGUAGE_NAMES[lang],
    languageSwitch: common.language_switch_label as string,
    /** What the switch says of a language whose words could not be fetched. */
    languageUnavailable: (name: string) => (common.language_unavailable as string).replace('{language}', name),
    yes: engine.choices.yes as string,
    /** The engine's message for a yes/no question left unanswered, with the question's name. */
    selectYesNo: (name: string) => (engine.messages.select_yes_no as string).replace('{name}', name),
    start: pages.start_button as string,
    continue: pages.continue_button as string,
    problem: components.error_summary_title as string,
    services: pages.services_heading as string,
    servicesApply: pages.services_apply_heading as string,
    check: pages.check_heading as string,
    consent: pages.consent_heading as string,
    sendTo: pattern(pages.consent_send_label),
    send: pages.consent_send_button as string,
    sent: flow.confirmation_sent as string,
    outcomes: pages.confirmation_services_heading as string,
    sentLine: pattern(pages.confirmation_sent_line),
  };
}
export type UiWords = ReturnType<typeof wordsIn>;

/** The default life events, in the order the catalogue lists them. */
export const DEFAULT_JOURNEYS = ['moving-house', 'having-a-baby', 'death-of-someone-close', 'losing-your-job', 'approaching-retirement'];

/** One state of a page that `walk` stops at. */
export type Visit = {
  /** Which journey, and which page and state, in words: "moving-house: When did you move? (errors)". */
  name: string;
  kind: 'start' | 'question' | 'errors' | 'services' | 'check' | 'consent' | 'confirmation';
};

/** Walks default journey `id` as PEOPLE[id] answers it, with the keyboard, from its start page to
 * its confirmation, stopping at every state of every page on the way: the start, each question
 * page empty and (where anything is required) after Continue with nothing answered, "Services you
 * can use", "Check your answers", "Who gets what" and the confirmation. `visit` may look, but must
 * leave the page as it found it (focus may move). Returns the number of states visited. */
export async function walk(page: Page, id: string, visit: (v: Visit) => Promise<void>): Promise<number> {
  const journey = journeyFile(id);
  const person = PEOPLE[id];
  let visits = 0;
  const stop = async (name: string, kind: Visit['kind']) => {
    visits++;
    await visit({ name: `${id}: ${name}`, kind });
  };
  // Pressed with the keyboard (reaching every button by Tab is the keyboard spec's job).
  const press = async (name: string) => {
    await page.getByRole('button', { name }).focus();
    await page.keyboard.press('Enter');
  };

  await page.goto(`/?journey=${id}`);
  await expect(heading(page, journey.title.en)).toBeVisible();
  await stop('start', 'start');
  await page.getByRole('button', { name: 'Start now' }).focus();
  await page.keyboard.press('Enter');
  for (let step = 0; step < 40; step++) {
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toBeFocused();
    const title = await h1.innerText();
    if (title === 'Check your answers before sending') break;
    if (title === 'Services you can use') {
      await stop(title, 'services');
      await h1.focus();
      await press('Continue');
      continue;
    }
    const pageId = new URL(page.url()).searchParams.get('page');
    const definition = journey.pages.find((p) => p.id === pageId);
    expect(definition, `page ${pageId} is in the journey`).toBeTruthy();
    await stop(title, 'question');
    if (definition!.questions.some((q) => q.required !== false)) {
      await h1.focus();
      await press('Continue');
      await expect(errorSummary(page)).toBeFocused();
      await stop(`${title} (errors)`, 'errors');
    }
    await h1.focus();
    for (const question of definition!.questions) await answer(page, question, person[question.key]);
    await press('Continue');
    await expect(errorSummary(page)).toHaveCount(0);
  }
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  await stop('check your answers', 'check');
  await heading(page, 'Check your answers before sending').focus();
  await press('Continue');
  await expect(heading(page, 'Who gets what')).toBeFocused();
  await stop('who gets what', 'consent');
  await heading(page, 'Who gets what').focus();
  await press('Send');
  await expect(heading(page, 'Details sent')).toBeFocused({ timeout: 15_000 });
  await stop('confirmation', 'confirmation');
  return visits;
}
