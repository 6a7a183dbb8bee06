//! Answers → the request each agency's existing API expects, and its reply → a reference.
//! Templates name dictionary keys in braces: `"{person.name.given}"`.

use crate::answers::Answers;
use crate::conditions::holds;
use crate::definition::{Body, Connector, Journey, Service};
use crate::field;
use crate::locales;
use crate::navigate::Plan;
use crate::outbox::IDEMPOTENCY_KEY;
use crate::read::{At, Fields, FromJson, Placeholder, Read};
use crate::repeat;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use thiserror::Error;

/// The canonical answers of a whole journey: key → clean value, as agencies receive them
/// (text, ISO dates, numbers, booleans, lists; null when not answered).
pub type Canonical = BTreeMap<String, serde_json::Value>;

pub fn canonical_answers(journey: &Journey, answers: &Answers) -> Canonical {
    let mut canonical = Canonical::new();
    for page in &journey.pages {
        for question in repeat::asked_questions(page, answers).iter() {
            canonical.extend(field::canonical(question, answers));
        }
        canonical.extend(repeat::canonical_group(page, answers));
    }
    canonical
}

/// The canonical answers to send, from the journey's plan: the answers of pages no longer
/// asked (an earlier answer changed), and of questions whose own `show_if` does not hold, are
/// left out, as null.
pub fn answers_to_send(journey: &Journey, answers: &Answers, plan: &Plan) -> Canonical {
    let situation = plan.situation();
    let mut not_asked = Vec::new();
    for (page, shown) in journey.pages.iter().zip(&plan.shown) {
        for question in repeat::asked_questions(page, answers).iter() {
            if !shown || !holds(question.show_if.as_deref(), &situation) {
                not_asked.extend(field::answer_keys(question));
            }
        }
        if !shown {
            not_asked.extend(repeat::page_keys(page));
        }
    }
    let mut canonical = plan.canonical.clone();
    for key in not_asked {
        canonical.insert(key, serde_json::Value::Null);
    }
    canonical
}

/// One HTTP request to an agency. Kept in a draft's outbox until the agency has it, so it can
/// be sent again, unchanged, after a reload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyRequest {
    pub method: String,
    pub url: String,
    /// Content-Type first when there is a body, then the connector's own headers.
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

impl FromJson for AgencyRequest {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::kept(value, at, "struct AgencyRequest")?;
        f.done(AgencyRequest {
            method: f.needed("method"),
            url: f.needed("url"),
            headers: f.needed("headers"),
            body: f.optional("body"),
        })
    }
}

impl AgencyRequest {
    /// A GET of a status URL, with the connector's own headers (an API key, a version). Not
    /// the body's type, nor the idempotency key: that names the change sent, not a question
    /// about how it is going.
    pub fn get(url: &str, headers: &[(String, String)]) -> AgencyRequest {
        AgencyRequest {
            method: "GET".into(),
            url: url.to_string(),
            headers: headers
                .iter()
                .filter(|(name, _)| {
                    !name.eq_ignore_ascii_case("content-type")
                        && !name.eq_ignore_ascii_case(IDEMPOTENCY_KEY)
                })
                .cloned()
                .collect(),
            body: None,
        }
    }
}

/// Why a request could not be built, or a reply read. As JSON, tagged by `error` with the key,
/// message or pointer as `detail` (`{"error":"unanswered","detail":"move.date"}`).
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[serde(tag = "error", content = "detail", rename_all = "snake_case")]
pub enum MappingError {
    #[error("the request needs \"{0}\", which was not answered")]
    Unanswered(String),
    #[error("the reply was not JSON: {0}")]
    ReplyNotJson(String),
    #[error("the reply had no reference number at {0}")]
    NoReference(String),
}

impl Placeholder for MappingError {
    fn placeholder() -> Self {
        MappingError::Unanswered(String::new())
    }
}

impl MappingError {
    /// The error from its `error` tag and `detail`, as it is written: what the outbox's reader
    /// ([`crate::delivery::SendProblem`]) gives, having read the two fields flat.
    pub(crate) fn from_parts(error: &str, detail: String) -> Result<MappingError, String> {
        match error {
            "unanswered" => Ok(MappingError::Unanswered(detail)),
            "reply_not_json" => Ok(MappingError::ReplyNotJson(detail)),
            "no_reference" => Ok(MappingError::NoReference(detail)),
            other => Err(format!(
                "unknown variant `{other}`, expected one of `unanswered`, `reply_not_json`, \
                 `no_reference`"
            )),
        }
    }

