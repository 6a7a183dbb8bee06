//! Where the person is in a journey: the step, their answers, the errors on the current page
//! and what has been sent. Shared once through context; pages take what they need from it.
//! Above every journey, the [`Session`] holds what journeys share: the answer store.

use crate::api;
use crate::browser;
use crate::components::announcer::{use_announcer, Announcer};
use crate::components::get_help::GetHelp;
use crate::components::handoff::{SaveReference, SavedReference};
use crate::components::saved_answers::SavedAnswers;
use crate::drafts::{self, Drafting};
use crate::events;
use crate::i18n::{td_string, Locale};
use crate::language::{use_language, Language};
use crate::outbox;
use crate::pages::consent::{consent_heading, ConsentPage};
use crate::pages::items::{items_heading, ItemsPage};
use crate::pages::known::{known_heading, KnownPage};
use crate::pages::{
    check::CheckPage, confirmation::ConfirmationPage, question::QuestionPage,
    services::ServicesPage, start::StartPage,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use tell_once_engine::delivery::SendProblem;
use tell_once_engine::known;
use tell_once_engine::mapping::{answers_to_send, with_base};
use tell_once_engine::navigate::{self, Returning, Step};
use tell_once_engine::ordered;
use tell_once_engine::outbox::{Parcel, ParcelState};
use tell_once_engine::summary::{who_gets_what, SummaryRow};
use tell_once_engine::validate::Env;
use tell_once_engine::{Answers, FieldError, Journey};

/// One service at sending: what it was sent (or would have been), and what became of it. The
/// parcel is the engine's outbox entry, kept in the draft; the rest is for showing it, in the
/// language shown: when the person switches language, it is all said again in the new one
/// (see [`Outcome::say_in`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub parcel: Parcel,
    /// The id of the service's agency in the journey.
    pub agency: String,
    pub service_title: String,
    pub agency_name: String,
    /// What the service was sent (or would have been), as "Check your answers" shows it.
    pub rows: Vec<SummaryRow>,
    /// The language the words here are in (and the parcel's `at`).
    pub locale: Locale,
    /// When the parcel's state last changed, in milliseconds since the epoch, if it changed
    /// on this page: its `at` can then be said in another language. (A parcel from a saved
    /// draft keeps the words it was saved with.)
    pub at_ms: Option<i64>,
    /// The answers `rows` show, to say them again in another language.
    answers: Arc<Answers>,
}

impl Outcome {
    /// What became of the journey's service `index`, in `locale`: `rows` are what it was sent
    /// (or would have been) from `answers`.
    pub fn new(
        journey: &Journey,
        index: usize,
        parcel: Parcel,
        rows: Vec<SummaryRow>,
        answers: Arc<Answers>,
        locale: Locale,
    ) -> Self {
        let service = &journey.services[index];
        let lang = locale.as_str();
        Self {
            parcel,
            agency: service.agency.clone(),
            service_title: service.title.tr(lang).to_string(),
            agency_name: journey.agency_name(&service.agency, lang),
            rows,
            locale,
            at_ms: None,
            answers,
        }
    }

    /// Says it all again in `locale`: names, what was sent, and when.
    pub fn say_in(&mut self, journey: &Journey, locale: Locale) {
        let lang = locale.as_str();
        let Some(index) = journey
            .services
            .iter()
            .position(|s| s.id == self.parcel.service)
        else {
            return;
        };
        let service = &journey.services[index];
        self.service_title = service.title.tr(lang).to_string();
        self.agency_name = journey.agency_name(&self.agency, lang);
        let plan = navigate::Plan::new(journey, &self.answers, env(lang));
        let sent = answers_to_send(journey, &self.answers, &plan);
        self.rows = who_gets_what(journey, &self.answers, &plan, &sent, lang)
            .into_iter()
            .find(|(i, _)| *i == index)
            .map(|(_, rows)| rows)
            .unwrap_or_default();
        if let Some(ms) = self.at_ms {
            self.parcel.at = browser::moment_in_words(ms, locale);
        }
        self.locale = locale;
    }

    /// Now, as the parcel's `at` is to say it: in words, in the outcome's language.
    pub fn now(&mut self) -> String {
        let ms = browser::now_ms();
        self.at_ms = Some(ms);
        browser::moment_in_words(ms, self.locale)
    }

