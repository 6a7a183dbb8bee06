//! Every built-in error message, in one place, in plain words (GOV.UK style: say what to do,
//! name the thing, no "invalid", no "error"). `name` is the question's noun phrase, e.g.
//! "the date you moved".

use crate::text::capitalise;

pub fn enter(name: &str) -> String {
    format!("Enter {name}")
}

pub fn too_long(name: &str, max: usize) -> String {
    format!("{} must be {max} characters or fewer", capitalise(name))
}

pub fn date_must_include(name: &str, missing: &[&str]) -> String {
    let parts = match missing {
        [one] => (*one).to_string(),
        [first, second] => format!("{first} and {second}"),
        _ => missing.join(", "),
    };
    let article = if parts.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{} must include {article} {parts}", capitalise(name))
}

pub fn date_year_four_digits(name: &str) -> String {
    format!("The year of {name} must include 4 numbers, like 2026")
}

pub fn date_not_real(name: &str) -> String {
    format!("{} must be a real date", capitalise(name))
}

pub fn date_past(name: &str) -> String {
    format!("{} must be in the past", capitalise(name))
}

pub fn date_today_or_past(name: &str) -> String {
    format!("{} must be today or in the past", capitalise(name))
}

pub fn date_future(name: &str) -> String {
    format!("{} must be in the future", capitalise(name))
}

/// The message for a missing part of a name or an address, e.g. "Enter your first name" or
/// "Enter the town or city of your new address".
pub fn enter_part(part: &str, name: &str) -> String {
    match part {
        "given" => "Enter your first name".to_string(),
        "family" => "Enter your last name".to_string(),
        "line1" => format!("Enter the building and street of {name}"),
        "town" => format!("Enter the town or city of {name}"),
        "postcode" => format!("Enter the postcode of {name}"),
        other => format!("Enter the {other} of {name}"),
    }
}

pub fn part_too_long(part_label: &str, max: usize) -> String {
    format!("{part_label} must be {max} characters or fewer")
}

pub fn postcode_not_real(name: &str) -> String {
    format!("Enter a real postcode for {name}, like SW1A 1AA")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_messages_read_naturally() {
        assert_eq!(
            date_must_include("the date you moved", &["month"]),
            "The date you moved must include a month"
        );
        assert_eq!(
            date_must_include("your date of birth", &["day", "year"]),
            "Your date of birth must include a day and year"
        );
        assert_eq!(
            date_past("the date you moved"),
            "The date you moved must be in the past"
        );
    }
}
