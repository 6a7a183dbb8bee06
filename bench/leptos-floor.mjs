// Shrinks the Leptos floor app in `dir` (as wasm-bindgen wrote it) as the build shrinks Tell
// Once (scripts/optimise-wasm.mjs, esbuild for the glue) and prints its size: see
// bench/leptos-floor.sh.
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { brotli, gzip } from '../scripts/compress.mjs';
import { optimiseWasm } from '../scripts/optimise-wasm.mjs';
import { sections } from '../scripts/wasm-module.mjs';

const [dir] = process.argv.slice(2);
const wasmFile = path.join(dir, 'leptos-floor_bg.wasm');
const { glue } = optimiseWasm(wasmFile, fs.readFileSync(path.join(dir, 'leptos-floor.js'), 'utf8'));
// Without its custom sections (the function names optimiseWasm keeps), as the app ships.
const named = fs.readFileSync(wasmFile);
const wasm = Buffer.concat([named.subarray(0, 8), ...sections(named).filter((s) => s.id !== 0).map((s) => named.subarray(s.from, s.end))]);
const js = Buffer.from(transformSync(glue, { minify: true, format: 'esm', legalComments: 'none' }).code);

const kB = (n) => (n / 1000).toFixed(1);
const line = (what, bytes) => `${what.padEnd(30)} ${kB(bytes.length).padStart(6)} ${kB(gzip(bytes).length).padStart(6)} ${kB(brotli(bytes).length).padStart(6)}`;
console.log(`${'Leptos floor'.padEnd(30)} ${'raw'.padStart(6)} ${'gzip'.padStart(6)} ${'brotli'.padStart(6)}   (kB)`);
console.log(line('WebAssembly', wasm));
console.log(line('glue (minified)', js));
