//! Reading JSON into the engine's types: the files an author writes (journeys, catalogues,
//! dictionaries), what the app keeps (drafts, their outboxes) and agencies' replies.
//!
//! The text is parsed once into a [`serde_json::Value`]; each type then reads its fields from
//! that in its [`FromJson`]. Every mistake in the document is reported (serde stops at the
//! first), each with its JSON path (`pages[1].questions[0].type`) and in serde's own words
//! ("missing field `id`", "unknown variant `colour`, expected one of `text`, …"). Writing
//! stays serde's (`Serialize`), and tests read back what it writes.
//!
//! Why not serde's derived `Deserialize`: it instantiates serde_json's parser for every type,
//! list and option read, and reads each struct twice over (as a map and as a list). Reading
//! through a `Value` with these readers took the WebAssembly from 292.9 to 271.3 KB brotli.

use crate::ordered;
use crate::ordered::Set;
use serde_json::{Map, Value};
use std::cell::RefCell;

/// Where a value is: the keys and indexes leading to it from the top of the document.
#[derive(Clone, Copy)]
pub enum At<'a> {
    Top,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    /// The JSON path, as authors read it: `pages[1].questions[0].type`; the whole document is
    /// the empty path.
    pub fn path(&self) -> String {
        match self {
            At::Top => String::new(),
            At::Key(outer, key) => {
                let mut path = outer.path();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                path
            }
            At::Index(outer, index) => format!("{}[{index}]", outer.path()),
        }
    }
}

/// A value that is not what its place in the format needs: where it is, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    pub path: String,
    pub message: String,
}

/// "at pages[1].questions[0].type: unknown variant …", or the message alone for the whole
/// document.
impl std::fmt::Display for Mistake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.path.as_str() {
            "" => f.write_str(&self.message),
            path => write!(f, "at {path}: {}", self.message),
        }
    }
}

/// Every mistake found in what was read (never none): each field is read whatever the others
/// hold, so an author sees all that is wrong with a file at once, not one mistake per try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistakes(Vec<Mistake>);

impl Mistakes {
    /// The first found.
    pub fn first(&self) -> &Mistake {
        &self.0[0]
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Mistake> {
        self.0.iter()
    }
}

impl From<Mistake> for Mistakes {
    fn from(mistake: Mistake) -> Mistakes {
        Mistakes(vec![mistake])
    }
}

/// Each mistake as [`Mistake`] says it, separated by "; ".
impl std::fmt::Display for Mistakes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (index, mistake) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{mistake}")?;
        }
        Ok(())
    }
}

pub type Read<T> = Result<T, Mistakes>;

/// A mistake at `at`.
pub fn mistake<T>(at: At, message: String) -> Read<T> {
    Err(mistake_at(at, message).into())
}

/// `read`, unless a mistake was `found` on the way.
pub(crate) fn unless<T>(found: Vec<Mistake>, read: T) -> Read<T> {
    if found.is_empty() {
        Ok(read)
    } else {
        Err(Mistakes(found))
    }
}

// Plain functions, not generic ones, so that each type read adds little to the WebAssembly.
fn add(found: &mut Vec<Mistake>, Mistakes(mistakes): Mistakes) {
    found.extend(mistakes);
}

// The generic helpers here hand their work to plain functions, so that each type read adds
// little more than its own fields to the WebAssembly.
fn mistake_at(at: At, message: String) -> Mistake {
    Mistake {
        path: at.path(),
        message,
    }
}

/// Parses JSON `text` into a `Value`, as serde_json's own `from_str` does: a key given twice in
/// one object keeps the second. Every JSON the engine and the app read goes through here or
/// [`parse_unique_keys`], so the WebAssembly has one way of building a `Value`.
pub fn parse(text: &str) -> Result<Value, serde_json::Error> {
    parse_with(text, None)
}

/// Parses JSON `text` as [`parse`] does, except that a key given twice in one object is an
/// error, with the key, rather than the second silently replacing the first: JSON allows it,
/// but in a file an author writes one of the two is a mistake, and only they know which.
pub(crate) fn parse_unique_keys(text: &str) -> Result<Value, (serde_json::Error, Option<String>)> {
    let repeated = RefCell::new(None);
    parse_with(text, Some(&repeated)).map_err(|err| (err, repeated.into_inner()))
}

