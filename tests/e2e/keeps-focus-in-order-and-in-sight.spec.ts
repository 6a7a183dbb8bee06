// Focus, for a keyboard user (WCAG 2.4.3, 2.4.7, 2.4.11, 2.4.13), on every state of every page of
// each default life event: Tab from the top of the page to the end of the widget stops at each
// control in the order the eye reads them (top to bottom, then along a line), never lands on
// something covered by another element (a sticky bar), and always
// shows an indicator that changes at least as many pixels as the control's perimeter by 3:1 or
// more (measured once for each kind of control, from screenshots). Then the actions that take
// away what had focus: changing language and closing a dialog. (Removing an item of a repeating
// group is in answers-every-kind-of-question; sending again, in finds-no-accessibility-violations.)
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_JOURNEYS, walk } from './journeys';
import { failOnPageErrors, focusIndicator, heading, tabTo } from './support';

/** Where keyboard focus is now, through the widget's shadow root: what it is, where it is on the
 * page, and whether it can be seen. */
type Stop = {
  name: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
  inWidget: boolean;
  body: boolean;
  hidden: string | null;
  /** Its kind of control (tag, type and classes): the indicator is measured once per kind. */
  kind: string;
};

async function focusNow(page: Page): Promise<Stop> {
  return page.evaluate(() => {
    let el = document.activeElement as Element | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const body = !el || el === document.body;
    const stop = { name: '', top: 0, bottom: 0, left: 0, right: 0, inWidget: false, body, hidden: null as string | null, kind: '' };
    if (!el || stop.body) return stop;
    stop.kind = `${el.tagName.toLowerCase()}[${el.getAttribute('type') ?? ''}].${el.getAttribute('class') ?? ''}`;
    stop.name = `<${el.tagName.toLowerCase()}> “${(el.textContent || el.getAttribute('aria-label') || el.id).trim().slice(0, 50)}”`;
    stop.inWidget = el.getRootNode() !== document;
    // The first line of it (a link may wrap), where the person looks for the indicator.
    const line = el.getClientRects()[0] ?? el.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    Object.assign(stop, { top: box.top + scrollY, bottom: box.bottom + scrollY, left: box.left, right: box.right });
    // 2.4.11: not entirely hidden, neither out of view nor under something the page put on top.
    const visible = {
      left: Math.max(line.left, 0),
      right: Math.min(line.right, innerWidth),
      top: Math.max(line.top, 0),
      bottom: Math.min(line.bottom, innerHeight),
    };
    if (visible.right <= visible.left || visible.bottom <= visible.top) {
      stop.hidden = `out of view (${Math.round(line.left)}, ${Math.round(line.top)})`;
    } else {
      const x = (visible.left + visible.right) / 2;
      const y = (visible.top + visible.bottom) / 2;
      const hit = (el.getRootNode() as Document | ShadowRoot).elementFromPoint(x, y);
      const labels = [...((el as HTMLInputElement).labels ?? [])];
      const own = !!hit && (hit === el || el.contains(hit) || labels.some((l) => l.contains(hit)));
      if (!own) stop.hidden = `under <${hit?.tagName.toLowerCase()} class="${hit?.getAttribute('class') ?? ''}">`;
    }
    return stop;
  });
}

/** A comes before B in reading order: B is on a later line, or further along the same line. */
function inOrder(a: Stop, b: Stop): boolean {
  if (b.top >= a.bottom - 1) return true;
  if (b.bottom <= a.top + 1) return false;
  return b.left >= a.left - 1;
}

test.describe('every stop of the Tab key', () => {
  const measured = new Set<string>();

  for (const id of DEFAULT_JOURNEYS) {
    test(`${id}: in reading order, in sight and visibly focused on every page`, async ({ page }) => {
      test.setTimeout(150_000);
      failOnPageErrors(page);
      let stops = 0;
      // Every problem on the way, so one run shows them all.
      const problems: string[] = [];
      const states = await walk(page, id, async ({ name }) => {
        await page.mouse.move(0, 0); // no hover state in the screenshots
        await page.locator('main').focus();
        let previous: Stop | null = null;
        let seen = 0;
        for (let i = 0; i < 120; i++) {
          await page.keyboard.press('Tab');
          const now = await focusNow(page);
          // Past the widget: the page's own footer, or the end of the document.
          if (now.body || !now.inWidget) break;
          stops++;
          seen++;
          if (now.hidden) problems.push(`${name}: ${now.name} has focus but is ${now.hidden}`);
          if (previous && !inOrder(previous, now)) problems.push(`${name}: Tab goes from ${previous.name} back up to ${now.name}`);
          previous = now;
          const kind = now.kind;
          if (!measured.has(kind)) {
            measured.add(kind);
            const { changed, perimeter } = await focusIndicator(page, page.locator('*:focus').last());
            if (changed < perimeter) problems.push(`${name}: the focus indicator of ${kind} (${now.name}) changes ${changed} px by 3:1, less than its perimeter of ${perimeter} px`);
          }
        }
        if (seen === 0) problems.push(`${name}: Tab reaches no control`);
      });
      expect(problems, `${id}: focus`).toEqual([]);
      test.info().annotations.push({ type: 'states', description: `${states} page states, ${stops} Tab stops` });
    });
  }
});

test('changing language keeps focus on the language chosen', async ({ page }) => {
  failOnPageErrors(page);
  await page.goto('/?journey=moving-house');
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(heading(page, 'Do you have a driving licence?')).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Español' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(heading(page, '¿Tiene licencia de conducir?')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Español' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Do you have a driving licence?')).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toBeFocused();
});

test('closing the idle warning gives focus back to where the person was', async ({ page }) => {
  test.setTimeout(60_000);
  failOnPageErrors(page);
  // Real time, not Playwright's clock: its timer ids do not fit the i32 the app keeps them in, so
  // under it "more time" could not clear the old timers. 0.1 minutes: a warning after 3 seconds.
  await page.route(/\/\?journey=moving-house$/, async (route) => {
    const html = await (await route.fetch()).text();
    await route.fulfill({ body: html.replace(' standalone>', ' standalone idle-minutes=0.1>'), contentType: 'text/html' });
  });
  await page.goto('/?journey=moving-house');
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(heading(page, 'Do you have a driving licence?')).toBeFocused();
  await tabTo(page, page.getByRole('radio', { name: 'Yes' }));
  const dialog = page.getByRole('alertdialog', { name: 'Do you need more time?' });
  const moreTime = dialog.getByRole('button', { name: 'Yes, I need more time' });
  for (const key of ['Escape', 'Enter']) {
    await expect(moreTime).toBeFocused({ timeout: 6_000 });
    await page.keyboard.press(key);
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('radio', { name: 'Yes' }), `after ${key}`).toBeFocused();
  }
});
