//! Python's format-spec mini-language: `format(value, spec)` and f-string
//! fields for int, float and str.
//!
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]` is parsed
//! once into a [`FormatSpec`]; the writers check it against the value's type
//! in CPython's order (so the first error is CPython's first error) and lay
//! the result out in place: the bare digits are written at the front of the
//! output, then moved right while sign, prefix, separators and padding are
//! inserted. That keeps every writer free of scratch buffers except the
//! int's radix conversion.

use super::SliceWriter;
use super::bigint::{self, Int};
use super::float::{self, Layout};
use core::fmt::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
    /// `=`: padding between the sign (and prefix) and the digits.
    AfterSign,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    Plus,
    Minus,
    Space,
}

/// A parsed format spec. Checks that depend on the value's type happen in
/// the writers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatSpec {
    /// The explicit fill character, if one was given with an alignment.
    pub fill: Option<char>,
    pub align: Option<Align>,
    pub sign: Option<Sign>,
    /// `z`: negative zero after rounding prints as zero (floats only).
    pub no_neg_zero: bool,
    /// `#`.
    pub alternate: bool,
    /// The `0` before the width: fill with `0` and, for numbers without an
    /// explicit alignment, pad after the sign.
    pub zero: bool,
    pub width: Option<usize>,
    /// `,` or `_`.
    pub grouping: Option<u8>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

/// Why a value could not be formatted. `Display` gives CPython's message,
/// except for [`FormatError::InvalidSpecifier`], whose full text needs the
/// spec and type name (see [`FormatError::write_message`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatError {
    /// `Invalid format specifier '{spec}' for object of type '{type}'`.
    InvalidSpecifier,
    /// `Too many decimal digits in format string`.
    TooManyDigits,
    /// `Format specifier missing precision`.
    MissingPrecision,
    /// `Cannot specify both ',' and '_'.`
    BothSeparators,
    /// `Cannot specify ',' with 'c'.`
    SeparatorWithType { sep: u8, ty: char },
    /// `Unknown format code 'd' for object of type 'float'`.
    UnknownCode { code: char, type_name: &'static str },
    /// `Sign not allowed in string format specifier`.
    SignInString,
    /// `Space not allowed in string format specifier`.
    SpaceInString,
    /// `Sign not allowed with integer format specifier 'c'`.
    SignWithC,
    /// `Alternate form (#) not allowed in string format specifier`.
    AlternateInString,
    /// `Alternate form (#) not allowed with integer format specifier 'c'`.
    AlternateWithC,
    /// `'=' alignment not allowed in string format specifier`.
    AlignInString,
    /// `Precision not allowed in integer format specifier`.
    PrecisionInInt,
    /// `Negative zero coercion (z) not allowed in {kind} format specifier`,
    /// `kind` being `integer` or `string`.
    NegativeZeroNotAllowed { kind: &'static str },
    /// `OverflowError: %c arg not in range(0x110000)`.
    CharOutOfRange,
    /// `OverflowError: Python int too large to convert to C long` (`c`
    /// with a value beyond 64 bits).
    CharTooLarge,
    /// `OverflowError: int too large to convert to float`.
    IntTooLargeForFloat,
    /// The output slice is shorter than the writer's bound.
    BufferTooSmall,
}

impl FormatError {
    /// Whether CPython raises `OverflowError` (else `ValueError`, or a VM
    /// fault for [`FormatError::BufferTooSmall`]).
    pub fn is_overflow_error(&self) -> bool {
        matches!(
            self,
            FormatError::CharOutOfRange
                | FormatError::CharTooLarge
                | FormatError::IntTooLargeForFloat
        )
    }

    /// Writes the complete CPython message; `spec` and `type_name` are only
    /// used by [`FormatError::InvalidSpecifier`].
    pub fn write_message(&self, spec: &str, type_name: &str, w: &mut impl Write) -> fmt::Result {
        match self {
            FormatError::InvalidSpecifier => {
                write!(
                    w,
                    "Invalid format specifier '{spec}' for object of type '{type_name}'"
                )
            }
            other => write!(w, "{other}"),
        }
    }
}

/// CPython prints printable ASCII type codes as themselves, others as `\x..`.
struct Code(char);

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0 as u32;
        if c > 32 && c < 128 {
            write!(f, "{}", self.0)
        } else {
            write!(f, "\\x{c:x}")
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            FormatError::InvalidSpecifier => f.write_str("Invalid format specifier"),
            FormatError::TooManyDigits => f.write_str("Too many decimal digits in format string"),
            FormatError::MissingPrecision => f.write_str("Format specifier missing precision"),
            FormatError::BothSeparators => f.write_str("Cannot specify both ',' and '_'."),
            FormatError::SeparatorWithType { sep, ty } => {
                write!(f, "Cannot specify '{}' with '{}'.", sep as char, Code(ty))
            }
            FormatError::UnknownCode { code, type_name } => {
                write!(
                    f,
                    "Unknown format code '{}' for object of type '{}'",
                    Code(code),
                    type_name
                )
            }
            FormatError::SignInString => f.write_str("Sign not allowed in string format specifier"),
            FormatError::SpaceInString => {
                f.write_str("Space not allowed in string format specifier")
            }
            FormatError::SignWithC => {
                f.write_str("Sign not allowed with integer format specifier 'c'")
            }
            FormatError::AlternateInString => {
                f.write_str("Alternate form (#) not allowed in string format specifier")
            }
            FormatError::AlternateWithC => {
                f.write_str("Alternate form (#) not allowed with integer format specifier 'c'")
            }
            FormatError::AlignInString => {
                f.write_str("'=' alignment not allowed in string format specifier")
            }
            FormatError::PrecisionInInt => {
                f.write_str("Precision not allowed in integer format specifier")
            }
            FormatError::NegativeZeroNotAllowed { kind } => {
                write!(
                    f,
                    "Negative zero coercion (z) not allowed in {kind} format specifier"
                )
            }
            FormatError::CharOutOfRange => f.write_str("%c arg not in range(0x110000)"),
            FormatError::CharTooLarge => f.write_str("Python int too large to convert to C long"),
            FormatError::IntTooLargeForFloat => f.write_str("int too large to convert to float"),
            FormatError::BufferTooSmall => f.write_str("output buffer too small"),
        }
    }
}

