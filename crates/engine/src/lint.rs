//! Problems in a journey definition, for its author: every one found, each with where it is (a
//! JSON path) and what is wrong in plain words. The app runs the same checks when it loads a
//! journey, and so does the `journey-check` command.

use crate::definition::{Journey, Problem, Question, Rule, Target, FORMAT};
use crate::dictionary::Dictionary;
use crate::field::{self, FieldKind};
use crate::ordered::Set;
use crate::text::{Localized, Text, DEFAULT_LANG};

/// What a translation of a catalogue still lacks (the engine's and the app's own words);
/// it lives in [`crate::locales`].
pub use crate::locales::missing_keys;

/// Every problem in a journey, missing translations included (what `journey-check` reports);
/// empty when it is ready to publish. With a dictionary, question keys and types are checked
/// against it too.
pub fn check(journey: &Journey, dictionary: Option<&Dictionary>) -> Vec<Problem> {
    let mut problems = check_to_run(journey, dictionary);
    let mut lint = Lint {
        journey: journey.id.clone(),
        ..Lint::default()
    };
    translations(&mut lint, journey);
    problems.extend(lint.problems);
    problems
}

/// The problems that stop a journey from running; empty when it can be used. A missing
/// translation is not one of them: the person reads that text in English rather than being
/// turned away (`journey-check` still reports it, for the journey's authors).
pub fn check_to_run(journey: &Journey, dictionary: Option<&Dictionary>) -> Vec<Problem> {
    let mut lint = Lint {
        journey: journey.id.clone(),
        ..Lint::default()
    };
    if journey.format != FORMAT {
        lint.problem(
            "format",
            format!(
                "the format must be \"{FORMAT}\", not \"{}\"",
                journey.format
            ),
        );
    }
    lint.text("title", &journey.title);
    lint.text("summary", &journey.summary);
    if journey.pages.is_empty() {
        lint.problem("pages", "a journey needs at least one page");
    }
    let mut page_ids = Set::new();
    for (p, page) in journey.pages.iter().enumerate() {
        let at = format!("pages[{p}]");
        if !is_id(&page.id) {
            lint.problem(
                format!("{at}.id"),
                format!(
                    "page id \"{}\" must be letters, digits and hyphens",
                    page.id
                ),
            );
        } else if matches!(
            page.id.as_str(),
            "start" | "check-your-answers" | "confirmation"
        ) {
            lint.problem(
                format!("{at}.id"),
                format!("page id \"{}\" is kept for the app's own pages", page.id),
            );
        } else if !page_ids.insert(page.id.as_str()) {
            lint.problem(
                format!("{at}.id"),
                format!("page id \"{}\" is used twice", page.id),
            );
        }
        if let Some(title) = &page.title {
            lint.text(&format!("{at}.title"), title);
        }
        if page.questions.is_empty() {
            lint.problem(
                format!("{at}.questions"),
                "a page needs at least one question",
            );
        }
        if page.screening && journey.pages[..p].iter().any(|earlier| !earlier.screening) {
            lint.problem(
                format!("{at}.screening"),
                "screening pages must come before all other pages",
            );
        }
        // A page's condition may use only what was asked before it.
        if let Some(condition) = &page.show_if {
            let asked = lint.asked.clone();
            lint.condition(
                &format!("{at}.show_if"),
                condition,
                &asked,
                "an earlier page",
            );
        }
        if let Some(repeat) = &page.repeat {
            if repeat.min < 1 || repeat.max < repeat.min {
                lint.problem(
                    format!("{at}.repeat"),
                    "a repeating group needs 1 ≤ min ≤ max",
                );
            }
            lint.text(&format!("{at}.repeat.item"), &repeat.item);
            lint.text(&format!("{at}.repeat.items"), &repeat.items);
        }
        let asked_before_page = lint.asked.clone();
        for (q, question) in crate::repeat::generic_questions(page).iter().enumerate() {
            if let Some(condition) = &question.show_if {
                lint.condition(
                    &format!("{at}.questions[{q}].show_if"),
                    condition,
                    &asked_before_page,
                    "an earlier page",
                );
            }
            lint.question(&format!("{at}.questions[{q}]"), question, dictionary);
        }
        if let Some(repeat) = &page.repeat {
            if !lint.asked.insert(repeat.key.clone()) {
                lint.problem(
                    format!("{at}.repeat.key"),
                    format!("the answer \"{}\" is asked for twice", repeat.key),
                );
            }
        }
    }
    // Eligibility is decided before "Services you can use": from screening answers only.
    let screening_keys = Set::from_iter(
        journey
            .pages
            .iter()
            .filter(|page| page.screening || !journey.has_screening())
            .flat_map(crate::repeat::page_keys),
    );
    let where_asked = if journey.has_screening() {
        "a screening page"
    } else {
        "a page"
    };
    let mut service_ids = Set::new();
    // After screening, a page is asked only when a service that applies uses its answers: a
    // page no service uses is never reached.
    if journey.has_screening() {
        let used = Set::from_iter(
            journey
                .services
                .iter()
                .flat_map(|s| crate::mapping::template_keys(&s.connector)),
        );
        for (p, page) in journey.pages.iter().enumerate() {
            if !page.screening
                && !crate::repeat::page_keys(page)
                    .iter()
                    .any(|k| used.contains(k))
            {
                lint.problem(
                    format!("pages[{p}]"),
                    format!(
                        "page \"{}\" is never asked: no service uses its answers",
                        page.id
                    ),
                );
            }
        }
    }
    for (s, service) in journey.services.iter().enumerate() {
        let at = format!("services[{s}]");
        if !service_ids.insert(service.id.as_str()) {
            lint.problem(
                format!("{at}.id"),
                format!("service id \"{}\" is used twice", service.id),
            );
        }
        lint.text(&format!("{at}.title"), &service.title);
        if let Some(condition) = &service.eligible_if {
            lint.condition(
                &format!("{at}.eligible_if"),
                condition,
                &screening_keys,
                where_asked,
            );
        }
        if !journey.agencies.contains_key(&service.agency) {
            lint.problem(
                format!("{at}.agency"),
                format!("no agency \"{}\" in \"agencies\"", service.agency),
            );
        }
        if !service.connector.reference.starts_with('/') {
            lint.problem(
                format!("{at}.connector.reference"),
                "the reference must be a JSON pointer such as \"/reference\"",
            );
        }
        for key in crate::mapping::template_keys(&service.connector) {
            if !lint.asked.contains(&key) {
                lint.problem(
                    format!("{at}.connector"),
                    format!("the template uses \"{{{key}}}\", which no question asks for"),
                );
            }
        }
        lint.base_url(
            journey,
            &service.agency,
            &service.connector.url,
            &format!("{at}.connector.url"),
        );
        if let Some(accepted) = &service.connector.accepted {
            let at = format!("{at}.connector.accepted");
            for (name, pointer) in [
                ("status_url", accepted.status_url.as_deref()),
                ("state", Some(accepted.state.as_str())),
            ] {
                if pointer.is_some_and(|p| !p.starts_with('/')) {
                    lint.problem(
                        format!("{at}.{name}"),
                        format!("\"{name}\" must be a JSON pointer such as \"/status\""),
                    );
                }
            }
            if accepted.every_seconds == 0
                || accepted.give_up_after_seconds < accepted.every_seconds
            {
                lint.problem(
                    at,
                    "poll at least every second, and give up no sooner than the first poll",
                );
            }
        }
    }
    if let Some(prefill) = &journey.prefill {
        if !journey.agencies.contains_key(&prefill.agency) {
            lint.problem(
                "prefill.agency",
                format!("no agency \"{}\" in \"agencies\"", prefill.agency),
            );
        }
        lint.base_url(journey, &prefill.agency, &prefill.url, "prefill.url");
        for (key, pointer) in &prefill.fields {
            let at = format!("prefill.fields.{key}");
            if !lint.asked.contains(key) {
                lint.problem(
                    at.clone(),
                    format!("no question asks for \"{key}\", so it cannot be filled in"),
                );
            }
            if !pointer.starts_with('/') {
                lint.problem(
                    at,
                    "each value must be a JSON pointer such as \"/first_name\"",
                );
            }
        }
        if !(1..=60).contains(&prefill.timeout_seconds) {
            lint.problem(
                "prefill.timeout_seconds",
                "wait between 1 and 60 seconds for a prefill reply",
            );
        }
    }
    suggestions(&mut lint, journey);
    help(&mut lint, journey);
    lint.problems
}

