//! The GOV.UK summary list: a row per answer with its label, the answer a line at a time, an
//! optional note (where it came from) and an optional Change link. Used by "Check your
//! answers", "We already have these details", "Who gets what" and the receipt.

use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::case;
use tell_once_engine::navigate::{Returning, Step};
use tell_once_engine::summary::SummaryRow;

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub lines: Vec<String>,
    pub note: Option<String>,
    /// Where Change goes, and where Continue then comes back to.
    pub change: Option<(Step, Returning)>,
}

impl Row {
    /// A row of "Check your answers" as it is, without a Change link.
    pub fn of(row: SummaryRow) -> Row {
        Row {
            label: row.label,
            lines: row.lines,
            note: None,
            change: None,
        }
    }
}

/// The words a Change link's visually hidden text adds after "Change", from the row's label:
/// "Change your name", "Cambiar su nombre". English lowercases the whole label; Spanish only
/// its first letter, so names of agencies and programs keep their capitals.
pub fn change_hidden_text(locale: Locale, label: &str) -> String {
    let words = match locale {
        Locale::en => case::lowercase(label),
        _ => case::lower_first(label),
    };
    format!(" {words}")
}

#[component]
pub fn SummaryList(rows: Vec<Row>) -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    view! {
        <dl class="summary-list">
            {rows
                .into_iter()
                .map(|row| {
                    let count = row.lines.len();
                    let label = row.label.clone();
                    let hidden = move || change_hidden_text(i18n.get_locale(), &label);
                    let change = row.change.map(|(target, returning)| {
                        let go = move |ev: leptos::ev::MouseEvent| {
                            ev.prevent_default();
                            flow.returning.set(returning);
                            flow.go(target);
                        };
                        view! {
                            <dd class="summary-list__actions">
                                <a class="link" href=flow.href(target) on:click=go>
                                    {t!(i18n, components.summary_change)}<span class="visually-hidden">{hidden}</span>
                                </a>
                            </dd>
                        }
                    });
                    view! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key">{row.label}</dt>
                            <dd class="summary-list__value">
                                {row
                                    .lines
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, line)| view! { {line} {(i + 1 < count).then(|| view! { <br/> })} })
                                    .collect_view()}
                                {row.note.map(|note| view! { <span class="summary-list__source">{note}</span> })}
                            </dd>
                            {change}
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_links_say_what_they_change() {
        assert_eq!(change_hidden_text(Locale::en, "Your name"), " your name");
        assert_eq!(
            change_hidden_text(Locale::en, "Health Cover number"),
            " health cover number"
        );
        assert_eq!(change_hidden_text(Locale::es, "Su nombre"), " su nombre");
        assert_eq!(
            change_hidden_text(Locale::es, "Número de Cobertura de Salud"),
            " número de Cobertura de Salud"
        );
        assert_eq!(change_hidden_text(Locale::es, ""), " ");
    }
}
