//! Firmware artifacts: a board's runtime ELF plus an image in, files a board
//! or a flasher accepts out.
//!
//! A board's runtime is a firmware ELF built from a crate under `targets/`.
//! Its linker script reserves a flash region for the image and marks it with
//! the absolute symbols `__mpc_image_start` and `__mpc_image_end`; the
//! object `MPC_BOARD` holds the board's name in UTF-8. [`read_runtime`]
//! reads all of that, and [`link`] writes a new ELF with the image bytes
//! placed in the region, so the same file works for QEMU, probe-rs and gdb.
//!
//! Everything else speaks in [`Segment`]s, bytes at flash (load) addresses:
//! [`load_segments`] takes them out of any ELF, and [`uf2`], [`ihex`] and
//! [`bin`] write them in the formats that drag-and-drop bootloaders, vendor
//! tools and `dd` understand. With `--image-only` the caller skips the ELF
//! and writes `[Segment { addr: image_start, data: image }]` directly.
//!
//! Invariant: nothing here panics on malformed input. ELF, UF2 and HEX
//! files come from outside, so every offset and address is checked, and a
//! bad file is an error value naming what is wrong.

mod elf;

pub mod bin;
pub mod ihex;
pub mod size;
pub mod uf2;

pub use elf::{FirmwareError, RuntimeInfo, link, load_segments, read_runtime};

/// Bytes to be placed at a load address (an ELF segment's `p_paddr`, so the
/// flash address even for `.data`, whose run-time address is in RAM).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The load address of `data[0]`.
    pub addr: u32,
    /// The bytes, in address order.
    pub data: Vec<u8>,
}

impl Segment {
    /// One past the last address, as a `u64` so that a segment ending at the
    /// top of the 32-bit address space has an end too.
    pub fn end(&self) -> u64 {
        u64::from(self.addr) + self.data.len() as u64
    }
}

/// Sorts runs of bytes by address and joins the ones that touch, so that
/// every reader returns the same shape whatever order its input had.
///
/// Two runs that share an address are refused with that address: a file that
/// writes one flash byte twice is ambiguous, and guessing which write wins
/// would hide a broken producer. Callers have already refused runs that pass
/// the end of the 32-bit address space, each with its own error.
pub(crate) fn coalesce(mut runs: Vec<Segment>) -> Result<Vec<Segment>, u32> {
    runs.retain(|run| !run.data.is_empty());
    runs.sort_by_key(|run| run.addr);
    let mut merged: Vec<Segment> = Vec::with_capacity(runs.len());
    for run in runs {
        match merged.last_mut() {
            Some(last) if last.end() > u64::from(run.addr) => return Err(run.addr),
            Some(last) if last.end() == u64::from(run.addr) => last.data.extend(run.data),
            _ => merged.push(run),
        }
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(addr: u32, data: &[u8]) -> Segment {
        Segment {
            addr,
            data: data.to_vec(),
        }
    }

    #[test]
    fn coalesce_sorts_and_joins_touching_runs() {
        let runs = vec![
            seg(0x110, &[3]),
            seg(0x100, &[1, 2]),
            seg(0x102, &[9]),
            seg(0x200, &[]),
        ];
        assert_eq!(
            coalesce(runs),
            Ok(vec![seg(0x100, &[1, 2, 9]), seg(0x110, &[3])])
        );
    }

    /// The CLI turns these errors into miette reports, which need errors
    /// that can cross threads.
    #[test]
    fn errors_are_send_sync_and_static() {
        fn report<E: std::error::Error + Send + Sync + 'static>() {}
        report::<FirmwareError>();
        report::<uf2::Uf2Error>();
        report::<ihex::IhexError>();
        report::<bin::BinError>();
    }

    #[test]
    fn coalesce_refuses_a_byte_written_twice() {
        let runs = vec![seg(0x100, &[1, 2, 3]), seg(0x102, &[9])];
        assert_eq!(coalesce(runs), Err(0x102));
    }
}
