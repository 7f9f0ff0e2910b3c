//! Request-body validation in the manner of Django REST framework, so a bad body gets the same
//! 400 Sentry gives: `{field: [message]}`, nested for nested serializers
//! (`{"commits": {"patch_set": {"type": [...]}}}`), with DRF's own wording.
//!
//! A [`Form`] reads one JSON object field by field, collecting every field's first error; a
//! handler reads all the fields it knows, then calls [`Form::finish`], and writes nothing unless
//! that is `Ok`. Fields the handler does not ask for are ignored, as DRF ignores unknown keys.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{Map, Value, json};

use super::error::ApiError;
use super::state::Api;
use crate::flow::commits::Sent;

pub const REQUIRED: &str = "This field is required.";
pub const NOT_NULL: &str = "This field may not be null.";
pub const NOT_BLANK: &str = "This field may not be blank.";
pub const NOT_A_STRING: &str = "Not a valid string.";
pub const NO_NUL: &str = "Null characters are not allowed.";
pub const BAD_URL: &str = "Enter a valid URL.";
pub const NOT_A_BOOLEAN: &str = "Must be a valid boolean.";
pub const BAD_DATETIME: &str = "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";

/// A request body, read whole up to the server's limit: a larger one is a 413 (at once when its
/// `Content-Length` says so), and the server carries on.
pub struct Body(pub Bytes);

impl FromRequest<Api> for Body {
    type Rejection = ApiError;

    async fn from_request(request: Request, api: &Api) -> Result<Self, Self::Rejection> {
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|text| text.trim().parse::<u64>().ok());
        if declared.is_some_and(|length| length > api.max_body as u64) {
            return Err(ApiError::too_large(api.max_body));
        }
        match Bytes::from_request(request, api).await {
            Ok(bytes) => Ok(Body(bytes)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ApiError::too_large(api.max_body))
            }
            Err(rejection) => Err(ApiError::bad_request(format!(
                "Could not read the request body: {}",
                rejection.body_text()
            ))),
        }
    }
}

impl Body {
    /// The body as a JSON object (see [`object`]).
    pub fn object(&self) -> Result<Map<String, Value>, ApiError> {
        object(&self.0)
    }
}

/// The body as a JSON object. An empty body is `{}` (DRF's empty `request.data`); malformed JSON
/// and anything but an object are 400s.
pub fn object(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(ApiError::fields(not_a_dictionary(&other))),
        Err(err) => Err(ApiError::bad_request(format!("JSON parse error - {err}"))),
    }
}

/// DRF's error for a value where an object was expected.
pub fn not_a_dictionary(value: &Value) -> Map<String, Value> {
    let mut errors = Map::new();
    errors.insert(
        "non_field_errors".to_string(),
        json!([format!(
            "Invalid data. Expected a dictionary, but got {}.",
            type_name(value)
        )]),
    );
    errors
}

/// The Python type name DRF puts in its messages.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// The rules of one `CharField`.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    max: Option<usize>,
    blank: bool,
    null: bool,
    trim: bool,
    /// Only JSON strings: a number is refused, not made text.
    strings_only: bool,
}

impl Text {
    /// Not blank, not null, trimmed (DRF's defaults), no length limit.
    pub const fn new() -> Text {
        Text {
            max: None,
            blank: false,
            null: false,
            trim: true,
            strings_only: false,
        }
    }
    pub const fn max(self, max: usize) -> Text {
        Text {
            max: Some(max),
            ..self
        }
    }
    pub const fn blank(self) -> Text {
        Text {
            blank: true,
            ..self
        }
    }
    pub const fn null(self) -> Text {
        Text { null: true, ..self }
    }
    /// Refuse numbers: where text is an identifier, `1e30` made text (`"1e+30"`) names nothing
    /// that was meant.
    pub const fn strings_only(self) -> Text {
        Text {
            strings_only: true,
            ..self
        }
    }
    /// Keep surrounding whitespace (`trim_whitespace=False`).
    pub const fn untrimmed(self) -> Text {
        Text {
            trim: false,
            ..self
        }
    }

