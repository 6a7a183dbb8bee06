//! The journey format: what an author writes, as Rust types. They are written with serde
//! (`Serialize`, which the JSON Schema follows too) and read by [`crate::read`]. A journey is
//! data, fetched at run time, so every problem in it is reported with where it is (line and
//! column, or a JSON path) and what is wrong, never a panic.

use crate::dictionary::Dictionary;
use crate::field::{Country, FieldKind};
use crate::ordered::Map;
use crate::read::{mistake, one_of_names, tagged, At, Fields, FromJson, Placeholder, Read};
use crate::text::{Localized, Text};
use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

/// The format name and version every journey file declares.
pub const FORMAT: &str = "tell-once/journey@1";

/// A life event's journey: the pages of questions and the services that receive the answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Journey {
    /// The JSON Schema the file follows, for authors' editors; not used by the app.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always [`FORMAT`], so a file in another format is refused with a clear message.
    pub format: String,
    pub id: String,
    /// The version of this journey's content, e.g. a date.
    pub version: String,
    /// The languages every text of the journey is given in (English always among them): the
    /// linter reports any text missing one. A person choosing another language sees the
    /// journey's texts in English, marked as English.
    #[serde(default = "english_only")]
    pub languages: Vec<String>,
    pub title: Text,
    pub summary: Text,
    /// Other words people use for this life event, for search ("relocating", "new address").
    #[serde(default)]
    pub synonyms: Localized<Vec<String>>,
    /// The shared data dictionary, as a URL relative to this file.
    #[serde(default)]
    pub dictionary: Option<String>,
    /// "Before you start" list: what the person should have to hand.
    #[serde(default)]
    pub you_will_need: Localized<Vec<String>>,
    pub pages: Vec<Page>,
    /// The agencies the services belong to, by id.
    #[serde(default)]
    pub agencies: Map<Agency>,
    #[serde(default)]
    pub services: Vec<Service>,
    /// Where a signed-in person's details can be fetched from, to fill in answers for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<Prefill>,
    /// Next steps offered after submission and on "Services you can use", each when its
    /// condition holds: government reaching out, rather than waiting to be asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
    /// How to reach each agency's people (phone, chat, in person), shown in "Get help" on every
    /// page: no wrong door, whatever the channel.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub help: Vec<Contact>,
}

/// A next step the person may not know about, such as "Tell your child's school", shown only
/// when its condition over the answers holds, with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    /// Unique in the journey: letters, digits and hyphens.
    pub id: String,
    /// An expression over the journey's answers (see [`crate::expr`]): the suggestion is shown
    /// only when it is true. Unanswered keys make it false, so on "Services you can use" a
    /// suggestion that needs later answers waits until they are given.
    pub show_if: String,
    /// What to do, as a link text: "Tell your child's school".
    pub title: Text,
    /// Why it is suggested: "because you have children at school and your address changed".
    pub why: Text,
    pub target: Target,
}

/// Where a suggestion leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Target {
    /// Another life event of the catalogue, by its journey id: it starts with everything the
    /// answer store already knows.
    LifeEvent(String),
    /// An agency's page, by its http(s) address.
    Url(String),
}

/// How to reach one agency's people. Each channel is optional, but a contact gives at least
/// one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// An id from the journey's `agencies`.
    pub agency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// The address of the agency's web chat (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat: Option<String>,
    /// Where and when to go in person: "Any Motor Vehicles office, Monday to Friday, 9am to 5pm".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_person: Option<Text>,
}

/// A phone line: the number to dial and when it is answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Phone {
    /// As people dial it, e.g. `0300 790 6802` or `+1 202 555 0143`: digits, spaces, `+`,
    /// `-` and brackets. The app links it with `tel:`.
    pub number: String,
    /// When it is answered: "Monday to Friday, 8am to 6pm".
    pub hours: Text,
}

impl Phone {
    /// The number as a `tel:` address: only what is dialled (digits and a leading `+`).
    pub fn tel_uri(&self) -> String {
        let digits: String = self
            .number
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{digits}")
    }
}

/// A profile API of an agency, read when the host page says the person is signed in. Each
/// value it gives is shown in its field with where it came from, and stays editable.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Prefill {
    /// An id from the journey's `agencies`: whose record this is ("From your Revenue Service
    /// record").
    pub agency: String,
    /// The profile's URL; `{agency_base}` is that agency's base URL. Fetched with GET and the
    /// browser's credentials (cookies), so the agency knows who is signed in.
    pub url: String,
    /// Which answer each value fills: an answer key (a part of a composite answer, such as
    /// `person.name.given`) → a JSON pointer into the reply, such as `/first_name`.
    pub fields: Map<String>,
    /// How long to wait for the reply before going on without it.
    #[serde(default = "five")]
    pub timeout_seconds: u32,
}

fn english_only() -> Vec<String> {
    vec![crate::text::DEFAULT_LANG.to_string()]
}

fn five() -> u32 {
    5
}

/// One page: one topic, one or more questions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Unique in the journey; also the page's name in the address bar.
    pub id: String,
    /// The page heading. Leave it out when the page asks one question: the question's label is
    /// then the heading (the GOV.UK question page pattern).
    #[serde(default)]
    pub title: Option<Text>,
    /// An expression: the page is asked only when it is true (see [`crate::expr`]).
    #[serde(default)]
    pub show_if: Option<String>,
    /// A screening page: asked before "Services you can use", to find which services apply.
    #[serde(default)]
    pub screening: bool,
    /// A repeating group ("add another child"): the questions are asked once per item, and the
    /// items are listed with Change and Remove. Question keys are then relative to an item.
    #[serde(default)]
    pub repeat: Option<Repeat>,
    pub questions: Vec<Question>,
}

/// How a repeating group repeats.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    /// The group's dictionary key, e.g. `household.children`: item answers are stored at
    /// `household.children[0].name.given`, and agencies receive a list at the group key.
    pub key: String,
    /// One item, in words: "child".
    pub item: Text,
    /// Items, in words: "children".
    pub items: Text,
    /// The fewest items (at least 1: a group is asked only when there is something to add).
    #[serde(default = "one")]
    pub min: u32,
    /// The most items.
    pub max: u32,
}

