//! A question page (or one item of a repeating group): the back link, the error summary, the
//! questions and Continue.

use crate::components::back_link::BackLink;
use crate::components::error_summary::{ErrorSummary, ERROR_SUMMARY_ID};
use crate::components::question_field::QuestionField;
use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::case::capitalise;
use tell_once_engine::navigate::{self, Plan, Returning, Step};

#[component]
pub fn QuestionPage(step: Step) -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let journey = flow.journey();
    let (page_index, item) = match step {
        Step::Item { page, index } => (page, Some(index)),
        Step::Question(page) => (page, None),
        _ => (0, None),
    };
    let page = journey.pages[page_index].clone();
    // "Child 2", above the heading of an item of a repeating group.
    let caption = page.repeat.as_ref().zip(item).map(|(repeat, index)| {
        format!("{} {}", capitalise(repeat.item.tr(flow.lang())), index + 1)
    });
    let question_is_heading = page.question_is_heading();
    // Reached by a Change link, a page shows its carried-over answers too: that is what the
    // person came to change.
    let returning = flow.returning.get_untracked();
    let questions = flow.answers.with_untracked(|answers| {
        let plan = Plan::new(&journey, answers, flow.env());
        match returning {
            Returning::No => plan.step_questions(&journey, step),
            _ => plan.page_questions(&journey, step),
        }
    });
    let back = if returning == Returning::ToCheck {
        Step::Check
    } else if returning == Returning::ToKnown {
        Step::Known
    } else if flow.returning_to_items.get_untracked() {
        Step::Items(page_index)
    } else {
        flow.answers
            .with_untracked(|answers| navigate::back_from(&journey, step, answers, flow.env()))
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let journey = flow.journey();
        let errors = flow
            .answers
            .with_untracked(|answers| navigate::validate_step(&journey, step, answers, flow.env()));
        if !errors.is_empty() {
            flow.errors.set(errors);
            flow.widget.focus_id(ERROR_SUMMARY_ID);
            return;
        }
        if item.is_some() && flow.returning_to_items.get_untracked() {
            flow.go(Step::Items(page_index));
            return;
        }
        let returning = flow.returning.get_untracked();
        let next = flow.answers.with_untracked(|answers| {
            navigate::after_continue(&journey, step, returning, answers, flow.env())
        });
        flow.go(next);
    };

    view! {
        <BackLink to=back/>
        <ErrorSummary/>
        {caption.map(|caption| view! { <span class="caption">{caption}</span> })}
        {page.title.as_ref().map(|title| view! { <h1 class="heading-l" tabindex="-1">{title.tr(flow.lang()).to_string()}</h1> })}
        <form novalidate on:submit=on_submit>
            {questions
                .into_iter()
                .map(|question| view! { <QuestionField question is_heading=question_is_heading/> })
                .collect_view()}
            <button type="submit" class="button">{t!(i18n, pages.continue_button)}</button>
        </form>
    }
}
