//! Delivering one service's request to its agency, and following it when the agency answers
//! 202 Accepted with a status URL to poll. The protocol is here, in plain Rust; the caller
//! gives the two things only a platform has: how to send a request, and how to wait.

use crate::definition::{Accepted, Connector};
use crate::mapping::{
    reference_from, text_at, AgencyRequest, MappingError, LOCATION_HEADER, NO_STATUS_URL,
};
use crate::read::{one_of_names, At, Fields, FromJson, Placeholder, Read};
use serde::Serialize;
use serde_json::Value;
use std::future::Future;

/// An agency's reply, as the platform received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    /// The `Location` header, if any.
    pub location: Option<String>,
    /// The `Retry-After` header, in seconds from now, if any (see
    /// [`crate::outbox::retry_after_seconds`]).
    pub retry_after: Option<u32>,
}

/// Why a service did not receive the answers. Kept in a draft's outbox, as JSON tagged by
/// `kind` (`{"kind":"rejected","status":503,…}`); a mapping problem's own `error` and `detail`
/// sit beside the `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SendProblem {
    /// The journey's connector could not be filled in: a fault in the journey, not the person's.
    Mapping(MappingError),
    /// No answer from the agency: offline, or the agency is unreachable.
    Network,
    /// The agency answered with an error status, and what it said.
    Rejected {
        status: u16,
        detail: String,
        /// How long the agency asked us to wait before trying again (`Retry-After`), seconds.
        #[serde(default)]
        retry_after: Option<u32>,
    },
    /// The agency accepted the request but its reply could not be read.
    Reply(MappingError),
    /// The agency took the request, then turned it down (its status said so).
    Refused { state: String },
}

impl FromJson for SendProblem {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::kept(value, at, "struct SendProblem")?;
        // A mapping problem's own `error` and `detail`, beside the `kind`.
        let mapping = || {
            let error: String = f.needed("error");
            match MappingError::from_parts(&error, f.needed("detail")) {
                Ok(mapping) => mapping,
                Err(message) => f.wrong("error", message),
            }
        };
        let problem = match f.needed("kind") {
            ProblemKind::Mapping => SendProblem::Mapping(mapping()),
            ProblemKind::Reply => SendProblem::Reply(mapping()),
            ProblemKind::Network => SendProblem::Network,
            ProblemKind::Rejected => SendProblem::Rejected {
                status: f.needed("status"),
                detail: f.needed("detail"),
                retry_after: f.optional("retry_after"),
            },
            ProblemKind::Refused => SendProblem::Refused {
                state: f.needed("state"),
            },
        };
        f.done(problem)
    }
}

impl Placeholder for SendProblem {
    fn placeholder() -> Self {
        SendProblem::Network
    }
}

/// A problem's `kind`, as it is kept.
#[derive(Clone, Copy)]
enum ProblemKind {
    Mapping,
    Network,
    Rejected,
    Reply,
    Refused,
}

impl FromJson for ProblemKind {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        use ProblemKind as K;
        let names = [
            ("mapping", K::Mapping),
            ("network", K::Network),
            ("rejected", K::Rejected),
            ("reply", K::Reply),
            ("refused", K::Refused),
        ];
        one_of_names(value, at, &names)
    }
}

impl Placeholder for ProblemKind {
    fn placeholder() -> Self {
        ProblemKind::Network
    }
}

impl SendProblem {
    /// True when sending again later may work: nothing the person must change.
    pub fn is_transient(&self) -> bool {
        match self {
            SendProblem::Network => true,
            SendProblem::Rejected { status, .. } => {
                *status >= 500 || *status == 429 || *status == 408
            }
            _ => false,
        }
    }
}

/// What became of one service's request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// The agency has it and gave this reference.
    Sent {
        reference: String,
    },
    /// The agency has it (202) but had not finished when we stopped asking: the status URL to
    /// ask again.
    Pending {
        status_url: String,
    },
    Failed(SendProblem),
}

