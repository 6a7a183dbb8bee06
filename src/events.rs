//! Events for the host page: DOM `CustomEvent`s dispatched on the app's element (they bubble,
//! and cross a shadow root), so an agency can count what happens in its analytics. They carry
//! no personal data: only the journey, the name of the page, and, once sent, each service's
//! status and the agency's reference.
//!
//! | event | when | `detail` |
//! | --- | --- | --- |
//! | `tell-once:started` | the person leaves the start page for the first question | `{journey, version}` |
//! | `tell-once:page` | a step is shown | `{journey, version, page}` |
//! | `tell-once:submitted` | sending ended and every chosen service has the answers | `{journey, version, services}` |
//! | `tell-once:failed` | sending ended and some service does not have them | `{journey, version, services}` |
//!
//! Each of `services` is `{service, agency, status, reference}`: `agency` is the agency's name in
//! the journey's default language (English), whatever language the person sees, so counts do
//! not split by language; `status` is one of `sent`, `pending`, `failed`, `queued`,
//! `left-out`; `reference` is the agency's, or null.

use crate::browser::Widget;
use crate::flow::{Outcome, Status};
use serde_json::{json, Value};
use tell_once_engine::text::DEFAULT_LANG;
use tell_once_engine::Journey;

pub const STARTED: &str = "tell-once:started";
pub const PAGE: &str = "tell-once:page";
pub const SUBMITTED: &str = "tell-once:submitted";
pub const FAILED: &str = "tell-once:failed";

/// The journey, as every event names it.
fn about(journey: &Journey) -> Value {
    json!({ "journey": journey.id, "version": journey.version })
}

fn dispatch(widget: &Widget, name: &str, detail: Value) {
    let root = widget.host();
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(detail) = js_sys::JSON::parse(&detail.to_string()) {
        init.set_detail(&detail);
    }
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = root.dispatch_event(&event);
    }
}

pub fn started(widget: &Widget, journey: &Journey) {
    dispatch(widget, STARTED, about(journey));
}

/// A step was shown: `page` is its name in the address (never an answer).
pub fn page(widget: &Widget, journey: &Journey, page: &str) {
    let mut detail = about(journey);
    detail["page"] = page.into();
    dispatch(widget, PAGE, detail);
}

/// Sending ended: submitted when nothing chosen is left without the answers, else failed.
pub fn sent(widget: &Widget, journey: &Journey, outcomes: &[Outcome]) {
    let services: Vec<Value> = outcomes
        .iter()
        .map(|o| {
            let (status, reference) = match o.status() {
                Status::Sent(reference) => ("sent", Some(reference)),
                Status::Pending => ("pending", None),
                Status::Failed(_) => ("failed", None),
                Status::Queued | Status::Sending => ("queued", None),
                Status::LeftOut => ("left-out", None),
            };
            json!({
                "service": o.parcel.service,
                "agency": journey.agency_name(&o.agency, DEFAULT_LANG),
                "status": status,
                "reference": reference,
            })
        })
        .collect();
    let all_there = services
        .iter()
        .all(|s| matches!(s["status"].as_str(), Some("sent" | "pending" | "left-out")));
    let mut detail = about(journey);
    detail["services"] = services.into();
    dispatch(widget, if all_there { SUBMITTED } else { FAILED }, detail);
}
