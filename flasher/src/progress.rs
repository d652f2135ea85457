//! Turning probe-rs's flashing progress into our [`Event`]s.
//!
//! probe-rs announces one progress bar per operation and flash algorithm
//! (`AddProgressBar`), then runs erase, program and verify for one
//! algorithm after another, each with `Started`, `Progress` (bytes of one
//! sector or page) and `Finished`. We fold those into one `Started` (with
//! the total over all algorithms), cumulative `Progress` and one `Finished`
//! per operation. With one flash algorithm (every chip mpc supports) the
//! operations come strictly one after the other; with several they can
//! interleave. `Fill` (restoring unwritten bytes, which we never ask for),
//! `Failed` (the error is returned) and diagnostic messages map to nothing.

use probe_rs::flashing::{ProgressEvent, ProgressOperation};

use crate::plan::Plan;
use crate::probe::ProbeInfo;

/// A flash operation; all three are measured in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Erase,
    Program,
    Verify,
}

/// What [`crate::flash`] reports while it works, in this order: `Attached`,
/// `Planned`, then `Started`, `Progress`… and `Finished` for each of
/// erase, program and (if asked) verify, then `Reset`.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Attached {
        probe: ProbeInfo,
        chip: String,
    },
    Planned(Plan),
    /// `total` bytes; 0 when probe-rs does not know it (a whole-chip erase).
    Started {
        op: Operation,
        total: u64,
    },
    /// Bytes done so far (monotonic).
    Progress {
        op: Operation,
        done: u64,
    },
    Finished {
        op: Operation,
    },
    /// Target reset and running.
    Reset,
}

#[derive(Clone, Copy, Debug, Default)]
struct OpState {
    /// Progress bars announced, one per flash algorithm.
    bars: u32,
    total: u64,
    started: bool,
    done: u64,
    finished: u32,
}

/// Folds probe-rs's progress events into ours; see the module docs.
#[derive(Debug, Default)]
pub(crate) struct ProgressMap {
    ops: [OpState; 3],
}

impl ProgressMap {
    pub fn on(&mut self, event: ProgressEvent, emit: &mut dyn FnMut(Event)) {
        match event {
            ProgressEvent::AddProgressBar { operation, total } => {
                if let Some(op) = ours(operation) {
                    let s = self.state(op);
                    s.bars += 1;
                    s.total += total.unwrap_or(0);
                }
            }
            ProgressEvent::Started(operation) => {
                if let Some(op) = ours(operation) {
                    let s = self.state(op);
                    if !s.started {
                        s.started = true;
                        let total = s.total;
                        emit(Event::Started { op, total });
                    }
                }
            }
            ProgressEvent::Progress {
                operation, size, ..
            } => {
                if let Some(op) = ours(operation) {
                    let s = self.state(op);
                    s.done += size;
                    let done = s.done;
                    emit(Event::Progress { op, done });
                }
            }
            ProgressEvent::Finished(operation) => {
                if let Some(op) = ours(operation) {
                    let s = self.state(op);
                    s.finished += 1;
                    // The last algorithm's `Finished` (or the only one, if
                    // probe-rs never announced a bar for it).
                    if s.finished == s.bars.max(1) {
                        emit(Event::Finished { op });
                    }
                }
            }
            ProgressEvent::FlashLayoutReady { .. }
            | ProgressEvent::Failed(_)
            | ProgressEvent::DiagnosticMessage { .. } => {}
        }
    }

    fn state(&mut self, op: Operation) -> &mut OpState {
        &mut self.ops[op as usize]
    }
}

fn ours(operation: ProgressOperation) -> Option<Operation> {
    match operation {
        ProgressOperation::Erase => Some(Operation::Erase),
        ProgressOperation::Program => Some(Operation::Program),
        ProgressOperation::Verify => Some(Operation::Verify),
        ProgressOperation::Fill => None,
    }
}
