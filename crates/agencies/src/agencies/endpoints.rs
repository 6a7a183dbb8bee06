//! Every demo agency endpoint, as data: where it is, the shape of body it takes, what it checks,
//! the kind of reference it makes, and how it answers: straight away, or "accepted" with a status
//! URL to poll. Adding an endpoint is adding an entry here.
//!
//! The agencies are fictional, and their APIs are deliberately different, like real ones:
//!
//! | agency | body | answers |
//! | --- | --- | --- |
//! | Motor Vehicles | nested camelCase JSON | 202 `{ "requestId": "…", "status": "processing", "links": { "status": "/agencies/motor-vehicles/v1/requests/…" } }`, then polled: `{ "requestId": "…", "status": "processing" }` once, then `{ …, "status": "completed", "confirmationId": "MV-2026-004211" }` |
//! | Elections Office | form-encoded | 201 `{ "reference": "EL/88231" }` |
//! | Revenue Service | flat snake_case JSON | 200 `{ "case_number": "rev_5f3a…" }` |
//! | Social Insurance | nested camelCase JSON | 201, reference at `/…/reference` (`SI-…`) |
//! | Vital Records | flat snake_case JSON | 201 (`VR-B-…` births, `VR-D-…` deaths) |
//! | Family Support | nested camelCase JSON | 201 (`FS-CB-…` child benefit, `FS-NS-…` nutrition) |
//! | Labour Office | form-encoded | 201 `{ "reference_number": "LAB-…" }` |
//! | Health Cover | nested camelCase JSON | 202 `{ "tracking": { "id": "…", "href": "/agencies/health-cover/v1/tracking/…" } }`, then polled: `{ "state": "PENDING" }` once, then `{ "state": "ENROLLED", "enrolment": { "id": "HC-…" } }` |
//! | Passport Office | flat camelCase JSON | 201 `{ "reference": "PP-…" }` |
//!
//! An accepted request is stored, with its reference, when it arrives; the 202 reply carries the
//! status URL in its body and in `Location`. The first poll of a status URL says the request is
//! still being worked on; every later poll gives the reference. An unknown token is a 404.
//!
//! The Revenue Service also answers `GET /agencies/revenue/v1/taxpayers/me` with the signed-in
//! person's record, for prefilling (see `profile.rs`); it is not a place to send answers, so it
//! is not in this table.

use super::check::{opt, req, Field, Kind};
use axum::http::StatusCode;
use serde_json::Value;

/// How an endpoint's body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `application/json`: an object, nested or flat.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
}

impl Shape {
    pub fn media_type(self) -> &'static str {
        match self {
            Shape::Json => "application/json",
            Shape::Form => "application/x-www-form-urlencoded",
        }
    }
}

