//! The host pages: the built app's `index.html` (the app on a page of its own) and the demo
//! agency's page (`demo/agency/`, two widgets on a site with hostile CSS of its own), served as
//! an agency would serve its pages.
//!
//! An agency's page knows whether the person is signed in to the agency, and says so to the
//! widgets it embeds, so they can offer to fill in answers from the agency's record. Here the
//! demo sign-in cookie stands in for the agency's own session: with it, every `<tell-once>`
//! element gets a `signed-in` attribute; without it, the page is served unchanged. Every other
//! file of the app is served as it is, by the router's fallback.
//!
//! The pages come with a strict Content-Security-Policy, as an agency's should: scripts and
//! styles only from this origin (the pages have no inline script: the loader, `tell-once.js`,
//! is a file), no `'unsafe-inline'`, no `'unsafe-eval'`, and `'wasm-unsafe-eval'` only so that
//! WebAssembly can be compiled.

use super::session;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::path::{Path, PathBuf};

/// The policy every host page is served with.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
     script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'self'";

/// The address of the demo agency's page.
pub const DEMO_AGENCY: &str = "/demo/agency/";

/// `/` and `/index.html` from `dist/index.html`; the demo agency's page from
/// `dist/demo/agency/index.html`.
pub fn routes<S: Clone + Send + Sync + 'static>(dist: &Path) -> Router<S> {
    let page = |file: PathBuf| move |headers: HeaderMap| host_page(file.clone(), headers);
    let index = page(dist.join("index.html"));
    Router::new()
        .route("/", get(index.clone()))
        .route("/index.html", get(index))
        .route(DEMO_AGENCY, get(page(dist.join("demo/agency/index.html"))))
}

async fn host_page(file: PathBuf, headers: HeaderMap) -> Response {
    let Ok(html) = tokio::fs::read_to_string(&file).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let html = if session::signed_in(&headers) {
        mark_signed_in(&html)
    } else {
        html
    };
    (
        [
            // The page differs with the cookie: caches must not hand one person's to another.
            (header::VARY, HeaderValue::from_static("Cookie")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CONTENT_SECURITY_POLICY),
            ),
        ],
        Html(html),
    )
        .into_response()
}

/// The page with ` signed-in` added to every `<tell-once>` element.
fn mark_signed_in(html: &str) -> String {
    const TAG: &str = "<tell-once";
    let mut marked = String::with_capacity(html.len() + 32);
    let mut rest = html;
    while let Some(at) = rest.find(TAG) {
        let end = at + TAG.len();
        marked.push_str(&rest[..end]);
        // `<tell-once-x` is another element.
        if matches!(
            rest.as_bytes().get(end),
            Some(b' ' | b'>' | b'/' | b'\n' | b'\t')
        ) {
            marked.push_str(" signed-in");
        }
        rest = &rest[end..];
    }
    marked.push_str(rest);
    marked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_every_widget_and_nothing_else() {
        assert_eq!(
            mark_signed_in(r#"<p id="x"></p><tell-once journey="a.json"></tell-once>"#),
            r#"<p id="x"></p><tell-once signed-in journey="a.json"></tell-once>"#
        );
        assert_eq!(mark_signed_in("<div></div>"), "<div></div>");
        // Trunk's minified page; two widgets; another element whose name starts the same.
        assert_eq!(
            mark_signed_in("<tell-once-x></tell-once-x><tell-once>a</tell-once><tell-once\njourney=b>"),
            "<tell-once-x></tell-once-x><tell-once signed-in>a</tell-once><tell-once signed-in\njourney=b>"
        );
    }

    #[test]
    fn the_policy_allows_nothing_inline_and_no_eval() {
        assert!(CONTENT_SECURITY_POLICY.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
        assert!(!CONTENT_SECURITY_POLICY.contains("'unsafe-eval'"));
    }
}
