//! One error type for the whole tool, carrying the exit code of cli.md.
//!
//! Every failure a user can meet is turned into an [`Error`] with a one-line message and an
//! [`ErrorKind`]; `main` prints the message and exits with [`ErrorKind::exit_code`]. Keeping the
//! mapping in one place is what makes the exit codes a contract scripts can rely on.

use std::fmt;

/// What went wrong, as far as the exit code is concerned (cli.md, "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// An error not listed below (exit 1).
    Other,
    /// Usage or invalid input: bad flag, invalid version, bad config, not a git repository (exit 2).
    Usage,
    /// Release, project, issue or previous commit not found (exit 3).
    NotFound,
    /// Someone else is writing the same thing; retry (exit 4).
    Conflict,
    /// Network or server error after retries (exit 5).
    Network,
    /// Authentication or permission refused (exit 6).
    Auth,
}

impl ErrorKind {
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorKind::Other => 1,
            ErrorKind::Usage => 2,
            ErrorKind::NotFound => 3,
            ErrorKind::Conflict => 4,
            ErrorKind::Network => 5,
            ErrorKind::Auth => 6,
        }
    }
}

/// A failure with the message shown to the user (one line, no trailing period needed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// The likely fix, shown on a second line starting with `hint:` (never part of
    /// [`Error`]'s `Display`, which stays one line).
    pub hint: Option<String>,
    /// Refused input fields as (field, message), in the order they were checked: what a server
    /// answers as its `{field: [messages]}` 400. Empty for every other error.
    pub fields: Vec<(String, String)>,
    /// A conflict the database broke as a deadlock: nothing waited out a lock, so the whole
    /// transaction can run again at once (`backend::local` does, when it can replay it).
    pub deadlock: bool,
}

/// At most this many chars of each field's message go into [`Error::invalid_fields`]'s message.
pub const FIELD_MESSAGE_CHARS: usize = 300;

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            fields: Vec::new(),
            deadlock: false,
        }
    }

    /// Invalid input, field by field (`(field, message)`, non-empty): a usage error whose
    /// message names every field, and which a server answers as Sentry's field 400 (with the
    /// messages whole; the one-line message cuts each after [`FIELD_MESSAGE_CHARS`] chars, as
    /// some quote the input).
    pub fn invalid_fields(fields: Vec<(String, String)>) -> Self {
        let message = fields
            .iter()
            .map(|(field, message)| {
                let cut = crate::domain::take_chars(message, FIELD_MESSAGE_CHARS);
                let more = if cut.len() < message.len() { "…" } else { "" };
                format!("invalid value for {field}: {cut}{more}")
            })
            .collect::<Vec<_>>()
            .join("; ");
        Error {
            fields,
            ..Error::usage(message)
        }
    }

    /// The same error with a likely fix to show after it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, message)
    }
    pub fn other(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Other, message)
    }
    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }

    /// Whether the target failed rather than the command: the network or the server (exit 5),
    /// or the server refusing the token (exit 6). What `--allow-failure` lets pass.
    pub fn is_target_failure(&self) -> bool {
        matches!(self.kind, ErrorKind::Network | ErrorKind::Auth)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Messages are shown on one line whatever they were built from, and control characters
        // (from a server's answer, a version name) are shown escaped, never sent to the
        // terminal.
        let mut one_line = String::with_capacity(self.message.len());
        for c in self.message.chars() {
            match c {
                '\n' | '\r' | '\t' => one_line.push(' '),
                c if c.is_control() => one_line.extend(c.escape_default()),
                c => one_line.push(c),
            }
        }
        f.write_str(one_line.trim())
    }
}

impl std::error::Error for Error {}

/// SQLite's reason for `err`, without the SQL text rusqlite adds to syntax and schema errors
/// (a failed migration would otherwise print the whole schema).
pub fn sqlite_reason(err: &rusqlite::Error) -> String {
    match err {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let reason = sqlite_reason(&err);
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::conflict(format!(
                "the store is busy (another relctl is writing to it); retry: {reason}"
            )),
            Some(ErrorCode::NotADatabase) => {
                Error::usage(format!("the store file is not a relctl store: {reason}"))
            }
            Some(ErrorCode::DatabaseCorrupt) => {
                Error::usage(format!("the store is damaged: {reason}"))
            }
            Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => {
                Error::other(format!("cannot write the store: {reason}"))
            }
            _ => Error::other(format!("store error: {reason}")),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::other(err.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Self {
        Error::other(format!("JSON error: {err}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_contract() {
        let table = [
            (ErrorKind::Other, 1),
            (ErrorKind::Usage, 2),
            (ErrorKind::NotFound, 3),
            (ErrorKind::Conflict, 4),
            (ErrorKind::Network, 5),
            (ErrorKind::Auth, 6),
        ];
        for (kind, code) in table {
            assert_eq!(kind.exit_code(), code, "{kind:?}");
        }
    }

    #[test]
    fn messages_print_on_one_line() {
        let err = Error::other("first\nsecond\r\n");
        assert_eq!(err.to_string(), "first second");
    }

    #[test]
    fn messages_are_one_line_without_terminal_controls() {
        let err = Error::other("gone:\n\u{1b}]0;pwned\u{7}\u{1b}[2J here\r");
        assert_eq!(err.to_string(), r"gone: \u{1b}]0;pwned\u{7}\u{1b}[2J here");
    }
}
