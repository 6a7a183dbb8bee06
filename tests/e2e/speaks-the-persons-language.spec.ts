// Every word in the person's language. Each default life event is begun in English, switched to
// Spanish in the middle with the keyboard (answers and page kept, focus kept on the switch), and
// completed in Spanish, with axe on every page in Spanish. The Spanish the test looks for comes
// from the translation files themselves. Then: errors said again on switching, the choice kept
// on the device and shared by widgets, the host page's `lang`, and right to left in Arabic.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { answer, journeyFile, PEOPLE, wordsIn, type Journey, type UiWords } from './journeys';
import { answerAll, errorSummary, expectNoAxeViolations, failOnPageErrors, heading, person, sendFromCheck, tabTo } from './support';

const EN = wordsIn('en');
const ES = wordsIn('es');

/** The h1 of the page: every new page focuses it. */
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** The page the address names (standalone keeps it there). */
const pageId = (page: Page) => new URL(page.url()).searchParams.get('page');

/** Every text box's value and every choice's state on the page, to show nothing is lost. */
async function answersOnPage(page: Page): Promise<string[]> {
  const boxes = await page.getByRole('textbox').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
  const ticks = await page
    .locator('input[type=radio], input[type=checkbox]')
    .evaluateAll((els) => els.map((el) => String((el as HTMLInputElement).checked)));
  return [...boxes, ...ticks];
}

/** Switches language with the keyboard: Tab to the language's button (named in itself), Enter. */
async function switchTo(page: Page, words: UiWords): Promise<Locator> {
  const button = page.getByRole('button', { name: words.language, exact: true });
  await tabTo(page, button, { back: true, max: 60 });
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', words.fields.lang);
  // Focus stays where the person pressed, never lost to the page.
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-current', 'true');
  return button;
}

/** Answers the question pages in `words`' language until "Check your answers", running axe on
 * each page (and, once, on its error state). */
async function answerPages(page: Page, journey: Journey, words: UiWords, run: { errorsShown: boolean }) {
  const person = PEOPLE[journey.id];
  for (let step = 0; step < 40; step++) {
    await expect(h1(page)).toBeFocused();
    const title = await h1(page).innerText();
    if (title === words.check) return;
    await expectNoAxeViolations(page, `${journey.id} in ${words.fields.lang}: ${title}`);
    if (title === words.services) {
      await expect(page.getByRole('heading', { level: 2, name: words.servicesApply })).toBeVisible();
      await page.getByRole('button', { name: words.continue }).click();
      continue;
    }
    const definition = journey.pages.find((p) => p.id === pageId(page))!;
    expect(definition, `page ${pageId(page)} is in the journey`).toBeTruthy();
    if (!run.errorsShown && definition.questions.some((q) => q.required !== false)) {
      run.errorsShown = true;
      await page.getByRole('button', { name: words.continue }).click();
      const summary = errorSummary(page, words.problem);
      await expect(summary).toBeFocused();
      await expectNoAxeViolations(page, `${journey.id} in ${words.fields.lang}: ${title} (errors)`);
    }
    for (const question of definition.questions) await answer(page, question, person[question.key], words.fields);
    await page.getByRole('button', { name: words.continue }).click();
    await expect(errorSummary(page, words.problem)).toHaveCount(0);
  }
  throw new Error(`${journey.id}: never reached "${words.check}"`);
}

const JOURNEYS = ['moving-house', 'having-a-baby', 'death-of-someone-close', 'losing-your-job', 'approaching-retirement'];

