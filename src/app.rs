//! Reads the configuration from the page, fetches the journey definition, and shows either the
//! journey or a page naming what went wrong.

use crate::api::{self, LoadProblem, LoadProblemKind};
use crate::browser;
use crate::flow::{JourneyFlow, Session};
use crate::pages::life_events::LifeEvents;
use crate::pages::problem::ProblemPage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;
use std::sync::Arc;
use tell_once_engine::catalogue::Catalogue;
use tell_once_engine::{Answers, Journey};

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
    /// `data-signed-in`: the host page says the person is signed in, so their details may be
    /// fetched from the agency record a journey names (prefill).
    pub signed_in: bool,
    /// `data-agency-urls`: a JSON object of agency id → base URL, replacing the journeys' own.
    pub agency_urls: Option<String>,
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
        signed_in: root.has_attribute("data-signed-in"),
        agency_urls: root.get_attribute("data-agency-urls"),
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, move || view! { <App config=config.clone()/> }).forget();
}

/// Reads `data-agency-urls`: agency id → base URL.
fn agency_urls_from(text: &str) -> Result<BTreeMap<String, String>, LoadProblem> {
    serde_json::from_str(text).map_err(|e| LoadProblem {
        url: String::new(),
        kind: LoadProblemKind::Definition(vec![format!(
            "data-agency-urls must be a JSON object of agency id to base URL, like {{\"motor-vehicles\": \"https://api.example\"}} ({e})"
        )]),
    })
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
        signed_in,
        agency_urls,
    } = config;
    let urls = agency_urls.as_deref().map(agency_urls_from);
    provide_context(Session {
        store: RwSignal::new(Answers::default()),
        signed_in,
        agency_urls: StoredValue::new(urls.clone().and_then(Result::ok).unwrap_or_default()),
    });
    spawn_local(async move {
        if let Some(Err(problem)) = urls {
            load.set(Load::Failed(problem));
            return;
        }
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
