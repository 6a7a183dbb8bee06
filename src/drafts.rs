//! Saving and resuming drafts: every answer is saved as it is given, so a reload, a closed tab
//! or a crash opens the journey again on the same page with every answer, and a submission
//! that was under way is finished with the same idempotency keys. What a draft holds, when it
//! expires and how it resumes on a newer version of a journey are the engine's (`draft`);
//! where it is kept is the storage edge's.

use crate::browser;
use crate::flow::{env, Flow, Notice};
use crate::storage::{self, Keeping};
use leptos::prelude::*;
use tell_once_engine::draft::{resume, Draft};
use tell_once_engine::outbox::Parcel;
use tell_once_engine::{Answers, Journey, Step};

/// How this journey's draft is being kept.
#[derive(Clone, Copy)]
pub struct Drafting {
    /// The draft's random id: the stem of its idempotency keys.
    pub id: StoredValue<String>,
    pub keeping: RwSignal<Keeping>,
    /// When the saved draft expires (ms since the epoch), once something was saved.
    pub expires_at: RwSignal<Option<i64>>,
    /// True when the last save failed (storage full or turned off).
    pub unsaved: RwSignal<bool>,
}

/// What a journey opens with: a resumed draft, or a fresh start.
pub struct Opening {
    pub answers: Answers,
    /// The step to open on, from the draft.
    pub step: Option<Step>,
    pub left_out: tell_once_engine::ordered::Set<String>,
    pub parcels: Vec<Parcel>,
    pub drafting: Drafting,
    pub notice: Option<Notice>,
}

/// The way a person keeps drafts when nothing says otherwise: on the device, unless the host
/// page keeps drafts in the tab only.
fn default_keeping(keep_ms: i64) -> Keeping {
    if keep_ms > 0 {
        Keeping::Device
    } else {
        Keeping::Tab
    }
}

/// Opens a journey: from its saved draft if there is one that can be used, else afresh with
/// `fresh` (what the answer store carries over). A draft that expired or cannot be read is
/// deleted, and the person is told.
pub fn open(journey: &Journey, fresh: Answers, keep_ms: i64, lang: &'static str) -> Opening {
    let mut opening = Opening {
        answers: fresh,
        step: None,
        left_out: Default::default(),
        parcels: Vec::new(),
        drafting: Drafting {
            id: StoredValue::new(storage::random_id()),
            keeping: RwSignal::new(default_keeping(keep_ms)),
            expires_at: RwSignal::new(None),
            unsaved: RwSignal::new(false),
        },
        notice: None,
    };
    let Some((text, keeping)) = storage::read(&journey.id) else {
        return opening;
    };
    let draft = match Draft::from_json(&text) {
        Ok(draft) => draft,
        Err(_) => return afresh(opening, &journey.id, Notice::Unreadable),
    };
    if draft.is_expired(browser::now_ms()) {
        return afresh(opening, &journey.id, Notice::Expired);
    }
    let Some(resumed) = resume(&draft, journey, env(lang)) else {
        return afresh(opening, &journey.id, Notice::Unreadable);
    };
    if resumed.changed && resumed.step != Step::Confirmation {
        opening.notice = Some(Notice::Changed {
            ask_again: resumed.pages_to_ask_again(),
        });
    }
    // The page the person was on, the first to answer again on a newer version of the
    // journey, or, if something was being sent, the confirmation page, to finish it.
    opening.answers = resumed.answers;
    opening.step = Some(resumed.step);
    opening.left_out = resumed.left_out;
    opening.parcels = draft.outbox;
    opening.drafting.id.set_value(draft.id);
    // A host page that now keeps drafts in the tab only moves an older one there.
    opening
        .drafting
        .keeping
        .set(if keep_ms > 0 { keeping } else { Keeping::Tab });
    opening.drafting.expires_at.set(Some(draft.expires_at));
    opening
}

/// Deletes a draft that cannot be used, and starts again from the start page (not from a
/// page in the address, whose answers are gone), saying why.
fn afresh(mut opening: Opening, journey_id: &str, why: Notice) -> Opening {
    storage::delete(journey_id);
    opening.step = Some(Step::Start);
    opening.notice = Some(why);
    opening
}

/// Saves the journey as it is now, where the person chose to keep it. Nothing is saved before
/// the person has given an answer.
pub fn save(flow: &Flow) {
    let journey = flow.journey();
    let drafting = flow.drafting;
    let outbox: Vec<Parcel> = flow
        .outcomes
        .with_untracked(|o| o.iter().map(|o| o.parcel.clone()).collect());
    let given = !flow.untouched();
    if drafting.expires_at.get_untracked().is_none() && !given && outbox.is_empty() {
        return;
    }
    // Everything was sent: the draft was deleted, and nothing is kept.
    if !outbox.is_empty() && outbox.iter().all(Parcel::is_done) {
        return;
    }
    let now = browser::now_ms();
    let keeping = drafting.keeping.get_untracked();
    let lifetime = match keeping {
        // In the tab only, a draft ends with the tab; it still says when it would expire.
        Keeping::Tab => flow.session.keep_ms.max(86_400_000),
        Keeping::Device => flow.session.keep_ms,
    };
    let mut draft = Draft::new(&drafting.id.get_value(), &journey, now, lifetime);
    flow.answers.with_untracked(|answers| {
        flow.left_out.with_untracked(|left_out| {
            let step = flow.step.get_untracked();
            draft.save(&journey, step, answers, left_out, now, lifetime)
        })
    });
    for parcel in outbox {
        draft.record(parcel, now, lifetime);
    }
    let saved = storage::write(&journey.id, &draft.to_json(), keeping).is_ok();
    drafting.unsaved.set(!saved);
    drafting.expires_at.set(saved.then_some(draft.expires_at));
}

/// Deletes the draft from this device and starts the journey again, empty.
pub fn delete(flow: &Flow) {
    forget(flow);
    flow.answers.set(flow.fresh.get_value());
    flow.left_out.set(Default::default());
    flow.outcomes.set(Vec::new());
    flow.go(Step::Start);
    flow.notice.set(Some(Notice::Deleted));
}

/// After everything was sent: the draft is deleted, and a new one (if the person starts
/// again) gets a new id, so its submissions are new ones.
pub fn forget(flow: &Flow) {
    storage::delete(&flow.journey().id);
    flow.drafting.id.set_value(storage::random_id());
    flow.drafting.expires_at.set(None);
}
