import { defineConfig } from '@playwright/test';
import { DB, PORT, SERVER_BIN } from './tests/e2e/server';

// The demo server is built by scripts/test.sh (release) before Playwright runs; here it is only
// started, on its own port with a fresh database, so tests can check exactly what arrived.

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: {
    timeout: 5_000,
    // The accessible tree of each kind of page, committed beside the specs (the same on every
    // platform), and compared whole: a role, name or state added, changed or lost fails.
    toMatchAriaSnapshot: { pathTemplate: '{testDir}/aria-snapshots/{arg}{ext}', children: 'deep-equal' },
  },
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `rm -f ${DB} ${DB}-wal ${DB}-shm && ${SERVER_BIN} serve --addr 127.0.0.1:${PORT} --dist dist --db ${DB} --faults`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
