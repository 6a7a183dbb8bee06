// How much of the WebAssembly a whole journey runs: each default life event walked with the
// keyboard from its start page to its confirmation (tests/e2e/journeys.ts's walk), while
// Chromium traces the functions it compiles (V8 compiles a wasm function the first time it is
// called). Prints, per journey, the code it ran and the code it did not, raw and brotli (each
// compressed alone). The code run is what no split of the module can leave out of that journey's
// download. Needs a build whose WebAssembly is whole and keeps its functions' names: run it
// through scripts/journey-code.sh, not scripts/test.sh (playwright.measure.config.ts).
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { functionBodies, functionNames, importedFunctions, sections } from '../../scripts/wasm-module.mjs';
import { DEFAULT_JOURNEYS, walk } from '../e2e/journeys';

const dist = path.join(__dirname, '../../dist');
const wasmFile = fs.readdirSync(dist).find((f) => /^tell-once-.*_bg\.wasm$/.test(f));
const brotli = (bytes: Buffer) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }).length;
const kb = (n: number) => (n / 1000).toFixed(1);

test.describe.configure({ mode: 'serial' });

// The table, printed whole once every journey is walked (not between the reporter's lines).
const lines: string[] = [];

test.beforeAll(() => {
  expect(wasmFile, 'dist/ has the app\'s WebAssembly').toBeTruthy();
  const wasm = fs.readFileSync(path.join(dist, wasmFile!));
  expect(functionNames(wasm).size, `${wasmFile} is whole and keeps its functions' names (TELL_ONCE_WHOLE_WASM=1): run scripts/journey-code.sh`).toBeGreaterThan(0);
  const all = sections(wasm);
  const code = Buffer.concat(functionBodies(wasm, all));
  const data = all.find((s: { id: number }) => s.id === 11);
  const dataBytes = data ? wasm.subarray(data.start, data.end) : Buffer.alloc(0);
  lines.push(`${wasmFile}: ${functionBodies(wasm, all).length} functions, code ${kb(code.length)} kB raw, ${kb(brotli(code))} kB brotli; data ${kb(dataBytes.length)} kB raw, ${kb(brotli(dataBytes))} kB brotli`);
  lines.push('', '| journey, start page to confirmation | functions run | code run, raw (kB) | brotli (kB) | code not run, raw (kB) | brotli (kB) |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
});

test.afterAll(() => console.log(`\n${lines.join('\n')}`));

for (const id of DEFAULT_JOURNEYS) {
  test(id, async ({ page, context }) => {
    test.setTimeout(120_000);
    const cdp = await context.newCDPSession(page);
    const events: { name: string; args: { func_index: number } }[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as typeof events)));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['v8.wasm'] }, transferMode: 'ReportEvents' });
    await walk(page, id, async () => {});
    await page.waitForLoadState('networkidle');
    await cdp.send('Tracing.end');
    await complete;
    const ran = new Set(events.filter((e) => e.name === 'wasm.CompileLazy').map((e) => e.args.func_index));
    expect(ran.size, 'the trace names the functions compiled (is lazy compilation off?)').toBeGreaterThan(0);

    const wasm = fs.readFileSync(path.join(dist, wasmFile!));
    const all = sections(wasm);
    const imports = importedFunctions(wasm, all);
    const run: Buffer[] = [];
    const rest: Buffer[] = [];
    functionBodies(wasm, all).forEach((body: Buffer, k: number) => (ran.has(k + imports) ? run : rest).push(body));
    const [a, b] = [Buffer.concat(run), Buffer.concat(rest)];
    lines.push(`| ${id} | ${run.length} of ${run.length + rest.length} | ${kb(a.length)} | ${kb(brotli(a))} | ${kb(b.length)} | ${kb(brotli(b))} |`);
  });
}
