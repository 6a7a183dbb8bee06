//! The condition language: when a page is shown (`show_if`) and whether a service applies
//! (`eligible_if`).
//!
//! Journeys are data fetched at run time, so a condition is never run as code: it is read by
//! our own small parser into an [`Expr`] tree and evaluated by walking that tree. Every problem
//! is an [`ExprError`] with a column and plain words; evaluation never fails and never panics.
//!
//! # The language
//!
//! ```text
//! household.has_children == true and count(household.children) >= 2
//! age(person.date_of_birth) >= 66 or person.benefits in ["pension_credit", "esa"]
//! move.date >= date("2026-01-01") and days_until(move.date) <= 28
//! not answered(address.previous.postcode)
//! "SW1" not in address.current.postcode
//! ```
//!
//! - **Values**: numbers (`3`, `2.5`; `-1` is unary minus), text in double or single quotes
//!   (escapes: `\"`, `\'`, `\\`), `true`, `false`, `null`, lists (`[1, 2, "a"]`) and dates
//!   (`date("2026-01-31")`).
//! - **Answer keys**: dotted paths of lowercase letters, digits and `_`, starting with a letter
//!   or `_`: `person.date_of_birth`, `address.current.postcode`. An unanswered key is `null`.
//!   The words `and or not in true false null` are reserved.
//! - **Operators**, loosest first: `or`; `and`; `not`; comparisons `== != < <= > >=` and
//!   membership `in`, `not in`; unary `-`. Brackets group. Comparisons do not chain:
//!   `a < b < c` is an error, because it rarely means what it seems to.
//! - **Functions** (a fixed set, see [`Function`]): `age(key)`, `age_months(key)`,
//!   `days_since(key)`, `days_until(key)`, `count(key)`, `answered(key)`, `today()`,
//!   `date("YYYY-MM-DD")`.
//!
//! The grammar, with `key` and literals as above:
//!
//! ```text
//! condition  = or
//! or         = and { "or" and }
//! and        = not { "and" not }
//! not        = "not" not | comparison
//! comparison = unary [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in" ) unary ]
//! unary      = "-" unary | primary
//! primary    = number | text | "true" | "false" | "null" | key | call
//!            | "[" [ condition { "," condition } [ "," ] ] "]" | "(" condition ")"
//! call       = name "(" [ key | text ] ")"
//! ```
//!
//! # How values compare
//!
//! Answers arrive as text from forms, so comparisons read text the way a person meant it
//! (see [`eval`] for the full rules): text that reads as a number compares as a number with a
//! number, ISO text (`2026-01-31`) as a date with a date, `"true"`/`"false"` as a yes/no with
//! `true`/`false`, and blank text is the same as no answer (`null`). `==` is false between
//! values of different kinds and `!=` is always its opposite; `<`, `<=`, `>`, `>=` are false
//! unless both sides are numbers, dates or text. `and`, `or` and `not` treat only `true` as
//! true, so a condition about an unanswered question is simply not met.
//!
//! # Limits
//!
//! A condition is at most [`MAX_LENGTH`] characters and [`MAX_DEPTH`] levels deep (brackets,
//! `not`, `-`, lists and calls), so a hostile journey cannot exhaust the stack or the clock.

mod eval;
mod lexer;
mod parser;

pub use eval::{eval, is_true, Context, Value};
pub use parser::parse;

use crate::date::Date;
use std::fmt;
use thiserror::Error;

/// The longest condition accepted, in characters: real conditions are a line or two.
pub const MAX_LENGTH: usize = 2_000;

/// The deepest nesting accepted (brackets, `not`, unary minus, lists and calls). It bounds the
/// parser's recursion, and so every walk over the tree.
pub const MAX_DEPTH: usize = 32;

/// A condition that could not be read: where (a 1-based column, counted in characters) and
/// what is wrong, in words an author can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("column {column}: {message}")]
pub struct ExprError {
    pub column: usize,
    pub message: String,
}

impl ExprError {
    pub(crate) fn new(column: usize, message: impl Into<String>) -> ExprError {
        ExprError {
            column,
            message: message.into(),
        }
    }
}

