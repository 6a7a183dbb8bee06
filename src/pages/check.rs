//! "Check your answers before sending": every answer with a Change link (and where it came
//! from, if the person did not type it here), then on to "Who gets what".

use crate::components::back_link::BackLink;
use crate::components::field::source_text;
use crate::components::summary_list::{Row, SummaryList};
use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::navigate::{self, Plan, Returning, Step};
use tell_once_engine::summary;

#[component]
pub fn CheckPage() -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let journey = flow.journey();
    let (rows, back) = flow.answers.with_untracked(|answers| {
        let plan = Plan::new(&journey, answers, flow.env());
        let rows: Vec<Row> = summary::rows(&journey, answers, &plan, flow.lang())
            .into_iter()
            .map(|row| Row {
                note: answers.source(&row.question_key).map(source_text),
                change: Some((row.step, Returning::ToCheck)),
                ..Row::of(row)
            })
            .collect();
        (
            rows,
            navigate::back_from(&journey, Step::Check, answers, flow.env()),
        )
    });
    let on_continue = move |_| {
        if !flow.show_first_incomplete() {
            flow.go(Step::Consent);
        }
    };
    view! {
        <BackLink to=back/>
        <h1 class="heading-l" tabindex="-1">{t!(i18n, pages.check_heading)}</h1>
        <SummaryList rows/>
        <p class="body">{t!(i18n, pages.check_next)}</p>
        <button type="button" class="button" on:click=on_continue>{t!(i18n, pages.continue_button)}</button>
    }
}
