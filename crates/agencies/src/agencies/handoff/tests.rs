use super::*;
use crate::agencies::tests::{send, Reply};
use crate::agencies::{router_with, Faults};
use axum::body::Body;
use axum::http::Request;
use std::sync::atomic::{AtomicI64, Ordering};

/// 2026-11-23T10:00:00Z.
const START: i64 = 1_795_428_000_000;
const DAY: i64 = 86_400_000;

struct Setup {
    app: Router,
    clock: Arc<AtomicI64>,
    dir: PathBuf,
}

impl Drop for Setup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn setup_with(faults: Option<Faults>, name: &str) -> Setup {
    let dir = std::env::temp_dir().join(format!(
        "tell-once-handoff-{name}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("journeys")).unwrap();
    std::fs::write(
        dir.join("journeys/moving-house.json"),
        include_str!("../../../../../public/journeys/moving-house.json"),
    )
    .unwrap();
    let store = Store::open(&dir.join("t.sqlite")).unwrap();
    let clock = Arc::new(AtomicI64::new(START));
    let reading = clock.clone();
    let config = Config {
        ttl_ms: 30 * DAY,
        clock: Arc::new(move || reading.load(Ordering::SeqCst)),
    };
    Setup {
        app: router_with(store, &dir, faults, config),
        clock,
        dir,
    }
}

fn setup(name: &str) -> Setup {
    setup_with(None, name)
}

/// A `POST` from a client at `from` (its address), with a cookie if given.
async fn post(
    app: &Router,
    url: &str,
    content_type: &str,
    body: &str,
    from: [u8; 4],
    cookie: Option<&str>,
) -> Reply {
    let mut request = Request::post(url).header("content-type", content_type);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let mut request = request.body(Body::from(body.to_string())).unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((from, 40000))));
    send(app, request).await
}

const HOME: [u8; 4] = [127, 0, 0, 1];
const ELSEWHERE: [u8; 4] = [127, 0, 0, 2];
const DOB: &str = "1985-12-10";

fn answers() -> Value {
    json!({ "values": {
        "driving.has_licence": "yes",
        "voting.is_registered": "no",
        "person.name.given": "Ada",
        "person.name.family": "<b>Lovelace</b> & co",
        "address.current.line1": "1 High St",
        "address.current.town": "Leeds",
        "address.current.postcode": "LS1 4AP"
    }})
}

/// A save from this machine, of `body` as JSON.
async fn save_json(app: &Router, body: &Value) -> Reply {
    post(
        app,
        SAVES,
        "application/json",
        &body.to_string(),
        HOME,
        None,
    )
    .await
}

