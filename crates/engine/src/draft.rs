//! A saved draft of one journey: which page the person was on, every answer, the services they
//! left out and the outbox, so a reload, a closed tab or a crash resumes on the same page with
//! nothing lost. Where it is kept is the browser's business; what it is, when it expires and
//! how it resumes on the journey as it is now are decided here.
//!
//! A journey can change between saving and resuming (a new version is published). The answers
//! to questions still asked are kept, the rest dropped, and the pages the person had already
//! passed that now need more (a new or renamed question) are asked again.

use crate::answers::{covers, Answers};
use crate::definition::{Journey, Page};
use crate::navigate::{first_incomplete, reachable, Plan, Step};
use crate::ordered::Set;
use crate::outbox::Parcel;
use crate::read::{At, Fields, FromJson, Read};
use crate::repeat;
use crate::validate::Env;
use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

/// The format of a saved draft. A draft in a newer format is not read, never misread.
pub const DRAFT_FORMAT: u32 = 1;

/// One journey's draft, as saved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    /// Always [`DRAFT_FORMAT`] when written by this version of the app.
    pub format: u32,
    /// Random, from the browser: the stem of the outbox's idempotency keys.
    pub id: String,
    /// The journey's id.
    pub journey: String,
    /// The version of the journey it was saved on.
    pub version: String,
    /// The page, by its name in the address bar ([`Step::slug`]): never an answer.
    pub step: String,
    pub answers: Answers,
    /// The services the person chose not to send to, by id.
    #[serde(default)]
    pub left_out: Set<String>,
    /// Each service's request and what became of it, once the person chose to send.
    #[serde(default)]
    pub outbox: Vec<Parcel>,
    /// When it was last saved, in milliseconds since the Unix epoch.
    pub saved_at: i64,
    /// When it is to be forgotten, in milliseconds since the Unix epoch.
    pub expires_at: i64,
}

/// Why a saved draft could not be read. The app then starts afresh; the draft is not misread.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DraftProblem {
    #[error("the saved draft is not JSON: {0}")]
    NotJson(String),
    #[error("the saved text is not a Tell Once draft: {0}")]
    NotADraft(String),
    #[error("the draft was saved in format {0} by a newer Tell Once; this one reads format {DRAFT_FORMAT}")]
    Newer(u32),
}

impl Draft {
    /// A new draft of a journey, at its start, kept for `lifetime_ms` from now.
    pub fn new(id: &str, journey: &Journey, now_ms: i64, lifetime_ms: i64) -> Draft {
        Draft {
            format: DRAFT_FORMAT,
            id: id.to_string(),
            journey: journey.id.clone(),
            version: journey.version.clone(),
            step: Step::Start.slug(journey),
            answers: Answers::default(),
            left_out: Set::new(),
            outbox: Vec::new(),
            saved_at: now_ms,
            expires_at: now_ms.saturating_add(lifetime_ms),
        }
    }

    /// Saves where the person is: the page, the answers and the services left out, on this
    /// version of the journey. Each save keeps the draft for another `lifetime_ms`.
    pub fn save(
        &mut self,
        journey: &Journey,
        step: Step,
        answers: &Answers,
        left_out: &Set<String>,
        now_ms: i64,
        lifetime_ms: i64,
    ) {
        self.version = journey.version.clone();
        self.step = step.slug(journey);
        self.answers = answers.clone();
        self.left_out = left_out.clone();
        self.touch(now_ms, lifetime_ms);
    }

    /// Saves one service's place in the outbox, replacing what it had.
    pub fn record(&mut self, parcel: Parcel, now_ms: i64, lifetime_ms: i64) {
        match self.outbox.iter_mut().find(|p| p.service == parcel.service) {
            Some(place) => *place = parcel,
            None => self.outbox.push(parcel),
        }
        self.touch(now_ms, lifetime_ms);
    }

