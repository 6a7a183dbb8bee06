use crate::browser;
use crate::flow::use_flow;
use leptos::prelude::*;
use tell_once_engine::field::html_id;

pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// The GOV.UK error summary: every problem on the page, each a link that moves focus to its
/// field. Focused after a Continue that failed, so it is read out first.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let flow = use_flow();
    move || {
        let errors = flow.errors.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="error-summary" id=ERROR_SUMMARY_ID tabindex="-1" role="alert" aria-labelledby="error-summary-title">
                    <div>
                        <h2 class="error-summary__title" id="error-summary-title">"There is a problem"</h2>
                        <ul class="error-summary__list">
                            {errors
                                .into_iter()
                                .map(|error| {
                                    let target = html_id(error.inputs.first().unwrap_or(&error.key));
                                    let href = format!("#{target}");
                                    view! {
                                        <li>
                                            <a href=href on:click=move |ev: leptos::ev::MouseEvent| {
                                                ev.prevent_default();
                                                browser::focus_field(&target);
                                            }>{error.message}</a>
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
