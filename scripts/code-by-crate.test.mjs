import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { crateOf, groups, namedCode } from './code-by-crate.mjs';

test('a function is its own crate’s, a trait method its type’s, a blanket one its trait’s', () => {
  assert.equal(crateOf('tell_once_engine::validate::validate_question'), 'tell_once_engine');
  assert.equal(crateOf('core[1b80778acbf7b3a4]::ptr::drop_in_place::<tell_once::flow::Flow>'), 'core');
  assert.equal(crateOf('<tell_once_engine::definition::Journey>::checked'), 'tell_once_engine');
  assert.equal(crateOf('<tachys::html::element::HtmlElement<E, At, Ch> as tachys::view::Render>::build'), 'tachys');
  assert.equal(crateOf('<&mut serde_json::ser::Serializer<W> as serde::ser::Serializer>::serialize_str'), 'serde_json');
  assert.equal(crateOf('<_ as tachys::view::any_view::IntoAny>::into_any::rebuild::<alloc::vec::Vec<u8>>'), 'tachys');
  assert.equal(crateOf('<str as core::fmt::Debug>::fmt'), 'core');
  assert.equal(crateOf('<u64>::_fmt'), 'core');
  assert.equal(crateOf('__rustc::__rust_realloc'), 'alloc');
  assert.equal(crateOf('mount externref shim'), '(glue)');
  assert.equal(crateOf(''), '(no name)');
});

test('at depth 2, the module: closures and a component’s generated function are not modules', () => {
  assert.equal(crateOf('tell_once::flow::__component_journey_flow::{closure#12}', 2), 'tell_once::flow');
  assert.equal(crateOf('<tell_once::pages::items::__component_items_page::{closure#5} as tachys::view::Render>::build::{closure#0}', 2), 'tell_once::pages');
  assert.equal(crateOf('tell_once::api::check_journey::{closure#0}', 2), 'tell_once::api');
  assert.equal(crateOf('tell_once::main', 2), 'tell_once');
});

test('reads the functions kept, by their index in the module (imports first), with their names', () => {
  binaryen.setDebugInfo(true);
  const module = binaryen.parseText(`(module
    (import "env" "log" (func $host_log (param i32)))
    (func $tell_once::one (export "one") (result i32) (i32.const 1))
    (func $tachys::two (export "two") (result i32) (i32.add (i32.const 1) (i32.const 1)))
    (func $tell_once_engine::three (export "three") (result i32) (i32.const 3)))`);
  const wasm = Buffer.from(module.emitBinary());
  module.dispose();
  binaryen.setDebugInfo(false);
  const all = namedCode(wasm);
  assert.deepEqual(all.names, ['tell_once::one', 'tachys::two', 'tell_once_engine::three']);
  const some = namedCode(wasm, (index) => index !== 2);
  assert.deepEqual(some.names, ['tell_once::one', 'tell_once_engine::three']);
  assert.deepEqual(some.bodies, [all.bodies[0], all.bodies[2]]);
  assert.equal(some.raw, all.bodies[0].length + all.bodies[2].length);
  assert.deepEqual(groups(some, (name) => crateOf(name)).map((group) => group.name).sort(), ['tell_once', 'tell_once_engine']);
});
