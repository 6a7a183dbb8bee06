// The release build's last step for the WebAssembly, which scripts/loader.mjs (Trunk's
// post_build hook) takes before it hashes the file. It keeps only the exports wasm-bindgen's
// glue uses, under short names, and drops the glue's classes nothing makes (1.3 kB brotli less
// in the module, 0.5 kB in tell-once.js). It shrinks the module with binaryen's wasm-opt (-Oz,
// see OPTIMISE), as Trunk's own wasm-opt step would (that is off: data-wasm-opt="0" in
// index.html), and puts its functions in an order brotli compresses better: each next to the
// ones most like it, so the compressor finds their repeats close by. The same code, so the same
// behaviour; 7.2 kB less to download (255.9 to 248.6 kB brotli when this was written). Then the
// functions the module imports from wasm-bindgen's glue get short names, in both (2.5 kB less
// brotli in the module, 1.8 kB in tell-once.js). Last, given the list of functions the first
// question runs, it splits the module in two (scripts/split-wasm.mjs).
//
// wasm-opt keeps the functions in the order of their names when asked to
// (--reorder-functions-by-name), so the order is given to it as names. The functions are
// optimised once to see what their code will be, put in order, renamed in that order in the
// unoptimised module, and optimised again.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { split } from './split-wasm.mjs';
import { exportsOf, functionBodies, functionNames, importedFunctions, leb, name, nameBytes, readLeb, sections, skipImport, withExports, withFunctionNames, withSection } from './wasm-module.mjs';