/// Sends a request and, for an agency that answers 202, polls its status URL until it is done,
/// turned down, or `give_up_after_seconds` have passed. `send` makes one HTTP request (an error
/// means no reply at all); `wait` waits that many milliseconds (the same timer serves the
/// outbox's backoff, see [`crate::outbox::deliver_retrying`]).
pub async fn deliver<S, SF, W, WF>(
    connector: &Connector,
    request: AgencyRequest,
    mut send: S,
    mut wait: W,
) -> Delivery
where
    S: FnMut(AgencyRequest) -> SF,
    SF: Future<Output = Result<Reply, ()>>,
    W: FnMut(u32) -> WF,
    WF: Future<Output = ()>,
{
    let headers = request.headers.clone();
    let request_url = request.url.clone();
    let Ok(reply) = send(request).await else {
        return Delivery::Failed(SendProblem::Network);
    };
    if !(200..300).contains(&reply.status) {
        return Delivery::Failed(rejected(&reply));
    }
    let accepted = match &connector.accepted {
        Some(accepted) if reply.status == 202 => accepted,
        _ => return finished(connector, &reply.body),
    };
    let Some(status_url) = status_url(accepted, &reply) else {
        let at = accepted.status_url.as_deref().unwrap_or(LOCATION_HEADER);
        return Delivery::Failed(SendProblem::Reply(MappingError::NoReference(format!(
            "{at}{NO_STATUS_URL}"
        ))));
    };
    let status_url = resolve(&status_url, &request_url);
    let mut waited = 0;
    let every = accepted.every_seconds.max(1);
    while waited < accepted.give_up_after_seconds {
        wait(every.saturating_mul(1000)).await;
        waited += every;
        // No reply to one poll is not a failure: the agency already has the request.
        let Ok(reply) = send(AgencyRequest::get(&status_url, &headers)).await else {
            continue;
        };
        if !(200..300).contains(&reply.status) {
            if rejected(&reply).is_transient() {
                continue;
            }
            // The agency has the request (it said 202) but will not say how it is going: it
            // is not failed, only not known to be finished.
            break;
        }
        let Ok(json) = crate::read::parse(&reply.body) else {
            continue;
        };
        match text_at(&json, &accepted.state) {
            Some(state) if state == accepted.done => return finished(connector, &reply.body),
            Some(state) if accepted.failed.contains(&state) => {
                return Delivery::Failed(SendProblem::Refused { state })
            }
            _ => {}
        }
    }
    Delivery::Pending { status_url }
}

/// The reference in a final reply.
fn finished(connector: &Connector, body: &str) -> Delivery {
    match reference_from(connector, body) {
        Ok(reference) => Delivery::Sent { reference },
        Err(reason) => Delivery::Failed(SendProblem::Reply(reason)),
    }
}

fn rejected(reply: &Reply) -> SendProblem {
    SendProblem::Rejected {
        status: reply.status,
        detail: agency_problems(&reply.body),
        retry_after: reply.retry_after,
    }
}

/// Where a 202 reply says to poll: at the connector's pointer, else its `Location` header.
fn status_url(accepted: &Accepted, reply: &Reply) -> Option<String> {
    match &accepted.status_url {
        Some(pointer) => crate::read::parse(&reply.body)
            .ok()
            .and_then(|json| text_at(&json, pointer)),
        None => reply.location.clone(),
    }
}

/// A status URL as the agency gave it, made absolute against the request's URL: `/s/1` keeps
/// the request's scheme and host.
fn resolve(url: &str, base: &str) -> String {
    if url.contains("://") {
        return url.to_string();
    }
    let origin = base
        .split_once("://")
        .map(|(scheme, rest)| {
            let host = rest.split('/').next().unwrap_or("");
            format!("{scheme}://{host}")
        })
        .unwrap_or_default();
    if url.starts_with('/') {
        return format!("{origin}{url}");
    }
    let directory = base.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    format!("{directory}/{url}")
}

