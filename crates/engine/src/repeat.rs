//! Repeating groups ("add another child"): the same questions asked once per item. Each item's
//! answers are stored under the group key with its index (`household.children[1].name.given`),
//! the number of items at the group key itself, and agencies receive one list.

use crate::answers::Answers;
use crate::definition::{Page, Question};
use crate::field;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// How many items a repeating page has: at least one, since a group is only asked when there is
/// something to add (a yes/no before it decides that).
pub fn count(page: &Page, answers: &Answers) -> usize {
    let Some(repeat) = &page.repeat else { return 1 };
    let stored = answers.trimmed(&repeat.key).parse::<usize>().unwrap_or(0);
    stored.clamp(1, repeat.max.max(1) as usize)
}

/// The item key prefix: `household.children[2]`.
pub fn item_key(group: &str, index: usize) -> String {
    format!("{group}[{index}]")
}

/// The questions of one item, with their keys made absolute; a page that does not repeat
/// lends its own, uncopied (the plan is worked out again on every answer, and a select's list
/// can be thousands of options).
pub fn item_questions(page: &Page, index: usize) -> Cow<'_, [Question]> {
    match &page.repeat {
        None => Cow::Borrowed(&page.questions),
        Some(repeat) => page
            .questions
            .iter()
            .map(|q| Question {
                key: format!("{}.{}", item_key(&repeat.key, index), q.key),
                ..q.clone()
            })
            .collect(),
    }
}

/// Every question asked on a page: once, or once per item.
pub fn asked_questions<'a>(page: &'a Page, answers: &Answers) -> Cow<'a, [Question]> {
    match count(page, answers) {
        1 => item_questions(page, 0),
        items => (0..items)
            .flat_map(|i| item_questions(page, i).into_owned())
            .collect(),
    }
}

/// The answer keys a page gives agencies: a repeating group gives one, its list.
pub fn page_keys(page: &Page) -> Vec<String> {
    match &page.repeat {
        Some(repeat) => vec![repeat.key.clone()],
        None => page.questions.iter().flat_map(field::answer_keys).collect(),
    }
}

/// The questions of a page as its checks see them: in a repeating group, keyed for any item
/// (`household.children[].name`), as the dictionary names them.
pub fn generic_questions(page: &Page) -> Vec<Question> {
    match &page.repeat {
        None => page.questions.clone(),
        Some(repeat) => page
            .questions
            .iter()
            .map(|q| Question {
                key: format!("{}[].{}", repeat.key, q.key),
                ..q.clone()
            })
            .collect(),
    }
}

/// Adds an item: its questions come next.
pub fn add(page: &Page, answers: &mut Answers) -> usize {
    let Some(repeat) = &page.repeat else { return 0 };
    let stored = answers
        .trimmed(&repeat.key)
        .parse::<usize>()
        .unwrap_or(0)
        .max(1);
    let new = (stored + 1).min(repeat.max as usize);
    answers.set(&repeat.key, &new.to_string());
    new - 1
}

/// Removes an item, moving the later ones up, so nothing else is lost.
pub fn remove(page: &Page, answers: &mut Answers, index: usize) {
    let Some(repeat) = &page.repeat else { return };
    let items = count(page, answers);
    for later in index + 1..items {
        for question in item_questions(page, later).iter() {
            let moved_to = format!(
                "{}{}",
                item_key(&repeat.key, later - 1),
                &question.key[item_key(&repeat.key, later).len()..]
            );
            for part in field::parts(question) {
                let from = field::input_key(&question.key, part);
                let to = field::input_key(&moved_to, part);
                let value = answers.get(&from).to_string();
                answers.set(&to, &value);
            }
        }
    }
    for question in item_questions(page, items - 1).iter() {
        for part in field::parts(question) {
            answers.remove(&field::input_key(&question.key, part));
        }
    }
    answers.set(&repeat.key, &items.saturating_sub(1).max(1).to_string());
}

