//! The network edge: fetching journey definitions (the browser's `fetch`, or the loader's early
//! reply) and calling agencies' APIs (gloo-net).
//! Every failure becomes a typed problem the pages put in plain words.

use gloo_net::http::Request;
use std::cell::RefCell;
use tell_once_engine::catalogue::Catalogue;
use tell_once_engine::definition::Service;
use tell_once_engine::delivery::{Delivery, Reply};
use tell_once_engine::dictionary::Dictionary;
use tell_once_engine::mapping::AgencyRequest;
use tell_once_engine::ordered::Map;
use tell_once_engine::outbox::{self, RetryPolicy};
use tell_once_engine::{DefinitionError, Journey};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a journey definition could not be used: which file, and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadProblem {
    pub url: String,
    pub kind: LoadProblemKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LoadProblemKind {
    Network(String),
    Status(u16),
    /// Everything wrong with the file, each naming where.
    Definition(Vec<String>),
}

impl LoadProblem {
    /// True when trying again may help (the file could not be fetched).
    pub fn is_transient(&self) -> bool {
        !matches!(self.kind, LoadProblemKind::Definition(_))
    }
}

/// Fetches a journey and its dictionary, and checks the journey against it.
pub async fn fetch_journey(url: &str) -> Result<Journey, LoadProblem> {
    let text = fetch_text(url).await?;
    check_journey(url, &text, &mut Map::new()).await
}

/// Fetches a catalogue and every journey in it. The journeys are fetched at the same time (one
/// round trip, not one each, on a slow network): every request is sent before the first reply
/// is awaited. A dictionary they share is fetched once.
pub async fn fetch_catalogue(url: &str) -> Result<(Catalogue, Vec<Journey>), LoadProblem> {
    let text = fetch_text(url).await?;
    let catalogue = Catalogue::from_json(&text).map_err(|e| definition_problem(url, e))?;
    let urls: Vec<String> = catalogue
        .journeys
        .iter()
        .map(|relative| resolve(relative, url))
        .collect();
    let sent: Vec<Fetch> = urls.iter().map(|url| Fetch::start(url)).collect();
    let mut dictionaries = Map::new();
    let mut journeys = Vec::with_capacity(urls.len());
    for (journey_url, fetch) in urls.iter().zip(sent) {
        let text = fetch.text(journey_url).await?;
        journeys.push(check_journey(journey_url, &text, &mut dictionaries).await?);
    }
    Ok((catalogue, journeys))
}

async fn check_journey(
    url: &str,
    text: &str,
    dictionaries: &mut Map<Dictionary>,
) -> Result<Journey, LoadProblem> {
    let journey = Journey::parse(text).map_err(|e| definition_problem(url, e))?;
    let Some(relative) = journey.dictionary.clone() else {
        return journey
            .checked(None)
            .map_err(|e| definition_problem(url, e));
    };
    let dictionary_url = resolve(&relative, url);
    if !dictionaries.contains_key(&dictionary_url) {
        let text = fetch_text(&dictionary_url).await?;
        let dictionary =
            Dictionary::from_json(&text).map_err(|e| definition_problem(&dictionary_url, e))?;
        dictionaries.insert(dictionary_url.clone(), dictionary);
    }
    journey
        .checked(dictionaries.get(&dictionary_url))
        .map_err(|e| definition_problem(url, e))
}

fn definition_problem(url: &str, error: DefinitionError) -> LoadProblem {
    LoadProblem {
        url: url.to_string(),
        kind: LoadProblemKind::Definition(error.each()),
    }
}

thread_local! {
    /// The loader's way to the files it started fetching before the WebAssembly ran (its
    /// `takeEarly`, in loader/tell-once.js): given an absolute address, a promise of the reply
    /// as the loader read it, `{ status, text }` (text null unless the status is a success),
    /// or undefined.
    static EARLY_REPLIES: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Keeps the loader's way to its early replies, so that [`fetch_text`] takes a file the
/// loader has fetched (or is fetching) rather than asking the network again.
pub fn use_early_replies(take: js_sys::Function) {
    EARLY_REPLIES.with_borrow_mut(|early| *early = Some(take));
}

/// The reply the loader fetched early for `url`, if it has one.
fn early_reply(url: &str) -> Option<js_sys::Promise> {
    let href = absolute(url)?;
    EARLY_REPLIES.with_borrow(|take| {
        take.as_ref()?
            .call1(&JsValue::NULL, &href.into())
            .ok()?
            .dyn_into()
            .ok()
    })
}

thread_local! {
    /// The loader's way to each language's words (its `wordsOf`, in loader/tell-once.js): given
    /// a language code, a promise of the file's text, or undefined for a language it has no
    /// file for (English is compiled in).
    static WORDS: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Keeps the loader's way to the languages' words.
pub fn use_words(words: js_sys::Function) {
    WORDS.with_borrow_mut(|w| *w = Some(words));
}

/// The words file of `lang`, fetched (or waited for); none when there is no such file or it
/// could not be fetched.
pub async fn fetch_words(lang: &str) -> Option<String> {
    let reply = WORDS.with_borrow(|words| {
        let reply = words.as_ref()?.call1(&JsValue::NULL, &lang.into()).ok()?;
        reply.dyn_into::<js_sys::Promise>().ok()
    })?;
    file_text(&JsFuture::from(reply).await.ok()?)
}

/// Fetches a file as text: the loader's early fetch of it if it made one, else a request of
/// this page's own.
async fn fetch_text(url: &str) -> Result<String, LoadProblem> {
    Fetch::start(url).text(url).await
}

/// A file on its way. Its request is sent when it starts (`fetch` sends at once), so files
/// started one after another travel at the same time, whichever is awaited first.
enum Fetch {
    /// The loader's reply, `{ status, text }`, text null unless the status is a success.
    Early(JsFuture),
    /// `fetch`'s promise of a `Response`.
    Sent(JsFuture),
}

impl Fetch {
    fn start(url: &str) -> Fetch {
        if let Some(reply) = early_reply(url) {
            return Fetch::Early(JsFuture::from(reply));
        }
        // A promise that fails at once, when there is no window to fetch with (never on a page).
        let sent = web_sys::window()
            .map(|window| window.fetch_with_str(url))
            .unwrap_or_else(|| js_sys::Promise::reject(&"the request failed".into()));
        Fetch::Sent(JsFuture::from(sent))
    }

    async fn text(self, url: &str) -> Result<String, LoadProblem> {
        let problem = |kind| LoadProblem {
            url: url.to_string(),
            kind,
        };
        let network = |e: JsValue| problem(LoadProblemKind::Network(js_error_text(&e)));
        match self {
            Fetch::Early(reply) => {
                let read = reply.await.map_err(network)?;
                let field =
                    |name: &str| js_sys::Reflect::get(&read, &name.into()).unwrap_or_default();
                match file_text(&field("text")) {
                    Some(text) => Ok(text),
                    None => Err(problem(LoadProblemKind::Status(
                        field("status").as_f64().unwrap_or_default() as u16,
                    ))),
                }
            }
            Fetch::Sent(response) => {
                let response: web_sys::Response = response.await.map_err(network)?.unchecked_into();
                if !response.ok() {
                    return Err(problem(LoadProblemKind::Status(response.status())));
                }
                let text = JsFuture::from(response.text().map_err(network)?)
                    .await
                    .map_err(network)?;
                Ok(file_text(&text).unwrap_or_default())
            }
        }
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    /// `text`'s UTF-8 bytes (a lone surrogate becomes U+FFFD, so they are always UTF-8).
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsValue) -> js_sys::Uint8Array;
}

/// A JavaScript string as Rust's, for a whole file: the browser encodes it and copies the bytes
/// in at once, where wasm-bindgen's own `as_string` copies it a character at a time in
/// JavaScript (with the 193 KB journey of the bench's 2,000 options, the page was ready 7 to
/// 16 ms sooner in three interleaved runs, medians of 11 to 15). Only here, for files: the
/// other strings the app takes from the page are short. None when `value` is not a string.
/// Should the bytes not be UTF-8 (a host page may have replaced `TextEncoder`), the string is
/// copied the usual way.
fn file_text(value: &JsValue) -> Option<String> {
    if !value.is_string() {
        return None;
    }
    String::from_utf8(TextEncoder::new().encode(value).to_vec())
        .ok()
        .or_else(|| value.as_string())
}

/// What a failed `fetch` says, as gloo-net words it ("TypeError: Failed to fetch").
fn js_error_text(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.to_string()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the request failed".to_string())
}

/// `url` as `fetch` reads it on this page: against the document's base address.
fn absolute(url: &str) -> Option<String> {
    let base = web_sys::window()?.document()?.base_uri().ok()??;
    web_sys::Url::new_with_base(url, &base)
        .ok()
        .map(|url| url.href())
}

/// A URL relative to another (the dictionary beside its journey), as the browser resolves it.
fn resolve(relative: &str, base: &str) -> String {
    absolute(base)
        .and_then(|base| web_sys::Url::new_with_base(relative, &base).ok())
        .map(|url| url.href())
        .unwrap_or_else(|| relative.to_string())
}

/// How long one request to an agency may take before it counts as no reply (and is retried).
const REQUEST_TIMEOUT_MS: u32 = 20_000;

/// Sends one service's request, retrying failures that may pass (see the engine's
/// [`outbox::deliver_retrying`]: the policy is there; here are only fetch, a timer, the
/// browser's randomness for jitter, and whether it is online), and follows it if the agency
/// answers 202.
pub async fn deliver_retrying(service: &Service, request: AgencyRequest) -> Delivery {
    outbox::deliver_retrying(
        &service.connector,
        request,
        send,
        sleep_ms,
        &RetryPolicy::default(),
        js_sys::Math::random,
        crate::browser::online,
    )
    .await
    .delivery
}

/// One HTTP request; an error means no reply at all (offline, refused, blocked by CORS, cut
/// off before the reply was complete, or no reply within [`REQUEST_TIMEOUT_MS`]).
async fn send(request: AgencyRequest) -> Result<Reply, ()> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let builder = match request.method.as_str() {
        "GET" => Request::get(&request.url),
        "PUT" => Request::put(&request.url),
        "PATCH" => Request::patch(&request.url),
        _ => Request::post(&request.url),
    };
    let builder = request
        .headers
        .iter()
        .fold(
            builder.header("Accept", "application/json"),
            |b, (name, value)| b.header(name, value),
        )
        .abort_signal(signal.as_ref());
    let exchange = async {
        let response = match request.body {
            Some(body) => builder.body(body).map_err(|_| ())?.send().await,
            None => builder.send().await,
        }
        .map_err(|_| ())?;
        let now = (js_sys::Date::now() / 1000.0) as i64;
        Ok(Reply {
            status: response.status(),
            location: response.headers().get("location"),
            retry_after: response
                .headers()
                .get("retry-after")
                .and_then(|h| outbox::retry_after_seconds(&h, now)),
            // A reply cut off half way is no reply: the agency may have the request, and the
            // same idempotency key makes sending it again safe.
            body: response.text().await.map_err(|_| ())?,
        })
    };
    within(REQUEST_TIMEOUT_MS, controller, exchange)
        .await
        .unwrap_or(Err(()))
}

/// Runs `work`, giving up after `ms` (its request is then aborted): `None`.
async fn within<T>(
    ms: u32,
    controller: Option<web_sys::AbortController>,
    work: impl std::future::Future<Output = T>,
) -> Option<T> {
    let timeout = sleep_ms(ms);
    futures::pin_mut!(work, timeout);
    match futures::future::select(work, timeout).await {
        futures::future::Either::Left((done, _)) => Some(done),
        futures::future::Either::Right(_) => {
            if let Some(controller) = controller {
                controller.abort();
            }
            None
        }
    }
}

/// Waits, without blocking the page.
async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u32) as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Why the person's record could not be fetched: shown only as "not available just now".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileProblem {
    Network,
    Status(u16),
    TimedOut,
}