fn parse_with(
    text: &str,
    repeated: Option<&RefCell<Option<String>>>,
) -> Result<Value, serde_json::Error> {
    use serde::de::DeserializeSeed;
    let mut parser = serde_json::Deserializer::from_str(text);
    let value = Build { repeated }.deserialize(&mut parser)?;
    parser.end()?;
    Ok(value)
}

/// Builds a `Value` as serde_json's own does; with `repeated`, a key given twice in one object
/// is an error, and the key is put in that cell.
#[derive(Clone, Copy)]
struct Build<'a> {
    repeated: Option<&'a RefCell<Option<String>>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Build<'_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, parser: D) -> Result<Value, D::Error> {
        parser.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Build<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }
    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(value.into())
    }
    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(value.into())
    }
    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let mut list = Vec::new();
        while let Some(item) = items.next_element_seed(self)? {
            list.push(item);
        }
        Ok(Value::Array(list))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut fields: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = fields.next_key::<String>()? {
            if let Some(repeated) = self.repeated.filter(|_| object.contains_key(&key)) {
                // These words are never shown: the caller names the key from the cell.
                *repeated.borrow_mut() = Some(key);
                return Err(serde::de::Error::custom("a key given twice"));
            }
            let value = fields.next_value_seed(self)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Reads JSON `text` (which must be valid JSON) as a `T`: for tests.
#[cfg(test)]
pub(crate) fn from_text<T: FromJson>(text: &str) -> Read<T> {
    T::from_json(&serde_json::from_str(text).expect("valid JSON"), At::Top)
}

/// serde's `Deserialize` for a type with a reader, for a field of a native server's own
/// request type: `#[serde(deserialize_with = "tell_once_engine::read::deserialize")]`. The
/// browser build never calls it.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: FromJson,
{
    use serde::Deserialize;
    let value = Value::deserialize(deserializer)?;
    T::from_json(&value, At::Top).map_err(serde::de::Error::custom)
}

/// What a reader puts in a field it could not read, to go on to the next one: the object is
/// refused all the same, so the placeholder is never seen.
pub trait Placeholder {
    fn placeholder() -> Self;
}

impl<T: Default> Placeholder for T {
    fn placeholder() -> Self {
        T::default()
    }
}

/// A type read from a JSON value of the format.
pub trait FromJson: Sized {
    fn from_json(value: &Value, at: At) -> Read<Self>;
}

/// serde's "invalid type: string \"x\", expected a number".
pub fn invalid_type<T>(value: &Value, expected: &str, at: At) -> Read<T> {
    Err(wrong_type(value, expected, at).into())
}

fn wrong_type(value: &Value, expected: &str, at: At) -> Mistake {
    let found = match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        // Quoted and escaped as JSON writes it: what serde writes (Rust's `{:?}`) for any
        // printable text, through the JSON writer the app has anyway rather than Rust's
        // debug formatting of strings.
        Value::String(_) => format!("string {value}"),
        Value::Array(_) => "sequence".to_string(),
        Value::Object(_) => "map".to_string(),
    };
    mistake_at(at, format!("invalid type: {found}, expected {expected}"))
}

/// serde's list of what was expected: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    match names {
        [] => "nothing".to_string(),
        [one] => format!("`{one}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
            format!("one of {}", quoted.join(", "))
        }
    }
}

impl FromJson for String {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        match value {
            Value::String(text) => Ok(text.clone()),
            other => invalid_type(other, "a string", at),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => invalid_type(other, "a boolean", at),
        }
    }
}

/// A whole number from `min` to `max`, in serde's words when it is not: "invalid value:
/// integer `-1`, expected u32".
fn whole(value: &Value, at: At, expected: &str, min: i64, max: i64) -> Read<i64> {
    match value {
        Value::Number(n) if !n.is_f64() => match n.as_i64() {
            Some(whole) if (min..=max).contains(&whole) => Ok(whole),
            _ => mistake(
                at,
                format!("invalid value: integer `{n}`, expected {expected}"),
            ),
        },
        other => invalid_type(other, expected, at),
    }
}

