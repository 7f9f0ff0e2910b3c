//! The progress indicator shown while a long commit range is walked and diffed.
//!
//! Reading tens of thousands of commits takes seconds; a spinner (while walking, when the total is
//! unknown) and then a bar (while reading commits) tell the user that relctl is working. It is
//! drawn on stderr only, through `ProgressDrawTarget::stderr()`, which indicatif hides by itself
//! when stderr is not a terminal, so pipes, CI logs and `--format json` on stdout stay clean.

use std::borrow::Cow;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress indicator that may be switched off; every method is a no-op when it is.
pub(super) struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A spinner on stderr when `enabled`, nothing otherwise.
    pub(super) fn new(enabled: bool) -> Self {
        if !enabled {
            return Progress { bar: None };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(spinner_style());
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress { bar: Some(bar) }
    }

    /// Start a phase: a spinner with a counter when `len` is unknown, a bar when it is known.
    pub(super) fn phase(&self, message: impl Into<Cow<'static, str>>, len: Option<usize>) {
        let Some(bar) = &self.bar else { return };
        bar.set_position(0);
        match len {
            Some(len) => {
                bar.set_style(bar_style());
                bar.set_length(u64::try_from(len).unwrap_or(u64::MAX));
            }
            None => {
                bar.set_style(spinner_style());
                bar.unset_length();
            }
        }
        bar.set_message(message);
    }

    /// Count one more unit of work in the current phase.
    pub(super) fn inc(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }
}

impl Drop for Progress {
    /// Whatever way the read ends (success or error), the indicator is removed from the screen.
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} {pos}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})")
        .map(|style| style.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}
