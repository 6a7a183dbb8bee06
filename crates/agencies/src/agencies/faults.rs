//! Fault injection, for tests only: with `serve --faults`, a test can make the agency endpoints
//! fail, answer late, or store a request and then drop the connection, to check what the front
//! end does then. Without the flag, `/demo/faults` does not exist and nothing is ever injected.
//!
//! Faults are scoped, so that tests running side by side never see each other's: a rule applies
//! only to requests that carry the cookie `demo_faults=<its scope>`.
//!
//! - `POST /demo/faults` adds a rule, and answers 201 with it:
//!   `{"scope":"s1","agency":"motor-vehicles","kind":"fail","status":503,"retry_after":1,"times":2}`,
//!   `{"scope":"s1","kind":"delay","ms":3000}` or `{"scope":"s1","kind":"drop"}`. Without
//!   `agency` it applies to every agency; `times` is 1 unless given.
//! - `GET /demo/faults?scope=s1` answers `{"injected":1,"rules":[…]}`: how many faults were
//!   injected in the scope so far, and the rules left, with the `times` left.
//! - `DELETE /demo/faults?scope=s1` forgets the scope's rules and count, and answers 204.
//!
//! Each request to an agency endpoint in a scope (not a status URL, the profile or a file) uses
//! up one of the `times` of the first rule, in the order they were added, for its agency:
//!
//! - `fail`: answers with the status and the agencies' usual error body, with `Retry-After` if
//!   given. Nothing is stored.
//! - `delay`: waits `ms` (at most 30 000), then handles the request as usual.
//! - `drop`: handles the request as usual, so the record and its idempotency key are stored,
//!   then closes the connection without sending a byte of the reply. The client sees a network
//!   error, with no status.
//!
//! While a scope has a `drop` rule left, every reply in it, files included, says
//! `Connection: close`. Browsers quietly send a request again when a connection they reused
//! closes without a reply, which would hide the drop; with no connection ever reused in the
//! scope, the dropped request is on a new connection, and its error reaches the app.

use super::check::problem;
use super::endpoints::ENDPOINTS;
use super::{cookie, errors};
use axum::body::{Body, Bytes};
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use http_body_util::{BodyExt, Empty};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// Where rules are added, listed and cleared.
pub const PATH: &str = "/demo/faults";
/// The cookie that puts a request in a scope.
pub const COOKIE: &str = "demo_faults";
/// The longest delay, so that a mistaken rule cannot hang a test run.
const MAX_DELAY_MS: u64 = 30_000;
const MAX_TIMES: u32 = 1_000;
const MAX_SCOPE: usize = 64;

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status (and `Retry-After`, in seconds), storing nothing.
    Fail {
        status: StatusCode,
        retry_after: Option<u32>,
    },
    /// Wait, then handle the request as usual.
    Delay { ms: u64 },
    /// Handle the request as usual, then close the connection without replying.
    Drop,
}

/// A rule: a fault for the next `times` requests in its scope, to one agency or any.
#[derive(Debug, Clone, PartialEq)]
struct Rule {
    scope: String,
    agency: Option<String>,
    fault: Fault,
    times: u32,
}

impl Rule {
    /// As the API shows it: flat, without the fields its kind does not have.
    fn to_json(&self) -> Value {
        let mut rule = json!({ "scope": self.scope });
        if let Some(agency) = &self.agency {
            rule["agency"] = json!(agency);
        }
        match self.fault {
            Fault::Fail {
                status,
                retry_after,
            } => {
                rule["kind"] = json!("fail");
                rule["status"] = json!(status.as_u16());
                if let Some(seconds) = retry_after {
                    rule["retry_after"] = json!(seconds);
                }
            }
            Fault::Delay { ms } => {
                rule["kind"] = json!("delay");
                rule["ms"] = json!(ms);
            }
            Fault::Drop => rule["kind"] = json!("drop"),
        }
        rule["times"] = json!(self.times);
        rule
    }
}

/// One scope's rules, in the order they were added, and how many faults it has had.
#[derive(Debug, Default)]
struct Scope {
    rules: Vec<Rule>,
    injected: u64,
}

/// Every scope's rules, in memory: they last as long as the server.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    scopes: Arc<Mutex<HashMap<String, Scope>>>,
}

impl Faults {
    fn scopes(&self) -> MutexGuard<'_, HashMap<String, Scope>> {
        self.scopes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds a rule after the others of its scope.
    fn add(&self, rule: Rule) {
        self.scopes()
            .entry(rule.scope.clone())
            .or_default()
            .rules
            .push(rule);
    }

