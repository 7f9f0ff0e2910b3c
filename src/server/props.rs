//! Property tests of the bodies `serve` accepts (server-flow.md 1.1 and 1.9, Django REST
//! framework's rules): arbitrary bytes and arbitrary JSON never panic a decoder, every refusal
//! is a 400 in DRF's shape naming only fields the endpoint reads, and a valid body generated
//! from its parts is accepted and decodes to exactly those parts. The same bodies go through the
//! router in `tests/it/server/props.rs`.

use chrono::{DateTime, FixedOffset, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

use super::decode::{Text, object, parse_datetime};
use super::query::Query;
use super::release_body::{self, Endpoint, Ref, Refs};
use super::{deploys, pagination};
use crate::backend::ReleaseStatus;
use crate::domain::py_is_space;
use crate::flow::commits::{CommitInput, Sent};
use crate::props_tests::{any_text, config, json_leaf, json_value, key, string_of};
use crate::remote::answer::next_cursor;

/// The top-level fields each endpoint reads (and may name in a 400).
fn fields_of(endpoint: Endpoint) -> &'static [&'static str] {
    match endpoint {
        Endpoint::ProjectPost => &["version", "ref", "url", "dateReleased", "status", "commits"],
        Endpoint::OrganizationPost => &[
            "version",
            "projects",
            "ref",
            "url",
            "dateReleased",
            "status",
            "commits",
            "refs",
            "headCommits",
        ],
        Endpoint::Put => &[
            "ref",
            "url",
            "dateReleased",
            "status",
            "commits",
            "refs",
            "headCommits",
        ],
    }
}

const DEPLOY_FIELDS: &[&str] = &[
    "environment",
    "name",
    "url",
    "dateStarted",
    "dateFinished",
    "projects",
];

/// A JSON object of field names (of any endpoint) with arbitrary values.
fn json_object() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::vec((key(), json_value()), 0..8).prop_map(|pairs| pairs.into_iter().collect())
}

/// DRF's error shape: `[messages]`, or an object of those (nested serializers).
fn drf_shaped(value: &Value) -> bool {
    match value {
        Value::Array(items) => !items.is_empty() && items.iter().all(Value::is_string),
        Value::Object(fields) => !fields.is_empty() && fields.values().all(drf_shaped),
        _ => false,
    }
}

/// A refusal is a 400 whose body is `{detail}` or `{field: errors}` naming only `fields`.
fn check_refusal(
    err: &super::ApiError,
    fields: &[&str],
) -> Result<(), proptest::test_runner::TestCaseError> {
    prop_assert_eq!(err.status.as_u16(), 400);
    let Value::Object(body) = &err.body else {
        return Err(proptest::test_runner::TestCaseError::fail(format!(
            "not an object: {}",
            err.body
        )));
    };
    if body.contains_key("detail") {
        prop_assert_eq!(body.len(), 1);
        prop_assert!(body["detail"].is_string());
    } else {
        prop_assert!(!body.is_empty());
        for (field, errors) in body {
            prop_assert!(
                fields.contains(&field.as_str()) || field == "non_field_errors",
                "{field} is not read here: {}",
                err.body
            );
            prop_assert!(drf_shaped(errors), "{}", err.body);
        }
    }
    Ok(())
}

/// A version that passes server-flow 1.2.
fn valid_version() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9][A-Za-z0-9 ._+@~:-]{0,40}",
        string_of(
            any::<char>().prop_map(|c| {
                if c.is_control() || c.is_whitespace() || c == '/' || c == '\\' {
                    'v'
                } else {
                    c
                }
            }),
            1..60,
        ),
    ]
    .prop_filter("valid", |v| {
        crate::domain::version::validate_version(v).is_ok()
    })
}

/// An instant between years 1000 and 9000, to the microsecond (what the store keeps).
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (-30_610_224_000i64..221_845_392_000, 0u32..1_000_000).prop_map(|(secs, micros)| {
        DateTime::from_timestamp(secs, micros * 1000).unwrap_or_default()
    })
}

