//! Where the person is in a journey and where Continue and Back take them. The steps depend on
//! the answers: screening pages come first, then "Services you can use", then only the pages
//! that the services which apply need (and whose `show_if` holds).

use crate::answers::Answers;
use crate::conditions::{holds, Situation};
use crate::date::Date;
use crate::definition::Journey;
use crate::definition::Question;
use crate::mapping::{canonical_answers, template_keys, Canonical};
use crate::repeat;
use crate::validate::{validate_question, Env, FieldError};

/// A step of a journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Start,
    /// A question page, by index.
    Question(usize),
    /// One item of a repeating group: its page, and which item (from 0).
    Item {
        page: usize,
        index: usize,
    },
    /// The list of a repeating group's items, with Change, Remove and "add another".
    Items(usize),
    /// "Services you can use", after the screening pages.
    Services,
    /// "We already have these details": answers carried over from the answer store, to confirm
    /// or change, after "Services you can use" (or Start).
    Known,
    /// "Check your answers".
    Check,
    /// "Who gets what": each service and exactly the answers it will get, to send or leave out.
    Consent,
    /// The confirmation page, after the answers were sent.
    Confirmation,
}

impl Step {
    /// The step's name in the address bar: never any answer, only which page.
    pub fn slug(self, journey: &Journey) -> String {
        match self {
            Step::Start => "start".into(),
            Step::Question(i) | Step::Items(i) => journey
                .pages
                .get(i)
                .map(|p| p.id.clone())
                .unwrap_or_default(),
            Step::Item { page, index } => journey
                .pages
                .get(page)
                .map(|p| format!("{}-{}", p.id, index + 1))
                .unwrap_or_default(),
            Step::Services => "services-you-can-use".into(),
            Step::Known => "details-we-have".into(),
            Step::Check => "check-your-answers".into(),
            Step::Consent => "who-gets-what".into(),
            Step::Confirmation => "confirmation".into(),
        }
    }

    pub fn from_slug(journey: &Journey, slug: &str) -> Option<Step> {
        match slug {
            "start" | "" => Some(Step::Start),
            "services-you-can-use" => Some(Step::Services),
            "details-we-have" => Some(Step::Known),
            "check-your-answers" => Some(Step::Check),
            "who-gets-what" => Some(Step::Consent),
            "confirmation" => Some(Step::Confirmation),
            id => match journey.page_index(id) {
                Some(page) if journey.pages[page].repeat.is_some() => Some(Step::Items(page)),
                Some(page) => Some(Step::Question(page)),
                // "children-2": the second child.
                None => {
                    let (id, number) = id.rsplit_once('-')?;
                    let page = journey
                        .page_index(id)
                        .filter(|p| journey.pages[*p].repeat.is_some())?;
                    let index = number.parse::<usize>().ok()?.checked_sub(1)?;
                    Some(Step::Item { page, index })
                }
            },
        }
    }
}

/// What the answers so far decide: which services apply and which pages are asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Per service, in journey order: does it apply?
    pub eligible: Vec<bool>,
    /// Per page, in journey order: is it asked?
    pub shown: Vec<bool>,
    /// Per page: how many times it is asked (the items of a repeating group; otherwise 1).
    pub items: Vec<usize>,
    /// Every canonical answer, as conditions and cross-answer rules see them: worked out once
    /// per plan, not once per question.
    pub canonical: Canonical,
    pub today: Date,
    /// Questions carried over from the answer store and still right here: not asked again,
    /// but listed on "We already have these details" (by question key, in journey order).
    pub carried: Vec<(usize, String)>,
}

impl Plan {
    pub fn new(journey: &Journey, answers: &Answers, env: Env) -> Plan {
        let canonical = canonical_answers(journey, answers);
        let situation = Situation {
            answers: &canonical,
            today: env.today,
        };
        let eligible: Vec<bool> = journey
            .services
            .iter()
            .map(|s| holds(s.eligible_if.as_deref(), &situation))
            .collect();
        let screens = journey.has_screening();
        // After screening, only what a service that applies needs is asked.
        let needed = crate::ordered::Set::from_iter(
            journey
                .services
                .iter()
                .zip(&eligible)
                .filter(|(_, applies)| **applies)
                .flat_map(|(s, _)| template_keys(&s.connector)),
        );
        let shown = journey
            .pages
            .iter()
            .map(|page| {
                let needed_here = !screens
                    || page.screening
                    || crate::repeat::page_keys(page)
                        .iter()
                        .any(|k| needed.contains(k));
                needed_here && holds(page.show_if.as_deref(), &situation)
            })
            .collect();
        let items = journey
            .pages
            .iter()
            .map(|page| repeat::count(page, answers))
            .collect();
        let mut plan = Plan {
            eligible,
            shown,
            items,
            canonical,
            today: env.today,
            carried: Vec::new(),
        };
        plan.carried = plan.carried_questions(journey, answers, env);
        plan
    }

