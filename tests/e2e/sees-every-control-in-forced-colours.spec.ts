// Forced colours (Windows High Contrast) and reduced motion, emulated, on every state of every
// page of each default life event. In forced colours the browser throws away the app's colours,
// backgrounds and shadows: what is left must still show each button's edge, the state of each
// radio and checkbox, the error borders and the focus indicator (3:1 against what is around them,
// measured from screenshots). With reduced motion, nothing animates or transitions. A screenshot
// of every state is attached to the test, to look at.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { DEFAULT_JOURNEYS, walk } from './journeys';
import { contrast, failOnPageErrors, focusIndicator, screenshotAround } from './support';

test.use({ forcedColors: 'active', reducedMotion: 'reduce' });

/** How visible an element's edge is against the page just outside it: for each side (every side,
 * or the start side only), the best line of pixels within 4 px of that edge, as the share of it
 * that stands out 3:1; the worst side's share is returned. (A line, not a ring of fixed width, so
 * an edge that falls between two pixels still counts.) */
async function edgeContrast(page: Page, target: Locator, sides: 'all' | 'start' = 'all'): Promise<number> {
  const pad = 3;
  const { png } = await screenshotAround(page, (await target.elementHandle())!, pad);
  const at = (x: number, y: number) => {
    const i = (y * png.width + x) * 4;
    return [png.data[i], png.data[i + 1], png.data[i + 2]];
  };
  const outside = at(0, 0);
  const [w, h] = [png.width, png.height];
  const share = (points: Array<[number, number]>) => points.filter(([x, y]) => contrast(at(x, y), outside) >= 3).length / points.length;
  const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  const depth = range(pad - 1, pad + 4);
  const rows = (y: number) => range(pad + 4, w - pad - 4).map((x): [number, number] => [x, y]);
  const columns = (x: number) => range(pad + 4, h - pad - 4).map((y): [number, number] => [x, y]);
  const best = (lines: Array<Array<[number, number]>>) => Math.max(...lines.map(share));
  const start = best(depth.map(columns));
  if (sides === 'start') return start;
  return Math.min(start, best(depth.map((d) => columns(w - 1 - d))), best(depth.map(rows)), best(depth.map((d) => rows(h - 1 - d))));
}

/** How many pixels of a control change by 3:1 or more when `change` is done to it. */
async function pixelsChangedBy(page: Page, target: Locator, change: () => Promise<void>): Promise<number> {
  const element = (await target.elementHandle())!;
  const before = (await screenshotAround(page, element, 0)).png;
  await change();
  const after = (await screenshotAround(page, element, 0)).png;
  let changed = 0;
  for (let i = 0; i < before.data.length; i += 4) {
    if (contrast([before.data[i], before.data[i + 1], before.data[i + 2]], [after.data[i], after.data[i + 1], after.data[i + 2]]) >= 3) changed++;
  }
  return changed;
}

/** Anything that moves: running animations, and any element with an animation or transition. */
async function motion(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const roots: Array<Document | ShadowRoot> = [document];
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    const found = roots.flatMap((root) => root.getAnimations().map((a) => `a running ${a.constructor.name}`));
    for (const root of roots) {
      for (const el of root.querySelectorAll('*')) {
        const style = getComputedStyle(el);
        // (An element not rendered, like the host's own content that no slot shows, has no style.)
        const moves = (style.animationName || 'none') !== 'none' || style.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
        if (moves) found.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> animates`);
      }
    }
    return found;
  });
}

test.describe('in forced colours, with reduced motion', () => {
  // Each kind of thing is measured the first time it is met (the screenshots are slow); motion,
  // and the screenshot to look at, on every state.
  const seen = new Set<string>();
  const firstTime = (kind: string) => !seen.has(kind) && !!seen.add(kind);

  for (const id of DEFAULT_JOURNEYS) {
    test(`${id}: buttons, choices, errors and focus stay visible, and nothing moves`, async ({ page }) => {
      test.setTimeout(120_000);
      failOnPageErrors(page);
      let checks = 0;
      // Every problem on the way, so one run shows them all.
      const problems: string[] = [];
      const visible = async (what: string, share: number) => {
        checks++;
        if (share < 0.8) problems.push(`${what}: only ${Math.round(share * 100)} % of its edge stands out 3:1`);
      };
      const states = await walk(page, id, async ({ name, kind }) => {
        expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
        await page.mouse.move(0, 0);
        // Edges are measured without a focus ring around them (the walk moves focus on).
        await page.evaluate(() => {
          let el = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          (el as HTMLElement | null)?.blur();
        });
        await test.info().attach(name, { body: await page.screenshot({ fullPage: true, type: 'jpeg', quality: 70 }), contentType: 'image/jpeg' });
        for (const moving of await motion(page)) problems.push(`${name}: ${moving}`);
        const widget = page.locator('tell-once');
        for (const button of await widget.locator('.button').all()) {
          if (!firstTime(`button ${await button.getAttribute('class')}`)) continue;
          await visible(`${name}: the button “${await button.innerText()}”`, await edgeContrast(page, button));
        }
        if (kind === 'errors') {
          for (const group of await widget.locator('.form-group--error').all()) {
            if (!firstTime(`error group ${await group.locator('input, select, textarea').first().getAttribute('class')}`)) continue;
            await visible(`${name}: the error border of a question`, await edgeContrast(page, group, 'start'));
          }
          for (const input of await widget.locator('.input--error, .select--error, .textarea--error').all()) {
            if (!firstTime(`field in error ${await input.getAttribute('class')}`)) continue;
            await visible(`${name}: the border of a field in error`, await edgeContrast(page, input));
          }
          if (firstTime('error summary')) await visible(`${name}: the error summary`, await edgeContrast(page, widget.locator('.error-summary')));
          // A choice's state: checking it changes what is drawn, visibly.
          for (const role of ['radio', 'checkbox'] as const) {
            const choice = widget.getByRole(role).first();
            if ((await choice.count()) === 0 || !firstTime(role)) continue;
            checks++;
            const drawn = await pixelsChangedBy(page, choice, () => choice.check());
            if (drawn < 20) problems.push(`${name}: checking a ${role} changes only ${drawn} px by 3:1`);
            if (role === 'checkbox') await choice.uncheck();
          }
        }
        // The focus indicator of each kind of control, the first time it is met: focused from
        // the keyboard's side (a key was pressed last, so the browser shows focus).
        const controls = widget.locator('a[href], button, input, select, textarea');
        const kinds = await controls.evaluateAll((els) =>
          els.map((el) => (el.getClientRects().length ? `${el.tagName.toLowerCase()}[${el.getAttribute('type') ?? ''}].${el.getAttribute('class') ?? ''}` : '')),
        );
        for (const [i, control] of kinds.entries()) {
          if (!control || !firstTime(`focus ${control}`)) continue;
          await page.keyboard.press('Shift');
          await controls.nth(i).focus();
          checks++;
          const { changed, perimeter } = await focusIndicator(page, controls.nth(i));
          if (changed < perimeter) problems.push(`${name}: the focus indicator of ${control} changes ${changed} px by 3:1, less than its perimeter of ${perimeter} px`);
        }
      });
      expect(problems, `${id}: in forced colours, with reduced motion`).toEqual([]);
      test.info().annotations.push({ type: 'states', description: `${states} page states, ${checks} checks` });
    });
  }
});
