//! "Tell us once": the answer store shared by every journey, and prefill from an agency's
//! record.
//!
//! The store holds what the person confirmed in journeys they sent, keyed by data-dictionary
//! keys, each answer with where it came from. A new journey starts with every answer the store
//! has for its questions: those on its screening pages are filled in and asked (they decide
//! what the journey is for), the rest are carried over — listed on "We already have these
//! details" to confirm or change, and not asked again.
//!
//! Prefill puts values from an agency's record into the fields they belong to, each showing
//! where it came from; the person checks them on the pages as they go.

use crate::answers::{covers, Answers, Source};
use crate::conditions::holds;
use crate::date::Date;
use crate::definition::{Journey, Prefill, Question};
use crate::field::{self, FieldKind};
use crate::navigate::Plan;
use serde_json::Value;
use thiserror::Error;

/// The questions of a journey that can be carried between journeys: not in repeating groups,
/// whose items belong to one life event.
fn shareable(journey: &Journey) -> impl Iterator<Item = (bool, &Question)> {
    journey
        .pages
        .iter()
        .filter(|page| page.repeat.is_none())
        .flat_map(|page| page.questions.iter().map(|q| (page.screening, q)))
}

/// The raw input keys of a question: its parts (`person.name.given`, `move.date.day`).
fn input_keys(question: &Question) -> Vec<String> {
    field::parts(question)
        .iter()
        .map(|part| field::input_key(&question.key, part))
        .collect()
}

/// After a journey is sent: the store remembers every answer it asked, with where each came
/// from (an answer typed in this journey: the journey). A question the plan did not ask is
/// not remembered.
pub fn remember(
    store: &mut Answers,
    journey: &Journey,
    answers: &Answers,
    plan: &Plan,
    lang: &str,
) {
    let situation = plan.situation();
    let told = Source::Journey {
        title: journey.title.tr(lang).to_string(),
    };
    for (index, page) in journey.pages.iter().enumerate() {
        if !plan.shown[index] || page.repeat.is_some() {
            continue;
        }
        for question in &page.questions {
            if !holds(question.show_if.as_deref(), &situation) {
                continue;
            }
            let source = answers.source(&question.key).unwrap_or(&told).clone();
            for key in input_keys(question) {
                store.set_from(&question.key, &key, answers.get(&key), &source);
            }
        }
    }
}

/// The answers a journey starts with: what the store knows of its questions, with where each
/// came from. Questions off the screening pages are carried over.
pub fn seed(store: &Answers, journey: &Journey) -> Answers {
    let mut answers = Answers::default();
    for (screening, question) in shareable(journey) {
        let keys = input_keys(question);
        if keys.iter().all(|k| store.trimmed(k).is_empty()) {
            continue;
        }
        let Some(source) = store.source(&question.key) else {
            continue;
        };
        for key in &keys {
            answers.set_from(&question.key, key, store.get(key), source);
        }
        answers.set_carried(&question.key, !screening);
    }
    answers
}

/// Why a prefill reply could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PrefillProblem {
    #[error("the reply was not a JSON object")]
    NotJson,
    #[error("the reply had none of the details asked for")]
    Nothing,
}

/// Fills empty answers from an agency's profile reply, each with the record as its source.
/// Answers already there (typed, or carried over) are kept. Gives how many answers were filled.
pub fn prefill(
    answers: &mut Answers,
    journey: &Journey,
    config: &Prefill,
    reply: &str,
    lang: &str,
    today: Date,
) -> Result<usize, PrefillProblem> {
    let json = crate::read::parse(reply).map_err(|_| PrefillProblem::NotJson)?;
    if !json.is_object() {
        return Err(PrefillProblem::NotJson);
    }
    let source = Source::Record {
        agency: journey.agency_name(&config.agency, lang),
        read_on: today.to_string(),
    };
    let mut found = 0;
    let mut filled = 0;
    for (key, pointer) in &config.fields {
        let Some(value) = json.pointer(pointer).filter(|v| !v.is_null()) else {
            continue;
        };
        let Some(question) = shareable(journey)
            .map(|(_, q)| q)
            .find(|q| covers(&q.key, key))
        else {
            continue;
        };
        let inputs = raw_inputs(question, key, value);
        if inputs.is_empty() {
            continue;
        }
        found += 1;
        if inputs.iter().any(|(k, _)| !answers.trimmed(k).is_empty()) {
            continue;
        }
        for (input, text) in inputs {
            answers.set_from(&question.key, &input, &text, &source);
        }
        filled += 1;
    }
    if found == 0 {
        return Err(PrefillProblem::Nothing);
    }
    Ok(filled)
}

