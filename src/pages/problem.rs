//! The page shown when the journey itself cannot be used: it says so plainly, and names the
//! problem precisely for the team that runs the service. What the person reads is in the
//! language shown; what comes from elsewhere for that team (the reason, the list of problems)
//! is English, and marked so.

use crate::api::{LoadProblem, LoadProblemKind};
use crate::browser;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn ProblemPage(problem: LoadProblem) -> impl IntoView {
    let i18n = use_i18n();
    let widget = browser::widget();
    Effect::new(move |_| {
        widget.set_title(&format!(
            "{} – {}",
            t_string!(i18n, pages.problem_heading),
            t_string!(i18n, common.product)
        ));
    });
    let retry = problem.is_transient();
    // A closure, not a built view: a translation's variable may be shown more than once.
    let url = problem.url.clone();
    let file = move || view! { <code>{url.clone()}</code> };
    let detail = match problem.kind {
        LoadProblemKind::Network(reason) => view! {
            <p class="body problem-detail">{t_view!(
                i18n,
                pages.problem_download_failed,
                file = file,
                reason = move || view! { <span lang="en">{reason.clone()}</span> }
            )}</p>
        }
        .into_any(),
        LoadProblemKind::Status(status) => view! {
            <p class="body problem-detail">{t_view!(i18n, pages.problem_status_failed, file = file, status = move || status.to_string())}</p>
        }
        .into_any(),
        LoadProblemKind::Definition(problems) => view! {
            {if problem.url.is_empty() {
                view! { <p class="body problem-detail">{t!(i18n, pages.problem_settings_unusable)}</p> }.into_any()
            } else {
                view! { <p class="body problem-detail">{t_view!(i18n, pages.problem_file_unusable, file = file)}</p> }.into_any()
            }}
            <ul class="list list--bullet" lang="en">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
        }
        .into_any(),
    };
    view! {
        <h1 class="heading-l" tabindex="-1">{t!(i18n, pages.problem_heading)}</h1>
        {if retry {
            view! { <p class="body">{t!(i18n, pages.problem_could_not_load)}</p> }.into_any()
        } else {
            view! { <p class="body">{t!(i18n, pages.problem_set_up_mistake)}</p> }.into_any()
        }}
        <p class="body">{t!(i18n, pages.problem_try_later)}</p>
        <h2 class="heading-s">{t!(i18n, pages.problem_details_heading)}</h2>
        {detail}
    }
}
