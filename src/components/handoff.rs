//! "Save and get a reference" and "Continue with a reference": the person may choose to keep
//! their answers with the hand-off service and get a short code to quote by phone or in
//! person, or to carry on online on another device with the code and their date of birth.
//! Nothing leaves the device without their click. The requests are the hand-off edge's
//! (`crate::handoff`); the code's check is the engine's.

use crate::browser;
use crate::components::announcer::use_announcer;
use crate::components::error_summary::Problems;
use crate::components::field::{described_by, error_id, hint_id};
use crate::flow::{use_flow, Notice};
use crate::handoff::{self, Problem, Saved};
use crate::i18n::*;
use crate::pages::life_events::use_life_events;
use crate::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tell_once_engine::date::Date;
use tell_once_engine::draft::{resume, Draft};
use tell_once_engine::field::parse_date_parts;
use tell_once_engine::handoff::Code;
use tell_once_engine::locales;
use tell_once_engine::navigate::Step;
use tell_once_engine::Answers;

/// The date of birth the person types for a hand-off, by part, read as the journey reads dates.
fn date_of_birth(parts: &Answers, key: &str) -> Option<Date> {
    parse_date_parts(key, parts).ok()
}

/// Day, month and year of the person's date of birth, in a group with its legend and hint.
#[component]
fn DateOfBirthFields(
    id: &'static str,
    parts: RwSignal<Answers>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let lang = flow.lang();
    let part = move |name: &'static str, width: u8, autocomplete: &'static str| {
        let input_id = format!("{id}-{name}");
        let key = format!("{id}.{name}");
        let label = locales::message(lang, &format!("parts.{name}"), &[]);
        view! {
            <div class="date-input__item">
                <div class="form-group">
                    <label class="label" for=input_id.clone()>{label}</label>
                    <input
                        class=format!("input input--width-{width}")
                        class:input--error=move || error.with(Option::is_some)
                        id=input_id.clone()
                        name=input_id
                        type="text"
                        inputmode="numeric"
                        autocomplete=autocomplete
                        spellcheck="false"
                        aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                        prop:value=move || parts.with_untracked(|p| p.get(&key).to_string())
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            parts.update(|p| p.set(&format!("{id}.{name}"), &value));
                        }
                    />
                </div>
            </div>
        }
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <fieldset class="fieldset" role="group" aria-describedby=move || described_by(id, true, error.with(Option::is_some))>
                <legend class="fieldset__legend fieldset__legend--m">{t!(i18n, components.handoff_dob_legend)}</legend>
                <div class="hint" id=hint_id(id)>{t!(i18n, components.handoff_dob_hint)}</div>
                {move || error.get().map(|message| view! {
                    <p class="error-message" id=error_id(id)>
                        <span class="visually-hidden">{t!(i18n, common.error_prefix)}" "</span>
                        {message}
                    </p>
                })}
                <div class="date-input" id=id>
                    {part("day", 2, "bday-day")}
                    {part("month", 2, "bday-month")}
                    {part("year", 4, "bday-year")}
                </div>
            </fieldset>
        </div>
    }
}

/// What went wrong with a hand-off, in the person's language.
fn problem_text(problem: Problem, locale: Locale) -> String {
    match problem {
        Problem::NotFound => td_string!(locale, components.handoff_not_found).to_string(),
        Problem::Expired => td_string!(locale, components.handoff_expired).to_string(),
        Problem::TooManyAttempts => td_string!(locale, components.handoff_too_many).to_string(),
        Problem::Network | Problem::Status(_) => {
            td_string!(locale, components.handoff_unavailable).to_string()
        }
    }
}

const SAVE_DOB: &str = "handoff-save-dob";
const SAVED_ID: &str = "handoff-saved";

/// A reference the person saved their answers with, and the date of birth it was saved for
/// (so "Save again" on a later page need not ask for it again).
#[derive(Debug, Clone, PartialEq)]
pub struct SavedReference {
    pub saved: Saved,
    pub date_of_birth: Date,
}

