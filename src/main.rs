//! Tell Once in the browser: installs the panic hook and mounts the app. Everything else lives
//! in `app` (configuration and loading), `flow` (where the person is), `pages/` and
//! `components/` (what they see), and the thin edges `api` (HTTP), `browser` (DOM) and
//! `storage` (drafts).

mod api;
mod app;
mod browser;
mod components;
mod drafts;
mod events;
mod flow;
mod outbox;
mod pages;
mod storage;

fn main() {
    console_error_panic_hook::set_once();
    app::start();
}
