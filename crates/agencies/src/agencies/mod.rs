//! The demo agencies' endpoints, each in the shape of that agency's own (fictional) existing
//! API, plus the built app as static files.
//!
//! Every endpoint works the same way, driven by its entry in [`endpoints::ENDPOINTS`]: refuse
//! the wrong content type (415), read the body, check every field (422 listing each problem),
//! store what was accepted, and answer with the agency's own kind of reference, or, for
//! agencies that work asynchronously, with 202 Accepted and a status URL to poll.
//!
//! Every endpoint also honours an `Idempotency-Key` header, as Stripe's API does: the first
//! request with a key is stored and its reply saved with the key; a retry with the same key and
//! body gets that reply again, with `Idempotent-Replayed: true`, and nothing new is stored.
//!
//! Beside them: the Revenue Service's taxpayer profile for prefilling ([`profile`]), behind a
//! demo sign-in ([`session`]), the host page that knows whether the person signed in
//! ([`host`]), the customer-experience survey ([`feedback`]), the hand-off API and adviser
//! page ([`handoff`]), and, for tests only, fault injection ([`faults`]).

mod check;
mod endpoints;
mod faults;
mod feedback;
pub mod handoff;
mod host;
mod profile;
mod session;

pub use faults::Faults;

use crate::store::{self, Received, Store, Stored};
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use check::problem;
use endpoints::{Accepted, Answer, Endpoint, Shape, ENDPOINTS};
use serde_json::{json, Map, Value};
use std::path::Path;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The request header that makes a retry safe.
const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// The reply header that says a reply is the one saved with its idempotency key.
const IDEMPOTENT_REPLAYED: &str = "idempotent-replayed";
/// The longest idempotency key, as Stripe's.
const MAX_KEY: usize = 255;

/// Every agency endpoint, the profile, the demo sign-in, and the built app at `dist`. With
/// `faults` (`serve --faults`, for tests), also the fault control at `/demo/faults`.
pub fn router(store: Store, dist: &Path, faults: Option<Faults>) -> Router {
    router_with(store, dist, faults, handoff::Config::default())
}

/// The same, with the hand-off API set up as `handoff` says (its clock and how long saves
/// last).
pub fn router_with(
    store: Store,
    dist: &Path,
    faults: Option<Faults>,
    handoff: handoff::Config,
) -> Router {
    let handoff = handoff::routes(
        store.clone(),
        dist.join("journeys"),
        handoff,
        faults.is_some(),
    );
    let mut router = Router::new();
    let mut status_urls = Vec::new();
    for endpoint in ENDPOINTS {
        let faults = faults.clone();
        router = router.route(
            endpoint.path,
            post(
                move |State(store): State<Store>, headers: HeaderMap, body: Bytes| {
                    let fault = faults
                        .as_ref()
                        .and_then(|faults| faults.take(&headers, endpoint.agency));
                    faults::around(fault, receive(endpoint, store, headers, body))
                },
            ),
        );
        // Endpoints of one agency may share a status URL: it is routed once.
        if let Some(accepted) = endpoint.accepted() {
            if !status_urls.contains(&accepted.status_url) {
                status_urls.push(accepted.status_url);
                router = router.route(
                    accepted.status_url,
                    get(
                        move |State(store): State<Store>, UrlPath(token): UrlPath<String>| {
                            poll(accepted, store, token)
                        },
                    ),
                );
            }
        }
    }
    router = router
        .route(profile::PATH, get(profile::taxpayer))
        .route(feedback::PATH, post(feedback::receive))
        .merge(session::routes())
        .merge(handoff)
        .merge(host::routes(dist));
    if let Some(faults) = &faults {
        router = router.merge(faults::routes(faults.clone()));
    }
    let mut router = router
        .with_state(store)
        // The build writes each file's brotli and gzip forms beside it (scripts/loader.mjs).
        .fallback_service(ServeDir::new(dist).precompressed_br().precompressed_gzip());
    if let Some(faults) = faults {
        router = router.layer(axum::middleware::from_fn_with_state(
            faults,
            faults::close_while_dropping,
        ));
    }
    router
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}

/// A reply listing problems.
fn errors(status: StatusCode, problems: Vec<Value>) -> Response {
    (status, Json(json!({ "errors": problems }))).into_response()
}

/// The first non-empty value of the cookie `name`, among all the request's cookies.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .filter(|(key, _)| key.trim() == name)
        .map(|(_, value)| value.trim().trim_matches('"'))
        .find(|value| !value.is_empty())
}

/// The request's `Idempotency-Key`, if it has one, or what is wrong with it: there must be
/// one, of 1 to 255 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<&str>, &'static str> {
    let mut keys = headers.get_all(IDEMPOTENCY_KEY).iter();
    let Some(key) = keys.next() else {
        return Ok(None);
    };
    if keys.next().is_some() {
        return Err("Send one Idempotency-Key header, not several");
    }
    let key = key.as_bytes();
    if key.is_empty() {
        return Err(
            "The Idempotency-Key is empty; send a key unique to this request, such as a UUID",
        );
    }
    if key.len() > MAX_KEY {
        return Err("The Idempotency-Key is longer than 255 characters");
    }
    match std::str::from_utf8(key) {
        Ok(key) if key.bytes().all(|b| b.is_ascii_graphic()) => Ok(Some(key)),
        _ => Err("The Idempotency-Key may only have visible ASCII characters: letters, digits and punctuation, no spaces"),
    }
}

