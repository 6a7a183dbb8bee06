// Splits the app's WebAssembly in two: the primary module, with the functions the app runs on
// its way to the first question, which the page downloads and starts; and the secondary, with
// the rest, which the loader fetches as soon as the app has started.
//
// The primary keeps every function's index, so none of its own code changes. A function moved
// out that the primary still reaches (a call, a function table entry, an export) gets a stub
// for a body: if the secondary has not arrived, it asks the loader for it at once (slot 0 of a
// table of the split's own, which the loader fills), then calls the real function through that
// table, which the secondary fills from slot 1. A function moved out that nothing in the
// primary reaches is left as `unreachable`. The secondary imports the primary's memory, tables,
// globals and the functions its code calls, by the names the primary exports them under, and
// its code is the moved functions' code with only the function indices it names rewritten.
import { exportsOf, functionBodies, leb, name, nameBytes, readLeb, section, sections, skipImport, skipLimits } from './wasm-module.mjs';

const FUNCREF = 0x70;
const I32 = 0x7f;
// Export and import kinds
const FUNC = 0;
const TABLE = 1;
const MEMORY = 2;
const GLOBAL = 3;

/** `value` as signed LEB128 (i32.const's immediate). */
export const sleb = (value) => {
  const out = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && !(byte & 0x40)) || (value === -1 && byte & 0x40);
    out.push(done ? byte : byte | 0x80);
    if (done) return Buffer.from(out);
  }
};

const vec = (items) => Buffer.concat([leb(items.length), ...items]);
const sized = (body) => Buffer.concat([leb(body.length), body]);
const skipLeb = (bytes, at) => readLeb(bytes, at)[1];

/** Where the constant expression at `at` (ending with `end`) ends. */
const skipConstant = (bytes, at) => {
  while (bytes[at] !== 0x0b) {
    const op = bytes[at++];
    if (op === 0x41 || op === 0x42 || op === 0x23 || op === 0xd2) at = skipLeb(bytes, at);
    else if (op === 0x43) at += 4;
    else if (op === 0x44) at += 8;
    else if (op === 0xd0) at += 1;
    else throw new Error(`a constant expression with opcode 0x${op.toString(16)}`);
  }
  return at + 1;
};

// Instructions whose only immediate is one LEB128 number: br, br_if, local.*, global.*,
// table.get/set, memory.size/grow, i32/i64.const (signed, but skipped the same way).
const ONE_LEB = new Set([0x0c, 0x0d, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x3f, 0x40, 0x41, 0x42]);
// ... and those with none: unreachable, nop, else, end, return, drop, select, the numeric
// instructions (0x45 to 0xc4, sign extension included) and ref.is_null.
const noImmediate = (op) => op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b || (op >= 0x45 && op <= 0xc4) || op === 0xd1;

/**
 * Each function index a function body names (call, return_call, ref.func), as [at, end, index]:
 * where the number's bytes are in `body`. Throws on an instruction it does not know, so a new
 * WebAssembly feature stops the build rather than splitting wrongly.
 */
export function functionReferences(body) {
  const out = [];
  let at = 0;
  let [groups, p] = readLeb(body, at);
  at = p;
  while (groups--) at = skipLeb(body, at) + 1; // a count, then a value type
  while (at < body.length) {
    const op = body[at++];
    if (noImmediate(op)) continue;
    if (ONE_LEB.has(op)) {
      at = skipLeb(body, at);
    } else if (op === 0x10 || op === 0x12 || op === 0xd2) {
      const [index, end] = readLeb(body, at);
      out.push([at, end, index]);
      at = end;
    } else if (op >= 0x02 && op <= 0x04) {
      const type = body[at];
      at = type === 0x40 || (type >= 0x6f && type <= 0x7f) ? at + 1 : skipLeb(body, at);
    } else if (op === 0x0e) {
      let [targets, q] = readLeb(body, at);
      at = q;
      while (targets-- >= 0) at = skipLeb(body, at);
    } else if (op === 0x11 || op === 0x13) {
      at = skipLeb(body, skipLeb(body, at));
    } else if (op === 0x1c) {
      const [types, q] = readLeb(body, at);
      at = q + types;
    } else if (op >= 0x28 && op <= 0x3e) {
      const [align, q] = readLeb(body, at);
      at = q;
      if (align & 0x40) at = skipLeb(body, at); // a memory index
      at = skipLeb(body, at);
    } else if (op === 0x43) {
      at += 4;
    } else if (op === 0x44) {
      at += 8;
    } else if (op === 0xd0) {
      at += 1;
    } else if (op === 0xfc) {
      const [sub, q] = readLeb(body, at);
      at = q;
      if (sub <= 7) continue;
      if (sub === 8 || sub === 10 || sub === 12 || sub === 14) at = skipLeb(body, skipLeb(body, at));
      else if (sub <= 17) at = skipLeb(body, at);
      else throw new Error(`an instruction the split does not know: 0xfc ${sub}`);
    } else {
      throw new Error(`an instruction the split does not know: 0x${op.toString(16)} at byte ${at - 1}`);
    }
  }
  return out;
}

