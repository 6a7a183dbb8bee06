//! Checks journey definitions and reports every problem, with the file and where in it:
//!
//! ```text
//! cargo run -p tell-once-engine --bin journey-check -- public/journeys/*.json
//! ```
//! A journey's `dictionary` (a path relative to the journey) is read and checked against too.
//! A dictionary or a catalogue file is checked as what it is. Given a catalogue, every journey
//! given with it is also checked to suggest only life events in that catalogue. Exits 1 if
//! anything is wrong.

use std::path::Path;
use std::process::ExitCode;
use tell_once_engine::catalogue::{self, Catalogue};
use tell_once_engine::dictionary::{self, Dictionary};
use tell_once_engine::ordered::Set;
use tell_once_engine::{lint, Journey};

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: journey-check JOURNEY.json...");
        return ExitCode::from(2);
    }
    let mut problems = 0;
    let catalogued = catalogued_ids(&files);
    for file in &files {
        let checked = check_file(Path::new(file)).and_then(|checked| match &catalogued {
            Some(ids) if matches!(checked, Checked::Journey) => {
                in_catalogue(Path::new(file), ids).map(|_| checked)
            }
            _ => Ok(checked),
        });
        match checked {
            Ok(Checked::Journey) => println!("{file}: ok"),
            Ok(Checked::Dictionary) => println!("{file}: ok (dictionary)"),
            Ok(Checked::Catalogue) => println!("{file}: ok (catalogue)"),
            Err(found) => {
                for problem in &found {
                    println!("{file}: {problem}");
                }
                problems += found.len();
            }
        }
    }
    if problems > 0 {
        println!("{problems} problem(s) found");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

enum Checked {
    Journey,
    Dictionary,
    Catalogue,
}

fn check_file(path: &Path) -> Result<Checked, Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| vec![format!("cannot be read: {e}")])?;
    if text.contains(&format!("\"{}\"", dictionary::FORMAT)) {
        return Dictionary::from_json(&text)
            .map(|_| Checked::Dictionary)
            .map_err(|e| e.each());
    }
    if text.contains(&format!("\"{}\"", catalogue::FORMAT)) {
        let catalogue = Catalogue::from_json(&text).map_err(|e| e.each())?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let missing: Vec<String> = catalogue
            .journeys
            .iter()
            .filter(|file| !dir.join(file).is_file())
            .map(|file| format!("at journeys: \"{file}\" does not exist"))
            .collect();
        return if missing.is_empty() {
            Ok(Checked::Catalogue)
        } else {
            Err(missing)
        };
    }
    let journey = Journey::parse(&text).map_err(|e| e.each())?;
    let dictionary = match &journey.dictionary {
        Some(relative) => {
            let dictionary_path = path.parent().unwrap_or(Path::new(".")).join(relative);
            let text = std::fs::read_to_string(&dictionary_path).map_err(|e| {
                vec![format!(
                    "its dictionary {} cannot be read: {e}",
                    dictionary_path.display()
                )]
            })?;
            Some(Dictionary::from_json(&text).map_err(|e| {
                e.each()
                    .iter()
                    .map(|mistake| format!("its dictionary: {mistake}"))
                    .collect::<Vec<_>>()
            })?)
        }
        None => None,
    };
    match journey.checked(dictionary.as_ref()) {
        Ok(_) => Ok(Checked::Journey),
        Err(problems) => Err(problems.each()),
    }
}

/// The ids of the journeys the catalogues among `files` list, if any catalogue is among them.
fn catalogued_ids(files: &[String]) -> Option<Set<String>> {
    let mut ids: Option<Set<String>> = None;
    for file in files {
        let path = Path::new(file);
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if !text.contains(&format!("\"{}\"", catalogue::FORMAT)) {
            continue;
        }
        let Ok(catalogue) = Catalogue::from_json(&text) else {
            continue;
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        let found = ids.get_or_insert_with(Set::new);
        for journey in &catalogue.journeys {
            if let Some(parsed) = std::fs::read_to_string(dir.join(journey))
                .ok()
                .and_then(|text| Journey::parse(&text).ok())
            {
                found.insert(parsed.id);
            }
        }
    }
    ids
}

/// A journey's suggestions lead only to life events of the catalogue.
fn in_catalogue(path: &Path, ids: &Set<String>) -> Result<(), Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| vec![format!("cannot be read: {e}")])?;
    let journey = Journey::parse(&text).map_err(|e| e.each())?;
    let problems = lint::check_targets(&journey, ids);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.iter().map(ToString::to_string).collect())
    }
}
