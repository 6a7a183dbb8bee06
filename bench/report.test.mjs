// How the bench reads its runs into the table (bench/report.mjs), on made-up runs: the median a
// figure's cell shows, the lowest and highest beside it, and the ratio to the best peer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, percentile, report, rowsOf, saidOf, table } from './report.mjs';

/** One library's runs as run.mjs keeps them, from each run's first question (ms). */
function runsOf(firsts, { sizes = { raw: 3000, gzip: 2000, brotli: 1000, files: [] } } = {}) {
  const each = (f) => firsts.map((first, i) => (first === null ? null : f(first, i)));
  return {
    sizes,
    first: each((first) => ({ interactive: first, start: first - 10 })),
    firstMobile: each((first) => ({ interactive: first * 10 })),
    long: each((first) => ({ fromDefinition: first / 2, fromNavigation: first, fromFetch: first / 2 })),
    bigselect: each((first) => ({ fromDefinition: first / 4, fromNavigation: first, fromFetch: first / 4 })),
    latency: each((first) => ({ times: [1, 2, 3, first / 100], misses: 0, textChanges: 4 })),
    memory: each(() => ({ total: 4e6, heap: 3e6, wasm: 1e6, failed: [] })),
  };
}

test('median and percentile', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([null, undefined]), null);
  assert.equal(percentile([4, 1, 3, 2], 50), 2);
  assert.equal(percentile([4, 1, 3, 2], 95), 4);
});

test('each figure is the median of the runs that succeeded, with their lowest and highest', () => {
  const rows = rowsOf({ tellonce: runsOf([150, 900, null, 140, 160]) }, 200);
  const row = rows.tellonce;
  assert.equal(row.first, 155); // the median of 150, 900, 140, 160: the failed run is left out
  assert.deepEqual(row.spread.first, [140, 900]);
  assert.deepEqual(row.spread.firstMobile, [1400, 9000]);
  assert.deepEqual(row.spread.long, [70, 450]);
  assert.equal(row.brotli, 1000);
  assert.equal(row.runs.first, 4);
  assert.equal(row.keys, 4 * 200);
});

test('results from before the warm-up, whose bytes came with the first timed run, still read', () => {
  const old = runsOf([150, 160, 170], { sizes: null });
  old.first[0].sizes = { raw: 9, gzip: 8, brotli: 7, files: [] };
  assert.equal(rowsOf({ tellonce: old }, 200).tellonce.brotli, 7);
});

test('the table gives each figure its ratio to the best peer, and the report shows the ranges', () => {
  const rows = rowsOf({ tellonce: runsOf([150, 160, 170]), rjsf: runsOf([100, 200, 300]), jsonforms: runsOf([300, 310, 320]) }, 200);
  const names = { tellonce: 'Tell Once', rjsf: 'RJSF', jsonforms: 'JSON Forms' };
  const lines = table(rows, names).split('\n');
  // first question: Tell Once's median 160 against RJSF's 200, the better peer
  assert.match(lines.find((l) => l.startsWith('| Tell Once')), /\| 160 \(0\.80×\) \|/);
  assert.match(lines.find((l) => l.startsWith('| RJSF')), /\| 200 \(1\.00×\) \|/);
  const meta = { date: 'today', runs: 3, keystrokes: 200, elapsed: '1.0', warmUp: true, inTurn: true, versions: {}, machine: {}, load: { before: '0.1', after: '0.2' } };
  const text = report({ meta, rows, names });
  assert.match(text, /\| first question interactive \| 150–170 ms \| 100–300 ms \| 300–320 ms \|/);
  assert.match(text, /loaded once, untimed/);
  assert.match(text, /runs taken in turn/);
});

test('the log says each figure one run gave, as the table would', () => {
  assert.deepEqual(saidOf('first', { interactive: 157.4 }), ['first question interactive 157 ms']);
  assert.deepEqual(saidOf('latency', { times: [1, 2, 3, 4] }), ['input p50 2.0 ms', 'input p95 4.0 ms']);
  assert.deepEqual(saidOf('memory', { total: 3976320 }), ['JS heap + wasm 3.98 MB']);
});