/// A value from a record as the raw inputs of a question: an ISO date into day, month and
/// year; true and false into yes and no; numbers as written.
fn raw_inputs(question: &Question, key: &str, value: &Value) -> Vec<(String, String)> {
    match (question.kind, value) {
        (FieldKind::Date, Value::String(iso)) if key == question.key => {
            let Some(date) = Date::parse_iso(iso) else {
                return Vec::new();
            };
            [
                ("day", date.day.to_string()),
                ("month", date.month.to_string()),
                ("year", date.year.to_string()),
            ]
            .into_iter()
            .map(|(part, text)| (format!("{key}.{part}"), text))
            .collect()
        }
        (FieldKind::Date, _) => Vec::new(),
        (FieldKind::YesNo, Value::Bool(yes)) => {
            vec![(key.into(), if *yes { "yes" } else { "no" }.into())]
        }
        (_, Value::String(text)) => vec![(key.into(), text.clone())],
        (_, Value::Number(n)) => vec![(key.into(), n.to_string())],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::navigate::{first_incomplete, Step};
    use crate::ordered::Map;
    use crate::testing::{journey, moved};

    fn env() -> crate::validate::Env<'static> {
        crate::validate::tests::env()
    }

    #[test]
    fn a_second_journey_does_not_ask_again_what_the_first_was_told() {
        let moving = journey("moving-house");
        let answers = moved(true);
        let plan = Plan::new(&moving, &answers, env());
        assert_eq!(first_incomplete(&moving, &answers, env()), None);
        let mut store = Answers::default();
        remember(&mut store, &moving, &answers, &plan, "en");
        assert_eq!(
            store.source("person.name"),
            Some(&Source::Journey {
                title: "Moving house".into()
            })
        );

        let baby = journey("having-a-baby");
        let mut seeded = seed(&store, &baby);
        assert!(seeded.is_carried("person.name"));
        assert!(seeded.is_carried("address.current"));
        assert_eq!(seeded.get("person.date_of_birth.year"), "1985");
        // Screening first: the baby is born, and so on.
        for (k, v) in [
            ("baby.is_born", "yes"),
            ("baby.birth_setting", "hospital"),
            ("household.income_band", "under_20k"),
            ("health.has_cover", "no"),
        ] {
            seeded.set(k, v);
        }
        let plan = Plan::new(&baby, &seeded, env());
        let steps = plan.steps(&baby);
        let known = steps.iter().position(|s| *s == Step::Known).unwrap();
        assert_eq!(
            steps[known - 1],
            Step::Services,
            "confirmed after the services"
        );
        let carried: Vec<&str> = plan.carried.iter().map(|(_, k)| k.as_str()).collect();
        for key in ["person.name", "person.date_of_birth", "address.current"] {
            assert!(carried.contains(&key), "{key} in {carried:?}");
            let page = baby
                .pages
                .iter()
                .position(|p| p.questions.iter().any(|q| q.key == key))
                .unwrap();
            assert!(
                plan.step_questions(&baby, Step::Question(page))
                    .iter()
                    .all(|q| q.key != key),
                "{key} is not asked again"
            );
        }
        // Changed to something this journey refuses: asked again, showing what was carried.
        seeded.set("person.date_of_birth.year", "2999");
        let plan = Plan::new(&baby, &seeded, env());
        assert!(!plan.is_carried("person.date_of_birth"));
    }

    #[test]
    fn a_question_not_asked_is_not_remembered() {
        let moving = journey("moving-house");
        let mut answers = moved(true);
        answers.set("driving.has_licence", "no");
        let plan = Plan::new(&moving, &answers, env());
        let mut store = Answers::default();
        remember(&mut store, &moving, &answers, &plan, "en");
        assert_eq!(store.get("driving.licence_number"), "");
        assert_eq!(store.get("person.taxpayer_number"), "1234567890");
    }

    fn revenue_profile() -> Prefill {
        Prefill {
            agency: "revenue".into(),
            url: "{agency_base}/v1/taxpayers/me".into(),
            fields: Map::from([
                ("person.name.given".to_string(), "/first_name".to_string()),
                ("person.name.family".into(), "/last_name".into()),
                ("person.date_of_birth".into(), "/date_of_birth".into()),
                ("person.taxpayer_number".into(), "/taxpayer_number".into()),
                ("address.previous.line1".into(), "/address/line1".into()),
                ("contact.email".into(), "/missing".into()),
            ]),
            timeout_seconds: 5,
        }
    }

    #[test]
    fn prefill_fills_empty_answers_with_the_record_as_source() {
        let moving = journey("moving-house");
        let mut answers = Answers::default();
        answers.set("person.taxpayer_number", "9999999999");
        let reply = r#"{"first_name":"Sam","last_name":"Okafor","date_of_birth":"1984-03-07","taxpayer_number":"1234567890","address":{"line1":"12 Acacia Avenue"}}"#;
        let today = Date::new(2026, 11, 23).unwrap();
        let filled = prefill(
            &mut answers,
            &moving,
            &revenue_profile(),
            reply,
            "en",
            today,
        )
        .unwrap();
        assert_eq!(filled, 4, "name parts, date of birth and an address line");
        assert_eq!(answers.get("person.date_of_birth.month"), "3");
        assert_eq!(answers.get("address.previous.line1"), "12 Acacia Avenue");
        assert_eq!(
            answers.get("person.taxpayer_number"),
            "9999999999",
            "typed: kept"
        );
        assert_eq!(
            answers.source("person.date_of_birth"),
            Some(&Source::Record {
                agency: "Revenue Service".into(),
                read_on: "2026-11-23".into()
            })
        );
        assert_eq!(answers.source("person.taxpayer_number"), None);
        assert!(
            !answers.is_carried("person.name"),
            "prefill is shown, not skipped"
        );
    }

    #[test]
    fn prefill_refuses_garbage() {
        let moving = journey("moving-house");
        let today = Date::new(2026, 11, 23).unwrap();
        for reply in ["<html>oops</html>", "[1,2]", "\"x\""] {
            assert_eq!(
                prefill(
                    &mut Answers::default(),
                    &moving,
                    &revenue_profile(),
                    reply,
                    "en",
                    today
                ),
                Err(PrefillProblem::NotJson),
                "{reply}"
            );
        }
        assert_eq!(
            prefill(
                &mut Answers::default(),
                &moving,
                &revenue_profile(),
                r#"{"date_of_birth":"soon"}"#,
                "en",
                today
            ),
            Err(PrefillProblem::Nothing)
        );
    }
}