/// Each suggestion: a unique id, a condition over answers the journey asks (checked like
/// every other condition), English texts, and a target that can be followed. Whether a
/// `life_event` target is in the catalogue needs the catalogue: see [`check_targets`].
fn suggestions(lint: &mut Lint, journey: &Journey) {
    let mut ids = Set::new();
    let asked = lint.asked.clone();
    for (s, suggestion) in journey.suggestions.iter().enumerate() {
        let at = format!("suggestions[{s}]");
        if !is_id(&suggestion.id) {
            lint.problem(
                format!("{at}.id"),
                format!(
                    "suggestion id \"{}\" must be letters, digits and hyphens",
                    suggestion.id
                ),
            );
        } else if !ids.insert(suggestion.id.as_str()) {
            lint.problem(
                format!("{at}.id"),
                format!("suggestion id \"{}\" is used twice", suggestion.id),
            );
        }
        lint.condition(
            &format!("{at}.show_if"),
            &suggestion.show_if,
            &asked,
            "a page",
        );
        lint.text(&format!("{at}.title"), &suggestion.title);
        lint.text(&format!("{at}.why"), &suggestion.why);
        match &suggestion.target {
            Target::LifeEvent(id) if !is_id(id) || id.chars().any(|c| c.is_ascii_uppercase()) => {
                lint.problem(
                    format!("{at}.target.life_event"),
                    format!("the life event \"{id}\" must be a journey id: lower-case letters, digits and hyphens"),
                )
            }
            Target::LifeEvent(id) if *id == journey.id => lint.problem(
                format!("{at}.target.life_event"),
                "a suggestion cannot lead to the journey it is in",
            ),
            Target::LifeEvent(_) => {}
            Target::Url(url) => {
                if !is_web_address(url) {
                    lint.problem(
                        format!("{at}.target.url"),
                        format!("the address \"{url}\" must start with https:// or http://"),
                    );
                }
            }
        }
    }
}

