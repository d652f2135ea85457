//! Python's float semantics: `repr`, `//`, `%`, `divmod`, `**`, `round`,
//! `float(str)` and `hash`.
//!
//! Decimal conversion leans on `core::fmt`, whose float formatting is exact:
//! `{:e}` gives the shortest digits that round-trip (what CPython's `repr`
//! uses) and `{:.N}`/`{:.Ne}` round the exact binary value half-to-even
//! (what CPython's correctly rounded dtoa does). Parsing uses `core`'s
//! correctly rounded `str::parse::<f64>`.

use super::SliceWriter;
use core::fmt::Write;

/// Why a float operation produced no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatError {
    /// `ZeroDivisionError: float division by zero`.
    DivisionByZero,
    /// `ZeroDivisionError: float floor division by zero`.
    FloorDivisionByZero,
    /// `ZeroDivisionError: float modulo` (CPython 3.11's wording).
    ModuloByZero,
    /// `ZeroDivisionError: float divmod()`.
    DivmodByZero,
    /// `ZeroDivisionError: 0.0 cannot be raised to a negative power`.
    ZeroToNegativePower,
    /// A negative base with a non-integer exponent. CPython returns a complex
    /// number; we have none, so the VM raises `ValueError`.
    NegativeToFractionalPower,
    /// `OverflowError: (34, 'Numerical result out of range')` from `**`.
    PowOverflow,
    /// `OverflowError: rounded value too large to represent` from `round`.
    RoundOverflow,
}

impl FloatError {
    /// CPython's message.
    pub fn message(&self) -> &'static str {
        match self {
            FloatError::DivisionByZero => "float division by zero",
            FloatError::FloorDivisionByZero => "float floor division by zero",
            FloatError::ModuloByZero => "float modulo",
            FloatError::DivmodByZero => "float divmod()",
            FloatError::ZeroToNegativePower => "0.0 cannot be raised to a negative power",
            FloatError::NegativeToFractionalPower => {
                "negative number cannot be raised to a fractional power"
            }
            FloatError::PowOverflow => "(34, 'Numerical result out of range')",
            FloatError::RoundOverflow => "rounded value too large to represent",
        }
    }
}

/// The most digits after the point we ask `core::fmt` for: past every
/// non-zero digit of any double's exact value (at most 1074 decimals).
pub(crate) const EXACT_DIGITS_CAP: usize = 1100;

/// The longest `repr(float)`: `-2.2250738585072014e-308` is 24 bytes.
pub const REPR_MAX: usize = 32;

/// How [`layout_digits`] lays out a digit string.
#[derive(Clone, Copy)]
pub(crate) struct Layout {
    /// Scientific (`d.ddde+XX`) rather than fixed notation.
    pub(crate) sci: bool,
    /// Keep a decimal point even with no fraction digits (`#`).
    pub(crate) force_point: bool,
    /// Append `.0` to an integral fixed-notation result (`repr`).
    pub(crate) add_dot_0: bool,
    pub(crate) upper: bool,
}

/// Formats `x` (finite, non-negative) into `buf` as `{:.Pe}`, or for
/// `precision == None` as the shortest round-tripping digits, then packs the
/// significant digits at the front of `buf`. Returns the digit count and
/// the decimal exponent of the first digit.
pub(crate) fn sci_digits(x: f64, precision: Option<usize>, buf: &mut [u8]) -> Option<(usize, i32)> {
    let Some(p) = precision else {
        return shortest_digits(x, buf);
    };
    // core::fmt refuses precisions past u16::MAX; a double has at most 767
    // significant digits, so the rest are zeros we append ourselves.
    let p_fmt = p.min(EXACT_DIGITS_CAP);
    let mut w = SliceWriter::new(buf);
    write!(w, "{:.*e}", p_fmt, x).ok()?;
    let len = w.len;
    let (nd, exp) = pack_digits(buf, len)?;
    let pad = p - p_fmt;
    buf.get_mut(nd..nd.checked_add(pad)?)?.fill(b'0');
    Some((nd + pad, exp))
}

