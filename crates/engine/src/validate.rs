//! Answers → field errors in plain words. One error per input group: a date has one message
//! for its three inputs (marking only the parts at fault); each input of a name or an address
//! has its own.

use crate::answers::Answers;
use crate::date::Date;
use crate::definition::{Page, Question, Rule};
use crate::field::{self, DateProblem, FieldKind};
use crate::messages;
use crate::postcode;

/// The longest text any input accepts unless a rule says otherwise.
pub const DEFAULT_MAX_LENGTH: usize = 200;

/// A problem with an answer, for the error summary and beside the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Where the message is shown: the question key for a date or a text field, the part key
    /// for a part of a name or an address.
    pub key: String,
    pub message: String,
    /// The raw-input keys to mark invalid; the first is where the error summary link goes.
    pub inputs: Vec<String>,
}

/// Every error on a page, in the order of its inputs.
pub fn validate_page(page: &Page, answers: &Answers, today: Date, lang: &str) -> Vec<FieldError> {
    page.questions
        .iter()
        .flat_map(|q| validate_question(q, answers, today, lang))
        .collect()
}

pub fn validate_question(
    question: &Question,
    answers: &Answers,
    today: Date,
    lang: &str,
) -> Vec<FieldError> {
    let name = question.name.tr(lang);
    let all_empty = question.kind.parts().iter().all(|p| {
        answers
            .trimmed(&field::input_key(&question.key, p))
            .is_empty()
    });
    if all_empty && !question.required {
        return vec![];
    }
    let max_length = question.validate.iter().find_map(|rule| match rule {
        Rule::MaxLength { max, message } => {
            Some((*max, message.as_ref().map(|m| m.tr(lang).to_string())))
        }
        _ => None,
    });
    match question.kind {
        FieldKind::Date => validate_date(question, answers, today, lang)
            .into_iter()
            .collect(),
        FieldKind::Text => {
            let value = answers.trimmed(&question.key);
            let (max, custom) = max_length.unwrap_or((DEFAULT_MAX_LENGTH, None));
            let message = if value.is_empty() {
                Some(messages::enter(name))
            } else if value.chars().count() > max {
                Some(custom.unwrap_or_else(|| messages::too_long(name, max)))
            } else {
                None
            };
            message
                .map(|message| FieldError {
                    key: question.key.clone(),
                    message,
                    inputs: vec![question.key.clone()],
                })
                .into_iter()
                .collect()
        }
        FieldKind::Name | FieldKind::Address => question
            .kind
            .parts()
            .iter()
            .filter_map(|part| {
                let key = field::input_key(&question.key, part);
                let value = answers.trimmed(&key);
                let (max, custom) = max_length.clone().unwrap_or((DEFAULT_MAX_LENGTH, None));
                let message = if value.is_empty() {
                    (!part.optional).then(|| messages::enter_part(part.name, name))
                } else if value.chars().count() > max {
                    Some(custom.unwrap_or_else(|| messages::part_too_long(part.label, max)))
                } else if part.name == "postcode" && postcode::normalise_uk(value).is_none() {
                    Some(messages::postcode_not_real(name))
                } else {
                    None
                };
                message.map(|message| FieldError {
                    key: key.clone(),
                    message,
                    inputs: vec![key],
                })
            })
            .collect(),
    }
}

fn validate_date(
    question: &Question,
    answers: &Answers,
    today: Date,
    lang: &str,
) -> Option<FieldError> {
    let name = question.name.tr(lang);
    let part_keys = |parts: &[&str]| -> Vec<String> {
        parts
            .iter()
            .map(|p| format!("{}.{p}", question.key))
            .collect()
    };
    let (message, parts) = match field::parse_date_parts(&question.key, answers) {
        Err(DateProblem::Empty) => (messages::enter(name), part_keys(&["day", "month", "year"])),
        Err(DateProblem::Missing(missing)) => (
            messages::date_must_include(name, &missing),
            part_keys(&missing),
        ),
        Err(DateProblem::YearNotFourDigits) => {
            (messages::date_year_four_digits(name), part_keys(&["year"]))
        }
        Err(DateProblem::NotReal(wrong)) => (messages::date_not_real(name), part_keys(&wrong)),
        Ok(date) => {
            let broken = question.validate.iter().find_map(|rule| {
                let (ok, default, custom) = match rule {
                    Rule::Past { message } => (date < today, messages::date_past(name), message),
                    Rule::TodayOrPast { message } => {
                        (date <= today, messages::date_today_or_past(name), message)
                    }
                    Rule::Future { message } => {
                        (date > today, messages::date_future(name), message)
                    }
                    Rule::MaxLength { .. } => return None,
                };
                (!ok).then(|| {
                    custom
                        .as_ref()
                        .map(|m| m.tr(lang).to_string())
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
mod tests {
    use super::*;
    use crate::definition::Journey;

    fn journey() -> Journey {
        Journey::from_json(include_str!("../../../public/journeys/moving-house.json")).unwrap()
    }

    fn today() -> Date {
        Date::new(2026, 11, 23).unwrap()
    }

    fn errors_on(page_id: &str, answers: &[(&str, &str)]) -> Vec<(String, String)> {
        let journey = journey();
        let page = &journey.pages[journey.page_index(page_id).unwrap()];
        let mut store = Answers::default();
        for (k, v) in answers {
            store.set(k, v);
        }
        validate_page(page, &store, today(), "en")
            .into_iter()
            .map(|e| (e.key, e.message))
            .collect()
    }

    fn pair(key: &str, message: &str) -> (String, String) {
        (key.to_string(), message.to_string())
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
    fn only_the_parts_at_fault_are_marked() {
        let journey = journey();
        let page = &journey.pages[journey.page_index("move-date").unwrap()];
        let mut store = Answers::default();
        store.set("move.date.day", "12");
        store.set("move.date.year", "2026");
        let errors = validate_page(page, &store, today(), "en");
        assert_eq!(errors[0].inputs, ["move.date.month"]);
        store.set("move.date.month", "13");
        assert_eq!(
            validate_page(page, &store, today(), "en")[0].inputs,
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
        assert!(errors_on(
            "new-address",
            &[
                ("address.current.line1", "1 Road"),
                ("address.current.town", "Bath"),
                ("address.current.postcode", "ba1 1aa")
            ]
        )
        .is_empty());
    }

    #[test]
    fn custom_messages_replace_built_in_ones() {
        let mut journey = journey();
        let index = journey.page_index("move-date").unwrap();
        journey.pages[index].questions[0].validate = vec![Rule::Past {
            message: Some(crate::text::Text::en(
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
        let errors = validate_page(&journey.pages[index], &store, today(), "en");
        assert_eq!(
            errors[0].message,
            "You cannot tell us about a move that has not happened"
        );
    }
}
