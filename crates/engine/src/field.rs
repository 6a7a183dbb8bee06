//! Field types and their parts. A composite field (a date, a name, an address) is several
//! inputs; this is the one place that says which, with their labels and autocomplete tokens,
//! and how their raw input becomes the canonical answers agencies receive.

use crate::answers::Answers;
use crate::date::Date;
use crate::definition::{Choice, Question};
use crate::locales;
use crate::ordered::Map;
use crate::postcode;
use crate::read::{one_of_names, At, FromJson, Placeholder, Read};
use crate::text::{Localized, DEFAULT_LANG};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A number, whole or decimal.
    Number,
    /// An amount of money, in units and hundredths ("600" or "193.54").
    Currency,
    Email,
    Phone,
    /// Day, month and year, as three inputs (the GOV.UK date input pattern).
    Date,
    /// Yes or No, as two radios.
    YesNo,
    /// One of the question's options, as radios.
    Radios,
    /// Any of the question's options, as checkboxes; an option marked `exclusive` ("None of
    /// these") cannot be chosen with the others.
    Checkboxes,
    /// One of the question's options, from a drop-down list (for long lists).
    Select,
    /// First and last name.
    Name,
    /// An address: lines, town and a UK postcode or a US state and ZIP code.
    Address,
    /// A national identifier with a pattern, e.g. a taxpayer or licence number.
    NationalId,
}

/// Which country's address format an address question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Country {
    #[default]
    Uk,
    Us,
}

impl FieldKind {
    /// Every field type, by the name a journey gives it (as serde writes it).
    pub const NAMES: [(&'static str, FieldKind); 14] = [
        ("text", FieldKind::Text),
        ("long_text", FieldKind::LongText),
        ("number", FieldKind::Number),
        ("currency", FieldKind::Currency),
        ("email", FieldKind::Email),
        ("phone", FieldKind::Phone),
        ("date", FieldKind::Date),
        ("yes_no", FieldKind::YesNo),
        ("radios", FieldKind::Radios),
        ("checkboxes", FieldKind::Checkboxes),
        ("select", FieldKind::Select),
        ("name", FieldKind::Name),
        ("address", FieldKind::Address),
        ("national_id", FieldKind::NationalId),
    ];
}

impl FromJson for FieldKind {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        one_of_names(value, at, &FieldKind::NAMES)
    }
}

impl Placeholder for FieldKind {
    fn placeholder() -> Self {
        FieldKind::Text
    }
}

impl FromJson for Country {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        one_of_names(value, at, &[("uk", Country::Uk), ("us", Country::Us)])
    }
}

/// One input of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// Added to the question key: `person.name` + `given` → `person.name.given`. Empty for a
    /// one-input field.
    pub name: &'static str,
    /// The catalogue key of its label ([`crate::locales`]); see [`Part::label`]. Empty for a
    /// one-input field, whose label is the question's.
    pub label_key: &'static str,
    /// This part's own autocomplete token, if it has one whatever the question.
    pub autocomplete: Option<&'static str>,
    pub optional: bool,
    /// Characters the input is sized for (GOV.UK fixed-width inputs), if narrower than full.
    pub width: Option<u8>,
    /// Opens the numeric keypad on phones.
    pub numeric: bool,
}

const fn part(
    name: &'static str,
    label_key: &'static str,
    autocomplete: Option<&'static str>,
) -> Part {
    Part {
        name,
        label_key,
        autocomplete,
        optional: false,
        width: None,
        numeric: false,
    }
}

const TEXT: [Part; 1] = [part("", "", None)];
const NUMBER: [Part; 1] = [Part {
    width: Some(10),
    numeric: true,
    ..part("", "", None)
}];
const EMAIL: [Part; 1] = [part("", "", Some("email"))];
const PHONE: [Part; 1] = [Part {
    width: Some(20),
    ..part("", "", Some("tel"))
}];
const DATE: [Part; 3] = [
    Part {
        width: Some(2),
        numeric: true,
        ..part("day", "parts.day", None)
    },
    Part {
        width: Some(2),
        numeric: true,
        ..part("month", "parts.month", None)
    },
    Part {
        width: Some(4),
        numeric: true,
        ..part("year", "parts.year", None)
    },
];
const NAME: [Part; 2] = [
    part("given", "parts.given", Some("given-name")),
    part("family", "parts.family", Some("family-name")),
];
const ADDRESS_UK: [Part; 4] = [
    part("line1", "parts.uk_line1", Some("address-line1")),
    Part {
        optional: true,
        ..part("line2", "parts.uk_line2", Some("address-line2"))
    },
    part("town", "parts.uk_town", Some("address-level2")),
    Part {
        width: Some(10),
        ..part("postcode", "parts.uk_postcode", Some("postal-code"))
    },
];
const ADDRESS_US: [Part; 5] = [
    part("line1", "parts.us_line1", Some("address-line1")),
    Part {
        optional: true,
        ..part("line2", "parts.us_line2", Some("address-line2"))
    },
    part("town", "parts.us_town", Some("address-level2")),
    Part {
        width: Some(10),
        ..part("region", "parts.us_region", Some("address-level1"))
    },
    Part {
        width: Some(10),
        numeric: true,
        ..part("postcode", "parts.us_postcode", Some("postal-code"))
    },
];