fn align_of(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

/// A cursor over the spec's characters.
struct Cursor<'s> {
    rest: core::str::Chars<'s>,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.rest.clone().next()
    }

    fn peek2(&self) -> Option<char> {
        self.rest.clone().nth(1)
    }

    fn bump(&mut self) {
        self.rest.next();
    }

    /// Consumes `c` if it is next.
    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.bump();
        }
        hit
    }

    /// Reads decimal digits as CPython's `get_integer` does (refusing
    /// anything past `Py_ssize_t` on a 64-bit host, so every build reports
    /// the same error). `None` when there are no digits.
    fn integer(&mut self) -> Result<Option<usize>, FormatError> {
        let mut v: u64 = 0;
        let mut any = false;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            if v > (i64::MAX as u64 - d as u64) / 10 {
                return Err(FormatError::TooManyDigits);
            }
            v = v * 10 + d as u64;
            any = true;
            self.bump();
        }
        if !any {
            return Ok(None);
        }
        usize::try_from(v)
            .map(Some)
            .map_err(|_| FormatError::TooManyDigits)
    }
}

impl FormatSpec {
    /// Parses a spec (UTF-8), as CPython's `parse_internal_render_format_spec`
    /// minus the checks that need the value's type.
    pub fn parse(spec: &[u8]) -> Result<FormatSpec, FormatError> {
        let text = core::str::from_utf8(spec).map_err(|_| FormatError::InvalidSpecifier)?;
        let mut c = Cursor { rest: text.chars() };
        let mut out = FormatSpec {
            fill: None,
            align: None,
            sign: None,
            no_neg_zero: false,
            alternate: false,
            zero: false,
            width: None,
            grouping: None,
            precision: None,
            ty: None,
        };
        if let Some(a) = c.peek2().and_then(align_of) {
            out.fill = c.peek();
            out.align = Some(a);
            c.bump();
            c.bump();
        } else if let Some(a) = c.peek().and_then(align_of) {
            out.align = Some(a);
            c.bump();
        }
        out.sign = match c.peek() {
            Some('+') => Some(Sign::Plus),
            Some('-') => Some(Sign::Minus),
            Some(' ') => Some(Sign::Space),
            _ => None,
        };
        if out.sign.is_some() {
            c.bump();
        }
        out.no_neg_zero = c.eat('z');
        out.alternate = c.eat('#');
        if out.fill.is_none() {
            out.zero = c.eat('0');
        }
        out.width = c.integer()?;
        if c.eat(',') {
            out.grouping = Some(b',');
        }
        if c.peek() == Some('_') {
            if out.grouping.is_some() {
                return Err(FormatError::BothSeparators);
            }
            out.grouping = Some(b'_');
            c.bump();
        }
        if c.peek() == Some(',') && out.grouping == Some(b'_') {
            return Err(FormatError::BothSeparators);
        }
        if c.eat('.') {
            out.precision = Some(c.integer()?.ok_or(FormatError::MissingPrecision)?);
        }
        out.ty = c.peek();
        if out.ty.is_some() {
            c.bump();
        }
        if c.peek().is_some() {
            return Err(FormatError::InvalidSpecifier);
        }
        Ok(out)
    }