/// The group's canonical answer: a list with one object per item, keyed by the questions'
/// relative keys (`{"name": {"given": "Ada"}, "date_of_birth": "2024-01-31"}`).
pub fn canonical_group(page: &Page, answers: &Answers) -> Option<(String, Value)> {
    let repeat = page.repeat.as_ref()?;
    let items = (0..count(page, answers))
        .map(|index| {
            let prefix = format!("{}.", item_key(&repeat.key, index));
            let mut object = Map::new();
            for question in item_questions(page, index).iter() {
                for (key, value) in field::canonical(question, answers) {
                    let relative = key.strip_prefix(&prefix).unwrap_or(&key);
                    insert_path(&mut object, relative, value);
                }
            }
            Value::Object(object)
        })
        .collect();
    Some((repeat.key.clone(), Value::Array(items)))
}

fn insert_path(object: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            object.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let child = object
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(child) = child {
                insert_path(child, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::Journey;
    use serde_json::json;

    fn children() -> Page {
        let journey =
            Journey::from_json(include_str!("../../../tests/fixtures/every-field.json")).unwrap();
        journey
            .pages
            .into_iter()
            .find(|p| p.repeat.is_some())
            .expect("the fixture has a group")
    }

    fn child(answers: &mut Answers, index: usize, given: &str, year: &str) {
        let prefix = format!("household.children[{index}]");
        answers.set(&format!("{prefix}.name"), given);
        answers.set(&format!("{prefix}.date_of_birth.day"), "1");
        answers.set(&format!("{prefix}.date_of_birth.month"), "2");
        answers.set(&format!("{prefix}.date_of_birth.year"), year);
    }

    #[test]
    fn a_page_that_does_not_repeat_asks_its_own_questions_uncopied() {
        let journey =
            Journey::from_json(include_str!("../../../tests/fixtures/every-field.json")).unwrap();
        let page = journey.pages.iter().find(|p| p.repeat.is_none()).unwrap();
        let asked = asked_questions(page, &Answers::default());
        assert!(matches!(asked, Cow::Borrowed(_)), "not copied");
        assert_eq!(asked.as_ref(), page.questions.as_slice());
        assert!(matches!(
            asked_questions(&children(), &Answers::default()),
            Cow::Owned(_)
        ));
    }

    #[test]
    fn items_are_added_listed_and_removed() {
        let page = children();
        let mut answers = Answers::default();
        assert_eq!(
            count(&page, &answers),
            1,
            "a group asks for at least one item"
        );
        child(&mut answers, 0, "Ada", "2020");
        assert_eq!(add(&page, &mut answers), 1);
        child(&mut answers, 1, "Byron", "2022");
        assert_eq!(add(&page, &mut answers), 2);
        child(&mut answers, 2, "Cleo", "2024");
        assert_eq!(count(&page, &answers), 3);
        assert_eq!(asked_questions(&page, &answers).len(), 6);
        remove(&page, &mut answers, 1);
        assert_eq!(count(&page, &answers), 2);
        assert_eq!(
            answers.get("household.children[1].name"),
            "Cleo",
            "later items move up"
        );
        assert_eq!(
            answers.get("household.children[2].name"),
            "",
            "and the last place is cleared"
        );
        let (key, list) = canonical_group(&page, &answers).unwrap();
        assert_eq!(key, "household.children");
        assert_eq!(
            list,
            json!([
                { "name": "Ada", "date_of_birth": "2020-02-01" },
                { "name": "Cleo", "date_of_birth": "2024-02-01" }
            ])
        );
    }

    #[test]
    fn a_group_never_goes_past_its_maximum() {
        let page = children();
        let mut answers = Answers::default();
        for _ in 0..10 {
            add(&page, &mut answers);
        }
        assert_eq!(
            count(&page, &answers),
            page.repeat.as_ref().unwrap().max as usize
        );
    }
}
