//! Arbitrary-precision integers over caller-provided limb slices.
//!
//! A magnitude is a little-endian slice of `u32` limbs. Outputs are canonical
//! (no high zero limbs, zero is the empty slice); inputs are trimmed first, so
//! a non-canonical input is accepted too. Every function that writes a result
//! has a `*_bound` function giving the limb count the caller must provide;
//! a shorter slice gives [`IntError::BufferTooSmall`], never a panic. Output
//! slices cannot alias inputs (the borrow checker sees to that).
//!
//! Signed operations take [`Int`] views and return `(neg, len)`: the result
//! is `-out[..len]` when `neg`, else `out[..len]`; zero is never negative.
//! They follow Python: `//` floors, `%` takes the divisor's sign, `>>` floors,
//! and `& | ^ ~` act on the infinite two's-complement representation.

use core::cmp::Ordering;

/// Why an integer operation produced no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntError {
    /// An output or scratch slice is shorter than its `*_bound`.
    BufferTooSmall,
    /// Division or modulo by zero (`ZeroDivisionError`).
    ZeroDivision,
    /// `pow(a, b, 0)` (`ValueError`).
    ZeroModulus,
    /// `pow(a, -b, m)` where `a` has no inverse modulo `m` (`ValueError`).
    NotInvertible,
    /// `int(inf)` (`OverflowError`).
    InfinityToInt,
    /// `int(nan)` (`ValueError`).
    NanToInt,
    /// A caller-side contract was broken: `sub_mag` with `a < b`, or a radix
    /// outside `2..=36`. The VM never lets Python code cause this.
    InvalidArgument,
}

impl IntError {
    /// CPython's message for the exception this error stands for. For
    /// [`IntError::ZeroDivision`] it is the `//`/`divmod` wording; `%` says
    /// `"integer modulo by zero"` in CPython.
    pub fn message(&self) -> &'static str {
        match self {
            IntError::BufferTooSmall => "output buffer too small",
            IntError::ZeroDivision => "integer division or modulo by zero",
            IntError::ZeroModulus => "pow() 3rd argument cannot be 0",
            IntError::NotInvertible => "base is not invertible for the given modulus",
            IntError::InfinityToInt => "cannot convert float infinity to integer",
            IntError::NanToInt => "cannot convert float NaN to integer",
            IntError::InvalidArgument => "invalid argument",
        }
    }
}

/// `(neg, len)` of a signed result written to an output magnitude.
pub type IntResult = Result<(bool, usize), IntError>;

/// `((q_neg, q_len), (r_neg, r_len))` from [`divmod`].
pub type DivmodResult = Result<((bool, usize), (bool, usize)), IntError>;

/// A signed integer viewed over a borrowed magnitude.
#[derive(Debug, Clone, Copy)]
pub struct Int<'a> {
    pub neg: bool,
    pub mag: &'a [u32],
}

/// The limb count that holds any `i64`.
pub const I64_LIMBS: usize = 2;
/// The limb count that holds the integer part of any finite `f64`
/// (`f64::MAX < 2**1024`), see [`from_f64`].
pub const F64_LIMBS: usize = 33;

const P61: u64 = (1u64 << 61) - 1;