impl Part {
    /// The label of this input in `lang`: "Day", "Día"; empty for a one-input field.
    pub fn label(&self, lang: &str) -> &'static str {
        if self.label_key.is_empty() {
            ""
        } else {
            crate::locales::text(lang, self.label_key)
        }
    }
}

impl FieldKind {
    /// True when the question is a fieldset with the question as its legend: several inputs,
    /// or a group of radios or checkboxes.
    pub fn is_group(self) -> bool {
        matches!(
            self,
            FieldKind::Date
                | FieldKind::Name
                | FieldKind::Address
                | FieldKind::YesNo
                | FieldKind::Radios
                | FieldKind::Checkboxes
        )
    }

    /// True when the person picks from options rather than typing.
    pub fn is_choice(self) -> bool {
        matches!(
            self,
            FieldKind::YesNo | FieldKind::Radios | FieldKind::Checkboxes | FieldKind::Select
        )
    }

    /// True when the answer is typed in several inputs, each its own answer key.
    pub fn is_composite(self) -> bool {
        matches!(self, FieldKind::Name | FieldKind::Address)
    }
}

/// The inputs of a question.
pub fn parts(question: &Question) -> &'static [Part] {
    match question.kind {
        FieldKind::Date => &DATE,
        FieldKind::Name => &NAME,
        FieldKind::Address => match question.country {
            Country::Uk => &ADDRESS_UK,
            Country::Us => &ADDRESS_US,
        },
        FieldKind::Number | FieldKind::Currency => &NUMBER,
        FieldKind::Email => &EMAIL,
        FieldKind::Phone => &PHONE,
        _ => &TEXT,
    }
}

/// The options of a choice question: its own, or Yes and No in `lang`.
pub fn choices(question: &Question, lang: &str) -> Vec<Choice> {
    let built_in = |value: &str, key: &str| {
        // Inserted, not `Map::from([..])`: see `Localized::en`.
        let mut label = Map::new();
        label.insert(
            DEFAULT_LANG.to_string(),
            locales::text(DEFAULT_LANG, key).to_string(),
        );
        label.insert(lang.to_string(), locales::text(lang, key).to_string());
        Choice {
            label: Localized(label),
            ..Choice::new(value, "")
        }
    };
    match question.kind {
        FieldKind::YesNo => vec![built_in("yes", "choices.yes"), built_in("no", "choices.no")],
        _ => question.options.clone(),
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
        (FieldKind::Date, Some(prefix), _) => Some(format!("{prefix}-{}", part.name)),
        (FieldKind::Date, None, _) => None,
        (kind, Some(section), Some(token)) if kind.is_composite() => {
            Some(format!("{section} {token}"))
        }
        (kind, None, token) if kind.is_composite() => token.map(str::to_string),
        (_, Some(given), _) => Some(given.to_string()),
        (_, None, token) => token.map(str::to_string),
    }
}

/// The canonical answer keys a question gives agencies.
pub fn answer_keys(question: &Question) -> Vec<String> {
    if question.kind.is_composite() {
        parts(question)
            .iter()
            .map(|p| input_key(&question.key, p))
            .collect()
    } else {
        vec![question.key.clone()]
    }
}

