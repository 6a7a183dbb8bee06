//! What the agencies received, in SQLite, exactly as it arrived; and, for agencies that
//! answer "accepted, ask again later", the status tokens people poll.

use rusqlite::{params, Connection, OptionalExtension};
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
}

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
                 received_at INTEGER NOT NULL
             );
             CREATE TABLE IF NOT EXISTS status_tokens (
                 token TEXT PRIMARY KEY,
                 record_id INTEGER NOT NULL REFERENCES records(id),
                 polls INTEGER NOT NULL DEFAULT 0
             );",
        )?;
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

    /// Stores a request and gives it a reference made from its row id by `reference`.
    pub fn insert(
        &self,
        received: Received,
        reference: impl Fn(i64) -> String,
    ) -> rusqlite::Result<Record> {
        let (record, _) = self.store(received, reference, false)?;
        Ok(record)
    }

    /// Stores a request as [`Store::insert`] does, and, in the same transaction, a new status
    /// token for it, which is returned with the record.
    pub fn insert_accepted(
        &self,
        received: Received,
        reference: impl Fn(i64) -> String,
    ) -> rusqlite::Result<(Record, String)> {
        let (record, token) = self.store(received, reference, true)?;
        Ok((record, token.unwrap_or_default()))
    }

    fn store(
        &self,
        received: Received,
        reference: impl Fn(i64) -> String,
        with_token: bool,
    ) -> rusqlite::Result<(Record, Option<String>)> {
        let Received {
            agency,
            endpoint,
            content_type,
            body,
            fields,
        } = received;
        let connection = self.connection();
        let received_at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        let transaction = connection.unchecked_transaction()?;
        transaction.execute(
            "INSERT INTO records (agency, endpoint, content_type, body, fields, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![agency, endpoint, content_type, body, fields.to_string(), received_at],
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
        transaction.commit()?;
        let record = Record {
            id,
            agency: agency.into(),
            endpoint: endpoint.into(),
            content_type: content_type.into(),
            body: body.into(),
            fields: fields.clone(),
            reference,
            received_at,
        };
        Ok((record, token))
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

    pub fn records(&self, agency: Option<&str>) -> rusqlite::Result<Vec<Record>> {
        let connection = self.connection();
        let mut statement = connection.prepare(
            "SELECT id, agency, endpoint, content_type, body, fields, reference, received_at
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
            })
        })?;
        rows.collect()
    }
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
        }
    }

    #[test]
    fn stores_and_lists_by_agency() {
        let dir = std::env::temp_dir().join(format!("tell-once-store-{}", std::process::id()));
        let store = Store::open(&dir.join("a.sqlite")).unwrap();
        let fields = serde_json::json!({ "first_name": "Ada" });
        let first = store
            .insert(
                received("elections", "/x", "text/plain", "first_name=Ada", &fields),
                |id| format!("EL/{id}"),
            )
            .unwrap();
        store
            .insert(
                received(
                    "revenue",
                    "/y",
                    "application/json",
                    "{}",
                    &serde_json::json!({}),
                ),
                |id| format!("rev_{id}"),
            )
            .unwrap();
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
            let (record, token) = store
                .insert_accepted(
                    received("health-cover", "/h", "application/json", "{}", &fields),
                    |id| format!("HC-{id}"),
                )
                .unwrap();
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
        let (record, token) = store
            .insert_accepted(
                received(
                    "motor-vehicles",
                    "/m",
                    "application/json",
                    "{}",
                    &serde_json::json!({}),
                ),
                |id| format!("MV-{id}"),
            )
            .unwrap();
        assert_eq!(record.id, 2);
        assert_eq!(
            store.poll(&token, |_| true).unwrap().unwrap().reference,
            "MV-2"
        );
        assert_eq!(
            store.records(Some("elections")).unwrap()[0].reference,
            "EL/1"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