impl<'a> Int<'a> {
    /// A view with a trimmed magnitude; zero is made non-negative.
    pub fn new(neg: bool, mag: &'a [u32]) -> Int<'a> {
        let mag = trim(mag);
        Int {
            neg: neg && !mag.is_empty(),
            mag,
        }
    }

    /// Writes `v` into `buf` and views it.
    pub fn from_i64(v: i64, buf: &'a mut [u32; 2]) -> Int<'a> {
        let u = v.unsigned_abs();
        buf[0] = u as u32;
        buf[1] = (u >> 32) as u32;
        let buf: &'a [u32; 2] = buf;
        Int::new(v < 0, buf)
    }

    pub fn is_zero(&self) -> bool {
        trim(self.mag).is_empty()
    }

    /// The value as `i64`, or `None` when it does not fit.
    pub fn to_i64(&self) -> Option<i64> {
        let m = trim(self.mag);
        if m.len() > 2 {
            return None;
        }
        let u =
            m.first().copied().unwrap_or(0) as u64 | (m.get(1).copied().unwrap_or(0) as u64) << 32;
        if self.neg {
            if u <= 1u64 << 63 {
                Some((u as i64).wrapping_neg())
            } else {
                None
            }
        } else {
            i64::try_from(u).ok()
        }
    }

    /// The nearest `f64` (ties to even, as CPython's `float(int)`), or `None`
    /// when it is too large (`OverflowError: int too large to convert to
    /// float`).
    pub fn to_f64(&self) -> Option<f64> {
        let m = trim(self.mag);
        let bits = bit_len(m);
        let mag = if bits <= 64 {
            top_u64(m, 0) as f64
        } else {
            if bits > 1025 {
                return None;
            }
            let shift = bits - 64;
            // Keep 64 bits and fold every lower bit into a sticky bit: with
            // 11 spare bits below the 53 kept, the u64-to-f64 conversion
            // (ties to even) then rounds exactly as the full value would.
            let mut top = top_u64(m, shift);
            if any_bits_below(m, shift) {
                top |= 1;
            }
            libm::scalbn(top as f64, shift as i32)
        };
        if mag.is_infinite() {
            return None;
        }
        Some(if self.neg { -mag } else { mag })
    }

    /// Python's `hash(int)`: the value modulo `2**61 - 1` with the sign, and
    /// `-1` replaced by `-2` (CPython's 64-bit `Py_hash_t`).
    pub fn hash(&self) -> i64 {
        let mut x: u64 = 0;
        for &limb in trim(self.mag).iter().rev() {
            x = ((((x as u128) << 32) | limb as u128) % P61 as u128) as u64;
        }
        let h = if self.neg { -(x as i64) } else { x as i64 };
        if h == -1 { -2 } else { h }
    }
}

/// Drops high zero limbs.
pub fn trim(a: &[u32]) -> &[u32] {
    let mut n = a.len();
    while n > 0 && a[n - 1] == 0 {
        n -= 1;
    }
    &a[..n]
}

fn trimmed_len(a: &[u32], len: usize) -> usize {
    let mut n = len.min(a.len());
    while n > 0 && a[n - 1] == 0 {
        n -= 1;
    }
    n
}

/// The number of significant bits of a magnitude (0 for zero).
pub fn bit_len(a: &[u32]) -> u64 {
    let a = trim(a);
    match a.last() {
        None => 0,
        Some(&top) => (a.len() as u64 - 1) * 32 + (32 - top.leading_zeros() as u64),
    }
}

fn bit_at(a: &[u32], i: u64) -> bool {
    let limb = (i / 32) as usize;
    a.get(limb).is_some_and(|&l| (l >> (i % 32)) & 1 == 1)
}

/// Bits `[shift, shift + 64)` of `a`.
fn top_u64(a: &[u32], shift: u64) -> u64 {
    let mut v = 0u64;
    for k in 0..64u64 {
        if bit_at(a, shift + k) {
            v |= 1 << k;
        }
    }
    v
}

fn any_bits_below(a: &[u32], shift: u64) -> bool {
    let whole = (shift / 32) as usize;
    if a.iter().take(whole).any(|&l| l != 0) {
        return true;
    }
    let rem = shift % 32;
    rem != 0 && a.get(whole).is_some_and(|&l| l & ((1u32 << rem) - 1) != 0)
}

fn copy_into(src: &[u32], out: &mut [u32]) -> Result<usize, IntError> {
    let dst = out.get_mut(..src.len()).ok_or(IntError::BufferTooSmall)?;
    dst.copy_from_slice(src);
    Ok(src.len())
}

// ---------------------------------------------------------------------------
// Magnitude operations.

/// Compares two magnitudes.
pub fn cmp_mag(a: &[u32], b: &[u32]) -> Ordering {
    let (a, b) = (trim(a), trim(b));
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

/// Output limbs for `add_mag`/`add`/`sub`.
pub fn add_bound(a_len: usize, b_len: usize) -> usize {
    a_len.max(b_len).saturating_add(1)
}

/// `out = a + b`; returns the result length.
pub fn add_mag(a: &[u32], b: &[u32], out: &mut [u32]) -> Result<usize, IntError> {
    let (a, b) = (trim(a), trim(b));
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if out.len() < long.len() {
        return Err(IntError::BufferTooSmall);
    }
    let mut carry = 0u64;
    for i in 0..long.len() {
        let s = long[i] as u64 + short.get(i).copied().unwrap_or(0) as u64 + carry;
        out[i] = s as u32;
        carry = s >> 32;
    }
    let mut n = long.len();
    if carry != 0 {
        *out.get_mut(n).ok_or(IntError::BufferTooSmall)? = carry as u32;
        n += 1;
    }
    Ok(n)
}

/// `out = a - b` for `a >= b` (else [`IntError::InvalidArgument`]); output
/// limbs: `a.len()`.
pub fn sub_mag(a: &[u32], b: &[u32], out: &mut [u32]) -> Result<usize, IntError> {
    let (a, b) = (trim(a), trim(b));
    if cmp_mag(a, b) == Ordering::Less {
        return Err(IntError::InvalidArgument);
    }
    if out.len() < a.len() {
        return Err(IntError::BufferTooSmall);
    }
    let mut borrow = 0i64;
    for i in 0..a.len() {
        let d = a[i] as i64 - b.get(i).copied().unwrap_or(0) as i64 - borrow;
        out[i] = d as u32;
        borrow = (d < 0) as i64;
    }
    Ok(trimmed_len(out, a.len()))
}

/// Output limbs for `mul_mag`/`mul`.
pub fn mul_bound(a_len: usize, b_len: usize) -> usize {
    a_len.saturating_add(b_len)
}

/// `out = a * b` (schoolbook); needs `a.len() + b.len()` output limbs after
/// trimming.
pub fn mul_mag(a: &[u32], b: &[u32], out: &mut [u32]) -> Result<usize, IntError> {
    let (a, b) = (trim(a), trim(b));
    if a.is_empty() || b.is_empty() {
        return Ok(0);
    }
    let n = a.len() + b.len();
    let out = out.get_mut(..n).ok_or(IntError::BufferTooSmall)?;
    out.fill(0);
    for (i, &x) in a.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let t = x as u64 * y as u64 + out[i + j] as u64 + carry;
            out[i + j] = t as u32;
            carry = t >> 32;
        }
        out[i + b.len()] = carry as u32;
    }
    Ok(trimmed_len(out, n))
}

/// Quotient limbs for `divmod_mag` (and `floordiv`/`divmod`, which may round
/// the quotient's magnitude up by one).
pub fn floordiv_bound(a_len: usize, b_len: usize) -> usize {
    a_len.saturating_sub(b_len).saturating_add(2)
}

/// Remainder limbs for `divmod_mag`, `modulo`, `divmod`.
pub fn mod_bound(_a_len: usize, b_len: usize) -> usize {
    b_len
}

/// Scratch limbs for `divmod_mag`: the normalized dividend (`a_len + 1`)
/// and divisor (`b_len`).
pub fn divmod_scratch_bound(a_len: usize, b_len: usize) -> usize {
    a_len.saturating_add(b_len).saturating_add(1)
}

/// `q, r = divmod(a, b)` on magnitudes (Knuth's algorithm D, with a
/// single-limb fast path). `q` needs `floordiv_bound` limbs (one fewer
/// suffices), `r` needs `b.len()` (or `a.len()` when `a < b`), scratch
/// `divmod_scratch_bound`. Returns `(q_len, r_len)`.
pub fn divmod_mag(
    a: &[u32],
    b: &[u32],
    q: &mut [u32],
    r: &mut [u32],
    scratch: &mut [u32],
) -> Result<(usize, usize), IntError> {
    let (a, b) = (trim(a), trim(b));
    if b.is_empty() {
        return Err(IntError::ZeroDivision);
    }
    if cmp_mag(a, b) == Ordering::Less {
        return Ok((0, copy_into(a, r)?));
    }
    let n = b.len();
    let m = a.len() - n;
    if q.len() < m + 1 {
        return Err(IntError::BufferTooSmall);
    }
    if n == 1 {
        let d = b[0] as u64;
        let mut rem = 0u64;
        for i in (0..a.len()).rev() {
            let cur = (rem << 32) | a[i] as u64;
            q[i] = (cur / d) as u32;
            rem = cur % d;
        }
        let rl = if rem == 0 {
            0
        } else {
            copy_into(&[rem as u32], r)?
        };
        return Ok((trimmed_len(q, a.len()), rl));
    }
    if r.len() < n || scratch.len() < a.len() + 1 + n {
        return Err(IntError::BufferTooSmall);
    }
    let (un, rest) = scratch.split_at_mut(a.len() + 1);
    let vn = &mut rest[..n];
    let s = b[n - 1].leading_zeros();
    shl_bits_into(b, s, vn);
    let carry = shl_bits_into(a, s, &mut un[..a.len()]);
    un[a.len()] = carry;
    const BASE: u64 = 1 << 32;
    for j in (0..=m).rev() {
        let num = (un[j + n] as u64) << 32 | un[j + n - 1] as u64;
        let mut qhat = num / vn[n - 1] as u64;
        let mut rhat = num % vn[n - 1] as u64;
        while qhat >= BASE || qhat * vn[n - 2] as u64 > (rhat << 32 | un[j + n - 2] as u64) {
            qhat -= 1;
            rhat += vn[n - 1] as u64;
            if rhat >= BASE {
                break;
            }
        }
        // Multiply and subtract; `k` carries the high product word plus
        // the borrow.
        let mut k: i64 = 0;
        for i in 0..n {
            let p = qhat * vn[i] as u64;
            let t = un[i + j] as i64 - k - (p & 0xFFFF_FFFF) as i64;
            un[i + j] = t as u32;
            k = (p >> 32) as i64 - (t >> 32);
        }
        let t = un[j + n] as i64 - k;
        un[j + n] = t as u32;
        if t < 0 {
            // qhat was one too large: add the divisor back.
            qhat -= 1;
            let mut c = 0u64;
            for i in 0..n {
                let s2 = un[i + j] as u64 + vn[i] as u64 + c;
                un[i + j] = s2 as u32;
                c = s2 >> 32;
            }
            un[j + n] = un[j + n].wrapping_add(c as u32);
        }
        q[j] = qhat as u32;
    }
    // Denormalize the remainder.
    for i in 0..n {
        r[i] = if s == 0 {
            un[i]
        } else {
            (un[i] >> s) | (un[i + 1] << (32 - s))
        };
    }
    Ok((trimmed_len(q, m + 1), trimmed_len(r, n)))
}

/// Writes `src << s` (s < 32) into `dst` (same length), returning the bits
/// shifted out of the top limb.
fn shl_bits_into(src: &[u32], s: u32, dst: &mut [u32]) -> u32 {
    let mut carry = 0u32;
    for (d, &x) in dst.iter_mut().zip(src) {
        if s == 0 {
            *d = x;
        } else {
            *d = (x << s) | carry;
            carry = x >> (32 - s);
        }
    }
    carry
}

/// Output limbs for `shl_mag`/`shl`.
pub fn shl_bound(a_len: usize, shift: u64) -> usize {
    let limbs = usize::try_from(shift / 32).unwrap_or(usize::MAX);
    a_len.saturating_add(limbs).saturating_add(1)
}

/// `out = a << shift`.
pub fn shl_mag(a: &[u32], shift: u64, out: &mut [u32]) -> Result<usize, IntError> {
    let a = trim(a);
    if a.is_empty() {
        return Ok(0);
    }
    let limbs = usize::try_from(shift / 32).map_err(|_| IntError::BufferTooSmall)?;
    let s = (shift % 32) as u32;
    let n = limbs.checked_add(a.len()).ok_or(IntError::BufferTooSmall)?;
    let out = out
        .get_mut(..n.checked_add(1).ok_or(IntError::BufferTooSmall)?)
        .ok_or(IntError::BufferTooSmall)?;
    out[..limbs].fill(0);
    let carry = shl_bits_into(a, s, &mut out[limbs..n]);
    out[n] = carry;
    Ok(trimmed_len(out, n + 1))
}

/// Output limbs for `shr_mag` (and for `shr`, which may add one).
pub fn shr_bound(a_len: usize, shift: u64) -> usize {
    let limbs = usize::try_from(shift / 32).unwrap_or(usize::MAX);
    a_len.saturating_sub(limbs).saturating_add(1)
}

/// `out = a >> shift`.
pub fn shr_mag(a: &[u32], shift: u64, out: &mut [u32]) -> Result<usize, IntError> {
    let a = trim(a);
    let limbs = usize::try_from(shift / 32).unwrap_or(usize::MAX);
    if limbs >= a.len() {
        return Ok(0);
    }
    let s = (shift % 32) as u32;
    let n = a.len() - limbs;
    let out = out.get_mut(..n).ok_or(IntError::BufferTooSmall)?;
    for (i, o) in out.iter_mut().enumerate() {
        let lo = a[i + limbs];
        let hi = a.get(i + limbs + 1).copied().unwrap_or(0);
        *o = if s == 0 {
            lo
        } else {
            (lo >> s) | (hi << (32 - s))
        };
    }
    Ok(trimmed_len(out, n))
}

/// `buf[..len] += v` in place, growing into `buf` when it carries.
fn add_small_in_place(buf: &mut [u32], len: usize, v: u32) -> Result<usize, IntError> {
    let mut carry = v as u64;
    let mut i = 0;
    while carry != 0 {
        if i == len {
            *buf.get_mut(i).ok_or(IntError::BufferTooSmall)? = carry as u32;
            return Ok(len + 1);
        }
        let s = buf[i] as u64 + carry;
        buf[i] = s as u32;
        carry = s >> 32;
        i += 1;
    }
    Ok(len)
}

/// `buf[..len] = buf[..len] * m + add` in place.
fn mul_small_add_in_place(
    buf: &mut [u32],
    len: usize,
    m: u32,
    add: u32,
) -> Result<usize, IntError> {
    let mut carry = add as u64;
    for limb in buf.iter_mut().take(len) {
        let t = *limb as u64 * m as u64 + carry;
        *limb = t as u32;
        carry = t >> 32;
    }
    if carry != 0 {
        *buf.get_mut(len).ok_or(IntError::BufferTooSmall)? = carry as u32;
        return Ok(len + 1);
    }
    Ok(trimmed_len(buf, len))
}

/// `buf[..len] /= d` in place; returns the new length and the remainder.
fn div_small_in_place(buf: &mut [u32], len: usize, d: u32) -> (usize, u32) {
    let mut rem = 0u64;
    for limb in buf.iter_mut().take(len).rev() {
        let cur = (rem << 32) | *limb as u64;
        *limb = (cur / d as u64) as u32;
        rem = cur % d as u64;
    }
    (trimmed_len(buf, len), rem as u32)
}

/// `buf[..len] = b - buf[..len]` for `buf[..len] <= b`, `buf` holding at least
/// `b.len()` limbs.
fn rsub_in_place(b: &[u32], buf: &mut [u32], len: usize) -> Result<usize, IntError> {
    let b = trim(b);
    let buf = buf.get_mut(..b.len()).ok_or(IntError::BufferTooSmall)?;
    let mut borrow = 0i64;
    for i in 0..b.len() {
        let x = if i < len { buf[i] as i64 } else { 0 };
        let d = b[i] as i64 - x - borrow;
        buf[i] = d as u32;
        borrow = (d < 0) as i64;
    }
    Ok(trimmed_len(buf, b.len()))
}

// ---------------------------------------------------------------------------
// Signed operations.

/// Three-way comparison of signed values.
pub fn compare(a: Int<'_>, b: Int<'_>) -> Ordering {
    let (a, b) = (Int::new(a.neg, a.mag), Int::new(b.neg, b.mag));
    match (a.neg, b.neg) {
        (false, true) => Ordering::Greater,
        (true, false) => Ordering::Less,
        (false, false) => cmp_mag(a.mag, b.mag),
        (true, true) => cmp_mag(b.mag, a.mag),
    }
}

fn signed(neg: bool, len: usize) -> (bool, usize) {
    (neg && len != 0, len)
}

/// `a + b`; output limbs: `add_bound`.
pub fn add(a: Int<'_>, b: Int<'_>, out: &mut [u32]) -> IntResult {
    let (a, b) = (Int::new(a.neg, a.mag), Int::new(b.neg, b.mag));
    if a.neg == b.neg {
        return Ok(signed(a.neg, add_mag(a.mag, b.mag, out)?));
    }
    match cmp_mag(a.mag, b.mag) {
        Ordering::Less => Ok(signed(b.neg, sub_mag(b.mag, a.mag, out)?)),
        _ => Ok(signed(a.neg, sub_mag(a.mag, b.mag, out)?)),
    }
}

/// `a - b`; output limbs: `add_bound`.
pub fn sub(a: Int<'_>, b: Int<'_>, out: &mut [u32]) -> IntResult {
    add(
        a,
        Int {
            neg: !b.neg,
            mag: b.mag,
        },
        out,
    )
}

/// `a * b`; output limbs: `mul_bound`.
pub fn mul(a: Int<'_>, b: Int<'_>, out: &mut [u32]) -> IntResult {
    Ok(signed(a.neg != b.neg, mul_mag(a.mag, b.mag, out)?))
}

/// `-a`; output limbs: `a.mag.len()`.
pub fn neg(a: Int<'_>, out: &mut [u32]) -> IntResult {
    Ok(signed(!a.neg, copy_into(trim(a.mag), out)?))
}

/// `abs(a)`; output limbs: `a.mag.len()`.
pub fn abs(a: Int<'_>, out: &mut [u32]) -> IntResult {
    Ok((false, copy_into(trim(a.mag), out)?))
}

/// `divmod(a, b)` with Python's signs. `q` needs `floordiv_bound`, `r`
/// needs `mod_bound` (at least `min(a_len, b_len)`), scratch
/// `divmod_scratch_bound`. Returns `((q_neg, q_len), (r_neg, r_len))`.
pub fn divmod(
    a: Int<'_>,
    b: Int<'_>,
    q: &mut [u32],
    r: &mut [u32],
    scratch: &mut [u32],
) -> DivmodResult {
    let (a, b) = (Int::new(a.neg, a.mag), Int::new(b.neg, b.mag));
    let (mut ql, mut rl) = divmod_mag(a.mag, b.mag, q, r, scratch)?;
    if a.neg != b.neg && rl != 0 {
        // Floor: the quotient's magnitude grows by one and the remainder
        // moves to the divisor's side.
        ql = add_small_in_place(q, ql, 1)?;
        rl = rsub_in_place(b.mag, r, rl)?;
    }
    Ok((signed(a.neg != b.neg, ql), signed(b.neg, rl)))
}

/// Scratch limbs for `floordiv`: `divmod_scratch_bound` plus room for the
/// remainder.
pub fn floordiv_scratch_bound(a_len: usize, b_len: usize) -> usize {
    divmod_scratch_bound(a_len, b_len).saturating_add(a_len.max(b_len))
}

/// `a // b`; output limbs `floordiv_bound`, scratch `floordiv_scratch_bound`.
pub fn floordiv(a: Int<'_>, b: Int<'_>, q: &mut [u32], scratch: &mut [u32]) -> IntResult {
    let rlen = a.mag.len().max(b.mag.len());
    let (r, rest) = scratch.split_at_mut(rlen.min(scratch.len()));
    Ok(divmod(a, b, q, r, rest)?.0)
}

/// Scratch limbs for `modulo`: `divmod_scratch_bound` plus room for the
/// quotient.
pub fn mod_scratch_bound(a_len: usize, b_len: usize) -> usize {
    divmod_scratch_bound(a_len, b_len).saturating_add(floordiv_bound(a_len, b_len))
}

/// `a % b`; output limbs `mod_bound`, scratch `mod_scratch_bound`.
pub fn modulo(a: Int<'_>, b: Int<'_>, r: &mut [u32], scratch: &mut [u32]) -> IntResult {
    let qlen = floordiv_bound(a.mag.len(), b.mag.len());
    let (q, rest) = scratch.split_at_mut(qlen.min(scratch.len()));
    Ok(divmod(a, b, q, r, rest)?.1)
}

/// Output limbs for `pow(base, exp)`: `bit_len(base) * exp / 32 + 2`,
/// saturating; the VM should refuse (MemoryError) a bound it cannot
/// allocate. The same count is needed as scratch.
pub fn pow_bound(base: &[u32], exp: u64) -> usize {
    let bits = bit_len(base);
    if bits <= 1 || exp == 0 {
        return 2;
    }
    let total = (bits as u128) * (exp as u128) / 32 + 2;
    usize::try_from(total).unwrap_or(usize::MAX)
}

/// `base ** exp` for a non-negative exponent; `out` and `scratch` each need
/// `pow_bound` limbs.
pub fn pow(base: Int<'_>, exp: u64, out: &mut [u32], scratch: &mut [u32]) -> IntResult {
    let base = Int::new(base.neg, base.mag);
    let neg = base.neg && exp & 1 == 1;
    if exp == 0 {
        return Ok((false, copy_into(&[1], out)?));
    }
    if base.mag.is_empty() {
        return Ok((false, 0));
    }
    let bound = pow_bound(base.mag, exp);
    if out.len() < bound || scratch.len() < bound {
        return Err(IntError::BufferTooSmall);
    }
    let mut len = copy_into(&[1], out)?;
    let top = 63 - exp.leading_zeros();
    for bit in (0..=top).rev() {
        let sl = mul_mag(&out[..len], &out[..len], scratch)?;
        len = copy_into(&scratch[..sl], out)?;
        if (exp >> bit) & 1 == 1 {
            let sl = mul_mag(&out[..len], base.mag, scratch)?;
            len = copy_into(&scratch[..sl], out)?;
        }
    }
    Ok(signed(neg, len))
}

/// Output limbs for `pow_mod`: the modulus length.
pub fn pow_mod_bound(m_len: usize) -> usize {
    m_len
}

/// Scratch limbs for `pow_mod`.
pub fn pow_mod_scratch_bound(base_len: usize, m_len: usize) -> usize {
    let l = base_len.max(2 * m_len + 1);
    // Reduced base, product, quotient, remainder, division scratch, and
    // the extended-Euclid buffers used for negative exponents.
    (16usize.saturating_mul(m_len))
        .saturating_add(3usize.saturating_mul(l))
        .saturating_add(16)
}

/// Carves `n` limbs off the front of `buf`.
fn take<'b>(buf: &mut &'b mut [u32], n: usize) -> Result<&'b mut [u32], IntError> {
    if buf.len() < n {
        return Err(IntError::BufferTooSmall);
    }
    let (head, tail) = core::mem::take(buf).split_at_mut(n);
    *buf = tail;
    Ok(head)
}

