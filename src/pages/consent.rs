//! "Who gets what": before anything is sent, each service that applies with exactly the
//! answers it will get. The person can leave a service out, and is told what that means.
//! Nothing is sent without this page.

use crate::components::back_link::BackLink;
use crate::components::error_summary::{ErrorSummary, ERROR_SUMMARY_ID};
use crate::components::field::{described_by, error_for, hint_id, ErrorMessage};
use crate::components::summary_list::{Row, SummaryList};
use crate::flow::{use_flow, Flow};
use crate::i18n::*;
use crate::outbox;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tell_once_engine::navigate::{Plan, Step};
use tell_once_engine::FieldError;

/// The page's heading, in `locale`: also the page's part of the document title.
pub fn consent_heading(locale: Locale) -> String {
    td_string!(locale, pages.consent_heading).to_string()
}

/// The message when no service is chosen, by the first choice, in the language shown.
fn none_chosen(flow: Flow, first_id: &str) -> FieldError {
    FieldError {
        key: first_id.to_string(),
        message: td_string!(flow.locale_untracked(), pages.consent_choose_error).to_string(),
        inputs: vec![first_id.to_string()],
    }
}

/// The id of the checkbox that sends to a service.
fn choice_id(service_id: &str) -> String {
    format!("send-to-{service_id}")
}

#[component]
pub fn ConsentPage() -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let journey = flow.journey();
    let recipients = flow.recipients();
    let first_id = recipients
        .first()
        .map(|(i, _)| choice_id(&journey.services[*i].id))
        .unwrap_or_default();
    let sending = RwSignal::new(false);
    let announcer = flow.announcer;
    // The page is shown afresh in the language the person switches to: so is its message.
    if flow
        .errors
        .with_untracked(|e| e.iter().any(|e| e.key == first_id))
    {
        flow.errors.set(vec![none_chosen(flow, &first_id)]);
    }

    let send = move |_| {
        if sending.get_untracked() || flow.sending.get_untracked() {
            return; // a second click while sending sends nothing twice
        }
        if flow.show_first_incomplete() {
            return;
        }
        let journey = flow.journey();
        let chosen = flow.answers.with_untracked(|a| {
            let plan = Plan::new(&journey, a, flow.env());
            journey
                .services
                .iter()
                .zip(&plan.eligible)
                .filter(|(s, applies)| {
                    **applies && !flow.left_out.with_untracked(|l| l.contains(&s.id))
                })
                .count()
        });
        if chosen == 0 {
            flow.errors.set(vec![none_chosen(flow, &first_id)]);
            flow.widget.focus_id(ERROR_SUMMARY_ID);
            return;
        }
        flow.errors.set(Vec::new());
        sending.set(true);
        // Progress is said as it happens; the result is the confirmation's heading, said when
        // it takes focus.
        announcer.say(td_string!(
            i18n.get_locale_untracked(),
            pages.consent_sending_status
        ));
        spawn_local(async move {
            outbox::send_chosen(flow, move |message| announcer.say(message)).await;
            flow.go(Step::Confirmation);
        });
    };

    let sections = recipients
        .into_iter()
        .map(|(index, rows)| {
            let service = &journey.services[index];
            let agency = journey.agency_name(&service.agency, flow.lang());
            let id = choice_id(&service.id);
            let service_id = service.id.clone();
            let checked_id = service.id.clone();
            let on_change = move |ev: leptos::ev::Event| {
                let send_it = event_target_checked(&ev);
                flow.left_out.update(|left_out| {
                    if send_it {
                        left_out.remove(&service_id);
                    } else {
                        left_out.insert(service_id.clone());
                    }
                });
                flow.errors.set(Vec::new());
            };
            let rows: Vec<Row> = rows.into_iter().map(Row::of).collect();
            // The message when nothing is chosen sits by the first choice (the summary links to it).
            let error = error_for(id.clone());
            let describe_id = id.clone();
            let heading_id = format!("{id}-heading");
            let labelled_by = heading_id.clone();
            view! {
                <section class="recipient" aria-labelledby=labelled_by>
                    <h2 class="heading-m recipient__title" id=heading_id>{service.title.tr(flow.lang()).to_string()}</h2>
                    <p class="body recipient__agency">{t!(i18n, pages.consent_agency_will_get, agency = agency.clone())}</p>
                    <SummaryList rows/>
                    <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
                        <ErrorMessage id=id.clone() message=error/>
                        <div class="checkboxes__item recipient__choice">
                            <input
                                class="checkboxes__input"
                                id=id.clone()
                                type="checkbox"
                                prop:checked=move || flow.left_out.with(|l| !l.contains(&checked_id))
                                aria-describedby=move || described_by(&describe_id, true, error.with(Option::is_some))
                                on:change=on_change
                            />
                            <label class="label checkboxes__label" for=id.clone()>{t!(i18n, pages.consent_send_label, agency = agency.clone())}</label>
                            <div class="hint checkboxes__hint" id=hint_id(&id)>
                                {t!(i18n, pages.consent_leave_out_hint, agency)}
                            </div>
                        </div>
                    </div>
                </section>
            }
        })
        .collect_view();

    view! {
        <BackLink to=Step::Check/>
        <ErrorSummary/>
        <h1 class="heading-l" tabindex="-1">{t!(i18n, pages.consent_heading)}</h1>
        <p class="body">{t!(i18n, pages.consent_intro)}</p>
        {sections}
        <p class="body">{t!(i18n, pages.consent_confirm)}</p>
        <button
            type="button"
            class="button"
            aria-disabled=move || if sending.get() { "true" } else { "false" }
            on:click=send
        >
            {move || if sending.get() {
                t_string!(i18n, pages.sending).to_string()
            } else {
                t_string!(i18n, pages.consent_send_button).to_string()
            }}
        </button>
    }
}
