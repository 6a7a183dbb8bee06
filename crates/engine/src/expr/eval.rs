//! Evaluating a condition against a person's answers. Evaluation is total: every tree gives a
//! value for every set of answers, so a page or service is never lost to an error at run time
//! (problems are found when the journey is parsed and linted instead).

use super::{Expr, Function, Op};
use crate::date::Date;
use std::cmp::Ordering;

/// What a condition, or any part of it, evaluates to.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No answer, or a function of an answer that has none (e.g. `age` of an unanswered date).
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    Date(Date),
    /// Several answers, e.g. the options chosen for a checkboxes question.
    List(Vec<Value>),
}

impl Value {
    /// Only `true` is true: text, numbers and `null` never pass a condition by themselves.
    pub fn is_true(&self) -> bool {
        matches!(self, Value::Bool(true))
    }
}

impl From<&serde_json::Value> for Value {
    /// A canonical answer (see `field::canonical`) as a condition sees it. Dates there are ISO
    /// text, which compares as a date with dates. An object has no meaning in a condition and
    /// is `null`.
    fn from(json: &serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null | serde_json::Value::Object(_) => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => n.as_f64().map_or(Value::Null, Value::Number),
            serde_json::Value::String(s) => Value::Text(s.clone()),
            serde_json::Value::Array(items) => Value::List(items.iter().map(Value::from).collect()),
        }
    }
}

/// What a condition can see: the answers given so far and today's date. The engine asks
/// through this trait so that the app, the agencies' server and tests each supply their own.
pub trait Context {
    /// The answer to `key`, or [`Value::Null`] when it has not been answered.
    fn answer(&self, key: &str) -> Value;
    /// How many items the repeating group `key` has.
    fn count(&self, key: &str) -> usize;
    /// Today, in the person's time zone: the date functions count from it.
    fn today(&self) -> Date;
}

/// The value of a condition.
///
/// The rules, chosen so that answers typed into forms behave as the author means:
///
/// - **Blank text** (empty or only spaces) is the same as no answer: `null`.
/// - **`==`** pairs the two sides up, then compares them:
///   number with number; number with text that reads as a number (`"42"`, `" -2.5 "`; no
///   exponents or thousands separators); two texts that both read as numbers, as numbers
///   (`"10" > "9"`); date with date; date with ISO text (`"2026-01-31"`); `true`/`false` with
///   text `"true"`/`"false"`; other text with text, exactly, ignoring surrounding spaces and
///   not ignoring case; lists item by item; `null` with `null`. Any other pair is unequal,
///   so `1 == "one"` and `true == 1` are false.
/// - **`!=`** is always the opposite of `==`, so `x != "yes"` is true when `x` is unanswered.
/// - **`<`, `<=`, `>`, `>=`** hold only between two numbers, two dates or two texts (by
///   character code) after the same pairing; anything else, including `null`, `true`/`false`
///   and lists, gives false whichever way round. So `age(dob) >= 18` and `age(dob) < 18` are
///   both false when the date of birth is unanswered.
/// - **`in`**: a value is in a list when it `==` one of its items; text is in text when it is
///   part of it (ignoring the needle's surrounding spaces; not ignoring case). Anything else
///   is not in. **`not in`** is its opposite.
/// - **`and`, `or`, `not`** treat only `true` as true (see [`Value::is_true`]) and give
///   `true` or `false`; `and` and `or` stop at the first item that decides.
/// - **Unary minus** negates a number, or text that reads as one; otherwise it gives `null`.
/// - **Date functions** (`age`, `age_months`, `days_since`, `days_until`) accept a date or ISO
///   text answer and give `null` for anything else, including no answer. Ages are whole
///   years or months, counted down: the day before a birthday is still the old age, the
///   birthday itself the new one, and when the month has no such day (29 February, or a
///   31st) the anniversary is the 1st of the next month. Dates in the future give negative
///   ages and days.
/// - **`count(key)`** is the number of items of the repeating group; **`answered(key)`** is
///   true unless the answer is `null`, blank text or an empty list.
pub fn eval(expr: &Expr, context: &dyn Context) -> Value {
    match expr {
        Expr::Null => Value::Null,
        Expr::Bool(b) => Value::Bool(*b),
        Expr::Number(n) => Value::Number(*n),
        Expr::Text(text) => Value::Text(text.clone()),
        Expr::Date(date) => Value::Date(*date),
        Expr::List(items) => Value::List(items.iter().map(|i| eval(i, context)).collect()),
        Expr::Answer(key) => context.answer(key),
        Expr::Call(function, key) => call(*function, key, context),
        Expr::Today => Value::Date(context.today()),
        Expr::Not(inner) => Value::Bool(!is_true(inner, context)),
        Expr::Neg(inner) => {
            number(&eval(inner, context)).map_or(Value::Null, |n| Value::Number(-n))
        }
        Expr::And(items) => Value::Bool(items.iter().all(|i| is_true(i, context))),
        Expr::Or(items) => Value::Bool(items.iter().any(|i| is_true(i, context))),
        Expr::Compare(left, op, right) => {
            let (left, right) = (eval(left, context), eval(right, context));
            Value::Bool(compare(&left, *op, &right))
        }
    }
}