/// Each help contact: an agency of the journey, given once, with at least one way to reach it,
/// a phone number people can dial and a chat address that is a web address.
fn help(lint: &mut Lint, journey: &Journey) {
    let mut agencies = Set::new();
    for (c, contact) in journey.help.iter().enumerate() {
        let at = format!("help[{c}]");
        if !journey.agencies.contains_key(&contact.agency) {
            lint.problem(
                format!("{at}.agency"),
                format!("no agency \"{}\" in \"agencies\"", contact.agency),
            );
        } else if !agencies.insert(contact.agency.as_str()) {
            lint.problem(
                format!("{at}.agency"),
                format!("help for agency \"{}\" is given twice", contact.agency),
            );
        }
        if contact.phone.is_none() && contact.chat.is_none() && contact.in_person.is_none() {
            lint.problem(
                at.clone(),
                "give at least one way to get help: \"phone\", \"chat\" or \"in_person\"",
            );
        }
        if let Some(phone) = &contact.phone {
            let digits = phone.number.chars().filter(char::is_ascii_digit).count();
            let dialable = phone
                .number
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()".contains(c));
            if !dialable || digits < 3 {
                lint.problem(
                    format!("{at}.phone.number"),
                    format!(
                        "the phone number \"{}\" must be digits, with spaces, +, - or brackets",
                        phone.number
                    ),
                );
            }
            lint.text(&format!("{at}.phone.hours"), &phone.hours);
        }
        if let Some(chat) = &contact.chat {
            if !is_web_address(chat) {
                lint.problem(
                    format!("{at}.chat"),
                    format!("the address \"{chat}\" must start with https:// or http://"),
                );
            }
        }
        if let Some(in_person) = &contact.in_person {
            lint.text(&format!("{at}.in_person"), in_person);
        }
    }
}

/// Problems in suggestions that lead to another life event which is not among `journeys`
/// (the ids of the journeys in the catalogue): what only a check of the whole catalogue can
/// know (`journey-check` runs it when given the catalogue with the journeys).
pub fn check_targets(journey: &Journey, journeys: &Set<String>) -> Vec<Problem> {
    journey
        .suggestions
        .iter()
        .enumerate()
        .filter_map(|(s, suggestion)| match &suggestion.target {
            Target::LifeEvent(id) if !journeys.contains(id) => Some(Problem {
                path: format!("suggestions[{s}].target.life_event"),
                message: format!("no journey \"{id}\" in the catalogue"),
            }),
            _ => None,
        })
        .collect()
}

/// An id: letters, digits and hyphens.
fn is_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// An absolute http(s) address with something after the scheme.
fn is_web_address(url: &str) -> bool {
    ["https://", "http://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
            && url.len() > scheme.len()
            && !url.contains(char::is_whitespace)
    })
}

impl Lint {
    /// A URL using `{agency_base}` needs the agency to have a base URL.
    fn base_url(&mut self, journey: &Journey, agency: &str, url: &str, at: &str) {
        let has_base = journey
            .agencies
            .get(agency)
            .is_some_and(|a| a.base_url.is_some());
        if url.contains(crate::mapping::AGENCY_BASE) && !has_base {
            self.problem(
                at.to_string(),
                format!(
                    "the URL uses {{agency_base}}, but agency \"{agency}\" has no \"base_url\""
                ),
            );
        }
    }
}

/// Every text of the journey must be given in each language it declares (`languages`).
fn translations(lint: &mut Lint, journey: &Journey) {
    if !journey.languages.iter().any(|l| l == DEFAULT_LANG) {
        lint.problem(
            "languages",
            format!("the languages must include English (\"{DEFAULT_LANG}\")"),
        );
    }
    for (path, lang) in missing_translations(journey) {
        lint.problem(
            path,
            format!("the text has no \"{lang}\" translation (the journey's languages include \"{lang}\")"),
        );
    }
}

/// The journey's languages in which every text is given: the only ones a person is offered, so
/// a page is never half in one language and half in another.
pub fn complete_languages(journey: &Journey) -> Vec<String> {
    let mut complete = journey.languages.clone();
    each_text(journey, &mut |_, given| complete.retain(|lang| given(lang)));
    complete
}

/// Every text missing a translation in one of the journey's languages: its JSON path and the
/// language.
fn missing_translations(journey: &Journey) -> Vec<(String, String)> {
    let mut missing = Vec::new();
    each_text(journey, &mut |path, given| {
        for lang in &journey.languages {
            if !given(lang) {
                missing.push((path(), lang.clone()));
            }
        }
    });
    missing
}

/// What [`each_text`] calls for each text: with its JSON path, written only if asked for (the
/// app asks which languages are complete on every journey it loads, and needs no paths), and
/// whether the text is given in a language.
type Visit<'a> = dyn FnMut(&dyn Fn() -> String, &dyn Fn(&str) -> bool) + 'a;

fn text<T: Given>(visit: &mut Visit, path: &dyn Fn() -> String, value: &Localized<T>) {
    visit(path, &|lang| value.0.get(lang).is_some_and(Given::given));
}

