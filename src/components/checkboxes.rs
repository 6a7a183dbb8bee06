//! Checkboxes: any of a question's options. An exclusive option ("None of these") comes last,
//! after "or", and choosing it clears the others (and the others clear it).

use crate::components::field::hint_id;
use crate::components::radios::option_id;
use crate::flow::use_flow;
use crate::i18n::*;
use leptos::prelude::*;
use tell_once_engine::definition::Question;
use tell_once_engine::field::html_id;

#[component]
pub fn Checkboxes(question: Question) -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let id = html_id(&question.key);
    let key = question.key.clone();
    let chosen = Memo::new(move |_| {
        flow.answers.with(|a| {
            a.list(&key)
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
    });
    let options = question.options.clone();
    let items = question
        .options
        .iter()
        .enumerate()
        .map(|(index, choice)| {
            let input_id = option_id(&id, index, &choice.value);
            let hint = choice.hint.as_ref().map(|h| h.tr(flow.lang()).to_string());
            let described = hint.as_ref().map(|_| hint_id(&input_id));
            let value = choice.value.clone();
            let toggled = value.clone();
            let exclusive = choice.exclusive;
            let key = question.key.clone();
            let options = options.clone();
            let on_change = move |ev: leptos::ev::Event| {
                let checked = event_target_checked(&ev);
                let mut now: Vec<String> = chosen.get_untracked();
                now.retain(|v| *v != toggled);
                if checked {
                    if exclusive {
                        now.clear();
                    } else {
                        now.retain(|v| !options.iter().any(|o| o.exclusive && o.value == *v));
                    }
                    now.push(toggled.clone());
                }
                // Keep the order of the options, whatever the order of the clicks (and any
                // value that is no longer an option first, as it was).
                let is_option = |v: &String| options.iter().any(|o| o.value == *v);
                let chosen_options = options.iter().filter(|o| now.contains(&o.value));
                let now: Vec<String> = now.iter().filter(|v| !is_option(v)).cloned()
                    .chain(chosen_options.map(|o| o.value.clone()))
                    .collect();
                flow.answers.update(|a| a.set_list(&key, &now));
            };
            view! {
                {exclusive.then(|| view! { <div class="checkboxes__divider">{t!(i18n, components.checkboxes_or)}</div> })}
                <div class="checkboxes__item">
                    <input
                        class="checkboxes__input"
                        id=input_id.clone()
                        name=id.clone()
                        type="checkbox"
                        value=choice.value.clone()
                        prop:checked=move || chosen.with(|c| c.contains(&value))
                        aria-describedby=described
                        on:change=on_change
                    />
                    <label class="label checkboxes__label" for=input_id.clone()>{choice.label.tr(flow.lang()).to_string()}</label>
                    {hint.map(|hint| view! { <div class="hint checkboxes__hint" id=hint_id(&input_id)>{hint}</div> })}
                </div>
            }
        })
        .collect_view();
    view! { <div class="checkboxes">{items}</div> }
}
