//! Every built-in error message, in one place, in plain words (GOV.UK style: say what to do,
//! name the thing, no "invalid", no "error"). `name` is the question's noun phrase in the
//! person's language, e.g. "the date you moved"; `lang` is that language. The words are the
//! templates of the engine's catalogue ([`crate::locales`], `crates/engine/locales/<lang>.json`).

use crate::locales::{self, message};

pub fn enter(name: &str, lang: &str) -> String {
    message(lang, "messages.enter", &[("name", name)])
}

pub fn too_long(name: &str, max: usize, lang: &str) -> String {
    message(
        lang,
        "messages.too_long",
        &[("name", name), ("max", &max.to_string())],
    )
}

/// "Your date of birth must include a day and year": `missing` are the part names (`day`,
/// `month`, `year`). Each language says the list its own way: English puts its article before
/// the first part only ("a day and year"), Spanish before each ("un día y un año").
pub fn date_must_include(name: &str, missing: &[&str], lang: &str) -> String {
    let word = |i: usize, part: &str| {
        let position = if i == 0 { "first" } else { "then" };
        locales::text(lang, &format!("date_missing.{position}_{part}")).to_string()
    };
    let words: Vec<String> = missing
        .iter()
        .enumerate()
        .map(|(i, p)| word(i, p))
        .collect();
    let parts = match words.as_slice() {
        [one] => one.clone(),
        [first, second] => message(
            lang,
            "date_missing.two",
            &[("first", first), ("second", second)],
        ),
        _ => words.join(locales::text(lang, "date_missing.separator")),
    };
    message(
        lang,
        "messages.date_must_include",
        &[("name", name), ("parts", &parts)],
    )
}

pub fn date_year_four_digits(name: &str, lang: &str) -> String {
    message(lang, "messages.date_year_four_digits", &[("name", name)])
}

pub fn date_not_real(name: &str, lang: &str) -> String {
    message(lang, "messages.date_not_real", &[("name", name)])
}

pub fn date_past(name: &str, lang: &str) -> String {
    message(lang, "messages.date_past", &[("name", name)])
}

pub fn date_today_or_past(name: &str, lang: &str) -> String {
    message(lang, "messages.date_today_or_past", &[("name", name)])
}

pub fn date_future(name: &str, lang: &str) -> String {
    message(lang, "messages.date_future", &[("name", name)])
}

/// The message for a missing part of a name or an address, e.g. "Enter your first name" or
/// "Enter the town or city of your new address".
pub fn enter_part(part: &str, name: &str, lang: &str) -> String {
    let key = match part {
        "given" | "family" | "line1" | "town" | "region" | "postcode" => {
            format!("messages.enter_{part}")
        }
        _ => "messages.enter_other_part".to_string(),
    };
    message(lang, &key, &[("name", name), ("part", part)])
}

pub fn part_too_long(part_label: &str, max: usize, lang: &str) -> String {
    message(
        lang,
        "messages.part_too_long",
        &[("label", part_label), ("max", &max.to_string())],
    )
}

pub fn postcode_not_real(name: &str, lang: &str) -> String {
    message(lang, "messages.postcode_not_real", &[("name", name)])
}

pub fn too_short(name: &str, min: usize, lang: &str) -> String {
    message(
        lang,
        "messages.too_short",
        &[("name", name), ("min", &min.to_string())],
    )
}

pub fn part_too_short(part_label: &str, min: usize, lang: &str) -> String {
    message(
        lang,
        "messages.part_too_short",
        &[("label", part_label), ("min", &min.to_string())],
    )
}

pub fn date_within_days(name: &str, days: u32, lang: &str) -> String {
    message(
        lang,
        "messages.date_within_days",
        &[("name", name), ("days", &days.to_string())],
    )
}

/// `other` is the other date in words ([`crate::date::Date::long_form`]).
pub fn date_before(name: &str, other: &str, lang: &str) -> String {
    message(
        lang,
        "messages.date_before",
        &[("name", name), ("other", other)],
    )
}

