//! The catalogue of life events a site offers: the "no wrong door" start page lists them all
//! and finds them by the person's own words (see [`crate::search`]).

use crate::read::{At, Fields, FromJson, Read};
use crate::text::Text;
use serde::Serialize;
use serde_json::Value;

/// The format name and version of a catalogue file.
pub const FORMAT: &str = "tell-once/catalogue@1";

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub format: String,
    pub title: Text,
    pub intro: Text,
    /// Journey files, as URLs relative to the catalogue.
    pub journeys: Vec<String>,
}

impl FromJson for Catalogue {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Catalogue",
            &["format", "title", "intro", "journeys"],
        )?;
        f.done(Catalogue {
            format: f.needed("format"),
            title: f.needed("title"),
            intro: f.needed("intro"),
            journeys: f.needed("journeys"),
        })
    }
}

impl Catalogue {
    pub fn from_json(text: &str) -> Result<Catalogue, crate::DefinitionError> {
        let catalogue: Catalogue = crate::definition::parse_json(text)?;
        let problem = crate::DefinitionError::shape;
        if catalogue.format != FORMAT {
            return Err(problem(
                "format",
                format!(
                    "the format must be \"{FORMAT}\", not \"{}\"",
                    catalogue.format
                ),
            ));
        }
        if catalogue.journeys.is_empty() {
            return Err(problem(
                "journeys",
                "a catalogue needs at least one journey".into(),
            ));
        }
        Ok(catalogue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_catalogue_lists_every_journey_file() {
        let catalogue =
            Catalogue::from_json(include_str!("../../../public/journeys/life-events.json"))
                .unwrap();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/journeys/");
        for file in &catalogue.journeys {
            assert!(
                std::path::Path::new(&format!("{dir}{file}")).is_file(),
                "{file} exists"
            );
        }
        assert!(catalogue
            .journeys
            .contains(&"moving-house.json".to_string()));
    }
}