    /// CPython's last parse step, run with the type's default code.
    fn check_grouping(&self, ty: char) -> Result<(), FormatError> {
        let Some(sep) = self.grouping else {
            return Ok(());
        };
        match ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => Ok(()),
            'b' | 'o' | 'x' | 'X' if sep == b'_' => Ok(()),
            _ => Err(FormatError::SeparatorWithType { sep, ty }),
        }
    }

    fn width(&self) -> usize {
        self.width.unwrap_or(0)
    }
}

/// Padding and fill as the writers apply them.
struct Padding {
    fill: char,
    align: Align,
    width: usize,
}

fn number_padding(spec: &FormatSpec) -> Padding {
    let fill = spec.fill.unwrap_or(if spec.zero { '0' } else { ' ' });
    let align = spec.align.unwrap_or(if spec.zero {
        Align::AfterSign
    } else {
        Align::Right
    });
    Padding {
        fill,
        align,
        width: spec.width(),
    }
}

/// The parts of a number whose body (`digits` then `rest`) sits at the
/// front of the output.
struct Number<'p> {
    sign: Option<u8>,
    prefix: &'p [u8],
    digits: usize,
    rest: usize,
    /// Separator and group size.
    grouping: Option<(u8, usize)>,
}

/// CPython's `_PyUnicode_InsertThousandsGrouping` as a sequence of groups,
/// right to left: `(zeros, chars)` per group, separators between them.
fn for_each_group(
    digits: usize,
    min_width: usize,
    group: Option<usize>,
    mut f: impl FnMut(usize, usize, bool),
) {
    let mut remaining = digits as i64;
    let mut min_width = min_width as i64;
    let Some(size) = group else {
        let l = remaining.max(min_width).max(1);
        f(
            (l - remaining).max(0) as usize,
            remaining.min(l).max(0) as usize,
            false,
        );
        return;
    };
    let mut first = true;
    loop {
        let l = (size as i64).min(remaining.max(min_width).max(1));
        let zeros = (l - remaining).max(0);
        let chars = remaining.min(l).max(0);
        f(zeros as usize, chars as usize, !first);
        first = false;
        remaining -= chars;
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
}

fn put(out: &mut [u8], pos: &mut usize, bytes: &[u8]) {
    *pos -= bytes.len();
    out[*pos..*pos + bytes.len()].copy_from_slice(bytes);
}

fn put_fill(out: &mut [u8], pos: &mut usize, fill: &[u8], count: usize) {
    for _ in 0..count {
        put(out, pos, fill);
    }
}

/// Lays out a number whose body is at `out[..digits + rest]`: padding,
/// sign, prefix, zero padding and grouping, as CPython's
/// `calc_number_widths` and `fill_number`. Returns the total length.
fn finish_number(out: &mut [u8], n: &Number<'_>, pad: &Padding) -> Result<usize, FormatError> {
    let leading = n.sign.is_some() as usize + n.prefix.len();
    let min_width = if pad.fill == '0' && pad.align == Align::AfterSign {
        pad.width.saturating_sub(leading + n.rest)
    } else {
        0
    };
    let group = n.grouping.map(|(_, g)| g);
    let mut grouped = 0usize;
    if n.digits > 0 {
        for_each_group(n.digits, min_width, group, |z, c, sep| {
            grouped += z + c + sep as usize
        });
    }
    let content = leading + grouped + n.rest;
    let padding = pad.width.saturating_sub(content);
    let (l, s, r) = match pad.align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    let mut fill_buf = [0u8; 4];
    let fill = pad.fill.encode_utf8(&mut fill_buf).as_bytes();
    let total = content + (l + s + r) * fill.len();
    if out.len() < total || out.len() < n.digits + n.rest {
        return Err(FormatError::BufferTooSmall);
    }
    let mut pos = total;
    put_fill(out, &mut pos, fill, r);
    // The rest and the digits move right (never left), so copying from the
    // right end cannot overwrite bytes not yet moved.
    let rest_src = n.digits;
    pos -= n.rest;
    out.copy_within(rest_src..rest_src + n.rest, pos);
    if n.digits > 0 {
        let mut src = n.digits;
        let sep = n.grouping.map_or(b',', |(c, _)| c);
        for_each_group(n.digits, min_width, group, |zeros, chars, with_sep| {
            if with_sep {
                put(out, &mut pos, &[sep]);
            }
            for _ in 0..chars {
                src -= 1;
                pos -= 1;
                out[pos] = out[src];
            }
            for _ in 0..zeros {
                put(out, &mut pos, b"0");
            }
        });
    }
    put_fill(out, &mut pos, fill, s);
    put(out, &mut pos, n.prefix);
    if let Some(c) = n.sign {
        put(out, &mut pos, &[c]);
    }
    put_fill(out, &mut pos, fill, l);
    Ok(total)
}

fn sign_char(neg: bool, sign: Option<Sign>) -> Option<u8> {
    match (neg, sign) {
        (true, _) => Some(b'-'),
        (false, Some(Sign::Plus)) => Some(b'+'),
        (false, Some(Sign::Space)) => Some(b' '),
        _ => None,
    }
}

/// Output bytes for `format_int`.
pub fn format_int_bound(limbs: usize, spec: &FormatSpec) -> usize {
    let digits = match spec.ty {
        // Converted to a float first: its integer digits (two more for '%').
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            return float_bound(bigint::radix_len_bound(limbs, 10).saturating_add(4), spec);
        }
        _ => bigint::radix_len_bound(limbs, 2),
    };
    digits
        .saturating_add(digits / 3)
        .saturating_add(8)
        .saturating_add(spec.width().saturating_mul(5))
}

