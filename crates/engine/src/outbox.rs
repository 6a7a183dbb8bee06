//! The outbox: each chosen service's request, kept until its agency has it. A request that
//! fails for a reason that may pass (no network, a timeout, a busy or broken agency) is sent
//! again after a pause that grows each time; it carries the same idempotency key every time,
//! so an agency that did receive an earlier try acts once. Each service's state is kept in the
//! draft (see [`crate::draft`]), so a reload in the middle of sending sends again, with the same
//! key, instead of losing the request or sending it twice.
//!
//! Plain Rust, like [`crate::delivery`]: the caller gives how to send, how to wait, a random
//! number for jitter, and whether it is worth trying (the browser is online).

use crate::date::Date;
use crate::definition::Connector;
use crate::delivery::{deliver, Delivery, Reply, SendProblem};
use crate::mapping::AgencyRequest;
use crate::read::{one_of_names, At, Fields, FromJson, Placeholder, Read};
use serde::Serialize;
use serde_json::Value;
use std::future::Future;

/// How often, and how patiently, a request is sent again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Tries in all, the first included.
    pub tries: u32,
    /// The pause before the second try, before jitter; it doubles for each try after.
    pub first_delay_ms: u32,
    /// The longest pause. An agency that asks for a longer one (`Retry-After`) is not kept
    /// waiting on: the person is told to try again later.
    pub max_delay_ms: u32,
}

impl Default for RetryPolicy {
    /// Four tries, about 1, 2 and 4 seconds apart, never more than 30 seconds.
    fn default() -> RetryPolicy {
        RetryPolicy {
            tries: 4,
            first_delay_ms: 1000,
            max_delay_ms: 30_000,
        }
    }
}

impl RetryPolicy {
    /// The pause before the next try, after `tries_so_far` tries (0 counts as 1), or `None`
    /// when there is to be no next try: the tries are used up, or the agency's `Retry-After`
    /// (seconds) asks for longer than `max_delay_ms`. With `Retry-After`, exactly that long;
    /// otherwise `first_delay_ms` doubled for each try after the first, at most `max_delay_ms`,
    /// of which half is fixed and half scaled by `jitter` (0.0 to 1.0, "equal jitter"): so
    /// many phones that lost the same agency at once do not all come back at once.
    pub fn delay_ms(
        &self,
        tries_so_far: u32,
        retry_after: Option<u32>,
        jitter: f64,
    ) -> Option<u32> {
        if tries_so_far >= self.tries {
            return None;
        }
        let max = u64::from(self.max_delay_ms);
        if let Some(seconds) = retry_after {
            let asked = u64::from(seconds) * 1000;
            return (asked <= max).then_some(asked as u32);
        }
        let doublings = tries_so_far.saturating_sub(1).min(32);
        let backoff = u64::from(self.first_delay_ms)
            .saturating_mul(1 << doublings)
            .min(max);
        let jitter = if jitter.is_nan() {
            0.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        let half = backoff / 2;
        let scaled = (half as f64 * jitter) as u64;
        // At most `backoff`, so at most `max_delay_ms`: it fits.
        Some((backoff - half + scaled) as u32)
    }
}

/// The agency's `Retry-After` header in seconds from `now_unix_seconds`: either seconds
/// (`120`) or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`, the IMF-fixdate form; a date
/// already past is 0). `None` for anything else, so a garbled header is as if there were none.
pub fn retry_after_seconds(header: &str, now_unix_seconds: i64) -> Option<u32> {
    let header = header.trim();
    if !header.is_empty() && header.bytes().all(|b| b.is_ascii_digit()) {
        // Only too many digits fail to parse: a very long wait.
        return Some(header.parse().unwrap_or(u32::MAX));
    }
    let at = http_date(header)?;
    let seconds = (at - now_unix_seconds).clamp(0, i64::from(u32::MAX));
    Some(seconds as u32)
}

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An IMF-fixdate (RFC 9110 §5.6.7) as seconds since the Unix epoch.
fn http_date(text: &str) -> Option<i64> {
    let (day_name, rest) = text.split_once(", ")?;
    if !DAY_NAMES.contains(&day_name) {
        return None;
    }
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, time, "GMT"] = parts[..] else {
        return None;
    };
    let month = MONTH_NAMES.iter().position(|m| *m == month)? as u32 + 1;
    let date = Date::new(digits(year, 4)? as i32, month, digits(day, 2)?)?;
    let (hour, minute, second) = match time.split(':').collect::<Vec<_>>()[..] {
        [h, m, s] => (digits(h, 2)?, digits(m, 2)?, digits(s, 2)?),
        _ => return None,
    };
    // A leap second (60) is allowed by the format.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(
        date.days_since_epoch() * 86_400
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second),
    )
}

