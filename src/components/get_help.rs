//! "Get help", after every page of a journey: how to reach the people of each agency the
//! journey sends to (phone with its hours, web chat, in person), in the person's language. No
//! wrong door, whatever the channel.

use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::Journey;

/// One agency's ways to be reached, in one language.
#[derive(Debug, Clone, PartialEq)]
struct Channels {
    agency: String,
    /// The number as shown, its `tel:` address, and its hours.
    phone: Option<(String, String, String)>,
    chat: Option<String>,
    in_person: Option<String>,
}

/// The agencies the journey's services belong to that say how to reach them, in the order of
/// the services, each once.
fn contacts(journey: &Journey, lang: &str) -> Vec<Channels> {
    let mut seen = Vec::new();
    for service in &journey.services {
        if !seen.contains(&service.agency.as_str()) {
            seen.push(service.agency.as_str());
        }
    }
    seen.into_iter()
        .filter_map(|agency| {
            let contact = journey.help_for(agency)?;
            Some(Channels {
                agency: journey.agency_name(agency, lang),
                phone: contact
                    .phone
                    .as_ref()
                    .map(|p| (p.number.clone(), p.tel_uri(), p.hours.tr(lang).to_string())),
                chat: contact.chat.clone(),
                in_person: contact.in_person.as_ref().map(|t| t.tr(lang).to_string()),
            })
        })
        .collect()
}

/// Each agency's name is bold text, not a heading: the page's own h3s (services, recipients)
/// stay the only ones. A landmark (a named section) when the app owns the page; on a host page, which may hold
/// several widgets, a plain section under its heading, so landmarks stay unique.
#[component]
pub fn GetHelp() -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let journey = flow.journey();
    move || {
        let contacts = contacts(&journey, flow.lang());
        (!contacts.is_empty()).then(|| {
            view! {
                <section class="get-help no-print" aria-labelledby=flow.widget.standalone.then_some("get-help-heading")>
                    <h2 class="heading-m" id="get-help-heading">{t!(i18n, components.help_heading)}</h2>
                    <p class="body">{t!(i18n, components.help_intro)}</p>
                    {contacts.into_iter().map(|c| {
                        let agency = c.agency.clone();
                        view! {
                            <div class="get-help__agency">
                                <p class="heading-s get-help__name">{c.agency}</p>
                                <ul class="list get-help__channels">
                                    {c.phone.map(|(number, tel, hours)| view! {
                                        <li>
                                            {t!(i18n, components.help_phone)}" "
                                            <a class="link" href=tel>{number}</a>
                                            <br/>
                                            <span class="get-help__hours">{hours}</span>
                                        </li>
                                    })}
                                    {c.chat.map(|url| {
                                        let agency = agency.clone();
                                        view! {
                                            <li>
                                                <a class="link link--own-line" href=url>
                                                    {move || t_string!(i18n, components.help_chat, agency = agency.clone()).to_string()}
                                                </a>
                                            </li>
                                        }
                                    })}
                                    {c.in_person.map(|text| view! {
                                        <li>{t!(i18n, components.help_in_person)}" "{text}</li>
                                    })}
                                </ul>
                            </div>
                        }
                    }).collect_view()}
                </section>
            }
        })
    }
}
