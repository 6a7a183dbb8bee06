use super::*;
use axum::body::Body;
use axum::http::{HeaderMap, Request};
use http_body_util::BodyExt;
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
    let dir = std::env::temp_dir().join(format!(
        "tell-once-agencies-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let store = Store::open(&dir.join("t.sqlite")).unwrap();
    Setup {
        app: router(store.clone(), &dir),
        store,
        dir,
    }
}

/// A reply's status, headers and body.
struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(&name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("no {name} header"))
    }
}

async fn send(app: &Router, request: Request<Body>) -> Reply {
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
    let index = "<!DOCTYPE html><html lang=\"en\"><body><div id=\"tell-once\" data-catalogue=\"x\"></div></body></html>\n";
    std::fs::write(s.dir.join("index.html"), index).unwrap();
    std::fs::write(s.dir.join("app.css"), "body {}").unwrap();
    let marked = index.replace(r#"id="tell-once""#, r#"id="tell-once" data-signed-in"#);
    for url in ["/", "/index.html", "/?journey=moving-house&page=start"] {
        let anonymous = get_from(&s.app, url, None).await;
        assert_eq!(anonymous.status, StatusCode::OK, "{url}");
        assert!(anonymous
            .header(header::CONTENT_TYPE)
            .starts_with("text/html"));
        assert_eq!(anonymous.body, index, "{url}");
        let signed_in = get_from(&s.app, url, Some("demo_session=demo")).await;
        assert_eq!(signed_in.status, StatusCode::OK, "{url}");
        assert_eq!(signed_in.body, marked, "{url}");
        assert!(signed_in
            .body
            .contains(r#"<div id="tell-once" data-signed-in data-catalogue="x">"#));
    }
    let css = get_from(&s.app, "/app.css", Some("demo_session=demo")).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.body, "body {}", "other files are served as they are");
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
