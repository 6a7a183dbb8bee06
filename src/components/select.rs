//! A drop-down list, for a long list of options.

use crate::components::field::{FormGroup, Wiring};
use crate::components::question_field::question_hint;
use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::definition::Question;

#[component]
pub fn Select(question: Question, is_heading: bool) -> impl IntoView {
    let flow = use_flow();
    let lang = flow.lang();
    let hint = question_hint(&question);
    let wiring = Wiring::new(&question.key, hint.is_some(), true);
    let invalid = wiring.invalid;
    let id = wiring.id.clone();
    let (described_by, aria_invalid, store) =
        (wiring.described_by(), wiring.aria_invalid(), wiring.store());
    // The page is made afresh when the language changes (flow.rs), so the words are read once.
    let choose = td_string!(flow.locale_untracked(), components.select_choose);
    let options = options_html(
        choose,
        question
            .options
            .iter()
            .map(|o| (o.value.as_str(), o.label.tr(lang))),
        &wiring.initial,
    );
    view! {
        <FormGroup wiring label=question.label.tr(lang).to_string() is_heading hint>
            // The options go in as one piece of HTML: a list of a country's towns or the
            // world's countries is thousands of DOM calls made one by one, and none of it
            // changes while the page is shown.
            <select
                class="select"
                class:select--error=move || invalid.get()
                id=id.clone()
                name=id
                aria-describedby=described_by
                aria-invalid=aria_invalid
                on:change=store
                inner_html=options
            ></select>
        </FormGroup>
    }
}

/// A select's `<option>`s as HTML: first one with no value that asks to choose (`choose`), then
/// each `(value, label)`; the one whose value is `chosen` (the first, when none is) is selected.
/// Values and labels are escaped, so a journey's text is never read as markup.
fn options_html<'a>(
    choose: &'a str,
    options: impl Iterator<Item = (&'a str, &'a str)>,
    chosen: &str,
) -> String {
    let mut html = String::new();
    for (value, label) in std::iter::once(("", choose)).chain(options) {
        html.push_str("<option value=\"");
        html_escape::encode_double_quoted_attribute_to_string(value, &mut html);
        html.push('"');
        if value == chosen {
            html.push_str(" selected");
        }
        html.push('>');
        html_escape::encode_text_to_string(label, &mut html);
        html.push_str("</option>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::options_html;

    #[test]
    fn options_are_escaped_and_the_chosen_one_is_selected() {
        let options = [("a\"b", "Fish & <chips>"), ("north", "North")];
        let html = options_html("Choose an option", options.into_iter(), "north");
        assert_eq!(
            html,
            "<option value=\"\">Choose an option</option>\
             <option value=\"a&quot;b\">Fish &amp; &lt;chips&gt;</option>\
             <option value=\"north\" selected>North</option>"
        );
        let none = options_html("Choose", options.into_iter(), "");
        assert!(
            none.starts_with("<option value=\"\" selected>Choose</option>"),
            "{none}"
        );
    }
}
