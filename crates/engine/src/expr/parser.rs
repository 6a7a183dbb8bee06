//! A recursive-descent parser from tokens to an [`Expr`] tree, one function per level of the
//! grammar in [`super`]. Recursion happens only through brackets, `not`, unary minus, lists
//! and calls, and each of those counts towards [`MAX_DEPTH`], so the stack stays small
//! whatever the input.

use super::lexer::{self, Kind, Token};
use super::{Expr, ExprError, Function, Op, FUNCTION_NAMES, MAX_DEPTH, MAX_LENGTH};
use crate::date::Date;

/// Reads a condition, or says where and why it cannot be read.
pub fn parse(source: &str) -> Result<Expr, ExprError> {
    if source.chars().nth(MAX_LENGTH).is_some() {
        return Err(ExprError::new(
            MAX_LENGTH + 1,
            format!("the condition is too long: at most {MAX_LENGTH} characters"),
        ));
    }
    let mut parser = Parser {
        tokens: lexer::tokens(source)?,
        at: 0,
        depth: 0,
    };
    if parser.peek().kind == Kind::End {
        return Err(ExprError::new(1, "the condition is empty"));
    }
    let expr = parser.or()?;
    match parser.peek() {
        token if token.kind == Kind::End => Ok(expr),
        token => Err(unexpected(token)),
    }
}

struct Parser<'a> {
    /// Always ends with [`Kind::End`], which is never consumed.
    tokens: Vec<Token<'a>>,
    at: usize,
    /// How many brackets, `not`s, minuses, lists and calls we are inside.
    depth: usize,
}

type Parsed = Result<Expr, ExprError>;

fn unexpected(token: &Token) -> ExprError {
    ExprError::new(token.column, format!("unexpected {}", token.describe()))
}

fn comparison_op(kind: &Kind) -> Option<Op> {
    Some(match kind {
        Kind::Eq => Op::Eq,
        Kind::Ne => Op::Ne,
        Kind::Lt => Op::Lt,
        Kind::Le => Op::Le,
        Kind::Gt => Op::Gt,
        Kind::Ge => Op::Ge,
        Kind::In => Op::In,
        _ => return None,
    })
}

/// An example key for each function's messages, of the kind it expects.
fn example_key(function: Function) -> &'static str {
    match function {
        Function::Age | Function::AgeMonths => "person.date_of_birth",
        Function::DaysSince | Function::DaysUntil => "move.date",
        Function::Count => "household.children",
        Function::Answered => "contact.email",
    }
}

