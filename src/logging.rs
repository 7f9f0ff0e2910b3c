//! One logging path: relctl logs with `tracing` events, and one kind of subscriber
//! ([`dispatch`]) turns them into lines for a [`LogSink`].
//!
//! Who logs: `relctl serve` (one line per request, `server/log.rs`, and what accepting
//! connections, the connection cap, the shutdown and a capped `refs` have to say), the remote
//! client's `-v` request log (`remote/http.rs`), and set-commits' `-vv` progress. Each holds a
//! [`Dispatch`] of its own and emits under it (`tracing::dispatcher::with_default`); there is no
//! global subscriber, so servers and clients running side by side in one process (tests) never
//! get each other's lines.
//!
//! A line is the values of the fields of the spans an event is in, outermost first, then those
//! of the event (its message, usually), separated by spaces: a request's span holds its method
//! and path, so its event "200 1.2ms" is written "GET /api/0/ 200 1.2ms". No level, target nor
//! time is added: the lines are those relctl has always written, and tests and scripts read
//! them. Only relctl's own events are written (targets under `relctl`), up to the level the
//! caller allows ([`verbosity`]: `-v` is INFO, `-vv` DEBUG); a library's events never reach the
//! log. Whatever an event holds is written as is: a token must never get into one (the client
//! redacts its lines first, serve logs paths, never queries nor headers).
//!
//! A sink is called where the event happens, so one called on an async runtime must never
//! block. [`to_writer`] (what `relctl serve` uses for stderr) hands lines to one writer thread
//! through a bounded queue: a stderr pipe nobody reads, or one that is closed, costs log lines,
//! never a stalled runtime nor a panic. Lines that find the queue full are counted, and the
//! count is written once the writer catches up. The command line's own sink ([`stderr`])
//! writes at once, in order with the rest of what a command says.

use std::fmt;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tracing::field::{Field, Visit};
use tracing::{Dispatch, Event, Subscriber};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields, FormattedFields, MakeWriter};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::registry::LookupSpan;

/// Where log lines go, one call per line (without its newline).
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

/// How long dropping a [`to_writer`] sink waits for the writer to write what is queued.
const FLUSH_WAIT: Duration = Duration::from_millis(500);

/// The subscriber: relctl's events up to `max`, as lines (see the module's docs), to `sink`.
/// Emit under it with `tracing::dispatcher::with_default`.
pub fn dispatch(sink: LogSink, max: LevelFilter) -> Dispatch {
    let lines = tracing_subscriber::fmt::layer()
        .event_format(Line)
        .fmt_fields(Values)
        .with_writer(ToSink(sink))
        .with_ansi(false)
        // Its own complaints would go to stderr with eprintln!, which panics on a closed one.
        .log_internal_errors(false);
    let relctl_only = Targets::new().with_target("relctl", max);
    Dispatch::new(tracing_subscriber::registry().with(relctl_only).with(lines))
}

/// The level a `-v` count allows: none without it, INFO with `-v`, DEBUG with `-vv`, then TRACE.
pub fn verbosity(count: u8) -> LevelFilter {
    match count {
        0 => LevelFilter::OFF,
        1 => LevelFilter::INFO,
        2 => LevelFilter::DEBUG,
        _ => LevelFilter::TRACE,
    }
}

/// The command line's sink: each line on stderr at once. A closed or full stderr loses the line
/// but never ends the command.
pub fn stderr() -> LogSink {
    Arc::new(crate::output::write_stderr)
}

/// Formats an event as one line: the values of its spans' fields, then its own.
struct Line;

impl<S, N> FormatEvent<S, N> for Line
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        for span in ctx
            .event_scope()
            .into_iter()
            .flat_map(|scope| scope.from_root())
        {
            if let Some(fields) = span.extensions().get::<FormattedFields<N>>()
                && !fields.is_empty()
            {
                write!(writer, "{fields} ")?;
            }
        }
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

/// Formats fields as their values alone, separated by spaces: a message is its text, a string
/// or a `%value` is written as is.
struct Values;

impl<'w> FormatFields<'w> for Values {
    fn format_fields<R: tracing_subscriber::field::RecordFields>(
        &self,
        writer: Writer<'w>,
        fields: R,
    ) -> fmt::Result {
        let mut values = ValueWriter {
            writer,
            first: true,
            result: Ok(()),
        };
        fields.record(&mut values);
        values.result
    }
}

struct ValueWriter<'w> {
    writer: Writer<'w>,
    first: bool,
    result: fmt::Result,
}

impl ValueWriter<'_> {
    fn write(&mut self, value: fmt::Arguments<'_>) {
        let separator = if self.first { "" } else { " " };
        self.first = false;
        if self.result.is_ok() {
            self.result = write!(self.writer, "{separator}{value}");
        }
    }
}

impl Visit for ValueWriter<'_> {
    fn record_str(&mut self, _: &Field, value: &str) {
        self.write(format_args!("{value}"));
    }

    fn record_debug(&mut self, _: &Field, value: &dyn fmt::Debug) {
        self.write(format_args!("{value:?}"));
    }
}

/// The subscriber's writer: each formatted event goes to the sink as one line.
struct ToSink(LogSink);

impl<'a> MakeWriter<'a> for ToSink {
    type Writer = SinkLine<'a>;

