//! The customer-experience survey after sending (OMB A-11 section 280): seven statements, each
//! on a five-point scale from "Strongly disagree" to "Strongly agree", and a comment. All
//! optional, and the page works without it. Its answers live here, in local signals, never in
//! the journey's answers or draft; only the journey's id and version, the ratings and the
//! comment are sent, to [`FEEDBACK_URL`].
//!
//! Announced by focus, not by a live region: the error summary after a failed Send, and the
//! thank-you heading once sent.

use crate::api::{self, FeedbackProblem};

use crate::components::error_summary::Problems;
use crate::components::field::{error_id, hint_id, ErrorMessage};
use crate::components::radios::option_id;
use crate::flow::{use_flow, Status};
use crate::i18n::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where the answers go: the demo server beside the app (`POST /feedback`).
pub const FEEDBACK_URL: &str = "/feedback";

/// The longest comment, in characters, as the server takes it.
pub const MAX_COMMENT: usize = 1200;

/// One statement of the survey: the name the server knows its rating by (the same in every
/// language), and its words in a language.
#[derive(Debug, Clone, Copy)]
pub struct Statement {
    pub key: &'static str,
    pub text: fn(Locale) -> &'static str,
}

/// The A-11 statements, in the order A-11 gives them, in words for any service.
pub const STATEMENTS: [Statement; 7] = [
    Statement {
        key: "satisfaction",
        text: |locale| td_string!(locale, components.survey_satisfaction),
    },
    Statement {
        key: "trust",
        text: |locale| td_string!(locale, components.survey_trust),
    },
    Statement {
        key: "effectiveness",
        text: |locale| td_string!(locale, components.survey_effectiveness),
    },
    Statement {
        key: "ease",
        text: |locale| td_string!(locale, components.survey_ease),
    },
    Statement {
        key: "efficiency",
        text: |locale| td_string!(locale, components.survey_efficiency),
    },
    Statement {
        key: "equity",
        text: |locale| td_string!(locale, components.survey_equity),
    },
    Statement {
        key: "transparency",
        text: |locale| td_string!(locale, components.survey_transparency),
    },
];

/// The five-point scale's words, from 1 to 5. Only the number is sent.
pub fn scale(locale: Locale) -> [&'static str; 5] {
    [
        td_string!(locale, components.survey_strongly_disagree),
        td_string!(locale, components.survey_disagree),
        td_string!(locale, components.survey_neither),
        td_string!(locale, components.survey_agree),
        td_string!(locale, components.survey_strongly_agree),
    ]
}

/// A rating for each of [`STATEMENTS`], 1 to 5, or `None` when not answered.
pub type Ratings = [Option<u8>; 7];

const SECTION_TITLE_ID: &str = "survey-title";
const SUMMARY_ID: &str = "survey-error-summary";
/// The id of the group of statements, whose error is "choose at least one".
const GROUP_ID: &str = "survey";
const COMMENT_ID: &str = "survey-comment";
const COUNT_ID: &str = "survey-comment-count";
const SEND_ID: &str = "survey-send";
const THANKS_ID: &str = "survey-thanks";

/// What stops the answers from being sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Nothing chosen, nothing written.
    Empty,
    /// The comment is this many characters long.
    TooLong(usize),
    /// Sending failed: the answers are kept for another try.
    NotSent(FeedbackProblem),
}

impl Problem {
    pub fn message(&self, locale: Locale) -> String {
        match self {
            Problem::Empty => td_string!(locale, components.survey_error_empty).into(),
            Problem::TooLong(_) => {
                td_string!(locale, components.survey_error_too_long, max = MAX_COMMENT).to_string()
            }
            Problem::NotSent(FeedbackProblem::Network) => {
                td_string!(locale, components.survey_error_no_connection).into()
            }
            Problem::NotSent(FeedbackProblem::Status(status)) if *status >= 500 => {
                td_string!(locale, components.survey_error_server).into()
            }
            Problem::NotSent(FeedbackProblem::Status(_)) => {
                td_string!(locale, components.survey_error_refused).into()
            }
        }
    }

