//! The hand-off API: a person who chooses "Save and get a reference" has their answers saved
//! here, and gets a short code to quote by phone or at a counter, or to resume on another
//! device with their date of birth. An adviser looks the answers up at `/adviser`. The contract,
//! for agencies hosting their own, is `docs/handoff-api.md`.
//!
//! - `POST /handoff/v1/saves` `{journey, version?, answers, date_of_birth}` → 201
//!   `{code, expires_at}`. The code is random (see `tell_once_engine::handoff`); only its
//!   SHA-256 is stored, with a salted SHA-256 of the date of birth, never the date itself.
//! - `POST /handoff/v1/resume` `{code, date_of_birth}` → 200 with the answers; 404 when no save
//!   has that code *and* date of birth (the same reply either way, so a guess does not learn
//!   that a code exists); 410 when both are right but the save expired; 429 with
//!   `Retry-After` after too many failures for the code or from the client.
//! - `GET /adviser`, `POST /adviser`: a server-rendered page with the same checks and limits.
//!
//! Nothing here logs a code, a date of birth or an answer.

use super::check::problem;
use super::{cookie, errors, faults};
use crate::store::{self, Store};
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tell_once_engine::handoff::{Code, CodeError, RANDOM_LENGTH};
use tell_once_engine::navigate::Plan;
use tell_once_engine::read::{At, FromJson};
use tell_once_engine::validate::{Env, NoPatterns};
use tell_once_engine::{Answers, Date, Journey};

pub const SAVES: &str = "/handoff/v1/saves";
pub const RESUME: &str = "/handoff/v1/resume";
pub const ADVISER: &str = "/adviser";
/// For tests only (`serve --faults`): makes a save expire now.
pub const EXPIRE: &str = "/demo/handoff/expire";

/// How long a save lasts unless configured otherwise: 30 days.
pub const DEFAULT_TTL_MS: i64 = 30 * 24 * 3600 * 1000;
/// Failures counted within this window: 15 minutes.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failed tries of one code within the window before it is locked for the rest of it.
pub const PER_CODE: usize = 5;
/// Failed tries from one client within the window before it is refused for the rest of it.
pub const PER_CLIENT: usize = 10;
/// The largest body accepted: answers are text, and a journey has at most a few hundred.
const MAX_BODY: usize = 256 * 1024;

/// Milliseconds since the Unix epoch: the real clock, or a test's.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// How the hand-off API is set up.
#[derive(Clone)]
pub struct Config {
    pub ttl_ms: i64,
    pub clock: Clock,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            ttl_ms: DEFAULT_TTL_MS,
            clock: Arc::new(store::now_ms),
        }
    }
}

#[derive(Clone)]
struct Handoff {
    store: Store,
    /// The served journeys by id (read once from `dist/journeys` when the routes are made), for
    /// the adviser's question labels.
    journeys: Arc<HashMap<String, Journey>>,
    config: Config,
    limits: Arc<Mutex<Limits>>,
    /// With `--faults`: a request's `demo_faults` scope is part of who the client is, so that
    /// tests running side by side from one address do not share a limit.
    scoped: bool,
}

/// The hand-off routes, their state their own. `scoped` is set with `--faults`, which also adds
/// `/demo/handoff/expire`.
pub fn routes<S: Clone + Send + Sync + 'static>(
    store: Store,
    journeys: PathBuf,
    config: Config,
    scoped: bool,
) -> Router<S> {
    let handoff = Handoff {
        store,
        journeys: Arc::new(journeys_in(&journeys)),
        config,
        limits: Arc::default(),
        scoped,
    };
    let mut router = Router::new()
        .route(SAVES, post(save))
        .route(RESUME, post(resume))
        .route(ADVISER, get(adviser_form).post(adviser_lookup));
    if scoped {
        router = router.route(EXPIRE, post(expire));
    }
    router.with_state(handoff)
}

// ---------------------------------------------------------------------------------------------
// Rate limits

/// Recent failures per code (by hash) and per client, in memory: a real deployment on several
/// servers keeps them where all can see them.
#[derive(Default)]
struct Limits {
    failures: HashMap<String, Vec<i64>>,
}

