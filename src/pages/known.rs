//! "We already have these details": what the person told us in another journey (or an agency's
//! record held), carried over so it is not asked again. Each answer says where it came from and
//! can be changed here.

use crate::components::back_link::BackLink;
use crate::components::field::source_text;
use crate::components::summary_list::{Row, SummaryList};
use crate::flow::use_flow;
use leptos::prelude::*;
use tell_once_engine::navigate::{self, Plan, Returning, Step};
use tell_once_engine::summary;

pub const KNOWN_HEADING: &str = "We already have these details";

#[component]
pub fn KnownPage() -> impl IntoView {
    let flow = use_flow();
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
        <h1 class="heading-l" tabindex="-1">{KNOWN_HEADING}</h1>
        <p class="body">"You have told us these before, so we will not ask for them again. Check they are still right. If something has changed, change it here."</p>
        <SummaryList rows/>
        <button type="button" class="button" on:click=on_continue>"Continue"</button>
    }
}