/// A number written with exactly `len` digits.
fn digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// The header that tells an agency two tries are one request (the IETF `Idempotency-Key`).
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// The idempotency key of one service's request in one draft. The draft id is random and
/// service ids are the journey's, so the key says nothing about the person.
pub fn idempotency_key(draft_id: &str, service_id: &str) -> String {
    format!("{draft_id}.{service_id}")
}

/// The request with its idempotency key, replacing any the connector set (header names are
/// compared without regard to case, as HTTP does).
pub fn with_idempotency_key(mut request: AgencyRequest, key: &str) -> AgencyRequest {
    request
        .headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case(IDEMPOTENCY_KEY));
    request
        .headers
        .push((IDEMPOTENCY_KEY.to_string(), key.to_string()));
    request
}

/// What came of sending one request, and how many tries it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempted {
    pub delivery: Delivery,
    pub tries: u32,
}

/// Delivers a request (see [`deliver`]: an agency that answers 202 is followed), sending the
/// same request again, idempotency key and all, while it fails for a reason that may pass,
/// `keep_trying()` says it is worth it (the browser is online), and `policy` allows another
/// try. `wait_ms` waits that many milliseconds, for the pauses and for 202 polling alike;
/// `jitter` gives a random number from 0.0 to 1.0. A failure the person or the journey must
/// fix (any other 4xx, an unreadable reply, a request turned down) is never sent again.
pub async fn deliver_retrying<S, SF, W, WF, J, K>(
    connector: &Connector,
    request: AgencyRequest,
    mut send: S,
    mut wait_ms: W,
    policy: &RetryPolicy,
    mut jitter: J,
    mut keep_trying: K,
) -> Attempted
where
    S: FnMut(AgencyRequest) -> SF,
    SF: Future<Output = Result<Reply, ()>>,
    W: FnMut(u32) -> WF,
    WF: Future<Output = ()>,
    J: FnMut() -> f64,
    K: FnMut() -> bool,
{
    let mut tries = 0;
    loop {
        tries += 1;
        let delivery = deliver(connector, request.clone(), &mut send, &mut wait_ms).await;
        let pause = match &delivery {
            Delivery::Failed(problem) if problem.is_transient() && keep_trying() => {
                policy.delay_ms(tries, retry_after(problem), jitter())
            }
            _ => None,
        };
        let Some(pause) = pause else {
            return Attempted { delivery, tries };
        };
        wait_ms(pause).await;
        // The connection may have gone while waiting.
        if !keep_trying() {
            return Attempted { delivery, tries };
        }
    }
}

fn retry_after(problem: &SendProblem) -> Option<u32> {
    match problem {
        SendProblem::Rejected { retry_after, .. } => *retry_after,
        _ => None,
    }
}

/// One service's place in the outbox, as kept in a draft. As JSON, its state is inline:
/// `{"service":"tax-address","key":"…","state":"sent","reference":"TX-1","at":"10:02am"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parcel {
    /// The service's id in the journey.
    pub service: String,
    /// Its idempotency key (see [`idempotency_key`]).
    pub key: String,
    /// The request, with the key, while it may still be sent: dropped once it need not be, so
    /// the draft keeps no more of the person's answers than it must.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<AgencyRequest>,
    #[serde(flatten)]
    pub state: ParcelState,
    /// When the state last changed, in words, as the UI shows it.
    pub at: String,
}

