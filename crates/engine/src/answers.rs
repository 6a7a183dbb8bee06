//! The answers of a journey: what the person typed, exactly as typed, keyed by data-dictionary
//! keys (composite fields by part). Keeping the raw text means a wrong answer is shown back as
//! it was typed, and nothing is lost; canonical values are derived from it (see `field`).
//!
//! Every answer knows where it came from: typed here (no source), told in another journey, or
//! read from an agency's record. Answers carried over from the answer store (see
//! [`crate::known`]) are not asked again unless the person changes them.

use crate::ordered::Map;
use crate::ordered::Set;
use crate::read::{one_of_names, At, Fields, FromJson, Placeholder, Read};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Answers {
    values: Map<String>,
    /// Where answers came from, by question key. An answer typed in this journey has none.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    sources: Map<Source>,
    /// Question keys carried over from the answer store: shown on "We already have these
    /// details", not asked again.
    #[serde(default, skip_serializing_if = "Set::is_empty")]
    carried: Set<String>,
}

/// Where an answer came from, when the person did not type it in this journey. As JSON,
/// tagged by `from`: `{"from":"record","agency":"…","read_on":"2026-11-23"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Source {
    /// Told in another journey: its title.
    Journey { title: String },
    /// An agency's record: the agency's name, and the day it was read (ISO 8601).
    Record { agency: String, read_on: String },
}

impl FromJson for Answers {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::kept(value, at, "struct Answers")?;
        f.done(Answers {
            values: f.needed("values"),
            sources: f.or_default("sources"),
            carried: f.or_default("carried"),
        })
    }
}

#[derive(Clone, Copy)]
enum SourceName {
    Journey,
    Record,
}

impl FromJson for Source {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::kept(value, at, "struct Source")?;
        let source = match f.needed("from") {
            SourceName::Journey => Source::Journey {
                title: f.needed("title"),
            },
            SourceName::Record => Source::Record {
                agency: f.needed("agency"),
                read_on: f.needed("read_on"),
            },
        };
        f.done(source)
    }
}

impl FromJson for SourceName {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let names = [
            ("journey", SourceName::Journey),
            ("record", SourceName::Record),
        ];
        one_of_names(value, at, &names)
    }
}

impl Placeholder for SourceName {
    fn placeholder() -> Self {
        SourceName::Journey
    }
}

impl Answers {
    pub fn get(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or("")
    }

    /// The answer without surrounding spaces: what validation and agencies see.
    pub fn trimmed(&self, key: &str) -> &str {
        self.get(key).trim()
    }

    /// Sets an answer as the person typed it. A changed answer is theirs now: where the old
    /// one came from no longer applies.
    pub fn set(&mut self, key: &str, value: &str) {
        if self.get(key) == value {
            return;
        }
        self.values.insert(key.to_string(), value.to_string());
        self.sources.retain(|question, _| !covers(question, key));
    }

    /// Sets an answer that came from elsewhere, with its source (kept by question key).
    pub fn set_from(&mut self, question_key: &str, key: &str, value: &str, source: &Source) {
        self.values.insert(key.to_string(), value.to_string());
        self.sources
            .insert(question_key.to_string(), source.clone());
    }

    pub fn remove(&mut self, key: &str) {
        self.values.remove(key);
        self.sources.retain(|question, _| !covers(question, key));
    }

    /// The options chosen for a checkboxes question, in the order chosen.
    pub fn list(&self, key: &str) -> Vec<&str> {
        self.get(key)
            .split('\n')
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// Stores the options chosen for a checkboxes question. Option values never contain a
    /// newline (the journey checks), so one line per option is unambiguous.
    pub fn set_list(&mut self, key: &str, values: &[String]) {
        self.set(key, &values.join("\n"));
    }

    /// Keeps only what `keep` says to, by key: the answers (by input key), and where answers
    /// came from and which were carried over (by question key). For a draft resumed on a new
    /// version of its journey, `keep` says whether a key belongs to a question it still asks.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.values.retain(|key, _| keep(key));
        self.sources.retain(|question, _| keep(question));
        self.carried.retain(|question| keep(question));
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.values.iter()
    }

    /// Where a question's answer came from, if not typed in this journey.
    pub fn source(&self, question_key: &str) -> Option<&Source> {
        self.sources.get(question_key)
    }

    /// True when a question's answer was carried over from the answer store.
    pub fn is_carried(&self, question_key: &str) -> bool {
        self.carried.contains(question_key)
    }

    /// Marks a question as carried over (or, with `false`, as asked like any other).
    pub fn set_carried(&mut self, question_key: &str, carried: bool) {
        if carried {
            self.carried.insert(question_key.to_string());
        } else {
            self.carried.remove(question_key);
        }
    }
}

/// True when an input key belongs to a question's answer: the key itself or one of its parts
/// (`person.name.given`, `move.date.day`).
pub fn covers(question_key: &str, key: &str) -> bool {
    key.strip_prefix(question_key)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::from_text;

    #[test]
    fn a_changed_answer_loses_its_source() {
        let record = Source::Record {
            agency: "Revenue Service".into(),
            read_on: "2026-11-23".into(),
        };
        let mut answers = Answers::default();
        answers.set_from("person.name", "person.name.given", "Sam", &record);
        answers.set_from("person.name", "person.name.family", "Okafor", &record);
        answers.set_from("person.nameless", "person.nameless", "x", &record);
        answers.set("person.name.given", "Sam");
        assert_eq!(answers.source("person.name"), Some(&record), "unchanged");
        answers.set("person.name.given", "Samuel");
        assert_eq!(answers.source("person.name"), None);
        assert_eq!(
            answers.source("person.nameless"),
            Some(&record),
            "a key that only starts the same is another question"
        );
    }

    #[test]
    fn retains_only_what_is_kept_with_its_source_and_carried_mark() {
        let record = Source::Record {
            agency: "Revenue Service".into(),
            read_on: "2026-11-23".into(),
        };
        let mut answers = Answers::default();
        answers.set_from("person.name", "person.name.given", "Sam", &record);
        answers.set_from("contact.fax", "contact.fax", "0113", &record);
        answers.set_carried("person.name", true);
        answers.set_carried("contact.fax", true);
        answers.set("move.date.day", "1");
        answers.retain(|key| !covers("contact.fax", key));
        assert_eq!(
            answers.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["move.date.day", "person.name.given"]
        );
        assert_eq!(answers.source("person.name"), Some(&record));
        assert!(answers.is_carried("person.name"));
        assert_eq!(answers.source("contact.fax"), None);
        assert!(!answers.is_carried("contact.fax"));
    }

    #[test]
    fn survives_a_round_trip_through_json() {
        let mut answers = Answers::default();
        answers.set_from(
            "contact.email",
            "contact.email",
            "a@b.example",
            &Source::Journey {
                title: "Moving house".into(),
            },
        );
        answers.set_carried("contact.email", true);
        let record = Source::Record {
            agency: "Motor Vehicles".into(),
            read_on: "2026-11-23".into(),
        };
        answers.set_from("person.name", "person.name", "Ana", &record);
        let json = serde_json::to_string(&answers).unwrap();
        assert!(
            json.contains(r#"{"from":"record","agency":"Motor Vehicles","read_on":"2026-11-23"}"#),
            "{json}"
        );
        assert_eq!(from_text::<Answers>(&json), Ok(answers));
        let refused = from_text::<Source>(r#"{"from":"record","agency":"X"}"#);
        assert_eq!(
            refused.unwrap_err().first().message,
            "missing field `read_on`"
        );
    }
}
