// Tell Once's loader: the one script an agency adds to its page.
//
//   <script type="module" src="https://…/tell-once.js"></script>
//   <tell-once journey="https://agency.example/journeys/moving-house.json"></tell-once>
//
// It defines the <tell-once> element and window.TellOnce.mount(element, config), starts the
// WebAssembly once for the whole page however many widgets it has, and renders each widget in a
// shadow root of its own, so the host page's styles can't reach it (only the --to-* theme
// tokens, which inherit, and are meant to).
//
// The build (scripts/loader.mjs, a Trunk post_build hook) writes dist/tell-once.js: wasm-bindgen's
// glue (which declares __wbg_init and mount) followed by this file, with ASSETS filled in.

// The WebAssembly's second part (scripts/split-wasm.mjs): the functions the app does not run
// on its way to the first question, so that the first part, which the page waits for, is over
// a quarter smaller. wasm-bindgen's glue calls secondPart with the first part's exports as soon as
// that is instantiated (scripts/loader.mjs adds the call), before the app starts. The second
// part is fetched then, alongside the app's first page, and instantiated when it arrives. A
// function of it that runs before then asks for it at once, through slot 0 of the split's table:
// it is fetched synchronously (XMLHttpRequest; a page's WebAssembly cannot wait for a promise),
// checked against its SHA-256 (Web Crypto has no synchronous digest) and instantiated. The build
// keeps that rare: it puts in the first part every function the first question ran when it was
// last measured (scripts/startup-functions.txt).
const SECOND = /* SECOND */ null;
// What a page with widgets does when the second part cannot be had: set by the loader below.
let secondPartFailed = () => {};
function secondPart(exports) {
  if (SECOND === null) return;
  const url = new URL(SECOND.href, import.meta.url).href;
  const loaded = exports[SECOND.loaded];
  const instantiate = (module) => {
    if (loaded.value) return;
    new WebAssembly.Instance(module, { [SECOND.module]: exports });
    loaded.value = 1;
  };
  // A file that was not the one built with is not asked for again (a failed fetch is).
  let refused = null;
  // The fetch below; `now` cancels it, as it gets the file itself.
  const fetching = new AbortController();
  const now = () => {
    if (loaded.value) return;
    if (refused) throw refused;
    fetching.abort();
    try {
      const request = new XMLHttpRequest();
      request.open('GET', url, false);
      request.overrideMimeType('text/plain; charset=x-user-defined');
      request.send();
      if (request.status !== 200) throw new Error(`Tell Once: ${url} answered ${request.status}`);
      const text = request.responseText;
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
      if (sha256(bytes) !== SECOND.sha256) {
        refused = new Error(`Tell Once: ${url} is not the file this loader was built with`);
        throw refused;
      }
      instantiate(new WebAssembly.Module(bytes));
    } catch (error) {
      secondPartFailed();
      throw error;
    }
  };
  // `now` as a WebAssembly function, which a table can hold: a module that imports it as a.b and
  // exports it as c.
  const module = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 7, 1, 1, 97, 1, 98, 0, 0, 7, 5, 1, 1, 99, 0, 0]));
  exports[SECOND.table].set(0, new WebAssembly.Instance(module, { a: { b: now } }).exports.c);
  fetch(url, { integrity: SECOND.integrity, signal: fetching.signal })
    .then((response) => {
      if (!response.ok) throw new Error(`Tell Once: ${url} answered ${response.status}`);
      return response.arrayBuffer();
    })
    .then((bytes) => WebAssembly.compile(bytes))
    .then(instantiate)
    // Not fatal yet: `now` fetches it again if it is needed before the page is reloaded.
    .catch((error) => fetching.signal.aborted || console.warn(error));
}

