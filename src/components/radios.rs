//! Radios: one of a question's options (and Yes/No, shown side by side).

use crate::components::field::hint_id;
use crate::flow::use_flow;
use leptos::prelude::*;
use tell_once_engine::definition::Question;
use tell_once_engine::field::{self, html_id, FieldKind};

/// The id of one option's input: the first option has the question's id, so an error summary
/// link lands on it.
pub fn option_id(question_id: &str, index: usize, value: &str) -> String {
    if index == 0 {
        question_id.to_string()
    } else {
        format!("{question_id}-{value}")
    }
}

#[component]
pub fn Radios(question: Question) -> impl IntoView {
    let flow = use_flow();
    let id = html_id(&question.key);
    let chosen = flow
        .answers
        .with_untracked(|a| a.get(&question.key).to_string());
    let inline = question.kind == FieldKind::YesNo;
    let items = field::choices(&question, flow.lang())
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let input_id = option_id(&id, index, &choice.value);
            let hint = choice.hint.as_ref().map(|h| h.tr(flow.lang()).to_string());
            let described = hint.as_ref().map(|_| hint_id(&input_id));
            let key = question.key.clone();
            let value = choice.value.clone();
            view! {
                <div class="radios__item">
                    <input
                        class="radios__input"
                        id=input_id.clone()
                        name=id.clone()
                        type="radio"
                        value=choice.value.clone()
                        prop:checked=chosen == choice.value
                        aria-describedby=described
                        on:change=move |_| flow.answers.update(|a| a.set(&key, &value))
                    />
                    <label class="label radios__label" for=input_id.clone()>{choice.label.tr(flow.lang()).to_string()}</label>
                    {hint.map(|hint| view! { <div class="hint radios__hint" id=hint_id(&input_id)>{hint}</div> })}
                </div>
            }
        })
        .collect_view();
    view! { <div class="radios" class:radios--inline=inline>{items}</div> }
}
