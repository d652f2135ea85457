//! [`FlashError`]: everything that can stop a flash or a monitor, with the
//! board, chip, file and addresses it concerns, and probe-rs's error as the
//! source where there is one.

use std::fmt;
use std::path::PathBuf;

use crate::{ProbeInfo, ProbeSelector, Region};

/// A boxed error from probe-rs (or from the monitor), kept as the source.
pub type Source = Box<dyn std::error::Error + Send + Sync>;

/// Why a flash, a plan or a monitor failed.
#[derive(Debug)]
pub enum FlashError {
    /// No debug probe is attached to this computer.
    NoProbe,
    /// Probes are attached, but none matches the selector.
    ProbeNotFound {
        wanted: ProbeSelector,
        found: Vec<ProbeInfo>,
    },
    /// Several probes (match the selector and) could be meant.
    SeveralProbes { found: Vec<ProbeInfo> },
    /// The probe was found but could not be opened (on Linux usually a
    /// missing udev rule: permission denied).
    OpenProbe { probe: ProbeInfo, source: Source },
    /// probe-rs's chip database has no chip of that name.
    UnknownChip { chip: String },
    /// Attaching to the chip failed: wiring, power, or the wrong chip.
    NoAnswer {
        board: String,
        chip: String,
        source: Source,
    },
    /// The chip's debug access port is protected (nRF APPROTECT); only a
    /// full erase unlocks it, and that was not allowed.
    Locked { board: String, chip: String },
    /// Loadable bytes of the ELF lie outside the chip's flash.
    OutsideFlash {
        chip: String,
        start: u64,
        end: u64,
        nvm: Vec<Region>,
    },
    /// probe-rs has no (unambiguous) flash algorithm for a flash region the
    /// ELF writes to.
    NoFlashAlgorithm { chip: String, start: u64, end: u64 },
    /// The firmware is not an ELF file we can flash.
    BadElf(String),
    /// Erasing, programming, verifying or resetting failed.
    Flash {
        board: String,
        chip: String,
        file: PathBuf,
        source: Source,
    },
    /// Talking to the board while monitoring its output failed.
    Monitor { source: Source },
}

impl fmt::Display for FlashError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoProbe => write!(f, "no debug probe is connected"),
            Self::ProbeNotFound { wanted, found } => {
                write!(f, "no debug probe matches {wanted}; connected: ")?;
                list(f, found)
            }
            Self::SeveralProbes { found } => {
                write!(
                    f,
                    "{} debug probes could be meant; select one by VID:PID[:SERIAL]: ",
                    found.len()
                )?;
                list(f, found)
            }
            Self::OpenProbe { probe, .. } => write!(
                f,
                "could not open the debug probe {} ({})",
                probe.name,
                probe.selector()
            ),
            Self::UnknownChip { chip } => {
                write!(f, "probe-rs does not know a chip named `{chip}`")
            }
            Self::NoAnswer { board, chip, .. } => write!(
                f,
                "the {chip} of board `{board}` did not answer the debug probe (is it powered and wired?)"
            ),
            Self::Locked { board, chip } => write!(
                f,
                "the {chip} of board `{board}` is locked (access port protection); \
                 unlocking it erases its whole flash, which was not allowed"
            ),
            Self::OutsideFlash {
                chip,
                start,
                end,
                nvm,
            } => {
                write!(
                    f,
                    "the ELF loads bytes at {start:#010x}..{end:#010x}, outside the flash of {chip} ("
                )?;
                for (i, r) in nvm.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}{:#010x}..{:#010x}", r.start, r.end)?;
                }
                write!(f, ")")
            }
            Self::NoFlashAlgorithm { chip, start, end } => write!(
                f,
                "probe-rs has no single flash algorithm for {chip}'s flash at {start:#010x}..{end:#010x}"
            ),
            Self::BadElf(why) => write!(f, "the firmware is not a usable ELF file: {why}"),
            Self::Flash {
                board, chip, file, ..
            } => write!(
                f,
                "flashing {} to the {chip} of board `{board}` failed",
                file.display()
            ),
            Self::Monitor { .. } => write!(f, "monitoring the board's output failed"),
        }
    }
}

/// Writes `name (VID:PID[:SERIAL])`, comma separated; "none" for an empty list.
fn list(f: &mut fmt::Formatter<'_>, probes: &[ProbeInfo]) -> fmt::Result {
    if probes.is_empty() {
        return write!(f, "none");
    }
    for (i, p) in probes.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        write!(f, "{sep}{} ({})", p.name, p.selector())?;
    }
    Ok(())
}

impl std::error::Error for FlashError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::OpenProbe { source, .. }
            | Self::NoAnswer { source, .. }
            | Self::Flash { source, .. }
            | Self::Monitor { source } => Some(source.as_ref()),
            _ => None,
        }
    }
}