/// Moves the digits of `d.ddde[-]x` in `buf[..len]` to the front; returns
/// their count and the exponent.
fn pack_digits(buf: &mut [u8], len: usize) -> Option<(usize, i32)> {
    let e_pos = buf.get(..len)?.iter().position(|&c| c == b'e')?;
    let exp: i32 = core::str::from_utf8(&buf[e_pos + 1..len])
        .ok()?
        .parse()
        .ok()?;
    let mut nd = 0;
    for i in 0..e_pos {
        let c = buf[i];
        if c.is_ascii_digit() {
            buf[nd] = c;
            nd += 1;
        }
    }
    Some((nd, exp))
}

/// The shortest round-tripping digits, as CPython's `repr` picks them.
///
/// `{:e}` finds the shortest length, but when two strings of that length
/// are equally close to `x` it may round the last digit up where CPython's
/// dtoa rounds half to even (`-1060482856582879.25` is `...879.2` in
/// CPython). So the digits are redone as the correctly rounded (ties to
/// even) string of that length, kept only if it still round-trips.
fn shortest_digits(x: f64, buf: &mut [u8]) -> Option<(usize, i32)> {
    let mut w = SliceWriter::new(buf);
    write!(w, "{:e}", x).ok()?;
    let len = w.len;
    let (nd, exp) = pack_digits(buf, len)?;
    let mut alt = [0u8; 40];
    let mut w = SliceWriter::new(&mut alt);
    if write!(w, "{:.*e}", nd - 1, x).is_err() {
        return Some((nd, exp));
    }
    let alen = w.len;
    if parse_ascii(&alt[..alen]) != Some(x) {
        return Some((nd, exp));
    }
    let (mut and, aexp) = pack_digits(&mut alt, alen)?;
    while and > 1 && alt[and - 1] == b'0' {
        and -= 1;
    }
    buf.get_mut(..and)?.copy_from_slice(&alt[..and]);
    Some((and, aexp))
}

/// Lays out `buf[..nd]` (significant digits, first digit worth
/// `10**exp`) in place as Python's `format_float_short` does; returns the
/// new length, or `None` if `buf` is too short. No sign is written.
pub(crate) fn layout_digits(buf: &mut [u8], nd: usize, exp: i32, l: Layout) -> Option<usize> {
    if nd == 0 || nd > buf.len() {
        return None;
    }
    let e = exp as i64;
    if l.sci {
        let mut exp_digits = [0u8; 4];
        let mut en = 0;
        let mut ev = e.unsigned_abs();
        loop {
            exp_digits[en] = b'0' + (ev % 10) as u8;
            ev /= 10;
            en += 1;
            if ev == 0 || en == 4 {
                break;
            }
        }
        if en < 2 {
            exp_digits[1] = b'0';
            en = 2;
        }
        let point = nd > 1 || l.force_point;
        let total = 1 + point as usize + (nd - 1) + 2 + en;
        let out = buf.get_mut(..total)?;
        let mut pos = total;
        for &d in exp_digits[..en].iter() {
            pos -= 1;
            out[pos] = d;
        }
        pos -= 1;
        out[pos] = if e < 0 { b'-' } else { b'+' };
        pos -= 1;
        out[pos] = if l.upper { b'E' } else { b'e' };
        for i in (1..nd).rev() {
            pos -= 1;
            out[pos] = out[i];
        }
        if point {
            pos -= 1;
            out[pos] = b'.';
        }
        return Some(total);
    }
    let ndi = nd as i64;
    let (int_len, lead_frac_zeros, frac_from_digits) = if e >= 0 {
        (e + 1, 0, (ndi - (e + 1)).max(0))
    } else {
        (1, -e - 1, ndi)
    };
    let frac_len = lead_frac_zeros + frac_from_digits;
    // `.0` wins over a bare `.`: CPython pads the zero digit first.
    let suffix: &[u8] = if frac_len > 0 || (l.force_point && !l.add_dot_0) {
        b"."
    } else if l.add_dot_0 {
        b".0"
    } else {
        b""
    };
    let total = usize::try_from(int_len + frac_len).ok()? + suffix.len();
    let out = buf.get_mut(..total)?;
    let mut pos = total;
    if frac_len == 0 {
        pos -= suffix.len();
        out[pos..total].copy_from_slice(suffix);
    } else {
        // Fraction digits (right to left), then its leading zeros.
        let first_frac = if e >= 0 { (e + 1) as usize } else { 0 };
        for i in (first_frac..nd).rev() {
            pos -= 1;
            out[pos] = out[i];
        }
        for _ in 0..lead_frac_zeros {
            pos -= 1;
            out[pos] = b'0';
        }
        pos -= 1;
        out[pos] = b'.';
    }
    if e >= 0 {
        let int_digits = (e + 1) as usize;
        for i in (0..int_digits).rev() {
            pos -= 1;
            out[pos] = if i < nd { out[i] } else { b'0' };
        }
    } else {
        pos -= 1;
        out[pos] = b'0';
    }
    Some(total)
}

