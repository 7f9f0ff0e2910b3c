//! Deploy environment name validation (`ENVIRONMENT_NAME_PATTERN`).

use super::shown;
use crate::error::{Error, Result};

/// The longest environment name, in chars.
const ENVIRONMENT_NAME_MAX_LENGTH: usize = 64;

/// `ENVIRONMENT_NAME_PATTERN` (`^[^\n\r\f\/]*$`), non-empty, at most 64 characters.
pub fn check_environment(name: &str) -> Result<()> {
    if name.is_empty() {
        return Err(Error::usage("the environment name may not be empty"));
    }
    if name
        .chars()
        .any(|c| matches!(c, '\n' | '\r' | '\x0c' | '/'))
    {
        return Err(Error::usage(format!(
            "invalid environment {}: it may not contain '/', newlines or form feeds",
            shown(name)
        )));
    }
    if name.chars().count() > ENVIRONMENT_NAME_MAX_LENGTH {
        return Err(Error::usage(format!(
            "invalid environment {}: longer than {ENVIRONMENT_NAME_MAX_LENGTH} characters",
            shown(name)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_environment_table() {
        let cases = [
            ("production", true),
            ("staging eu-1", true),
            ("ü", true),
            ("", false),
            ("a/b", false),
            ("a\nb", false),
            ("a\rb", false),
            ("a\u{0c}b", false),
        ];
        for (name, ok) in cases {
            assert_eq!(check_environment(name).is_ok(), ok, "{name:?}");
        }
        assert!(check_environment(&"é".repeat(64)).is_ok());
        assert!(check_environment(&"é".repeat(65)).is_err());
    }
}
