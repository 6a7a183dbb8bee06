//! Reads the configuration from the page, fetches the journey definition, and shows either the
//! journey or a page naming what went wrong.

use crate::api::{self, LoadProblem, LoadProblemKind};
use crate::browser;
use crate::flow::JourneyFlow;
use crate::pages::life_events::LifeEvents;
use crate::pages::problem::ProblemPage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use tell_once_engine::catalogue::Catalogue;
use tell_once_engine::Journey;

/// The id of the element the app mounts in.
pub const ROOT_ID: &str = "tell-once";

/// How the host page configured the app, through attributes of the root element.
#[derive(Debug, Clone)]
pub struct Config {
    /// `data-journey`: one journey to run.
    pub journey_url: Option<String>,
    /// `data-catalogue`: every life event, to choose from or search (when no journey is set).
    pub catalogue_url: Option<String>,
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
        journey_url: root.get_attribute("data-journey"),
        catalogue_url: root.get_attribute("data-catalogue"),
        standalone: root.has_attribute("data-standalone"),
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, move || view! { <App config=config.clone()/> }).forget();
}

#[derive(Clone)]
enum Load {
    Loading,
    Failed(LoadProblem),
    Journey(Arc<Journey>),
    Catalogue(Arc<Catalogue>, Vec<Arc<Journey>>),
}

#[component]
fn App(config: Config) -> impl IntoView {
    let load = RwSignal::new(Load::Loading);
    let Config {
        journey_url,
        catalogue_url,
        standalone,
    } = config;
    spawn_local(async move {
        let loaded = match (journey_url, catalogue_url) {
            (Some(url), _) => api::fetch_journey(&url)
                .await
                .map(|j| Load::Journey(Arc::new(j))),
            (None, Some(url)) => api::fetch_catalogue(&url).await.map(|(c, js)| {
                Load::Catalogue(Arc::new(c), js.into_iter().map(Arc::new).collect())
            }),
            (None, None) => Err(LoadProblem {
                url: String::new(),
                kind: LoadProblemKind::Definition(vec![
                    "the page gives neither data-journey nor data-catalogue".into(),
                ]),
            }),
        };
        load.set(loaded.unwrap_or_else(Load::Failed));
    });
    move || match load.get() {
        Load::Loading => view! { <p class="body" role="status">"Loading…"</p> }.into_any(),
        Load::Failed(problem) => view! { <ProblemPage problem/> }.into_any(),
        Load::Journey(journey) => view! { <JourneyFlow journey standalone/> }.into_any(),
        Load::Catalogue(catalogue, journeys) => {
            view! { <LifeEvents catalogue journeys standalone/> }.into_any()
        }
    }
}
