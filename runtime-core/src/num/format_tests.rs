//! Format-spec tests: every `(value, spec)` pair's expected text or error
//! message was printed by `python3` when the tests were written.

extern crate std;

use super::*;
use std::string::String;
use std::vec;

include!("format_test_data.rs");

fn error_text(e: FormatError, spec: &str, type_name: &str) -> String {
    let mut s = String::new();
    e.write_message(spec, type_name, &mut s).unwrap();
    s
}

fn parse_big(s: &str) -> (bool, std::vec::Vec<u32>) {
    let mut out = vec![0u32; bigint::parse_int_bound(s.len(), 10)];
    let (neg, len) = bigint::parse_int(s.as_bytes(), 10, &mut out).unwrap();
    out.truncate(len);
    (neg, out)
}

fn fmt_int(value: &str, spec: &str) -> Result<String, String> {
    let (neg, mag) = parse_big(value);
    let parsed = FormatSpec::parse(spec.as_bytes()).map_err(|e| error_text(e, spec, "int"))?;
    let mut scratch = vec![0u32; format_int_scratch_bound(mag.len())];
    let mut out = vec![0u8; format_int_bound(mag.len(), &parsed)];
    let n = format_int(Int::new(neg, &mag), &parsed, &mut scratch, &mut out)
        .map_err(|e| error_text(e, spec, "int"))?;
    Ok(String::from_utf8(out[..n].to_vec()).unwrap())
}

fn fmt_float(x: f64, spec: &str) -> Result<String, String> {
    let parsed = FormatSpec::parse(spec.as_bytes()).map_err(|e| error_text(e, spec, "float"))?;
    let mut out = vec![0u8; format_float_bound(x, &parsed)];
    let n = format_float(x, &parsed, &mut out).map_err(|e| error_text(e, spec, "float"))?;
    Ok(String::from_utf8(out[..n].to_vec()).unwrap())
}

fn fmt_str(s: &str, spec: &str) -> Result<String, String> {
    let parsed = FormatSpec::parse(spec.as_bytes()).map_err(|e| error_text(e, spec, "str"))?;
    let mut out = vec![0u8; format_str_bound(s.len(), &parsed)];
    let n = format_str(s.as_bytes(), &parsed, &mut out).map_err(|e| error_text(e, spec, "str"))?;
    Ok(String::from_utf8(out[..n].to_vec()).unwrap())
}

