// Reads each library's runs into the table's rows, and writes bench/RESULTS.md from them (run.mjs
// calls it; `node bench/report.mjs` reads the last results' runs again and writes both files).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const COLUMNS = [
  ['raw', 'bytes raw', 'kB'], ['gzip', 'gzip', 'kB'], ['brotli', 'brotli', 'kB'],
  ['first', 'first question interactive', 'ms'], ['firstMobile', 'same, mobile', 'ms'],
  ['long', '200 questions', 'ms'], ['bigselect', '2,000 options', 'ms'],
  ['p50', 'input p50', 'ms'], ['p95', 'input p95', 'ms'], ['memory', 'JS heap + wasm', 'MB'],
];
const fmt = (v, unit) =>
  v == null ? '–' : unit === 'kB' ? (v / 1000).toFixed(1) : unit === 'MB' ? (v / 1e6).toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);

export const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const percentile = (xs, p) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

// How each timed figure (and memory) is read from one run's result: [which runs, reader]. The
// table gives the median over the runs; the spread table, the lowest and the highest.
const FIGURES = {
  first: ['first', (x) => x.interactive],
  firstMobile: ['firstMobile', (x) => x.interactive],
  long: ['long', (x) => x.fromDefinition],
  bigselect: ['bigselect', (x) => x.fromDefinition],
  p50: ['latency', (x) => percentile(x.times, 50)],
  p95: ['latency', (x) => percentile(x.times, 95)],
  memory: ['memory', (x) => x.total],
};

/** What one run of `runs` (a key of run.mjs's results: first, latency, …) gave, for the log. */
export function saidOf(runs, result) {
  return COLUMNS.filter(([k]) => FIGURES[k]?.[0] === runs).map(([k, header, unit]) => `${header} ${fmt(FIGURES[k][1](result), unit)} ${unit}`);
}

/** The table's rows from each library's runs (`results`, as run.mjs keeps them). */
export function rowsOf(results, keystrokes) {
  const pick = (runs, f) => median(runs.filter(Boolean).map(f));
  const rows = {};
  for (const [lib, r] of Object.entries(results)) {
    // (Results before 2026-12-05 counted the bytes on the first timed run.)
    const sizes = r.sizes ?? r.first.find((x) => x && x.sizes)?.sizes;
    const figures = {};
    const spread = {};
    for (const [k, [runs, f]] of Object.entries(FIGURES)) {
      const values = r[runs].filter(Boolean).map(f).filter((v) => typeof v === 'number' && Number.isFinite(v));
      figures[k] = median(values);
      spread[k] = values.length ? [Math.min(...values), Math.max(...values)] : null;
    }
    rows[lib] = {
      raw: sizes?.raw, gzip: sizes?.gzip, brotli: sizes?.brotli,
      ...figures,
      spread,
      // details
      start: pick(r.first, (x) => x.start), startMobile: pick(r.firstMobile, (x) => x.start),
      direct: pick(r.first, (x) => x.direct), directMobile: pick(r.firstMobile, (x) => x.direct),
      longNav: pick(r.long, (x) => x.fromNavigation), bigselectNav: pick(r.bigselect, (x) => x.fromNavigation),
      longFetch: pick(r.long, (x) => x.fromFetch), bigselectFetch: pick(r.bigselect, (x) => x.fromFetch),
      open: pick(r.bigselect, (x) => x.open),
      heap: pick(r.memory, (x) => x.heap), wasm: pick(r.memory, (x) => x.wasm),
      misses: r.latency.filter(Boolean).reduce((n, x) => n + x.misses, 0),
      textChanges: r.latency.filter(Boolean).reduce((n, x) => n + x.textChanges, 0),
      keys: r.latency.filter(Boolean).reduce((n, x) => n + (x.stopped ? x.stopped.at : keystrokes), 0),
      stopped: r.latency.filter(Boolean).map((x) => x.stopped).filter(Boolean),
      notFilled: [...new Set(r.memory.filter(Boolean).flatMap((x) => x.failed))],
      files: sizes?.files ?? [],
      runs: Object.fromEntries(['first', 'firstMobile', 'long', 'bigselect', 'latency', 'memory'].map((k) => [k, r[k].filter(Boolean).length])),
    };
  }
  return rows;
}

