//! Mounts the app in the element the loader gives it, reads its configuration, fetches the journey definition, and shows either the
//! journey or a page naming what went wrong.

use crate::api::{self, LoadProblem, LoadProblemKind};
use crate::browser::{self, Widget};
use crate::components::announcer::{Announcements, Announcer};
use crate::components::idle_timeout::{IdleTimeout, TimedOutPage};
use crate::components::language_switch::LanguageSwitch;
use crate::flow::{JourneyFlow, Session};
use crate::i18n::*;
use crate::language::Language;
use crate::pages::life_events::LifeEvents;
use crate::pages::problem::ProblemPage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tell_once_engine::catalogue::Catalogue;
use tell_once_engine::ordered;
use tell_once_engine::read::{self, At, Fields, FromJson, Read};
use tell_once_engine::{Answers, Journey};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

/// How the host page set the app up: the `<tell-once>` element's attributes, or the object
/// given to `TellOnce.mount`, as the loader (`loader/tell-once.js`) passes them on.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// `journey`: the address of one journey to run.
    pub journey: Option<String>,
    /// `catalogue`: every life event, to choose from or search (when no journey is set).
    pub catalogue: Option<String>,
    /// `standalone`: the app owns the page, so it may keep the step in the address bar and
    /// name the page in the title.
    pub standalone: bool,
    /// `signed-in`: the host page says the person is signed in, so their details may be
    /// fetched from the agency record a journey names (prefill).
    pub signed_in: bool,
    /// `agency-urls`: agency id → base URL, replacing the journeys' own (a JSON object, or
    /// its text in the attribute).
    pub agency_urls: Option<Value>,
    /// `keep-answers-days`: how long a draft is kept on the person's device after they last
    /// used it (default 7). `0` keeps drafts only until the tab is closed.
    pub keep_answers_days: Option<Value>,
    /// `idle-minutes`: close the form after this long without use, warning first.
    pub idle_minutes: Option<Value>,
    /// `lang`: the language to show, unless the person chose another (see `language`). The
    /// loader gives the page's language when the element has none.
    pub lang: Option<String>,
    /// `handoff-url`: the base address of the hand-off API ("Save and get a reference"), by
    /// default this site's `/handoff/v1`.
    pub handoff_url: Option<String>,
}

/// The settings as the loader passes them on, named in camelCase (`signedIn`); a setting the
/// app does not know (a misspelt `jouney`) is refused, not ignored.
impl FromJson for Config {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "the settings",
            &[
                "journey",
                "catalogue",
                "standalone",
                "signedIn",
                "agencyUrls",
                "keepAnswersDays",
                "idleMinutes",
                "lang",
                "handoffUrl",
            ],
        )?;
        f.done(Config {
            journey: f.optional("journey"),
            catalogue: f.optional("catalogue"),
            standalone: f.or_default("standalone"),
            signed_in: f.or_default("signedIn"),
            agency_urls: f.optional("agencyUrls"),
            keep_answers_days: f.optional("keepAnswersDays"),
            idle_minutes: f.optional("idleMinutes"),
            lang: f.optional("lang"),
            handoff_url: f.optional("handoffUrl"),
        })
    }
}

impl Config {
    /// The settings from the JSON text the loader gives, or what is wrong with them.
    fn read(text: &str) -> Result<Config, String> {
        let value = read::parse(text).map_err(|e| e.to_string())?;
        Config::from_json(&value, At::Top).map_err(|mistake| mistake.to_string())
    }
}

/// How long drafts are kept on the device when the host page does not say.
const KEEP_DAYS: f64 = 7.0;

thread_local! {
    /// The answer store is the person's, not one widget's: every instance on the page shares
    /// it.
    static STORE: ArcRwSignal<Answers> = ArcRwSignal::new(Answers::default());
}