    pub fn status(&self) -> Status {
        match &self.parcel.state {
            ParcelState::Queued => Status::Queued,
            ParcelState::Sending => Status::Sending,
            ParcelState::Sent { reference } => Status::Sent(reference.clone()),
            ParcelState::Pending { .. } => Status::Pending,
            ParcelState::Failed { problem } => {
                Status::Failed(outbox::explain(&self.agency_name, problem, self.locale))
            }
            ParcelState::LeftOut => Status::LeftOut,
        }
    }

    /// The answers this service was sent (or would have been).
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// True when the agency turned the answers down (a 4xx other than 408 and 429): the person
    /// may change them and send again.
    pub fn can_fix(&self) -> bool {
        matches!(&self.parcel.state, ParcelState::Failed { problem: problem @ SendProblem::Rejected { .. } } if !problem.is_transient())
    }

    /// True when sending failed for a reason that may pass, so it can be tried again.
    pub fn can_retry(&self) -> bool {
        self.parcel.request.is_some()
            && matches!(&self.parcel.state, ParcelState::Failed { problem } if problem.is_transient())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// The agency has the answers and gave this reference.
    Sent(String),
    /// The agency has them but had not finished when we stopped asking.
    Pending,
    /// Not sent: why, and what to do, in words.
    Failed(String),
    /// Waiting for the browser to be back online.
    Queued,
    /// Being sent now.
    Sending,
    /// The person chose not to send to this service.
    LeftOut,
}

/// Something the person should know about their answers, shown at the top of the page and said
/// once by the announcer (see [`Notices`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// They deleted their answers.
    Deleted,
    /// Their saved answers had expired, so they were deleted.
    Expired,
    /// The saved answers could not be read, so they were deleted.
    Unreadable,
    /// The journey changed since the draft was saved: these pages must be answered again.
    /// (Pages by index.)
    Changed { ask_again: Vec<usize> },
}

/// What happened when the person's details were fetched from an agency's record. `agency` is
/// the agency's id in the journey: its name is said in the language shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Prefill {
    /// Not signed in, or the journey has no prefill.
    Off,
    Fetching {
        agency: String,
    },
    Filled {
        agency: String,
    },
    Unavailable {
        agency: String,
    },
}

/// What every journey in this browser tab shares: the answer store ("tell us once"), whether
/// the host page says the person is signed in, and the agencies' base URLs it chose.
#[derive(Clone, Copy)]
pub struct Session {
    /// What the person confirmed in journeys they sent, with where each answer came from.
    pub store: RwSignal<Answers>,
    pub signed_in: bool,
    pub agency_urls: StoredValue<ordered::Map<String>>,
    /// How long a draft is kept on the device after it was last saved, in milliseconds; 0
    /// keeps drafts in the tab only.
    pub keep_ms: i64,
}

#[derive(Clone, Copy)]
pub struct Flow {
    journey: StoredValue<Arc<Journey>>,
    pub step: RwSignal<Step>,
    pub answers: RwSignal<Answers>,
    /// Set by a Change link: Continue then goes back where it came from.
    pub returning: RwSignal<Returning>,
    /// Set by a Change link on a repeating group's list: Continue then goes back to the list.
    pub returning_to_items: RwSignal<bool>,
    /// The errors on the current page, after a Continue that failed.
    pub errors: RwSignal<Vec<FieldError>>,
    /// Services the person chose to leave out, by id.
    pub left_out: RwSignal<ordered::Set<String>>,
    /// What became of each service, once sent.
    pub outcomes: RwSignal<Vec<Outcome>>,
    pub prefill: RwSignal<Prefill>,
    pub session: Session,
    /// How the draft of this journey is kept.
    pub drafting: Drafting,
    /// The answers a fresh start has (what the answer store carries over): until they
    /// change, there is nothing to save.
    pub fresh: StoredValue<Answers>,
    pub notice: RwSignal<Option<Notice>>,
    /// True while the outbox is sending: a double click, or coming back online, sends nothing
    /// twice.
    pub sending: RwSignal<bool>,
    /// The last reference the person saved their answers with, shown on every later page
    /// (in memory only: it goes with the tab, or when they start afresh).
    pub saved_reference: RwSignal<Option<SavedReference>>,
    /// Where this journey is on the page.
    pub widget: browser::Widget,
    /// The language the journey is shown in.
    pub language: Language,
    /// The widget's one live region: what changes without moving focus is said there.
    pub announcer: Announcer,
}

impl Flow {
    pub fn journey(&self) -> Arc<Journey> {
        self.journey.get_value()
    }

