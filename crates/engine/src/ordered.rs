//! Ordered maps and sets as sorted Vecs, and JSON objects built one entry at a time.
//!
//! The engine's maps are litemap's `LiteMap` and its sets are [`Set`]s (a `LiteMap` of keys):
//! a sorted Vec, a few hundred bytes of WebAssembly for each type of item, where a `BTreeMap` or
//! `BTreeSet` carries a few kilobytes (its nodes, rebalancing and removal). `collect()` into
//! a `BTreeMap` (so also into a `serde_json::Map`) or a `LiteMap` gathers the items in a `Vec`
//! and sorts it first: a stable sort, about 8 KB of WebAssembly for each type of item.
//! Inserting the items one at a time gives the same map or object with no sort.

use litemap::LiteMap;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Borrow;

/// A set kept in order, each item once: written as a JSON list, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Set<T>(LiteMap<T, ()>);

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set(LiteMap::new())
    }
}

impl<T: Ord> Set<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an item; false if the set had it already (and keeps the one it had).
    pub fn insert(&mut self, item: T) -> bool {
        self.0.try_insert(item, ()).is_none()
    }

    pub fn contains<Q: Ord + ?Sized>(&self, item: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.contains_key(item)
    }

    /// Takes an item out; false if the set did not have it.
    pub fn remove<Q: Ord + ?Sized>(&mut self, item: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.remove(item).is_some()
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        self.0.retain(|item, _| keep(item));
    }
}

impl<T> Set<T> {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The items in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.0.keys()
    }
}

/// The items as a set, inserted one at a time: no sort.
impl<T: Ord> FromIterator<T> for Set<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut set = Set::new();
        set.extend(items);
        set
    }
}

impl<T: Ord> Extend<T> for Set<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for item in items {
            self.insert(item);
        }
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for Set<T> {
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

impl<T: Serialize> Serialize for Set<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(self.len()))?;
        for item in self.iter() {
            list.serialize_element(item)?;
        }
        list.end()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Set<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::collections::BTreeSet::<T>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        std::collections::BTreeSet::<T>::json_schema(generator)
    }
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
    fn a_set_keeps_each_item_once_in_order() {
        let mut set: Set<_> = ["pear", "apple", "pear", "fig"].into_iter().collect();
        assert!(set.iter().eq(&["apple", "fig", "pear"]));
        assert_eq!(
            serde_json::to_string(&set).unwrap(),
            r#"["apple","fig","pear"]"#
        );
        assert!(!set.insert("fig") && set.insert("date"));
        assert!(set.contains("date") && set.remove("apple") && !set.remove("apple"));
        set.retain(|item| item.len() == 4);
        assert!(set.iter().eq(&["date", "pear"]) && set.len() == 2);
        assert_eq!(serde_json::to_string(&Set::<u8>::new()).unwrap(), "[]");
    }

    #[test]
    fn an_object_is_the_same_as_collect() {
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
