//! Sending: one request per chosen service, each to its agency's own API, each with its own
//! idempotency key, so nothing is sent twice and nothing is lost.
//!
//! - The outbox is saved in the draft before anything is sent: a reload or a crash in the
//!   middle of sending finishes it, with the same keys (the agency replays its first answer).
//! - A failure that may pass (no reply, a timeout, 408, 429, 5xx) is retried with backoff (see
//!   the engine's `outbox`); one service failing does not stop the others.
//! - Offline, what was chosen waits, and is sent when the browser is back online.
//! - One sending at a time per journey: a double click, or coming back online while sending,
//!   sends nothing twice.

use crate::api;
use crate::browser;
use crate::drafts;
use crate::events;
use crate::flow::{Flow, Outcome};
use crate::i18n::{td_string, Locale};
use crate::storage;
use leptos::prelude::*;
use std::sync::Arc;
use tell_once_engine::delivery::{Delivery, SendProblem};
use tell_once_engine::known;
use tell_once_engine::mapping::{answers_to_send, request_for};
use tell_once_engine::navigate::Plan;
use tell_once_engine::outbox::{Parcel, ParcelState};
use tell_once_engine::summary::who_gets_what;
use tell_once_engine::Answers;

/// Puts every service that applies in the outbox (or marks it left out), saves it, remembers
/// the answers in the answer store (tell us once), and sends. A service already sent, from an
/// earlier go, is not sent again. `progress` hears which agency is being sent to, in words.
pub async fn send_chosen(flow: Flow, progress: impl Fn(String)) {
    let journey = flow.journey();
    let locale = flow.locale_untracked();
    let lang = locale.as_str();
    let (answers, plan) = flow.answers.with_untracked(|a| {
        let plan = Plan::new(&journey, a, flow.env());
        (a.clone(), plan)
    });
    let canonical = answers_to_send(&journey, &answers, &plan);
    let rows = who_gets_what(&journey, &answers, &plan, &canonical, lang);
    let shown = Arc::new(answers.clone());
    let left_out = flow.left_out.get_untracked();
    let before = flow.outcomes.get_untracked();
    let draft_id = flow.drafting.id.get_value();
    let outcomes = rows
        .into_iter()
        .map(|(index, rows)| {
            let service = &journey.services[index];
            if let Some(done) = before.iter().find(|o| {
                o.parcel.service == service.id
                    && matches!(
                        o.parcel.state,
                        ParcelState::Sent { .. } | ParcelState::Pending { .. }
                    )
            }) {
                return done.clone();
            }
            let now = browser::now_ms();
            let at = browser::moment_in_words(now, locale);
            let earlier = before.iter().find(|o| o.parcel.service == service.id);
            let parcel = if left_out.contains(&service.id) {
                Parcel::not_sent(&draft_id, &service.id, None, &at)
            } else {
                match request_for(service, &canonical, &flow.agency_base(&service.agency)) {
                    Ok(request) => match earlier.filter(|o| o.parcel.request.is_some()) {
                        // The same request as an earlier go that may not have arrived: the
                        // same key, so the agency can tell.
                        Some(o)
                            if o.parcel.request.as_ref().map(|r| &r.body)
                                == Some(&request.body) =>
                        {
                            let mut parcel = o.parcel.clone();
                            parcel.state = ParcelState::Queued;
                            parcel
                        }
                        // Changed since then (the person fixed an answer): a new request, so
                        // a new key.
                        Some(_) => Parcel::queued(&storage::random_id(), &service.id, request, &at),
                        None => Parcel::queued(&draft_id, &service.id, request, &at),
                    },
                    Err(reason) => Parcel::not_sent(
                        &draft_id,
                        &service.id,
                        Some(SendProblem::Mapping(reason)),
                        &at,
                    ),
                }
            };
            let mut outcome = Outcome::new(&journey, index, parcel, rows, shown.clone(), locale);
            outcome.at_ms = Some(now);
            outcome
        })
        .collect();
    flow.outcomes.set(outcomes);
    drafts::save(&flow);
    // Tell us once: what was confirmed here is not asked again in another journey.
    flow.session.store.update(|store| {
        known::remember(store, &journey, &answers, &plan, lang);
    });
    send_waiting_with(flow, &progress).await;
}

/// The outbox of a resumed draft, as it was saved.
pub fn reopen(flow: Flow, parcels: Vec<Parcel>) {
    if parcels.is_empty() {
        return;
    }
    let journey = flow.journey();
    let locale = flow.locale_untracked();
    let rows = flow.recipients();
    let shown = Arc::new(flow.answers.get_untracked());
    let outcomes = parcels
        .into_iter()
        .filter_map(|parcel| {
            let index = journey
                .services
                .iter()
                .position(|s| s.id == parcel.service)?;
            let rows = rows
                .iter()
                .find(|(i, _)| *i == index)
                .map(|(_, rows)| rows.clone())
                .unwrap_or_default();
            Some(Outcome::new(
                &journey,
                index,
                parcel,
                rows,
                shown.clone(),
                locale,
            ))
        })
        .collect();
    flow.outcomes.set(outcomes);
}

