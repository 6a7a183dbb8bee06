//! The confirmation page: what became of each service (sent with its reference, pending, not
//! sent and what to do, or left out), what happens next, and a receipt of what went where and
//! when, to print or save.

use crate::browser;
use crate::components::summary_list::{Row, SummaryList};
use crate::components::survey::Survey;
use crate::flow::{confirmation_heading, sent_heading, use_flow, Outcome, Status};
use crate::outbox;
use crate::pages::life_events::use_life_events;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tell_once_engine::Step;

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let flow = use_flow();
    let life_events = use_life_events();
    let retrying = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());

    let status_rows = move || {
        flow.outcomes.with(|outcomes| {
            outcomes
                .iter()
                .map(|o| {
                    let (line, retry) = match o.status() {
                        Status::Sent(reference) => (format!("Sent. Reference: {reference}"), None),
                        Status::Pending => (
                            format!("Received by {}, not finished yet. They will contact you if they need anything.", o.agency_name),
                            None,
                        ),
                        Status::Failed(what_to_do) => (
                            format!("Not sent. {what_to_do}"),
                            o.can_retry().then(|| o.parcel.service.clone()),
                        ),
                        Status::Queued => (
                            "Waiting to be sent: you are offline. We will send it when you are back online.".to_string(),
                            None,
                        ),
                        Status::Sending => ("Sending…".to_string(), None),
                        Status::LeftOut => (
                            format!("Not sent: you chose to leave this out. Tell {} yourself.", o.agency_name),
                            None,
                        ),
                    };
                    (format!("{}: {}", o.agency_name, o.service_title), line, retry, o.can_fix())
                })
                .collect::<Vec<_>>()
        })
    };
    let try_again = move |service_id: String| {
        if retrying.get_untracked().is_some() {
            return;
        }
        retrying.set(Some(service_id.clone()));
        status.set("Sending again…".into());
        spawn_local(async move {
            outbox::retry(flow, service_id).await;
            retrying.set(None);
            let heading = flow
                .outcomes
                .with_untracked(|o| confirmation_heading(o, flow.locale_untracked()));
            status.set(format!("Done. {heading}."));
            // The Try again button is gone: focus goes to the heading, not lost to the page.
            flow.widget.focus_heading();
        });
    };

    // The heading changes as sending finishes: its text changes, not the element, so focus
    // on it is not lost.
    let heading = move || {
        flow.outcomes
            .with(|o| confirmation_heading(o, flow.language.get()))
    };
    view! {
        <div class="panel" class:panel--problem=move || heading() != sent_heading(flow.language.get())>
            <h1 class="panel__title" tabindex="-1">{heading}</h1>
            {move || flow.outcomes.with(|o| single_reference(o)).map(|reference| view! {
                <div class="panel__body">
                    "Your reference number"<br/>
                    <strong class="panel__reference">{reference}</strong>
                </div>
            })}
        </div>
        <h2 class="heading-m">"What happened to each service"</h2>
        <dl class="summary-list">
            {move || status_rows()
                .into_iter()
                .map(|(label, line, retry, fix)| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{label.clone()}</dt>
                        <dd class="summary-list__value">{line}</dd>
                        {fix.then(|| view! {
                            <dd class="summary-list__actions">
                                <a class="link" href=flow.href(Step::Check) on:click=move |ev: leptos::ev::MouseEvent| {
                                    ev.prevent_default();
                                    flow.go(Step::Check);
                                }>
                                    "Change your answers"<span class="visually-hidden">{format!(" for {label}")}</span>
                                </a>
                            </dd>
                        })}
                        {retry.map(|service_id| view! {
                            <dd class="summary-list__actions">
                                <button
                                    type="button"
                                    class="link-button"
                                    aria-disabled=move || if retrying.get().is_some() { "true" } else { "false" }
                                    on:click=move |_| try_again(service_id.clone())
                                >
                                    "Try again"<span class="visually-hidden">{format!(" sending to {label}")}</span>
                                </button>
                            </dd>
                        })}
                    </div>
                })
                .collect_view()}
        </dl>
        <p class="visually-hidden" role="status">{move || status.get()}</p>
        <h2 class="heading-m">"What happens next"</h2>
        {move || flow.outcomes.with(|outcomes| outcomes
            .iter()
            .filter_map(next_step)
            .map(|text| view! { <p class="body">{text}</p> })
            .collect_view())}
        <h2 class="heading-m">"What was sent"</h2>
        <p class="body">"Keep a copy of this receipt: it shows what went to each service, and when."</p>
        {move || flow.outcomes.with(|outcomes| outcomes
            .iter()
            .filter(|o| matches!(o.status(), Status::Sent(_) | Status::Pending))
            .map(|o| {
                let rows: Vec<Row> = o.rows.iter().cloned().map(Row::of).collect();
                view! {
                    <h3 class="heading-s">{format!("{}: {}", o.agency_name, o.service_title)}</h3>
                    <p class="body">{format!("Sent at {}", o.parcel.at)}</p>
                    <SummaryList rows/>
                }
            })
            .collect_view())}
        <p class="no-print">
            <button type="button" class="button button--secondary" on:click=move |_| browser::print()>
                "Print or save this receipt"
            </button>
        </p>
        <Survey/>
        <p class="body">"We will remember your details while this page is open, so you will not have to tell us them again for another life event."</p>
        {life_events.map(|events| view! {
            <p class="body no-print">
                <a class="link" href=events.href() on:click=move |ev: leptos::ev::MouseEvent| {
                    ev.prevent_default();
                    events.show_list();
                }>"Tell us about another life event"</a>
            </p>
        })}
    }
}

/// The one reference, when one service was sent to.
fn single_reference(outcomes: &[Outcome]) -> Option<String> {
    let chosen: Vec<Status> = outcomes
        .iter()
        .map(Outcome::status)
        .filter(|s| *s != Status::LeftOut)
        .collect();
    match chosen.as_slice() {
        [Status::Sent(reference)] => Some(reference.clone()),
        _ => None,
    }
}

/// What the person can expect from a service, in words.
fn next_step(o: &Outcome) -> Option<String> {
    match o.status() {
        Status::Sent(reference) => Some(format!(
            "{} has your details for: {}. They may contact you if they need to know more. Keep your reference number {reference} in case you need to contact them.",
            o.agency_name,
            o.service_title.to_lowercase()
        )),
        Status::Pending => Some(format!(
            "{} has your details for: {}, but has not finished with them yet. They will send you a reference when they have.",
            o.agency_name,
            o.service_title.to_lowercase()
        )),
        Status::Failed(_) | Status::Queued | Status::Sending | Status::LeftOut => None,
    }
}