#[test]
fn ints_match_cpython() {
    let mut failures = vec![];
    for &(value, spec, expected) in INT_CASES {
        let got = fmt_int(value, spec);
        if got.as_ref().map(String::as_str).map_err(String::as_str) != expected {
            failures.push(std::format!(
                "format({value}, {spec:?}) = {got:?}, want {expected:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn floats_match_cpython() {
    let mut failures = vec![];
    for &(bits, spec, expected) in FLOAT_CASES {
        let x = f64::from_bits(bits);
        let got = fmt_float(x, spec);
        if got.as_ref().map(String::as_str).map_err(String::as_str) != expected {
            failures.push(std::format!(
                "format({x:?}, {spec:?}) = {got:?}, want {expected:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn strs_match_cpython() {
    let mut failures = vec![];
    for &(s, spec, expected) in STR_CASES {
        let got = fmt_str(s, spec);
        if got.as_ref().map(String::as_str).map_err(String::as_str) != expected {
            failures.push(std::format!(
                "format({s:?}, {spec:?}) = {got:?}, want {expected:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn parse_errors() {
    assert_eq!(
        FormatSpec::parse(b"99999999999999999999999"),
        Err(FormatError::TooManyDigits)
    );
    assert_eq!(
        FormatSpec::parse(b".99999999999999999999"),
        Err(FormatError::TooManyDigits)
    );
    assert_eq!(FormatSpec::parse(b",_"), Err(FormatError::BothSeparators));
    assert_eq!(FormatSpec::parse(b"_,"), Err(FormatError::BothSeparators));
    assert_eq!(FormatSpec::parse(b"._"), Err(FormatError::MissingPrecision));
    assert_eq!(
        FormatSpec::parse(b"\xff"),
        Err(FormatError::InvalidSpecifier)
    );
}

#[test]
fn small_output_is_an_error() {
    let spec = FormatSpec::parse(b">20").unwrap();
    let mut out = [0u8; 5];
    assert_eq!(
        format_float(1.5, &spec, &mut out),
        Err(FormatError::BufferTooSmall)
    );
    assert_eq!(
        format_str(b"abc", &spec, &mut out),
        Err(FormatError::BufferTooSmall)
    );
    assert_eq!(
        format_int(Int::new(false, &[7]), &spec, &mut [0; 1], &mut out),
        Err(FormatError::BufferTooSmall)
    );
    let spec = FormatSpec::parse(b".300f").unwrap();
    assert_eq!(
        format_float(1e300, &spec, &mut [0u8; 100]),
        Err(FormatError::BufferTooSmall)
    );
}

#[test]
fn int_too_large_for_float_types() {
    let spec = FormatSpec::parse(b"e").unwrap();
    let mag = [u32::MAX; 33];
    let err = format_int(Int::new(false, &mag), &spec, &mut [0; 33], &mut [0u8; 600]).unwrap_err();
    assert_eq!(err, FormatError::IntTooLargeForFloat);
    assert!(err.is_overflow_error());
}

#[test]
fn precisions_past_core_fmt_limits() {
    // core::fmt panics on precisions above u16::MAX; we pad zeros instead.
    let s = fmt_float(2f64.sqrt(), ".70000f").unwrap();
    assert_eq!(s.len(), 70002);
    assert!(s.starts_with("1.4142135623730951454746218587"));
    assert!(s[1070..].bytes().all(|b| b == b'0'));
    let s = fmt_float(1.5, ".2000e").unwrap();
    assert_eq!((s.len(), &s[s.len() - 10..]), (2006, "000000e+00"));
    let s = fmt_float(1.5, "#.2000g").unwrap();
    assert_eq!((s.len(), &s[s.len() - 10..]), (2001, "0000000000"));
    assert!(
        fmt_float(1e-300, ".1100e")
            .unwrap()
            .ends_with("0000000e-300")
    );
    assert_eq!(&fmt_float(5e-324, ".1080f").unwrap()[1075..1079], "5000");
}

#[test]
fn long_specs_parse() {
    let spec = std::format!("{}5", "0".repeat(70));
    assert_eq!(fmt_int("5", &spec).as_deref(), Ok("00005"));
}

/// The output buffer a float asks for follows the value: a small number
/// needs a small block however large a double can be, and the extremes
/// still fit exactly.
#[test]
fn float_bounds_follow_the_value() {
    let specs = [
        "", "f", ".0f", "%", ",.2f", "e", "g", "#.20g", ".3", "_f", "+,%",
    ];
    for spec in specs {
        let parsed = FormatSpec::parse(spec.as_bytes()).unwrap();
        for x in [3.25, -0.5, 99.99, 1e15, 9.5e15, f64::MAX, -f64::MAX, 1e-300] {
            let bound = format_float_bound(x, &parsed);
            let mut out = vec![0u8; bound];
            let n = format_float(x, &parsed, &mut out)
                .unwrap_or_else(|e| panic!("format({x}, {spec:?}) into {bound} bytes: {e:?}"));
            if x.abs() < 100.0 {
                assert!(bound <= 64, "format({x}, {spec:?}) asks for {bound} bytes");
            }
            assert!(n <= bound);
        }
    }
}

/// Random specs over the spec alphabet, formatted into buffers of exactly
/// the advertised bound: every outcome must be a result, never a panic,
/// and never `BufferTooSmall`.
#[test]
fn random_specs_never_panic_and_fit_their_bounds() {
    let alphabet: &[&str] = &[
        "<", ">", "^", "=", "+", "-", " ", "z", "#", "0", "1", "2", "9", ",", "_", ".", "x", "X",
        "b", "o", "d", "c", "n", "e", "E", "f", "F", "g", "G", "%", "s", "\u{e9}", "*",
    ];
    let mut state = 0x1234_5678_9abc_def0u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let floats = [
        0.0,
        -0.0,
        1.5,
        -1234.5678,
        1e300,
        -5e-324,
        f64::INFINITY,
        f64::NAN,
        0.1,
        f64::MAX,
        9.999_999_999_999_997e22,
        99_999.999_999_999_99,
        0.000_123_456_789,
        99.5,
        1e16,
    ];
    let ints = [
        "0",
        "-1",
        "65",
        "1114111",
        "-123456789012345678901234567890",
        "-99999999999999999999999999999999999999999999999999999999999999999999999999",
    ];
    for _ in 0..20_000 {
        let len = (next() % 7) as usize;
        let mut spec = String::new();
        for _ in 0..len {
            spec.push_str(alphabet[(next() % alphabet.len() as u64) as usize]);
        }
        let Ok(parsed) = FormatSpec::parse(spec.as_bytes()) else {
            continue;
        };
        let x = floats[(next() % floats.len() as u64) as usize];
        let mut out = vec![0u8; format_float_bound(x, &parsed)];
        assert_ne!(
            format_float(x, &parsed, &mut out),
            Err(FormatError::BufferTooSmall),
            "{x} {spec:?}"
        );
        let (neg, mag) = parse_big(ints[(next() % ints.len() as u64) as usize]);
        let mut scratch = vec![0u32; format_int_scratch_bound(mag.len())];
        let mut out = vec![0u8; format_int_bound(mag.len(), &parsed)];
        let r = format_int(Int::new(neg, &mag), &parsed, &mut scratch, &mut out);
        assert_ne!(r, Err(FormatError::BufferTooSmall), "{spec:?}");
        let text = "h\u{e9}llo".as_bytes();
        let mut out = vec![0u8; format_str_bound(text.len(), &parsed)];
        assert_ne!(
            format_str(text, &parsed, &mut out),
            Err(FormatError::BufferTooSmall),
            "{spec:?}"
        );
    }
}
