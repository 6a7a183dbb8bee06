// Fault injection for end-to-end tests: makes the demo agencies fail, answer late, or store a
// request and drop the connection, for one browser context only, so tests running side by side
// never see each other's faults. The server runs with `--faults` (playwright.config.ts); the API
// is described in docs/connecting-an-api.md ("Faults in the demo server").
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { PORT } from './server';

export interface FaultRule {
  /** An agency's id, such as 'motor-vehicles'. Left out: every agency. */
  agency?: string;
  /**
   * fail: answer with `status` (and `Retry-After: retry_after`), storing nothing.
   * delay: wait `ms` (at most 30 000), then answer as usual.
   * drop: store the request as usual, then close the connection without a reply.
   */
  kind: 'fail' | 'delay' | 'drop';
  status?: number;
  retry_after?: number;
  ms?: number;
  /** How many requests the rule applies to. Left out: 1. */
  times?: number;
}

const BASE_URL = `http://127.0.0.1:${PORT}`;
const scopes = new WeakMap<BrowserContext, string>();

/** The scope of the page's browser context: made, and set as its `demo_faults` cookie, once. */
async function scopeOf(page: Page): Promise<string> {
  const context = page.context();
  let scope = scopes.get(context);
  if (scope === undefined) {
    scope = `e2e-${randomUUID()}`;
    await context.addCookies([{ name: 'demo_faults', value: scope, url: BASE_URL }]);
    scopes.set(context, scope);
  }
  return scope;
}

/**
 * Adds a fault rule for the agency requests this page's browser context sends, and returns its
 * scope. Rules apply in the order they are added. Add them before the page first opens the app:
 * while a drop is to come, every reply in the scope closes its connection, so that the browser
 * cannot quietly send the dropped request again on a connection it kept open.
 */
export async function injectFault(page: Page, rule: FaultRule): Promise<string> {
  const scope = await scopeOf(page);
  const reply = await page.request.post('/demo/faults', { data: { scope, ...rule } });
  expect(reply.status(), await reply.text()).toBe(201);
  return scope;
}

/** How many faults have been injected so far for this page's browser context. */
export async function faultsInjected(page: Page): Promise<number> {
  const scope = await scopeOf(page);
  const reply = await page.request.get(`/demo/faults?scope=${scope}`);
  expect(reply.status(), await reply.text()).toBe(200);
  const { injected } = (await reply.json()) as { injected: number };
  return injected;
}
