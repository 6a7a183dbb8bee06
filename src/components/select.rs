//! A drop-down list, for a long list of options.

use crate::components::field::{FormGroup, Wiring};
use crate::components::question_field::question_hint;
use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::definition::Question;

#[component]
pub fn Select(question: Question, is_heading: bool) -> impl IntoView {
    let lang = use_flow().lang();
    let i18n = use_i18n();
    let hint = question_hint(&question);
    let wiring = Wiring::new(&question.key, hint.is_some(), true);
    let invalid = wiring.invalid;
    let (id, chosen) = (wiring.id.clone(), wiring.initial.clone());
    let (described_by, aria_invalid, store) =
        (wiring.described_by(), wiring.aria_invalid(), wiring.store());
    let options = question
        .options
        .iter()
        .map(|o| view! { <option value=o.value.clone() selected=chosen == o.value>{o.label.tr(lang).to_string()}</option> })
        .collect_view();
    view! {
        <FormGroup wiring label=question.label.tr(lang).to_string() is_heading hint>
            <select
                class="select"
                class:select--error=move || invalid.get()
                id=id.clone()
                name=id
                aria-describedby=described_by
                aria-invalid=aria_invalid
                on:change=store
            >
                <option value="" selected=chosen.is_empty()>{t!(i18n, components.select_choose)}</option>
                {options}
            </select>
        </FormGroup>
    }
}