    /// The fault for one request to `agency`, if its scope has a rule for it; that rule then
    /// has one time fewer, and is gone after its last.
    pub fn take(&self, headers: &HeaderMap, agency: &str) -> Option<Fault> {
        let name = cookie(headers, COOKIE)?;
        let mut scopes = self.scopes();
        let scope = scopes.get_mut(name)?;
        let at = scope
            .rules
            .iter()
            .position(|rule| rule.agency.as_deref().is_none_or(|a| a == agency))?;
        let rule = &mut scope.rules[at];
        let fault = rule.fault;
        rule.times -= 1;
        if rule.times == 0 {
            scope.rules.remove(at);
        }
        scope.injected += 1;
        Some(fault)
    }

    /// Whether the request's scope has a `drop` rule left.
    fn dropping(&self, headers: &HeaderMap) -> bool {
        cookie(headers, COOKIE).is_some_and(|name| {
            self.scopes().get(name).is_some_and(|scope| {
                scope
                    .rules
                    .iter()
                    .any(|rule| matches!(rule.fault, Fault::Drop))
            })
        })
    }
}

/// `/demo/faults`, and `Connection: close` on every reply while the request's scope has a drop
/// to come. To be merged into the router only with `--faults`.
pub fn routes<S: Clone + Send + Sync + 'static>(faults: Faults) -> Router<S> {
    Router::new()
        .route(PATH, get(list).post(add).delete(clear))
        .with_state(faults)
}

/// Adds `Connection: close` to a reply while its scope has a drop to come (see the module's
/// notes on why).
pub async fn close_while_dropping(
    State(faults): State<Faults>,
    request: Request,
    next: Next,
) -> Response {
    let dropping = faults.dropping(request.headers());
    let mut response = next.run(request).await;
    if dropping {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// Handles one request to an agency endpoint (`handle`) with its fault, if it has one.
pub async fn around(fault: Option<Fault>, handle: impl Future<Output = Response>) -> Response {
    match fault {
        None => handle.await,
        Some(Fault::Fail {
            status,
            retry_after,
        }) => {
            let mut response = errors(
                status,
                vec![problem(
                    "",
                    "The service is temporarily unavailable (injected fault); try again later",
                )],
            );
            if let Some(seconds) = retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            response
        }
        Some(Fault::Delay { ms }) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            handle.await
        }
        Some(Fault::Drop) => {
            // Stored, and its key saved, before the reply is thrown away.
            let _stored = handle.await;
            cut_off()
        }
    }
}

/// A reply whose body fails before its first byte. Its length is unknown, so hyper has written
/// the head into its buffer but not sent it when the body fails; it then closes the connection
/// without sending anything, not even the status line. (A body of known length 0 would be sent
/// as a complete, empty reply instead.)
fn cut_off() -> Response {
    let failing = Empty::<Bytes>::new()
        .map_err(|never| match never {})
        .with_trailers(async {
            Some(Err(std::io::Error::other(
                "connection dropped (injected fault)",
            )))
        });
    Response::new(Body::from_stream(Body::new(failing).into_data_stream()))
}

/// The scope in `?scope=…`.
#[derive(Debug, Deserialize)]
struct ScopeQuery {
    #[serde(default)]
    scope: String,
}

/// The reply to `/demo/faults` without `?scope=…`.
fn no_scope() -> Response {
    errors(
        StatusCode::BAD_REQUEST,
        vec![problem("scope", "Give the scope: /demo/faults?scope=…")],
    )
}

async fn list(State(faults): State<Faults>, Query(query): Query<ScopeQuery>) -> Response {
    if query.scope.is_empty() {
        return no_scope();
    }
    let scopes = faults.scopes();
    let (injected, rules) = scopes.get(&query.scope).map_or((0, Vec::new()), |scope| {
        (
            scope.injected,
            scope.rules.iter().map(Rule::to_json).collect(),
        )
    });
    (
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Json(json!({ "injected": injected, "rules": rules })),
    )
        .into_response()
}

async fn clear(State(faults): State<Faults>, Query(query): Query<ScopeQuery>) -> Response {
    if query.scope.is_empty() {
        return no_scope();
    }
    faults.scopes().remove(&query.scope);
    StatusCode::NO_CONTENT.into_response()
}

async fn add(State(faults): State<Faults>, body: Bytes) -> Response {
    match rule_from(&body) {
        Ok(rule) => {
            let reply = rule.to_json();
            faults.add(rule);
            (StatusCode::CREATED, Json(reply)).into_response()
        }
        Err((field, message)) => errors(StatusCode::BAD_REQUEST, vec![problem(field, &message)]),
    }
}

/// A rule as posted, before it is checked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Posted {
    scope: String,
    agency: Option<String>,
    kind: String,
    status: Option<u16>,
    retry_after: Option<u32>,
    ms: Option<u64>,
    times: Option<u32>,
}