fn one() -> u32 {
    1
}

/// One question, bound to a key of the data dictionary.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The dictionary key, e.g. `person.date_of_birth`. Composite fields add their parts:
    /// a name at `person.name` is stored as `person.name.given` and `person.name.family`.
    pub key: String,
    #[serde(rename = "type")]
    pub kind: FieldKind,
    pub label: Text,
    #[serde(default)]
    pub hint: Option<Text>,
    /// What the answer is, as a noun phrase for messages: "the date you moved" gives
    /// "Enter the date you moved" and "The date you moved must be in the past".
    pub name: Text,
    /// The row label on "Check your answers"; the label if absent.
    #[serde(default)]
    pub summary_label: Option<Text>,
    #[serde(default = "required_by_default")]
    pub required: bool,
    /// For a text field, its `autocomplete` token. For a date, a token prefix: `bday` gives
    /// `bday-day`, `bday-month`, `bday-year`. For a name or address, an optional section prefix
    /// (e.g. `section-previous`) put before each part's own token.
    #[serde(default)]
    pub autocomplete: Option<String>,
    #[serde(default)]
    pub validate: Vec<Rule>,
    /// An expression over answers from earlier pages: the question is asked only when it is
    /// true (see [`crate::expr`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<String>,
    /// The options of a radios, checkboxes or select question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// The address format of an address question: `uk` (the default) or `us`.
    #[serde(default)]
    pub country: Country,
    /// Shown before a number or amount, e.g. `{"en": "$"}`.
    #[serde(default)]
    pub prefix: Option<Text>,
    /// The shape of a national identifier: a pattern for the browser's RegExp, and an example
    /// that shows the person the format.
    #[serde(default)]
    pub format: Option<IdFormat>,
}

/// The format of a national identifier.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IdFormat {
    /// A JavaScript regular expression the whole answer (without spaces and dashes,
    /// upper-cased) must match, e.g. `^[A-Z]{2}[0-9]{6}[A-D]$`.
    pub pattern: String,
    /// An example in the right format, used in the message: "like QQ123456C".
    pub example: String,
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// What is stored and sent: letters, digits, `-` and `_`.
    pub value: String,
    pub label: Text,
    #[serde(default)]
    pub hint: Option<Text>,
    /// "None of these": choosing it clears the others, and the others clear it.
    #[serde(default)]
    pub exclusive: bool,
}

impl Choice {
    pub fn new(value: &str, label: &str) -> Choice {
        Choice {
            value: value.into(),
            label: Text::en(label),
            hint: None,
            exclusive: false,
        }
    }
}

impl Question {
    /// A required question with English texts and no rules: a start for tests and tools.
    pub fn new(key: &str, kind: FieldKind, label: &str, name: &str) -> Question {
        Question {
            key: key.into(),
            kind,
            label: Text::en(label),
            hint: None,
            name: Text::en(name),
            summary_label: None,
            required: true,
            autocomplete: None,
            validate: Vec::new(),
            show_if: None,
            options: Vec::new(),
            country: Country::Uk,
            prefix: None,
            format: None,
        }
    }
}

fn required_by_default() -> bool {
    true
}

/// A validation rule beyond "required" and the field type's own checks. Each can carry its own
/// message, replacing the built-in one.
// Read through `WrittenRule`; the doc comment above is the schema's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// A date strictly before today.
    Past {
        #[serde(default)]
        message: Option<Text>,
    },
    /// A date today or before.
    TodayOrPast {
        #[serde(default)]
        message: Option<Text>,
    },
    /// A date strictly after today.
    Future {
        #[serde(default)]
        message: Option<Text>,
    },
    /// A date within the last this many days (and not in the future).
    WithinDays {
        days: u32,
        #[serde(default)]
        message: Option<Text>,
    },
    /// A date before the date answered at another key.
    Before {
        key: String,
        #[serde(default)]
        message: Option<Text>,
    },
    /// A date after the date answered at another key.
    After {
        key: String,
        #[serde(default)]
        message: Option<Text>,
    },
    /// A date of birth at least this many years ago.
    AgeAtLeast {
        years: u32,
        #[serde(default)]
        message: Option<Text>,
    },
    /// A date of birth at most this many years ago.
    AgeAtMost {
        years: u32,
        #[serde(default)]
        message: Option<Text>,
    },
    /// At least this many characters (in every part of a composite field).
    MinLength {
        min: usize,
        #[serde(default)]
        message: Option<Text>,
    },
    /// At most this many characters (in every part of a composite field).
    MaxLength {
        max: usize,
        #[serde(default)]
        message: Option<Text>,
    },
    /// A number or amount at least this.
    Min {
        min: f64,
        #[serde(default)]
        message: Option<Text>,
    },
    /// A number or amount at most this.
    Max {
        max: f64,
        #[serde(default)]
        message: Option<Text>,
    },
    /// A whole number.
    Whole {
        #[serde(default)]
        message: Option<Text>,
    },
    /// Text matching a JavaScript regular expression (the browser's own RegExp, so the app
    /// carries no regex engine). The message is required: only the author knows what the
    /// pattern means.
    Pattern { pattern: String, message: Text },
    /// A rule across answers: the answer is right only when the condition holds, e.g.
    /// `retirement.stop_work_date > person.date_of_birth`. The message is required.
    Condition { condition: String, message: Text },
}

impl Rule {
    /// The author's message for this rule, if any.
    pub fn message(&self) -> Option<&Text> {
        match self {
            Rule::Past { message }
            | Rule::TodayOrPast { message }
            | Rule::Future { message }
            | Rule::WithinDays { message, .. }
            | Rule::Before { message, .. }
            | Rule::After { message, .. }
            | Rule::AgeAtLeast { message, .. }
            | Rule::AgeAtMost { message, .. }
            | Rule::MinLength { message, .. }
            | Rule::MaxLength { message, .. }
            | Rule::Min { message, .. }
            | Rule::Max { message, .. }
            | Rule::Whole { message } => message.as_ref(),
            Rule::Pattern { message, .. } | Rule::Condition { message, .. } => Some(message),
        }
    }
}

