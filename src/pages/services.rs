//! "Services you can use": after the screening questions, the services that apply with why,
//! and those that do not, with why not. The journey then asks only what they need.

use crate::components::back_link::BackLink;
use crate::components::suggestions::Suggestions;
use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::navigate::{self, Plan, Step};

#[component]
pub fn ServicesPage() -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let journey = flow.journey();
    let (plan, back) = flow.answers.with_untracked(|answers| {
        (
            Plan::new(&journey, answers, flow.env()),
            navigate::back_from(&journey, Step::Services, answers, flow.env()),
        )
    });
    let describe = |applies: bool| {
        journey
            .services
            .iter()
            .zip(&plan.eligible)
            .filter(move |(_, eligible)| **eligible == applies)
            .map(|(service, _)| {
                let reason = if applies {
                    &service.reason
                } else {
                    &service.not_eligible_reason
                };
                (
                    service.title.tr(flow.lang()).to_string(),
                    journey.agency_name(&service.agency, flow.lang()),
                    reason.as_ref().map(|r| r.tr(flow.lang()).to_string()),
                )
            })
            .collect::<Vec<_>>()
    };
    let applying = describe(true);
    let not_applying = describe(false);
    let any = !applying.is_empty();
    let list = |services: Vec<(String, String, Option<String>)>| {
        view! {
            <ul class="service-list">
                {services
                    .into_iter()
                    .map(|(title, agency, reason)| view! {
                        <li class="service-list__item">
                            <h3 class="heading-s service-list__title">{title}</h3>
                            <p class="body service-list__agency">{agency}</p>
                            {reason.map(|reason| view! { <p class="body service-list__reason">{reason}</p> })}
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
    };
    let on_continue = move |_| {
        let journey = flow.journey();
        let next = flow.answers.with_untracked(|answers| {
            navigate::next(&journey, Step::Services, answers, flow.env())
        });
        flow.go(next);
    };
    view! {
        <BackLink to=back/>
        <h1 class="heading-l" tabindex="-1">{t!(i18n, pages.services_heading)}</h1>
        {if any {
            view! {
                <h2 class="heading-m">{t!(i18n, pages.services_apply_heading)}</h2>
                <p class="body">{t!(i18n, pages.services_apply_intro)}</p>
                {list(applying)}
            }
            .into_any()
        } else {
            view! {
                <p class="body">{t!(i18n, pages.services_none)}</p>
            }
            .into_any()
        }}
        {(!not_applying.is_empty()).then(|| view! {
            <h2 class="heading-m">{t!(i18n, pages.services_not_apply_heading)}</h2>
            {list(not_applying)}
        })}
        <Suggestions/>
        {any.then(|| view! {
            <p class="body">{t!(i18n, pages.services_next)}</p>
            <button type="button" class="button" on:click=on_continue>{t!(i18n, pages.continue_button)}</button>
        })}
    }
}
