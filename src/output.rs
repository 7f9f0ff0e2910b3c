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

    /// Prints `text` as it is, whatever the format (sentry-cli's `releases list --raw`).
    pub fn raw(&self, text: &str) -> Result<()> {
        write_stdout(text)
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

    /// An error line on stderr, and its hint on a second line when it has one.
    pub fn error(&self, text: &str, hint: Option<&str>) {
        let label = self.paint("error:", "31");
        write_stderr(&format!("{label} {}", for_terminal(text, true)));
        if let Some(hint) = hint {
            let label = self.paint("hint:", "36");
            write_stderr(&format!("{label} {}", for_terminal(hint, false)));
        }
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

/// How tables are laid out: for a terminal (fitted to its width, relative times, status in
/// colour) or plain (piped: every value whole, absolute times, no colour; stable for scripts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The width to fit tables in: `COLUMNS` when set, else the terminal's; none when piped.
    pub width: Option<usize>,
    /// Times as "3 hours ago" (when fitted to a terminal width).
    pub relative_times: bool,
    /// Status words in colour: stdout is a terminal and `NO_COLOR` is unset.
    pub color: bool,
}

/// Narrowest a table is fitted to: below this, columns would be cut to nothing.
const MIN_WIDTH: usize = 20;

/// A column is never cut below this many columns (or its header's width).
const MIN_COLUMN: usize = 8;

/// The width of the terminal on stdout, from the terminal itself.
#[cfg(unix)]
fn terminal_columns() -> Option<usize> {
    rustix::termios::tcgetwinsize(io::stdout())
        .ok()
        .map(|size| usize::from(size.ws_col))
        .filter(|&cols| cols > 0)
}

/// Elsewhere (Windows) only `COLUMNS` says: asking the console (GetConsoleScreenBufferInfo)
/// would bring in windows-sys' console bindings for one number. A terminal of unknown width
/// gets the tables unwrapped, as a pipe does.
#[cfg(not(unix))]
fn terminal_columns() -> Option<usize> {
    None
}

impl Layout {
    /// The layout of this process's stdout.
    pub fn of_stdout() -> Layout {
        static LAYOUT: std::sync::OnceLock<Layout> = std::sync::OnceLock::new();
        *LAYOUT.get_or_init(|| {
            let terminal = io::stdout().is_terminal();
            let columns = std::env::var("COLUMNS")
                .ok()
                .and_then(|text| text.trim().parse::<usize>().ok());
            let width = columns
                .or_else(|| terminal.then(terminal_columns).flatten())
                .map(|cols| cols.max(MIN_WIDTH));
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            Layout {
                width,
                relative_times: width.is_some(),
                color: terminal && !no_color,
            }
        })
    }

    /// Plain: what piped output gets.
    pub const PLAIN: Layout = Layout {
        width: None,
        relative_times: false,
        color: false,
    };
}

/// A time for a table cell: "3 hours ago" on a terminal, the RFC 3339 text itself otherwise
/// (and for anything that is not a time, such as "-").
pub fn when(timestamp: &str) -> String {
    when_in(Layout::of_stdout(), timestamp, chrono::Utc::now())
}

fn when_in(layout: Layout, timestamp: &str, now: chrono::DateTime<chrono::Utc>) -> String {
    if !layout.relative_times {
        return timestamp.to_string();
    }
    let Ok(then) = chrono::DateTime::parse_from_rfc3339(timestamp) else {
        return timestamp.to_string();
    };
    let seconds = now.signed_duration_since(then).num_seconds();
    let ago = seconds >= 0;
    let n = seconds.unsigned_abs();
    let (count, unit) = match n {
        0..=44 => return if ago { "just now" } else { "in a moment" }.to_string(),
        45..=5_399 => (n.div_ceil(60).max(1), "minute"),
        5_400..=79_199 => ((n + 1_800) / 3_600, "hour"),
        79_200..=3_887_999 => ((n + 43_200) / 86_400, "day"),
        3_888_000..=47_303_999 => ((n + 1_296_000) / 2_592_000, "month"),
        _ => ((n + 15_768_000) / 31_536_000, "year"),
    };
    let plural = if count == 1 { "" } else { "s" };
    if ago {
        format!("{count} {unit}{plural} ago")
    } else {
        // A clock that runs behind the store's: say so rather than "-3 hours ago".
        format!("in {count} {unit}{plural}")
    }
}

/// Renders rows as an aligned text table with a header line, laid out for stdout.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    table_in(Layout::of_stdout(), headers, rows)
}

