//! The DOM edge: the widget's place on the page, the clock (and dates and times in words, as
//! the browser's Intl writes them in the language shown), whether the browser is online, the
//! document title, focus and the address bar.
//! Nothing here knows about journeys.

use crate::i18n::{td_string, Locale};
use leptos::prelude::{expect_context, GetValue, LocalStorage, StoredValue};
use tell_once_engine::validate::PatternMatcher;
use tell_once_engine::Date;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// One instance of the app on a page. Several can live on one page: each renders inside its
/// own element's shadow root, so its ids, its focus and its styles are its own.
#[derive(Clone, Copy)]
pub struct Widget {
    /// The element the host page wrote (`<tell-once>`, or the one given to `TellOnce.mount`):
    /// events are dispatched on it.
    host: StoredValue<HtmlElement, LocalStorage>,
    /// The element inside the shadow root that the app renders in: focus and look-ups by id
    /// stay inside it.
    root: StoredValue<HtmlElement, LocalStorage>,
    /// The app owns the page (`standalone`), so it may keep the step in the address bar and
    /// name the page in the title. An embedded widget must not fight its host page for either.
    pub standalone: bool,
}

/// The widget the calling component belongs to.
pub fn widget() -> Widget {
    expect_context::<Widget>()
}

impl Widget {
    pub fn new(host: HtmlElement, root: HtmlElement, standalone: bool) -> Self {
        Self {
            host: StoredValue::new_local(host),
            root: StoredValue::new_local(root),
            standalone,
        }
    }

    /// The host page's element, where events go.
    pub fn host(&self) -> HtmlElement {
        self.host.get_value()
    }

    /// Names the page in the document's title, when the app owns the page.
    pub fn set_title(&self, title: &str) {
        if self.standalone {
            if let Some(document) = document() {
                document.set_title(title);
            }
        }
    }

    /// Marks the widget (and the document, when the app owns the page) as being in the
    /// language `code`, written in direction `dir` ("ltr" or "rtl").
    pub fn set_language(&self, code: &str, dir: &str) {
        let root = self.root.get_value();
        let mut elements = vec![root.unchecked_into::<web_sys::Element>()];
        if self.standalone {
            elements.extend(document().and_then(|d| d.document_element()));
        }
        for element in elements {
            let _ = element.set_attribute("lang", code);
            let _ = element.set_attribute("dir", dir);
        }
    }

    /// Moves focus to the page's main heading, so a screen reader announces the new page and
    /// the keyboard starts from the top of it.
    pub fn focus_heading(&self) {
        let root = self.root.get_value();
        after_render(move || {
            let heading = root
                .query_selector("h1")
                .ok()
                .flatten()
                .and_then(|h| h.dyn_into::<HtmlElement>().ok());
            if let Some(heading) = heading {
                if !heading.has_attribute("tabindex") {
                    let _ = heading.set_attribute("tabindex", "-1");
                }
                let _ = heading.focus();
            }
        });
    }

    /// Focuses the element with this id once it is rendered (the error summary, a notice).
    pub fn focus_id(&self, id: &str) {
        let (widget, id) = (*self, id.to_string());
        after_render(move || {
            if let Some(element) = widget.element_by_id(&id) {
                let _ = element.focus();
            }
        });
    }

    /// Focuses a form field from an error summary link, scrolling its label or legend into
    /// view first so the person sees what the field is (the GOV.UK error summary behaviour).
    pub fn focus_field(&self, id: &str) {
        let Some(input) = self.element_by_id(id) else {
            return;
        };
        let label = input
            .closest("fieldset")
            .ok()
            .flatten()
            .and_then(|f| f.query_selector("legend").ok().flatten())
            .or_else(|| {
                self.root
                    .get_value()
                    .query_selector(&format!("label[for='{id}']"))
                    .ok()
                    .flatten()
            });
        match label {
            Some(label) => {
                label.scroll_into_view();
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = input.focus_with_options(&options);
            }
            None => {
                let _ = input.focus();
            }
        }
    }

    /// An element of this widget by id (ids are scoped to the widget's shadow root).
    fn element_by_id(&self, id: &str) -> Option<HtmlElement> {
        let scope: web_sys::DocumentFragment =
            self.root.get_value().get_root_node().dyn_into().ok()?;
        scope.get_element_by_id(id)?.dyn_into().ok()
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Today in the person's own time zone: "in the past" means their past.
pub fn today() -> Date {
    date_of(&js_sys::Date::new_0())
}

/// The day of a browser date, in the person's own time zone.
fn date_of(date: &js_sys::Date) -> Date {
    Date::new(
        date.get_full_year() as i32,
        date.get_month() + 1,
        date.get_date(),
    )
    .unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// A day given in milliseconds since the Unix epoch, in words in `locale`: "30 November 2026",
/// "30 de noviembre de 2026".
/// (The engine writes dates in words, as it does in check-your-answers.)
pub fn date_in_words(ms: i64, locale: Locale) -> String {
    date_of(&js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        ms as f64,
    )))
    .long_form(locale.as_str())
}

/// The browser's name for the way `locale` writes dates and times (its Intl locale).
fn intl_locale(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "en-GB",
        Locale::es => "es-US",
        // Western digits ("2:05 م"), as the journeys and the dates in words write them: Intl's
        // plain "ar" writes Arabic-Indic digits.
        Locale::ar => "ar-u-nu-latn",
    }
}

