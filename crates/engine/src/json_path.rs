//! Where in a JSON text a reading error is, as a JSON path (`pages[1].questions[0].type`).
//!
//! serde_json says where an error is by line and column; an author wants the path. Working the
//! path out from the text, once, after a failure, keeps the reader itself plain: wrapping the
//! deserializer to track paths (serde_path_to_error) instantiates every `Deserialize` of the
//! journey format a second time, about a tenth of the app's WebAssembly.

/// One open container on the way to the error.
enum Level {
    /// In an object: the key whose value is being read, once its name has been read.
    Object(Option<String>),
    /// In an array: the index of the item being read.
    Array(usize),
}

/// The JSON path of the value being read at `line` and `column` (as serde_json counts them:
/// from 1, in bytes): the innermost key or index the reader had reached there. The empty
/// string is the whole document.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let end = offset_of(text, line, column);
    let bytes = &text.as_bytes()[..end];
    let mut levels: Vec<Level> = Vec::new();
    // In an object, the next string is a key (rather than a value) until its ':'.
    let mut key_next = false;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'{' => {
                levels.push(Level::Object(None));
                key_next = true;
            }
            b'[' => levels.push(Level::Array(0)),
            b'}' | b']' => {
                levels.pop();
                key_next = false;
            }
            b',' => match levels.last_mut() {
                Some(Level::Object(key)) => {
                    *key = None;
                    key_next = true;
                }
                Some(Level::Array(index)) => *index += 1,
                None => {}
            },
            b':' => key_next = false,
            b'"' => {
                let (string, next) = string_at(bytes, at);
                if key_next {
                    if let Some(Level::Object(key)) = levels.last_mut() {
                        *key = Some(string);
                    }
                }
                at = next;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    let mut path = String::new();
    for level in &levels {
        match level {
            Level::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Level::Object(None) => {}
            Level::Array(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// The byte offset just after `column` of `line`, within the text.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    (line_start + column).min(text.len())
}

/// The string starting at the quote at `start` (escapes kept as written, which is what an author
/// typed), and the offset after its closing quote (or the end, if it is cut off).
fn string_at(bytes: &[u8], start: usize) -> (String, usize) {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => {
                let string = String::from_utf8_lossy(&bytes[start + 1..at]).into_owned();
                return (string, at + 1);
            }
            _ => at += 1,
        }
    }
    let string = String::from_utf8_lossy(&bytes[(start + 1).min(bytes.len())..]).into_owned();
    (string, bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path serde_json's own error position leads to, reading `text` as `T`.
    fn path_of_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let err = serde_json::from_str::<T>(text).unwrap_err();
        path_at(text, err.line(), err.column())
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        pages: Vec<Page>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Page {
        id: String,
        #[serde(default)]
        count: u32,
        #[serde(default)]
        kind: Option<Kind>,
        #[serde(default)]
        rules: Vec<Tagged>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Text,
        Date,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
    enum Tagged {
        Past,
        WithinDays {
            #[allow(dead_code)]
            days: u32,
        },
    }

    #[test]
    fn a_bad_value_is_named_by_its_key() {
        let text = r#"{"pages": [{"id": "a"}, {"id": "b", "kind": "colour"}]}"#;
        assert_eq!(path_of_error::<Doc>(text), "pages[1].kind");
        let text = "{\n  \"pages\": [\n    {\"id\": \"a\", \"count\": \"three\"}\n  ]\n}";
        assert_eq!(path_of_error::<Doc>(text), "pages[0].count");
        let text = r#"{"pages": [{"id": "a", "count": -1}]}"#;
        assert_eq!(path_of_error::<Doc>(text), "pages[0].count");
        let text = r#"{"pages": [{"id": 7}]}"#;
        assert_eq!(path_of_error::<Doc>(text), "pages[0].id");
    }

    #[test]
    fn an_unknown_key_is_named() {
        let text = r#"{"pages": [{"id": "a", "colour": "red"}]}"#;
        assert_eq!(path_of_error::<Doc>(text), "pages[0].colour");
    }

    #[test]
    fn a_missing_key_names_the_object_it_is_missing_from() {
        let text = r#"{"pages": [{"id": "a"}, {"count": 2}]}"#;
        assert_eq!(path_of_error::<Doc>(text), "pages[1]");
    }

    #[test]
    fn a_tagged_enum_is_named_by_its_tag_or_its_list() {
        let text = r#"{"pages": [{"id": "a", "rules": [{"rule": "soon"}]}]}"#;
        assert_eq!(path_of_error::<Doc>(text), "pages[0].rules[0].rule");
        // serde reads the rest of a tagged object whole, then finds the field missing: the
        // error has no position until the list around it ends, so the list is named.
        let text =
            r#"{"pages": [{"id": "a", "rules": [{"rule": "past"}, {"rule": "within_days"}]}]}"#;
        assert_eq!(path_of_error::<Doc>(text), "pages[0].rules");
    }

    #[test]
    fn strings_with_escapes_and_brackets_do_not_confuse_it() {
        let text = r#"{"pages": [{"id": "a \"[,{\" b", "kind": "colour"}]}"#;
        assert_eq!(path_of_error::<Doc>(text), "pages[0].kind");
    }

    #[test]
    fn the_whole_document_is_the_empty_path() {
        assert_eq!(path_of_error::<Doc>("[]"), "");
        assert_eq!(path_of_error::<Doc>("{}"), "");
    }
}
