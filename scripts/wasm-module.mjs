// Reading a WebAssembly module's parts, and writing its name section: what the release build
// (scripts/optimise-wasm.mjs) and the bench (bench/startup-code.mjs) need, and no more. Node's
// own WebAssembly API gives a module's imports and exports, but not its bodies or names.
/** The unsigned LEB128 number at `at`, and where it ends. */
export const readLeb = (bytes, at) => {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
};
/** `value` as unsigned LEB128. */
export const leb = (value) => {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
};
/** `text` as a name is written: its length in bytes, then its UTF-8. */
export const nameBytes = (text) => {
  const utf8 = Buffer.from(text, 'utf8');
  return Buffer.concat([leb(utf8.length), utf8]);
};
/** The name (a length, then UTF-8) at `at`, and where it ends. */
export const name = (bytes, at) => {
  const [length, start] = readLeb(bytes, at);
  return [bytes.subarray(start, start + length).toString('utf8'), start + length];
};

/**
 * The module's sections: { id, from, start, end }, from the section's id byte, and its contents
 * from `start` to `end`; a custom section's name as `custom`.
 */
export function sections(bytes) {
  if (bytes.readUInt32BE(0) !== 0x0061736d) throw new Error('not a WebAssembly module');
  const out = [];
  for (let at = 8; at < bytes.length; ) {
    const id = bytes[at];
    const [size, start] = readLeb(bytes, at + 1);
    const section = { id, from: at, start, end: start + size };
    if (id === 0) section.custom = name(bytes, start)[0];
    out.push(section);
    at = start + size;
  }
  return out;
}

/** Where the limits (of a table or a memory) at `at` end. */
export function skipLimits(bytes, at) {
  const flags = bytes[at++];
  [, at] = readLeb(bytes, at);
  if (flags & 1) [, at] = readLeb(bytes, at);
  return at;
}

/** Where the import whose description starts at `at` ends. */
export function skipImport(bytes, at) {
  const kind = bytes[at++];
  if (kind === 0) {
    [, at] = readLeb(bytes, at); // the function's type
  } else if (kind === 1) {
    at = skipLimits(bytes, at + 1); // after the table's element type
  } else if (kind === 2) {
    at = skipLimits(bytes, at);
  } else if (kind === 3) {
    at += 2; // the global's type and mutability
  } else if (kind === 4) {
    at += 1;
    [, at] = readLeb(bytes, at);
  } else {
    throw new Error(`an import of unknown kind ${kind}`);
  }
  return at;
}

/** How many functions the module imports: they come first in its function index space. */
export function importedFunctions(bytes, all = sections(bytes)) {
  const imports = all.find((s) => s.id === 2);
  if (!imports) return 0;
  let [count, at] = readLeb(bytes, imports.start);
  let functions = 0;
  while (count--) {
    [, at] = name(bytes, at);
    [, at] = name(bytes, at);
    if (bytes[at] === 0) functions += 1;
    at = skipImport(bytes, at);
  }
  return functions;
}

/** The function names of the module's name section: index → name. */
export function functionNames(bytes, all = sections(bytes)) {
  const names = new Map();
  const section = all.find((s) => s.custom === 'name');
  if (!section) return names;
  for (let at = name(bytes, section.start)[1]; at < section.end; ) {
    const kind = bytes[at];
    const [size, start] = readLeb(bytes, at + 1);
    if (kind === 1) {
      let [count, p] = readLeb(bytes, start);
      while (count--) {
        let index;
        let text;
        [index, p] = readLeb(bytes, p);
        [text, p] = name(bytes, p);
        names.set(index, text);
      }
    }
    at = start + size;
  }
  return names;
}

/** The bodies of the functions the module defines, in its order (the code section's). */
export function functionBodies(bytes, all = sections(bytes)) {
  const code = all.find((s) => s.id === 10);
  if (!code) return [];
  const bodies = [];
  let [count, at] = readLeb(bytes, code.start);
  while (count--) {
    const [size, start] = readLeb(bytes, at);
    bodies.push(bytes.subarray(start, start + size));
    at = start + size;
  }
  return bodies;
}

/** The module with its name section holding only function names, from `rename(index, name)`. */
export function withFunctionNames(bytes, rename) {
  const all = sections(bytes);
  const names = functionNames(bytes, all);
  const entries = [...names.keys()].sort((a, b) => a - b).map((index) => Buffer.concat([leb(index), nameBytes(rename(index, names.get(index)))]));
  const subsection = Buffer.concat([leb(names.size), ...entries]);
  const contents = Buffer.concat([nameBytes('name'), Buffer.from([1]), leb(subsection.length), subsection]);
  const parts = [bytes.subarray(0, 8)];
  for (const s of all) {
    if (s.custom !== 'name') parts.push(bytes.subarray(s.from, s.end));
  }
  parts.push(section(0, contents));
  return Buffer.concat(parts);
}

/** The module's exports, in order: { field, kind, index }. */
export function exportsOf(bytes, all = sections(bytes)) {
  const section = all.find((s) => s.id === 7);
  if (!section) return [];
  let [count, at] = readLeb(bytes, section.start);
  const out = [];
  for (let i = 0; i < count; i++) {
    let field;
    let index;
    [field, at] = name(bytes, at);
    const kind = bytes[at++];
    [index, at] = readLeb(bytes, at);
    out.push({ field, kind, index });
  }
  return out;
}

/** The module with its export section holding `list` ({ field, kind, index }) and nothing else. */
export function withExports(bytes, list) {
  const entries = list.map(({ field, kind, index }) => Buffer.concat([nameBytes(field), Buffer.from([kind]), leb(index)]));
  return withSection(bytes, 7, Buffer.concat([leb(list.length), ...entries]));
}

/** Section `id` with `contents`, as written in a module: its id, its size, then the contents. */
export const section = (id, contents) => Buffer.concat([Buffer.from([id]), leb(contents.length), contents]);

/** The module with the contents of its (non-custom) section `id` replaced by `contents`. */
export function withSection(bytes, id, contents) {
  const old = sections(bytes).find((s) => s.id === id);
  if (!old) throw new Error(`the module has no section ${id}`);
  return Buffer.concat([bytes.subarray(0, old.from), section(id, contents), bytes.subarray(old.end)]);
}
