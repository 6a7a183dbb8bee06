//! Several lines of text.

use crate::components::field::{
    described_by, error_for, hint_id, invalid, label_view, ErrorMessage,
};
use crate::flow::{use_flow, LANG};
use leptos::prelude::*;
use tell_once_engine::definition::Question;
use tell_once_engine::field::html_id;

#[component]
pub fn Textarea(question: Question, is_heading: bool) -> impl IntoView {
    let flow = use_flow();
    let id = html_id(&question.key);
    let hint = question.hint.as_ref().map(|h| h.tr(LANG).to_string());
    let has_hint = hint.is_some();
    let error = error_for(question.key.clone());
    let invalid = invalid(question.key.clone());
    let initial = flow
        .answers
        .with_untracked(|a| a.get(&question.key).to_string());
    let key = question.key.clone();
    let describe_id = id.clone();
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            {label_view(&id, question.label.tr(LANG).to_string(), is_heading)}
            {hint.map(|hint| view! { <div class="hint" id=hint_id(&id)>{hint}</div> })}
            <ErrorMessage id=id.clone() message=error/>
            <textarea
                class="textarea"
                class:textarea--error=move || invalid.get()
                id=id.clone()
                name=id.clone()
                rows="5"
                prop:value=initial
                aria-describedby=move || described_by(&describe_id, has_hint, error.with(Option::is_some))
                aria-invalid=move || if invalid.get() { "true" } else { "false" }
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    flow.answers.update(|a| a.set(&key, &value));
                }
            ></textarea>
        </div>
    }
}
