// The benchmark harness: serves bench/site, measures every library in Debian's headless
// Chromium, prints one table and writes bench/RESULTS.md. Run through `bash bench/run.sh`.
// RUNS=5 (medians of that many runs), PORT=8790, ONLY=tellonce,rjsf to measure fewer libraries,
// CHROMIUM_FLAGS="--js-flags=--no-wasm-lazy-compilation" (extra browser arguments, space-separated,
// for diagnosis: RESULTS.md then says the figures are not the default browser's).
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzip } from '../scripts/compress.mjs';
import { brotliSize, launchChromium } from './chromium.mjs';
import { serve } from './serve.mjs';
import { LIBS } from './libs.mjs';
import { typical } from './forms.mjs';
import { report, rowsOf, saidOf, table as tableOf } from './report.mjs';

const here = new URL('.', import.meta.url).pathname;
const RUNS = Number(process.env.RUNS ?? 5);
const PORT = Number(process.env.PORT ?? 8790);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const KEYSTROKES = Number(process.env.KEYSTROKES ?? 200);
const extraFlags = (process.env.CHROMIUM_FLAGS ?? '').split(/\s+/).filter(Boolean);
const only = process.env.ONLY ? process.env.ONLY.split(',') : Object.keys(LIBS);
const libs = Object.fromEntries(Object.entries(LIBS).filter(([id]) => only.includes(id)));

// Lighthouse's mobile conditions: 150 ms RTT, 1.6 Mbps down, 750 Kbps up, CPU 4× slower.
const MOBILE = {
  network: { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  cpu: 4,
};

const log = (...a) => console.error(new Date().toISOString().slice(11, 19), ...a);

const server = await serve(join(here, 'site'), PORT);
const browser = await launchChromium(extraFlags);

async function open(throttled) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  page.setDefaultTimeout(throttled ? 120_000 : 30_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', MOBILE.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpu });
  }
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, cdp, errors };
}

// A promise, or an error after `ms` (page.evaluate itself has no timeout).
const within = (ms, promise, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);

const url = (lib, form, direct) => `${ORIGIN}/${lib}-${form}.html${direct ? '?page=questions' : ''}`;

// Loads a page and returns the marks of hooks.js (page clock: ms since navigation started).
async function load(lib, form, { throttled = false, direct = false, bytes = false } = {}) {
  const s = await open(throttled);
  const responses = [];
  if (bytes) {
    s.page.on('response', (r) => responses.push(r));
  }
  try {
    await s.page.goto(url(lib, form, direct), { waitUntil: 'domcontentloaded' });
    const marks = await within(throttled ? 120_000 : 30_000, s.page.evaluate(() => window.__bench.done), `${lib}-${form} never showed ${libs[lib].ready[form]}${s.errors.length ? ` (${s.errors[0]})` : ''}`);
    const { formFetched, wasmReady } = await s.page.evaluate(() => ({ formFetched: window.__bench.formFetched, wasmReady: window.__bench.wasmReady }));
    let sizes = null;
    if (bytes) {
      await s.page.waitForLoadState('networkidle').catch(() => {});
      sizes = await measureBytes(responses);
    }
    return { ...marks, formFetched, wasmReady, sizes, session: s };
  } catch (e) {
    await s.context.close();
    throw e;
  }
}

async function measureBytes(responses) {
  const files = [];
  for (const r of responses) {
    if (r.status() !== 200) continue;
    let body;
    try {
      body = await r.body();
    } catch {
      continue;
    }
    files.push({
      url: r.url().replace(ORIGIN, ''),
      raw: body.length,
      gzip: gzip(body).length,
      brotli: brotliSize(body),
    });
  }
  const total = (k) => files.reduce((n, f) => n + f[k], 0);
  return { files, raw: total('raw'), gzip: total('gzip'), brotli: total('brotli') };
}

