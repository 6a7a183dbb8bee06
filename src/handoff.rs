//! The hand-off edge: the person's answers kept by the hand-off service, only when they choose
//! "Save and get a reference", and given back for the code and their date of birth (the
//! contract: docs/handoff-api.md). The code's format and its check are the engine's
//! (`tell_once_engine::handoff`).

use gloo_net::http::Request;
use leptos::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tell_once_engine::read::{At, Fields, FromJson, Read};
use tell_once_engine::{Answers, Date};

/// Where the hand-off API is, when the host page does not say (`handoff-url`): this site's.
pub const DEFAULT_ENDPOINT: &str = "/handoff/v1";

/// The hand-off API's base address, as the host page set it.
#[derive(Debug, Clone)]
pub struct Endpoint(pub String);

/// The hand-off API's base address, without a trailing slash. Read from the context, so call it
/// when the component is made, not from a task spawned later (which has no context to read).
pub fn endpoint() -> String {
    use_context::<Endpoint>()
        .map(|e| e.0)
        .unwrap_or_else(|| DEFAULT_ENDPOINT.to_string())
        .trim_end_matches('/')
        .to_string()
}

#[derive(Serialize)]
struct SaveRequest<'a> {
    journey: &'a str,
    version: &'a str,
    answers: &'a Answers,
    date_of_birth: String,
}

/// What a save gives back: the code, grouped as people read it, and when it expires (ISO 8601).
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub code: String,
    pub expires_at: String,
}

impl FromJson for Saved {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::kept(value, at, "struct Saved")?;
        f.done(Saved {
            code: f.needed("code"),
            expires_at: f.needed("expires_at"),
        })
    }
}

#[derive(Serialize)]
struct ResumeRequest<'a> {
    code: &'a str,
    date_of_birth: String,
}

/// What a resume gives back: the answers exactly as saved, with the journey and its version.
#[derive(Debug, Clone)]
pub struct Resumed {
    pub journey: String,
    pub version: Option<String>,
    pub answers: Answers,
}

impl FromJson for Resumed {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::kept(value, at, "struct Resumed")?;
        f.done(Resumed {
            journey: f.needed("journey"),
            version: f.optional("version"),
            answers: f.needed("answers"),
        })
    }
}

/// Why a save or a resume did not work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No reply: offline, refused, or cut off.
    Network,
    /// No saved answers with this code and date of birth (404).
    NotFound,
    /// The right code and date of birth, but the save expired (410).
    Expired,
    /// Too many tries with wrong details (429).
    TooManyAttempts,
    /// Any other refusal or failure.
    Status(u16),
}

/// A date as the API takes it: `YYYY-MM-DD`.
pub fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}

async fn post<T: Serialize, R: FromJson>(url: &str, body: &T) -> Result<R, Problem> {
    let response = Request::post(url)
        .header("Accept", "application/json")
        .credentials(web_sys::RequestCredentials::SameOrigin)
        .json(body)
        .map_err(|_| Problem::Network)?
        .send()
        .await
        .map_err(|_| Problem::Network)?;
    match response.status() {
        200 | 201 => {
            let text = response.text().await.map_err(|_| Problem::Network)?;
            tell_once_engine::read::parse(&text)
                .ok()
                .and_then(|reply: Value| R::from_json(&reply, At::Top).ok())
                .ok_or(Problem::Status(response.status()))
        }
        404 => Err(Problem::NotFound),
        410 => Err(Problem::Expired),
        429 => Err(Problem::TooManyAttempts),
        status => Err(Problem::Status(status)),
    }
}

/// Keeps the answers with the hand-off service at `endpoint`, for the date of birth given.
pub async fn save(
    endpoint: &str,
    journey: &str,
    version: &str,
    answers: &Answers,
    date_of_birth: Date,
) -> Result<Saved, Problem> {
    let body = SaveRequest {
        journey,
        version,
        answers,
        date_of_birth: iso(date_of_birth),
    };
    post(&format!("{endpoint}/saves"), &body).await
}

/// Gets saved answers back from the hand-off service at `endpoint`, with their code (already
/// checked) and the date of birth.
pub async fn resume(endpoint: &str, code: &str, date_of_birth: Date) -> Result<Resumed, Problem> {
    let body = ResumeRequest {
        code,
        date_of_birth: iso(date_of_birth),
    };
    post(&format!("{endpoint}/resume"), &body).await
}
