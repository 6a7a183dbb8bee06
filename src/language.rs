//! The language a widget speaks. The person's own choice comes first (kept on the device and
//! shared by every widget on the page), then the host page's (the element's `lang`), then
//! English; only a language the journey on show has is used, so a page is never half in one
//! language and half in another. The app's own words come from `locales/` through the
//! [`I18n`] this provides (see `crate::i18n`); journey texts are picked with [`Language::code`].

use crate::i18n::{I18n, Locale};
use crate::storage;
use leptos::prelude::*;

thread_local! {
    /// The person's choice, for every widget on the page.
    static CHOSEN: ArcRwSignal<Option<Locale>> =
        ArcRwSignal::new(storage::read_language().as_deref().and_then(locale_of));
}

#[derive(Clone, Copy)]
pub struct Language {
    chosen: RwSignal<Option<Locale>>,
    /// The languages of what is on show (the journey, or every life event): set by
    /// [`Language::offer`].
    offered: RwSignal<Vec<Locale>>,
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
        let offered = RwSignal::new(Locale::get_all().to_vec());
        let shown = Memo::new(move |_| {
            let offered = offered.get();
            [chosen.get(), asked]
                .into_iter()
                .flatten()
                .find(|locale| offered.contains(locale))
                .unwrap_or_default()
        });
        let i18n = I18n::new(shown.into());
        Self {
            chosen,
            offered,
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

    /// The person chooses a language: every widget on the page follows, and it is kept.
    pub fn choose(&self, locale: Locale) {
        storage::write_language(locale.as_str());
        self.chosen.set(Some(locale));
    }
}

pub fn use_language() -> Language {
    expect_context::<Language>()
}