impl Limits {
    /// Seconds until the code and the client may try again, if either has used up its
    /// failures for the window.
    fn wait(&mut self, code: &str, client: &str, now: i64) -> Option<u64> {
        let mut longest = None;
        for (key, limit) in [(code_key(code), PER_CODE), (client_key(client), PER_CLIENT)] {
            let times = self.failures.entry(key).or_default();
            times.retain(|t| now - t < WINDOW_MS);
            if times.len() >= limit {
                let oldest = times.iter().min().copied().unwrap_or(now);
                let seconds = ((oldest + WINDOW_MS - now) as u64).div_ceil(1000).max(1);
                longest = longest.max(Some(seconds));
            }
        }
        self.failures.retain(|_, times| !times.is_empty());
        longest
    }

    fn fail(&mut self, code: &str, client: &str, now: i64) {
        for key in [code_key(code), client_key(client)] {
            self.failures.entry(key).or_default().push(now);
        }
    }
}

fn code_key(code_hash: &str) -> String {
    format!("code:{code_hash}")
}

fn client_key(client: &str) -> String {
    format!("client:{client}")
}

impl Handoff {
    /// Who is asking: the client's address, and with `--faults` its test scope.
    fn client(&self, request: &axum::http::request::Parts) -> String {
        let address = request
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".into());
        match cookie(&request.headers, faults::COOKIE).filter(|_| self.scoped) {
            Some(scope) => format!("{address}/{scope}"),
            None => address,
        }
    }

    fn limits(&self) -> std::sync::MutexGuard<'_, Limits> {
        self.limits
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn now(&self) -> i64 {
        (self.config.clock)()
    }
}

// ---------------------------------------------------------------------------------------------
// Hashing and randomness

fn sha256_hex(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// What a code is stored and looked up under.
fn code_hash(code: &Code) -> String {
    sha256_hex(&["tell-once handoff code", code.as_str()])
}

fn dob_hash(salt: &str, dob: Date) -> String {
    sha256_hex(&["tell-once handoff date of birth", salt, &dob.to_string()])
}

fn random_code() -> Result<Code, getrandom::Error> {
    let mut bytes = [0u8; RANDOM_LENGTH * 4];
    getrandom::fill(&mut bytes)?;
    Ok(Code::from_random(std::array::from_fn(|i| {
        u32::from_le_bytes([
            bytes[4 * i],
            bytes[4 * i + 1],
            bytes[4 * i + 2],
            bytes[4 * i + 3],
        ])
    })))
}

fn random_salt() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A time as ISO 8601 in UTC, to the second: `2026-12-23T10:04:05Z`.
fn iso_time(ms: i64) -> String {
    let seconds = ms.div_euclid(1000);
    let date = Date::from_days_since_epoch(seconds.div_euclid(86_400));
    let of_day = seconds.rem_euclid(86_400);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}

// ---------------------------------------------------------------------------------------------
// What is looked up, and why it may be refused

/// Why a code and date of birth give no answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// No save has this code with this date of birth (which of the two is wrong is not said).
    NotFound,
    /// Code and date of birth are right, but the save expired and its answers are gone.
    Expired,
    /// Too many failures for this code or from this client: wait this many seconds.
    TooMany(u64),
    Unavailable,
}