/// `pow(base, exp, m)` with Python's rules: the result has the modulus's
/// sign, a negative exponent inverts the base first. `out` needs
/// `pow_mod_bound`, scratch `pow_mod_scratch_bound`.
pub fn pow_mod(
    base: Int<'_>,
    exp: Int<'_>,
    m: Int<'_>,
    out: &mut [u32],
    scratch: &mut [u32],
) -> IntResult {
    let (base, exp, m) = (
        Int::new(base.neg, base.mag),
        Int::new(exp.neg, exp.mag),
        Int::new(m.neg, m.mag),
    );
    if m.mag.is_empty() {
        return Err(IntError::ZeroModulus);
    }
    let ml = m.mag.len();
    let l = base.mag.len().max(2 * ml + 1);
    let mut s: &mut [u32] = scratch;
    let b = take(&mut s, ml)?;
    let prod = take(&mut s, 2 * ml + 1)?;
    let q = take(&mut s, l + 2)?;
    let r = take(&mut s, l.max(ml))?;
    let ds = take(&mut s, divmod_scratch_bound(l, ml))?;
    if out.len() < ml {
        return Err(IntError::BufferTooSmall);
    }
    // b = base mod |m|, in [0, |m|).
    let (_, rl) = divmod_mag(base.mag, m.mag, q, r, ds)?;
    let mut bl = copy_into(&r[..rl], b)?;
    if base.neg && bl != 0 {
        bl = rsub_in_place(m.mag, b, bl)?;
    }
    if exp.neg {
        let al = copy_into(&b[..bl], r)?;
        bl = mod_inverse(&r[..al], m.mag, b, s)?;
    }
    // Left-to-right square and multiply, reducing after every product.
    let mut acc = if cmp_mag(m.mag, &[1]) == Ordering::Equal {
        0
    } else {
        copy_into(&[1], out)?
    };
    let ebits = bit_len(exp.mag);
    for bit in (0..ebits).rev() {
        let pl = mul_mag(&out[..acc], &out[..acc], prod)?;
        let (_, rl) = divmod_mag(&prod[..pl], m.mag, q, r, ds)?;
        acc = copy_into(&r[..rl], out)?;
        if bit_at(exp.mag, bit) {
            let pl = mul_mag(&out[..acc], &b[..bl], prod)?;
            let (_, rl) = divmod_mag(&prod[..pl], m.mag, q, r, ds)?;
            acc = copy_into(&r[..rl], out)?;
        }
    }
    if m.neg && acc != 0 {
        acc = rsub_in_place(m.mag, out, acc)?;
    }
    Ok(signed(m.neg, acc))
}