    /// The carried questions on pages asked whose answers are still right by this journey's
    /// rules. One that is not is asked again, showing the answer carried over.
    fn carried_questions(
        &self,
        journey: &Journey,
        answers: &Answers,
        env: Env,
    ) -> Vec<(usize, String)> {
        let situation = self.situation();
        let env = env.with_answers(&self.canonical);
        journey
            .pages
            .iter()
            .enumerate()
            .filter(|(i, page)| self.shown[*i] && page.repeat.is_none() && !page.screening)
            .flat_map(|(i, page)| {
                page.questions
                    .iter()
                    .filter(|q| answers.is_carried(&q.key))
                    .filter(|q| holds(q.show_if.as_deref(), &situation))
                    .filter(|q| validate_question(q, answers, env).is_empty())
                    .map(move |q| (i, q.key.clone()))
            })
            .collect()
    }

    /// True when a question is carried over, so not asked again.
    pub fn is_carried(&self, question_key: &str) -> bool {
        self.carried.iter().any(|(_, key)| key == question_key)
    }

    /// The answers as conditions see them.
    pub fn situation(&self) -> Situation<'_> {
        Situation {
            answers: &self.canonical,
            today: self.today,
        }
    }

    /// The questions a step asks, with their keys as stored (an item's made absolute), leaving
    /// out any whose `show_if` does not hold and any carried over from the answer store.
    pub fn step_questions(&self, journey: &Journey, step: Step) -> Vec<Question> {
        let mut questions = self.page_questions(journey, step);
        questions.retain(|q| !self.is_carried(&q.key));
        questions
    }

    /// The questions of a step's page whose `show_if` holds, carried ones included: what a
    /// Change link shows, and what is checked before sending.
    pub fn page_questions(&self, journey: &Journey, step: Step) -> Vec<Question> {
        let situation = self.situation();
        let questions = match step {
            Step::Question(i) => journey
                .pages
                .get(i)
                .map(|p| p.questions.clone())
                .unwrap_or_default(),
            Step::Item { page, index } => journey
                .pages
                .get(page)
                .map(|p| repeat::item_questions(p, index).into_owned())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        questions
            .into_iter()
            .filter(|q| holds(q.show_if.as_deref(), &situation))
            .collect()
    }

    /// Every error on a step, rules across answers included.
    pub fn validate_step(
        &self,
        journey: &Journey,
        step: Step,
        answers: &Answers,
        env: Env,
    ) -> Vec<FieldError> {
        let env = env.with_answers(&self.canonical);
        self.page_questions(journey, step)
            .iter()
            .flat_map(|q| validate_question(q, answers, env))
            .collect()
    }

    /// Every step in order, from Start to "Who gets what".
    pub fn steps(&self, journey: &Journey) -> Vec<Step> {
        let question = |screening: bool| {
            journey
                .pages
                .iter()
                .enumerate()
                .filter(move |(i, page)| page.screening == screening && self.shown[*i])
                .flat_map(move |(i, page)| match page.repeat {
                    // A page whose every question is carried over is not asked.
                    None if self.carried.iter().any(|(p, _)| *p == i)
                        && self.step_questions(journey, Step::Question(i)).is_empty() =>
                    {
                        vec![]
                    }
                    None => vec![Step::Question(i)],
                    Some(_) => (0..self.items[i])
                        .map(|index| Step::Item { page: i, index })
                        .chain([Step::Items(i)])
                        .collect(),
                })
        };
        let mut steps = vec![Step::Start];
        steps.extend(question(true));
        if journey.has_screening() {
            steps.push(Step::Services);
        }
        if !self.carried.is_empty() {
            steps.push(Step::Known);
        }
        steps.extend(question(false));
        steps.push(Step::Check);
        steps.push(Step::Consent);
        steps
    }
}

