//! The language a widget speaks. The person's own choice comes first (kept on the device and
//! shared by every widget on the page), then the host page's (the element's `lang`), then
//! English; only a language the journey on show has is used, so a page is never half in one
//! language and half in another. The app's own words come from `locales/` through the
//! [`I18n`] this provides (see `crate::i18n`); journey texts are picked with [`Language::code`].
//!
//! A language other than English is shown once its words have arrived (see `crate::i18n`):
//! until then the widget stays in the language it was in. The loader fetches the words of the
//! language a page asks for while the WebAssembly downloads, so such a page opens in it.

use crate::api;
use crate::i18n::{self, I18n, Locale};
use crate::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;

thread_local! {
    /// The person's choice, for every widget on the page.
    static CHOSEN: ArcRwSignal<Option<Locale>> =
        ArcRwSignal::new(storage::read_language().as_deref().and_then(locale_of));
    /// Notified when a language's words arrive: every widget looks again.
    static ARRIVED: ArcTrigger = ArcTrigger::new();
}

/// Makes sure the words of `locale` are here, fetching them if they are not: true once they
/// are. The loader fetches each file once for the whole page, however many widgets ask, and
/// holds a widget back until the words of the language its page asks for have come, so they
/// are taken in before the first page is painted. When they cannot be fetched, the widget
/// stays in the language it is in, and they are asked for again the next time the language
/// is chosen.
async fn words_for(locale: Locale) -> bool {
    if i18n::has_words(locale) {
        return true;
    }
    let file = api::fetch_words(locale.as_str()).await;
    // Read once, by the first widget whose wait ends.
    if i18n::has_words(locale) {
        return true;
    }
    let taken = file.is_some_and(|f| i18n::supply(locale, &f).is_ok());
    if taken {
        ARRIVED.with(ArcTrigger::notify);
    }
    taken
}

#[derive(Clone, Copy)]
pub struct Language {
    chosen: RwSignal<Option<Locale>>,
    /// The languages of what is on show (the journey, or every life event): set by
    /// [`Language::offer`].
    offered: RwSignal<Vec<Locale>>,
    /// The language this widget's person chose whose words could not be fetched, until they
    /// choose again.
    failed: RwSignal<Option<Locale>>,
    pub i18n: I18n,
}

/// A language by its code ("es", or "es-US": only the language counts), if the app speaks it.
pub fn locale_of(code: &str) -> Option<Locale> {
    let code = code.trim().to_ascii_lowercase();
    let primary = code.split(['-', '_']).next().unwrap_or_default();
    Locale::get_all()
        .iter()
        .copied()
        .find(|locale| locale.as_str() == primary)
}

impl Language {
    /// Sets up the language of one widget, whose host page asked for `asked` (its `lang`).
    pub fn new(asked: Option<&str>) -> Self {
        let asked = asked.and_then(locale_of);
        let chosen = RwSignal::from(CHOSEN.with(ArcRwSignal::clone));
        let arrived = ARRIVED.with(ArcTrigger::clone);
        let offered = RwSignal::new(Locale::get_all().to_vec());
        let wanted = Memo::new(move |_| {
            let offered = offered.get();
            [chosen.get(), asked]
                .into_iter()
                .flatten()
                .find(|locale| offered.contains(locale))
                .unwrap_or_default()
        });
        Effect::new(move |_| {
            let wanted = wanted.get();
            if !i18n::has_words(wanted) {
                spawn_local(async move {
                    words_for(wanted).await;
                });
            }
        });
        // The language wanted once its words are here; until then, the one shown before (if
        // what is on show still has it), else English.
        let shown = Memo::new(move |before: Option<&Locale>| {
            arrived.track();
            let wanted = wanted.get();
            if i18n::has_words(wanted) {
                return wanted;
            }
            before
                .copied()
                .filter(|before| offered.with(|offered| offered.contains(before)))
                .unwrap_or_default()
        });
        let i18n = I18n::new(shown.into());
        Self {
            chosen,
            offered,
            failed: RwSignal::new(None),
            i18n,
        }
    }

    /// The language shown (tracked).
    pub fn get(&self) -> Locale {
        self.i18n.get_locale()
    }

    /// The code of the language shown, for picking journey texts (tracked).
    pub fn code(&self) -> &'static str {
        self.get().as_str()
    }

    pub fn code_untracked(&self) -> &'static str {
        self.i18n.get_locale_untracked().as_str()
    }

    /// What is on show is given in these languages: only they are offered (English always).
    pub fn offer(&self, codes: &[String]) {
        let named: Vec<Locale> = codes.iter().filter_map(|c| locale_of(c)).collect();
        let offered: Vec<Locale> = Locale::get_all()
            .iter()
            .copied()
            .filter(|l| *l == Locale::default() || named.contains(l))
            .collect();
        if self.offered.get_untracked() != offered {
            self.offered.set(offered);
        }
    }

    /// The languages the person may switch between.
    pub fn offered(&self) -> Vec<Locale> {
        self.offered.get()
    }

    /// The person chooses a language: every widget on the page follows, and it is kept. Its
    /// words are asked for again even when it was the choice already: they may have failed to
    /// come the last time.
    pub fn choose(&self, locale: Locale) {
        storage::write_language(locale.as_str());
        self.chosen.set(Some(locale));
        self.failed.set(None);
        let failed = self.failed;
        spawn_local(async move {
            if !words_for(locale).await {
                failed.set(Some(locale));
            }
        });
    }

    /// The language the person chose here whose words could not be fetched, while it is not
    /// shown (tracked).
    pub fn failed(&self) -> Option<Locale> {
        self.failed.get().filter(|failed| *failed != self.get())
    }
}

pub fn use_language() -> Language {
    expect_context::<Language>()
}
