// What the WebAssembly's code is made of: its function bodies grouped by the crate (and, for the
// app and the engine, the module) each function's name comes from, in bytes raw and brotli.
// Run by scripts/code-by-crate.sh on a build that keeps its functions' names
// (TELL_ONCE_WHOLE_WASM=1); with `--ran FILE` (scripts/journey-code.sh), only the functions each
// journey in FILE ran (tests/measure/journey-code.spec.ts writes it), by crate. Two brotli
// figures per group: the group's code compressed alone, and what the whole module's code would
// lose with that group taken out, which is the fairer share (code compresses better beside code
// like it, so the alone figures add up to more than the whole).
import { readdirSync, readFileSync } from 'node:fs';
import { brotli as compress } from './compress.mjs';
import { functionBodies, functionNames, importedFunctions, sections } from './wasm-module.mjs';

// Rust's primitive types: a method on one (`<str>::trim`, `<u32 as Display>::fmt`) is core's.
const PRIMITIVES = new Set(['str', 'char', 'bool', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'f32', 'f64']);

/**
 * The crate a function's name says its code is from: the crate of the type a trait method is
 * implemented for (`<tachys::html::El as Render>::build` is tachys'), or of the function itself.
 * A generic function is its own crate's whatever it was instantiated with. Names that are no
 * Rust path are wasm-bindgen's or the linker's: "(glue)".
 */
export function crateOf(name, depth = 1) {
  // A crate's hash, as in `core[1b80778acbf7b3a4]::fmt`, is not part of its name.
  let text = name.replace(/\[[0-9a-f]{8,}\]/g, '');
  // Unwrap `<`, references, pointers, slices and tuples down to the first path.
  for (;;) {
    const bare = text.replace(/^(<|&mut |&|\*const |\*mut |\[|\(|dyn )/, '');
    if (bare === text) break;
    text = bare;
  }
  // A blanket implementation (`<_ as tachys::view::IntoAny>::into_any`) is the trait's crate's.
  if (text.startsWith('_ as ')) return crateOf(text.slice(5), depth);
  if (text === '') return '(no name)';
  const path = text.split(/[<> ;,)\]]/, 1)[0];
  if (!path.includes('::') && !PRIMITIVES.has(path)) return '(glue)';
  const parts = path.split('::').filter((part) => part !== '');
  if (PRIMITIVES.has(parts[0])) return 'core';
  if (parts[0] === '__rustc') return 'alloc';
  // A module name, not a function's: stop before the last part, and at a closure or a
  // component's generated function.
  const modules = parts.slice(0, -1).filter((part) => !part.startsWith('{') && !part.startsWith('__component'));
  return parts.length === 1 ? parts[0] : modules.slice(0, depth).join('::') || parts[0];
}

const brotli = (bytes) => compress(bytes).length;

/**
 * The module's function bodies and each one's name, and the whole code's brotli size: read and
 * compressed once, for every grouping of it. With `kept`, only the functions whose index in the
 * module (imports first) it keeps.
 */
export function namedCode(wasm, kept = () => true) {
  const all = sections(wasm);
  const names = functionNames(wasm, all);
  if (names.size === 0) throw new Error('the WebAssembly has no function names: build it with TELL_ONCE_WHOLE_WASM=1 (scripts/code-by-crate.sh does)');
  const first = importedFunctions(wasm, all);
  const indices = functionBodies(wasm, all).map((body, i) => [first + i, body]).filter(([index]) => kept(index));
  const bodies = indices.map(([, body]) => body);
  return {
    bodies,
    names: indices.map(([index]) => names.get(index) ?? ''),
    raw: bodies.reduce((sum, body) => sum + body.length, 0),
    brotli: brotli(Buffer.concat(bodies)),
  };
}

/**
 * `code` (from `namedCode`) in groups, largest first: [{ name, functions, raw, alone, share }],
 * where `group(name)` names a function's group. `share` is computed for the `top` largest only.
 */
export function groups(code, group, top = Infinity) {
  const keys = code.names.map(group);
  const byKey = new Map();
  keys.forEach((key, i) => {
    const entry = byKey.get(key) ?? { name: key, functions: 0, raw: 0, bodies: [] };
    entry.functions += 1;
    entry.raw += code.bodies[i].length;
    entry.bodies.push(code.bodies[i]);
    byKey.set(key, entry);
  });
  return [...byKey.values()]
    .sort((a, b) => b.raw - a.raw)
    .map((entry, rank) => ({
      name: entry.name,
      functions: entry.functions,
      raw: entry.raw,
      alone: brotli(Buffer.concat(entry.bodies)),
      share: rank < top ? code.brotli - brotli(Buffer.concat(code.bodies.filter((_, i) => keys[i] !== entry.name))) : null,
    }));
}

const kb = (n) => (n === null ? '' : (n / 1000).toFixed(1));

/** A Markdown table of `code` (from `namedCode`) in `grouped` (from `groups`), its first column headed `what`. */
export function table(what, code, grouped) {
  const lines = [
    `| ${what} | functions | code raw (kB) | brotli alone (kB) | brotli share (kB) |`,
    '| --- | ---: | ---: | ---: | ---: |',
    ...grouped.map((g) => `| ${g.name} | ${g.functions} | ${kb(g.raw)} | ${kb(g.alone)} | ${kb(g.share)} |`),
    `| all | ${code.bodies.length} | ${kb(code.raw)} | ${kb(code.brotli)} | ${kb(code.brotli)} |`,
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The file given, or the one the build wrote in dist/.
  const dist = new URL('../dist/', import.meta.url);
  const args = process.argv.slice(2);
  const ranAt = args.indexOf('--ran');
  const ranFile = ranAt < 0 ? null : args.splice(ranAt, 2)[1];
  const file = args[0] ?? readdirSync(dist).filter((name) => /^tell-once-[0-9a-f]+_bg\.wasm$/.test(name)).map((name) => new URL(name, dist))[0];
  if (!file) throw new Error('dist/ has no tell-once-*_bg.wasm: build the app whole first (scripts/code-by-crate.sh does)');
  const wasm = readFileSync(file);
  if (ranFile) {
    for (const [journey, ran] of Object.entries(JSON.parse(readFileSync(ranFile, 'utf8')))) {
      const only = new Set(ran);
      const code = namedCode(wasm, (index) => only.has(index));
      // The ten largest crates, and the rest together.
      const largest = new Set(groups(code, (name) => crateOf(name), 0).slice(0, 10).map((group) => group.name));
      const crate = (name) => (largest.has(crateOf(name)) ? crateOf(name) : 'the other crates');
      console.log(`${table(`crate, in the code ${journey} ran`, code, groups(code, crate))}\n`);
    }
    process.exit(0);
  }
  const code = namedCode(wasm);
  console.log(table('crate', code, groups(code, (name) => crateOf(name), 12)));
  console.log();
  const ours = (name) => {
    const crate = crateOf(name);
    return crate === 'tell_once' || crate === 'tell_once_engine' ? crateOf(name, 2) : 'everything else';
  };
  console.log(table('module of the app or the engine', code, groups(code, ours, 12)));
}