fn url() -> impl Strategy<Value = String> {
    "https?://[a-z]{1,10}\\.(com|io)(:[0-9]{2,4})?(/[a-zA-Z0-9._~-]{0,8}){0,3}"
}

fn sha() -> impl Strategy<Value = String> {
    "[0-9a-f]{1,64}"
}

fn commit() -> impl Strategy<Value = (Value, CommitInput)> {
    (
        sha(),
        prop::option::of("[a-z]{1,10}/[a-z]{1,10}"),
        prop::option::of(any_text(60).prop_map(|m| m.replace('\0', ""))),
        prop::option::of("[A-Z][a-z]{0,10}( [A-Z][a-z]{0,10})?"),
        prop::option::of("[a-z0-9.]{1,20}@[a-z]{1,10}\\.com"),
        prop::option::of(instant()),
        prop::collection::vec(("[a-z0-9_./-]{1,40}", select(vec!["A", "M", "D"])), 0..4),
    )
        .prop_map(
            |(id, repository, message, author_name, author_email, timestamp, patches)| {
                let mut value = json!({"id": id});
                let input = CommitInput {
                    id,
                    repository: repository.clone(),
                    message: message.clone().map_or(Sent::Absent, Sent::Value),
                    author_name: author_name.clone(),
                    author_email: author_email.clone(),
                    timestamp,
                    patch_set: patches
                        .iter()
                        .map(|(p, t)| (p.clone(), (*t).to_string()))
                        .collect(),
                };
                let fields = [
                    ("repository", repository.map(Value::from)),
                    ("message", message.map(Value::from)),
                    ("author_name", author_name.map(Value::from)),
                    ("author_email", author_email.map(Value::from)),
                    (
                        "timestamp",
                        timestamp.map(|t| Value::from(crate::time::format_ts(t))),
                    ),
                ];
                for (name, field) in fields {
                    if let Some(field) = field {
                        value[name] = field;
                    }
                }
                if !patches.is_empty() {
                    value["patch_set"] = patches
                        .iter()
                        .map(|(path, kind)| json!({"path": path, "type": kind}))
                        .collect();
                }
                (value, input)
            },
        )
}

fn head_ref() -> impl Strategy<Value = (Value, Ref)> {
    (
        "[a-z]{1,10}/[a-z]{1,10}",
        sha(),
        prop::option::of(sha()),
        any::<bool>(),
    )
        .prop_map(|(repository, commit, previous, as_range)| match previous {
            Some(previous) if as_range => (
                json!({"repository": repository, "commit": format!("{previous}..{commit}")}),
                Ref {
                    repository,
                    commit,
                    previous: Some(previous),
                },
            ),
            previous => (
                json!({"repository": repository, "commit": commit, "previousCommit": previous}),
                Ref {
                    repository,
                    commit,
                    previous,
                },
            ),
        })
}

