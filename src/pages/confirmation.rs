//! The confirmation page: what was sent where, with each agency's reference.

use crate::flow::use_flow;
use leptos::prelude::*;

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let flow = use_flow();
    let receipts = flow.receipts.get_untracked();
    let single = (receipts.len() == 1).then(|| receipts[0].clone());
    view! {
        <div class="panel">
            <h1 class="panel__title" tabindex="-1">"Details sent"</h1>
            {single.clone().map(|receipt| view! {
                <div class="panel__body">
                    "Your reference number"<br/>
                    <strong class="panel__reference">{receipt.reference}</strong>
                </div>
            })}
        </div>
        {single.is_none().then(|| view! {
            <h2 class="heading-m">"Your reference numbers"</h2>
            <dl class="summary-list">
                {receipts.iter().map(|r| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{format!("{}: {}", r.agency_name, r.service_title)}</dt>
                        <dd class="summary-list__value"><strong>{r.reference.clone()}</strong></dd>
                    </div>
                }).collect_view()}
            </dl>
        })}
        <h2 class="heading-m">"What happens next"</h2>
        {receipts.iter().map(|r| view! {
            <p class="body">
                {format!(
                    "We have sent your details to the {}: {}. They may contact you if they need to know more. Keep your reference number {} in case you need to contact them.",
                    r.agency_name, r.service_title.to_lowercase(), r.reference
                )}
            </p>
        }).collect_view()}
        <p class="body">"Your answers have been cleared from this page."</p>
    }
}