/// A rule as it is written: its name and every setting any rule takes. [`Rule`] is read through
/// this, then checked for the settings its kind takes, with errors in serde's words: "missing
/// field `days`", "unknown field `days`, expected `message`".
struct WrittenRule {
    rule: RuleName,
    message: Option<Text>,
    days: Option<u32>,
    key: Option<String>,
    years: Option<u32>,
    min: Option<f64>,
    max: Option<f64>,
    pattern: Option<String>,
    condition: Option<String>,
}

#[derive(Debug, Clone, Copy)]
enum RuleName {
    Past,
    TodayOrPast,
    Future,
    WithinDays,
    Before,
    After,
    AgeAtLeast,
    AgeAtMost,
    MinLength,
    MaxLength,
    Min,
    Max,
    Whole,
    Pattern,
    Condition,
}

impl WrittenRule {
    fn into_rule(self) -> Result<Rule, String> {
        use RuleName as R;
        let WrittenRule {
            rule,
            message,
            days,
            key,
            years,
            min,
            max,
            pattern,
            condition,
        } = self;
        let takes: &[&str] = match rule {
            R::Past | R::TodayOrPast | R::Future | R::Whole => &[],
            R::WithinDays => &["days"],
            R::Before | R::After => &["key"],
            R::AgeAtLeast | R::AgeAtMost => &["years"],
            R::MinLength | R::Min => &["min"],
            R::MaxLength | R::Max => &["max"],
            R::Pattern => &["pattern"],
            R::Condition => &["condition"],
        };
        let given = [
            ("days", days.is_some()),
            ("key", key.is_some()),
            ("years", years.is_some()),
            ("min", min.is_some()),
            ("max", max.is_some()),
            ("pattern", pattern.is_some()),
            ("condition", condition.is_some()),
        ];
        if let Some((other, _)) = given
            .iter()
            .find(|(name, set)| *set && !takes.contains(name))
        {
            let expected: Vec<String> = takes
                .iter()
                .chain(&["message"])
                .map(|name| format!("`{name}`"))
                .collect();
            return Err(format!(
                "unknown field `{other}`, expected {}",
                expected.join(" or ")
            ));
        }
        fn needed<T>(value: Option<T>, name: &str) -> Result<T, String> {
            value.ok_or_else(|| format!("missing field `{name}`"))
        }
        // A number of characters: whole and not negative.
        let characters = |n: f64, name: &str| {
            if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) {
                Ok(n as usize)
            } else {
                Err(format!(
                    "invalid value for `{name}`: expected a whole number of characters"
                ))
            }
        };
        Ok(match rule {
            R::Past => Rule::Past { message },
            R::TodayOrPast => Rule::TodayOrPast { message },
            R::Future => Rule::Future { message },
            R::Whole => Rule::Whole { message },
            R::WithinDays => Rule::WithinDays {
                days: needed(days, "days")?,
                message,
            },
            R::Before => Rule::Before {
                key: needed(key, "key")?,
                message,
            },
            R::After => Rule::After {
                key: needed(key, "key")?,
                message,
            },
            R::AgeAtLeast => Rule::AgeAtLeast {
                years: needed(years, "years")?,
                message,
            },
            R::AgeAtMost => Rule::AgeAtMost {
                years: needed(years, "years")?,
                message,
            },
            R::MinLength => Rule::MinLength {
                min: characters(needed(min, "min")?, "min")?,
                message,
            },
            R::MaxLength => Rule::MaxLength {
                max: characters(needed(max, "max")?, "max")?,
                message,
            },
            R::Min => Rule::Min {
                min: needed(min, "min")?,
                message,
            },
            R::Max => Rule::Max {
                max: needed(max, "max")?,
                message,
            },
            R::Pattern => Rule::Pattern {
                pattern: needed(pattern, "pattern")?,
                message: needed(message, "message")?,
            },
            R::Condition => Rule::Condition {
                condition: needed(condition, "condition")?,
                message: needed(message, "message")?,
            },
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub name: Text,
    /// The root of this agency's APIs, put where a connector's URL says `{agency_base}`, e.g.
    /// `https://api.motor-vehicles.example`. The page embedding Tell Once can replace it (see
    /// `docs/connecting-an-api.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

/// Something an agency does with the answers, reached through that agency's existing API.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    /// An id from the journey's `agencies`.
    pub agency: String,
    pub title: Text,
    /// An expression: the service applies only when it is true. Absent: it always applies.
    #[serde(default)]
    pub eligible_if: Option<String>,
    /// Why it applies, shown on "Services you can use": "because you have a driving licence".
    #[serde(default)]
    pub reason: Option<Text>,
    /// Why it does not apply: "because you do not have a driving licence".
    #[serde(default)]
    pub not_eligible_reason: Option<Text>,
    pub connector: Connector,
}

/// How the agency's existing API is called: the front end adapts to the agency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Connector {
    #[serde(default = "post")]
    pub method: String,
    /// A template: `{agency_base}` is the agency's base URL, `{key}` an answer.
    pub url: String,
    /// Extra request headers, e.g. an API version; each value a template over answers.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub headers: Map<String>,
    pub body: Body,
    /// A JSON pointer (RFC 6901) to the reference number in the agency's JSON reply (for an
    /// agency that answers 202, in the status reply that says it is done).
    pub reference: String,
    /// For an agency that answers 202 Accepted and a status URL to poll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted: Option<Accepted>,
}

/// How to follow a request an agency accepted (202) but has not finished: where its reply
/// gives the status URL, and how to read each status reply.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Accepted {
    /// A JSON pointer to the status URL in the 202 reply, e.g. `/links/status`. Without one,
    /// the reply's `Location` header is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_url: Option<String>,
    /// A JSON pointer to the state in each status reply, e.g. `/status`.
    pub state: String,
    /// The state that means done: the reference is then read from that reply.
    pub done: String,
    /// States that mean the agency turned the request down.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<String>,
    /// Seconds between polls.
    #[serde(default = "two")]
    pub every_seconds: u32,
    /// After this long the request is shown as pending: the agency has it, but has not said
    /// it is done.
    #[serde(default = "thirty")]
    pub give_up_after_seconds: u32,
}

