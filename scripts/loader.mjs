// Trunk post_build hook (see Trunk.toml): in a release build, optimises the WebAssembly
// (scripts/optimise-wasm.mjs); then writes tell-once.js, the one script an agency adds,
// into the build. It is wasm-bindgen's glue followed by loader/tell-once.js, with the hashed
// names and Subresource Integrity hashes of the WebAssembly, the stylesheet and the languages'
// words filled in, so the page needs no inline script and every file it loads is pinned by its
// hash (the WebAssembly's checked by the loader itself, as it compiles). Then every page of the
// build that loads tell-once.js gets the script's own hash, and preloads for the WebAssembly and
// the stylesheet (so they download while the script does).
import { transformSync } from 'esbuild';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotli, gzip } from './compress.mjs';
import { optimiseWasm } from './optimise-wasm.mjs';

const LOADER = 'tell-once.js';
const dir = process.env.TRUNK_STAGING_DIR;
const fail = (message) => {
  console.error(`scripts/loader.mjs: ${message}`);
  process.exit(1);
};
if (!dir) fail('run me as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');

const files = fs.readdirSync(dir);
const one = (pattern, what) => {
  const found = files.filter((f) => pattern.test(f));
  if (found.length !== 1) fail(`expected one ${what} (${pattern}) in ${dir}, found ${found.length}: ${found.join(', ')}`);
  return found[0];
};
const glueName = one(/^tell-once-[0-9a-f]+\.js$/, "wasm-bindgen's glue");
let wasmName = one(/^tell-once-[0-9a-f]+_bg\.wasm$/, 'WebAssembly');

const cssName = one(/^main-[0-9a-f]+\.css$/, 'stylesheet');
const read = (name) => fs.readFileSync(path.join(dir, name));
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
// A file's name with a hash of its contents in it, so a browser may keep it as long as it likes.
const hashed = (stem, bytes, extension) => `${stem}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}${extension}`;

