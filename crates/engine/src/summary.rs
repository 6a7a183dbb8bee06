//! "Check your answers": one row per question, the answer written out for reading.

use crate::answers::Answers;
use crate::conditions::holds;
use crate::date::Date;
use crate::definition::{Journey, Question};
use crate::field::{self, FieldKind};
use crate::navigate::{Plan, Step};
use crate::repeat;
use crate::text::capitalise;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    /// Where to go for a change.
    pub step: Step,
    pub question_key: String,
    pub label: String,
    /// The answer, one line each (an address has several).
    pub lines: Vec<String>,
}

/// The rows of the pages the plan asks. A repeating group
/// has a row per item ("Child 2"), its answers one per line.
pub fn rows(journey: &Journey, answers: &Answers, plan: &Plan, lang: &str) -> Vec<SummaryRow> {
    // A question whose own condition does not hold was not asked: it has no row.
    let situation = plan.situation();
    let asked = |q: &&Question| holds(q.show_if.as_deref(), &situation);
    let shown = &plan.shown;
    let mut rows = Vec::new();
    for (index, page) in journey.pages.iter().enumerate() {
        if !shown.get(index).copied().unwrap_or(true) {
            continue;
        }
        match &page.repeat {
            Some(group) => {
                for item in 0..repeat::count(page, answers) {
                    rows.push(SummaryRow {
                        step: Step::Item {
                            page: index,
                            index: item,
                        },
                        question_key: repeat::item_key(&group.key, item),
                        label: format!("{} {}", capitalise(group.item.tr(lang)), item + 1),
                        lines: repeat::item_questions(page, item)
                            .iter()
                            .flat_map(|q| answer_lines(q, answers, lang))
                            .collect(),
                    });
                }
            }
            None => rows.extend(page.questions.iter().filter(asked).map(|question| {
                SummaryRow {
                    step: Step::Question(index),
                    question_key: question.key.clone(),
                    label: question
                        .summary_label
                        .as_ref()
                        .unwrap_or(&question.label)
                        .tr(lang)
                        .to_string(),
                    lines: answer_lines(question, answers, lang),
                }
            })),
        }
    }
    rows
}

/// An answer written out for reading, one line each.
pub fn answer_lines(question: &Question, answers: &Answers, lang: &str) -> Vec<String> {
    let canonical = field::canonical(question, answers);
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let option_label = |value: &str| {
        field::choices(question)
            .iter()
            .find(|c| c.value == value)
            .map(|c| c.label.tr(lang).to_string())
            .unwrap_or_else(|| value.to_string())
    };
    let lines: Vec<String> = match question.kind {
        FieldKind::Date => canonical
            .iter()
            .filter_map(|(_, v)| v.as_str().and_then(Date::parse_iso))
            .map(|d| d.long_form())
            .collect(),
        FieldKind::Name => vec![canonical
            .iter()
            .map(|(_, v)| text(v))
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join(" ")],
        FieldKind::YesNo | FieldKind::Radios | FieldKind::Select => {
            vec![option_label(answers.trimmed(&question.key))]
        }
        FieldKind::Checkboxes => answers
            .list(&question.key)
            .into_iter()
            .map(option_label)
            .collect(),
        FieldKind::Currency => {
            let prefix = question.prefix.as_ref().map(|p| p.tr(lang)).unwrap_or("");
            canonical
                .iter()
                .map(|(_, v)| format!("{prefix}{}", text(v)))
                .collect()
        }
        FieldKind::LongText => answers
            .trimmed(&question.key)
            .lines()
            .map(str::to_string)
            .collect(),
        _ => canonical.iter().map(|(_, v)| text(v)).collect(),
    };
    lines.into_iter().filter(|line| !line.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_written_out() {
        let journey =
            Journey::from_json(include_str!("../../../tests/fixtures/address-change.json"))
                .unwrap();
        let mut answers = Answers::default();
        for (k, v) in [
            ("person.name.given", " Ada "),
            ("person.name.family", "Lovelace"),
            ("person.date_of_birth.day", "10"),
            ("person.date_of_birth.month", "dec"),
            ("person.date_of_birth.year", "1985"),
            ("address.current.line1", "12 St James's Square"),
            ("address.current.town", "London"),
            ("address.current.postcode", "sw1y4lb"),
        ] {
            answers.set(k, v);
        }
        let plan = Plan::new(&journey, &answers, crate::validate::tests::env());
        let rows = rows(&journey, &answers, &plan, "en");
        assert_eq!(rows.len(), 5);
        assert_eq!(
            (rows[0].label.as_str(), rows[0].lines.clone()),
            ("Name", vec!["Ada Lovelace".to_string()])
        );
        assert_eq!(rows[1].lines, ["10 December 1985"]);
        assert_eq!(
            rows[2].lines,
            ["12 St James's Square", "London", "SW1Y 4LB"]
        );
        assert_eq!(rows[2].step, Step::Question(2));
    }
}
