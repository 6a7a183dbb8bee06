//! What the engine's tests share: the default journeys, a person's answers to Moving house,
//! and a way to run the engine's async code without a browser.

use crate::answers::Answers;
use crate::definition::Journey;
use std::future::Future;

/// Runs a future that never waits on anything outside it (the tests' fakes are all ready).
pub fn run<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut context) {
            return out;
        }
    }
}

/// A default journey from `public/journeys/`, by file name.
pub fn journey(name: &str) -> Journey {
    let text = std::fs::read_to_string(format!(
        "{}/../../public/journeys/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    Journey::from_json(&text).unwrap()
}

/// A test journey from `tests/fixtures/`, by file name.
pub fn fixture(name: &str) -> Journey {
    let text = std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    Journey::from_json(&text).unwrap()
}

/// Answers set as typed, in order.
pub fn answered(pairs: &[(&str, &str)]) -> Answers {
    let mut answers = Answers::default();
    for (k, v) in pairs {
        answers.set(k, v);
    }
    answers
}

/// A complete Moving house for someone not registered to vote, with a driving licence or not
/// (a driver is also asked their date of birth and licence number).
pub fn moved(driver: bool) -> Answers {
    let mut answers = answered(&[
        ("driving.has_licence", if driver { "yes" } else { "no" }),
        ("voting.is_registered", "no"),
        ("household.has_school_age_children", "no"),
        ("person.name.given", "Ada"),
        ("person.name.family", "Lovelace"),
        ("person.taxpayer_number", "1234567890"),
        ("address.current.line1", "1 High St"),
        ("address.current.town", "Leeds"),
        ("address.current.postcode", "ls1 4ap"),
        ("move.date.day", "1"),
        ("move.date.month", "2"),
        ("move.date.year", "2026"),
        ("address.previous.line1", "2 Low Rd"),
        ("address.previous.town", "Bath"),
        ("address.previous.postcode", "BA1 1AA"),
        ("contact.phone", "07700 900123"),
        ("contact.email", "ada@example.com"),
    ]);
    if driver {
        for (k, v) in [
            ("person.date_of_birth.day", "10"),
            ("person.date_of_birth.month", "12"),
            ("person.date_of_birth.year", "1985"),
            ("driving.licence_number", "LOVEL812105AB9CD"),
        ] {
            answers.set(k, v);
        }
    }
    answers
}