    /// Shows another step. Focus and the title follow (see [`JourneyFlow`]).
    pub fn go(&self, step: Step) {
        // What was said about the last page no longer applies; the new heading is said on focus.
        self.announcer.clear();
        self.errors.set(Vec::new());
        self.notice.set(None);
        if !matches!(step, Step::Question(_) | Step::Item { .. }) {
            self.returning.set(Returning::No);
        }
        if !matches!(step, Step::Item { .. }) {
            self.returning_to_items.set(false);
        }
        self.step.set(step);
        if self.widget.standalone {
            browser::push_page(&step.slug(&self.journey()));
        }
    }

    /// Starts the journey's answers again from what the answer store knows now.
    fn start_afresh(&self) {
        let journey = self.journey();
        let seeded = self
            .session
            .store
            .with_untracked(|store| known::seed(store, &journey));
        self.fresh.set_value(seeded.clone());
        self.answers.set(seeded);
        self.saved_reference.set(None);
    }

    /// True until the person gives this journey an answer of its own.
    pub fn untouched(&self) -> bool {
        self.answers
            .with_untracked(|a| self.fresh.with_value(|fresh| a == fresh))
    }

    /// The code of the language the journey is shown in, for picking its texts (tracked).
    pub fn lang(&self) -> &'static str {
        self.language.code()
    }

    /// The language the journey is shown in, not tracked (for what happens outside a view).
    pub fn locale_untracked(&self) -> Locale {
        self.language.i18n.get_locale_untracked()
    }

    /// What validation and navigation need, in the journey's language.
    pub fn env(&self) -> Env<'static> {
        env(self.language.code_untracked())
    }

    /// The address of a step, for links that work even before the app handles them.
    pub fn href(&self, step: Step) -> String {
        browser::address_of_page(&step.slug(&self.journey()))
    }

    /// Only a complete journey goes on to "Who gets what" and sending: if a page asked is
    /// missing an answer or has a wrong one, shows that page with its errors and returns true.
    pub fn show_first_incomplete(&self) -> bool {
        let journey = self.journey();
        let incomplete = self.answers.with_untracked(|a| {
            navigate::first_incomplete(&journey, a, self.env())
                .filter(|step| !matches!(step, Step::Check | Step::Consent))
                .map(|step| (step, navigate::validate_step(&journey, step, a, self.env())))
        });
        let Some((step, errors)) = incomplete else {
            return false;
        };
        self.go(step);
        self.errors.set(errors);
        true
    }

    /// Each service that applies, with exactly the answers it would be sent now (as "Who gets
    /// what" shows them).
    pub fn recipients(&self) -> Vec<(usize, Vec<SummaryRow>)> {
        let journey = self.journey();
        self.answers.with_untracked(|answers| {
            let plan = navigate::Plan::new(&journey, answers, self.env());
            let sent = answers_to_send(&journey, answers, &plan);
            who_gets_what(
                &journey,
                answers,
                &plan,
                &sent,
                self.language.code_untracked(),
            )
        })
    }

    /// The base URL of an agency's APIs: the host page's, else the journey's.
    pub fn agency_base(&self, agency: &str) -> String {
        let journey = self.journey();
        self.session
            .agency_urls
            .with_value(|urls| journey.agency_base(agency, urls).to_string())
    }

    /// The step a person may see when asking for `wanted`, given what they have answered.
    fn reachable(&self, wanted: Step) -> Step {
        let journey = self.journey();
        let sent = !self.outcomes.with_untracked(Vec::is_empty);
        if wanted == Step::Confirmation && sent {
            return wanted;
        }
        self.answers
            .with_untracked(|answers| navigate::reachable(&journey, wanted, answers, self.env()))
    }
}

/// What validation needs from the browser: today, the language and its RegExp.
pub fn env(lang: &'static str) -> Env<'static> {
    Env {
        today: browser::today(),
        lang,
        patterns: &browser::BrowserRegExp,
        answers: None,
    }
}

pub fn use_flow() -> Flow {
    expect_context::<Flow>()
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The confirmation page's heading when every service chosen has the details, in `locale`.
pub fn sent_heading(locale: Locale) -> &'static str {
    td_string!(locale, flow.confirmation_sent)
}

/// The heading of the confirmation page, from what became of each service, in `locale`.
pub fn confirmation_heading(outcomes: &[Outcome], locale: Locale) -> &'static str {
    let statuses: Vec<Status> = outcomes
        .iter()
        .map(Outcome::status)
        .filter(|s| *s != Status::LeftOut)
        .collect();
    let count = |f: fn(&Status) -> bool| statuses.iter().filter(|s| f(s)).count();
    if count(|s| *s == Status::Sending) > 0 {
        return td_string!(locale, flow.confirmation_sending);
    }
    if count(|s| *s == Status::Queued) > 0 {
        return td_string!(locale, flow.confirmation_queued);
    }
    match count(|s| matches!(s, Status::Failed(_))) {
        0 => sent_heading(locale),
        n if n == statuses.len() => td_string!(locale, flow.confirmation_none_sent),
        _ => td_string!(locale, flow.confirmation_some_not_sent),
    }
}

