// A journey file that cannot be used gives an accessible page naming the problem: never a
// blank page or a panic.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations, failOnPageErrors, heading } from './support';

const GOOD = readFileSync('public/journeys/moving-house.json', 'utf8');

const broken: Array<[string, { status?: number; body: string }, RegExp]> = [
  [
    'not JSON',
    { body: '{\n  "format": "tell-once/journey@1",\n  "id": \n}' },
    /^it is not valid JSON: expected value \(line 4, column 1\)$/,
  ],
  [
    'naming a key twice',
    { body: '{\n  "format": "tell-once/journey@1",\n  "id": "moving-house",\n  "id": "moving"\n}' },
    /^"id" is given twice in one object \(line 4, column 6\): keep the one you mean and remove the other$/,
  ],
  [
    'an unknown field type',
    { body: GOOD.replace('"type": "date"', '"type": "colour"') },
    /^at pages\[4\]\.questions\[0\]\.type: unknown variant `colour`, expected one of `text`, `long_text`, `number`, `currency`, `email`, `phone`, `date`, `yes_no`, `radios`, `checkboxes`, `select`, `name`, `address`, `national_id`$/,
  ],
  [
    'a template naming an unasked question',
    { body: GOOD.replace('{move.date}', '{move.when}') },
    /^at services\[0\]\.connector: the template uses "\{move\.when\}", which no question asks for$/,
  ],
  ['missing', { status: 404, body: 'Not found' }, /^The file \S*journeys\/moving-house\.json could not be downloaded: the server answered 404\.$/],
];

for (const [what, response, problem] of broken) {
  test(`a journey file that is ${what}`, async ({ page }) => {
    failOnPageErrors(page);
    await page.route('**/journeys/moving-house.json', (route) =>
      route.fulfill({ status: response.status ?? 200, contentType: 'application/json', body: response.body }),
    );
    await page.goto('/?journey=moving-house');
    await expect(heading(page, 'Sorry, there is a problem with this service')).toBeVisible();
    await expect(page).toHaveTitle('Sorry, there is a problem with this service – Tell Once');
    if (response.status === undefined) {
      await expect(page.getByText(/^The file \S*journeys\/moving-house\.json cannot be used:$/)).toBeVisible();
      await expect(page.getByRole('listitem').filter({ hasText: problem })).toHaveCount(1);
    } else {
      await expect(page.getByText(problem)).toBeVisible();
    }
    await expectNoAxeViolations(page, `the problem page (${what})`);
  });
}

test('a journey file with several values of the wrong shape names each of them, not only the first', async ({ page }) => {
  failOnPageErrors(page);
  // Two question types misspelt, far apart, and a field the format does not have.
  const body = GOOD.replace('"type": "yes_no"', '"type": "yesno"')
    .replace('"type": "phone"', '"type": "telephone"')
    .replace('"format": "tell-once/journey@1",', '"format": "tell-once/journey@1",\n  "colour": "blue",');
  await page.route('**/journeys/moving-house.json', (route) => route.fulfill({ contentType: 'application/json', body }));
  await page.goto('/?journey=moving-house');
  await expect(heading(page, 'Sorry, there is a problem with this service')).toBeVisible();
  await expect(page.getByText(/^The file \S*journeys\/moving-house\.json cannot be used:$/)).toBeVisible();
  const said = page.getByRole('listitem').filter({ hasText: /^at / });
  await expect(said).toHaveCount(3);
  await expect(said.nth(0)).toHaveText(/^at colour: unknown field `colour`, expected one of `\$schema`, `format`, /);
  await expect(said.nth(1)).toHaveText(/^at pages\[0\]\.questions\[0\]\.type: unknown variant `yesno`, expected one of /);
  await expect(said.nth(2)).toHaveText(/^at pages\[10\]\.questions\[0\]\.type: unknown variant `telephone`, expected one of /);
  await expectNoAxeViolations(page, 'the problem page naming three mistakes');
});