/// Scratch limbs for `format_int`.
pub fn format_int_scratch_bound(limbs: usize) -> usize {
    bigint::to_radix_scratch_bound(limbs)
}

/// `format(value, spec)` for an int: types `b c d o x X n`, none, and the
/// float types after conversion. Scratch: `format_int_scratch_bound`.
pub fn format_int(
    value: Int<'_>,
    spec: &FormatSpec,
    scratch: &mut [u32],
    out: &mut [u8],
) -> Result<usize, FormatError> {
    let ty = spec.ty.unwrap_or('d');
    spec.check_grouping(ty)?;
    let radix = match ty {
        'b' => 2,
        'o' => 8,
        'x' | 'X' => 16,
        'd' | 'n' | 'c' => 10,
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = value.to_f64().ok_or(FormatError::IntTooLargeForFloat)?;
            return format_float(x, spec, out);
        }
        code => {
            return Err(FormatError::UnknownCode {
                code,
                type_name: "int",
            });
        }
    };
    if spec.precision.is_some() {
        return Err(FormatError::PrecisionInInt);
    }
    if spec.no_neg_zero {
        return Err(FormatError::NegativeZeroNotAllowed { kind: "integer" });
    }
    let value = Int::new(value.neg, value.mag);
    let pad = number_padding(spec);
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err(FormatError::SignWithC);
        }
        if spec.alternate {
            return Err(FormatError::AlternateWithC);
        }
        let c = value.to_i64().ok_or(FormatError::CharTooLarge)?;
        let c = u32::try_from(c)
            .ok()
            .and_then(char::from_u32)
            .ok_or(FormatError::CharOutOfRange)?;
        let body = c
            .encode_utf8(out.get_mut(..4).ok_or(FormatError::BufferTooSmall)?)
            .len();
        let n = Number {
            sign: None,
            prefix: b"",
            digits: 0,
            rest: body,
            grouping: None,
        };
        // Width counts code points: widen by the extra UTF-8 bytes.
        let pad = Padding {
            width: pad.width.saturating_add(body - 1),
            ..pad
        };
        return finish_number(out, &n, &pad);
    }
    let digits = bigint::to_radix(value.mag, radix, scratch, out)
        .map_err(|_| FormatError::BufferTooSmall)?;
    if ty == 'X' {
        out[..digits].make_ascii_uppercase();
    }
    let prefix: &[u8] = match (spec.alternate, ty) {
        (true, 'b') => b"0b",
        (true, 'o') => b"0o",
        (true, 'x') => b"0x",
        (true, 'X') => b"0X",
        _ => b"",
    };
    let grouping = spec
        .grouping
        .map(|sep| (sep, if radix == 10 { 3 } else { 4 }));
    let n = Number {
        sign: sign_char(value.neg, spec.sign),
        prefix,
        digits,
        rest: 0,
        grouping,
    };
    finish_number(out, &n, &pad)
}

