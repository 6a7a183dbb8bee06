//! The engine's own words in each language: its messages, the labels of the inputs of a date,
//! a name or an address, Yes and No, month names. They live in `crates/engine/locales/<lang>.json`
//! (nested per area, templates with `{name}`-style placeholders), compiled in, and each language's
//! read the first time it is asked for. Without the `every-language` feature only English's are
//! compiled in, and the others are given at run time ([`supply`]). English is the fallback for a
//! key missing in a language and for a language with no file. The app's own words are read the
//! same way (a [`Catalogue`] of its own).
//!
//! A placeholder written with a capital first letter (`{Name}`) is filled with the value
//! capitalised, so a template says where its noun phrase opens a sentence: "{Name} must be a
//! real date", "{Name} debe ser una fecha real".

use crate::case::{capitalise, lower_first};
use crate::ordered::Map;
use crate::text::DEFAULT_LANG;
use serde_json::Value;
use std::sync::OnceLock;

/// Words in several languages, each language's read from its JSON files the first time it is
/// asked for (a page in Spanish never reads the Arabic). The engine has one for its own words;
/// the app has one for its words (`locales/<lang>/<namespace>.json`). A language given no
/// files is supplied at run time ([`Catalogue::supply`]: the app fetches a language's words
/// when a page is to be shown in it); until then its keys are said in English.
pub struct Catalogue {
    /// Each language: its code, and its files, each with the prefix its keys take
    /// (`("pages", …)` makes `pages.check_heading`; `""` for none). No files: supplied later.
    sources: &'static [(&'static str, &'static [(&'static str, &'static str)])],
    read: [OnceLock<Map<String>>; MAX_LANGUAGES],
}

/// The most languages a [`Catalogue`] holds.
const MAX_LANGUAGES: usize = 8;

impl Catalogue {
    /// A catalogue of `sources`: English first, as the fallback. At most eight languages.
    pub const fn new(
        sources: &'static [(&'static str, &'static [(&'static str, &'static str)])],
    ) -> Self {
        assert!(sources.len() <= MAX_LANGUAGES, "too many languages");
        Self {
            sources,
            read: [const { OnceLock::new() }; MAX_LANGUAGES],
        }
    }

    /// The languages it has, English first.
    pub fn languages(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.sources.iter().map(|(lang, _)| *lang)
    }

    /// The flattened words of the language at `index` (dotted key → template), if they are
    /// here: compiled in, or supplied.
    fn language(&self, index: usize) -> Option<&Map<String>> {
        let files = self.sources[index].1;
        if files.is_empty() {
            return self.read[index].get();
        }
        Some(self.read[index].get_or_init(|| {
            let mut flat = Map::new();
            for (prefix, source) in files {
                // The files are part of the build; a test reads each one.
                let json = crate::read::parse(source).unwrap_or(Value::Null);
                flatten(&json, prefix.to_string(), &mut flat);
            }
            flat
        }))
    }

    fn index_of(&self, lang: &str) -> Option<usize> {
        self.sources.iter().position(|(l, _)| *l == lang)
    }

    /// Every text of exactly the language `lang` (no fallback), by dotted key, once it is here.
    pub fn words(&self, lang: &str) -> Option<&Map<String>> {
        self.language(self.index_of(lang)?)
    }

    /// True when the words of exactly `lang` are here (compiled in, or supplied).
    pub fn has(&self, lang: &str) -> bool {
        self.words(lang).is_some()
    }

    /// Gives the words of `lang`, a language this catalogue supplies at run time: each file's
    /// JSON with the prefix its keys take. A language compiled in, or supplied already, keeps
    /// the words it has. False when the catalogue does not have `lang`.
    pub fn supply(&self, lang: &str, files: &[(&str, &Value)]) -> bool {
        let Some(index) = self.index_of(lang) else {
            return false;
        };
        if self.sources[index].1.is_empty() {
            let mut flat = Map::new();
            for (prefix, json) in files {
                flatten(json, prefix.to_string(), &mut flat);
            }
            let _ = self.read[index].set(flat);
        }
        true
    }

    /// The text at `key` (dotted, e.g. `messages.enter`) in `lang`: exactly, else in its base
    /// language (`es-US` → `es`), else in English, else the key itself.
    pub fn text<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        let base = lang.split(['-', '_']).next().unwrap_or(lang);
        for candidate in [lang, base, DEFAULT_LANG] {
            if let Some(found) = self.words(candidate).and_then(|words| words.get(key)) {
                return found.as_str();
            }
        }
        key
    }

    /// The template at `key` in `lang`, its placeholders filled in (see [`fill`]).
    pub fn message(&self, lang: &str, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.text(lang, key), args)
    }
}