/// `repr(x)` (equal to `str(x)`): the shortest round-tripping digits, fixed
/// notation for decimal exponents in `-4..16`, else scientific.
pub fn repr_f64(x: f64, out: &mut [u8; REPR_MAX]) -> usize {
    let special: &[u8] = if x.is_nan() {
        b"nan"
    } else if x == f64::INFINITY {
        b"inf"
    } else if x == f64::NEG_INFINITY {
        b"-inf"
    } else {
        b""
    };
    if !special.is_empty() {
        out[..special.len()].copy_from_slice(special);
        return special.len();
    }
    let neg = x.is_sign_negative();
    let (sign, body) = out.split_at_mut(neg as usize);
    if let Some(s) = sign.first_mut() {
        *s = b'-';
    }
    let Some((nd, exp)) = sci_digits(x.abs(), None, body) else {
        return 0;
    };
    let layout = Layout {
        sci: !(-4..16).contains(&exp),
        force_point: false,
        add_dot_0: true,
        upper: false,
    };
    layout_digits(body, nd, exp, layout).map_or(0, |n| n + neg as usize)
}

/// `a / b`.
pub fn truediv(a: f64, b: f64) -> Result<f64, FloatError> {
    if b == 0.0 {
        return Err(FloatError::DivisionByZero);
    }
    Ok(a / b)
}

/// `fmod(x, y)`: the exact remainder of `x / y` with the sign of `x`,
/// musl's shift-and-subtract loop. libm's version divides 128-bit
/// integers, several KiB of Cortex-M0 code; this is a few hundred bytes.
pub fn fmod(x: f64, y: f64) -> f64 {
    let (ux, uy) = (x.to_bits(), y.to_bits());
    let (mut ex, mut ey) = ((ux >> 52 & 0x7ff) as i32, (uy >> 52 & 0x7ff) as i32);
    if uy << 1 == 0 || y.is_nan() || ex == 0x7ff {
        return f64::NAN;
    }
    if ux << 1 <= uy << 1 {
        return if ux << 1 == uy << 1 { 0.0 * x } else { x };
    }
    // The significands as integers, subnormals normalised.
    let sig = |u: u64, e: &mut i32| {
        if *e == 0 {
            let mut i = u << 12;
            while i >> 63 == 0 {
                *e -= 1;
                i <<= 1;
            }
            u << (1 - *e)
        } else {
            u & (u64::MAX >> 12) | 1 << 52
        }
    };
    let (mut mx, my) = (sig(ux, &mut ex), sig(uy, &mut ey));
    loop {
        let i = mx.wrapping_sub(my);
        if i >> 63 == 0 {
            if i == 0 {
                return 0.0 * x;
            }
            mx = i;
        }
        if ex == ey {
            break;
        }
        mx <<= 1;
        ex -= 1;
    }
    while mx >> 52 == 0 {
        mx <<= 1;
        ex -= 1;
    }
    let mx = if ex > 0 {
        (mx - (1 << 52)) | ((ex as u64) << 52)
    } else {
        mx >> (1 - ex)
    };
    f64::from_bits(mx | ux & 1 << 63)
}

