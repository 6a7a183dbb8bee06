import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crateOf } from './code-by-crate.mjs';

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