impl<'a> Parser<'a> {
    fn peek(&self) -> &Token<'a> {
        &self.tokens[self.at]
    }

    fn peek_kind_after(&self, ahead: usize) -> &Kind {
        let last = self.tokens.len() - 1;
        &self.tokens[(self.at + ahead).min(last)].kind
    }

    fn advance(&mut self) -> Token<'a> {
        let token = self.tokens[self.at].clone();
        if token.kind != Kind::End {
            self.at += 1;
        }
        token
    }

    fn eat(&mut self, kind: &Kind) -> bool {
        let found = &self.peek().kind == kind;
        if found {
            self.advance();
        }
        found
    }

    /// Runs one level of nesting, refusing to go deeper than [`MAX_DEPTH`].
    fn nested(&mut self, level: impl FnOnce(&mut Self) -> Parsed) -> Parsed {
        if self.depth >= MAX_DEPTH {
            return Err(ExprError::new(
                self.peek().column,
                format!(
                    "too deeply nested: at most {MAX_DEPTH} levels of brackets, \"not\", \"-\", \
                     lists and calls"
                ),
            ));
        }
        self.depth += 1;
        let parsed = level(self);
        self.depth -= 1;
        parsed
    }

    fn or(&mut self) -> Parsed {
        let first = self.and()?;
        if self.peek().kind != Kind::Or {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat(&Kind::Or) {
            items.push(self.and()?);
        }
        Ok(Expr::Or(items))
    }

    fn and(&mut self) -> Parsed {
        let first = self.not()?;
        if self.peek().kind != Kind::And {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat(&Kind::And) {
            items.push(self.not()?);
        }
        Ok(Expr::And(items))
    }

    fn not(&mut self) -> Parsed {
        if self.peek().kind != Kind::Not {
            return self.comparison();
        }
        self.nested(|p| {
            p.advance();
            Ok(Expr::Not(Box::new(p.not()?)))
        })
    }

    /// The operator at the current token, if any, and how many tokens it takes.
    fn peek_op(&self) -> Result<Option<(Op, usize)>, ExprError> {
        if self.peek().kind == Kind::Not {
            return match self.peek_kind_after(1) {
                Kind::In => Ok(Some((Op::NotIn, 2))),
                _ => Err(ExprError::new(
                    self.tokens[self.at + 1].column,
                    "expected \"in\" after \"not\"",
                )),
            };
        }
        Ok(comparison_op(&self.peek().kind).map(|op| (op, 1)))
    }

    fn comparison(&mut self) -> Parsed {
        let left = self.unary()?;
        let Some((op, length)) = self.peek_op()? else {
            return Ok(left);
        };
        for _ in 0..length {
            self.advance();
        }
        let right = self.unary()?;
        if let Some((next, _)) = self.peek_op()? {
            return Err(ExprError::new(
                self.peek().column,
                format!("\"{}\" cannot be chained: add brackets", next.symbol()),
            ));
        }
        Ok(Expr::Compare(Box::new(left), op, Box::new(right)))
    }

    fn unary(&mut self) -> Parsed {
        if self.peek().kind != Kind::Minus {
            return self.primary();
        }
        self.nested(|p| {
            p.advance();
            Ok(Expr::Neg(Box::new(p.unary()?)))
        })
    }

    fn primary(&mut self) -> Parsed {
        let token = self.peek().clone();
        let expr = match token.kind {
            Kind::Number(n) => Expr::Number(n),
            Kind::Text(text) => Expr::Text(text),
            Kind::True => Expr::Bool(true),
            Kind::False => Expr::Bool(false),
            Kind::Null => Expr::Null,
            Kind::Name(name) if self.peek_kind_after(1) == &Kind::OpenBracket => {
                return self.nested(|p| p.call(&name))
            }
            Kind::Name(key) => Expr::Answer(key),
            Kind::OpenSquare => return self.nested(Parser::list),
            Kind::OpenBracket => return self.nested(Parser::group),
            _ => return Err(self.expected_value(&token)),
        };
        self.advance();
        Ok(expr)
    }

    /// The error for a token where a value should be.
    fn expected_value(&self, token: &Token) -> ExprError {
        match self.at.checked_sub(1) {
            Some(previous) => ExprError::new(
                token.column,
                format!(
                    "expected a value after {}",
                    self.tokens[previous].describe()
                ),
            ),
            None => unexpected(token),
        }
    }

    fn closing(&mut self, open: &Token) -> Result<(), ExprError> {
        if self.eat(&Kind::CloseBracket) {
            Ok(())
        } else {
            Err(ExprError::new(
                self.peek().column,
                format!("expected \")\" to close \"(\" at column {}", open.column),
            ))
        }
    }

    fn group(&mut self) -> Parsed {
        let open = self.advance();
        let inner = self.or()?;
        self.closing(&open)?;
        Ok(inner)
    }

    fn list(&mut self) -> Parsed {
        let open = self.advance();
        let mut items = Vec::new();
        loop {
            if self.eat(&Kind::CloseSquare) {
                return Ok(Expr::List(items));
            }
            items.push(self.or()?);
            if self.eat(&Kind::Comma) {
                continue;
            }
            if self.eat(&Kind::CloseSquare) {
                return Ok(Expr::List(items));
            }
            return Err(ExprError::new(
                self.peek().column,
                format!(
                    "expected \",\" or \"]\" to close \"[\" at column {}",
                    open.column
                ),
            ));
        }
    }

    /// `name(...)`: the name is the current token and an opening bracket follows.
    fn call(&mut self, name: &str) -> Parsed {
        let name_token = self.advance();
        let open = self.advance();
        let argument = self.peek().clone();
        let expr = match name {
            "today" => {
                if !matches!(argument.kind, Kind::CloseBracket | Kind::End) {
                    return Err(ExprError::new(
                        argument.column,
                        "today() takes nothing between its brackets",
                    ));
                }
                Expr::Today
            }
            "date" => {
                let Kind::Text(text) = &argument.kind else {
                    return Err(ExprError::new(
                        argument.column,
                        "date() needs a date in quotes, e.g. date(\"2026-01-31\")",
                    ));
                };
                let date = Date::parse_iso(text).ok_or_else(|| {
                    let written_right = text.len() == 10
                        && text.char_indices().all(|(i, c)| match i {
                            4 | 7 => c == '-',
                            _ => c.is_ascii_digit(),
                        });
                    let message = match written_right {
                        true => format!("\"{text}\" is not a real date"),
                        false => format!(
                            "\"{text}\" is not a date written YYYY-MM-DD, e.g. \"2026-01-31\""
                        ),
                    };
                    ExprError::new(argument.column, message)
                })?;
                self.advance();
                Expr::Date(date)
            }
            _ => {
                let Some(function) = Function::from_name(name) else {
                    return Err(ExprError::new(
                        name_token.column,
                        format!(
                            "unknown function \"{name}\": known functions are {}",
                            FUNCTION_NAMES.join(", ")
                        ),
                    ));
                };
                let needs_key = || {
                    ExprError::new(
                        argument.column,
                        format!(
                            "{name}() needs one answer key, e.g. {name}({})",
                            example_key(function)
                        ),
                    )
                };
                let Kind::Name(key) = &argument.kind else {
                    return Err(needs_key());
                };
                if self.peek_kind_after(1) == &Kind::OpenBracket {
                    return Err(needs_key());
                }
                self.advance();
                if self.peek().kind == Kind::Comma {
                    return Err(ExprError::new(
                        self.peek().column,
                        format!("{name}() takes only one answer key"),
                    ));
                }
                Expr::Call(function, key.clone())
            }
        };
        self.closing(&open)?;
        Ok(expr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::strategies;
    use proptest::prelude::*;

    fn key(k: &str) -> Expr {
        Expr::Answer(k.into())
    }

    fn num(n: f64) -> Expr {
        Expr::Number(n)
    }

    fn cmp(left: Expr, op: Op, right: Expr) -> Expr {
        Expr::Compare(Box::new(left), op, Box::new(right))
    }

    fn not(e: Expr) -> Expr {
        Expr::Not(Box::new(e))
    }

    fn error(source: &str) -> (usize, String) {
        let e = parse(source).unwrap_err();
        (e.column, e.message)
    }

    #[test]
    fn reads_literals() {
        assert_eq!(parse("3"), Ok(num(3.0)));
        assert_eq!(parse("2.5"), Ok(num(2.5)));
        assert_eq!(parse("-1"), Ok(Expr::Neg(Box::new(num(1.0)))));
        assert_eq!(parse("'a'"), Ok(Expr::Text("a".into())));
        assert_eq!(parse("true"), Ok(Expr::Bool(true)));
        assert_eq!(parse("false"), Ok(Expr::Bool(false)));
        assert_eq!(parse("null"), Ok(Expr::Null));
        assert_eq!(
            parse("[1, \"a\", [], b,]"),
            Ok(Expr::List(vec![
                num(1.0),
                Expr::Text("a".into()),
                Expr::List(vec![]),
                key("b"),
            ]))
        );
        assert_eq!(
            parse("date(\"2024-02-29\")"),
            Ok(Expr::Date(Date::new(2024, 2, 29).unwrap()))
        );
        assert_eq!(
            parse("person.date_of_birth"),
            Ok(key("person.date_of_birth"))
        );
    }

    #[test]
    fn reads_every_operator() {
        for (source, op) in [
            ("a == 1", Op::Eq),
            ("a != 1", Op::Ne),
            ("a < 1", Op::Lt),
            ("a <= 1", Op::Le),
            ("a > 1", Op::Gt),
            ("a >= 1", Op::Ge),
            ("a in 1", Op::In),
            ("a not in 1", Op::NotIn),
        ] {
            assert_eq!(parse(source), Ok(cmp(key("a"), op, num(1.0))), "{source}");
        }
        assert_eq!(parse("a and b"), Ok(Expr::And(vec![key("a"), key("b")])));
        assert_eq!(
            parse("a or b or c"),
            Ok(Expr::Or(vec![key("a"), key("b"), key("c")]))
        );
        assert_eq!(parse("not a"), Ok(not(key("a"))));
        assert_eq!(parse("not not a"), Ok(not(not(key("a")))));
    }

    #[test]
    fn binds_loosest_to_tightest() {
        // or < and < not < comparison < unary minus.
        assert_eq!(
            parse("a or b and c"),
            Ok(Expr::Or(vec![
                key("a"),
                Expr::And(vec![key("b"), key("c")])
            ]))
        );
        assert_eq!(
            parse("a and b or c"),
            Ok(Expr::Or(vec![
                Expr::And(vec![key("a"), key("b")]),
                key("c")
            ]))
        );
        assert_eq!(
            parse("not a == 1 and b"),
            Ok(Expr::And(vec![
                not(cmp(key("a"), Op::Eq, num(1.0))),
                key("b")
            ]))
        );
        assert_eq!(
            parse("-a < -1"),
            Ok(cmp(
                Expr::Neg(Box::new(key("a"))),
                Op::Lt,
                Expr::Neg(Box::new(num(1.0)))
            ))
        );
        assert_eq!(
            parse("(a or b) and c"),
            Ok(Expr::And(vec![
                Expr::Or(vec![key("a"), key("b")]),
                key("c")
            ]))
        );
        assert_eq!(
            parse("(a == 1) == true"),
            Ok(cmp(
                cmp(key("a"), Op::Eq, num(1.0)),
                Op::Eq,
                Expr::Bool(true)
            ))
        );
    }

    #[test]
    fn reads_functions() {
        for function in Function::ALL {
            assert_eq!(
                parse(&format!("{}( x.y )", function.name())),
                Ok(Expr::Call(function, "x.y".into()))
            );
        }
        assert_eq!(parse("today()"), Ok(Expr::Today));
        assert_eq!(
            parse("age"),
            Ok(key("age")),
            "a function name alone is a key"
        );
    }

    #[test]
    fn explains_every_problem_with_its_column() {
        let cases: &[(&str, usize, &str)] = &[
            ("", 1, "the condition is empty"),
            ("   ", 1, "the condition is empty"),
            ("a and", 6, "expected a value after \"and\""),
            ("a and )", 7, "expected a value after \"and\""),
            ("a ==", 5, "expected a value after \"==\""),
            ("not", 4, "expected a value after \"not\""),
            ("-", 2, "expected a value after \"-\""),
            ("()", 2, "expected a value after \"(\""),
            ("[1,,2]", 4, "expected a value after \",\""),
            ("a == and", 6, "expected a value after \"==\""),
            (")", 1, "unexpected \")\""),
            ("a)", 2, "unexpected \")\""),
            ("a b", 3, "unexpected \"b\""),
            ("a 'b'", 3, "unexpected text 'b'"),
            ("and a", 1, "unexpected \"and\""),
            ("a == \"open", 6, "unclosed string"),
            ("a == b == c", 8, "\"==\" cannot be chained: add brackets"),
            ("a < b < c", 7, "\"<\" cannot be chained: add brackets"),
            ("a == b in c", 8, "\"in\" cannot be chained: add brackets"),
            (
                "a in b not in c",
                8,
                "\"not in\" cannot be chained: add brackets",
            ),
            ("a not b", 7, "expected \"in\" after \"not\""),
            ("a not", 6, "expected \"in\" after \"not\""),
            (
                "a and (b or c",
                14,
                "expected \")\" to close \"(\" at column 7",
            ),
            (
                "a and (b or c]",
                14,
                "expected \")\" to close \"(\" at column 7",
            ),
            ("age(x", 6, "expected \")\" to close \"(\" at column 4"),
            (
                "[1, 2",
                6,
                "expected \",\" or \"]\" to close \"[\" at column 1",
            ),
            (
                "[1 2]",
                4,
                "expected \",\" or \"]\" to close \"[\" at column 1",
            ),
            (
                "agee(person.dob) > 3",
                1,
                "unknown function \"agee\": known functions are age, age_months, days_since, \
                 days_until, count, answered, today, date",
            ),
            (
                "a.b(1)",
                1,
                "unknown function \"a.b\": known functions are age, age_months, days_since, \
                 days_until, count, answered, today, date",
            ),
            (
                "age()",
                5,
                "age() needs one answer key, e.g. age(person.date_of_birth)",
            ),
            (
                "count(\"x\")",
                7,
                "count() needs one answer key, e.g. count(household.children)",
            ),
            (
                "days_since(today())",
                12,
                "days_since() needs one answer key, e.g. days_since(move.date)",
            ),
            ("answered(a, b)", 11, "answered() takes only one answer key"),
            ("today(x)", 7, "today() takes nothing between its brackets"),
            (
                "date(x)",
                6,
                "date() needs a date in quotes, e.g. date(\"2026-01-31\")",
            ),
            (
                "date(\"2026-02-30\")",
                6,
                "\"2026-02-30\" is not a real date",
            ),
            (
                "date('31/01/2026')",
                6,
                "\"31/01/2026\" is not a date written YYYY-MM-DD, e.g. \"2026-01-31\"",
            ),
            (
                "date('2026-01-31' 'x')",
                19,
                "expected \")\" to close \"(\" at column 5",
            ),
        ];
        for &(source, column, message) in cases {
            assert_eq!(
                error(source),
                (column, message.to_string()),
                "for {source:?}"
            );
        }
    }

    #[test]
    fn refuses_long_or_deep_conditions() {
        let long = format!("a == \"{}\"", "x".repeat(MAX_LENGTH));
        assert_eq!(
            error(&long),
            (
                2001,
                "the condition is too long: at most 2000 characters".into()
            )
        );
        let just_fits = format!("a == \"{}\"", "é".repeat(MAX_LENGTH - 7));
        assert!(parse(&just_fits).is_ok(), "counts characters, not bytes");

        let deep_message = "too deeply nested: at most 32 levels of brackets, \"not\", \"-\", \
                            lists and calls";
        let fits = format!("{}a{}", "(".repeat(32), ")".repeat(32));
        assert_eq!(parse(&fits), Ok(key("a")));
        let deep = format!("{}a{}", "(".repeat(33), ")".repeat(33));
        assert_eq!(error(&deep), (33, deep_message.into()));
        assert_eq!(error(&"not ".repeat(40)), (129, deep_message.into()));
        assert_eq!(error(&"-".repeat(40)), (33, deep_message.into()));
        assert_eq!(error(&"[".repeat(40)), (33, deep_message.into()));
        let mixed = format!("{}age(a)", "[not (-".repeat(8));
        assert_eq!(error(&mixed), (57, deep_message.into()));
        // Long flat chains are loops, not recursion.
        let chain = vec!["a"; 400].join(" or ");
        assert!(chain.len() <= MAX_LENGTH);
        assert!(matches!(parse(&chain), Ok(Expr::Or(items)) if items.len() == 400));
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(source in any::<String>()) {
            let _ = parse(&source);
        }

        #[test]
        fn never_panics_on_token_soup(source in strategies::token_soup()) {
            if let Err(error) = parse(&source) {
                prop_assert!(error.column >= 1);
                prop_assert!(error.column <= source.chars().count() + 1);
                prop_assert!(!error.message.is_empty());
            }
        }

        #[test]
        fn never_panics_on_deep_nesting(
            opens in prop::collection::vec(
                prop::sample::select(vec!["(", "[", "not ", "-", "age(", "count("]),
                0..80,
            ),
            closes in prop::collection::vec(prop::sample::select(vec![")", "]", ","]), 0..80),
        ) {
            let _ = parse(&format!("{}a{}", opens.concat(), closes.concat()));
        }
    }
}
