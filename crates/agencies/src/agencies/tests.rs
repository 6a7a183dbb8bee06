use super::*;
use axum::body::Body;
use axum::http::{HeaderMap, Request};
use http_body_util::BodyExt;
use std::future::IntoFuture;
use tell_once_engine::delivery::{deliver, Delivery};
use tell_once_engine::field::{self, FieldKind};
use tell_once_engine::mapping::{canonical_answers, request_for, AgencyRequest};
use tell_once_engine::navigate::Plan;
use tell_once_engine::validate::{Env, NoPatterns};
use tell_once_engine::{Answers, Date, Journey};
use tower::ServiceExt;

const ELECTIONS: &str = "/agencies/elections/v1/registrations/address-changes";
const VALID: &str = "first_name=Ada&last_name=Lovelace&date_of_birth=1985-12-10&new_address_line_1=1+High+St&new_address_line_2=&new_town=Leeds&new_postcode=LS1+4AP&moved_on=2026-11-01&previous_address_line_1=2+Low+Rd&previous_address_line_2=&previous_town=Bath&previous_postcode=BA1+1AA";
const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

struct Setup {
    store: Store,
    app: Router,
    dir: std::path::PathBuf,
}

impl Drop for Setup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn setup() -> Setup {
    setup_with(None)
}

/// As `serve --faults` runs.
fn setup_with_faults() -> Setup {
    setup_with(Some(Faults::default()))
}

fn setup_with(faults: Option<Faults>) -> Setup {
    let dir = std::env::temp_dir().join(format!(
        "tell-once-agencies-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let store = Store::open(&dir.join("t.sqlite")).unwrap();
    Setup {
        app: router(store.clone(), &dir, faults),
        store,
        dir,
    }
}

/// A reply's status, headers and body. (The hand-off API's tests use it too.)
pub(super) struct Reply {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) body: String,
}

impl Reply {
    pub(super) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(&name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("no {name} header"))
    }
}

pub(super) async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

async fn post_full(app: &Router, url: &str, content_type: &str, body: &str) -> Reply {
    let request = Request::post(url)
        .header("content-type", content_type)
        .body(Body::from(body.to_string()))
        .unwrap();
    send(app, request).await
}

/// A `POST` with headers of its own.
async fn post_with(
    app: &Router,
    url: &str,
    content_type: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> Reply {
    let mut request = Request::post(url).header("content-type", content_type);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(app, request.body(Body::from(body.to_string())).unwrap()).await
}

async fn post_to(app: &Router, url: &str, content_type: &str, body: &str) -> (StatusCode, Value) {
    let reply = post_full(app, url, content_type, body).await;
    (reply.status, reply.json())
}

/// One request of the engine's delivery protocol, answered by the router.
async fn agency_call(
    app: Router,
    request: AgencyRequest,
) -> Result<tell_once_engine::delivery::Reply, ()> {
    let mut builder = Request::builder()
        .method(request.method.as_str())
        .uri(&request.url);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let body = request.body.map(Body::from).unwrap_or_else(Body::empty);
    let reply = send(&app, builder.body(body).map_err(|_| ())?).await;
    Ok(tell_once_engine::delivery::Reply {
        status: reply.status.as_u16(),
        location: reply
            .headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        body: reply.body,
        retry_after: None,
    })
}

/// A `GET`, with a cookie header if one is given.
async fn get_from(app: &Router, url: &str, cookie: Option<&str>) -> Reply {
    let mut request = Request::get(url);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

// Form-encoded: the Elections Office.

#[tokio::test]
async fn elections_stores_a_valid_form_and_returns_a_reference() {
    let s = setup();
    let (status, reply) = post_to(&s.app, ELECTIONS, FORM, VALID).await;
    assert_eq!(status, StatusCode::CREATED);
    let records = s.store.records(Some("elections")).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(reply["reference"], records[0].reference.as_str());
    assert!(records[0].reference.starts_with("EL/"));
    assert_eq!(records[0].body, VALID);
    assert_eq!(records[0].fields["new_address_line_1"], "1 High St");
}

#[tokio::test]
async fn elections_names_each_field_at_fault() {
    let s = setup();
    let body = VALID
        .replace("moved_on=2026-11-01", "moved_on=1+Nov")
        .replace("first_name=Ada", "first_name=");
    let (status, reply) = post_to(&s.app, ELECTIONS, FORM, &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply["errors"],
        json!([
            problem("first_name", "is required"),
            problem("moved_on", "must be a date in the form YYYY-MM-DD")
        ])
    );
    assert!(s.store.records(None).unwrap().is_empty(), "nothing stored");
}

#[tokio::test]
async fn elections_refuses_json() {
    let s = setup();
    let (status, reply) = post_to(&s.app, ELECTIONS, JSON, "{}").await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        reply["errors"][0]["message"],
        "Send the form as application/x-www-form-urlencoded"
    );
}

const LABOUR: &str = "/agencies/labour/v1/unemployment-claims";
const LABOUR_VALID: &str = "first_name=Sam&last_name=Okafor&date_of_birth=1990-04-01&national_id=QQ123456C&address_line_1=3+Mill+Lane&address_line_2=&town=Hull&postcode=HU1+2AA&phone=01632+960+001&email=&employer_name=Acme+Ltd&job_title=Packer&last_day_of_work=2026-11-13&reason_for_leaving=laid_off&hours_per_week=37&weekly_earnings=412.50&account_name=S+Okafor&sort_code=309430&account_number=00733445";

#[tokio::test]
async fn labour_takes_a_form_and_answers_with_its_own_reference() {
    let s = setup();
    let (status, reply) = post_to(&s.app, LABOUR, FORM, LABOUR_VALID).await;
    assert_eq!(status, StatusCode::CREATED);
    let reference = reply["reference_number"].as_str().unwrap();
    assert!(reference.starts_with("LAB-0"), "{reference}");
    let records = s.store.records(Some("labour")).unwrap();
    assert_eq!(records[0].reference, reference);
    assert_eq!(records[0].fields["weekly_earnings"], "412.50");
}

#[tokio::test]
async fn labour_lists_every_problem_in_a_form() {
    let s = setup();
    let body = LABOUR_VALID
        .replace("phone=01632+960+001", "phone=call+me")
        .replace("weekly_earnings=412.50", "weekly_earnings=lots")
        .replace("reason_for_leaving=laid_off", "reason_for_leaving=bored")
        .replace("&employer_name=Acme+Ltd", "");
    let (status, reply) = post_to(&s.app, LABOUR, FORM, &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply["errors"],
        json!([
            problem("phone", "must be a phone number"),
            problem("employer_name", "is required"),
            problem(
                "reason_for_leaving",
                "must be one of: laid_off, contract_ended, dismissed, quit, other"
            ),
            problem("weekly_earnings", "must be an amount of money, like 193.54"),
        ])
    );
    assert!(s.store.records(None).unwrap().is_empty());
}

// Flat snake_case JSON: the Revenue Service.

const REVENUE: &str = "/agencies/revenue/v1/address-changes";

fn revenue_valid() -> Value {
    json!({
        "taxpayer_number": "1234567890",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "new_address_line_1": "1 High St",
        "new_address_line_2": "",
        "new_town": "Leeds",
        "new_postcode": "LS1 4AP",
        "previous_address_line_1": "2 Low Rd",
        "previous_address_line_2": "",
        "previous_town": "Bath",
        "previous_postcode": "BA1 1AA",
        "moved_on": null
    })
}

#[tokio::test]
async fn revenue_answers_200_with_a_case_number() {
    let s = setup();
    let body = revenue_valid().to_string();
    let (status, reply) = post_to(&s.app, REVENUE, JSON, &body).await;
    assert_eq!(status, StatusCode::OK);
    let case = reply["case_number"].as_str().unwrap();
    assert!(case.starts_with("rev_") && case.len() == 16, "{case}");
    let records = s.store.records(Some("revenue")).unwrap();
    assert_eq!(records[0].fields, revenue_valid());
    assert_eq!(records[0].body, body);
    assert_eq!(records[0].content_type, JSON);
}

#[tokio::test]
async fn revenue_names_each_flat_field_at_fault() {
    let s = setup();
    let mut body = revenue_valid();
    body["taxpayer_number"] = json!("12/34");
    body["new_postcode"] = json!("LS1");
    body["previous_town"] = json!(null);
    body["moved_on"] = json!("yesterday");
    let (status, reply) = post_to(&s.app, REVENUE, JSON, &body.to_string()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply["errors"],
        json!([
            problem("taxpayer_number", "must be letters and digits"),
            problem("new_postcode", "must be a full UK postcode"),
            problem("previous_town", "is required"),
            problem("moved_on", "must be a date in the form YYYY-MM-DD"),
        ])
    );
    assert!(s.store.records(None).unwrap().is_empty());
}

#[tokio::test]
async fn json_endpoints_refuse_forms_and_broken_json() {
    let s = setup();
    let (status, reply) = post_to(&s.app, REVENUE, FORM, "first_name=Ada").await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        reply["errors"][0]["message"],
        "Send the request as application/json"
    );
    let (status, reply) = post_to(&s.app, REVENUE, JSON, "{\"first_name\":").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(reply["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("The body is not valid JSON"));
    let (status, _) = post_to(&s.app, REVENUE, JSON, "[1, 2]").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = post_to(
        &s.app,
        REVENUE,
        "application/json; charset=utf-8",
        &revenue_valid().to_string(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "parameters after the media type are fine"
    );
}

// Nested camelCase JSON: Motor Vehicles and Social Insurance.

const MOTOR_VEHICLES: &str = "/agencies/motor-vehicles/v1/licences/address-changes";

fn licence_valid() -> Value {
    json!({
        "licenceNumber": "MORGA753116SM9IJ",
        "driver": { "givenName": "Ada", "familyName": "Lovelace", "dateOfBirth": "1985-12-10" },
        "newAddress": { "line1": "1 High St", "line2": "", "town": "Leeds", "postcode": "LS1 4AP" },
        "dateMoved": "2026-11-01"
    })
}

#[tokio::test]
async fn motor_vehicles_accepts_nested_json_then_answers_its_status_url() {
    let s = setup();
    let posted = post_full(&s.app, MOTOR_VEHICLES, JSON, &licence_valid().to_string()).await;
    assert_eq!(posted.status, StatusCode::ACCEPTED);
    let reply = posted.json();
    let token = reply["requestId"].as_str().unwrap();
    assert!(
        token.len() >= 16 && token.chars().all(|c| c.is_ascii_hexdigit()),
        "{token}"
    );
    let status_url = format!("/agencies/motor-vehicles/v1/requests/{token}");
    assert_eq!(
        reply,
        json!({ "requestId": token, "status": "processing", "links": { "status": status_url } })
    );
    assert_eq!(posted.header(header::LOCATION), status_url);
    // Stored, with its reference, as soon as it is accepted.
    let records = s.store.records(Some("motor-vehicles")).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].fields["newAddress"]["town"], "Leeds");
    assert_eq!(records[0].reference, format!("MV-{}-004211", this_year()));
    assert!(!token.contains(&records[0].reference));

    let first = get_from(&s.app, &status_url, None).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.header(header::CACHE_CONTROL), "no-store");
    assert_eq!(
        first.json(),
        json!({ "requestId": token, "status": "processing" })
    );
    for _ in 0..2 {
        let later = get_from(&s.app, &status_url, None).await;
        assert_eq!(later.status, StatusCode::OK);
        assert_eq!(
            later.json(),
            json!({ "requestId": token, "status": "completed", "confirmationId": records[0].reference })
        );
    }
}