/// A journey from start to confirmation.
#[component]
pub fn JourneyFlow(journey: Arc<Journey>) -> impl IntoView {
    let session = use_session();
    let widget = browser::widget();
    let standalone = widget.standalone;
    // Tell us once: what the person already told us is carried over.
    let seeded = session
        .store
        .with_untracked(|store| known::seed(store, &journey));
    // Unless there is a draft: then the journey opens as the person left it.
    let language = use_language();
    // Only languages the journey has every text in.
    language.offer(&tell_once_engine::lint::complete_languages(&journey));
    let opening = drafts::open(
        &journey,
        seeded.clone(),
        session.keep_ms,
        language.code_untracked(),
    );
    let resumed = opening.step.is_some();
    let flow = Flow {
        journey: StoredValue::new(journey.clone()),
        step: RwSignal::new(Step::Start),
        answers: RwSignal::new(opening.answers),
        returning: RwSignal::new(Returning::No),
        returning_to_items: RwSignal::new(false),
        errors: RwSignal::new(Vec::new()),
        left_out: RwSignal::new(opening.left_out),
        outcomes: RwSignal::new(Vec::new()),
        prefill: RwSignal::new(Prefill::Off),
        session,
        drafting: opening.drafting,
        fresh: StoredValue::new(seeded),
        notice: RwSignal::new(opening.notice),
        sending: RwSignal::new(false),
        saved_reference: RwSignal::new(None),
        widget,
        language,
        announcer: use_announcer(),
    };
    provide_context(flow);
    outbox::reopen(flow, opening.parcels);
    if !resumed {
        start_prefill(flow);
    }

    // The step: the draft's, else (standalone) the one in the address, if the person may be
    // there.
    let wanted = opening.step.unwrap_or_else(|| {
        standalone
            .then(browser::page_in_address)
            .flatten()
            .and_then(|slug| Step::from_slug(&journey, &slug))
            .unwrap_or(Step::Start)
    });
    let step = flow.reachable(wanted);
    flow.step.set(step);

    // Every answer is saved as it is given, and so is each step. (The outbox saves the draft
    // itself, before each request goes: see `outbox`.)
    Effect::new(move |_| {
        flow.step.track();
        flow.answers.track();
        flow.left_out.track();
        flow.drafting.keeping.track();
        drafts::save(&flow);
    });
    // Tell us once, between widgets on one page: what the person tells another journey reaches
    // this one, as long as they have not begun this one (what they see never changes under
    // them).
    Effect::new(move |first: Option<()>| {
        flow.session.store.track();
        if first.is_some() && flow.untouched() && flow.outcomes.with_untracked(Vec::is_empty) {
            flow.start_afresh();
        }
    });
    // Offline at sending: what is waiting is sent when the browser is back online.
    let online = window_event_listener(leptos::ev::online, move |_| {
        spawn_local(outbox::send_waiting(flow));
    });
    on_cleanup(move || online.remove());
    spawn_local(outbox::send_waiting(flow));

    if standalone {
        browser::replace_page(&step.slug(&journey));
        // Back and Forward move between steps. After sending, going back starts afresh rather
        // than offering to send the same answers twice.
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let journey = flow.journey();
            let wanted = browser::page_in_address()
                .and_then(|slug| Step::from_slug(&journey, &slug))
                .unwrap_or(Step::Start);
            if flow.step.get_untracked() == Step::Confirmation
                && wanted != Step::Confirmation
                && outbox::all_done(&flow)
            {
                // Starting again after sending: with what the answer store now knows.
                flow.outcomes.set(Vec::new());
                flow.start_afresh();
            }
            let step = flow.reachable(wanted);
            flow.errors.set(Vec::new());
            flow.returning.set(Returning::No);
            flow.step.set(step);
            if step != wanted {
                browser::replace_page(&step.slug(&journey));
            }
        });
        on_cleanup(move || handle.remove());
    }

    // Each step names itself in the title; a page with errors says so first. On a new step,
    // focus goes to its heading (not on the first one: the host page keeps its focus).
    Effect::new(move |previous: Option<Step>| {
        let step = flow.step.get();
        let locale = flow.language.get();
        let lang = locale.as_str();
        let has_errors = flow.errors.with(|e| !e.is_empty());
        let journey = flow.journey();
        let page = match step {
            Step::Start => None,
            Step::Question(i) | Step::Item { page: i, .. } => {
                Some(journey.pages[i].heading(lang).to_string())
            }
            Step::Items(i) => Some(
                flow.answers
                    .with(|answers| items_heading(&journey.pages[i], answers, locale)),
            ),
            Step::Services => Some(td_string!(locale, pages.services_heading).to_string()),
            Step::Known => Some(known_heading(locale)),
            Step::Check => Some(td_string!(locale, pages.check_heading).to_string()),
            Step::Consent => Some(consent_heading(locale)),
            Step::Confirmation => Some(
                flow.outcomes
                    .with(|o| confirmation_heading(o, locale))
                    .to_string(),
            ),
        };
        let (journey_title, product) = (journey.title.tr(lang), td_string!(locale, common.product));
        let mut title = match page {
            Some(step) => td_string!(
                locale,
                flow.title_step,
                step,
                journey = journey_title,
                product
            )
            .to_string(),
            None => {
                td_string!(locale, flow.title_journey, journey = journey_title, product).to_string()
            }
        };
        if has_errors {
            title = td_string!(locale, flow.title_error, title).to_string();
        }
        widget.set_title(&title);
        if previous.is_some_and(|p| p != step) {
            widget.focus_heading();
        }
        // For the host page's analytics: which page, never what is on it.
        if previous != Some(step) {
            if previous == Some(Step::Start) {
                events::started(&widget, &journey);
            }
            events::page(&widget, &journey, &step.slug(&journey));
        }
        step
    });

    // The errors shown are said again in the language the person switches to.
    Effect::new(move |previous: Option<&'static str>| {
        let lang = flow.lang();
        let step = flow.step.get_untracked();
        if previous.is_some_and(|p| p != lang)
            && matches!(step, Step::Question(_) | Step::Item { .. })
            && flow.errors.with_untracked(|e| !e.is_empty())
        {
            let errors = flow
                .answers
                .with_untracked(|a| navigate::validate_step(&flow.journey(), step, a, flow.env()));
            flow.errors.set(errors);
        }
        lang
    });

    // What became of each service is said again in the language the person switches to.
    Effect::new(move |_| {
        let locale = flow.language.get();
        let journey = flow.journey();
        if flow
            .outcomes
            .with_untracked(|o| o.iter().any(|o| o.locale != locale))
        {
            flow.outcomes.update(|outcomes| {
                for outcome in outcomes.iter_mut().filter(|o| o.locale != locale) {
                    outcome.say_in(&journey, locale);
                }
            });
        }
    });

    // A page is shown afresh in the language the person switches to; what they typed is in
    // the answers, so nothing is lost. Not the confirmation: its words follow the language by
    // themselves, and the survey on it keeps what the person has chosen so far.
    let page_for = move |step: Step| match step {
        Step::Start => view! { <StartPage/> }.into_any(),
        step @ (Step::Question(_) | Step::Item { .. }) => view! { <QuestionPage step/> }.into_any(),
        Step::Items(page) => view! { <ItemsPage page/> }.into_any(),
        Step::Services => view! { <ServicesPage/> }.into_any(),
        Step::Known => view! { <KnownPage/> }.into_any(),
        Step::Check => view! { <CheckPage/> }.into_any(),
        Step::Consent => view! { <ConsentPage/> }.into_any(),
        Step::Confirmation => view! { <ConfirmationPage/> }.into_any(),
    };
    let page = move || {
        let step = flow.step.get();
        if step != Step::Confirmation {
            flow.language.get();
        }
        page_for(step)
    };
    // "Save and get a reference" on every page between the start and the confirmation that is
    // shown with answers to keep (not the first question, before any), so a person who gets
    // stuck can call with a code rather than start again. Made afresh on each page.
    let shown = Memo::new(move |_| flow.step.get());
    let save = move || {
        let step = shown.get();
        let answered = flow.answers.with_untracked(|a| a.iter().next().is_some());
        (answered && !matches!(step, Step::Start | Step::Confirmation))
            .then(|| view! { <SaveReference/> })
    };
    view! {
        <Notices/>
        {page}
        <GetHelp/>
        {save}
        <SavedAnswers/>
    }
}