/// Mounts the app in `root` (inside the shadow root of `host`, the element the host page
/// wrote), set up by `config`: the JSON text of a [`Config`]. Called by the loader once per
/// element; a config it cannot use shows a page that says what is wrong with it.
/// `early_replies` is the loader's way to the files it fetched before the WebAssembly ran
/// (see [`api::use_early_replies`]), and `words` its way to each language's words (see
/// [`api::use_words`]).
#[wasm_bindgen]
pub fn mount(
    host: HtmlElement,
    root: HtmlElement,
    config: &str,
    early_replies: JsValue,
    words: JsValue,
) {
    if let Ok(take) = early_replies.dyn_into::<js_sys::Function>() {
        api::use_early_replies(take);
    }
    if let Ok(words) = words.dyn_into::<js_sys::Function>() {
        api::use_words(words);
    }
    let config = Config::read(config).map_err(|why| LoadProblem {
        url: String::new(),
        kind: LoadProblemKind::Definition(vec![format!("the settings: {why}")]),
    });
    let standalone = config.as_ref().is_ok_and(|c| c.standalone);
    let asked = config.as_ref().ok().and_then(|c| c.lang.clone());
    let widget = Widget::new(host, root.clone(), standalone);
    if standalone {
        browser::drop_other_params();
    }
    leptos::mount::mount_to(root, move || {
        provide_context(widget);
        provide_context(Announcer::new());
        let language = Language::new(asked.as_deref());
        provide_context(language);
        // Screen readers, hyphenation and fonts follow `lang`; the layout follows `dir`.
        Effect::new(move |_| {
            let locale = language.get();
            widget.set_language(locale.as_str(), locale.dir());
        });
        let page = match config.clone() {
            Ok(config) => view! { <App config/> }.into_any(),
            Err(problem) => view! { <ProblemPage problem/> }.into_any(),
        };
        view! {
            {page}
            <Announcements/>
        }
    })
    .forget();
}

/// A setting given as a number or as the text of one (an attribute is always text).
fn text_of(value: Value) -> String {
    match value {
        Value::String(text) => text,
        other => other.to_string(),
    }
}

/// Reads `agency-urls`: agency id → base URL.
fn agency_urls_from(value: Value) -> Result<ordered::Map<String>, LoadProblem> {
    let parsed = match value {
        Value::String(text) => read::parse(&text).map_err(|e| e.to_string()),
        other => Ok(other),
    }
    .and_then(|urls| {
        ordered::Map::<String>::from_json(&urls, At::Top).map_err(|mistake| mistake.to_string())
    });
    parsed.map_err(|e| LoadProblem {
        url: String::new(),
        kind: LoadProblemKind::Definition(vec![format!(
            "agency-urls must be a JSON object of agency id to base URL, like {{\"motor-vehicles\": \"https://api.example\"}} ({e})"
        )]),
    })
}

