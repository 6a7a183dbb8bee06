//! The one live region of a widget, and the one way to speak through it.
//!
//! What moves focus is said by the screen reader on focus, and never here as well: a new page
//! (its heading), the error summary after a Continue that failed, the survey's thank-you. What
//! changes where the person is not looking, without moving focus, is said here, politely and
//! once: a search's results, an item removed from a repeating group, sending's progress, a
//! notice about the saved answers or the agency record.
//!
//! The region is rendered once, when the widget mounts (a live region must be on the page
//! before its words change to be heard), inside the widget's own root, so each widget on a page
//! has its own.

use leptos::prelude::*;
use std::time::Duration;

/// How long the region stays empty before new words go in. Emptying first means the same words
/// said twice in a row are heard twice (a search run again); anything said again within this
/// time replaces what was waiting, so a burst is heard once, as its last word, never as a queue
/// of stale ones.
const PAUSE: Duration = Duration::from_millis(150);

#[derive(Clone, Copy)]
pub struct Announcer {
    /// What the region says now.
    said: RwSignal<String>,
    /// The number of the last `say` or `clear`: a waiting message that is no longer the last
    /// is dropped.
    latest: StoredValue<u64>,
}

impl Announcer {
    pub fn new() -> Self {
        Self {
            said: RwSignal::new(String::new()),
            latest: StoredValue::new(0),
        }
    }

    /// Says `text` once, politely (after whatever the screen reader is reading).
    pub fn say(&self, text: impl Into<String>) {
        let text = text.into();
        let number = self.clear();
        if text.is_empty() {
            return;
        }
        let (said, latest) = (self.said, self.latest);
        set_timeout(
            move || {
                if latest.get_value() == number {
                    said.set(text);
                }
            },
            PAUSE,
        );
    }

    /// Empties the region and drops anything waiting to be said (a new page: what was said on
    /// the last one no longer applies). Returns the number of this call.
    pub fn clear(&self) -> u64 {
        self.latest.update_value(|n| *n += 1);
        if !self.said.with_untracked(String::is_empty) {
            self.said.set(String::new());
        }
        self.latest.get_value()
    }
}

impl Default for Announcer {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_announcer() -> Announcer {
    expect_context::<Announcer>()
}

/// The region itself: visually hidden, read as a whole each time it changes.
#[component]
pub fn Announcements() -> impl IntoView {
    let announcer = use_announcer();
    view! {
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || announcer.said.get()}
        </div>
    }
}
