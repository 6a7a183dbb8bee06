//! "Check your answers": one row per question, the answer written out for reading.

use crate::answers::Answers;
use crate::definition::Journey;
use crate::field::{self, FieldKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    /// The page to go back to for a change.
    pub page: usize,
    pub question_key: String,
    pub label: String,
    /// The answer, one line each (an address has several).
    pub lines: Vec<String>,
}

pub fn rows(journey: &Journey, answers: &Answers, lang: &str) -> Vec<SummaryRow> {
    journey
        .pages
        .iter()
        .enumerate()
        .flat_map(|(page, p)| p.questions.iter().map(move |q| (page, q)))
        .map(|(page, question)| {
            let label = question
                .summary_label
                .as_ref()
                .unwrap_or(&question.label)
                .tr(lang)
                .to_string();
            let canonical = field::canonical(question, answers);
            let lines = match question.kind {
                FieldKind::Date => canonical
                    .iter()
                    .filter_map(|(_, iso)| crate::date::Date::parse_iso(iso))
                    .map(|d| d.long_form())
                    .collect(),
                FieldKind::Name => vec![canonical
                    .iter()
                    .map(|(_, v)| v.as_str())
                    .filter(|v| !v.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")],
                FieldKind::Text | FieldKind::Address => canonical
                    .into_iter()
                    .map(|(_, v)| v)
                    .filter(|v| !v.is_empty())
                    .collect(),
            };
            SummaryRow {
                page,
                question_key: question.key.clone(),
                label,
                lines,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_written_out() {
        let journey =
            Journey::from_json(include_str!("../../../public/journeys/moving-house.json")).unwrap();
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
        let rows = rows(&journey, &answers, "en");
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
        assert_eq!(rows[2].page, 2);
    }
}
