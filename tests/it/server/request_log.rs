//! The request log never holds a request up: lines go through a bounded queue to one writer
//! thread, a stuck writer costs lines (counted), a broken one is ignored.

use std::io::{self, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use relctl::server::log_to_writer;

/// A writer that blocks until released, like a stderr pipe nobody reads.
#[derive(Clone, Default)]
pub struct Stuck {
    open: Arc<(Mutex<bool>, Condvar)>,
    pub written: Arc<Mutex<Vec<u8>>>,
}

impl Stuck {
    pub fn release(&self) {
        let (open, wake) = &*self.open;
        *open.lock().unwrap() = true;
        wake.notify_all();
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.written.lock().unwrap().clone()).unwrap()
    }
}

impl Write for Stuck {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let (open, wake) = &*self.open;
        let mut guard = open.lock().unwrap();
        while !*guard {
            guard = wake.wait(guard).unwrap();
        }
        self.written.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_stuck_writer_costs_lines_not_time() {
    let stuck = Stuck::default();
    let sink = log_to_writer(stuck.clone(), 4);
    let started = Instant::now();
    for i in 0..10_000 {
        sink(&format!("line {i}"));
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "logging waited for the writer: {:?}",
        started.elapsed()
    );
    stuck.release();
    drop(sink);
    let text = stuck.text();
    let lines = text.lines().filter(|l| l.starts_with("line ")).count();
    assert!((1..=5).contains(&lines), "{text}");
    assert!(text.starts_with("line 0\n"), "{text}");
    assert!(
        text.contains("line(s) dropped, the log could not keep up"),
        "{text}"
    );
}

#[test]
fn a_closed_writer_is_ignored() {
    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
    }
    let sink = log_to_writer(Closed, 2);
    for i in 0..1000 {
        sink(&format!("line {i}"));
    }
    drop(sink);
}

#[test]
fn lines_arrive_in_order_when_the_writer_keeps_up() {
    let stuck = Stuck::default();
    stuck.release();
    let sink = log_to_writer(stuck.clone(), 64);
    for i in 0..50 {
        sink(&format!("line {i}"));
    }
    drop(sink);
    let expected: String = (0..50).map(|i| format!("line {i}\n")).collect();
    assert_eq!(stuck.text(), expected);
}