    fn touch(&mut self, now_ms: i64, lifetime_ms: i64) {
        self.saved_at = now_ms;
        self.expires_at = now_ms.saturating_add(lifetime_ms);
    }

    /// True once the draft is past its time: it is then deleted, not resumed.
    pub fn is_expired(&self, now_ms: i64) -> bool {
        now_ms >= self.expires_at
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a draft is strings, numbers and string-keyed maps")
    }

    /// Reads a saved draft, saying what is wrong with one that cannot be read (it may have
    /// been cut short, edited, or written by a newer version of the app).
    pub fn from_json(text: &str) -> Result<Draft, DraftProblem> {
        let value: Value =
            crate::read::parse(text).map_err(|e| DraftProblem::NotJson(e.to_string()))?;
        // The format first: a newer one is not read any further.
        let Value::Object(fields) = &value else {
            return Err(DraftProblem::NotADraft("it is not a JSON object".into()));
        };
        let format = fields
            .get("format")
            .ok_or_else(|| DraftProblem::NotADraft("it has no format".into()))?;
        let number = format
            .as_u64()
            .filter(|n| *n >= 1)
            .ok_or_else(|| DraftProblem::NotADraft(format!("its format is {format}")))?;
        if number > u64::from(DRAFT_FORMAT) {
            return Err(DraftProblem::Newer(
                u32::try_from(number).unwrap_or(u32::MAX),
            ));
        }
        <Draft as FromJson>::from_json(&value, At::Top)
            .map_err(|mistake| DraftProblem::NotADraft(mistake.to_string()))
    }
}

impl FromJson for Draft {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::kept(value, at, "struct Draft")?;
        f.done(Draft {
            format: f.needed("format"),
            id: f.needed("id"),
            journey: f.needed("journey"),
            version: f.needed("version"),
            step: f.needed("step"),
            answers: f.needed("answers"),
            left_out: f.or_default("left_out"),
            outbox: f.or_default("outbox"),
            saved_at: f.needed("saved_at"),
            expires_at: f.needed("expires_at"),
        })
    }
}

/// A draft taken up again on the journey as it is now.
#[derive(Debug, Clone, PartialEq)]
pub struct Resumed {
    pub answers: Answers,
    /// Where the person goes now.
    pub step: Step,
    /// True when the draft was saved on another version of the journey.
    pub changed: bool,
    /// The input keys of answers dropped because the journey no longer asks for them.
    pub dropped: Vec<String>,
    /// The pages the person had passed that need answering again, in journey order: the
    /// step is the first of them.
    pub ask_again: Vec<Step>,
    /// The services left out that the journey still has.
    pub left_out: Set<String>,
}

impl Resumed {
    /// The indexes of the pages in [`Resumed::ask_again`], as "what changed" lists them.
    pub fn pages_to_ask_again(&self) -> Vec<usize> {
        self.ask_again
            .iter()
            .filter_map(|step| match step {
                Step::Question(i) | Step::Items(i) | Step::Item { page: i, .. } => Some(*i),
                _ => None,
            })
            .collect()
    }
}