/// The inverse of `a` (in `[0, m)`) modulo `m`, written to `out`.
///
/// Extended Euclid keeping only the coefficient of `a`. Those coefficients
/// alternate in sign, so the loop tracks magnitudes (`|t_{i+1}| = |t_{i-1}| +
/// q * |t_i|`) and the parity of the step count gives the sign.
fn mod_inverse(
    a: &[u32],
    m: &[u32],
    out: &mut [u32],
    scratch: &mut [u32],
) -> Result<usize, IntError> {
    let ml = m.len();
    let mut s: &mut [u32] = scratch;
    let r0 = take(&mut s, ml)?;
    let r1 = take(&mut s, ml)?;
    let rem = take(&mut s, ml)?;
    let t0 = take(&mut s, ml + 1)?;
    let t1 = take(&mut s, ml + 1)?;
    let prod = take(&mut s, 2 * ml + 2)?;
    let q = take(&mut s, ml + 2)?;
    let ds = take(&mut s, divmod_scratch_bound(ml, ml))?;
    let mut r0l = copy_into(m, r0)?;
    let mut r1l = copy_into(trim(a), r1)?;
    let mut t0l = 0;
    let mut t1l = copy_into(&[1], t1)?;
    // Sign of t1: t_1 = +1, then alternating.
    let mut t1_neg = false;
    while r1l != 0 {
        let (ql, reml) = divmod_mag(&r0[..r0l], &r1[..r1l], q, rem, ds)?;
        r0l = copy_into(&r1[..r1l], r0)?;
        r1l = copy_into(&rem[..reml], r1)?;
        let pl = mul_mag(&q[..ql], &t1[..t1l], prod)?;
        let sl = add_mag(&prod[..pl], &t0[..t0l], rem)?;
        t0l = copy_into(&t1[..t1l], t0)?;
        t1l = copy_into(&rem[..sl], t1)?;
        t1_neg = !t1_neg;
    }
    if cmp_mag(&r0[..r0l], &[1]) != Ordering::Equal {
        return Err(IntError::NotInvertible);
    }
    // The answer is t0, whose sign is the opposite of t1's.
    let t0_neg = !t1_neg;
    let len = copy_into(&t0[..t0l], out)?;
    if t0_neg && len != 0 {
        rsub_in_place(m, out, len)
    } else {
        Ok(len)
    }
}

