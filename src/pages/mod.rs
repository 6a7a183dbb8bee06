//! One component per kind of page in a journey.

pub mod check;
pub mod confirmation;
pub mod consent;
pub mod items;
pub mod known;
pub mod life_events;
pub mod problem;
pub mod question;
pub mod services;
pub mod start;
