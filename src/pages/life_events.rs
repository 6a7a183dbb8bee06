//! No wrong door: every life event on one page, and a search that finds them by the person's
//! own words. Choosing one starts its journey.

use crate::browser;
use crate::components::announcer::use_announcer;
use crate::flow::JourneyFlow;
use crate::i18n::*;
use crate::language::use_language;
use leptos::prelude::*;
use std::sync::Arc;
use tell_once_engine::catalogue::Catalogue;
use tell_once_engine::lint;
use tell_once_engine::search;
use tell_once_engine::Journey;

#[component]
pub fn LifeEvents(catalogue: Arc<Catalogue>, journeys: Vec<Arc<Journey>>) -> impl IntoView {
    let widget = browser::widget();
    let standalone = widget.standalone;
    let journeys = StoredValue::new(journeys);
    let index_of = move |id: Option<String>| {
        id.and_then(|id| journeys.with_value(|js| js.iter().position(|j| j.id == id)))
    };
    let chosen = RwSignal::new(if standalone {
        index_of(browser::param("journey"))
    } else {
        None
    });
    if standalone {
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let wanted = index_of(browser::param("journey"));
            if wanted != chosen.get_untracked() {
                chosen.set(wanted);
                widget.focus_heading();
            }
        });
        on_cleanup(move || handle.remove());
    }
    let nav = LifeEventsNav {
        chosen,
        widget,
        journeys,
    };
    provide_context(nav);
    let choose = move |index: usize| nav.choose(index);
    move || match chosen.get() {
        Some(index) => {
            let journey = journeys.with_value(|js| js[index].clone());
            view! { <JourneyFlow journey/> }.into_any()
        }
        None => {
            // The list is given in the languages every life event has, and is shown afresh in
            // the one chosen.
            let language = use_language();
            let common = journeys.with_value(|js| {
                let complete: Vec<Vec<String>> =
                    js.iter().map(|j| lint::complete_languages(j)).collect();
                let mut common = complete.first().cloned().unwrap_or_default();
                common.retain(|code| complete.iter().all(|langs| langs.contains(code)));
                common
            });
            language.offer(&common);
            language.get();
            view! { <Catalogue catalogue=catalogue.clone() journeys choose/> }.into_any()
        }
    }
}

/// The way back from a journey to the list of life events, when the app shows them.
#[derive(Clone, Copy)]
pub struct LifeEventsNav {
    chosen: RwSignal<Option<usize>>,
    widget: browser::Widget,
    journeys: StoredValue<Vec<Arc<Journey>>>,
}

/// The address of a life event's start page (standalone, where the app owns the URL).
fn start_address(id: &str) -> String {
    browser::address_with(&[("journey", Some(id)), ("page", Some("start"))])
}

impl LifeEventsNav {
    /// The list's address.
    pub fn href(&self) -> String {
        browser::address_with(&[("journey", None), ("page", None)])
    }

    /// The address of a life event's start page, if the list has it (by journey id).
    pub fn href_of(&self, id: &str) -> Option<String> {
        self.index_of(id)?;
        Some(start_address(id))
    }

    /// Starts another life event (by journey id), with what the answer store knows.
    pub fn start(&self, id: &str) {
        if let Some(index) = self.index_of(id) {
            self.choose(index);
        }
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.journeys
            .with_value(|js| js.iter().position(|j| j.id == id))
    }

    fn choose(&self, index: usize) {
        let id = self.journeys.with_value(|js| js[index].id.clone());
        if self.widget.standalone {
            browser::push_address(&start_address(&id));
        }
        self.chosen.set(Some(index));
        self.widget.focus_heading();
    }

    /// Shows the list again.
    pub fn show_list(&self) {
        if self.widget.standalone {
            browser::push_address(&self.href());
        }
        self.chosen.set(None);
        self.widget.focus_heading();
    }
}