/// `a << shift` (the VM rejects negative counts with `ValueError: negative
/// shift count`); output limbs `shl_bound`.
pub fn shl(a: Int<'_>, shift: u64, out: &mut [u32]) -> IntResult {
    Ok(signed(a.neg, shl_mag(a.mag, shift, out)?))
}

/// `a >> shift`, flooring for negatives; output limbs `shr_bound`.
pub fn shr(a: Int<'_>, shift: u64, out: &mut [u32]) -> IntResult {
    let a = Int::new(a.neg, a.mag);
    let mut len = shr_mag(a.mag, shift, out)?;
    if a.neg && any_bits_below(a.mag, shift) {
        len = add_small_in_place(out, len, 1)?;
    }
    Ok(signed(a.neg, len))
}

/// Output limbs for `and`/`or`/`xor`.
pub fn bitwise_bound(a_len: usize, b_len: usize) -> usize {
    a_len.max(b_len).saturating_add(1)
}

#[derive(Clone, Copy)]
enum BitOp {
    And,
    Or,
    Xor,
}

/// Streams the two's-complement limbs of a signed magnitude.
struct TwosComplement<'a> {
    int: Int<'a>,
    carry: bool,
}

impl TwosComplement<'_> {
    fn limb(&mut self, i: usize) -> u32 {
        let x = self.int.mag.get(i).copied().unwrap_or(0);
        if !self.int.neg {
            return x;
        }
        let (v, c) = (!x).overflowing_add(self.carry as u32);
        self.carry = c;
        v
    }
}