// --- 0. warm-up, untimed --------------------------------------------------------------------------
// Each form of a library loaded once before anything is timed. The server compresses a file on
// its first request (brotli at quality 11 takes about a second for the WebAssembly or a large
// bundle), and without this the first timed run of each library paid for that: its first
// question came 3½ to 6½ times later than in the other runs (2026-12-05). The typical form's load
// also counts the bytes: reading every response's body happens after its marks, but it is no
// run to time either.
async function warmUp(lib) {
  let sizes = null;
  for (const form of ['typical', 'long', 'bigselect']) {
    try {
      const r = await load(lib, form, { bytes: form === 'typical' });
      await r.session.context.close();
      if (form === 'typical') sizes = r.sizes;
    } catch (e) {
      log(`  warm-up of the ${form} form failed: ${e.message.split('\n')[0]}`);
    }
  }
  return sizes;
}

// --- 1. time to the first question, unthrottled and under mobile conditions --------------------
async function firstQuestion(lib, throttled) {
  const direct = false;
  const r = await load(lib, 'typical', { throttled, direct });
  await r.session.context.close();
  const out = { interactive: r.readyFree, inDom: r.ready, start: r.startFree ?? null };
  if (lib === 'tellonce') {
    // and the question page opened directly (?page=questions), without the start page
    const d = await load(lib, 'typical', { throttled, direct: true });
    await d.session.context.close();
    out.direct = d.readyFree;
  }
  return out;
}

// --- 2. time to render the long form and the big select -----------------------------------------
async function render(lib, form) {
  const r = await load(lib, form, { direct: true });
  let open = null;
  if (lib === 'surveyjs' && form === 'bigselect') {
    // its drop-down puts the options in the DOM when it opens: time from the click to the last
    open = await r.session.page.evaluate(async () => {
      const B = window.__bench;
      const t0 = performance.now();
      B.query('[data-name="choice"] .sd-dropdown').click();
      const t1 = await B.waitFor(() => [...document.querySelectorAll('.sv-list__item')].some((e) => e.textContent.trim() === 'Option 2000'));
      await B.nextTask();
      return performance.now() - t0 + 0 * t1;
    }).catch(() => null);
  }
  await r.session.context.close();
  // Rendering, not loading: from when the definition and the code that renders it are both in
  // hand (for a library whose code is WebAssembly, the later of the two; for a JavaScript one,
  // its code ran first, since it is what fetches the definition).
  const inHand = Math.max(r.formFetched, r.wasmReady ?? r.formFetched);
  return { fromNavigation: r.readyFree, fromDefinition: r.ready - inHand, fromFetch: r.ready - r.formFetched, open };
}

