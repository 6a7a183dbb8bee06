//! The start page: what the journey is for, what you will need, and the Start button.

use crate::flow::{use_flow, LANG};
use leptos::prelude::*;
use tell_once_engine::Step;

#[component]
pub fn StartPage() -> impl IntoView {
    let flow = use_flow();
    let journey = flow.journey();
    let needs = journey.you_will_need.get(LANG).cloned().unwrap_or_default();
    view! {
        <h1 class="heading-xl" tabindex="-1">{journey.title.tr(LANG).to_string()}</h1>
        <p class="body-l">{journey.summary.tr(LANG).to_string()}</p>
        {(!needs.is_empty()).then(|| view! {
            <h2 class="heading-m">"Before you start"</h2>
            <p class="body">"You will need:"</p>
            <ul class="list list--bullet">
                {needs.into_iter().map(|need| view! { <li>{need}</li> }).collect_view()}
            </ul>
        })}
        <button type="button" class="button button--start" on:click=move |_| flow.go(Step::Question(0))>
            "Start now"
            <svg class="button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/>
            </svg>
        </button>
    }
}
