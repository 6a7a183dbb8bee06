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
    const root = document.createElement('div');
    root.className = 'tell-once';
    frame.append(root);
    try {
      await Promise.all([start(), styled, worded]);
    } catch (error) {
      // The WebAssembly could not be fetched, or was not the file it should be.
      const message = document.createElement('p');
      message.className = 'body';
      message.setAttribute('role', 'alert');
      message.lang = 'en'; // the app's translations are in the WebAssembly that did not load
      message.textContent =
        'Sorry, this service could not be loaded. Check your internet connection, then reload the page to try again.';
      root.append(message);
      slot.replaceWith(frame);
      throw error;
    }
    // The frame takes the slot's place; the stylesheet's link stays where it is (a link taken
    // out and put back fetches its file again).
    slot.replaceWith(frame);
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