impl Refusal {
    fn status(self) -> StatusCode {
        match self {
            Refusal::NotFound => StatusCode::NOT_FOUND,
            Refusal::Expired => StatusCode::GONE,
            Refusal::TooMany(_) => StatusCode::TOO_MANY_REQUESTS,
            Refusal::Unavailable => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn reason(self) -> &'static str {
        match self {
            Refusal::NotFound => "not_found",
            Refusal::Expired => "expired",
            Refusal::TooMany(_) => "too_many_attempts",
            Refusal::Unavailable => "unavailable",
        }
    }

    /// What the person or adviser is told; `ttl_ms` is how long this server keeps a save.
    fn message(self, ttl_ms: i64) -> String {
        match self {
            Refusal::NotFound => "We could not find saved answers with this reference code and date of birth. Check both and try again".into(),
            Refusal::Expired => format!("This reference code has expired: saved answers are kept for {}. Start again, or contact the service for help", days_in_words(ttl_ms)),
            Refusal::TooMany(seconds) => format!("There have been too many tries with wrong details. Wait {} and try again", wait_in_words(seconds)),
            Refusal::Unavailable => "The saved answers could not be read; try again".into(),
        }
    }
}

fn days_in_words(ms: i64) -> String {
    match (ms / 86_400_000).max(1) {
        1 => "1 day".into(),
        days => format!("{days} days"),
    }
}

fn wait_in_words(seconds: u64) -> String {
    let minutes = seconds.div_ceil(60);
    if minutes <= 1 {
        "1 minute".into()
    } else {
        format!("{minutes} minutes")
    }
}

/// Looks up a save by code and date of birth, counting failures and honouring the limits.
fn look_up(
    handoff: &Handoff,
    code: &Code,
    dob: Date,
    client: &str,
) -> Result<store::Handoff, Refusal> {
    let now = handoff.now();
    let hash = code_hash(code);
    if let Some(seconds) = handoff.limits().wait(&hash, client, now) {
        return Err(Refusal::TooMany(seconds));
    }
    let found = handoff
        .store
        .handoff(&hash, now)
        .map_err(|_| Refusal::Unavailable)?;
    match found {
        Some(saved) if saved.dob_hash == dob_hash(&saved.dob_salt, dob) => {
            if saved.answers.is_none() || saved.expires_at <= now {
                Err(Refusal::Expired)
            } else {
                Ok(saved)
            }
        }
        _ => {
            handoff.limits().fail(&hash, client, now);
            Err(Refusal::NotFound)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The JSON API

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SaveBody {
    journey: String,
    #[serde(default)]
    version: Option<String>,
    #[serde(deserialize_with = "tell_once_engine::read::deserialize")]
    answers: Answers,
    date_of_birth: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResumeBody {
    code: String,
    date_of_birth: String,
}

/// The body as JSON of type `T`: 415 unless sent as JSON, 400 when not JSON, 422 when not the
/// right shape.
async fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: axum::body::Body,
    what: &str,
) -> Result<T, Response> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/json"));
    if !is_json {
        return Err(errors(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            vec![problem("", "Send the request as application/json")],
        ));
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return Err(errors(
            StatusCode::PAYLOAD_TOO_LARGE,
            vec![problem("", "The request is larger than 256 KB")],
        ));
    };
    serde_json::from_slice(&bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => errors(
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![problem("", &format!("{what}: {e}"))],
        ),
        _ => errors(
            StatusCode::BAD_REQUEST,
            vec![problem("", &format!("The body is not valid JSON: {e}"))],
        ),
    })
}

fn date_of_birth(text: &str) -> Option<Date> {
    Date::parse_iso(text.trim())
}

const DOB_FORMAT: &str = "Give the date of birth as YYYY-MM-DD, such as 1985-12-10";

/// `POST /handoff/v1/saves`.
async fn save(State(handoff): State<Handoff>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body: SaveBody = match json_body(&parts.headers, body, "The save must be a JSON object with journey, version (optional), answers and date_of_birth").await {
        Ok(body) => body,
        Err(response) => return response,
    };
    let mut problems = Vec::new();
    let well_formed = |id: &str| {
        (1..=100).contains(&id.len())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    if !well_formed(&body.journey) {
        problems.push(problem(
            "journey",
            "Give the journey's id: up to 100 lower-case letters, digits and hyphens",
        ));
    }
    if body
        .version
        .as_deref()
        .is_some_and(|v| v.is_empty() || v.len() > 100 || !v.chars().all(|c| c.is_ascii_graphic()))
    {
        problems.push(problem(
            "version",
            "The version must be up to 100 letters, digits or punctuation, with no spaces",
        ));
    }
    if body.answers.iter().next().is_none() {
        problems.push(problem(
            "answers",
            "There are no answers to save: answer at least one question first",
        ));
    }
    let dob = date_of_birth(&body.date_of_birth);
    if dob.is_none() {
        problems.push(problem("date_of_birth", DOB_FORMAT));
    }
    let Some(dob) = dob.filter(|_| problems.is_empty()) else {
        return errors(StatusCode::UNPROCESSABLE_ENTITY, problems);
    };
    let unavailable = || {
        errors(
            StatusCode::INTERNAL_SERVER_ERROR,
            vec![problem("", "The answers could not be saved; try again")],
        )
    };
    let Ok(answers) = serde_json::to_string(&body.answers) else {
        return unavailable();
    };
    let now = handoff.now();
    let expires_at = now + handoff.config.ttl_ms;
    // A new code until one is free: with 29⁸ codes, a second try is already rare.
    for _ in 0..8 {
        let (Ok(code), Ok(salt)) = (random_code(), random_salt()) else {
            return unavailable();
        };
        let saved = store::Handoff {
            journey: body.journey.clone(),
            version: body.version.clone(),
            answers: Some(answers.clone()),
            dob_hash: dob_hash(&salt, dob),
            dob_salt: salt,
            saved_at: now,
            expires_at,
        };
        match handoff.store.save_handoff(&code_hash(&code), &saved) {
            Ok(true) => {
                return (
                    StatusCode::CREATED,
                    [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
                    Json(json!({ "code": code.to_string(), "expires_at": iso_time(expires_at) })),
                )
                    .into_response()
            }
            Ok(false) => continue,
            Err(_) => return unavailable(),
        }
    }
    unavailable()
}

/// `POST /handoff/v1/resume`.
async fn resume(State(handoff): State<Handoff>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let client = handoff.client(&parts);
    let body: ResumeBody = match json_body(
        &parts.headers,
        body,
        "Send a JSON object with code and date_of_birth",
    )
    .await
    {
        Ok(body) => body,
        Err(response) => return response,
    };
    let code = Code::parse(&body.code);
    let dob = date_of_birth(&body.date_of_birth);
    let mut problems = Vec::new();
    if let Err(error) = &code {
        problems.push(json!({ "field": "code", "message": error.message("en"), "reason": code_reason(error) }));
    }
    if dob.is_none() {
        problems.push(problem("date_of_birth", DOB_FORMAT));
    }
    let (Ok(code), Some(dob)) = (code, dob) else {
        return errors(StatusCode::UNPROCESSABLE_ENTITY, problems);
    };
    let no_store = (header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    match look_up(&handoff, &code, dob, &client) {
        Ok(saved) => {
            let answers: Value = saved
                .answers
                .as_deref()
                .and_then(|a| serde_json::from_str(a).ok())
                .unwrap_or(Value::Null);
            (
                [no_store],
                Json(json!({
                    "journey": saved.journey,
                    "version": saved.version,
                    "answers": answers,
                    "saved_at": iso_time(saved.saved_at),
                    "expires_at": iso_time(saved.expires_at),
                })),
            )
                .into_response()
        }
        Err(refusal) => {
            let mut response = (
                refusal.status(),
                [no_store],
                Json(json!({
                    "reason": refusal.reason(),
                    "errors": [problem("", &refusal.message(handoff.config.ttl_ms))],
                })),
            )
                .into_response();
            if let Refusal::TooMany(seconds) = refusal {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            response
        }
    }
}

/// A code error's name in the API, for a client that words the message itself.
fn code_reason(error: &CodeError) -> &'static str {
    match error {
        CodeError::Empty => "code_empty",
        CodeError::Length(_) => "code_length",
        CodeError::Character(_) => "code_character",
        CodeError::Check => "code_check",
    }
}

/// `POST /demo/handoff/expire` `{code}` (tests only): the save expires now; 204, or 404.
async fn expire(State(handoff): State<Handoff>, body: Bytes) -> Response {
    let code = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v["code"].as_str().and_then(|c| Code::parse(c).ok()));
    let Some(code) = code else {
        return errors(
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![problem("code", "Send {\"code\": \"…\"}")],
        );
    };
    match handoff
        .store
        .expire_handoff(&code_hash(&code), handoff.now())
    {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => errors(StatusCode::NOT_FOUND, vec![problem("code", "No such save")]),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

// ---------------------------------------------------------------------------------------------
// The adviser's page

/// The page's policy: no script at all, only its own inline styles, forms to itself.
const ADVISER_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Text for HTML, every special character escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; font-size: 1.1875rem; line-height: 1.5; color: #0b0c0c; background: #fff; }
  header { background: #0b0c0c; color: #fff; padding: 0.75rem 1rem; }
  header p { max-width: 40rem; margin: 0 auto; font-weight: 700; }
  main { max-width: 40rem; margin: 0 auto; padding: 2rem 1rem; }
  h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1.5rem; }
  h2 { font-size: 1.5rem; line-height: 1.25; margin: 2rem 0 1rem; }
  p { margin: 0 0 1.25rem; }
  a { color: #1d70b8; }
  a:focus, input:focus, button:focus { outline: 3px solid #fd0; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }
  a:focus { color: #0b0c0c; background: #fd0; box-shadow: 0 -2px #fd0, 0 4px #0b0c0c; text-decoration: none; outline: none; }
  .field { margin: 0 0 1.75rem; }
  .field--error { border-left: 5px solid #d4351c; padding-left: 0.9375rem; }
  label, legend { display: block; font-weight: 700; margin: 0 0 0.3125rem; }
  fieldset { margin: 0; padding: 0; border: 0; }
  legend { padding: 0; }
  .hint { color: #484949; margin: 0 0 0.9375rem; }
  .error-message { color: #d4351c; font-weight: 700; margin: 0 0 0.9375rem; }
  input { font: inherit; box-sizing: border-box; min-height: 2.5rem; padding: 0.3125rem; border: 2px solid #0b0c0c; border-radius: 0; }
  .input--error { border-color: #d4351c; }
  .code { width: 100%; max-width: 14em; text-transform: uppercase; letter-spacing: 0.05em; }
  .date { display: flex; flex-wrap: wrap; gap: 1.25rem; }
  .date label { font-weight: 400; }
  .date input { width: 3.5em; }
  .date .year { width: 5em; }
  button { font: inherit; font-weight: 600; color: #fff; background: #00703c; border: 2px solid transparent; border-radius: 0; box-shadow: 0 2px 0 #002d18; padding: 0.5rem 1rem; min-height: 2.75rem; cursor: pointer; }
  button:hover { background: #005a30; }
  button:focus { color: #0b0c0c; background: #fd0; box-shadow: 0 2px 0 #0b0c0c; }
  .error-summary { border: 5px solid #d4351c; padding: 1rem; margin: 0 0 2rem; }
  .error-summary h2 { margin-top: 0; }
  .error-summary ul { margin: 0; padding: 0; list-style: none; }
  .error-summary a { color: #d4351c; font-weight: 700; }
  .summary-list { margin: 0 0 2rem; }
  .summary-list div { border-bottom: 1px solid #b1b4b6; padding: 0.75rem 0; }
  .summary-list dt { font-weight: 700; margin: 0 0 0.3125rem; }
  .summary-list dd { margin: 0; }
  .meta dd { margin: 0 0 0.5rem; }
  .visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; }
  @media (forced-colors: active) { .error-summary, .field--error { border-color: CanvasText; } }
"#;

fn page(title: &str, main: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<header><p>Tell Once: adviser view</p></header>
<main id="main">
{main}
</main>
</body>
</html>
"#,
        title = escape(title)
    )
}

fn html_reply(status: StatusCode, html: String, retry_after: Option<u64>) -> Response {
    let mut response = (
        status,
        [
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(ADVISER_POLICY),
            ),
        ],
        Html(html),
    )
        .into_response();
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// What the adviser typed, to show it back, and the error for each field.
#[derive(Default)]
struct Typed {
    code: String,
    day: String,
    month: String,
    year: String,
    code_error: Option<String>,
    dob_error: Option<String>,
}

fn form(typed: &Typed, problem: Option<&str>) -> String {
    let mut html = String::new();
    let mut summary = Vec::new();
    if let Some(message) = problem {
        summary.push(("code", message.to_string()));
    }
    if let Some(message) = &typed.code_error {
        summary.push(("code", message.clone()));
    }
    if let Some(message) = &typed.dob_error {
        summary.push(("dob-day", message.clone()));
    }
    let title = if summary.is_empty() {
        "Look up saved answers"
    } else {
        "Error: Look up saved answers"
    };
    if !summary.is_empty() {
        html.push_str(r#"<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1"><h2 id="error-summary-title">There is a problem</h2><ul>"#);
        for (field, message) in &summary {
            let _ = write!(
                html,
                r##"<li><a href="#{field}">{}</a></li>"##,
                escape(message)
            );
        }
        html.push_str("</ul></div>");
    }
    html.push_str(r#"<h1>Look up saved answers</h1>
<p>Ask the person for the reference code they were given when they saved their answers, and for their date of birth. You will see their answers to read; you cannot change them.</p>
<form method="post" action="/adviser" novalidate>"#);
    let code_invalid = typed.code_error.is_some() || problem.is_some();
    let error_p = |id: &str, message: &Option<String>| {
        message
            .as_ref()
            .map(|m| {
                format!(
                    r#"<p id="{id}" class="error-message"><span class="visually-hidden">Error:</span> {}</p>"#,
                    escape(m)
                )
            })
            .unwrap_or_default()
    };
    let code_message = typed
        .code_error
        .clone()
        .or_else(|| problem.map(str::to_string));
    let _ = write!(
        html,
        r#"<div class="field{group}"><label for="code">Reference code</label><p id="code-hint" class="hint">9 letters and numbers, like {example}</p>{error}<input class="code{input}" id="code" name="code" type="text" spellcheck="false" autocomplete="off" autocapitalize="characters" aria-describedby="code-hint{described}"{invalid} value="{value}"></div>"#,
        group = if code_invalid { " field--error" } else { "" },
        example = tell_once_engine::handoff::EXAMPLE,
        error = error_p("code-error", &code_message),
        input = if code_invalid { " input--error" } else { "" },
        described = if code_invalid { " code-error" } else { "" },
        invalid = if code_invalid {
            r#" aria-invalid="true""#
        } else {
            ""
        },
        value = escape(&typed.code),
    );
    let dob_invalid = typed.dob_error.is_some();
    let part = |id: &str, name: &str, label: &str, value: &str, class: &str| {
        format!(
            r#"<div><label for="{id}">{label}</label><input class="{class}{error}" id="{id}" name="{name}" type="text" inputmode="numeric" autocomplete="off"{invalid} value="{value}"></div>"#,
            error = if dob_invalid { " input--error" } else { "" },
            invalid = if dob_invalid {
                r#" aria-invalid="true""#
            } else {
                ""
            },
            value = escape(value),
        )
    };
    let _ = write!(
        html,
        r#"<div class="field{group}"><fieldset role="group" aria-describedby="dob-hint{described}"><legend>Their date of birth</legend><p id="dob-hint" class="hint">For example, 27 3 1985</p>{error}<div class="date">{day}{month}{year}</div></fieldset></div>"#,
        group = if dob_invalid { " field--error" } else { "" },
        described = if dob_invalid { " dob-error" } else { "" },
        error = error_p("dob-error", &typed.dob_error),
        day = part("dob-day", "day", "Day", &typed.day, "day"),
        month = part("dob-month", "month", "Month", &typed.month, "month"),
        year = part("dob-year", "year", "Year", &typed.year, "year"),
    );
    html.push_str(r#"<button type="submit">Look up answers</button></form>"#);
    page(title, &html)
}

/// `GET /adviser`: the empty form.
async fn adviser_form() -> Response {
    html_reply(StatusCode::OK, form(&Typed::default(), None), None)
}

/// `POST /adviser`: the answers, or the form again with what is wrong.
async fn adviser_lookup(State(handoff): State<Handoff>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let client = handoff.client(&parts);
    let Ok(bytes) = axum::body::to_bytes(body, 16 * 1024).await else {
        return html_reply(
            StatusCode::PAYLOAD_TOO_LARGE,
            form(&Typed::default(), None),
            None,
        );
    };
    let mut typed = Typed::default();
    for (key, value) in form_urlencoded::parse(&bytes) {
        let value = value.chars().take(40).collect::<String>();
        match key.as_ref() {
            "code" => typed.code = value,
            "day" => typed.day = value,
            "month" => typed.month = value,
            "year" => typed.year = value,
            _ => {}
        }
    }
    let code = Code::parse(&typed.code);
    let number = |text: &str| {
        tell_once_engine::text::western_digits(text.trim())
            .parse::<u32>()
            .ok()
    };
    let dob = match (
        number(&typed.day),
        number(&typed.month),
        number(&typed.year),
    ) {
        (Some(day), Some(month), Some(year)) if (1000..=9999).contains(&year) => {
            Date::new(year as i32, month, day)
        }
        _ => None,
    };
    if let Err(error) = &code {
        typed.code_error = Some(match error {
            CodeError::Empty => "Enter the reference code".to_string(),
            other => other.message("en"),
        });
    }
    if dob.is_none() {
        typed.dob_error = Some(
            if typed.day.trim().is_empty()
                && typed.month.trim().is_empty()
                && typed.year.trim().is_empty()
            {
                "Enter their date of birth"
            } else {
                "Their date of birth must be a real date, like 27 3 1985"
            }
            .to_string(),
        );
    }
    let (Ok(code), Some(dob)) = (code, dob) else {
        return html_reply(StatusCode::UNPROCESSABLE_ENTITY, form(&typed, None), None);
    };
    match look_up(&handoff, &code, dob, &client) {
        Ok(saved) => html_reply(StatusCode::OK, answers_page(&handoff, &code, &saved), None),
        Err(refusal) => {
            let retry = match refusal {
                Refusal::TooMany(seconds) => Some(seconds),
                _ => None,
            };
            html_reply(
                refusal.status(),
                form(&typed, Some(&refusal.message(handoff.config.ttl_ms))),
                retry,
            )
        }
    }
}

/// The journeys among the files in `dir`, by id (files that are not journeys are left out).
fn journeys_in(dir: &std::path::Path) -> HashMap<String, Journey> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return HashMap::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "json"))
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .filter_map(|text| Journey::from_json(&text).ok())
        .map(|journey| (journey.id.clone(), journey))
        .collect()
}

/// The saved answers, read-only: each question's label and answer, as on "Check your answers".
fn answers_page(handoff: &Handoff, code: &Code, saved: &store::Handoff) -> String {
    let answers: Answers = saved
        .answers
        .as_deref()
        .and_then(|a| serde_json::from_str(a).ok())
        .and_then(|a| Answers::from_json(&a, At::Top).ok())
        .unwrap_or_default();
    let found = handoff.journeys.get(&saved.journey);
    let mut rows: Vec<(String, Vec<String>)> = match &found {
        Some(journey) => {
            let today = Date::from_days_since_epoch(handoff.now().div_euclid(86_400_000));
            let env = Env {
                today,
                lang: "en",
                patterns: &NoPatterns,
                answers: None,
            };
            let plan = Plan::new(journey, &answers, env);
            tell_once_engine::summary::rows(journey, &answers, &plan, "en")
                .into_iter()
                .filter(|row| !row.lines.is_empty())
                .map(|row| (row.label, row.lines))
                .collect()
        }
        None => Vec::new(),
    };
    // Without its journey, or for answers no question on the plan shows, the stored keys.
    if rows.is_empty() {
        rows = answers
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.lines().map(str::to_string).collect()))
            .collect();
    }
    let title = found
        .as_ref()
        .map(|j| j.title.tr("en").to_string())
        .unwrap_or_else(|| saved.journey.clone());
    let mut html = String::new();
    let _ = write!(
        html,
        r#"<h1>Saved answers: {title}</h1>
<dl class="summary-list meta">
<div><dt>Reference code</dt><dd>{code}</dd></div>
<div><dt>Saved</dt><dd>{saved_at}</dd></div>
<div><dt>Expires</dt><dd>{expires_at}</dd></div>
</dl>
<p>These are the answers the person saved. This view is read-only: to change an answer, the person resumes online with their code, or you take the change through your usual process.</p>
<h2>Their answers</h2>"#,
        title = escape(&title),
        code = escape(&code.to_string()),
        saved_at =
            Date::from_days_since_epoch(saved.saved_at.div_euclid(86_400_000)).long_form("en"),
        expires_at =
            Date::from_days_since_epoch(saved.expires_at.div_euclid(86_400_000)).long_form("en"),
    );
    if found.is_none() {
        html.push_str("<p>The questions of this journey could not be found, so the answers are listed by their data dictionary key.</p>");
    }
    html.push_str(r#"<dl class="summary-list">"#);
    for (label, lines) in &rows {
        let _ = write!(
            html,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            escape(label),
            lines
                .iter()
                .map(|line| escape(line))
                .collect::<Vec<_>>()
                .join("<br>")
        );
    }
    html.push_str(r#"</dl><p><a href="/adviser">Look up another reference code</a></p>"#);
    page(&format!("Saved answers: {title}"), &html)
}

#[cfg(test)]
mod tests;