impl FromJson for Parcel {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::kept(value, at, "struct Parcel")?;
        let state = match f.needed("state") {
            StateName::Queued => ParcelState::Queued,
            StateName::Sending => ParcelState::Sending,
            StateName::LeftOut => ParcelState::LeftOut,
            StateName::Sent => ParcelState::Sent {
                reference: f.needed("reference"),
            },
            StateName::Pending => ParcelState::Pending {
                status_url: f.needed("status_url"),
            },
            StateName::Failed => ParcelState::Failed {
                problem: f.needed("problem"),
            },
        };
        f.done(Parcel {
            service: f.needed("service"),
            key: f.needed("key"),
            request: f.optional("request"),
            state,
            at: f.needed("at"),
        })
    }
}

/// A parcel's `state`, as it is kept.
#[derive(Clone, Copy)]
enum StateName {
    Queued,
    Sending,
    Sent,
    Pending,
    Failed,
    LeftOut,
}

impl FromJson for StateName {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        use StateName as S;
        let names = [
            ("queued", S::Queued),
            ("sending", S::Sending),
            ("sent", S::Sent),
            ("pending", S::Pending),
            ("failed", S::Failed),
            ("left_out", S::LeftOut),
        ];
        one_of_names(value, at, &names)
    }
}

impl Placeholder for StateName {
    fn placeholder() -> Self {
        StateName::Queued
    }
}

/// Where a service's request is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ParcelState {
    /// Chosen, not sent yet (offline, say): send when possible.
    Queued,
    /// Being sent. Found so in a draft after a reload, it is sent again with the same key: the
    /// agency may or may not have it.
    Sending,
    /// The agency has it and gave this reference.
    Sent {
        reference: String,
    },
    /// The agency has it but had not finished: where to ask how it is going.
    Pending {
        status_url: String,
    },
    Failed {
        problem: SendProblem,
    },
    /// The person chose not to send it.
    LeftOut,
}

impl From<Delivery> for ParcelState {
    fn from(delivery: Delivery) -> ParcelState {
        match delivery {
            Delivery::Sent { reference } => ParcelState::Sent { reference },
            Delivery::Pending { status_url } => ParcelState::Pending { status_url },
            Delivery::Failed(problem) => ParcelState::Failed { problem },
        }
    }
}

impl Parcel {
    /// A chosen service's request, keyed for the draft and waiting to be sent.
    pub fn queued(draft_id: &str, service: &str, request: AgencyRequest, at: &str) -> Parcel {
        let key = idempotency_key(draft_id, service);
        Parcel {
            service: service.to_string(),
            request: Some(with_idempotency_key(request, &key)),
            key,
            state: ParcelState::Queued,
            at: at.to_string(),
        }
    }

    /// A service that was not sent, and will not be: left out by the person, or (with a
    /// problem) its request could not be built.
    pub fn not_sent(
        draft_id: &str,
        service: &str,
        problem: Option<SendProblem>,
        at: &str,
    ) -> Parcel {
        Parcel {
            service: service.to_string(),
            key: idempotency_key(draft_id, service),
            request: None,
            state: problem.map_or(ParcelState::LeftOut, |problem| ParcelState::Failed {
                problem,
            }),
            at: at.to_string(),
        }
    }

    /// Notes that the request is on its way: save the draft after this, before sending.
    pub fn sending(&mut self, at: &str) {
        self.state = ParcelState::Sending;
        self.at = at.to_string();
    }

    /// Notes what came of sending. The request is kept only if it may be sent again.
    pub fn record(&mut self, delivery: Delivery, at: &str) {
        self.state = ParcelState::from(delivery);
        self.at = at.to_string();
        if !matches!(&self.state, ParcelState::Failed { problem } if problem.is_transient()) {
            self.request = None;
        }
    }

    /// True when nothing more is to be done: the agency has it, or it was left out.
    pub fn is_done(&self) -> bool {
        matches!(
            self.state,
            ParcelState::Sent { .. } | ParcelState::Pending { .. } | ParcelState::LeftOut
        )
    }