impl FromJson for u16 {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        whole(value, at, "u16", 0, u16::MAX.into()).map(|n| n as u16)
    }
}

impl FromJson for u32 {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        whole(value, at, "u32", 0, u32::MAX.into()).map(|n| n as u32)
    }
}

impl FromJson for i64 {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        whole(value, at, "i64", i64::MIN, i64::MAX)
    }
}

impl FromJson for f64 {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        match value.as_f64() {
            Some(n) => Ok(n),
            None => invalid_type(value, "f64", at),
        }
    }
}

impl FromJson for Value {
    fn from_json(value: &Value, _at: At) -> Read<Self> {
        Ok(value.clone())
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        match value {
            Value::Null => Ok(None),
            other => T::from_json(other, at).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let Value::Array(items) = value else {
            return invalid_type(value, "a sequence", at);
        };
        let mut read = Vec::with_capacity(items.len());
        let mut found = Vec::new();
        for (index, item) in items.iter().enumerate() {
            match T::from_json(item, At::Index(&at, index)) {
                Ok(value) => read.push(value),
                Err(mistakes) => add(&mut found, mistakes),
            }
        }
        unless(found, read)
    }
}

impl<T: FromJson> FromJson for ordered::Map<T> {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let Value::Object(entries) = value else {
            return invalid_type(value, "a map", at);
        };
        let mut read = ordered::Map::new();
        let mut found = Vec::new();
        for (key, item) in entries {
            match T::from_json(item, At::Key(&at, key)) {
                Ok(value) => {
                    read.insert(key.clone(), value);
                }
                Err(mistakes) => add(&mut found, mistakes),
            }
        }
        unless(found, read)
    }
}

impl<T: FromJson + Ord> FromJson for Set<T> {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        Vec::from_json(value, at).map(Set::from_iter)
    }
}

/// A pair, written as a list of two: `["Content-Type", "application/json"]`.
impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        match value {
            Value::Array(items) if items.len() == 2 => {
                let mut found = Vec::new();
                let a = A::from_json(&items[0], At::Index(&at, 0)).map_err(|m| add(&mut found, m));
                let b = B::from_json(&items[1], At::Index(&at, 1)).map_err(|m| add(&mut found, m));
                match (a, b) {
                    (Ok(a), Ok(b)) => Ok((a, b)),
                    _ => Err(Mistakes(found)),
                }
            }
            other => invalid_type(other, "a tuple of size 2", at),
        }
    }
}

/// The fields of one object, read one by one: see [`Fields::of`] for what an author writes,
/// and [`Fields::kept`] for what the app kept or an agency replied.
pub struct Fields<'a> {
    entries: &'a Map<String, Value>,
    at: At<'a>,
    /// Every mistake found: each field is read whatever came before, so that an author sees
    /// them all, and the readers have one way out, not one per field.
    mistakes: RefCell<Vec<Mistake>>,
}

