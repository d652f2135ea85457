//! `flasher`: writes a firmware ELF to a board through a debug probe, and
//! streams the board's output afterwards. The only crate of mpc that links
//! probe-rs.
//!
//! **Invariant: this crate never prints.** Progress arrives as [`Event`]s
//! through a callback and the board's output as bytes through another; the
//! `mpc flash` command draws them.
//!
//! The steps of [`flash`], each its own piece so that most can be tested
//! without hardware:
//!
//! 1. [`plan`]: the chip's memory map and flash algorithm from probe-rs's
//!    built-in database, and the ELF's loadable segments read by us
//!    (goblin), optionally restricted to an address range; every byte must
//!    land in flash. No probe is needed, so `mpc flash --dry-run` can show it.
//! 2. [`choose_probe`]: the only probe attached, or the one the
//!    [`ProbeSelector`] (`VID:PID[:SERIAL]`) names.
//! 3. Attach to the chip by its probe-rs name. A locked nRF (APPROTECT) is
//!    reported as [`FlashError::Locked`] unless a full erase is allowed.
//! 4. Erase, program and optionally verify with probe-rs's `FlashLoader`,
//!    its progress folded into our [`Event`]s; then reset and run.
//!
//! [`Flashed::monitor`] then reads the runtime's console from RTT channel 0
//! and serves its semihosting calls until the program exits or the caller
//! says stop.

mod elf;
mod error;
mod monitor;
mod plan;
mod probe;
mod progress;

use std::ops::Range;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use probe_rs::architecture::arm::ArmError;
use probe_rs::flashing::{DownloadOptions, FlashProgress};
use probe_rs::probe::list::Lister;
use probe_rs::probe::{DebugProbeError, Probe};
use probe_rs::rtt::{Rtt, ScanRegion};
use probe_rs::{Permissions, Session};

pub use error::FlashError;
pub use plan::{Plan, Region, plan};
pub use probe::{ProbeInfo, ProbeSelector, choose_probe, list_probes};
pub use progress::{Event, Operation};

/// How to flash.
#[derive(Clone, Debug, Default)]
pub struct FlashOptions {
    /// Which probe; `None` takes the only one attached.
    pub probe: Option<ProbeSelector>,
    /// Read the flash back after programming and compare.
    pub verify: bool,
    /// Allow erasing the whole chip, which a locked nRF needs to be unlocked.
    pub allow_erase_all: bool,
    /// Write only the ELF's bytes inside this address range (`--image-only`).
    pub only: Option<Range<u64>>,
}

/// Open the probe (the only one, or the selected one), attach to `chip` by
/// its probe-rs name, write the ELF's loadable bytes (or only those inside
/// `opts.only`), verify if asked, reset and run. Returns a handle that can
/// monitor.
///
/// `board` and `file` only name things in errors. Before any probe is
/// touched the plan is computed, so a bad ELF or chip name fails first.
pub fn flash(
    board: &str,
    chip: &str,
    elf: &[u8],
    file: &Path,
    opts: &FlashOptions,
    on_event: &mut dyn FnMut(Event),
) -> Result<Flashed, FlashError> {
    let found = Lister::new().list_all();
    let infos: Vec<ProbeInfo> = found.iter().map(ProbeInfo::from).collect();
    let job = Job {
        board,
        chip,
        elf,
        file,
        opts,
    };
    flash_with(&infos, &mut |i| found[i].open(), &job, on_event)
}

/// The arguments of [`flash`], passed on as one.
struct Job<'a> {
    board: &'a str,
    chip: &'a str,
    elf: &'a [u8],
    file: &'a Path,
    opts: &'a FlashOptions,
}