// SHA-256 of `bytes`, in hex (after Geraint Luff's public-domain version): the round constants
// and first hash are the first 32 bits of the fractional parts of the first 64 primes' cube
// roots and the first 8 primes' square roots.
function sha256(bytes) {
  const k = [];
  const hash = [];
  for (let n = 2; k.length < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (!prime) continue;
    if (hash.length < 8) hash.push((n ** 0.5 * 2 ** 32) | 0);
    k.push((n ** (1 / 3) * 2 ** 32) | 0);
  }
  const length = bytes.length;
  const padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 2 ** 29));
  view.setUint32(padded.length - 4, length * 8);
  const w = new Array(64);
  for (let block = 0; block < padded.length; block += 64) {
    let [a, b, c, d, e, f, g, h] = hash;
    for (let i = 0; i < 64; i++) {
      if (i < 16) w[i] = view.getUint32(block + i * 4);
      else {
        const x = w[i - 15];
        const y = w[i - 2];
        const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      const t1 = h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + k[i] + w[i];
      const t2 = (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c));
      [h, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
    }
    [a, b, c, d, e, f, g, h].forEach((v, i) => (hash[i] = (hash[i] + v) | 0));
  }
  return hash.map((v) => (v >>> 0).toString(16).padStart(8, '0')).join('');
}