/** `body` with each function index it names mapped through `to`. */
const withFunctionIndices = (body, to) => {
  const parts = [];
  let copied = 0;
  for (const [at, end, index] of functionReferences(body)) {
    parts.push(body.subarray(copied, at), leb(to(index)));
    copied = end;
  }
  parts.push(body.subarray(copied));
  return Buffer.concat(parts);
};

/** The parts of a module the split needs. */
function parse(bytes) {
  const all = sections(bytes);
  const of = (id) => all.find((s) => s.id === id);
  const each = (id, read) => {
    const s = of(id);
    if (!s) return;
    let [count, at] = readLeb(bytes, s.start);
    while (count--) at = read(at);
  };
  const m = { all, of, types: [], functionTypes: [], tables: [], globals: [], memory: null, importedFunctions: 0, bodies: functionBodies(bytes, all), exports: exportsOf(bytes, all), elements: [] };
  each(1, (at) => {
    const from = at;
    if (bytes[at++] !== 0x60) throw new Error('a type that is not a function type');
    const [params, p] = readLeb(bytes, at);
    const [results, r] = readLeb(bytes, p + params);
    m.types.push({ params, results, bytes: bytes.subarray(from, r + results) });
    return r + results;
  });
  each(2, (at) => {
    [, at] = name(bytes, at);
    [, at] = name(bytes, at);
    const kind = bytes[at];
    const end = skipImport(bytes, at);
    const type = bytes.subarray(at + 1, end);
    if (kind === FUNC) {
      m.functionTypes.push(readLeb(bytes, at + 1)[0]);
      m.importedFunctions += 1;
    } else if (kind === TABLE) m.tables.push(type);
    else if (kind === MEMORY) m.memory = type;
    else if (kind === GLOBAL) m.globals.push(type);
    return end;
  });
  each(3, (at) => {
    const [type, end] = readLeb(bytes, at);
    m.functionTypes.push(type);
    return end;
  });
  each(4, (at) => {
    const end = skipLimits(bytes, at + 1);
    m.tables.push(bytes.subarray(at, end));
    return end;
  });
  each(5, (at) => {
    if (m.memory) throw new Error('a module with more than one memory');
    const end = skipLimits(bytes, at);
    m.memory = bytes.subarray(at, end);
    return end;
  });
  each(6, (at) => {
    m.globals.push(bytes.subarray(at, at + 2));
    return skipConstant(bytes, at + 2);
  });
  each(9, (at) => {
    // Active segments of function indices (flags 0, or 2 with a table index and elemkind 0):
    // what Rust and wasm-bindgen write.
    const flags = bytes[at++];
    if (flags !== 0 && flags !== 2) throw new Error(`an element segment of a kind the split does not know (${flags})`);
    if (flags === 2) at = skipLeb(bytes, at);
    at = skipConstant(bytes, at);
    if (flags === 2) at += 1;
    let [count, p] = readLeb(bytes, at);
    while (count--) {
      const [index, q] = readLeb(bytes, p);
      m.elements.push(index);
      p = q;
    }
    return p;
  });
  return m;
}

/** Section `s`'s vector with `extra` entries added. */
const appended = (bytes, s, extra) => {
  const [count, at] = readLeb(bytes, s.start);
  return Buffer.concat([leb(count + extra.length), bytes.subarray(at, s.end), ...extra]);
};

// Names for what the primary exports only for the secondary: `$` and a number in base 64,
// never one of the glue's own a, b, ….
const DIGITS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$';
// The module name the secondary imports the primary's exports from.
const FROM = 'p';
const splitName = (i) => `$${i >= 64 ? splitName(Math.floor(i / 64) - 1).slice(1) : ''}${DIGITS[i % 64]}`;

/**
 * `bytes` split: `keep(index)` says which defined functions (by function index) stay in the
 * primary. Returns { primary, secondary, kept, moved, stubs } (how many functions stayed, how
 * many went, and how many of those the primary still reaches) and the names the loader needs: `table`, the primary's
 * export of the split's table (the loader puts its function in slot 0); `loaded`, the global
 * the loader sets to 1 once the secondary is instantiated; and `module`, the name the secondary
 * imports the primary's exports from.
 */