fn two() -> u32 {
    2
}

fn thirty() -> u32 {
    30
}

fn post() -> String {
    "POST".to_string()
}

/// The request body as a template over dictionary keys: `"{person.name.given}"` is replaced by
/// that answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Body {
    /// A JSON document, any shape, whose strings are templates.
    Json(serde_json::Value),
    /// `application/x-www-form-urlencoded` fields, each a template.
    Form(Map<String>),
}

// How each type of the format is read (see `crate::read`). The field names are serde's, as the
// types above write them; a test reads back every journey we ship as it is written.

impl FromJson for Journey {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Journey",
            &[
                "$schema",
                "format",
                "id",
                "version",
                "languages",
                "title",
                "summary",
                "synonyms",
                "dictionary",
                "you_will_need",
                "pages",
                "agencies",
                "services",
                "prefill",
                "suggestions",
                "help",
            ],
        )?;
        f.done(Journey {
            schema: f.optional("$schema"),
            format: f.needed("format"),
            id: f.needed("id"),
            version: f.needed("version"),
            languages: f.or_else("languages", english_only),
            title: f.needed("title"),
            summary: f.needed("summary"),
            synonyms: f.or_default("synonyms"),
            dictionary: f.optional("dictionary"),
            you_will_need: f.or_default("you_will_need"),
            pages: f.needed("pages"),
            agencies: f.or_default("agencies"),
            services: f.or_default("services"),
            prefill: f.optional("prefill"),
            suggestions: f.or_default("suggestions"),
            help: f.or_default("help"),
        })
    }
}

impl FromJson for Suggestion {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Suggestion",
            &["id", "show_if", "title", "why", "target"],
        )?;
        f.done(Suggestion {
            id: f.needed("id"),
            show_if: f.needed("show_if"),
            title: f.needed("title"),
            why: f.needed("why"),
            target: f.needed("target"),
        })
    }
}

impl FromJson for Target {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let (name, inner) = tagged(value, at, "enum Target", &["life_event", "url"])?;
        let inner_at = At::Key(&at, name);
        let address = String::from_json(inner, inner_at)?;
        Ok(match name {
            "life_event" => Target::LifeEvent(address),
            _ => Target::Url(address),
        })
    }
}

impl Placeholder for Target {
    fn placeholder() -> Self {
        Target::Url(String::new())
    }
}

impl FromJson for Contact {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Contact",
            &["agency", "phone", "chat", "in_person"],
        )?;
        f.done(Contact {
            agency: f.needed("agency"),
            phone: f.optional("phone"),
            chat: f.optional("chat"),
            in_person: f.optional("in_person"),
        })
    }
}

impl FromJson for Phone {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(value, at, "struct Phone", &["number", "hours"])?;
        f.done(Phone {
            number: f.needed("number"),
            hours: f.needed("hours"),
        })
    }
}

impl FromJson for Prefill {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Prefill",
            &["agency", "url", "fields", "timeout_seconds"],
        )?;
        f.done(Prefill {
            agency: f.needed("agency"),
            url: f.needed("url"),
            fields: f.needed("fields"),
            timeout_seconds: f.or_else("timeout_seconds", five),
        })
    }
}

impl FromJson for Page {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Page",
            &["id", "title", "show_if", "screening", "repeat", "questions"],
        )?;
        f.done(Page {
            id: f.needed("id"),
            title: f.optional("title"),
            show_if: f.optional("show_if"),
            screening: f.or_default("screening"),
            repeat: f.optional("repeat"),
            questions: f.needed("questions"),
        })
    }
}

impl FromJson for Repeat {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Repeat",
            &["key", "item", "items", "min", "max"],
        )?;
        f.done(Repeat {
            key: f.needed("key"),
            item: f.needed("item"),
            items: f.needed("items"),
            min: f.or_else("min", one),
            max: f.needed("max"),
        })
    }
}

impl FromJson for Question {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Question",
            &[
                "key",
                "type",
                "label",
                "hint",
                "name",
                "summary_label",
                "required",
                "autocomplete",
                "validate",
                "show_if",
                "options",
                "country",
                "prefix",
                "format",
            ],
        )?;
        f.done(Question {
            key: f.needed("key"),
            kind: f.needed("type"),
            label: f.needed("label"),
            hint: f.optional("hint"),
            name: f.needed("name"),
            summary_label: f.optional("summary_label"),
            required: f.or_else("required", required_by_default),
            autocomplete: f.optional("autocomplete"),
            validate: f.or_default("validate"),
            show_if: f.optional("show_if"),
            options: f.or_default("options"),
            country: f.or_default("country"),
            prefix: f.optional("prefix"),
            format: f.optional("format"),
        })
    }
}

impl FromJson for IdFormat {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(value, at, "struct IdFormat", &["pattern", "example"])?;
        f.done(IdFormat {
            pattern: f.needed("pattern"),
            example: f.needed("example"),
        })
    }
}

impl FromJson for Choice {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Choice",
            &["value", "label", "hint", "exclusive"],
        )?;
        f.done(Choice {
            value: f.needed("value"),
            label: f.needed("label"),
            hint: f.optional("hint"),
            exclusive: f.or_default("exclusive"),
        })
    }
}

impl FromJson for Rule {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "internally tagged enum Rule",
            &[
                "rule",
                "message",
                "days",
                "key",
                "years",
                "min",
                "max",
                "pattern",
                "condition",
            ],
        )?;
        let written = f.done(WrittenRule {
            rule: f.needed("rule"),
            message: f.optional("message"),
            days: f.optional("days"),
            key: f.optional("key"),
            years: f.optional("years"),
            min: f.optional("min"),
            max: f.optional("max"),
            pattern: f.optional("pattern"),
            condition: f.optional("condition"),
        })?;
        written.into_rule().or_else(|message| mistake(at, message))
    }
}

