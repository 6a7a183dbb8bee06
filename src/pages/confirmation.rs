//! The confirmation page: what became of each service (sent with its reference, pending, not
//! sent and what to do, or left out), what happens next, and a receipt of what went where and
//! when, to print or save.

use crate::browser;
use crate::components::suggestions::Suggestions;
use crate::components::summary_list::{Row, SummaryList};
use crate::components::survey::Survey;
use crate::flow::{confirmation_heading, use_flow, Outcome, Status};
use crate::i18n::*;
use crate::outbox;
use crate::pages::life_events::use_life_events;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tell_once_engine::{case, Step};

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let life_events = use_life_events();
    let retrying = RwSignal::new(None::<String>);

    let status_rows = move || {
        flow.outcomes.with(|outcomes| {
            outcomes
                .iter()
                .map(|o| {
                    let (line, retry) = match o.status() {
                        Status::Sent(reference) => (
                            t_string!(i18n, pages.confirmation_sent_line, reference).to_string(),
                            None,
                        ),
                        Status::Pending => (
                            t_string!(
                                i18n,
                                pages.confirmation_pending_line,
                                agency = &o.agency_name
                            )
                            .to_string(),
                            None,
                        ),
                        Status::Failed(what_to_do) => (
                            t_string!(i18n, pages.confirmation_failed_line, what_to_do).to_string(),
                            o.can_retry().then(|| o.parcel.service.clone()),
                        ),
                        Status::Queued => (
                            t_string!(i18n, pages.confirmation_queued_line).to_string(),
                            None,
                        ),
                        Status::Sending => (t_string!(i18n, pages.sending).to_string(), None),
                        Status::LeftOut => (
                            t_string!(
                                i18n,
                                pages.confirmation_left_out_line,
                                agency = &o.agency_name
                            )
                            .to_string(),
                            None,
                        ),
                    };
                    (
                        format!("{}: {}", o.agency_name, o.service_title),
                        line,
                        retry,
                        o.can_fix(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let try_again = move |service_id: String| {
        if retrying.get_untracked().is_some() {
            return;
        }
        retrying.set(Some(service_id.clone()));
        flow.announcer.say(td_string!(
            i18n.get_locale_untracked(),
            pages.confirmation_sending_again
        ));
        spawn_local(async move {
            outbox::retry(flow, service_id).await;
            retrying.set(None);
            // The result is the heading ("Details sent", or what is still not sent): focus goes
            // to it, so it is said once, on focus, and the Try again button that has gone does
            // not take focus with it.
            flow.announcer.clear();
            flow.widget.focus_heading();
        });
    };

    // The heading changes as sending finishes: its text changes, not the element, so focus
    // on it is not lost.
    let heading = move || {
        flow.outcomes
            .with(|o| confirmation_heading(o, flow.language.get()))
    };
    view! {
        <div class="panel" class:panel--problem=move || !flow.outcomes.with(|o| all_have_details(o))>
            <h1 class="panel__title" tabindex="-1">{heading}</h1>
            {move || flow.outcomes.with(|o| single_reference(o)).map(|reference| view! {
                <div class="panel__body">
                    {t!(i18n, pages.confirmation_reference_label)}<br/>
                    <strong class="panel__reference">{reference}</strong>
                </div>
            })}
        </div>
        <h2 class="heading-m">{t!(i18n, pages.confirmation_services_heading)}</h2>
        <dl class="summary-list">
            {move || status_rows()
                .into_iter()
                .map(|(label, line, retry, fix)| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{label.clone()}</dt>
                        <dd class="summary-list__value">{line}</dd>
                        {fix.then(|| view! {
                            <dd class="summary-list__actions">
                                <a class="link" href=flow.href(Step::Check) on:click=move |ev: leptos::ev::MouseEvent| {
                                    ev.prevent_default();
                                    flow.go(Step::Check);
                                }>
                                    {t!(i18n, pages.confirmation_change_answers)}
                                    <span class="visually-hidden">{t!(i18n, pages.confirmation_change_answers_hidden, service = label.clone())}</span>
                                </a>
                            </dd>
                        })}
                        {retry.map(|service_id| view! {
                            <dd class="summary-list__actions">
                                <button
                                    type="button"
                                    class="link-button"
                                    aria-disabled=move || if retrying.get().is_some() { "true" } else { "false" }
                                    on:click=move |_| try_again(service_id.clone())
                                >
                                    {t!(i18n, pages.confirmation_try_again)}
                                    <span class="visually-hidden">{t!(i18n, pages.confirmation_try_again_hidden, service = label.clone())}</span>
                                </button>
                            </dd>
                        })}
                    </div>
                })
                .collect_view()}
        </dl>
        <h2 class="heading-m">{t!(i18n, pages.confirmation_next_heading)}</h2>
        {move || flow.outcomes.with(|outcomes| outcomes
            .iter()
            .filter_map(|o| next_step(o, flow.language.get()))
            .map(|text| view! { <p class="body">{text}</p> })
            .collect_view())}
        <Suggestions/>
        <h2 class="heading-m">{t!(i18n, pages.confirmation_receipt_heading)}</h2>
        <p class="body">{t!(i18n, pages.confirmation_receipt_intro)}</p>
        {move || flow.outcomes.with(|outcomes| outcomes
            .iter()
            .filter(|o| matches!(o.status(), Status::Sent(_) | Status::Pending))
            .map(|o| {
                let rows: Vec<Row> = o.rows.iter().cloned().map(Row::of).collect();
                view! {
                    <h3 class="heading-s">{format!("{}: {}", o.agency_name, o.service_title)}</h3>
                    <p class="body">{t!(i18n, pages.confirmation_sent_at, at = o.parcel.at.clone())}</p>
                    <SummaryList rows/>
                }
            })
            .collect_view())}
        <p class="no-print">
            <button type="button" class="button button--secondary" on:click=move |_| browser::print()>
                {t!(i18n, pages.confirmation_print_button)}
            </button>
        </p>
        <Survey/>
        <p class="body">{t!(i18n, pages.confirmation_remember)}</p>
        {life_events.map(|events| view! {
            <p class="body no-print">
                <a class="link link--own-line" href=events.href() on:click=move |ev: leptos::ev::MouseEvent| {
                    ev.prevent_default();
                    events.show_list();
                }>{t!(i18n, pages.confirmation_another_life_event)}</a>
            </p>
        })}
    }
}

/// True when every service chosen has the details (sent, or received and not finished yet): the
/// panel then shows no problem.
fn all_have_details(outcomes: &[Outcome]) -> bool {
    outcomes
        .iter()
        .map(Outcome::status)
        .all(|s| matches!(s, Status::Sent(_) | Status::Pending | Status::LeftOut))
}

/// The one reference, when one service was sent to.
fn single_reference(outcomes: &[Outcome]) -> Option<String> {
    let chosen: Vec<Status> = outcomes
        .iter()
        .map(Outcome::status)
        .filter(|s| *s != Status::LeftOut)
        .collect();
    match chosen.as_slice() {
        [Status::Sent(reference)] => Some(reference.clone()),
        _ => None,
    }
}

/// What the person can expect from a service, in words, in `locale`.
fn next_step(o: &Outcome, locale: Locale) -> Option<String> {
    let (agency, service) = (&o.agency_name, case::lowercase(&o.service_title));
    match o.status() {
        Status::Sent(reference) => Some(
            td_string!(
                locale,
                pages.confirmation_next_sent,
                agency,
                service,
                reference
            )
            .to_string(),
        ),
        Status::Pending => {
            Some(td_string!(locale, pages.confirmation_next_pending, agency, service).to_string())
        }
        Status::Failed(_) | Status::Queued | Status::Sending | Status::LeftOut => None,
    }
}
