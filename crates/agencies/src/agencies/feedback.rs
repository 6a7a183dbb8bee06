//! `POST /feedback`: the customer-experience survey people may answer after sending a journey
//! (OMB A-11 section 280). It takes which journey (id and version), up to seven ratings from 1
//! to 5 and a comment, and nothing else: an unknown field is refused, so no name, email or
//! reference can be sent with it, and nothing ties an answer to a person or to their records.

use super::errors;
use crate::store::{Ratings, Store};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::check::problem;

pub const PATH: &str = "/feedback";

/// The longest comment, in characters (as the survey's character count shows).
pub const MAX_COMMENT: usize = 1200;
/// The longest journey id or version.
const MAX_NAME: usize = 100;

/// The body exactly as it may be sent. Values are read as JSON first and checked by hand, so
/// that each wrong one gets its own message; `null` means not answered.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Body {
    journey: Option<Value>,
    version: Option<Value>,
    ratings: Option<RatingsBody>,
    comment: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RatingsBody {
    satisfaction: Option<Value>,
    trust: Option<Value>,
    effectiveness: Option<Value>,
    ease: Option<Value>,
    efficiency: Option<Value>,
    equity: Option<Value>,
    transparency: Option<Value>,
}

/// One answer to the survey, checked.
#[derive(Debug, PartialEq)]
struct Checked {
    journey: String,
    version: String,
    ratings: Ratings,
    comment: Option<String>,
}

pub async fn receive(State(store): State<Store>, headers: HeaderMap, body: Bytes) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type
        .to_ascii_lowercase()
        .starts_with("application/json")
    {
        return errors(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            vec![problem("", "Send the feedback as application/json")],
        );
    }
    let checked = match read(&body) {
        Ok(checked) => checked,
        Err((status, problems)) => return errors(status, problems),
    };
    match store.add_feedback(
        &checked.journey,
        &checked.version,
        checked.ratings,
        checked.comment.as_deref(),
    ) {
        Ok(_) => (StatusCode::CREATED, Json(json!({ "received": true }))).into_response(),
        Err(_) => errors(
            StatusCode::INTERNAL_SERVER_ERROR,
            vec![problem("", "The feedback could not be stored; try again")],
        ),
    }
}

/// The body checked: 400 when it is not JSON at all, 422 listing every problem otherwise.
fn read(body: &[u8]) -> Result<Checked, (StatusCode, Vec<Value>)> {
    let unprocessable = |problems| (StatusCode::UNPROCESSABLE_ENTITY, problems);
    let parsed: Body = serde_json::from_slice(body).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => {
            unprocessable(vec![problem("", &shape_message(&e.to_string()))])
        }
        _ => (
            StatusCode::BAD_REQUEST,
            vec![problem("", &format!("The body is not valid JSON: {e}"))],
        ),
    })?;
    let mut problems = Vec::new();
    let journey = name(
        &parsed.journey,
        "journey",
        "Say which journey the feedback is about, by its id, such as moving-house",
        &mut problems,
    );
    let version = name(
        &parsed.version,
        "version",
        "Say which version of the journey the feedback is about, such as 2026-11-23",
        &mut problems,
    );
    let r = parsed.ratings.unwrap_or_default();
    let mut rating = |value: &Option<Value>, key: &str| rating(value, key, &mut problems);
    let ratings = Ratings {
        satisfaction: rating(&r.satisfaction, "satisfaction"),
        trust: rating(&r.trust, "trust"),
        effectiveness: rating(&r.effectiveness, "effectiveness"),
        ease: rating(&r.ease, "ease"),
        efficiency: rating(&r.efficiency, "efficiency"),
        equity: rating(&r.equity, "equity"),
        transparency: rating(&r.transparency, "transparency"),
    };
    let comment = comment(&parsed.comment, &mut problems);
    if problems.is_empty() && ratings.is_empty() && comment.is_none() {
        problems.push(problem(
            "",
            "Give at least one rating or a comment: the feedback is empty",
        ));
    }
    if !problems.is_empty() {
        return Err(unprocessable(problems));
    }
    Ok(Checked {
        journey,
        version,
        ratings,
        comment,
    })
}

/// serde's message for a body of the wrong shape, saying what may be sent.
fn shape_message(serde: &str) -> String {
    if serde.starts_with("unknown field") {
        format!("The feedback may only have journey, version, ratings (satisfaction, trust, effectiveness, ease, efficiency, equity, transparency) and comment: {serde}")
    } else {
        format!("The feedback must be a JSON object with journey, version, ratings and comment: {serde}")
    }
}

/// A journey id or version: text of 1 to 100 visible characters.
fn name(value: &Option<Value>, field: &str, missing: &str, problems: &mut Vec<Value>) -> String {
    let text = match value {
        Some(Value::String(text)) if !text.trim().is_empty() => text,
        Some(Value::String(_)) | None | Some(Value::Null) => {
            problems.push(problem(field, missing));
            return String::new();
        }
        Some(_) => {
            problems.push(problem(field, &format!("The {field} must be text")));
            return String::new();
        }
    };
    if text.chars().count() > MAX_NAME || !text.chars().all(|c| c.is_ascii_graphic()) {
        problems.push(problem(
            field,
            &format!("The {field} must be up to {MAX_NAME} letters, digits or punctuation, with no spaces"),
        ));
    }
    text.clone()
}

/// One rating: a whole number from 1 to 5, or `null` or missing when not answered.
fn rating(value: &Option<Value>, key: &str, problems: &mut Vec<Value>) -> Option<u8> {
    let value = value.as_ref()?;
    match value.as_u64() {
        Some(n @ 1..=5) => Some(n as u8),
        _ => {
            problems.push(problem(
                &format!("ratings.{key}"),
                &format!("Give {key} as a whole number from 1 (strongly disagree) to 5 (strongly agree), or null when not answered"),
            ));
            None
        }
    }
}

/// The comment: text of at most [`MAX_COMMENT`] characters; blank is no comment.
fn comment(value: &Option<Value>, problems: &mut Vec<Value>) -> Option<String> {
    match value.as_ref()? {
        Value::String(text) if text.trim().is_empty() => None,
        Value::String(text) => {
            let length = text.chars().count();
            if length > MAX_COMMENT {
                problems.push(problem(
                    "comment",
                    &format!(
                        "The comment must be {MAX_COMMENT} characters or fewer; it has {length}"
                    ),
                ));
                return None;
            }
            Some(text.clone())
        }
        _ => {
            problems.push(problem("comment", "The comment must be text"));
            None
        }
    }
}
