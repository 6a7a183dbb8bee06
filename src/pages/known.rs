//! "We already have these details": what the person told us in another journey (or an agency's
//! record held), carried over so it is not asked again. Each answer says where it came from and
//! can be changed here.

use crate::components::back_link::BackLink;
use crate::components::field::source_text;
use crate::components::summary_list::{Row, SummaryList};
use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::navigate::{self, Plan, Returning, Step};
use tell_once_engine::summary;

/// The page's heading, in `locale`: also the page's part of the document title.
pub fn known_heading(locale: Locale) -> String {
    td_string!(locale, pages.known_heading).to_string()
}

#[component]
pub fn KnownPage() -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let journey = flow.journey();
    let (rows, back) = flow.answers.with_untracked(|answers| {
        let plan = Plan::new(&journey, answers, flow.env());
        let rows: Vec<Row> = plan
            .carried
            .iter()
            .filter_map(|(page, key)| {
                let question = journey.pages[*page]
                    .questions
                    .iter()
                    .find(|q| q.key == *key)?;
                Some(Row {
                    label: question
                        .summary_label
                        .as_ref()
                        .unwrap_or(&question.label)
                        .tr(flow.lang())
                        .to_string(),
                    lines: summary::answer_lines(question, answers, flow.lang()),
                    note: answers.source(key).map(source_text),
                    change: Some((Step::Question(*page), Returning::ToKnown)),
                })
            })
            .collect();
        (
            rows,
            navigate::back_from(&journey, Step::Known, answers, flow.env()),
        )
    });
    let on_continue = move |_| {
        let journey = flow.journey();
        let next = flow
            .answers
            .with_untracked(|answers| navigate::next(&journey, Step::Known, answers, flow.env()));
        flow.go(next);
    };
    view! {
        <BackLink to=back/>
        <h1 class="heading-l" tabindex="-1">{t!(i18n, pages.known_heading)}</h1>
        <p class="body">{t!(i18n, pages.known_intro)}</p>
        <SummaryList rows/>
        <button type="button" class="button" on:click=on_continue>{t!(i18n, pages.continue_button)}</button>
    }
}
