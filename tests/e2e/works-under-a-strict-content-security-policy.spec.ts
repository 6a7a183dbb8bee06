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
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(policy).toContain("style-src 'self';");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toMatch(/'unsafe-eval'/);

  // Every script, style and WebAssembly file the page loads is pinned by its hash.
  const unpinned = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel=stylesheet], link[rel=modulepreload], link[rel=preload], script[src]')]
      .filter((el) => !/^sha384-/.test(el.getAttribute('integrity') ?? ''))
      .map((el) => el.outerHTML),
  );
  expect(unpinned).toEqual([]);

  const p = person();
  await answerAll(page, p);
  await sendFromCheck(page);
  expect(await page.evaluate(() => (window as any).cspViolations)).toEqual([]);
});