/// Where a Change link came from: Continue goes back there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returning {
    No,
    /// "Check your answers".
    ToCheck,
    /// "We already have these details".
    ToKnown,
}

/// The step after a question page answered without errors. A person who came from "Check
/// your answers" goes back there, unless the change means a page now needs answering; one who
/// came from "We already have these details" goes back there.
pub fn after_continue(
    journey: &Journey,
    step: Step,
    returning: Returning,
    answers: &Answers,
    env: Env,
) -> Step {
    match returning {
        Returning::ToCheck => first_incomplete(journey, answers, env).unwrap_or(Step::Check),
        Returning::ToKnown => Step::Known,
        Returning::No => next(journey, step, answers, env),
    }
}

/// The questions a step asks now (see [`Plan::step_questions`]).
pub fn step_questions(journey: &Journey, step: Step, answers: &Answers, env: Env) -> Vec<Question> {
    Plan::new(journey, answers, env).step_questions(journey, step)
}

/// Every error on a step now (see [`Plan::validate_step`]).
pub fn validate_step(
    journey: &Journey,
    step: Step,
    answers: &Answers,
    env: Env,
) -> Vec<FieldError> {
    Plan::new(journey, answers, env).validate_step(journey, step, answers, env)
}

/// The step after this one.
pub fn next(journey: &Journey, step: Step, answers: &Answers, env: Env) -> Step {
    let steps = Plan::new(journey, answers, env).steps(journey);
    steps
        .iter()
        .position(|s| *s == step)
        .and_then(|i| steps.get(i + 1).copied())
        .unwrap_or(Step::Check)
}

/// Where the Back link of a step goes.
pub fn back_from(journey: &Journey, step: Step, answers: &Answers, env: Env) -> Step {
    let steps = Plan::new(journey, answers, env).steps(journey);
    match step {
        Step::Confirmation => Step::Start,
        _ => steps
            .iter()
            .position(|s| *s == step)
            .and_then(|i| i.checked_sub(1))
            .map(|i| steps[i])
            .unwrap_or(Step::Start),
    }
}

/// The first step asked whose answers are missing or wrong, if any: "Check your answers" and
/// sending are only for a complete journey.
pub fn first_incomplete(journey: &Journey, answers: &Answers, env: Env) -> Option<Step> {
    let plan = Plan::new(journey, answers, env);
    plan.steps(journey)
        .into_iter()
        .find(|step| !plan.validate_step(journey, *step, answers, env).is_empty())
}

