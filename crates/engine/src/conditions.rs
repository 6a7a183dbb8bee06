//! Conditions over a person's answers: which pages are asked (`show_if`) and which services
//! apply (`eligible_if`). The journey's checks make sure every condition parses, so one that
//! somehow does not is treated as not met rather than stopping the journey.

use crate::date::Date;
use crate::expr::{self, Context, Value};
use crate::mapping::Canonical;

/// Answers as conditions see them: canonical values (booleans for yes/no, lists for
/// checkboxes, ISO dates), and today.
pub struct Situation<'a> {
    pub answers: &'a Canonical,
    pub today: Date,
}

impl Context for Situation<'_> {
    fn answer(&self, key: &str) -> Value {
        self.answers.get(key).map(from_json).unwrap_or(Value::Null)
    }

    /// The number of items in a repeating group (its canonical answer is a list).
    fn count(&self, key: &str) -> usize {
        self.answers
            .get(key)
            .and_then(serde_json::Value::as_array)
            .map_or(0, Vec::len)
    }

    fn today(&self) -> Date {
        self.today
    }
}

fn from_json(value: &serde_json::Value) -> Value {
    use serde_json::Value as Json;
    match value {
        Json::Null | Json::Object(_) => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => n.as_f64().map(Value::Number).unwrap_or(Value::Null),
        Json::String(s) => Value::Text(s.clone()),
        Json::Array(items) => Value::List(items.iter().map(from_json).collect()),
    }
}

/// Whether a condition holds; no condition always holds.
pub fn holds(condition: Option<&str>, situation: &Situation) -> bool {
    match condition {
        None => true,
        Some(source) => expr::parse(source)
            .map(|expression| expr::is_true(&expression, situation))
            .unwrap_or(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn conditions_read_canonical_answers() {
        let answers: Canonical = [
            ("driving.has_licence".to_string(), json!(true)),
            (
                "benefits.received".to_string(),
                json!(["pension", "housing"]),
            ),
            ("person.date_of_birth".to_string(), json!("1960-01-15")),
            ("household.size".to_string(), json!(3)),
        ]
        .into_iter()
        .collect();
        let situation = Situation {
            answers: &answers,
            today: Date::new(2026, 11, 23).unwrap(),
        };
        let holds = |c: &str| holds(Some(c), &situation);
        assert!(holds("driving.has_licence == true"));
        assert!(holds("\"pension\" in benefits.received"));
        assert!(!holds("\"esa\" in benefits.received"));
        assert!(holds("age(person.date_of_birth) >= 66"));
        assert!(holds("household.size > 2 and not (household.size > 5)"));
        assert!(
            !holds("voting.is_registered == true"),
            "unanswered is not met"
        );
        assert!(
            !holds("this is not a condition"),
            "a broken condition is not met"
        );
        assert!(super::holds(None, &situation));
    }
}