/// The canonical answers of a question, from the raw input: trimmed text, ISO dates, numbers,
/// booleans for yes/no, lists for checkboxes, standard-form postcodes. Input that does not
/// parse (call it only on validated input) gives its trimmed text, or null when empty.
pub fn canonical(question: &Question, answers: &Answers) -> Vec<(String, Value)> {
    let key = question.key.clone();
    let raw = answers.trimmed(&question.key);
    let text = |t: &str| Value::String(t.to_string());
    let value = match question.kind {
        FieldKind::Date => parse_date_parts(&question.key, answers)
            .map(|d| Value::String(d.to_string()))
            .unwrap_or(Value::Null),
        FieldKind::Name | FieldKind::Address => {
            return parts(question)
                .iter()
                .map(|p| {
                    let key = input_key(&question.key, p);
                    let value = answers.trimmed(&key);
                    let value = match (p.name, question.country) {
                        ("postcode", Country::Uk) => postcode::normalise_uk(value),
                        ("postcode", Country::Us) => postcode::normalise_zip(value),
                        _ => None,
                    }
                    .unwrap_or_else(|| value.to_string());
                    (key, Value::String(value))
                })
                .collect()
        }
        FieldKind::YesNo => match raw {
            "yes" => Value::Bool(true),
            "no" => Value::Bool(false),
            _ => Value::Null,
        },
        FieldKind::Checkboxes => {
            Value::Array(answers.list(&question.key).into_iter().map(text).collect())
        }
        // Whole numbers go as integers ("3", not "3.0").
        FieldKind::Number => parse_number(raw)
            .map(|n| match n.fract() == 0.0 && n.abs() < 1e15 {
                true => Value::from(n as i64),
                false => Value::from(n),
            })
            .unwrap_or_else(|| text(raw)),
        FieldKind::Currency => parse_money(raw)
            .map(|cents| Value::String(format!("{}.{:02}", cents / 100, cents % 100)))
            .unwrap_or_else(|| text(raw)),
        FieldKind::Phone | FieldKind::NationalId => text(&compact(raw)),
        _ => text(raw),
    };
    let value = match value {
        Value::String(s) if s.is_empty() => Value::Null,
        other => other,
    };
    vec![(key, value)]
}

/// A typed number: digits with an optional sign, decimal point and thousands commas.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text.trim().chars().filter(|c| *c != ',').collect();
    crate::decimal::parse(&cleaned)
}

/// A typed amount of money in hundredths: "1,234.5" → 123450; a leading currency sign is
/// allowed; more than two decimal places is not an amount of money.
pub fn parse_money(text: &str) -> Option<u64> {
    let cleaned: String = text
        .trim()
        .trim_start_matches(['$', '£', '€'])
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let (units, hundredths) = match cleaned.split_once('.') {
        Some((units, fraction)) if (1..=2).contains(&fraction.len()) => (units, fraction),
        Some(_) => return None,
        None => (cleaned.as_str(), ""),
    };
    if units.is_empty()
        || !units.bytes().all(|b| b.is_ascii_digit())
        || !hundredths.bytes().all(|b| b.is_ascii_digit())
        || units.len() > 12
    {
        return None;
    }
    let fraction = format!("{hundredths:0<2}");
    Some(units.parse::<u64>().ok()? * 100 + fraction.parse::<u64>().ok()?)
}

/// True for something shaped like an email address: one @, a local part, a domain with a dot.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !text.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
        && text.len() <= 254
}

/// True for a phone number: digits with spaces, dashes, brackets and a leading +, 7 to 15 digits.
pub fn is_phone(text: &str) -> bool {
    let allowed = text.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.') || (c == '+' && i == 0)
    });
    let digits = text.chars().filter(char::is_ascii_digit).count();
    allowed && (7..=15).contains(&digits)
}

/// Without spaces and dashes: how identifiers and phone numbers are sent.
pub fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(crate::case::upper)
        .collect()
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

