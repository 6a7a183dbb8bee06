//! Generates the `i18n` module from `locales/<language>/<namespace>.json` (leptos_i18n): the
//! app's own words in each language, every key checked at compile time. Each namespace belongs
//! to one part of the app: `common` (the frame round every page), `flow` (the journey's
//! notices, titles and sending), `pages` and `components`.
//!
//! No ICU plural rules (leptos_i18n's `plurals` feature needs ICU data in the WebAssembly):
//! a text with a count has `_singular` and `_plural` keys and the code picks one, which is
//! right for English and Spanish. A language with more forms words its texts round the count
//! (Arabic: "عدد الأحرف المتبقية لك: {{ count }}").

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

/// The languages of the app's own words; English is the default and the fallback.
const LOCALES: [&str; 3] = ["en", "es", "ar"];
const NAMESPACES: [&str; 4] = ["common", "flow", "pages", "components"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    let config = Config::new(LOCALES[0])?
        .add_locales(&LOCALES[1..])?
        .add_namespaces(NAMESPACES)?
        // `t_string!` and `td_string!` with interpolated values, for titles and messages kept as
        // text.
        .parse_options(ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}
