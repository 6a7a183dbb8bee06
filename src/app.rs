//! Reads the configuration from the page, fetches the journey definition, and shows either the
//! journey or a page naming what went wrong.

use crate::api::{self, LoadProblem, LoadProblemKind};
use crate::browser;
use crate::components::idle_timeout::{IdleTimeout, TimedOutPage};
use crate::flow::{JourneyFlow, Session};
use crate::pages::life_events::LifeEvents;
use crate::pages::problem::ProblemPage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
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
    /// `data-keep-answers-days`: how long a draft is kept on the person's device after they
    /// last used it (default 7). `0` keeps drafts only until the tab is closed.
    pub keep_days: Option<String>,
    /// `data-idle-minutes`: close the form after this long without use, warning first.
    pub idle_minutes: Option<String>,
}

/// How long drafts are kept on the device when the host page does not say.
const KEEP_DAYS: f64 = 7.0;

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
        keep_days: root.get_attribute("data-keep-answers-days"),
        idle_minutes: root.get_attribute("data-idle-minutes"),
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

/// A setting that is a number of days or minutes, at least `min`.
fn number_from(attribute: &str, text: &str, min: f64, example: &str) -> Result<f64, LoadProblem> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= min)
        .ok_or_else(|| LoadProblem {
            url: String::new(),
            kind: LoadProblemKind::Definition(vec![format!(
                "{attribute} must be a number {}, like {example} (it is \"{text}\")",
                if min > 0.0 {
                    "greater than 0"
                } else {
                    "of 0 or more"
                }
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
        keep_days,
        idle_minutes,
    } = config;
    let urls = agency_urls.as_deref().map(agency_urls_from);
    let keep_days = keep_days
        .as_deref()
        .map(|t| number_from("data-keep-answers-days", t, 0.0, "7"));
    let idle_minutes = idle_minutes
        .as_deref()
        .map(|t| number_from("data-idle-minutes", t, f64::MIN_POSITIVE, "20"));
    let keep_days_value = match &keep_days {
        Some(Ok(days)) => *days,
        _ => KEEP_DAYS,
    };
    provide_context(Session {
        store: RwSignal::new(Answers::default()),
        signed_in,
        agency_urls: StoredValue::new(urls.clone().and_then(Result::ok).unwrap_or_default()),
        keep_ms: (keep_days_value * 86_400_000.0) as i64,
    });
    let idle = idle_minutes
        .clone()
        .and_then(Result::ok)
        .map(|minutes| Duration::from_secs_f64(minutes * 60.0));
    let timed_out = RwSignal::new(false);
    spawn_local(async move {
        let settings = [
            urls.map(|r| r.map(drop)),
            keep_days.map(|r| r.map(drop)),
            idle_minutes.map(|r| r.map(drop)),
        ];
        if let Some(Err(problem)) = settings.into_iter().flatten().find(Result::is_err) {
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
    let app = move || match load.get() {
        _ if timed_out.get() => view! { <TimedOutPage timed_out/> }.into_any(),
        Load::Loading => view! { <p class="body" role="status">"Loading…"</p> }.into_any(),
        Load::Failed(problem) => view! { <ProblemPage problem/> }.into_any(),
        Load::Journey(journey) => view! { <JourneyFlow journey standalone/> }.into_any(),
        Load::Catalogue(catalogue, journeys) => {
            view! { <LifeEvents catalogue journeys standalone/> }.into_any()
        }
    };
    view! {
        {app}
        {idle.map(|idle| view! { <IdleTimeout idle timed_out/> })}
    }
}