    /// True when the request is to be sent now: it was queued, or its sending was cut short
    /// (a reload); and, with `retry_failed` (the person asked, or the browser came back
    /// online), when it failed for a reason that may pass. Never without a request to send.
    pub fn needs_sending(&self, retry_failed: bool) -> bool {
        self.request.is_some()
            && match &self.state {
                ParcelState::Queued | ParcelState::Sending => true,
                ParcelState::Failed { problem } => retry_failed && problem.is_transient(),
                _ => false,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::tests::{connector, polling, reply, request};
    use crate::mapping::MappingError;
    use crate::read::from_text;
    use crate::testing::run;
    use serde_json::json;
    use std::cell::{Cell, RefCell};
    use std::collections::VecDeque;
    use std::future::ready;

    fn rejected(status: u16, retry_after: Option<u32>) -> SendProblem {
        SendProblem::Rejected {
            status,
            detail: String::new(),
            retry_after,
        }
    }

    fn replying(status: u16, retry_after: Option<u32>) -> Result<Reply, ()> {
        Ok(Reply {
            status,
            body: String::new(),
            location: None,
            retry_after,
        })
    }

    #[test]
    fn by_default_four_tries_from_a_second_apart_to_half_a_minute_at_most() {
        assert_eq!(
            RetryPolicy::default(),
            RetryPolicy {
                tries: 4,
                first_delay_ms: 1000,
                max_delay_ms: 30_000
            }
        );
    }

    #[test]
    fn the_pause_doubles_with_half_of_it_jittered() {
        let policy = RetryPolicy::default();
        let pauses = |jitter| {
            (1..=4)
                .map(|tries| policy.delay_ms(tries, None, jitter))
                .collect::<Vec<_>>()
        };
        assert_eq!(pauses(1.0), [Some(1000), Some(2000), Some(4000), None]);
        assert_eq!(pauses(0.0), [Some(500), Some(1000), Some(2000), None]);
        assert_eq!(pauses(0.5), [Some(750), Some(1500), Some(3000), None]);
        assert_eq!(
            policy.delay_ms(0, None, 1.0),
            Some(1000),
            "no tries yet counts as the first"
        );
        for wild in [2.0, f64::INFINITY] {
            assert_eq!(policy.delay_ms(1, None, wild), Some(1000));
        }
        for wild in [-1.0, f64::NAN, f64::NEG_INFINITY] {
            assert_eq!(policy.delay_ms(1, None, wild), Some(500));
        }
    }

    #[test]
    fn the_pause_never_passes_the_longest() {
        let policy = RetryPolicy {
            tries: u32::MAX,
            first_delay_ms: 1000,
            max_delay_ms: 30_000,
        };
        assert_eq!(policy.delay_ms(5, None, 1.0), Some(16_000));
        assert_eq!(policy.delay_ms(6, None, 1.0), Some(30_000));
        assert_eq!(policy.delay_ms(6, None, 0.0), Some(15_000));
        assert_eq!(
            policy.delay_ms(1000, None, 1.0),
            Some(30_000),
            "no overflow"
        );
        let huge = RetryPolicy {
            tries: u32::MAX,
            first_delay_ms: u32::MAX,
            max_delay_ms: u32::MAX,
        };
        assert_eq!(huge.delay_ms(40, None, 1.0), Some(u32::MAX));
        let once = RetryPolicy {
            tries: 1,
            ..RetryPolicy::default()
        };
        assert_eq!(once.delay_ms(1, None, 1.0), None, "one try, no retry");
    }

    #[test]
    fn retry_after_is_waited_exactly_unless_it_is_too_long() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay_ms(1, Some(7), 0.0), Some(7000));
        assert_eq!(policy.delay_ms(1, Some(7), 1.0), Some(7000), "no jitter");
        assert_eq!(
            policy.delay_ms(3, Some(7), 0.0),
            Some(7000),
            "not the backoff"
        );
        assert_eq!(policy.delay_ms(1, Some(0), 1.0), Some(0));
        assert_eq!(policy.delay_ms(1, Some(30), 1.0), Some(30_000));
        assert_eq!(
            policy.delay_ms(1, Some(31), 1.0),
            None,
            "longer than we wait: try again later"
        );
        assert_eq!(policy.delay_ms(1, Some(u32::MAX), 1.0), None);
        assert_eq!(policy.delay_ms(4, Some(1), 1.0), None, "tries used up");
    }

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(retry_after_seconds("120", 0), Some(120));
        assert_eq!(retry_after_seconds(" 0 ", 0), Some(0));
        assert_eq!(
            retry_after_seconds("99999999999999999999999", 0),
            Some(u32::MAX)
        );
        for garbled in ["", " ", "-5", "1.5", "+3", "12 s", "soon", "0x10"] {
            assert_eq!(retry_after_seconds(garbled, 0), None, "{garbled:?}");
        }
    }

    #[test]
    fn retry_after_as_an_http_date() {
        // 2015-10-21 07:28:00 UTC.
        let at = 1_445_412_480;
        let date = "Wed, 21 Oct 2015 07:28:00 GMT";
        assert_eq!(retry_after_seconds(date, at - 90), Some(90));
        assert_eq!(retry_after_seconds(date, at), Some(0));
        assert_eq!(retry_after_seconds(date, at + 5), Some(0), "already past");
        assert_eq!(
            retry_after_seconds("Tue, 29 Feb 2000 23:59:59 GMT", 951_868_799 - 1),
            Some(1)
        );
        assert_eq!(
            retry_after_seconds("Thu, 01 Jan 1970 00:01:00 GMT", 0),
            Some(60)
        );
        assert_eq!(
            retry_after_seconds("Fri, 01 Jan 2500 00:00:00 GMT", 0),
            Some(u32::MAX),
            "too far to count"
        );
        for other in [
            "Wed, 21 Oct 2015 07:28:00 UTC",
            "Wednesday, 21-Oct-15 07:28:00 GMT",
            "Wed Oct 21 07:28:00 2015",
            "Wed, 21 oct 2015 07:28:00 GMT",
            "Xyz, 21 Oct 2015 07:28:00 GMT",
            "Wed, 1 Oct 2015 07:28:00 GMT",
            "Wed, 31 Feb 2015 07:28:00 GMT",
            "Wed, 21 Oct 2015 24:00:00 GMT",
            "Wed, 21 Oct 2015 07:60:00 GMT",
            "Wed, 21 Oct 2015 7:28:00 GMT",
            "Wed, 21 Oct 2015 07:28 GMT",
            "Wed, 21 Oct 2015 07:28:00 GMT extra",
            "Wed, 21 Oct 2015  07:28:00 GMT",
            "Wed, +1 Oct 2015 07:28:00 GMT",
        ] {
            assert_eq!(retry_after_seconds(other, 0), None, "{other:?}");
        }
    }

    #[test]
    fn the_idempotency_key_names_the_draft_and_the_service_only() {
        assert_eq!(
            idempotency_key("0b7f-42", "tax-address"),
            "0b7f-42.tax-address"
        );
        let mut connectors = request();
        connectors
            .headers
            .push(("idempotency-KEY".into(), "theirs".into()));
        let keyed = with_idempotency_key(connectors, "d.s");
        assert_eq!(
            keyed.headers,
            [
                ("Content-Type".to_string(), "application/json".to_string()),
                ("X-Api-Key".to_string(), "k".to_string()),
                ("Idempotency-Key".to_string(), "d.s".to_string()),
            ]
        );
        assert_eq!(
            with_idempotency_key(keyed.clone(), "d.s"),
            keyed,
            "setting it again changes nothing"
        );
        assert_eq!(
            (keyed.method.as_str(), keyed.body.as_deref()),
            ("POST", Some("{}"))
        );
    }

    /// Delivers with replies in order, jitter 1.0 (the full pause); returns what came of it,
    /// the requests sent and each wait.
    fn retrying(
        connector: &Connector,
        replies: Vec<Result<Reply, ()>>,
        policy: &RetryPolicy,
        online: &dyn Fn(usize) -> bool,
    ) -> (Attempted, Vec<AgencyRequest>, Vec<u32>) {
        let replies = RefCell::new(VecDeque::from(replies));
        let sent = RefCell::new(Vec::new());
        let waits = RefCell::new(Vec::new());
        let asked = Cell::new(0);
        let attempted = run(deliver_retrying(
            connector,
            with_idempotency_key(request(), "d.s"),
            |r| {
                sent.borrow_mut().push(r);
                ready(replies.borrow_mut().pop_front().unwrap_or(Err(())))
            },
            |ms| {
                waits.borrow_mut().push(ms);
                ready(())
            },
            policy,
            || 1.0,
            || {
                asked.set(asked.get() + 1);
                online(asked.get())
            },
        ));
        (attempted, sent.into_inner(), waits.into_inner())
    }

    fn always(_: usize) -> bool {
        true
    }

    #[test]
    fn a_busy_agency_gets_the_same_request_again() {
        let (attempted, sent, waits) = retrying(
            &connector(None),
            vec![
                replying(503, None),
                Err(()),
                reply(201, r#"{"confirmationId":"MV-1"}"#),
            ],
            &RetryPolicy::default(),
            &always,
        );
        assert_eq!(
            attempted,
            Attempted {
                delivery: Delivery::Sent {
                    reference: "MV-1".into()
                },
                tries: 3
            }
        );
        assert_eq!(waits, [1000, 2000]);
        assert_eq!(sent.len(), 3);
        assert!(
            sent.iter()
                .all(|r| *r == with_idempotency_key(request(), "d.s")),
            "each try is the same request with the same key"
        );
    }

    #[test]
    fn the_agency_says_how_long_to_wait() {
        let (attempted, _, waits) = retrying(
            &connector(None),
            vec![
                replying(429, Some(7)),
                reply(201, r#"{"confirmationId":"MV-1"}"#),
            ],
            &RetryPolicy::default(),
            &always,
        );
        assert_eq!((attempted.tries, waits), (2, vec![7000]));
        let (attempted, sent, waits) = retrying(
            &connector(None),
            vec![replying(503, Some(3600))],
            &RetryPolicy::default(),
            &always,
        );
        assert_eq!(
            (attempted.delivery, sent.len(), waits),
            (Delivery::Failed(rejected(503, Some(3600))), 1, vec![]),
            "an hour is too long to wait on a page: try again later"
        );
    }

    #[test]
    fn tries_are_counted_until_the_policy_stops() {
        let (attempted, sent, waits) =
            retrying(&connector(None), vec![], &RetryPolicy::default(), &always);
        assert_eq!(
            attempted,
            Attempted {
                delivery: Delivery::Failed(SendProblem::Network),
                tries: 4
            }
        );
        assert_eq!(sent.len(), 4);
        assert_eq!(waits, [1000, 2000, 4000]);
    }

    #[test]
    fn what_must_be_fixed_is_never_sent_again() {
        for replies in [
            vec![replying(422, None)],
            vec![replying(404, Some(1))],
            vec![reply(200, "<html>")],
        ] {
            let (attempted, sent, waits) =
                retrying(&connector(None), replies, &RetryPolicy::default(), &always);
            assert_eq!((attempted.tries, sent.len(), waits), (1, 1, vec![]));
            assert!(
                matches!(&attempted.delivery, Delivery::Failed(p) if !p.is_transient()),
                "{:?}",
                attempted.delivery
            );
        }
        let (attempted, sent, _) = retrying(
            &connector(Some(polling())),
            vec![
                reply(202, r#"{"links":{"status":"/s/1"}}"#),
                reply(200, r#"{"status":"rejected"}"#),
            ],
            &RetryPolicy::default(),
            &always,
        );
        assert_eq!(
            (attempted.delivery, attempted.tries, sent.len()),
            (
                Delivery::Failed(SendProblem::Refused {
                    state: "rejected".into()
                }),
                1,
                2
            )
        );
    }

    #[test]
    fn offline_it_stops_at_once() {
        let (attempted, sent, waits) =
            retrying(&connector(None), vec![], &RetryPolicy::default(), &|_| {
                false
            });
        assert_eq!(
            (attempted.delivery, attempted.tries, sent.len(), waits),
            (Delivery::Failed(SendProblem::Network), 1, 1, vec![])
        );
    }

    #[test]
    fn going_offline_while_waiting_stops_before_the_next_try() {
        // Online when the first try fails, offline once the pause is over.
        let (attempted, sent, waits) = retrying(
            &connector(None),
            vec![replying(503, None)],
            &RetryPolicy::default(),
            &|asked| asked < 2,
        );
        assert_eq!(
            (attempted.delivery, attempted.tries, sent.len(), waits),
            (Delivery::Failed(rejected(503, None)), 1, 1, vec![1000])
        );
    }

    #[test]
    fn an_accepted_request_is_followed_in_milliseconds_without_its_key() {
        let (attempted, sent, waits) = retrying(
            &connector(Some(polling())),
            vec![
                replying(502, None),
                reply(202, r#"{"links":{"status":"/s/1"}}"#),
                reply(200, r#"{"status":"completed","confirmationId":"MV-9"}"#),
            ],
            &RetryPolicy::default(),
            &always,
        );
        assert_eq!(
            attempted,
            Attempted {
                delivery: Delivery::Sent {
                    reference: "MV-9".into()
                },
                tries: 2
            }
        );
        assert_eq!(
            waits,
            [1000, 2000],
            "the pause, then one poll two seconds on"
        );
        let poll = &sent[2];
        assert_eq!(poll.method, "GET");
        assert_eq!(
            poll.headers,
            [("X-Api-Key".to_string(), "k".to_string())],
            "a poll asks how it is going; it is not the change"
        );
    }

    fn keyed() -> Parcel {
        Parcel::queued("d1", "tax-address", request(), "10:02am")
    }

    #[test]
    fn a_parcel_reads_as_plain_json() {
        let mut parcel = keyed();
        assert_eq!(parcel.key, "d1.tax-address");
        assert_eq!(
            serde_json::to_value(&parcel).unwrap(),
            json!({
                "service": "tax-address",
                "key": "d1.tax-address",
                "request": {
                    "method": "POST",
                    "url": "https://mv.example/v1/changes",
                    "headers": [
                        ["Content-Type", "application/json"],
                        ["X-Api-Key", "k"],
                        ["Idempotency-Key", "d1.tax-address"]
                    ],
                    "body": "{}"
                },
                "state": "queued",
                "at": "10:02am"
            })
        );
        parcel.record(Delivery::Failed(rejected(503, Some(30))), "10:03am");
        assert_eq!(
            serde_json::to_value(&parcel).unwrap()["problem"],
            json!({ "kind": "rejected", "status": 503, "detail": "", "retry_after": 30 })
        );
        let mapping = Parcel::not_sent(
            "d1",
            "licence",
            Some(SendProblem::Mapping(MappingError::Unanswered(
                "move.date".into(),
            ))),
            "10:04am",
        );
        assert_eq!(
            serde_json::to_value(&mapping).unwrap(),
            json!({
                "service": "licence",
                "key": "d1.licence",
                "state": "failed",
                "problem": { "kind": "mapping", "error": "unanswered", "detail": "move.date" },
                "at": "10:04am"
            })
        );
    }

    #[test]
    fn every_state_survives_a_round_trip_through_json() {
        let states = [
            ParcelState::Queued,
            ParcelState::Sending,
            ParcelState::Sent {
                reference: "TX-1".into(),
            },
            ParcelState::Pending {
                status_url: "https://mv.example/s/1".into(),
            },
            ParcelState::Failed {
                problem: SendProblem::Network,
            },
            ParcelState::Failed {
                problem: rejected(429, None),
            },
            ParcelState::Failed {
                problem: rejected(503, Some(30)),
            },
            ParcelState::Failed {
                problem: SendProblem::Mapping(MappingError::Unanswered("move.date".into())),
            },
            ParcelState::Failed {
                problem: SendProblem::Reply(MappingError::NoReference("/id".into())),
            },
            ParcelState::Failed {
                problem: SendProblem::Mapping(MappingError::ReplyNotJson("eof".into())),
            },
            ParcelState::Failed {
                problem: SendProblem::Refused {
                    state: "rejected".into(),
                },
            },
            ParcelState::LeftOut,
        ];
        for state in states {
            let parcel = Parcel { state, ..keyed() };
            let json = serde_json::to_string(&parcel).unwrap();
            assert_eq!(from_text::<Parcel>(&json), Ok(parcel), "{json}");
        }
        let old = Parcel::from_json(
            &json!({
                "service": "s", "key": "d.s", "state": "failed",
                "problem": { "kind": "rejected", "status": 500, "detail": "" },
                "at": ""
            }),
            At::Top,
        )
        .unwrap();
        assert_eq!(
            old.state,
            ParcelState::Failed {
                problem: rejected(500, None)
            },
            "retry_after may be absent"
        );
    }

    #[test]
    fn a_kept_parcel_that_lacks_what_its_state_needs_is_refused() {
        let refused = |value: serde_json::Value| {
            Parcel::from_json(&value, At::Top)
                .unwrap_err()
                .first()
                .message
                .clone()
        };
        let parcel = |state: serde_json::Value| {
            let mut value = json!({ "service": "s", "key": "d.s", "at": "" });
            value
                .as_object_mut()
                .unwrap()
                .extend(state.as_object().unwrap().clone());
            value
        };
        assert_eq!(
            refused(parcel(json!({ "state": "sent" }))),
            "missing field `reference`"
        );
        assert_eq!(
            refused(parcel(json!({ "state": "pending" }))),
            "missing field `status_url`"
        );
        assert_eq!(
            refused(parcel(json!({ "state": "failed" }))),
            "missing field `problem`"
        );
        assert!(refused(parcel(json!({ "state": "lost" }))).starts_with("unknown variant `lost`"));
        assert_eq!(
            refused(json!({ "service": "s", "state": "queued", "at": "" })),
            "missing field `key`"
        );
        let problem =
            |problem: serde_json::Value| parcel(json!({ "state": "failed", "problem": problem }));
        assert_eq!(
            refused(problem(json!({ "kind": "rejected", "detail": "" }))),
            "missing field `status`"
        );
        assert_eq!(
            refused(problem(json!({ "kind": "refused" }))),
            "missing field `state`"
        );
        assert_eq!(
            refused(problem(json!({ "kind": "mapping", "detail": "x" }))),
            "missing field `error`"
        );
        assert!(refused(problem(
            json!({ "kind": "reply", "error": "lost", "detail": "x" })
        ))
        .starts_with("unknown variant `lost`, expected one of `unanswered`"));
        assert!(refused(problem(json!({ "status": 500 }))).starts_with("missing field `kind`"));
    }

    #[test]
    fn what_a_parcel_still_needs() {
        let mut parcel = keyed();
        assert!(parcel.needs_sending(false) && !parcel.is_done(), "queued");
        parcel.sending("10:03am");
        assert_eq!(
            (parcel.state.clone(), parcel.at.as_str()),
            (ParcelState::Sending, "10:03am")
        );
        assert!(
            parcel.needs_sending(false),
            "cut short by a reload: send again"
        );
        parcel.record(Delivery::Failed(SendProblem::Network), "10:04am");
        assert!(!parcel.needs_sending(false) && parcel.needs_sending(true));
        assert!(parcel.request.is_some(), "kept, to send again");
        assert!(!parcel.is_done());
        parcel.record(
            Delivery::Pending {
                status_url: "u".into(),
            },
            "10:05am",
        );
        assert!(parcel.is_done() && !parcel.needs_sending(true));
        assert_eq!(parcel.request, None, "the agency has it: the answers go");

        let mut refused = keyed();
        refused.record(Delivery::Failed(rejected(422, None)), "10:06am");
        assert!(!refused.is_done() && !refused.needs_sending(true));
        assert_eq!(refused.request, None);

        let mut sent = keyed();
        sent.record(
            Delivery::Sent {
                reference: "TX-1".into(),
            },
            "10:07am",
        );
        assert!(sent.is_done());
        assert_eq!(
            sent.state,
            ParcelState::Sent {
                reference: "TX-1".into()
            }
        );

        let left_out = Parcel::not_sent("d1", "licence", None, "10:08am");
        assert_eq!(left_out.state, ParcelState::LeftOut);
        assert!(left_out.is_done() && !left_out.needs_sending(true));

        let lost = Parcel {
            request: None,
            ..keyed()
        };
        assert!(!lost.needs_sending(true), "nothing to send");
    }
}
