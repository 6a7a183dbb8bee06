//! Where the person is in a journey and where Continue and Back take them.

use crate::answers::Answers;
use crate::definition::Journey;
use crate::validate::{validate_page, Env};

/// A step of a journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Start,
    /// A question page, by index.
    Question(usize),
    /// "Check your answers".
    Check,
    /// The confirmation page, after the answers were sent.
    Confirmation,
}

impl Step {
    /// The step's name in the address bar: never any answer, only which page.
    pub fn slug(self, journey: &Journey) -> String {
        match self {
            Step::Start => "start".into(),
            Step::Question(i) => journey
                .pages
                .get(i)
                .map(|p| p.id.clone())
                .unwrap_or_default(),
            Step::Check => "check-your-answers".into(),
            Step::Confirmation => "confirmation".into(),
        }
    }

    pub fn from_slug(journey: &Journey, slug: &str) -> Option<Step> {
        match slug {
            "start" | "" => Some(Step::Start),
            "check-your-answers" => Some(Step::Check),
            "confirmation" => Some(Step::Confirmation),
            id => journey.page_index(id).map(Step::Question),
        }
    }
}

/// The step after a question page has been answered without errors. A person who came from
/// "Check your answers" through a Change link goes straight back there.
pub fn after_continue(journey: &Journey, page: usize, returning_to_check: bool) -> Step {
    if returning_to_check || page + 1 >= journey.pages.len() {
        Step::Check
    } else {
        Step::Question(page + 1)
    }
}

/// Where the Back link of a step goes.
pub fn back_from(journey: &Journey, step: Step) -> Step {
    match step {
        Step::Start | Step::Question(0) => Step::Start,
        Step::Question(i) => Step::Question(i - 1),
        Step::Check | Step::Confirmation => Step::Question(journey.pages.len() - 1),
    }
}

/// The first page whose answers are missing or wrong, if any: "Check your answers" and
/// submitting are only for a complete journey.
pub fn first_incomplete(journey: &Journey, answers: &Answers, env: Env) -> Option<usize> {
    journey
        .pages
        .iter()
        .position(|page| !validate_page(page, answers, env).is_empty())
}

/// The step a person may be shown when they ask for `wanted` (e.g. with the browser's Back and
/// Forward buttons): a later page only once the pages before it are answered.
pub fn reachable(journey: &Journey, wanted: Step, answers: &Answers, env: Env) -> Step {
    let incomplete = first_incomplete(journey, answers, env);
    match (wanted, incomplete) {
        (Step::Question(i), Some(first)) if i > first => Step::Question(first),
        (Step::Check, Some(first)) => Step::Question(first),
        (Step::Confirmation, _) => Step::Start,
        _ => wanted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journey() -> Journey {
        Journey::from_json(include_str!("../../../public/journeys/moving-house.json")).unwrap()
    }

    #[test]
    fn continue_walks_the_pages_then_checks() {
        let j = journey();
        assert_eq!(after_continue(&j, 0, false), Step::Question(1));
        assert_eq!(after_continue(&j, 3, false), Step::Question(4));
        assert_eq!(after_continue(&j, 4, false), Step::Check);
        assert_eq!(
            after_continue(&j, 1, true),
            Step::Check,
            "a change returns to check"
        );
    }

    #[test]
    fn back_goes_one_step_back() {
        let j = journey();
        assert_eq!(back_from(&j, Step::Question(0)), Step::Start);
        assert_eq!(back_from(&j, Step::Question(2)), Step::Question(1));
        assert_eq!(back_from(&j, Step::Check), Step::Question(4));
    }

    #[test]
    fn later_pages_wait_for_earlier_answers() {
        let j = journey();
        let env = crate::validate::tests::env();
        let mut answers = Answers::default();
        assert_eq!(reachable(&j, Step::Check, &answers, env), Step::Question(0));
        assert_eq!(
            reachable(&j, Step::Question(0), &answers, env),
            Step::Question(0)
        );
        answers.set("person.name.given", "Ada");
        answers.set("person.name.family", "Lovelace");
        assert_eq!(
            reachable(&j, Step::Question(3), &answers, env),
            Step::Question(1)
        );
        assert_eq!(
            reachable(&j, Step::Confirmation, &answers, env),
            Step::Start
        );
    }

    #[test]
    fn slugs_round_trip() {
        let j = journey();
        for step in [
            Step::Start,
            Step::Question(0),
            Step::Question(4),
            Step::Check,
            Step::Confirmation,
        ] {
            assert_eq!(Step::from_slug(&j, &step.slug(&j)), Some(step));
        }
        assert_eq!(Step::from_slug(&j, "no-such-page"), None);
    }
}