/// Visits every text of the journey that a person may read, in the order of the file.
fn each_text(journey: &Journey, visit: &mut Visit) {
    text(visit, &|| "title".into(), &journey.title);
    text(visit, &|| "summary".into(), &journey.summary);
    if !journey.synonyms.0.is_empty() {
        text(visit, &|| "synonyms".into(), &journey.synonyms);
    }
    if !journey.you_will_need.0.is_empty() {
        text(visit, &|| "you_will_need".into(), &journey.you_will_need);
    }
    for (p, page) in journey.pages.iter().enumerate() {
        let page_at = || format!("pages[{p}]");
        if let Some(title) = &page.title {
            text(visit, &|| format!("{}.title", page_at()), title);
        }
        if let Some(repeat) = &page.repeat {
            text(
                visit,
                &|| format!("{}.repeat.item", page_at()),
                &repeat.item,
            );
            text(
                visit,
                &|| format!("{}.repeat.items", page_at()),
                &repeat.items,
            );
        }
        for (q, question) in page.questions.iter().enumerate() {
            let at = || format!("{}.questions[{q}]", page_at());
            text(visit, &|| format!("{}.label", at()), &question.label);
            text(visit, &|| format!("{}.name", at()), &question.name);
            let optional = [
                ("hint", &question.hint),
                ("summary_label", &question.summary_label),
                ("prefix", &question.prefix),
            ];
            for (field, value) in optional {
                if let Some(value) = value {
                    text(visit, &|| format!("{}.{field}", at()), value);
                }
            }
            for (o, choice) in question.options.iter().enumerate() {
                text(
                    visit,
                    &|| format!("{}.options[{o}].label", at()),
                    &choice.label,
                );
                if let Some(hint) = &choice.hint {
                    text(visit, &|| format!("{}.options[{o}].hint", at()), hint);
                }
            }
            for (r, rule) in question.validate.iter().enumerate() {
                if let Some(message) = rule.message() {
                    text(
                        visit,
                        &|| format!("{}.validate[{r}].message", at()),
                        message,
                    );
                }
            }
        }
    }
    for (id, agency) in &journey.agencies {
        text(visit, &|| format!("agencies.{id}.name"), &agency.name);
    }
    for (s, service) in journey.services.iter().enumerate() {
        let at = || format!("services[{s}]");
        text(visit, &|| format!("{}.title", at()), &service.title);
        for (field, value) in [
            ("reason", &service.reason),
            ("not_eligible_reason", &service.not_eligible_reason),
        ] {
            if let Some(value) = value {
                text(visit, &|| format!("{}.{field}", at()), value);
            }
        }
    }
    for (s, suggestion) in journey.suggestions.iter().enumerate() {
        let at = || format!("suggestions[{s}]");
        text(visit, &|| format!("{}.title", at()), &suggestion.title);
        text(visit, &|| format!("{}.why", at()), &suggestion.why);
    }
    for (c, contact) in journey.help.iter().enumerate() {
        if let Some(phone) = &contact.phone {
            text(visit, &|| format!("help[{c}].phone.hours"), &phone.hours);
        }
        if let Some(in_person) = &contact.in_person {
            text(visit, &|| format!("help[{c}].in_person"), in_person);
        }
    }
}

/// Whether a translation says something.
trait Given {
    fn given(&self) -> bool;
}

impl Given for String {
    fn given(&self) -> bool {
        !self.trim().is_empty()
    }
}

impl Given for Vec<String> {
    fn given(&self) -> bool {
        !self.is_empty()
    }
}

#[derive(Default)]
struct Lint {
    /// The journey's id, named in a condition's error so it can be found among many files.
    journey: String,
    problems: Vec<Problem>,
    /// Answer keys asked so far, in page order.
    asked: Set<String>,
}

impl Lint {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    /// A condition must parse, and use only answers asked where it is decided.
    fn condition(&mut self, path: &str, condition: &str, asked: &Set<String>, where_asked: &str) {
        match crate::expr::parse(condition) {
            Err(error) => self.problem(
                path,
                format!(
                    "the condition \"{condition}\" of journey \"{}\" has a problem at {error}",
                    self.journey
                ),
            ),
            Ok(expression) => {
                for key in expression.keys() {
                    if !asked.contains(&key) {
                        self.problem(path, format!("the condition uses \"{key}\", which is not asked on {where_asked} before it"));
                    }
                }
            }
        }
    }

    /// A text must say something in English, the fallback for every language.
    fn text(&mut self, path: &str, text: &Text) {
        if text.0.get(DEFAULT_LANG).is_none_or(|t| t.trim().is_empty()) {
            self.problem(path, "the text needs an English (\"en\") version");
        }
    }

