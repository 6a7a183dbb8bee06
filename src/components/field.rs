//! The accessible wiring of form fields, written once: ids, `aria-describedby` built from the
//! hint and error ids, `aria-invalid`, visible labels, and the error message markup.

use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::answers::Source;
use tell_once_engine::field::html_id;

/// What is said under a label: the question's hint, and where its answer came from when the
/// person did not type it here ("From your Revenue Service record"). Both are read with the
/// field (`aria-describedby`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hint {
    pub text: Option<String>,
    pub source: Option<String>,
}

impl Hint {
    pub fn is_some(&self) -> bool {
        self.text.is_some() || self.source.is_some()
    }

    /// The hint under a field with this id, if there is anything to say.
    pub fn view(self, id: &str) -> Option<impl IntoView> {
        self.is_some().then(|| {
            view! {
                <div class="hint" id=hint_id(id)>
                    {self.text}
                    {self.source.map(|source| view! { <span class="hint__source">{source}</span> })}
                </div>
            }
        })
    }
}

/// Where an answer came from, in words, in the language shown.
pub fn source_text(source: &Source) -> String {
    source_text_in(use_i18n().get_locale(), source)
}

/// Where an answer came from, in words, in the given language.
pub fn source_text_in(locale: Locale, source: &Source) -> String {
    match source {
        Source::Record { agency, .. } => {
            td_string!(locale, components.source_record, agency).to_string()
        }
        Source::Journey { title } => {
            td_string!(locale, components.source_journey, title).to_string()
        }
    }
}

/// The id of a field's hint, from the field's id.
pub fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

/// The id of a field's error message, from the field's id.
pub fn error_id(id: &str) -> String {
    format!("{id}-error")
}

/// `aria-describedby`: the hint, then the error, whichever are shown.
pub fn described_by(id: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let ids: Vec<String> = [(has_hint, hint_id(id)), (has_error, error_id(id))]
        .into_iter()
        .filter_map(|(shown, id)| shown.then_some(id))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The error message shown for an answer key, if any.
pub fn error_for(key: String) -> Signal<Option<String>> {
    let flow = use_flow();
    Signal::derive(move || {
        flow.errors.with(|errors| {
            errors
                .iter()
                .find(|e| e.key == key)
                .map(|e| e.message.clone())
        })
    })
}

/// True when the input for this answer key is at fault.
pub fn invalid(key: String) -> Signal<bool> {
    let flow = use_flow();
    Signal::derive(move || {
        flow.errors
            .with(|errors| errors.iter().any(|e| e.inputs.contains(&key)))
    })
}

/// An error message beside a field, with hidden "Error:" for screen readers.
#[component]
pub fn ErrorMessage(id: String, message: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        message.get().map(|message| {
            view! {
                <p class="error-message" id=error_id(&id)>
                    <span class="visually-hidden">{t!(i18n, common.error_prefix)}" "</span>
                    {message}
                </p>
            }
        })
    }
}

/// How an input looks and what it is for.
#[derive(Debug, Clone)]
pub struct InputOptions {
    pub autocomplete: Option<String>,
    /// Characters wide (GOV.UK fixed widths), or full width.
    pub width: Option<u8>,
    /// Opens the numeric keypad on phones (dates).
    pub numeric: bool,
    /// The label is also the page heading.
    pub label_is_heading: bool,
    /// The message is shown by the enclosing group (a date's parts), not by this input.
    pub in_group: bool,
    /// The input's `type`: "text", "email" or "tel".
    pub input_type: &'static str,
    /// `inputmode`, e.g. "numeric" or "decimal", for the right phone keyboard.
    pub input_mode: Option<&'static str>,
    /// Shown before the input, e.g. a currency sign.
    pub prefix: Option<String>,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            autocomplete: None,
            width: None,
            numeric: false,
            label_is_heading: false,
            in_group: false,
            input_type: "text",
            input_mode: None,
            prefix: None,
        }
    }
}

/// The label of a field, inside the page heading when it is the page's only question.
pub fn label_view(id: &str, label: String, is_heading: bool) -> AnyView {
    let label =
        view! { <label class="label" class:label--l=is_heading for=id.to_string()>{label}</label> };
    if is_heading {
        view! { <h1 class="label-wrapper" tabindex="-1">{label}</h1> }.into_any()
    } else {
        label.into_any()
    }
}

