//! Reads the configuration from the page, fetches the journey definition, and shows either the
//! journey or a page naming what went wrong.

use crate::api::{self, LoadProblem};
use crate::browser;
use crate::flow::JourneyFlow;
use crate::pages::problem::ProblemPage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use tell_once_engine::Journey;

/// The id of the element the app mounts in.
pub const ROOT_ID: &str = "tell-once";

/// How the host page configured the app, through attributes of the root element.
#[derive(Debug, Clone)]
pub struct Config {
    /// `data-journey`: where the journey definition is.
    pub journey_url: String,
    /// `data-standalone`: the app owns the page, so it may keep the step in the address bar.
    /// An embedded widget must not fight its host page for the URL.
    pub standalone: bool,
}

/// Mounts the app in the root element, replacing its loading message.
pub fn start() {
    let Some(root) = browser::root() else {
        web_sys::console::error_1(
            &format!("Tell Once: no element with id \"{ROOT_ID}\" to mount in").into(),
        );
        return;
    };
    let config = Config {
        journey_url: root
            .get_attribute("data-journey")
            .unwrap_or_else(|| "journeys/moving-house.json".into()),
        standalone: root.has_attribute("data-standalone"),
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, move || view! { <App config=config.clone()/> }).forget();
}

#[derive(Clone)]
enum Load {
    Loading,
    Failed(LoadProblem),
    Ready(Arc<Journey>),
}

#[component]
fn App(config: Config) -> impl IntoView {
    let load = RwSignal::new(Load::Loading);
    let url = config.journey_url.clone();
    spawn_local(async move {
        load.set(match api::fetch_journey(&url).await {
            Ok(journey) => Load::Ready(Arc::new(journey)),
            Err(problem) => Load::Failed(problem),
        });
    });
    let standalone = config.standalone;
    move || match load.get() {
        Load::Loading => view! { <p class="body" role="status">"Loading…"</p> }.into_any(),
        Load::Failed(problem) => view! { <ProblemPage problem/> }.into_any(),
        Load::Ready(journey) => view! { <JourneyFlow journey standalone/> }.into_any(),
    }
}
