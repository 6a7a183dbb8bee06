use crate::browser;
use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::field::html_id;

pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// The GOV.UK error summary of a page: every problem on it, each a link that moves focus to its
/// field. Focused after a Continue that failed, so it is read out first: that is how it is
/// announced, and the only way (it is not also a live region, which would read it twice).
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let flow = use_flow();
    let problems = Signal::derive(move || {
        flow.errors.with(|errors| {
            errors
                .iter()
                .map(|error| {
                    let target = html_id(error.inputs.first().unwrap_or(&error.key));
                    (target, error.message.clone())
                })
                .collect()
        })
    });
    view! { <Problems id=ERROR_SUMMARY_ID problems section=false/> }
}

/// An error summary: shown when there are problems, each `(id of the field, message)`. In a
/// `section` of a page (under its own h2), the title is an h3.
#[component]
pub fn Problems(
    id: &'static str,
    problems: Signal<Vec<(String, String)>>,
    section: bool,
) -> impl IntoView {
    let widget = browser::widget();
    let i18n = use_i18n();
    move || {
        let problems = problems.get();
        (!problems.is_empty()).then(|| {
            let title = if section {
                view! { <h3 class="error-summary__title">{t!(i18n, components.error_summary_title)}</h3> }.into_any()
            } else {
                view! { <h2 class="error-summary__title">{t!(i18n, components.error_summary_title)}</h2> }.into_any()
            };
            view! {
                <div class="error-summary" id=id tabindex="-1">
                    <div>
                        {title}
                        <ul class="error-summary__list">
                            {problems
                                .into_iter()
                                .map(|(target, message)| {
                                    let href = format!("#{target}");
                                    view! {
                                        <li>
                                            <a href=href on:click=move |ev: leptos::ev::MouseEvent| {
                                                ev.prevent_default();
                                                widget.focus_field(&target);
                                            }>{message}</a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </div>
                </div>
            }
        })
    }
}
