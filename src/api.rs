//! The network edge: fetching journey definitions and calling agencies' APIs, with gloo-net.
//! Every failure becomes a typed problem the pages put in plain words.

use gloo_net::http::{Request, RequestBuilder};
use std::collections::BTreeMap;
use tell_once_engine::catalogue::Catalogue;
use tell_once_engine::definition::Service;
use tell_once_engine::dictionary::Dictionary;
use tell_once_engine::mapping::{self, Canonical, MappingError};
use tell_once_engine::{DefinitionError, Journey};

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
    check_journey(url, &text, &mut BTreeMap::new()).await
}

/// Fetches a catalogue and every journey in it. The journeys are fetched at the same time (one
/// round trip, not one each, on a slow network); a dictionary they share is fetched once.
pub async fn fetch_catalogue(url: &str) -> Result<(Catalogue, Vec<Journey>), LoadProblem> {
    let text = fetch_text(url).await?;
    let catalogue = Catalogue::from_json(&text).map_err(|e| definition_problem(url, e))?;
    let urls: Vec<String> = catalogue
        .journeys
        .iter()
        .map(|relative| resolve(relative, url))
        .collect();
    let texts = futures::future::join_all(urls.iter().map(|url| fetch_text(url))).await;
    let mut dictionaries = BTreeMap::new();
    let mut journeys = Vec::with_capacity(urls.len());
    for (journey_url, text) in urls.iter().zip(texts) {
        journeys.push(check_journey(journey_url, &text?, &mut dictionaries).await?);
    }
    Ok((catalogue, journeys))
}

async fn check_journey(
    url: &str,
    text: &str,
    dictionaries: &mut BTreeMap<String, Dictionary>,
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
        kind: LoadProblemKind::Definition(match error {
            DefinitionError::Problems(problems) => {
                problems.iter().map(ToString::to_string).collect()
            }
            other => vec![other.to_string()],
        }),
    }
}

async fn fetch_text(url: &str) -> Result<String, LoadProblem> {
    let problem = |kind| LoadProblem {
        url: url.to_string(),
        kind,
    };
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| problem(LoadProblemKind::Network(e.to_string())))?;
    if !response.ok() {
        return Err(problem(LoadProblemKind::Status(response.status())));
    }
    response
        .text()
        .await
        .map_err(|e| problem(LoadProblemKind::Network(e.to_string())))
}

/// A URL relative to another (the dictionary beside its journey), as the browser resolves it.
fn resolve(relative: &str, base: &str) -> String {
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    web_sys::Url::new_with_base(base, &page)
        .and_then(|base| web_sys::Url::new_with_base(relative, &base.href()))
        .map(|url| url.href())
        .unwrap_or_else(|_| relative.to_string())
}

/// Why a service did not receive the answers.
#[derive(Debug, Clone, PartialEq)]
pub enum SendProblem {
    /// The journey's connector could not be filled in: a fault in the journey, not the person's.
    Mapping(MappingError),
    /// No answer from the agency: offline, or the agency is unreachable.
    Network,
    /// The agency answered with an error status, and what it said.
    Rejected { status: u16, detail: String },
    /// The agency accepted the request but its reply had no reference.
    Reply(MappingError),
}

/// Sends the answers to one service's agency and returns the reference it gives.
pub async fn send(service: &Service, answers: &Canonical) -> Result<String, SendProblem> {
    let request = mapping::request_for(service, answers).map_err(SendProblem::Mapping)?;
    let builder = match request.method.as_str() {
        "PUT" => Request::put(&request.url),
        "PATCH" => Request::patch(&request.url),
        _ => Request::post(&request.url),
    };
    let response = with_headers(builder, request.content_type)
        .body(request.body)
        .map_err(|_| SendProblem::Network)?
        .send()
        .await
        .map_err(|_| SendProblem::Network)?;
    let status = response.status();
    let reply = response.text().await.unwrap_or_default();
    if !(200..300).contains(&status) {
        return Err(SendProblem::Rejected {
            status,
            detail: agency_problems(&reply),
        });
    }
    mapping::reference_from(&service.connector, &reply).map_err(SendProblem::Reply)
}

fn with_headers(builder: RequestBuilder, content_type: &str) -> RequestBuilder {
    builder
        .header("Content-Type", content_type)
        .header("Accept", "application/json")
}

/// What an agency said was wrong, if its reply lists problems as `{"errors":[{"field","message"}]}`.
fn agency_problems(reply: &str) -> String {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(reply) else {
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
