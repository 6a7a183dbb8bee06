//! Answers → field errors in plain words. One error per input group: a date has one message
//! for its three inputs (marking only the parts at fault); each input of a name or an address
//! has its own; a choice has one.

use crate::answers::Answers;
use crate::conditions::{holds, Situation};
use crate::date::Date;
use crate::definition::{Page, Question, Rule};
use crate::field::{self, Country, DateProblem, FieldKind};
use crate::mapping::Canonical;
use crate::messages;
use crate::postcode;

/// The longest line of text any input accepts unless a rule says otherwise.
pub const DEFAULT_MAX_LENGTH: usize = 200;
/// The longest long text.
pub const DEFAULT_MAX_LONG_TEXT: usize = 1200;

/// Matches text against a journey's regular expressions. The app uses the browser's own
/// RegExp (no regex engine in the WebAssembly); a server can use any engine with the same
/// syntax for the patterns it meets.
pub trait PatternMatcher {
    /// Whether `text` matches `pattern`; `None` when the pattern itself is not valid.
    fn is_match(&self, pattern: &str, text: &str) -> Option<bool>;
}

/// For places with no regular expressions at hand: every pattern is treated as unknown, so
/// pattern rules are not checked there (the browser and the agencies check them).
pub struct NoPatterns;

impl PatternMatcher for NoPatterns {
    fn is_match(&self, _: &str, _: &str) -> Option<bool> {
        None
    }
}

/// What validation needs besides the answers.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    /// Today in the person's time zone: "in the past" means their past.
    pub today: Date,
    pub lang: &'a str,
    pub patterns: &'a dyn PatternMatcher,
    /// Every canonical answer of the journey, for rules that compare answers (`condition`);
    /// without them those rules are not checked.
    pub answers: Option<&'a Canonical>,
}

impl<'a> Env<'a> {
    /// The same, with the journey's answers for cross-answer rules.
    pub fn with_answers(self, answers: &'a Canonical) -> Env<'a> {
        Env {
            answers: Some(answers),
            ..self
        }
    }
}

/// A problem with an answer, for the error summary and beside the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Where the message is shown: the question key, or the part key for a part of a name or
    /// an address.
    pub key: String,
    pub message: String,
    /// The raw-input keys to mark invalid; the first is where the error summary link goes.
    pub inputs: Vec<String>,
}

impl FieldError {
    fn at(key: &str, message: String) -> FieldError {
        FieldError {
            key: key.to_string(),
            message,
            inputs: vec![key.to_string()],
        }
    }
}

/// Every error on a page, in the order of its inputs.
pub fn validate_page(page: &Page, answers: &Answers, env: Env) -> Vec<FieldError> {
    page.questions
        .iter()
        .flat_map(|q| validate_question(q, answers, env))
        .collect()
}

pub fn validate_question(question: &Question, answers: &Answers, env: Env) -> Vec<FieldError> {
    let errors = validate_answer(question, answers, env);
    if !errors.is_empty() {
        return errors;
    }
    // Rules across answers come last: only a well-formed answer is compared with others.
    let Some(canonical) = env.answers else {
        return errors;
    };
    let situation = Situation {
        answers: canonical,
        today: env.today,
    };
    let first_input = field::parts(question)
        .first()
        .map(|part| field::input_key(&question.key, part))
        .unwrap_or_else(|| question.key.clone());
    question
        .validate
        .iter()
        .find_map(|rule| match rule {
            Rule::Condition { condition, message } if !holds(Some(condition), &situation) => {
                Some(FieldError {
                    key: question.key.clone(),
                    message: message.tr(env.lang).to_string(),
                    inputs: vec![first_input.clone()],
                })
            }
            _ => None,
        })
        .into_iter()
        .collect()
}