    /// Checks one value: `Ok(None)` for an accepted null.
    pub fn check(self, value: &Value) -> Result<Option<String>, String> {
        let text = match value {
            Value::Null if self.null => return Ok(None),
            Value::Null => return Err(NOT_NULL.to_string()),
            Value::String(s) => s.clone(),
            Value::Number(_) if self.strings_only => return Err(NOT_A_STRING.to_string()),
            // CharField takes numbers and makes them text.
            Value::Number(n) => n.to_string(),
            Value::Bool(_) | Value::Array(_) | Value::Object(_) => {
                return Err(NOT_A_STRING.to_string());
            }
        };
        // DRF strips with Python's `str.strip()`, which also removes U+001C..U+001F.
        let text = if self.trim {
            crate::domain::py_strip(&text).to_string()
        } else {
            text
        };
        if text.is_empty() && !self.blank {
            return Err(NOT_BLANK.to_string());
        }
        if let Some(max) = self.max
            && text.chars().count() > max
        {
            return Err(format!(
                "Ensure this field has no more than {max} characters."
            ));
        }
        if text.contains('\0') {
            return Err(NO_NUL.to_string());
        }
        Ok(Some(text))
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::new()
    }
}

/// ISO 8601 as DRF's `DateTimeField` takes it; a time without an offset is UTC. An instant
/// outside the years 0001 to 9999 (UTC), or a leap second, is refused (`time::is_rfc3339`).
pub fn parse_datetime(text: &str) -> Option<DateTime<Utc>> {
    parse_iso_datetime(text).filter(crate::time::is_rfc3339)
}

fn parse_iso_datetime(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(ts) = DateTime::parse_from_rfc3339(text) {
        return Some(ts.with_timezone(&Utc));
    }
    let with_t = text.replacen(' ', "T", 1);
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
    ] {
        if let Ok(ts) = DateTime::parse_from_str(&with_t, format) {
            return Some(ts.with_timezone(&Utc));
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(ts) = NaiveDateTime::parse_from_str(&with_t, format) {
            return Some(ts.and_utc());
        }
    }
    None
}

/// One JSON object being validated, with the errors found so far.
pub struct Form<'a> {
    obj: &'a Map<String, Value>,
    errors: Map<String, Value>,
}

