//! The language switch at the top of every page: each language the page is given in, named in
//! itself ("Español", marked `lang="es"`). Switching keeps every answer and the page; focus
//! stays on the button pressed (the buttons are never re-rendered), and the current one is
//! marked `aria-current`. A group, not a navigation landmark: several widgets on one page
//! would give the page several landmarks of the same name.
//!
//! A language's words are fetched when it is first chosen. When they cannot be, the page stays
//! as it is, and the switch says so, once aloud and in words under it until the person chooses
//! again.

use crate::components::announcer::use_announcer;
use crate::i18n::*;
use crate::language::use_language;
use leptos::prelude::*;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let language = use_language();
    let i18n = language.i18n;
    let announcer = use_announcer();
    Effect::new(move |_| {
        if let Some(failed) = language.failed() {
            let name = failed.name();
            announcer.say(t_string!(
                i18n,
                common.language_unavailable,
                language = name
            ));
        }
    });
    let unavailable = move || {
        language.failed().map(|failed| {
            let name = move || view! { <span lang=failed.as_str()>{failed.name()}</span> };
            view! {
                <p class="language-switch__problem">
                    {t_view!(i18n, common.language_unavailable, language = name)}
                </p>
            }
        })
    };
    let button = move |locale: Locale| {
        let current = move || (language.get() == locale).then_some("true");
        view! {
            <li class="language-switch__item">
                <button
                    type="button"
                    class="link-button language-switch__button"
                    lang=locale.as_str()
                    aria-current=current
                    on:click=move |_| language.choose(locale)
                >
                    {locale.name()}
                </button>
            </li>
        }
    };
    // Only worth showing when there is a choice.
    move || {
        let offered = language.offered();
        (offered.len() > 1).then(|| {
            view! {
                <div class="language-switch" role="group" aria-label=move || t_string!(i18n, common.language_switch_label)>
                    <ul class="language-switch__list">{offered.into_iter().map(button).collect_view()}</ul>
                    {unavailable}
                </div>
            }
        })
    }
}