// The glue, as a part of the loader rather than a module of its own: its exports become plain
// declarations, which the loader calls.
let glue = read(glueName).toString('utf8');
for (const needed of [/^async function __wbg_init\(/m, /^export function mount\(/m]) {
  if (!needed.test(glue)) fail(`wasm-bindgen's glue has changed: ${needed} not found in ${glueName}`);
}
glue = glue.replace(/^export \{[^}]*\};?\s*$/gm, '').replace(/^export (async function|function|class|const|let) /gm, '$1 ');
if (/^export\b/m.test(glue)) fail(`wasm-bindgen's glue has an export the loader does not know: ${glue.match(/^export.*$/m)[0]}`);

const template = fs.readFileSync(fileURLToPath(new URL('../loader/tell-once.js', import.meta.url)), 'utf8');

// A release build's WebAssembly is optimised here, before anything is worked out from its bytes
// (and the glue's names for the module's imports and exports shortened with the module's; the
// loader's own code is looked at for the glue's classes it uses). Trunk named the file by a hash
// of what wasm-bindgen wrote; what this writes depends on this step's scripts too, so the file
// is named again by a hash of its own bytes: a browser that keeps the old file for as long as
// it likes never pairs it with a new tell-once.js.
//
// The functions the first question runs, which stay in the WebAssembly's first part (see
// scripts/split-wasm.mjs); TELL_ONCE_WHOLE_WASM=1 builds it whole instead, with its functions'
// names, which is how scripts/profile-startup.sh measures them.
const STARTUP = fileURLToPath(new URL('startup-functions.txt', import.meta.url));
let second = null;
if (process.env.TRUNK_PROFILE === 'release') {
  try {
    let startup = null;
    if (process.env.TELL_ONCE_WHOLE_WASM !== '1') {
      if (!fs.existsSync(STARTUP)) fail(`${STARTUP} is missing: bash scripts/profile-startup.sh writes it`);
      startup = new Set(fs.readFileSync(STARTUP, 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#')));
    }
    const optimised = optimiseWasm(path.join(dir, wasmName), glue, template, startup);
    glue = optimised.glue;
    const renamed = hashed('tell-once', read(wasmName), '_bg.wasm');
    fs.renameSync(path.join(dir, wasmName), path.join(dir, renamed));
    wasmName = renamed;
    if (optimised.secondary) {
      const { secondary: bytes, table, loaded, module } = optimised.secondary;
      const href = hashed('tell-once-second', bytes, '.wasm');
      fs.writeFileSync(path.join(dir, href), bytes);
      second = { href, integrity: sri(bytes), sha256: createHash('sha256').update(bytes).digest('hex'), table, loaded, module };
      // The glue hands the first part's exports to the loader's secondPart as soon as it has them.
      const instantiated = /^(\s*)wasm = instance\.exports;$/m;
      if (!instantiated.test(glue)) fail("wasm-bindgen's glue has changed: no `wasm = instance.exports;` line to call secondPart after");
      glue = glue.replace(instantiated, '$&\n$1secondPart(instance.exports);');
    }
    console.log(`scripts/loader.mjs: optimised ${optimised.summary}`);
  } catch (error) {
    fail(`optimising the WebAssembly (scripts/optimise-wasm.mjs): ${error.message}`);
  }
}

// Each language's words but English's (compiled into the WebAssembly), as one file the loader
// fetches when a widget is to speak that language: locales/<lang>/<namespace>.json, each file
// a member named after its namespace, and the engine's crates/engine/locales/<lang>.json as
// "engine" (what the app's i18n::supply reads). Named by a hash of what they say.
const localesDir = fileURLToPath(new URL('../locales/', import.meta.url));
const engineLocalesDir = fileURLToPath(new URL('../crates/engine/locales/', import.meta.url));
const words = {};
for (const lang of fs.readdirSync(localesDir).sort()) {
  if (lang === 'en' || !fs.statSync(path.join(localesDir, lang)).isDirectory()) continue;
  // [member, file it comes from]
  const sources = fs
    .readdirSync(path.join(localesDir, lang))
    .sort()
    .filter((name) => name.endsWith('.json'))
    .map((name) => [name.slice(0, -'.json'.length), path.join(localesDir, lang, name)]);
  sources.push(['engine', path.join(engineLocalesDir, `${lang}.json`)]);
  const file = {};
  for (const [member, source] of sources) {
    try {
      file[member] = JSON.parse(fs.readFileSync(source, 'utf8'));
    } catch (error) {
      fail(`${source}: ${error.message}`);
    }
  }
  const body = Buffer.from(JSON.stringify(file));
  const href = hashed(`words-${lang}`, body, '.json');
  fs.writeFileSync(path.join(dir, href), body);
  words[lang] = { href, integrity: sri(body) };
}
if (Object.keys(words).length === 0) fail(`no language but English in ${localesDir}`);

const assets = {
  wasm: { href: wasmName, integrity: sri(read(wasmName)) },
  css: { href: cssName, integrity: sri(read(cssName)) },
  words,
};
const marker = /\/\* ASSETS \*\/ \{[^\n]*\};/;
if (!marker.test(template)) fail('loader/tell-once.js has lost its /* ASSETS */ line');
const secondMarker = /\/\* SECOND \*\/ null;/;
if (!secondMarker.test(template)) fail('loader/tell-once.js has lost its /* SECOND */ line');
const filled = template.replace(marker, `/* ASSETS */ ${JSON.stringify(assets)};`).replace(secondMarker, `/* SECOND */ ${JSON.stringify(second)};`);
const source = `${glue}\n${filled}`;
// Minified in a release build (Trunk's own minifier gives up on wasm-bindgen's glue): about a
// third of the bytes to fetch and parse before the app can start. A debug build stays readable.
const loader =
  process.env.TRUNK_PROFILE === 'release'
    ? transformSync(source, { minify: true, format: 'esm', legalComments: 'none' }).code
    : source;
fs.writeFileSync(path.join(dir, LOADER), loader);
fs.rmSync(path.join(dir, glueName));
const loaderIntegrity = sri(Buffer.from(loader));

// Every page that loads the loader: pin it, and start the WebAssembly and stylesheet early.
const pages = (folder) =>
  fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return pages(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
const scriptTag = /<script\b[^>]*\bsrc=(["']?)([^"' >]*tell-once\.js)\1[^>]*>/g;
// `<div data-prerender></div>` (a comment would not survive Trunk's minifier) inside a
// <tell-once catalogue="…"> element becomes the catalogue's heading
// and introduction, in English: the page paints them from its own HTML, before the WebAssembly
// has arrived, and the app then takes the element's place with the same words.
const escape = (text) => text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
const prerender = (page, html) =>
  html.replace(/(<tell-once\b[^>]*\bcatalogue=["']?([^"' >]+)["']?[^>]*>\s*)<div data-prerender><\/div>/g, (_match, open, href) => {
    const file = path.join(path.dirname(page), href.replace(/^\//, ''));
    if (!fs.existsSync(file)) fail(`${page}: the catalogue ${href} to prerender is not in the build`);
    const catalogue = JSON.parse(fs.readFileSync(file, 'utf8'));
    return (
      `${open}<h1 class="heading-xl">${escape(catalogue.title.en)}</h1>` +
      `<p class="body-l">${escape(catalogue.intro.en)}</p>`
    );
  });
let pinned = 0;
for (const page of pages(dir)) {
  const html = fs.readFileSync(page, 'utf8');
  // (Trunk leaves its own <link data-trunk rel=rust> in the page when it injects no script.)
  let patched = html.replace(/<link\b[^>]*\bdata-trunk\b[^>]*>/g, '').replace(scriptTag, (tag, _quote, src) => {
    if (/\bintegrity=/.test(tag)) fail(`${page}: the tell-once.js script tag already has an integrity attribute`);
    pinned += 1;
    const base = src.slice(0, src.lastIndexOf('/') + 1);
    const preload = (href, as, extra) => `<link rel="preload" href="${base}${href}" as="${as}"${extra}>`;
    // A page that links the stylesheet itself (ours, for its header and footer) has it already.
    const cssPreload = html.includes(cssName) ? '' : preload(cssName, 'style', ` crossorigin integrity="${assets.css.integrity}"`);
    return (
      // No integrity on the WebAssembly's: the loader checks its hash itself, as it compiles it
      // (a preload with one would not be the download the loader's fetch takes).
      preload(wasmName, 'fetch', ' type="application/wasm" crossorigin') +
      cssPreload +
      tag.replace(/>$/, ` integrity="${loaderIntegrity}">`)
    );
  });
  // The widget fetches the stylesheet in CORS mode (it is pinned by its hash, and may come
  // from another origin): so must the page's own link to it, or the browser fetches it twice.
  const linked = new RegExp(`<link\\b(?![^>]*\\bcrossorigin\\b)([^>]*\\bhref=["']?[^"' >]*${cssName.replace('.', '\\.')}[^>]*)>`, 'g');
  patched = patched.replace(linked, '<link crossorigin$1>');
  patched = prerender(page, patched);
  if (patched !== html) fs.writeFileSync(page, patched);
}
if (pinned === 0) fail('no page loads tell-once.js');

// Each file the app fetches, compressed once here at the strongest settings, beside the file
// (x.wasm.br, x.wasm.gz): the server sends the one the browser accepts, with no work per request.
// On a slow phone network, brotli makes the WebAssembly a third of its size.
const COMPRESS = /\.(wasm|js|css|json|svg)$/;
let compressed = 0;
const compressAll = (folder) => {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) compressAll(full);
    else if (COMPRESS.test(entry.name)) {
      const body = fs.readFileSync(full);
      fs.writeFileSync(`${full}.br`, brotli(body));
      fs.writeFileSync(`${full}.gz`, gzip(body));
      compressed += 1;
    }
  }
};
compressAll(dir);
console.log(`scripts/loader.mjs: ${LOADER} (${loader.length} bytes) pinned in ${pinned} script tag(s); words for ${Object.keys(words).join(', ')}; ${compressed} files compressed (.br, .gz)`);