for (const id of JOURNEYS) {
  test(`switches ${id} to Spanish half way and completes it in Spanish, axe clean`, async ({ page }) => {
    test.setTimeout(180_000);
    failOnPageErrors(page);
    const journey = journeyFile(id);
    expect(journey.languages).toContain('es');
    await page.goto(`/?journey=${id}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('group', { name: EN.languageSwitch })).toBeVisible();
    await page.getByRole('button', { name: EN.start }).click();

    // In English, up to the second page of questions, answered but not yet sent on.
    let questionPages = 0;
    for (let step = 0; questionPages < 2 && step < 10; step++) {
      await expect(h1(page)).toBeFocused();
      if ((await h1(page).innerText()) === EN.services) {
        await page.getByRole('button', { name: EN.continue }).click();
        continue;
      }
      const definition = journey.pages.find((p) => p.id === pageId(page))!;
      for (const question of definition.questions) await answer(page, question, PEOPLE[id][question.key]);
      questionPages++;
      if (questionPages < 2) await page.getByRole('button', { name: EN.continue }).click();
    }
    const here = pageId(page);
    const definition = journey.pages.find((p) => p.id === here)!;
    const given = await answersOnPage(page);
    const englishHeading = await h1(page).innerText();

    // The switch: same page, same answers, now in Spanish, and the document says so.
    await switchTo(page, ES);
    const spanishHeading = definition.title?.es ?? definition.questions[0].label.es;
    await expect(h1(page)).toHaveText(spanishHeading);
    expect(spanishHeading).not.toBe(englishHeading);
    expect(pageId(page)).toBe(here);
    expect(await answersOnPage(page)).toEqual(given);
    await expect(page).toHaveTitle(new RegExp(`^${spanishHeading.replace(/[?¿()]/g, '.')} – `));
    await expect(page.getByRole('button', { name: ES.continue })).toBeVisible();
    await expect(page.getByRole('button', { name: EN.continue })).toHaveCount(0);
    await expectNoAxeViolations(page, `${id}: ${spanishHeading} (just switched)`);
    await page.getByRole('button', { name: ES.continue }).click();

    // The rest in Spanish, errors included.
    await answerPages(page, journey, ES, { errorsShown: false });
    await expect(heading(page, ES.check)).toBeFocused();
    await expectNoAxeViolations(page, `${id}: ${ES.check}`);
    await page.getByRole('button', { name: ES.continue }).click();
    await expect(heading(page, ES.consent)).toBeFocused();
    await expectNoAxeViolations(page, `${id}: ${ES.consent}`);
    const choices = page.getByRole('checkbox', { name: ES.sendTo });
    const chosen = await choices.count();
    expect(chosen).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: ES.send, exact: true }).click();
    await expect(heading(page, ES.sent)).toBeFocused({ timeout: 15_000 });
    const outcomes = page.getByRole('heading', { level: 2, name: ES.outcomes }).locator('xpath=following-sibling::dl[1]');
    await expect(outcomes.getByRole('definition')).toHaveText(Array(chosen).fill(ES.sentLine));
    await expectNoAxeViolations(page, `${id}: ${ES.sent}`);

    // The choice is the person's: kept on this device for next time.
    await page.goto(`/?journey=${id}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('button', { name: ES.start })).toBeVisible();
  });
}

test('errors on the page are said again in the language switched to, and back', async ({ page }) => {
  failOnPageErrors(page);
  const journey = journeyFile('moving-house');
  const question = journey.pages[0].questions[0];
  await page.goto('/?journey=moving-house');
  await page.getByRole('button', { name: EN.start }).click();
  await page.getByRole('button', { name: EN.continue }).click();
  const summary = (words: UiWords) => errorSummary(page, words.problem);
  await expect(summary(EN)).toBeFocused();
  const english = await summary(EN).getByRole('link').allInnerTexts();
  expect(english).toEqual([EN.selectYesNo(question.name!.en)]);

  await switchTo(page, ES);
  await expect(summary(ES)).toBeVisible();
  const spanish = await summary(ES).getByRole('link').allInnerTexts();
  // The engine's Spanish message (its words come with the app's, in the language's words file),
  // with the question's own words in Spanish inside it.
  expect(spanish).toEqual([ES.selectYesNo(question.name!.es)]);
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page, 'moving house, errors, switched to Spanish');

  await switchTo(page, EN);
  await expect(summary(EN).getByRole('link')).toHaveText(english);
});

test('the host page sets the language; the person’s choice is shared by every widget and kept', async ({ page }) => {
  failOnPageErrors(page);
  await page.goto('/demo/agency/');
  const widgets = page.locator('tell-once');
  await expect(widgets).toHaveCount(2);
  const [moving, baby] = [widgets.nth(0), widgets.nth(1)];
  await expect(moving.getByRole('button', { name: EN.start })).toBeVisible();
  // Not chosen yet: the page's own language (en).
  const rootLang = (widget: Locator) => widget.evaluate((el) => el.shadowRoot!.querySelector('.tell-once')!.getAttribute('lang'));
  expect(await rootLang(moving)).toBe('en');

  // A widget the host page marks as Spanish speaks Spanish, from its first word.
  await page.evaluate(() => {
    const element = document.createElement('tell-once');
    element.setAttribute('journey', '/journeys/losing-your-job.json');
    element.setAttribute('lang', 'es-US');
    document.querySelector('main')!.append(element);
  });
  const third = widgets.nth(2);
  await expect(third.getByRole('button', { name: ES.start })).toBeVisible();
  expect(await rootLang(third)).toBe('es');
  await expect(moving.getByRole('button', { name: EN.start })).toBeVisible();

  // The person chooses Spanish in one widget: every widget follows, and the page around is left alone.
  await moving.getByRole('button', { name: ES.language }).click();
  await expect(moving.getByRole('button', { name: ES.start })).toBeVisible();
  await expect(baby.getByRole('button', { name: ES.start })).toBeVisible();
  expect(await rootLang(baby)).toBe('es');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page, 'agency page, widgets in Spanish');

  // Kept on the device: after a reload, Spanish again, and English is one press away.
  await page.reload();
  await expect(baby.getByRole('button', { name: ES.start })).toBeVisible();
  await baby.getByRole('button', { name: EN.language }).click();
  await expect(moving.getByRole('button', { name: EN.start })).toBeVisible();
});

