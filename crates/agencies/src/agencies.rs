//! The demo agencies' endpoints, each in the shape of that agency's own (fictional) existing
//! API, plus the built app as static files.

use crate::store::Store;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Map, Value};
use std::path::Path;
use tell_once_engine::{postcode, Date};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub fn router(store: Store, dist: &Path) -> Router {
    Router::new()
        .route(
            "/agencies/elections/v1/registrations/address-changes",
            post(elections_address_change),
        )
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

/// A problem with one field, in the agency's reply.
fn problem(field: &str, message: &str) -> Value {
    json!({ "field": field, "message": message })
}

/// The Elections Office's voter-registration address change: a form-encoded POST, answered
/// with 201 and `{ "reference": "EL/88231" }`, or 422 with the fields at fault.
async fn elections_address_change(
    State(store): State<Store>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    const ENDPOINT: &str = "/agencies/elections/v1/registrations/address-changes";
    const FORM: &str = "application/x-www-form-urlencoded";
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type.starts_with(FORM) {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Json(json!({ "errors": [problem("", "Send the form as application/x-www-form-urlencoded")] })),
        )
            .into_response();
    }
    let Ok(text) = std::str::from_utf8(&body) else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "errors": [problem("", "The form is not UTF-8")] })),
        )
            .into_response();
    };
    let fields: Map<String, Value> = form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect();
    let errors = check_elections_form(&fields);
    if !errors.is_empty() {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "errors": errors })),
        )
            .into_response();
    }
    match store.insert("elections", ENDPOINT, content_type, text, &Value::Object(fields), |id| {
        format!("EL/{}", 88_230 + id)
    }) {
        Ok(record) => (StatusCode::CREATED, Json(json!({ "reference": record.reference }))).into_response(),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "errors": [problem("", "The registration could not be stored; try again")] })),
        )
            .into_response(),
    }
}

/// What the Elections Office requires, checked with the same engine the front end uses.
fn check_elections_form(fields: &Map<String, Value>) -> Vec<Value> {
    let get = |name: &str| {
        fields
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
    };
    let mut errors = Vec::new();
    for name in [
        "first_name",
        "last_name",
        "new_address_line_1",
        "new_town",
        "previous_address_line_1",
        "previous_town",
    ] {
        if get(name).is_empty() {
            errors.push(problem(name, "is required"));
        }
    }
    for name in ["date_of_birth", "moved_on"] {
        if Date::parse_iso(get(name)).is_none() {
            errors.push(problem(name, "must be a date in the form YYYY-MM-DD"));
        }
    }
    for name in ["new_postcode", "previous_postcode"] {
        if postcode::normalise_uk(get(name)).is_none() {
            errors.push(problem(name, "must be a full UK postcode"));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    const VALID: &str = "first_name=Ada&last_name=Lovelace&date_of_birth=1985-12-10&new_address_line_1=1+High+St&new_address_line_2=&new_town=Leeds&new_postcode=LS1+4AP&moved_on=2026-11-01&previous_address_line_1=2+Low+Rd&previous_address_line_2=&previous_town=Bath&previous_postcode=BA1+1AA";

    fn setup() -> (Store, Router, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "tell-once-agencies-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let store = Store::open(&dir.join("t.sqlite")).unwrap();
        (store.clone(), router(store, &dir), dir)
    }

    async fn post_form(app: Router, content_type: &str, body: &str) -> (StatusCode, Value) {
        let response = app
            .oneshot(
                Request::post("/agencies/elections/v1/registrations/address-changes")
                    .header("content-type", content_type)
                    .body(Body::from(body.to_string()))
                    .unwrap(),
            )
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn elections_stores_a_valid_form_and_returns_a_reference() {
        let (store, app, dir) = setup();
        let (status, reply) = post_form(app, "application/x-www-form-urlencoded", VALID).await;
        assert_eq!(status, StatusCode::CREATED);
        let records = store.records(Some("elections")).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(reply["reference"], records[0].reference.as_str());
        assert!(records[0].reference.starts_with("EL/"));
        assert_eq!(records[0].body, VALID);
        assert_eq!(records[0].fields["new_address_line_1"], "1 High St");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn elections_names_each_field_at_fault() {
        let (store, app, dir) = setup();
        let body = VALID
            .replace("moved_on=2026-11-01", "moved_on=1+Nov")
            .replace("first_name=Ada", "first_name=");
        let (status, reply) = post_form(app, "application/x-www-form-urlencoded", &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            reply["errors"],
            json!([
                problem("first_name", "is required"),
                problem("moved_on", "must be a date in the form YYYY-MM-DD")
            ])
        );
        assert!(store.records(None).unwrap().is_empty(), "nothing stored");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn elections_refuses_json() {
        let (_, app, dir) = setup();
        let (status, _) = post_form(app, "application/json", "{}").await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
