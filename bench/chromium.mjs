// What the bench scripts share: Debian's headless Chromium launched the one way (the flags the
// tests use too), and bytes counted as the table counts them (brotli at quality 11).
import { brotli } from '../scripts/compress.mjs';
import { chromium } from 'playwright-core';

/** Debian's Chromium, headless, with `extraFlags` (CHROMIUM_FLAGS, for diagnosis) after ours. */
export const launchChromium = (extraFlags = []) =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', ...extraFlags],
  });

/** The size of `bytes` compressed with brotli at quality 11, as a server would send them. */
export const brotliSize = (bytes) => brotli(bytes).length;
