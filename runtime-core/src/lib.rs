//! The mpc VM: runs an image in place, with a garbage-collected heap it is
//! given.
//!
//! `Vm::new(image, heap, host)` validates the image once ([`image_format::Image::parse`],
//! using the not-yet-used heap as scratch), then lays out the heap: a stack
//! region for frames and values, and the garbage-collected object area.
//! `Vm::run` executes the entry module as `__main__`.
//!
//! Invariants:
//! - `no_std`, no global allocator, no `alloc`: every object lives in the
//!   heap slice the VM was given.
//! - A Python error is a Python exception; a full heap raises `MemoryError`,
//!   a full stack region or too deep recursion `RecursionError`. Nothing a
//!   program does makes the VM panic.
#![no_std]
// `Vm::to_str`, `to_list`, … convert Python values, not `self`.
#![allow(clippy::wrong_self_convention)]
// The call path passes a frame's coordinates as plain integers.
#![allow(clippy::too_many_arguments)]

pub mod num;

mod access;
mod arith;
pub mod builtins;
mod bytes;
mod classes;
mod dict;
mod dunders;
mod errors;
mod gens;
pub mod heap;
mod imports;
#[cfg(feature = "json")]
mod jsonmod;
mod machine;
mod methods;
mod natives;
mod natmods;
mod objects;
mod seq;
mod sets;
mod strformat;
#[cfg(feature = "struct")]
mod structmod;
mod text;
mod uchar;
pub mod value;
mod vm;

pub use machine::{PinMode, PinPull};
pub use value::Value;
pub use vm::{RECURSION_LIMIT, Vm};

/// What the VM needs from the machine it runs on.
pub trait Host {
    /// Console output: what `print` writes (stdout on the host).
    fn write_out(&mut self, bytes: &[u8]);
    /// Error output: tracebacks (stderr on the host; the same console on a board).
    fn write_err(&mut self, bytes: &[u8]);
    /// Monotonic microseconds since an arbitrary start.
    fn ticks_us(&mut self) -> u64;
    /// Waits `us` microseconds.
    fn sleep_us(&mut self, us: u64);

    // `machine`: a host without pins or a chip keeps these defaults, and
    // `machine.Pin(n)` then raises `ValueError: invalid pin`.

    /// Does the board have GPIO `id`?
    fn pin_exists(&mut self, _id: u32) -> bool {
        false
    }
    /// The pin a board names (`"LED"`), as `Pin("LED")` asks for it.
    fn pin_named(&mut self, _name: &str) -> Option<u32> {
        None
    }
    /// Sets a pin's direction and pull resistor.
    fn pin_init(&mut self, _id: u32, _mode: PinMode, _pull: PinPull) {}
    /// Drives an output pin (remembered for an input, as the chips do).
    fn pin_write(&mut self, _id: u32, _high: bool) {}
    /// A pin's level: the input level, or the driven level of an output.
    fn pin_read(&mut self, _id: u32) -> bool {
        false
    }
    /// `machine.freq()`: the CPU clock in Hz.
    fn cpu_freq(&mut self) -> u32 {
        0
    }
    /// `machine.unique_id()`: the chip's serial number.
    fn unique_id(&mut self) -> [u8; 8] {
        [0; 8]
    }
    /// `machine.reset()`: a board resets and never returns; a host returns
    /// and the VM ends the program as `SystemExit` does.
    fn reset(&mut self) {}
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Finished,
    /// An uncaught exception; its traceback was written with `write_err`.
    Exception,
    /// `SystemExit` with this status.
    Exit(i32),
}

/// Why the VM did not start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The image was refused by the validator.
    Image(image_format::ImageError),
    /// The heap cannot hold the VM's own structures.
    HeapTooSmall { given: usize, needed: usize },
}

impl core::fmt::Display for LoadError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            LoadError::Image(e) => write!(f, "invalid image: {e}"),
            LoadError::HeapTooSmall { given, needed } => {
                write!(
                    f,
                    "heap of {given} bytes is too small (needs at least {needed})"
                )
            }
        }
    }
}

/// Marks that a Python exception is being raised; the exception itself is
/// in the VM (`Vm::exc`), where the collector can see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Raised;