/// Whether a condition holds: its value is exactly `true`.
pub fn is_true(expr: &Expr, context: &dyn Context) -> bool {
    eval(expr, context).is_true()
}

fn call(function: Function, key: &str, context: &dyn Context) -> Value {
    let answer = context.answer(key);
    let since = |measure: fn(Date, Date) -> i64| {
        as_date(&answer).map_or(Value::Null, |date| {
            Value::Number(measure(date, context.today()) as f64)
        })
    };
    match function {
        Function::Age => since(Date::full_years_until),
        Function::AgeMonths => since(Date::full_months_until),
        Function::DaysSince => since(days_between),
        Function::DaysUntil => since(|date, today| days_between(today, date)),
        Function::Count => Value::Number(context.count(key) as f64),
        Function::Answered => Value::Bool(match blank_as_null(&answer) {
            Value::Null => false,
            Value::List(items) => !items.is_empty(),
            _ => true,
        }),
    }
}

fn days_between(from: Date, to: Date) -> i64 {
    to.days_since_epoch() - from.days_since_epoch()
}

static NULL: Value = Value::Null;

fn blank_as_null(value: &Value) -> &Value {
    match value {
        Value::Text(text) if text.trim().is_empty() => &NULL,
        other => other,
    }
}

/// Text that reads as a plain number: an optional sign, digits and at most one decimal point.
fn text_number(text: &str) -> Option<f64> {
    crate::decimal::parse(text.trim())
}

fn text_bool(text: &str) -> Option<bool> {
    match text.trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn text_date(text: &str) -> Option<Date> {
    Date::parse_iso(text.trim())
}

fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => Some(*n),
        Value::Text(text) => text_number(text),
        _ => None,
    }
}

fn as_date(value: &Value) -> Option<Date> {
    match value {
        Value::Date(date) => Some(*date),
        Value::Text(text) => text_date(text),
        _ => None,
    }
}

/// Two values made comparable, or not.
enum Pair<'a> {
    Nulls,
    Bools(bool, bool),
    Numbers(f64, f64),
    Dates(Date, Date),
    Texts(&'a str, &'a str),
    Lists(&'a [Value], &'a [Value]),
    Different,
}

fn pair<'a>(left: &'a Value, right: &'a Value) -> Pair<'a> {
    use Value as V;
    let either = |found: Option<Pair<'a>>| found.unwrap_or(Pair::Different);
    match (blank_as_null(left), blank_as_null(right)) {
        (V::Null, V::Null) => Pair::Nulls,
        (V::Bool(x), V::Bool(y)) => Pair::Bools(*x, *y),
        (V::Bool(x), V::Text(t)) => either(text_bool(t).map(|y| Pair::Bools(*x, y))),
        (V::Text(t), V::Bool(y)) => either(text_bool(t).map(|x| Pair::Bools(x, *y))),
        (V::Number(x), V::Number(y)) => Pair::Numbers(*x, *y),
        (V::Number(x), V::Text(t)) => either(text_number(t).map(|y| Pair::Numbers(*x, y))),
        (V::Text(t), V::Number(y)) => either(text_number(t).map(|x| Pair::Numbers(x, *y))),
        (V::Date(x), V::Date(y)) => Pair::Dates(*x, *y),
        (V::Date(x), V::Text(t)) => either(text_date(t).map(|y| Pair::Dates(*x, y))),
        (V::Text(t), V::Date(y)) => either(text_date(t).map(|x| Pair::Dates(x, *y))),
        // ISO dates in text order the same as dates, so texts need no date case.
        (V::Text(x), V::Text(y)) => match (text_number(x), text_number(y)) {
            (Some(x), Some(y)) => Pair::Numbers(x, y),
            _ => Pair::Texts(x.trim(), y.trim()),
        },
        (V::List(x), V::List(y)) => Pair::Lists(x, y),
        _ => Pair::Different,
    }
}

