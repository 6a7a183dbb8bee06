// How much of the WebAssembly a whole journey runs: each default life event walked with the
// keyboard from its start page to its confirmation (tests/e2e/journeys.ts's walk), while
// Chromium traces the functions it compiles (bench/wasm-code.mjs). Prints, per journey, the
// code it ran and the code it did not, raw and brotli (each compressed alone). The code run is
// what no split of the module can leave out of that journey's download. It also writes the
// functions each ran to target/journey-code.json, for scripts/code-by-crate.mjs to print that
// code by crate (scripts/journey-code.sh does). Needs a build whose
// WebAssembly is whole and keeps its functions' names: run it through scripts/journey-code.sh,
// not scripts/test.sh (playwright.measure.config.ts).
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { codeOf, compiledFunctions, head, row, summary } from '../../bench/wasm-code.mjs';
import { functionNames } from '../../scripts/wasm-module.mjs';
import { DEFAULT_JOURNEYS, walk } from '../e2e/journeys';

const dist = path.join(__dirname, '../../dist');
const wasmFile = fs.readdirSync(dist).find((f) => /^tell-once-.*_bg\.wasm$/.test(f));
// The module, read once (in beforeAll), and the table, printed whole once every journey is
// walked (not between the reporter's lines).
let code: ReturnType<typeof codeOf>;
const lines: string[] = [];
// Every function any of the journeys ran: what a module holding all the journeys' code must hold.
const any = new Set<number>();
// The functions each journey ran, by index in the module: written for scripts/code-by-crate.mjs.
const ranBy: Record<string, number[]> = {};

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  expect(wasmFile, "dist/ has the app's WebAssembly").toBeTruthy();
  code = codeOf(fs.readFileSync(path.join(dist, wasmFile!)));
  expect(functionNames(code.wasm, code.parts).size, `${wasmFile} is whole and keeps its functions' names (TELL_ONCE_WHOLE_WASM=1): run scripts/journey-code.sh`).toBeGreaterThan(0);
  lines.push(summary(wasmFile!, code), '', ...head('journey, start page to confirmation'));
});

test.afterAll(() => {
  if (any.size) lines.push(row('any journey above', code, any));
  console.log(`\n${lines.join('\n')}`);
  fs.writeFileSync(path.join(__dirname, '../../target/journey-code.json'), JSON.stringify(ranBy));
});

for (const id of DEFAULT_JOURNEYS) {
  test(id, async ({ page, context }) => {
    test.setTimeout(120_000);
    const ran = await compiledFunctions(await context.newCDPSession(page), async () => {
      await walk(page, id, async () => {});
      await page.waitForLoadState('networkidle');
    });
    lines.push(row(id, code, ran));
    ranBy[id] = [...ran];
    for (const index of ran) any.add(index);
  });
}
