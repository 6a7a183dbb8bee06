//! Reusable pieces of pages. Every text input goes through `field::Input`, where the
//! accessible wiring (label, hint, error, aria-describedby, aria-invalid) is written once;
//! each other field kind has its own file and uses the same helpers.

pub mod announcer;
pub mod back_link;
pub mod checkboxes;
pub mod error_summary;
pub mod field;
pub mod get_help;
pub mod handoff;
pub mod idle_timeout;
pub mod language_switch;
pub mod question_field;
pub mod radios;
pub mod saved_answers;
pub mod select;
pub mod suggestions;
pub mod summary_list;
pub mod survey;
pub mod textarea;