fn bitwise(op: BitOp, a: Int<'_>, b: Int<'_>, out: &mut [u32]) -> IntResult {
    let (a, b) = (Int::new(a.neg, a.mag), Int::new(b.neg, b.mag));
    let n = a.mag.len().max(b.mag.len());
    let out = out.get_mut(..n + 1).ok_or(IntError::BufferTooSmall)?;
    let f = |x: u32, y: u32| match op {
        BitOp::And => x & y,
        BitOp::Or => x | y,
        BitOp::Xor => x ^ y,
    };
    let mut ta = TwosComplement {
        int: a,
        carry: true,
    };
    let mut tb = TwosComplement {
        int: b,
        carry: true,
    };
    for (i, o) in out[..n].iter_mut().enumerate() {
        *o = f(ta.limb(i), tb.limb(i));
    }
    let sign_a = if a.neg { u32::MAX } else { 0 };
    let sign_b = if b.neg { u32::MAX } else { 0 };
    let neg = f(sign_a, sign_b) != 0;
    if !neg {
        out[n] = 0;
        return Ok((false, trimmed_len(out, n)));
    }
    // Negate the two's-complement result (sign-extended to n + 1 limbs).
    out[n] = u32::MAX;
    let mut carry = true;
    for limb in out.iter_mut() {
        let (v, c) = (!*limb).overflowing_add(carry as u32);
        *limb = v;
        carry = c;
    }
    Ok(signed(true, trimmed_len(out, n + 1)))
}