/// One request to one endpoint: checked, stored, answered with a reference. With an
/// idempotency key, a retry of a stored request is answered with the first reply instead.
async fn receive(
    endpoint: &'static Endpoint,
    store: Store,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let idempotency_key = match idempotency_key(&headers) {
        Ok(key) => key,
        Err(message) => return errors(StatusCode::BAD_REQUEST, vec![problem("", message)]),
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let media_type = endpoint.shape.media_type();
    if !content_type.to_ascii_lowercase().starts_with(media_type) {
        let message = match endpoint.shape {
            Shape::Json => "Send the request as application/json",
            Shape::Form => "Send the form as application/x-www-form-urlencoded",
        };
        return errors(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            vec![problem("", message)],
        );
    }
    let Ok(text) = std::str::from_utf8(&body) else {
        return errors(
            StatusCode::BAD_REQUEST,
            vec![problem("", "The body is not UTF-8")],
        );
    };
    let fields = match endpoint.shape {
        Shape::Form => Value::Object(
            form_urlencoded::parse(text.as_bytes())
                .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                .collect::<Map<String, Value>>(),
        ),
        Shape::Json => match serde_json::from_str::<Value>(text) {
            Ok(value @ Value::Object(_)) => value,
            Ok(_) => {
                return errors(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    vec![problem("", "The body must be a JSON object")],
                )
            }
            Err(e) => {
                return errors(
                    StatusCode::BAD_REQUEST,
                    vec![problem("", &format!("The body is not valid JSON: {e}"))],
                )
            }
        },
    };
    let problems = check::check(endpoint.fields, &fields);
    if !problems.is_empty() {
        return errors(StatusCode::UNPROCESSABLE_ENTITY, problems);
    }
    let year = this_year();
    let reference = |id| endpoint.reference.make(id, year);
    let received = Received {
        agency: endpoint.agency,
        endpoint: endpoint.path,
        content_type,
        body: text,
        fields: &fields,
        idempotency_key,
    };
    let answer = |record: &store::Record, token: Option<&str>| match endpoint.answer {
        Answer::Now(status, pointer) => store::Reply {
            status: status.as_u16(),
            location: None,
            body: reply(pointer, &record.reference).to_string(),
        },
        Answer::Accepted(accepted) => {
            let token = token.unwrap_or_default();
            store::Reply {
                status: StatusCode::ACCEPTED.as_u16(),
                location: Some(accepted.status_url(token)),
                body: accepted.reply(token).to_string(),
            }
        }
    };
    match store.receive(received, reference, endpoint.accepted().is_some(), answer) {
        Ok(Stored::New { reply, .. }) => response(reply, false),
        Ok(Stored::Replayed(reply)) => response(reply, true),
        Ok(Stored::KeyUsedForAnother) => errors(
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![problem(
                "",
                "This Idempotency-Key was already used for a different request; send a new key with a new request",
            )],
        ),
        Err(_) => errors(
            StatusCode::INTERNAL_SERVER_ERROR,
            vec![problem("", "The request could not be stored; try again")],
        ),
    }
}

/// A stored reply as a response: the same status, `Location` and body every time it is sent,
/// and, when it is sent again for the same idempotency key, `Idempotent-Replayed: true`.
fn response(reply: store::Reply, replayed: bool) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut sent = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        reply.body,
    )
        .into_response();
    let headers = sent.headers_mut();
    if let Some(location) = reply.location.and_then(|l| HeaderValue::try_from(l).ok()) {
        headers.insert(header::LOCATION, location);
    }
    if replayed {
        headers.insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
    }
    sent
}

/// One poll of a status URL: the first says the request is still being worked on, every later
/// one gives its reference. A token issued for another agency's status URL is unknown here.
async fn poll(accepted: &'static Accepted, store: Store, token: String) -> Response {
    let belongs = |path: &str| {
        Endpoint::at(path)
            .and_then(Endpoint::accepted)
            .is_some_and(|a| a.status_url == accepted.status_url)
    };
    let body = match store.poll(&token, belongs) {
        Ok(Some(poll)) if poll.earlier_polls == 0 => accepted.pending(&token),
        Ok(Some(poll)) => accepted.done(&token, &poll.reference),
        Ok(None) => {
            return errors(
                StatusCode::NOT_FOUND,
                vec![problem("", "No request with this id")],
            )
        }
        Err(_) => {
            return errors(
                StatusCode::INTERNAL_SERVER_ERROR,
                vec![problem("", "The status could not be read; try again")],
            )
        }
    };
    (
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Json(body),
    )
        .into_response()
}

/// A reply with the reference at a JSON pointer: `/claim/reference` gives
/// `{ "claim": { "reference": "…" } }`.
fn reply(pointer: &str, reference: &str) -> Value {
    pointer.trim_start_matches('/').rsplit('/').fold(
        Value::String(reference.to_string()),
        |inner, key| {
            let key = key.replace("~1", "/").replace("~0", "~");
            json!({ key: inner })
        },
    )
}

/// The current year (UTC), for references such as `MV-2026-004211`.
fn this_year() -> i32 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| (d.as_secs() / 86_400) as i64)
        .unwrap_or(0);
    let mut year = 1970 + (days / 366) as i32;
    while tell_once_engine::Date::new(year + 1, 1, 1).is_some_and(|d| d.days_since_epoch() <= days)
    {
        year += 1;
    }
    year
}

#[cfg(test)]
mod tests;