export function split(bytes, keep) {
  const m = parse(bytes);
  const moved = [];
  const kept = [];
  m.bodies.forEach((_, k) => (keep(m.importedFunctions + k) ? kept : moved).push(m.importedFunctions + k));
  const isMoved = new Set(moved);

  // What the primary still reaches of what moves: these get stubs and slots.
  const reached = new Set();
  const mark = (f) => isMoved.has(f) && reached.add(f);
  for (const f of kept) for (const [, , index] of functionReferences(m.bodies[f - m.importedFunctions])) mark(index);
  for (const index of m.elements) mark(index);
  for (const e of m.exports) if (e.kind === FUNC) mark(e.index);
  const stubbed = moved.filter((f) => reached.has(f));
  const slot = new Map(stubbed.map((f, i) => [f, i + 1]));

  // What the secondary calls in the primary: the functions it imports.
  const called = new Set();
  for (const f of moved) {
    for (const [, , index] of functionReferences(m.bodies[f - m.importedFunctions])) if (!isMoved.has(index)) called.add(index);
  }
  const imported = [...called].sort((a, b) => a - b);

  let voidType = m.types.findIndex((t) => t.params === 0 && t.results === 0);
  const newTypes = [];
  if (voidType < 0) {
    voidType = m.types.length;
    newTypes.push(Buffer.from([0x60, 0, 0]));
  }
  const table = m.tables.length; // the split's table, the primary's last
  const loaded = m.globals.length; // the flag, the primary's last global
  const splitTable = Buffer.concat([Buffer.from([FUNCREF, 0x01]), leb(stubbed.length + 1), leb(stubbed.length + 1)]);
  const flagType = Buffer.from([I32, 0x01]);

  // --- the primary ---
  // no locals; if (!loaded) call_indirect table[0] (); call_indirect table[slot] (params…)
  const stub = (f) => {
    const t = m.functionTypes[f];
    const code = [Buffer.from([0x00, 0x23]), leb(loaded), Buffer.from([0x45, 0x04, 0x40, 0x41, 0x00, 0x11]), leb(voidType), leb(table), Buffer.from([0x0b])];
    for (let p = 0; p < m.types[t].params; p++) code.push(Buffer.from([0x20]), leb(p)); // local.get p
    code.push(Buffer.from([0x41]), sleb(slot.get(f)), Buffer.from([0x11]), leb(t), leb(table), Buffer.from([0x0b]));
    return Buffer.concat(code);
  };
  const UNREACHABLE = Buffer.from([0x00, 0x00, 0x0b]);
  const bodies = m.bodies.map((body, k) => {
    const f = m.importedFunctions + k;
    return sized(!isMoved.has(f) ? body : slot.has(f) ? stub(f) : UNREACHABLE);
  });
  // What the secondary imports, under the name the primary already exports it by, if any.
  const names = new Map(m.exports.map((e) => [`${e.kind}:${e.index}`, e.field]));
  const newExports = [];
  const nameOf = (kind, index) => {
    const key = `${kind}:${index}`;
    if (!names.has(key)) {
      const field = splitName(newExports.length);
      names.set(key, field);
      newExports.push(Buffer.concat([nameBytes(field), Buffer.from([kind]), leb(index)]));
    }
    return names.get(key);
  };
  const imports = [];
  const importOf = (kind, index, type) => imports.push(Buffer.concat([nameBytes(FROM), nameBytes(nameOf(kind, index)), Buffer.from([kind]), type]));
  imported.forEach((f) => importOf(FUNC, f, leb(m.functionTypes[f])));
  [...m.tables, splitTable].forEach((type, t) => importOf(TABLE, t, type));
  [...m.globals, flagType].forEach((type, g) => importOf(GLOBAL, g, type));
  importOf(MEMORY, 0, m.memory);

  for (const id of [1, 4, 6, 7, 10]) {
    if (!m.of(id)) throw new Error(`a module with no section ${id}: not what Rust and wasm-bindgen write`);
  }
  const replaced = new Map([
    [1, appended(bytes, m.of(1), newTypes)],
    [4, appended(bytes, m.of(4), [splitTable])],
    [6, appended(bytes, m.of(6), [Buffer.concat([flagType, Buffer.from([0x41, 0x00, 0x0b])])])],
    [7, appended(bytes, m.of(7), newExports)],
    [10, vec(bodies)],
  ]);
  const parts = [bytes.subarray(0, 8)];
  for (const s of m.all) {
    if (s.custom === 'name') continue;
    parts.push(replaced.has(s.id) ? section(s.id, replaced.get(s.id)) : bytes.subarray(s.from, s.end));
  }
  const primary = Buffer.concat(parts);

  // --- the secondary ---
  const index = new Map(imported.map((f, i) => [f, i]));
  moved.forEach((f, i) => index.set(f, imported.length + i));
  const secondary = Buffer.concat([
    bytes.subarray(0, 8),
    section(1, vec([...m.types.map((t) => t.bytes), ...newTypes])),
    section(2, vec(imports)),
    section(3, vec(moved.map((f) => leb(m.functionTypes[f])))),
    section(9, Buffer.concat([leb(1), Buffer.from([0x02]), leb(table), Buffer.from([0x41, 0x01, 0x0b, 0x00]), vec(stubbed.map((f) => leb(index.get(f))))])),
    section(10, vec(moved.map((f) => sized(withFunctionIndices(m.bodies[f - m.importedFunctions], (g) => index.get(g)))))),
  ]);
  for (const [part, module] of [['first', primary], ['second', secondary]]) {
    if (!WebAssembly.validate(module)) {
      try {
        new WebAssembly.Module(module);
      } catch (error) {
        throw new Error(`the split's ${part} part is not a valid module: ${error.message}`);
      }
    }
  }
  return { primary, secondary, kept: kept.length, moved: moved.length, stubs: stubbed.length, table: nameOf(TABLE, table), loaded: nameOf(GLOBAL, loaded), module: FROM };
}
