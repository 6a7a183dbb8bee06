//! The page shown when the journey itself cannot be used: it says so plainly, and names the
//! problem precisely for the team that runs the service.

use crate::api::LoadProblem;
use crate::browser;
use crate::flow::PRODUCT;
use leptos::prelude::*;

#[component]
pub fn ProblemPage(problem: LoadProblem, journey_url: String) -> impl IntoView {
    let heading = "Sorry, there is a problem with this service";
    browser::set_title(&format!("{heading} – {PRODUCT}"));
    let retry = matches!(problem, LoadProblem::Network(_) | LoadProblem::Status(_));
    view! {
        <h1 class="heading-l" tabindex="-1">{heading}</h1>
        {if retry {
            view! { <p class="body">"The service could not be loaded. Check your internet connection, then reload the page to try again."</p> }.into_any()
        } else {
            view! { <p class="body">"The service cannot start because of a mistake in how it is set up. You have not lost anything: no answers were collected."</p> }.into_any()
        }}
        <p class="body">"Try again later."</p>
        <h2 class="heading-s">"Details for the team that runs this service"</h2>
        <p class="body problem-detail">
            "The journey file " <code>{journey_url}</code> " " {problem.to_string()} "."
        </p>
    }
}