// Each figure with its ratio to the best of the four peers (Tell Once excluded from "best", so
// a Tell Once ratio under 1.00× means it beats every peer on that figure).
export function table(rows, names) {
  const peers = Object.keys(rows).filter((k) => k !== 'tellonce');
  const best = Object.fromEntries(COLUMNS.map(([k]) => [k, Math.min(...peers.map((p) => rows[p][k]).filter((v) => v != null && v > 0))]));
  return [
    `| library | ${COLUMNS.map(([, h, u]) => `${h} (${u})`).join(' | ')} |`,
    `| --- | ${COLUMNS.map(() => '---:').join(' | ')} |`,
    ...Object.entries(rows).map(([lib, r]) =>
      `| ${names[lib]} | ${COLUMNS.map(([k, , u]) => (r[k] == null ? '–' : `${fmt(r[k], u)} (${Number.isFinite(best[k]) ? (r[k] / best[k]).toFixed(2) : '?'}×)`)).join(' | ')} |`),
  ].join('\n');
}

export function report({ meta, rows, names }) {
  const t = rows.tellonce ?? {};
  const ms = (v) => (v == null ? '–' : `${fmt(v, 'ms')} ms`);
  const detail = (label, f) => `| ${label} | ${Object.keys(rows).map((k) => f(rows[k], k)).join(' | ')} |`;
  const head = `| | ${Object.keys(rows).map((k) => names[k]).join(' | ')} |\n| --- | ${Object.keys(rows).map(() => '---:').join(' | ')} |`;
  // Busy when the one-minute load average, before or after, reached 1 (of 2 cores).
  const busy = (load) => [load?.before, load?.after].some((l) => !(parseFloat(String(l ?? '').split(' ')[0]) < 1));
  return `# Benchmark results (issue 8)

Measured ${meta.date} with \`bash bench/run.sh\`: medians of ${meta.runs} runs of every figure
(each run a fresh browser context, HTTP cache disabled${meta.warmUp ? `; before them, each library's three forms
loaded once, untimed, so that no run pays for the server compressing a file on its first request` : ''}${meta.inTurn ? `; the
libraries' runs taken in turn, the first of each, then the second of each, and so on, so that a slower minute
on this shared machine falls on every library alike` : ''}); input latency over ${meta.keystrokes}
keystrokes per run. The whole run took ${meta.elapsed} minutes. Load average before/after:
\`${meta.load?.before}\` / \`${meta.load?.after}\` ${busy(meta.load) ? `(another process, such as an end-to-end test
suite, may have been using the machine's 2 cores at the same time: the timings are noisier than on
an idle machine; bytes are exact).` : `(the last minute's average under 1 at both ends: the machine was otherwise close to idle;
the 5- and 15-minute averages show what ran before).`}
${meta.note ? `\n${meta.note}\n` : ''}${meta.flags?.length ? `\n**Chromium ran with extra flags, \`${meta.flags.join(' ')}\`: these are not the default browser's figures.**\n` : ''}
${table(rows, names)}

Every figure is followed by its ratio to the best of the four **peers** (Tell Once is left out of
"best", so a Tell Once ratio below 1.00× beats every peer). kB = 1,000 bytes; MB = 10⁶ bytes.

## What each column is

- **bytes**: every response the page loaded (HTML, JS, CSS, WebAssembly, the form definition; the
  typical form, until the network was idle), summed: raw (decoded), and each body compressed in
  Node with gzip level 9 and brotli quality 11. The bench server sends every library's files as a
  real site would: brotli (quality 11) to a browser that accepts it, as Chromium does, so the
  brotli column is what crossed the (throttled) network. For Tell Once that is both parts of its
  WebAssembly: the first, which the first question waits for, and the second, which the loader
  fetches once the app has started (each file is listed below the table).
