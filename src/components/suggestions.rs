//! Next steps the person may not know about, on "Services you can use" and the confirmation
//! page: each suggestion of the journey whose condition holds for their answers, with why. One
//! that leads to another life event starts it with everything the person has told us; one that
//! leads to an agency's page is a plain link.

use crate::flow::{use_flow, Flow};
use crate::i18n::*;
use crate::pages::life_events::use_life_events;
use leptos::prelude::*;
use tell_once_engine::definition::Target;
use tell_once_engine::known;
use tell_once_engine::navigate::Plan;
use tell_once_engine::Answers;

/// The answers the suggestions are about: on the confirmation page, those that were sent (the
/// journey's own are cleared once everything is sent); before, those given so far. Tracked.
fn answers_now(flow: Flow) -> Answers {
    flow.outcomes
        .with(|outcomes| outcomes.first().map(|o| o.answers().clone()))
        .unwrap_or_else(|| flow.answers.get())
}

/// A suggestion as shown: what to do, why, and where it leads (an address, and the journey id
/// when it is another life event). A life event the app cannot start here has no link.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    title: String,
    why: String,
    link: Option<(String, Option<String>)>,
}

#[component]
pub fn Suggestions() -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let life_events = use_life_events();
    let shown = move || {
        let journey = flow.journey();
        let lang = flow.lang();
        let answers = answers_now(flow);
        let plan = Plan::new(&journey, &answers, flow.env());
        journey
            .suggestions_for(&plan.situation())
            .into_iter()
            .map(|s| Shown {
                title: s.title.tr(lang).to_string(),
                why: s.why.tr(lang).to_string(),
                link: match &s.target {
                    Target::Url(url) => Some((url.clone(), None)),
                    Target::LifeEvent(id) => life_events
                        .and_then(|nav| nav.href_of(id))
                        .map(|href| (href, Some(id.clone()))),
                },
            })
            .collect::<Vec<_>>()
    };
    // Tell us once: what the person told this journey goes with them to the next life event,
    // even before this one is sent.
    let follow = move |id: String| {
        let journey = flow.journey();
        let lang = flow.language.code_untracked();
        let answers = untrack(|| answers_now(flow));
        let plan = Plan::new(&journey, &answers, flow.env());
        flow.session
            .store
            .update(|store| known::remember(store, &journey, &answers, &plan, lang));
        if let Some(nav) = life_events {
            nav.start(&id);
        }
    };
    move || {
        let suggestions = shown();
        (!suggestions.is_empty()).then(|| {
            view! {
                <section class="suggestions no-print" aria-labelledby=flow.widget.standalone.then_some("suggestions-heading")>
                    <h2 class="heading-m" id="suggestions-heading">{t!(i18n, components.suggestions_heading)}</h2>
                    <ul class="suggestions__list">
                        {suggestions.into_iter().map(|s| view! {
                            <li class="suggestions__item">
                                <h3 class="heading-s suggestions__title">
                                    {match s.link {
                                        Some((href, Some(id))) => view! {
                                            <a class="link link--own-line" href=href on:click=move |ev: leptos::ev::MouseEvent| {
                                                ev.prevent_default();
                                                follow(id.clone());
                                            }>{s.title}</a>
                                        }.into_any(),
                                        Some((href, None)) => view! { <a class="link link--own-line" href=href>{s.title}</a> }.into_any(),
                                        None => s.title.into_any(),
                                    }}
                                </h3>
                                <p class="body suggestions__why">{s.why}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
