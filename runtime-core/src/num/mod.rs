//! The VM's numeric library: Python's int, float and format-spec semantics as
//! pure functions over caller-provided slices.
//!
//! Nothing here allocates, and nothing panics on any input: the VM sizes each
//! output buffer with the matching `*_bound` function (it allocates the buffer
//! on its own heap), passes it in, and gets back the used length or an error.
//! A buffer smaller than its bound is reported as an error, never as an
//! out-of-bounds index.
//!
//! - [`bigint`]: arbitrary-precision integers as sign plus magnitude, the
//!   magnitude being little-endian `u32` limbs in canonical form (no high zero
//!   limbs; zero has no limbs). Arithmetic with Python's floor semantics,
//!   two's-complement bitwise operations, conversions, hashing, text in radix
//!   2..=36 and `int(str, base)` parsing.
//! - [`float`]: `repr(float)`, Python's `//`, `%`, `divmod`, `**`, `round`,
//!   `float(str)` and `hash(float)` (consistent with the int hash).
//! - [`format`]: the format-spec mini-language (`format(x, spec)`, f-string
//!   fields) for int, float and str, with CPython's error messages.
//!
//! CPython is the oracle throughout: the unit tests compare against strings
//! that `python3` printed when the tests were written.
//!
//! Known differences from CPython, each left to the VM or out of scope:
//! `int()` and `float()` accept ASCII digits only (CPython also takes other
//! Unicode decimal digits); `int(str)`'s 4300-digit limit is not enforced
//! here; `float()` of a literal with underscores longer than
//! [`float::FLOAT_UNDERSCORE_MAX`] bytes is refused; `hash(nan)` is left to
//! the VM (CPython hashes NaN by identity).

pub mod bigint;
pub mod float;
pub mod format;

/// A fixed buffer that implements `core::fmt::Write`, so `core::fmt`'s
/// correctly rounded float formatting can write into a slice without
/// allocating. Overflow is reported as `fmt::Error`, not a panic.
pub(crate) struct SliceWriter<'a> {
    pub(crate) buf: &'a mut [u8],
    pub(crate) len: usize,
}

impl<'a> SliceWriter<'a> {
    pub(crate) fn new(buf: &'a mut [u8]) -> Self {
        SliceWriter { buf, len: 0 }
    }
}

impl core::fmt::Write for SliceWriter<'_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let bytes = s.as_bytes();
        let end = self.len.checked_add(bytes.len()).ok_or(core::fmt::Error)?;
        let dst = self.buf.get_mut(self.len..end).ok_or(core::fmt::Error)?;
        dst.copy_from_slice(bytes);
        self.len = end;
        Ok(())
    }
}

/// Strips the whitespace Python's `int()` and `float()` ignore around a
/// number: ASCII ` \t\n\v\f\r` and the non-ASCII characters for which
/// `str.isspace()` holds, given as UTF-8. CPython maps only non-ASCII
/// spaces to `' '` before parsing, so `\x1c`..`\x1f` are not stripped.
pub(crate) fn strip_whitespace(mut s: &[u8]) -> &[u8] {
    loop {
        let n = leading_space_len(s);
        if n == 0 {
            break;
        }
        s = &s[n..];
    }
    loop {
        let n = trailing_space_len(s);
        if n == 0 {
            break;
        }
        s = &s[..s.len() - n];
    }
    s
}

/// The UTF-8 encodings of the non-ASCII characters `str.isspace()` accepts.
const UNICODE_SPACES: [&[u8]; 19] = [
    b"\xc2\x85",
    b"\xc2\xa0",
    b"\xe1\x9a\x80",
    b"\xe2\x80\x80",
    b"\xe2\x80\x81",
    b"\xe2\x80\x82",
    b"\xe2\x80\x83",
    b"\xe2\x80\x84",
    b"\xe2\x80\x85",
    b"\xe2\x80\x86",
    b"\xe2\x80\x87",
    b"\xe2\x80\x88",
    b"\xe2\x80\x89",
    b"\xe2\x80\x8a",
    b"\xe2\x80\xa8",
    b"\xe2\x80\xa9",
    b"\xe2\x80\xaf",
    b"\xe2\x81\x9f",
    b"\xe3\x80\x80",
];

fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn leading_space_len(s: &[u8]) -> usize {
    match s.first() {
        Some(&c) if is_ascii_space(c) => 1,
        Some(_) => UNICODE_SPACES
            .iter()
            .find(|u| s.starts_with(u))
            .map_or(0, |u| u.len()),
        None => 0,
    }
}

fn trailing_space_len(s: &[u8]) -> usize {
    match s.last() {
        Some(&c) if is_ascii_space(c) => 1,
        Some(_) => UNICODE_SPACES
            .iter()
            .find(|u| s.ends_with(u))
            .map_or(0, |u| u.len()),
        None => 0,
    }
}