/// CPython's `float_divmod` without the zero check: `(a // b, a % b)`.
fn divmod_unchecked(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = fmod(vx, wx);
    // fmod is exact, so vx - m is an exact multiple of wx.
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        // Python's remainder takes the divisor's sign.
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = libm::copysign(0.0, wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = libm::floor(div);
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        libm::copysign(0.0, vx / wx)
    };
    (floordiv, m)
}

/// `a // b`.
pub fn floordiv(a: f64, b: f64) -> Result<f64, FloatError> {
    if b == 0.0 {
        return Err(FloatError::FloorDivisionByZero);
    }
    Ok(divmod_unchecked(a, b).0)
}

/// `a % b`.
pub fn modulo(a: f64, b: f64) -> Result<f64, FloatError> {
    if b == 0.0 {
        return Err(FloatError::ModuloByZero);
    }
    Ok(divmod_unchecked(a, b).1)
}

/// `divmod(a, b)`.
pub fn divmod(a: f64, b: f64) -> Result<(f64, f64), FloatError> {
    if b == 0.0 {
        return Err(FloatError::DivmodByZero);
    }
    Ok(divmod_unchecked(a, b))
}

fn is_odd_integer(x: f64) -> bool {
    fmod(x.abs(), 2.0) == 1.0
}