/// Takes up a draft on the journey as it is now, or `None` when the draft is another
/// journey's (the caller keeps drafts by journey id, so that is a stray; it is not resumed).
/// Expiry is the caller's to check first ([`Draft::is_expired`]).
///
/// On the version it was saved on, the answers are as they were and the person goes back to
/// their page, or to the first page before it still to answer. On another version, answers to
/// questions no longer asked are dropped, and the pages already passed (before the saved page,
/// or all of them if it was saved at "Check your answers" or after) that are now incomplete or
/// wrong are asked again, starting with the first. A draft with an outbox (something was sent,
/// or was being sent) goes to the confirmation page, to finish it.
pub fn resume(draft: &Draft, journey: &Journey, env: Env) -> Option<Resumed> {
    if draft.journey != journey.id {
        return None;
    }
    let saved = Step::from_slug(journey, &draft.step);
    let left_out = Set::from_iter(
        draft
            .left_out
            .iter()
            .filter(|id| journey.services.iter().any(|s| s.id == **id))
            .cloned(),
    );
    let changed = draft.version != journey.version;
    let mut answers = draft.answers.clone();
    let mut dropped = Vec::new();
    let mut ask_again = Vec::new();
    if changed {
        dropped = answers
            .iter()
            .map(|(key, _)| key)
            .filter(|key| !is_asked(journey, key))
            .cloned()
            .collect();
        answers.retain(|key| is_asked(journey, key));
        let plan = Plan::new(journey, &answers, env);
        let steps = plan.steps(journey);
        let passed = passed(journey, &plan, &steps, saved, &answers);
        ask_again = steps[..passed]
            .iter()
            .filter(|step| matches!(step, Step::Question(_) | Step::Item { .. }))
            .filter(|step| {
                !plan
                    .validate_step(journey, **step, &answers, env)
                    .is_empty()
            })
            .copied()
            .collect();
    }
    // Something was sent, or is being sent (the outbox is written before anything goes, on
    // "Who gets what"): the confirmation page, to finish it, whatever page it was saved on.
    let step = if draft.outbox.is_empty() {
        return_to(journey, ask_again.first().copied().or(saved), &answers, env)
    } else {
        Step::Confirmation
    };
    Some(Resumed {
        answers,
        step,
        changed,
        dropped,
        ask_again,
        left_out,
    })
}

/// The step to show for `wanted`: it, or the first page before it still to answer. For a page
/// the journey does not ask now (or a name it does not know), the first page still to answer,
/// else "Check your answers". Nothing was sent, so there is no confirmation to go back to.
fn return_to(journey: &Journey, wanted: Option<Step>, answers: &Answers, env: Env) -> Step {
    match wanted {
        Some(Step::Confirmation) => Step::Start,
        Some(step)
            if Plan::new(journey, answers, env)
                .steps(journey)
                .contains(&step) =>
        {
            reachable(journey, step, answers, env)
        }
        _ => first_incomplete(journey, answers, env).unwrap_or(Step::Check),
    }
}

/// How many of the steps the person had passed when the draft was saved: those before the
/// saved step, or all of them from "Check your answers" on. When the saved page is not asked
/// now (removed, or no longer needed), every step up to the last with an answer.
fn passed(
    journey: &Journey,
    plan: &Plan,
    steps: &[Step],
    saved: Option<Step>,
    answers: &Answers,
) -> usize {
    match saved {
        Some(Step::Check | Step::Consent | Step::Confirmation) => steps.len(),
        Some(step) if steps.contains(&step) => steps.iter().position(|s| *s == step).unwrap_or(0),
        _ => steps
            .iter()
            .rposition(|step| {
                plan.page_questions(journey, *step).iter().any(|q| {
                    answers
                        .iter()
                        .any(|(key, value)| covers(&q.key, key) && !value.is_empty())
                })
            })
            .map_or(0, |last| last + 1),
    }
}

/// True when an input key belongs to a question the journey asks: `person.name.given` to
/// `person.name`, `household.children[1].name` to the second item of the `household.children`
/// group, and `household.children` (how many items) to the group itself.
fn is_asked(journey: &Journey, key: &str) -> bool {
    journey.pages.iter().any(|page| page_asks(page, key))
}

