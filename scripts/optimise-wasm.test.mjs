// Tests of scripts/optimise-wasm.mjs and scripts/wasm-module.mjs (node --test, from
// scripts/test.sh): reading and renaming a module's functions, the order, the short import
// names, and that wasm-opt writes the functions in the order of the names given (what the
// build relies on).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { WASM_OPT, bodiesByName, order, withLeanExports, withShortImportNames } from './optimise-wasm.mjs';
import { functionNames, leb, nameBytes, withFunctionNames } from './wasm-module.mjs';

const text = (s) => [...nameBytes(s)];
const section = (id, bytes) => [id, ...leb(bytes.length), ...bytes];
const vector = (items) => [...leb(items.length), ...items.flat()];

// A function returning the i32 `n`, and one returning `n` plus `m`: code that differs a little.
const constant = (n) => [0, 0x41, ...leb(n), 0x0b];
const sum = (n, m) => [0, 0x41, ...leb(n), 0x41, ...leb(m), 0x6a, 0x0b];

/**
 * A module importing one function (`from`.`host`) and defining `bodies` (name → body), all
 * named and exported.
 */
function module(bodies, from = 'env', host = 'host') {
  const names = ['host', ...Object.keys(bodies)];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, 0, 1, 0x7f]])), // one type: () -> i32
    ...section(2, vector([[...text(from), ...text(host), 0, 0]])),
    ...section(3, vector(Object.keys(bodies).map(() => [0]))),
    // every function exported, so wasm-opt keeps them all
    ...section(7, vector(names.slice(1).map((n, i) => [...text(n), 0, ...leb(i + 1)]))),
    ...section(10, vector(Object.values(bodies).map((b) => [...leb(b.length), ...b]))),
    ...section(0, [...text('name'), 1, ...(() => {
      const map = vector(names.map((n, i) => [...leb(i), ...text(n)]));
      return [...leb(map.length), ...map];
    })()]),
  ]);
}

test('reads each defined function by its name, after the imported ones', () => {
  const bytes = module({ seven: constant(7), nine: sum(4, 5) });
  assert.ok(WebAssembly.validate(bytes));
  assert.deepEqual([...functionNames(bytes)], [[0, 'host'], [1, 'seven'], [2, 'nine']]);
  const bodies = bodiesByName(bytes);
  assert.deepEqual([...bodies.keys()], ['seven', 'nine']);
  assert.deepEqual([...bodies.get('nine')], sum(4, 5));
});

test('renames functions and keeps the rest of the module as it was', () => {
  const bytes = module({ seven: constant(7), nine: sum(4, 5) });
  const renamed = withFunctionNames(bytes, (index, name) => (index === 0 ? name : `f${index}-${name}`));
  assert.ok(WebAssembly.validate(renamed));
  assert.deepEqual([...functionNames(renamed).values()], ['host', 'f1-seven', 'f2-nine']);
  assert.deepEqual([...bodiesByName(renamed).values()], [...bodiesByName(bytes).values()]);
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(renamed)).map((e) => e.name);
  assert.deepEqual(exports, ['seven', 'nine']);
});

test('puts each function next to the one most like it, not merely in byte order', () => {
  const bodies = new Map([
    ['a', Buffer.from([0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8])],
    ['c', Buffer.from([1, 90, 91, 92, 93, 94, 95, 96])],
    ['b', Buffer.from([2, 1, 2, 3, 4, 5, 6, 7, 8])],
  ]);
  assert.deepEqual(order(bodies), ['a', 'b', 'c']);
  // with a window of one, only the next in byte order is looked at
  assert.deepEqual(order(bodies, 1), ['a', 'c', 'b']);
  assert.deepEqual(order(new Map()), []);
});

