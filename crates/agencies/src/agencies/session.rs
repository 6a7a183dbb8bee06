//! A demo sign-in, standing in for an agency's own: real agencies know who is signed in to their
//! pages, so their prefill APIs can answer with that person's record. Here, signing in sets a
//! `demo_session` cookie that makes the person Sam Okafor, a made-up taxpayer; signing out clears
//! it. There are no passwords and nothing secret: it is for demos and tests only.

use super::cookie;
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Redirect};
use axum::routing::get;
use axum::Router;

/// The cookie that says someone signed in to the demo agency.
pub const COOKIE: &str = "demo_session";

/// Whether the request carries a `demo_session` cookie with a value.
pub fn signed_in(headers: &HeaderMap) -> bool {
    cookie(headers, COOKIE).is_some()
}

/// `/demo/sign-in` (a page, and the form it posts) and `/demo/sign-out`.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/demo/sign-in", get(page).post(sign_in))
        .route("/demo/sign-out", get(sign_out).post(sign_out))
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to the demo agency</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; font-size: 1.1875rem; line-height: 1.5; color: #0b0c0c; background: #fff; }
  main { max-width: 40rem; margin: 0 auto; padding: 2rem 1rem; }
  h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1.5rem; }
  p { margin: 0 0 1.5rem; }
  button { font: inherit; font-weight: 600; color: #fff; background: #00703c; border: 2px solid transparent; border-radius: 0; box-shadow: 0 2px 0 #002d18; padding: 0.5rem 1rem; cursor: pointer; }
  button:hover { background: #005a30; }
  button:focus-visible { outline: 3px solid transparent; color: #0b0c0c; background: #fd0; box-shadow: 0 2px 0 #0b0c0c; }
</style>
</head>
<body>
<main>
<h1>Sign in to the demo agency</h1>
<p>This is a demo: there is no password, and signing in here signs you in as Sam Okafor, a made-up person, so that services can fill in what the agency already knows.</p>
<form method="post" action="/demo/sign-in">
<button type="submit">Sign in as Sam Okafor</button>
</form>
</main>
</body>
</html>
"#;

async fn page() -> Html<&'static str> {
    Html(PAGE)
}

async fn sign_in() -> impl IntoResponse {
    (
        [(
            header::SET_COOKIE,
            "demo_session=demo; Path=/; HttpOnly; SameSite=Lax",
        )],
        Redirect::to("/"),
    )
}

async fn sign_out() -> impl IntoResponse {
    (
        [(
            header::SET_COOKIE,
            "demo_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
        )],
        Redirect::to("/"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_cookies(values: &[&'static str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(header::COOKIE, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn reads_the_session_cookie_among_others() {
        assert!(signed_in(&with_cookies(&["demo_session=demo"])));
        assert!(signed_in(&with_cookies(&["a=1; demo_session=x; b=2"])));
        assert!(signed_in(&with_cookies(&["a=1", "demo_session=x"])));
        assert!(!signed_in(&HeaderMap::new()));
        assert!(!signed_in(&with_cookies(&["demo_session="])));
        assert!(!signed_in(&with_cookies(&["demo_session=\"\""])));
        assert!(!signed_in(&with_cookies(&["other_demo_session=x"])));
    }
}