/// `a ** b` with CPython's special cases (`float_pow`).
pub fn pow(iv: f64, iw: f64) -> Result<f64, FloatError> {
    if iw == 0.0 {
        return Ok(1.0);
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let a = iv.abs();
        return Ok(if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            iw.abs()
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(if iw > 0.0 {
            if odd { iv } else { iv.abs() }
        } else if odd {
            libm::copysign(0.0, iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Err(FloatError::ZeroToNegativePower);
        }
        return Ok(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    let mut base = iv;
    let mut negate = false;
    if iv < 0.0 {
        if iw != libm::floor(iw) {
            return Err(FloatError::NegativeToFractionalPower);
        }
        base = -iv;
        negate = is_odd_integer(iw);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = libm::pow(base, iw);
    if r.is_infinite() {
        return Err(FloatError::PowOverflow);
    }
    Ok(if negate { -r } else { r })
}

/// `round(x)` before the conversion to int: the nearest integral value,
/// ties to even. The VM converts it with `bigint::from_f64`, which reports
/// infinities and NaN as CPython does.
pub fn round_half_even(x: f64) -> f64 {
    let r = libm::round(x);
    if (x - r).abs() == 0.5 {
        2.0 * libm::round(x / 2.0)
    } else {
        r
    }
}

/// A `fmt::Write` sink that inspects `{:.Ne}` output without storing it:
/// the first digit, whether any later digit is non-zero, and the exponent.
struct TieProbe {
    first: u8,
    rest_nonzero: bool,
    in_exp: bool,
}

impl Write for TieProbe {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        for c in s.bytes() {
            if self.in_exp {
                continue;
            }
            match c {
                b'e' => self.in_exp = true,
                b'0'..=b'9' if self.first == 0 => self.first = c,
                b'1'..=b'9' => self.rest_nonzero = true,
                _ => {}
            }
        }
        Ok(())
    }
}

const NDIGITS_MAX: i64 = 323;
const NDIGITS_MIN: i64 = -308;

/// `round(x, ndigits)`: rounds the exact binary value to `ndigits` decimal
/// places, ties to even, as CPython's correctly rounded `double_round`.
pub fn round(x: f64, ndigits: i64) -> Result<f64, FloatError> {
    if !x.is_finite() || x == 0.0 || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let zero = libm::copysign(0.0, x);
    // The decimal exponent of the exact value: 18 significant digits never
    // round up to the next power of ten for a double.
    let mut buf = [0u8; 40];
    let Some((_, e)) = sci_digits(x.abs(), Some(17), &mut buf) else {
        return Ok(x);
    };
    let sig = e as i64 + 1 + ndigits;
    if sig >= 17 {
        // 17 significant digits already round-trip, so more change nothing.
        return Ok(x);
    }
    if sig < 0 {
        return Ok(zero);
    }
    let mut buf = [0u8; 40];
    let mut w = SliceWriter::new(&mut buf);
    let r = if sig == 0 {
        // |x| < 10**(e+1) == 10**-ndigits: the result is 0 or 10**-ndigits,
        // decided by comparing the exact value with half of that.
        let mut probe = TieProbe {
            first: 0,
            rest_nonzero: false,
            in_exp: false,
        };
        if write!(probe, "{:.800e}", x.abs()).is_err() {
            return Ok(x);
        }
        if probe.first > b'5' || (probe.first == b'5' && probe.rest_nonzero) {
            if write!(w, "1e{}", e + 1).is_err() {
                return Ok(x);
            }
        } else {
            return Ok(zero);
        }
        let len = w.len;
        parse_ascii(&buf[..len]).map(|v| libm::copysign(v, x))
    } else {
        if write!(w, "{:.*e}", (sig - 1) as usize, x).is_err() {
            return Ok(x);
        }
        let len = w.len;
        parse_ascii(&buf[..len])
    };
    match r {
        Some(v) if v.is_infinite() => Err(FloatError::RoundOverflow),
        Some(v) => Ok(v),
        None => Ok(x),
    }
}

/// A decimal in `[-]digits[.digits][e[+-]digits]` form (already checked
/// by the callers) as the nearest f64.
#[cfg(feature = "float-parse")]
fn parse_ascii(s: &[u8]) -> Option<f64> {
    core::str::from_utf8(s).ok()?.parse::<f64>().ok()
}

/// Without the `float-parse` feature: no 10 KiB power-of-five table.
/// Exact (Clinger's fast path) when the significant digits fit in 19 and
/// the power of ten is at most 22, which covers the literals people write
/// and what `round` formats; otherwise within a few ulps, as MicroPython's
/// own parser is.
#[cfg(not(feature = "float-parse"))]
fn parse_ascii(s: &[u8]) -> Option<f64> {
    let (neg, s) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    let mut mant: u64 = 0;
    let mut digits = 0u32;
    let mut exp10: i64 = 0;
    let mut i = 0;
    let mut seen_dot = false;
    let mut any = false;
    while let Some(&c) = s.get(i) {
        match c {
            b'0'..=b'9' => {
                any = true;
                if digits < 19 {
                    mant = mant * 10 + u64::from(c - b'0');
                    if mant != 0 {
                        digits += 1;
                    }
                    if seen_dot {
                        exp10 -= 1;
                    }
                } else if !seen_dot {
                    exp10 += 1;
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => break,
        }
        i += 1;
    }
    if !any {
        return None;
    }
    if let Some(b'e' | b'E') = s.get(i) {
        i += 1;
        let eneg = match s.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let mut e: i64 = 0;
        let start = i;
        while let Some(&c) = s.get(i).filter(|c| c.is_ascii_digit()) {
            e = (e * 10 + i64::from(c - b'0')).min(1_000_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp10 += if eneg { -e } else { e };
    }
    if i != s.len() {
        return None;
    }
    let m = mant as f64;
    let v = if mant == 0 {
        0.0
    } else if (mant >> 53) == 0 && (-22..=22).contains(&exp10) {
        let p = POW10[exp10.unsigned_abs() as usize];
        if exp10 < 0 { m / p } else { m * p }
    } else {
        // Scale in steps of 10^22 (each exact), then the remainder.
        let mut v = m;
        let mut e = exp10.clamp(-400, 400);
        while e > 22 {
            v *= 1e22;
            e -= 22;
        }
        while e < -22 {
            v /= 1e22;
            e += 22;
        }
        let p = POW10[e.unsigned_abs() as usize];
        if e < 0 { v / p } else { v * p }
    };
    Some(if neg { -v } else { v })
}

#[cfg(not(feature = "float-parse"))]
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `x.is_integer()`.
pub fn is_integer(x: f64) -> bool {
    x.is_finite() && libm::floor(x) == x
}

/// The longest literal with underscores `float_from_str` accepts; longer
/// ones without underscores are fine (they are parsed in place).
pub const FLOAT_UNDERSCORE_MAX: usize = 256;

/// Scans `digit (['_'] digit)*` and returns its length (0 if none).
fn scan_digits(s: &[u8]) -> Option<usize> {
    let mut i = 0;
    let mut prev_digit = false;
    while let Some(&c) = s.get(i) {
        if c.is_ascii_digit() {
            prev_digit = true;
        } else if c == b'_' && prev_digit && s.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
            prev_digit = false;
        } else {
            break;
        }
        i += 1;
    }
    Some(i)
}

/// `float(text)` for a str: surrounding whitespace, a sign, `inf`,
/// `infinity`, `nan` in any case, or a decimal literal with single
/// underscores between digits. `None` means `ValueError: could not convert
/// string to float: {text!r}`.
pub fn float_from_str(text: &[u8]) -> Option<f64> {
    let s = super::strip_whitespace(text);
    let (neg, body) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let word = |w: &[u8]| body.eq_ignore_ascii_case(w);
    let special = if word(b"inf") || word(b"infinity") {
        Some(f64::INFINITY)
    } else if word(b"nan") {
        Some(f64::NAN)
    } else {
        None
    };
    if let Some(v) = special {
        return Some(if neg { -v } else { v });
    }
    // Validate Python's grammar: digits [. digits] [e [sign] digits].
    let mut i = scan_digits(body)?;
    let int_digits = i;
    let mut frac_digits = 0;
    if body.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = scan_digits(&body[i..])?;
        i += frac_digits;
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if matches!(body.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(body.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = scan_digits(&body[i..])?;
        if n == 0 {
            return None;
        }
        i += n;
    }
    if i != body.len() {
        return None;
    }
    let v = if body.contains(&b'_') {
        let mut buf = [0u8; FLOAT_UNDERSCORE_MAX];
        let mut n = 0;
        for &c in body.iter().filter(|&&c| c != b'_') {
            *buf.get_mut(n)? = c;
            n += 1;
        }
        parse_ascii(&buf[..n])?
    } else {
        parse_ascii(body)?
    };
    Some(if neg { -v } else { v })
}

const HASH_BITS: u32 = 61;
const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;

/// Python's `hash(float)` (`_Py_HashDouble`), equal to the int hash for
/// integral values. `None` for NaN, whose hash CPython (3.10+) takes from
/// the object's identity.
pub fn float_hash(v: f64) -> Option<i64> {
    if v.is_nan() {
        return None;
    }
    if v.is_infinite() {
        return Some(if v > 0.0 { 314159 } else { -314159 });
    }
    let (mut m, mut e) = libm::frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    // Fold 28 bits of mantissa at a time, rotating within 61 bits, which is
    // multiplication by 2**28 modulo 2**61 - 1.
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e as u32 % HASH_BITS
    } else {
        HASH_BITS - 1 - ((-1 - e) as u32 % HASH_BITS)
    };
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    let h = (x as i64).wrapping_mul(sign);
    Some(if h == -1 { -2 } else { h })
}

#[cfg(test)]
#[path = "float_tests.rs"]
mod tests;