impl FromJson for RuleName {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        use RuleName as R;
        one_of_names(
            value,
            at,
            &[
                ("past", R::Past),
                ("today_or_past", R::TodayOrPast),
                ("future", R::Future),
                ("within_days", R::WithinDays),
                ("before", R::Before),
                ("after", R::After),
                ("age_at_least", R::AgeAtLeast),
                ("age_at_most", R::AgeAtMost),
                ("min_length", R::MinLength),
                ("max_length", R::MaxLength),
                ("min", R::Min),
                ("max", R::Max),
                ("whole", R::Whole),
                ("pattern", R::Pattern),
                ("condition", R::Condition),
            ],
        )
    }
}

impl Placeholder for RuleName {
    fn placeholder() -> Self {
        RuleName::Past
    }
}

impl FromJson for Agency {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(value, at, "struct Agency", &["name", "base_url"])?;
        f.done(Agency {
            name: f.needed("name"),
            base_url: f.optional("base_url"),
        })
    }
}

impl FromJson for Service {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Service",
            &[
                "id",
                "agency",
                "title",
                "eligible_if",
                "reason",
                "not_eligible_reason",
                "connector",
            ],
        )?;
        f.done(Service {
            id: f.needed("id"),
            agency: f.needed("agency"),
            title: f.needed("title"),
            eligible_if: f.optional("eligible_if"),
            reason: f.optional("reason"),
            not_eligible_reason: f.optional("not_eligible_reason"),
            connector: f.needed("connector"),
        })
    }
}

impl FromJson for Connector {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Connector",
            &["method", "url", "headers", "body", "reference", "accepted"],
        )?;
        f.done(Connector {
            method: f.or_else("method", post),
            url: f.needed("url"),
            headers: f.or_default("headers"),
            body: f.needed("body"),
            reference: f.needed("reference"),
            accepted: f.optional("accepted"),
        })
    }
}

impl Placeholder for Connector {
    fn placeholder() -> Self {
        Connector {
            method: String::new(),
            url: String::new(),
            headers: Map::new(),
            body: Body::placeholder(),
            reference: String::new(),
            accepted: None,
        }
    }
}

impl FromJson for Accepted {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let f = Fields::of(
            value,
            at,
            "struct Accepted",
            &[
                "status_url",
                "state",
                "done",
                "failed",
                "every_seconds",
                "give_up_after_seconds",
            ],
        )?;
        f.done(Accepted {
            status_url: f.optional("status_url"),
            state: f.needed("state"),
            done: f.needed("done"),
            failed: f.or_default("failed"),
            every_seconds: f.or_else("every_seconds", two),
            give_up_after_seconds: f.or_else("give_up_after_seconds", thirty),
        })
    }
}

impl FromJson for Body {
    fn from_json(value: &Value, at: At) -> Read<Self> {
        let (name, inner) = tagged(value, at, "enum Body", &["json", "form"])?;
        Ok(match name {
            "json" => Body::Json(inner.clone()),
            _ => Body::Form(FromJson::from_json(inner, At::Key(&at, name))?),
        })
    }
}

impl Placeholder for Body {
    fn placeholder() -> Self {
        Body::Json(Value::Null)
    }
}

/// Why a journey file cannot be used, with where the problem is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DefinitionError {
    #[error("it is not valid JSON: {message} (line {line}, column {column})")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// A key given twice in one object: JSON parsers keep one or the other, so which the author
    /// meant is theirs to say.
    #[error("\"{key}\" is given twice in one object (line {line}, column {column}): keep the one you mean and remove the other")]
    Repeated {
        key: String,
        line: usize,
        column: usize,
    },
    /// Values of the wrong shape, each at its path (empty: the whole file).
    #[error("{0}")]
    Shape(crate::read::Mistakes),
    /// Everything the checks found, each with where it is.
    #[error("{0}")]
    Problems(crate::read::Mistakes),
}

/// One problem in a journey, for its author: where (a JSON path) and what. The checks say
/// theirs as the reader says a value of the wrong shape.
pub type Problem = crate::read::Mistake;

/// Reads a file of the format into its type: the line and column of a syntax error, or the
/// JSON path of a value of the wrong shape.
pub(crate) fn parse_json<T: FromJson>(text: &str) -> Result<T, DefinitionError> {
    let value = crate::read::parse_unique_keys(text).map_err(|(err, repeated)| match repeated {
        Some(key) => DefinitionError::Repeated {
            key,
            line: err.line(),
            column: err.column(),
        },
        None => DefinitionError::Syntax {
            line: err.line(),
            column: err.column(),
            message: without_position(&err),
        },
    })?;
    T::from_json(&value, At::Top).map_err(DefinitionError::Shape)
}

impl DefinitionError {
    /// A wrong shape for the format in one place, `path`.
    pub(crate) fn shape(path: &str, message: String) -> DefinitionError {
        DefinitionError::Shape(
            crate::read::Mistake {
                path: path.into(),
                message,
            }
            .into(),
        )
    }

    /// Each thing wrong, said on its own: one line each on a problem page or in a terminal.
    pub fn each(&self) -> Vec<String> {
        match self {
            DefinitionError::Shape(mistakes) | DefinitionError::Problems(mistakes) => {
                mistakes.iter().map(ToString::to_string).collect()
            }
            other => vec![other.to_string()],
        }
    }
}

impl Journey {
    /// Reads a journey file and checks it (see [`crate::lint`]), without a dictionary.
    pub fn from_json(text: &str) -> Result<Journey, DefinitionError> {
        Journey::from_json_with(text, None)
    }

    /// Reads a journey file and checks it against the shared dictionary.
    pub fn from_json_with(
        text: &str,
        dictionary: Option<&Dictionary>,
    ) -> Result<Journey, DefinitionError> {
        Journey::parse(text)?.checked(dictionary)
    }

    /// Reads a journey file without checking it: to learn where its dictionary is.
    pub fn parse(text: &str) -> Result<Journey, DefinitionError> {
        parse_json(text)
    }