impl<'a> Fields<'a> {
    /// The object at `at`, which may have only the `known` fields: a field it does not know
    /// (an author's typo) is refused, not ignored. `what` names the object in a message about
    /// a value that is not one ("struct Page").
    pub fn of(value: &'a Value, at: At<'a>, what: &str, known: &[&str]) -> Read<Fields<'a>> {
        let fields = Fields::kept(value, at, what)?;
        for unknown in fields
            .entries
            .keys()
            .filter(|key| !known.contains(&key.as_str()))
        {
            fields.note(mistake_at(
                At::Key(&at, unknown),
                format!("unknown field `{unknown}`, expected {}", one_of(known)),
            ));
        }
        Ok(fields)
    }

    /// An object the app itself wrote, or an agency's reply: fields it does not know are
    /// passed over (another version may have written them), as serde does by default.
    pub fn kept(value: &'a Value, at: At<'a>, what: &str) -> Read<Fields<'a>> {
        match value {
            Value::Object(entries) => Ok(Fields {
                entries,
                at,
                mistakes: Default::default(),
            }),
            other => invalid_type(other, what, at),
        }
    }

    /// A field that must be there.
    pub fn needed<T: FromJson + Placeholder>(&self, name: &str) -> T {
        match self.entries.get(name) {
            Some(value) => self.keep(T::from_json(value, At::Key(&self.at, name))),
            None => {
                self.note(mistake_at(self.at, format!("missing field `{name}`")));
                T::placeholder()
            }
        }
    }

    /// A field that may be left out, or given as null.
    pub fn optional<T: FromJson>(&self, name: &str) -> Option<T> {
        self.or_else(name, || None)
    }

    /// A field that may be left out, which is then its type's default (an empty list, false).
    pub fn or_default<T: FromJson + Default>(&self, name: &str) -> T {
        self.or_else(name, T::default)
    }

    /// A field that may be left out, which is then `default()`.
    pub fn or_else<T: FromJson + Placeholder>(&self, name: &str, default: impl FnOnce() -> T) -> T {
        match self.entries.get(name) {
            Some(value) => self.keep(T::from_json(value, At::Key(&self.at, name))),
            None => default(),
        }
    }

    fn keep<T: Placeholder>(&self, read: Read<T>) -> T {
        read.unwrap_or_else(|mistakes| {
            add(&mut self.mistakes.borrow_mut(), mistakes);
            T::placeholder()
        })
    }

    /// A value read that is wrong for a reason of its own (`message`), at field `name`: the
    /// object is refused.
    pub fn wrong<T: Placeholder>(&self, name: &str, message: String) -> T {
        self.note(mistake_at(At::Key(&self.at, name), message));
        T::placeholder()
    }

    fn note(&self, mistake: Mistake) {
        self.mistakes.borrow_mut().push(mistake);
    }

    /// What was read, unless a field was wrong.
    pub fn done<T>(&self, read: T) -> Read<T> {
        unless(self.mistakes.take(), read)
    }
}

/// A name from a fixed list, such as a question's `type`: "unknown variant `colour`, expected
/// one of `text`, `long_text`, …" for any other.
pub fn one_of_names<T: Copy>(value: &Value, at: At, names: &[(&str, T)]) -> Read<T> {
    let index = name_index(value, at, &mut names.iter().map(|(name, _)| *name))?;
    Ok(names[index].1)
}

fn name_index(value: &Value, at: At, names: &mut dyn Iterator<Item = &str>) -> Read<usize> {
    let Value::String(given) = value else {
        return invalid_type(value, "a string", at);
    };
    let names: Vec<&str> = names.collect();
    match names.iter().position(|name| name == given) {
        Some(index) => Ok(index),
        None => mistake(
            at,
            format!("unknown variant `{given}`, expected {}", one_of(&names)),
        ),
    }
}

