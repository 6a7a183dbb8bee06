//! "Who gets what": before anything is sent, each service that applies with exactly the
//! answers it will get. The person can leave a service out, and is told what that means.
//! Nothing is sent without this page.

use crate::components::back_link::BackLink;
use crate::components::error_summary::{ErrorSummary, ERROR_SUMMARY_ID};
use crate::components::field::{described_by, error_for, hint_id, ErrorMessage};
use crate::components::summary_list::{Row, SummaryList};
use crate::flow::use_flow;
use crate::outbox;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tell_once_engine::navigate::{Plan, Step};
use tell_once_engine::FieldError;

pub const CONSENT_HEADING: &str = "Who gets what";

/// The id of the checkbox that sends to a service.
fn choice_id(service_id: &str) -> String {
    format!("send-to-{service_id}")
}

#[component]
pub fn ConsentPage() -> impl IntoView {
    let flow = use_flow();
    let journey = flow.journey();
    let recipients = flow.recipients();
    let first_id = recipients
        .first()
        .map(|(i, _)| choice_id(&journey.services[*i].id))
        .unwrap_or_default();
    let sending = RwSignal::new(false);
    let status = RwSignal::new(String::new());

    let send = move |_| {
        if sending.get_untracked() || flow.sending.get_untracked() {
            return; // a second click while sending sends nothing twice
        }
        if flow.show_first_incomplete() {
            return;
        }
        let journey = flow.journey();
        let chosen = flow.answers.with_untracked(|a| {
            let plan = Plan::new(&journey, a, flow.env());
            journey
                .services
                .iter()
                .zip(&plan.eligible)
                .filter(|(s, applies)| {
                    **applies && !flow.left_out.with_untracked(|l| l.contains(&s.id))
                })
                .count()
        });
        if chosen == 0 {
            flow.errors.set(vec![FieldError {
                key: first_id.clone(),
                message: "Choose at least one service to send your details to".into(),
                inputs: vec![first_id.clone()],
            }]);
            flow.widget.focus_id(ERROR_SUMMARY_ID);
            return;
        }
        flow.errors.set(Vec::new());
        sending.set(true);
        status.set("Sending your details…".into());
        spawn_local(async move {
            outbox::send_chosen(flow, move |message| status.set(message)).await;
            flow.go(Step::Confirmation);
        });
    };

    let sections = recipients
        .into_iter()
        .map(|(index, rows)| {
            let service = &journey.services[index];
            let agency = journey.agency_name(&service.agency, flow.lang());
            let id = choice_id(&service.id);
            let service_id = service.id.clone();
            let checked_id = service.id.clone();
            let on_change = move |ev: leptos::ev::Event| {
                let send_it = event_target_checked(&ev);
                flow.left_out.update(|left_out| {
                    if send_it {
                        left_out.remove(&service_id);
                    } else {
                        left_out.insert(service_id.clone());
                    }
                });
                flow.errors.set(Vec::new());
            };
            let rows: Vec<Row> = rows.into_iter().map(Row::of).collect();
            // The message when nothing is chosen sits by the first choice (the summary links to it).
            let error = error_for(id.clone());
            let describe_id = id.clone();
            let heading_id = format!("{id}-heading");
            let labelled_by = heading_id.clone();
            view! {
                <section class="recipient" aria-labelledby=labelled_by>
                    <h2 class="heading-m recipient__title" id=heading_id>{service.title.tr(flow.lang()).to_string()}</h2>
                    <p class="body recipient__agency">{format!("{agency} will get:")}</p>
                    <SummaryList rows/>
                    <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
                        <ErrorMessage id=id.clone() message=error/>
                        <div class="checkboxes__item recipient__choice">
                            <input
                                class="checkboxes__input"
                                id=id.clone()
                                type="checkbox"
                                prop:checked=move || flow.left_out.with(|l| !l.contains(&checked_id))
                                aria-describedby=move || described_by(&describe_id, true, error.with(Option::is_some))
                                on:change=on_change
                            />
                            <label class="label checkboxes__label" for=id.clone()>{format!("Send these details to {agency}")}</label>
                            <div class="hint checkboxes__hint" id=hint_id(&id)>
                                {format!("If you leave this out, {agency} will not get anything from us, and you will need to tell them yourself.")}
                            </div>
                        </div>
                    </div>
                </section>
            }
        })
        .collect_view();

    view! {
        <BackLink to=Step::Check/>
        <ErrorSummary/>
        <h1 class="heading-l" tabindex="-1">{CONSENT_HEADING}</h1>
        <p class="body">"Each service gets only the details listed under it. Nothing is sent until you choose Send."</p>
        {sections}
        <p class="body">"By sending, you confirm that these details are correct to the best of your knowledge."</p>
        <button
            type="button"
            class="button"
            aria-disabled=move || if sending.get() { "true" } else { "false" }
            on:click=send
        >
            {move || if sending.get() { "Sending…" } else { "Send" }}
        </button>
        <p class="visually-hidden" role="status">{move || status.get()}</p>
    }
}