    /// The journey if it passes every check, with defaults taken from the dictionary.
    pub fn checked(mut self, dictionary: Option<&Dictionary>) -> Result<Journey, DefinitionError> {
        let journey = &mut self;
        crate::read::unless(crate::lint::check_to_run(journey, dictionary), ())
            .map_err(DefinitionError::Problems)?;
        // A question takes its autocomplete token from the dictionary unless it says otherwise.
        if let Some(dictionary) = dictionary {
            for question in journey.pages.iter_mut().flat_map(|p| &mut p.questions) {
                if question.autocomplete.is_none() {
                    question.autocomplete = dictionary
                        .entry(&question.key)
                        .and_then(|e| e.autocomplete.clone());
                }
            }
        }
        Ok(self)
    }

    /// True when the journey asks screening questions, then shows "Services you can use".
    pub fn has_screening(&self) -> bool {
        self.pages.iter().any(|p| p.screening)
    }

    /// The page with this id, by index.
    pub fn page_index(&self, id: &str) -> Option<usize> {
        self.pages.iter().position(|page| page.id == id)
    }

    /// The base URL of an agency's APIs: the host page's choice if it made one, else the
    /// journey's.
    pub fn agency_base<'a>(&'a self, agency: &str, overrides: &'a Map<String>) -> &'a str {
        overrides
            .get(agency)
            .or_else(|| self.agencies.get(agency).and_then(|a| a.base_url.as_ref()))
            .map(|base| base.trim_end_matches('/'))
            .unwrap_or("")
    }

    /// The suggestions whose condition holds for these answers, in the journey's order. With
    /// a plan, `plan.situation()` gives the situation.
    pub fn suggestions_for(&self, situation: &crate::conditions::Situation) -> Vec<&Suggestion> {
        self.suggestions
            .iter()
            .filter(|s| crate::conditions::holds(Some(&s.show_if), situation))
            .collect()
    }

    /// How to reach an agency's people, if the journey says.
    pub fn help_for(&self, agency: &str) -> Option<&Contact> {
        self.help.iter().find(|contact| contact.agency == agency)
    }

    pub fn agency_name(&self, agency: &str, lang: &str) -> String {
        self.agencies
            .get(agency)
            .map(|a| a.name.tr(lang).to_string())
            .unwrap_or_else(|| agency.to_string())
    }
}

impl Page {
    /// The page heading: its title, or the label of its only question.
    pub fn heading<'a>(&'a self, lang: &str) -> &'a str {
        match &self.title {
            Some(title) => title.tr(lang),
            None => self.questions[0].label.tr(lang),
        }
    }

    /// True when the question's own label is the page heading.
    pub fn question_is_heading(&self) -> bool {
        self.title.is_none() && self.questions.len() == 1
    }
}

