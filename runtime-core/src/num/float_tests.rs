//! Float tests against values `python3` printed when the tests were written.

extern crate std;

use super::*;
use crate::num::bigint::{self, Int};

/// `(a, b, Some((a // b, a % b)))` as float bits, `None` for division by zero.
type DivmodCase = (u64, u64, Option<(u64, u64)>);

include!("float_test_data.rs");

fn repr(x: f64) -> std::string::String {
    let mut out = [0u8; REPR_MAX];
    let n = repr_f64(x, &mut out);
    std::string::String::from_utf8(out[..n].to_vec()).unwrap()
}

#[test]
fn repr_matches_cpython() {
    for &(bits, expected) in REPR_CASES {
        assert_eq!(repr(f64::from_bits(bits)), expected, "repr of {bits:#x}");
    }
}

/// Compares floats by bits, treating all NaNs as equal.
fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

#[test]
fn divmod_matches_cpython() {
    for &(a, b, expected) in DIVMOD_CASES {
        let (a, b) = (f64::from_bits(a), f64::from_bits(b));
        match expected {
            Some((q, m)) => {
                let (q, m) = (f64::from_bits(q), f64::from_bits(m));
                let (gq, gm) = divmod(a, b).unwrap();
                assert!(
                    same(gq, q) && same(gm, m),
                    "divmod({a}, {b}) = ({gq}, {gm}), want ({q}, {m})"
                );
                assert!(same(floordiv(a, b).unwrap(), q));
                assert!(same(modulo(a, b).unwrap(), m));
            }
            None => {
                assert_eq!(divmod(a, b), Err(FloatError::DivmodByZero));
                assert_eq!(floordiv(a, b), Err(FloatError::FloorDivisionByZero));
                assert_eq!(modulo(a, b), Err(FloatError::ModuloByZero));
            }
        }
    }
    assert_eq!(
        FloatError::FloorDivisionByZero.message(),
        "float floor division by zero"
    );
    assert_eq!(truediv(1.0, 0.0), Err(FloatError::DivisionByZero));
}

#[test]
fn pow_matches_cpython() {
    for &(a, b, expected) in POW_CASES {
        let (a, b) = (f64::from_bits(a), f64::from_bits(b));
        let got = pow(a, b);
        match expected {
            Ok(bits) => assert!(
                same(got.unwrap(), f64::from_bits(bits)),
                "{a} ** {b} = {got:?}"
            ),
            Err("complex") => assert_eq!(got, Err(FloatError::NegativeToFractionalPower)),
            Err("overflow") => assert_eq!(got, Err(FloatError::PowOverflow)),
            Err(msg) => assert_eq!(got.map_err(|e| e.message()), Err(msg)),
        }
    }
}

#[test]
fn round_matches_cpython() {
    for &(x, n, expected) in ROUND_CASES {
        let x = f64::from_bits(x);
        let got = round(x, n);
        match expected {
            Some(bits) => assert!(
                same(got.unwrap(), f64::from_bits(bits)),
                "round({x}, {n}) = {got:?}"
            ),
            None => assert_eq!(got, Err(FloatError::RoundOverflow), "round({x}, {n})"),
        }
    }
    for &(x, expected) in ROUND_INT_CASES {
        let x = f64::from_bits(x);
        // The sign of a zero result does not matter: the VM converts to int.
        assert_eq!(round_half_even(x), f64::from_bits(expected), "round({x})");
    }
}

#[test]
fn float_from_str_matches_cpython() {
    for &(text, expected) in FROM_STR_CASES {
        let got = float_from_str(text);
        match expected {
            Some(bits) => assert!(
                got.is_some_and(|g| same(g, f64::from_bits(bits))),
                "float({text:?}) = {got:?}"
            ),
            None => assert_eq!(got, None, "float({text:?})"),
        }
    }
}

#[test]
fn hash_matches_cpython_and_int_hash() {
    for &(x, h) in HASH_CASES {
        let x = f64::from_bits(x);
        assert_eq!(float_hash(x), Some(h), "hash({x})");
        if is_integer(x) {
            let mut out = [0u32; bigint::F64_LIMBS];
            let (neg, len) = bigint::from_f64(x, &mut out).unwrap();
            assert_eq!(Int::new(neg, &out[..len]).hash(), h, "hash(int({x}))");
        }
    }
    assert_eq!(float_hash(f64::NAN), None);
}

#[test]
fn integral_floats_hash_like_ints() {
    for v in [-1i64, -2, 0, 7, 1 << 40, -(1 << 52), i64::MAX, i64::MIN] {
        let mut buf = [0u32; 2];
        assert_eq!(float_hash(v as f64).unwrap(), {
            let mut out = [0u32; bigint::F64_LIMBS];
            let (neg, len) = bigint::from_f64(v as f64, &mut out).unwrap();
            Int::new(neg, &out[..len]).hash()
        });
        if (v as f64) as i128 == v as i128 {
            assert_eq!(
                float_hash(v as f64).unwrap(),
                Int::from_i64(v, &mut buf).hash()
            );
        }
    }
}

#[test]
fn is_integer_cases() {
    assert!(is_integer(1.0) && is_integer(-0.0) && is_integer(1e300));
    assert!(!is_integer(0.5) && !is_integer(f64::INFINITY) && !is_integer(f64::NAN));
}

#[test]
fn fmod_matches_libm() {
    let mut vals = std::vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        2.5,
        -7.5,
        3.0,
        0.1,
        1e-310,
        -4e-320,
        5e-324,
        1e300,
        -1.7e308,
        f64::MAX,
        f64::MIN_POSITIVE,
        123456.789,
        f64::INFINITY,
        f64::NAN,
    ];
    // A few pseudo-random bit patterns too.
    let mut s = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..400 {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        vals.push(f64::from_bits(s));
    }
    for &x in &vals {
        for &y in &vals {
            let (a, b) = (fmod(x, y), libm::fmod(x, y));
            assert!(
                a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                "fmod({x:e}, {y:e}) = {a:e}, libm says {b:e}"
            );
        }
    }
}