/// A parsed condition. Built only by [`parse`] (or by hand in tests): the tree is the whole
/// meaning, and [`fmt::Display`] prints it back in canonical form.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Null,
    Bool(bool),
    /// Never negative from the parser: `-1` is [`Expr::Neg`] of `1`.
    Number(f64),
    Text(String),
    /// `date("2026-01-31")`, checked to be a real date when parsed.
    Date(Date),
    List(Vec<Expr>),
    /// The answer to a question, by its dotted key.
    Answer(String),
    /// A function of one answer, e.g. `age(person.date_of_birth)`.
    Call(Function, String),
    /// `today()`.
    Today,
    Not(Box<Expr>),
    Neg(Box<Expr>),
    /// Two or more conditions joined by `and`, in order. Brackets nest them.
    And(Vec<Expr>),
    /// Two or more conditions joined by `or`, in order. Brackets nest them.
    Or(Vec<Expr>),
    Compare(Box<Expr>, Op, Box<Expr>),
}

/// The functions that take an answer key. `today()` and `date("…")` are [`Expr::Today`] and
/// [`Expr::Date`], as they take none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Function {
    /// Whole years from a date answer to today: a person's age on their birthday is the new
    /// age; someone born on 29 February turns a year older on 1 March in other years.
    Age,
    /// Whole months from a date answer to today.
    AgeMonths,
    /// Days from a date answer to today: negative when the date is in the future.
    DaysSince,
    /// Days from today to a date answer: negative when the date is in the past.
    DaysUntil,
    /// How many items a repeating group has.
    Count,
    /// Whether a question has a non-blank answer.
    Answered,
}

/// Every function name, in the order error messages list them.
pub const FUNCTION_NAMES: [&str; 8] = [
    "age",
    "age_months",
    "days_since",
    "days_until",
    "count",
    "answered",
    "today",
    "date",
];

impl Function {
    pub const ALL: [Function; 6] = [
        Function::Age,
        Function::AgeMonths,
        Function::DaysSince,
        Function::DaysUntil,
        Function::Count,
        Function::Answered,
    ];

    /// The name written in conditions.
    pub fn name(self) -> &'static str {
        match self {
            Function::Age => "age",
            Function::AgeMonths => "age_months",
            Function::DaysSince => "days_since",
            Function::DaysUntil => "days_until",
            Function::Count => "count",
            Function::Answered => "answered",
        }
    }

    pub fn from_name(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A comparison or membership operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
}

impl Op {
    /// The operator as written in conditions.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::In => "in",
            Op::NotIn => "not in",
        }
    }
}

/// How a condition uses an answer key: the linter checks plain answers against questions asked
/// earlier, and `count(...)` keys against repeating groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// The key's answer itself, or a function of it such as `age(...)` or `answered(...)`.
    Answer,
    /// `count(key)`: the number of items of a repeating group.
    Count,
}

/// One answer key a condition refers to, and how.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeyUse {
    pub key: String,
    pub kind: KeyKind,
}

impl Expr {
    /// Every answer key the condition refers to, including inside functions, in order of first
    /// appearance and without duplicates.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for used in self.key_uses() {
            if !keys.contains(&used.key) {
                keys.push(used.key);
            }
        }
        keys
    }

    /// Every answer key the condition refers to with how it is used, in order of first
    /// appearance; a key used both ways appears once for each.
    pub fn key_uses(&self) -> Vec<KeyUse> {
        let mut uses = Vec::new();
        self.collect_key_uses(&mut uses);
        uses
    }

    fn collect_key_uses(&self, uses: &mut Vec<KeyUse>) {
        let mut add = |key: &str, kind| {
            if !uses.iter().any(|u| u.key == key && u.kind == kind) {
                uses.push(KeyUse {
                    key: key.to_string(),
                    kind,
                });
            }
        };
        match self {
            Expr::Answer(key) => add(key, KeyKind::Answer),
            Expr::Call(Function::Count, key) => add(key, KeyKind::Count),
            Expr::Call(_, key) => add(key, KeyKind::Answer),
            Expr::Null
            | Expr::Bool(_)
            | Expr::Number(_)
            | Expr::Text(_)
            | Expr::Date(_)
            | Expr::Today => {}
            Expr::Not(inner) | Expr::Neg(inner) => inner.collect_key_uses(uses),
            Expr::List(items) | Expr::And(items) | Expr::Or(items) => {
                for item in items {
                    item.collect_key_uses(uses);
                }
            }
            Expr::Compare(left, _, right) => {
                left.collect_key_uses(uses);
                right.collect_key_uses(uses);
            }
        }
    }

    /// How tightly the expression binds, loosest first; used to print only needed brackets.
    fn precedence(&self) -> u8 {
        match self {
            Expr::Or(_) => 1,
            Expr::And(_) => 2,
            Expr::Not(_) => 3,
            Expr::Compare(..) => 4,
            Expr::Neg(_) => 5,
            _ => 6,
        }
    }

    /// Writes `self`, in brackets when it binds more loosely than its place needs.
    fn write_at(&self, f: &mut fmt::Formatter<'_>, at_least: u8) -> fmt::Result {
        if self.precedence() < at_least {
            write!(f, "({self})")
        } else {
            write!(f, "{self}")
        }
    }
}

