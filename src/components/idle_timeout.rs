//! The idle timeout, when the host page sets one (`idle-minutes`): before it ends, a
//! dialog warns the person and lets them carry on (WCAG 2.2.1, Timing Adjustable); when it
//! ends, the form is closed to protect what is on screen, and the answers are kept (the draft).
//!
//! Any key press, click or tap restarts the clock while the warning is not shown; once it is
//! shown, only its button (or Escape) does, so the person's choice is deliberate.

use crate::browser;
use crate::i18n::*;
use leptos::ev;
use leptos::html::Dialog;
use leptos::prelude::*;
use std::time::Duration;

/// How long before the end the warning comes: two minutes, or half the timeout if it is short.
fn warning_before(idle: Duration) -> Duration {
    Duration::from_secs(120).min(idle / 2)
}

/// "2 minutes", "1 minute", "45 seconds" (whole minutes from one minute up). One or many is
/// chosen here rather than by ICU plural rules: English and Spanish both say one only for 1.
fn in_words(locale: Locale, duration: Duration) -> String {
    match duration.as_secs() {
        s if s >= 120 => td_string!(locale, components.idle_minutes, count = s / 60).to_string(),
        s if s >= 60 => td_string!(locale, components.idle_minute, count = 1).to_string(),
        1 => td_string!(locale, components.idle_second, count = 1).to_string(),
        s => td_string!(locale, components.idle_seconds, count = s).to_string(),
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
    let i18n = use_i18n();
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
            <h2 class="heading-m" id="idle-warning-heading">{t!(i18n, components.idle_warning_heading)}</h2>
            <p class="body" id="idle-warning-text">
                {move || {
                    let time = in_words(i18n.get_locale(), warning);
                    t_string!(i18n, components.idle_warning_text, time).to_string()
                }}
            </p>
            <button type="button" class="button" autofocus on:click=move |_| more_time()>
                {t!(i18n, components.idle_more_time_button)}
            </button>
        </dialog>
    }
}

/// Shown instead of the form once it was closed for being idle: the answers are kept.
#[component]
pub fn TimedOutPage(timed_out: RwSignal<bool>) -> impl IntoView {
    let widget = browser::widget();
    let i18n = use_i18n();
    // Titled again in the language the person switches to.
    Effect::new(move |_| {
        let heading = t_string!(i18n, components.timed_out_heading);
        widget.set_title(&format!("{heading} – {}", t_string!(i18n, common.product)));
    });
    view! {
        <h1 class="heading-l" tabindex="-1">{t!(i18n, components.timed_out_heading)}</h1>
        <p class="body">{t!(i18n, components.timed_out_why)}</p>
        <p class="body">{t!(i18n, components.timed_out_kept)}</p>
        <button type="button" class="button" on:click=move |_| timed_out.set(false)>
            {t!(i18n, components.timed_out_button)}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_how_long_is_left_in_words() {
        crate::i18n::supply_every_language();
        let words = |locale, seconds| in_words(locale, Duration::from_secs(seconds));
        assert_eq!(words(Locale::en, 120), "2 minutes");
        assert_eq!(words(Locale::en, 90), "1 minute");
        assert_eq!(words(Locale::en, 45), "45 seconds");
        assert_eq!(words(Locale::en, 1), "1 second");
        assert_eq!(words(Locale::es, 120), "2 minutos");
        assert_eq!(words(Locale::es, 60), "1 minuto");
        assert_eq!(words(Locale::es, 30), "30 segundos");
        assert_eq!(words(Locale::es, 1), "1 segundo");
    }
}