/// A setting that is a number of days or minutes, at least `min`.
fn number_from(attribute: &str, text: &str, min: f64, example: &str) -> Result<f64, LoadProblem> {
    tell_once_engine::decimal::parse(text.trim())
        .filter(|n| *n >= min)
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
    let i18n = use_i18n();
    let load = RwSignal::new(Load::Loading);
    let Config {
        journey,
        catalogue,
        standalone: _,
        signed_in,
        agency_urls,
        keep_answers_days,
        idle_minutes,
        lang: _,
        handoff_url,
    } = config;
    provide_context(crate::handoff::Endpoint(
        handoff_url.unwrap_or_else(|| crate::handoff::DEFAULT_ENDPOINT.to_string()),
    ));
    let urls = agency_urls.map(agency_urls_from);
    let keep_days =
        keep_answers_days.map(|v| number_from("keep-answers-days", &text_of(v), 0.0, "7"));
    let idle_minutes =
        idle_minutes.map(|v| number_from("idle-minutes", &text_of(v), f64::MIN_POSITIVE, "20"));
    let keep_days_value = match &keep_days {
        Some(Ok(days)) => *days,
        _ => KEEP_DAYS,
    };
    provide_context(Session {
        store: RwSignal::from(STORE.with(ArcRwSignal::clone)),
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
        let loaded = match (journey, catalogue) {
            (Some(url), _) => api::fetch_journey(&url)
                .await
                .map(|j| Load::Journey(Arc::new(j))),
            (None, Some(url)) => api::fetch_catalogue(&url).await.map(|(c, js)| {
                Load::Catalogue(Arc::new(c), js.into_iter().map(Arc::new).collect())
            }),
            (None, None) => Err(LoadProblem {
                url: String::new(),
                kind: LoadProblemKind::Definition(vec![
                    "give a journey (or a catalogue of them) to run: <tell-once journey=\"…/moving-house.json\">".into(),
                ]),
            }),
        };
        load.set(loaded.unwrap_or_else(Load::Failed));
    });
    let app = move || match load.get() {
        _ if timed_out.get() => view! { <TimedOutPage timed_out/> }.into_any(),
        // What the host page wrote inside the element (the prerendered heading and a loading
        // message, say) shows until the first page is ready, so the page is never left without
        // its heading; our own loading message only when it wrote nothing. Not announced: it is
        // the first thing the widget shows, and gone in a moment.
        Load::Loading => view! {
            <slot>
                <p class="body">{t!(i18n, common.loading)}</p>
            </slot>
        }
        .into_any(),
        Load::Failed(problem) => view! { <ProblemPage problem/> }.into_any(),
        Load::Journey(journey) => view! { <JourneyFlow journey/> }.into_any(),
        Load::Catalogue(catalogue, journeys) => {
            view! { <LifeEvents catalogue journeys/> }.into_any()
        }
    };
    view! {
        <LanguageSwitch/>
        {app}
        {idle.map(|idle| view! { <IdleTimeout idle timed_out/> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_setting_by_its_camel_case_name() {
        let config = Config::read(
            r#"{"journey": "j.json", "catalogue": "c.json", "standalone": true,
                "signedIn": true, "agencyUrls": {"revenue": "https://r.example"},
                "keepAnswersDays": "0", "idleMinutes": 20, "lang": "es",
                "handoffUrl": "https://h.example"}"#,
        )
        .unwrap();
        assert_eq!(config.journey.as_deref(), Some("j.json"));
        assert_eq!(config.catalogue.as_deref(), Some("c.json"));
        assert!(config.standalone && config.signed_in);
        assert_eq!(config.keep_answers_days, Some(Value::from("0")));
        assert_eq!(config.idle_minutes, Some(Value::from(20)));
        assert_eq!(config.lang.as_deref(), Some("es"));
        assert_eq!(config.handoff_url.as_deref(), Some("https://h.example"));
        let urls = agency_urls_from(config.agency_urls.unwrap()).unwrap();
        assert_eq!(
            urls.get("revenue").map(String::as_str),
            Some("https://r.example")
        );
        let defaults = Config::read("{}").unwrap();
        assert!(!defaults.standalone && !defaults.signed_in && defaults.journey.is_none());
    }

    #[test]
    fn a_setting_it_does_not_know_or_cannot_read_is_named() {
        let misspelt = Config::read(r#"{"jouney": "j.json"}"#).unwrap_err();
        assert!(
            misspelt.starts_with("at jouney: unknown field `jouney`, expected one of `journey`"),
            "{misspelt}"
        );
        assert_eq!(
            Config::read(r#"{"standalone": "yes"}"#).unwrap_err(),
            "at standalone: invalid type: string \"yes\", expected a boolean"
        );
        assert!(Config::read("{").is_err());
        let text = Value::from(r#"{"revenue": 7}"#);
        let LoadProblemKind::Definition(why) = agency_urls_from(text).unwrap_err().kind else {
            panic!("a definition problem")
        };
        assert!(
            why[0].contains("(at revenue: invalid type: integer `7`"),
            "{why:?}"
        );
    }
}
