//! The Tell Once journey engine.
//!
//! Plain Rust with no browser types, so everything here is tested natively with `cargo test`
//! and the same code can check a submission on a server. The flow of data:
//!
//! ```text
//! JSON definition ──▶ definition::Journey ──▶ navigate (which page next)
//!                                  │
//! person's raw input ──▶ answers::Answers ──▶ validate (field errors in plain words)
//!                                  │
//!                                  ├──▶ summary (check your answers rows)
//!                                  └──▶ mapping (each agency's request)
//!                                              └──▶ delivery, outbox (send, retry, record)
//! ```
//!
//! A `draft` keeps the page, the answers and the outbox across a reload, and resumes them on
//! the journey as it is now, asking again what a newer version changed.

pub mod answers;
pub mod case;
pub mod catalogue;
pub mod conditions;
pub mod date;
pub mod decimal;
pub mod definition;
pub mod delivery;
pub mod dictionary;
pub mod draft;
pub mod expr;
pub mod field;
pub mod handoff;
pub mod known;
pub mod lint;
pub mod locales;
pub mod mapping;
pub mod messages;
pub mod navigate;
pub mod ordered;
pub mod outbox;
pub mod postcode;
pub mod read;
pub mod repeat;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod search;
pub mod summary;
#[cfg(test)]
mod testing;
pub mod text;
pub mod validate;

pub use answers::Answers;
pub use date::Date;
pub use definition::{DefinitionError, Journey};
pub use navigate::Step;
pub use validate::FieldError;