/// A browser date in words, as the browser's Intl writes it in `locale` with these options
/// (`None` if it cannot).
fn in_words(date: &js_sys::Date, locale: Locale, options: &[(&str, &str)]) -> Option<String> {
    let locales = js_sys::Array::of1(&intl_locale(locale).into());
    let settings = js_sys::Object::new();
    for (name, value) in options {
        js_sys::Reflect::set(&settings, &(*name).into(), &(*value).into()).ok()?;
    }
    js_sys::Intl::DateTimeFormat::new(&locales, &settings)
        .format()
        .call1(&wasm_bindgen::JsValue::UNDEFINED, date)
        .ok()?
        .as_string()
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// True when the browser believes it is online. (It may be wrong in the other direction: a
/// failed request is still a network error.)
pub fn online() -> bool {
    web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}

/// A moment given in milliseconds since the Unix epoch, in words in `locale`: "2:05pm on 23
/// November 2026", "2:05 p.m. del 23 de noviembre de 2026".
pub fn moment_in_words(ms: i64, locale: Locale) -> String {
    let moment = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let time = match locale {
        // "2:05pm": Intl's English has no such time ("2:05 pm", "14:05").
        Locale::en => {
            let (hours, minutes) = (moment.get_hours(), moment.get_minutes());
            let half = if hours < 12 { "am" } else { "pm" };
            let hour = match hours % 12 {
                0 => 12,
                h => h,
            };
            format!("{hour}:{minutes:02}{half}")
        }
        _ => in_words(
            &moment,
            locale,
            &[("hour", "numeric"), ("minute", "2-digit")],
        )
        .unwrap_or_else(|| format!("{}:{:02}", moment.get_hours(), moment.get_minutes())),
    };
    let date = date_in_words(ms, locale);
    td_string!(locale, flow.time_on_date, time, date).to_string()
}

/// Journey patterns checked with the browser's own RegExp, so the app carries no regex engine.
pub struct BrowserRegExp;

impl PatternMatcher for BrowserRegExp {
    fn is_match(&self, pattern: &str, text: &str) -> Option<bool> {
        // `new RegExp` throws on an invalid pattern: construct it through Reflect, which
        // returns the exception as an error instead (and needs no eval, so a strict CSP holds).
        let constructor: js_sys::Function =
            js_sys::Reflect::get(&js_sys::global(), &"RegExp".into())
                .ok()?
                .dyn_into()
                .ok()?;
        let arguments = js_sys::Array::of2(&pattern.into(), &"u".into());
        let regexp: js_sys::RegExp = js_sys::Reflect::construct(&constructor, &arguments)
            .ok()?
            .dyn_into()
            .ok()?;
        Some(regexp.test(text))
    }
}

/// Opens the browser's print dialog (to print or save the receipt).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Runs `f` after the browser has laid out the new view.
fn after_render(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(f);
}

/// A parameter of the address, such as `page` (which names the step, never an answer).
pub fn param(name: &str) -> Option<String> {
    current_url()?.search_params().get(name)
}

/// The parameters the app reads from the address: the life event and its step. Nothing else.
const OWN_PARAMS: [&str; 2] = ["journey", "page"];

/// Takes every other parameter out of the address (for a standalone app, which owns the page),
/// so the app's links and steps do not carry what arrived there: answers a browser sent in the
/// address itself, say, when the app could not take a form's submission.
pub fn drop_other_params() {
    let (Some(url), Ok(kept)) = (current_url(), web_sys::UrlSearchParams::new()) else {
        return;
    };
    let given = url.search_params();
    for name in OWN_PARAMS {
        if let Some(value) = given.get(name) {
            kept.append(name, &value);
        }
    }
    let search = String::from(kept.to_string());
    if given.to_string() != search {
        url.set_search(&search);
        replace_address(&url.href());
    }
}

/// The page's address.
fn current_url() -> Option<web_sys::Url> {
    let href = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new(&href).ok()
}

/// The `page` parameter of the address, which names the step.
pub fn page_in_address() -> Option<String> {
    param("page")
}

/// The current address with parameters set (`Some`) or removed (`None`).
pub fn address_with(changes: &[(&str, Option<&str>)]) -> String {
    let Some(url) = current_url() else {
        return String::new();
    };
    for (name, value) in changes {
        match value {
            Some(value) => url.search_params().set(name, value),
            None => url.search_params().delete(name),
        }
    }
    url.set_hash("");
    url.href()
}

/// A link to a step: the current address with its `page` parameter set.
pub fn address_of_page(slug: &str) -> String {
    address_with(&[("page", Some(slug))])
}

/// Adds an address to the browser history, so Back and Forward return to it.
pub fn push_address(address: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(address));
    }
}

/// Records a step in the browser history, so Back and Forward move between steps.
pub fn push_page(slug: &str) {
    push_address(&address_of_page(slug));
}

/// Corrects the address to the step shown, without adding to the history.
pub fn replace_page(slug: &str) {
    replace_address(&address_of_page(slug));
}

/// Changes the address in place: the browser history gains no entry.
fn replace_address(address: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(address));
    }
}