{
  // The files this loader needs, relative to it, with their Subresource Integrity hashes: the
  // WebAssembly, the stylesheet, and each language's words but English's (which is compiled in).
  const ASSETS = /* ASSETS */ { wasm: { href: '', integrity: '' }, css: { href: '', integrity: '' }, words: {} };

  // The element's attributes and the settings they give (see app::Config), with the boolean
  // ones (present or not) marked.
  const ATTRIBUTES = [
    ['journey', 'journey'],
    ['catalogue', 'catalogue'],
    ['standalone', 'standalone', true],
    ['signed-in', 'signedIn', true],
    ['agency-urls', 'agencyUrls'],
    ['keep-answers-days', 'keepAnswersDays'],
    ['idle-minutes', 'idleMinutes'],
    ['lang', 'lang'],
    ['handoff-url', 'handoffUrl'],
  ];

  const urlOf = (asset) => new URL(asset.href, import.meta.url).href;
  const assetUrl = (name) => urlOf(ASSETS[name]);

  // A language's words (the app's `api::use_words`): fetched once for the whole page, checked
  // against their hash. A promise of the file's text, or undefined for a language with no file.
  // A fetch that failed is forgotten, so the next choice of that language asks again.
  const words = new Map();
  // The longest a widget waits for its language's words before it starts (in English).
  const WORDS_WAIT_MS = 10_000;
  const wordsOf = (lang) => {
    const asset = Object.hasOwn(ASSETS.words, lang) ? ASSETS.words[lang] : undefined;
    if (asset === undefined) return undefined;
    if (!words.has(lang)) {
      const url = urlOf(asset);
      const text = fetch(url, { integrity: asset.integrity }).then((response) => {
        if (!response.ok) throw new Error(`Tell Once: ${url} answered ${response.status}`);
        return response.text();
      });
      text.catch(() => words.delete(lang));
      words.set(lang, text);
    }
    return words.get(lang);
  };

  // The language a widget will most likely open in: the person's own choice on this device
  // (as the app keeps it), else the one its page asks for. Only its primary subtag counts.
  const likelyLanguage = (asked) => {
    let chosen = null;
    try {
      chosen = localStorage.getItem('tell-once.lang');
    } catch {
      // storage turned off: the page's language it is
    }
    return String(chosen ?? asked ?? '').toLowerCase().split(/[-_]/)[0];
  };

  // The WebAssembly, fetched and started once for every widget on the page.
  let started;
  const start = () => {
    if (!started) {
      // Sizes inside a widget follow the person's own default font size, not the host page's
      // root (a host with `html { font-size: 62.5% }` would otherwise shrink the widget): the
      // styles measure in var(--to-rem), a length the widget's root sets to its own 1em.
      try {
        CSS.registerProperty({ name: '--to-rem', syntax: '<length>', inherits: true, initialValue: '16px' });
      } catch {
        // Registered already (a second copy of the loader), or an older browser: sizes are
        // then relative to the widget's own text, which still works.
      }
      started = __wbg_init({ module_or_path: compileChecked() });
    }
    return started;
  };

  // The WebAssembly, compiled as it downloads and checked against its integrity hash before
  // any of it runs. A fetch given the hash would hold the whole file back until it had checked
  // it, and only then could compiling start; here the two happen together, and the module is
  // only handed over once the bytes are known to be the right ones. Compiling runs nothing.
  // Without Web Crypto (a page served over plain HTTP) the browser checks the hash instead.
  const compileChecked = async () => {
    const url = assetUrl('wasm');
    const { integrity } = ASSETS.wasm;
    if (!globalThis.crypto?.subtle) return fetch(url, { integrity });
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Tell Once: ${url} answered ${response.status}`);
    const bytes = response.clone().arrayBuffer();
    const checked = bytes.then(async (body) => {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', body));
      if (`sha384-${btoa(String.fromCharCode(...digest))}` !== integrity) {
        throw new Error(`Tell Once: ${url} is not the file this loader was built with`);
      }
    });
    // (A server that does not say `application/wasm` gets the slower way: all bytes first.)
    const compiled = WebAssembly.compileStreaming(response).catch(async () => WebAssembly.compile(await bytes));
    const [module] = await Promise.all([compiled, checked]);
    return module;
  };

  // The widget's stylesheet, inside its shadow root; resolves once it has loaded (or failed:
  // the widget is still usable unstyled).
  const stylesheet = (shadow) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = assetUrl('css');
    link.integrity = ASSETS.css.integrity;
    link.crossOrigin = 'anonymous';
    const loaded = new Promise((resolve) => {
      link.addEventListener('load', resolve, { once: true });
      link.addEventListener('error', resolve, { once: true });
    });
    shadow.append(link);
    return loaded;
  };

  // The files the app will ask for first, fetched now, while the WebAssembly downloads, rather
  // than one after another once it has started: on a slow network each is a round trip off the
  // wait. A widget's journey (or list of life events) is fetched at once; as each arrives, so
  // are the files it names (a journey's dictionary, the list's journeys). Keyed by absolute
  // address, fetched the way the app fetches (CORS, same-origin credentials), and each once for
  // the whole page: widgets whose journeys share a dictionary share its reply.
  // Each reply is read here, to { status, text } (text null unless the status is a success):
  // the app then has the file as soon as it asks, in the same task, and draws its first page
  // in one go rather than waiting a task for the body (and the browser drawing in between).
  const early = new Map();
  const fetchEarly = (file, base) => {
    let href;
    try {
      href = new URL(file, base).href;
    } catch {
      return; // not an address: the app says so
    }
    if (early.has(href)) return;
    const read = fetch(href).then(async (response) => ({
      status: response.status,
      text: response.ok ? await response.text() : null,
    }));
    // A look-ahead only: the app reads and checks every file itself, and reports any problem.
    const lookedAhead = read
      .then(({ text }) => {
        const definition = text === null ? undefined : JSON.parse(text);
        const journeys = Array.isArray(definition?.journeys) ? definition.journeys : [];
        for (const named of [definition?.dictionary, ...journeys]) {
          if (typeof named === 'string' && named !== '') fetchEarly(named, href);
        }
      })
      .catch(() => {});
    // The app gets a reply once the files it names are on their way: it asks for them next,
    // and must find them here rather than race the look-ahead to the network.
    const ready = lookedAhead.then(() => read);
    ready.catch(() => {}); // a failure is the app's to report, if it asks for the file
    early.set(href, ready);
  };

  // The app's way to the early replies (src/api.rs): a promise of { status, text } for
  // `href`, or undefined when there is none. A reply that failed is forgotten, so a widget
  // that asks for the file later goes to the network for it.
  const takeEarly = (href) => {
    const reply = early.get(href);
    if (reply === undefined) return undefined;
    return reply.then(
      (read) => {
        if (read.text === null) early.delete(href);
        return read;
      },
      (error) => {
        early.delete(href);
        throw error;
      },
    );
  };

  const mounted = new WeakSet();
  // Each widget's root, for the message should the WebAssembly's second part not come.
  const roots = new Set();

  // Said in `root` when the WebAssembly (or its second part) could not be fetched, or was not
  // the file it should be; once (the second part may be asked for again).
  const couldNotLoad = (root) => {
    if (root.querySelector('.tell-once-unloaded')) return;
    const message = document.createElement('p');
    message.className = 'body tell-once-unloaded';
    message.setAttribute('role', 'alert');
    message.lang = 'en'; // the app's translations are in the WebAssembly that did not load
    message.textContent =
      'Sorry, this service could not be loaded. Check your internet connection, then reload the page to try again.';
    root.prepend(message);
  };
  secondPartFailed = () => roots.forEach(couldNotLoad);

  // Renders a widget in `host`, set up by `config`. Until the app is ready, the host's own
  // content (a loading message, say) shows through a slot.
  const mountIn = async (host, config) => {
    if (!(host instanceof HTMLElement)) {
      throw new TypeError('TellOnce.mount: give it an element, like document.querySelector("#moving")');
    }
    if (mounted.has(host)) {
      throw new Error('TellOnce.mount: this element already has a Tell Once widget');
    }
    let shadow;
    try {
      shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    } catch {
      throw new Error(`TellOnce.mount: a <${host.localName}> element cannot hold a widget; use a <div>`);
    }
    mounted.add(host);
    const file = config.journey ?? config.catalogue;
    if (typeof file === 'string' && file !== '') fetchEarly(file, document.baseURI);
    const slot = document.createElement('slot');
    shadow.replaceChildren(slot);
    const styled = stylesheet(shadow);
    // The widget speaks the language of the part of the page it is in, unless told otherwise.
    const settings = { ...config };
    const pageLanguage = host.closest('[lang]')?.getAttribute('lang');
    if (settings.lang === undefined && pageLanguage) settings.lang = pageLanguage;
    // Its words come while the WebAssembly does, so its first page is drawn in that language.
    // Words that fail to come leave the widget in English, with nothing lost; words that are
    // slow hold it back for WORDS_WAIT_MS at most, and it switches when they come.
    const worded = Promise.race([
      Promise.resolve(wordsOf(likelyLanguage(settings.lang))).catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, WORDS_WAIT_MS)),
    ]);
    // The frame shuts out what the host page's styles would pass on (see style/_base.scss).
    const frame = document.createElement('div');
    frame.className = 'tell-once-frame';
    // The app handles every form of its own. The browser's own submission would reload the page
    // with the answers in its address, should a handler stop part way (the WebAssembly's second
    // part not coming, say) before it could cancel it: so it never happens.
    frame.addEventListener('submit', (event) => event.preventDefault());
    const root = document.createElement('div');
    root.className = 'tell-once';
    frame.append(root);
    try {
      await Promise.all([start(), styled, worded]);
    } catch (error) {
      // The WebAssembly could not be fetched, or was not the file it should be.
      couldNotLoad(root);
      slot.replaceWith(frame);
      throw error;
    }
    // The frame takes the slot's place; the stylesheet's link stays where it is (a link taken
    // out and put back fetches its file again).
    slot.replaceWith(frame);
    roots.add(root);
    mount(host, root, JSON.stringify(settings), takeEarly, wordsOf);
  };

  // <tell-once journey="…">: set up by its attributes when it is added to the page.
  class TellOnceElement extends HTMLElement {
    connectedCallback() {
      if (mounted.has(this)) return; // moved within the page: it keeps going
      const config = {};
      for (const [attribute, setting, boolean] of ATTRIBUTES) {
        if (boolean) {
          if (this.hasAttribute(attribute)) config[setting] = true;
        } else if (this.hasAttribute(attribute)) {
          config[setting] = this.getAttribute(attribute);
        }
      }
      mountIn(this, config).catch((error) => console.error('Tell Once:', error));
    }
  }

  // TellOnce.mount(element, { journey: '…', idleMinutes: 20 }): the same, from script.
  window.TellOnce = Object.freeze({ mount: mountIn });
  if (!customElements.get('tell-once')) customElements.define('tell-once', TellOnceElement);
}