/// The engine's file of words in `$lang`. Without the `every-language` feature, English's alone:
/// the others are supplied at run time ([`supply`]). The engine's own tests have them all.
#[cfg(any(test, feature = "every-language"))]
macro_rules! engine_words {
    ($lang:literal) => {
        &[("", include_str!(concat!("../locales/", $lang, ".json")))]
    };
}
#[cfg(not(any(test, feature = "every-language")))]
macro_rules! engine_words {
    ("en") => {
        &[("", include_str!("../locales/en.json"))]
    };
    ($lang:literal) => {
        &[]
    };
}

/// The engine's own words.
static ENGINE: Catalogue = Catalogue::new(&[
    ("en", engine_words!("en")),
    ("es", engine_words!("es")),
    ("ar", engine_words!("ar")),
]);

/// Gives the engine its words in `lang` (the JSON of `crates/engine/locales/<lang>.json`), when
/// they are not compiled in. False when the engine has no such language.
pub fn supply(lang: &str, words: &Value) -> bool {
    ENGINE.supply(lang, &[("", words)])
}

fn flatten(value: &Value, path: String, into: &mut Map<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                flatten(value, join(&path, key), into);
            }
        }
        Value::String(text) => {
            into.insert(path, text.clone());
        }
        _ => {}
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The languages the engine has its own words in.
pub fn languages() -> impl Iterator<Item = &'static str> {
    ENGINE.languages()
}

/// The engine's text at `key` (dotted, e.g. `messages.enter`) in `lang`: exactly, else in its
/// base language (`es-US` → `es`), else in English, else the key itself.
pub fn text<'a>(lang: &str, key: &'a str) -> &'a str {
    ENGINE.text(lang, key)
}

/// The engine's template at `key` in `lang`, its placeholders filled in (see [`fill`]).
pub fn message(lang: &str, key: &str, args: &[(&str, &str)]) -> String {
    ENGINE.message(lang, key, args)
}

/// Fills `{name}` placeholders from `args`; `{Name}` takes the value of `name` capitalised.
/// A placeholder with no value is left as it is.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    for piece in pieces(template) {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Placeholder(name) => match value_of(name, args) {
                Some(value) => out.push_str(&value),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

/// A part of a template: text as it is, or a `{name}` placeholder (its name).
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

/// A template in its parts, in order. A `{` with no `}` after it is text.
pub fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        out.push(Piece::Placeholder(&after[..close]));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

fn value_of(name: &str, args: &[(&str, &str)]) -> Option<String> {
    if let Some((_, value)) = args.iter().find(|(n, _)| *n == name) {
        return Some(value.to_string());
    }
    // `{Name}`: the value of `name`, capitalised.
    let lower = lower_first(name);
    if lower == name {
        return None;
    }
    args.iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, value)| capitalise(value))
}

/// A number written for reading in `lang`: its decimal separator from the catalogue (US
/// English and US Spanish both write a point). `text` is as Rust writes it ("193.54").
pub fn decimal(text: &str, lang: &str) -> String {
    let separator = self::text(lang, "numbers.decimal_separator");
    if separator == "." {
        text.to_string()
    } else {
        text.replacen('.', separator, 1)
    }
}

/// The key paths present and non-empty in `base` but missing or empty in `other`: what a
/// translation still lacks. Objects are walked key by key (`pages.check_heading`), arrays by
/// index (`months[0]`); an empty string, null, an empty object or an empty array counts as
/// empty, and a value of another shape in `other` (text where `base` has an object) as
/// missing.
pub fn missing_keys(base: &Value, other: &Value) -> Vec<String> {
    let mut missing = Vec::new();
    walk(base, Some(other), String::new(), &mut missing);
    missing
}

