use crate::flow::use_flow;
use leptos::prelude::*;
use tell_once_engine::Step;

/// The GOV.UK back link: goes to the previous step, keeping every answer.
#[component]
pub fn BackLink(to: Step) -> impl IntoView {
    let flow = use_flow();
    view! {
        <a class="back-link" href=flow.href(to) on:click=move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            flow.go(to);
        }>"Back"</a>
    }
}