impl<'a> Form<'a> {
    pub fn new(obj: &'a Map<String, Value>) -> Form<'a> {
        Form {
            obj,
            errors: Map::new(),
        }
    }

    /// Records a message for a field (the first one per field is kept, as DRF reports one).
    pub fn error(&mut self, name: &str, message: impl Into<String>) {
        if !self.errors.contains_key(name) {
            self.errors
                .insert(name.to_string(), json!([message.into()]));
        }
    }

    /// Records the errors of a nested object.
    pub fn nested(&mut self, name: &str, errors: Value) {
        if !self.errors.contains_key(name) {
            self.errors.insert(name.to_string(), errors);
        }
    }

    pub fn failed(&self, name: &str) -> bool {
        self.errors.contains_key(name)
    }

    /// A field that must be present.
    pub fn required_text(&mut self, name: &str, rules: Text) -> Option<String> {
        match self.text(name, rules) {
            Sent::Value(text) => Some(text),
            Sent::Null => None,
            Sent::Absent => {
                self.error(name, REQUIRED);
                None
            }
        }
    }

    /// An optional text field: absent, null (when the rules allow it) or a value.
    pub fn text(&mut self, name: &str, rules: Text) -> Sent<String> {
        let Some(value) = self.obj.get(name) else {
            return Sent::Absent;
        };
        match rules.check(value) {
            Ok(Some(text)) => Sent::Value(text),
            Ok(None) => Sent::Null,
            Err(message) => {
                self.error(name, message);
                Sent::Absent
            }
        }
    }

    /// An optional URL field (null and blank allowed); blank counts as not given.
    pub fn url(&mut self, name: &str, max: usize) -> Option<String> {
        let url = self.text(name, Text::new().max(max).blank().null());
        match url {
            Sent::Value(url) if !url.is_empty() => {
                if crate::flow::releases::check_url(name, &url).is_ok() {
                    Some(url)
                } else {
                    self.error(name, BAD_URL);
                    None
                }
            }
            _ => None,
        }
    }

    /// An optional datetime field.
    pub fn datetime(&mut self, name: &str, null: bool) -> Sent<DateTime<Utc>> {
        match self.obj.get(name) {
            None => Sent::Absent,
            Some(Value::Null) if null => Sent::Null,
            Some(Value::Null) => {
                self.error(name, NOT_NULL);
                Sent::Absent
            }
            Some(Value::String(text)) => match parse_datetime(text) {
                Some(ts) => Sent::Value(ts),
                None => {
                    self.error(name, BAD_DATETIME);
                    Sent::Absent
                }
            },
            Some(_) => {
                self.error(name, BAD_DATETIME);
                Sent::Absent
            }
        }
    }

    /// An optional `BooleanField` (DRF also takes "true"/"false", 1/0 and the like).
    pub fn boolean(&mut self, name: &str) -> Option<bool> {
        let value = self.obj.get(name)?;
        let parsed = match value {
            Value::Bool(b) => Some(*b),
            Value::Number(n) => match n.as_f64() {
                Some(1.0) => Some(true),
                Some(0.0) => Some(false),
                _ => None,
            },
            Value::String(s) => match s.as_str() {
                "true" | "True" | "TRUE" | "on" | "On" | "ON" | "y" | "Y" | "yes" | "Yes"
                | "YES" | "1" => Some(true),
                "false" | "False" | "FALSE" | "off" | "Off" | "OFF" | "n" | "N" | "no" | "No"
                | "NO" | "0" => Some(false),
                _ => None,
            },
            Value::Null => {
                self.error(name, NOT_NULL);
                return None;
            }
            Value::Array(_) | Value::Object(_) => None,
        };
        if parsed.is_none() {
            self.error(name, NOT_A_BOOLEAN);
        }
        parsed
    }

    /// An optional list field; absent and (when allowed) null are `Absent`/`Null`.
    pub fn list(&mut self, name: &str, null: bool) -> Sent<&'a Vec<Value>> {
        match self.obj.get(name) {
            None => Sent::Absent,
            Some(Value::Array(items)) => Sent::Value(items),
            Some(Value::Null) if null => Sent::Null,
            Some(Value::Null) => {
                self.error(name, NOT_NULL);
                Sent::Absent
            }
            Some(other) => {
                self.error(
                    name,
                    format!(
                        "Expected a list of items but received type \"{}\".",
                        type_name(other)
                    ),
                );
                Sent::Absent
            }
        }
    }

    /// Decodes every item of a list of objects with `item`; the errors of the first bad item
    /// become the field's errors, unindexed, as Sentry's serializers report them.
    pub fn items<T>(
        &mut self,
        name: &str,
        items: &[Value],
        item: impl Fn(&Value) -> Result<T, Value>,
    ) -> Vec<T> {
        let mut decoded = Vec::with_capacity(items.len());
        for value in items {
            match item(value) {
                Ok(one) => decoded.push(one),
                Err(errors) => {
                    self.nested(name, errors);
                    return Vec::new();
                }
            }
        }
        decoded
    }

    /// `Ok` when no field failed, else the 400 with every field's errors.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::fields(self.errors))
        }
    }

    /// For a nested object: its errors as the value the parent records.
    pub fn finish_nested(self) -> Result<(), Value> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Value::Object(self.errors))
        }
    }
}

