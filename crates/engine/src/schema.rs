//! JSON Schemas of the files authors write, generated from the engine's own types so they can
//! never disagree with what the engine reads. Committed in `public/schema/`; a test fails when
//! they are out of date (regenerate with `cargo run -p tell-once-engine --bin journey-schema`).

use crate::catalogue::Catalogue;
use crate::definition::Journey;
use crate::dictionary::Dictionary;

/// Each schema's file name and its JSON text.
pub fn schemas() -> Vec<(&'static str, String)> {
    let pretty =
        |schema: schemars::Schema| serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
    vec![
        (
            "journey.schema.json",
            pretty(schemars::schema_for!(Journey)),
        ),
        (
            "dictionary.schema.json",
            pretty(schemars::schema_for!(Dictionary)),
        ),
        (
            "catalogue.schema.json",
            pretty(schemars::schema_for!(Catalogue)),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_schemas_are_up_to_date() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/schema/");
        for (file, schema) in schemas() {
            let committed = std::fs::read_to_string(format!("{dir}{file}")).unwrap_or_default();
            assert!(
                committed == schema,
                "public/schema/{file} is out of date: run `cargo run -p tell-once-engine --bin journey-schema`"
            );
        }
    }

    #[test]
    fn the_journey_schema_names_every_field_type() {
        let (_, journey) = &schemas()[0];
        for kind in ["long_text", "yes_no", "checkboxes", "national_id"] {
            assert!(journey.contains(&format!("\"{kind}\"")), "{kind}");
        }
    }
}
