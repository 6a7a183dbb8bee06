//! "Check your answers before sending": every answer with a Change link, then Send.

use crate::api::{self, SendProblem};
use crate::browser;
use crate::components::back_link::BackLink;
use crate::flow::{env, use_flow, Receipt, LANG};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tell_once_engine::mapping::answers_to_send;
use tell_once_engine::navigate::{self, Plan, Step};
use tell_once_engine::summary;
use tell_once_engine::Answers;

const SEND_PROBLEM_ID: &str = "send-problem";

#[component]
pub fn CheckPage() -> impl IntoView {
    let flow = use_flow();
    let journey = flow.journey();
    let (plan, rows, back) = flow.answers.with_untracked(|answers| {
        let plan = Plan::new(&journey, answers, env());
        let rows = summary::rows(&journey, answers, &plan, LANG);
        (
            plan.clone(),
            rows,
            navigate::back_from(&journey, Step::Check, answers, env()),
        )
    });
    let sending = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let recipients: Vec<String> = journey
        .services
        .iter()
        .zip(&plan.eligible)
        .filter(|(_, applies)| **applies)
        .map(|(s, _)| {
            format!(
                "{}: {}",
                journey.agency_name(&s.agency, LANG),
                s.title.tr(LANG)
            )
        })
        .collect();

    let send = move |_| {
        if sending.get_untracked() {
            return; // a second click while sending sends nothing twice
        }
        let journey = flow.journey();
        // Only a complete journey is sent: if anything is missing, show that page's errors.
        let incomplete = flow
            .answers
            .with_untracked(|a| navigate::first_incomplete(&journey, a, env()));
        if let Some(step) = incomplete {
            flow.go(step);
            let errors = flow
                .answers
                .with_untracked(|a| navigate::validate_step(&journey, step, a, env()));
            flow.errors.set(errors);
            return;
        }
        sending.set(true);
        problem.set(None);
        status.set("Sending your details…".into());
        spawn_local(async move {
            // Only what the pages asked; only to the services that apply.
            let (answers, plan) = flow.answers.with_untracked(|a| {
                let plan = Plan::new(&journey, a, env());
                (answers_to_send(&journey, a, &plan), plan)
            });
            let services = journey
                .services
                .iter()
                .zip(plan.eligible)
                .filter(|(_, applies)| *applies);
            for (service, _) in services {
                if flow
                    .receipts
                    .with_untracked(|r| r.iter().any(|r| r.service_id == service.id))
                {
                    continue; // already has them: never send twice
                }
                let agency = journey.agency_name(&service.agency, LANG);
                match api::send(service, &answers).await {
                    Ok(reference) => flow.receipts.update(|r| {
                        r.push(Receipt {
                            service_id: service.id.clone(),
                            service_title: service.title.tr(LANG).to_string(),
                            agency_name: agency.clone(),
                            reference,
                        })
                    }),
                    Err(reason) => {
                        sending.set(false);
                        status.set(String::new());
                        problem.set(Some(explain(&agency, &reason)));
                        browser::focus_id(SEND_PROBLEM_ID);
                        return;
                    }
                }
            }
            // Sent: the answers are not kept on this device any longer than needed.
            flow.answers.set(Answers::default());
            flow.go(Step::Confirmation);
        });
    };

    view! {
        <BackLink to=back/>
        <h1 class="heading-l" tabindex="-1">"Check your answers before sending"</h1>
        <dl class="summary-list">
            {rows
                .into_iter()
                .map(|row| {
                    let hidden = format!(" {}", row.label.to_lowercase());
                    let target = row.step;
                    let change = move |ev: leptos::ev::MouseEvent| {
                        ev.prevent_default();
                        flow.returning_to_check.set(true);
                        flow.go(target);
                    };
                    let lines = row.lines.len();
                    view! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key">{row.label}</dt>
                            <dd class="summary-list__value">
                                {row
                                    .lines
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, line)| view! { {line} {(i + 1 < lines).then(|| view! { <br/> })} })
                                    .collect_view()}
                            </dd>
                            <dd class="summary-list__actions">
                                <a class="link" href=flow.href(target) on:click=change>
                                    "Change"<span class="visually-hidden">{hidden}</span>
                                </a>
                            </dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
        <h2 class="heading-m">"Now send your details"</h2>
        <p class="body">"We will send them to:"</p>
        <ul class="list list--bullet">
            {recipients.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
        </ul>
        <p class="body">"By sending, you confirm that these details are correct to the best of your knowledge."</p>
        {move || problem.get().map(|message| view! {
            <div class="notice notice--problem" id=SEND_PROBLEM_ID tabindex="-1">
                <h2 class="heading-s notice__title">"Your details have not been sent"</h2>
                <p class="body">{message}</p>
            </div>
        })}
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

/// What went wrong, and what the person can do, in plain words.
fn explain(agency: &str, problem: &SendProblem) -> String {
    match problem {
        SendProblem::Network => format!(
            "We could not reach the {agency}. Check your internet connection, then try again. Your answers are still here."
        ),
        SendProblem::Rejected { status, .. } if *status >= 500 || *status == 429 || *status == 408 => format!(
            "The {agency} service is not working at the moment. Try again in a few minutes. Your answers are still here."
        ),
        SendProblem::Rejected { detail, .. } if !detail.is_empty() => format!(
            "The {agency} could not accept your details (it said: {detail}). Check your answers, then try again."
        ),
        SendProblem::Rejected { status, .. } => format!(
            "The {agency} could not accept your details (it answered {status}). Check your answers, then try again."
        ),
        SendProblem::Mapping(reason) => format!(
            "This service is set up wrongly, so nothing was sent to the {agency}: {reason}. Try again later."
        ),
        SendProblem::Reply(reason) => format!(
            "The {agency} may have your details, but {reason}. Contact them before sending again."
        ),
    }
}