pub fn date_after(name: &str, other: &str, lang: &str) -> String {
    message(
        lang,
        "messages.date_after",
        &[("name", name), ("other", other)],
    )
}

pub fn age_at_least(years: u32, lang: &str) -> String {
    message(
        lang,
        "messages.age_at_least",
        &[("years", &years.to_string())],
    )
}

pub fn age_at_most(years: u32, lang: &str) -> String {
    message(
        lang,
        "messages.age_at_most",
        &[("years", &years.to_string())],
    )
}

pub fn not_a_number(name: &str, lang: &str) -> String {
    message(lang, "messages.not_a_number", &[("name", name)])
}

pub fn not_whole(name: &str, lang: &str) -> String {
    message(lang, "messages.not_whole", &[("name", name)])
}

pub fn at_least(name: &str, min: f64, lang: &str) -> String {
    message(
        lang,
        "messages.at_least",
        &[("name", name), ("min", &number(min, lang))],
    )
}

pub fn at_most(name: &str, max: f64, lang: &str) -> String {
    message(
        lang,
        "messages.at_most",
        &[("name", name), ("max", &number(max, lang))],
    )
}

pub fn not_money(name: &str, lang: &str) -> String {
    message(lang, "messages.not_money", &[("name", name)])
}

pub fn email_format(name: &str, lang: &str) -> String {
    message(lang, "messages.email_format", &[("name", name)])
}

pub fn phone_format(name: &str, lang: &str) -> String {
    message(lang, "messages.phone_format", &[("name", name)])
}

pub fn id_format(name: &str, example: &str, lang: &str) -> String {
    message(
        lang,
        "messages.id_format",
        &[("name", name), ("example", example)],
    )
}

pub fn zip_not_real(name: &str, lang: &str) -> String {
    message(lang, "messages.zip_not_real", &[("name", name)])
}

/// "Select yes if you have a driving licence": `name` says what yes means.
pub fn select_yes_no(name: &str, lang: &str) -> String {
    message(lang, "messages.select_yes_no", &[("name", name)])
}

pub fn select(name: &str, lang: &str) -> String {
    message(lang, "messages.select", &[("name", name)])
}

pub fn exclusive_with_others(name: &str, exclusive: &str, lang: &str) -> String {
    message(
        lang,
        "messages.exclusive_with_others",
        &[("name", name), ("exclusive", exclusive)],
    )
}

pub fn not_an_option(name: &str, lang: &str) -> String {
    message(lang, "messages.not_an_option", &[("name", name)])
}