/// `a & b`; output limbs `bitwise_bound`.
pub fn and(a: Int<'_>, b: Int<'_>, out: &mut [u32]) -> IntResult {
    bitwise(BitOp::And, a, b, out)
}

/// `a | b`; output limbs `bitwise_bound`.
pub fn or(a: Int<'_>, b: Int<'_>, out: &mut [u32]) -> IntResult {
    bitwise(BitOp::Or, a, b, out)
}

/// `a ^ b`; output limbs `bitwise_bound`.
pub fn xor(a: Int<'_>, b: Int<'_>, out: &mut [u32]) -> IntResult {
    bitwise(BitOp::Xor, a, b, out)
}

/// `~a == -(a + 1)`; output limbs `a_len + 1`.
pub fn invert(a: Int<'_>, out: &mut [u32]) -> IntResult {
    let a = Int::new(a.neg, a.mag);
    if a.neg {
        // ~(-m) == m - 1.
        Ok((false, sub_mag(a.mag, &[1], out)?))
    } else {
        Ok((true, add_mag(a.mag, &[1], out)?))
    }
}

/// `int(x)` for a float: truncates toward zero. Output limbs: [`F64_LIMBS`]
/// (fewer for small values).
pub fn from_f64(x: f64, out: &mut [u32]) -> IntResult {
    if x.is_nan() {
        return Err(IntError::NanToInt);
    }
    if x.is_infinite() {
        return Err(IntError::InfinityToInt);
    }
    let t = libm::trunc(x);
    let neg = t < 0.0;
    let a = if neg { -t } else { t };
    if a < 18446744073709551616.0 {
        let u = a as u64;
        let limbs = [u as u32, (u >> 32) as u32];
        return Ok(signed(neg, copy_into(trim(&limbs), out)?));
    }
    // a = mantissa * 2**exp with exp >= 11 here.
    let bits = a.to_bits();
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let exp = ((bits >> 52) & 0x7FF) as u64 - 1075;
    let limbs = [mant as u32, (mant >> 32) as u32];
    Ok(signed(neg, shl_mag(&limbs, exp, out)?))
}

// ---------------------------------------------------------------------------
// Text.

/// `floor(log2(radix) * 1024)` for radix 2..=36, to bound digit counts.
const LOG2_1024: [u32; 35] = [
    1024, 1623, 2048, 2377, 2647, 2874, 3072, 3246, 3401, 3542, 3671, 3789, 3898, 4000, 4096, 4185,
    4270, 4349, 4425, 4497, 4566, 4632, 4695, 4755, 4813, 4869, 4922, 4974, 5024, 5073, 5120, 5165,
    5209, 5252, 5294,
];

/// An upper bound on the digits `to_radix` writes for a `limbs`-limb
/// magnitude (no sign, no prefix). Returns 0 for an invalid radix.
pub fn radix_len_bound(limbs: usize, radix: u32) -> usize {
    let Some(&l) = radix.checked_sub(2).and_then(|i| LOG2_1024.get(i as usize)) else {
        return 0;
    };
    let bits = (limbs as u128) * 32 * 1024;
    usize::try_from(bits / l as u128 + 1).unwrap_or(usize::MAX)
}

