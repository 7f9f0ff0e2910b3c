//! What is left of answering by editing JSON: the issue shapes (`crate::model::Issue` with its
//! ids as strings) until they get typed structs in `crate::api` like the other shapes.

use serde::Serialize;
use serde_json::Value;

use super::error::ApiError;

/// Serializes a model value with its ids as strings.
pub fn to_api<T: Serialize>(value: &T) -> Result<Value, ApiError> {
    let mut value = serde_json::to_value(value)
        .map_err(|err| ApiError::internal(format!("cannot serialize an answer: {err}")))?;
    stringify_ids(&mut value);
    Ok(value)
}

/// Turns every integer `id` into a string, except inside free-form `data` and `options`.
pub fn stringify_ids(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                match key.as_str() {
                    "id" => {
                        if let Value::Number(n) = inner {
                            *inner = Value::String(n.to_string());
                        }
                    }
                    "data" | "options" => {}
                    _ => stringify_ids(inner),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(stringify_ids),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_become_strings_but_not_inside_data() {
        let mut value = json!({
            "id": 5,
            "projects": [{"id": 7, "slug": "a"}],
            "lastCommit": {"id": "abc"},
            "data": {"id": 9},
        });
        stringify_ids(&mut value);
        assert_eq!(
            value,
            json!({
                "id": "5",
                "projects": [{"id": "7", "slug": "a"}],
                "lastCommit": {"id": "abc"},
                "data": {"id": 9},
            })
        );
    }
}
