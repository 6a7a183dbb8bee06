// axe-core finds nothing on any page state: start, every question empty and in error, check
// your answers, who gets what (and in error), a failed send, and the confirmation.
import { expect, test } from '@playwright/test';
import { answerAll, errorSummary, expectNoAxeViolations, failOnPageErrors, heading, person, sendFromCheck } from './support';

test('every page of Moving house, empty and in error', async ({ page }) => {
  test.setTimeout(120_000); // about twenty axe runs
  failOnPageErrors(page);
  await page.goto('/?journey=moving-house');
  await expect(heading(page, 'Moving house')).toBeVisible();
  await expectNoAxeViolations(page, 'the start page');
  await page.getByRole('button', { name: 'Start now' }).click();

  const pages = [
    'Do you have a driving licence?',
    'Are you registered to vote?',
    'Do you have children at school?',
    'Services you can use',
    'What is your name?',
    'What is your date of birth?',
    'What is your driving licence number?',
    'What is your taxpayer number?',
    'What is your new address?',
    'When did you move?',
    'What was your previous address?',
    'How can services contact you?',
  ];
  const p = person();
  const answers: Record<string, () => Promise<void>> = {
    'Do you have a driving licence?': () => page.getByRole('radio', { name: 'Yes' }).check(),
    'Are you registered to vote?': () => page.getByRole('radio', { name: 'Yes' }).check(),
    // Yes: "Services you can use" then also suggests telling the school.
    'Do you have children at school?': () => page.getByRole('radio', { name: 'Yes' }).check(),
    'Services you can use': async () => {},
    'What is your driving licence number?': () => page.getByLabel('What is your driving licence number?').fill(p.licence),
    'What is your taxpayer number?': () => page.getByLabel('What is your taxpayer number?').fill(p.taxpayer),
    'What is your name?': async () => {
      await page.getByLabel('First name').fill(p.given);
      await page.getByLabel('Last name').fill(p.family);
    },
    'What is your date of birth?': async () => {
      await page.getByLabel('Day').fill('1');
      await page.getByLabel('Month').fill('2');
      await page.getByLabel('Year').fill('1980');
    },
    'What is your new address?': async () => {
      await page.getByLabel('Address line 1').fill('1 High Street');
      await page.getByLabel('Town or city').fill('Leeds');
      await page.getByLabel('Postcode').fill('LS1 4AP');
    },
    'When did you move?': async () => {
      await page.getByLabel('Day').fill('1');
      await page.getByLabel('Month').fill('2');
      await page.getByLabel('Year').fill('2025');
    },
    'What was your previous address?': async () => {
      await page.getByLabel('Address line 1').fill('2 Low Road');
      await page.getByLabel('Town or city').fill('Bath');
      await page.getByLabel('Postcode').fill('BA1 1AA');
    },
    'How can services contact you?': async () => {
      await page.getByLabel('Phone number').fill(p.phone);
      await page.getByLabel('Email address (optional)').fill(p.email);
    },
  };
  for (const name of pages) {
    await expect(heading(page, name)).toBeFocused();
    await expectNoAxeViolations(page, `${name} (empty)`);
    if (name !== 'Services you can use') {
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(errorSummary(page)).toBeFocused();
      await expectNoAxeViolations(page, `${name} (errors)`);
    }
    await answers[name]();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await expect(heading(page, 'Check your answers before sending')).toBeFocused();
  await expectNoAxeViolations(page, 'check your answers');

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Who gets what')).toBeFocused();
  await expectNoAxeViolations(page, 'who gets what');
  // Every service left out: nothing to send, and the error summary says so.
  for (const choice of await page.getByRole('checkbox').all()) await choice.uncheck();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(errorSummary(page)).toBeFocused();
  await expect(errorSummary(page).getByRole('link')).toHaveText([
    'Choose at least one service to send your details to',
  ]);
  await expectNoAxeViolations(page, 'who gets what (errors)');
});

test('a failed send, sending again, and the confirmation', async ({ page }) => {
  failOnPageErrors(page);
  await answerAll(page, person());
  // The Elections Office is down for every try of the first send (the first and three more,
  // with backoff): the person is told, the others are sent, nothing is lost.
  let failures = 4;
  await page.route('**/agencies/elections/**', async (route) => {
    if (failures-- > 0) {
      await route.fulfill({ status: 503, contentType: 'application/json', body: '{"errors":[]}' });
    } else {
      await route.continue();
    }
  });
  await sendFromCheck(page, 'Some of your details have not been sent');
  const outcome = page.getByRole('definition').filter({ hasText: /^Not sent\./ });
  await expect(outcome).toHaveText(
    'Not sent. The Elections Office service is not working at the moment. Try again in a few minutes.',
  );
  await expectNoAxeViolations(page, 'the confirmation after a failed send');

  await page.getByRole('button', { name: 'Try again sending to Elections Office: Update your voter registration' }).click();
  // The result is the heading, said as it takes focus (and not also by the live region).
  await expect(heading(page, 'Details sent')).toBeFocused();
  await expect(page.getByRole('status')).toHaveText('');
  await expect(heading(page, 'Details sent')).toBeVisible();
  await expect(outcome).toHaveCount(0);
  await expectNoAxeViolations(page, 'the confirmation page');
});
