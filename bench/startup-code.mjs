// How much of Tell Once's WebAssembly the first question needs: Chromium compiles a wasm
// function the first time it is called (V8's lazy compilation), and its trace names each one
// (`wasm.CompileLazy`, with the function's index). This loads the typical form twice (through
// the start page, and the question page opened directly), keeps those indices and prints how
// many functions ran and how many code bytes they are, raw and brotli, against the rest. The
// rest is what splitting the module could leave to download after the first question.
// Counts, not timings: the same build gives the same figures, give or take a function or two (a
// timer may fire before the first question or after it). Run through
// `bash bench/run.sh startup` (which builds bench/site first).
// With STARTUP_FUNCTIONS=<file>, on a build whose WebAssembly is whole and keeps its functions'
// names (TELL_ONCE_WHOLE_WASM=1), it also writes the names of every function run on these
// paths, from the list of life events to each one's first question, and to the demo agency's
// page with its two widgets started, each until a second after the network fell idle: what the release build keeps in the first part of a split
// WebAssembly (scripts/split-wasm.mjs). scripts/profile-startup.sh does all that.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serve } from './serve.mjs';
import { writeFileSync } from 'node:fs';
import { functionNames } from '../scripts/wasm-module.mjs';
import { codeOf, compiledFunctions, head, row, summary } from './wasm-code.mjs';

const here = new URL('.', import.meta.url).pathname;
const site = join(here, 'site');
const PORT = Number(process.env.PORT ?? 8790);
const wasmName = readdirSync(site).find((f) => /^tell-once-.*_bg\.wasm$/.test(f));
if (!wasmName) throw new Error('bench/site has no Tell Once WebAssembly: run bash bench/run.sh first');
const wasm = readFileSync(join(site, wasmName));

const WRITE = process.env.STARTUP_FUNCTIONS;

/**
 * Indices of the wasm functions compiled between navigation and the first question (`reach`,
 * given the page, resolves then), and, when writing the names, until a second after the network
 * fell idle.
 */
async function compiledUntilFirstQuestion(browser, path, reach = (page) => page.evaluate(() => window.__bench.done)) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const ran = await compiledFunctions(cdp, async () => {
    await page.goto(`http://127.0.0.1:${PORT}/${path}`, { waitUntil: 'domcontentloaded' });
    await reach(page);
    if (WRITE) {
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1000);
    }
  });
  await context.close();
  return ran;
}

const code = codeOf(wasm);
const server = await serve(site, PORT);
const browser = await launchChromium();
try {
  console.log(summary(wasmName, code));
  console.log(head('path to the first question').join('\n'));
  const every = new Set();
  for (const [label, path] of [['through the start page', 'tellonce-typical.html'], ['question page opened directly', 'tellonce-typical.html?page=questions']]) {
    const ran = await compiledUntilFirstQuestion(browser, path);
    ran.forEach((f) => every.add(f));
    console.log(row(label, code, ran));
  }
  if (WRITE) {
    // From the list of life events to each one's first question (its page with a Continue button).
    const journeys = join(site, 'journeys');
    const catalogue = JSON.parse(readFileSync(join(journeys, 'life-events.json'), 'utf8'));
    for (const file of catalogue.journeys) {
      const { title } = JSON.parse(readFileSync(join(journeys, file), 'utf8'));
      const toFirstQuestion = async (page) => {
        await page.getByRole('link', { name: title.en, exact: true }).click();
        await page.getByRole('button', { name: 'Start now' }).click();
        await page.getByRole('button', { name: 'Continue' }).waitFor();
      };
      (await compiledUntilFirstQuestion(browser, 'tellonce-life-events.html', toFirstQuestion)).forEach((f) => every.add(f));
    }
    // The demo agency's page: two widgets, each on its start page.
    const bothStarted = (page) => page.getByRole('button', { name: 'Start now' }).nth(1).waitFor();
    (await compiledUntilFirstQuestion(browser, 'demo/agency/index.html', bothStarted)).forEach((f) => every.add(f));
    const names = functionNames(wasm, code.parts);
    if (names.size === 0) throw new Error(`${wasmName} has no function names: build it whole (TELL_ONCE_WHOLE_WASM=1), as scripts/profile-startup.sh does`);
    const ran = [...new Set([...every].map((f) => names.get(f)).filter((n) => n !== undefined))].sort();
    const header = [
      '# The WebAssembly functions Tell Once runs on its way to the first question (and for a second',
      '# after), which the release build keeps in the first part of its WebAssembly',
      '# (scripts/split-wasm.mjs). Written by scripts/profile-startup.sh: run it again when the app',
      '# changes what it runs before its first question (a test says so).',
    ];
    writeFileSync(WRITE, `${[...header, ...ran].join('\n')}\n`);
    console.log(`wrote ${ran.length} function names to ${WRITE}`);
  }
} finally {
  await browser.close();
  server.close();
}