/// The rule in a request body, or the field at fault and what is wrong with it.
fn rule_from(body: &[u8]) -> Result<Rule, (&'static str, String)> {
    let posted: Posted = serde_json::from_slice(body)
        .map_err(|e| ("", format!("The body is not a fault rule: {e}")))?;
    let scope_ok = (1..=MAX_SCOPE).contains(&posted.scope.len())
        && posted
            .scope
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if !scope_ok {
        return Err((
            "scope",
            format!("must be 1 to {MAX_SCOPE} letters, digits, '-', '_' or '.'"),
        ));
    }
    if let Some(agency) = &posted.agency {
        if !ENDPOINTS.iter().any(|e| e.agency == agency) {
            let mut known: Vec<&str> = ENDPOINTS.iter().map(|e| e.agency).collect();
            known.dedup();
            return Err((
                "agency",
                format!(
                    "no agency \"{agency}\"; leave it out for any agency, or use one of: {}",
                    known.join(", ")
                ),
            ));
        }
    }
    let only_for = |field: &'static str, given: bool, kind: &str| {
        if given {
            Err((field, format!("is only for {kind} rules")))
        } else {
            Ok(())
        }
    };
    let fault = match posted.kind.as_str() {
        "fail" => {
            only_for("ms", posted.ms.is_some(), "delay")?;
            let status = posted
                .status
                .filter(|s| (400..=599).contains(s))
                .and_then(|s| StatusCode::from_u16(s).ok())
                .ok_or(("status", "must be from 400 to 599".to_string()))?;
            Fault::Fail {
                status,
                retry_after: posted.retry_after,
            }
        }
        "delay" => {
            only_for("status", posted.status.is_some(), "fail")?;
            only_for("retry_after", posted.retry_after.is_some(), "fail")?;
            match posted.ms {
                Some(ms) if ms <= MAX_DELAY_MS => Fault::Delay { ms },
                _ => {
                    return Err((
                        "ms",
                        format!("must be from 0 to {MAX_DELAY_MS} (milliseconds)"),
                    ))
                }
            }
        }
        "drop" => {
            only_for("status", posted.status.is_some(), "fail")?;
            only_for("retry_after", posted.retry_after.is_some(), "fail")?;
            only_for("ms", posted.ms.is_some(), "delay")?;
            Fault::Drop
        }
        _ => return Err(("kind", "must be fail, delay or drop".to_string())),
    };
    let times = posted.times.unwrap_or(1);
    if !(1..=MAX_TIMES).contains(&times) {
        return Err(("times", format!("must be from 1 to {MAX_TIMES}")));
    }
    Ok(Rule {
        scope: posted.scope,
        agency: posted.agency,
        fault,
        times,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_scope(scope: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let cookie = format!("other=1; {COOKIE}={scope}");
        headers.insert(header::COOKIE, HeaderValue::from_str(&cookie).unwrap());
        headers
    }

    fn add_rule(faults: &Faults, rule: Value) {
        faults.add(rule_from(rule.to_string().as_bytes()).unwrap());
    }

    #[test]
    fn rules_are_used_up_in_order_within_their_scope_and_agency() {
        let faults = Faults::default();
        add_rule(
            &faults,
            json!({ "scope": "a", "agency": "elections", "kind": "delay", "ms": 5 }),
        );
        add_rule(
            &faults,
            json!({ "scope": "a", "kind": "fail", "status": 503, "times": 2 }),
        );
        add_rule(&faults, json!({ "scope": "b", "kind": "drop" }));
        let a = in_scope("a");
        let fail = Fault::Fail {
            status: StatusCode::SERVICE_UNAVAILABLE,
            retry_after: None,
        };
        assert_eq!(faults.take(&HeaderMap::new(), "elections"), None);
        assert_eq!(faults.take(&in_scope("c"), "elections"), None);
        assert_eq!(faults.take(&a, "revenue"), Some(fail), "not for elections");
        assert_eq!(faults.take(&a, "elections"), Some(Fault::Delay { ms: 5 }));
        assert_eq!(faults.take(&a, "elections"), Some(fail));
        assert_eq!(faults.take(&a, "elections"), None, "all used up");
        assert!(faults.dropping(&in_scope("b")));
        assert!(!faults.dropping(&a));
        assert_eq!(faults.take(&in_scope("b"), "labour"), Some(Fault::Drop));
        assert!(!faults.dropping(&in_scope("b")));
        assert_eq!(faults.scopes()["a"].injected, 3);
    }
}
