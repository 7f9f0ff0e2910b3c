//! Everything relctl prints goes through [`Output`]: results on stdout, messages on stderr.
//!
//! With `--format json` stdout holds exactly one JSON document; human messages move to stderr so
//! a script can parse stdout whatever happens. `--quiet` silences messages, not results or errors.
//! Colour is used only on a terminal and never when `NO_COLOR` is set. A closed stdout (`| head`)
//! ends output quietly instead of failing; a closed or full stderr never fails a command.

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

    /// A human message about what happened ("Created release 1.0"): stdout for tables, stderr
    /// with JSON; nothing with `--quiet`.
    pub fn message(&self, text: &str) {
        if self.quiet {
            return;
        }
        if self.is_json() {
            write_stderr(text);
        } else {
            let _ = write_stdout(&format!("{text}\n"));
        }
    }

    /// A warning on stderr, shown even with `--quiet`.
    pub fn warn(&self, text: &str) {
        let label = self.paint("warning:", "33");
        write_stderr(&format!("{label} {text}"));
    }

    /// Progress and notes on stderr, silenced by `--quiet`.
    pub fn note(&self, text: &str) {
        if !self.quiet {
            write_stderr(text);
        }
    }

    /// An error line on stderr.
    pub fn error(&self, text: &str) {
        let label = self.paint("error:", "31");
        write_stderr(&format!("{label} {text}"));
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

/// Renders rows as an aligned text table with a header line.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
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
        .map(|(k, v)| format!("{k:<width$}  {v}\n"))
        .collect()
}

/// Shows an optional value in a table: the value or a dash.
pub fn or_dash(value: Option<&str>) -> String {
    value.map_or_else(|| "-".to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
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
