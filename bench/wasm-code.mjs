// Which of a page's WebAssembly functions ran, and how much code that is. Chromium compiles a
// wasm function the first time it is called (V8's lazy compilation), and its trace names each
// one (`wasm.CompileLazy`, with the function's index). Shared by bench/startup-code.mjs (up to
// the first question) and tests/measure/journey-code.spec.ts (whole journeys); each gives its
// own DevTools session, so this imports no Playwright.
import { brotliSize } from './chromium.mjs';
import { functionBodies, importedFunctions, sections } from '../scripts/wasm-module.mjs';

const kb = (n) => (n / 1000).toFixed(1);

/** The indices of the wasm functions compiled while `during()` runs, traced through `cdp`. */
export async function compiledFunctions(cdp, during) {
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['v8.wasm'] }, transferMode: 'ReportEvents' });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  const lazy = events.filter((e) => e.name === 'wasm.CompileLazy');
  if (!lazy.length) throw new Error('the trace has no wasm.CompileLazy events: is lazy compilation off in this Chromium?');
  return new Set(lazy.map((e) => e.args.func_index));
}

/** `wasm`'s code, read once: its function bodies and the index of the first. */
export function codeOf(wasm) {
  const parts = sections(wasm);
  const data = parts.find((p) => p.id === 11);
  return { wasm, parts, bodies: functionBodies(wasm, parts), first: importedFunctions(wasm, parts), data: data ? wasm.subarray(data.start, data.end) : Buffer.alloc(0) };
}

/** One line on the whole module: its size, its functions, its code and data. */
export function summary(name, { wasm, bodies, data }) {
  const code = Buffer.concat(bodies);
  return `${name}: ${kb(wasm.length)} kB raw, ${kb(brotliSize(wasm))} kB brotli; ${bodies.length} functions, code ${kb(code.length)} kB raw (${kb(brotliSize(code))} kB brotli), data ${kb(data.length)} kB raw (${kb(brotliSize(data))} kB brotli)`;
}

/** The table's head, its first column named `what`. */
export const head = (what) => [`| ${what} | functions run | code run, raw (kB) | brotli (kB) | code not run, raw (kB) | brotli (kB) |`, '| --- | ---: | ---: | ---: | ---: | ---: |'];

/** A row: the code of the functions in `ran` and of the rest, raw and brotli (each compressed alone). */
export function row(label, { bodies, first }, ran) {
  const run = [];
  const rest = [];
  bodies.forEach((body, k) => (ran.has(first + k) ? run : rest).push(body));
  const [a, b] = [Buffer.concat(run), Buffer.concat(rest)];
  return `| ${label} | ${run.length} of ${bodies.length} | ${kb(a.length)} | ${kb(brotliSize(a))} | ${kb(b.length)} | ${kb(brotliSize(b))} |`;
}
