//! The list of a repeating group's items ("You have added 2 children"): each with Change and
//! Remove, then "Do you need to add another child?" (the GOV.UK add-another pattern).

use crate::components::back_link::BackLink;
use crate::components::error_summary::{ErrorSummary, ERROR_SUMMARY_ID};
use crate::components::question_field::QuestionField;
use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::case::capitalise;
use tell_once_engine::definition::{Page, Question};
use tell_once_engine::field::FieldKind;
use tell_once_engine::navigate::{self, Plan, Step};
use tell_once_engine::validate::validate_question;
use tell_once_engine::{repeat, summary, Answers};

/// "You have added 1 child" / "You have added 2 children", in `locale` (the journey gives the
/// nouns).
pub fn items_heading(page: &Page, answers: &Answers, locale: Locale) -> String {
    let lang = locale.as_str();
    let count = repeat::count(page, answers);
    let Some(group) = &page.repeat else {
        return String::new();
    };
    let noun = if count == 1 {
        group.item.tr(lang)
    } else {
        group.items.tr(lang)
    };
    td_string!(locale, pages.items_heading, count, noun).to_string()
}

/// The yes/no asked under the list; its answer is only read, never sent. Its words are in
/// `locale` (whatever the language, they are the question's only text).
fn add_another(page: &Page, locale: Locale) -> Question {
    let lang = locale.as_str();
    let group = page
        .repeat
        .as_ref()
        .map(|r| r.key.as_str())
        .unwrap_or("group");
    let (item, items) = page
        .repeat
        .as_ref()
        .map(|r| (r.item.tr(lang), r.items.tr(lang)))
        .unwrap_or_default();
    Question::new(
        &format!("{group}.add_another"),
        FieldKind::YesNo,
        &td_string!(locale, pages.items_add_another_label, item, items).to_string(),
        &td_string!(locale, pages.items_add_another_name, item, items).to_string(),
    )
}

#[component]
pub fn ItemsPage(page: usize) -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let locale = flow.locale_untracked();
    let journey = flow.journey();
    let definition = journey.pages[page].clone();
    let group = definition.repeat.clone();
    let (min, max) = group
        .as_ref()
        .map_or((1, 1), |g| (g.min as usize, g.max as usize));
    let item = group
        .as_ref()
        .map(|g| g.item.tr(flow.lang()).to_string())
        .unwrap_or_default();
    let question = add_another(&definition, locale);
    let count = Memo::new({
        let definition = definition.clone();
        move |_| flow.answers.with(|a| repeat::count(&definition, a))
    });
    let heading = Memo::new({
        let definition = definition.clone();
        move |_| {
            flow.answers
                .with(|a| items_heading(&definition, a, flow.language.get()))
        }
    });
    let back = flow
        .answers
        .with_untracked(|a| navigate::back_from(&journey, Step::Items(page), a, flow.env()));

    let rows = {
        let journey = journey.clone();
        let item = item.clone();
        move || {
            let rows: Vec<_> = flow.answers.with(|a| {
                let plan = Plan::new(&journey, a, flow.env());
                summary::rows(&journey, a, &plan, flow.lang())
                    .into_iter()
                    .filter(|row| matches!(row.step, Step::Item { page: p, .. } if p == page))
                    .collect()
            });
            let removable = rows.len() > min;
            rows.into_iter()
                .enumerate()
                .map(|(index, row)| {
                    let hidden = format!(" {} {}", item, index + 1);
                    let change_hidden = hidden.clone();
                    let target = row.step;
                    let removed = t_string!(
                        i18n,
                        pages.items_removed,
                        item = capitalise(&item),
                        number = index + 1
                    )
                    .to_string();
                    view! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key">{row.label}</dt>
                            <dd class="summary-list__value">
                                {row.lines.into_iter().map(|line| view! { <span class="summary-list__line">{line}</span> }).collect_view()}
                            </dd>
                            <dd class="summary-list__actions">
                                <a class="link" href=flow.href(target) on:click=move |ev: leptos::ev::MouseEvent| {
                                    ev.prevent_default();
                                    flow.go(target);
                                    flow.returning_to_items.set(true);
                                }>{t!(i18n, pages.change_link)}<span class="visually-hidden">{change_hidden}</span></a>
                                {removable.then(|| {
                                    let removed = removed.clone();
                                    view! {
                                        <button type="button" class="link-button" on:click=move |_| {
                                            let definition = flow.journey().pages[page].clone();
                                            flow.answers.update(|a| repeat::remove(&definition, a, index));
                                            flow.widget.set_title(&heading.get_untracked());
                                            // The Remove button is gone: focus goes to the heading
                                            // (which says how many are left), and the removal is
                                            // said after it.
                                            flow.widget.focus_heading();
                                            flow.announcer.say(removed.clone());
                                        }>{t!(i18n, pages.items_remove)}<span class="visually-hidden">{hidden.clone()}</span></button>
                                    }
                                })}
                            </dd>
                        </div>
                    }
                })
                .collect_view()
        }
    };

    let on_submit = {
        let question = question.clone();
        let definition = definition.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let journey = flow.journey();
            if count.get_untracked() >= max {
                let next = flow
                    .answers
                    .with_untracked(|a| navigate::next(&journey, Step::Items(page), a, flow.env()));
                flow.go(next);
                return;
            }
            let errors = flow
                .answers
                .with_untracked(|a| validate_question(&question, a, flow.env()));
            if !errors.is_empty() {
                flow.errors.set(errors);
                flow.widget.focus_id(ERROR_SUMMARY_ID);
                return;
            }
            let wants_another = flow
                .answers
                .with_untracked(|a| a.get(&question.key) == "yes");
            // The answer is only for this choice: the next visit asks again.
            flow.answers.update(|a| a.remove(&question.key));
            if wants_another {
                let index = flow
                    .answers
                    .try_update(|a| repeat::add(&definition, a))
                    .unwrap_or(0);
                flow.go(Step::Item { page, index });
            } else {
                let next = flow
                    .answers
                    .with_untracked(|a| navigate::next(&journey, Step::Items(page), a, flow.env()));
                flow.go(next);
            }
        }
    };

    view! {
        <BackLink to=back/>
        <ErrorSummary/>
        <h1 class="heading-l" tabindex="-1">{move || heading.get()}</h1>
        <dl class="summary-list">{rows}</dl>
        <form novalidate on:submit=on_submit>
            {move || if count.get() < max {
                view! { <QuestionField question=question.clone() is_heading=false/> }.into_any()
            } else {
                let items = group.as_ref().map(|g| g.items.tr(flow.lang()).to_string()).unwrap_or_default();
                view! { <p class="body">{t!(i18n, pages.items_max, max, items)}</p> }.into_any()
            }}
            <button type="submit" class="button">{t!(i18n, pages.continue_button)}</button>
        </form>
    }
}
