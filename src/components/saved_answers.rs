//! Below every page of a journey: how the person's answers are being kept, until when, and
//! "Delete my answers" (with a question first, so one slip loses nothing).

use crate::browser;
use crate::drafts;
use crate::flow::use_flow;
use crate::i18n::*;
use crate::storage::Keeping;
use leptos::prelude::*;

/// The id of the "Yes, delete" button, focused when the question is asked.
const CONFIRM_ID: &str = "delete-answers-confirm";
/// The id of "Delete my answers", focused again when the person keeps them.
const DELETE_ID: &str = "delete-answers";

#[component]
pub fn SavedAnswers() -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let drafting = flow.drafting;
    // Also after sending, while something is still to send: the person may want to delete
    // what is kept rather than try again.
    let shown = move || drafting.expires_at.get().is_some() || drafting.unsaved.get();
    let kept = move || {
        if drafting.unsaved.get() {
            return t_string!(i18n, components.saved_unsaved).to_string();
        }
        match (drafting.keeping.get(), drafting.expires_at.get()) {
            (Keeping::Tab, _) => t_string!(i18n, components.saved_tab).to_string(),
            (Keeping::Device, Some(expires)) => {
                let date = browser::date_in_words(expires, i18n.get_locale());
                t_string!(i18n, components.saved_device, date).to_string()
            }
            (Keeping::Device, None) => String::new(),
        }
    };
    let ask = move |_| {
        asking.set(true);
        flow.widget.focus_id(CONFIRM_ID);
    };
    view! {
        <Show when=shown>
            <section class="saved-answers no-print" aria-labelledby="saved-answers-heading">
                <h2 class="heading-s" id="saved-answers-heading">{t!(i18n, components.saved_heading)}</h2>
                <p class="body">{kept}</p>
                <Show
                    when=move || asking.get()
                    fallback=move || view! {
                        <button type="button" class="button button--secondary" id=DELETE_ID on:click=ask>
                            {t!(i18n, components.saved_delete_button)}
                        </button>
                    }
                >
                    <p class="body" id="delete-answers-question">
                        {t!(i18n, components.saved_delete_question)}
                    </p>
                    <div class="button-group">
                        <button
                            type="button"
                            class="button button--warning"
                            id=CONFIRM_ID
                            aria-describedby="delete-answers-question"
                            on:click=move |_| {
                                asking.set(false);
                                drafts::delete(&flow);
                            }
                        >
                            {t!(i18n, components.saved_delete_confirm)}
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| {
                            asking.set(false);
                            flow.widget.focus_id(DELETE_ID);
                        }>
                            {t!(i18n, components.saved_delete_keep)}
                        </button>
                    </div>
                </Show>
            </section>
        </Show>
    }
}