/// Output bytes for `format_float` of `x`. The bound follows the value:
/// sizing every format for the largest double's 309 integer digits would
/// make each `f"{x:.2f}"` ask the heap for a block of ~460 bytes, which a
/// small board's fragmented heap may not have in one piece.
pub fn format_float_bound(x: f64, spec: &FormatSpec) -> usize {
    let a = if spec.ty == Some('%') {
        x.abs() * 100.0
    } else {
        x.abs()
    };
    float_bound(integer_digits(a), spec)
}

/// Decimal digits before the point of `a` (≥ 0), plus two: one for a carry
/// out of rounding (9.99 → "10.0") and one for the division's rounding.
fn integer_digits(a: f64) -> usize {
    if !a.is_finite() {
        return 3;
    }
    let mut n = 1;
    let mut y = a;
    while y >= 10.0 {
        y /= 10.0;
        n += 1;
    }
    n + 2
}

/// Output bytes for a float with at most `int_digits` integer digits.
fn float_bound(int_digits: usize, spec: &FormatSpec) -> usize {
    // 'f' and '%' write every integer digit; the other types switch to an
    // exponent once a number needs more than max(precision, 17) digits.
    let digits = spec
        .precision
        .unwrap_or(6)
        .max(17)
        .saturating_add(int_digits);
    // Separators, and slack for sign, point, leading zeros ("0.0001"),
    // exponent and '%'.
    digits
        .saturating_add(digits / 3)
        .saturating_add(16)
        .saturating_add(spec.width().saturating_mul(5))
}

/// `format(x, spec)` for a float: types `e E f F g G n %` and none.
pub fn format_float(x: f64, spec: &FormatSpec, out: &mut [u8]) -> Result<usize, FormatError> {
    let ty = spec.ty.unwrap_or('\0');
    spec.check_grouping(ty)?;
    if !matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' | '\0') {
        return Err(FormatError::UnknownCode {
            code: ty,
            type_name: "float",
        });
    }
    let upper = matches!(ty, 'E' | 'F' | 'G');
    let mut x = x;
    let pct = ty == '%';
    if pct {
        x *= 100.0;
    }
    let neg = x.is_sign_negative() && !x.is_nan();
    let a = x.abs();
    let too_small = FormatError::BufferTooSmall;
    let body_len = if !a.is_finite() {
        let word: &[u8] = match (a.is_nan(), upper) {
            (true, false) => b"nan",
            (true, true) => b"NAN",
            (false, false) => b"inf",
            (false, true) => b"INF",
        };
        out.get_mut(..3).ok_or(too_small)?.copy_from_slice(word);
        3
    } else {
        match ty {
            'f' | 'F' | '%' => {
                let p = spec.precision.unwrap_or(6);
                // core::fmt refuses precisions past u16::MAX; digits past
                // the exact value's last (1074th) decimal are zeros anyway.
                let p_fmt = p.min(float::EXACT_DIGITS_CAP);
                let mut w = SliceWriter::new(out);
                write!(w, "{:.*}", p_fmt, a).map_err(|_| too_small)?;
                let mut len = w.len;
                let pad = p - p_fmt;
                out.get_mut(len..len + pad).ok_or(too_small)?.fill(b'0');
                len += pad;
                if spec.alternate && p == 0 {
                    *out.get_mut(len).ok_or(too_small)? = b'.';
                    len += 1;
                }
                len
            }
            'e' | 'E' => {
                let p = spec.precision.unwrap_or(6);
                let (nd, exp) = float::sci_digits(a, Some(p), out).ok_or(too_small)?;
                let layout = Layout {
                    sci: true,
                    force_point: spec.alternate,
                    add_dot_0: false,
                    upper,
                };
                float::layout_digits(out, nd, exp, layout).ok_or(too_small)?
            }
            _ => {
                // 'g', 'n', and none: none without a precision is repr;
                // none with one is 'g' that keeps a '.0' and switches to
                // exponents one digit earlier.
                let plain = ty == '\0';
                let (nd, exp, p) = match (plain, spec.precision) {
                    (true, None) => {
                        let (nd, exp) = float::sci_digits(a, None, out).ok_or(too_small)?;
                        (nd, exp, 17)
                    }
                    (_, p) => {
                        let p = p.unwrap_or(6).max(1);
                        let (mut nd, exp) =
                            float::sci_digits(a, Some(p - 1), out).ok_or(too_small)?;
                        if !spec.alternate {
                            while nd > 1 && out[nd - 1] == b'0' {
                                nd -= 1;
                            }
                        }
                        (nd, exp, p)
                    }
                };
                let sci = if plain && spec.precision.is_none() {
                    !(-4..16).contains(&exp)
                } else if plain {
                    exp < -4 || exp as i64 >= p as i64 - 1
                } else {
                    exp < -4 || exp as i64 >= p as i64
                };
                let layout = Layout {
                    sci,
                    force_point: spec.alternate,
                    add_dot_0: plain,
                    upper,
                };
                float::layout_digits(out, nd, exp, layout).ok_or(too_small)?
            }
        }
    };
    let mut len = body_len;
    if pct {
        *out.get_mut(len).ok_or(too_small)? = b'%';
        len += 1;
    }
    let mantissa_end = out[..len]
        .iter()
        .position(|&c| c == b'e' || c == b'E')
        .unwrap_or(len);
    let is_zero = out[..mantissa_end]
        .iter()
        .all(|&c| !matches!(c, b'1'..=b'9'));
    let neg = neg && !(spec.no_neg_zero && a.is_finite() && is_zero);
    let digits = out[..len].iter().take_while(|c| c.is_ascii_digit()).count();
    let grouping = spec.grouping.map(|sep| (sep, 3));
    let n = Number {
        sign: sign_char(neg, spec.sign),
        prefix: b"",
        digits,
        rest: len - digits,
        grouping,
    };
    finish_number(out, &n, &number_padding(spec))
}