/// The step a person may be shown when they ask for `wanted` (e.g. with the browser's Back and
/// Forward buttons): a step only once every page before it is answered.
pub fn reachable(journey: &Journey, wanted: Step, answers: &Answers, env: Env) -> Step {
    if wanted == Step::Confirmation {
        return Step::Start;
    }
    let plan = Plan::new(journey, answers, env);
    for step in plan.steps(journey) {
        if step == wanted || !plan.validate_step(journey, step, answers, env).is_empty() {
            return step;
        }
    }
    Step::Start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{answered, moved};

    fn journey() -> Journey {
        Journey::from_json(include_str!("../../../tests/fixtures/address-change.json")).unwrap()
    }

    fn env() -> Env<'static> {
        crate::validate::tests::env()
    }

    #[test]
    fn continue_walks_the_pages_then_checks() {
        let j = journey();
        let none = Answers::default();
        assert_eq!(
            after_continue(&j, Step::Question(0), Returning::No, &none, env()),
            Step::Question(1)
        );
        assert_eq!(
            after_continue(&j, Step::Question(3), Returning::No, &none, env()),
            Step::Question(4)
        );
        assert_eq!(
            after_continue(&j, Step::Question(4), Returning::No, &none, env()),
            Step::Check
        );
        assert_eq!(
            after_continue(&j, Step::Question(1), Returning::ToCheck, &none, env()),
            Step::Question(0),
            "a change returns to check, but not past a page still to answer"
        );
    }

    #[test]
    fn back_goes_one_step_back() {
        let j = journey();
        let none = Answers::default();
        assert_eq!(back_from(&j, Step::Question(0), &none, env()), Step::Start);
        assert_eq!(
            back_from(&j, Step::Question(2), &none, env()),
            Step::Question(1)
        );
        assert_eq!(back_from(&j, Step::Check, &none, env()), Step::Question(4));
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

    /// The default Moving house: screening, then only what the services that apply need.
    fn moving_house() -> Journey {
        crate::testing::journey("moving-house")
    }

    #[test]
    fn screening_decides_the_services_and_the_pages() {
        let j = moving_house();
        let ids = |answers: &Answers| -> Vec<String> {
            Plan::new(&j, answers, env())
                .steps(&j)
                .iter()
                .map(|s| s.slug(&j))
                .collect()
        };
        let neither = answered(&[
            ("driving.has_licence", "no"),
            ("voting.is_registered", "no"),
        ]);
        assert_eq!(
            ids(&neither),
            [
                "start",
                "licence",
                "voting",
                "school-children",
                "services-you-can-use",
                "name",
                "taxpayer-number",
                "new-address",
                "move-date",
                "previous-address",
                "contact",
                "check-your-answers",
                "who-gets-what"
            ],
            "Revenue only: no date of birth, no licence number"
        );
        assert_eq!(
            Plan::new(&j, &neither, env()).eligible,
            [false, false, true]
        );
        let driver = answered(&[
            ("driving.has_licence", "yes"),
            ("voting.is_registered", "no"),
        ]);
        assert!(ids(&driver).contains(&"licence-number".to_string()));
        assert!(ids(&driver).contains(&"date-of-birth".to_string()));
        assert_eq!(
            next(&j, Step::Question(1), &driver, env()),
            Step::Question(2)
        );
        assert_eq!(
            next(&j, Step::Question(2), &driver, env()),
            Step::Services,
            "after the last screening page"
        );
        assert_eq!(
            back_from(&j, Step::Question(3), &driver, env()),
            Step::Services
        );
    }

    #[test]
    fn a_changed_screening_answer_asks_what_is_now_needed() {
        let j = moving_house();
        let mut answers = moved(false);
        assert_eq!(first_incomplete(&j, &answers, env()), None);
        // Changed from Check your answers: now a driver, so two more pages must be answered.
        answers.set("driving.has_licence", "yes");
        let date_of_birth = j.page_index("date-of-birth").unwrap();
        assert_eq!(
            after_continue(&j, Step::Question(0), Returning::ToCheck, &answers, env()),
            Step::Question(date_of_birth)
        );
    }

    #[test]
    fn a_repeating_group_asks_each_item_then_lists_them() {
        let j =
            Journey::from_json(include_str!("../../../tests/fixtures/every-field.json")).unwrap();
        let group = j.page_index("children").unwrap();
        let mut answers = answered(&[
            ("driving.has_licence", "no"),
            ("benefits.received", "none"),
            ("household.size", "4"),
            ("household.children", "2"),
        ]);
        let steps = Plan::new(&j, &answers, env()).steps(&j);
        let at = steps
            .iter()
            .position(|s| {
                *s == Step::Item {
                    page: group,
                    index: 0,
                }
            })
            .unwrap();
        assert_eq!(
            steps[at..at + 3],
            [
                Step::Item {
                    page: group,
                    index: 0
                },
                Step::Item {
                    page: group,
                    index: 1
                },
                Step::Items(group)
            ]
        );
        for step in &steps[at..at + 3] {
            assert_eq!(
                Step::from_slug(&j, &step.slug(&j)),
                Some(*step),
                "{}",
                step.slug(&j)
            );
        }
        assert_eq!(
            Step::Item {
                page: group,
                index: 1
            }
            .slug(&j),
            "children-2"
        );
        // The first child is not answered yet: that is where a person is sent.
        answers.set("household.size", "1");
        assert!(
            !Plan::new(&j, &answers, env())
                .steps(&j)
                .contains(&Step::Items(group)),
            "one person: no children"
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
            Step::Consent,
            Step::Known,
            Step::Confirmation,
        ] {
            assert_eq!(Step::from_slug(&j, &step.slug(&j)), Some(step));
        }
        assert_eq!(Step::from_slug(&j, "no-such-page"), None);
    }
}