/// "Save and get a reference", after "Get help" on every page after the first answer up to "Who
/// gets what": keeps the answers given so far with the hand-off service only when the person
/// presses the button, then shows the code and what to do with it, on that page and every later
/// one, with "Save again" for the answers given since. Resumed, they open on the first page
/// still to answer ("Check your answers" when none is).
#[component]
pub fn SaveReference() -> impl IntoView {
    let flow = use_flow();
    let announcer = use_announcer();
    let i18n = use_i18n();
    let endpoint = StoredValue::new(handoff::endpoint());
    let parts = RwSignal::new(Answers::default());
    // The date of birth in the answers, as they are when Save is pressed; without one, its
    // fields appear then, not before (a question page shows no inputs but its own until then),
    // and what is typed in them is used.
    let asking_dob = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let saved = flow.saved_reference;
    let on_save = move |_| {
        if saving.get_untracked() {
            return;
        }
        let locale = flow.locale_untracked();
        let asking = asking_dob.get_untracked();
        let dob = if asking {
            parts.with_untracked(|p| date_of_birth(p, SAVE_DOB))
        } else {
            flow.answers
                .with_untracked(|a| date_of_birth(a, "person.date_of_birth"))
                .or_else(|| saved.with_untracked(|s| s.as_ref().map(|s| s.date_of_birth)))
        };
        let Some(dob) = dob else {
            if asking {
                error.set(Some(
                    td_string!(locale, components.handoff_dob_error).to_string(),
                ));
            }
            asking_dob.set(true);
            flow.widget.focus_id(&format!("{SAVE_DOB}-day"));
            return;
        };
        error.set(None);
        problem.set(None);
        saving.set(true);
        let journey = flow.journey();
        let answers = flow.answers.get_untracked();
        spawn_local(async move {
            let reply = handoff::save(
                &endpoint.get_value(),
                &journey.id,
                &journey.version,
                &answers,
                dob,
            )
            .await;
            saving.set(false);
            match reply {
                Ok(reply) => {
                    asking_dob.set(false);
                    saved.set(Some(SavedReference {
                        saved: reply,
                        date_of_birth: dob,
                    }));
                    flow.widget.focus_id(SAVED_ID);
                }
                Err(p) => {
                    let text = problem_text(p, locale);
                    announcer.say(text.clone());
                    problem.set(Some(text));
                }
            }
        });
    };
    let expires = move |saved: &Saved| {
        let lang = flow.lang();
        Date::parse_iso(saved.expires_at.get(..10).unwrap_or_default())
            .map(|d| d.long_form(lang))
            .unwrap_or_else(|| saved.expires_at.clone())
    };
    view! {
        <section class="handoff no-print" aria-labelledby=flow.widget.standalone.then_some("handoff-save-heading")>
            <h2 class="heading-m" id="handoff-save-heading">{t!(i18n, components.handoff_save_heading)}</h2>
            {move || match saved.get() {
                Some(SavedReference { saved: reply, .. }) => {
                    let until = expires(&reply);
                    view! {
                        <div class="panel" id=SAVED_ID tabindex="-1">
                            <p class="panel__body">{t!(i18n, components.handoff_code_label)}</p>
                            <p class="handoff__code">{reply.code.clone()}</p>
                            <p class="panel__body">{move || t_string!(i18n, components.handoff_code_expires, date = until.clone()).to_string()}</p>
                        </div>
                        <p class="body">{t!(i18n, components.handoff_code_what_next)}</p>
                        <p class="body">{t!(i18n, components.handoff_code_kept_as)}</p>
                    }.into_any()
                }
                None => view! { <p class="body">{t!(i18n, components.handoff_save_intro)}</p> }.into_any(),
            }}
            {move || asking_dob.get().then(|| view! { <DateOfBirthFields id=SAVE_DOB parts error=error.into()/> })}
            {move || problem.get().map(|text| view! {
                <div class="notice notice--problem"><p class="body notice__text">{text}</p></div>
            })}
            <button type="button" class="button button--secondary" aria-disabled=move || if saving.get() { "true" } else { "false" } on:click=on_save>
                {move || if saved.with(Option::is_some) {
                    t_string!(i18n, components.handoff_save_again_button)
                } else {
                    t_string!(i18n, components.handoff_save_button)
                }}
            </button>
        </section>
    }
}

const RESUME_CODE: &str = "handoff-code";
const RESUME_DOB: &str = "handoff-resume-dob";
const RESUME_PROBLEMS: &str = "handoff-problems";