fn page_asks(page: &Page, key: &str) -> bool {
    let Some(group) = &page.repeat else {
        return page.questions.iter().any(|q| covers(&q.key, key));
    };
    if key == group.key {
        return true;
    }
    let Some(index) = key
        .strip_prefix(group.key.as_str())
        .and_then(|rest| rest.strip_prefix('['))
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(index, _)| index.parse::<usize>().ok())
        .filter(|index| *index < group.max as usize)
    else {
        return false;
    };
    repeat::item_questions(page, index)
        .iter()
        .any(|q| covers(&q.key, key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::Question;
    use crate::field::FieldKind;
    use crate::outbox::ParcelState;
    use crate::testing::{answered, fixture, journey, moved};
    use crate::validate::tests::env;

    const DAY: i64 = 24 * 60 * 60 * 1000;

    fn moving() -> Journey {
        journey("moving-house")
    }

    fn page(journey: &Journey, id: &str) -> Step {
        Step::Question(journey.page_index(id).unwrap())
    }

    /// Moving house saved at a page with these answers, on the version of the day.
    fn saved_at(step: Step, answers: &Answers) -> Draft {
        let journey = moving();
        let mut draft = Draft::new("d1", &journey, 1_000, DAY);
        draft.save(&journey, step, answers, &Set::new(), 2_000, DAY);
        draft
    }

    /// The next version of a journey, edited by `edit`.
    fn next_version(journey: &Journey, edit: impl FnOnce(&mut Journey)) -> Journey {
        let mut next = journey.clone();
        next.version = "2027-01-01".into();
        edit(&mut next);
        next
    }

    /// A journey with a key renamed everywhere: its question and the connectors' templates.
    fn renamed(journey: &Journey, from: &str, to: &str) -> Journey {
        let text = serde_json::to_string(journey)
            .unwrap()
            .replace(&format!("\"{from}\""), &format!("\"{to}\""))
            .replace(&format!("{{{from}"), &format!("{{{to}"));
        Journey::parse(&text).unwrap()
    }

    #[test]
    fn a_draft_survives_a_round_trip_through_json() {
        let journey = moving();
        let mut draft = Draft::new("d1", &journey, 1_000, DAY);
        let left_out = Set::from(["licence-address".to_string()]);
        draft.save(
            &journey,
            page(&journey, "contact"),
            &moved(true),
            &left_out,
            2_000,
            DAY,
        );
        let request = crate::delivery::tests::request();
        draft.record(
            Parcel::queued("d1", "tax-address", request, "10:02am"),
            3_000,
            DAY,
        );
        let text = draft.to_json();
        assert_eq!(Draft::from_json(&text), Ok(draft.clone()));
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["format"], 1);
        assert_eq!(json["journey"], "moving-house");
        assert_eq!(json["version"], journey.version.as_str());
        assert_eq!(json["step"], "contact", "the page's name, never an answer");
        assert_eq!(json["outbox"][0]["state"], "queued");
    }

    #[test]
    fn an_older_draft_without_outbox_or_left_out_reads() {
        let text = r#"{"format":1,"id":"d1","journey":"moving-house","version":"1",
            "step":"name","answers":{"values":{"person.name.given":"Ada"}},
            "saved_at":1,"expires_at":2}"#;
        let draft = Draft::from_json(text).unwrap();
        assert_eq!(draft.answers.get("person.name.given"), "Ada");
        assert!(draft.outbox.is_empty() && draft.left_out.is_empty());
    }

    #[test]
    fn a_draft_that_cannot_be_read_says_why() {
        let good = saved_at(Step::Start, &moved(false)).to_json();
        assert!(matches!(
            Draft::from_json("{\"format\":"),
            Err(DraftProblem::NotJson(_))
        ));
        assert!(matches!(
            Draft::from_json(""),
            Err(DraftProblem::NotJson(_))
        ));
        for other in [
            "[]",
            "\"a draft\"",
            "{}",
            r#"{"format":"1"}"#,
            r#"{"format":0}"#,
            r#"{"format":-1}"#,
            r#"{"format":1.5}"#,
        ] {
            assert!(
                matches!(Draft::from_json(other), Err(DraftProblem::NotADraft(_))),
                "{other}"
            );
        }
        let missing = Draft::from_json(r#"{"format":1,"id":"d1"}"#);
        assert!(
            matches!(&missing, Err(DraftProblem::NotADraft(why)) if why.contains("journey")),
            "{missing:?}"
        );
        let wrong_type = good.replace("\"Ada\"", "7");
        let problem = Draft::from_json(&wrong_type);
        assert!(
            matches!(&problem, Err(DraftProblem::NotADraft(why)) if why.contains("answers.values")),
            "says where: {problem:?}"
        );
        let newer = good.replacen("\"format\":1", "\"format\":2", 1);
        assert_eq!(Draft::from_json(&newer), Err(DraftProblem::Newer(2)));
        assert_eq!(
            DraftProblem::Newer(2).to_string(),
            "the draft was saved in format 2 by a newer Tell Once; this one reads format 1"
        );
        for end in 0..good.len() {
            if good.is_char_boundary(end) {
                assert!(Draft::from_json(&good[..end]).is_err(), "cut at {end}");
            }
        }
    }

    #[test]
    fn a_draft_expires_a_while_after_its_last_save() {
        let journey = moving();
        let mut draft = Draft::new("d1", &journey, 1_000, 500);
        assert_eq!((draft.saved_at, draft.expires_at), (1_000, 1_500));
        assert!(!draft.is_expired(1_499));
        assert!(draft.is_expired(1_500));
        draft.save(
            &journey,
            Step::Start,
            &Answers::default(),
            &Set::new(),
            1_400,
            500,
        );
        assert_eq!((draft.saved_at, draft.expires_at), (1_400, 1_900));
        assert!(!draft.is_expired(1_500), "each save keeps it longer");
        draft.record(Parcel::not_sent("d1", "tax-address", None, ""), 1_800, 500);
        assert_eq!(draft.expires_at, 2_300);
        let forever = Draft::new("d1", &journey, 1, i64::MAX);
        assert_eq!(forever.expires_at, i64::MAX, "no overflow");
    }

    #[test]
    fn the_outbox_keeps_one_place_per_service() {
        let journey = moving();
        let mut draft = Draft::new("d1", &journey, 0, DAY);
        let request = crate::delivery::tests::request();
        let mut parcel = Parcel::queued("d1", "tax-address", request, "10:00am");
        draft.record(parcel.clone(), 1, DAY);
        draft.record(
            Parcel::not_sent("d1", "licence-address", None, "10:00am"),
            2,
            DAY,
        );
        parcel.sending("10:01am");
        draft.record(parcel, 3, DAY);
        assert_eq!(draft.outbox.len(), 2);
        let parcel = |service: &str| draft.outbox.iter().find(|p| p.service == service);
        assert_eq!(
            parcel("tax-address").map(|p| &p.state),
            Some(&ParcelState::Sending)
        );
        assert_eq!(parcel("voter-registration-address"), None);
    }

    #[test]
    fn the_same_version_resumes_on_the_same_page() {
        let journey = moving();
        let answers = moved(true);
        let draft = saved_at(page(&journey, "move-date"), &answers);
        let resumed = resume(&draft, &journey, env()).unwrap();
        assert_eq!(
            resumed,
            Resumed {
                answers,
                step: page(&journey, "move-date"),
                changed: false,
                dropped: vec![],
                ask_again: vec![],
                left_out: Set::new(),
            }
        );
    }

    #[test]
    fn a_page_not_yet_reachable_resumes_on_the_first_to_answer() {
        let journey = moving();
        let mut answers = moved(false);
        answers.remove("person.taxpayer_number");
        let draft = saved_at(Step::Check, &answers);
        let resumed = resume(&draft, &journey, env()).unwrap();
        assert_eq!(resumed.step, page(&journey, "taxpayer-number"));
        let unknown = Draft {
            step: "no-such-page".into(),
            ..saved_at(Step::Check, &moved(false))
        };
        assert_eq!(
            resume(&unknown, &journey, env()).unwrap().step,
            Step::Check,
            "a page it does not know, with every answer given"
        );
    }

    #[test]
    fn another_journeys_draft_is_not_resumed() {
        let draft = saved_at(Step::Check, &moved(false));
        assert_eq!(resume(&draft, &journey("having-a-baby"), env()), None);
    }

    #[test]
    fn a_sent_draft_resumes_on_its_confirmation() {
        let journey = moving();
        let mut draft = saved_at(Step::Confirmation, &Answers::default());
        assert_eq!(
            resume(&draft, &journey, env()).unwrap().step,
            Step::Start,
            "nothing to confirm"
        );
        draft.record(Parcel::not_sent("d1", "tax-address", None, ""), 3_000, DAY);
        assert_eq!(
            resume(&draft, &journey, env()).unwrap().step,
            Step::Confirmation
        );
        // Written before anything went, on "Who gets what": the confirmation too, to finish.
        let mut sending = saved_at(Step::Consent, &moved(true));
        sending.record(Parcel::not_sent("d1", "tax-address", None, ""), 3_000, DAY);
        assert_eq!(
            resume(&sending, &journey, env()).unwrap().step,
            Step::Confirmation
        );
    }

    #[test]
    fn services_no_longer_in_the_journey_are_not_left_out() {
        let journey = moving();
        let mut draft = saved_at(Step::Consent, &moved(true));
        draft.left_out = Set::from(["licence-address".into(), "gone".into()]);
        let resumed = resume(&draft, &journey, env()).unwrap();
        assert_eq!(resumed.left_out, Set::from(["licence-address".to_string()]));
    }

    #[test]
    fn a_removed_question_drops_its_answers() {
        let journey = moving();
        let mut answers = moved(false);
        answers.set_carried("address.previous", true);
        let draft = saved_at(Step::Check, &answers);
        let next = next_version(&journey, |j| j.pages.retain(|p| p.id != "previous-address"));
        let resumed = resume(&draft, &next, env()).unwrap();
        assert!(resumed.changed);
        assert_eq!(
            resumed.dropped,
            [
                "address.previous.line1",
                "address.previous.postcode",
                "address.previous.town"
            ]
        );
        assert_eq!(resumed.answers.get("address.previous.line1"), "");
        assert!(!resumed.answers.is_carried("address.previous"));
        assert_eq!(resumed.answers.get("address.current.line1"), "1 High St");
        assert_eq!(resumed.ask_again, []);
        assert_eq!(resumed.step, Step::Check);
    }

    #[test]
    fn a_renamed_question_is_asked_again() {
        let journey = moving();
        let draft = saved_at(Step::Check, &moved(false));
        let next = next_version(
            &renamed(&journey, "contact.phone", "contact.telephone"),
            |_| {},
        );
        let resumed = resume(&draft, &next, env()).unwrap();
        assert_eq!(resumed.dropped, ["contact.phone"]);
        assert_eq!(resumed.ask_again, [page(&next, "contact")]);
        let Step::Question(contact) = page(&next, "contact") else {
            panic!("contact is a question page");
        };
        assert_eq!(resumed.pages_to_ask_again(), [contact]);
        assert_eq!(resumed.step, page(&next, "contact"));
        assert_eq!(
            resumed.answers.get("contact.email"),
            "ada@example.com",
            "the page's other answer is kept"
        );
    }

    #[test]
    fn a_new_required_question_on_a_passed_page_is_asked_first() {
        let journey = moving();
        let draft = saved_at(page(&journey, "move-date"), &moved(false));
        let next = next_version(&journey, |j| {
            for id in ["name", "contact"] {
                let index = j.page_index(id).unwrap();
                j.pages[index].questions.push(Question::new(
                    &format!("{id}.new"),
                    FieldKind::Text,
                    "Something new",
                    "something new",
                ));
            }
        });
        let resumed = resume(&draft, &next, env()).unwrap();
        assert_eq!(resumed.dropped, Vec::<String>::new());
        assert_eq!(
            resumed.ask_again,
            [page(&next, "name")],
            "the contact page was not passed yet: it is asked in its turn"
        );
        assert_eq!(resumed.step, page(&next, "name"));
        let optional = next_version(&journey, |j| {
            let index = j.page_index("name").unwrap();
            let mut question = Question::new(
                "name.new",
                FieldKind::Text,
                "Something new",
                "something new",
            );
            question.required = false;
            j.pages[index].questions.push(question);
        });
        let resumed = resume(&draft, &optional, env()).unwrap();
        assert_eq!(resumed.ask_again, []);
        assert_eq!(resumed.step, page(&optional, "move-date"));
    }

    #[test]
    fn a_removed_saved_page_counts_every_answered_page_as_passed() {
        let journey = moving();
        let answers = moved(false);
        let draft = saved_at(page(&journey, "move-date"), &answers);
        let next = next_version(&journey, |j| {
            j.pages.retain(|p| p.id != "move-date");
            let index = j.page_index("name").unwrap();
            j.pages[index].questions.push(Question::new(
                "name.new",
                FieldKind::Text,
                "Something new",
                "something new",
            ));
        });
        let resumed = resume(&draft, &next, env()).unwrap();
        assert_eq!(resumed.ask_again, [page(&next, "name")]);
        assert_eq!(resumed.step, page(&next, "name"));
        assert_eq!(
            resumed.dropped,
            ["move.date.day", "move.date.month", "move.date.year"]
        );
    }

    #[test]
    fn a_repeating_groups_answers_are_kept() {
        let every = fixture("every-field");
        let answers = answered(&[
            ("driving.has_licence", "no"),
            ("benefits.received", "pension"),
            ("household.size", "3"),
            ("household.income_band", "under_20k"),
            ("household.children", "2"),
            ("household.children[0].name", "Ada"),
            ("household.children[0].date_of_birth.day", "1"),
            ("household.children[0].date_of_birth.month", "2"),
            ("household.children[0].date_of_birth.year", "2020"),
            ("household.children[1].name", "Byron"),
            ("household.children[1].date_of_birth.day", "3"),
            ("household.children[1].date_of_birth.month", "4"),
            ("household.children[1].date_of_birth.year", "2022"),
            ("household.children[9].name", "Beyond the group's maximum"),
            ("household.childrenish", "x"),
            ("contact.email", "ada@example.com"),
            ("employment.weekly_earnings", "250"),
            ("address.region", "north"),
            ("notes", "Thank you"),
        ]);
        let mut draft = Draft::new("d1", &every, 0, DAY);
        draft.save(&every, Step::Check, &answers, &Set::new(), 0, DAY);
        assert_eq!(
            resume(&draft, &every, env()).unwrap().step,
            Step::Check,
            "the answers are complete"
        );
        let next = next_version(&every, |j| j.pages.retain(|p| p.id != "anything-else"));
        let resumed = resume(&draft, &next, env()).unwrap();
        assert_eq!(
            resumed.dropped,
            [
                "household.children[9].name",
                "household.childrenish",
                "notes"
            ]
        );
        assert_eq!(resumed.answers.get("household.children"), "2");
        assert_eq!(resumed.answers.get("household.children[1].name"), "Byron");
        assert_eq!(
            resumed
                .answers
                .get("household.children[1].date_of_birth.year"),
            "2022"
        );
        assert_eq!(resumed.ask_again, []);
        assert_eq!(resumed.step, Step::Check);

        let renamed_item = next_version(&every, |j| {
            let index = j.page_index("children").unwrap();
            j.pages[index].questions[0].key = "given_name".into();
        });
        let resumed = resume(&draft, &renamed_item, env()).unwrap();
        let children = renamed_item.page_index("children").unwrap();
        assert_eq!(
            resumed.ask_again,
            [
                Step::Item {
                    page: children,
                    index: 0
                },
                Step::Item {
                    page: children,
                    index: 1
                }
            ],
            "each child's new question"
        );
        assert_eq!(
            resumed
                .answers
                .get("household.children[0].date_of_birth.day"),
            "1"
        );
    }
}
