//! Sending: one request per chosen service, each to its agency's own API, and what became of
//! each. A service that fails does not stop the others; one that failed for a reason that may
//! pass can be sent again from the confirmation page with the same request.

use crate::api;
use crate::browser;
use crate::flow::{Flow, Outcome, Status, LANG};
use leptos::prelude::*;
use tell_once_engine::delivery::{Delivery, SendProblem};
use tell_once_engine::known;
use tell_once_engine::mapping::{answers_to_send, request_for};
use tell_once_engine::navigate::Plan;
use tell_once_engine::summary::who_gets_what;
use tell_once_engine::Answers;

/// Sends to every service that applies and was not left out, then remembers the answers in
/// the answer store (tell us once) and clears them from the journey. `progress` hears which
/// agency is being sent to.
pub async fn send_chosen(flow: Flow, progress: impl Fn(String)) {
    let journey = flow.journey();
    let (answers, plan) = flow.answers.with_untracked(|a| {
        let plan = Plan::new(&journey, a, crate::flow::env());
        (a.clone(), plan)
    });
    let canonical = answers_to_send(&journey, &answers, &plan);
    let rows = who_gets_what(&journey, &answers, &plan, &canonical, LANG);
    let left_out = flow.left_out.get_untracked();
    let mut outcomes = Vec::new();
    for (index, rows) in rows {
        let service = &journey.services[index];
        let agency = journey.agency_name(&service.agency, LANG);
        let mut outcome = Outcome {
            service_id: service.id.clone(),
            service_title: service.title.tr(LANG).to_string(),
            agency_name: agency.clone(),
            status: Status::LeftOut,
            at: browser::now_in_words(),
            rows,
            retry: None,
        };
        if !left_out.contains(&service.id) {
            progress(format!("Sending your details to {agency}…"));
            match request_for(service, &canonical, &flow.agency_base(&service.agency)) {
                Ok(request) => {
                    let delivery = api::deliver(service, request.clone()).await;
                    outcome.at = browser::now_in_words();
                    outcome.retry = retryable(&delivery).then_some(request);
                    outcome.status = status(&agency, delivery);
                }
                Err(reason) => {
                    outcome.status = Status::Failed(explain(&agency, &SendProblem::Mapping(reason)))
                }
            }
        }
        outcomes.push(outcome);
    }
    // Tell us once: what was confirmed here is not asked again in another journey.
    flow.session.store.update(|store| {
        known::remember(store, &journey, &answers, &plan, LANG);
    });
    flow.answers.set(Answers::default());
    flow.outcomes.set(outcomes);
}

/// Sends one failed service's request again.
pub async fn retry(flow: Flow, service_id: String) {
    let journey = flow.journey();
    let Some(service) = journey.services.iter().find(|s| s.id == service_id) else {
        return;
    };
    let Some(request) = flow.outcomes.with_untracked(|outcomes| {
        outcomes
            .iter()
            .find(|o| o.service_id == service_id)
            .and_then(|o| o.retry.clone())
    }) else {
        return;
    };
    let agency = journey.agency_name(&service.agency, LANG);
    let delivery = api::deliver(service, request).await;
    let retry_again = retryable(&delivery);
    let status = status(&agency, delivery);
    flow.outcomes.update(|outcomes| {
        if let Some(outcome) = outcomes.iter_mut().find(|o| o.service_id == service_id) {
            outcome.status = status;
            outcome.at = browser::now_in_words();
            if !retry_again {
                outcome.retry = None;
            }
        }
    });
}

fn retryable(delivery: &Delivery) -> bool {
    matches!(delivery, Delivery::Failed(problem) if problem.is_transient())
}

fn status(agency: &str, delivery: Delivery) -> Status {
    match delivery {
        Delivery::Sent { reference } => Status::Sent(reference),
        Delivery::Pending { .. } => Status::Pending,
        Delivery::Failed(problem) => Status::Failed(explain(agency, &problem)),
    }
}

/// What went wrong, and what the person can do, in plain words.
pub fn explain(agency: &str, problem: &SendProblem) -> String {
    match problem {
        SendProblem::Network => format!(
            "We could not reach {agency}. Check your internet connection, then try again."
        ),
        SendProblem::Rejected { .. } if problem.is_transient() => format!(
            "The {agency} service is not working at the moment. Try again in a few minutes."
        ),
        SendProblem::Rejected { detail, .. } if !detail.is_empty() => format!(
            "{agency} could not accept your details (it said: {detail}). Contact {agency} to tell them yourself."
        ),
        SendProblem::Rejected { status, .. } => format!(
            "{agency} could not accept your details (it answered {status}). Contact {agency} to tell them yourself."
        ),
        SendProblem::Mapping(reason) => format!(
            "This service is set up wrongly, so nothing was sent to {agency}: {reason}. Contact {agency} to tell them yourself."
        ),
        SendProblem::Reply(reason) => format!(
            "{agency} may have your details, but {reason}. Contact them before sending again."
        ),
        SendProblem::Refused { state } => format!(
            "{agency} received your details but did not accept them (it said “{state}”). Contact {agency} to find out why."
        ),
    }
}