    /// What went wrong in `lang`, to put in a sentence to the person (in English, the same
    /// as its `Display`). A reply with no status URL to follow ([`crate::delivery`]) is said
    /// in the language too.
    pub fn message(&self, lang: &str) -> String {
        match self {
            MappingError::Unanswered(key) => {
                locales::message(lang, "mapping.unanswered", &[("key", key)])
            }
            MappingError::ReplyNotJson(detail) => {
                locales::message(lang, "mapping.reply_not_json", &[("detail", detail)])
            }
            MappingError::NoReference(at) => {
                let at = match at.strip_suffix(NO_STATUS_URL) {
                    Some(place) => {
                        let place = match place {
                            LOCATION_HEADER => locales::text(lang, "mapping.location_header"),
                            pointer => pointer,
                        };
                        locales::message(lang, "mapping.no_status_url", &[("at", place)])
                    }
                    None => at.clone(),
                };
                locales::message(lang, "mapping.no_reference", &[("at", &at)])
            }
        }
    }
}

/// How [`crate::delivery`] says, in the detail of [`MappingError::NoReference`] (kept in
/// drafts, so in English), that a 202 reply gave no status URL, and where it looked.
pub(crate) const NO_STATUS_URL: &str = " (no status URL to follow)";
pub(crate) const LOCATION_HEADER: &str = "the Location header";

/// The placeholder for an agency's base URL in a connector's or prefill's URL.
pub const AGENCY_BASE: &str = "{agency_base}";

/// Builds the request for a service from the canonical answers; `base` is the agency's base
/// URL (see [`Journey::agency_base`]).
pub fn request_for(
    service: &Service,
    answers: &Canonical,
    base: &str,
) -> Result<AgencyRequest, MappingError> {
    let connector = &service.connector;
    let (content_type, body) = match &connector.body {
        Body::Json(template) => (
            "application/json",
            fill_json(template, answers)?.to_string(),
        ),
        Body::Form(fields) => {
            let mut form = form_urlencoded::Serializer::new(String::new());
            for (name, template) in fields {
                form.append_pair(name, &fill(template, answers)?);
            }
            ("application/x-www-form-urlencoded", form.finish())
        }
    };
    let mut headers = vec![("Content-Type".to_string(), content_type.to_string())];
    for (name, template) in &connector.headers {
        headers.push((name.clone(), fill(template, answers)?));
    }
    Ok(AgencyRequest {
        method: connector.method.clone(),
        url: fill(&with_base(&connector.url, base), answers)?,
        headers,
        body: Some(body),
    })
}

/// A URL with `{agency_base}` replaced.
pub fn with_base(url: &str, base: &str) -> String {
    url.replace(AGENCY_BASE, base)
}

/// Reads the reference number from an agency's JSON reply.
pub fn reference_from(connector: &Connector, reply: &str) -> Result<String, MappingError> {
    let json = crate::read::parse(reply).map_err(|e| MappingError::ReplyNotJson(e.to_string()))?;
    text_at(&json, &connector.reference)
        .ok_or_else(|| MappingError::NoReference(connector.reference.clone()))
}

