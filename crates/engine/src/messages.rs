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

pub fn too_short(name: &str, min: usize) -> String {
    format!("{} must be {min} characters or more", capitalise(name))
}

pub fn part_too_short(part_label: &str, min: usize) -> String {
    format!("{part_label} must be {min} characters or more")
}

pub fn date_within_days(name: &str, days: u32) -> String {
    format!("{} must be within the last {days} days", capitalise(name))
}

pub fn date_before(name: &str, other: &str) -> String {
    format!("{} must be before {other}", capitalise(name))
}

pub fn date_after(name: &str, other: &str) -> String {
    format!("{} must be after {other}", capitalise(name))
}

pub fn age_at_least(years: u32) -> String {
    format!("You must be {years} or older")
}

pub fn age_at_most(years: u32) -> String {
    format!("You must be {years} or younger")
}

pub fn not_a_number(name: &str) -> String {
    format!("{} must be a number", capitalise(name))
}

pub fn not_whole(name: &str) -> String {
    format!("{} must be a whole number", capitalise(name))
}

pub fn at_least(name: &str, min: f64) -> String {
    format!("{} must be {} or more", capitalise(name), number(min))
}

pub fn at_most(name: &str, max: f64) -> String {
    format!("{} must be {} or less", capitalise(name), number(max))
}

pub fn not_money(name: &str) -> String {
    format!(
        "{} must be an amount of money, like 600 or 193.54",
        capitalise(name)
    )
}

pub fn email_format(name: &str) -> String {
    format!("Enter {name} in the correct format, like name@example.com")
}

pub fn phone_format(name: &str) -> String {
    format!("Enter {name} in the correct format, like 01632 960 001 or +1 202 555 0143")
}

pub fn id_format(name: &str, example: &str) -> String {
    format!("Enter {name} in the correct format, like {example}")
}

pub fn zip_not_real(name: &str) -> String {
    format!("Enter a real ZIP code for {name}, like 20500")
}

/// "Select yes if you have a driving licence": `name` says what yes means.
pub fn select_yes_no(name: &str) -> String {
    format!("Select yes if {name}, or no if not")
}

pub fn select(name: &str) -> String {
    format!("Select {name}")
}

pub fn exclusive_with_others(name: &str, exclusive: &str) -> String {
    format!("Select {name}, or select ‘{exclusive}’")
}

pub fn not_an_option(name: &str) -> String {
    format!("Select {name} from the list")
}

/// A number as a person writes it: no ".0" on whole numbers.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
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
