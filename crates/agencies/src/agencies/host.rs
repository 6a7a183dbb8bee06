//! The host page: the built app's `index.html`, served as an agency's own page would serve it.
//!
//! An agency's page knows whether the person is signed in to the agency, and says so to the
//! widget it embeds, so the widget can offer to fill in answers from the agency's record. Here
//! the demo sign-in cookie stands in for the agency's own session: with it, the widget's
//! element (`id="tell-once"`) gets a `data-signed-in` attribute; without it, the page is served
//! unchanged. Every other file of the app is served as it is, by the router's fallback.
//!
//! The page comes with a strict Content-Security-Policy, as an agency's should: scripts only
//! from this origin or with the hash of the page's own inline ones (Trunk's loader), no
//! `'unsafe-inline'`, no `'unsafe-eval'`, and `'wasm-unsafe-eval'` only so that WebAssembly can
//! be compiled.

use super::session;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::path::{Path, PathBuf};

/// The widget's element, as the page writes it.
const WIDGET: &str = r#"id="tell-once""#;

/// `/` and `/index.html`, from `dist/index.html`.
pub fn routes<S: Clone + Send + Sync + 'static>(dist: &Path) -> Router<S> {
    let index = dist.join("index.html");
    let page = move |headers: HeaderMap| host_page(index.clone(), headers);
    Router::new()
        .route("/", get(page.clone()))
        .route("/index.html", get(page))
}

async fn host_page(index: PathBuf, headers: HeaderMap) -> Response {
    let Ok(html) = tokio::fs::read_to_string(&index).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let html = if session::signed_in(&headers) {
        mark_signed_in(&html)
    } else {
        html
    };
    let policy = HeaderValue::from_str(&content_security_policy(&html))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    (
        [
            // The page differs with the cookie: caches must not hand one person's to another.
            (header::VARY, HeaderValue::from_static("Cookie")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (header::CONTENT_SECURITY_POLICY, policy),
        ],
        Html(html),
    )
        .into_response()
}

/// The page's policy: its inline scripts are allowed by their SHA-256 hashes, nothing else
/// inline is.
fn content_security_policy(html: &str) -> String {
    let hashes: String = inline_scripts(html)
        .map(|script| {
            use base64::Engine as _;
            use sha2::Digest as _;
            let digest = sha2::Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'self'"
    )
}

/// The text of each inline `<script>` (one without `src`), exactly as the browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (tag, rest) = rest.split_once('>')?;
        if tag.contains("src=") {
            return None;
        }
        rest.split_once("</script>").map(|(body, _)| body)
    })
}

/// The page with ` data-signed-in` right after the widget's id attribute, however it is
/// written: `id="tell-once"`, `id='tell-once'`, or unquoted as a minifier leaves it
/// (`id=tell-once`, followed by a space, `>` or `/`).
fn mark_signed_in(html: &str) -> String {
    let quoted = [WIDGET, "id='tell-once'"]
        .into_iter()
        .find_map(|id| html.find(id).map(|at| at + id.len()));
    let unquoted = || {
        html.match_indices("id=tell-once")
            .map(|(at, id)| at + id.len())
            .find(|end| matches!(html.as_bytes().get(*end), Some(b' ' | b'>' | b'/')))
    };
    match quoted.or_else(unquoted) {
        Some(end) => format!("{} data-signed-in{}", &html[..end], &html[end..]),
        None => html.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_only_the_pages_own_inline_scripts_by_hash() {
        let html =
            "<script type=module>import init from '/a.js';</script><script src=/b.js></script><p>";
        assert_eq!(
            inline_scripts(html).collect::<Vec<_>>(),
            ["import init from '/a.js';"]
        );
        let policy = content_security_policy(html);
        // echo -n "import init from '/a.js';" | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains(
                "script-src 'self' 'wasm-unsafe-eval' 'sha256-aOee+rvEUMphqlepW7nBjXpcT6aM6jxNXbtEv0XP738=';"
            ),
            "{policy}"
        );
        assert_eq!(policy.matches("'sha256-").count(), 1);
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
    }

    #[test]
    fn marks_only_the_widget() {
        assert_eq!(
            mark_signed_in(r#"<p id="x"></p><div id="tell-once" data-catalogue="x"></div>"#),
            r#"<p id="x"></p><div id="tell-once" data-signed-in data-catalogue="x"></div>"#
        );
        assert_eq!(mark_signed_in("<div></div>"), "<div></div>");
        // Trunk's minified page leaves the id unquoted.
        assert_eq!(
            mark_signed_in("<div data-standalone id=tell-once><p>"),
            "<div data-standalone id=tell-once data-signed-in><p>"
        );
        assert_eq!(
            mark_signed_in("<a id=tell-once-link></a><div id=tell-once>"),
            "<a id=tell-once-link></a><div id=tell-once data-signed-in>"
        );
    }
}
