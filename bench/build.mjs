// Builds bench/site: Tell Once's dist/ (as built by trunk; not rebuilt here), the forms in every
// library's format, each peer bundled with esbuild in production mode, and one page per library
// and form: site/<library>-<form>.html.
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { writeForms, FORMS } from './forms.mjs';
import { LIBS } from './libs.mjs';

const here = new URL('.', import.meta.url).pathname;
const site = join(here, 'site');
const dist = join(here, '..', 'dist');

rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
// Tell Once as an agency embeds it (docs/embedding.md): the loader, its wasm and css, next to
// each other, and the loader's line with the two preload lines the build wrote for the demo
// agency's page. (The build's own .br/.gz files are not copied: the bench server compresses
// every library's files itself, the same way.)
cpSync(dist, site, { recursive: true, filter: (f) => !/\.(br|gz)$/.test(f) });
// The app's own start page, the list of life events: for bench/startup-code.mjs's way to Moving
// house's first question.
renameSync(join(site, 'index.html'), join(site, 'tellonce-life-events.html'));
const agencyPage = readFileSync(join(dist, 'demo', 'agency', 'index.html'), 'utf8');
const tellOnceHead = [...agencyPage.matchAll(/<link rel="?preload"?[^>]*>|<script\b[^>]*tell-once\.js[^>]*><\/script>/g)].map((m) => m[0]);
if (tellOnceHead.length !== 3) throw new Error(`expected 2 preload lines and the loader in dist/demo/agency/index.html, found: ${tellOnceHead.join(' ')}`);
writeForms(join(site, 'bench', 'forms'));

const common = {
  bundle: true, minify: true, format: 'esm', target: 'es2022', platform: 'browser',
  define: { 'process.env.NODE_ENV': '"production"' }, jsx: 'automatic', legalComments: 'none',
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file' }, logLevel: 'warning',
};
for (const lib of ['surveyjs', 'rjsf', 'jsonforms']) {
  await build({ ...common, entryPoints: { app: join(here, 'src', `${lib}.jsx`) }, outdir: join(site, lib) });
}
// Form.io: its own prebuilt, minified bundle and stylesheet.
mkdirSync(join(site, 'formio'), { recursive: true });
for (const f of ['formio.form.min.js', 'formio.form.min.css']) {
  cpSync(join(here, 'node_modules', '@formio', 'js', 'dist', f), join(site, 'formio', f));
}
cpSync(join(here, 'src', 'formio.js'), join(site, 'formio', 'app.js'));

const hooks = readFileSync(join(here, 'hooks.js'), 'utf8');
const head = (config) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>bench</title>` +
  `<script>window.__benchConfig=${JSON.stringify(config)};\n${hooks}</script>`;
const fs = await import('node:fs');
for (const [lib, def] of Object.entries(LIBS)) {
  for (const form of FORMS) {
    const config = { ready: def.ready[form.id] };
    if (def.start) config.start = def.start;
    let body;
    if (lib === 'tellonce') {
      body = `${tellOnceHead.join('')}</head><body><main><tell-once journey="/bench/forms/${form.id}.tellonce.json" standalone><p>Loading…</p></tell-once></main></body></html>`;
    } else if (lib === 'formio') {
      body = `<link rel="stylesheet" href="/formio/formio.form.min.css"><script src="/formio/formio.form.min.js"></script><script type="module" src="/formio/app.js"></script></head><body data-form="${form.id}"><main id="root"></main></body></html>`;
    } else {
      const css = fs.existsSync(join(site, lib, 'app.css')) ? `<link rel="stylesheet" href="/${lib}/app.css">` : '';
      body = `${css}<script type="module" src="/${lib}/app.js"></script></head><body data-form="${form.id}"><main id="root"></main></body></html>`;
    }
    writeFileSync(join(site, `${lib}-${form.id}.html`), head(config) + body);
  }
}
console.log('built', site);
