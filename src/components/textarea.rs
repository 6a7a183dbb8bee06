//! Several lines of text.

use crate::components::field::{FormGroup, Wiring};
use crate::components::question_field::question_hint;
use crate::flow::use_flow;
use leptos::prelude::*;
use tell_once_engine::definition::Question;

#[component]
pub fn Textarea(question: Question, is_heading: bool) -> impl IntoView {
    let lang = use_flow().lang();
    let hint = question_hint(&question);
    let wiring = Wiring::new(&question.key, hint.is_some(), true);
    let invalid = wiring.invalid;
    let (id, initial) = (wiring.id.clone(), wiring.initial.clone());
    let (described_by, aria_invalid, store) =
        (wiring.described_by(), wiring.aria_invalid(), wiring.store());
    view! {
        <FormGroup wiring label=question.label.tr(lang).to_string() is_heading hint>
            <textarea
                class="textarea"
                class:textarea--error=move || invalid.get()
                id=id.clone()
                name=id
                rows="5"
                prop:value=initial
                aria-describedby=described_by
                aria-invalid=aria_invalid
                on:input=store
            ></textarea>
        </FormGroup>
    }
}