fn equal(left: &Value, right: &Value) -> bool {
    match pair(left, right) {
        Pair::Nulls => true,
        Pair::Bools(x, y) => x == y,
        Pair::Numbers(x, y) => x == y,
        Pair::Dates(x, y) => x == y,
        Pair::Texts(x, y) => x == y,
        Pair::Lists(x, y) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b)),
        Pair::Different => false,
    }
}

fn order(left: &Value, right: &Value) -> Option<Ordering> {
    match pair(left, right) {
        Pair::Numbers(x, y) => x.partial_cmp(&y),
        Pair::Dates(x, y) => Some(x.cmp(&y)),
        Pair::Texts(x, y) => Some(x.cmp(y)),
        _ => None,
    }
}

fn contains(haystack: &Value, needle: &Value) -> bool {
    match (blank_as_null(haystack), blank_as_null(needle)) {
        (Value::List(items), _) => items.iter().any(|item| equal(needle, item)),
        (Value::Text(text), Value::Text(part)) => text.contains(part.trim()),
        _ => false,
    }
}

fn compare(left: &Value, op: Op, right: &Value) -> bool {
    use Ordering::{Equal, Greater, Less};
    match op {
        Op::Eq => equal(left, right),
        Op::Ne => !equal(left, right),
        Op::Lt => order(left, right) == Some(Less),
        Op::Le => matches!(order(left, right), Some(Less | Equal)),
        Op::Gt => order(left, right) == Some(Greater),
        Op::Ge => matches!(order(left, right), Some(Greater | Equal)),
        Op::In => contains(right, left),
        Op::NotIn => !contains(right, left),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::{parse, strategies};
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// A person's answers on a fixed day.
    #[derive(Debug, Clone)]
    struct Person {
        answers: BTreeMap<String, Value>,
        counts: BTreeMap<String, usize>,
        today: Date,
    }

    impl Context for Person {
        fn answer(&self, key: &str) -> Value {
            self.answers.get(key).cloned().unwrap_or(Value::Null)
        }
        fn count(&self, key: &str) -> usize {
            self.counts.get(key).copied().unwrap_or(0)
        }
        fn today(&self) -> Date {
            self.today
        }
    }

    fn date(iso: &str) -> Date {
        Date::parse_iso(iso).unwrap()
    }

    fn text(t: &str) -> Value {
        Value::Text(t.into())
    }

    fn person(today: &str, answers: &[(&str, Value)]) -> Person {
        Person {
            answers: answers
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            counts: BTreeMap::new(),
            today: date(today),
        }
    }

    fn value(source: &str, context: &Person) -> Value {
        eval(&parse(source).unwrap(), context)
    }

    fn holds(source: &str, context: &Person) -> bool {
        is_true(&parse(source).unwrap(), context)
    }

    fn nobody() -> Person {
        person("2026-06-15", &[])
    }

    /// Asserts each condition is true and its negation false, for `context`.
    fn all_hold(context: &Person, sources: &[&str]) {
        for source in sources {
            assert!(holds(source, context), "{source} should hold");
            assert!(
                !holds(&format!("not ({source})"), context),
                "not ({source}) should not hold"
            );
        }
    }

    fn none_hold(context: &Person, sources: &[&str]) {
        for source in sources {
            assert!(!holds(source, context), "{source} should not hold");
        }
    }

    #[test]
    fn compares_numbers_with_every_operator() {
        all_hold(
            &nobody(),
            &[
                "1 == 1", "1 != 2", "1 < 2", "1 <= 1", "2 > 1", "2 >= 2", "2.5 > 2", "-1 < 0",
                "--1 == 1", "0 == -0",
            ],
        );
        none_hold(
            &nobody(),
            &["1 == 2", "1 != 1", "2 < 1", "2 <= 1", "1 > 2", "1 >= 2"],
        );
    }

    #[test]
    fn compares_dates_and_text() {
        all_hold(
            &nobody(),
            &[
                "date('2026-01-31') < date('2026-02-01')",
                "date('2026-01-31') == date('2026-01-31')",
                "today() == date('2026-06-15')",
                "today() > date('2026-06-14')",
                "'abc' == \"abc\"",
                "'b' > 'a'",
                "'abc' != 'ABC'",
                "' spaced ' == 'spaced'",
            ],
        );
    }

    #[test]
    fn combines_with_and_or_not() {
        let context = nobody();
        all_hold(
            &context,
            &[
                "true and true",
                "true or false",
                "false or true",
                "not false",
                "true or false and false",
                "not false and true",
                "not (true and false)",
                "1 == 1 and 2 == 2 and 3 == 3",
            ],
        );
        none_hold(
            &context,
            &[
                "true and false",
                "false or false",
                "not true",
                "(true or false) and false",
                "not true or false",
            ],
        );
        // Only true is true.
        none_hold(
            &context,
            &["1", "'true'", "null", "x", "[true]", "1 and true"],
        );
        assert_eq!(value("1 or 0", &context), Value::Bool(false));
        assert_eq!(value("not x", &context), Value::Bool(true));
        assert_eq!(value("not 'text'", &context), Value::Bool(true));
    }

    #[test]
    fn unary_minus_needs_a_number() {
        let context = person("2026-06-15", &[("n", text(" 4 ")), ("t", text("four"))]);
        assert_eq!(value("-n", &context), Value::Number(-4.0));
        assert_eq!(value("-t", &context), Value::Null);
        assert_eq!(value("-null", &context), Value::Null);
        assert_eq!(value("-true", &context), Value::Null);
        assert!(holds("-n < -3", &context));
    }

    #[test]
    fn counts_age_in_whole_years() {
        let born = |today| person(today, &[("person.dob", text("2000-06-15"))]);
        assert_eq!(
            value("age(person.dob)", &born("2026-06-14")),
            Value::Number(25.0)
        );
        assert_eq!(
            value("age(person.dob)", &born("2026-06-15")),
            Value::Number(26.0)
        );
        assert_eq!(
            value("age(person.dob)", &born("2000-06-15")),
            Value::Number(0.0)
        );
        assert!(holds("age(person.dob) >= 26", &born("2026-06-15")));
        assert!(!holds("age(person.dob) >= 26", &born("2026-06-14")));
        // A date answer may be a Date as well as ISO text.
        let typed = person("2026-06-15", &[("d", Value::Date(date("2008-06-16")))]);
        assert_eq!(value("age(d)", &typed), Value::Number(17.0));
        // A future date counts down.
        let future = person("2026-06-15", &[("d", text("2027-06-16"))]);
        assert_eq!(value("age(d)", &future), Value::Number(-2.0));
    }

    #[test]
    fn someone_born_on_29_february_ages_on_1_march_in_other_years() {
        let leapling = |today| person(today, &[("dob", text("2008-02-29"))]);
        assert_eq!(
            value("age(dob)", &leapling("2026-02-28")),
            Value::Number(17.0)
        );
        assert_eq!(
            value("age(dob)", &leapling("2026-03-01")),
            Value::Number(18.0)
        );
        assert_eq!(
            value("age(dob)", &leapling("2028-02-28")),
            Value::Number(19.0)
        );
        assert_eq!(
            value("age(dob)", &leapling("2028-02-29")),
            Value::Number(20.0)
        );
    }

    #[test]
    fn counts_age_in_whole_months() {
        let born = |dob, today| person(today, &[("dob", text(dob))]);
        let months = |dob, today| value("age_months(dob)", &born(dob, today));
        assert_eq!(months("2026-01-15", "2026-02-14"), Value::Number(0.0));
        assert_eq!(months("2026-01-15", "2026-02-15"), Value::Number(1.0));
        assert_eq!(months("2024-06-15", "2026-06-15"), Value::Number(24.0));
        assert_eq!(months("2025-12-20", "2026-01-19"), Value::Number(0.0));
        // No 31 February: the month is complete on 1 March.
        assert_eq!(months("2026-01-31", "2026-02-28"), Value::Number(0.0));
        assert_eq!(months("2026-01-31", "2026-03-01"), Value::Number(1.0));
        assert_eq!(months("2026-07-15", "2026-06-14"), Value::Number(-2.0));
    }

    #[test]
    fn counts_days_either_way() {
        let moving = person(
            "2026-03-01",
            &[
                ("move.date", text("2026-02-27")),
                ("start", text("2026-03-31")),
            ],
        );
        assert_eq!(value("days_since(move.date)", &moving), Value::Number(2.0));
        assert_eq!(value("days_until(move.date)", &moving), Value::Number(-2.0));
        assert_eq!(value("days_since(start)", &moving), Value::Number(-30.0));
        assert_eq!(value("days_until(start)", &moving), Value::Number(30.0));
        let leap = person("2024-03-01", &[("d", text("2024-02-28"))]);
        assert_eq!(value("days_since(d)", &leap), Value::Number(2.0));
    }

    #[test]
    fn date_functions_of_no_date_are_null() {
        let context = person(
            "2026-06-15",
            &[
                ("blank", text(" ")),
                ("word", text("yesterday")),
                ("n", Value::Number(3.0)),
            ],
        );
        for function in ["age", "age_months", "days_since", "days_until"] {
            for key in ["missing", "blank", "word", "n"] {
                let source = format!("{function}({key})");
                assert_eq!(value(&source, &context), Value::Null, "{source}");
                none_hold(
                    &context,
                    &[&format!("{source} >= 0"), &format!("{source} < 0")],
                );
            }
        }
    }

    #[test]
    fn counts_repeating_groups_and_answers() {
        let mut context = person(
            "2026-06-15",
            &[
                ("name", text("Ada")),
                ("blank", text("  ")),
                ("no", Value::Bool(false)),
                ("zero", Value::Number(0.0)),
                ("none", Value::List(vec![])),
                ("some", Value::List(vec![text("car")])),
            ],
        );
        context.counts.insert("household.children".into(), 3);
        assert_eq!(
            value("count(household.children)", &context),
            Value::Number(3.0)
        );
        assert_eq!(value("count(other)", &context), Value::Number(0.0));
        all_hold(
            &context,
            &[
                "count(household.children) >= 2",
                "answered(name)",
                "answered(no)",
                "answered(zero)",
                "answered(some)",
                "not answered(blank)",
                "not answered(none)",
                "not answered(missing)",
            ],
        );
    }

    #[test]
    fn different_kinds_are_unequal_and_unordered() {
        let context = nobody();
        all_hold(
            &context,
            &[
                "1 != 'one'",
                "true != 1",
                "null == null",
                "missing == null",
                "missing != 1",
                "missing != 'yes'",
                "1 != null",
                "[1, 2] == [1, 2]",
                "[1, 2] != [2, 1]",
                "[1] != 1",
                "date('2026-01-01') != 20260101",
            ],
        );
        none_hold(
            &context,
            &[
                "1 == 'one'",
                "1 < 'one'",
                "1 > 'one'",
                "missing < 1",
                "missing >= 1",
                "null <= null",
                "false < true",
                "true >= true",
                "[1] < [2]",
                "[1] <= [1]",
                "date('2026-01-01') > 1",
            ],
        );
    }

    #[test]
    fn reads_text_answers_as_numbers_dates_and_yes_no() {
        let context = person(
            "2026-06-15",
            &[
                ("adults", text("10")),
                ("children", text(" 9 ")),
                ("income", text("-2.5")),
                ("words", text("10 apples")),
                ("science", text("1e3")),
                ("moved", text("2026-01-31")),
                ("sure", text("true")),
                ("unsure", text("false")),
                ("yes", text("yes")),
                ("blank", text("")),
            ],
        );
        all_hold(
            &context,
            &[
                "adults == 10",
                "10 == adults",
                "adults > 9.5",
                "children == 9",
                "adults > children",
                "adults == '10.0'",
                "income < 0",
                "income == -2.5",
                "words != 10",
                "science != 1000",
                "moved == date('2026-01-31')",
                "moved < today()",
                "date('2026-02-01') > moved",
                "moved == '2026-01-31'",
                "sure == true",
                "true == sure",
                "unsure == false",
                "unsure != true",
                "yes != true",
                "blank == null",
                "blank == ''",
                "blank != 0",
            ],
        );
        none_hold(
            &context,
            &[
                "words > 1",
                "words < 1",
                "yes == true",
                "blank < 1",
                "moved > 1",
            ],
        );
    }

    #[test]
    fn finds_members_and_parts() {
        let context = person(
            "2026-06-15",
            &[
                (
                    "benefits",
                    Value::List(vec![text("esa"), text("pension_credit")]),
                ),
                ("postcode", text("SW1A 1AA")),
                ("children", text("3")),
            ],
        );
        all_hold(
            &context,
            &[
                "'esa' in benefits",
                "'jsa' not in benefits",
                "'SW1A' in postcode",
                "' SW1A ' in postcode",
                "'sw1a' not in postcode",
                "children in [1, 2, 3]",
                "3 in ['1', '3']",
                "null in [null]",
                "[1] in [[1], [2]]",
                "'x' not in missing",
                "missing not in [1, 2]",
                "'' not in postcode",
                "1 not in '123'",
            ],
        );
    }

    #[test]
    fn reads_canonical_json_answers() {
        let json = serde_json::json!([null, true, 3, 2.5, "a", ["b"], {"c": 1}]);
        assert_eq!(
            Value::from(&json),
            Value::List(vec![
                Value::Null,
                Value::Bool(true),
                Value::Number(3.0),
                Value::Number(2.5),
                text("a"),
                Value::List(vec![text("b")]),
                Value::Null,
            ])
        );
    }

    fn any_date() -> impl Strategy<Value = Date> {
        prop_oneof![
            (any::<i32>(), any::<u32>(), any::<u32>()).prop_map(|(year, month, day)| Date {
                year,
                month,
                day
            }),
            (1900..2100i32, 1..=12u32, 1..=28u32).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap()),
        ]
    }

    fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<f64>().prop_map(Value::Number),
            ".{0,8}".prop_map(Value::Text),
            prop::sample::select(vec!["2026-01-31", "2024-02-29", " 42 ", "-1", "true", ""])
                .prop_map(text),
            any_date().prop_map(Value::Date),
        ];
        leaf.prop_recursive(3, 12, 4, |inner| {
            prop::collection::vec(inner, 0..4).prop_map(Value::List)
        })
    }

    fn any_person() -> impl Strategy<Value = Person> {
        let key = prop::sample::select(vec![
            "a",
            "b",
            "b.c",
            "a.b.c",
            "x_1",
            "x_1.y",
            "_z",
            "person.date_of_birth",
            "household.children",
        ])
        .prop_map(str::to_string);
        (
            prop::collection::btree_map(key.clone(), any_value(), 0..8),
            prop::collection::btree_map(key, any::<usize>(), 0..4),
            any_date(),
        )
            .prop_map(|(answers, counts, today)| Person {
                answers,
                counts,
                today,
            })
    }

    proptest! {
        #[test]
        fn never_panics_on_any_tree(expr in strategies::expr(), person in any_person()) {
            let result = eval(&expr, &person);
            prop_assert_eq!(is_true(&expr, &person), result.is_true());
        }

        #[test]
        fn never_panics_on_parsed_soup(source in strategies::token_soup(), person in any_person()) {
            if let Ok(expr) = parse(&source) {
                let _ = eval(&expr, &person);
            }
        }

        #[test]
        fn not_equal_is_the_opposite_of_equal(left in any_value(), right in any_value()) {
            prop_assert_eq!(compare(&left, Op::Ne, &right), !compare(&left, Op::Eq, &right));
            prop_assert_eq!(compare(&left, Op::Eq, &right), compare(&right, Op::Eq, &left));
            prop_assert_eq!(compare(&left, Op::Lt, &right), compare(&right, Op::Gt, &left));
        }
    }
}