/// The text (or number, as text) at a JSON pointer, if there is any.
pub fn text_at(json: &serde_json::Value, pointer: &str) -> Option<String> {
    match json.pointer(pointer) {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// Every dictionary key a connector's templates use.
pub fn template_keys(connector: &Connector) -> Vec<String> {
    let mut keys = placeholders(&connector.url.replace(AGENCY_BASE, ""));
    connector
        .headers
        .values()
        .for_each(|t| keys.extend(placeholders(t)));
    match &connector.body {
        Body::Json(template) => json_strings(template, &mut |s| keys.extend(placeholders(s))),
        Body::Form(fields) => fields.values().for_each(|t| keys.extend(placeholders(t))),
    }
    keys
}

/// The keys named in a template string, in order.
fn placeholders(template: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_key(&after[..close]) => {
                keys.push(after[..close].to_string());
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    keys
}

fn is_key(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

/// An answer inside text or a form field: lists are comma-separated, null is empty.
fn as_text(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(as_text).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

/// The key of a template that is one placeholder and nothing else, e.g. `"{household.size}"`.
fn whole_placeholder(template: &str) -> Option<&str> {
    let key = template.strip_prefix('{')?.strip_suffix('}')?;
    is_key(key).then_some(key)
}

/// Replaces each `{key}` in a template with its answer.
fn fill(template: &str, answers: &Canonical) -> Result<String, MappingError> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_key(&after[..close]) => {
                let key = &after[..close];
                let value = answers
                    .get(key)
                    .ok_or_else(|| MappingError::Unanswered(key.to_string()))?;
                out.push_str(&as_text(value));
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn fill_json(
    template: &serde_json::Value,
    answers: &Canonical,
) -> Result<serde_json::Value, MappingError> {
    use serde_json::Value;
    Ok(match template {
        // A string that is just one placeholder takes the answer's own JSON type: a number,
        // a boolean, a list, or null when not answered.
        Value::String(s) if whole_placeholder(s).is_some() => {
            let key = whole_placeholder(s).unwrap_or_default();
            answers
                .get(key)
                .cloned()
                .ok_or_else(|| MappingError::Unanswered(key.to_string()))?
        }
        Value::String(s) => Value::String(fill(s, answers)?),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| fill_json(v, answers))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => {
            let mut filled = serde_json::Map::new();
            for (k, v) in map {
                filled.insert(k.clone(), fill_json(v, answers)?);
            }
            Value::Object(filled)
        }
        other => other.clone(),
    })
}

fn json_strings(value: &serde_json::Value, visit: &mut dyn FnMut(&str)) {
    match value {
        serde_json::Value::String(s) => visit(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, visit)),
        serde_json::Value::Object(map) => map.values().for_each(|v| json_strings(v, visit)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ordered;
    use crate::text::Text;

    fn canonical(pairs: &[(&str, &str)]) -> Canonical {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
            .collect()
    }

    #[test]
    fn a_lone_placeholder_keeps_the_answer_type() {
        let template = serde_json::json!({ "size": "{h.size}", "drives": "{d.has}", "benefits": "{b}", "note": "size {h.size}", "none": "{x}" });
        let mut answers = canonical(&[("person.id", "7")]);
        answers.insert("h.size".into(), serde_json::json!(3));
        answers.insert("d.has".into(), serde_json::json!(true));
        answers.insert("b".into(), serde_json::json!(["pension", "housing"]));
        answers.insert("x".into(), serde_json::Value::Null);
        let request = request_for(&service(Body::Json(template)), &answers, "").unwrap();
        let body: serde_json::Value =
            serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({ "size": 3, "drives": true, "benefits": ["pension", "housing"], "note": "size 3", "none": null })
        );
        let form = ordered::Map::from([
            ("b".to_string(), "{b}".to_string()),
            ("x".to_string(), "{x}".to_string()),
        ]);
        assert_eq!(
            request_for(&service(Body::Form(form)), &answers, "")
                .unwrap()
                .body
                .unwrap(),
            "b=pension%2Chousing&x="
        );
    }

    fn service(body: Body) -> Service {
        Service {
            id: "s".into(),
            agency: "a".into(),
            title: Text::en("S"),
            eligible_if: None,
            reason: None,
            not_eligible_reason: None,
            connector: Connector {
                method: "POST".into(),
                url: "/api/{person.id}/moves".into(),
                headers: ordered::Map::new(),
                body,
                reference: "/data/ref".into(),
                accepted: None,
            },
        }
    }

    #[test]
    fn fills_a_nested_json_template() {
        let template = serde_json::json!({ "who": { "givenName": "{p.given}", "tags": ["{p.given} {p.family}", 3] }, "fixed": true });
        let answers = canonical(&[
            ("p.given", "Zoë \"Z\""),
            ("p.family", "Ng"),
            ("person.id", "7"),
        ]);
        let request = request_for(&service(Body::Json(template)), &answers, "").unwrap();
        assert_eq!(request.url, "/api/7/moves");
        assert_eq!(
            request.headers,
            [("Content-Type".to_string(), "application/json".to_string())]
        );
        let body: serde_json::Value =
            serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({ "who": { "givenName": "Zoë \"Z\"", "tags": ["Zoë \"Z\" Ng", 3] }, "fixed": true })
        );
    }

    #[test]
    fn encodes_a_form() {
        let fields = ordered::Map::from([
            ("first_name".to_string(), "{p.given}".to_string()),
            ("note".into(), "a {Literal} & more".into()),
        ]);
        let answers = canonical(&[("p.given", "Ana María"), ("person.id", "7")]);
        let request = request_for(&service(Body::Form(fields)), &answers, "").unwrap();
        assert_eq!(
            request.body.as_deref(),
            Some("first_name=Ana+Mar%C3%ADa&note=a+%7BLiteral%7D+%26+more")
        );
    }

    #[test]
    fn names_a_missing_answer() {
        let fields = ordered::Map::from([("x".to_string(), "{p.missing}".to_string())]);
        let err = request_for(
            &service(Body::Form(fields)),
            &canonical(&[("person.id", "1")]),
            "",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the request needs \"p.missing\", which was not answered"
        );
    }

    #[test]
    fn reads_the_reference() {
        let s = service(Body::Form(ordered::Map::new()));
        assert_eq!(
            reference_from(&s.connector, r#"{"data":{"ref":"EL/88231"}}"#).unwrap(),
            "EL/88231"
        );
        assert_eq!(
            reference_from(&s.connector, r#"{"data":{"ref":42}}"#).unwrap(),
            "42"
        );
        assert_eq!(
            reference_from(&s.connector, r#"{"data":{}}"#)
                .unwrap_err()
                .to_string(),
            "the reply had no reference number at /data/ref"
        );
        assert!(matches!(
            reference_from(&s.connector, "<html>"),
            Err(MappingError::ReplyNotJson(_))
        ));
    }

    #[test]
    fn puts_the_agency_base_and_headers_in() {
        let mut s = service(Body::Json(serde_json::json!({ "id": "{person.id}" })));
        s.connector.url = "{agency_base}/v2/people/{person.id}".into();
        s.connector.method = "PUT".into();
        s.connector.headers = ordered::Map::from([
            ("X-Api-Version".to_string(), "2".to_string()),
            ("X-Person".to_string(), "p-{person.id}".to_string()),
        ]);
        let request =
            request_for(&s, &canonical(&[("person.id", "7")]), "https://mv.example").unwrap();
        assert_eq!(request.method, "PUT");
        assert_eq!(request.url, "https://mv.example/v2/people/7");
        assert_eq!(
            request.headers,
            [
                ("Content-Type".to_string(), "application/json".to_string()),
                ("X-Api-Version".to_string(), "2".to_string()),
                ("X-Person".to_string(), "p-7".to_string()),
            ]
        );
        assert_eq!(
            template_keys(&s.connector),
            ["person.id", "person.id", "person.id"]
        );
        let poll = AgencyRequest::get("https://mv.example/s/1", &request.headers);
        assert_eq!(poll.headers.len(), 2, "a GET has no Content-Type");
        assert_eq!(poll.body, None);
    }

    #[test]
    fn the_host_page_can_move_an_agency() {
        let journey =
            Journey::from_json(include_str!("../../../public/journeys/moving-house.json")).unwrap();
        let none = ordered::Map::new();
        assert_eq!(
            journey.agency_base("motor-vehicles", &none),
            "/agencies/motor-vehicles"
        );
        let moved = ordered::Map::from([(
            "motor-vehicles".to_string(),
            "https://api.mv.example/".to_string(),
        )]);
        assert_eq!(
            journey.agency_base("motor-vehicles", &moved),
            "https://api.mv.example",
            "a trailing slash is dropped"
        );
        assert_eq!(
            journey.agency_base("elections", &moved),
            "/agencies/elections"
        );
        let service = &journey.services[0];
        let answers: Canonical = template_keys(&service.connector)
            .into_iter()
            .map(|k| (k, serde_json::Value::from("x")))
            .collect();
        let request = request_for(
            service,
            &answers,
            journey.agency_base(&service.agency, &moved),
        )
        .unwrap();
        assert!(
            request.url.starts_with("https://api.mv.example/v1/"),
            "{}",
            request.url
        );
    }

    #[test]
    fn lists_template_keys() {
        let template = serde_json::json!({ "a": "{x.y}", "b": ["{z}"], "c": "{Not A Key}" });
        assert_eq!(
            template_keys(&service(Body::Json(template)).connector),
            ["person.id", "x.y", "z"]
        );
    }

    #[test]
    fn problems_in_words_per_language() {
        let problems = [
            MappingError::Unanswered("move.date".into()),
            MappingError::ReplyNotJson("eof".into()),
            MappingError::NoReference("/id".into()),
            MappingError::NoReference(format!("{LOCATION_HEADER}{NO_STATUS_URL}")),
            MappingError::NoReference(format!("/status{NO_STATUS_URL}")),
        ];
        for problem in &problems {
            assert_eq!(problem.message("en"), problem.to_string());
        }
        assert_eq!(
            problems[0].message("es"),
            "la solicitud necesita “move.date”, que no se respondió"
        );
        assert_eq!(
            problems[3].message("es"),
            "la respuesta no tenía número de referencia en el encabezado Location (sin una URL de estado que seguir)"
        );
        assert_eq!(
            problems[4].message("es"),
            "la respuesta no tenía número de referencia en /status (sin una URL de estado que seguir)"
        );
    }
}
