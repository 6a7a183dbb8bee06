//! The app's own words in each language: `locales/<lang>/<namespace>.json`, one namespace per
//! part of the app: `common` (the frame round every page), `flow` (the journey's notices,
//! titles and sending), `pages` and `components`. They are read through the engine's
//! [`Catalogue`], as the engine's own words are: the same fallbacks (a missing key is said in
//! English) and the same `{name}` placeholders. A language's files are read the first time a
//! page is shown in it.
//!
//! English is compiled in. Every other language's words are fetched when a widget is to speak
//! it: the build writes them as one file per language (`words-<lang>-<hash>.json`, by
//! `scripts/loader.mjs`), the loader fetches it (early, for the language a page asks for) and
//! [`supply`] takes it in. A page in English, most of them, never downloads the others.
//!
//! A key is written where it is used, as `namespace.key`, with the values of its placeholders:
//!
//! ```ignore
//! t!(i18n, pages.check_heading)                       // a view, in the language shown
//! t!(i18n, pages.consent_send_label, agency = name)   // the same, with `{agency}` filled in
//! t_string!(i18n, common.language_switch_label)       // the text, in the language shown
//! td_string!(locale, flow.sent_heading)               // the text, in `locale`
//! ```
//!
//! A test (`every_key_the_app_uses_is_there`) reads every such use in `src/` and checks the key
//! is in every language with exactly the placeholders the use fills in.
//!
//! No plural rules: a text with a count has `_singular` and `_plural` keys and the code picks
//! one, which is right for English and Spanish. A language with more forms words its texts
//! round the count (Arabic: "عدد الأحرف المتبقية لك: {count}").

use leptos::prelude::*;
use tell_once_engine::locales::{pieces, Catalogue, Piece};

/// A language the app speaks. English is the default and the fallback.
#[allow(non_camel_case_types)]
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    en,
    es,
    ar,
}

impl Locale {
    const ALL: [Locale; 3] = [Locale::en, Locale::es, Locale::ar];

    /// Every language the app speaks, English first.
    pub fn get_all() -> &'static [Locale] {
        &Self::ALL
    }

    /// Its code: "en", "es", "ar".
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::en => "en",
            Locale::es => "es",
            Locale::ar => "ar",
        }
    }

    /// Its name, in itself, for the language switch: here before its words are.
    pub fn name(self) -> &'static str {
        match self {
            Locale::en => "English",
            Locale::es => "Español",
            Locale::ar => "العربية",
        }
    }

    /// The direction it is written in, as HTML's `dir` says it.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::ar => "rtl",
            Locale::en | Locale::es => "ltr",
        }
    }
}

/// A language's four files, compiled in (English's).
macro_rules! namespaces {
    ($lang:literal) => {
        [
            (
                "common",
                include_str!(concat!("../locales/", $lang, "/common.json")),
            ),
            (
                "flow",
                include_str!(concat!("../locales/", $lang, "/flow.json")),
            ),
            (
                "pages",
                include_str!(concat!("../locales/", $lang, "/pages.json")),
            ),
            (
                "components",
                include_str!(concat!("../locales/", $lang, "/components.json")),
            ),
        ]
    };
}

/// The namespaces, as in [`namespaces!`]: each one a key of a words file.
const NAMESPACES: [&str; 4] = ["common", "flow", "pages", "components"];

/// Each language's files, in the order of [`Locale::ALL`]: English's compiled in, the others
/// supplied when they arrive.
static WORDS: Catalogue = Catalogue::new(&[("en", &namespaces!("en")), ("es", &[]), ("ar", &[])]);

/// True when the words of `locale` are here, so a page can be shown in it.
pub fn has_words(locale: Locale) -> bool {
    WORDS.has(locale.as_str())
}

/// The member of a words file holding the engine's words (`crates/engine/locales/<lang>.json`),
/// which the browser build does not compile in.
const ENGINE_WORDS: &str = "engine";

