//! A question page: the back link, the error summary, the page's questions and Continue.

use crate::browser;
use crate::components::back_link::BackLink;
use crate::components::error_summary::{ErrorSummary, ERROR_SUMMARY_ID};
use crate::components::question_field::QuestionField;
use crate::flow::{env, use_flow, LANG};
use leptos::prelude::*;
use tell_once_engine::mapping::canonical_answers;
use tell_once_engine::navigate::{self, Step};
use tell_once_engine::validate::validate_page;

#[component]
pub fn QuestionPage(index: usize) -> impl IntoView {
    let flow = use_flow();
    let journey = flow.journey();
    let page = journey.pages[index].clone();
    let question_is_heading = page.question_is_heading();
    let back = if flow.returning_to_check.get_untracked() {
        Step::Check
    } else {
        flow.answers.with_untracked(|answers| {
            navigate::back_from(&journey, Step::Question(index), answers, env())
        })
    };

    let page_for_submit = page.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let errors = flow.answers.with_untracked(|answers| {
            // Rules across answers see the whole journey's answers as they are now.
            let canonical = canonical_answers(&flow.journey(), answers);
            validate_page(&page_for_submit, answers, env().with_answers(&canonical))
        });
        if errors.is_empty() {
            let returning = flow.returning_to_check.get_untracked();
            let next = flow.answers.with_untracked(|answers| {
                navigate::after_continue(&flow.journey(), index, returning, answers, env())
            });
            flow.go(next);
        } else {
            flow.errors.set(errors);
            browser::focus_id(ERROR_SUMMARY_ID);
        }
    };

    view! {
        <BackLink to=back/>
        <ErrorSummary/>
        {page.title.as_ref().map(|title| view! { <h1 class="heading-l" tabindex="-1">{title.tr(LANG).to_string()}</h1> })}
        <form novalidate on:submit=on_submit>
            {page
                .questions
                .into_iter()
                .map(|question| view! { <QuestionField question is_heading=question_is_heading/> })
                .collect_view()}
            <button type="submit" class="button">"Continue"</button>
        </form>
    }
}