/// Colour of a status word (green: open, resolved; yellow: unresolved; dim: archived).
fn status_color(word: &str) -> Option<&'static str> {
    match word {
        "open" | "resolved" | "active" => Some("32"),
        "unresolved" | "new" => Some("33"),
        "archived" | "ignored" => Some("2"),
        _ => None,
    }
}

/// How many terminal columns `text` takes: two for a wide (CJK) character or an emoji, none for
/// a combining mark (`unicode-width`). Every width of a table is measured with this; cells reach
/// it after [`for_terminal`], so without control characters.
fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `cell` cut to `width` columns, the last one an ellipsis when anything was cut.
fn cut(cell: &str, width: usize) -> String {
    if display_width(cell) <= width {
        return cell.to_string();
    }
    let room = width.saturating_sub(1);
    // The longest prefix that fits, by bisection over the character boundaries: a width is
    // taken of whole prefixes (emoji sequences are wider than their characters), and a cell of
    // 100,000 combining marks still costs only a few measures.
    let ends: Vec<usize> = cell
        .char_indices()
        .map(|(at, c)| at + c.len_utf8())
        .collect();
    let fits = |end: &usize| {
        cell.get(..*end)
            .is_some_and(|head| display_width(head) <= room)
    };
    let kept = ends.partition_point(fits);
    let end = kept
        .checked_sub(1)
        .and_then(|last| ends.get(last))
        .filter(|end| fits(end))
        .copied()
        .unwrap_or(0);
    let mut out = cell.get(..end).unwrap_or_default().to_string();
    out.push('…');
    out
}

/// Narrows the widest columns until the table fits `width` columns (each column keeps at least
/// [`MIN_COLUMN`] columns or its header's width).
fn fit(widths: &mut [usize], headers: &[&str], width: usize) {
    let total =
        |widths: &[usize]| widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    while total(widths) > width {
        let floor = |i: usize| MIN_COLUMN.max(headers.get(i).map_or(0, |h| display_width(h)));
        let widest = (0..widths.len())
            .filter(|&i| widths[i] > floor(i))
            .max_by_key(|&i| (widths[i], i));
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
}

fn table_in(layout: Layout, headers: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| for_terminal(cell, false).into_owned())
                .collect()
        })
        .collect();
    let rows = rows.as_slice();
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(i) {
                *width = (*width).max(display_width(cell));
            }
        }
    }
    if let Some(width) = layout.width {
        fit(&mut widths, headers, width);
    }
    let status = headers.iter().position(|h| *h == "STATUS");
    let mut text = String::new();
    let mut line = |cells: Vec<&str>, header: bool| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let width = widths.get(i).copied().unwrap_or(0);
            let shown = if layout.width.is_some() {
                cut(cell, width)
            } else {
                (*cell).to_string()
            };
            let pad = width.saturating_sub(display_width(&shown));
            match status_color(&shown).filter(|_| layout.color && !header && status == Some(i)) {
                Some(code) => out.push_str(&format!("\x1b[{code}m{shown}\x1b[0m")),
                None => out.push_str(&shown),
            }
            if i + 1 < cells.len() {
                out.push_str(&" ".repeat(pad + 2));
            }
        }
        text.push_str(out.trim_end());
        text.push('\n');
    };
    line(headers.to_vec(), true);
    for row in rows {
        line(row.iter().map(String::as_str).collect(), false);
    }
    text
}

