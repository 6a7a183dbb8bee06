//! Building ordered sets and JSON objects one item at a time, and writing ordered maps.
//!
//! `collect()` into a `BTreeSet` or a `BTreeMap` (so also into a `serde_json::Map`) gathers
//! the items in a `Vec` and sorts it first: a stable sort, about 8 KB of WebAssembly for each
//! type of item. Inserting the items one at a time gives the same set or object with no sort.

use litemap::LiteMap;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// The items as a set, as `collect()` would give it.
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// The entries as a JSON object, as `collect()` would give it (a later key replaces an
/// earlier one).
pub fn object(entries: impl IntoIterator<Item = (String, Value)>) -> Map<String, Value> {
    let mut object = Map::new();
    object.extend(entries);
    object
}

/// Writes a map as a JSON object, `{}` when empty, for `#[serde(serialize_with)]`. The engine's
/// maps are `LiteMap`s (a sorted Vec: far less WebAssembly than a `BTreeMap`), whose own serde
/// support writes an empty map as `[]`.
pub fn serialize_map<V: Serialize, S: Serializer>(
    map: &LiteMap<String, V>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut object = serializer.serialize_map(Some(map.len()))?;
    for (key, value) in map.iter() {
        object.serialize_entry(key, value)?;
    }
    object.end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_same_as_collect() {
        let words = ["pear", "apple", "pear", "fig"];
        assert_eq!(set(words), words.into_iter().collect::<BTreeSet<_>>());
        let entries = [("b", 1), ("a", 2), ("b", 3)].map(|(k, v)| (k.to_string(), json!(v)));
        let built = object(entries.clone());
        assert_eq!(built, entries.into_iter().collect::<Map<_, _>>());
        assert_eq!(Value::Object(built), json!({ "a": 2, "b": 3 }));
    }

    #[derive(Serialize)]
    struct Holder(#[serde(serialize_with = "serialize_map")] LiteMap<String, u8>);

    #[test]
    fn a_map_is_written_as_an_object_even_when_empty() {
        let write = |map| serde_json::to_string(&Holder(map)).unwrap();
        assert_eq!(write(LiteMap::new()), "{}");
        let mut map = LiteMap::new();
        map.insert("b".to_string(), 2);
        map.insert("a".to_string(), 1);
        assert_eq!(write(map), r#"{"a":1,"b":2}"#);
    }
}