    /// The id of the control the error summary's link goes to.
    fn target(&self) -> &'static str {
        match self {
            Problem::Empty => GROUP_ID,
            Problem::TooLong(_) => COMMENT_ID,
            Problem::NotSent(_) => SEND_ID,
        }
    }
}

/// What is wrong with the answers before sending, if anything.
pub fn check(ratings: &Ratings, comment: &str) -> Option<Problem> {
    let length = comment.chars().count();
    if length > MAX_COMMENT {
        Some(Problem::TooLong(length))
    } else if ratings.iter().all(Option::is_none) && comment.trim().is_empty() {
        Some(Problem::Empty)
    } else {
        None
    }
}

/// The body of `POST /feedback`: exactly the journey's id and version, the ratings by name
/// (`null` when not answered) and the comment (`null` when blank). Nothing else.
pub fn feedback_body(journey: &str, version: &str, ratings: &Ratings, comment: &str) -> String {
    let ratings = tell_once_engine::ordered::object(
        STATEMENTS
            .iter()
            .zip(ratings)
            .map(|(statement, rating)| (statement.key.to_string(), (*rating).into())),
    );
    let comment = comment.trim();
    serde_json::json!({
        "journey": journey,
        "version": version,
        "ratings": ratings,
        "comment": (!comment.is_empty()).then_some(comment),
    })
    .to_string()
}

/// The character count's message under the comment (GOV.UK's words). One or many is chosen
/// here rather than by ICU plural rules: English and Spanish both say one only for 1.
pub fn count_message(locale: Locale, length: usize) -> String {
    if length <= MAX_COMMENT {
        match MAX_COMMENT - length {
            1 => td_string!(locale, components.survey_remaining_singular, count = 1).to_string(),
            left => {
                td_string!(locale, components.survey_remaining_plural, count = left).to_string()
            }
        }
    } else {
        match length - MAX_COMMENT {
            1 => td_string!(locale, components.survey_too_many_singular, count = 1).to_string(),
            over => td_string!(locale, components.survey_too_many_plural, count = over).to_string(),
        }
    }
}

