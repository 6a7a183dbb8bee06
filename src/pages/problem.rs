//! The page shown when the journey itself cannot be used: it says so plainly, and names the
//! problem precisely for the team that runs the service.

use crate::api::{LoadProblem, LoadProblemKind};
use crate::browser;
use crate::flow::PRODUCT;
use leptos::prelude::*;

#[component]
pub fn ProblemPage(problem: LoadProblem) -> impl IntoView {
    let heading = "Sorry, there is a problem with this service";
    browser::widget().set_title(&format!("{heading} – {PRODUCT}"));
    let retry = problem.is_transient();
    let detail = match problem.kind {
        LoadProblemKind::Network(reason) => view! {
            <p class="body problem-detail">"The file " <code>{problem.url}</code> " could not be downloaded (" {reason} ")."</p>
        }
        .into_any(),
        LoadProblemKind::Status(status) => view! {
            <p class="body problem-detail">"The file " <code>{problem.url}</code> " could not be downloaded: the server answered " {status} "."</p>
        }
        .into_any(),
        LoadProblemKind::Definition(problems) => view! {
            {if problem.url.is_empty() {
                view! { <p class="body problem-detail">"The settings the page gives this service cannot be used:"</p> }.into_any()
            } else {
                view! { <p class="body problem-detail">"The file " <code>{problem.url}</code> " cannot be used:"</p> }.into_any()
            }}
            <ul class="list list--bullet">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
        }
        .into_any(),
    };
    view! {
        <h1 class="heading-l" tabindex="-1">{heading}</h1>
        {if retry {
            view! { <p class="body">"The service could not be loaded. Check your internet connection, then reload the page to try again."</p> }.into_any()
        } else {
            view! { <p class="body">"The service cannot start because of a mistake in how it is set up. You have not lost anything: no answers were collected."</p> }.into_any()
        }}
        <p class="body">"Try again later."</p>
        <h2 class="heading-s">"Details for the team that runs this service"</h2>
        {detail}
    }
}
