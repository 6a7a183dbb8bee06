//! Reusable pieces of pages. Every form input goes through `field::Input`, where the
//! accessible wiring (label, hint, error, aria-describedby, aria-invalid) is written once.

pub mod back_link;
pub mod error_summary;
pub mod field;
pub mod question_field;
