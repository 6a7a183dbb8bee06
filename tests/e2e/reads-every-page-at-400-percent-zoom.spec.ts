// Reflow, resize text and text spacing (WCAG 1.4.10, 1.4.4, 1.4.12) on every state of every page
// of each default life event, and on the list of life events with search results. 400 % zoom is
// modelled as WCAG describes it: a viewport 320 CSS px wide (a 1280 px desktop at 400 %), where
// text and everything else is four times its size. At that width the page must not scroll
// sideways (the document's scrollWidth ≤ its clientWidth), nothing may stick out past the edge,
// and no box may clip its content; then the same again with the text spacing overrides (line
// height 1.5, paragraphs 2 em apart, letters 0.12 em, words 0.16 em) in the page and in the
// widget's shadow root, where a bookmarklet's styles would not reach.
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_JOURNEYS, walk } from './journeys';
import { failOnPageErrors, heading } from './support';

test.use({ viewport: { width: 320, height: 640 } });

const TEXT_SPACING = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }`;

/** Adds (or takes away) the text spacing overrides, in the page and in every shadow root. */
async function spaceText(page: Page, on: boolean): Promise<void> {
  await page.evaluate(
    ([css, on]) => {
      const roots: Array<Document | ShadowRoot> = [document];
      for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      for (const root of roots) {
        root.querySelector('style[data-text-spacing]')?.remove();
        if (!on) continue;
        const style = document.createElement('style');
        style.dataset.textSpacing = '';
        style.textContent = css as string;
        (root instanceof Document ? root.head : root).append(style);
      }
    },
    [TEXT_SPACING, on] as const,
  );
}

/** What scrolls sideways, sticks out past the viewport's edge or is clipped, in words. */
async function lostContent(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const html = document.documentElement;
    if (html.scrollWidth > html.clientWidth) found.push(`the page scrolls sideways (${html.scrollWidth} > ${html.clientWidth} px)`);
    const elements: Element[] = [];
    const collect = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll(root instanceof Document ? 'body *' : '*')) {
        elements.push(el);
        if (el.shadowRoot) collect(el.shadowRoot);
      }
    };
    collect(document);
    const describe = (el: Element) =>
      `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    for (const el of elements) {
      // Hidden on purpose: the announcer and hidden words for screen readers, the skip link
      // until it has focus, what is not rendered.
      if (el.closest('.visually-hidden, .skip-link, script, style, link, noscript, template, dialog:not([open])')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.right > html.clientWidth + 0.5 || box.left < -0.5) {
        found.push(`${describe(el)} reaches from ${Math.round(box.left)} to ${Math.round(box.right)} px`);
      }
      // A form control scrolls its own text, as it should.
      if (el.matches('input, select, textarea')) continue;
      const style = getComputedStyle(el);
      if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) found.push(`${describe(el)} clips its content sideways`);
      if (style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1) found.push(`${describe(el)} clips its content below`);
    }
    return found;
  });
}

/** Checks the page as it is at 320 px, then with the text spacing overrides. */
async function expectReflows(page: Page, state: string): Promise<void> {
  expect(await lostContent(page), `${state}, 320 px wide`).toEqual([]);
  await spaceText(page, true);
  expect(await lostContent(page), `${state}, 320 px wide with text spacing`).toEqual([]);
  await spaceText(page, false);
}

test('the list of life events and its search results, at 400 % zoom', async ({ page }) => {
  failOnPageErrors(page);
  await page.goto('/');
  await expect(heading(page, 'Tell government once')).toBeVisible();
  await expectReflows(page, 'the list of life events');
  await page.getByRole('searchbox', { name: 'What has happened?' }).fill('my partner died and I lost my job');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { name: 'Search results' })).toBeVisible();
  await expectReflows(page, 'search results');
});

for (const id of DEFAULT_JOURNEYS) {
  test(`${id}: every page at 400 % zoom, with and without wider text spacing`, async ({ page }) => {
    test.setTimeout(120_000);
    failOnPageErrors(page);
    const states = await walk(page, id, ({ name }) => expectReflows(page, name));
    test.info().annotations.push({ type: 'states', description: `${states} page states, each at 320 px and with text spacing` });
  });
}