// --- 3. input latency ------------------------------------------------------------------------------
// Typing into the National Insurance number (pattern ^[A-Z]{2}[0-9]{6}[A-D]$): "QQ123456" first
// (invalid), then C (valid), Backspace (invalid), C, … so that every keystroke changes whether the
// pattern's message should show. Each keystroke's latency: from the keydown event's timeStamp to
// the first DOM mutation after which the question's text (label + messages) differs from before
// the key. Tell Once shows messages only after Continue: it is measured to the answer being
// stored (its draft save, a Storage.setItem, runs after each answer is stored), and the
// harness records whether its message changes at all.
async function latency(lib) {
  if (process.env.DEBUG) log('    latency: opening');
  const s = await open(false);
  if (process.env.DEBUG) log('    latency: open');
  try {
    const def = libs[lib];
    await s.page.goto(url(lib, 'typical', true), { waitUntil: 'domcontentloaded' });
    await within(30_000, s.page.evaluate(() => window.__bench.done), `${lib} never showed its first question`);
    const box = s.page.locator(def.input('ni')).first();
    await box.click();
    // 50 ms between keys: typed with no delay, JSON Forms' debounced box drops characters
    // (it held "Q12346" in one run)
    await s.page.keyboard.type('QQ123456', { delay: 50 });
    await s.page.waitForTimeout(300);
    if (lib === 'tellonce') {
      await s.page.getByRole('button', { name: 'Continue' }).click();
      await s.page.locator(`${def.wrap('ni')} .error-message, ${def.wrap('ni')} [id$="-error"]`).first().waitFor({ timeout: 5000 }).catch(() => {});
      await box.click();
      await s.page.keyboard.press('End');
    }
    await s.page.waitForTimeout(300);
    const signal = lib === 'tellonce' ? 'save' : 'text';
    const times = [];
    let textChanges = 0;
    let misses = 0;
    let run = 0;
    let stopped = null;
    for (let i = 0; i < KEYSTROKES; i++) {
      const key = i % 2 === 0 ? 'C' : 'Backspace';
      await within(10_000, s.page.evaluate(({ wrap, signal }) => {
        const B = window.__bench;
        const el = B.query(wrap);
        const before = el.textContent;
        const saves = B.saves;
        B.key = { down: null };
        window.addEventListener('keydown', (e) => { B.key.down = e.timeStamp; }, { capture: true, once: true });
        // the element is looked up again each time: a library may replace it while re-rendering
        const text = () => { const now = B.query(wrap); return !!now && now.textContent !== before; };
        B.key.text = B.waitFor(text);
        B.key.done = signal === 'save' ? B.waitFor(() => B.saves > saves) : B.key.text;
      }, { wrap: def.wrap('ni'), signal }), `arming keystroke ${i}`);
      await within(10_000, s.page.keyboard.press(key), `pressing ${key}`);
      const r = await within(10_000, s.page.evaluate(async () => {
        const B = window.__bench;
        const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 1000));
        const done = await Promise.race([B.key.done, timeout]);
        const text = await Promise.race([B.key.text, new Promise((resolve) => setTimeout(() => resolve(null), 0))]);
        return { down: B.key.down, done, text };
      }), `keystroke ${i}`);
      if (process.env.DEBUG && i % 50 === 0) log(`    keystroke ${i}, ${misses} missed so far`);
      if (r.done === null || r.down === null) {
        misses++;
        run++;
      } else {
        times.push(r.done - r.down);
        run = 0;
      }
      if (r.text !== null) textChanges++;
      if (run >= 10) {
        // ten keys in a row without the message changing: the library has stopped following
        // the keys (reported with the box's value at that point)
        stopped = { at: i + 1, value: await box.inputValue().catch(() => '?') };
        log(`    ${lib}: no change for 10 keys in a row, stopped after ${i + 1}; the box holds ${JSON.stringify(stopped.value)}`);
        break;
      }
    }
    return { times, misses, textChanges, stopped, errors: s.errors.slice(0, 3) };
  } finally {
    await s.context.close();
  }
}

// --- 4. memory after completing the typical form ----------------------------------------------------
async function fill(page, lib) {
  const def = libs[lib];
  const failed = [];
  const values = { given_name: 'Ada', family_name: 'Lovelace', email: 'ada@example.com', phone: '020 7946 0000', ni: 'QQ123456C', line1: '1 High Street', line2: 'Flat 2', town: 'London', postcode: 'SW1A 1AA' };
  for (const q of typical.questions) {
    const wrap = page.locator(def.wrap(q.key)).first();
    try {
      if (q.key in values) {
        await page.locator(def.input(q.key)).first().fill(values[q.key]);
      } else if (q.type === 'date') {
        const day = wrap.getByLabel('Day', { exact: true });
        const dayById = wrap.locator('input[id$="-day"]');
        if (await day.count()) {
          await day.fill('27');
          await wrap.getByLabel('Month', { exact: true }).fill('3');
          await wrap.getByLabel('Year', { exact: true }).fill('1985');
        } else if (await dayById.count()) {
          // Form.io's Day, Month, Year boxes are named by the group's label (aria-labelledby)
          await dayById.fill('27');
          await wrap.locator('input[id$="-month"]').fill('3');
          await wrap.locator('input[id$="-year"]').fill('1985');
        } else {
          await wrap.locator('input[type="date"]').fill('1985-03-27');
        }
      } else if (q.type === 'select') {
        const select = wrap.locator('select');
        if (await select.count()) {
          await select.selectOption({ label: q.options[2].label }).catch(() => select.selectOption(q.options[2].value));
        } else {
          // SurveyJS's own drop-down: its popup did not become visible to Playwright at this
          // viewport, so the choice is set through the survey model (noted in RESULTS.md)
          await page.evaluate(([k, v]) => window.__form.setValue(k, v), [q.key, q.options[2].value]);
        }
      } else if (q.type === 'yes_no') {
        await wrap.locator('input[type="radio"]').first().check({ force: true });
      } else if (q.type === 'checkboxes') {
        const box = wrap.locator('input[type="checkbox"]');
        if (await box.count()) {
          await box.first().check({ force: true });
        } else {
          // JSON Forms' vanilla renderers have no checkbox list: an array of choices is a table
          // of rows, each a <select>
          await wrap.getByRole('button', { name: /^Add/ }).click();
          await wrap.locator('select').first().selectOption(q.options[0].value);
        }
      }
    } catch (e) {
      failed.push(q.key);
    }
  }
  return failed;
}

