//! What the agencies received, in SQLite, exactly as it arrived; for agencies that answer
//! "accepted, ask again later", the status tokens people poll; and, for requests sent with an
//! `Idempotency-Key`, the reply each key was given, so that a retry gets the same one. Beside
//! them, and never joined to them, the answers to the customer-experience survey, and the
//! answers people chose to save for a hand-off (see `agencies/handoff.rs`): kept under a hash of
//! their code, with a salted hash of the date of birth, and wiped when they expire.

use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use std::hash::{BuildHasher, RandomState};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// One request an agency accepted.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    pub id: i64,
    pub agency: String,
    pub endpoint: String,
    pub content_type: String,
    /// The body exactly as received.
    pub body: String,
    /// The body's fields, parsed.
    pub fields: serde_json::Value,
    pub reference: String,
    /// Milliseconds since the Unix epoch.
    pub received_at: i64,
    /// The `Idempotency-Key` it was sent with, if any.
    pub idempotency_key: Option<String>,
}

/// A request as it arrived, before it is stored.
#[derive(Debug, Clone, Copy)]
pub struct Received<'a> {
    pub agency: &'a str,
    pub endpoint: &'a str,
    pub content_type: &'a str,
    /// The body exactly as received.
    pub body: &'a str,
    /// The body's fields, parsed.
    pub fields: &'a serde_json::Value,
    /// Its `Idempotency-Key`, already checked, if it has one.
    pub idempotency_key: Option<&'a str>,
}

/// A reply exactly as it was sent, kept with its idempotency key so that a retry gets it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    /// The `Location` header, if there was one.
    pub location: Option<String>,
    /// The JSON body, as text.
    pub body: String,
}

/// What became of a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Stored {
    /// Stored now, as this record, and answered with this reply.
    New { record: Record, reply: Reply },
    /// Its idempotency key came with the same body before, to the same endpoint: the reply
    /// given then. Nothing new is stored.
    Replayed(Reply),
    /// Its idempotency key came with a different body before, to the same endpoint. Nothing is
    /// stored.
    KeyUsedForAnother,
}

/// The answers to the customer-experience survey (OMB A-11 section 280), each from 1
/// (strongly disagree) to 5 (strongly agree), or not answered.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Ratings {
    pub satisfaction: Option<u8>,
    pub trust: Option<u8>,
    pub effectiveness: Option<u8>,
    pub ease: Option<u8>,
    pub efficiency: Option<u8>,
    pub equity: Option<u8>,
    pub transparency: Option<u8>,
}

impl Ratings {
    pub fn is_empty(&self) -> bool {
        *self == Ratings::default()
    }
}

/// One answer to the survey: which journey it was about, never who gave it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Feedback {
    pub id: i64,
    pub journey: String,
    pub version: String,
    pub ratings: Ratings,
    pub comment: Option<String>,
    /// Milliseconds since the Unix epoch.
    pub received_at: i64,
}

/// Answers a person chose to save, to pick up by phone, in person or on another device.
#[derive(Debug, Clone, PartialEq)]
pub struct Handoff {
    pub journey: String,
    pub version: Option<String>,
    /// The answers as the app sent them (JSON); `None` once the save expired and was wiped.
    pub answers: Option<String>,
    pub dob_salt: String,
    pub dob_hash: String,
    /// Milliseconds since the Unix epoch.
    pub saved_at: i64,
    pub expires_at: i64,
}

/// How long an expired save's hashes are kept after its answers are wiped, so that the person
/// is told "expired" rather than "not found": 90 days.
const EXPIRED_KEPT_MS: i64 = 90 * 24 * 3600 * 1000;

/// What one poll of a status token found.
#[derive(Debug, Clone, PartialEq)]
pub struct Poll {
    /// The endpoint the request was sent to.
    pub endpoint: String,
    /// The stored record's reference.
    pub reference: String,
    /// How many times the token was polled before this time.
    pub earlier_polls: i64,
}