/// The checks of one answer on its own: its type's format and its rules.
fn validate_answer(question: &Question, answers: &Answers, env: Env) -> Vec<FieldError> {
    let name = question.name.tr(env.lang);
    let custom = |rule: &Rule| rule.message().map(|m| m.tr(env.lang).to_string());
    let all_empty = field::parts(question).iter().all(|p| {
        answers
            .trimmed(&field::input_key(&question.key, p))
            .is_empty()
    });
    if all_empty && !question.required {
        return vec![];
    }
    let key = question.key.as_str();
    let value = answers.trimmed(key);
    let one = |message: Option<String>| {
        message
            .map(|m| vec![FieldError::at(key, m)])
            .unwrap_or_default()
    };
    match question.kind {
        FieldKind::Date => validate_date(question, answers, env).into_iter().collect(),
        FieldKind::Name | FieldKind::Address => validate_parts(question, answers, env),
        FieldKind::YesNo if value.is_empty() => one(Some(messages::select_yes_no(name, env.lang))),
        FieldKind::YesNo => {
            one((!matches!(value, "yes" | "no")).then(|| messages::select_yes_no(name, env.lang)))
        }
        FieldKind::Radios | FieldKind::Select if value.is_empty() => {
            one(Some(messages::select(name, env.lang)))
        }
        FieldKind::Radios | FieldKind::Select => {
            one((!question.options.iter().any(|o| o.value == value))
                .then(|| messages::not_an_option(name, env.lang)))
        }
        FieldKind::Checkboxes => {
            let chosen = answers.list(key);
            let exclusive = question.options.iter().find(|o| o.exclusive);
            let message = if chosen.is_empty() {
                Some(messages::select(name, env.lang))
            } else if chosen
                .iter()
                .any(|c| !question.options.iter().any(|o| o.value == *c))
            {
                Some(messages::not_an_option(name, env.lang))
            } else {
                exclusive
                    .filter(|e| chosen.len() > 1 && chosen.contains(&e.value.as_str()))
                    .map(|none| {
                        messages::exclusive_with_others(name, none.label.tr(env.lang), env.lang)
                    })
            };
            one(message)
        }
        FieldKind::Text
        | FieldKind::LongText
        | FieldKind::Email
        | FieldKind::Phone
        | FieldKind::NationalId => {
            let default_max = if question.kind == FieldKind::LongText {
                DEFAULT_MAX_LONG_TEXT
            } else {
                DEFAULT_MAX_LENGTH
            };
            one(text_problem(question, value, default_max, env))
        }
        FieldKind::Number | FieldKind::Currency => {
            one(number_problem(question, value, env, &custom))
        }
    }
}

/// What is wrong with a one-line or long text answer, checking its type's format first.
fn text_problem(question: &Question, value: &str, default_max: usize, env: Env) -> Option<String> {
    let name = question.name.tr(env.lang);
    let custom = |rule: &Rule| rule.message().map(|m| m.tr(env.lang).to_string());
    if value.is_empty() {
        return Some(messages::enter(name, env.lang));
    }
    let length = value.chars().count();
    let max = question.validate.iter().find_map(|r| match r {
        Rule::MaxLength { max, .. } => Some((*max, custom(r))),
        _ => None,
    });
    let (max, max_message) = max.unwrap_or((default_max, None));
    if length > max {
        return Some(max_message.unwrap_or_else(|| messages::too_long(name, max, env.lang)));
    }
    let format_problem = match question.kind {
        FieldKind::Email => {
            (!field::is_email(value)).then(|| messages::email_format(name, env.lang))
        }
        FieldKind::Phone => {
            (!field::is_phone(value)).then(|| messages::phone_format(name, env.lang))
        }
        FieldKind::NationalId => question.format.as_ref().and_then(|format| {
            let compact = field::compact(value);
            (env.patterns.is_match(&format.pattern, &compact) == Some(false))
                .then(|| messages::id_format(name, &format.example, env.lang))
        }),
        _ => None,
    };
    if format_problem.is_some() {
        return format_problem;
    }
    question.validate.iter().find_map(|rule| match rule {
        Rule::MinLength { min, .. } if length < *min => {
            Some(custom(rule).unwrap_or_else(|| messages::too_short(name, *min, env.lang)))
        }
        Rule::Pattern { pattern, message } => (env.patterns.is_match(pattern, value)
            == Some(false))
        .then(|| message.tr(env.lang).to_string()),
        _ => None,
    })
}

