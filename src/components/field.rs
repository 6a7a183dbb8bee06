//! The accessible wiring of form fields, written once: ids, `aria-describedby` built from the
//! hint and error ids, `aria-invalid`, visible labels, and the error message markup.

use crate::flow::use_flow;
use leptos::prelude::*;
use tell_once_engine::field::html_id;

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
    move || {
        message.get().map(|message| {
            view! {
                <p class="error-message" id=error_id(&id)>
                    <span class="visually-hidden">"Error: "</span>
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

/// One text input bound to an answer key: label, hint, error and the input itself.
#[component]
pub fn Input(
    key: String,
    label: String,
    hint: Option<String>,
    options: InputOptions,
) -> impl IntoView {
    let flow = use_flow();
    let id = html_id(&key);
    let error = if options.in_group {
        Signal::stored(None)
    } else {
        error_for(key.clone())
    };
    let invalid = invalid(key.clone());
    // The value is written into the input once: after that the input owns it and every
    // keystroke goes to the answer store, so nothing typed is ever lost or overwritten.
    let initial = flow.answers.with_untracked(|a| a.get(&key).to_string());
    let has_hint = hint.is_some();
    let label_view = label_view(&id, label, options.label_is_heading);
    let width_class = options
        .width
        .map(|w| format!("input--width-{w}"))
        .unwrap_or_default();
    let input_key = key.clone();
    let describe_id = id.clone();
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            {label_view}
            {hint.map(|hint| view! { <div class="hint" id=hint_id(&id)>{hint}</div> })}
            <ErrorMessage id=id.clone() message=error/>
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
                aria-describedby=move || described_by(&describe_id, has_hint, error.with(Option::is_some))
                aria-invalid=move || if invalid.get() { "true" } else { "false" }
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    flow.answers.update(|answers| answers.set(&input_key, &value));
                }
            />
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::described_by;

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