/// A number as a person writes it in `lang`: no ".0" on whole numbers. The shortest digits
/// that read back as `n` come from zmij, the printer serde_json already uses, rather than
/// `f64`'s Display: the WebAssembly then carries one float printer, not two (about 11 KB).
fn number(n: f64, lang: &str) -> String {
    let text = if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        zmij::Buffer::new().format(n).to_string()
    };
    locales::decimal(&text, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_messages_read_naturally() {
        assert_eq!(
            date_must_include("the date you moved", &["month"], "en"),
            "The date you moved must include a month"
        );
        assert_eq!(
            date_must_include("your date of birth", &["day", "year"], "en"),
            "Your date of birth must include a day and year"
        );
        assert_eq!(
            date_past("the date you moved", "en"),
            "The date you moved must be in the past"
        );
    }

    #[test]
    fn numbers_in_messages_are_written_as_people_write_them() {
        assert_eq!(number(40.0, "en"), "40");
        assert_eq!(number(-3.0, "en"), "-3");
        assert_eq!(number(0.25, "en"), "0.25");
        assert_eq!(number(1234.5, "en"), "1234.5");
        assert_eq!(
            at_most("how many hours you worked", 37.5, "en"),
            "How many hours you worked must be 37.5 or less"
        );
    }

    #[test]
    fn spanish_messages_read_naturally() {
        assert_eq!(
            enter("la fecha en que se mudó", "es"),
            "Introduzca la fecha en que se mudó"
        );
        assert_eq!(
            date_not_real("la fecha en que se mudó", "es"),
            "La fecha en que se mudó debe ser una fecha real"
        );
        assert_eq!(
            date_past("su fecha de nacimiento", "es"),
            "Su fecha de nacimiento debe estar en el pasado"
        );
        assert_eq!(
            date_must_include("su fecha de nacimiento", &["day", "month"], "es"),
            "Su fecha de nacimiento debe incluir un día y un mes"
        );
        assert_eq!(
            date_must_include("la fecha en que se mudó", &["year"], "es"),
            "La fecha en que se mudó debe incluir un año"
        );
        assert_eq!(
            date_before("la fecha en que se mudó", "1 de marzo de 2026", "es"),
            "La fecha en que se mudó debe ser anterior al 1 de marzo de 2026"
        );
        assert_eq!(
            too_long("su número de contribuyente", 20, "es"),
            "Su número de contribuyente debe tener 20 caracteres o menos"
        );
        assert_eq!(
            enter_part("town", "su nueva dirección", "es"),
            "Introduzca la ciudad o el pueblo de su nueva dirección"
        );
        assert_eq!(
            enter_part("given", "su nombre", "es"),
            "Introduzca su nombre"
        );
        assert_eq!(
            select_yes_no("tiene licencia de conducir", "es"),
            "Seleccione sí si tiene licencia de conducir, o no si no es así"
        );
        assert_eq!(age_at_least(18, "es"), "Debe tener 18 años o más");
        assert_eq!(
            at_least("cuántas horas a la semana trabajaba", 1.5, "es"),
            "Cuántas horas a la semana trabajaba debe ser 1.5 o más"
        );
    }

    /// The questions' names from the Moving house journey's Arabic.
    #[test]
    fn arabic_messages_read_naturally() {
        assert_eq!(enter("تاريخ انتقالك", "ar"), "أدخل تاريخ انتقالك");
        assert_eq!(
            date_must_include("تاريخ ميلادك", &["day", "year"], "ar"),
            "يجب أن يتضمن تاريخ ميلادك يومًا وسنةً"
        );
        assert_eq!(
            date_must_include("تاريخ ميلادك", &["day", "month", "year"], "ar"),
            "يجب أن يتضمن تاريخ ميلادك يومًا، وشهرًا، وسنةً"
        );
        assert_eq!(
            date_before("تاريخ انتقالك", "1 مارس 2026", "ar"),
            "يجب أن يكون تاريخ انتقالك قبل 1 مارس 2026"
        );
        assert_eq!(
            too_long("رقم دافع الضرائب الخاص بك", 20, "ar"),
            "يجب ألا يزيد عدد أحرف رقم دافع الضرائب الخاص بك على 20"
        );
        assert_eq!(
            enter_part("town", "عنوانك الجديد", "ar"),
            "أدخل المدينة أو البلدة في عنوانك الجديد"
        );
        // A yes/no question's name is a statement: asked back as a question, it reads right
        // whatever its grammar ("لديك …", "أنت …").
        assert_eq!(
            select_yes_no("لديك رخصة قيادة", "ar"),
            "اختر «نعم» أو «لا»: هل لديك رخصة قيادة؟"
        );
        assert_eq!(
            select_yes_no("أنت مسجل للتصويت", "ar"),
            "اختر «نعم» أو «لا»: هل أنت مسجل للتصويت؟"
        );
        assert_eq!(age_at_least(18, "ar"), "يجب أن يكون عمرك 18 أو أكثر");
        assert_eq!(
            at_least("عدد الساعات", 1.5, "ar"),
            "أدخل عدد الساعات بقيمة لا تقل عن 1.5"
        );
    }

    #[test]
    fn an_unknown_language_is_answered_in_english() {
        assert_eq!(enter("your name", "fr"), "Enter your name");
        assert_eq!(
            enter_part("region", "your address", "de"),
            "Enter the region of your address"
        );
        assert_eq!(
            enter_part("line2", "your address", "en"),
            "Enter the line2 of your address",
            "as before for a part with no message of its own"
        );
    }
}