/// A valid release body for `endpoint` and what it must decode to.
fn release_body(endpoint: Endpoint) -> impl Strategy<Value = (Value, release_body::ReleaseBody)> {
    (
        valid_version(),
        prop::collection::vec(prop_oneof!["[a-z][a-z0-9-]{0,10}", "[0-9]{1,5}"], 0..3),
        prop::option::of("[A-Za-z0-9._/-]{1,40}"),
        prop::option::of(url()),
        prop::option::of(instant()),
        prop::option::of(select(vec!["open", "archived"])),
        prop::collection::vec(commit(), 0..3),
        prop::collection::vec(head_ref(), 0..3),
    )
        .prop_map(
            move |(version, projects, ref_, url, released, status, commits, refs)| {
                let mut body = json!({});
                let mut expected = release_body::ReleaseBody::default();
                if endpoint != Endpoint::Put {
                    body["version"] = json!(version);
                    expected.version = version;
                }
                if endpoint == Endpoint::OrganizationPost {
                    body["projects"] = json!(projects);
                    expected.projects = projects;
                }
                if let Some(ref_) = ref_ {
                    body["ref"] = json!(ref_);
                    expected.ref_ = Some(ref_);
                }
                if let Some(url) = url {
                    body["url"] = json!(url);
                    expected.url = Some(url);
                }
                if let Some(released) = released {
                    body["dateReleased"] = json!(crate::time::format_ts(released));
                    expected.date_released = Some(released);
                }
                if let Some(status) = status {
                    body["status"] = json!(status);
                    expected.status = match (status, endpoint) {
                        // A PUT checks "open" and ignores it (server-flow 1.8 step 4).
                        ("open", Endpoint::Put) => None,
                        ("open", _) => Some(ReleaseStatus::Open),
                        _ => Some(ReleaseStatus::Archived),
                    };
                }
                if !commits.is_empty() {
                    body["commits"] = commits.iter().map(|(v, _)| v.clone()).collect();
                    expected.commits = commits.into_iter().map(|(_, c)| c).collect();
                }
                if endpoint != Endpoint::ProjectPost && !refs.is_empty() {
                    body["refs"] = refs.iter().map(|(v, _)| v.clone()).collect();
                    expected.refs = Refs::Set(refs.into_iter().map(|(_, r)| r).collect());
                }
                (body, expected)
            },
        )
}

fn endpoint() -> impl Strategy<Value = Endpoint> {
    select(vec![
        Endpoint::ProjectPost,
        Endpoint::OrganizationPost,
        Endpoint::Put,
    ])
}