/// An agency's own style of reference, made from the stored record's id.
#[derive(Debug, Clone, Copy)]
pub enum Reference {
    /// The prefix, then `start + id` with zeros in front to `width` digits: `EL/88231`.
    Counter {
        prefix: &'static str,
        start: i64,
        width: usize,
    },
    /// The prefix, the year, then a counter as above: `MV-2026-004211`.
    Yearly {
        prefix: &'static str,
        start: i64,
        width: usize,
    },
    /// The prefix, then 12 hex digits that look random but are unique per id: `rev_5f3a09c1d2e4`.
    Hex { prefix: &'static str },
}

impl Reference {
    pub fn make(self, id: i64, year: i32) -> String {
        match self {
            Reference::Counter {
                prefix,
                start,
                width,
            } => format!("{prefix}{:0width$}", start + id),
            Reference::Yearly {
                prefix,
                start,
                width,
            } => format!("{prefix}{year}-{:0width$}", start + id),
            Reference::Hex { prefix } => {
                // Multiplying by an odd number, and XOR, are one-to-one on 48 bits.
                const MASK: u64 = (1 << 48) - 1;
                let mixed = ((id as u64).wrapping_mul(0x5DEE_CE66_D1F5) ^ 0x5F3A_09C1_D2E4) & MASK;
                format!("{prefix}{mixed:012x}")
            }
        }
    }
}

/// How an endpoint answers a request it has stored.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    /// Straight away, with this status (201 Created or 200 OK) and the reference at a JSON
    /// pointer, e.g. `/claim/reference`.
    Now(StatusCode, &'static str),
    /// 202 Accepted, with a status URL to poll, in the agency's own shape.
    Accepted(&'static Accepted),
}

/// An agency's "accepted, ask again later" shape, as JSON templates. In their strings,
/// `{token}` is the request's status token, `{status_url}` the URL to poll and `{reference}`
/// the stored record's reference.
#[derive(Debug)]
pub struct Accepted {
    /// The status URL, as an axum route with `{token}` in it.
    pub status_url: &'static str,
    /// The body of the 202 reply.
    pub reply: &'static str,
    /// The body of the first poll.
    pub pending: &'static str,
    /// The body of every later poll, with the reference.
    pub done: &'static str,
}

impl Accepted {
    pub fn status_url(&self, token: &str) -> String {
        self.status_url.replace("{token}", token)
    }

    pub fn reply(&self, token: &str) -> Value {
        fill(
            self.reply,
            &[
                ("{status_url}", &self.status_url(token)),
                ("{token}", token),
            ],
        )
    }

    pub fn pending(&self, token: &str) -> Value {
        fill(self.pending, &[("{token}", token)])
    }

    pub fn done(&self, token: &str, reference: &str) -> Value {
        fill(self.done, &[("{token}", token), ("{reference}", reference)])
    }
}

/// A JSON template with its placeholders replaced, in its strings only, so nothing filled in
/// can change the JSON's shape. The templates are checked by this module's tests.
fn fill(template: &str, values: &[(&str, &str)]) -> Value {
    fn walk(value: &mut Value, values: &[(&str, &str)]) {
        match value {
            Value::String(text) => {
                for (placeholder, filled) in values {
                    *text = text.replace(placeholder, filled);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, values)),
            Value::Object(fields) => fields.values_mut().for_each(|v| walk(v, values)),
            _ => {}
        }
    }
    let mut value = serde_json::from_str(template).unwrap_or(Value::Null);
    walk(&mut value, values);
    value
}

/// One endpoint of a demo agency.
#[derive(Debug)]
pub struct Endpoint {
    /// The agency's id, as journeys name it.
    pub agency: &'static str,
    /// The path, under `/agencies/<agency>/`.
    pub path: &'static str,
    pub shape: Shape,
    pub reference: Reference,
    pub answer: Answer,
    pub fields: &'static [Field],
}

impl Endpoint {
    /// The endpoint a request was stored for, by its path.
    pub fn at(path: &str) -> Option<&'static Endpoint> {
        ENDPOINTS.iter().find(|e| e.path == path)
    }

    /// How it answers "accepted", if it does.
    pub fn accepted(&self) -> Option<&'static Accepted> {
        match self.answer {
            Answer::Accepted(accepted) => Some(accepted),
            Answer::Now(..) => None,
        }
    }
}

const RELATIONSHIPS: &[&str] = &[
    "spouse",
    "partner",
    "child",
    "parent",
    "sibling",
    "other_relative",
    "other",
];
const INCOME_BANDS: &[&str] = &[
    "under_20k",
    "20k_to_30k",
    "30k_to_50k",
    "50k_to_80k",
    "over_80k",
];
const SEXES: &[&str] = &["female", "male"];

const MOTOR_VEHICLES: Reference = Reference::Yearly {
    prefix: "MV-",
    start: 4_210,
    width: 6,
};
/// Motor Vehicles: a request id, a status, and links.
static MOTOR_VEHICLES_ACCEPTED: Accepted = Accepted {
    status_url: "/agencies/motor-vehicles/v1/requests/{token}",
    reply: r#"{ "requestId": "{token}", "status": "processing", "links": { "status": "{status_url}" } }"#,
    pending: r#"{ "requestId": "{token}", "status": "processing" }"#,
    done: r#"{ "requestId": "{token}", "status": "completed", "confirmationId": "{reference}" }"#,
};
/// Health Cover: a tracking object, and a state in capitals.
static HEALTH_COVER_ACCEPTED: Accepted = Accepted {
    status_url: "/agencies/health-cover/v1/tracking/{token}",
    reply: r#"{ "tracking": { "id": "{token}", "href": "{status_url}" } }"#,
    pending: r#"{ "state": "PENDING" }"#,
    done: r#"{ "state": "ENROLLED", "enrolment": { "id": "{reference}" } }"#,
};

