use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::Step;

/// The GOV.UK back link: goes to the previous step, keeping every answer.
#[component]
pub fn BackLink(to: Step) -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    view! {
        <a class="back-link" href=flow.href(to) on:click=move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            flow.go(to);
        }>{t!(i18n, components.back_link)}</a>
    }
}