/// Reads a date from its three raw parts. Months may be numbers or names in any language the
/// engine has ("Mar", "marzo").
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
    let lower = crate::case::lowercase(text);
    if lower.chars().count() < 3 {
        return None;
    }
    // English first, so English names read as they always have.
    locales::languages().find_map(|lang| {
        crate::date::MONTH_KEYS
            .iter()
            .map(|key| crate::case::lowercase(locales::text(lang, key)))
            .position(|m| m.starts_with(&lower))
            .map(|i| i as u32 + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_field_type_and_country_is_read_by_the_name_it_is_written_with() {
        for (name, kind) in FieldKind::NAMES {
            assert_eq!(serde_json::to_value(kind).unwrap(), json!(name));
            assert_eq!(FieldKind::from_json(&json!(name), At::Top), Ok(kind));
        }
        for country in [Country::Uk, Country::Us] {
            let written = serde_json::to_value(country).unwrap();
            assert_eq!(Country::from_json(&written, At::Top), Ok(country));
        }
    }

    fn question(kind: FieldKind, key: &str, autocomplete: Option<&str>) -> Question {
        let mut question = Question::new(key, kind, "Label", "the thing");
        question.autocomplete = autocomplete.map(str::to_string);
        question
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
            autocomplete(&previous, &ADDRESS_UK[3]).as_deref(),
            Some("section-previous postal-code")
        );
        let name = question(FieldKind::Name, "person.name", None);
        assert_eq!(autocomplete(&name, &NAME[0]).as_deref(), Some("given-name"));
        let email = question(FieldKind::Email, "contact.email", None);
        assert_eq!(autocomplete(&email, &EMAIL[0]).as_deref(), Some("email"));
        let work_email = question(FieldKind::Email, "work.email", Some("work email"));
        assert_eq!(
            autocomplete(&work_email, &EMAIL[0]).as_deref(),
            Some("work email")
        );
        let text = question(FieldKind::Text, "x", None);
        assert_eq!(autocomplete(&text, &TEXT[0]), None);
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
                ("a.line1".to_string(), json!("1 High St")),
                ("a.line2".into(), json!("")),
                ("a.town".into(), json!("Leeds")),
                ("a.postcode".into(), json!("LS1 4AP"))
            ]
        );
        let one = |kind: FieldKind, raw: &str| {
            let mut answers = Answers::default();
            answers.set("k", raw);
            canonical(&question(kind, "k", None), &answers).remove(0).1
        };
        assert_eq!(one(FieldKind::YesNo, "yes"), json!(true));
        assert_eq!(one(FieldKind::YesNo, "no"), json!(false));
        assert_eq!(one(FieldKind::YesNo, ""), json!(null));
        assert_eq!(one(FieldKind::Number, "1,200"), json!(1200));
        assert_eq!(one(FieldKind::Number, "2.5"), json!(2.5));
        assert_eq!(one(FieldKind::Currency, "$1,234.5"), json!("1234.50"));
        assert_eq!(one(FieldKind::Phone, "020 7946-0000"), json!("02079460000"));
        assert_eq!(one(FieldKind::Text, "  "), json!(null));
        let mut answers = Answers::default();
        answers.set_list("k", &["car".to_string(), "van".to_string()]);
        let boxes = question(FieldKind::Checkboxes, "k", None);
        assert_eq!(canonical(&boxes, &answers)[0].1, json!(["car", "van"]));
    }

    #[test]
    fn numbers_money_emails_and_phones() {
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number("-3.5"), Some(-3.5));
        assert_eq!(parse_number("1,000"), Some(1000.0));
        for bad in ["", "-", ".", "1.2.3", "12a", "1e5"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
        assert_eq!(parse_money("600"), Some(60_000));
        assert_eq!(parse_money("£193.54"), Some(19_354));
        assert_eq!(parse_money("1.5"), Some(150));
        for bad in ["", "1.234", "-5", "abc", "1.", "$"] {
            assert_eq!(parse_money(bad), None, "{bad}");
        }
        assert!(is_email("name@example.com"));
        for bad in [
            "name",
            "name@",
            "@example.com",
            "a b@example.com",
            "a@example",
            "a@@b.com",
            "a@b..com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(is_phone("+1 (202) 555-0143"));
        assert!(is_phone("01632 960 001"));
        for bad in ["123", "phone me", "12+34567890", "1234567890123456"] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn labels_and_choices_in_each_language() {
        assert_eq!(DATE.map(|p| p.label("en")), ["Day", "Month", "Year"]);
        assert_eq!(DATE.map(|p| p.label("es")), ["Día", "Mes", "Año"]);
        assert_eq!(NAME[0].label("es"), "Nombre");
        assert_eq!(ADDRESS_UK[1].label("en"), "Address line 2 (optional)");
        assert_eq!(ADDRESS_US[4].label("en"), "ZIP code");
        assert_eq!(
            ADDRESS_US[1].label("es"),
            "Apartamento, suite o unidad (opcional)"
        );
        assert_eq!(TEXT[0].label("es"), "");
        let yes_no = question(FieldKind::YesNo, "k", None);
        let labels = |lang: &str| -> Vec<String> {
            choices(&yes_no, lang)
                .iter()
                .map(|c| c.label.tr(lang).to_string())
                .collect()
        };
        assert_eq!(labels("en"), ["Yes", "No"]);
        assert_eq!(labels("es"), ["Sí", "No"]);
    }

    #[test]
    fn months_may_be_named_in_spanish() {
        let mut answers = Answers::default();
        answers.set("d.day", "1");
        answers.set("d.year", "2026");
        for (month, number) in [
            ("marzo", 3),
            ("ene", 1),
            ("Dic", 12),
            ("agosto", 8),
            ("mar", 3),
            // And in Arabic.
            ("مارس", 3),
            ("يونيو", 6),
            ("يوليو", 7),
        ] {
            answers.set("d.month", month);
            assert_eq!(
                parse_date_parts("d", &answers),
                Ok(Date::new(2026, number, 1).unwrap()),
                "{month}"
            );
        }
    }
}
