// Runs first on every benchmark page (inlined into <head> before anything else), the same for
// every library. It keeps what the harness reads, in the page's own clock (performance.now(),
// milliseconds since navigation started):
// - every WebAssembly instance's exported memory (B.wasmMemories), by wrapping
//   WebAssembly.instantiateStreaming and WebAssembly.instantiate;
// - every shadow root (B.shadowRoots), so selectors and the MutationObserver reach inside them;
// - each Storage.setItem (B.saves, B.lastSave): Tell Once saves every answer as it is given;
// - when the form definition's fetch resolved (B.formFetched), and when the page's first
//   WebAssembly instance was made (B.wasmReady; Tell Once's loader fetches the journey alongside
//   its WebAssembly, so the journey is in hand before the code that renders it);
// - B.waitFor(predicate): resolves with the time the predicate first held, checked after every
//   DOM mutation, in the document or in any shadow root.
// With window.__benchConfig = { ready, start }, it records B.marks.ready (the selector is in the
// DOM) and B.marks.readyFree (the next task after it: the main thread is free to take input);
// with `start` (and no ?page= in the address) it first waits for that button, marks it the same
// way and clicks it.
(() => {
  const B = (window.__bench = { shadowRoots: [], wasmMemories: [], saves: 0, lastSave: 0, formFetched: null, wasmReady: null, marks: {}, waiters: [] });
  const now = () => performance.now();
  const keep = (result) => {
    const instance = result && (result.instance || result);
    if (instance && instance.exports) {
      if (B.wasmReady === null) B.wasmReady = now();
      for (const v of Object.values(instance.exports)) if (v instanceof WebAssembly.Memory) B.wasmMemories.push(v);
    }
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  if (streaming) WebAssembly.instantiateStreaming = function (...args) { return streaming.apply(this, args).then(keep); };
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function (...args) { return instantiate.apply(this, args).then(keep); };

  B.check = () => {
    for (const w of B.waiters.slice()) {
      if (w.pred()) {
        B.waiters.splice(B.waiters.indexOf(w), 1);
        w.resolve(now());
      }
    }
  };
  B.waitFor = (pred) => new Promise((resolve) => (pred() ? resolve(now()) : B.waiters.push({ pred, resolve })));
  const observer = new MutationObserver(() => B.check());
  B.observe = (node) => observer.observe(node, { subtree: true, childList: true, attributes: true, characterData: true });
  B.observe(document);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (...args) {
    const root = attachShadow.apply(this, args);
    B.shadowRoots.push(root);
    B.observe(root);
    return root;
  };
  B.query = (sel) => {
    let el = document.querySelector(sel);
    for (let i = 0; !el && i < B.shadowRoots.length; i++) el = B.shadowRoots[i].querySelector(sel);
    return el;
  };
  B.queryAll = (sel) => [document, ...B.shadowRoots].flatMap((r) => [...r.querySelectorAll(sel)]);

  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    const r = setItem.call(this, k, v);
    B.saves++;
    B.lastSave = now();
    B.check();
    return r;
  };
  const fetch0 = window.fetch;
  window.fetch = function (input, init) {
    const url = String((input && input.url) || input);
    const p = fetch0.call(this, input, init);
    if (url.includes('/bench/forms/')) p.then(() => { if (B.formFetched === null) B.formFetched = now(); });
    return p;
  };
  // The next task: the main thread has finished what it was doing and could take an input event.
  B.nextTask = () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(now()); c.port2.postMessage(0); });

  const config = window.__benchConfig || {};
  const present = (sel) => () => { const el = B.query(sel); return !!el && !el.disabled && el.isConnected; };
  B.done = (async () => {
    if (config.start && !location.search.includes('page=')) {
      B.marks.start = await B.waitFor(present(config.start));
      B.marks.startFree = await B.nextTask();
      B.query(config.start).click();
    }
    if (config.ready) {
      B.marks.ready = await B.waitFor(present(config.ready));
      B.marks.readyFree = await B.nextTask();
    }
    return B.marks;
  })();
})();
