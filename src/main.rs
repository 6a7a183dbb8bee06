//! Tell Once in the browser. The loader (`loader/tell-once.js`) starts the WebAssembly and calls
//! `app::mount` for each `<tell-once>` element; everything else lives in `app` (configuration
//! and loading), `flow` (where the person is), `pages/` and `components/` (what they see), and
//! the thin edges `api` (HTTP), `browser` (DOM) and `storage` (drafts).

mod api;
mod app;
mod browser;
mod components;
mod drafts;
mod events;
mod flow;
mod handoff;
mod i18n;
mod language;
mod outbox;
mod pages;
mod storage;

fn main() {
    console_error_panic_hook::set_once();
}
