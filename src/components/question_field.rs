//! A question of any field type: a single input with its label, or a fieldset of parts with
//! the question as its legend.

use crate::components::field::{
    described_by, error_for, hint_id, ErrorMessage, Input, InputOptions,
};
use crate::flow::LANG;
use leptos::prelude::*;
use tell_once_engine::definition::Question;
use tell_once_engine::field::{self, html_id, FieldKind};

#[component]
pub fn QuestionField(question: Question, is_heading: bool) -> impl IntoView {
    let hint = question.hint.as_ref().map(|h| h.tr(LANG).to_string());
    let label = question.label.tr(LANG).to_string();
    if !question.kind.is_group() {
        let part = &question.kind.parts()[0];
        let options = InputOptions {
            autocomplete: field::autocomplete(&question, part),
            width: part.width,
            numeric: part.numeric,
            label_is_heading: is_heading,
            in_group: false,
        };
        return view! { <Input key=question.key.clone() label hint options/> }.into_any();
    }

    let id = html_id(&question.key);
    let is_date = question.kind == FieldKind::Date;
    // A date has one message for its three inputs; a name or an address has one per input.
    let error = if is_date {
        error_for(question.key.clone())
    } else {
        Signal::stored(None)
    };
    let has_hint = hint.is_some();
    let legend = if is_heading {
        view! {
            <legend class="fieldset__legend fieldset__legend--l">
                <h1 class="fieldset__heading" tabindex="-1">{label}</h1>
            </legend>
        }
        .into_any()
    } else {
        view! { <legend class="fieldset__legend fieldset__legend--m">{label}</legend> }.into_any()
    };
    let parts = question
        .kind
        .parts()
        .iter()
        .map(|part| {
            let options = InputOptions {
                autocomplete: field::autocomplete(&question, part),
                width: part.width,
                numeric: part.numeric,
                label_is_heading: false,
                in_group: is_date,
            };
            let input = view! {
                <Input key=field::input_key(&question.key, part) label=part.label.to_string() hint=None options/>
            };
            if is_date {
                view! { <div class="date-input__item">{input}</div> }.into_any()
            } else {
                input.into_any()
            }
        })
        .collect_view();
    let describe_id = id.clone();
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <fieldset
                class="fieldset"
                role=is_date.then_some("group")
                aria-describedby=move || described_by(&describe_id, has_hint, error.with(Option::is_some))
            >
                {legend}
                {hint.map(|hint| view! { <div class="hint" id=hint_id(&id)>{hint}</div> })}
                <ErrorMessage id=id.clone() message=error/>
                {if is_date {
                    view! { <div class="date-input" id=id.clone()>{parts}</div> }.into_any()
                } else {
                    parts.into_any()
                }}
            </fieldset>
        </div>
    }
    .into_any()
}
