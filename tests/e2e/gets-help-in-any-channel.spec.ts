// No wrong door beyond the screen: every page of a journey ends with "Get help", each agency the
// journey sends to with its phone line (and hours), web chat and in-person help, in the person's
// language, from the journey's own contacts.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { journeyFile, wordsIn } from './journeys';
import { answerAll, expectNoAxeViolations, failOnPageErrors, heading, person } from './support';

const ES = wordsIn('es');
const components = (lang: string) => JSON.parse(readFileSync(`locales/${lang}/components.json`, 'utf8'));

/** The "Get help" section, by its heading. */
const getHelp = (page: Page, name = 'Get help') => page.getByRole('region', { name });

test('get help is on a question page and the check page, in English and Spanish', async ({ page }) => {
  test.setTimeout(60_000);
  failOnPageErrors(page);
  const journey = journeyFile('moving-house') as unknown as {
    help: Array<{ agency: string; phone?: { number: string; hours: Record<string, string> }; chat?: string; in_person?: Record<string, string> }>;
    agencies: Record<string, { name: Record<string, string> }>;
  };
  const motor = journey.help.find((c) => c.agency === 'motor-vehicles')!;

  await page.goto('/?journey=moving-house');
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(heading(page, 'Do you have a driving licence?')).toBeFocused();
  const help = getHelp(page);
  await expect(help.getByRole('heading', { level: 2, name: 'Get help' })).toBeVisible();
  // Every agency of the journey, each once, with each of its channels.
  for (const contact of journey.help) {
    await expect(help.getByText(journey.agencies[contact.agency].name.en, { exact: true })).toHaveCount(1);
  }
  const phone = help.getByRole('link', { name: motor.phone!.number });
  await expect(phone).toHaveAttribute('href', `tel:${motor.phone!.number.replace(/ /g, '')}`);
  await expect(help).toContainText(motor.phone!.hours.en);
  await expect(help.getByRole('link', { name: 'Chat online with Motor Vehicles' })).toHaveAttribute('href', motor.chat!);
  await expect(help).toContainText(motor.in_person!.en);
  await expectNoAxeViolations(page, 'get help on a question page');

  // In Spanish: the same help, in Spanish.
  await page.getByRole('button', { name: ES.language, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  const ayuda = getHelp(page, components('es').help_heading);
  await expect(ayuda.getByText(journey.agencies['motor-vehicles'].name.es, { exact: true })).toBeVisible();
  await expect(ayuda).toContainText(motor.phone!.hours.es);
  await expect(ayuda).toContainText(motor.in_person!.es);
  await expect(ayuda.getByRole('link', { name: `Chatee en línea con ${journey.agencies['motor-vehicles'].name.es}` })).toBeVisible();
  await expectNoAxeViolations(page, 'get help in Spanish');
  await page.getByRole('button', { name: wordsIn('en').language, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // And on "Check your answers".
  await answerAll(page, person());
  await expect(getHelp(page).getByRole('link', { name: motor.phone!.number })).toBeVisible();
  await expectNoAxeViolations(page, 'get help on check your answers');
});
