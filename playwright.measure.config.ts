import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// Measurements that need a special build (scripts/journey-code.sh), kept out of the test run:
// the same browser and demo server as the tests, with tests/measure's specs.
export default defineConfig({ ...base, testDir: 'tests/measure', workers: 1, reporter: [['dot']] });