async function memory(lib) {
  const s = await open(false);
  s.page.setDefaultTimeout(5000);
  try {
    await s.page.goto(url(lib, 'typical', true), { waitUntil: 'domcontentloaded' });
    await within(30_000, s.page.evaluate(() => window.__bench.done), `${lib} never showed its first question`);
    const failed = await fill(s.page, lib);
    if (lib === 'tellonce') {
      await s.page.getByRole('button', { name: 'Continue' }).click();
      await s.page.getByRole('heading', { name: /Check your answers/ }).waitFor({ timeout: 10_000 }).catch(() => failed.push('continue'));
    }
    await s.page.waitForTimeout(500);
    await s.cdp.send('HeapProfiler.enable');
    await s.cdp.send('HeapProfiler.collectGarbage');
    await s.cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await s.cdp.send('Runtime.getHeapUsage');
    const wasm = await s.page.evaluate(() => window.__bench.wasmMemories.reduce((n, m) => n + m.buffer.byteLength, 0));
    return { heap: usedSize, wasm, total: usedSize + wasm, failed };
  } finally {
    await s.context.close();
  }
}

// --- running it all -------------------------------------------------------------------------------
/** `fn()`, or null (said in the log) if it failed. */
async function once(label, fn) {
  try {
    return await fn();
  } catch (e) {
    log(`  ${label} failed: ${e.message.split('\n')[0]}`);
    return null;
  }
}

// MERGE=1 keeps the libraries of the last results.partial.json that this run does not measure
const results = process.env.MERGE
  ? Object.fromEntries(Object.entries(JSON.parse(readFileSync(join(here, 'results.partial.json'), 'utf8'))).filter(([k]) => !only.includes(k)))
  : {};
