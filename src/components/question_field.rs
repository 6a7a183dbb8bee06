//! A question of any field type: a single control with its label, or a fieldset with the
//! question as its legend (dates, names, addresses, radios, checkboxes).

use crate::components::checkboxes::Checkboxes;
use crate::components::field::{
    described_by, error_for, source_text, ErrorMessage, Hint, Input, InputOptions,
};
use crate::components::radios::Radios;
use crate::components::select::Select;
use crate::components::textarea::Textarea;
use crate::flow::use_flow;
use leptos::prelude::*;
use tell_once_engine::definition::Question;
use tell_once_engine::field::{self, html_id, FieldKind};

/// A question's hint, with where its answer came from if the person did not type it here.
pub fn question_hint(question: &Question) -> Hint {
    let flow = use_flow();
    Hint {
        text: question
            .hint
            .as_ref()
            .map(|h| h.tr(flow.lang()).to_string()),
        source: flow
            .answers
            .with_untracked(|a| a.source(&question.key).map(source_text)),
    }
}

#[component]
pub fn QuestionField(question: Question, is_heading: bool) -> impl IntoView {
    let flow = use_flow();
    let hint = question_hint(&question);
    let label = question.label.tr(flow.lang()).to_string();
    match question.kind {
        FieldKind::LongText => return view! { <Textarea question is_heading/> }.into_any(),
        FieldKind::Select => return view! { <Select question is_heading/> }.into_any(),
        kind if !kind.is_group() => {
            let part = &field::parts(&question)[0];
            let options = InputOptions {
                autocomplete: field::autocomplete(&question, part),
                width: part.width,
                numeric: part.numeric,
                label_is_heading: is_heading,
                input_type: match kind {
                    FieldKind::Email => "email",
                    FieldKind::Phone => "tel",
                    _ => "text",
                },
                input_mode: matches!(kind, FieldKind::Number | FieldKind::Currency)
                    .then_some("decimal"),
                prefix: question
                    .prefix
                    .as_ref()
                    .map(|p| p.tr(flow.lang()).to_string()),
                ..InputOptions::default()
            };
            return view! { <Input key=question.key.clone() label hint options/> }.into_any();
        }
        _ => {}
    }

    let id = html_id(&question.key);
    let kind = question.kind;
    // A name or an address has a message per input; every other group has one for the group.
    let error = if kind.is_composite() {
        Signal::stored(None)
    } else {
        error_for(question.key.clone())
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
    let content = match kind {
        FieldKind::YesNo | FieldKind::Radios => {
            view! { <Radios question=question.clone()/> }.into_any()
        }
        FieldKind::Checkboxes => view! { <Checkboxes question=question.clone()/> }.into_any(),
        _ => {
            let is_date = kind == FieldKind::Date;
            let parts = field::parts(&question)
                .iter()
                .map(|part| {
                    let options = InputOptions {
                        autocomplete: field::autocomplete(&question, part),
                        width: part.width,
                        numeric: part.numeric,
                        in_group: is_date,
                        ..InputOptions::default()
                    };
                    let input = view! {
                        <Input key=field::input_key(&question.key, part) label=part.label(flow.lang()).to_string() hint=Hint::default() options/>
                    };
                    if is_date {
                        view! { <div class="date-input__item">{input}</div> }.into_any()
                    } else {
                        input.into_any()
                    }
                })
                .collect_view();
            if is_date {
                view! { <div class="date-input" id=id.clone()>{parts}</div> }.into_any()
            } else {
                parts.into_any()
            }
        }
    };
    let describe_id = id.clone();
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <fieldset
                class="fieldset"
                role=(kind == FieldKind::Date).then_some("group")
                aria-describedby=move || described_by(&describe_id, has_hint, error.with(Option::is_some))
            >
                {legend}
                {hint.view(&id)}
                <ErrorMessage id=id.clone() message=error/>
                {content}
            </fieldset>
        </div>
    }
    .into_any()
}