test("wasm-opt writes the functions in the order of the names it is given", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'optimise-wasm-test-'));
  try {
    const bytes = module({ first: constant(1), second: sum(2, 3), third: constant(300) });
    const input = path.join(work, 'in.wasm');
    const output = path.join(work, 'out.wasm');
    // named so that by name they come third, first, second
    const order = { first: 'o3', second: 'o1', third: 'o2' };
    fs.writeFileSync(input, withFunctionNames(bytes, (index, name) => (index === 0 ? name : order[name])));
    const run = spawnSync(WASM_OPT, ['--reorder-functions-by-name', '-g', input, '-o', output], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.error?.message ?? run.stderr);
    const written = bodiesByName(fs.readFileSync(output));
    assert.deepEqual([...written.keys()], ['o1', 'o2', 'o3']);
    assert.deepEqual([...written.get('o1')], sum(2, 3));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

// Glue in wasm-bindgen's shape: a class nothing makes (with its finaliser and disposer), a class
// the loader makes, and a plain function.
const classyGlue = `class Unused {
    go() {
        return wasm.two();
    }
}
if (Symbol.dispose) Unused.prototype[Symbol.dispose] = Unused.prototype.go;
const UnusedFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.three(ptr, 1));
class Kept {
    go() {
        return wasm.four();
    }
}
let wasm;
function one() {
    return wasm.one();
}`;

test('keeps only the exports the glue uses, under short names, and drops classes nothing makes', async () => {
  const bytes = module({ one: constant(1), two: constant(2), three: constant(3), four: constant(4), five: constant(5) });
  const { wasm, glue } = withLeanExports(bytes, classyGlue, 'const kept = new Kept();');
  assert.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name), ['a', 'b']);
  assert.ok(!/Unused|wasm\.(one|two|three|four)\b/.test(glue), glue);
  const { instance } = await WebAssembly.instantiate(wasm, { env: { host: () => 0 } });
  const run = new Function(`${glue}; return (exports) => { wasm = exports; return [one(), new Kept().go()]; };`)();
  assert.deepEqual(run(instance.exports), [1, 4]);
  // and wasm-opt then drops the code only the dropped exports reached
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'optimise-wasm-test-'));
  try {
    fs.writeFileSync(path.join(work, 'in.wasm'), wasm);
    const opt = spawnSync(WASM_OPT, ['-Oz', '-g', path.join(work, 'in.wasm'), '-o', path.join(work, 'out.wasm')], { encoding: 'utf8' });
    assert.equal(opt.status, 0, opt.error?.message ?? opt.stderr);
    assert.equal(bodiesByName(fs.readFileSync(path.join(work, 'out.wasm'))).size, 2);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  // a class the loader makes is kept, with what it uses
  const withUnused = withLeanExports(bytes, classyGlue, 'new Unused().go(); new Kept();');
  assert.equal(WebAssembly.Module.exports(new WebAssembly.Module(withUnused.wasm)).length, 4);
  assert.match(withUnused.glue, /class Unused/);
});

test('stops at glue that uses an export the module does not have', () => {
  const bytes = module({ one: constant(1) });
  assert.throws(() => withLeanExports(bytes, 'let wasm; wasm.one(); wasm.gone();'), /uses wasm\.gone, which the module does not export/);
});

// The start of wasm-bindgen's glue, as it writes it.
const glueFor = (field) => `function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        ${field}: function() {
            return 42;
        },
    };
    return {
        __proto__: null,
        "./tell-once_bg.js": import0,
    };
}`;

test('gives the imports from the glue short names, in the module and in the glue', async () => {
  const field = '__wbg_answer_0123456789abcdef';
  // `calls` calls the import (function 0)
  const bytes = module({ calls: [0, 0x10, 0, 0x0b] }, './tell-once_bg.js', field);
  const { wasm, glue } = withShortImportNames(bytes, glueFor(field));
  assert.ok(wasm.length < bytes.length);
  assert.deepEqual(WebAssembly.Module.imports(new WebAssembly.Module(wasm)), [{ module: 'w', name: 'a', kind: 'function' }]);
  assert.ok(!glue.includes(field) && !glue.includes('tell-once_bg.js'), glue);
  // the glue's own import object fits the module
  const imports = new Function(`${glue}; return __wbg_get_imports();`)();
  const { instance } = await WebAssembly.instantiate(wasm, imports);
  assert.equal(instance.exports.calls(), 42);
  // other modules' imports are left alone
  const env = module({ calls: [0, 0x10, 0, 0x0b] });
  assert.deepEqual(withShortImportNames(env, glueFor(field)).wasm, env);
});

test('stops at an import the glue does not have exactly once', () => {
  const bytes = module({ calls: [0, 0x10, 0, 0x0b] }, './tell-once_bg.js', '__wbg_answer_0123456789abcdef');
  assert.throws(() => withShortImportNames(bytes, glueFor('__wbg_other_0123456789abcdef')), /__wbg_answer_0123456789abcdef 0 times/);
  const twice = `${glueFor('__wbg_answer_0123456789abcdef')}\n// __wbg_answer_0123456789abcdef`;
  assert.throws(() => withShortImportNames(bytes, twice), /expected once, and nowhere else/);
});
