//! Ordered maps and sets as sorted Vecs, and JSON objects built one entry at a time.
//!
//! The engine's maps are [`Map`]s and its sets [`Set`]s, both over litemap's `LiteMap`: a
//! sorted Vec, a few hundred bytes of WebAssembly for each type of item, where a `BTreeMap` or
//! `BTreeSet` carries a few kilobytes (its nodes, rebalancing and removal). Both are built by
//! inserting one item at a time, `collect()` included: collecting into a `BTreeMap` (so also
//! into a `serde_json::Map`) or a bare `LiteMap` gathers the items in a `Vec` and sorts it
//! first, a stable sort of about 8 KB of WebAssembly for each type of item.

use litemap::LiteMap;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Borrow;
use std::ops::{Deref, DerefMut};

/// A map from text keys, kept in key order: written as a JSON object (`{}` when empty; litemap's
/// own serde support would write an empty map as `[]`). It is a `LiteMap` to read and change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Map<V>(LiteMap<String, V>);

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map(LiteMap::new())
    }
}

impl<V> Map<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = <&'a LiteMap<String, V> as IntoIterator>::Item;
    type IntoIter = <&'a LiteMap<String, V> as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<V> Deref for Map<V> {
    type Target = LiteMap<String, V>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<V> DerefMut for Map<V> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

/// The entries as a map, inserted one at a time (a later key replaces an earlier one): no sort.
impl<V> FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        let mut map = Map::new();
        for (key, value) in entries {
            map.insert(key, value);
        }
        map
    }
}

impl<V, const N: usize> From<[(String, V); N]> for Map<V> {
    fn from(entries: [(String, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V: Serialize> Serialize for Map<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in self.iter() {
            object.serialize_entry(key, value)?;
        }
        object.end()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<V: schemars::JsonSchema> schemars::JsonSchema for Map<V> {
    fn inline_schema() -> bool {
        std::collections::BTreeMap::<String, V>::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::collections::BTreeMap::<String, V>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        std::collections::BTreeMap::<String, V>::json_schema(generator)
    }
}

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
    fn inline_schema() -> bool {
        std::collections::BTreeSet::<T>::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::collections::BTreeSet::<T>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        std::collections::BTreeSet::<T>::json_schema(generator)
    }
}

/// The entries as a JSON object, as `collect()` would give it (a later key replaces an
/// earlier one).
pub fn object(
    entries: impl IntoIterator<Item = (String, Value)>,
) -> serde_json::Map<String, Value> {
    let mut object = serde_json::Map::new();
    object.extend(entries);
    object
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
        assert_eq!(
            built,
            entries.into_iter().collect::<serde_json::Map<_, _>>()
        );
        assert_eq!(Value::Object(built), json!({ "a": 2, "b": 3 }));
    }

    #[test]
    fn a_map_is_kept_in_key_order_and_written_as_an_object_even_when_empty() {
        let write = |map: &Map<u8>| serde_json::to_string(map).unwrap();
        assert_eq!(write(&Map::new()), "{}");
        let map: Map<u8> = [("b", 2), ("a", 1), ("b", 3)]
            .map(|(k, v)| (k.to_string(), v))
            .into_iter()
            .collect();
        assert_eq!(
            write(&map),
            r#"{"a":1,"b":3}"#,
            "a later key replaces an earlier one"
        );
        assert_eq!(map.get("a"), Some(&1));
    }
}