/// Takes in a language's words file: a JSON object with one member per namespace
/// (`"common": {…}`, …) and the engine's words (`"engine": {…}`). A language already here keeps
/// its words.
pub fn supply(locale: Locale, file: &str) -> Result<(), String> {
    let json = tell_once_engine::read::parse(file).map_err(|e| e.to_string())?;
    let member = |name: &str| {
        json.get(name)
            .filter(|words| words.is_object())
            .ok_or_else(|| format!("the words file has no \"{name}\" object"))
    };
    let mut files = Vec::with_capacity(NAMESPACES.len());
    for namespace in NAMESPACES {
        files.push((namespace, member(namespace)?));
    }
    let engine = member(ENGINE_WORDS)?;
    WORDS.supply(locale.as_str(), &files);
    tell_once_engine::locales::supply(locale.as_str(), engine);
    Ok(())
}

/// The text at `key` (`namespace.key`) in `locale`.
pub fn text(locale: Locale, key: &'static str) -> &'static str {
    WORDS.text(locale.as_str(), key)
}

/// The template at `key` in `locale`, its `{name}` placeholders filled in from `args`.
pub fn message(locale: Locale, key: &'static str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, &str)> = args
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    WORDS.message(locale.as_str(), key, &args)
}

/// The language a widget shows, for its words: provided by [`crate::language::Language`].
#[derive(Copy, Clone)]
pub struct I18n {
    shown: Signal<Locale>,
}

impl I18n {
    pub fn new(shown: Signal<Locale>) -> Self {
        Self { shown }
    }

    /// The language shown (tracked).
    pub fn get_locale(&self) -> Locale {
        self.shown.get()
    }

    /// The language shown, without tracking it.
    pub fn get_locale_untracked(&self) -> Locale {
        self.shown.get_untracked()
    }
}

/// The widget's words' language: the [`crate::language::Language`]'s.
pub fn use_i18n() -> I18n {
    crate::language::use_language().i18n
}

/// The text at `key` as a view that follows the language shown. One function for every key,
/// so every use shares one compiled view rather than each having its own.
pub fn text_view(i18n: I18n, key: &'static str) -> impl IntoView {
    move || text(i18n.get_locale(), key)
}

/// The template at `key` as a view that follows the language shown, filled in from `args`.
pub fn message_view(
    i18n: I18n,
    key: &'static str,
    args: Vec<(&'static str, String)>,
) -> impl IntoView {
    move || message(i18n.get_locale(), key, &args)
}

/// A view to put in a template's placeholder (made afresh each time the language changes).
pub type Part = std::sync::Arc<dyn Fn() -> AnyView + Send + Sync>;

/// The template at `key` as a view that follows the language shown, each `{name}` placeholder
/// taken by the view `parts` makes for it (a link, or code, inside a sentence).
pub fn template_view(
    i18n: I18n,
    key: &'static str,
    parts: Vec<(&'static str, Part)>,
) -> impl IntoView {
    move || {
        pieces(text(i18n.get_locale(), key))
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(words) => words.into_any(),
                Piece::Placeholder(name) => match parts.iter().find(|(n, _)| *n == name) {
                    Some((_, part)) => part(),
                    None => format!("{{{name}}}").into_any(),
                },
            })
            .collect_view()
    }
}

/// `t_view!(i18n, namespace.key, name = || view! { … }, …)`: the words as a view in the
/// language shown, with a view in each placeholder.
macro_rules! t_view {
    ($i18n:expr, $ns:ident . $key:ident, $($name:ident = $part:expr),+ $(,)?) => {
        $crate::i18n::template_view(
            $i18n,
            $crate::i18n::key!($ns.$key),
            vec![$((stringify!($name), {
                let part = $part;
                std::sync::Arc::new(move || leptos::prelude::IntoAny::into_any(part())) as $crate::i18n::Part
            })),+],
        )
    };
}

/// `t!(i18n, namespace.key)` or `t!(i18n, namespace.key, name = value, other)`: the words as a
/// view in the language shown (`other` alone fills `{other}` with the variable of that name).
macro_rules! t {
    ($i18n:expr, $ns:ident . $key:ident) => {
        $crate::i18n::text_view($i18n, $crate::i18n::key!($ns.$key))
    };
    ($i18n:expr, $ns:ident . $key:ident, $($name:ident $(= $value:expr)?),+ $(,)?) => {
        $crate::i18n::message_view(
            $i18n,
            $crate::i18n::key!($ns.$key),
            Vec::from($crate::i18n::args!($($name $(= $value)?),+)),
        )
    };
}

/// `t_string!(i18n, namespace.key, …)`: the words as text in the language shown (tracked).
macro_rules! t_string {
    ($i18n:expr, $($rest:tt)+) => {
        $crate::i18n::td_string!($i18n.get_locale(), $($rest)+)
    };
}

/// `td_string!(locale, namespace.key, …)`: the words as text in `locale`: a `&'static str`, or
/// a `String` when placeholders are filled in.
macro_rules! td_string {
    ($locale:expr, $ns:ident . $key:ident) => {
        $crate::i18n::text($locale, $crate::i18n::key!($ns.$key))
    };
    ($locale:expr, $ns:ident . $key:ident, $($name:ident $(= $value:expr)?),+ $(,)?) => {
        $crate::i18n::message(
            $locale,
            $crate::i18n::key!($ns.$key),
            &$crate::i18n::args!($($name $(= $value)?),+),
        )
    };
}

/// `namespace.key` as the text of the key: "namespace.key".
macro_rules! key {
    ($ns:ident . $key:ident) => {
        concat!(stringify!($ns), ".", stringify!($key))
    };
}

/// `name = value, other`: each placeholder's name with its value as text.
macro_rules! args {
    ($($name:ident $(= $value:expr)?),+) => {
        [$((stringify!($name), $crate::i18n::arg!($name $(= $value)?).to_string())),+]
    };
}

/// The value of a placeholder: the one given, or the variable of its name.
macro_rules! arg {
    ($name:ident) => {
        $name
    };
    ($name:ident = $value:expr) => {
        $value
    };
}

pub(crate) use {arg, args, key, t, t_string, t_view, td_string};

/// A language's words file, as the build writes it: `{"common": …, "flow": …, …, "engine": …}`.
#[cfg(test)]
fn words_file(locale: Locale) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: std::path::PathBuf| std::fs::read_to_string(path).expect("a words file");
    let mut members: Vec<String> = NAMESPACES
        .iter()
        .map(|namespace| {
            let path = root
                .join("locales")
                .join(locale.as_str())
                .join(format!("{namespace}.json"));
            format!("\"{namespace}\": {}", read(path))
        })
        .collect();
    let engine = root
        .join("crates/engine/locales")
        .join(format!("{}.json", locale.as_str()));
    members.push(format!("\"{ENGINE_WORDS}\": {}", read(engine)));
    format!("{{{}}}", members.join(", "))
}