#[derive(Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
    tokens: Arc<Tokens>,
}

/// Makes status tokens: 32 hex digits hashed from the record's id, when the server started,
/// and a counter, with keys chosen at random when the server starts. Not cryptographic, but
/// not sequential and not the row id, so one person's token does not lead to another's.
struct Tokens {
    keys: RandomState,
    started: u128,
    count: AtomicU64,
}

impl Tokens {
    fn new() -> Tokens {
        Tokens {
            keys: RandomState::new(),
            started: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
            count: AtomicU64::new(0),
        }
    }

    fn make(&self, id: i64) -> String {
        let count = self.count.fetch_add(1, Ordering::Relaxed);
        let half = |part: u8| self.keys.hash_one((part, id, self.started, count));
        format!("{:016x}{:016x}", half(0), half(1))
    }
}

impl Store {
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                    Some(e.to_string()),
                )
            })?;
        }
        let connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        connection.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE IF NOT EXISTS records (
                 id INTEGER PRIMARY KEY AUTOINCREMENT,
                 agency TEXT NOT NULL,
                 endpoint TEXT NOT NULL,
                 content_type TEXT NOT NULL,
                 body TEXT NOT NULL,
                 fields TEXT NOT NULL,
                 reference TEXT NOT NULL DEFAULT '',
                 received_at INTEGER NOT NULL,
                 idempotency_key TEXT
             );
             CREATE TABLE IF NOT EXISTS status_tokens (
                 token TEXT PRIMARY KEY,
                 record_id INTEGER NOT NULL REFERENCES records(id),
                 polls INTEGER NOT NULL DEFAULT 0
             );
             CREATE TABLE IF NOT EXISTS idempotency (
                 endpoint TEXT NOT NULL,
                 key TEXT NOT NULL,
                 record_id INTEGER NOT NULL REFERENCES records(id),
                 status INTEGER NOT NULL,
                 location TEXT,
                 reply TEXT NOT NULL,
                 created_at INTEGER NOT NULL,
                 PRIMARY KEY (endpoint, key)
             );
             CREATE TABLE IF NOT EXISTS feedback (
                 id INTEGER PRIMARY KEY AUTOINCREMENT,
                 journey TEXT NOT NULL,
                 version TEXT NOT NULL,
                 satisfaction INTEGER,
                 trust INTEGER,
                 effectiveness INTEGER,
                 ease INTEGER,
                 efficiency INTEGER,
                 equity INTEGER,
                 transparency INTEGER,
                 comment TEXT,
                 received_at INTEGER NOT NULL
             );
             CREATE TABLE IF NOT EXISTS handoffs (
                 code_hash TEXT PRIMARY KEY,
                 journey TEXT NOT NULL,
                 version TEXT,
                 answers TEXT,
                 dob_salt TEXT NOT NULL,
                 dob_hash TEXT NOT NULL,
                 saved_at INTEGER NOT NULL,
                 expires_at INTEGER NOT NULL
             );",
        )?;
        // Databases made before idempotency keys have no column for them.
        let has_key_column: bool = connection.query_row(
            "SELECT COUNT(*) > 0 FROM pragma_table_info('records') WHERE name = 'idempotency_key'",
            [],
            |row| row.get(0),
        )?;
        if !has_key_column {
            connection.execute("ALTER TABLE records ADD COLUMN idempotency_key TEXT", [])?;
        }
        Ok(Store {
            connection: Arc::new(Mutex::new(connection)),
            tokens: Arc::new(Tokens::new()),
        })
    }

    fn connection(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Stores a request, gives it a reference made from its row id by `reference` and, if
    /// `with_token`, a new status token; `reply` makes the answer from these.
    ///
    /// With an idempotency key, the key is first looked up, and saved with the reply, in the same
    /// transaction as the record, under the connection's lock: however many requests come at
    /// once with one key, one record is made, and the others get its reply
    /// ([`Stored::Replayed`]) or, with another body, [`Stored::KeyUsedForAnother`]. Bodies are
    /// compared byte for byte with the body the key first came with.
    pub fn receive(
        &self,
        received: Received,
        reference: impl Fn(i64) -> String,
        with_token: bool,
        reply: impl FnOnce(&Record, Option<&str>) -> Reply,
    ) -> rusqlite::Result<Stored> {
        let Received {
            agency,
            endpoint,
            content_type,
            body,
            fields,
            idempotency_key,
        } = received;
        let connection = self.connection();
        // Immediate: the write lock is taken before the key is looked up, so that another
        // process on the same database cannot slip in between either.
        let transaction = Transaction::new_unchecked(&connection, TransactionBehavior::Immediate)?;
        if let Some(key) = idempotency_key {
            let earlier = transaction
                .query_row(
                    "SELECT r.body, i.status, i.location, i.reply
                     FROM idempotency i JOIN records r ON r.id = i.record_id
                     WHERE i.endpoint = ?1 AND i.key = ?2",
                    params![endpoint, key],
                    |row| {
                        Ok((
                            row.get::<_, String>(0)?,
                            Reply {
                                status: row.get(1)?,
                                location: row.get(2)?,
                                body: row.get(3)?,
                            },
                        ))
                    },
                )
                .optional()?;
            if let Some((first_body, first_reply)) = earlier {
                return Ok(if first_body == body {
                    Stored::Replayed(first_reply)
                } else {
                    Stored::KeyUsedForAnother
                });
            }
        }
        let received_at = now_ms();
        transaction.execute(
            "INSERT INTO records (agency, endpoint, content_type, body, fields, received_at, idempotency_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![agency, endpoint, content_type, body, fields.to_string(), received_at, idempotency_key],
        )?;
        let id = transaction.last_insert_rowid();
        let reference = reference(id);
        transaction.execute(
            "UPDATE records SET reference = ?1 WHERE id = ?2",
            params![reference, id],
        )?;
        let token = if with_token {
            let token = self.tokens.make(id);
            transaction.execute(
                "INSERT INTO status_tokens (token, record_id) VALUES (?1, ?2)",
                params![token, id],
            )?;
            Some(token)
        } else {
            None
        };
        let record = Record {
            id,
            agency: agency.into(),
            endpoint: endpoint.into(),
            content_type: content_type.into(),
            body: body.into(),
            fields: fields.clone(),
            reference,
            received_at,
            idempotency_key: idempotency_key.map(str::to_string),
        };
        let reply = reply(&record, token.as_deref());
        if let Some(key) = idempotency_key {
            transaction.execute(
                "INSERT INTO idempotency (endpoint, key, record_id, status, location, reply, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![endpoint, key, id, reply.status, reply.location, reply.body, received_at],
            )?;
        }
        transaction.commit()?;
        Ok(Stored::New { record, reply })
    }

    /// Polls a status token: what it was issued for and how often it was polled before, if it
    /// exists and `belongs` accepts its endpoint. Only then is the poll counted.
    pub fn poll(
        &self,
        token: &str,
        belongs: impl Fn(&str) -> bool,
    ) -> rusqlite::Result<Option<Poll>> {
        let connection = self.connection();
        let transaction = connection.unchecked_transaction()?;
        let found = transaction
            .query_row(
                "SELECT r.endpoint, r.reference, s.polls
                 FROM status_tokens s JOIN records r ON r.id = s.record_id
                 WHERE s.token = ?1",
                params![token],
                |row| {
                    Ok(Poll {
                        endpoint: row.get(0)?,
                        reference: row.get(1)?,
                        earlier_polls: row.get(2)?,
                    })
                },
            )
            .optional()?
            .filter(|poll| belongs(&poll.endpoint));
        if found.is_some() {
            transaction.execute(
                "UPDATE status_tokens SET polls = polls + 1 WHERE token = ?1",
                params![token],
            )?;
            transaction.commit()?;
        }
        Ok(found)
    }

    /// Stores one answer to the survey.
    pub fn add_feedback(
        &self,
        journey: &str,
        version: &str,
        ratings: Ratings,
        comment: Option<&str>,
    ) -> rusqlite::Result<Feedback> {
        let received_at = now_ms();
        let r = ratings;
        let connection = self.connection();
        connection.execute(
            "INSERT INTO feedback (journey, version, satisfaction, trust, effectiveness, ease,
                                   efficiency, equity, transparency, comment, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                journey,
                version,
                r.satisfaction,
                r.trust,
                r.effectiveness,
                r.ease,
                r.efficiency,
                r.equity,
                r.transparency,
                comment,
                received_at
            ],
        )?;
        Ok(Feedback {
            id: connection.last_insert_rowid(),
            journey: journey.into(),
            version: version.into(),
            ratings,
            comment: comment.map(str::to_string),
            received_at,
        })
    }

    /// Every answer to the survey, oldest first.
    pub fn feedback(&self) -> rusqlite::Result<Vec<Feedback>> {
        let connection = self.connection();
        let mut statement = connection.prepare(
            "SELECT id, journey, version, satisfaction, trust, effectiveness, ease, efficiency,
                    equity, transparency, comment, received_at
             FROM feedback ORDER BY id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(Feedback {
                id: row.get(0)?,
                journey: row.get(1)?,
                version: row.get(2)?,
                ratings: Ratings {
                    satisfaction: row.get(3)?,
                    trust: row.get(4)?,
                    effectiveness: row.get(5)?,
                    ease: row.get(6)?,
                    efficiency: row.get(7)?,
                    equity: row.get(8)?,
                    transparency: row.get(9)?,
                },
                comment: row.get(10)?,
                received_at: row.get(11)?,
            })
        })?;
        rows.collect()
    }

    pub fn records(&self, agency: Option<&str>) -> rusqlite::Result<Vec<Record>> {
        let connection = self.connection();
        let mut statement = connection.prepare(
            "SELECT id, agency, endpoint, content_type, body, fields, reference, received_at,
                    idempotency_key
             FROM records WHERE ?1 IS NULL OR agency = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map(params![agency], |row| {
            let fields: String = row.get(5)?;
            Ok(Record {
                id: row.get(0)?,
                agency: row.get(1)?,
                endpoint: row.get(2)?,
                content_type: row.get(3)?,
                body: row.get(4)?,
                fields: serde_json::from_str(&fields).unwrap_or(serde_json::Value::Null),
                reference: row.get(6)?,
                received_at: row.get(7)?,
                idempotency_key: row.get(8)?,
            })
        })?;
        rows.collect()
    }
}