/// [`flash`] with the probes given: `found` and a function opening the
/// `i`th of them, so tests can hand in probe-rs's `FakeProbe`.
fn flash_with(
    found: &[ProbeInfo],
    open: &mut dyn FnMut(usize) -> Result<Probe, DebugProbeError>,
    job: &Job<'_>,
    on_event: &mut dyn FnMut(Event),
) -> Result<Flashed, FlashError> {
    let target = plan::target(job.chip)?;
    let segments = elf::loadable(job.elf, job.opts.only.as_ref())?;
    let plan = plan::plan_segments(&target, &segments)?;
    let chip = plan.chip.clone();

    let index = choose_probe(found, job.opts.probe.as_ref())?;
    let info = found[index].clone();
    let probe = open(index).map_err(|e| FlashError::OpenProbe {
        probe: info.clone(),
        source: Box::new(e),
    })?;
    let permissions = if job.opts.allow_erase_all {
        Permissions::new().allow_erase_all()
    } else {
        Permissions::new()
    };
    let mut session = probe
        .attach(target, permissions)
        .map_err(|e| attach_error(e, job.board, &chip))?;
    on_event(Event::Attached {
        probe: info,
        chip: chip.clone(),
    });
    on_event(Event::Planned(plan));

    let failed = |source: Box<dyn std::error::Error + Send + Sync>| FlashError::Flash {
        board: job.board.to_owned(),
        chip: chip.clone(),
        file: job.file.to_owned(),
        source,
    };
    let mut loader = session.target().flash_loader();
    for seg in &segments {
        loader
            .add_data(seg.addr, seg.data)
            .map_err(|e| failed(Box::new(e)))?;
    }
    let mut progress = progress::ProgressMap::default();
    let mut options = DownloadOptions::default();
    options.verify = job.opts.verify;
    options.progress = FlashProgress::new(|e| progress.on(e, on_event));
    loader
        .commit(&mut session, options)
        .map_err(|e| failed(Box::new(e)))?;

    {
        let mut core = session.core(0).map_err(|e| failed(Box::new(e)))?;
        if let Some(addr) = elf::rtt_symbol(job.elf)
            && core.core_halted().unwrap_or(false)
        {
            // RAM still holds the previous program's RTT control block; a
            // monitor attaching before the new runtime sets its own up
            // would read stale pointers. Best effort: the flash itself has
            // succeeded, and a stale block only risks garbled output.
            let _ = Rtt::clear_control_block(&mut core, &ScanRegion::Exact(addr));
        }
        core.reset().map_err(|e| failed(Box::new(e)))?;
    }
    on_event(Event::Reset);
    Ok(Flashed {
        session,
        board: job.board.to_owned(),
        chip,
    })
}

/// Sorts an attach failure into locked, unknown chip, or no answer.
fn attach_error(error: probe_rs::Error, board: &str, chip: &str) -> FlashError {
    match error {
        // nRF52/53/91 debug sequences check APPROTECT while attaching and,
        // without the erase-all permission, fail with exactly this.
        probe_rs::Error::Arm(ArmError::MissingPermissions(_))
        | probe_rs::Error::MissingPermissions(_) => FlashError::Locked {
            board: board.to_owned(),
            chip: chip.to_owned(),
        },
        probe_rs::Error::ChipNotFound(_) => FlashError::UnknownChip {
            chip: chip.to_owned(),
        },
        other => FlashError::NoAnswer {
            board: board.to_owned(),
            chip: chip.to_owned(),
            source: Box::new(other),
        },
    }
}

/// A flashed board, still attached: owns the probe-rs session (and so the
/// probe) until dropped.
pub struct Flashed {
    session: Session,
    board: String,
    chip: String,
}

impl std::fmt::Debug for Flashed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Flashed")
            .field("board", &self.board)
            .field("chip", &self.chip)
            .finish_non_exhaustive()
    }
}

impl Flashed {
    /// The board's name as given to [`flash`].
    pub fn board(&self) -> &str {
        &self.board
    }

    /// The chip's full probe-rs name.
    pub fn chip(&self) -> &str {
        &self.chip
    }

    /// Streams the board's output until the program ends or `stop` is set:
    /// RTT up-channel 0 (the runtime's control block `_SEGGER_RTT`, found
    /// via the ELF symbol or a RAM scan) to `on_output`, and semihosting:
    /// SYS_WRITE/SYS_WRITE0/SYS_WRITEC to `on_output`, SYS_EXIT /
    /// SYS_EXIT_EXTENDED end the monitor with the status (the core is
    /// resumed after other semihosting calls; unknown ones get -1 in r0).
    /// Returns `Some(status)` when the runtime reported one, `None` when
    /// stopped by `stop`. A core that halts for anything but semihosting,
    /// or locks up, is an error.
    pub fn monitor(
        &mut self,
        elf: &[u8],
        on_output: &mut dyn FnMut(&[u8]),
        stop: &AtomicBool,
    ) -> Result<Option<i32>, FlashError> {
        monitor::run(&mut self.session, elf, on_output, stop)
    }
}

#[cfg(test)]
mod tests;
