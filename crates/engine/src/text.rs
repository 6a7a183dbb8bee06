//! Texts in the person's language: every text in a journey is a map from language to text.

use crate::ordered::Map;
use crate::read::{At, FromJson, Read};
use serde::Serialize;

/// The language every journey must provide; the fallback for any missing translation.
pub const DEFAULT_LANG: &str = "en";

/// A value given per language, e.g. `{ "en": "Moving house", "es": "Mudarse de casa" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(transparent, bound(serialize = "T: Serialize"))]
pub struct Localized<T>(pub Map<T>);

impl<T: FromJson> FromJson for Localized<T> {
    fn from_json(value: &serde_json::Value, at: At) -> Read<Self> {
        Map::from_json(value, at).map(Localized)
    }
}

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
        // Inserted, not `Map::from([..])`: in the WebAssembly each array length is a copy of
        // the array's iteration code (this and `field::choices` together 1.1 kB brotli).
        let mut text_en = Map::new();
        text_en.insert(DEFAULT_LANG.to_string(), text.to_string());
        Localized(text_en)
    }
}

/// Digits typed on an Arabic or Persian keyboard (٠–٩, ۰–۹) as the 0–9 that dates, numbers
/// and agencies' systems read; every other character as it is.
pub fn western_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            other => other,
        })
        .collect()
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
        let only_welsh = Localized(Map::from([("cy".to_string(), "Symud tŷ".to_string())]));
        assert_eq!(only_welsh.tr("en"), "Symud tŷ");
        assert_eq!(Text::default().tr("en"), "");
    }

    #[test]
    fn reads_arabic_and_persian_digits_as_western_ones() {
        assert_eq!(western_digits("٢٧ ٣ ١٩٨٥"), "27 3 1985");
        assert_eq!(western_digits("۰۱۶۳۲ ۹۶۰"), "01632 960");
        assert_eq!(western_digits("شارع ٥, Flat 2"), "شارع 5, Flat 2");
        assert_eq!(western_digits(""), "");
    }
}