    fn question(&mut self, at: &str, question: &Question, dictionary: Option<&Dictionary>) {
        let key_ok = !question.key.is_empty()
            && question.key.split('.').all(|segment| {
                // An item of a repeating group: `household.children[].name`.
                let segment = segment.strip_suffix("[]").unwrap_or(segment);
                !segment.is_empty()
                    && segment
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            });
        if !key_ok {
            self.problem(
                at,
                format!(
                    "the key \"{}\" must be dot-separated words of lower-case letters, digits and _",
                    question.key
                ),
            );
        }
        self.text(&format!("{at}.label"), &question.label);
        self.text(&format!("{at}.name"), &question.name);
        if let Some(dictionary) = dictionary {
            match dictionary.entry(&question.key) {
                None => self.problem(
                    format!("{at}.key"),
                    format!("\"{}\" is not in the data dictionary", question.key),
                ),
                Some(entry) if entry.kind != question.kind => self.problem(
                    format!("{at}.type"),
                    format!(
                        "the dictionary says \"{}\" is a {}, not a {}",
                        question.key,
                        kind_name(entry.kind),
                        kind_name(question.kind)
                    ),
                ),
                Some(_) => {}
            }
        }
        let kind = question.kind;
        let has_options = matches!(
            kind,
            FieldKind::Radios | FieldKind::Checkboxes | FieldKind::Select
        );
        if has_options && question.options.len() < 2 {
            self.problem(at, "a question of this type needs at least two options");
        }
        if !has_options && !question.options.is_empty() {
            self.problem(
                at,
                "only radios, checkboxes and select questions have options",
            );
        }
        let mut values = Set::new();
        for (o, choice) in question.options.iter().enumerate() {
            let path = format!("{at}.options[{o}]");
            if choice.value.is_empty()
                || !choice
                    .value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                self.problem(
                    format!("{path}.value"),
                    format!(
                        "the option value \"{}\" must be letters, digits, - and _",
                        choice.value
                    ),
                );
            } else if !values.insert(choice.value.as_str()) {
                self.problem(
                    format!("{path}.value"),
                    format!("the option value \"{}\" is used twice", choice.value),
                );
            }
            if choice.exclusive && kind != FieldKind::Checkboxes {
                self.problem(
                    format!("{path}.exclusive"),
                    "only a checkboxes option can be exclusive",
                );
            }
            self.text(&format!("{path}.label"), &choice.label);
        }
        if kind == FieldKind::NationalId && question.format.is_none() {
            self.problem(
                at,
                "a national_id question needs a \"format\" with a pattern and an example",
            );
        }
        for (r, rule) in question.validate.iter().enumerate() {
            if let Rule::Condition { condition, .. } = rule {
                let mut known = self.asked.clone();
                known.extend(field::answer_keys(question));
                self.condition(
                    &format!("{at}.validate[{r}].condition"),
                    condition,
                    &known,
                    "this or an earlier page",
                );
            }
            if let Rule::Before { key, .. } | Rule::After { key, .. } = rule {
                if !self.asked.contains(key) {
                    self.problem(
                        format!("{at}.validate[{r}].key"),
                        format!("the rule compares with \"{key}\", which is not a date asked on an earlier page"),
                    );
                }
            }
        }
        for key in field::answer_keys(question) {
            if !self.asked.insert(key.clone()) {
                self.problem(
                    format!("{at}.key"),
                    format!("the answer \"{key}\" is asked for twice"),
                );
            }
        }
    }
}