test('right to left: Moving house in Arabic is laid out from the right, axe clean, nothing off the side', async ({ page }, testInfo) => {
  failOnPageErrors(page);
  const AR = wordsIn('ar');
  const journey = journeyFile('moving-house');
  expect(journey.languages).toContain('ar');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?journey=moving-house');
  await switchTo(page, AR);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(h1(page)).toHaveText(journey.title.ar);

  /** Right to left, what starts a line starts at the right: the heading and the button share
   * their right edge, not their left. */
  const edges = async (locator: Locator) => {
    const box = (await locator.boundingBox())!;
    return { left: box.x, right: box.x + box.width };
  };
  const start = page.getByRole('button', { name: AR.start });
  const [title, button] = [await edges(h1(page)), await edges(start)];
  expect(Math.abs(title.right - button.right)).toBeLessThanOrEqual(2);
  expect(button.left - title.left).toBeGreaterThan(40);
  const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  expect(await noSideways()).toBe(true);
  await expectNoAxeViolations(page, 'moving house in Arabic: start');
  await page.screenshot({ path: testInfo.outputPath('rtl-start.png'), fullPage: true });

  // A question and its errors, in Arabic, the error summary on the right too.
  await start.click();
  const first = journey.pages[0].questions[0];
  await expect(heading(page, first.label.ar)).toBeFocused();
  await page.getByRole('button', { name: AR.continue }).click();
  const summary = errorSummary(page, AR.problem);
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toContainText(first.name!.ar);
  expect(await noSideways()).toBe(true);
  await expectNoAxeViolations(page, 'moving house in Arabic: errors');
  await page.screenshot({ path: testInfo.outputPath('rtl-errors.png'), fullPage: true });
  await page.getByRole('radio', { name: AR.yes }).check();
  await page.getByRole('button', { name: AR.continue }).click();
  await expect(heading(page, journey.pages[1].questions[0].label.ar)).toBeFocused();
  await expectNoAxeViolations(page, 'moving house in Arabic: second question');
});

test('switching language on the confirmation keeps the survey as far as the person got', async ({ page }) => {
  failOnPageErrors(page);
  await answerAll(page, person());
  await sendFromCheck(page);
  const radios = page.getByRole('radio');
  await radios.nth(3).check();
  const comment = page.getByRole('textbox');
  await comment.fill('Quick and clear');

  await switchTo(page, ES);
  await expect(heading(page, ES.sent)).toBeVisible();
  await expect(radios.nth(3)).toBeChecked();
  await expect(comment).toHaveValue('Quick and clear');
  await expect(page.getByRole('heading', { level: 2, name: ES.outcomes })).toBeVisible();
  await expectNoAxeViolations(page, 'confirmation with the survey begun, switched to Spanish');
});

test('the list of life events, and its search, in Spanish', async ({ page }) => {
  failOnPageErrors(page);
  const pages = JSON.parse(readFileSync('locales/es/pages.json', 'utf8'));
  const catalogue = JSON.parse(readFileSync('public/journeys/life-events.json', 'utf8'));
  await page.goto('/');
  await switchTo(page, ES);
  await expect(h1(page)).toHaveText(catalogue.title.es);
  await page.getByLabel(pages.life_events_question).fill('me mudé de casa');
  await page.getByRole('button', { name: pages.life_events_search_button }).click();
  const results = page.getByRole('heading', { level: 2, name: pages.life_events_results_heading }).locator('xpath=following-sibling::ul[1]');
  await expect(results.getByRole('link').first()).toHaveText(journeyFile('moving-house').title.es);
  await expect(page.getByRole('status')).toContainText('me mudé de casa');
  await expectNoAxeViolations(page, 'life events in Spanish, searched');
});

test('a language the journey lacks a text in is not offered, and the journey still runs', async ({ page }) => {
  failOnPageErrors(page);
  const AR = wordsIn('ar');
  await page.route('**/journeys/moving-house.json', async (route) => {
    const journey = await (await route.fetch()).json();
    delete journey.pages[2].questions[0].hint.ar;
    await route.fulfill({ json: journey });
  });
  await page.goto('/?journey=moving-house');
  await expect(page.getByRole('button', { name: EN.start })).toBeVisible();
  const languages = page.getByRole('group', { name: EN.languageSwitch }).getByRole('button');
  await expect(languages).toHaveText([EN.language, ES.language]);
  await expect(page.getByRole('button', { name: AR.language })).toHaveCount(0);
});