proptest! {
    #![proptest_config(config(256))]

    /// Any bytes as a body: `{}` for an empty or blank body, the object for a JSON object, else
    /// a 400 (`JSON parse error` or DRF's "Expected a dictionary"), never a panic.
    #[test]
    fn any_bytes_are_an_object_or_a_400(bytes in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        json_value().prop_map(|v| v.to_string().into_bytes()),
        any_text(60).prop_map(String::into_bytes),
    ]) {
        let parsed = serde_json::from_slice::<Value>(&bytes);
        match object(&bytes) {
            Ok(map) => {
                let blank = bytes.iter().all(u8::is_ascii_whitespace);
                match parsed {
                    Ok(Value::Object(expected)) => prop_assert_eq!(map, expected),
                    _ => prop_assert!(blank && map.is_empty()),
                }
            }
            Err(err) => {
                prop_assert!(!matches!(parsed, Ok(Value::Object(_))));
                check_refusal(&err, &[])?;
            }
        }
    }

    /// Any JSON object to any release endpoint: decoded, or a 400 in DRF's shape that names
    /// only the fields that endpoint reads.
    #[test]
    fn any_release_body_is_decoded_or_refused(obj in json_object(), endpoint in endpoint()) {
        if let Err(err) = release_body::decode(&obj, endpoint) {
            check_refusal(&err, fields_of(endpoint))?;
        }
    }

    /// Arbitrary values in every field of a commit, a patch entry and a ref.
    #[test]
    fn any_nested_items_are_decoded_or_refused(
        commits in prop::collection::vec(prop::collection::vec((key(), json_value()), 0..8), 0..3),
        refs in prop::collection::vec(prop::collection::vec((key(), json_value()), 0..5), 0..3),
        endpoint in endpoint(),
    ) {
        let as_objects = |items: Vec<Vec<(String, Value)>>| -> Value {
            items
                .into_iter()
                .map(|pairs| Value::Object(pairs.into_iter().collect()))
                .collect()
        };
        let body = json!({
            "version": "1.0",
            "projects": ["backend"],
            "commits": as_objects(commits),
            "refs": as_objects(refs.clone()),
            "headCommits": as_objects(refs),
        });
        let obj = body.as_object().cloned().unwrap_or_default();
        if let Err(err) = release_body::decode(&obj, endpoint) {
            check_refusal(&err, fields_of(endpoint))?;
        }
    }

    /// A valid body built from its parts is accepted and decodes to exactly those parts:
    /// version untrimmed, projects, ref, url, date, status, every commit field, refs.
    #[test]
    fn valid_release_bodies_decode_to_their_parts(
        (endpoint, body, expected) in endpoint().prop_flat_map(|endpoint| {
            release_body(endpoint).prop_map(move |(body, expected)| (endpoint, body, expected))
        }),
    ) {
        let obj = body.as_object().cloned().unwrap_or_default();
        let decoded = release_body::decode(&obj, endpoint).map_err(|err| err.body);
        prop_assert_eq!(decoded, Ok(expected), "{}", body);
    }

    /// The API and the command line agree on every version: `{"version": v}` is accepted by a
    /// POST exactly when `relctl release new v` accepts it.
    #[test]
    fn api_and_cli_agree_on_versions(v in prop_oneof![any_text(210), valid_version()]) {
        let obj = json!({"version": v}).as_object().cloned().unwrap_or_default();
        let api = release_body::decode(&obj, Endpoint::ProjectPost);
        let cli = crate::flow::releases::check_version(&v);
        prop_assert_eq!(api.is_ok(), cli.is_ok(), "{:?}: {:?}", v, api.map(|b| b.version));
    }

    /// Deploy bodies (server-flow 1.9): any object is decoded or refused with DRF's shape.
    #[test]
    fn any_deploy_body_is_decoded_or_refused(obj in json_object()) {
        if let Err(err) = deploys::decode(&obj) {
            check_refusal(&err, DEPLOY_FIELDS)?;
        }
    }

    /// `ENVIRONMENT_NAME_PATTERN` `^[^\n\r\f\/]*$`, at most 64 chars: a name without those
    /// chars is accepted, one with them inside is refused.
    #[test]
    fn deploy_environments(
        name in "[A-Za-z0-9][A-Za-z0-9 ._-]{0,30}[A-Za-z0-9]",
        bad in select(vec!['\n', '\r', '\u{0c}', '/']),
        at in any::<prop::sample::Index>(),
        projects in prop::option::of(prop::collection::vec("[a-z]{1,8}", 1..3)),
        finished in prop::option::of(instant()),
    ) {
        let mut body = json!({"environment": name});
        if let Some(projects) = &projects {
            body["projects"] = json!(projects);
        }
        if let Some(finished) = finished {
            body["dateFinished"] = json!(crate::time::format_ts(finished));
        }
        let obj = body.as_object().cloned().unwrap_or_default();
        prop_assert!(deploys::decode(&obj).is_ok(), "{}", body);
        let chars: Vec<char> = name.chars().collect();
        let cut = 1 + at.index(chars.len() - 1);
        let broken: String = chars[..cut].iter().chain([bad].iter()).chain(&chars[cut..]).collect();
        let obj = json!({"environment": broken}).as_object().cloned().unwrap_or_default();
        let refused = deploys::decode(&obj).err().map(|err| err.body);
        prop_assert_eq!(refused, Some(json!({"environment": ["Invalid value for environment"]})));
    }

    /// DRF `CharField`: a trimmed value has no surrounding whitespace (Python's `str.strip()`,
    /// which also strips U+001C..U+001F), a value never has more than `max` chars or a NUL.
    #[test]
    fn text_fields_follow_their_rules(
        value in prop_oneof![json_leaf(), any_text(30).prop_map(Value::String)],
        max in 1..40usize,
        trim in any::<bool>(),
    ) {
        let rules = if trim { Text::new().max(max).blank() } else { Text::new().max(max).blank().untrimmed() };
        if let Ok(Some(text)) = rules.check(&value) {
            prop_assert!(text.chars().count() <= max);
            prop_assert!(!text.contains('\0'));
            if trim {
                prop_assert!(!text.starts_with(py_is_space) && !text.ends_with(py_is_space), "{text:?}");
            }
        }
    }

    /// DRF `DateTimeField`: any text never panics; an instant written as RFC 3339 in any
    /// offset, with or without fractions, reads back as the same instant.
    #[test]
    fn datetimes_round_trip(
        t in instant(),
        offset_minutes in -(23 * 60 + 59)..(23 * 60 + 59),
        text in any_text(40),
        form in 0..3usize,
    ) {
        let _ = parse_datetime(&text);
        let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap();
        let local = t.with_timezone(&offset);
        let written = match form {
            0 => crate::time::format_ts(t),
            1 => local.to_rfc3339(),
            _ => local.format("%Y-%m-%d %H:%M:%S%.6f%:z").to_string(),
        };
        prop_assert_eq!(parse_datetime(&written), Some(t), "{}", written);
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Paging between relctl's client and `serve`: the `Link` header of page k, read by the
    /// remote client, names a cursor that `serve` reads as page k + 1 of the same size; the
    /// last page names none. Other query parameters of any text survive in the link.
    #[test]
    fn link_cursors_lead_to_the_next_page(
        per_page in 1..=100usize,
        page in 0..10_000usize,
        others in prop::collection::vec((any_text(6), any_text(10)), 0..3),
    ) {
        let base = "http://relctl.test:8765/api/0/organizations/default/releases/";
        let per_page_text = per_page.to_string();
        let cursor = format!("{per_page}:{page}:0");
        let mut pairs: Vec<(&str, &str)> = others
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .filter(|(k, _)| *k != "per_page" && *k != "cursor")
            .collect();
        pairs.push(("per_page", &per_page_text));
        pairs.push(("cursor", &cursor));
        let query = Query::from_pairs(base, &pairs);
        let window = pagination::window(&query);
        prop_assert!(window.is_ok());
        let window = window.unwrap();
        prop_assert_eq!((window.offset, window.limit), (per_page * page, per_page));
        prop_assert_eq!(next_cursor(&pagination::link(&query, &window, false)), None);
        let next = next_cursor(&pagination::link(&query, &window, true));
        prop_assert!(next.is_some());
        let next = next.unwrap();
        pairs.pop();
        pairs.push(("cursor", &next));
        let following = pagination::window(&Query::from_pairs(base, &pairs)).unwrap();
        prop_assert_eq!(
            (following.offset, following.limit),
            (per_page * (page + 1), per_page)
        );
    }

    /// `per_page` and `cursor` of any text: a window or a 400, never a panic or an overflow.
    #[test]
    fn any_paging_parameters_give_a_window_or_a_400(
        per_page in prop::option::of(prop_oneof![any_text(8), "-?[0-9]{1,25}"]),
        cursor in prop::option::of(prop_oneof![any_text(12), "[0-9]{1,22}:[0-9]{1,22}:[0-2]"]),
    ) {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if let Some(per_page) = &per_page {
            pairs.push(("per_page", per_page));
        }
        if let Some(cursor) = &cursor {
            pairs.push(("cursor", cursor));
        }
        match pagination::window(&Query::from_pairs("http://h/x/", &pairs)) {
            Ok(window) => prop_assert!((1..=100).contains(&window.limit)),
            Err(err) => check_refusal(&err, &[])?,
        }
    }
}

/// Regressions the properties above found.
mod regressions {
    use super::*;

    /// DRF trims with Python's `str.strip()`: U+001C..U+001F around a value are whitespace, so
    /// `"\u{1c}"` is blank (an environment named by a control char was accepted).
    #[test]
    fn python_whitespace_is_trimmed_and_blank() {
        assert_eq!(
            Text::new().check(&json!("\u{1c}prod\u{1f}")),
            Ok(Some("prod".to_string()))
        );
        assert_eq!(
            Text::new().check(&json!("\u{1c}")),
            Err(super::super::decode::NOT_BLANK.to_string())
        );
        let obj = json!({"environment": "\u{1d}"});
        let refused = deploys::decode(obj.as_object().unwrap())
            .err()
            .map(|err| err.body);
        assert_eq!(
            refused,
            Some(json!({"environment": ["This field may not be blank."]}))
        );
    }
}
