//! The storage edge: where a draft is kept in the browser. On the person's own device, in
//! `localStorage` (it survives closing the tab, until it expires); on a shared device, in
//! `sessionStorage` (it survives a reload, and is gone when the tab is closed). Only text goes
//! in and out here: what a draft is, and when it expires, is the engine's (`draft`).

/// Where the person chose to keep their answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// On this device, until the draft expires.
    Device,
    /// In this tab only, until it is closed (a shared or public device).
    Tab,
}

fn storage(keeping: Keeping) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match keeping {
        Keeping::Device => window.local_storage().ok()?,
        Keeping::Tab => window.session_storage().ok()?,
    }
}

/// The name a journey's draft is kept under: the journey's id, never an answer.
fn name(journey_id: &str) -> String {
    format!("tell-once.draft.{journey_id}")
}

/// A journey's saved draft, as text, and where it was kept (this tab first: it is newer).
pub fn read(journey_id: &str) -> Option<(String, Keeping)> {
    [Keeping::Tab, Keeping::Device]
        .into_iter()
        .find_map(|keeping| {
            let text = storage(keeping)?.get_item(&name(journey_id)).ok()??;
            Some((text, keeping))
        })
}

/// Keeps a journey's draft where the person chose, and nowhere else. An error means it could
/// not be kept (storage full or turned off): the caller tells the person.
pub fn write(journey_id: &str, text: &str, keeping: Keeping) -> Result<(), ()> {
    let other = match keeping {
        Keeping::Device => Keeping::Tab,
        Keeping::Tab => Keeping::Device,
    };
    if let Some(other) = storage(other) {
        let _ = other.remove_item(&name(journey_id));
    }
    storage(keeping)
        .ok_or(())?
        .set_item(&name(journey_id), text)
        .map_err(|_| ())
}

/// Deletes a journey's draft from this tab and this device.
pub fn delete(journey_id: &str) {
    for keeping in [Keeping::Tab, Keeping::Device] {
        if let Some(storage) = storage(keeping) {
            let _ = storage.remove_item(&name(journey_id));
        }
    }
}

/// Where the person's choice of language is kept on the device: not personal data, and the
/// same for every journey. The loader reads it too, to fetch that language's words early.
const LANGUAGE: &str = "tell-once.lang";

/// The language the person chose, if they ever did on this device.
pub fn read_language() -> Option<String> {
    storage(Keeping::Device)?.get_item(LANGUAGE).ok()?
}

/// Remembers the language the person chose (if storage is turned off, it lasts as long as the
/// page).
pub fn write_language(code: &str) {
    if let Some(storage) = storage(Keeping::Device) {
        let _ = storage.set_item(LANGUAGE, code);
    }
}

/// A new random id (the stem of a draft's idempotency keys), from the browser's own
/// `crypto.randomUUID()`, so the app carries no random number generator.
pub fn random_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| {
            // Only on a page that is not a secure context (plain http other than localhost):
            // the time and Math.random, which is unique enough for one person's drafts.
            format!(
                "{:x}-{:x}",
                js_sys::Date::now() as u64,
                (js_sys::Math::random() * 1e15) as u64
            )
        })
}