const ELECTIONS: Reference = Reference::Counter {
    prefix: "EL/",
    start: 88_230,
    width: 0,
};
const REVENUE: Reference = Reference::Hex { prefix: "rev_" };
const SOCIAL_INSURANCE: Reference = Reference::Counter {
    prefix: "SI-",
    start: 4_170_000,
    width: 7,
};
const LABOUR: Reference = Reference::Counter {
    prefix: "LAB-",
    start: 55_000,
    width: 6,
};
const HEALTH_COVER: Reference = Reference::Counter {
    prefix: "HC-",
    start: 20_000_000,
    width: 8,
};
const PASSPORTS: Reference = Reference::Counter {
    prefix: "PP-",
    start: 700_000,
    width: 7,
};

use Kind::*;

pub static ENDPOINTS: &[Endpoint] = &[
    // Motor Vehicles: nested camelCase JSON; accepted, then polled.
    Endpoint {
        agency: "motor-vehicles",
        path: "/agencies/motor-vehicles/v1/licences/address-changes",
        shape: Shape::Json,
        reference: MOTOR_VEHICLES,
        answer: Answer::Accepted(&MOTOR_VEHICLES_ACCEPTED),
        fields: &[
            req("licenceNumber", Identifier),
            req("driver.givenName", Text),
            req("driver.familyName", Text),
            req("driver.dateOfBirth", Date),
            req("newAddress", Address),
            req("dateMoved", Date),
        ],
    },
    Endpoint {
        agency: "motor-vehicles",
        path: "/agencies/motor-vehicles/v1/licences/cancellations",
        shape: Shape::Json,
        reference: MOTOR_VEHICLES,
        answer: Answer::Accepted(&MOTOR_VEHICLES_ACCEPTED),
        fields: &[
            opt("licenceNumber", Identifier),
            req("reason", OneOf(&["death", "surrender"])),
            opt("dateOfDeath", Date),
            req("driver.givenName", Text),
            req("driver.familyName", Text),
            req("driver.dateOfBirth", Date),
            req("driver.address", Address),
            req("notifier.givenName", Text),
            req("notifier.familyName", Text),
            req("notifier.relationship", OneOf(RELATIONSHIPS)),
            req("notifier.phone", Phone),
            req("notifier.address", Address),
        ],
    },
    // Elections Office: form-encoded.
    Endpoint {
        agency: "elections",
        path: "/agencies/elections/v1/registrations/address-changes",
        shape: Shape::Form,
        reference: ELECTIONS,
        answer: Answer::Now(StatusCode::CREATED, "/reference"),
        fields: &[
            req("first_name", Text),
            req("last_name", Text),
            req("date_of_birth", Date),
            req("new_address_line_1", Text),
            opt("new_address_line_2", Text),
            req("new_town", Text),
            req("new_postcode", UkPostcode),
            req("moved_on", Date),
            req("previous_address_line_1", Text),
            opt("previous_address_line_2", Text),
            req("previous_town", Text),
            req("previous_postcode", UkPostcode),
        ],
    },
    Endpoint {
        agency: "elections",
        path: "/agencies/elections/v1/registrations/removals",
        shape: Shape::Form,
        reference: ELECTIONS,
        answer: Answer::Now(StatusCode::CREATED, "/reference"),
        fields: &[
            req("first_name", Text),
            req("last_name", Text),
            req("date_of_birth", Date),
            req("address_line_1", Text),
            opt("address_line_2", Text),
            req("town", Text),
            req("postcode", UkPostcode),
            req("reason", OneOf(&["death"])),
            req("date_of_death", Date),
            req("notified_by_first_name", Text),
            req("notified_by_last_name", Text),
            req("notified_by_relationship", OneOf(RELATIONSHIPS)),
        ],
    },
    // Revenue Service: flat snake_case JSON, 200 with a case number. (Its taxpayer profile, for
    // prefilling, is in `profile.rs`.)
    Endpoint {
        agency: "revenue",
        path: "/agencies/revenue/v1/address-changes",
        shape: Shape::Json,
        reference: REVENUE,
        answer: Answer::Now(StatusCode::OK, "/case_number"),
        fields: &[
            req("taxpayer_number", Identifier),
            req("first_name", Text),
            req("last_name", Text),
            req("new_address_line_1", Text),
            opt("new_address_line_2", Text),
            req("new_town", Text),
            req("new_postcode", UkPostcode),
            req("previous_address_line_1", Text),
            opt("previous_address_line_2", Text),
            req("previous_town", Text),
            req("previous_postcode", UkPostcode),
            opt("moved_on", Date),
            opt("phone", Phone),
            opt("email", Email),
        ],
    },
    Endpoint {
        agency: "revenue",
        path: "/agencies/revenue/v1/deaths",
        shape: Shape::Json,
        reference: REVENUE,
        answer: Answer::Now(StatusCode::OK, "/case_number"),
        fields: &[
            req("deceased_first_names", Text),
            req("deceased_last_name", Text),
            req("deceased_date_of_birth", Date),
            opt("deceased_national_id", Identifier),
            req("date_of_death", Date),
            req("deceased_address_line_1", Text),
            opt("deceased_address_line_2", Text),
            req("deceased_town", Text),
            req("deceased_postcode", UkPostcode),
            req("contact_first_name", Text),
            req("contact_last_name", Text),
            req("contact_relationship", OneOf(RELATIONSHIPS)),
            opt("contact.phone", Phone),
            req("contact_address_line_1", Text),
            opt("contact_address_line_2", Text),
            req("contact_town", Text),
            req("contact_postcode", UkPostcode),
        ],
    },
    Endpoint {
        agency: "revenue",
        path: "/agencies/revenue/v1/withholding-requests",
        shape: Shape::Json,
        reference: REVENUE,
        answer: Answer::Now(StatusCode::OK, "/case_number"),
        fields: &[
            req("first_name", Text),
            req("last_name", Text),
            req("date_of_birth", Date),
            req("national_id", Identifier),
            req("address_line_1", Text),
            opt("address_line_2", Text),
            req("town", Text),
            req("postcode", UkPostcode),
            req("benefit_start_date", Date),
            req("pension_scheme_name", Text),
            req("collect_through", OneOf(&["public_sector_pension"])),
        ],
    },
    // Vital Records: flat snake_case JSON.
    Endpoint {
        agency: "vital-records",
        path: "/agencies/vital-records/v1/births",
        shape: Shape::Json,
        reference: Reference::Yearly {
            prefix: "VR-B-",
            start: 31_000,
            width: 6,
        },
        answer: Answer::Now(StatusCode::CREATED, "/registration_number"),
        fields: &[
            req("child_given_names", Text),
            req("child_family_name", Text),
            req("child_sex", OneOf(SEXES)),
            req("date_of_birth", Date),
            req(
                "place_of_birth_type",
                OneOf(&["hospital", "home", "somewhere_else"]),
            ),
            opt("place_of_birth", Text),
            req("parent_1_given_name", Text),
            req("parent_1_family_name", Text),
            req("parent_1_date_of_birth", Date),
            opt("contact.phone", Phone),
            opt("contact_email", Email),
            req("parent_2_included", YesNo),
            opt("parent_2_given_name", Text),
            opt("parent_2_family_name", Text),
            opt("parent_2_date_of_birth", Date),
            req("address_line_1", Text),
            opt("address_line_2", Text),
            req("town", Text),
            req("postcode", UkPostcode),
        ],
    },
    Endpoint {
        agency: "vital-records",
        path: "/agencies/vital-records/v1/deaths",
        shape: Shape::Json,
        reference: Reference::Yearly {
            prefix: "VR-D-",
            start: 12_000,
            width: 6,
        },
        answer: Answer::Now(StatusCode::CREATED, "/death_reference"),
        fields: &[
            req("deceased_given_names", Text),
            req("deceased_family_name", Text),
            req("deceased_date_of_birth", Date),
            req("date_of_death", Date),
            req("place_of_death", Text),
            req("usual_address_line_1", Text),
            opt("usual_address_line_2", Text),
            req("usual_town", Text),
            req("usual_postcode", UkPostcode),
            req("informant_given_name", Text),
            req("informant_family_name", Text),
            req("informant_relationship", OneOf(RELATIONSHIPS)),
            req("informant_phone", Phone),
            opt("informant_email", Email),
            req("informant_address_line_1", Text),
            opt("informant_address_line_2", Text),
            req("informant_town", Text),
            req("informant_postcode", UkPostcode),
        ],
    },
    // Social Insurance: nested camelCase JSON.
    Endpoint {
        agency: "social-insurance",
        path: "/agencies/social-insurance/v1/identity-numbers",
        shape: Shape::Json,
        reference: SOCIAL_INSURANCE,
        answer: Answer::Now(StatusCode::CREATED, "/application/reference"),
        fields: &[
            req("child.givenName", Text),
            req("child.familyName", Text),
            req("child.dateOfBirth", Date),
            req("child.sex", OneOf(SEXES)),
            req("parent.givenName", Text),
            req("parent.familyName", Text),
            req("parent.dateOfBirth", Date),
            req("parent.identityNumber", Identifier),
            req("mailingAddress", Address),
        ],
    },
    Endpoint {
        agency: "social-insurance",
        path: "/agencies/social-insurance/v1/death-notifications",
        shape: Shape::Json,
        reference: SOCIAL_INSURANCE,
        answer: Answer::Now(StatusCode::CREATED, "/notification/reference"),
        fields: &[
            req("deceased.name", Name),
            req("deceased.dateOfBirth", Date),
            req("deceased.dateOfDeath", Date),
            opt("deceased.identityNumber", Identifier),
            req(
                "deceased.benefits",
                ListOf(&[
                    "retirement_benefit",
                    "disability_benefit",
                    "other_benefit",
                    "none",
                ]),
            ),
            req("deceased.lastAddress", Address),
            req("informant.name", Name),
            req("informant.relationship", OneOf(RELATIONSHIPS)),
            req("informant.phone", Phone),
            opt("informant.email", Email),
            req("informant.address", Address),
        ],
    },
    Endpoint {
        agency: "social-insurance",
        path: "/agencies/social-insurance/v1/survivor-claims",
        shape: Shape::Json,
        reference: SOCIAL_INSURANCE,
        answer: Answer::Now(StatusCode::CREATED, "/claim/reference"),
        fields: &[
            req("claimant.name", Name),
            req("claimant.dateOfBirth", Date),
            req("claimant.identityNumber", Identifier),
            req("claimant.relationship", OneOf(RELATIONSHIPS)),
            req("claimant.phone", Phone),
            opt("claimant.email", Email),
            req("claimant.address", Address),
            req("deceased.name", Name),
            req("deceased.dateOfBirth", Date),
            req("deceased.dateOfDeath", Date),
            opt("deceased.identityNumber", Identifier),
        ],
    },
    Endpoint {
        agency: "social-insurance",
        path: "/agencies/social-insurance/v1/retirement-claims",
        shape: Shape::Json,
        reference: SOCIAL_INSURANCE,
        answer: Answer::Now(StatusCode::CREATED, "/claim/reference"),
        fields: &[
            req("applicant.name", Name),
            req("applicant.dateOfBirth", Date),
            req("applicant.identityNumber", Identifier),
            opt("applicant.phone", Phone),
            req("applicant.address", Address),
            req("benefit.startDate", Date),
            opt("benefit.stopWorkingOn", Date),
            req("benefit.publicSectorPension", YesNo),
            req("payment.accountName", Text),
            req("payment.sortCode", Identifier),
            req("payment.accountNumber", Identifier),
        ],
    },
    Endpoint {
        agency: "social-insurance",
        path: "/agencies/social-insurance/v1/benefit-forecasts",
        shape: Shape::Json,
        reference: SOCIAL_INSURANCE,
        answer: Answer::Now(StatusCode::CREATED, "/forecast/reference"),
        fields: &[
            req("applicant.name", Name),
            req("applicant.dateOfBirth", Date),
            req("applicant.identityNumber", Identifier),
            req("applicant.address", Address),
            opt("plannedStopWorkingOn", Date),
        ],
    },
    // Family Support: nested camelCase JSON.
    Endpoint {
        agency: "family-support",
        path: "/agencies/family-support/v1/child-benefit/claims",
        shape: Shape::Json,
        reference: Reference::Counter {
            prefix: "FS-CB-",
            start: 100_000,
            width: 6,
        },
        answer: Answer::Now(StatusCode::CREATED, "/claim/reference"),
        fields: &[
            req("claimant.name", Name),
            req("claimant.dateOfBirth", Date),
            req("claimant.identityNumber", Identifier),
            req("claimant.address", Address),
            req("child.givenName", Text),
            req("child.familyName", Text),
            req("child.dateOfBirth", Date),
            req("household.size", Number),
            req("household.incomeBand", OneOf(INCOME_BANDS)),
            req("payment.accountName", Text),
            req("payment.sortCode", Identifier),
            req("payment.accountNumber", Identifier),
        ],
    },
    Endpoint {
        agency: "family-support",
        path: "/agencies/family-support/v1/nutrition-support/applications",
        shape: Shape::Json,
        reference: Reference::Counter {
            prefix: "FS-NS-",
            start: 200_000,
            width: 6,
        },
        answer: Answer::Now(StatusCode::CREATED, "/application/reference"),
        fields: &[
            req("applicant.name", Name),
            req("applicant.dateOfBirth", Date),
            req("applicant.address", Address),
            req("household.size", Number),
            req("household.incomeBand", OneOf(INCOME_BANDS)),
            opt("household.childrenUnder5", Number),
            opt("baby.isBorn", YesNo),
            opt("baby.dateOfBirth", Date),
            opt("baby.dueDate", Date),
            opt("contact.phone", Phone),
            opt("contact.email", Email),
        ],
    },
    // Labour Office: form-encoded.
    Endpoint {
        agency: "labour",
        path: "/agencies/labour/v1/unemployment-claims",
        shape: Shape::Form,
        reference: LABOUR,
        answer: Answer::Now(StatusCode::CREATED, "/reference_number"),
        fields: &[
            req("first_name", Text),
            req("last_name", Text),
            req("date_of_birth", Date),
            req("national_id", Identifier),
            req("address_line_1", Text),
            opt("address_line_2", Text),
            req("town", Text),
            req("postcode", UkPostcode),
            opt("phone", Phone),
            opt("email", Email),
            req("employer_name", Text),
            opt("job_title", Text),
            req("last_day_of_work", Date),
            req(
                "reason_for_leaving",
                OneOf(&["laid_off", "contract_ended", "dismissed", "quit", "other"]),
            ),
            req("hours_per_week", Number),
            req("weekly_earnings", Money),
            req("account_name", Text),
            req("sort_code", Identifier),
            req("account_number", Identifier),
        ],
    },
    Endpoint {
        agency: "labour",
        path: "/agencies/labour/v1/job-search/registrations",
        shape: Shape::Form,
        reference: LABOUR,
        answer: Answer::Now(StatusCode::CREATED, "/reference_number"),
        fields: &[
            req("first_name", Text),
            req("last_name", Text),
            req("date_of_birth", Date),
            req("postcode", UkPostcode),
            opt("phone", Phone),
            opt("email", Email),
            opt("last_job_title", Text),
            opt("available_from", Date),
            opt("hours_per_week", Number),
        ],
    },
    // Health Cover: nested camelCase JSON; accepted, then polled.
    Endpoint {
        agency: "health-cover",
        path: "/agencies/health-cover/v1/dependants",
        shape: Shape::Json,
        reference: HEALTH_COVER,
        answer: Answer::Accepted(&HEALTH_COVER_ACCEPTED),
        fields: &[
            req("memberNumber", Identifier),
            req("member.name", Name),
            req("member.dateOfBirth", Date),
            req("dependant.name", Name),
            req("dependant.dateOfBirth", Date),
            opt("dependant.sex", OneOf(SEXES)),
            req(
                "dependant.relationship",
                OneOf(&["child", "spouse", "partner"]),
            ),
            req("address", Address),
        ],
    },
    Endpoint {
        agency: "health-cover",
        path: "/agencies/health-cover/v1/enrolments",
        shape: Shape::Json,
        reference: HEALTH_COVER,
        answer: Answer::Accepted(&HEALTH_COVER_ACCEPTED),
        fields: &[
            req("applicant.name", Name),
            req("applicant.dateOfBirth", Date),
            req("applicant.identityNumber", Identifier),
            opt("applicant.phone", Phone),
            opt("applicant.email", Email),
            req("applicant.address", Address),
            req(
                "qualifyingEvent.type",
                OneOf(&["lost_job_cover", "turning_65"]),
            ),
            opt("qualifyingEvent.date", Date),
            opt("household.size", Number),
            opt("household.incomeBand", OneOf(INCOME_BANDS)),
        ],
    },
    // Passport Office: flat camelCase JSON.
    Endpoint {
        agency: "passports",
        path: "/agencies/passports/v1/cancellations",
        shape: Shape::Json,
        reference: PASSPORTS,
        answer: Answer::Now(StatusCode::CREATED, "/reference"),
        fields: &[
            req("holderGivenNames", Text),
            req("holderFamilyName", Text),
            req("holderDateOfBirth", Date),
            opt("passportNumber", Identifier),
            req("reason", OneOf(&["death", "lost", "stolen"])),
            opt("dateOfDeath", Date),
            req("notifierGivenName", Text),
            req("notifierFamilyName", Text),
            req("notifierRelationship", OneOf(RELATIONSHIPS)),
            req("notifierPhone", Phone),
            opt("notifierEmail", Email),
            req("notifierAddressLine1", Text),
            opt("notifierAddressLine2", Text),
            req("notifierTown", Text),
            req("notifierPostcode", UkPostcode),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn references_in_each_agency_style() {
        assert_eq!(ELECTIONS.make(1, 2026), "EL/88231");
        assert_eq!(MOTOR_VEHICLES.make(1, 2026), "MV-2026-004211");
        assert_eq!(LABOUR.make(12, 2026), "LAB-055012");
        let revenue: BTreeSet<String> = (1..2_000).map(|id| REVENUE.make(id, 2026)).collect();
        assert_eq!(revenue.len(), 1_999, "unique");
        assert!(revenue
            .iter()
            .all(|r| r.len() == 16 && r.starts_with("rev_")));
    }

    #[test]
    fn every_endpoint_is_under_its_agency_and_listed_once() {
        let mut paths = BTreeSet::new();
        for endpoint in ENDPOINTS {
            assert!(
                endpoint
                    .path
                    .starts_with(&format!("/agencies/{}/", endpoint.agency)),
                "{}",
                endpoint.path
            );
            match endpoint.answer {
                Answer::Now(status, pointer) => {
                    assert!(pointer.starts_with('/'), "{}", endpoint.path);
                    assert!(status.is_success(), "{}", endpoint.path);
                }
                Answer::Accepted(accepted) => assert!(
                    accepted
                        .status_url
                        .starts_with(&format!("/agencies/{}/", endpoint.agency))
                        && accepted.status_url.ends_with("/{token}"),
                    "{}",
                    accepted.status_url
                ),
            }
            assert!(paths.insert(endpoint.path), "{} twice", endpoint.path);
        }
    }

    #[test]
    fn accepted_templates_are_json_and_filled_in() {
        for accepted in ENDPOINTS.iter().filter_map(Endpoint::accepted) {
            for template in [accepted.reply, accepted.pending, accepted.done] {
                let parsed: Value = serde_json::from_str(template).unwrap();
                assert!(parsed.is_object(), "{template}");
            }
            assert!(
                accepted.reply.contains("{status_url}"),
                "{}",
                accepted.reply
            );
            assert!(accepted.done.contains("{reference}"), "{}", accepted.done);
            assert!(!accepted.pending.contains("{reference}"));
        }
        let token = "a\"b";
        assert_eq!(
            MOTOR_VEHICLES_ACCEPTED.reply(token),
            serde_json::json!({
                "requestId": token,
                "status": "processing",
                "links": { "status": "/agencies/motor-vehicles/v1/requests/a\"b" }
            }),
            "what is filled in stays inside its string"
        );
        assert_eq!(
            HEALTH_COVER_ACCEPTED.done("t", "HC-1"),
            serde_json::json!({ "state": "ENROLLED", "enrolment": { "id": "HC-1" } })
        );
    }
}