fn number_problem(
    question: &Question,
    value: &str,
    env: Env,
    custom: &dyn Fn(&Rule) -> Option<String>,
) -> Option<String> {
    let name = question.name.tr(env.lang);
    if value.is_empty() {
        return Some(messages::enter(name, env.lang));
    }
    let number = if question.kind == FieldKind::Currency {
        match field::parse_money(value) {
            Some(cents) => cents as f64 / 100.0,
            None => return Some(messages::not_money(name, env.lang)),
        }
    } else {
        match field::parse_number(value) {
            Some(n) => n,
            None => return Some(messages::not_a_number(name, env.lang)),
        }
    };
    question.validate.iter().find_map(|rule| {
        let broken = match rule {
            Rule::Whole { .. } => {
                (number.fract() != 0.0).then(|| messages::not_whole(name, env.lang))
            }
            Rule::Min { min, .. } => {
                (number < *min).then(|| messages::at_least(name, *min, env.lang))
            }
            Rule::Max { max, .. } => {
                (number > *max).then(|| messages::at_most(name, *max, env.lang))
            }
            _ => None,
        };
        broken.map(|default| custom(rule).unwrap_or(default))
    })
}

/// Each part of a name or an address: required unless optional, lengths, postcode or ZIP.
fn validate_parts(question: &Question, answers: &Answers, env: Env) -> Vec<FieldError> {
    let name = question.name.tr(env.lang);
    let custom = |rule: &Rule| rule.message().map(|m| m.tr(env.lang).to_string());
    field::parts(question)
        .iter()
        .filter_map(|part| {
            let key = field::input_key(&question.key, part);
            let value = answers.trimmed(&key);
            let length = value.chars().count();
            let message = if value.is_empty() {
                (!part.optional).then(|| messages::enter_part(part.name, name, env.lang))
            } else if part.name == "postcode" {
                match question.country {
                    Country::Uk => postcode::normalise_uk(value)
                        .is_none()
                        .then(|| messages::postcode_not_real(name, env.lang)),
                    Country::Us => postcode::normalise_zip(value)
                        .is_none()
                        .then(|| messages::zip_not_real(name, env.lang)),
                }
            } else {
                question
                    .validate
                    .iter()
                    .find_map(|rule| match rule {
                        Rule::MaxLength { max, .. } if length > *max => {
                            Some(custom(rule).unwrap_or_else(|| {
                                messages::part_too_long(part.label(env.lang), *max, env.lang)
                            }))
                        }
                        Rule::MinLength { min, .. } if length < *min => {
                            Some(custom(rule).unwrap_or_else(|| {
                                messages::part_too_short(part.label(env.lang), *min, env.lang)
                            }))
                        }
                        _ => None,
                    })
                    .or_else(|| {
                        (length > DEFAULT_MAX_LENGTH).then(|| {
                            messages::part_too_long(
                                part.label(env.lang),
                                DEFAULT_MAX_LENGTH,
                                env.lang,
                            )
                        })
                    })
            };
            message.map(|message| FieldError::at(&key, message))
        })
        .collect()
}

