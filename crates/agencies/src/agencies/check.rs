//! What an agency checks in a request, described as data: each field's path and kind, and
//! whether it is required. The checks themselves are the engine's own (dates, postcodes, email
//! addresses, phone numbers, numbers and amounts), so the demo agencies accept exactly what
//! the front end produces, and refuse what it should never send.

use serde_json::{json, Value};
use tell_once_engine::{field, postcode, Date};

/// The longest text any demo agency accepts in one field.
pub const MAX_TEXT: usize = 500;

/// What a field must hold.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Any text that is not blank.
    Text,
    /// A date in the form `YYYY-MM-DD`.
    Date,
    /// A full UK postcode, in any case and spacing.
    UkPostcode,
    Email,
    Phone,
    /// A number: a JSON number, or text that reads as one.
    Number,
    /// An amount of money: a JSON number, or text such as `193.54`.
    Money,
    /// A JSON `true` or `false`; in a form, the text `true` or `false`.
    YesNo,
    /// An identifier (identity, licence, passport or bank numbers): letters and digits, once
    /// spaces and dashes are taken out.
    Identifier,
    /// One of these values.
    OneOf(&'static [&'static str]),
    /// Some of these values: a JSON list; in a form, separated by commas.
    ListOf(&'static [&'static str]),
    /// A name as an object: `given` and `family`, both text.
    Name,
    /// A UK address as an object: `line1`, `line2` (may be empty), `town` and `postcode`.
    Address,
}

/// One field an agency reads. `path` is dotted for nested JSON (`applicant.name`) and the
/// field's own name in flat JSON or a form.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub path: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// A field that must be there and not blank.
pub const fn req(path: &'static str, kind: Kind) -> Field {
    Field {
        path,
        kind,
        required: true,
    }
}

/// A field that may be missing, `null` or blank, but must be right when it is given.
pub const fn opt(path: &'static str, kind: Kind) -> Field {
    Field {
        path,
        kind,
        required: false,
    }
}

/// A problem with one field, as agencies report it.
pub fn problem(field: &str, message: &str) -> Value {
    json!({ "field": field, "message": message })
}

/// Every problem with a request body (a JSON object, or a form's fields as one), in the order
/// of `fields`.
pub fn check(fields: &[Field], body: &Value) -> Vec<Value> {
    let mut problems = Vec::new();
    for field in fields {
        check_value(
            field.path,
            field.kind,
            field.required,
            lookup(body, field.path),
            &mut problems,
        );
    }
    problems
}

/// The value at a dotted path, if there is one.
fn lookup<'a>(body: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(body, |value, key| value.get(key))
}

fn is_empty(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(text)) => text.trim().is_empty(),
        Some(Value::Array(items)) => items.is_empty(),
        Some(_) => false,
    }
}

/// The parts of a name and of an address: name, kind, required.
const NAME_PARTS: &[(&str, Kind, bool)] =
    &[("given", Kind::Text, true), ("family", Kind::Text, true)];
const ADDRESS_PARTS: &[(&str, Kind, bool)] = &[
    ("line1", Kind::Text, true),
    ("line2", Kind::Text, false),
    ("town", Kind::Text, true),
    ("postcode", Kind::UkPostcode, true),
];

fn check_value(
    path: &str,
    kind: Kind,
    required: bool,
    value: Option<&Value>,
    problems: &mut Vec<Value>,
) {
    let parts = match kind {
        Kind::Name => Some(NAME_PARTS),
        Kind::Address => Some(ADDRESS_PARTS),
        _ => None,
    };
    if let Some(parts) = parts {
        return check_parts(path, parts, required, value, problems);
    }
    let message = match value {
        _ if is_empty(value) => required.then(|| "is required".to_string()),
        Some(value) => wrong(kind, value),
        None => None,
    };
    if let Some(message) = message {
        problems.push(problem(path, &message));
    }
}

/// An object of parts, such as a name or an address: each part is checked on its own and
/// reported by its own path (`applicant.address.postcode`). A required object that is missing
/// reports each required part.
fn check_parts(
    path: &str,
    parts: &[(&str, Kind, bool)],
    required: bool,
    value: Option<&Value>,
    problems: &mut Vec<Value>,
) {
    if !required && is_empty(value) {
        return;
    }
    match value {
        None | Some(Value::Null) | Some(Value::Object(_)) => {
            for (name, kind, part_required) in parts {
                let part = value.and_then(|v| v.get(name));
                check_value(
                    &format!("{path}.{name}"),
                    *kind,
                    *part_required,
                    part,
                    problems,
                );
            }
        }
        Some(_) => problems.push(problem(path, "must be an object")),
    }
}