/// An object of one field whose name says which kind of value it holds, as serde writes an
/// enum of values (`{"url": "https://…"}`): that name and where its value is.
pub fn tagged<'a>(
    value: &'a Value,
    at: At<'a>,
    what: &str,
    names: &[&str],
) -> Read<(&'a str, &'a Value)> {
    let single = match value {
        Value::Object(entries) if entries.len() == 1 => entries.iter().next(),
        _ => None,
    };
    let Some((name, inner)) = single else {
        return invalid_type(value, what, at);
    };
    if !names.contains(&name.as_str()) {
        return mistake(
            at,
            format!("unknown variant `{name}`, expected {}", one_of(names)),
        );
    }
    Ok((name, inner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq)]
    struct Page {
        id: String,
        count: u32,
        kind: Option<Kind>,
    }

    #[derive(Debug, PartialEq, Clone, Copy)]
    enum Kind {
        Text,
        Date,
    }

    impl FromJson for Kind {
        fn from_json(value: &Value, at: At) -> Read<Self> {
            one_of_names(value, at, &[("text", Kind::Text), ("date", Kind::Date)])
        }
    }

    impl FromJson for Page {
        fn from_json(value: &Value, at: At) -> Read<Self> {
            let f = Fields::of(value, at, "struct Page", &["id", "count", "kind"])?;
            f.done(Page {
                id: f.needed("id"),
                count: f.or_default("count"),
                kind: f.optional("kind"),
            })
        }
    }

    fn read(value: Value) -> Read<Vec<Page>> {
        Vec::<Page>::from_json(&value, At::Key(&At::Top, "pages"))
    }

    fn refused(value: Value) -> (String, String) {
        let mistakes = read(value).unwrap_err();
        assert_eq!(mistakes.iter().count(), 1, "{mistakes}");
        let Mistake { path, message } = mistakes.first().clone();
        (path, message)
    }

    #[test]
    fn reads_what_is_there_and_defaults_what_is_not() {
        assert_eq!(
            read(
                json!([{"id": "a"}, {"id": "b", "count": 3, "kind": "date"}, {"id": "c", "kind": null}])
            ),
            Ok(vec![
                Page {
                    id: "a".into(),
                    count: 0,
                    kind: None
                },
                Page {
                    id: "b".into(),
                    count: 3,
                    kind: Some(Kind::Date)
                },
                Page {
                    id: "c".into(),
                    count: 0,
                    kind: None
                },
            ])
        );
    }

    #[test]
    fn a_mistake_is_named_by_its_path_in_serdes_words() {
        let cases = [
            (
                json!([{"id": "a"}, {"id": "b", "kind": "colour"}]),
                "pages[1].kind",
                "unknown variant `colour`, expected `text` or `date`",
            ),
            (
                json!([{"id": "a", "count": "three"}]),
                "pages[0].count",
                "invalid type: string \"three\", expected u32",
            ),
            (
                json!([{"id": "a", "count": "a \"3\"\\\n\tb"}]),
                "pages[0].count",
                // Quoted and escaped as serde says it.
                &format!("invalid type: string {:?}, expected u32", "a \"3\"\\\n\tb"),
            ),
            (
                json!([{"id": "a", "count": -1}]),
                "pages[0].count",
                "invalid value: integer `-1`, expected u32",
            ),
            (
                json!([{"id": "a", "count": 4294967296u64}]),
                "pages[0].count",
                "invalid value: integer `4294967296`, expected u32",
            ),
            (
                json!([{"id": "a", "count": 1.5}]),
                "pages[0].count",
                "invalid type: floating point `1.5`, expected u32",
            ),
            (
                json!([{"id": 7}]),
                "pages[0].id",
                "invalid type: integer `7`, expected a string",
            ),
            (
                json!([{"id": "a", "colour": "red"}]),
                "pages[0].colour",
                "unknown field `colour`, expected one of `id`, `count`, `kind`",
            ),
            (
                json!([{"id": "a"}, {"count": 2}]),
                "pages[1]",
                "missing field `id`",
            ),
            (
                json!([[]]),
                "pages[0]",
                "invalid type: sequence, expected struct Page",
            ),
            (json!({}), "pages", "invalid type: map, expected a sequence"),
            (
                json!([{"id": null}]),
                "pages[0].id",
                "invalid type: null, expected a string",
            ),
            (
                json!([{"id": "a", "kind": true}]),
                "pages[0].kind",
                "invalid type: boolean `true`, expected a string",
            ),
        ];
        for (value, path, message) in cases {
            assert_eq!(
                refused(value.clone()),
                (path.to_string(), message.to_string()),
                "{value}"
            );
        }
    }

    #[test]
    fn every_mistake_is_named_not_only_the_first() {
        let mistakes = read(json!([
            {"id": "a", "colour": "red", "size": 1},
            {"id": "b"},
            {"count": "three", "kind": "colour"},
            7
        ]))
        .unwrap_err();
        let said: Vec<String> = mistakes.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "at pages[0].colour: unknown field `colour`, expected one of `id`, `count`, `kind`",
                "at pages[0].size: unknown field `size`, expected one of `id`, `count`, `kind`",
                "at pages[2]: missing field `id`",
                "at pages[2].count: invalid type: string \"three\", expected u32",
                "at pages[2].kind: unknown variant `colour`, expected `text` or `date`",
                "at pages[3]: invalid type: integer `7`, expected struct Page",
            ]
        );
        assert_eq!(mistakes.first().path, "pages[0].colour");
        let pair = <(String, u32)>::from_json(&json!([1, "x"]), At::Top);
        assert_eq!(
            pair.unwrap_err().to_string(),
            "at [0]: invalid type: integer `1`, expected a string; at [1]: invalid type: string \"x\", expected u32"
        );
        let map = ordered::Map::<u32>::from_json(&json!({"a": "x", "b": 2, "c": null}), At::Top);
        assert_eq!(
            map.unwrap_err().to_string(),
            "at a: invalid type: string \"x\", expected u32; at c: invalid type: null, expected u32"
        );
    }

    #[test]
    fn a_tagged_value_names_its_kind() {
        let names = ["url", "life_event"];
        let top = At::Top;
        let value = json!({"url": "https://example.org"});
        assert_eq!(
            tagged(&value, top, "enum Target", &names),
            Ok(("url", &json!("https://example.org")))
        );
        let value = json!({"phone": "1"});
        assert_eq!(
            tagged(&value, top, "enum Target", &names)
                .unwrap_err()
                .first()
                .message,
            "unknown variant `phone`, expected `url` or `life_event`"
        );
        for value in [
            json!({}),
            json!({"url": "a", "life_event": "b"}),
            json!("url"),
        ] {
            assert!(
                tagged(&value, top, "enum Target", &names)
                    .unwrap_err()
                    .first()
                    .message
                    .ends_with("expected enum Target"),
                "{value}"
            );
        }
    }

    #[test]
    fn whole_numbers_are_read_in_their_range() {
        assert_eq!(u16::from_json(&json!(65535), At::Top), Ok(65535));
        assert_eq!(
            i64::from_json(&json!(-1_700_000_000_000i64), At::Top),
            Ok(-1_700_000_000_000)
        );
        let refused = |value: Value| u16::from_json(&value, At::Top).unwrap_err().to_string();
        assert_eq!(
            refused(json!(65536)),
            "invalid value: integer `65536`, expected u16"
        );
        assert_eq!(
            refused(json!(-1)),
            "invalid value: integer `-1`, expected u16"
        );
        assert_eq!(
            refused(json!(2.0)),
            "invalid type: floating point `2.0`, expected u16"
        );
        let too_big = json!(u64::MAX);
        assert!(i64::from_json(&too_big, At::Top).is_err());
        assert_eq!(f64::from_json(&json!(2), At::Top), Ok(2.0));
    }

    #[test]
    fn what_the_app_kept_may_have_fields_it_does_not_know() {
        let read = |value: Value| -> Read<(String, Option<u32>)> {
            let f = Fields::kept(&value, At::Top, "struct Kept")?;
            f.done((f.needed("id"), f.optional("count")))
        };
        assert_eq!(
            read(json!({"id": "a", "later": true})),
            Ok(("a".into(), None))
        );
        assert_eq!(
            read(json!({"id": "a", "count": null})),
            Ok(("a".into(), None))
        );
        assert_eq!(
            read(json!({"count": "x"})).unwrap_err().to_string(),
            "missing field `id`; at count: invalid type: string \"x\", expected u32",
            "every mistake, in the order the fields are read"
        );
        assert_eq!(
            read(json!("a")).unwrap_err().to_string(),
            "invalid type: string \"a\", expected struct Kept"
        );
    }

    #[test]
    fn a_value_wrong_for_its_own_reason_is_placed_at_its_field() {
        let value = json!({"error": "lost"});
        let f = Fields::kept(&value, At::Key(&At::Top, "problem"), "struct Problem").unwrap();
        let error: String = f.wrong("error", "unknown variant `lost`".into());
        assert_eq!(error, "", "a placeholder");
        let mistake = f.done(()).unwrap_err();
        assert_eq!(
            mistake.to_string(),
            "at problem.error: unknown variant `lost`"
        );
    }

    #[test]
    fn the_whole_document_is_the_empty_path() {
        assert_eq!(
            Page::from_json(&json!([]), At::Top)
                .unwrap_err()
                .first()
                .path,
            ""
        );
        assert_eq!(At::Index(&At::Key(&At::Top, "a"), 2).path(), "a[2]");
    }
}
