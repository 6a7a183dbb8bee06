//! The answer store: what the person typed, exactly as typed, keyed by data-dictionary keys
//! (composite fields by part). Keeping the raw text means a wrong answer is shown back as it
//! was typed, and nothing is lost; canonical values are derived from it (see `field`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, String>);

impl Answers {
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map(String::as_str).unwrap_or("")
    }

    /// The answer without surrounding spaces: what validation and agencies see.
    pub fn trimmed(&self, key: &str) -> &str {
        self.get(key).trim()
    }

    pub fn set(&mut self, key: &str, value: &str) {
        self.0.insert(key.to_string(), value.to_string());
    }

    pub fn remove(&mut self, key: &str) {
        self.0.remove(key);
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

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter()
    }
}