#[tokio::test]
async fn motor_vehicles_gives_each_request_its_own_token() {
    let s = setup();
    let body = licence_valid().to_string();
    let (_, first) = post_to(&s.app, MOTOR_VEHICLES, JSON, &body).await;
    let (_, second) = post_to(&s.app, MOTOR_VEHICLES, JSON, &body).await;
    assert_ne!(first["requestId"], second["requestId"]);
    let url = second["links"]["status"].as_str().unwrap();
    get_from(&s.app, url, None).await;
    let done = get_from(&s.app, url, None).await.json();
    let records = s.store.records(None).unwrap();
    assert_eq!(done["confirmationId"], records[1].reference.as_str());
    // The first request's token has not been polled yet.
    let url = first["links"]["status"].as_str().unwrap();
    assert_eq!(
        get_from(&s.app, url, None).await.json()["status"],
        "processing"
    );
}

#[tokio::test]
async fn motor_vehicles_names_nested_fields_by_path() {
    let s = setup();
    let mut body = licence_valid();
    body["driver"]["dateOfBirth"] = json!("10 December 1985");
    body["newAddress"] = json!({ "line1": "", "postcode": "nowhere" });
    body.as_object_mut().unwrap().remove("licenceNumber");
    let (status, reply) = post_to(&s.app, MOTOR_VEHICLES, JSON, &body.to_string()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply["errors"],
        json!([
            problem("licenceNumber", "is required"),
            problem(
                "driver.dateOfBirth",
                "must be a date in the form YYYY-MM-DD"
            ),
            problem("newAddress.line1", "is required"),
            problem("newAddress.town", "is required"),
            problem("newAddress.postcode", "must be a full UK postcode"),
        ])
    );
    assert!(s.store.records(None).unwrap().is_empty());
}

// Accepted, then polled, in another shape: Health Cover.

const HEALTH_COVER: &str = "/agencies/health-cover/v1/enrolments";

fn enrolment_valid() -> Value {
    json!({
        "applicant": {
            "name": { "given": "Sam", "family": "Okafor" },
            "dateOfBirth": "1961-02-03",
            "identityNumber": "QQ123456C",
            "email": "sam@example.com",
            "address": { "line1": "12 Acacia Avenue", "line2": "", "town": "Leeds", "postcode": "LS1 4AP" }
        },
        "qualifyingEvent": { "type": "turning_65", "date": "2026-02-03" }
    })
}

#[tokio::test]
async fn health_cover_accepts_then_tracks_the_enrolment() {
    let s = setup();
    let posted = post_full(&s.app, HEALTH_COVER, JSON, &enrolment_valid().to_string()).await;
    assert_eq!(posted.status, StatusCode::ACCEPTED);
    let reply = posted.json();
    let token = reply["tracking"]["id"].as_str().unwrap();
    let href = format!("/agencies/health-cover/v1/tracking/{token}");
    assert_eq!(reply, json!({ "tracking": { "id": token, "href": href } }));
    assert_eq!(posted.header(header::LOCATION), href);
    let records = s.store.records(Some("health-cover")).unwrap();
    assert_eq!(records.len(), 1);
    assert!(records[0].reference.starts_with("HC-"));
    assert_eq!(records[0].endpoint, HEALTH_COVER);

    let first = get_from(&s.app, &href, None).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.json(), json!({ "state": "PENDING" }));
    let later = get_from(&s.app, &href, None).await;
    assert_eq!(later.status, StatusCode::OK);
    assert_eq!(
        later.json(),
        json!({ "state": "ENROLLED", "enrolment": { "id": records[0].reference } })
    );
}