async fn save(app: &Router) -> String {
    let body = json!({ "journey": "moving-house", "version": "2026-11-23", "answers": answers(), "date_of_birth": DOB });
    let reply = save_json(app, &body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()["code"].as_str().unwrap().to_string()
}

async fn resume_from(app: &Router, code: &str, dob: &str, from: [u8; 4]) -> Reply {
    let body = json!({ "code": code, "date_of_birth": dob }).to_string();
    post(app, RESUME, "application/json", &body, from, None).await
}

async fn resume(app: &Router, code: &str, dob: &str) -> Reply {
    resume_from(app, code, dob, HOME).await
}

/// A well-formed code no save has (the chance a random one is saved is nil).
fn unknown_code(n: u32) -> String {
    Code::from_random([n, n + 1, n + 2, n + 3, 7, 11, 13, 17]).to_string()
}

#[tokio::test]
async fn a_save_gives_a_code_that_resumes_with_the_date_of_birth() {
    let setup = setup("resume");
    let body = json!({ "journey": "moving-house", "version": "2026-11-23", "answers": answers(), "date_of_birth": DOB });
    let reply = post(
        &setup.app,
        SAVES,
        "application/json",
        &body.to_string(),
        HOME,
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    assert_eq!(reply.headers[header::CACHE_CONTROL], "no-store");
    let saved = reply.json();
    let code = saved["code"].as_str().unwrap();
    assert_eq!(code.len(), 11, "{code}");
    assert!(Code::parse(code).is_ok());
    assert_eq!(saved["expires_at"], "2026-12-23T10:00:00Z");
    // Typed as a person might, on another device.
    let typed = code.to_lowercase().replace('-', " ");
    let reply = resume(&setup.app, &typed, DOB).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let resumed = reply.json();
    assert_eq!(resumed["journey"], "moving-house");
    assert_eq!(resumed["version"], "2026-11-23");
    assert_eq!(resumed["answers"], answers());
    assert_eq!(resumed["saved_at"], "2026-11-23T10:00:00Z");
    assert_eq!(resumed["expires_at"], "2026-12-23T10:00:00Z");
    // Two saves, two codes.
    assert_ne!(save(&setup.app).await, save(&setup.app).await);
}

#[tokio::test]
async fn neither_the_code_nor_the_date_of_birth_is_stored_in_clear() {
    let setup = setup("clear");
    let code = save(&setup.app).await;
    let connection = rusqlite::Connection::open(setup.dir.join("t.sqlite")).unwrap();
    let row: String = connection
        .query_row(
            "SELECT code_hash || ' ' || dob_salt || ' ' || dob_hash FROM handoffs",
            [],
            |row| row.get(0),
        )
        .unwrap();
    let bare = code.replace('-', "");
    for secret in [code.as_str(), bare.as_str(), DOB, "19851210"] {
        assert!(!row.contains(secret), "{secret} in {row}");
    }
}

#[tokio::test]
async fn bad_saves_are_refused_with_each_problem() {
    let setup = setup("bad-saves");
    let app = &setup.app;
    let body = json!({ "journey": "Moving House", "version": "has spaces", "answers": { "values": {} }, "date_of_birth": "10/12/1985" });
    let reply = save_json(app, &body).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problems = reply.json();
    let fields: Vec<&str> = problems["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["journey", "version", "answers", "date_of_birth"]);
    let reply = post(app, SAVES, "application/json", r#"{"journey":"a","answers":{"values":{"k":"v"}},"date_of_birth":"1985-12-10","name":"Ada"}"#, HOME, None).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.body.contains("unknown field `name`"),
        "{}",
        reply.body
    );
    let reply = post(app, SAVES, "application/json", "{", HOME, None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let reply = post(app, SAVES, "text/plain", "{}", HOME, None).await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn a_wrong_date_of_birth_and_an_unknown_code_get_the_same_reply() {
    let setup = setup("same-reply");
    let code = save(&setup.app).await;
    let wrong_dob = resume(&setup.app, &code, "1985-12-11").await;
    let unknown = resume(&setup.app, &unknown_code(1), DOB).await;
    assert_eq!(wrong_dob.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(wrong_dob.body, unknown.body);
    assert_eq!(wrong_dob.json()["reason"], "not_found");
    assert_eq!(
        wrong_dob.json()["errors"][0]["message"],
        "We could not find saved answers with this reference code and date of birth. Check both and try again"
    );
}

#[tokio::test]
async fn a_mistyped_code_is_refused_without_counting_as_a_guess() {
    let setup = setup("mistyped");
    let code = save(&setup.app).await;
    // The last two characters swapped: the check character catches it.
    let mut swapped: Vec<char> = code.chars().collect();
    let n = swapped.len();
    swapped.swap(n - 3, n - 1);
    let swapped: String = swapped.into_iter().collect();
    for _ in 0..(PER_CODE + PER_CLIENT) {
        let reply = resume(&setup.app, &swapped, "10 Dec 1985").await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body
        );
    }
    let problems = resume(&setup.app, "K7QP-M4XR-8", "1985-13-01").await.json();
    assert_eq!(problems["errors"][0]["field"], "code");
    assert_eq!(problems["errors"][0]["reason"], "code_check");
    assert_eq!(problems["errors"][1]["field"], "date_of_birth");
    assert_eq!(resume(&setup.app, &code, DOB).await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_expired_code_is_refused_and_its_answers_are_gone() {
    let setup = setup("expired");
    let code = save(&setup.app).await;
    setup.clock.store(START + 30 * DAY - 1, Ordering::SeqCst);
    assert_eq!(resume(&setup.app, &code, DOB).await.status, StatusCode::OK);
    setup.clock.store(START + 30 * DAY, Ordering::SeqCst);
    let reply = resume(&setup.app, &code, DOB).await;
    assert_eq!(reply.status, StatusCode::GONE);
    assert_eq!(reply.json()["reason"], "expired");
    assert!(
        reply
            .body
            .contains("has expired: saved answers are kept for 30 days"),
        "{}",
        reply.body
    );
    // Only with the right date of birth is it said to have expired.
    assert_eq!(
        resume(&setup.app, &code, "1985-12-11").await.status,
        StatusCode::NOT_FOUND
    );
    let connection = rusqlite::Connection::open(setup.dir.join("t.sqlite")).unwrap();
    let answers: Option<String> = connection
        .query_row("SELECT answers FROM handoffs", [], |row| row.get(0))
        .unwrap();
    assert_eq!(answers, None, "wiped at expiry");
}

#[tokio::test]
async fn five_wrong_tries_lock_a_code_for_the_window() {
    let setup = setup("per-code");
    let code = save(&setup.app).await;
    for _ in 0..PER_CODE {
        let reply = resume_from(&setup.app, &code, "1990-01-01", ELSEWHERE).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
    }
    // Locked, even with the right details, from anywhere.
    let reply = resume(&setup.app, &code, DOB).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.headers[header::RETRY_AFTER], "900");
    assert_eq!(reply.json()["reason"], "too_many_attempts");
    assert!(reply.body.contains("Wait 15 minutes"), "{}", reply.body);
    setup.clock.store(START + 5 * 60_000, Ordering::SeqCst);
    assert_eq!(
        resume(&setup.app, &code, DOB).await.headers[header::RETRY_AFTER],
        "600"
    );
    setup.clock.store(START + WINDOW_MS, Ordering::SeqCst);
    assert_eq!(resume(&setup.app, &code, DOB).await.status, StatusCode::OK);
}

#[tokio::test]
async fn twenty_wrong_guesses_in_a_row_from_one_client_are_refused() {
    let setup = setup("per-client");
    let code = save(&setup.app).await;
    let mut statuses = Vec::new();
    for n in 0..20 {
        statuses.push(resume(&setup.app, &unknown_code(n * 5), DOB).await.status);
    }
    assert!(statuses[..PER_CLIENT]
        .iter()
        .all(|s| *s == StatusCode::NOT_FOUND));
    assert!(
        statuses[PER_CLIENT..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    // A right code from that client waits too; another client is not held up.
    assert_eq!(
        resume(&setup.app, &code, DOB).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        resume_from(&setup.app, &code, DOB, ELSEWHERE).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn with_faults_each_test_scope_is_a_client_of_its_own() {
    for (faults, separate) in [(Some(Faults::default()), true), (None, false)] {
        let setup = setup_with(faults, if separate { "scoped" } else { "unscoped" });
        for n in 0..PER_CLIENT as u32 {
            let body = json!({ "code": unknown_code(n * 5), "date_of_birth": DOB }).to_string();
            post(
                &setup.app,
                RESUME,
                "application/json",
                &body,
                HOME,
                Some("demo_faults=a"),
            )
            .await;
        }
        let body = json!({ "code": unknown_code(999), "date_of_birth": DOB }).to_string();
        let other = post(
            &setup.app,
            RESUME,
            "application/json",
            &body,
            HOME,
            Some("demo_faults=b"),
        )
        .await;
        let expected = if separate {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(other.status, expected);
    }
}

#[tokio::test]
async fn tests_can_expire_a_code_only_with_faults() {
    let setup = setup_with(Some(Faults::default()), "expire");
    let code = save(&setup.app).await;
    let body = json!({ "code": code }).to_string();
    let reply = post(&setup.app, EXPIRE, "application/json", &body, HOME, None).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(
        resume(&setup.app, &code, DOB).await.status,
        StatusCode::GONE
    );
    let plain = setup_with(None, "no-expire");
    let code = save(&plain.app).await;
    let body = json!({ "code": code }).to_string();
    let reply = post(&plain.app, EXPIRE, "application/json", &body, HOME, None).await;
    assert_ne!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(resume(&plain.app, &code, DOB).await.status, StatusCode::OK);
}

fn adviser_form_body(code: &str, day: &str, month: &str, year: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("code", code)
        .append_pair("day", day)
        .append_pair("month", month)
        .append_pair("year", year)
        .finish()
}

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn the_adviser_form_is_labelled_and_has_no_script() {
    let setup = setup("adviser-form");
    let reply = send(
        &setup.app,
        Request::get(ADVISER).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let policy = reply.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    let html = reply.body;
    for expected in [
        r#"<html lang="en">"#,
        "<title>Look up saved answers</title>",
        "<h1>Look up saved answers</h1>",
        r#"<label for="code">Reference code</label>"#,
        r#"aria-describedby="code-hint""#,
        "<legend>Their date of birth</legend>",
        r#"<label for="dob-day">Day</label>"#,
        r#"<form method="post" action="/adviser" novalidate>"#,
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("There is a problem"));
}

#[tokio::test]
async fn the_adviser_sees_exactly_the_saved_answers_escaped() {
    let setup = setup("adviser-view");
    let code = save(&setup.app).await;
    let body = adviser_form_body(&code.to_lowercase(), "10", "12", "1985");
    let reply = post(&setup.app, ADVISER, FORM, &body, HOME, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let html = &reply.body;
    for expected in [
        "<h1>Saved answers: Moving house</h1>",
        &format!("<dt>Reference code</dt><dd>{code}</dd>"),
        "<dd>23 November 2026</dd>",
        "<dd>23 December 2026</dd>",
        "<dt>Driving licence</dt><dd>Yes</dd>",
        "<dt>Registered to vote</dt><dd>No</dd>",
        "Ada &lt;b&gt;Lovelace&lt;/b&gt; &amp; co",
        "1 High St<br>Leeds<br>LS1 4AP",
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
    assert!(!html.contains("<b>Lovelace"), "escaped");
    assert_eq!(html.matches("<dt>").count(), 3 + 4, "{html}");
    assert_eq!(reply.headers[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn the_adviser_is_told_what_is_wrong_in_an_error_summary() {
    let setup = setup("adviser-errors");
    let code = save(&setup.app).await;
    let reply = post(
        &setup.app,
        ADVISER,
        FORM,
        &adviser_form_body("K7QP-M4XR-8", "", "", ""),
        HOME,
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    for expected in [
        "<title>Error: Look up saved answers</title>",
        r#"<h2 id="error-summary-title">There is a problem</h2>"#,
        r##"<a href="#code">Check the reference code"##,
        r##"<a href="#dob-day">Enter their date of birth</a>"##,
        r#"aria-describedby="code-hint code-error" aria-invalid="true""#,
        r#"value="K7QP-M4XR-8""#,
    ] {
        assert!(
            reply.body.contains(expected),
            "{expected} in {}",
            reply.body
        );
    }
    let reply = post(
        &setup.app,
        ADVISER,
        FORM,
        &adviser_form_body(&code, "11", "12", "1985"),
        HOME,
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(
        reply.body.contains("We could not find saved answers"),
        "{}",
        reply.body
    );
    assert!(!reply.body.contains("Lovelace"));
    let typed = adviser_form_body("\"><script>x</script>", "1", "1", "1");
    let reply = post(&setup.app, ADVISER, FORM, &typed, HOME, None).await;
    assert!(!reply.body.contains("<script>x"), "{}", reply.body);
}

#[tokio::test]
async fn the_adviser_page_has_the_same_limit() {
    let setup = setup("adviser-limit");
    let code = save(&setup.app).await;
    for _ in 0..PER_CODE {
        let body = adviser_form_body(&code, "1", "1", "1990");
        post(&setup.app, ADVISER, FORM, &body, HOME, None).await;
    }
    let body = adviser_form_body(&code, "10", "12", "1985");
    let reply = post(&setup.app, ADVISER, FORM, &body, ELSEWHERE, None).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.headers[header::RETRY_AFTER], "900");
    assert!(reply.body.contains("too many tries"), "{}", reply.body);
}

#[test]
fn times_are_written_in_iso_8601() {
    assert_eq!(iso_time(0), "1970-01-01T00:00:00Z");
    assert_eq!(iso_time(START), "2026-11-23T10:00:00Z");
    assert_eq!(
        iso_time(951_782_400_000 + 3_723_000),
        "2000-02-29T01:02:03Z"
    );
    assert_eq!(Date::from_days_since_epoch(-1).to_string(), "1969-12-31");
}

#[test]
fn the_expired_message_gives_the_time_this_server_keeps_saves() {
    assert!(Refusal::Expired
        .message(7 * DAY)
        .contains("saved answers are kept for 7 days."));
    assert!(Refusal::Expired
        .message(DAY)
        .contains("saved answers are kept for 1 day."));
}
