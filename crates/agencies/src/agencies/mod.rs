//! The demo agencies' endpoints, each in the shape of that agency's own (fictional) existing
//! API, plus the built app as static files.
//!
//! Every endpoint works the same way, driven by its entry in [`endpoints::ENDPOINTS`]: refuse
//! the wrong content type (415), read the body, check every field (422 listing each problem),
//! store what was accepted, and answer with the agency's own kind of reference, or, for
//! agencies that work asynchronously, with 202 Accepted and a status URL to poll.
//!
//! Beside them: the Revenue Service's taxpayer profile for prefilling ([`profile`]), behind a
//! demo sign-in ([`session`]), and the host page that knows whether the person signed in
//! ([`host`]).

mod check;
mod endpoints;
mod host;
mod profile;
mod session;

use crate::store::{Received, Store};
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

pub fn router(store: Store, dist: &Path) -> Router {
    let mut router = Router::new();
    let mut status_urls = Vec::new();
    for endpoint in ENDPOINTS {
        router = router.route(
            endpoint.path,
            post(
                move |State(store): State<Store>, headers: HeaderMap, body: Bytes| {
                    receive(endpoint, store, headers, body)
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
    router
        .route(profile::PATH, get(profile::taxpayer))
        .merge(session::routes())
        .merge(host::routes(dist))
        .with_state(store)
        .fallback_service(ServeDir::new(dist))
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

/// One request to one endpoint: checked, stored, answered with a reference.
async fn receive(
    endpoint: &'static Endpoint,
    store: Store,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
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
    };
    let stored = match endpoint.answer {
        Answer::Now(status, pointer) => store
            .insert(received, reference)
            .map(|record| (status, Json(reply(pointer, &record.reference))).into_response()),
        Answer::Accepted(accepted) => {
            store
                .insert_accepted(received, reference)
                .map(|(_, token)| {
                    let location = accepted.status_url(&token);
                    (
                        StatusCode::ACCEPTED,
                        [(header::LOCATION, location)],
                        Json(accepted.reply(&token)),
                    )
                        .into_response()
                })
        }
    };
    stored.unwrap_or_else(|_| {
        errors(
            StatusCode::INTERNAL_SERVER_ERROR,
            vec![problem("", "The request could not be stored; try again")],
        )
    })
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
