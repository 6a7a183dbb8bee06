//! Texts in the person's language: every text in a journey is a map from language to text.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The language every journey must provide; the fallback for any missing translation.
pub const DEFAULT_LANG: &str = "en";

/// A value given per language, e.g. `{ "en": "Moving house", "es": "Mudarse de casa" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Localized<T>(pub BTreeMap<String, T>);

/// A text per language.
pub type Text = Localized<String>;

impl<T> Localized<T> {
    /// The value in `lang`, else in English, else any value there is.
    pub fn get(&self, lang: &str) -> Option<&T> {
        self.0
            .get(lang)
            .or_else(|| self.0.get(DEFAULT_LANG))
            .or_else(|| self.0.values().next())
    }
}

impl Localized<String> {
    /// The text in `lang` (with fallbacks); empty if the text has no value at all.
    pub fn tr(&self, lang: &str) -> &str {
        self.get(lang).map(String::as_str).unwrap_or("")
    }

    /// An English-only text, handy in tests and built-in content.
    pub fn en(text: &str) -> Self {
        Localized(BTreeMap::from([(
            DEFAULT_LANG.to_string(),
            text.to_string(),
        )]))
    }
}

/// Upper-cases the first letter, so a noun phrase can open a sentence ("your date of birth" →
/// "Your date of birth must be in the past").
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_english_then_any() {
        let mut text = Text::en("Moving house");
        assert_eq!(text.tr("es"), "Moving house");
        text.0.insert("es".into(), "Mudarse de casa".into());
        assert_eq!(text.tr("es"), "Mudarse de casa");
        let only_welsh = Localized(BTreeMap::from([("cy".to_string(), "Symud tŷ".to_string())]));
        assert_eq!(only_welsh.tr("en"), "Symud tŷ");
        assert_eq!(Text::default().tr("en"), "");
    }

    #[test]
    fn capitalises_the_first_letter_only() {
        assert_eq!(capitalise("the date you moved"), "The date you moved");
        assert_eq!(capitalise("école"), "École");
        assert_eq!(capitalise(""), "");
    }
}
