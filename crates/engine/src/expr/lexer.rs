//! Splits a condition into tokens, each with the column it starts at, so the parser can say
//! exactly where a problem is. Common slips from other languages (`&&`, `=`, `!`, capitals)
//! get a message saying what to write instead.

use super::ExprError;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    Number(f64),
    Text(String),
    /// An answer key or a function name: lowercase words joined by dots.
    Name(String),
    And,
    Or,
    Not,
    In,
    True,
    False,
    Null,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Minus,
    OpenBracket,
    CloseBracket,
    OpenSquare,
    CloseSquare,
    Comma,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token<'a> {
    pub kind: Kind,
    /// 1-based, in characters.
    pub column: usize,
    /// The token as written, for messages.
    pub text: &'a str,
}

impl Token<'_> {
    /// The token as a message names it: `"and"`, `text "abc"`, `the end of the condition`.
    pub fn describe(&self) -> String {
        match self.kind {
            Kind::End => "the end of the condition".to_string(),
            Kind::Text(_) => format!("text {}", self.text),
            _ => format!("\"{}\"", self.text),
        }
    }
}

/// The tokens of `source`, ending with [`Kind::End`].
pub(super) fn tokens(source: &str) -> Result<Vec<Token<'_>>, ExprError> {
    let chars: Vec<(usize, char)> = source.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(source.len(), |&(b, _)| b);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let start = i;
        let column = start + 1;
        let kind = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' | ')' | '[' | ']' | ',' | '-' => {
                i += 1;
                match c {
                    '(' => Kind::OpenBracket,
                    ')' => Kind::CloseBracket,
                    '[' => Kind::OpenSquare,
                    ']' => Kind::CloseSquare,
                    ',' => Kind::Comma,
                    _ => Kind::Minus,
                }
            }
            '=' | '!' | '<' | '>' => {
                let then_equals = char_at(i + 1) == Some('=');
                i += 1 + usize::from(then_equals);
                match (c, then_equals) {
                    ('=', true) => Kind::Eq,
                    ('!', true) => Kind::Ne,
                    ('<', true) => Kind::Le,
                    ('>', true) => Kind::Ge,
                    ('<', false) => Kind::Lt,
                    ('>', false) => Kind::Gt,
                    ('=', false) => {
                        return Err(ExprError::new(
                            column,
                            "\"=\" on its own is not an operator: use \"==\" to compare",
                        ))
                    }
                    _ => {
                        return Err(ExprError::new(
                            column,
                            "\"!\" on its own is not an operator: use \"not\" or \"!=\"",
                        ))
                    }
                }
            }
            '&' => return Err(ExprError::new(column, "use \"and\" instead of \"&\"")),
            '|' => return Err(ExprError::new(column, "use \"or\" instead of \"|\"")),
            '"' | '\'' => {
                let (text, end) = text_literal(&chars, start)?;
                i = end;
                Kind::Text(text)
            }
            c if is_word_char(c) => {
                while char_at(i).is_some_and(is_word_char) {
                    i += 1;
                }
                word(&source[byte_at(start)..byte_at(i)], column)?
            }
            other => {
                return Err(ExprError::new(
                    column,
                    format!("unexpected character \"{other}\""),
                ))
            }
        };
        tokens.push(Token {
            kind,
            column,
            text: &source[byte_at(start)..byte_at(i)],
        });
    }
    tokens.push(Token {
        kind: Kind::End,
        column: chars.len() + 1,
        text: "",
    });
    Ok(tokens)
}

/// Characters that make up numbers, keys and words. Capitals are included so that "Person"
/// is reported as one word with capitals rather than as a stray character.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

/// A run of word characters: a number, a reserved word or an answer key.
fn word(word: &str, column: usize) -> Result<Kind, ExprError> {
    let problem = |message: String| Err(ExprError::new(column, message));
    let first = word.chars().next().unwrap_or('.');
    if first.is_ascii_digit() || first == '.' {
        let well_formed = match word.split_once('.') {
            None => true,
            Some((whole, fraction)) => {
                !whole.is_empty()
                    && !fraction.is_empty()
                    && fraction.chars().all(|c| c.is_ascii_digit())
            }
        } && word.chars().all(|c| c.is_ascii_digit() || c == '.');
        if !well_formed {
            return problem(format!(
                "\"{word}\" is not a number (write numbers like 3 or 2.5), nor an answer key \
                 (keys start with a letter)"
            ));
        }
        return match crate::decimal::parse(word) {
            Some(n) => Ok(Kind::Number(n)),
            None => problem(format!("\"{word}\" is too large a number")),
        };
    }
    if word.chars().any(|c| c.is_ascii_uppercase()) {
        return problem(format!(
            "\"{word}\" has capital letters: answer keys, functions and words such as \"and\" \
             are written in lowercase"
        ));
    }
    if word.ends_with('.') || word.contains("..") {
        return problem(format!(
            "\"{word}\" is not an answer key: each part between dots needs a name, \
             e.g. person.date_of_birth"
        ));
    }
    Ok(match word {
        "and" => Kind::And,
        "or" => Kind::Or,
        "not" => Kind::Not,
        "in" => Kind::In,
        "true" => Kind::True,
        "false" => Kind::False,
        "null" => Kind::Null,
        key => Kind::Name(key.to_string()),
    })
}

