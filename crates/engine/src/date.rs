//! Calendar dates, written by hand: a date library would add weight to the WebAssembly for
//! the little we need (real-date checks, comparison, ISO form, day counts).

use std::fmt;

/// A day in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// The catalogue keys of the month names ([`crate::locales`]), January first.
pub const MONTH_KEYS: [&str; 12] = [
    "date.months.january",
    "date.months.february",
    "date.months.march",
    "date.months.april",
    "date.months.may",
    "date.months.june",
    "date.months.july",
    "date.months.august",
    "date.months.september",
    "date.months.october",
    "date.months.november",
    "date.months.december",
];

/// The name of a month (1 to 12) in `lang`, as it is written inside a date: "March", "marzo".
pub fn month_name(month: u32, lang: &str) -> &'static str {
    crate::locales::text(lang, MONTH_KEYS[(month.clamp(1, 12) - 1) as usize])
}

impl Date {
    /// A date if the day exists in that month and year.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses the ISO form `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (negative before), for day arithmetic.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date that many days after 1970-01-01 (the inverse of [`Date::days_since_epoch`]).
    pub fn from_days_since_epoch(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Whole years from `self` (e.g. a date of birth) to `later`: a person's age, counting down
    /// when `later` is earlier. Someone born on 29 February has their birthday on 1 March in
    /// other years. In `i64`, so no year a condition's context supplies can overflow.
    pub fn full_years_until(self, later: Date) -> i64 {
        let before_birthday = (later.month, later.day) < (self.month, self.day);
        i64::from(later.year) - i64::from(self.year) - i64::from(before_birthday)
    }

    /// Whole months from `self` to `later`, counting down when `later` is earlier.
    pub fn full_months_until(self, later: Date) -> i64 {
        let months = (i64::from(later.year) - i64::from(self.year)) * 12 + i64::from(later.month)
            - i64::from(self.month);
        months - i64::from(later.day < self.day)
    }

    /// The date in words in `lang`: "1 March 2026", "1 de marzo de 2026".
    pub fn long_form(self, lang: &str) -> String {
        crate::locales::message(
            lang,
            "date.long_form",
            &[
                ("day", &self.day.to_string()),
                ("month", month_name(self.month, lang)),
                ("year", &self.year.to_string()),
            ],
        )
    }
}

impl fmt::Display for Date {
    /// The ISO form, `YYYY-MM-DD`: what agencies receive.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_real_dates() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2026, 4, 31).is_none());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 1, 0).is_none());
    }

    #[test]
    fn round_trips_iso_and_orders() {
        let d = Date::parse_iso("2026-03-01").unwrap();
        assert_eq!(d.to_string(), "2026-03-01");
        assert_eq!(d.long_form("en"), "1 March 2026");
        assert!(Date::parse_iso("2026-3-1").is_none());
        assert!(Date::parse_iso("2026-02-30").is_none());
        assert!(Date::new(2025, 12, 31).unwrap() < d);
    }

    #[test]
    fn dates_in_words_in_each_language() {
        let d = Date::new(2026, 11, 23).unwrap();
        assert_eq!(d.long_form("en"), "23 November 2026");
        assert_eq!(d.long_form("es"), "23 de noviembre de 2026");
        assert_eq!(
            Date::new(2026, 3, 1).unwrap().long_form("es"),
            "1 de marzo de 2026"
        );
        assert_eq!(d.long_form("fr"), "23 November 2026", "English otherwise");
        assert_eq!(month_name(1, "es"), "enero");
        assert_eq!(month_name(12, "en"), "December");
        assert_eq!(
            Date::new(2026, 3, 1).unwrap().long_form("ar"),
            "1 مارس 2026"
        );
        assert_eq!(d.long_form("ar"), "23 نوفمبر 2026");
        assert_eq!(month_name(5, "ar"), "مايو");
    }

    #[test]
    fn counts_years_and_months() {
        let born = Date::new(1990, 6, 15).unwrap();
        assert_eq!(born.full_years_until(Date::new(2026, 6, 14).unwrap()), 35);
        assert_eq!(born.full_years_until(Date::new(2026, 6, 15).unwrap()), 36);
        let leap = Date::new(2000, 2, 29).unwrap();
        assert_eq!(leap.full_years_until(Date::new(2026, 2, 28).unwrap()), 25);
        assert_eq!(leap.full_years_until(Date::new(2026, 3, 1).unwrap()), 26);
        assert_eq!(born.full_months_until(Date::new(1990, 7, 14).unwrap()), 0);
        assert_eq!(born.full_months_until(Date::new(1990, 7, 15).unwrap()), 1);
        assert_eq!(born.full_months_until(Date::new(2055, 3, 15).unwrap()), 777);
    }

    #[test]
    fn counts_days() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        assert_eq!(Date::new(1969, 12, 31).unwrap().days_since_epoch(), -1);
        for days in (-800_000..800_000)
            .step_by(997)
            .chain([-1, 0, 59, 60, 11_016, 11_017])
        {
            let date = Date::from_days_since_epoch(days);
            assert_eq!(date.days_since_epoch(), days, "{date}");
            assert!(
                Date::new(date.year, date.month, date.day).is_some(),
                "{date}"
            );
        }
        assert_eq!(
            Date::from_days_since_epoch(11_017).to_string(),
            "2000-03-01"
        );
        assert_eq!(Date::from_days_since_epoch(-1).to_string(), "1969-12-31");
    }
}