- **first question interactive**: from navigation start until the typical form's first question
  (First name) is in the DOM and the main thread has run the next task (a MessageChannel message)
  — the first moment it could take a key. "mobile" is Lighthouse's mobile conditions through CDP:
  \`Emulation.setCPUThrottlingRate\` 4 and \`Network.emulateNetworkConditions\` with 150 ms latency,
  1.6 Mbps down, 750 Kbps up (applied as given; Lighthouse's own DevTools throttling would use a
  larger RTT to imitate its simulation). **For Tell Once the table uses the time to the first
  question after pressing "Start now"**: the start page appears, its button becomes interactive,
  the page clicks it at once (in page, no harness round trip), and the clock stops when First name
  is interactive. See the Tell Once details below for the start button alone, and for the question
  page opened directly.
- **200 questions / 2,000 options**: from the moment the form definition and the code that
  renders it were both in hand to the last question's box (the 2,000th \`<option>\`) being in the
  DOM — rendering, not loading. For the JavaScript libraries that is when the definition's
  \`fetch\` resolved (their code, already running, fetched it). Tell Once's loader fetches the
  journey alongside its WebAssembly, so the journey is in hand first: its clock starts when its
  WebAssembly is instantiated, and its figure includes the app starting up, reading and checking
  the journey, and rendering. The same from the definition's \`fetch\` (for Tell Once, also waiting
  for its WebAssembly) and from navigation start are in the details. Unthrottled.
- **input p50 / p95**: 200 keystrokes into the National Insurance number (pattern
  \`^[A-Z]{2}[0-9]{6}[A-D]$\`): after "QQ123456", alternately C (now valid) and Backspace (invalid
  again), so every key changes whether the pattern's message should be shown. Each latency runs
  from the keydown event's \`timeStamp\` to the first DOM mutation after which the question's
  element (label, box and message) has different text — the message appearing or going. The p50
  and p95 of each run's 200 keystrokes, then the median over runs. **Tell Once is measured
  differently**, see below.
- **JS heap + wasm**: after filling in every question of the typical form (and, for Tell Once,
  pressing Continue to reach "Check your answers"), two forced garbage collections
  (\`HeapProfiler.collectGarbage\`), then \`Runtime.getHeapUsage\`'s usedSize plus the byte length of
  every WebAssembly memory the page instantiated (kept by a wrapper around
  \`WebAssembly.instantiateStreaming\`/\`instantiate\` that runs before any other script).

## Details

${head}
${detail('first question, unthrottled', (r) => ms(r.first))}
${detail('first question, mobile', (r) => ms(r.firstMobile))}
${detail('200 questions, from the definition\'s fetch', (r) => ms(r.longFetch))}
${detail('2,000 options, from the definition\'s fetch', (r) => ms(r.bigselectFetch))}
${detail('200 questions, from navigation', (r) => ms(r.longNav))}
${detail('2,000 options, from navigation', (r) => ms(r.bigselectNav))}
${detail('JS heap', (r) => (r.heap == null ? '–' : `${fmt(r.heap, 'MB')} MB`))}
${detail('WebAssembly memory', (r) => (r.wasm == null ? '–' : `${fmt(r.wasm, 'MB')} MB`))}
${detail('keystrokes measured', (r) => `${r.keys - r.misses} of ${r.keys}`)}
${detail('keystrokes that changed the message', (r) => `${r.textChanges} of ${r.keys}`)}
${detail('runs stopped (10 keys in a row with no change)', (r) => (r.stopped?.length ? r.stopped.map((x) => `after ${x.at} keys, box ${JSON.stringify(x.value)}`).join('; ') : 'none'))}
${detail('questions not filled by the harness', (r) => (r.notFilled?.length ? r.notFilled.join(', ') : 'none'))}
${detail('runs that succeeded (first, mobile, 200, 2,000, input, memory)', (r) => Object.values(r.runs ?? {}).join(', '))}

**How much the runs differed.** The lowest and the highest of each figure over the runs (the
table gives the median). Where two libraries' ranges overlap, one run of the bench may rank them
either way.

${head}
${COLUMNS.filter(([k]) => k in FIGURES).map(([k, h, u]) => detail(h, (r) => {
    const range = r.spread?.[k];
    return range ? `${fmt(range[0], u)}–${fmt(range[1], u)} ${u}` : '–';
  })).join('\n')}

**Tell Once's start page.** Its journeys open on a start page (title, summary, where answers are
kept, "Start now"). Medians:

| Tell Once | unthrottled | mobile |
| --- | ---: | ---: |
| "Start now" interactive | ${ms(t.start)} | ${ms(t.startMobile)} |
| first question, after pressing Start at once (the table) | ${ms(t.first)} | ${ms(t.firstMobile)} |
| first question, question page opened directly (\`?page=questions\`) | ${ms(t.direct)} | ${ms(t.directMobile)} |

${rows.surveyjs?.open != null ? `**SurveyJS's drop-down** is its own popup, not a \`<select>\`: its options are only put in the DOM
when it opens. Its 2,000-option figure is the drop-down control being in the DOM; opening it (a
click, until "Option 2000" is in the DOM and the next task has run) took a further
${ms(rows.surveyjs.open)} (median).
` : ''}
## What is measured differently per library (honestly)

- **Tell Once validates on Continue, not on each keystroke** (the GOV.UK pattern). The harness
  presses Continue once with "QQ123456" (so the message shows), then types. Typing does not change
  or clear the message (the "keystrokes that changed the message" row above). So its input
  latency is measured from keydown **to the answer being stored**: Tell Once saves the draft
  (\`Storage.setItem\`) in an effect that runs after each answer is stored, and the clock stops at
  that call. The box's own value is rendered by the browser, as for every library. The peers are
  measured to their validation message changing, which is more work (validation and re-render);
  the figures are not like for like, and this is why.
- **A keystroke the message does not follow** within 1 s is not counted (the p50/p95 are over
  the keys that were followed); after 10 such keys in a row the run stops, and the details give
  how many keys were measured and what the box held then.
- **JSON Forms' text box lost keys.** Its vanilla input is controlled and debounced; with keys
  10–30 ms apart (the harness's round trip between keys) it lost or doubled some (the box then
  held "QQ12345" or "QQ123456CC", after which no key changes the message), so each of its runs
  stopped early and its p50/p95 are over the keys it did follow (see the details). With no delay
  at all, typing "QQ123456" once left "Q12346" in the box.
- **Form.io's ~205 ms** is Form.io's own: it debounces a change before validating and showing the
  message; it is not the harness.
- **Live validation is switched on for every peer**, so that each keystroke re-validates:
  SurveyJS \`textUpdateMode: "onTyping"\` and \`checkErrorsMode: "onValueChanged"\`; RJSF
  \`liveValidate\`; JSON Forms \`validationMode="ValidateAndShow"\` (it shows errors from the
  start); Form.io validates on change by default.
- **Where the form definition comes from**: every page fetches its form definition as JSON at run
  time (Tell Once fetches its journey itself); the peers' JavaScript is bundled by esbuild in
  production mode (minified, \`process.env.NODE_ENV="production"\`), Form.io's is its own prebuilt
  \`dist/formio.form.min.js\` and \`formio.form.min.css\`, without Bootstrap's CSS (which its default
  templates assume), so Form.io's page is lighter than a real one. SurveyJS uses
  \`survey-core.fontless.min.css\` (the default stylesheet fetches a web font from Google, which
  this machine cannot reach). RJSF and JSON Forms' vanilla renderers bring no stylesheet. Tell
  Once's stylesheet and WebAssembly are loaded by its loader, as an agency would embed it, with
  \`<tell-once journey="…" standalone>\`.
- **Same questions, each library's own controls**: the date of birth is three boxes (Day, Month,
  Year) in Tell Once and Form.io (its \`day\` component), and \`<input type="date">\` in SurveyJS,
  RJSF and JSON Forms. The yes/no is two radios everywhere. The selects are native \`<select>\`s
  except SurveyJS's (its own drop-down); Form.io's is its \`html5\` widget rather than its default
  Choices.js. **JSON Forms' vanilla renderers have no checkbox list**: "Who should we tell?" (an
  array of choices) is rendered as a table with an "Add" button and a \`<select>\` per row. **JSON
  Forms 3.8.0 overflows the stack** ("Maximum call stack size exceeded") on a \`oneOf\` of 2,000
  \`{const, title}\`: its big select is a plain \`enum\`, so its options show their values.
- **Filling in for the memory figure** is done through each library's UI, except SurveyJS's
  drop-down, set through its survey model (its popup did not become visible to Playwright at this
  viewport), and whatever is listed as "not filled" above.
- Tell Once's figures include the start page where the table says so; the peers have none.
- The instrumentation (bench/hooks.js: a MutationObserver on the document and every shadow root,
  and the wrappers) is the same script, inlined first in every page, and is counted in every
  page's bytes.
- Viewport 412×823 (a phone's width); headless Debian Chromium without GPU.

## Versions

${Object.entries(meta.versions).map(([k, v]) => `- ${k}: ${v}`).join('\n')}

## Machine

\`nproc\`: ${meta.machine.nproc}; memory ${meta.machine.memory}

\`\`\`
${meta.machine.lscpu}
\`\`\`

## Bytes, file by file

${Object.entries(rows).map(([k, r]) => `**${names[k]}**\n\n| file | raw | gzip | brotli |\n| --- | ---: | ---: | ---: |\n${(r.files ?? []).map((f) => `| ${f.url} | ${f.raw} | ${f.gzip} | ${f.brotli} |`).join('\n')}`).join('\n\n')}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const here = new URL('.', import.meta.url).pathname;
  const results = JSON.parse(readFileSync(join(here, 'results.json'), 'utf8'));
  // The rows again from the runs, so a change to how they are read applies to the last results.
  results.rows = rowsOf(results.raw, results.meta.keystrokes);
  results.table = table(results.rows, results.names);
  writeFileSync(join(here, 'results.json'), JSON.stringify(results, null, 1));
  writeFileSync(join(here, 'RESULTS.md'), report(results));
  console.log(table(results.rows, results.names));
}
