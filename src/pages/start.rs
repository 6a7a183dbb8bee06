//! The start page: what the journey is for, what you will need, and the Start button.

use crate::components::handoff::ResumeReference;
use crate::flow::use_flow;
use crate::i18n::*;
use crate::storage;
use leptos::prelude::*;
use tell_once_engine::Step;

#[component]
pub fn StartPage() -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
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
            <h2 class="heading-m">{t!(i18n, pages.start_before_heading)}</h2>
            <p class="body">{t!(i18n, pages.start_you_will_need)}</p>
            <ul class="list list--bullet">
                {needs.into_iter().map(|need| view! { <li>{need}</li> }).collect_view()}
            </ul>
        })}
        {(flow.session.keep_ms > 0).then(|| view! { <Keeping/> })}
        <button type="button" class="button button--start" on:click=move |_| flow.go(Step::Question(0))>
            {t!(i18n, pages.start_button)}
            <svg class="button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/>
            </svg>
        </button>
        <ResumeReference/>
    }
}

/// Where the answers are kept: on this device (until the draft expires), or, on a shared or
/// public device, in this tab only.
#[component]
fn Keeping() -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let keeping = flow.drafting.keeping;
    let days = (flow.session.keep_ms as f64 / 86_400_000.0)
        .round()
        .max(1.0) as i64;
    view! {
        <h2 class="heading-m">{t!(i18n, pages.start_saving_heading)}</h2>
        <p class="body">{move || if days == 1 {
            t_string!(i18n, pages.start_saving_text_singular, count = 1).to_string()
        } else {
            t_string!(i18n, pages.start_saving_text_plural, count = days).to_string()
        }}</p>
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
                <label class="label checkboxes__label" for="shared-device">{t!(i18n, pages.start_shared_device_label)}</label>
                <div class="hint checkboxes__hint" id="shared-device-hint">{t!(i18n, pages.start_shared_device_hint)}</div>
            </div>
        </div>
    }
}