/// Text in quotes starting at `chars[start]`: its value and the index just past the closing
/// quote.
fn text_literal(chars: &[(usize, char)], start: usize) -> Result<(String, usize), ExprError> {
    let quote = chars[start].1;
    let mut text = String::new();
    let mut i = start + 1;
    loop {
        match chars.get(i).map(|&(_, c)| c) {
            None => return Err(ExprError::new(start + 1, "unclosed string")),
            Some(c) if c == quote => return Ok((text, i + 1)),
            Some('\\') => match chars.get(i + 1).map(|&(_, c)| c) {
                Some(escaped @ ('"' | '\'' | '\\')) => {
                    text.push(escaped);
                    i += 2;
                }
                Some(other) => {
                    return Err(ExprError::new(
                        i + 1,
                        format!(
                            "unknown escape \"\\{other}\" in text: only \\\", \\' and \\\\ \
                             are allowed"
                        ),
                    ))
                }
                None => return Err(ExprError::new(start + 1, "unclosed string")),
            },
            Some(c) => {
                text.push(c);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<Kind> {
        tokens(source)
            .unwrap()
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    fn error(source: &str) -> (usize, String) {
        let e = tokens(source).unwrap_err();
        (e.column, e.message)
    }

    #[test]
    fn reads_every_token() {
        use Kind::*;
        assert_eq!(
            kinds("( ) [ ] , - == != < <= > >= and or not in true false null"),
            [
                OpenBracket,
                CloseBracket,
                OpenSquare,
                CloseSquare,
                Comma,
                Minus,
                Eq,
                Ne,
                Lt,
                Le,
                Gt,
                Ge,
                And,
                Or,
                Not,
                In,
                True,
                False,
                Null,
                End
            ]
        );
        assert_eq!(
            kinds("3 2.5 007 person.date_of_birth _x.y2 a.1"),
            [
                Number(3.0),
                Number(2.5),
                Number(7.0),
                Name("person.date_of_birth".into()),
                Name("_x.y2".into()),
                Name("a.1".into()),
                End
            ]
        );
        assert_eq!(
            kinds("a<=-1"),
            [Name("a".into()), Le, Minus, Number(1.0), End]
        );
        assert_eq!(kinds("a.in"), [Name("a.in".into()), End]);
    }

    #[test]
    fn reads_text_in_either_quote_with_escapes() {
        assert_eq!(
            kinds(r#""say \"hi\"" 'it\'s' "a\\b" 'x"y' "é""#),
            [
                Kind::Text("say \"hi\"".into()),
                Kind::Text("it's".into()),
                Kind::Text("a\\b".into()),
                Kind::Text("x\"y".into()),
                Kind::Text("é".into()),
                Kind::End
            ]
        );
    }

    #[test]
    fn columns_count_characters() {
        let tokens = tokens("\"éé\" == a").unwrap();
        let columns: Vec<usize> = tokens.iter().map(|t| t.column).collect();
        assert_eq!(columns, [1, 6, 9, 10]);
        assert_eq!(tokens[0].describe(), "text \"éé\"");
        assert_eq!(tokens[1].describe(), "\"==\"");
        assert_eq!(tokens[3].describe(), "the end of the condition");
    }

    #[test]
    fn explains_what_it_cannot_read() {
        assert_eq!(error("a == \"open"), (6, "unclosed string".into()));
        assert_eq!(error("'ends with \\"), (1, "unclosed string".into()));
        assert_eq!(
            error(r#"x == "a\nb""#),
            (
                8,
                r#"unknown escape "\n" in text: only \", \' and \\ are allowed"#.into()
            )
        );
        assert_eq!(
            error("a = 1"),
            (
                3,
                "\"=\" on its own is not an operator: use \"==\" to compare".into()
            )
        );
        assert_eq!(
            error("!a"),
            (
                1,
                "\"!\" on its own is not an operator: use \"not\" or \"!=\"".into()
            )
        );
        assert_eq!(error("a && b"), (3, "use \"and\" instead of \"&\"".into()));
        assert_eq!(error("a || b"), (3, "use \"or\" instead of \"|\"".into()));
        assert_eq!(error("a + 1"), (3, "unexpected character \"+\"".into()));
        assert_eq!(error("née"), (2, "unexpected character \"é\"".into()));
        assert_eq!(
            error("Person.name == 1"),
            (
                1,
                "\"Person.name\" has capital letters: answer keys, functions and words such as \
                 \"and\" are written in lowercase"
                    .into()
            )
        );
        assert_eq!(
            error("a == 1 AND b"),
            (
                8,
                "\"AND\" has capital letters: answer keys, functions and words such as \"and\" \
                 are written in lowercase"
                    .into()
            )
        );
        for bad in ["person.", "a..b"] {
            assert_eq!(
                error(bad),
                (
                    1,
                    format!(
                        "\"{bad}\" is not an answer key: each part between dots needs a name, \
                         e.g. person.date_of_birth"
                    )
                )
            );
        }
        for bad in ["3.", "1.2.3", "3abc", ".5", "2_0"] {
            assert_eq!(
                error(bad),
                (
                    1,
                    format!(
                        "\"{bad}\" is not a number (write numbers like 3 or 2.5), nor an answer \
                         key (keys start with a letter)"
                    )
                )
            );
        }
        let huge = "9".repeat(400);
        assert_eq!(
            error(&huge),
            (1, format!("\"{huge}\" is too large a number"))
        );
    }
}
