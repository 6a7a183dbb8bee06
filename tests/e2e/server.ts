// Where the demo agencies server runs during end-to-end tests; shared by the config and specs.
export const PORT = Number(process.env.E2E_PORT ?? 8765);
export const DB = process.env.E2E_DB ?? 'target/e2e/agencies.sqlite';
export const SERVER_BIN = 'target/release/tell-once-agencies';
