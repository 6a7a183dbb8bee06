//! Every word has its translation: the engine's own catalogue (`crates/engine/locales`) and
//! the app's namespaces (`locales/<lang>/<namespace>.json`), every language against English.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use tell_once_engine::lint::missing_keys;

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The entries of `dir` that `keep` accepts, sorted.
fn entries(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| keep(path))
        .collect();
    found.sort();
    found
}

fn is_json(path: &Path) -> bool {
    path.is_file() && path.extension().is_some_and(|e| e == "json")
}

fn name(path: &Path) -> String {
    path.file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn the_engine_says_everything_in_every_language() {
    let dir = manifest().join("locales");
    let english = read(&dir.join("en.json"));
    let others: Vec<PathBuf> = entries(&dir, is_json)
        .into_iter()
        .filter(|path| name(path) != "en.json")
        .collect();
    for expected in ["es.json", "ar.json"] {
        assert!(
            others.iter().any(|path| name(path) == expected),
            "crates/engine/locales/{expected} is missing"
        );
    }
    let mut problems = Vec::new();
    for other in others {
        for key in missing_keys(&english, &read(&other)) {
            problems.push(format!("{}: {key}", name(&other)));
        }
    }
    assert!(
        problems.is_empty(),
        "missing in crates/engine/locales: {problems:#?}"
    );
}

#[test]
fn the_app_says_everything_in_every_language() {
    let root = manifest().join("../../locales");
    let namespaces = entries(&root.join("en"), is_json);
    assert!(!namespaces.is_empty(), "no namespaces in locales/en");
    let languages: Vec<PathBuf> = entries(&root, |path| path.is_dir())
        .into_iter()
        .filter(|path| name(path) != "en")
        .collect();
    for expected in ["es", "ar"] {
        assert!(
            languages.iter().any(|path| name(path) == expected),
            "locales/{expected} is missing"
        );
    }
    let mut problems = Vec::new();
    for language in &languages {
        for english in &namespaces {
            let translated = language.join(name(english));
            let at = format!("locales/{}/{}", name(language), name(english));
            if !translated.exists() {
                problems.push(format!("{at} is missing"));
                continue;
            }
            for key in missing_keys(&read(english), &read(&translated)) {
                problems.push(format!("{at}: {key}"));
            }
        }
    }
    assert!(problems.is_empty(), "missing translations: {problems:#?}");
}

#[test]
fn a_missing_key_is_reported() {
    let english = json!({ "check_heading": "Check your answers", "send_button": "Send" });
    let spanish = json!({ "check_heading": "Revise sus respuestas", "send_button": "" });
    assert_eq!(missing_keys(&english, &spanish), ["send_button"]);
    assert_eq!(
        missing_keys(
            &english,
            &json!({ "check_heading": "Revise sus respuestas" })
        ),
        ["send_button"]
    );
}