fn validate_date(question: &Question, answers: &Answers, env: Env) -> Option<FieldError> {
    let name = question.name.tr(env.lang);
    let today = env.today;
    let part_keys = |parts: &[&str]| -> Vec<String> {
        parts
            .iter()
            .map(|p| format!("{}.{p}", question.key))
            .collect()
    };
    let (message, parts) = match field::parse_date_parts(&question.key, answers) {
        Err(DateProblem::Empty) => (
            messages::enter(name, env.lang),
            part_keys(&["day", "month", "year"]),
        ),
        Err(DateProblem::Missing(missing)) => (
            messages::date_must_include(name, &missing, env.lang),
            part_keys(&missing),
        ),
        Err(DateProblem::YearNotFourDigits) => (
            messages::date_year_four_digits(name, env.lang),
            part_keys(&["year"]),
        ),
        Err(DateProblem::NotReal(wrong)) => {
            (messages::date_not_real(name, env.lang), part_keys(&wrong))
        }
        Ok(date) => {
            // Another date this one is compared with, and how to name it in a message.
            let other = |key: &str| -> Option<(Date, String)> {
                let other = field::parse_date_parts(key, answers).ok()?;
                Some((other, other.long_form(env.lang)))
            };
            let broken = question.validate.iter().find_map(|rule| {
                let default = match rule {
                    Rule::Past { .. } => {
                        (date >= today).then(|| messages::date_past(name, env.lang))
                    }
                    Rule::TodayOrPast { .. } => {
                        (date > today).then(|| messages::date_today_or_past(name, env.lang))
                    }
                    Rule::Future { .. } => {
                        (date <= today).then(|| messages::date_future(name, env.lang))
                    }
                    Rule::WithinDays { days, .. } => {
                        let age = today.days_since_epoch() - date.days_since_epoch();
                        (age < 0 || age > i64::from(*days))
                            .then(|| messages::date_within_days(name, *days, env.lang))
                    }
                    Rule::Before { key, .. } => other(key)
                        .filter(|(other, _)| date >= *other)
                        .map(|(_, words)| messages::date_before(name, &words, env.lang)),
                    Rule::After { key, .. } => other(key)
                        .filter(|(other, _)| date <= *other)
                        .map(|(_, words)| messages::date_after(name, &words, env.lang)),
                    Rule::AgeAtLeast { years, .. } => (date.full_years_until(today)
                        < i64::from(*years))
                    .then(|| messages::age_at_least(*years, env.lang)),
                    Rule::AgeAtMost { years, .. } => (date.full_years_until(today)
                        > i64::from(*years))
                    .then(|| messages::age_at_most(*years, env.lang)),
                    _ => None,
                };
                default.map(|default| {
                    rule.message()
                        .map(|m| m.tr(env.lang).to_string())
                        .unwrap_or(default)
                })
            })?;
            (broken, part_keys(&["day", "month", "year"]))
        }
    };
    Some(FieldError {
        key: question.key.clone(),
        message,
        inputs: parts,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::definition::{Choice, IdFormat, Journey};
    use crate::text::Text;

    /// The regex crate standing in for the browser's RegExp in native tests.
    pub struct RegexPatterns;

    impl PatternMatcher for RegexPatterns {
        fn is_match(&self, pattern: &str, text: &str) -> Option<bool> {
            regex::Regex::new(pattern).ok().map(|r| r.is_match(text))
        }
    }

    pub fn env() -> Env<'static> {
        Env {
            today: Date::new(2026, 11, 23).unwrap(),
            lang: "en",
            patterns: &RegexPatterns,
            answers: None,
        }
    }

    fn journey() -> Journey {
        Journey::from_json(include_str!("../../../tests/fixtures/address-change.json")).unwrap()
    }

    fn errors_on(page_id: &str, answers: &[(&str, &str)]) -> Vec<(String, String)> {
        let journey = journey();
        let page = &journey.pages[journey.page_index(page_id).unwrap()];
        let mut store = Answers::default();
        for (k, v) in answers {
            store.set(k, v);
        }
        validate_page(page, &store, env())
            .into_iter()
            .map(|e| (e.key, e.message))
            .collect()
    }

    fn pair(key: &str, message: &str) -> (String, String) {
        (key.to_string(), message.to_string())
    }

    /// The messages for one question given one raw answer at its key.
    fn messages_for(question: &Question, raw: &str) -> Vec<String> {
        let mut answers = Answers::default();
        answers.set(&question.key, raw);
        validate_question(question, &answers, env())
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn name_parts_each_need_an_answer() {
        assert_eq!(
            errors_on("name", &[]),
            [
                pair("person.name.given", "Enter your first name"),
                pair("person.name.family", "Enter your last name")
            ]
        );
        assert_eq!(
            errors_on(
                "name",
                &[("person.name.given", "Ada"), ("person.name.family", "  ")]
            ),
            [pair("person.name.family", "Enter your last name")]
        );
        assert!(errors_on(
            "name",
            &[
                ("person.name.given", "Ada"),
                ("person.name.family", "Lovelace")
            ]
        )
        .is_empty());
        let long = "x".repeat(101);
        assert_eq!(
            errors_on(
                "name",
                &[("person.name.given", &long), ("person.name.family", "L")]
            ),
            [pair(
                "person.name.given",
                "First name must be 100 characters or fewer"
            )]
        );
    }

    #[test]
    fn every_date_message() {
        let dob = |d: &str, m: &str, y: &str| {
            errors_on(
                "date-of-birth",
                &[
                    ("person.date_of_birth.day", d),
                    ("person.date_of_birth.month", m),
                    ("person.date_of_birth.year", y),
                ],
            )
        };
        let key = "person.date_of_birth";
        assert_eq!(dob("", "", ""), [pair(key, "Enter your date of birth")]);
        assert_eq!(
            dob("3", "", "1990"),
            [pair(key, "Your date of birth must include a month")]
        );
        assert_eq!(
            dob("", "", "1990"),
            [pair(key, "Your date of birth must include a day and month")]
        );
        assert_eq!(
            dob("3", "4", "90"),
            [pair(
                key,
                "The year of your date of birth must include 4 numbers, like 2026"
            )]
        );
        assert_eq!(
            dob("30", "2", "1990"),
            [pair(key, "Your date of birth must be a real date")]
        );
        assert_eq!(
            dob("x", "2", "1990"),
            [pair(key, "Your date of birth must be a real date")]
        );
        assert_eq!(
            dob("23", "11", "2026"),
            [pair(key, "Your date of birth must be in the past")]
        );
        assert!(dob("22", "11", "2026").is_empty());
        let moved = |d: &str| {
            errors_on(
                "move-date",
                &[
                    ("move.date.day", d),
                    ("move.date.month", "11"),
                    ("move.date.year", "2026"),
                ],
            )
        };
        assert!(moved("23").is_empty(), "moving today is allowed");
        assert_eq!(
            moved("24"),
            [pair(
                "move.date",
                "The date you moved must be today or in the past"
            )]
        );
    }

    #[test]
    fn date_rules_against_today_and_other_answers() {
        let mut question = Question::new("d", FieldKind::Date, "When?", "the date");
        let check = |question: &Question, date: (&str, &str, &str), extra: &[(&str, &str)]| {
            let mut answers = Answers::default();
            for (k, v) in [("d.day", date.0), ("d.month", date.1), ("d.year", date.2)]
                .iter()
                .chain(extra)
            {
                answers.set(k, v);
            }
            validate_question(question, &answers, env())
                .into_iter()
                .map(|e| e.message)
                .collect::<Vec<_>>()
        };
        question.validate = vec![Rule::WithinDays {
            days: 90,
            message: None,
        }];
        assert!(check(&question, ("25", "8", "2026"), &[]).is_empty());
        assert_eq!(
            check(&question, ("24", "8", "2026"), &[]),
            ["The date must be within the last 90 days"]
        );
        assert_eq!(
            check(&question, ("1", "1", "2027"), &[]),
            ["The date must be within the last 90 days"]
        );
        question.validate = vec![Rule::Future { message: None }];
        assert_eq!(
            check(&question, ("23", "11", "2026"), &[]),
            ["The date must be in the future"]
        );
        let other = [("o.day", "1"), ("o.month", "3"), ("o.year", "2026")];
        question.validate = vec![Rule::After {
            key: "o".into(),
            message: None,
        }];
        assert_eq!(
            check(&question, ("1", "3", "2026"), &other),
            ["The date must be after 1 March 2026"]
        );
        assert!(check(&question, ("2", "3", "2026"), &other).is_empty());
        question.validate = vec![Rule::Before {
            key: "o".into(),
            message: None,
        }];
        assert_eq!(
            check(&question, ("2", "3", "2026"), &other),
            ["The date must be before 1 March 2026"]
        );
        assert!(
            check(&question, ("2", "3", "2026"), &[]).is_empty(),
            "no other date: nothing to compare"
        );
        question.validate = vec![Rule::AgeAtLeast {
            years: 18,
            message: None,
        }];
        assert!(
            check(&question, ("23", "11", "2008"), &[]).is_empty(),
            "18 today"
        );
        assert_eq!(
            check(&question, ("24", "11", "2008"), &[]),
            ["You must be 18 or older"]
        );
        question.validate = vec![Rule::AgeAtMost {
            years: 64,
            message: None,
        }];
        assert_eq!(
            check(&question, ("22", "11", "1961"), &[]),
            ["You must be 64 or younger"]
        );
    }

    #[test]
    fn only_the_parts_at_fault_are_marked() {
        let journey = journey();
        let page = &journey.pages[journey.page_index("move-date").unwrap()];
        let mut store = Answers::default();
        store.set("move.date.day", "12");
        store.set("move.date.year", "2026");
        let errors = validate_page(page, &store, env());
        assert_eq!(errors[0].inputs, ["move.date.month"]);
        store.set("move.date.month", "13");
        assert_eq!(
            validate_page(page, &store, env())[0].inputs,
            ["move.date.month"]
        );
    }

    #[test]
    fn address_messages_name_the_address() {
        assert_eq!(
            errors_on("new-address", &[]),
            [
                pair(
                    "address.current.line1",
                    "Enter the building and street of your new address"
                ),
                pair(
                    "address.current.town",
                    "Enter the town or city of your new address"
                ),
                pair(
                    "address.current.postcode",
                    "Enter the postcode of your new address"
                ),
            ]
        );
        assert_eq!(
            errors_on(
                "previous-address",
                &[
                    ("address.previous.line1", "1 Road"),
                    ("address.previous.town", "Bath"),
                    ("address.previous.postcode", "BA1")
                ]
            ),
            [pair(
                "address.previous.postcode",
                "Enter a real postcode for your previous address, like SW1A 1AA"
            )]
        );
        let mut us = Question::new("a", FieldKind::Address, "Address?", "your address");
        us.country = crate::field::Country::Us;
        let mut answers = Answers::default();
        for (k, v) in [
            ("a.line1", "1600 Pennsylvania Ave"),
            ("a.town", "Washington"),
            ("a.region", "DC"),
            ("a.postcode", "2050"),
        ] {
            answers.set(k, v);
        }
        let errors: Vec<_> = validate_question(&us, &answers, env())
            .into_iter()
            .map(|e| e.message)
            .collect();
        assert_eq!(
            errors,
            ["Enter a real ZIP code for your address, like 20500"]
        );
        answers.set("a.postcode", "20500");
        assert!(validate_question(&us, &answers, env()).is_empty());
    }

    #[test]
    fn custom_messages_replace_built_in_ones() {
        let mut journey = journey();
        let index = journey.page_index("move-date").unwrap();
        journey.pages[index].questions[0].validate = vec![Rule::Past {
            message: Some(Text::en(
                "You cannot tell us about a move that has not happened",
            )),
        }];
        let mut store = Answers::default();
        for (k, v) in [
            ("move.date.day", "1"),
            ("move.date.month", "1"),
            ("move.date.year", "2030"),
        ] {
            store.set(k, v);
        }
        let errors = validate_page(&journey.pages[index], &store, env());
        assert_eq!(
            errors[0].message,
            "You cannot tell us about a move that has not happened"
        );
    }

    #[test]
    fn text_lengths_and_patterns() {
        let mut question = Question::new("k", FieldKind::Text, "Code?", "your code");
        assert_eq!(messages_for(&question, " "), ["Enter your code"]);
        question.validate = vec![
            Rule::MinLength {
                min: 3,
                message: None,
            },
            Rule::Pattern {
                pattern: "^[a-z]+$".into(),
                message: Text::en("Your code must be lower-case letters"),
            },
        ];
        assert_eq!(
            messages_for(&question, "ab"),
            ["Your code must be 3 characters or more"]
        );
        assert_eq!(
            messages_for(&question, "abc1"),
            ["Your code must be lower-case letters"]
        );
        assert!(messages_for(&question, "abcd").is_empty());
        let long = Question::new("k", FieldKind::LongText, "Tell us more", "more detail");
        assert_eq!(
            messages_for(&long, &"x".repeat(1201)),
            ["More detail must be 1200 characters or fewer"]
        );
        assert!(messages_for(&long, "line one\nline two").is_empty());
    }

    #[test]
    fn numbers_and_money() {
        let mut number = Question::new(
            "k",
            FieldKind::Number,
            "How many?",
            "how many people live with you",
        );
        number.validate = vec![
            Rule::Whole { message: None },
            Rule::Min {
                min: 1.0,
                message: None,
            },
            Rule::Max {
                max: 20.0,
                message: None,
            },
        ];
        assert_eq!(
            messages_for(&number, ""),
            ["Enter how many people live with you"]
        );
        assert_eq!(
            messages_for(&number, "two"),
            ["How many people live with you must be a number"]
        );
        assert_eq!(
            messages_for(&number, "2.5"),
            ["How many people live with you must be a whole number"]
        );
        assert_eq!(
            messages_for(&number, "0"),
            ["How many people live with you must be 1 or more"]
        );
        assert_eq!(
            messages_for(&number, "21"),
            ["How many people live with you must be 20 or less"]
        );
        assert!(messages_for(&number, "4").is_empty());
        let money = Question::new(
            "k",
            FieldKind::Currency,
            "Earnings?",
            "your weekly earnings",
        );
        assert_eq!(
            messages_for(&money, "12.345"),
            ["Your weekly earnings must be an amount of money, like 600 or 193.54"]
        );
        assert!(messages_for(&money, "$1,200.50").is_empty());
    }

    #[test]
    fn emails_phones_and_identifiers() {
        let email = Question::new("k", FieldKind::Email, "Email?", "your email address");
        assert_eq!(
            messages_for(&email, "name.example.com"),
            ["Enter your email address in the correct format, like name@example.com"]
        );
        let phone = Question::new("k", FieldKind::Phone, "Phone?", "your phone number");
        assert_eq!(
            messages_for(&phone, "call me"),
            ["Enter your phone number in the correct format, like 01632 960 001 or +1 202 555 0143"]
        );
        assert!(messages_for(&phone, "+1 202 555 0143").is_empty());
        let mut id = Question::new(
            "k",
            FieldKind::NationalId,
            "Licence number?",
            "your licence number",
        );
        id.format = Some(IdFormat {
            pattern: "^[A-Z]{2}[0-9]{6}$".into(),
            example: "AB 123456".into(),
        });
        assert_eq!(
            messages_for(&id, "A1234567"),
            ["Enter your licence number in the correct format, like AB 123456"]
        );
        assert!(
            messages_for(&id, "ab-123 456").is_empty(),
            "spaces, dashes and case are forgiven"
        );
    }

    #[test]
    fn choices() {
        let yes_no = Question::new(
            "k",
            FieldKind::YesNo,
            "Do you drive?",
            "you have a driving licence",
        );
        assert_eq!(
            messages_for(&yes_no, ""),
            ["Select yes if you have a driving licence, or no if not"]
        );
        assert_eq!(
            messages_for(&yes_no, "maybe"),
            ["Select yes if you have a driving licence, or no if not"]
        );
        assert!(messages_for(&yes_no, "no").is_empty());
        let mut radios = Question::new(
            "k",
            FieldKind::Radios,
            "Relationship?",
            "your relationship to them",
        );
        radios.options = vec![
            Choice::new("child", "Their child"),
            Choice::new("partner", "Their partner"),
        ];
        assert_eq!(
            messages_for(&radios, ""),
            ["Select your relationship to them"]
        );
        assert!(messages_for(&radios, "child").is_empty());
        let mut boxes = Question::new(
            "k",
            FieldKind::Checkboxes,
            "Benefits?",
            "which benefits you get",
        );
        boxes.options = vec![
            Choice::new("pension", "Pension"),
            Choice {
                exclusive: true,
                ..Choice::new("none", "None of these")
            },
        ];
        assert_eq!(messages_for(&boxes, ""), ["Select which benefits you get"]);
        assert_eq!(
            messages_for(&boxes, "pension\nnone"),
            ["Select which benefits you get, or select ‘None of these’"]
        );
        assert!(messages_for(&boxes, "none").is_empty());
        assert_eq!(
            messages_for(&boxes, "lottery"),
            ["Select which benefits you get from the list"]
        );
    }

    #[test]
    fn a_rule_across_answers() {
        let mut question = Question::new(
            "stop",
            FieldKind::Number,
            "Stop at what age?",
            "the age you stop",
        );
        question.validate = vec![Rule::Condition {
            condition: "stop > start".into(),
            message: Text::en("The age you stop must be after the age you start"),
        }];
        let mut answers = Answers::default();
        answers.set("stop", "60");
        let canonical: Canonical = [
            ("start".to_string(), serde_json::json!(65)),
            ("stop".to_string(), serde_json::json!(60)),
        ]
        .into_iter()
        .collect();
        let errors = validate_question(&question, &answers, env().with_answers(&canonical));
        assert_eq!(
            errors[0].message,
            "The age you stop must be after the age you start"
        );
        assert!(
            validate_question(&question, &answers, env()).is_empty(),
            "not checked without the answers"
        );
        answers.set("stop", "sixty");
        let errors = validate_question(&question, &answers, env().with_answers(&canonical));
        assert_eq!(
            errors[0].message, "The age you stop must be a number",
            "its own format first"
        );
    }

    #[test]
    fn messages_in_spanish() {
        let env = Env {
            lang: "es",
            ..env()
        };
        let mut date = Question::new("d", FieldKind::Date, "¿Cuándo?", "la fecha en que se mudó");
        date.validate = vec![Rule::Past { message: None }];
        let check = |question: &Question, parts: &[(&str, &str)]| -> Vec<String> {
            let mut answers = Answers::default();
            for (k, v) in parts {
                answers.set(k, v);
            }
            validate_question(question, &answers, env)
                .into_iter()
                .map(|e| e.message)
                .collect()
        };
        assert_eq!(check(&date, &[]), ["Introduzca la fecha en que se mudó"]);
        assert_eq!(
            check(&date, &[("d.year", "2026")]),
            ["La fecha en que se mudó debe incluir un día y un mes"]
        );
        assert_eq!(
            check(
                &date,
                &[("d.day", "31"), ("d.month", "2"), ("d.year", "2026")]
            ),
            ["La fecha en que se mudó debe ser una fecha real"]
        );
        assert_eq!(
            check(
                &date,
                &[("d.day", "1"), ("d.month", "1"), ("d.year", "2030")]
            ),
            ["La fecha en que se mudó debe estar en el pasado"]
        );
        date.validate = vec![Rule::After {
            key: "o".into(),
            message: None,
        }];
        assert_eq!(
            check(
                &date,
                &[
                    ("d.day", "1"),
                    ("d.month", "3"),
                    ("d.year", "2026"),
                    ("o.day", "1"),
                    ("o.month", "3"),
                    ("o.year", "2026")
                ]
            ),
            ["La fecha en que se mudó debe ser posterior al 1 de marzo de 2026"]
        );
        let address = Question::new("a", FieldKind::Address, "¿Dirección?", "su nueva dirección");
        assert_eq!(
            check(&address, &[("a.line1", "1 Calle Mayor")]),
            [
                "Introduzca la ciudad o el pueblo de su nueva dirección",
                "Introduzca el código postal de su nueva dirección"
            ]
        );
        let name = Question::new("n", FieldKind::Name, "¿Nombre?", "su nombre");
        assert_eq!(
            check(
                &name,
                &[("n.given", &"x".repeat(201)), ("n.family", "Ruiz")]
            ),
            ["Nombre debe tener 200 caracteres o menos"]
        );
    }

    #[test]
    fn optional_questions_may_be_left_empty() {
        let mut question = Question::new(
            "k",
            FieldKind::Email,
            "Email (optional)",
            "your email address",
        );
        question.required = false;
        assert!(messages_for(&question, "").is_empty());
        assert_eq!(
            messages_for(&question, "x").len(),
            1,
            "but what is given is checked"
        );
    }
}

#[cfg(test)]
mod properties {
    use super::tests::env;
    use super::*;
    use crate::definition::Journey;
    use crate::field;
    use proptest::prelude::*;

    /// Every question of the test journeys, which between them use every field type.
    fn questions() -> Vec<Question> {
        [
            include_str!("../../../tests/fixtures/every-field.json"),
            include_str!("../../../tests/fixtures/address-change.json"),
        ]
        .iter()
        .flat_map(|text| Journey::from_json(text).unwrap().pages)
        .flat_map(|page| page.questions)
        .collect()
    }

    proptest! {
        /// Whatever is typed into any input of any question, validation answers with messages
        /// (or none) and never panics; every message names where it goes.
        #[test]
        fn validators_never_panic(typed in proptest::collection::vec(any::<String>(), 6), choice in 0usize..64) {
            let questions = questions();
            let question = &questions[choice % questions.len()];
            let mut answers = Answers::default();
            for (part, text) in field::parts(question).iter().zip(&typed) {
                answers.set(&field::input_key(&question.key, part), text);
            }
            answers.set(&question.key, &typed.join("\n"));
            for error in validate_question(question, &answers, env()) {
                prop_assert!(!error.message.is_empty());
                prop_assert!(!error.inputs.is_empty());
            }
            let _ = field::canonical(question, &answers);
            let _ = crate::summary::answer_lines(question, &answers, "en");
        }

        /// Numbers and money are read without panicking, whatever the text.
        #[test]
        fn number_readers_never_panic(text in "\\PC{0,40}") {
            let _ = field::parse_number(&text);
            let _ = field::parse_money(&text);
            let _ = field::is_email(&text);
            let _ = field::is_phone(&text);
            let _ = crate::postcode::normalise_uk(&text);
            let _ = crate::postcode::normalise_zip(&text);
        }
    }
}