/// Fetches the person's details from the agency record the journey names, when the host page
/// says they are signed in. Whatever happens, the journey goes on.
fn start_prefill(flow: Flow) {
    let journey = flow.journey();
    let Some(config) = journey.prefill.clone().filter(|_| flow.session.signed_in) else {
        return;
    };
    let lang = flow.language.code_untracked();
    let agency = config.agency.clone();
    flow.prefill.set(Prefill::Fetching {
        agency: agency.clone(),
    });
    let url = with_base(&config.url, &flow.agency_base(&config.agency));
    spawn_local(async move {
        let reply = api::fetch_profile(&url, config.timeout_seconds).await;
        let filled = reply.ok().and_then(|reply| {
            flow.answers
                .try_update(|answers| {
                    known::prefill(answers, &journey, &config, &reply, lang, browser::today())
                })?
                .ok()
        });
        flow.prefill.set(match filled {
            Some(_) => Prefill::Filled { agency },
            None => Prefill::Unavailable { agency },
        });
    });
}

/// Text ending as a sentence: with a full stop, unless it ends with its own punctuation.
fn sentence(text: &str) -> String {
    if text.ends_with(['.', '?', '!']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// The flow's notices: whether the person's details came from their record (on the
/// start and question pages), and what happened to their saved answers.
#[component]
fn Notices() -> impl IntoView {
    let flow = use_flow();
    let prefill = move || {
        let step = flow.step.get();
        if matches!(step, Step::Check | Step::Consent | Step::Confirmation) {
            return None;
        }
        let locale = flow.language.get();
        let name = |agency: &str| flow.journey().agency_name(agency, locale.as_str());
        match flow.prefill.get() {
            Prefill::Off => None,
            Prefill::Fetching { agency } if step == Step::Start => Some((
                false,
                td_string!(locale, flow.prefill_fetching, agency = name(&agency)).to_string(),
            )),
            Prefill::Fetching { .. } => None,
            Prefill::Filled { agency } if step == Step::Start => Some((
                false,
                td_string!(locale, flow.prefill_filled, agency = name(&agency)).to_string(),
            )),
            Prefill::Filled { .. } => None,
            Prefill::Unavailable { agency } => Some((
                true,
                td_string!(locale, flow.prefill_unavailable, agency = name(&agency)).to_string(),
            )),
        }
    };
    let notice = move || {
        let (journey, locale) = (flow.journey(), flow.language.get());
        let lang = locale.as_str();
        flow.notice.get().map(|notice| match notice {
            Notice::Deleted => (false, td_string!(locale, flow.draft_deleted).to_string()),
            Notice::Expired => (false, td_string!(locale, flow.draft_expired).to_string()),
            Notice::Unreadable => (true, td_string!(locale, flow.draft_unreadable).to_string()),
            Notice::Changed { ask_again } if ask_again.is_empty() => {
                (false, td_string!(locale, flow.journey_changed).to_string())
            }
            Notice::Changed { ask_again } => {
                let pages = sentence(
                    &ask_again
                        .iter()
                        .filter_map(|&i| Some(journey.pages.get(i)?.heading(lang)))
                        .collect::<Vec<_>>()
                        .join("; "),
                );
                (
                    true,
                    td_string!(locale, flow.journey_changed_ask_again, pages).to_string(),
                )
            }
        })
    };
    // Offline at sending: what was chosen is sent when the browser is back online. (Only
    // offline: while sending, the services after the first wait their turn as queued too.)
    let offline = move || {
        let locale = flow.language.get();
        let waiting = flow
            .outcomes
            .with(|o| o.iter().any(|o| o.parcel.state == ParcelState::Queued));
        (waiting && !browser::online())
            .then(|| (true, td_string!(locale, flow.offline).to_string()))
    };
    let notices = Memo::new(move |_| {
        [notice(), offline(), prefill()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
    });
    // Shown where they apply, and said once through the announcer when they change (a notice
    // still shown on the next page is not said again).
    Effect::new(move |said: Option<String>| {
        let words = notices.with(|n| {
            n.iter()
                .map(|(_, text)| text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        });
        if !words.is_empty() && said.as_ref() != Some(&words) {
            flow.announcer.say(words.clone());
        }
        words
    });
    view! {
        <div class="flow-status">
            {move || notices.get().into_iter().map(|(problem, text)| view! {
                <div class="notice" class:notice--warning=problem>
                    <p class="body notice__text">{text}</p>
                </div>
            }).collect_view()}
        </div>
    }
}