/// "Continue with a reference", on the start page: the code and date of birth give back the
/// saved answers, which open as a resumed draft of their journey.
#[component]
pub fn ResumeReference() -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let life_events = use_life_events();
    let endpoint = StoredValue::new(handoff::endpoint());
    let code = RwSignal::new(String::new());
    let parts = RwSignal::new(Answers::default());
    let code_error = RwSignal::new(None::<String>);
    let dob_error = RwSignal::new(None::<String>);
    // A refusal for the pair (not found, expired, too many tries), linked to the code.
    let refused = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let problems = Signal::derive(move || {
        let mut list = Vec::new();
        if let Some(m) = code_error.get().or_else(|| refused.get()) {
            list.push((RESUME_CODE.to_string(), m));
        }
        if let Some(m) = dob_error.get() {
            list.push((format!("{RESUME_DOB}-day"), m));
        }
        list
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let locale = flow.locale_untracked();
        let lang = locale.as_str();
        refused.set(None);
        let parsed = Code::parse(&code.get_untracked());
        code_error.set(parsed.as_ref().err().map(|e| e.message(lang)));
        let dob = parts.with_untracked(|p| date_of_birth(p, RESUME_DOB));
        dob_error.set(
            dob.is_none()
                .then(|| td_string!(locale, components.handoff_dob_error).to_string()),
        );
        let (Ok(parsed), Some(dob)) = (parsed, dob) else {
            flow.widget.focus_id(RESUME_PROBLEMS);
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let reply = handoff::resume(&endpoint.get_value(), parsed.as_str(), dob).await;
            busy.set(false);
            match reply {
                Ok(resumed) => {
                    if !open_resumed(flow, life_events, resumed) {
                        refused.set(Some(problem_text(Problem::NotFound, locale)));
                        flow.widget.focus_id(RESUME_PROBLEMS);
                    }
                }
                Err(problem) => {
                    refused.set(Some(problem_text(problem, locale)));
                    flow.widget.focus_id(RESUME_PROBLEMS);
                }
            }
        });
    };
    let code_invalid = move || code_error.with(Option::is_some) || refused.with(Option::is_some);
    view! {
        <section class="handoff" aria-labelledby=flow.widget.standalone.then_some("handoff-resume-heading")>
            <h2 class="heading-m" id="handoff-resume-heading">{t!(i18n, components.handoff_resume_heading)}</h2>
            <p class="body">{t!(i18n, components.handoff_resume_intro)}</p>
            <Problems id=RESUME_PROBLEMS problems section=true/>
            <form novalidate on:submit=on_submit>
                <div class="form-group" class:form-group--error=code_invalid>
                    <label class="label" for=RESUME_CODE>{t!(i18n, components.handoff_code_field)}</label>
                    <div class="hint" id=hint_id(RESUME_CODE)>{t!(i18n, components.handoff_code_hint)}</div>
                    {move || code_error.get().or_else(|| refused.get()).map(|message| view! {
                        <p class="error-message" id=error_id(RESUME_CODE)>
                            <span class="visually-hidden">{t!(i18n, common.error_prefix)}" "</span>
                            {message}
                        </p>
                    })}
                    <input
                        class="input input--width-10 handoff__code-input"
                        class:input--error=code_invalid
                        id=RESUME_CODE
                        name=RESUME_CODE
                        type="text"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        aria-describedby=move || described_by(RESUME_CODE, true, code_invalid())
                        aria-invalid=move || if code_invalid() { "true" } else { "false" }
                        prop:value=move || code.get_untracked()
                        on:input=move |ev| code.set(event_target_value(&ev))
                    />
                </div>
                <DateOfBirthFields id=RESUME_DOB parts error=dob_error.into()/>
                <button type="submit" class="button button--secondary" aria-disabled=move || if busy.get() { "true" } else { "false" }>
                    {t!(i18n, components.handoff_resume_button)}
                </button>
            </form>
        </section>
    }
}

/// Opens answers given back by the hand-off service as a draft resumed on "Check your
/// answers", or on the first page before it still to answer when they were saved part way: on
/// a newer version of the journey, what changed is asked again, as for any draft. Answers of
/// another life event open that one, when the app shows the list of life events. False when
/// they cannot be opened here.
fn open_resumed(
    flow: crate::flow::Flow,
    life_events: Option<crate::pages::life_events::LifeEventsNav>,
    resumed: handoff::Resumed,
) -> bool {
    let journey = flow.journey();
    let now = browser::now_ms();
    let lifetime = flow.session.keep_ms.max(86_400_000);
    if resumed.journey != journey.id {
        return match life_events {
            Some(nav) if nav.href_of(&resumed.journey).is_some() => {
                // Kept as that journey's draft, which opens it where it was saved.
                let draft = Draft {
                    journey: resumed.journey.clone(),
                    version: resumed.version.unwrap_or_default(),
                    step: "check".to_string(),
                    answers: resumed.answers,
                    ..Draft::new(&storage::random_id(), &journey, now, lifetime)
                };
                let keeping = flow.drafting.keeping.get_untracked();
                let _ = storage::write(&resumed.journey, &draft.to_json(), keeping);
                nav.start(&resumed.journey);
                true
            }
            _ => false,
        };
    }
    let mut draft = Draft::new(&flow.drafting.id.get_value(), &journey, now, lifetime);
    draft.save(
        &journey,
        Step::Check,
        &resumed.answers,
        &Default::default(),
        now,
        lifetime,
    );
    if let Some(version) = resumed.version {
        draft.version = version;
    }
    let Some(opened) = resume(&draft, &journey, flow.env()) else {
        return false;
    };
    let ask_again = opened.changed.then(|| opened.pages_to_ask_again());
    flow.answers.set(opened.answers);
    flow.left_out.set(opened.left_out);
    flow.go(opened.step);
    if let Some(ask_again) = ask_again {
        flow.notice.set(Some(Notice::Changed { ask_again }));
    }
    true
}