/// Every language's words, as if each had arrived (for tests).
#[cfg(test)]
pub(crate) fn supply_every_language() {
    for locale in Locale::get_all() {
        supply(*locale, &words_file(*locale)).expect("a words file the app can read");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_each_key_in_the_language_asked_with_english_as_the_fallback() {
        supply_every_language();
        let agency = "Motor Vehicles";
        assert_eq!(
            td_string!(Locale::en, components.help_chat, agency),
            "Chat online with Motor Vehicles"
        );
        assert_eq!(
            td_string!(Locale::es, components.survey_remaining_plural, count = 3),
            "Le quedan 3 caracteres"
        );
        assert_eq!(text(Locale::es, "no.such_key"), "no.such_key");
        assert_eq!(td_string!(Locale::ar, common.loading), "جارٍ التحميل…");
    }

    #[test]
    fn a_words_file_without_a_namespace_is_refused_and_changes_nothing() {
        assert!(has_words(Locale::en));
        let refused = supply(Locale::ar, r#"{"common": {}, "flow": {}, "pages": {}}"#);
        assert_eq!(
            refused,
            Err("the words file has no \"components\" object".to_string())
        );
        assert!(supply(Locale::ar, "not JSON").is_err());
        let no_engine = r#"{"common": {}, "flow": {}, "pages": {}, "components": {}}"#;
        assert_eq!(
            supply(Locale::ar, no_engine),
            Err("the words file has no \"engine\" object".to_string())
        );
        // (Another test may have supplied Arabic already: what counts is that English stays.)
        assert_eq!(td_string!(Locale::en, common.loading), "Loading…");
    }

    /// Every use of a key in the app's source: where, the key, and the placeholders it fills.
    struct Use {
        at: String,
        key: String,
        names: Vec<String>,
    }

    /// The macro calls in `source` (`t!(`, `t_string!(`, `td_string!(`, `t_view!(`): their
    /// arguments split at the commas outside brackets and quotes.
    fn uses_in(file: &str, source: &str) -> Vec<Use> {
        let mut found = Vec::new();
        for name in ["t!(", "t_string!(", "td_string!(", "t_view!("] {
            let mut from = 0;
            while let Some(at) = source[from..].find(name) {
                let start = from + at;
                from = start + name.len();
                let before = source[..start].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue; // another macro whose name ends the same way
                }
                let args = arguments(&source[from..]);
                let line = source[..start].lines().count();
                let [_, key, rest @ ..] = args.as_slice() else {
                    panic!("{file}:{line}: {name} needs a language and a key");
                };
                let names = rest
                    .iter()
                    .map(|arg| arg.split('=').next().unwrap_or_default().trim().to_string())
                    .collect();
                found.push(Use {
                    at: format!("{file}:{line}"),
                    key: key.split_whitespace().collect(),
                    names,
                });
            }
        }
        found
    }

    /// The arguments of a call whose opening bracket has just been read, up to its closing one.
    fn arguments(source: &str) -> Vec<String> {
        let mut args = vec![String::new()];
        let mut depth = 0;
        let mut quoted = false;
        let mut chars = source.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => quoted = !quoted,
                '\\' if quoted => {
                    chars.next();
                }
                _ if quoted => {}
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => break,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    args.push(String::new());
                    continue;
                }
                _ => {}
            }
            if let Some(last) = args.last_mut() {
                last.push(c);
            }
        }
        args.retain(|arg| !arg.trim().is_empty());
        args
    }

    fn sources(dir: &std::path::Path, into: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("src/ can be listed") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                sources(&path, into);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n.rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
                let name = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                into.push((name, text));
            }
        }
    }

    fn placeholders(template: &str) -> Vec<String> {
        let mut names: Vec<String> = pieces(template)
            .into_iter()
            .filter_map(|piece| match piece {
                Piece::Placeholder(name) => Some(name.to_string()),
                Piece::Text(_) => None,
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Each key the app uses is in every language, each placeholder there is filled in by the
    /// use, and each value the use gives has a placeholder in some language (Spanish may say
    /// `{items}` where English says `{item}`). And each text in `locales/` is used.
    #[test]
    fn every_key_the_app_uses_is_there() {
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let uses: Vec<Use> = files
            .iter()
            .flat_map(|(file, text)| uses_in(file, text))
            .collect();
        assert!(uses.len() > 150, "found only {} uses of a key", uses.len());
        let mut problems = Vec::new();
        supply_every_language();
        for found in &uses {
            let mut given = found.names.clone();
            given.sort_unstable();
            let mut used = Vec::new();
            for locale in Locale::get_all() {
                let words = WORDS
                    .words(locale.as_str())
                    .expect("every language has files");
                let Some(template) = words.get(&found.key) else {
                    problems.push(format!(
                        "{}: {} is not in {}",
                        found.at,
                        found.key,
                        locale.as_str()
                    ));
                    continue;
                };
                let wanted = placeholders(template);
                if let Some(missing) = wanted.iter().find(|name| !given.contains(name)) {
                    problems.push(format!(
                        "{}: {} in {} has {{{missing}}}, which the use does not fill in",
                        found.at,
                        found.key,
                        locale.as_str()
                    ));
                }
                used.extend(wanted);
            }
            if let Some(spare) = given.iter().find(|name| !used.contains(name)) {
                problems.push(format!(
                    "{}: {} has no {{{spare}}} in any language",
                    found.at, found.key
                ));
            }
        }
        for key in WORDS.words("en").expect("English").keys() {
            if !uses.iter().any(|found| &found.key == key) {
                problems.push(format!("locales/en: {key} is never used"));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
