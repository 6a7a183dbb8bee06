//! Field types and their parts. A composite field (a date, a name, an address) is several
//! inputs; this is the one place that says which, with their labels and autocomplete tokens,
//! and how their raw input becomes the canonical answers agencies receive.

use crate::answers::Answers;
use crate::date::Date;
use crate::definition::Question;
use crate::postcode;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Day, month and year, as three inputs (the GOV.UK date input pattern).
    Date,
    /// First and last name.
    Name,
    /// A UK address: two lines, town and postcode.
    Address,
}

/// One input of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// Added to the question key: `person.name` + `given` → `person.name.given`. Empty for a
    /// one-input field.
    pub name: &'static str,
    pub label: &'static str,
    /// This part's own autocomplete token, if it has one whatever the question.
    pub autocomplete: Option<&'static str>,
    pub optional: bool,
    /// Characters the input is sized for (GOV.UK fixed-width inputs), if narrower than full.
    pub width: Option<u8>,
    /// Opens the numeric keypad on phones.
    pub numeric: bool,
}

const fn part(name: &'static str, label: &'static str, autocomplete: Option<&'static str>) -> Part {
    Part {
        name,
        label,
        autocomplete,
        optional: false,
        width: None,
        numeric: false,
    }
}

const TEXT: [Part; 1] = [part("", "", None)];
const DATE: [Part; 3] = [
    Part {
        width: Some(2),
        numeric: true,
        ..part("day", "Day", None)
    },
    Part {
        width: Some(2),
        numeric: true,
        ..part("month", "Month", None)
    },
    Part {
        width: Some(4),
        numeric: true,
        ..part("year", "Year", None)
    },
];
const NAME: [Part; 2] = [
    part("given", "First name", Some("given-name")),
    part("family", "Last name", Some("family-name")),
];
const ADDRESS: [Part; 4] = [
    part("line1", "Address line 1", Some("address-line1")),
    Part {
        optional: true,
        ..part("line2", "Address line 2 (optional)", Some("address-line2"))
    },
    part("town", "Town or city", Some("address-level2")),
    Part {
        width: Some(10),
        ..part("postcode", "Postcode", Some("postal-code"))
    },
];

impl FieldKind {
    pub fn parts(self) -> &'static [Part] {
        match self {
            FieldKind::Text => &TEXT,
            FieldKind::Date => &DATE,
            FieldKind::Name => &NAME,
            FieldKind::Address => &ADDRESS,
        }
    }

    /// True when the parts are grouped in a fieldset with the question as its legend.
    pub fn is_group(self) -> bool {
        !matches!(self, FieldKind::Text)
    }
}

/// The answer-store key of one part's raw input.
pub fn input_key(question_key: &str, part: &Part) -> String {
    if part.name.is_empty() {
        question_key.to_string()
    } else {
        format!("{question_key}.{}", part.name)
    }
}

/// An HTML id for an answer key: dots would need escaping in CSS selectors.
pub fn html_id(key: &str) -> String {
    key.replace(['.', '[', ']'], "-")
}

/// The autocomplete attribute of one part of a question.
pub fn autocomplete(question: &Question, part: &Part) -> Option<String> {
    let given = question.autocomplete.as_deref().filter(|a| !a.is_empty());
    match (question.kind, given, part.autocomplete) {
        (FieldKind::Text, given, _) => given.map(str::to_string),
        (FieldKind::Date, Some(prefix), _) => Some(format!("{prefix}-{}", part.name)),
        (FieldKind::Date, None, _) => None,
        (_, Some(section), Some(token)) => Some(format!("{section} {token}")),
        (_, None, token) => token.map(str::to_string),
        (_, Some(_), None) => None,
    }
}

/// The canonical answer keys a question gives agencies.
pub fn answer_keys(question: &Question) -> Vec<String> {
    match question.kind {
        FieldKind::Text | FieldKind::Date => vec![question.key.clone()],
        FieldKind::Name | FieldKind::Address => question
            .kind
            .parts()
            .iter()
            .map(|p| input_key(&question.key, p))
            .collect(),
    }
}

/// The canonical answers of a question, from the raw input: trimmed text, ISO dates,
/// standard-form postcodes. Call it on input that has passed validation.
pub fn canonical(question: &Question, answers: &Answers) -> Vec<(String, String)> {
    match question.kind {
        FieldKind::Date => {
            let iso = parse_date_parts(&question.key, answers)
                .ok()
                .map(|d| d.to_string())
                .unwrap_or_default();
            vec![(question.key.clone(), iso)]
        }
        _ => question
            .kind
            .parts()
            .iter()
            .map(|p| {
                let key = input_key(&question.key, p);
                let value = answers.trimmed(&key);
                let value = match p.name {
                    "postcode" => {
                        postcode::normalise_uk(value).unwrap_or_else(|| value.to_string())
                    }
                    _ => value.to_string(),
                };
                (key, value)
            })
            .collect(),
    }
}

