// Tests of scripts/split-wasm.mjs (node --test, from scripts/test.sh): a small module, written
// as text and assembled by binaryen's JS build, split and run in Node as the loader runs the
// app's: the primary first, the secondary fetched when a stub asks for it.
import assert from 'node:assert/strict';
import test from 'node:test';
import binaryen from 'binaryen';
import { functionReferences, sleb, split } from './split-wasm.mjs';
import { functionBodies } from './wasm-module.mjs';

const assemble = (text) => {
  const module = binaryen.parseText(text);
  module.setFeatures(binaryen.Features.MVP | binaryen.Features.BulkMemory | binaryen.Features.BulkMemoryOpt | binaryen.Features.SignExt | binaryen.Features.MutableGlobals | binaryen.Features.ReferenceTypes | binaryen.Features.NontrappingFPToInt);
  assert.ok(module.validate(), 'the test module is valid');
  const bytes = Buffer.from(module.emitBinary());
  module.dispose();
  return bytes;
};

// Function indices: 0 the import, then 1 add, 2 double, 3 triple, 4 helper, 5 apply, 6 run.
const APP = assemble(`(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "memory") 1)
  (global $sp (mut i32) (i32.const 1024))
  (table 4 funcref)
  (elem (i32.const 1) $double $add2)
  (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $double (param i32) (result i32) (call $add (local.get 0) (local.get 0)))
  (func $triple (param i32) (result i32) (i32.add (call $double (local.get 0)) (local.get 0)))
  (func $helper (param i32) (result i32)
    (i32.store offset=16 (i32.const 0) (local.get 0))
    (global.set $sp (i32.add (global.get $sp) (i32.const 1)))
    (i32.load offset=16 (i32.const 0)))
  (func $apply (export "apply") (param i32 i32) (result i32)
    (call_indirect (param i32) (result i32) (local.get 1) (local.get 0)))
  (func $run (export "run") (param i32) (result i32)
    (call $log (local.get 0))
    (i32.add (call $triple (local.get 0)) (i32.const 1)))
  (func $add2 (param i32) (result i32) (call $helper (call $add (local.get 0) (i32.const 2))))
)`);
const FIRST = new Set([1, 5, 6]); // add, apply, run stay; double, triple, helper, add2 move

/** The split app, started as the loader starts it: `log` the calls to env.log, `loads` how many times the secondary was asked for. */
function start() {
  const parts = split(APP, (f) => FIRST.has(f));
  const log = [];
  let loads = 0;
  const primary = new WebAssembly.Instance(new WebAssembly.Module(parts.primary), { env: { log: (n) => log.push(n) } });
  const exports = primary.exports;
  const now = () => {
    loads += 1;
    new WebAssembly.Instance(new WebAssembly.Module(parts.secondary), { [parts.module]: exports });
    exports[parts.loaded].value = 1;
  };
  // slot 0: `now`, as a WebAssembly function (the loader's six-line module does the same)
  const ask = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 7, 1, 1, 97, 1, 98, 0, 0, 7, 5, 1, 1, 99, 0, 0])), { a: { b: now } }).exports.c;
  exports[parts.table].set(0, ask);
  return { parts, exports, log, loads: () => loads };
}

test('both parts are valid modules, and the first keeps only its own functions whole', () => {
  const { primary, secondary, kept, moved, stubs } = split(APP, (f) => FIRST.has(f));
  assert.ok(WebAssembly.validate(primary));
  assert.ok(WebAssembly.validate(secondary));
  assert.deepEqual([kept, moved], [3, 4]);
  // double (in the table), triple (called by run) and add2 (in the table) are reached from the
  // first part; helper only from the second, so it is left as `unreachable`.
  assert.equal(stubs, 3);
  const bodies = functionBodies(primary);
  assert.deepEqual([...bodies[3]], [0x00, 0x00, 0x0b]);
  assert.ok(primary.length < APP.length + 200);
});

test('the first part runs alone until a moved function is called; then the second is fetched once', () => {
  const app = start();
  assert.equal(app.exports.add(2, 3), 5);
  assert.equal(app.loads(), 0);
  assert.equal(app.exports.run(5), 5 * 3 + 1); // run → triple (stub) → double (moved) → add (primary)
  assert.equal(app.loads(), 1);
  assert.deepEqual(app.log, [5]);
  assert.equal(app.exports.run(7), 22);
  assert.equal(app.exports.apply(1, 4), 8); // table slot 1: double
  assert.equal(app.exports.apply(2, 4), 6); // table slot 2: add2 → helper, in the second part
  assert.equal(app.loads(), 1);
});

test('through the table before anything else: the stub asks for the second part too', () => {
  const app = start();
  assert.equal(app.exports.apply(2, 10), 12);
  assert.equal(app.loads(), 1);
  // helper wrote to the memory and moved the global, both the first part's
  assert.equal(new Uint32Array(app.exports.memory.buffer)[4], 12);
});

test('keeping every function moves none and gives an equivalent module', () => {
  const parts = split(APP, () => true);
  assert.equal(parts.moved, 0);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(parts.primary), { env: { log() {} } });
  assert.equal(instance.exports.run(2), 7);
});

test('functionReferences finds each call and ref.func, past every kind of immediate', () => {
  const module = assemble(`(module
    (memory 1)
    (table 2 funcref)
    (global $g (mut i64) (i64.const 0))
    (func $a (param i32) (result i32) (local i64 f64)
      (block $out (result i32)
        (br_table $out $out (i32.const 1) (i32.const 0)))
      (drop)
      (global.set $g (i64.const -123456789012345))
      (drop (f64.const 1.5))
      (drop (f32.const 2.5))
      (memory.fill (i32.const 0) (i32.const 0) (i32.const 8))
      (memory.copy (i32.const 0) (i32.const 8) (i32.const 8))
      (drop (i64.load32_s offset=100000 (i32.const 4)))
      (drop (ref.func $b))
      (drop (i32.extend8_s (i32.trunc_sat_f64_s (local.get 2))))
      (drop (call_indirect (param i32) (result i32) (i32.const 1) (i32.const 0)))
      (if (local.get 0) (then (drop (call $b (i32.const 1)))) (else (nop)))
      (call $a (local.get 0)))
    (func $b (param i32) (result i32) (local.get 0))
    (elem declare func $b)
  )`);
  const [body] = functionBodies(module);
  assert.deepEqual(functionReferences(body).map(([, , index]) => index), [1, 1, 0]);
  assert.throws(() => functionReferences(Buffer.from([0, 0xfd, 0x0c])), /does not know: 0xfd/);
});

test('sleb writes i32.const immediates', () => {
  assert.deepEqual([...sleb(0)], [0]);
  assert.deepEqual([...sleb(63)], [63]);
  assert.deepEqual([...sleb(64)], [0xc0, 0x00]);
  assert.deepEqual([...sleb(1385)], [0xe9, 0x0a]);
  assert.deepEqual([...sleb(-1)], [0x7f]);
});