/// The object of a list item, or DRF's error for anything else.
pub fn item_object(value: &Value) -> Result<&Map<String, Value>, Value> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(Value::Object(not_a_dictionary(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form_errors(body: Value, read: impl FnOnce(&mut Form<'_>)) -> Value {
        let Value::Object(obj) = body else {
            panic!("not an object")
        };
        let mut form = Form::new(&obj);
        read(&mut form);
        match form.finish() {
            Ok(()) => Value::Null,
            Err(err) => err.body,
        }
    }

    #[test]
    fn bodies_must_be_json_objects() {
        assert_eq!(object(b"").unwrap(), Map::new());
        assert_eq!(object(b"  \n").unwrap(), Map::new());
        let err = object(b"{").unwrap_err();
        assert!(
            err.body["detail"]
                .as_str()
                .unwrap()
                .starts_with("JSON parse error")
        );
        let err = object(b"[1]").unwrap_err();
        assert_eq!(
            err.body,
            json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]})
        );
    }

    #[test]
    fn text_fields_follow_drf() {
        let errors = form_errors(
            json!({"a": "", "b": null, "c": true, "d": "xxxx", "e": "ok\u{0}", "g": 12}),
            |form| {
                form.required_text("a", Text::new());
                form.required_text("b", Text::new());
                form.required_text("c", Text::new());
                form.required_text("d", Text::new().max(3));
                form.required_text("e", Text::new());
                form.required_text("f", Text::new());
                assert_eq!(form.required_text("g", Text::new()).as_deref(), Some("12"));
            },
        );
        assert_eq!(
            errors,
            json!({
                "a": [NOT_BLANK],
                "b": [NOT_NULL],
                "c": [NOT_A_STRING],
                "d": ["Ensure this field has no more than 3 characters."],
                "e": [NO_NUL],
                "f": [REQUIRED],
            })
        );
    }

    #[test]
    fn untrimmed_text_keeps_spaces_and_trimmed_text_does_not() {
        let obj = json!({"v": " 1.0 "});
        let obj = obj.as_object().unwrap();
        let mut form = Form::new(obj);
        assert_eq!(
            form.required_text("v", Text::new().untrimmed()).as_deref(),
            Some(" 1.0 ")
        );
        assert_eq!(form.required_text("v", Text::new()).as_deref(), Some("1.0"));
    }

    #[test]
    fn datetimes_in_the_forms_clients_send() {
        for text in [
            "2024-01-02T10:00:00Z",
            "2024-01-02T10:00:00.000000Z",
            "2024-01-02T12:00:00+02:00",
            "2024-01-02T10:00:00",
            "2024-01-02 10:00:00",
            "2024-01-02T10:00",
        ] {
            let ts = parse_datetime(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(crate::time::format_ts(ts), "2024-01-02T10:00:00.000000Z");
        }
        for text in ["", "yesterday", "2024-13-01T00:00:00Z", "1704189600"] {
            assert!(parse_datetime(text).is_none(), "{text}");
        }
        // Instants RFC 3339 cannot write (the store keeps RFC 3339 text) are refused.
        for text in [
            "10000-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "10000-01-01T00:00:00",
            "10000-01-01 00:00",
            "+10000-01-01T00:00:00+00:00",
            "-0001-12-31T23:59:59Z",
            "-0001-12-31T23:59:59",
            "9999-12-31T23:59:59-01:00",
        ] {
            assert!(parse_datetime(text).is_none(), "{text}");
        }
        assert!(parse_datetime("9999-12-31T23:59:59Z").is_some());
        assert!(parse_datetime("0001-01-01T00:00:00Z").is_some());
        assert!(parse_datetime("0000-01-01T00:00:00Z").is_none());
        assert!(parse_datetime("2020-01-01T23:59:60Z").is_none());
    }

    #[test]
    fn lists_and_nested_items() {
        let errors = form_errors(json!({"a": "x", "b": [{"id": 1}, 3]}), |form| {
            assert!(matches!(form.list("a", false), Sent::Absent));
            if let Sent::Value(items) = form.list("b", false) {
                let decoded = form.items("b", items, |v| item_object(v).map(|_| ()));
                assert!(decoded.is_empty());
            }
        });
        assert_eq!(
            errors,
            json!({
                "a": ["Expected a list of items but received type \"str\"."],
                "b": {"non_field_errors": ["Invalid data. Expected a dictionary, but got int."]},
            })
        );
    }

    #[test]
    fn booleans_and_urls() {
        let errors = form_errors(
            json!({"t": "true", "n": 0, "bad": "maybe", "u": "not a url", "ok": "https://x.io/"}),
            |form| {
                assert_eq!(form.boolean("t"), Some(true));
                assert_eq!(form.boolean("n"), Some(false));
                assert_eq!(form.boolean("bad"), None);
                assert_eq!(form.url("u", 200), None);
                assert_eq!(form.url("ok", 200).as_deref(), Some("https://x.io/"));
            },
        );
        assert_eq!(errors, json!({"bad": [NOT_A_BOOLEAN], "u": [BAD_URL]}));
    }
}
