//! Where the person is in a journey: the step, their answers, the errors on the current page
//! and what has been sent. Shared once through context; pages take what they need from it.

use crate::browser;
use crate::pages::items::{items_heading, ItemsPage};
use crate::pages::{
    check::CheckPage, confirmation::ConfirmationPage, question::QuestionPage,
    services::ServicesPage, start::StartPage,
};
use leptos::prelude::*;
use std::sync::Arc;
use tell_once_engine::navigate::{self, Step};
use tell_once_engine::validate::Env;
use tell_once_engine::{Answers, FieldError, Journey};

/// The language texts are shown in. English only, for now.
pub const LANG: &str = "en";

/// The product's name, at the end of every document title.
pub const PRODUCT: &str = "Tell Once";

/// One service's receipt: the answers reached it and it gave this reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub service_id: String,
    pub service_title: String,
    pub agency_name: String,
    pub reference: String,
}

#[derive(Clone, Copy)]
pub struct Flow {
    journey: StoredValue<Arc<Journey>>,
    pub step: RwSignal<Step>,
    pub answers: RwSignal<Answers>,
    /// Set by a Change link on "Check your answers": Continue then goes back there.
    pub returning_to_check: RwSignal<bool>,
    /// Set by a Change link on a repeating group's list: Continue then goes back to the list.
    pub returning_to_items: RwSignal<bool>,
    /// The errors on the current question page, after a Continue that failed.
    pub errors: RwSignal<Vec<FieldError>>,
    /// Services that have the answers, in the order sent.
    pub receipts: RwSignal<Vec<Receipt>>,
    standalone: bool,
}

impl Flow {
    pub fn journey(&self) -> Arc<Journey> {
        self.journey.get_value()
    }

    /// Shows another step. Focus and the title follow (see [`JourneyFlow`]).
    pub fn go(&self, step: Step) {
        self.errors.set(Vec::new());
        if !matches!(step, Step::Question(_) | Step::Item { .. }) {
            self.returning_to_check.set(false);
        }
        if !matches!(step, Step::Item { .. }) {
            self.returning_to_items.set(false);
        }
        self.step.set(step);
        if self.standalone {
            browser::push_page(&step.slug(&self.journey()));
        }
    }

    /// The address of a step, for links that work even before the app handles them.
    pub fn href(&self, step: Step) -> String {
        browser::address_of_page(&step.slug(&self.journey()))
    }

    /// The step a person may see when asking for `wanted`, given what they have answered.
    fn reachable(&self, wanted: Step) -> Step {
        let journey = self.journey();
        let receipts_exist = !self.receipts.with_untracked(Vec::is_empty);
        if wanted == Step::Confirmation && receipts_exist {
            return wanted;
        }
        self.answers
            .with_untracked(|answers| navigate::reachable(&journey, wanted, answers, env()))
    }
}

/// What validation needs from the browser: today, the language and its RegExp.
pub fn env() -> Env<'static> {
    Env {
        today: browser::today(),
        lang: LANG,
        patterns: &browser::BrowserRegExp,
        answers: None,
    }
}

pub fn use_flow() -> Flow {
    expect_context::<Flow>()
}

/// A journey from start to confirmation.
#[component]
pub fn JourneyFlow(journey: Arc<Journey>, standalone: bool) -> impl IntoView {
    let flow = Flow {
        journey: StoredValue::new(journey.clone()),
        step: RwSignal::new(Step::Start),
        answers: RwSignal::new(Answers::default()),
        returning_to_check: RwSignal::new(false),
        returning_to_items: RwSignal::new(false),
        errors: RwSignal::new(Vec::new()),
        receipts: RwSignal::new(Vec::new()),
        standalone,
    };
    provide_context(flow);

    if standalone {
        // Open at the step in the address, if the person may be there.
        let wanted = browser::page_in_address()
            .and_then(|slug| Step::from_slug(&journey, &slug))
            .unwrap_or(Step::Start);
        let step = flow.reachable(wanted);
        flow.step.set(step);
        browser::replace_page(&step.slug(&journey));
        // Back and Forward move between steps. After sending, going back starts afresh rather
        // than offering to send the same answers twice.
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let journey = flow.journey();
            let wanted = browser::page_in_address()
                .and_then(|slug| Step::from_slug(&journey, &slug))
                .unwrap_or(Step::Start);
            if flow.step.get_untracked() == Step::Confirmation && wanted != Step::Confirmation {
                flow.receipts.set(Vec::new());
            }
            let step = flow.reachable(wanted);
            flow.errors.set(Vec::new());
            flow.returning_to_check.set(false);
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
        let has_errors = flow.errors.with(|e| !e.is_empty());
        let journey = flow.journey();
        let page = match step {
            Step::Start => None,
            Step::Question(i) | Step::Item { page: i, .. } => {
                Some(journey.pages[i].heading(LANG).to_string())
            }
            Step::Items(i) => Some(
                flow.answers
                    .with(|answers| items_heading(&journey.pages[i], answers)),
            ),
            Step::Services => Some("Services you can use".to_string()),
            Step::Check => Some("Check your answers before sending".to_string()),
            Step::Confirmation => Some("Details sent".to_string()),
        };
        let mut title = match page {
            Some(page) => format!("{page} – {} – {PRODUCT}", journey.title.tr(LANG)),
            None => format!("{} – {PRODUCT}", journey.title.tr(LANG)),
        };
        if has_errors {
            title = format!("Error: {title}");
        }
        browser::set_title(&title);
        if previous.is_some_and(|p| p != step) {
            browser::focus_heading();
        }
        step
    });

    move || match flow.step.get() {
        Step::Start => view! { <StartPage/> }.into_any(),
        step @ (Step::Question(_) | Step::Item { .. }) => view! { <QuestionPage step/> }.into_any(),
        Step::Items(page) => view! { <ItemsPage page/> }.into_any(),
        Step::Services => view! { <ServicesPage/> }.into_any(),
        Step::Check => view! { <CheckPage/> }.into_any(),
        Step::Confirmation => view! { <ConfirmationPage/> }.into_any(),
    }
}