/// Milliseconds since the Unix epoch.
impl Store {
    /// Saves answers under a code's hash, unless a save already has that hash: then `false`,
    /// and the caller makes another code.
    pub fn save_handoff(&self, code_hash: &str, handoff: &Handoff) -> rusqlite::Result<bool> {
        let inserted = self.connection().execute(
            "INSERT OR IGNORE INTO handoffs
                 (code_hash, journey, version, answers, dob_salt, dob_hash, saved_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                code_hash,
                handoff.journey,
                handoff.version,
                handoff.answers,
                handoff.dob_salt,
                handoff.dob_hash,
                handoff.saved_at,
                handoff.expires_at
            ],
        )?;
        Ok(inserted == 1)
    }

    /// The save with this code hash, if any. First, every save that expired by `now` loses its
    /// answers, and those expired 90 days ago are forgotten.
    pub fn handoff(&self, code_hash: &str, now: i64) -> rusqlite::Result<Option<Handoff>> {
        let connection = self.connection();
        connection.execute(
            "UPDATE handoffs SET answers = NULL WHERE expires_at <= ?1 AND answers IS NOT NULL",
            params![now],
        )?;
        connection.execute(
            "DELETE FROM handoffs WHERE expires_at <= ?1",
            params![now - EXPIRED_KEPT_MS],
        )?;
        connection
            .query_row(
                "SELECT journey, version, answers, dob_salt, dob_hash, saved_at, expires_at
                 FROM handoffs WHERE code_hash = ?1",
                params![code_hash],
                |row| {
                    Ok(Handoff {
                        journey: row.get(0)?,
                        version: row.get(1)?,
                        answers: row.get(2)?,
                        dob_salt: row.get(3)?,
                        dob_hash: row.get(4)?,
                        saved_at: row.get(5)?,
                        expires_at: row.get(6)?,
                    })
                },
            )
            .optional()
    }

