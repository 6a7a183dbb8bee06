// A tiny static server for bench/site on 127.0.0.1, nothing cached. Every library is served as a
// real site would serve it: compressed with brotli (quality 11) when the browser accepts it, else
// gzip (level 9), else as it is. Compressed bodies are made once per file and kept in memory.
import { createServer } from 'node:http';
import { brotli, gzip } from '../scripts/compress.mjs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.png': 'image/png',
};

const compressed = new Map();

/** The body to send for `file` and its content-encoding, by what the request accepts. */
function encode(file, body, accept = '') {
  const encodings = accept.split(',').map((e) => e.trim().split(';')[0]);
  const encoding = encodings.includes('br') ? 'br' : encodings.includes('gzip') ? 'gzip' : null;
  if (!encoding) return { body, encoding };
  const key = `${encoding} ${file}`;
  if (!compressed.has(key)) {
    compressed.set(key, encoding === 'br' ? brotli(body) : gzip(body));
  }
  return { body: compressed.get(key), encoding };
}

export function serve(root, port = 8790) {
  const server = createServer(async (req, res) => {
    try {
      let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      let file = join(root, path);
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const { body, encoding } = encode(file, await readFile(file), req.headers['accept-encoding']);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-store', vary: 'accept-encoding' };
      if (encoding) headers['content-encoding'] = encoding;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8790);
  await serve(new URL('./site/', import.meta.url).pathname, port);
  console.log(`http://127.0.0.1:${port}/`);
}