impl fmt::Display for Expr {
    /// The canonical form: single spaces around words and operators, text in double quotes,
    /// and brackets only where the meaning needs them. Parsing it gives the same tree back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Null => f.write_str("null"),
            Expr::Bool(b) => write!(f, "{b}"),
            Expr::Number(n) => write!(f, "{n}"),
            Expr::Text(text) => write_text(f, text),
            Expr::Date(date) => write!(f, "date(\"{date}\")"),
            Expr::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Expr::Answer(key) => f.write_str(key),
            Expr::Call(function, key) => write!(f, "{}({key})", function.name()),
            Expr::Today => f.write_str("today()"),
            Expr::Not(inner) => {
                f.write_str("not ")?;
                inner.write_at(f, 3)
            }
            Expr::Neg(inner) => {
                f.write_str("-")?;
                inner.write_at(f, 5)
            }
            Expr::And(items) | Expr::Or(items) => {
                let (word, at_least) = match self {
                    Expr::And(_) => (" and ", 3),
                    _ => (" or ", 2),
                };
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(word)?;
                    }
                    item.write_at(f, at_least)?;
                }
                Ok(())
            }
            Expr::Compare(left, op, right) => {
                left.write_at(f, 5)?;
                write!(f, " {} ", op.symbol())?;
                right.write_at(f, 5)
            }
        }
    }
}

/// Text in double quotes, escaping only what must be.
fn write_text(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in text.chars() {
        if c == '"' || c == '\\' {
            f.write_str("\\")?;
        }
        write!(f, "{c}")?;
    }
    f.write_str("\"")
}

/// Generators shared by the property tests of the parser, the evaluator and the printer.
#[cfg(test)]
pub(crate) mod strategies {
    use super::*;
    use proptest::prelude::*;