/// Renders (label, value) pairs one per line, labels aligned.
pub fn details(pairs: &[(&str, String)]) -> String {
    let width = pairs
        .iter()
        .map(|(k, _)| display_width(k))
        .max()
        .unwrap_or(0);
    pairs
        .iter()
        .map(|(k, v)| {
            let pad = " ".repeat(width.saturating_sub(display_width(k)));
            format!("{k}{pad}  {}\n", for_terminal(v, false))
        })
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
        let table = super::table_in(
            super::Layout::PLAIN,
            &["VERSION"],
            &[vec![hostile.to_string()]],
        );
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
    fn tables_fit_the_width_cutting_the_widest_columns_with_an_ellipsis() {
        let layout = Layout {
            width: Some(40),
            relative_times: true,
            color: false,
        };
        let rows = vec![vec![
            "1.0.0".to_string(),
            "open".to_string(),
            "a very long commit message that would wrap the table".to_string(),
        ]];
        let text = table_in(layout, &["VERSION", "STATUS", "MESSAGE"], &rows);
        for line in text.lines() {
            assert!(line.chars().count() <= 40, "{line:?}");
        }
        assert!(
            text.contains("a very long commit m…") || text.contains('…'),
            "{text}"
        );
        let plain = table_in(Layout::PLAIN, &["VERSION", "STATUS", "MESSAGE"], &rows);
        assert!(plain.contains("would wrap the table"), "{plain}");
        let coloured = table_in(
            Layout {
                color: true,
                ..layout
            },
            &["VERSION", "STATUS"],
            &rows,
        );
        assert!(coloured.contains("\x1b[32mopen\x1b[0m"), "{coloured:?}");
        assert!(!coloured.lines().next().unwrap().contains('\x1b'));
    }

    #[test]
    fn relative_times_on_a_terminal_absolute_when_plain() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let terminal = Layout {
            width: Some(80),
            relative_times: true,
            color: false,
        };
        for (ts, shown) in [
            ("2026-11-26T11:59:50Z", "just now"),
            ("2026-11-26T11:55:00Z", "5 minutes ago"),
            ("2026-11-26T09:00:00Z", "3 hours ago"),
            ("2026-11-25T12:00:00Z", "1 day ago"),
            ("2026-11-19T12:00:00Z", "7 days ago"),
            ("2026-05-26T12:00:00Z", "6 months ago"),
            ("2024-11-26T12:00:00Z", "2 years ago"),
            ("2026-11-26T15:00:00Z", "in 3 hours"),
            ("-", "-"),
        ] {
            assert_eq!(when_in(terminal, ts, now), shown, "{ts}");
        }
        assert_eq!(
            when_in(Layout::PLAIN, "2026-11-26T09:00:00Z", now),
            "2026-11-26T09:00:00Z"
        );
    }

    #[test]
    fn tables_align_columns() {
        let text = table_in(
            Layout::PLAIN,
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
    fn cells_are_cut_to_columns_not_characters() {
        assert_eq!(cut("山田太郎", 8), "山田太郎");
        assert_eq!(cut("山田太郎", 6), "山田…");
        assert_eq!(cut("山田太郎", 7), "山田太…");
        assert_eq!(cut("Zoe\u{301} Lee", 6), "Zoe\u{301} L…");
        // A hostile cell of 100,000 combining marks is cut in a few measures.
        let marks = format!("ab{}cdefghij", "\u{301}".repeat(100_000));
        assert_eq!(cut(&marks, 4), format!("ab{}c…", "\u{301}".repeat(100_000)));
    }

    #[test]
    fn details_align_labels() {
        let text = details(&[("id", "1".into()), ("version", "2.0".into())]);
        assert_eq!(text, "id       1\nversion  2.0\n");
    }
}
