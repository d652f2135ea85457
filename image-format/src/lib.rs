//! The mpc image: what the compiler writes and the VM runs in place.
//!
//! - [`ops`]: the instruction set, one table from which `Op`, its encoding,
//!   decoding, mnemonics and stack effects all come.
//! - [`qstr`]: interned names shared by compiler and runtime.
//! - [`image`]: the header, table of contents and sections, the validating
//!   reader [`Image`], and [`image::analyze`], the one stack-depth analysis.
//! - `writer` and `disasm` (feature `std`): the image writer used by the
//!   compiler's link step, and the disassembler behind `mpc dis`.
//!
//! Invariant: this crate depends on nothing of ours and is `no_std`; it
//! builds for `thumbv6m-none-eabi`.
#![no_std]

#[cfg(feature = "std")]
extern crate std;

pub mod image;
pub mod ops;
pub mod qstr;

#[cfg(feature = "std")]
pub mod disasm;
#[cfg(feature = "std")]
pub mod writer;

pub use image::{CodeRecord, Const, Image, ImageError, ModuleRecord};
pub use ops::Op;
