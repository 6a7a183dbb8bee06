//! The data dictionary: the canonical names of what a person tells government once, shared by
//! every journey. Questions bind to these keys; services receive them. A key's entry says what
//! type of answer it is, what it is called, its `autocomplete` token and how sensitive it is.

use crate::field::FieldKind;
use crate::ordered::Map;
use crate::read::{one_of_names, At, Fields, FromJson, Placeholder, Read};
use crate::text::Text;
use serde::Serialize;
use serde_json::Value;

/// The format name and version of a dictionary file.
pub const FORMAT: &str = "tell-once/dictionary@1";

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dictionary {
    pub format: String,
    /// Entries by key. A repeating group's item keys are written after `[]`:
    /// `household.children[].date_of_birth`.
    pub keys: Map<Entry>,
}

/// One canonical answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(rename = "type")]
    pub kind: FieldKind,
    pub label: Text,
    /// The `autocomplete` token (for a date, its prefix such as `bday`), so every journey
    /// asking for this answer gets the same one without repeating it.
    #[serde(default)]
    pub autocomplete: Option<String>,
    pub sensitivity: Sensitivity,
}

/// How carefully an answer must be handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    /// Not about a person (e.g. "are you registered to vote").
    None,
    /// Identifies or describes a person.
    Personal,
    /// Bank details, identity numbers, health: never logged, shown masked where possible.
    Sensitive,
}

impl FromJson for Dictionary {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(value, at, "struct Dictionary", &["format", "keys"])?;
        f.done(Dictionary {
            format: f.needed("format"),
            keys: f.needed("keys"),
        })
    }
}

impl FromJson for Entry {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Entry",
            &["type", "label", "autocomplete", "sensitivity"],
        )?;
        f.done(Entry {
            kind: f.needed("type"),
            label: f.needed("label"),
            autocomplete: f.optional("autocomplete"),
            sensitivity: f.needed("sensitivity"),
        })
    }
}

impl FromJson for Sensitivity {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        use Sensitivity as S;
        one_of_names(
            value,
            at,
            &[
                ("none", S::None),
                ("personal", S::Personal),
                ("sensitive", S::Sensitive),
            ],
        )
    }
}

impl Placeholder for Sensitivity {
    fn placeholder() -> Self {
        Sensitivity::Personal
    }
}

impl Dictionary {
    pub fn from_json(text: &str) -> Result<Dictionary, crate::DefinitionError> {
        let dictionary: Dictionary = crate::definition::parse_json(text)?;
        if dictionary.format != FORMAT {
            return Err(crate::DefinitionError::shape(
                "format",
                format!(
                    "the format must be \"{FORMAT}\", not \"{}\"",
                    dictionary.format
                ),
            ));
        }
        Ok(dictionary)
    }

    /// The entry for a question key. Repeating-group items are looked up with their index
    /// removed: `household.children[1].date_of_birth` → `household.children[].date_of_birth`.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.keys.get(&generic_key(key))
    }
}

/// A key with any item index removed (`a[3].b` → `a[].b`).
pub fn generic_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut in_index = false;
    for c in key.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sensitivity_is_read_by_the_name_it_is_written_with() {
        for sensitivity in [
            Sensitivity::None,
            Sensitivity::Personal,
            Sensitivity::Sensitive,
        ] {
            let written = serde_json::to_value(sensitivity).unwrap();
            assert_eq!(Sensitivity::from_json(&written, At::Top), Ok(sensitivity));
        }
    }

    const DICTIONARY: &str = include_str!("../../../public/journeys/dictionary.json");

    #[test]
    fn the_shared_dictionary_parses() {
        let dictionary = Dictionary::from_json(DICTIONARY).unwrap();
        assert_eq!(dictionary.format, FORMAT);
        let dob = dictionary.entry("person.date_of_birth").unwrap();
        assert_eq!(dob.kind, FieldKind::Date);
        assert_eq!(dob.autocomplete.as_deref(), Some("bday"));
        assert_eq!(
            dictionary.entry("bank.account_number").unwrap().sensitivity,
            Sensitivity::Sensitive
        );
    }

    #[test]
    fn item_indexes_are_ignored() {
        assert_eq!(
            generic_key("household.children[12].name"),
            "household.children[].name"
        );
        assert_eq!(generic_key("person.name"), "person.name");
    }
}