/// Fetches a signed-in person's profile from an agency, with their cookies, giving up after
/// `timeout_seconds` (the request is then aborted).
pub async fn fetch_profile(url: &str, timeout_seconds: u32) -> Result<String, ProfileProblem> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let fetch = async {
        let response = Request::get(url)
            .header("Accept", "application/json")
            .credentials(web_sys::RequestCredentials::Include)
            .abort_signal(signal.as_ref())
            .send()
            .await
            .map_err(|_| ProfileProblem::Network)?;
        if !response.ok() {
            return Err(ProfileProblem::Status(response.status()));
        }
        response.text().await.map_err(|_| ProfileProblem::Network)
    };
    within(timeout_seconds.saturating_mul(1000), controller, fetch)
        .await
        .unwrap_or(Err(ProfileProblem::TimedOut))
}

/// Why the customer-experience survey could not be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackProblem {
    /// No reply: offline, refused, or cut off.
    Network,
    /// The server refused it, or failed.
    Status(u16),
}

/// Sends the answers to the customer-experience survey. `body` is built by the survey
/// (journey id, version, ratings and comment only); nothing about the person is added here:
/// no credentials, no idempotency key, no reference.
pub async fn post_feedback(url: &str, body: String) -> Result<(), FeedbackProblem> {
    let response = Request::post(url)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .credentials(web_sys::RequestCredentials::Omit)
        .body(body)
        .map_err(|_| FeedbackProblem::Network)?
        .send()
        .await
        .map_err(|_| FeedbackProblem::Network)?;
    if response.ok() {
        Ok(())
    } else {
        Err(FeedbackProblem::Status(response.status()))
    }
}