// The peers' bundles were just built (build.mjs) on the same 2 cores: let the machine settle
// first, until the one-minute load average is under 1 or two minutes have passed, so that the
// first library is not measured on a busier machine than the others.
const oneMinuteLoad = () => parseFloat(readFileSync('/proc/loadavg', 'utf8'));
for (const until = Date.now() + 120_000; oneMinuteLoad() >= 1 && Date.now() < until; ) {
  await new Promise((resolve) => setTimeout(resolve, 5_000));
}
log(`one-minute load average ${oneMinuteLoad()} before measuring`);
const started = Date.now();
const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
// Each library warmed up, then the runs taken in turn: the first run of every library, then the
// second of every library, and so on. Each library's runs are spread over the whole bench, so a
// minute in which the machine is slower (it is shared) falls on every library alike, not on the
// runs of the one being measured then (before 2026-12-05 each library's runs came one after
// another, and the same build's first question moved from 150 to 217 ms between two benches).
const MEASURES = [
  ['first', (lib) => firstQuestion(lib, false)],
  ['firstMobile', (lib) => firstQuestion(lib, true)],
  ['long', (lib) => render(lib, 'long')],
  ['bigselect', (lib) => render(lib, 'bigselect')],
  ['latency', (lib) => latency(lib)],
  ['memory', (lib) => memory(lib)],
];
for (const lib of Object.keys(libs)) {
  log(`${libs[lib].name}: warming up`);
  results[lib] = { sizes: await warmUp(lib), ...Object.fromEntries(MEASURES.map(([key]) => [key, []])) };
}
for (let run = 1; run <= RUNS; run++) {
  for (const lib of Object.keys(libs)) {
    const r = results[lib];
    const said = [];
    for (const [key, measure] of MEASURES) {
      const result = await once(`${libs[lib].name}, run ${run}: ${key}`, () => measure(lib));
      r[key].push(result);
      said.push(...(result ? saidOf(key, result) : [`${key} failed`]));
    }
    log(`${libs[lib].name}, run ${run} of ${RUNS}: ${said.join(', ')}`);
  }
  writeFileSync(join(here, 'results.partial.json'), JSON.stringify(results, (k, v) => (k === 'session' ? undefined : v)));
}
for (const lib of Object.keys(libs)) {
  const failed = results[lib].memory.find(Boolean)?.failed ?? [];
  if (failed.length) log(`${libs[lib].name}: not filled by the harness: ${failed.join(', ')}`);
}
await browser.close();
server.close();
// A bench in which nothing could be measured (Chromium gone, the site missing) keeps the last
// results rather than writing a table of dashes over them.
if (!Object.values(results).some((r) => MEASURES.some(([key]) => r[key].some(Boolean)))) {
  log('no run of any library measured anything: bench/RESULTS.md and bench/results.json are left as they were');
  process.exit(1);
}

// --- the table -----------------------------------------------------------------------------------
const rows = rowsOf(Object.fromEntries(Object.keys(LIBS).filter((k) => k in results).map((k) => [k, results[k]])), KEYSTROKES);
const names = Object.fromEntries(Object.entries(LIBS).map(([k, v]) => [k, v.name]));
const table = tableOf(rows, names);
console.log(table);

const elapsed = ((Date.now() - started) / 60000).toFixed(1);
const version = (p) => JSON.parse(readFileSync(join(here, 'node_modules', p, 'package.json'), 'utf8')).version;
const sh = (c) => { try { return execSync(c, { encoding: 'utf8' }).trim(); } catch { return '?'; } };
const meta = {
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', note: process.env.NOTE ?? null, flags: extraFlags, runs: RUNS, keystrokes: KEYSTROKES, elapsed, warmUp: true, inTurn: true,
  versions: {
    chromium: sh('/usr/bin/chromium --version 2>/dev/null'), node: process.version,
    'survey-core': version('survey-core'), 'survey-js-ui': version('survey-js-ui'),
    '@rjsf/core': version('@rjsf/core'), '@rjsf/utils': version('@rjsf/utils'), '@rjsf/validator-ajv8': version('@rjsf/validator-ajv8'), react: version('react'), 'react-dom': version('react-dom'),
    '@jsonforms/core': version('@jsonforms/core'), '@jsonforms/react': version('@jsonforms/react'), '@jsonforms/vanilla-renderers': version('@jsonforms/vanilla-renderers'),
    '@formio/js': version('@formio/js'), esbuild: version('esbuild'), 'playwright-core': version('playwright-core'),
    'Tell Once commit': sh(`git -C ${here} log -1 --format='%h %cs'`),
    'Tell Once wasm': readdirSync(join(here, '..', 'dist')).filter((f) => f.endsWith('_bg.wasm')).join(', '),
  },
  load: { before: loadBefore, after: readFileSync('/proc/loadavg', 'utf8').trim() },
  machine: { nproc: sh('nproc'), lscpu: sh('lscpu | head'), memory: sh("free -m | awk '/Mem:/ {print $2 \" MB\"}'") },
};
writeFileSync(join(here, 'results.json'), JSON.stringify({ meta, table, rows, names, raw: results }, (k, v) => (k === 'session' ? undefined : v), 1));
writeFileSync(join(here, 'RESULTS.md'), report(JSON.parse(readFileSync(join(here, 'results.json'), 'utf8'))));
log(`wrote bench/RESULTS.md and bench/results.json (${elapsed} min)`);
process.exit(0);