#[tokio::test]
async fn accepted_endpoints_still_refuse_bad_requests_first() {
    let s = setup();
    let (status, _) = post_to(&s.app, HEALTH_COVER, FORM, "a=b").await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (status, _) = post_to(&s.app, HEALTH_COVER, JSON, "{").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let mut bad = enrolment_valid();
    bad["qualifyingEvent"]["type"] = json!("birthday");
    let (status, reply) = post_to(&s.app, HEALTH_COVER, JSON, &bad.to_string()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply["errors"],
        json!([problem(
            "qualifyingEvent.type",
            "must be one of: lost_job_cover, turning_65"
        )])
    );
    assert!(s.store.records(None).unwrap().is_empty());
}

#[tokio::test]
async fn an_unknown_status_token_is_not_found() {
    let s = setup();
    let not_found = json!({ "errors": [{ "field": "", "message": "No request with this id" }] });
    for url in [
        "/agencies/motor-vehicles/v1/requests/0123456789abcdef",
        "/agencies/health-cover/v1/tracking/1",
    ] {
        let reply = get_from(&s.app, url, None).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{url}");
        assert_eq!(reply.json(), not_found);
    }
    // A token is known only at its own agency's status URL.
    let (_, reply) = post_to(&s.app, HEALTH_COVER, JSON, &enrolment_valid().to_string()).await;
    let token = reply["tracking"]["id"].as_str().unwrap();
    let elsewhere = format!("/agencies/motor-vehicles/v1/requests/{token}");
    assert_eq!(
        get_from(&s.app, &elsewhere, None).await.status,
        StatusCode::NOT_FOUND
    );
    let href = reply["tracking"]["href"].as_str().unwrap();
    assert_eq!(
        get_from(&s.app, href, None).await.json(),
        json!({ "state": "PENDING" }),
        "the wrong agency's poll did not count"
    );
}

