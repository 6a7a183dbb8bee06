// Each default life event, completed with the keyboard alone from its start page through "Who
// gets what" to its confirmation, with axe run on every page, empty and in error. The journey file itself says
// which pages and questions come; a person's answers for each are below.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations, failOnPageErrors, heading, tabTo } from './support';

type Question = {
  key: string;
  type: string;
  label: { en: string };
  required?: boolean;
  options?: Array<{ value: string; label: { en: string } }>;
  format?: { example: string };
};
type Journey = { id: string; title: { en: string }; pages: Array<{ id: string; questions: Question[] }> };

/** A date as day, month, year, `days` from today. */
function fromToday(days: number): string[] {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return [String(d.getDate()), String(d.getMonth() + 1), String(d.getFullYear())];
}

/** What one person answers in each life event: enough for at least two services to apply. */
const PEOPLE: Record<string, Record<string, string | string[]>> = {
  'having-a-baby': {
    'baby.is_born': 'yes',
    'baby.birth_setting': 'hospital',
    'household.income_band': 'under_20k',
    'health.has_cover': 'yes',
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
  'approaching-retirement': {
    'person.date_of_birth': ['1', '1', '1960'],
    'retirement.stop_work_date': fromToday(200),
    'retirement.has_public_pension': 'yes',
    'retirement.benefit_start_date': fromToday(220),
  },
};

/** A plain answer for a question the person's list does not name. */
function defaultAnswer(q: Question): string {
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
async function typeInto(page: Page, input: ReturnType<Page['getByLabel']>, text: string) {
  await tabTo(page, input, { max: 40 });
  await page.keyboard.type(text);
}

async function answer(page: Page, q: Question, given: string | string[] | undefined) {
  const group = page.getByRole('group', { name: q.label.en, exact: true });
  switch (q.type) {
    case 'date': {
      const [day, month, year] = (given as string[]) ?? ['1', '1', '1980'];
      await typeInto(page, group.getByLabel('Day'), day);
      await typeInto(page, group.getByLabel('Month'), month);
      await typeInto(page, group.getByLabel('Year'), year);
      return;
    }
    case 'name':
      await typeInto(page, group.getByLabel('First name'), 'Sam');
      await typeInto(page, group.getByLabel('Last name'), 'Example');
      return;
    case 'address':
      await typeInto(page, group.getByLabel('Address line 1'), '1 High Street');
      await typeInto(page, group.getByLabel('Town or city'), 'Leeds');
      await typeInto(page, group.getByLabel('Postcode'), 'LS1 4AP');
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
        const label = q.options!.find((o) => o.value === value)!.label.en;
        await tabTo(page, group.getByRole('checkbox', { name: label }), { max: 40 });
        await page.keyboard.press('Space');
      }
      return;
    }
    case 'select': {
      const index = Math.max(0, q.options!.findIndex((o) => o.value === given));
      await tabTo(page, page.getByLabel(q.label.en, { exact: true }), { max: 40 });
      for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
      return;
    }
    default:
      await typeInto(page, page.getByLabel(q.label.en, { exact: true }), String(given ?? defaultAnswer(q)));
  }
}

const JOURNEYS = ['having-a-baby', 'death-of-someone-close', 'losing-your-job', 'approaching-retirement'];

for (const id of JOURNEYS) {
  test(`completes ${id} with the keyboard, axe clean on every page`, async ({ page }) => {
    test.setTimeout(180_000);
    failOnPageErrors(page);
    const journey: Journey = JSON.parse(readFileSync(`public/journeys/${id}.json`, 'utf8'));
    const person = PEOPLE[id];

    // From every life event, by keyboard.
    await page.goto('/');
    await tabTo(page, page.getByRole('link', { name: journey.title.en }), { max: 40 });
    await page.keyboard.press('Enter');
    await expect(heading(page, journey.title.en)).toBeFocused();
    await expectNoAxeViolations(page, `${id}: start`);
    await tabTo(page, page.getByRole('button', { name: 'Start now' }));
    await page.keyboard.press('Enter');

    for (let step = 0; step < 40; step++) {
      const h1 = page.getByRole('heading', { level: 1 });
      await expect(h1).toBeFocused();
      const title = await h1.innerText();
      if (title === 'Check your answers before sending') break;
      await expectNoAxeViolations(page, `${id}: ${title}`);
      if (title === 'Services you can use') {
        await expect(page.getByRole('heading', { level: 2, name: 'Services that apply to you' })).toBeVisible();
        await tabTo(page, page.getByRole('button', { name: 'Continue' }), { max: 40 });
        await page.keyboard.press('Enter');
        continue;
      }
      const pageId = new URL(page.url()).searchParams.get('page');
      const definition = journey.pages.find((p) => p.id === pageId);
      expect(definition, `page ${pageId} is in the journey`).toBeTruthy();
      // Continue with nothing answered: the error state, where any question is required.
      if (definition!.questions.some((q) => q.required !== false)) {
        await tabTo(page, page.getByRole('button', { name: 'Continue' }), { max: 40 });
        await page.keyboard.press('Enter');
        await expect(page.getByRole('alert', { name: 'There is a problem' })).toBeFocused();
        await expectNoAxeViolations(page, `${id}: ${title} (errors)`);
      }
      for (const question of definition!.questions) {
        await answer(page, question, person[question.key]);
      }
      await tabTo(page, page.getByRole('button', { name: 'Continue' }), { max: 40 });
      await page.keyboard.press('Enter');
      await expect(page.getByRole('alert', { name: 'There is a problem' })).toHaveCount(0);
    }

    await expect(heading(page, 'Check your answers before sending')).toBeFocused();
    await expectNoAxeViolations(page, `${id}: check your answers`);
    await tabTo(page, page.getByRole('button', { name: 'Continue' }), { max: 80 });
    await page.keyboard.press('Space');

    // Who gets what: every service that applies is chosen; send them all with Enter.
    await expect(heading(page, 'Who gets what')).toBeFocused();
    await expectNoAxeViolations(page, `${id}: who gets what`);
    const choices = page.getByRole('checkbox', { name: /^Send these details to / });
    const chosen = await choices.count();
    expect(chosen).toBeGreaterThanOrEqual(2);
    for (const choice of await choices.all()) await expect(choice).toBeChecked();
    await tabTo(page, page.getByRole('button', { name: 'Send' }), { max: 40 });
    await page.keyboard.press('Enter');
    // Some agencies answer later (202) and are asked again until done.
    await expect(heading(page, 'Details sent')).toBeFocused({ timeout: 15_000 });
    // Each chosen service, with its own agency's reference.
    const outcomes = page.getByRole('heading', { level: 2, name: 'What happened to each service' }).locator('xpath=following-sibling::dl[1]');
    await expect(outcomes.getByRole('definition')).toHaveText(Array(chosen).fill(/^Sent\. Reference: \S+$/));
    await expectNoAxeViolations(page, `${id}: confirmation`);
  });
}