/// The list of life events, when the journey runs among them.
pub fn use_life_events() -> Option<LifeEventsNav> {
    use_context::<LifeEventsNav>()
}

/// The list of life events and the search.
#[component]
fn Catalogue(
    catalogue: Arc<Catalogue>,
    journeys: StoredValue<Vec<Arc<Journey>>>,
    choose: impl Fn(usize) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let announcer = use_announcer();
    let lang = use_language().code_untracked();
    let title = catalogue.title.tr(lang).to_string();
    browser::widget().set_title(&format!("{title} – {}", t_string!(i18n, common.product)));
    let query = RwSignal::new(String::new());
    // The search that was run, and what it found: shown and announced together.
    let results = RwSignal::new(None::<(String, Vec<usize>)>);
    let link = move |index: usize| {
        let journey = journeys.with_value(|js| js[index].clone());
        let href =
            browser::address_with(&[("journey", Some(&journey.id)), ("page", Some("start"))]);
        view! {
            <li class="life-events__item">
                <a class="link life-events__link" href=href on:click=move |ev: leptos::ev::MouseEvent| {
                    ev.prevent_default();
                    choose(index);
                }>{journey.title.tr(lang).to_string()}</a>
                <p class="body life-events__summary">{journey.summary.tr(lang).to_string()}</p>
            </li>
        }
    };
    let status = move || {
        results.with(|r| match r {
            None => String::new(),
            Some((words, _)) if words.is_empty() => {
                t_string!(i18n, pages.life_events_type_something).to_string()
            }
            Some((words, found)) if found.is_empty() => {
                t_string!(i18n, pages.life_events_none, words).to_string()
            }
            Some((words, found)) if found.len() == 1 => {
                t_string!(i18n, pages.life_events_found_singular, count = 1, words).to_string()
            }
            Some((words, found)) => t_string!(
                i18n,
                pages.life_events_found_plural,
                count = found.len(),
                words
            )
            .to_string(),
        })
    };
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let words = query.get_untracked();
        let found = journeys.with_value(|js| {
            let all: Vec<&Journey> = js.iter().map(|j| j.as_ref()).collect();
            search::search(&all, &words, lang)
                .into_iter()
                .map(|f| f.index)
                .collect()
        });
        results.set(Some((words.trim().to_string(), found)));
        // Said even when it is the same as last time: the person searched again.
        announcer.say(untrack(status));
    };
    let count = journeys.with_value(Vec::len);
    view! {
        <h1 class="heading-xl" tabindex="-1">{title}</h1>
        <p class="body-l">{catalogue.intro.tr(lang).to_string()}</p>
        <form class="search" role="search" aria-label=move || t_string!(i18n, pages.life_events_search_label).to_string() on:submit=on_search>
            <label class="label label--m" for="life-event-search">{t!(i18n, pages.life_events_question)}</label>
            <div class="hint" id="life-event-search-hint">{t!(i18n, pages.life_events_hint)}</div>
            <div class="search__row">
                <input
                    class="input search__input"
                    id="life-event-search"
                    name="q"
                    type="search"
                    autocomplete="off"
                    aria-describedby="life-event-search-hint"
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <button type="submit" class="button search__button">{t!(i18n, pages.life_events_search_button)}</button>
            </div>
        </form>
        // Shown here, and said by the announcer when a search is run.
        <p class="body search__status">{status}</p>
        {move || results.with(|r| r.as_ref().filter(|(_, found)| !found.is_empty()).map(|(_, found)| {
            let found = found.clone();
            view! {
                <h2 class="heading-m">{t!(i18n, pages.life_events_results_heading)}</h2>
                <ul class="life-events">{found.into_iter().map(link).collect_view()}</ul>
            }
        }))}
        <h2 class="heading-m">{t!(i18n, pages.life_events_all_heading)}</h2>
        <ul class="life-events">{(0..count).map(link).collect_view()}</ul>
    }
}
