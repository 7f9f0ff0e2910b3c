//! Streamed commit batches that a write transaction can read again. PostgreSQL breaks a
//! deadlock by rolling one of the transactions back (two set-commits storing the same new
//! commits in a different order across batches can meet in one); the write then runs again
//! from the first batch (`access.rs`). The batches handed out are kept, up to a budget: past
//! it the stream is read once only, and a second run fails as a conflict to retry.

use crate::backend::CommitBatches;
use crate::error::Result;
use crate::flow::commits::CommitBatch;

/// How much of a stream (in bytes of commits, roughly) is kept to be read again: what
/// set-commits reads before its transaction begins, so a range read whole can always run again.
const KEPT_BYTES: usize = crate::ops::set_commits::PRE_READ_BYTES;

/// A stream of batches, and those of it handed out so far while they fit in [`KEPT_BYTES`].
pub(super) struct Replayable<'b> {
    source: CommitBatches<'b>,
    kept: Vec<CommitBatch>,
    kept_bytes: usize,
    /// Whether every batch handed out so far is in `kept`.
    whole: bool,
    started: bool,
}

impl<'b> Replayable<'b> {
    pub(super) fn new(source: CommitBatches<'b>) -> Self {
        Replayable {
            source,
            kept: Vec::new(),
            kept_bytes: 0,
            whole: true,
            started: false,
        }
    }

    /// The batches for one run of the write: those kept, then the rest of the stream; `None`
    /// when an earlier run took batches that were not kept.
    pub(super) fn run(&mut self) -> Option<Run<'_, 'b>> {
        if self.started && !self.whole {
            return None;
        }
        self.started = true;
        Some(Run {
            replay: self,
            next_kept: 0,
        })
    }
}

/// One run over a [`Replayable`] stream.
pub(super) struct Run<'r, 'b> {
    replay: &'r mut Replayable<'b>,
    next_kept: usize,
}

impl Iterator for Run<'_, '_> {
    type Item = Result<CommitBatch>;

    fn next(&mut self) -> Option<Result<CommitBatch>> {
        let replay = &mut *self.replay;
        if let Some(batch) = replay.kept.get(self.next_kept) {
            self.next_kept += 1;
            return Some(Ok(batch.clone()));
        }
        let item = replay.source.next()?;
        if let Ok(batch) = &item
            && replay.whole
        {
            let bytes = batch.approx_bytes();
            if replay.kept_bytes + bytes <= KEPT_BYTES {
                replay.kept_bytes += bytes;
                replay.kept.push(batch.clone());
                self.next_kept += 1;
            } else {
                replay.whole = false;
                replay.kept = Vec::new();
            }
        }
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::commits::{CommitInput, Sent};

    fn batch(id: &str) -> CommitBatch {
        CommitBatch {
            commits: vec![CommitInput {
                id: id.to_string(),
                repository: None,
                message: Sent::Value("m".to_string()),
                author_name: None,
                author_email: None,
                timestamp: None,
                patch_set: Vec::new(),
            }],
            heads: Vec::new(),
        }
    }

    fn ids(run: Run<'_, '_>) -> Vec<String> {
        run.map(|b| b.unwrap().commits[0].id.clone()).collect()
    }

    #[test]
    fn a_second_run_reads_the_same_batches_then_the_rest() {
        let mut stream = vec![Ok(batch("a")), Ok(batch("b")), Ok(batch("c"))].into_iter();
        let mut replay = Replayable::new(&mut stream);
        let first: Vec<String> = replay
            .run()
            .unwrap()
            .take(2)
            .map(|b| b.unwrap().commits[0].id.clone())
            .collect();
        assert_eq!(first, ["a", "b"]);
        assert_eq!(ids(replay.run().unwrap()), ["a", "b", "c"]);
        assert_eq!(ids(replay.run().unwrap()), ["a", "b", "c"]);
    }

    #[test]
    fn past_the_budget_a_second_run_is_refused() {
        let big = CommitBatch {
            commits: (0..40_000)
                .map(|i| batch(&i.to_string()).commits[0].clone())
                .collect(),
            heads: Vec::new(),
        };
        let mut stream = vec![Ok(big), Ok(batch("z"))].into_iter();
        let mut replay = Replayable::new(&mut stream);
        assert_eq!(replay.run().unwrap().count(), 2);
        assert!(replay.run().is_none());
    }
}