/// Scratch limbs for `to_radix`.
pub fn to_radix_scratch_bound(limbs: usize) -> usize {
    limbs
}

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// Writes the digits of `mag` in `radix` (2..=36, lowercase), most
/// significant first, without sign or prefix; zero is `"0"`. `out` needs
/// `radix_len_bound` bytes, scratch `to_radix_scratch_bound` limbs (unused
/// for power-of-two radices).
pub fn to_radix(
    mag: &[u32],
    radix: u32,
    scratch: &mut [u32],
    out: &mut [u8],
) -> Result<usize, IntError> {
    if !(2..=36).contains(&radix) {
        return Err(IntError::InvalidArgument);
    }
    let mag = trim(mag);
    if mag.is_empty() {
        *out.first_mut().ok_or(IntError::BufferTooSmall)? = b'0';
        return Ok(1);
    }
    if radix.is_power_of_two() {
        let k = radix.trailing_zeros() as u64;
        let ndigits = bit_len(mag).div_ceil(k);
        let n = usize::try_from(ndigits).map_err(|_| IntError::BufferTooSmall)?;
        let out = out.get_mut(..n).ok_or(IntError::BufferTooSmall)?;
        for (pos, byte) in out.iter_mut().enumerate() {
            let d = (n - 1 - pos) as u64;
            let mut v = 0usize;
            for j in 0..k {
                if bit_at(mag, d * k + j) {
                    v |= 1 << j;
                }
            }
            *byte = DIGITS[v];
        }
        return Ok(n);
    }
    // Divide by the largest power of the radix that fits a limb, emitting
    // that many digits (least significant first) per division.
    let mut chunk = radix;
    let mut per = 1;
    while let Some(c) = chunk.checked_mul(radix) {
        chunk = c;
        per += 1;
    }
    let mut len = copy_into(mag, scratch)?;
    let mut n = 0usize;
    while len != 0 {
        let (nl, mut rem) = div_small_in_place(scratch, len, chunk);
        len = nl;
        for _ in 0..per {
            if len == 0 && rem == 0 {
                break;
            }
            *out.get_mut(n).ok_or(IntError::BufferTooSmall)? = DIGITS[(rem % radix) as usize];
            rem /= radix;
            n += 1;
        }
    }
    out[..n].reverse();
    Ok(n)
}

/// Why `int(text, base)` failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseIntError {
    /// `ValueError: invalid literal for int() with base {base}: {text!r}`
    /// (the VM formats the message with the text).
    InvalidLiteral,
    /// `ValueError: int() base must be >= 2 and <= 36, or 0`.
    InvalidBase,
    /// `out` is shorter than `parse_int_bound`.
    BufferTooSmall,
}

impl ParseIntError {
    pub fn message(&self) -> &'static str {
        match self {
            ParseIntError::InvalidLiteral => "invalid literal for int()",
            ParseIntError::InvalidBase => "int() base must be >= 2 and <= 36, or 0",
            ParseIntError::BufferTooSmall => "output buffer too small",
        }
    }
}

/// Output limbs for `parse_int` of a `text_len`-byte string.
pub fn parse_int_bound(text_len: usize, _base: u32) -> usize {
    // At most 6 bits per character (base 36), whatever the base.
    text_len.saturating_mul(6) / 32 + 2
}

fn digit_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some((c - b'0') as u32),
        b'a'..=b'z' => Some((c - b'a') as u32 + 10),
        b'A'..=b'Z' => Some((c - b'A') as u32 + 10),
        _ => None,
    }
}

/// `int(text, base)` with Python's rules: surrounding whitespace, one
/// sign, `0x`/`0o`/`0b` prefixes (with a matching base or base 0), single
/// underscores between digits (and after a prefix), and base 0 refusing
/// leading zeros in a non-zero decimal. `text` is UTF-8; only ASCII digits
/// are accepted (CPython also takes other Unicode decimal digits), and
/// CPython's 4300-digit limit is left to the VM. Returns `(neg, len)`.
pub fn parse_int(text: &[u8], base: u32, out: &mut [u32]) -> Result<(bool, usize), ParseIntError> {
    if base == 1 || base > 36 {
        return Err(ParseIntError::InvalidBase);
    }
    let bad = ParseIntError::InvalidLiteral;
    let mut s = super::strip_whitespace(text);
    let mut neg = false;
    if let Some((&c, rest)) = s.split_first()
        && (c == b'+' || c == b'-')
    {
        neg = c == b'-';
        s = rest;
    }
    let mut base = base;
    let mut prefixed = false;
    if s.len() >= 2 && s[0] == b'0' {
        let p = match s[1] | 0x20 {
            b'x' => 16,
            b'o' => 8,
            b'b' => 2,
            _ => 0,
        };
        if p != 0 && (base == 0 || base == p) {
            base = p;
            prefixed = true;
            s = &s[2..];
        }
    }
    let base0_decimal = base == 0;
    if base == 0 {
        base = 10;
    }
    // Validate the digit/underscore structure first.
    if s.is_empty() {
        return Err(bad);
    }
    let mut prev_underscore = !prefixed;
    let mut ndigits = 0;
    for &c in s {
        if c == b'_' {
            if prev_underscore {
                return Err(bad);
            }
            prev_underscore = true;
        } else {
            match digit_value(c) {
                Some(d) if d < base => {}
                _ => return Err(bad),
            }
            prev_underscore = false;
            ndigits += 1;
        }
    }
    if prev_underscore || ndigits == 0 {
        return Err(bad);
    }
    if base0_decimal && s[0] == b'0' && s.iter().any(|&c| c != b'0' && c != b'_') {
        return Err(bad);
    }
    // Accumulate in chunks of digits that fit one limb multiplier.
    let mut len = 0usize;
    let mut chunk = 0u32;
    let mut mult = 1u32;
    for &c in s {
        let Some(d) = digit_value(c) else { continue };
        chunk = chunk * base + d;
        mult *= base;
        if mult.checked_mul(base).is_none() {
            len = mul_small_add_in_place(out, len, mult, chunk)
                .map_err(|_| ParseIntError::BufferTooSmall)?;
            chunk = 0;
            mult = 1;
        }
    }
    if mult != 1 {
        len = mul_small_add_in_place(out, len, mult, chunk)
            .map_err(|_| ParseIntError::BufferTooSmall)?;
    }
    Ok((neg && len != 0, len))
}

#[cfg(test)]
#[path = "bigint_tests.rs"]
mod tests;
