//! "Check your answers": one row per question, the answer written out for reading.

use crate::answers::Answers;
use crate::conditions::holds;
use crate::date::Date;
use crate::definition::{Journey, Question};
use crate::field::{self, FieldKind};
use crate::locales;
use crate::mapping::{template_keys, Canonical};
use crate::navigate::{Plan, Step};
use crate::repeat;
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
    rows_where(journey, answers, plan, lang, |_| true)
}

/// "Who gets what": for each service that applies (by index), the rows of exactly the answers
/// its request carries — of a name or address, only the parts it gets; nothing unanswered.
/// `sent` is what is sent ([`crate::mapping::answers_to_send`]), worked out once by the caller.
pub fn who_gets_what(
    journey: &Journey,
    answers: &Answers,
    plan: &Plan,
    sent: &Canonical,
    lang: &str,
) -> Vec<(usize, Vec<SummaryRow>)> {
    journey
        .services
        .iter()
        .enumerate()
        .filter(|(i, _)| plan.eligible[*i])
        .map(|(i, service)| {
            let used = crate::ordered::Set::from_iter(
                template_keys(&service.connector)
                    .into_iter()
                    .filter(|k| sent.get(k).is_some_and(|v| !v.is_null())),
            );
            (
                i,
                rows_where(journey, answers, plan, lang, |k| used.contains(k)),
            )
        })
        .collect()
}

/// The rows of the answer keys `wanted` accepts (a repeating group by its group key).
fn rows_where(
    journey: &Journey,
    answers: &Answers,
    plan: &Plan,
    lang: &str,
    wanted: impl Fn(&str) -> bool,
) -> Vec<SummaryRow> {
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
            Some(group) if wanted(&group.key) => {
                for item in 0..repeat::count(page, answers) {
                    rows.push(SummaryRow {
                        step: Step::Item {
                            page: index,
                            index: item,
                        },
                        question_key: repeat::item_key(&group.key, item),
                        label: locales::message(
                            lang,
                            "summary.item",
                            &[
                                ("item", group.item.tr(lang)),
                                ("number", &(item + 1).to_string()),
                            ],
                        ),
                        lines: repeat::item_questions(page, item)
                            .iter()
                            .flat_map(|q| answer_lines(q, answers, lang))
                            .collect(),
                    });
                }
            }
            Some(_) => {}
            None => {
                for question in page.questions.iter().filter(asked) {
                    let keys = field::answer_keys(question);
                    if !keys.iter().any(|k| wanted(k)) {
                        continue;
                    }
                    // Only the parts wanted: a copy without the others.
                    let mut parts = answers.clone();
                    for key in keys.iter().filter(|k| !wanted(k)) {
                        parts.remove(key);
                    }
                    rows.push(SummaryRow {
                        step: Step::Question(index),
                        question_key: question.key.clone(),
                        label: question
                            .summary_label
                            .as_ref()
                            .unwrap_or(&question.label)
                            .tr(lang)
                            .to_string(),
                        lines: answer_lines(question, &parts, lang),
                    });
                }
            }
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
        field::choices(question, lang)
            .iter()
            .find(|c| c.value == value)
            .map(|c| c.label.tr(lang).to_string())
            .unwrap_or_else(|| value.to_string())
    };
    let lines: Vec<String> = match question.kind {
        FieldKind::Date => canonical
            .iter()
            .filter_map(|(_, v)| v.as_str().and_then(Date::parse_iso))
            .map(|d| d.long_form(lang))
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
                .map(|(_, v)| format!("{prefix}{}", locales::decimal(&text(v), lang)))
                .collect()
        }
        FieldKind::Number => canonical
            .iter()
            .map(|(_, v)| match v {
                Value::Number(_) => locales::decimal(&text(v), lang),
                _ => text(v),
            })
            .collect(),
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

    #[test]
    fn each_service_lists_exactly_what_it_gets() {
        let journey =
            Journey::from_json(include_str!("../../../public/journeys/moving-house.json")).unwrap();
        let answers = crate::testing::moved(true);
        let plan = Plan::new(&journey, &answers, crate::validate::tests::env());
        let sent = crate::mapping::answers_to_send(&journey, &answers, &plan);
        let recipients = who_gets_what(&journey, &answers, &plan, &sent, "en");
        let labels = |i: usize| -> Vec<String> {
            recipients
                .iter()
                .find(|(s, _)| *s == i)
                .map(|(_, rows)| rows.iter().map(|r| r.label.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(recipients.len(), 2, "not registered to vote: no Elections");
        let licence = labels(0);
        assert!(
            licence.contains(&"Driving licence number".to_string()),
            "{licence:?}"
        );
        assert!(
            !licence.iter().any(|l| l.contains("axpayer")),
            "{licence:?}"
        );
        let revenue = labels(2);
        assert!(revenue.iter().any(|l| l.contains("axpayer")), "{revenue:?}");
        assert!(
            !revenue.iter().any(|l| l.contains("licence")),
            "{revenue:?}"
        );
        let address = recipients[1]
            .1
            .iter()
            .find(|r| r.question_key == "address.current")
            .unwrap();
        assert_eq!(address.lines, ["1 High St", "Leeds", "LS1 4AP"]);
    }

    #[test]
    fn answers_are_written_out_in_spanish() {
        let journey =
            Journey::from_json(include_str!("../../../tests/fixtures/address-change.json"))
                .unwrap();
        let mut answers = Answers::default();
        for (k, v) in [
            ("person.date_of_birth.day", "10"),
            ("person.date_of_birth.month", "12"),
            ("person.date_of_birth.year", "1985"),
        ] {
            answers.set(k, v);
        }
        let plan = Plan::new(&journey, &answers, crate::validate::tests::env());
        let dob = rows(&journey, &answers, &plan, "es")
            .into_iter()
            .find(|r| r.question_key == "person.date_of_birth")
            .unwrap();
        assert_eq!(dob.lines, ["10 de diciembre de 1985"]);
        let yes_no = Question::new("k", FieldKind::YesNo, "¿Maneja?", "maneja");
        let mut answers = Answers::default();
        answers.set("k", "yes");
        assert_eq!(answer_lines(&yes_no, &answers, "es"), ["Sí"]);
        assert_eq!(answer_lines(&yes_no, &answers, "en"), ["Yes"]);
    }
}
