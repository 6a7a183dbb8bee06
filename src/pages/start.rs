//! The start page: what the journey is for, what you will need, and the Start button.

use crate::flow::use_flow;
use crate::storage;
use leptos::prelude::*;
use tell_once_engine::Step;

#[component]
pub fn StartPage() -> impl IntoView {
    let flow = use_flow();
    let journey = flow.journey();
    let needs = journey
        .you_will_need
        .get(flow.lang())
        .cloned()
        .unwrap_or_default();
    view! {
        <h1 class="heading-xl" tabindex="-1">{journey.title.tr(flow.lang()).to_string()}</h1>
        <p class="body-l">{journey.summary.tr(flow.lang()).to_string()}</p>
        {(!needs.is_empty()).then(|| view! {
            <h2 class="heading-m">"Before you start"</h2>
            <p class="body">"You will need:"</p>
            <ul class="list list--bullet">
                {needs.into_iter().map(|need| view! { <li>{need}</li> }).collect_view()}
            </ul>
        })}
        {(flow.session.keep_ms > 0).then(|| view! { <Keeping/> })}
        <button type="button" class="button button--start" on:click=move |_| flow.go(Step::Question(0))>
            "Start now"
            <svg class="button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/>
            </svg>
        </button>
    }
}

/// Where the answers are kept: on this device (until the draft expires), or, on a shared or
/// public device, in this tab only.
#[component]
fn Keeping() -> impl IntoView {
    let flow = use_flow();
    let keeping = flow.drafting.keeping;
    let days = (flow.session.keep_ms as f64 / 86_400_000.0)
        .round()
        .max(1.0) as i64;
    let period = if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
    };
    view! {
        <h2 class="heading-m">"Saving your answers"</h2>
        <p class="body">{format!(
            "We save your answers on this device as you go, so you can come back to them for {period} after you last use this form."
        )}</p>
        <div class="checkboxes">
            <div class="checkboxes__item">
                <input
                    class="checkboxes__input"
                    id="shared-device"
                    type="checkbox"
                    aria-describedby="shared-device-hint"
                    prop:checked=move || keeping.get() == storage::Keeping::Tab
                    on:change=move |ev| keeping.set(if event_target_checked(&ev) {
                        storage::Keeping::Tab
                    } else {
                        storage::Keeping::Device
                    })
                />
                <label class="label checkboxes__label" for="shared-device">"I am using a shared or public device"</label>
                <div class="hint checkboxes__hint" id="shared-device-hint">"We will keep your answers only until you close this tab."</div>
            </div>
        </div>
    }
}