    /// Source text built from the language's own pieces, good and bad, so deep nesting, odd
    /// orders and near-misses are all tried, not only random characters that fail at once.
    pub fn token_soup() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "(",
            ")",
            "[",
            "]",
            ",",
            "-",
            "not",
            "and",
            "or",
            "in",
            "==",
            "!=",
            "<",
            "<=",
            ">",
            ">=",
            "=",
            "!",
            "&&",
            "true",
            "false",
            "null",
            "0",
            "3",
            "2.5",
            "1.",
            "99999",
            "\"a\"",
            "'b'",
            "\"2026-01-31\"",
            "\"\\\"\"",
            "\"open",
            "a",
            "b.c",
            "a.b.c",
            "x_1",
            "A",
            "a.",
            "age",
            "age_months",
            "days_since",
            "days_until",
            "count",
            "answered",
            "today",
            "date",
            "agee",
            "é",
            " ",
            " ",
            " ",
        ]);
        prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
    }

    fn key() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "a",
            "b",
            "person.date_of_birth",
            "household.children",
            "x_1.y",
            "_z",
        ])
        .prop_map(str::to_string)
    }

    fn date() -> impl Strategy<Value = Date> {
        (0..=9999i32, 1..=12u32, 1..=31u32)
            .prop_map(|(y, m, d)| Date::new(y, m, d).unwrap_or(Date::new(y, m, 1).unwrap()))
    }

    /// Trees the parser can produce: non-negative numbers, `and`/`or` of two or more, nesting
    /// well within [`MAX_DEPTH`].
    pub fn expr() -> impl Strategy<Value = Expr> {
        let function = prop::sample::select(Function::ALL.to_vec());
        let leaf = prop_oneof![
            Just(Expr::Null),
            any::<bool>().prop_map(Expr::Bool),
            (0.0..1e9f64).prop_map(Expr::Number),
            (0..1000u32).prop_map(|n| Expr::Number(f64::from(n))),
            ".{0,8}".prop_map(Expr::Text),
            date().prop_map(Expr::Date),
            key().prop_map(Expr::Answer),
            (function, key()).prop_map(|(f, k)| Expr::Call(f, k)),
            Just(Expr::Today),
        ];
        let op = prop::sample::select(vec![
            Op::Eq,
            Op::Ne,
            Op::Lt,
            Op::Le,
            Op::Gt,
            Op::Ge,
            Op::In,
            Op::NotIn,
        ]);
        leaf.prop_recursive(6, 48, 4, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Expr::List),
                inner.clone().prop_map(|e| Expr::Not(Box::new(e))),
                inner.clone().prop_map(|e| Expr::Neg(Box::new(e))),
                prop::collection::vec(inner.clone(), 2..4).prop_map(Expr::And),
                prop::collection::vec(inner.clone(), 2..4).prop_map(Expr::Or),
                (inner.clone(), op.clone(), inner).prop_map(|(l, o, r)| Expr::Compare(
                    Box::new(l),
                    o,
                    Box::new(r)
                )),
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn canonical(source: &str) -> String {
        parse(source).unwrap().to_string()
    }

    #[test]
    fn prints_canonical_form() {
        assert_eq!(canonical("a==1"), "a == 1");
        assert_eq!(canonical("((a)) and (b or c)"), "a and (b or c)");
        assert_eq!(canonical("a or b and c"), "a or b and c");
        assert_eq!(canonical("(a or b) or c"), "(a or b) or c");
        assert_eq!(canonical("not (a == 1)"), "not a == 1");
        assert_eq!(canonical("(not a) == 1"), "(not a) == 1");
        assert_eq!(canonical("- (-1)"), "--1");
        assert_eq!(canonical("-(a == 1)"), "-(a == 1)");
        assert_eq!(
            canonical("'it\\'s' in [ 'a' , \"b\\\\\" , ]"),
            "\"it's\" in [\"a\", \"b\\\\\"]"
        );
        assert_eq!(canonical("x not in ['a\"']"), "x not in [\"a\\\"\"]");
        assert_eq!(canonical("age( p.dob )>=2.50"), "age(p.dob) >= 2.5");
        assert_eq!(
            canonical("date('2026-01-31') < today( )"),
            "date(\"2026-01-31\") < today()"
        );
    }

    #[test]
    fn display_of_errors_names_the_column() {
        let error = parse("a ==").unwrap_err();
        assert_eq!(error.to_string(), "column 5: expected a value after \"==\"");
    }

    #[test]
    fn lists_keys_in_order_without_duplicates() {
        let expr = parse(
            "age(person.dob) > 18 and count(kids) > 0 and person.dob != null \
             and (kids == 3 or answered(b.c)) and [x, today()] == []",
        )
        .unwrap();
        assert_eq!(expr.keys(), ["person.dob", "kids", "b.c", "x"]);
        let uses = expr.key_uses();
        let kinds: Vec<(&str, KeyKind)> = uses.iter().map(|u| (u.key.as_str(), u.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("person.dob", KeyKind::Answer),
                ("kids", KeyKind::Count),
                ("kids", KeyKind::Answer),
                ("b.c", KeyKind::Answer),
                ("x", KeyKind::Answer),
            ]
        );
        assert!(parse("true").unwrap().keys().is_empty());
    }

    proptest! {
        #[test]
        fn printed_trees_parse_back_the_same(expr in strategies::expr()) {
            let printed = expr.to_string();
            prop_assume!(printed.chars().count() <= MAX_LENGTH);
            prop_assert_eq!(parse(&printed), Ok(expr), "printed as {}", printed);
        }

        #[test]
        fn parsed_soup_round_trips(source in strategies::token_soup()) {
            if let Ok(expr) = parse(&source) {
                let printed = expr.to_string();
                prop_assert_eq!(parse(&printed), Ok(expr), "{} printed as {}", source, printed);
            }
        }
    }
}