/// The survey, shown once at least one service has the person's details.
#[component]
pub fn Survey() -> impl IntoView {
    let flow = use_flow();
    let i18n = use_i18n();
    let something_sent = Memo::new(move |_| {
        flow.outcomes.with(|outcomes| {
            outcomes
                .iter()
                .any(|o| matches!(o.status(), Status::Sent(_) | Status::Pending))
        })
    });
    let ratings = RwSignal::new([None; 7] as Ratings);
    let comment = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let sending = RwSignal::new(false);
    let sent = RwSignal::new(false);

    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let (chosen, written) = (ratings.get_untracked(), comment.get_untracked());
        if let Some(found) = check(&chosen, &written) {
            problem.set(Some(found));
            flow.widget.focus_id(SUMMARY_ID);
            return;
        }
        let journey = flow.journey();
        let body = feedback_body(&journey.id, &journey.version, &chosen, &written);
        sending.set(true);
        spawn_local(async move {
            let result = api::post_feedback(FEEDBACK_URL, body).await;
            sending.set(false);
            match result {
                Ok(()) => {
                    problem.set(None);
                    sent.set(true);
                    flow.widget.focus_id(THANKS_ID);
                }
                Err(why) => {
                    problem.set(Some(Problem::NotSent(why)));
                    flow.widget.focus_id(SUMMARY_ID);
                }
            }
        });
    };

    let form = move || {
        let empty = Signal::derive(move || problem.with(|p| p.as_ref() == Some(&Problem::Empty)));
        let too_long =
            Signal::derive(move || problem.with(|p| matches!(p, Some(Problem::TooLong(_)))));
        let message_if = move |shown: Signal<bool>| {
            Signal::derive(move || {
                shown
                    .get()
                    .then(|| problem.with(|p| p.as_ref().map(|p| p.message(i18n.get_locale()))))
                    .flatten()
            })
        };
        let statements = STATEMENTS
            .iter()
            .enumerate()
            .map(|(index, statement)| {
                view! {
                    <StatementScale index statement=*statement ratings group_error=empty/>
                }
            })
            .collect_view();
        let comment_described = move || {
            let mut ids = vec![hint_id(COMMENT_ID), COUNT_ID.to_string()];
            if empty.get() {
                ids.push(error_id(GROUP_ID));
            }
            if too_long.get() {
                ids.push(error_id(COMMENT_ID));
            }
            ids.join(" ")
        };
        let length = move || comment.with(|c| c.chars().count());
        let over = move || length() > MAX_COMMENT;
        view! {
            <ProblemSummary problem/>
            <form class="survey__form" novalidate on:submit=send>
                <p class="body">{t!(i18n, components.survey_intro)}</p>
                <div class="form-group" class:form-group--error=move || empty.get()>
                    <ErrorMessage id=GROUP_ID.to_string() message=message_if(empty)/>
                    {statements}
                    <div class="form-group" class:form-group--error=move || too_long.get()>
                        <label class="label" for=COMMENT_ID>{t!(i18n, components.survey_comment_label)}</label>
                        <div class="hint" id=hint_id(COMMENT_ID)>
                            {t!(i18n, components.survey_comment_hint)}
                        </div>
                        <ErrorMessage id=COMMENT_ID.to_string() message=message_if(too_long)/>
                        <textarea
                            class="textarea"
                            class:textarea--error=move || too_long.get()
                            id=COMMENT_ID
                            name=COMMENT_ID
                            rows="5"
                            spellcheck="true"
                            prop:value=comment.get_untracked()
                            aria-describedby=comment_described
                            aria-invalid=move || if too_long.get() { "true" } else { "false" }
                            on:input=move |ev| comment.set(event_target_value(&ev))
                        ></textarea>
                        <div
                            class="hint survey__count"
                            class:survey__count--over=over
                            id=COUNT_ID
                        >
                            {move || count_message(i18n.get_locale(), length())}
                        </div>
                    </div>
                </div>
                <button
                    type="submit"
                    class="button"
                    id=SEND_ID
                    aria-disabled=move || if sending.get() { "true" } else { "false" }
                >
                    {move || if sending.get() {
                        t_string!(i18n, components.survey_sending_button)
                    } else {
                        t_string!(i18n, components.survey_send_button)
                    }}
                </button>
            </form>
        }
    };

    move || {
        something_sent.get().then(|| {
            view! {
                <section class="survey no-print" aria-labelledby=SECTION_TITLE_ID>
                    <h2 class="heading-m" id=SECTION_TITLE_ID>{t!(i18n, components.survey_heading)}</h2>
                    {move || if sent.get() {
                        view! {
                            <div class="survey__thanks">
                                <h3 class="heading-s survey__thanks-title" id=THANKS_ID tabindex="-1">
                                    {t!(i18n, components.survey_thanks_heading)}
                                </h3>
                                <p class="body">{t!(i18n, components.survey_thanks_text)}</p>
                            </div>
                        }
                        .into_any()
                    } else {
                        form().into_any()
                    }}
                </section>
            }
        })
    }
}

