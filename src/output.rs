//! Everything relctl prints goes through [`Output`]: results on stdout, messages on stderr.
//!
//! With `--format json` stdout holds exactly one JSON document; human messages move to stderr so
//! a script can parse stdout whatever happens. `--quiet` silences messages and, in table format,
//! everything a writing command would print on success ([`Output::emit_written`]); what a read
//! command was asked for, JSON, warnings and errors still print.
//! Colour is used only on a terminal and never when `NO_COLOR` is set. A closed stdout (`| head`)
//! ends output quietly instead of failing; a closed or full stderr never fails a command.
//! Text meant for a terminal (table cells, detail values, messages) shows control characters and
//! bidirectional overrides escaped, so a version or commit message cannot drive the terminal;
//! JSON keeps every value exact.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::config::Format;
use crate::error::Result;

pub struct Output {
    pub format: Format,
    pub quiet: bool,
    color: bool,
}

impl Output {
    pub fn new(format: Format, quiet: bool) -> Output {
        Output {
            format,
            quiet,
            color: stderr_color(),
        }
    }

    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    /// Prints a result: JSON when asked for, else what `table` renders.
    pub fn emit<T: Serialize>(&self, value: &T, table: impl FnOnce(&T) -> String) -> Result<()> {
        let text = match self.format {
            Format::Json => {
                let mut json = serde_json::to_string_pretty(value)?;
                json.push('\n');
                json
            }
            Format::Table => table(value),
        };
        write_stdout(&text)
    }

    /// Prints the result of a command that wrote something: as [`Output::emit`], but with
    /// `--quiet` a table prints nothing at all (the exit code says it worked). JSON is always
    /// printed: a script that asked for it reads it.
    pub fn emit_written<T: Serialize>(
        &self,
        value: &T,
        table: impl FnOnce(&T) -> String,
    ) -> Result<()> {
        if self.quiet && self.format == Format::Table {
            return Ok(());
        }
        self.emit(value, table)
    }

    /// A human message about what happened ("Created release 1.0"): stdout for tables, stderr
    /// with JSON; nothing with `--quiet`.
    pub fn message(&self, text: &str) {
        if self.quiet {
            return;
        }
        let text = for_terminal(text, true);
        if self.is_json() {
            write_stderr(&text);
        } else {
            let _ = write_stdout(&format!("{text}\n"));
        }
    }

    /// A warning on stderr, shown even with `--quiet`.
    pub fn warn(&self, text: &str) {
        let label = self.paint("warning:", "33");
        write_stderr(&format!("{label} {}", for_terminal(text, true)));
    }

    /// Progress and notes on stderr, silenced by `--quiet`.
    pub fn note(&self, text: &str) {
        if !self.quiet {
            write_stderr(&for_terminal(text, true));
        }
    }

    /// An error line on stderr.
    pub fn error(&self, text: &str) {
        let label = self.paint("error:", "31");
        write_stderr(&format!("{label} {}", for_terminal(text, true)));
    }

    fn paint(&self, text: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[1;{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Whether stderr may be coloured: a terminal, and `NO_COLOR` unset or empty.
fn stderr_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && io::stderr().is_terminal()
}

/// One line on stderr. A closed or full stderr loses the line but never ends the command: the
/// work is done by then, and its result goes to stdout and the exit code.
pub fn write_stderr(text: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{text}").and_then(|()| err.flush());
}

fn write_stdout(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(err.into()),
    }
}

/// Whether `c` would act on a terminal instead of being shown: C0/C1 controls (ESC, BEL, CR,
/// ...) and the bidirectional marks and overrides that reorder what follows them.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every character that acts on a terminal written as a Rust escape (`\u{1b}`);
/// newlines are kept when `keep_newlines` (a message of several lines), escaped otherwise (a
/// table cell must stay on its line).
pub fn for_terminal(text: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| acts_on_terminal(c) && !(keep_newlines && c == '\n'))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if keep_newlines && c == '\n' {
            shown.push(c);
        } else if acts_on_terminal(c) {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    std::borrow::Cow::Owned(shown)
}

#[cfg(test)]
fn acts_on_terminal_except_newline(c: char) -> bool {
    c != '\n' && acts_on_terminal(c)
}

/// Renders rows as an aligned text table with a header line.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| for_terminal(cell, false).into_owned())
                .collect()
        })
        .collect();
    let rows = rows.as_slice();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(i) {
                *width = (*width).max(cell.chars().count());
            }
        }
    }
    let mut text = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let width = widths.get(i).copied().unwrap_or(0);
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(width.saturating_sub(cell.chars().count()) + 2));
            }
        }
        text.push_str(out.trim_end());
        text.push('\n');
    };
    line(headers.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    text
}

/// Renders (label, value) pairs one per line, labels aligned.
pub fn details(pairs: &[(&str, String)]) -> String {
    let width = pairs
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    pairs
        .iter()
        .map(|(k, v)| format!("{k:<width$}  {}\n", for_terminal(v, false)))
        .collect()
}

/// Shows an optional value in a table: the value or a dash.
pub fn or_dash(value: Option<&str>) -> String {
    value.map_or_else(|| "-".to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    #[test]
    fn terminal_controls_are_shown_escaped_in_tables_details_and_messages() {
        let hostile = "\u{1b}]0;pwned\u{7}\u{202e}cba";
        let table = super::table(&["VERSION"], &[vec![hostile.to_string()]]);
        assert_eq!(table, "VERSION\n\\u{1b}]0;pwned\\u{7}\\u{202e}cba\n");
        let details = super::details(&[("version", format!("a\nb\r{hostile}"))]);
        assert!(!details.chars().any(super::acts_on_terminal_except_newline));
        assert_eq!(details.lines().count(), 1);
        assert_eq!(
            super::for_terminal("two\nlines\u{7}", true),
            "two\nlines\\u{7}"
        );
        assert_eq!(super::for_terminal("plain 1.0 ✓", false), "plain 1.0 ✓");
    }

    use super::*;

    #[test]
    fn tables_align_columns() {
        let text = table(
            &["VERSION", "STATUS"],
            &[
                vec!["1.0.0".into(), "open".into()],
                vec!["10.20.30-beta".into(), "archived".into()],
            ],
        );
        assert_eq!(
            text,
            "VERSION        STATUS\n1.0.0          open\n10.20.30-beta  archived\n"
        );
    }

    #[test]
    fn details_align_labels() {
        let text = details(&[("id", "1".into()), ("version", "2.0".into())]);
        assert_eq!(text, "id       1\nversion  2.0\n");
    }
}