/// What every control bound to an answer key needs, worked out once: its id, its error and
/// invalid state, the value it starts from, and how it describes itself to screen readers.
#[derive(Clone)]
pub struct Wiring {
    pub key: String,
    pub id: String,
    pub error: Signal<Option<String>>,
    pub invalid: Signal<bool>,
    /// Written into the control once: after that the control owns its value and every change
    /// goes to the answer store, so nothing typed is ever lost or overwritten.
    pub initial: String,
    has_hint: bool,
}

impl Wiring {
    /// `own_error` is false for a part whose group shows the message (a date's day).
    pub fn new(key: &str, has_hint: bool, own_error: bool) -> Wiring {
        let flow = use_flow();
        Wiring {
            key: key.to_string(),
            id: html_id(key),
            error: if own_error {
                error_for(key.to_string())
            } else {
                Signal::stored(None)
            },
            invalid: invalid(key.to_string()),
            initial: flow.answers.with_untracked(|a| a.get(key).to_string()),
            has_hint,
        }
    }

    pub fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let (id, has_hint, error) = (self.id.clone(), self.has_hint, self.error);
        move || described_by(&id, has_hint, error.with(Option::is_some))
    }

    pub fn aria_invalid(&self) -> impl Fn() -> &'static str + Send + Sync + 'static {
        let invalid = self.invalid;
        move || if invalid.get() { "true" } else { "false" }
    }

    /// Stores the control's value in the answer store on each change.
    pub fn store(&self) -> impl Fn(leptos::ev::Event) + 'static {
        let flow = use_flow();
        let key = self.key.clone();
        move |ev| {
            // Arabic-Indic digits are kept as the 0–9 every date, number and agency reads.
            let value = tell_once_engine::text::western_digits(&event_target_value(&ev));
            flow.answers.update(|answers| answers.set(&key, &value));
        }
    }
}

/// A control with its label (the page heading when it is the only question), hint and error.
#[component]
pub fn FormGroup(
    wiring: Wiring,
    label: String,
    is_heading: bool,
    hint: Hint,
    children: Children,
) -> impl IntoView {
    let error = wiring.error;
    let id = wiring.id;
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            {label_view(&id, label, is_heading)}
            {hint.view(&id)}
            <ErrorMessage id=id.clone() message=error/>
            {children()}
        </div>
    }
}

/// One text input bound to an answer key: label, hint, error and the input itself.
#[component]
pub fn Input(key: String, label: String, hint: Hint, options: InputOptions) -> impl IntoView {
    let wiring = Wiring::new(&key, hint.is_some(), !options.in_group);
    let width_class = options
        .width
        .map(|w| format!("input--width-{w}"))
        .unwrap_or_default();
    let invalid = wiring.invalid;
    let (id, initial) = (wiring.id.clone(), wiring.initial.clone());
    let (described_by, aria_invalid, store) =
        (wiring.described_by(), wiring.aria_invalid(), wiring.store());
    view! {
        <FormGroup wiring label is_heading=options.label_is_heading hint>
            <div class="input-wrapper">
                {options.prefix.map(|prefix| view! { <div class="input-prefix" aria-hidden="true">{prefix}</div> })}
                <input
                    class=format!("input {width_class}")
                    class:input--error=move || invalid.get()
                    id=id.clone()
                    name=id.clone()
                    type=options.input_type
                    prop:value=initial
                    autocomplete=options.autocomplete
                    inputmode=options.input_mode.or(options.numeric.then_some("numeric"))
                    spellcheck="false"
                    aria-describedby=described_by
                    aria-invalid=aria_invalid
                    on:input=store
                />
            </div>
        </FormGroup>
    }
}

#[cfg(test)]
mod tests {
    use super::{described_by, source_text_in, Locale, Source};

    #[test]
    fn says_where_an_answer_came_from() {
        crate::i18n::supply_every_language();
        let record = Source::Record {
            agency: "Revenue Service".into(),
            read_on: "2026-11-23".into(),
        };
        assert_eq!(
            source_text_in(Locale::en, &record),
            "From your Revenue Service record"
        );
        let journey = Source::Journey {
            title: "Mudarse de casa".into(),
        };
        assert_eq!(
            source_text_in(Locale::es, &journey),
            "Nos dio este dato en ‘Mudarse de casa’"
        );
    }

    #[test]
    fn describes_with_hint_then_error() {
        assert_eq!(described_by("x", false, false), None);
        assert_eq!(described_by("x", true, false).as_deref(), Some("x-hint"));
        assert_eq!(
            described_by("x", true, true).as_deref(),
            Some("x-hint x-error")
        );
        assert_eq!(described_by("x", false, true).as_deref(), Some("x-error"));
    }
}
