//! Every word has its translation: the engine's own catalogue (`crates/engine/locales`) and
//! the app's namespaces (`locales/<lang>/<namespace>.json`), Spanish against English.

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

#[test]
fn the_engine_says_everything_in_spanish() {
    let dir = manifest().join("locales");
    let missing = missing_keys(&read(&dir.join("en.json")), &read(&dir.join("es.json")));
    assert!(missing.is_empty(), "missing in es.json: {missing:?}");
}

#[test]
fn the_app_says_everything_in_spanish() {
    let root = manifest().join("../../locales");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("en"))
        .expect("locales/en")
        .map(|entry| entry.expect("a file in locales/en").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no namespaces in locales/en");
    let mut problems = Vec::new();
    for english in files {
        let name = english.file_name().expect("a file name");
        let spanish = root.join("es").join(name);
        if !spanish.exists() {
            problems.push(format!("locales/es/{} is missing", name.to_string_lossy()));
            continue;
        }
        for key in missing_keys(&read(&english), &read(&spanish)) {
            problems.push(format!("{}: {key}", name.to_string_lossy()));
        }
    }
    assert!(problems.is_empty(), "missing in locales/es: {problems:#?}");
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