/// A field type as authors write it.
fn kind_name(kind: FieldKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::parse_json;

    const MOVING_HOUSE: &str = include_str!("../../../tests/fixtures/address-change.json");
    const DICTIONARY: &str = include_str!("../../../public/journeys/dictionary.json");

    /// The problems in Moving house after one change to its text (the broken fixture).
    fn problems_after(from: &str, to: &str) -> Vec<String> {
        assert!(MOVING_HOUSE.contains(from), "the fixture has {from}");
        let journey: Journey =
            parse_json(&MOVING_HOUSE.replacen(from, to, 1)).expect("still parses");
        let dictionary = Dictionary::from_json(DICTIONARY).unwrap();
        check(&journey, Some(&dictionary))
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn finds(from: &str, to: &str, expected: &str) {
        let problems = problems_after(from, to);
        assert!(
            problems.iter().any(|p| p == expected),
            "expected {expected:?} in {problems:#?}"
        );
    }

    #[test]
    fn connectors_and_prefill_are_checked() {
        finds(
            "\"url\": \"/agencies/elections",
            "\"url\": \"{agency_base}/agencies/elections",
            "at services[0].connector.url: the URL uses {agency_base}, but agency \"elections\" has no \"base_url\"",
        );
        finds(
            "\"reference\": \"/reference\"",
            "\"reference\": \"/reference\", \"accepted\": { \"status_url\": \"links\", \"state\": \"/s\", \"done\": \"ok\", \"every_seconds\": 0 }",
            "at services[0].connector.accepted.status_url: \"status_url\" must be a JSON pointer such as \"/status\"",
        );
        finds(
            "\"reference\": \"/reference\"",
            "\"reference\": \"/reference\", \"accepted\": { \"state\": \"/s\", \"done\": \"ok\", \"every_seconds\": 0 }",
            "at services[0].connector.accepted: poll at least every second, and give up no sooner than the first poll",
        );
        let prefill = "\"prefill\": { \"agency\": \"revenue\", \"url\": \"{agency_base}/me\", \"timeout_seconds\": 0, \"fields\": { \"person.name.given\": \"/first_name\", \"person.shoe_size\": \"shoe\" } }, \"services\"";
        let problems = problems_after("\"services\"", prefill);
        for expected in [
            "at prefill.agency: no agency \"revenue\" in \"agencies\"",
            "at prefill.url: the URL uses {agency_base}, but agency \"revenue\" has no \"base_url\"",
            "at prefill.fields.person.shoe_size: no question asks for \"person.shoe_size\", so it cannot be filled in",
            "at prefill.fields.person.shoe_size: each value must be a JSON pointer such as \"/first_name\"",
            "at prefill.timeout_seconds: wait between 1 and 60 seconds for a prefill reply",
        ] {
            assert!(problems.iter().any(|p| p == expected), "{expected} in {problems:#?}");
        }
        assert!(
            !problems.iter().any(|p| p.contains("person.name.given")),
            "{problems:#?}"
        );
    }

    #[test]
    fn the_default_journeys_are_clean() {
        assert_eq!(problems_after("", ""), Vec::<String>::new());
    }

    #[test]
    fn every_text_in_every_language_the_journey_declares() {
        let problems = problems_after(
            "\"version\"",
            "\"languages\": [\"en\", \"es\"], \"version\"",
        );
        for expected in [
            "at title: the text has no \"es\" translation (the journey's languages include \"es\")",
            "at pages[0].questions[0].label: the text has no \"es\" translation (the journey's languages include \"es\")",
            "at pages[3].questions[0].hint: the text has no \"es\" translation (the journey's languages include \"es\")",
            "at agencies.elections.name: the text has no \"es\" translation (the journey's languages include \"es\")",
            "at services[0].title: the text has no \"es\" translation (the journey's languages include \"es\")",
        ] {
            assert!(problems.iter().any(|p| p == expected), "{expected} in {problems:#?}");
        }
        // Only translations are missing.
        assert!(
            problems.iter().all(|p| p.contains("translation")),
            "{problems:#?}"
        );
        // A text given in Spanish is not reported.
        let title = MOVING_HOUSE
            .split("\"title\": {")
            .nth(1)
            .and_then(|rest| rest.split('}').next())
            .unwrap()
            .to_string();
        let with_spanish = MOVING_HOUSE
            .replacen(
                "\"version\"",
                "\"languages\": [\"en\", \"es\"], \"version\"",
                1,
            )
            .replacen(
                &format!("\"title\": {{{title}}}"),
                &format!("\"title\": {{{title}, \"es\": \"Mudarse\"}}"),
                1,
            );
        let journey: Journey = parse_json(&with_spanish).expect("parses");
        let problems: Vec<String> = check(&journey, None)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            !problems.iter().any(|p| p.starts_with("at title:")),
            "{problems:#?}"
        );
        assert!(
            problems.iter().any(|p| p.starts_with("at summary:")),
            "{problems:#?}"
        );
        // English cannot be left out.
        finds(
            "\"version\"",
            "\"languages\": [\"es\"], \"version\"",
            "at languages: the languages must include English (\"en\")",
        );
    }

    #[test]
    fn a_missing_translation_does_not_stop_a_journey_from_running() {
        let declared = MOVING_HOUSE.replacen(
            "\"version\"",
            "\"languages\": [\"en\", \"es\"], \"version\"",
            1,
        );
        let journey: Journey = parse_json(&declared).expect("parses");
        assert!(!check(&journey, None).is_empty());
        let to_run = check_to_run(&journey, None);
        assert!(to_run.is_empty(), "{to_run:#?}");
        // But the person is not offered the language it lacks.
        assert_eq!(complete_languages(&journey), ["en"]);
        assert!(journey.checked(None).is_ok());
    }

    #[test]
    fn wrong_format() {
        finds(
            "tell-once/journey@1",
            "tell-once/journey@9",
            "at format: the format must be \"tell-once/journey@1\", not \"tell-once/journey@9\"",
        );
    }

    #[test]
    fn duplicate_page_ids() {
        finds(
            "\"id\": \"move-date\"",
            "\"id\": \"name\"",
            "at pages[3].id: page id \"name\" is used twice",
        );
    }

    #[test]
    fn page_ids_the_app_uses() {
        finds(
            "\"id\": \"move-date\"",
            "\"id\": \"confirmation\"",
            "at pages[3].id: page id \"confirmation\" is kept for the app's own pages",
        );
    }

    #[test]
    fn badly_formed_keys() {
        finds(
            "\"key\": \"person.name\"",
            "\"key\": \"Person.Name\"",
            "at pages[0].questions[0]: the key \"Person.Name\" must be dot-separated words of lower-case letters, digits and _",
        );
    }

    #[test]
    fn keys_not_in_the_dictionary() {
        finds(
            "\"key\": \"move.date\"",
            "\"key\": \"move.when\"",
            "at pages[3].questions[0].key: \"move.when\" is not in the data dictionary",
        );
    }

    #[test]
    fn types_that_disagree_with_the_dictionary() {
        finds(
            "\"type\": \"date\",\n          \"label\": { \"en\": \"When did you move?\" }",
            "\"type\": \"text\",\n          \"label\": { \"en\": \"When did you move?\" }",
            "at pages[3].questions[0].type: the dictionary says \"move.date\" is a date, not a text",
        );
    }

    #[test]
    fn services_needing_keys_no_question_asks() {
        finds("{move.date}", "{move.when}", "at services[0].connector: the template uses \"{move.when}\", which no question asks for");
    }

    #[test]
    fn keys_asked_twice() {
        finds(
            "\"key\": \"address.previous\"",
            "\"key\": \"address.current\"",
            "at pages[4].questions[0].key: the answer \"address.current.line1\" is asked for twice",
        );
    }

    #[test]
    fn missing_text() {
        finds(
            "\"label\": { \"en\": \"When did you move?\" }",
            "\"label\": { \"es\": \"¿Cuándo se mudó?\" }",
            "at pages[3].questions[0].label: the text needs an English (\"en\") version",
        );
        finds(
            "\"title\": { \"en\": \"Moving house\" }",
            "\"title\": { \"en\": \" \" }",
            "at title: the text needs an English (\"en\") version",
        );
    }

    #[test]
    fn choices_need_options() {
        finds(
            "\"type\": \"name\"",
            "\"type\": \"radios\"",
            "at pages[0].questions[0]: a question of this type needs at least two options",
        );
    }

    #[test]
    fn identifiers_need_a_format() {
        finds("\"type\": \"name\"", "\"type\": \"national_id\"", "at pages[0].questions[0]: a national_id question needs a \"format\" with a pattern and an example");
    }

    #[test]
    fn date_rules_compare_with_earlier_dates() {
        finds(
            "\"validate\": [{ \"rule\": \"past\" }]",
            "\"validate\": [{ \"rule\": \"after\", \"key\": \"move.date\" }]",
            "at pages[1].questions[0].validate[0].key: the rule compares with \"move.date\", which is not a date asked on an earlier page",
        );
    }

    #[test]
    fn unknown_agencies_and_references() {
        finds(
            "\"agency\": \"elections\"",
            "\"agency\": \"election\"",
            "at services[0].agency: no agency \"election\" in \"agencies\"",
        );
        finds("\"reference\": \"/reference\"", "\"reference\": \"reference\"", "at services[0].connector.reference: the reference must be a JSON pointer such as \"/reference\"");
    }

    #[test]
    fn conditions_must_parse_and_use_earlier_answers() {
        let page = "\"id\": \"move-date\",";
        finds(
            page,
            "\"id\": \"move-date\", \"show_if\": \"person.name.given == and\",",
            "at pages[3].show_if: the condition \"person.name.given == and\" of journey \"address-change\" has a problem at column 22: expected a value after \"==\"",
        );
        finds(
            page,
            "\"id\": \"move-date\", \"show_if\": \"answered(address.previous.town)\",",
            "at pages[3].show_if: the condition uses \"address.previous.town\", which is not asked on an earlier page before it",
        );
        finds(
            "\"agency\": \"elections\",",
            "\"agency\": \"elections\", \"eligible_if\": \"voting.is_registered == true\",",
            "at services[0].eligible_if: the condition uses \"voting.is_registered\", which is not asked on a page before it",
        );
    }

    #[test]
    fn rules_across_answers_use_this_or_earlier_pages() {
        finds(
            "\"validate\": [{ \"rule\": \"past\" }]",
            "\"validate\": [{ \"rule\": \"condition\", \"condition\": \"person.date_of_birth < move.date\", \"message\": { \"en\": \"x\" } }]",
            "at pages[1].questions[0].validate[0].condition: the condition uses \"move.date\", which is not asked on this or an earlier page before it",
        );
    }

    #[test]
    fn question_conditions_use_earlier_pages() {
        finds(
            "\"key\": \"move.date\",",
            "\"key\": \"move.date\", \"show_if\": \"answered(address.previous.town)\",",
            "at pages[3].questions[0].show_if: the condition uses \"address.previous.town\", which is not asked on an earlier page before it",
        );
    }

    #[test]
    fn unreachable_pages() {
        let fixture = include_str!("../../../tests/fixtures/every-field.json");
        assert!(fixture.contains("\"notes\": \"{notes}\","));
        let journey: Journey =
            parse_json(&fixture.replacen("\"notes\": \"{notes}\",", "", 1)).unwrap();
        let problems: Vec<String> = check(&journey, None)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            problems,
            ["at pages[9]: page \"anything-else\" is never asked: no service uses its answers"]
        );
    }

    #[test]
    fn screening_pages_come_first() {
        finds(
            "\"id\": \"move-date\",",
            "\"id\": \"move-date\", \"screening\": true,",
            "at pages[3].screening: screening pages must come before all other pages",
        );
    }

    /// A `"suggestions": [...], "help": [...]` put before the fixture's services.
    fn with(suggestions_and_help: &str) -> Vec<String> {
        problems_after(
            "\"services\"",
            &format!("{suggestions_and_help}, \"services\""),
        )
    }

    const SUGGESTION: &str = r#"{ "id": "school", "show_if": "move.date < today()", "title": { "en": "Tell your child's school" }, "why": { "en": "because you moved" }, "target": { "url": "https://schools.example/moving" } }"#;

    #[test]
    fn a_good_suggestion_and_help_contact_are_clean() {
        let problems = with(&format!(
            r#""suggestions": [{SUGGESTION}], "help": [{{ "agency": "elections", "phone": {{ "number": "+44 (0)300 200-3131", "hours": {{ "en": "Monday to Friday, 9am to 5pm" }} }}, "chat": "https://elections.example/chat", "in_person": {{ "en": "At the town hall" }} }}]"#
        ));
        assert_eq!(problems, Vec::<String>::new());
    }

    #[test]
    fn suggestion_conditions_are_checked_like_any_other() {
        let broken = SUGGESTION.replace("move.date < today()", "move.date <");
        assert_eq!(
            with(&format!(r#""suggestions": [{broken}]"#)),
            ["at suggestions[0].show_if: the condition \"move.date <\" of journey \"address-change\" has a problem at column 12: expected a value after \"<\""]
        );
        let unknown = SUGGESTION.replace("move.date < today()", "household.has_children == true");
        assert_eq!(
            with(&format!(r#""suggestions": [{unknown}]"#)),
            ["at suggestions[0].show_if: the condition uses \"household.has_children\", which is not asked on a page before it"]
        );
    }

    #[test]
    fn suggestion_ids_are_unique_and_well_formed() {
        let bad_id = SUGGESTION.replace("\"school\"", "\"your school\"");
        let problems = with(&format!(
            r#""suggestions": [{SUGGESTION}, {SUGGESTION}, {bad_id}]"#
        ));
        assert_eq!(
            problems,
            [
                "at suggestions[1].id: suggestion id \"school\" is used twice",
                "at suggestions[2].id: suggestion id \"your school\" must be letters, digits and hyphens",
            ]
        );
    }

    #[test]
    fn suggestion_targets_must_be_followable() {
        let target = r#"{ "url": "https://schools.example/moving" }"#;
        let cases = [
            (
                r#"{ "url": "schools.example/moving" }"#,
                "at suggestions[0].target.url: the address \"schools.example/moving\" must start with https:// or http://",
            ),
            (
                r#"{ "url": "javascript:alert(1)" }"#,
                "at suggestions[0].target.url: the address \"javascript:alert(1)\" must start with https:// or http://",
            ),
            (
                r#"{ "life_event": "Having a baby" }"#,
                "at suggestions[0].target.life_event: the life event \"Having a baby\" must be a journey id: lower-case letters, digits and hyphens",
            ),
            (
                r#"{ "life_event": "address-change" }"#,
                "at suggestions[0].target.life_event: a suggestion cannot lead to the journey it is in",
            ),
        ];
        for (bad, expected) in cases {
            let suggestion = SUGGESTION.replace(target, bad);
            assert_eq!(
                with(&format!(r#""suggestions": [{suggestion}]"#)),
                [expected]
            );
        }
        let other = SUGGESTION.replace(target, r#"{ "life_event": "having-a-baby" }"#);
        assert_eq!(
            with(&format!(r#""suggestions": [{other}]"#)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn life_events_are_looked_up_in_the_catalogue() {
        let other = SUGGESTION.replace(
            r#"{ "url": "https://schools.example/moving" }"#,
            r#"{ "life_event": "having-a-baby" }"#,
        );
        let journey: Journey = parse_json(&MOVING_HOUSE.replacen(
            "\"services\"",
            &format!(r#""suggestions": [{SUGGESTION}, {other}], "services""#),
            1,
        ))
        .unwrap();
        let catalogue: Set<String> = ["address-change".to_string()].into();
        assert_eq!(
            check_targets(&journey, &catalogue)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["at suggestions[1].target.life_event: no journey \"having-a-baby\" in the catalogue"]
        );
        let catalogue: Set<String> = ["having-a-baby".to_string()].into();
        assert!(check_targets(&journey, &catalogue).is_empty());
    }

    #[test]
    fn help_contacts_name_an_agency_and_a_way_to_reach_it() {
        let problems = with(
            r#""help": [{ "agency": "elections" }, { "agency": "elections", "chat": "elections.example/chat" }, { "agency": "revenue", "phone": { "number": "call us", "hours": { "en": "Any time" } } }]"#,
        );
        assert_eq!(
            problems,
            [
                "at help[0]: give at least one way to get help: \"phone\", \"chat\" or \"in_person\"",
                "at help[1].agency: help for agency \"elections\" is given twice",
                "at help[1].chat: the address \"elections.example/chat\" must start with https:// or http://",
                "at help[2].agency: no agency \"revenue\" in \"agencies\"",
                "at help[2].phone.number: the phone number \"call us\" must be digits, with spaces, +, - or brackets",
            ]
        );
    }

    #[test]
    fn suggestions_and_help_are_in_every_language_and_english() {
        let problems = problems_after(
            "\"services\"",
            &format!(
                r#""suggestions": [{}], "help": [{{ "agency": "elections", "phone": {{ "number": "0300 200 3131", "hours": {{ "es": "Lunes a viernes" }} }}, "in_person": {{ "en": "At the town hall" }} }}], "services""#,
                SUGGESTION.replace(
                    r#""why": { "en": "because you moved" }"#,
                    r#""why": { "en": " " }"#
                )
            ),
        );
        for expected in [
            "at suggestions[0].why: the text needs an English (\"en\") version",
            "at help[0].phone.hours: the text needs an English (\"en\") version",
        ] {
            assert!(
                problems.iter().any(|p| p == expected),
                "{expected} in {problems:#?}"
            );
        }
        let declared = MOVING_HOUSE
            .replacen("\"version\"", "\"languages\": [\"en\", \"es\"], \"version\"", 1)
            .replacen(
                "\"services\"",
                &format!(r#""suggestions": [{SUGGESTION}], "help": [{{ "agency": "elections", "phone": {{ "number": "0300 200 3131", "hours": {{ "en": "9 to 5", "es": "9 a 5" }} }}, "in_person": {{ "en": "At the town hall" }} }}], "services""#),
                1,
            );
        let journey: Journey = parse_json(&declared).unwrap();
        let problems: Vec<String> = check(&journey, None)
            .iter()
            .map(ToString::to_string)
            .collect();
        let missing = |path: &str| {
            format!("at {path}: the text has no \"es\" translation (the journey's languages include \"es\")")
        };
        for path in [
            "suggestions[0].title",
            "suggestions[0].why",
            "help[0].in_person",
        ] {
            assert!(problems.contains(&missing(path)), "{path} in {problems:#?}");
        }
        assert!(
            !problems.contains(&missing("help[0].phone.hours")),
            "{problems:#?}"
        );
    }

    #[test]
    fn unknown_fields_are_refused_when_read() {
        let bad = MOVING_HOUSE.replacen("\"summary_label\"", "\"summary_lable\"", 1);
        let err = parse_json::<Journey>(&bad).unwrap_err().to_string();
        assert!(
            err.starts_with(
                "at pages[0].questions[0].summary_lable: unknown field `summary_lable`"
            ),
            "{err}"
        );
    }
}