/// One statement with its five-point scale, in a fieldset. The first option's id is the
/// statement's id, so links land on it; the first statement's id is the group's, for the
/// "choose at least one" error.
#[component]
fn StatementScale(
    index: usize,
    statement: Statement,
    ratings: RwSignal<Ratings>,
    group_error: Signal<bool>,
) -> impl IntoView {
    let id = if index == 0 {
        GROUP_ID.to_string()
    } else {
        format!("{GROUP_ID}-{}", statement.key)
    };
    let i18n = use_i18n();
    let chosen = ratings.with_untracked(|r| r[index]);
    let items = (0..5)
        .map(|i| {
            let value = i as u8 + 1;
            let input_id = option_id(&id, i, &value.to_string());
            view! {
                <div class="radios__item">
                    <input
                        class="radios__input"
                        id=input_id.clone()
                        name=id.clone()
                        type="radio"
                        value=value.to_string()
                        prop:checked=chosen == Some(value)
                        on:change=move |_| ratings.update(|r| r[index] = Some(value))
                    />
                    <label class="label radios__label" for=input_id>{move || scale(i18n.get_locale())[i]}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="form-group">
            <fieldset
                class="fieldset"
                aria-describedby=move || group_error.get().then(|| error_id(GROUP_ID))
            >
                <legend class="fieldset__legend survey__statement">{move || (statement.text)(i18n.get_locale())}</legend>
                <div class="radios">{items}</div>
            </fieldset>
        </div>
    }
}

/// The error summary of the survey (the GOV.UK pattern, as on question pages), focused when
/// shown. A problem with no field to go to (sending failed) links to the Send button.
#[component]
fn ProblemSummary(problem: RwSignal<Option<Problem>>) -> impl IntoView {
    let i18n = use_i18n();
    let problems = Signal::derive(move || {
        let locale = i18n.get_locale();
        problem.with(|p| {
            p.iter()
                .map(|found| (found.target().to_string(), found.message(locale)))
                .collect()
        })
    });
    view! { <Problems id=SUMMARY_ID problems section=true/> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_chosen_and_nothing_written_is_a_problem() {
        assert_eq!(check(&[None; 7], ""), Some(Problem::Empty));
        assert_eq!(check(&[None; 7], "  \n "), Some(Problem::Empty));
        let mut one = [None; 7];
        one[3] = Some(2);
        assert_eq!(check(&one, ""), None);
        assert_eq!(check(&[None; 7], "Shorter pages"), None);
        assert_eq!(check(&one, &"é".repeat(1201)), Some(Problem::TooLong(1201)));
        assert_eq!(
            check(&one, &"é".repeat(1200)),
            None,
            "characters, not bytes"
        );
    }

    #[test]
    fn sends_only_the_journey_the_ratings_and_the_comment() {
        let mut ratings = [None; 7];
        ratings[0] = Some(5);
        ratings[6] = Some(1);
        let body: serde_json::Value = serde_json::from_str(&feedback_body(
            "moving-house",
            "2026-11-23",
            &ratings,
            " Fine. ",
        ))
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "journey": "moving-house",
                "version": "2026-11-23",
                "ratings": {
                    "satisfaction": 5, "trust": null, "effectiveness": null, "ease": null,
                    "efficiency": null, "equity": null, "transparency": 1
                },
                "comment": "Fine."
            })
        );
        let blank: serde_json::Value =
            serde_json::from_str(&feedback_body("j", "1", &ratings, "  ")).unwrap();
        assert_eq!(blank["comment"], serde_json::Value::Null);
    }

    #[test]
    fn counts_what_is_left_and_what_is_over() {
        crate::i18n::supply_every_language();
        assert_eq!(
            count_message(Locale::en, 0),
            "You have 1200 characters remaining"
        );
        assert_eq!(
            count_message(Locale::en, 1199),
            "You have 1 character remaining"
        );
        assert_eq!(
            count_message(Locale::en, 1201),
            "You have 1 character too many"
        );
        assert_eq!(
            count_message(Locale::en, 1210),
            "You have 10 characters too many"
        );
        assert_eq!(count_message(Locale::es, 0), "Le quedan 1200 caracteres");
        assert_eq!(count_message(Locale::es, 1199), "Le queda 1 carácter");
        assert_eq!(count_message(Locale::es, 1201), "Tiene 1 carácter de más");
        assert_eq!(
            count_message(Locale::es, 1210),
            "Tiene 10 caracteres de más"
        );
    }

    #[test]
    fn speaks_each_language_but_sends_the_same_values() {
        crate::i18n::supply_every_language();
        assert_eq!(
            (STATEMENTS[0].text)(Locale::en),
            "I am satisfied with the service I received."
        );
        assert_eq!(
            (STATEMENTS[0].text)(Locale::es),
            "El servicio que recibí fue satisfactorio."
        );
        assert_eq!(scale(Locale::en)[2], "Neither agree nor disagree");
        assert_eq!(scale(Locale::es)[4], "Muy de acuerdo");
        assert_eq!(
            Problem::TooLong(1300).message(Locale::en),
            "What could we do better must be 1200 characters or less"
        );
        assert_eq!(
            Problem::Empty.message(Locale::es),
            "Elija al menos una respuesta o escriba un comentario"
        );
        let keys: Vec<&str> = STATEMENTS.iter().map(|s| s.key).collect();
        assert_eq!(
            keys,
            [
                "satisfaction",
                "trust",
                "effectiveness",
                "ease",
                "efficiency",
                "equity",
                "transparency"
            ]
        );
    }
}