test('only the language shown is downloaded: none for English; Spanish once, in time for the first page; one that fails to come leaves the page in English, says so, and comes when chosen again', async ({ page }) => {
  failOnPageErrors(page);
  const fetched: string[] = [];
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname.match(/^\/words-([a-z]+)-[0-9a-f]+\.json$/);
    if (file) fetched.push(file[1]);
  });
  // What the widget shows, frame by frame: its language and its first words (the loading
  // message, then the start page's heading), so anything drawn in English for a moment shows.
  await page.addInitScript(() => {
    const painted: string[] = [];
    (window as unknown as { painted: string[] }).painted = painted;
    const look = () => {
      for (const widget of document.querySelectorAll('tell-once')) {
        const root = widget.shadowRoot?.querySelector('.tell-once');
        const words = root?.querySelector('h1, p')?.textContent;
        const seen = `${root?.getAttribute('lang')}: ${words}`;
        if (words && painted[painted.length - 1] !== seen) painted.push(seen);
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  const title = journeyFile('moving-house').title as Record<string, string>;

  await page.goto('/?journey=moving-house');
  await expect(page.getByRole('button', { name: EN.start })).toBeVisible();
  expect(fetched, 'an English page needs no words file').toEqual([]);

  // Spanish cannot be fetched: the page stays in English, whole and usable.
  let refuse = true;
  await page.route(/\/words-es-[0-9a-f]+\.json$/, (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  const failed = page.waitForEvent('requestfailed', (r) => r.url().includes('/words-es-'));
  await page.getByRole('button', { name: ES.language }).click();
  await failed;
  await expect(page.getByRole('button', { name: EN.start })).toBeVisible();
  await expect(h1(page)).toHaveText(title.en);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The person is told, in the language on show: once aloud, and under the switch, with the
  // language's name marked as Spanish.
  const unavailable = EN.languageUnavailable(ES.language);
  await expect(page.getByRole('status')).toHaveText(unavailable);
  const shown = page.getByText(unavailable, { exact: true }).and(page.getByRole('paragraph'));
  await expect(shown).toBeVisible();
  await expect(shown.locator('span[lang=es]')).toHaveText(ES.language);
  await expect(page.getByRole('button', { name: ES.language })).toBeFocused();
  await expectNoAxeViolations(page, 'moving house, Spanish could not be loaded');

  // The network is back: the next press brings Spanish, and the message goes.
  refuse = false;
  await page.getByRole('button', { name: ES.language }).click();
  await expect(page.getByRole('button', { name: ES.start })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(shown).toBeHidden();
  await expect(page.getByText(ES.languageUnavailable(ES.language))).toBeHidden();
  expect(fetched).toEqual(['es', 'es']);
  await page.unroute(/\/words-es-/);

  // Spanish is kept on the device: after a reload its words are fetched with the WebAssembly,
  // once, and the first page is painted in Spanish, never English first, even when the words
  // are slower to come than the WebAssembly.
  await page.route(/\/words-es-[0-9a-f]+\.json$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  fetched.length = 0;
  await page.reload();
  await expect(page.getByRole('button', { name: ES.start })).toBeVisible();
  expect(fetched).toEqual(['es']);
  const painted = await page.evaluate(() => (window as unknown as { painted: string[] }).painted);
  expect(painted.length, painted.join(' | ')).toBeGreaterThan(0);
  for (const seen of painted) expect(seen).toMatch(/^es: /);
  expect(painted).toContain(`es: ${title.es}`);
  await expectNoAxeViolations(page, 'moving house, opened in Spanish');
});

test('words that are slow to come hold the widget back ten seconds at most: it starts in English, and turns Spanish when they come', async ({ page }) => {
  failOnPageErrors(page);
  await page.addInitScript(() => localStorage.setItem('tell-once.lang', 'es'));
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/words-es-[0-9a-f]+\.json$/, async (route) => {
    await held;
    await route.continue();
  });
  const asked = Date.now();
  await page.goto('/?journey=moving-house');
  await expect(page.getByRole('button', { name: EN.start })).toBeVisible({ timeout: 20_000 });
  expect(Date.now() - asked, 'held back for the words for a while first').toBeGreaterThan(9_000);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  release();
  await expect(page.getByRole('button', { name: ES.start })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expectNoAxeViolations(page, 'moving house, its Spanish come late');
});
