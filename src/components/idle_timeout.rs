//! The idle timeout, when the host page sets one (`idle-minutes`): before it ends, a
//! dialog warns the person and lets them carry on (WCAG 2.2.1, Timing Adjustable); when it
//! ends, the form is closed to protect what is on screen, and the answers are kept (the draft).
//!
//! Any key press, click or tap restarts the clock while the warning is not shown; once it is
//! shown, only its button (or Escape) does, so the person's choice is deliberate.

use crate::browser;
use leptos::ev;
use leptos::html::Dialog;
use leptos::prelude::*;
use std::time::Duration;

/// The heading of the warning.
pub const WARNING_HEADING: &str = "Do you need more time?";

/// How long before the end the warning comes: two minutes, or half the timeout if it is short.
fn warning_before(idle: Duration) -> Duration {
    Duration::from_secs(120).min(idle / 2)
}

/// "2 minutes", "1 minute", "45 seconds".
fn in_words(duration: Duration) -> String {
    let seconds = duration.as_secs();
    match seconds {
        s if s >= 120 => format!("{} minutes", s / 60),
        s if s >= 60 => "1 minute".into(),
        1 => "1 second".into(),
        s => format!("{s} seconds"),
    }
}

#[component]
pub fn IdleTimeout(
    /// How long without any activity before the form is closed.
    idle: Duration,
    /// Set true when the form is closed.
    timed_out: RwSignal<bool>,
) -> impl IntoView {
    let widget = browser::widget();
    let dialog = NodeRef::<Dialog>::new();
    let warning = warning_before(idle);
    let open = RwSignal::new(false);
    let timers = StoredValue::new(Vec::<TimeoutHandle>::new());

    let clear = move || {
        timers.update_value(|t| t.drain(..).for_each(|h| h.clear()));
    };
    let close_form = move || {
        clear();
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
        open.set(false);
        timed_out.set(true);
        widget.focus_heading();
    };
    let show_warning = move || {
        open.set(true);
        if let Some(d) = dialog.get_untracked() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    };
    // (Re)starts the clock: the warning, then the end.
    let restart = move || {
        clear();
        if timed_out.get_untracked() {
            return;
        }
        let warn = set_timeout_with_handle(show_warning, idle - warning);
        let end = set_timeout_with_handle(close_form, idle);
        timers.update_value(|t| t.extend(warn.ok().into_iter().chain(end.ok())));
    };
    let more_time = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
        open.set(false);
        restart();
    };

    restart();
    // Carrying on after the form was closed starts the clock again.
    Effect::new(move |_| {
        if !timed_out.get() {
            restart();
        }
    });
    let activity = move || {
        if !open.get_untracked() && !timed_out.get_untracked() {
            restart();
        }
    };
    let handles = [
        window_event_listener(ev::keydown, move |_| activity()),
        window_event_listener(ev::pointerdown, move |_| activity()),
    ];
    on_cleanup(move || {
        clear();
        handles.into_iter().for_each(|h| h.remove());
    });

    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            role="alertdialog"
            aria-labelledby="idle-warning-heading"
            aria-describedby="idle-warning-text"
            on:cancel=move |ev: web_sys::Event| {
                // Escape: the person is here, so they get more time.
                ev.prevent_default();
                more_time();
            }
        >
            <h2 class="heading-m" id="idle-warning-heading">{WARNING_HEADING}</h2>
            <p class="body" id="idle-warning-text">
                {format!(
                    "You have not used this form for a while. To protect your information, we will close it in {}. Your answers are saved, so you will not lose them.",
                    in_words(warning)
                )}
            </p>
            <button type="button" class="button" autofocus on:click=move |_| more_time()>
                "Yes, I need more time"
            </button>
        </dialog>
    }
}

/// Shown instead of the form once it was closed for being idle: the answers are kept.
#[component]
pub fn TimedOutPage(timed_out: RwSignal<bool>) -> impl IntoView {
    browser::widget().set_title(&format!("{TIMED_OUT_HEADING} – {}", crate::flow::PRODUCT));
    view! {
        <h1 class="heading-l" tabindex="-1">{TIMED_OUT_HEADING}</h1>
        <p class="body">"You did not use it for a while, so we closed it to protect your information."</p>
        <p class="body">"We kept your answers, so you can carry on where you left off."</p>
        <button type="button" class="button" on:click=move |_| timed_out.set(false)>
            "Carry on where I left off"
        </button>
    }
}

/// The heading of the page shown after the timeout.
pub const TIMED_OUT_HEADING: &str = "We closed this form";