/// What is wrong with a value that is not empty, if anything.
fn wrong(kind: Kind, value: &Value) -> Option<String> {
    let text = value.as_str().map(str::trim);
    let bad = |message: &str| Some(message.to_string());
    match kind {
        Kind::Text => match text {
            None => bad("must be text"),
            Some(t) if t.chars().count() > MAX_TEXT => {
                Some(format!("must be {MAX_TEXT} characters or fewer"))
            }
            Some(_) => None,
        },
        Kind::Date => match text.and_then(Date::parse_iso) {
            Some(_) => None,
            None => bad("must be a date in the form YYYY-MM-DD"),
        },
        Kind::UkPostcode => match text.and_then(postcode::normalise_uk) {
            Some(_) => None,
            None => bad("must be a full UK postcode"),
        },
        Kind::Email => match text {
            Some(t) if field::is_email(t) => None,
            _ => bad("must be an email address"),
        },
        Kind::Phone => match text {
            Some(t) if field::is_phone(t) => None,
            _ => bad("must be a phone number"),
        },
        Kind::Number => match value {
            Value::Number(_) => None,
            _ if text.and_then(field::parse_number).is_some() => None,
            _ => bad("must be a number"),
        },
        Kind::Money => match value {
            Value::Number(n) if n.as_f64().is_some_and(|n| n >= 0.0) => None,
            _ if text.and_then(field::parse_money).is_some() => None,
            _ => bad("must be an amount of money, like 193.54"),
        },
        Kind::YesNo => match (value, text) {
            (Value::Bool(_), _) | (_, Some("true" | "false")) => None,
            _ => bad("must be true or false"),
        },
        Kind::Identifier => match text.map(field::compact) {
            Some(id) if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()) => None,
            _ => bad("must be letters and digits"),
        },
        Kind::OneOf(allowed) => match text {
            Some(t) if allowed.contains(&t) => None,
            _ => Some(format!("must be one of: {}", allowed.join(", "))),
        },
        Kind::ListOf(allowed) => {
            let items: Option<Vec<&str>> = match value {
                Value::Array(items) => items.iter().map(Value::as_str).collect(),
                Value::String(s) => Some(s.split(',').map(str::trim).collect()),
                _ => None,
            };
            match items {
                Some(items) if items.iter().all(|i| allowed.contains(i)) => None,
                _ => Some(format!("must be a list of: {}", allowed.join(", "))),
            }
        }
        // Checked part by part in check_parts.
        Kind::Name | Kind::Address => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[Field] = &[
        req("applicant.name", Kind::Name),
        req("applicant.dateOfBirth", Kind::Date),
        opt("applicant.email", Kind::Email),
        req("applicant.address", Kind::Address),
        req("household.size", Kind::Number),
        opt("household.income", Kind::Money),
        req("household.band", Kind::OneOf(&["low", "high"])),
        opt("benefits", Kind::ListOf(&["pension", "housing"])),
        req("consent", Kind::YesNo),
        req("id", Kind::Identifier),
    ];

    fn valid() -> Value {
        json!({
            "applicant": {
                "name": { "given": "Ada", "family": "Lovelace" },
                "dateOfBirth": "1985-12-10",
                "email": null,
                "address": { "line1": "1 High St", "line2": "", "town": "Leeds", "postcode": "ls14ap" }
            },
            "household": { "size": 3, "income": "1,234.50", "band": "low" },
            "benefits": ["pension"],
            "consent": true,
            "id": "QQ 12 34 56 C"
        })
    }

    #[test]
    fn accepts_what_the_engine_sends() {
        assert_eq!(check(FIELDS, &valid()), Vec::<Value>::new());
    }

    #[test]
    fn names_every_problem_by_its_path() {
        let mut body = valid();
        body["applicant"]["name"]["family"] = json!(" ");
        body["applicant"]["dateOfBirth"] = json!("10/12/1985");
        body["applicant"]["email"] = json!("ada@");
        body["applicant"]["address"]["postcode"] = json!("LS1");
        body["household"] = json!({ "size": "three", "income": "12.345", "band": "middle" });
        body["benefits"] = json!(["pension", "yacht"]);
        body["consent"] = json!("yes");
        body["id"] = json!("QQ/12");
        assert_eq!(
            check(FIELDS, &body),
            [
                problem("applicant.name.family", "is required"),
                problem(
                    "applicant.dateOfBirth",
                    "must be a date in the form YYYY-MM-DD"
                ),
                problem("applicant.email", "must be an email address"),
                problem("applicant.address.postcode", "must be a full UK postcode"),
                problem("household.size", "must be a number"),
                problem(
                    "household.income",
                    "must be an amount of money, like 193.54"
                ),
                problem("household.band", "must be one of: low, high"),
                problem("benefits", "must be a list of: pension, housing"),
                problem("consent", "must be true or false"),
                problem("id", "must be letters and digits"),
            ]
        );
    }

    #[test]
    fn a_missing_object_reports_each_required_part() {
        let problems = check(&[req("address", Kind::Address)], &json!({}));
        assert_eq!(
            problems,
            [
                problem("address.line1", "is required"),
                problem("address.town", "is required"),
                problem("address.postcode", "is required"),
            ]
        );
        assert!(check(
            &[opt("address", Kind::Address)],
            &json!({ "address": null })
        )
        .is_empty());
        assert_eq!(
            check(
                &[req("address", Kind::Address)],
                &json!({ "address": "1 High St" })
            ),
            [problem("address", "must be an object")]
        );
    }

    #[test]
    fn form_fields_are_text() {
        let form = json!({ "size": "3", "pay": "£350", "moved": "false", "benefits": "pension,housing", "note": "" });
        let fields = [
            req("size", Kind::Number),
            req("pay", Kind::Money),
            req("moved", Kind::YesNo),
            req("benefits", Kind::ListOf(&["pension", "housing"])),
            opt("note", Kind::Text),
        ];
        assert!(check(&fields, &form).is_empty());
        assert_eq!(
            check(&[req("note", Kind::Text)], &form),
            [problem("note", "is required")]
        );
    }

    #[test]
    fn text_has_a_limit() {
        let long = "x".repeat(MAX_TEXT + 1);
        assert_eq!(
            check(&[req("t", Kind::Text)], &json!({ "t": long })),
            [problem("t", "must be 500 characters or fewer")]
        );
        assert_eq!(
            check(&[req("t", Kind::Text)], &json!({ "t": 3 })),
            [problem("t", "must be text")]
        );
    }
}
