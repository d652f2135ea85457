//! Character classes and case mapping for `str` methods.
//!
//! With the `unicode` feature (the default) these are Rust's full Unicode
//! tables, as CPython's. Without it, only ASCII letters are letters and
//! have a case, as in MicroPython: the case tables alone are about 25 KiB
//! of flash, more than a micro:bit can spare. Whitespace and digits are the
//! same either way.

#[cfg(feature = "unicode")]
mod imp {
    pub fn is_alphabetic(c: char) -> bool {
        c.is_alphabetic()
    }
    pub fn is_numeric(c: char) -> bool {
        c.is_numeric()
    }
    pub fn is_uppercase(c: char) -> bool {
        c.is_uppercase()
    }
    pub fn is_lowercase(c: char) -> bool {
        c.is_lowercase()
    }
    pub fn to_upper(c: char, mut put: impl FnMut(char)) {
        c.to_uppercase().for_each(&mut put);
    }
    pub fn to_lower(c: char, mut put: impl FnMut(char)) {
        c.to_lowercase().for_each(&mut put);
    }
}

#[cfg(not(feature = "unicode"))]
mod imp {
    pub fn is_alphabetic(c: char) -> bool {
        c.is_ascii_alphabetic()
    }
    pub fn is_numeric(c: char) -> bool {
        c.is_ascii_digit()
    }
    pub fn is_uppercase(c: char) -> bool {
        c.is_ascii_uppercase()
    }
    pub fn is_lowercase(c: char) -> bool {
        c.is_ascii_lowercase()
    }
    pub fn to_upper(c: char, mut put: impl FnMut(char)) {
        put(c.to_ascii_uppercase());
    }
    pub fn to_lower(c: char, mut put: impl FnMut(char)) {
        put(c.to_ascii_lowercase());
    }
}

pub use imp::*;

pub fn is_alphanumeric(c: char) -> bool {
    is_alphabetic(c) || is_numeric(c)
}