// The WebAssembly features the app's build uses (wasm-opt must be told; Chromium has them all).
const FEATURES = ['bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'mutable-globals', 'reference-types', 'multivalue'].map((f) => `--enable-${f}`);
// wasm-opt's optimisations: -Oz, and told that the module's first 1 KB of memory holds nothing
// (--low-memory-unused), so it may fold a constant added to an address into the load or store
// (`offset=`): that differs only for an address that wraps past 4 GB into that first kilobyte.
// Rust's WebAssembly puts its stack first, growing down from 1 MB, with the data after it, so
// the first kilobyte is only ever the stack's last and no address wraps there: 1.4 kB brotli
// less. -Os was measured too (2026-12-03): 2.0 kB brotli less than -Oz (-Oz's
// merge-similar-functions folds functions that brotli would compress anyway) but 24 kB more
// code to compile, and the first question on mobile came later (medians 2,016 and 2,005 ms
// against -Oz's 1,955 and 1,932, alternating runs of 5), so -Oz it is.
const OPTIMISE = ['-Oz', '--low-memory-unused'];
// How many of the functions not yet placed are compared with the last one placed, to find the
// one most like it: of 300, 600 and 1,200, 1,200 gave the least (249.3, 249.6 and 248.6 kB
// brotli), in about 3 s.
const WINDOW = 1200;

/**
 * The module and wasm-bindgen's glue (its JS, as wasm-bindgen wrote it) with short names for the
 * functions the module imports from the glue: a, b, … rather than
 * `__wbg_createElement_<16 hex digits>`, and `w` for the glue's module name rather than
 * "./tell-once_bg.js". The long names are written twice, in the module and in the glue, and
 * their hex digits do not compress. Throws if a name is not in the glue exactly once, as the key
 * of its function.
 */
export function withShortImportNames(bytes, glue, module = './tell-once_bg.js') {
  const all = sections(bytes);
  const imports = all.find((s) => s.id === 2);
  if (!imports) return { wasm: bytes, glue };
  let [count, at] = readLeb(bytes, imports.start);
  const entries = [leb(count)];
  let renamed = 0;
  for (let i = 0; i < count; i++) {
    let from;
    let field;
    [from, at] = name(bytes, at);
    [field, at] = name(bytes, at);
    const described = at;
    at = skipImport(bytes, at);
    let [to, as] = [from, field];
    if (from === module) {
      to = 'w';
      as = shortName(renamed++);
      const key = new RegExp(`^(\\s*)${field.replace(/[$]/g, '\\$&')}(: function\\()`, 'gm');
      const found = glue.match(key)?.length ?? 0;
      if (found !== 1 || glue.split(field).length !== 2) throw new Error(`wasm-bindgen's glue has the import ${field} ${found} times as a key (expected once, and nowhere else)`);
      glue = glue.replace(key, `$1${as}$2`);
    }
    entries.push(nameBytes(to), nameBytes(as), bytes.subarray(described, at));
  }
  const moduleKey = `"${module}": `;
  if (renamed > 0) {
    if (glue.split(moduleKey).length !== 2) throw new Error(`wasm-bindgen's glue does not name its imports ${moduleKey}once`);
    glue = glue.replace(moduleKey, 'w: ');
  }
  return { wasm: withSection(bytes, 2, Buffer.concat(entries)), glue };
}

/**
 * The module and wasm-bindgen's glue (as the loader takes it: its `export`s already stripped)
 * with only the exports the glue uses, under short names: `wasm.a`, `wasm.b`, … rather than
 * `wasm.__wbindgen_malloc` or a closure's 300-character name. A class the glue declares and
 * nothing uses (not the glue, nor `elsewhere`, the loader's own code) goes first, with the
 * exports only it used: a dependency's classes (leptos's server functions bring wasm-streams'
 * IntoUnderlyingSource and others) that the app never makes. wasm-opt then drops the code only
 * those exports reached. Throws if the glue names an export the module does not have.
 */
export function withLeanExports(bytes, glue, elsewhere = '') {
  for (const [, cls] of glue.matchAll(/^class ([A-Za-z_]\w*) \{$/gm)) {
    const without = glue
      .replace(new RegExp(`^class ${cls} \\{$[\\s\\S]*?^\\}$\\n?`, 'm'), '')
      .replace(new RegExp(`^if \\(Symbol\\.dispose\\) ${cls}\\.prototype\\b.*\\n?`, 'm'), '')
      .replace(new RegExp(`^const ${cls}Finalization = [\\s\\S]*?\\);$\\n?`, 'm'), '');
    const named = new RegExp(`\\b${cls}\\b`);
    if (!named.test(without) && !named.test(elsewhere)) glue = without;
  }
  const used = new Set([...glue.matchAll(/\bwasm\.([\w$]+)/g)].map((m) => m[1]));
  const all = exportsOf(bytes);
  const exported = new Set(all.map((e) => e.field));
  for (const field of used) {
    if (!exported.has(field)) throw new Error(`wasm-bindgen's glue uses wasm.${field}, which the module does not export`);
  }
  const kept = all.filter((e) => used.has(e.field));
  const short = new Map(kept.map((e, i) => [e.field, shortName(i)]));
  glue = glue.replace(/\bwasm\.([\w$]+)/g, (_, field) => `wasm.${short.get(field)}`);
  return { wasm: withExports(bytes, kept.map((e) => ({ ...e, field: short.get(e.field) }))), glue };
}

// a … z, A … Z, then two letters: never a digit first, so always a plain JS property name
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const shortName = (i) => (i < LETTERS.length ? LETTERS[i] : shortName(Math.floor(i / LETTERS.length) - 1) + LETTERS[i % LETTERS.length]);

/** Each function the module defines, by name: the bytes of its body. */
export function bodiesByName(bytes) {
  const all = sections(bytes);
  const names = functionNames(bytes, all);
  const first = importedFunctions(bytes, all);
  const bodies = new Map();
  functionBodies(bytes, all).forEach((body, i) => {
    const called = names.get(first + i);
    if (called !== undefined) bodies.set(called, body);
  });
  return bodies;
}

// --- the order ---------------------------------------------------------------------------------

const grams = (body) => {
  const set = new Set();
  if (body.length < 4) set.add(body.reduce((n, b) => n * 256 + b, body.length));
  for (let i = 0; i + 4 <= body.length; i++) set.add(body.readUInt32BE(i));
  return set;
};
const likeness = (a, b) => {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared += 1;
  return shared / (a.size + b.size - shared || 1);
};

/**
 * The names of `bodies` (name → code) in the order to write them: starting from the smallest
 * code in byte order, each next one is, of the `window` following in byte order among those
 * not yet placed, the one sharing the most four-byte runs with the last one placed.
 */
export function order(bodies, window = WINDOW) {
  const rest = [...bodies.entries()].sort(([, a], [, b]) => Buffer.compare(a, b)).map(([n, body]) => ({ n, g: grams(body) }));
  const placed = [];
  while (rest.length) {
    let pick = 0;
    if (placed.length) {
      const last = placed[placed.length - 1].g;
      let best = -1;
      for (let i = 0; i < Math.min(window, rest.length); i++) {
        const score = likeness(last, rest[i].g);
        if (score > best) [best, pick] = [score, i];
      }
    }
    placed.push(rest.splice(pick, 1)[0]);
  }
  return placed.map((p) => p.n);
}

// --- the step ------------------------------------------------------------------------------------

/**
 * binaryen's wasm-opt from npm, as scripts/setup.sh installs it (node_modules/.bin): the one
 * Trunk.toml pins, whatever PATH holds (Debian's older one writes modules Chromium rejects).
 */
export const WASM_OPT = fileURLToPath(new URL('../node_modules/.bin/wasm-opt', import.meta.url));

function wasmOpt(args) {
  const run = spawnSync(WASM_OPT, [...FEATURES, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.error) throw new Error(`could not run ${WASM_OPT} (${run.error.message}): scripts/setup.sh installs it (npm package binaryen)`);
  if (run.status !== 0) throw new Error(`wasm-opt ${args.join(' ')} failed`);
}

/** Stops unless WASM_OPT is the version Trunk.toml pins ([tools] wasm_opt). */
function checkWasmOpt() {
  const toml = fs.readFileSync(fileURLToPath(new URL('../Trunk.toml', import.meta.url)), 'utf8');
  const pinned = toml.match(/^wasm_opt\s*=\s*"([^"]+)"/m)?.[1];
  const version = spawnSync(WASM_OPT, ['--version'], { encoding: 'utf8' });
  const have = version.stdout?.match(/\((version_\d+)\)/)?.[1];
  if (pinned && have !== pinned) throw new Error(`Trunk.toml pins wasm_opt = "${pinned}" but ${WASM_OPT} is ${have ?? 'missing'} (npm package binaryen; run scripts/setup.sh)`);
}

/**
 * A function's name without the crates' hashes (`tell_once[fd9289b9d5d5c9ea]::…` →
 * `tell_once::…`): the same function keeps its name from one build to the next. A hash is
 * written without its leading zeros (`js_sys[3a22c52e9953518]`), so it may be shorter.
 */
const stableName = (n) => n.replace(/\[[0-9a-f]{1,16}\]/g, '');

/**
 * Optimises the module in `file` (as wasm-bindgen wrote it, with its function names) in place:
 * only the exports `glue` (wasm-bindgen's JS) uses, and short names for them and for the
 * imports, in the module and in the glue (see withLeanExports and withShortImportNames);
 * `elsewhere` is the loader's own code, which may use the glue's classes. With `startup` (the
 * stable names of the functions the app runs before its first question, a Set), it then splits
 * the module (scripts/split-wasm.mjs): `file` becomes the primary, and `secondary` is returned
 * with the names the loader needs. Without it, `file` keeps the functions' stable names, for
 * bench/startup-code.mjs to read. Returns the glue to use, and a line saying how it went.
 */
export function optimiseWasm(file, glue, elsewhere = '', startup = null) {
  checkWasmOpt();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tell-once-wasm-'));
  try {
    const started = Date.now();
    const given = fs.readFileSync(file);
    if (functionNames(given).size === 0) throw new Error(`${file} has no function names to order by (is Trunk's wasm-opt on? index.html should say data-wasm-opt="0")`);
    const lean = withLeanExports(given, glue, elsewhere);
    const input = path.join(work, 'lean.wasm');
    fs.writeFileSync(input, lean.wasm);
    const seen = path.join(work, 'seen.wasm');
    wasmOpt([...OPTIMISE, '-g', input, '-o', seen]);
    const placed = order(bodiesByName(fs.readFileSync(seen)));
    const rank = new Map(placed.map((n, i) => [n, i]));
    // Functions wasm-opt removes (inlined, or the same as another) have no rank; they would go last.
    const renamed = withFunctionNames(lean.wasm, (_index, n) => (rank.has(n) ? `o${String(rank.get(n)).padStart(7, '0')}` : `~${n}`));
    const ordered = path.join(work, 'ordered.wasm');
    fs.writeFileSync(ordered, renamed);
    // (-g keeps the names, which say which function is which; the code is the same without it.)
    // The browser reads neither the producers (rustc's and wasm-bindgen's versions) nor the
    // target features: 249 B, 115 B brotli (2026-12-04).
    wasmOpt([...OPTIMISE, '-g', '--reorder-functions-by-name', '--strip-producers', '--strip-target-features', ordered, '-o', file]);
    const shortened = withShortImportNames(fs.readFileSync(file), lean.glue);
    // Each function's name as the compiler gave it, without the crates' hashes (or wasm-opt's,
    // for a function it made).
    const original = (n) => stableName(/^o\d{7}$/.test(n) ? placed[Number(n.slice(1))] : n.replace(/^~/, ''));
    const names = functionNames(shortened.wasm);
    let wasm;
    let secondary = null;
    let report = '';
    if (startup) {
      const result = split(shortened.wasm, (index) => !names.has(index) || startup.has(original(names.get(index))));
      wasm = result.primary;
      secondary = result;
      report = `; split: ${result.kept} functions first (${wasm.length} bytes), ${result.moved} after (${result.secondary.length} bytes, ${result.stubs} reached from the first)`;
    } else {
      wasm = withFunctionNames(shortened.wasm, (_index, n) => original(n));
    }
    fs.writeFileSync(file, wasm);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const summary = `${path.basename(file)} ${given.length} → ${wasm.length} bytes, ${rank.size} functions ordered${report}, in ${seconds} s`;
    return { glue: shortened.glue, summary, secondary };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