    fn make_writer(&'a self) -> SinkLine<'a> {
        SinkLine {
            sink: &self.0,
            text: Vec::new(),
        }
    }
}

/// One event's text, handed to the sink when the subscriber is done writing it.
struct SinkLine<'a> {
    sink: &'a LogSink,
    text: Vec<u8>,
}

impl Write for SinkLine<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.text.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for SinkLine<'_> {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.text);
        let line = text.strip_suffix('\n').unwrap_or(&text);
        if !line.is_empty() {
            (self.sink)(line);
        }
    }
}

/// A sink that queues up to `capacity` lines for one thread writing them to `writer`. It never
/// waits: a line that finds the queue full is dropped (and counted). Write errors are ignored.
/// When the sink is dropped, the writer gets a moment to write what is queued, then is left.
pub fn to_writer<W: Write + Send + 'static>(writer: W, capacity: usize) -> LogSink {
    let (lines, queued) = mpsc::sync_channel::<String>(capacity.max(1));
    let (finished, done) = mpsc::channel::<()>();
    let dropped = Arc::new(AtomicU64::new(0));
    let counted = Arc::clone(&dropped);
    let spawned = std::thread::Builder::new()
        .name("relctl-log".to_string())
        .spawn(move || {
            write_lines(writer, &queued, &counted);
            drop(finished);
        });
    if spawned.is_err() {
        // No thread, no log: the work goes on all the same.
        return Arc::new(|_: &str| {});
    }
    let queue = Queue {
        lines: Some(lines),
        done: Mutex::new(done),
        dropped,
    };
    Arc::new(move |line: &str| queue.push(line))
}

/// The writer thread: until every sender is gone.
fn write_lines<W: Write>(mut writer: W, queued: &Receiver<String>, dropped: &AtomicU64) {
    while let Ok(line) = queued.recv() {
        let _ = writeln!(writer, "{line}");
        let lost = dropped.swap(0, Ordering::Relaxed);
        if lost > 0 {
            let _ = writeln!(
                writer,
                "log: {lost} line(s) dropped, the log could not keep up"
            );
        }
        let _ = writer.flush();
    }
}

/// The sending side of [`to_writer`].
struct Queue {
    /// `None` once dropped.
    lines: Option<SyncSender<String>>,
    /// Disconnects when the writer thread ends (in a mutex only to be `Sync`).
    done: Mutex<Receiver<()>>,
    dropped: Arc<AtomicU64>,
}

impl Queue {
    fn push(&self, line: &str) {
        let Some(lines) = &self.lines else {
            return;
        };
        match lines.try_send(line.to_string()) {
            Ok(()) => {}
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

impl Drop for Queue {
    fn drop(&mut self) {
        // Closing the queue ends the writer once it has written the rest; wait a little for it.
        self.lines = None;
        if let Ok(done) = self.done.get_mut() {
            let _ = done.recv_timeout(FLUSH_WAIT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing::dispatcher::with_default;

    fn buffer() -> (LogSink, Arc<Mutex<Vec<String>>>) {
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&lines);
        let log: LogSink = Arc::new(move |line: &str| sink.lock().unwrap().push(line.to_string()));
        (log, lines)
    }

    #[test]
    fn a_line_is_the_values_of_its_spans_then_its_own() {
        let (sink, lines) = buffer();
        with_default(&dispatch(sink, LevelFilter::INFO), || {
            tracing::info!("plain {}", 1);
            let span = tracing::info_span!("request", method = %"GET", path = "/a b/");
            tracing::info!(parent: &span, "200 {:.1}ms", 1.25);
            let _inside = span.enter();
            tracing::warn!(count = 3u64, "refused");
        });
        assert_eq!(
            *lines.lock().unwrap(),
            ["plain 1", "GET /a b/ 200 1.2ms", "GET /a b/ refused 3"]
        );
    }

    #[test]
    fn the_level_and_the_target_choose_what_is_written() {
        let (sink, lines) = buffer();
        with_default(&dispatch(sink, verbosity(1)), || {
            tracing::info!("said");
            tracing::debug!("not said at -v");
            tracing::info!(target: "hyper", "not relctl's");
        });
        let (sink, quiet) = buffer();
        with_default(&dispatch(sink, verbosity(0)), || tracing::warn!("nothing"));
        assert_eq!(*lines.lock().unwrap(), ["said"]);
        assert!(quiet.lock().unwrap().is_empty());
    }

    #[test]
    fn dispatches_do_not_see_each_others_events() {
        let (one, first) = buffer();
        let (two, second) = buffer();
        let (one, two) = (
            dispatch(one, LevelFilter::INFO),
            dispatch(two, LevelFilter::INFO),
        );
        with_default(&one, || {
            tracing::info!("one");
            with_default(&two, || tracing::info!("two"));
        });
        assert_eq!(*first.lock().unwrap(), ["one"]);
        assert_eq!(*second.lock().unwrap(), ["two"]);
    }

    #[test]
    fn a_line_with_a_newline_stays_one_line_for_the_sink() {
        let (sink, lines) = buffer();
        with_default(&dispatch(sink, LevelFilter::INFO), || {
            tracing::info!("{}", "two\nparts");
        });
        assert_eq!(*lines.lock().unwrap(), ["two\nparts"]);
    }
}
