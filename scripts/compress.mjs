// How every file is compressed, the one way: brotli at quality 11 and gzip at level 9, as the
// build writes dist/'s .br and .gz files (scripts/loader.mjs), the bench's server sends them
// (bench/serve.mjs) and the size figures count them (bench, scripts/code-by-crate.mjs).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** `bytes` compressed with brotli at quality 11. */
export const brotli = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });

/** `bytes` compressed with gzip at level 9. */
export const gzip = (bytes) => gzipSync(bytes, { level: 9 });