/// What an agency said was wrong, if its reply lists problems as `{"errors":[{"field","message"}]}`.
pub fn agency_problems(reply: &str) -> String {
    let Ok(json) = crate::read::parse(reply) else {
        return String::new();
    };
    json.get("errors")
        .and_then(|e| e.as_array())
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    let field = e.get("field").and_then(|f| f.as_str()).unwrap_or("");
                    let message = e.get("message").and_then(|m| m.as_str()).unwrap_or("");
                    format!("{field} {message}").trim().to_string()
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::definition::Body;
    use crate::ordered::Map;
    use crate::testing::run;
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::future::ready;

    pub(crate) fn connector(accepted: Option<Accepted>) -> Connector {
        Connector {
            method: "POST".into(),
            url: "https://mv.example/v1/changes".into(),
            headers: Map::new(),
            body: Body::Json(serde_json::json!({})),
            reference: "/confirmationId".into(),
            accepted,
        }
    }

    pub(crate) fn polling() -> Accepted {
        Accepted {
            status_url: Some("/links/status".into()),
            state: "/status".into(),
            done: "completed".into(),
            failed: vec!["rejected".into()],
            every_seconds: 2,
            give_up_after_seconds: 10,
        }
    }

    pub(crate) fn request() -> AgencyRequest {
        AgencyRequest {
            method: "POST".into(),
            url: "https://mv.example/v1/changes".into(),
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("X-Api-Key".into(), "k".into()),
            ],
            body: Some("{}".into()),
        }
    }

    pub(crate) fn reply(status: u16, body: &str) -> Result<Reply, ()> {
        Ok(Reply {
            status,
            body: body.into(),
            location: None,
            retry_after: None,
        })
    }

    /// Delivers with replies given in order; returns the outcome, the requests made and the
    /// milliseconds waited.
    fn deliver_with(
        connector: &Connector,
        replies: Vec<Result<Reply, ()>>,
    ) -> (Delivery, Vec<AgencyRequest>, u32) {
        let replies = RefCell::new(VecDeque::from(replies));
        let sent = RefCell::new(Vec::new());
        let waited = RefCell::new(0);
        let outcome = run(deliver(
            connector,
            request(),
            |r| {
                sent.borrow_mut().push(r);
                ready(replies.borrow_mut().pop_front().unwrap_or(Err(())))
            },
            |ms| {
                *waited.borrow_mut() += ms;
                ready(())
            },
        ));
        (outcome, sent.into_inner(), waited.into_inner())
    }

    #[test]
    fn a_synchronous_agency_gives_its_reference_at_once() {
        let (outcome, sent, waited) = deliver_with(
            &connector(None),
            vec![reply(201, r#"{"confirmationId":"MV-1"}"#)],
        );
        assert_eq!(
            outcome,
            Delivery::Sent {
                reference: "MV-1".into()
            }
        );
        assert_eq!((sent.len(), waited), (1, 0));
    }

    #[test]
    fn accepted_then_polled_until_done() {
        let (outcome, sent, waited) = deliver_with(
            &connector(Some(polling())),
            vec![
                reply(202, r#"{"links":{"status":"/v1/requests/abc"}}"#),
                reply(200, r#"{"status":"processing"}"#),
                Err(()),
                reply(503, ""),
                reply(
                    200,
                    r#"{"status":"completed","confirmationId":"MV-2026-004211"}"#,
                ),
            ],
        );
        assert_eq!(
            outcome,
            Delivery::Sent {
                reference: "MV-2026-004211".into()
            }
        );
        assert_eq!(sent.len(), 5);
        let poll = &sent[1];
        assert_eq!(poll.method, "GET");
        assert_eq!(poll.url, "https://mv.example/v1/requests/abc");
        assert_eq!(poll.headers, [("X-Api-Key".to_string(), "k".to_string())]);
        assert_eq!(waited, 8_000, "four polls, two seconds apart");
    }

    #[test]
    fn accepted_with_a_location_header_and_its_own_states() {
        let mut accepted = polling();
        accepted.status_url = None;
        accepted.state = "/state".into();
        accepted.done = "ENROLLED".into();
        let mut c = connector(Some(accepted));
        c.reference = "/enrolment/id".into();
        let (outcome, sent, _) = deliver_with(
            &c,
            vec![
                Ok(Reply {
                    status: 202,
                    body: String::new(),
                    location: Some("tracking/9".into()),
                    retry_after: None,
                }),
                reply(
                    200,
                    r#"{"state":"ENROLLED","enrolment":{"id":"HC-20000001"}}"#,
                ),
            ],
        );
        assert_eq!(
            outcome,
            Delivery::Sent {
                reference: "HC-20000001".into()
            }
        );
        assert_eq!(sent[1].url, "https://mv.example/v1/tracking/9");
    }

    #[test]
    fn a_slow_agency_leaves_the_request_pending() {
        let (outcome, sent, waited) = deliver_with(
            &connector(Some(polling())),
            std::iter::once(reply(202, r#"{"links":{"status":"https://s.example/1"}}"#))
                .chain(std::iter::repeat_with(|| reply(200, r#"{"status":"processing"}"#)).take(10))
                .collect(),
        );
        assert_eq!(
            outcome,
            Delivery::Pending {
                status_url: "https://s.example/1".into()
            }
        );
        assert_eq!(
            (sent.len(), waited),
            (6, 10_000),
            "five polls in ten seconds"
        );
    }

    #[test]
    fn a_request_turned_down_after_polling() {
        let (outcome, _, _) = deliver_with(
            &connector(Some(polling())),
            vec![
                reply(202, r#"{"links":{"status":"/s/1"}}"#),
                reply(200, r#"{"status":"rejected"}"#),
            ],
        );
        assert_eq!(
            outcome,
            Delivery::Failed(SendProblem::Refused {
                state: "rejected".into()
            })
        );
    }

    #[test]
    fn failures_are_named() {
        let (outcome, _, _) = deliver_with(&connector(None), vec![Err(())]);
        assert_eq!(outcome, Delivery::Failed(SendProblem::Network));
        let (outcome, _, _) = deliver_with(
            &connector(None),
            vec![reply(
                422,
                r#"{"errors":[{"field":"licenceNumber","message":"is too short"}]}"#,
            )],
        );
        assert_eq!(
            outcome,
            Delivery::Failed(SendProblem::Rejected {
                status: 422,
                detail: "licenceNumber is too short".into(),
                retry_after: None,
            })
        );
        let (outcome, _, _) = deliver_with(&connector(None), vec![reply(200, "<html>")]);
        assert!(matches!(outcome, Delivery::Failed(SendProblem::Reply(_))));
        let (outcome, _, _) = deliver_with(
            &connector(Some(polling())),
            vec![reply(202, r#"{"links":{}}"#)],
        );
        assert!(matches!(outcome, Delivery::Failed(SendProblem::Reply(_))));
        let (outcome, sent, _) = deliver_with(
            &connector(Some(polling())),
            vec![reply(202, r#"{"links":{"status":"/s/1"}}"#), reply(404, "")],
        );
        assert_eq!(
            (outcome, sent.len()),
            (
                Delivery::Pending {
                    status_url: "https://mv.example/s/1".into()
                },
                2
            ),
            "the agency has it, but its status cannot be read: pending, not failed"
        );
        assert!(SendProblem::Network.is_transient());
        assert!(!SendProblem::Rejected {
            status: 422,
            detail: String::new(),
            retry_after: None,
        }
        .is_transient());
    }

    #[test]
    fn a_202_without_polling_set_up_is_read_at_once() {
        let (outcome, sent, _) = deliver_with(
            &connector(None),
            vec![reply(202, r#"{"confirmationId":"X"}"#)],
        );
        assert_eq!(
            outcome,
            Delivery::Sent {
                reference: "X".into()
            }
        );
        assert_eq!(sent.len(), 1);
    }
}