#[tokio::test]
async fn social_insurance_puts_its_reference_where_its_api_does() {
    let s = setup();
    let body = json!({
        "applicant": {
            "name": { "given": "Pat", "family": "Reid" },
            "dateOfBirth": "1962-05-01",
            "identityNumber": "QQ123456C",
            "phone": "01632 960 001",
            "address": { "line1": "9 Elm Rd", "line2": "", "town": "York", "postcode": "YO1 7HH" }
        },
        "benefit": { "startDate": "2027-01-01", "stopWorkingOn": "2026-12-31", "publicSectorPension": false },
        "payment": { "accountName": "P Reid", "sortCode": "309430", "accountNumber": "00733445" }
    });
    let url = "/agencies/social-insurance/v1/retirement-claims";
    let (status, reply) = post_to(&s.app, url, JSON, &body.to_string()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(reply["claim"]["reference"]
        .as_str()
        .unwrap()
        .starts_with("SI-"));
    let mut bad = body.clone();
    bad["benefit"]["publicSectorPension"] = json!("no");
    bad["applicant"]["name"] = json!({ "given": "Pat" });
    let (status, reply) = post_to(&s.app, url, JSON, &bad.to_string()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply["errors"],
        json!([
            problem("applicant.name.family", "is required"),
            problem("benefit.publicSectorPension", "must be true or false"),
        ])
    );
    assert_eq!(s.store.records(None).unwrap().len(), 1);
}

#[tokio::test]
async fn only_post_is_answered() {
    let s = setup();
    let response = s
        .app
        .clone()
        .oneshot(Request::get(REVENUE).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}

// The Revenue Service's taxpayer profile, behind the demo sign-in.

const PROFILE: &str = "/agencies/revenue/v1/taxpayers/me";

#[tokio::test]
async fn the_taxpayer_profile_needs_the_demo_session() {
    let s = setup();
    for cookie in [None, Some("demo_session="), Some("other=1")] {
        let reply = get_from(&s.app, PROFILE, cookie).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{cookie:?}");
        assert_eq!(
            reply.json(),
            json!({ "errors": [{ "field": "", "message": "Sign in to see your record" }] })
        );
        assert_eq!(reply.header(header::CACHE_CONTROL), "no-store");
    }
    let reply = get_from(&s.app, PROFILE, Some("theme=dark; demo_session=demo")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(header::CACHE_CONTROL), "no-store");
    assert_eq!(
        reply.json(),
        json!({
            "taxpayer_number": "1234567890",
            "first_name": "Sam",
            "last_name": "Okafor",
            "date_of_birth": "1984-03-07",
            "email": "sam.okafor@example.com",
            "phone": "07700 900123",
            "address_line_1": "12 Acacia Avenue",
            "address_line_2": "",
            "town": "Leeds",
            "postcode": "LS1 4AP",
            "record_updated": "2026-10-14"
        })
    );
    assert!(reply
        .body
        .starts_with(r#"{"taxpayer_number":"1234567890","#));
}

#[tokio::test]
async fn signing_in_sets_the_cookie_and_goes_home() {
    let s = setup();
    let page = get_from(&s.app, "/demo/sign-in", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.header(header::CONTENT_TYPE).starts_with("text/html"));
    for part in [
        "<html lang=\"en\">",
        "<title>Sign in to the demo agency</title>",
        "<main>",
        "<h1>Sign in to the demo agency</h1>",
        "Sam Okafor",
        "<form method=\"post\" action=\"/demo/sign-in\">",
        "<button type=\"submit\">Sign in as Sam Okafor</button>",
    ] {
        assert!(page.body.contains(part), "{part} in {}", page.body);
    }
    assert!(!page.body.contains("<script"));

    let signed_in = send(
        &s.app,
        Request::post("/demo/sign-in").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.header(header::LOCATION), "/");
    assert_eq!(
        signed_in.header(header::SET_COOKIE),
        "demo_session=demo; Path=/; HttpOnly; SameSite=Lax"
    );

    for request in [
        Request::get("/demo/sign-out"),
        Request::post("/demo/sign-out"),
    ] {
        let signed_out = send(&s.app, request.body(Body::empty()).unwrap()).await;
        assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
        assert_eq!(signed_out.header(header::LOCATION), "/");
        let cookie = signed_out.header(header::SET_COOKIE);
        assert!(
            cookie.starts_with("demo_session=;") && cookie.contains("Max-Age=0"),
            "{cookie}"
        );
    }
}

#[tokio::test]
async fn the_host_page_says_whether_the_person_signed_in() {
    let s = setup();
    let index = "<!DOCTYPE html><html lang=\"en\"><body><tell-once catalogue=\"x\"></tell-once></body></html>\n";
    let agency = "<!DOCTYPE html><p>Hostile</p><tell-once journey=\"a\"></tell-once><tell-once journey=\"b\"></tell-once>\n";
    std::fs::write(s.dir.join("index.html"), index).unwrap();
    std::fs::create_dir_all(s.dir.join("demo/agency")).unwrap();
    std::fs::write(s.dir.join("demo/agency/index.html"), agency).unwrap();
    std::fs::write(s.dir.join("app.css"), "body {}").unwrap();
    let pages = [
        ("/", index),
        ("/index.html", index),
        ("/?journey=moving-house&page=start", index),
        ("/demo/agency/", agency),
    ];
    for (url, page) in pages {
        let marked = page.replace("<tell-once ", "<tell-once signed-in ");
        let anonymous = get_from(&s.app, url, None).await;
        assert_eq!(anonymous.status, StatusCode::OK, "{url}");
        assert!(anonymous
            .header(header::CONTENT_TYPE)
            .starts_with("text/html"));
        assert_eq!(
            anonymous.header(header::CONTENT_SECURITY_POLICY),
            host::CONTENT_SECURITY_POLICY
        );
        assert_eq!(anonymous.body, page, "{url}");
        let signed_in = get_from(&s.app, url, Some("demo_session=demo")).await;
        assert_eq!(signed_in.status, StatusCode::OK, "{url}");
        assert_eq!(signed_in.body, marked, "{url}");
    }
    let css = get_from(&s.app, "/app.css", Some("demo_session=demo")).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.body, "body {}", "other files are served as they are");
}

/// The build writes each file's brotli and gzip forms beside it; the server sends the one the
/// browser accepts. (Stand-in bodies: the server sends the files, it does not decode them.)
#[tokio::test]
async fn the_apps_files_go_compressed_to_a_browser_that_accepts_it() {
    let s = setup();
    std::fs::write(s.dir.join("app.wasm"), "plain").unwrap();
    std::fs::write(s.dir.join("app.wasm.br"), "brotli").unwrap();
    std::fs::write(s.dir.join("app.wasm.gz"), "gzip").unwrap();
    for (accept, encoding, body) in [
        ("gzip, deflate, br, zstd", Some("br"), "brotli"),
        ("gzip, deflate", Some("gzip"), "gzip"),
        ("identity", None, "plain"),
    ] {
        let request = Request::get("/app.wasm")
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .unwrap();
        let reply = send(&s.app, request).await;
        assert_eq!(reply.status, StatusCode::OK, "{accept}");
        assert_eq!(
            reply.header(header::CONTENT_TYPE),
            "application/wasm",
            "{accept}"
        );
        assert_eq!(
            reply
                .headers
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(reply.body, body, "{accept}");
    }
}

// Idempotency keys: a retry gets the first reply, and makes no second record.

fn replayed(reply: &Reply) -> bool {
    reply
        .headers
        .get(IDEMPOTENT_REPLAYED)
        .is_some_and(|v| v == "true")
}

#[tokio::test]
async fn a_retry_with_the_same_key_gets_the_first_reply_and_stores_nothing_more() {
    let s = setup();
    let key = [(IDEMPOTENCY_KEY, "4f1c2b7e-elections")];
    let first = post_with(&s.app, ELECTIONS, FORM, VALID, &key).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert!(!replayed(&first), "the first reply is not a replay");
    for _ in 0..2 {
        let again = post_with(&s.app, ELECTIONS, FORM, VALID, &key).await;
        assert_eq!(again.status, StatusCode::CREATED);
        assert_eq!(again.body, first.body);
        assert!(replayed(&again));
        assert_eq!(again.header(header::CONTENT_TYPE), "application/json");
        assert!(again.headers.get(header::LOCATION).is_none());
    }
    let records = s.store.records(None).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0].idempotency_key.as_deref(),
        Some("4f1c2b7e-elections")
    );
    assert_eq!(first.json()["reference"], records[0].reference.as_str());
}

#[tokio::test]
async fn a_retried_accepted_request_gets_the_same_status_url() {
    let s = setup();
    let body = licence_valid().to_string();
    let key = [(IDEMPOTENCY_KEY, "mv-1")];
    let first = post_with(&s.app, MOTOR_VEHICLES, JSON, &body, &key).await;
    assert_eq!(first.status, StatusCode::ACCEPTED);
    let again = post_with(&s.app, MOTOR_VEHICLES, JSON, &body, &key).await;
    assert_eq!(again.status, StatusCode::ACCEPTED);
    assert!(replayed(&again));
    assert_eq!(
        again.header(header::LOCATION),
        first.header(header::LOCATION)
    );
    assert_eq!(again.body, first.body, "the same status token");
    assert_eq!(s.store.records(None).unwrap().len(), 1);
    let url = first.header(header::LOCATION).to_string();
    assert_eq!(
        get_from(&s.app, &url, None).await.json()["status"],
        "processing"
    );
    let done = get_from(&s.app, &url, None).await.json();
    assert_eq!(
        done["confirmationId"],
        s.store.records(None).unwrap()[0].reference.as_str()
    );
}

#[tokio::test]
async fn a_key_used_for_another_request_is_refused() {
    let s = setup();
    let key = [(IDEMPOTENCY_KEY, "k-1")];
    let first = post_with(&s.app, ELECTIONS, FORM, VALID, &key).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let other = VALID.replace("first_name=Ada", "first_name=Grace");
    let refused = post_with(&s.app, ELECTIONS, FORM, &other, &key).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.json(),
        json!({ "errors": [{ "field": "", "message": "This Idempotency-Key was already used for a different request; send a new key with a new request" }] })
    );
    assert!(!replayed(&refused));
    assert_eq!(s.store.records(None).unwrap().len(), 1, "nothing stored");
    let again = post_with(&s.app, ELECTIONS, FORM, VALID, &key).await;
    assert_eq!(again.body, first.body, "the first request still replays");
    // A key belongs to one endpoint: the same key elsewhere is another request.
    let labour = post_with(&s.app, LABOUR, FORM, LABOUR_VALID, &key).await;
    assert_eq!(labour.status, StatusCode::CREATED);
    assert!(!replayed(&labour));
    assert_eq!(s.store.records(None).unwrap().len(), 2);
}

#[tokio::test]
async fn malformed_keys_are_refused_and_nothing_is_stored() {
    let s = setup();
    let long = "k".repeat(256);
    let cases: [(&[u8], &str); 5] = [
        (b"", "The Idempotency-Key is empty; send a key unique to this request, such as a UUID"),
        (long.as_bytes(), "The Idempotency-Key is longer than 255 characters"),
        (b"two words", "The Idempotency-Key may only have visible ASCII characters: letters, digits and punctuation, no spaces"),
        (b"cl\xc3\xa9", "The Idempotency-Key may only have visible ASCII characters: letters, digits and punctuation, no spaces"),
        (b"a\tb", "The Idempotency-Key may only have visible ASCII characters: letters, digits and punctuation, no spaces"),
    ];
    for (key, message) in cases {
        let request = Request::post(ELECTIONS)
            .header(header::CONTENT_TYPE, FORM)
            .header(IDEMPOTENCY_KEY, HeaderValue::from_bytes(key).unwrap())
            .body(Body::from(VALID))
            .unwrap();
        let reply = send(&s.app, request).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{key:?}");
        assert_eq!(
            reply.json(),
            json!({ "errors": [problem("", message)] }),
            "{key:?}"
        );
    }
    let twice = Request::post(ELECTIONS)
        .header(header::CONTENT_TYPE, FORM)
        .header(IDEMPOTENCY_KEY, "a")
        .header(IDEMPOTENCY_KEY, "b")
        .body(Body::from(VALID))
        .unwrap();
    let reply = send(&s.app, twice).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json()["errors"][0]["message"],
        "Send one Idempotency-Key header, not several"
    );
    assert!(s.store.records(None).unwrap().is_empty());
    let longest = "k".repeat(255);
    let reply = post_with(
        &s.app,
        ELECTIONS,
        FORM,
        VALID,
        &[(IDEMPOTENCY_KEY, &longest)],
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "255 characters are fine");
}