/// Sends whatever is waiting: queued while offline, or being sent when the page was closed.
pub async fn send_waiting(flow: Flow) {
    send_waiting_with(flow, &|_| {}).await;
}

/// Sends one service again, after a failure that may pass.
pub async fn retry(flow: Flow, service_id: String) {
    update_outcome(&flow, &service_id, |o| {
        if o.parcel.needs_sending(true) {
            o.parcel.state = ParcelState::Queued;
        }
    });
    send_waiting(flow).await;
}

/// True when every service chosen has the answers (or was left out): nothing left to send.
pub fn all_done(flow: &Flow) -> bool {
    flow.outcomes
        .with_untracked(|outcomes| outcomes.iter().all(|o| o.parcel.is_done()))
}

/// The services whose requests are to be sent now.
fn waiting(flow: &Flow) -> Vec<String> {
    flow.outcomes.with_untracked(|outcomes| {
        outcomes
            .iter()
            .filter(|o| o.parcel.needs_sending(false))
            .map(|o| o.parcel.service.clone())
            .collect()
    })
}

fn update_outcome(flow: &Flow, service_id: &str, change: impl FnOnce(&mut Outcome)) {
    flow.outcomes.update(|outcomes| {
        if let Some(o) = outcomes.iter_mut().find(|o| o.parcel.service == service_id) {
            change(o);
        }
    });
}

async fn send_waiting_with(flow: Flow, progress: &dyn Fn(String)) {
    if flow.sending.get_untracked() || waiting(&flow).is_empty() {
        return;
    }
    if !browser::online() {
        for service_id in waiting(&flow) {
            update_outcome(&flow, &service_id, |o| o.parcel.state = ParcelState::Queued);
        }
        return;
    }
    flow.sending.set(true);
    let journey = flow.journey();
    for service_id in waiting(&flow) {
        let Some((request, agency)) = flow.outcomes.with_untracked(|outcomes| {
            outcomes
                .iter()
                .find(|o| o.parcel.service == service_id)
                .and_then(|o| Some((o.parcel.request.clone()?, o.agency.clone())))
        }) else {
            continue;
        };
        let Some(service) = journey.services.iter().find(|s| s.id == service_id) else {
            continue;
        };
        // Written down before it goes: a reload now sends it again with the same key.
        update_outcome(&flow, &service_id, |o| {
            let at = o.now();
            o.parcel.sending(&at);
        });
        drafts::save(&flow);
        let locale = flow.locale_untracked();
        let agency = journey.agency_name(&agency, locale.as_str());
        progress(td_string!(locale, flow.sending_to, agency).to_string());
        let delivery = api::deliver_retrying(service, request).await;
        update_outcome(&flow, &service_id, |o| match delivery {
            // Offline now: it waits, with its request, for the browser to be back online.
            Delivery::Failed(SendProblem::Network) if !browser::online() => {
                o.parcel.state = ParcelState::Queued
            }
            // The request (the person's answers) is kept only if it may be sent again.
            delivery => {
                let at = o.now();
                o.parcel.record(delivery, &at);
            }
        });
        drafts::save(&flow);
    }
    flow.sending.set(false);
    flow.outcomes
        .with_untracked(|outcomes| events::sent(&flow.widget, &journey, outcomes));
    if all_done(&flow) {
        // Everything sent: the draft has done its job, and is deleted.
        drafts::forget(&flow);
        flow.answers.set(Answers::default());
    }
}

/// What went wrong, and what the person can do, in plain words in `locale` (`agency` is the
/// agency's name in it).
pub fn explain(agency: &str, problem: &SendProblem, locale: Locale) -> String {
    match problem {
        SendProblem::Network => td_string!(locale, flow.failed_network, agency).to_string(),
        SendProblem::Rejected { .. } if problem.is_transient() => {
            td_string!(locale, flow.failed_unavailable, agency).to_string()
        }
        SendProblem::Rejected { detail, .. } if !detail.is_empty() => {
            td_string!(locale, flow.failed_rejected_saying, agency, detail).to_string()
        }
        SendProblem::Rejected { status, .. } => {
            td_string!(locale, flow.failed_rejected_status, agency, status).to_string()
        }
        SendProblem::Mapping(reason) => {
            let reason = reason.message(locale.as_str());
            td_string!(locale, flow.failed_set_up_wrongly, agency, reason).to_string()
        }
        SendProblem::Reply(reason) => {
            let reason = reason.message(locale.as_str());
            td_string!(locale, flow.failed_reply, agency, reason).to_string()
        }
        SendProblem::Refused { state } => {
            td_string!(locale, flow.failed_refused, agency, state).to_string()
        }
    }
}