/// What is wrong with a typed date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Nothing typed.
    Empty,
    /// Some parts typed, these missing.
    Missing(Vec<&'static str>),
    /// The year is not four digits.
    YearNotFourDigits,
    /// Not a day that exists; the parts at fault.
    NotReal(Vec<&'static str>),
}

/// Reads a date from its three raw parts. Months may be numbers or English names ("Mar").
pub fn parse_date_parts(key: &str, answers: &Answers) -> Result<Date, DateProblem> {
    let [day, month, year] =
        ["day", "month", "year"].map(|p| answers.trimmed(&format!("{key}.{p}")));
    let missing: Vec<&'static str> = [("day", day), ("month", month), ("year", year)]
        .into_iter()
        .filter(|(_, v)| v.is_empty())
        .map(|(p, _)| p)
        .collect();
    if missing.len() == 3 {
        return Err(DateProblem::Empty);
    }
    if !missing.is_empty() {
        return Err(DateProblem::Missing(missing));
    }
    let day_n = number(day, 2);
    let month_n = number(month, 2).or_else(|| month_from_name(month));
    let mut wrong = Vec::new();
    if day_n.is_none_or(|d| !(1..=31).contains(&d)) {
        wrong.push("day");
    }
    if month_n.is_none_or(|m| !(1..=12).contains(&m)) {
        wrong.push("month");
    }
    if !wrong.is_empty() {
        return Err(DateProblem::NotReal(wrong));
    }
    let year_n = match number(year, 4) {
        Some(y) if year.len() == 4 => y,
        _ => return Err(DateProblem::YearNotFourDigits),
    };
    let (day_n, month_n) = (day_n.unwrap_or(0), month_n.unwrap_or(0));
    Date::new(year_n as i32, month_n, day_n)
        .ok_or(DateProblem::NotReal(vec!["day", "month", "year"]))
}

fn number(text: &str, max_digits: usize) -> Option<u32> {
    (text.len() <= max_digits && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn month_from_name(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    crate::date::MONTHS
        .iter()
        .position(|m| m.to_lowercase().starts_with(&lower) || lower == m.to_lowercase())
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn question(kind: FieldKind, key: &str, autocomplete: Option<&str>) -> Question {
        Question {
            key: key.into(),
            kind,
            label: Text::en("Label"),
            hint: None,
            name: Text::en("the thing"),
            summary_label: None,
            required: true,
            autocomplete: autocomplete.map(str::to_string),
            validate: vec![],
        }
    }

    #[test]
    fn autocomplete_tokens_per_part() {
        let dob = question(FieldKind::Date, "person.date_of_birth", Some("bday"));
        let tokens: Vec<_> = DATE.iter().map(|p| autocomplete(&dob, p)).collect();
        assert_eq!(
            tokens,
            [
                Some("bday-day".into()),
                Some("bday-month".into()),
                Some("bday-year".into())
            ]
        );
        let moved = question(FieldKind::Date, "move.date", None);
        assert_eq!(autocomplete(&moved, &DATE[0]), None);
        let previous = question(
            FieldKind::Address,
            "address.previous",
            Some("section-previous"),
        );
        assert_eq!(
            autocomplete(&previous, &ADDRESS[3]).as_deref(),
            Some("section-previous postal-code")
        );
        let name = question(FieldKind::Name, "person.name", None);
        assert_eq!(autocomplete(&name, &NAME[0]).as_deref(), Some("given-name"));
    }

    #[test]
    fn reads_dates_from_parts() {
        let mut answers = Answers::default();
        assert_eq!(parse_date_parts("d", &answers), Err(DateProblem::Empty));
        answers.set("d.day", " 1 ");
        assert_eq!(
            parse_date_parts("d", &answers),
            Err(DateProblem::Missing(vec!["month", "year"]))
        );
        answers.set("d.month", "mar");
        answers.set("d.year", "26");
        assert_eq!(
            parse_date_parts("d", &answers),
            Err(DateProblem::YearNotFourDigits)
        );
        answers.set("d.year", "2026");
        assert_eq!(
            parse_date_parts("d", &answers),
            Ok(Date::new(2026, 3, 1).unwrap())
        );
        answers.set("d.month", "September");
        assert_eq!(
            parse_date_parts("d", &answers),
            Ok(Date::new(2026, 9, 1).unwrap())
        );
        answers.set("d.day", "31");
        answers.set("d.month", "4");
        assert_eq!(
            parse_date_parts("d", &answers),
            Err(DateProblem::NotReal(vec!["day", "month", "year"]))
        );
        answers.set("d.month", "13");
        assert_eq!(
            parse_date_parts("d", &answers),
            Err(DateProblem::NotReal(vec!["month"]))
        );
    }

    #[test]
    fn canonical_answers_are_clean() {
        let mut answers = Answers::default();
        for (k, v) in [
            ("a.line1", " 1 High St "),
            ("a.line2", ""),
            ("a.town", "Leeds"),
            ("a.postcode", "ls1 4ap"),
        ] {
            answers.set(k, v);
        }
        let address = question(FieldKind::Address, "a", None);
        assert_eq!(
            canonical(&address, &answers),
            [
                ("a.line1".to_string(), "1 High St".to_string()),
                ("a.line2".into(), "".into()),
                ("a.town".into(), "Leeds".into()),
                ("a.postcode".into(), "LS1 4AP".into())
            ]
        );
    }
}
