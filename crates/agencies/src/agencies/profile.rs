//! The Revenue Service's taxpayer profile: what it already knows about the person signed in to
//! its pages, for the front end to prefill from. Flat snake_case JSON, like the rest of its API.
//! The person is always Sam Okafor, a made-up taxpayer; see [`super::session`].

use super::check::problem;
use super::errors;
use super::session;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// Where the profile is.
pub const PATH: &str = "/agencies/revenue/v1/taxpayers/me";

/// A taxpayer's record, as the Revenue Service gives it.
#[derive(Debug, Serialize)]
struct Taxpayer {
    taxpayer_number: &'static str,
    first_name: &'static str,
    last_name: &'static str,
    date_of_birth: &'static str,
    email: &'static str,
    phone: &'static str,
    address_line_1: &'static str,
    address_line_2: &'static str,
    town: &'static str,
    postcode: &'static str,
    /// When the agency last changed this record: the front end shows it as the answers' source.
    record_updated: &'static str,
}

const SAM_OKAFOR: Taxpayer = Taxpayer {
    taxpayer_number: "1234567890",
    first_name: "Sam",
    last_name: "Okafor",
    date_of_birth: "1984-03-07",
    email: "sam.okafor@example.com",
    phone: "07700 900123",
    address_line_1: "12 Acacia Avenue",
    address_line_2: "",
    town: "Leeds",
    postcode: "LS1 4AP",
    record_updated: "2026-10-14",
};

/// `GET` the profile: the signed-in person's record, or 401. Never cached: it is personal.
pub async fn taxpayer(headers: HeaderMap) -> Response {
    let reply = if session::signed_in(&headers) {
        Json(SAM_OKAFOR).into_response()
    } else {
        errors(
            StatusCode::UNAUTHORIZED,
            vec![problem("", "Sign in to see your record")],
        )
    };
    (
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        reply,
    )
        .into_response()
}