/// Output bytes for `format_str`.
pub fn format_str_bound(s_len: usize, spec: &FormatSpec) -> usize {
    s_len.saturating_add(spec.width().saturating_mul(4))
}

/// `format(s, spec)` for a str (UTF-8): precision truncates and width pads,
/// both counted in code points.
pub fn format_str(s: &[u8], spec: &FormatSpec, out: &mut [u8]) -> Result<usize, FormatError> {
    let ty = spec.ty.unwrap_or('s');
    spec.check_grouping(ty)?;
    if ty != 's' {
        return Err(FormatError::UnknownCode {
            code: ty,
            type_name: "str",
        });
    }
    match spec.sign {
        Some(Sign::Space) => return Err(FormatError::SpaceInString),
        Some(_) => return Err(FormatError::SignInString),
        None => {}
    }
    if spec.no_neg_zero {
        return Err(FormatError::NegativeZeroNotAllowed { kind: "string" });
    }
    if spec.alternate {
        return Err(FormatError::AlternateInString);
    }
    if spec.align == Some(Align::AfterSign) {
        return Err(FormatError::AlignInString);
    }
    let is_start = |b: &u8| (b & 0xC0) != 0x80;
    // Truncate to `precision` code points.
    let mut end = s.len();
    let mut chars = s.iter().filter(|b| is_start(b)).count();
    if let Some(p) = spec.precision
        && chars > p
    {
        end = s
            .iter()
            .enumerate()
            .filter(|(_, b)| is_start(b))
            .nth(p)
            .map_or(s.len(), |(i, _)| i);
        chars = p;
    }
    let body = &s[..end];
    let fill = spec.fill.unwrap_or(if spec.zero { '0' } else { ' ' });
    let mut fill_buf = [0u8; 4];
    let fill = fill.encode_utf8(&mut fill_buf).as_bytes();
    let padding = spec.width().saturating_sub(chars);
    let (l, r) = match spec.align.unwrap_or(Align::Left) {
        Align::Right => (padding, 0),
        Align::Center => (padding / 2, padding - padding / 2),
        _ => (0, padding),
    };
    let total = body.len() + (l + r) * fill.len();
    let out = out.get_mut(..total).ok_or(FormatError::BufferTooSmall)?;
    let mut pos = 0;
    for _ in 0..l {
        out[pos..pos + fill.len()].copy_from_slice(fill);
        pos += fill.len();
    }
    out[pos..pos + body.len()].copy_from_slice(body);
    pos += body.len();
    for _ in 0..r {
        out[pos..pos + fill.len()].copy_from_slice(fill);
        pos += fill.len();
    }
    Ok(total)
}

#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;