#[tokio::test]
async fn a_refused_request_saves_no_key_so_the_corrected_one_can_use_it() {
    let s = setup();
    let key = [(IDEMPOTENCY_KEY, "fix-me")];
    let wrong_type = post_with(&s.app, ELECTIONS, JSON, "{}", &key).await;
    assert_eq!(wrong_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let invalid = VALID.replace("moved_on=2026-11-01", "moved_on=soon");
    let refused = post_with(&s.app, ELECTIONS, FORM, &invalid, &key).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["errors"][0]["field"], "moved_on");
    let again = post_with(&s.app, ELECTIONS, FORM, &invalid, &key).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!replayed(&again), "refusals are not saved, so not replayed");
    let fixed = post_with(&s.app, ELECTIONS, FORM, VALID, &key).await;
    assert_eq!(fixed.status, StatusCode::CREATED);
    assert!(!replayed(&fixed));
    assert_eq!(s.store.records(None).unwrap().len(), 1);
}

#[tokio::test]
async fn without_a_key_every_request_is_new() {
    let s = setup();
    let first = post_with(&s.app, ELECTIONS, FORM, VALID, &[]).await;
    let second = post_with(&s.app, ELECTIONS, FORM, VALID, &[]).await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert!(!replayed(&second));
    assert_ne!(first.json()["reference"], second.json()["reference"]);
    let records = s.store.records(None).unwrap();
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(|r| r.idempotency_key.is_none()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_key_sent_eight_times_at_once_makes_one_record() {
    let s = setup();
    let body = licence_valid().to_string();
    let requests: Vec<_> = (0..8)
        .map(|_| {
            let (app, body) = (s.app.clone(), body.clone());
            tokio::spawn(async move {
                post_with(
                    &app,
                    MOTOR_VEHICLES,
                    JSON,
                    &body,
                    &[(IDEMPOTENCY_KEY, "race")],
                )
                .await
            })
        })
        .collect();
    let mut replies = Vec::new();
    for request in requests {
        replies.push(request.await.unwrap());
    }
    assert_eq!(replies.iter().filter(|r| !replayed(r)).count(), 1);
    for reply in &replies {
        assert_eq!(reply.status, StatusCode::ACCEPTED);
        assert_eq!(reply.body, replies[0].body);
        assert_eq!(
            reply.header(header::LOCATION),
            replies[0].header(header::LOCATION)
        );
    }
    let records = s.store.records(None).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].idempotency_key.as_deref(), Some("race"));
}

// Fault injection, with `serve --faults`: scoped by cookie, for the agency endpoints only.

async fn add_fault(app: &Router, rule: Value) -> Reply {
    post_full(app, "/demo/faults", JSON, &rule.to_string()).await
}

async fn faults_in(app: &Router, scope: &str) -> Value {
    let reply = get_from(app, &format!("/demo/faults?scope={scope}"), None).await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json()
}

fn in_scope(scope: &str) -> String {
    format!("demo_faults={scope}")
}

