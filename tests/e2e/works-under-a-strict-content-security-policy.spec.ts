// Security: the page is served with a strict Content-Security-Policy (no 'unsafe-inline', no
// 'unsafe-eval'; 'wasm-unsafe-eval' only, for WebAssembly), its assets carry Subresource
// Integrity hashes, and a whole journey, sent, breaks none of it.
import { expect, test } from '@playwright/test';
import { answerAll, failOnPageErrors, person, sendFromCheck } from './support';

test('a whole journey runs under the strict policy with no violation', async ({ page }) => {
  test.setTimeout(60_000);
  failOnPageErrors(page);
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as any).cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (e) => {
      violations.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
  const response = await page.goto('/?journey=moving-house');
  const policy = response!.headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(policy).toContain("style-src 'self';");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toMatch(/'unsafe-eval'/);

  await expect(page.getByRole('heading', { level: 1, name: 'Moving house' })).toBeVisible();
  // No script is inline: the loader is a file.
  expect(await page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(0);
  // Every script and style the page (or the widget, in its shadow root) loads is pinned by its
  // hash. (Not what is preloaded for a fetch: the WebAssembly, which the loader checks against
  // its hash itself, see shows-the-start-before-the-webassembly; and the journey, data rather
  // than code, which an agency changes apart from the build.)
  const unpinned = await page.evaluate(() => {
    const scopes: ParentNode[] = [document, ...[...document.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []))];
    return scopes
      .flatMap((scope) => [...scope.querySelectorAll('link[rel=stylesheet], link[rel=modulepreload], link[rel=preload], script[src]')])
      .filter((el) => !el.matches('link[rel=preload][as=fetch]'))
      .filter((el) => !/^sha384-/.test(el.getAttribute('integrity') ?? ''))
      .map((el) => el.outerHTML);
  });
  expect(unpinned).toEqual([]);
  expect(await page.evaluate(() => document.querySelector('tell-once')!.shadowRoot!.querySelectorAll('link[rel=stylesheet][integrity]').length)).toBe(1);

  const p = person();
  await answerAll(page, p);
  await sendFromCheck(page);
  expect(await page.evaluate(() => (window as any).cspViolations)).toEqual([]);
});
