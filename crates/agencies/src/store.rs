//! What the agencies received, in SQLite, exactly as it arrived.

use rusqlite::{params, Connection};
use serde::Serialize;
use std::path::Path;
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

#[derive(Clone)]
pub struct Store(Arc<Mutex<Connection>>);

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
             );",
        )?;
        Ok(Store(Arc::new(Mutex::new(connection))))
    }

    /// Stores a request and gives it a reference made from its row id by `reference`.
    pub fn insert(
        &self,
        agency: &str,
        endpoint: &str,
        content_type: &str,
        body: &str,
        fields: &serde_json::Value,
        reference: impl Fn(i64) -> String,
    ) -> rusqlite::Result<Record> {
        let connection = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
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
        transaction.commit()?;
        Ok(Record {
            id,
            agency: agency.into(),
            endpoint: endpoint.into(),
            content_type: content_type.into(),
            body: body.into(),
            fields: fields.clone(),
            reference,
            received_at,
        })
    }

    pub fn records(&self, agency: Option<&str>) -> rusqlite::Result<Vec<Record>> {
        let connection = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
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

    #[test]
    fn stores_and_lists_by_agency() {
        let dir = std::env::temp_dir().join(format!("tell-once-store-{}", std::process::id()));
        let store = Store::open(&dir.join("a.sqlite")).unwrap();
        let fields = serde_json::json!({ "first_name": "Ada" });
        let first = store
            .insert(
                "elections",
                "/x",
                "text/plain",
                "first_name=Ada",
                &fields,
                |id| format!("EL/{id}"),
            )
            .unwrap();
        store
            .insert(
                "revenue",
                "/y",
                "application/json",
                "{}",
                &serde_json::json!({}),
                |id| format!("rev_{id}"),
            )
            .unwrap();
        assert_eq!(first.reference, format!("EL/{}", first.id));
        let elections = store.records(Some("elections")).unwrap();
        assert_eq!(elections, vec![first]);
        assert_eq!(store.records(None).unwrap().len(), 2);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