fn walk(base: &Value, other: Option<&Value>, path: String, missing: &mut Vec<String>) {
    match base {
        Value::Object(map) => {
            for (key, value) in map {
                let theirs = other.and_then(Value::as_object).and_then(|o| o.get(key));
                walk(value, theirs, join(&path, key), missing);
            }
        }
        Value::Array(items) => {
            for (index, value) in items.iter().enumerate() {
                let theirs = other.and_then(Value::as_array).and_then(|o| o.get(index));
                walk(value, theirs, format!("{path}[{index}]"), missing);
            }
        }
        leaf if is_empty(leaf) => {}
        _ => {
            if other.is_none_or(|o| is_empty(o) || o.is_object() || o.is_array()) {
                missing.push(path);
            }
        }
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        Value::Object(map) => map.is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_catalogue_is_json_with_every_english_key() {
        let english: Value = serde_json::from_str(ENGINE.sources[0].1[0].1).unwrap();
        for (lang, files) in ENGINE.sources {
            let [(_, source)] = files else {
                panic!("{lang}: the engine has one file per language")
            };
            let json: Value =
                serde_json::from_str(source).unwrap_or_else(|e| panic!("{lang}: {e}"));
            assert_eq!(
                missing_keys(&english, &json),
                Vec::<String>::new(),
                "{lang}"
            );
        }
    }

    #[test]
    fn splits_a_template_into_text_and_placeholders() {
        assert_eq!(
            pieces("Sent {at}, to {agency}."),
            vec![
                Piece::Text("Sent "),
                Piece::Placeholder("at"),
                Piece::Text(", to "),
                Piece::Placeholder("agency"),
                Piece::Text("."),
            ]
        );
        assert_eq!(pieces("{file}"), vec![Piece::Placeholder("file")]);
        assert_eq!(pieces("a { b"), vec![Piece::Text("a { b")]);
        assert_eq!(pieces(""), vec![]);
        assert_eq!(fill("{x} and {y} {", &[("x", "1")]), "1 and {y} {");
    }

    #[test]
    fn looks_up_with_fallbacks() {
        assert_eq!(text("en", "choices.yes"), "Yes");
        assert_eq!(text("es", "choices.yes"), "Sí");
        assert_eq!(text("es-US", "choices.yes"), "Sí");
        assert_eq!(
            text("fr", "choices.yes"),
            "Yes",
            "unknown language: English"
        );
        assert_eq!(text("es", "no.such.key"), "no.such.key");
        assert_eq!(text("ar", "choices.yes"), "نعم");
        assert_eq!(text("ar-EG", "choices.no"), "لا");
        assert_eq!(languages().collect::<Vec<_>>(), ["en", "es", "ar"]);
    }

    #[test]
    fn a_language_supplied_at_run_time_is_said_in_english_until_it_arrives() {
        static LATER: Catalogue = Catalogue::new(&[
            (
                "en",
                &[("pages", r#"{"start": "Start now", "back": "Back"}"#)],
            ),
            ("es", &[]),
        ]);
        assert!(LATER.has("en"));
        assert!(!LATER.has("es"));
        assert_eq!(LATER.text("es", "pages.start"), "Start now");
        assert!(!LATER.supply("fr", &[]), "a language it does not have");

        let words = json!({"start": "Empezar ahora", "nested": {"deeper": "Más"}});
        assert!(LATER.supply("es", &[("pages", &words)]));
        assert!(LATER.has("es"));
        assert_eq!(LATER.text("es-US", "pages.start"), "Empezar ahora");
        assert_eq!(LATER.text("es", "pages.nested.deeper"), "Más");
        assert_eq!(LATER.text("es", "pages.back"), "Back", "a key it lacks");

        // Supplied once: what arrives later changes nothing, nor can English be replaced.
        let again = json!({"start": "Otra vez"});
        assert!(LATER.supply("es", &[("pages", &again)]));
        assert!(LATER.supply("en", &[("pages", &again)]));
        assert_eq!(LATER.text("es", "pages.start"), "Empezar ahora");
        assert_eq!(LATER.text("en", "pages.start"), "Start now");
    }

    #[test]
    fn the_engine_takes_its_words_in_a_language_it_has() {
        let words = json!({"messages": {"enter": "Escriba {name}"}});
        assert!(!supply("fr", &words), "a language the engine does not have");
        // (Its tests have every language compiled in, which words given later do not replace.)
        assert!(supply("es", &words));
        assert_eq!(text("es", "messages.enter"), "Introduzca {name}");
    }

    #[test]
    fn fills_placeholders_capitalising_on_request() {
        let args = [("name", "la fecha en que se mudó"), ("max", "20")];
        assert_eq!(
            fill("{Name} debe tener {max} caracteres", &args),
            "La fecha en que se mudó debe tener 20 caracteres"
        );
        assert_eq!(
            fill("Introduzca {name}", &args),
            "Introduzca la fecha en que se mudó"
        );
        assert_eq!(fill("{unknown} {Other} {", &args), "{unknown} {Other} {");
        assert_eq!(fill("no placeholders", &[]), "no placeholders");
    }

    #[test]
    fn missing_keys_finds_what_a_translation_lacks() {
        let base = json!({
            "a": "A",
            "b": { "c": "C", "d": "D", "blank": "" },
            "list": ["x", "y"],
            "n": 3
        });
        let other = json!({
            "a": "A",
            "b": { "c": " ", "extra": "E" },
            "list": ["x"],
            "n": null
        });
        assert_eq!(missing_keys(&base, &other), ["b.c", "b.d", "list[1]", "n"]);
        assert_eq!(missing_keys(&base, &base), Vec::<String>::new());
        assert_eq!(
            missing_keys(&json!({ "a": { "b": "B" } }), &json!({ "a": "A" })),
            ["a.b"]
        );
        assert_eq!(
            missing_keys(&json!({ "a": "A" }), &json!({ "a": { "b": "B" } })),
            ["a"],
            "an object where text belongs is not the text"
        );
        assert_eq!(
            missing_keys(&json!({ "a": "A" }), &json!("text")),
            ["a"],
            "a whole file of the wrong shape"
        );
    }

    #[test]
    fn numbers_keep_their_point() {
        assert_eq!(decimal("193.54", "en"), "193.54");
        assert_eq!(decimal("193.54", "es"), "193.54");
        assert_eq!(
            decimal("193.54", "ar"),
            "193.54",
            "Western digits, as the journeys write"
        );
    }
}