#[tokio::test]
async fn fault_control_exists_only_with_the_faults_flag() {
    let s = setup();
    assert_eq!(
        get_from(&s.app, "/demo/faults?scope=a", None).await.status,
        StatusCode::NOT_FOUND
    );
    let rule = json!({ "scope": "a", "kind": "fail", "status": 503 });
    // Only the app's files are there, and they answer GET only.
    assert_eq!(
        add_fault(&s.app, rule).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
    let cookie = in_scope("a");
    let reply = post_with(&s.app, ELECTIONS, FORM, VALID, &[("cookie", &cookie)]).await;
    assert_eq!(reply.status, StatusCode::CREATED);
}

#[tokio::test]
async fn fault_rules_are_checked() {
    let s = setup_with_faults();
    let cases = [
        (
            json!({ "scope": "s", "kind": "explode" }),
            "kind",
            "must be fail, delay or drop",
        ),
        (
            json!({ "scope": "s", "kind": "fail" }),
            "status",
            "must be from 400 to 599",
        ),
        (
            json!({ "scope": "s", "kind": "fail", "status": 399 }),
            "status",
            "must be from 400 to 599",
        ),
        (
            json!({ "scope": "s", "kind": "fail", "status": 600 }),
            "status",
            "must be from 400 to 599",
        ),
        (
            json!({ "scope": "s", "kind": "drop", "times": 0 }),
            "times",
            "must be from 1 to 1000",
        ),
        (
            json!({ "scope": "s", "kind": "delay" }),
            "ms",
            "must be from 0 to 30000 (milliseconds)",
        ),
        (
            json!({ "scope": "s", "kind": "delay", "ms": 30001 }),
            "ms",
            "must be from 0 to 30000 (milliseconds)",
        ),
        (
            json!({ "scope": "s", "kind": "drop", "status": 503 }),
            "status",
            "is only for fail rules",
        ),
        (
            json!({ "scope": "s", "kind": "fail", "status": 503, "ms": 5 }),
            "ms",
            "is only for delay rules",
        ),
        (
            json!({ "scope": "", "kind": "drop" }),
            "scope",
            "must be 1 to 64 letters, digits, '-', '_' or '.'",
        ),
        (
            json!({ "scope": "a b", "kind": "drop" }),
            "scope",
            "must be 1 to 64 letters, digits, '-', '_' or '.'",
        ),
    ];
    for (rule, field, message) in cases {
        let reply = add_fault(&s.app, rule.clone()).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{rule}");
        assert_eq!(
            reply.json(),
            json!({ "errors": [problem(field, message)] }),
            "{rule}"
        );
    }
    let unknown = add_fault(
        &s.app,
        json!({ "scope": "s", "kind": "drop", "agency": "post-office" }),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let message = unknown.json()["errors"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.starts_with("no agency \"post-office\"; leave it out for any agency, or use one of: motor-vehicles, elections, revenue,"), "{message}");
    for body in [
        "not json",
        r#"{"scope":"s","kind":"drop","tims":2}"#,
        r#"{"kind":"drop"}"#,
    ] {
        let reply = post_full(&s.app, "/demo/faults", JSON, body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        let message = reply.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            message.starts_with("The body is not a fault rule: "),
            "{message}"
        );
    }
    let no_scope = get_from(&s.app, "/demo/faults", None).await;
    assert_eq!(no_scope.status, StatusCode::BAD_REQUEST);
    assert_eq!(no_scope.json()["errors"][0]["field"], "scope");
    assert_eq!(
        faults_in(&s.app, "s").await,
        json!({ "injected": 0, "rules": [] }),
        "none added"
    );
}

#[tokio::test]
async fn a_fail_fault_answers_with_its_status_and_stores_nothing() {
    let s = setup_with_faults();
    let rule = json!({ "scope": "f1", "agency": "elections", "kind": "fail", "status": 503, "retry_after": 1, "times": 2 });
    let added = add_fault(&s.app, rule.clone()).await;
    assert_eq!(added.status, StatusCode::CREATED);
    assert_eq!(added.json(), rule);
    assert_eq!(
        faults_in(&s.app, "f1").await,
        json!({ "injected": 0, "rules": [rule] })
    );
    // Requests outside the scope are not touched.
    for headers in [vec![], vec![("cookie", "demo_faults=f2")]] {
        let reply = post_with(&s.app, ELECTIONS, FORM, VALID, &headers).await;
        assert_eq!(reply.status, StatusCode::CREATED);
    }
    let scoped = [
        ("cookie", "theme=dark; demo_faults=f1"),
        (IDEMPOTENCY_KEY, "f1-key"),
    ];
    for _ in 0..2 {
        let failed = post_with(&s.app, ELECTIONS, FORM, VALID, &scoped).await;
        assert_eq!(failed.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(failed.header(header::RETRY_AFTER), "1");
        assert_eq!(
            failed.json(),
            json!({ "errors": [problem("", "The service is temporarily unavailable (injected fault); try again later")] })
        );
    }
    assert_eq!(
        faults_in(&s.app, "f1").await,
        json!({ "injected": 2, "rules": [] })
    );
    assert_eq!(
        s.store.records(None).unwrap().len(),
        2,
        "the failed ones were not stored"
    );
    let third = post_with(&s.app, ELECTIONS, FORM, VALID, &scoped).await;
    assert_eq!(third.status, StatusCode::CREATED);
    assert!(!replayed(&third), "a failure saves no key");
    assert_eq!(s.store.records(None).unwrap().len(), 3);
}

#[tokio::test]
async fn faults_touch_only_their_agency_and_only_its_endpoints() {
    let s = setup_with_faults();
    let (_, accepted) = post_to(&s.app, MOTOR_VEHICLES, JSON, &licence_valid().to_string()).await;
    let status_url = accepted["links"]["status"].as_str().unwrap().to_string();
    let rule = json!({ "scope": "mv", "agency": "motor-vehicles", "kind": "fail", "status": 500 });
    assert_eq!(add_fault(&s.app, rule).await.status, StatusCode::CREATED);
    let cookie = in_scope("mv");
    let elections = post_with(&s.app, ELECTIONS, FORM, VALID, &[("cookie", &cookie)]).await;
    assert_eq!(elections.status, StatusCode::CREATED, "another agency");
    let poll = get_from(&s.app, &status_url, Some(&cookie)).await;
    assert_eq!(poll.status, StatusCode::OK, "status URLs are not faulted");
    let signed_in = format!("{cookie}; demo_session=demo");
    let profile = get_from(&s.app, PROFILE, Some(&signed_in)).await;
    assert_eq!(profile.status, StatusCode::OK, "nor is the profile");
    assert_eq!(faults_in(&s.app, "mv").await["injected"], 0);
    let body = licence_valid().to_string();
    let failed = post_with(&s.app, MOTOR_VEHICLES, JSON, &body, &[("cookie", &cookie)]).await;
    assert_eq!(failed.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(failed.headers.get(header::RETRY_AFTER).is_none());
    assert_eq!(
        faults_in(&s.app, "mv").await,
        json!({ "injected": 1, "rules": [] })
    );
}

#[tokio::test]
async fn rules_are_used_in_the_order_they_were_added() {
    let s = setup_with_faults();
    for rule in [
        json!({ "scope": "o", "kind": "fail", "status": 500 }),
        json!({ "scope": "o", "kind": "fail", "status": 429, "times": 2 }),
        json!({ "scope": "o", "kind": "delay", "ms": 1 }),
    ] {
        assert_eq!(add_fault(&s.app, rule).await.status, StatusCode::CREATED);
    }
    let listed = faults_in(&s.app, "o").await;
    assert_eq!(listed["rules"][1]["times"], 2);
    assert_eq!(
        listed["rules"][2],
        json!({ "scope": "o", "kind": "delay", "ms": 1, "times": 1 })
    );
    let cookie = [("cookie", "demo_faults=o")];
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(
            post_with(&s.app, LABOUR, FORM, LABOUR_VALID, &cookie)
                .await
                .status
                .as_u16(),
        );
    }
    assert_eq!(statuses, [500, 429, 429, 201, 201]);
    assert_eq!(
        faults_in(&s.app, "o").await,
        json!({ "injected": 4, "rules": [] })
    );
}

#[tokio::test]
async fn a_delay_fault_answers_late_but_as_usual() {
    let s = setup_with_faults();
    let rule = json!({ "scope": "slow", "kind": "delay", "ms": 300 });
    assert_eq!(add_fault(&s.app, rule).await.status, StatusCode::CREATED);
    let started = std::time::Instant::now();
    let reply = post_with(
        &s.app,
        ELECTIONS,
        FORM,
        VALID,
        &[("cookie", "demo_faults=slow")],
    )
    .await;
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(reply.status, StatusCode::CREATED);
    assert_eq!(s.store.records(None).unwrap().len(), 1);
}

#[tokio::test]
async fn clearing_a_scope_forgets_its_rules_and_count() {
    let s = setup_with_faults();
    for scope in ["gone", "kept"] {
        let rule = json!({ "scope": scope, "kind": "fail", "status": 502, "times": 3 });
        assert_eq!(add_fault(&s.app, rule).await.status, StatusCode::CREATED);
    }
    let failed = post_with(
        &s.app,
        ELECTIONS,
        FORM,
        VALID,
        &[("cookie", "demo_faults=gone")],
    )
    .await;
    assert_eq!(failed.status, StatusCode::BAD_GATEWAY);
    let cleared = send(
        &s.app,
        Request::delete("/demo/faults?scope=gone")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(cleared.status, StatusCode::NO_CONTENT);
    assert_eq!(
        faults_in(&s.app, "gone").await,
        json!({ "injected": 0, "rules": [] })
    );
    assert_eq!(faults_in(&s.app, "kept").await["rules"][0]["times"], 3);
    let reply = post_with(
        &s.app,
        ELECTIONS,
        FORM,
        VALID,
        &[("cookie", "demo_faults=gone")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED);
}

/// Sends a raw HTTP/1.1 request over TCP, as a real client would, and reads everything the
/// server sends until it closes the connection.
fn exchange(addr: std::net::SocketAddr, request: &str) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    stream.write_all(request.as_bytes())?;
    let mut received = Vec::new();
    stream.read_to_end(&mut received)?;
    Ok(received)
}

fn raw_post(path: &str, headers: &str, body: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {FORM}\r\nContent-Length: {}\r\n{headers}Connection: close\r\n\r\n{body}",
        body.len()
    )
}

#[tokio::test]
async fn a_dropped_request_is_stored_but_the_client_gets_no_reply_at_all() {
    let s = setup_with_faults();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(axum::serve(listener, s.app.clone()).into_future());
    let rule = json!({ "scope": "cut", "agency": "elections", "kind": "drop" });
    assert_eq!(add_fault(&s.app, rule).await.status, StatusCode::CREATED);

    let headers = "Cookie: demo_faults=cut\r\nIdempotency-Key: cut-1\r\n";
    let request = raw_post(ELECTIONS, headers, VALID);
    let dropped = tokio::task::spawn_blocking(move || exchange(addr, &request))
        .await
        .unwrap();
    match &dropped {
        Ok(bytes) => assert!(
            bytes.is_empty(),
            "not a byte of the reply: {}",
            String::from_utf8_lossy(bytes)
        ),
        Err(e) => assert!(
            !matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
            "the connection was closed, not left hanging: {e}"
        ),
    }
    let records = s.store.records(None).unwrap();
    assert_eq!(records.len(), 1, "stored before the connection was dropped");
    assert_eq!(records[0].idempotency_key.as_deref(), Some("cut-1"));
    assert_eq!(
        faults_in(&s.app, "cut").await,
        json!({ "injected": 1, "rules": [] })
    );

    // The retry, with the same key, gets the reply that was lost.
    let request = raw_post(ELECTIONS, headers, VALID);
    let retried = tokio::task::spawn_blocking(move || exchange(addr, &request))
        .await
        .unwrap()
        .unwrap();
    let retried = String::from_utf8(retried).unwrap();
    assert!(retried.starts_with("HTTP/1.1 201 Created\r\n"), "{retried}");
    assert!(
        retried.contains("\r\nidempotent-replayed: true\r\n"),
        "{retried}"
    );
    let reference = json!({ "reference": records[0].reference }).to_string();
    assert!(
        retried.ends_with(&format!("\r\n\r\n{reference}")),
        "{retried}"
    );
    assert_eq!(s.store.records(None).unwrap().len(), 1);
    server.abort();
}

#[tokio::test]
async fn connections_close_while_a_drop_is_to_come() {
    let s = setup_with_faults();
    let rule = json!({ "scope": "c", "agency": "labour", "kind": "drop" });
    assert_eq!(add_fault(&s.app, rule).await.status, StatusCode::CREATED);
    let closes = |reply: &Reply| {
        reply
            .headers
            .get(header::CONNECTION)
            .is_some_and(|v| v == "close")
    };
    let page = get_from(&s.app, "/", Some("demo_faults=c")).await;
    assert!(closes(&page), "every reply in the scope, files too");
    let elections = post_with(
        &s.app,
        ELECTIONS,
        FORM,
        VALID,
        &[("cookie", "demo_faults=c")],
    )
    .await;
    assert!(closes(&elections));
    assert!(
        !closes(&get_from(&s.app, "/", None).await),
        "not outside the scope"
    );
    assert!(!closes(
        &get_from(&s.app, "/", Some("demo_faults=other")).await
    ));
    // The drop itself: its reply's body fails at once.
    let request = Request::post(LABOUR)
        .header(header::CONTENT_TYPE, FORM)
        .header(header::COOKIE, "demo_faults=c")
        .body(Body::from(LABOUR_VALID))
        .unwrap();
    let cut = s.app.clone().oneshot(request).await.unwrap();
    assert!(cut.into_body().collect().await.is_err(), "the body fails");
    assert_eq!(s.store.records(Some("labour")).unwrap().len(), 1);
    assert!(
        !closes(&get_from(&s.app, "/", Some("demo_faults=c")).await),
        "no drop left"
    );
}

#[test]
fn replies_put_the_reference_at_the_pointer() {
    assert_eq!(reply("/reference", "EL/1"), json!({ "reference": "EL/1" }));
    assert_eq!(
        reply("/claim/reference", "SI-1"),
        json!({ "claim": { "reference": "SI-1" } })
    );
    assert_eq!(reply("/a~1b", "x"), json!({ "a/b": "x" }));
}

#[test]
fn the_year_is_this_year() {
    let year = this_year();
    assert!((2026..2100).contains(&year), "{year}");
}

// Every journey, end to end: what the engine sends for every service, the agency accepts, and
// its reply has the reference where the journey looks for it.

/// Which answers to give: the first option and yes (and dates in 1960), the last option and no
/// (and dates in 2000), or the first option and yes to required questions only.
#[derive(Clone, Copy, Debug)]
enum Persona {
    FirstAndYes,
    LastAndNo,
    OnlyRequired,
}

fn answer_everything(journey: &Journey, persona: Persona) -> Answers {
    let mut answers = Answers::default();
    // Someone aged 66, or someone aged 26.
    let year = match persona {
        Persona::LastAndNo => "2000",
        _ => "1960",
    };
    for question in journey.pages.iter().flat_map(|p| &p.questions) {
        if !question.required && matches!(persona, Persona::OnlyRequired) {
            continue;
        }
        let key = question.key.as_str();
        let mut set = |part: &str, value: &str| answers.set(&format!("{key}.{part}"), value);
        let option = match persona {
            Persona::LastAndNo => question.options.last(),
            _ => question.options.first(),
        }
        .map(|o| o.value.clone())
        .unwrap_or_default();
        match question.kind {
            FieldKind::Date => {
                set("day", "2");
                set("month", "3");
                set("year", year);
            }
            FieldKind::Name => {
                set("given", "Ada");
                set("family", "Lovelace");
            }
            FieldKind::Address => {
                set("line1", "1 High St");
                if !matches!(persona, Persona::OnlyRequired) {
                    set("line2", "Flat 2");
                }
                set("town", "Leeds");
                set("postcode", "ls14ap");
            }
            FieldKind::YesNo => answers.set(
                key,
                if matches!(persona, Persona::LastAndNo) {
                    "no"
                } else {
                    "yes"
                },
            ),
            FieldKind::Radios | FieldKind::Select => answers.set(key, &option),
            FieldKind::Checkboxes => answers.set_list(key, &[option]),
            FieldKind::Number => answers.set(key, "3"),
            FieldKind::Currency => answers.set(key, "£350.50"),
            FieldKind::Email => answers.set(key, "ada@example.com"),
            FieldKind::Phone => answers.set(key, "01632 960 001"),
            FieldKind::NationalId => answers.set(key, "QQ 12 34 56 C"),
            _ => answers.set(key, "Some text"),
        }
    }
    answers
}

fn journeys() -> Vec<(String, Journey)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/journeys");
    let mut journeys = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if path.extension().is_some_and(|e| e == "json") && text.contains("\"tell-once/journey@1\"")
        {
            let journey =
                Journey::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            journeys.push((path.display().to_string(), journey));
        }
    }
    journeys.sort_by(|a, b| a.0.cmp(&b.0));
    journeys
}

#[tokio::test]
async fn every_journey_reaches_its_agencies() {
    let s = setup();
    let env = Env {
        today: Date::new(2026, 11, 23).unwrap(),
        lang: "en",
        patterns: &NoPatterns,
        answers: None,
    };
    let journeys = journeys();
    assert!(journeys.len() >= 5, "{} journeys", journeys.len());
    let mut sent = 0;
    for (file, journey) in &journeys {
        for persona in [
            Persona::FirstAndYes,
            Persona::LastAndNo,
            Persona::OnlyRequired,
        ] {
            let mut answers = answer_everything(journey, persona);
            // Pages the person would not be asked are left unanswered.
            let plan = Plan::new(journey, &answers, env);
            for (page, shown) in journey.pages.iter().zip(&plan.shown) {
                for question in page.questions.iter().filter(|_| !shown) {
                    for part in field::parts(question) {
                        answers.set(&field::input_key(&question.key, part), "");
                    }
                }
            }
            let canonical = canonical_answers(journey, &answers);
            for (service, _) in journey
                .services
                .iter()
                .zip(&plan.eligible)
                .filter(|(_, eligible)| **eligible)
            {
                let at = format!("{file} {} ({persona:?})", service.id);
                // Each agency at the base URL its journey gives.
                let request = request_for(
                    service,
                    &canonical,
                    journey.agency_base(&service.agency, &Default::default()),
                )
                .unwrap_or_else(|e| panic!("{at}: {e}"));
                // Sent as the browser sends it: through the engine's delivery protocol, which
                // follows a 202 to its status URL (no waiting between polls here).
                let app = s.app.clone();
                let delivered = deliver(
                    &service.connector,
                    request,
                    move |request| agency_call(app.clone(), request),
                    |_| std::future::ready(()),
                )
                .await;
                match delivered {
                    Delivery::Sent { reference } => assert!(!reference.is_empty(), "{at}"),
                    other => panic!("{at}: {other:?}"),
                }
                sent += 1;
            }
        }
    }
    let records = s.store.records(None).unwrap();
    assert_eq!(records.len(), sent);
    // Every endpoint is used by some journey.
    let used: std::collections::BTreeSet<&str> =
        records.iter().map(|r| r.endpoint.as_str()).collect();
    for endpoint in ENDPOINTS {
        assert!(
            used.contains(endpoint.path),
            "no journey sends to {}",
            endpoint.path
        );
    }
}

// The customer-experience survey: `POST /feedback`.

/// A survey answer with every rating given and a comment.
fn feedback_valid() -> Value {
    json!({
        "journey": "moving-house",
        "version": "2026-11-23",
        "ratings": {
            "satisfaction": 5, "trust": 4, "effectiveness": 3, "ease": 2,
            "efficiency": 1, "equity": 5, "transparency": 4
        },
        "comment": "Ask for the move date first."
    })
}

async fn post_feedback(app: &Router, body: &Value) -> (StatusCode, Value) {
    post_to(app, "/feedback", JSON, &body.to_string()).await
}

/// The fields and messages of a reply's errors.
fn problems_of(reply: &Value) -> Vec<(String, String)> {
    reply["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors in {reply}"))
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn feedback_is_stored_with_every_rating_and_the_comment() {
    let s = setup();
    let (status, reply) = post_feedback(&s.app, &feedback_valid()).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    assert_eq!(reply, json!({ "received": true }));
    let stored = s.store.feedback().unwrap();
    assert_eq!(stored.len(), 1);
    let f = &stored[0];
    assert_eq!(
        (f.journey.as_str(), f.version.as_str()),
        ("moving-house", "2026-11-23")
    );
    assert_eq!(
        f.ratings,
        store::Ratings {
            satisfaction: Some(5),
            trust: Some(4),
            effectiveness: Some(3),
            ease: Some(2),
            efficiency: Some(1),
            equity: Some(5),
            transparency: Some(4),
        }
    );
    assert_eq!(f.comment.as_deref(), Some("Ask for the move date first."));
    assert!(
        s.store.records(None).unwrap().is_empty(),
        "not an agency record"
    );
}

#[tokio::test]
async fn feedback_may_leave_out_any_rating_or_the_comment() {
    let s = setup();
    let only_a_rating = json!({
        "journey": "moving-house", "version": "1",
        "ratings": { "ease": 4, "trust": null }
    });
    let only_a_comment = json!({ "journey": "moving-house", "version": "1", "comment": "Fine." });
    let blank_comment_and_a_rating = json!({
        "journey": "moving-house", "version": "1", "ratings": { "equity": 1 }, "comment": "  "
    });
    for body in [&only_a_rating, &only_a_comment, &blank_comment_and_a_rating] {
        let (status, reply) = post_feedback(&s.app, body).await;
        assert_eq!(status, StatusCode::CREATED, "{body}: {reply}");
    }
    let stored = s.store.feedback().unwrap();
    assert_eq!(stored[0].ratings.ease, Some(4));
    assert_eq!(stored[0].ratings.trust, None);
    assert_eq!(stored[0].comment, None);
    assert!(stored[1].ratings.is_empty());
    assert_eq!(stored[1].comment.as_deref(), Some("Fine."));
    assert_eq!(stored[2].comment, None, "a blank comment is no comment");
}

#[tokio::test]
async fn empty_feedback_is_refused() {
    let s = setup();
    for body in [
        json!({ "journey": "moving-house", "version": "1" }),
        json!({ "journey": "moving-house", "version": "1", "ratings": {}, "comment": "" }),
        json!({ "journey": "moving-house", "version": "1", "ratings": { "ease": null }, "comment": null }),
    ] {
        let (status, reply) = post_feedback(&s.app, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(
            problems_of(&reply),
            vec![(
                String::new(),
                "Give at least one rating or a comment: the feedback is empty".to_string()
            )]
        );
    }
    assert!(s.store.feedback().unwrap().is_empty());
}

#[tokio::test]
async fn feedback_names_each_wrong_value() {
    let s = setup();
    let mut body = feedback_valid();
    body["journey"] = json!("");
    body["version"] = json!(7);
    body["ratings"]["satisfaction"] = json!(0);
    body["ratings"]["trust"] = json!(6);
    body["ratings"]["ease"] = json!(2.5);
    body["ratings"]["efficiency"] = json!("5");
    body["comment"] = json!("x".repeat(1201));
    let (status, reply) = post_feedback(&s.app, &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let problems = problems_of(&reply);
    let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        [
            "journey",
            "version",
            "ratings.satisfaction",
            "ratings.trust",
            "ratings.ease",
            "ratings.efficiency",
            "comment"
        ]
    );
    assert_eq!(
        problems[0].1,
        "Say which journey the feedback is about, by its id, such as moving-house"
    );
    assert_eq!(problems[1].1, "The version must be text");
    assert_eq!(
        problems[3].1,
        "Give trust as a whole number from 1 (strongly disagree) to 5 (strongly agree), or null when not answered"
    );
    assert_eq!(
        problems[6].1,
        "The comment must be 1200 characters or fewer; it has 1201"
    );
    assert!(s.store.feedback().unwrap().is_empty());
}

#[tokio::test]
async fn feedback_counts_characters_not_bytes() {
    let s = setup();
    let mut body = feedback_valid();
    // 1200 characters of two or three bytes each.
    body["comment"] = json!("é€".repeat(600));
    let (status, reply) = post_feedback(&s.app, &body).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
}

#[tokio::test]
async fn feedback_takes_nothing_but_journey_ratings_and_comment() {
    let s = setup();
    let mut with_email = feedback_valid();
    with_email["email"] = json!("ada@example.com");
    let mut with_a_name_in_ratings = feedback_valid();
    with_a_name_in_ratings["ratings"]["name"] = json!("Ada");
    for body in [with_email, with_a_name_in_ratings] {
        let (status, reply) = post_feedback(&s.app, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (field, message) = &problems_of(&reply)[0];
        assert_eq!(field, "");
        assert!(
            message.starts_with("The feedback may only have journey, version, ratings"),
            "{message}"
        );
        assert!(message.contains("unknown field"), "{message}");
    }
    assert!(s.store.feedback().unwrap().is_empty(), "nothing stored");
}

#[tokio::test]
async fn feedback_refuses_broken_json_and_forms() {
    let s = setup();
    let (status, reply) = post_to(&s.app, "/feedback", JSON, "{\"journey\":").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        problems_of(&reply)[0]
            .1
            .starts_with("The body is not valid JSON"),
        "{reply}"
    );
    let (status, reply) = post_to(&s.app, "/feedback", JSON, "[1, 2]").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problems_of(&reply)[0]
            .1
            .starts_with("The feedback must be a JSON object"),
        "{reply}"
    );
    let (status, reply) = post_to(&s.app, "/feedback", FORM, "journey=moving-house").await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        problems_of(&reply),
        vec![(
            String::new(),
            "Send the feedback as application/json".to_string()
        )]
    );
    assert!(s.store.feedback().unwrap().is_empty());
}