/// serde_json appends "at line L column C" to its messages; we say where in our own words.
fn without_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small, stable journey (Moving house as it first was) for tests about the format.
    const MOVING_HOUSE: &str = include_str!("../../../tests/fixtures/address-change.json");

    #[test]
    fn a_tel_address_has_only_what_is_dialled() {
        let phone = |number: &str| Phone {
            number: number.to_string(),
            hours: Text::default(),
        };
        assert_eq!(phone("0808 157 0707").tel_uri(), "tel:08081570707");
        assert_eq!(phone("+1 (202) 555-0143").tel_uri(), "tel:+12025550143");
    }

    #[test]
    fn the_moving_house_journey_parses() {
        let journey = Journey::from_json(MOVING_HOUSE).expect("address-change.json is valid");
        assert_eq!(journey.id, "address-change");
        let ids: Vec<&str> = journey.pages.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "name",
                "date-of-birth",
                "new-address",
                "move-date",
                "previous-address"
            ]
        );
        assert_eq!(journey.services.len(), 1);
        assert_eq!(
            journey.pages[1].heading("en"),
            "What is your date of birth?"
        );
    }

    #[test]
    fn suggestions_apply_only_when_their_condition_holds() {
        let journey = crate::testing::journey("approaching-retirement");
        let today = crate::Date::new(2026, 11, 23).unwrap();
        let ids = |pairs: &[(&str, &str)]| -> Vec<String> {
            let answers = crate::testing::answered(pairs);
            let canonical = crate::mapping::canonical_answers(&journey, &answers);
            let situation = crate::conditions::Situation {
                answers: &canonical,
                today,
            };
            journey
                .suggestions_for(&situation)
                .iter()
                .map(|s| s.id.clone())
                .collect()
        };
        assert_eq!(
            ids(&[("retirement.has_public_pension", "yes")]),
            ["pension-scheme"]
        );
        assert!(ids(&[("retirement.has_public_pension", "no")]).is_empty());
        assert!(ids(&[]).is_empty(), "unanswered is not met");
        let scheme = &journey.suggestions[0];
        assert!(matches!(&scheme.target, Target::Url(url) if url.starts_with("https://")));
        assert!(!scheme.why.tr("es").is_empty());
    }

    #[test]
    fn a_journey_without_suggestions_or_help_still_parses() {
        let journey = Journey::from_json(MOVING_HOUSE).unwrap();
        assert!(journey.suggestions.is_empty() && journey.help.is_empty());
        assert_eq!(journey.help_for("elections"), None);
        let written = serde_json::to_string(&journey).unwrap();
        assert!(!written.contains("suggestions") && !written.contains("\"help\""));
    }

    #[test]
    fn every_default_journey_has_help_for_each_agency_it_uses() {
        for name in [
            "moving-house",
            "having-a-baby",
            "death-of-someone-close",
            "losing-your-job",
            "approaching-retirement",
        ] {
            let journey = crate::testing::journey(name);
            for service in &journey.services {
                let contact = journey
                    .help_for(&service.agency)
                    .unwrap_or_else(|| panic!("{name}: no help for {}", service.agency));
                for lang in &journey.languages {
                    if let Some(phone) = &contact.phone {
                        assert!(phone.hours.0.contains_key(lang), "{name} {lang}");
                    }
                }
            }
        }
    }

    /// The readers (`FromJson`) and the writer (serde's `Serialize`, which the schema also
    /// follows) name every field the same way: whatever is written reads back the same.
    #[test]
    fn every_file_we_ship_reads_back_as_it_is_written() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
        let mut journeys = 0;
        for folder in ["public/journeys", "tests/fixtures"] {
            for entry in std::fs::read_dir(format!("{dir}{folder}")).unwrap() {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                fn written<T: Serialize>(value: &T) -> String {
                    serde_json::to_string(value).unwrap()
                }
                if text.contains(FORMAT) {
                    let journey = Journey::parse(&text).unwrap();
                    assert_eq!(Journey::parse(&written(&journey)), Ok(journey), "{path:?}");
                    journeys += 1;
                } else if text.contains(crate::dictionary::FORMAT) {
                    let dictionary = Dictionary::from_json(&text).unwrap();
                    let again = Dictionary::from_json(&written(&dictionary));
                    assert_eq!(again, Ok(dictionary), "{path:?}");
                } else {
                    let catalogue = crate::catalogue::Catalogue::from_json(&text).unwrap();
                    let again = crate::catalogue::Catalogue::from_json(&written(&catalogue));
                    assert_eq!(again, Ok(catalogue), "{path:?}");
                }
            }
        }
        assert!(journeys >= 5, "{journeys} journeys read");
    }

    /// Every setting a journey can give, each away from its default, reads back as written.
    #[test]
    fn every_field_reads_back_as_it_is_written() {
        let mut journey = Journey::from_json(MOVING_HOUSE).unwrap();
        journey.schema = Some("https://example.org/journey.schema.json".into());
        journey.languages = vec!["en".into(), "es".into()];
        journey.synonyms = Localized(Map::from([("en".into(), vec!["relocating".into()])]));
        journey.dictionary = Some("dictionary.json".into());
        journey.you_will_need = journey.synonyms.clone();
        journey.prefill = Some(Prefill {
            agency: "revenue".into(),
            url: "{agency_base}/me".into(),
            fields: Map::from([("person.name.given".into(), "/first_name".into())]),
            timeout_seconds: 9,
        });
        journey.suggestions = vec![Suggestion {
            id: "school".into(),
            show_if: "move.date".into(),
            title: Text::en("Tell the school"),
            why: Text::en("because you moved"),
            target: Target::LifeEvent("having-a-baby".into()),
        }];
        journey.help = vec![Contact {
            agency: "revenue".into(),
            phone: Some(Phone {
                number: "0300 123".into(),
                hours: Text::en("9 to 5"),
            }),
            chat: Some("https://chat.example".into()),
            in_person: Some(Text::en("Any office")),
        }];
        journey.agencies.insert(
            "revenue".into(),
            Agency {
                name: Text::en("Revenue"),
                base_url: Some("https://api.example".into()),
            },
        );
        let page = &mut journey.pages[0];
        page.title = Some(Text::en("Your name"));
        page.show_if = Some("a == b".into());
        page.screening = true;
        page.repeat = Some(Repeat {
            key: "household.children".into(),
            item: Text::en("child"),
            items: Text::en("children"),
            min: 2,
            max: 9,
        });
        let question = &mut page.questions[0];
        question.hint = Some(Text::en("As on your passport"));
        question.summary_label = Some(Text::en("Name"));
        question.required = false;
        question.autocomplete = Some("section-x".into());
        question.validate = vec![Rule::MaxLength {
            max: 35,
            message: None,
        }];
        question.show_if = Some("x".into());
        question.options = vec![Choice {
            hint: Some(Text::en("or none")),
            exclusive: true,
            ..Choice::new("none", "None")
        }];
        question.country = Country::Us;
        question.prefix = Some(Text::en("$"));
        question.format = Some(IdFormat {
            pattern: "^[A-Z]$".into(),
            example: "A".into(),
        });
        let service = &mut journey.services[0];
        service.eligible_if = Some("x".into());
        service.reason = Some(Text::en("because"));
        service.not_eligible_reason = Some(Text::en("because not"));
        let connector = &mut service.connector;
        connector.method = "PUT".into();
        connector.headers = Map::from([("Api-Version".into(), "2".into())]);
        connector.body = Body::Form(Map::from([("name".into(), "{person.name}".into())]));
        connector.accepted = Some(Accepted {
            status_url: Some("/links/status".into()),
            state: "/status".into(),
            done: "done".into(),
            failed: vec!["rejected".into()],
            every_seconds: 3,
            give_up_after_seconds: 40,
        });
        let written = serde_json::to_string(&journey).unwrap();
        assert_eq!(Journey::parse(&written), Ok(journey), "{written}");
    }

    #[test]
    fn a_syntax_error_names_line_and_column() {
        let err = Journey::from_json("{\n  \"format\": \"tell-once/journey@1\",\n  \"id\": }")
            .unwrap_err();
        assert_eq!(
            err,
            DefinitionError::Syntax {
                line: 3,
                column: 9,
                message: "expected value".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "it is not valid JSON: expected value (line 3, column 9)"
        );
    }

    #[test]
    fn a_key_given_twice_in_one_object_is_named_with_its_line_and_column() {
        // At the top, and deep in a page: the second of the two is the mistake either way.
        let at_top = "{\n  \"format\": \"tell-once/journey@1\",\n  \"format\": \"x\"\n}";
        assert_eq!(
            Journey::from_json(at_top).unwrap_err(),
            DefinitionError::Repeated {
                key: "format".into(),
                line: 3,
                column: 10
            }
        );
        let deep = "{\n  \"pages\": [\n    {\"id\": \"a\", \"title\": \"A\",\n     \"title\": \"B\"}\n  ]\n}";
        let err = Journey::from_json(deep).unwrap_err();
        assert_eq!(
            err,
            DefinitionError::Repeated {
                key: "title".into(),
                line: 4,
                column: 12
            }
        );
        assert_eq!(
            err.to_string(),
            "\"title\" is given twice in one object (line 4, column 12): keep the one you mean and remove the other"
        );
        // The same key in different objects is no mistake, and neither is a key that only
        // looks like another.
        let fine = "{\"a\": {\"id\": 1}, \"b\": {\"id\": 2}, \"Id\": 3, \"id\": [1, 1.5, -2, null, true, \"x\"]}";
        assert_eq!(
            crate::read::parse_unique_keys(fine).unwrap(),
            serde_json::from_str::<Value>(fine).unwrap()
        );
        // Elsewhere (drafts, agencies' replies) a key given twice keeps the second, as
        // serde_json's own parser does.
        let twice = "{\"a\": {\"id\": 1, \"id\": [2]}}";
        assert_eq!(
            crate::read::parse(twice).unwrap(),
            serde_json::from_str::<Value>(twice).unwrap()
        );
        assert_eq!(crate::read::parse(twice).unwrap()["a"]["id"][0], 2);
    }

    #[test]
    fn an_unknown_field_type_names_its_path() {
        let bad = MOVING_HOUSE.replacen("\"type\": \"date\"", "\"type\": \"colour\"", 1);
        match Journey::from_json(&bad).unwrap_err() {
            DefinitionError::Shape(mistakes) => {
                let crate::read::Mistake { path, message } = mistakes.first();
                assert_eq!(path, "pages[1].questions[0].type");
                assert!(message.starts_with("unknown variant `colour`"), "{message}");
            }
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    #[test]
    fn a_file_of_the_wrong_shape_is_said_without_an_empty_place() {
        assert_eq!(
            Journey::from_json(r#"{"format": "tell-once/journey@1"}"#)
                .unwrap_err()
                .each(),
            [
                "missing field `id`",
                "missing field `version`",
                "missing field `title`",
                "missing field `summary`",
                "missing field `pages`"
            ]
        );
        assert_eq!(
            Journey::from_json("[]").unwrap_err().to_string(),
            "invalid type: sequence, expected struct Journey"
        );
    }

    #[test]
    fn a_missing_field_names_its_path() {
        let bad = MOVING_HOUSE.replacen("\"name\": {", "\"unused\": {", 1);
        let err = Journey::from_json(&bad).unwrap_err().to_string();
        assert!(err.starts_with("at pages[0].questions[0]"), "{err}");
        assert!(err.contains("unknown field `unused`"), "{err}");
    }

    #[test]
    fn semantic_problems_are_named() {
        let wrong_format = MOVING_HOUSE.replacen("tell-once/journey@1", "tell-once/journey@9", 1);
        assert_eq!(
            Journey::from_json(&wrong_format).unwrap_err().to_string(),
            "at format: the format must be \"tell-once/journey@1\", not \"tell-once/journey@9\""
        );
        let twice = MOVING_HOUSE.replacen("\"id\": \"move-date\"", "\"id\": \"name\"", 1);
        assert_eq!(
            Journey::from_json(&twice).unwrap_err().to_string(),
            "at pages[3].id: page id \"name\" is used twice"
        );
        let unknown_key = MOVING_HOUSE.replacen("{move.date}", "{move.when}", 1);
        assert_eq!(
            Journey::from_json(&unknown_key).unwrap_err().to_string(),
            "at services[0].connector: the template uses \"{move.when}\", which no question asks for"
        );
    }

    fn read_rule(text: &str) -> Read<Rule> {
        Rule::from_json(&serde_json::from_str(text).unwrap(), At::Top)
    }

    #[test]
    fn every_rule_reads_back_as_it_is_written() {
        let message = Some(Text::en("Check this"));
        let rules = [
            Rule::Past { message: None },
            Rule::TodayOrPast {
                message: message.clone(),
            },
            Rule::Future { message: None },
            Rule::WithinDays {
                days: 30,
                message: None,
            },
            Rule::Before {
                key: "move.date".into(),
                message: message.clone(),
            },
            Rule::After {
                key: "move.date".into(),
                message: None,
            },
            Rule::AgeAtLeast {
                years: 16,
                message: None,
            },
            Rule::AgeAtMost {
                years: 120,
                message: None,
            },
            Rule::MinLength {
                min: 2,
                message: None,
            },
            Rule::MaxLength {
                max: 35,
                message: message.clone(),
            },
            Rule::Min {
                min: -1.5,
                message: None,
            },
            Rule::Max {
                max: 37.5,
                message: None,
            },
            Rule::Whole { message: None },
            Rule::Pattern {
                pattern: "^[A-Z]{2}$".into(),
                message: message.clone().unwrap(),
            },
            Rule::Condition {
                condition: "a > b".into(),
                message: message.clone().unwrap(),
            },
        ];
        for rule in rules {
            let text = serde_json::to_string(&rule).unwrap();
            assert_eq!(read_rule(&text), Ok(rule), "{text}");
        }
    }

    #[test]
    fn a_rule_written_wrongly_is_refused_in_serdes_words() {
        let refused = |text: &str| read_rule(text).unwrap_err().first().message.clone();
        let cases = [
            (r#"{"rule": "within_days"}"#, "missing field `days`"),
            (
                r#"{"rule": "past", "days": 3}"#,
                "unknown field `days`, expected `message`",
            ),
            (
                r#"{"rule": "before", "key": "a", "days": 3}"#,
                "unknown field `days`, expected `key` or `message`",
            ),
            (
                r#"{"rule": "pattern", "pattern": "^a$"}"#,
                "missing field `message`",
            ),
            (
                r#"{"rule": "max_length", "max": 2.5}"#,
                "invalid value for `max`: expected a whole number of characters",
            ),
            (
                r#"{"rule": "min_length", "min": -1}"#,
                "invalid value for `min`: expected a whole number of characters",
            ),
            (r#"{"rule": "soon"}"#, "unknown variant `soon`"),
            (r#"{"days": 3}"#, "missing field `rule`"),
            (
                r#"{"rule": "past", "colour": "red"}"#,
                "unknown field `colour`",
            ),
        ];
        for (text, expected) in cases {
            let error = refused(text);
            assert!(error.starts_with(expected), "{text}: {error}");
        }
    }
}