    /// Makes a save expire at `now` (for tests, through `/demo/handoff/expire`). True if
    /// there was one.
    pub fn expire_handoff(&self, code_hash: &str, now: i64) -> rusqlite::Result<bool> {
        let changed = self.connection().execute(
            "UPDATE handoffs SET expires_at = MIN(expires_at, ?2) WHERE code_hash = ?1",
            params![code_hash, now],
        )?;
        Ok(changed == 1)
    }
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received<'a>(
        agency: &'a str,
        endpoint: &'a str,
        content_type: &'a str,
        body: &'a str,
        fields: &'a serde_json::Value,
    ) -> Received<'a> {
        Received {
            agency,
            endpoint,
            content_type,
            body,
            fields,
            idempotency_key: None,
        }
    }

    /// A reply naming the reference, and the status URL when there is a token.
    fn reply_for(record: &Record, token: Option<&str>) -> Reply {
        Reply {
            status: if token.is_some() { 202 } else { 201 },
            location: token.map(|t| format!("/status/{t}")),
            body: serde_json::json!({ "reference": record.reference }).to_string(),
        }
    }

    fn insert(store: &Store, received: Received, reference: fn(i64) -> String) -> Record {
        match store
            .receive(received, reference, false, reply_for)
            .unwrap()
        {
            Stored::New { record, .. } => record,
            other => panic!("{other:?}"),
        }
    }

    /// Stored with a status token, which is returned with the record.
    fn insert_accepted(
        store: &Store,
        received: Received,
        reference: fn(i64) -> String,
    ) -> (Record, String) {
        match store.receive(received, reference, true, reply_for).unwrap() {
            Stored::New { record, reply } => {
                let token = reply.location.unwrap().replace("/status/", "");
                (record, token)
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn stores_and_lists_by_agency() {
        let dir = std::env::temp_dir().join(format!("tell-once-store-{}", std::process::id()));
        let store = Store::open(&dir.join("a.sqlite")).unwrap();
        let fields = serde_json::json!({ "first_name": "Ada" });
        let first = insert(
            &store,
            received("elections", "/x", "text/plain", "first_name=Ada", &fields),
            |id| format!("EL/{id}"),
        );
        insert(
            &store,
            received(
                "revenue",
                "/y",
                "application/json",
                "{}",
                &serde_json::json!({}),
            ),
            |id| format!("rev_{id}"),
        );
        assert_eq!(first.reference, format!("EL/{}", first.id));
        let elections = store.records(Some("elections")).unwrap();
        assert_eq!(elections, vec![first]);
        assert_eq!(store.records(None).unwrap().len(), 2);
        std::fs::remove_dir_all(dir).unwrap();
    }

    fn temp_dir(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("tell-once-store-{name}-{}", std::process::id()))
    }

    #[test]
    fn status_tokens_count_polls_and_are_not_sequential() {
        let dir = temp_dir("tokens");
        let store = Store::open(&dir.join("a.sqlite")).unwrap();
        let fields = serde_json::json!({});
        let mut tokens = Vec::new();
        for _ in 0..50 {
            let (record, token) = insert_accepted(
                &store,
                received("health-cover", "/h", "application/json", "{}", &fields),
                |id| format!("HC-{id}"),
            );
            assert_eq!(token.len(), 32, "{token}");
            assert!(token.chars().all(|c| c.is_ascii_hexdigit()), "{token}");
            assert_ne!(token, format!("{:032x}", record.id));
            tokens.push(token);
        }
        assert!(!tokens.is_sorted(), "in no order: {tokens:?}");
        let unique: std::collections::BTreeSet<&String> = tokens.iter().collect();
        assert_eq!(unique.len(), 50, "unique");
        let token = &tokens[0];
        let first = store.poll(token, |_| true).unwrap().unwrap();
        assert_eq!(first.earlier_polls, 0);
        assert_eq!(first.endpoint, "/h");
        assert!(first.reference.starts_with("HC-"));
        assert_eq!(store.poll(token, |_| false).unwrap(), None, "not counted");
        assert_eq!(
            store.poll(token, |_| true).unwrap().unwrap().earlier_polls,
            1
        );
        assert_eq!(
            store.poll(token, |_| true).unwrap().unwrap().earlier_polls,
            2
        );
        assert_eq!(store.poll("0123", |_| true).unwrap(), None);
        assert_eq!(store.records(None).unwrap().len(), 50);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn opens_a_database_made_by_the_first_schema() {
        let dir = temp_dir("migrate");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("old.sqlite");
        Connection::open(&path)
            .unwrap()
            .execute_batch(
                "CREATE TABLE records (
                     id INTEGER PRIMARY KEY AUTOINCREMENT,
                     agency TEXT NOT NULL,
                     endpoint TEXT NOT NULL,
                     content_type TEXT NOT NULL,
                     body TEXT NOT NULL,
                     fields TEXT NOT NULL,
                     reference TEXT NOT NULL DEFAULT '',
                     received_at INTEGER NOT NULL
                 );
                 INSERT INTO records (agency, endpoint, content_type, body, fields, reference, received_at)
                 VALUES ('elections', '/x', 'text/plain', 'a=b', '{\"a\":\"b\"}', 'EL/1', 1);",
            )
            .unwrap();
        let store = Store::open(&path).unwrap();
        let (record, token) = insert_accepted(
            &store,
            received(
                "motor-vehicles",
                "/m",
                "application/json",
                "{}",
                &serde_json::json!({}),
            ),
            |id| format!("MV-{id}"),
        );
        assert_eq!(record.id, 2);
        assert_eq!(
            store.poll(&token, |_| true).unwrap().unwrap().reference,
            "MV-2"
        );
        let old = &store.records(Some("elections")).unwrap()[0];
        assert_eq!(old.reference, "EL/1");
        assert_eq!(old.idempotency_key, None);
        // The column for keys was added, and keys are kept.
        let fields = serde_json::json!({});
        let keyed = Received {
            idempotency_key: Some("k-1"),
            ..received("revenue", "/r", "application/json", "{}", &fields)
        };
        insert(&store, keyed, |id| format!("rev_{id}"));
        assert_eq!(
            store.records(Some("revenue")).unwrap()[0].idempotency_key,
            Some("k-1".to_string())
        );
        drop(store);
        assert!(Store::open(&path).is_ok(), "opens again once migrated");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_key_gives_its_first_reply_again_and_refuses_another_body() {
        let dir = temp_dir("keys");
        let store = Store::open(&dir.join("a.sqlite")).unwrap();
        let fields = serde_json::json!({ "a": "b" });
        let with_key = |endpoint, body, key| Received {
            idempotency_key: Some(key),
            ..received("health-cover", endpoint, "application/json", body, &fields)
        };
        let Stored::New { record, reply } = store
            .receive(
                with_key("/h", "{\"a\":\"b\"}", "k"),
                |id| format!("HC-{id}"),
                true,
                reply_for,
            )
            .unwrap()
        else {
            panic!("the first request is stored")
        };
        assert_eq!(record.idempotency_key.as_deref(), Some("k"));
        assert_eq!(reply.status, 202);
        let again = store
            .receive(
                with_key("/h", "{\"a\":\"b\"}", "k"),
                |_| unreachable!(),
                true,
                |_, _| unreachable!(),
            )
            .unwrap();
        assert_eq!(
            again,
            Stored::Replayed(reply.clone()),
            "same status, Location and body"
        );
        let other = store
            .receive(
                with_key("/h", "{\"a\":\"c\"}", "k"),
                |_| unreachable!(),
                true,
                |_, _| unreachable!(),
            )
            .unwrap();
        assert_eq!(other, Stored::KeyUsedForAnother);
        assert_eq!(store.records(None).unwrap().len(), 1);
        // A token was issued once: the replayed reply's status URL still works.
        let token = reply.location.unwrap().replace("/status/", "");
        assert_eq!(
            store.poll(&token, |_| true).unwrap().unwrap().reference,
            record.reference
        );
        // Keys are per endpoint, and a request without a key is always new.
        let elsewhere = store
            .receive(
                with_key("/other", "{\"a\":\"b\"}", "k"),
                |id| format!("HC-{id}"),
                false,
                reply_for,
            )
            .unwrap();
        assert!(matches!(elsewhere, Stored::New { .. }), "{elsewhere:?}");
        insert(
            &store,
            received(
                "health-cover",
                "/h",
                "application/json",
                "{\"a\":\"b\"}",
                &fields,
            ),
            |id| format!("HC-{id}"),
        );
        let keys: Vec<Option<String>> = store
            .records(None)
            .unwrap()
            .into_iter()
            .map(|r| r.idempotency_key)
            .collect();
        assert_eq!(keys, vec![Some("k".into()), Some("k".into()), None]);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn one_key_sent_from_many_threads_at_once_makes_one_record() {
        let dir = temp_dir("race");
        let store = Store::open(&dir.join("a.sqlite")).unwrap();
        let start = std::sync::Barrier::new(8);
        let outcomes: Vec<Stored> = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| {
                        let fields = serde_json::json!({});
                        let keyed = Received {
                            idempotency_key: Some("same"),
                            ..received("elections", "/e", "text/plain", "a=b", &fields)
                        };
                        start.wait();
                        store
                            .receive(keyed, |id| format!("EL/{id}"), false, reply_for)
                            .unwrap()
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        let new: Vec<&Reply> = outcomes
            .iter()
            .filter_map(|o| match o {
                Stored::New { reply, .. } => Some(reply),
                _ => None,
            })
            .collect();
        assert_eq!(new.len(), 1, "{outcomes:?}");
        for outcome in &outcomes {
            match outcome {
                Stored::New { .. } => {}
                Stored::Replayed(reply) => assert_eq!(reply, new[0]),
                Stored::KeyUsedForAnother => panic!("same body"),
            }
        }
        assert_eq!(store.records(None).unwrap().len(), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn keeps_feedback_apart_from_records() {
        let dir = temp_dir("feedback");
        let store = Store::open(&dir.join("a.sqlite")).unwrap();
        let ratings = Ratings {
            satisfaction: Some(5),
            ease: Some(2),
            ..Ratings::default()
        };
        let stored = store
            .add_feedback(
                "moving-house",
                "2026-11-23",
                ratings,
                Some("Quicker, please"),
            )
            .unwrap();
        store
            .add_feedback("having-a-baby", "1", Ratings::default(), None)
            .unwrap();
        let all = store.feedback().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0], stored);
        assert_eq!(
            all[0].ratings.trust, None,
            "not answered stays not answered"
        );
        assert_eq!(all[1].comment, None);
        assert!(store.records(None).unwrap().is_empty());
        drop(store);
        let reopened = Store::open(&dir.join("a.sqlite")).unwrap();
        assert_eq!(
            reopened.feedback().unwrap().len(),
            2,
            "kept across restarts"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
