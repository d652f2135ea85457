//! Big-int tests: CPython-computed cases (printed by `python3` when the
//! tests were written) and property checks against `i128` arithmetic.

extern crate std;

use super::*;
use std::string::String;
use std::vec;
use std::vec::Vec;

/// A signed value with an owned magnitude, for tests only.
#[derive(Debug, Clone, PartialEq)]
struct Big {
    neg: bool,
    mag: Vec<u32>,
}

impl Big {
    fn int(&self) -> Int<'_> {
        Int::new(self.neg, &self.mag)
    }

    fn from_result(buf: &[u32], (neg, len): (bool, usize)) -> Big {
        assert_eq!(len, trim(&buf[..len]).len(), "result is not canonical");
        assert!(!(neg && len == 0), "negative zero");
        Big {
            neg,
            mag: buf[..len].to_vec(),
        }
    }

    fn from_i128(v: i128) -> Big {
        let mut u = v.unsigned_abs();
        let mut mag = Vec::new();
        while u != 0 {
            mag.push(u as u32);
            u >>= 32;
        }
        Big { neg: v < 0, mag }
    }

    fn to_i128(&self) -> i128 {
        assert!(self.mag.len() <= 4);
        let mut u: u128 = 0;
        for (i, &l) in self.mag.iter().enumerate() {
            u |= (l as u128) << (32 * i);
        }
        if self.neg { -(u as i128) } else { u as i128 }
    }
}

fn parse(s: &str) -> Big {
    let mut out = vec![0u32; parse_int_bound(s.len(), 10)];
    let r = parse_int(s.as_bytes(), 10, &mut out).unwrap();
    Big::from_result(&out, r)
}

fn show(b: &Big) -> String {
    let mut scratch = vec![0u32; to_radix_scratch_bound(b.mag.len())];
    let mut out = vec![0u8; radix_len_bound(b.mag.len(), 10)];
    let n = to_radix(&b.mag, 10, &mut scratch, &mut out).unwrap();
    let digits = core::str::from_utf8(&out[..n]).unwrap();
    if b.neg {
        std::format!("-{digits}")
    } else {
        String::from(digits)
    }
}

/// Runs a binary operation with outputs of exactly the advertised bounds.
fn run(op: &str, a: &Big, b: &Big) -> Result<Big, IntError> {
    let (al, bl) = (a.mag.len(), b.mag.len());
    let small = || u64::try_from(b.to_i128()).unwrap();
    match op {
        "add" | "sub" => {
            let mut out = vec![0; add_bound(al, bl)];
            let r = if op == "add" {
                add(a.int(), b.int(), &mut out)?
            } else {
                sub(a.int(), b.int(), &mut out)?
            };
            Ok(Big::from_result(&out, r))
        }
        "mul" => {
            let mut out = vec![0; mul_bound(al, bl)];
            let r = mul(a.int(), b.int(), &mut out)?;
            Ok(Big::from_result(&out, r))
        }
        "floordiv" => {
            let mut out = vec![0; floordiv_bound(al, bl)];
            let mut scratch = vec![0; floordiv_scratch_bound(al, bl)];
            let r = floordiv(a.int(), b.int(), &mut out, &mut scratch)?;
            Ok(Big::from_result(&out, r))
        }
        "mod" => {
            let mut out = vec![0; mod_bound(al, bl)];
            let mut scratch = vec![0; mod_scratch_bound(al, bl)];
            let r = modulo(a.int(), b.int(), &mut out, &mut scratch)?;
            Ok(Big::from_result(&out, r))
        }
        "and" | "or" | "xor" => {
            let mut out = vec![0; bitwise_bound(al, bl)];
            let r = match op {
                "and" => and(a.int(), b.int(), &mut out)?,
                "or" => or(a.int(), b.int(), &mut out)?,
                _ => xor(a.int(), b.int(), &mut out)?,
            };
            Ok(Big::from_result(&out, r))
        }
        "shl" => {
            let mut out = vec![0; shl_bound(al, small())];
            let r = shl(a.int(), small(), &mut out)?;
            Ok(Big::from_result(&out, r))
        }
        "shr" => {
            let mut out = vec![0; shr_bound(al, small())];
            let r = shr(a.int(), small(), &mut out)?;
            Ok(Big::from_result(&out, r))
        }
        "pow" => {
            let bound = pow_bound(&a.mag, small());
            let (mut out, mut scratch) = (vec![0; bound], vec![0; bound]);
            let r = pow(a.int(), small(), &mut out, &mut scratch)?;
            Ok(Big::from_result(&out, r))
        }
        _ => panic!("unknown op {op}"),
    }
}

include!("bigint_test_data.rs");

#[test]
fn cpython_cases() {
    for &(op, a, b, expected) in BIG_CASES {
        let got = run(op, &parse(a), &parse(b)).unwrap();
        assert_eq!(show(&got), expected, "{a} {op} {b}");
    }
}

#[test]
fn pow_mod_cases() {
    for &(a, e, m, expected) in POW_MOD_CASES {
        let (a, e, m) = (parse(a), parse(e), parse(m));
        let mut out = vec![0; pow_mod_bound(m.mag.len())];
        let mut scratch = vec![0; pow_mod_scratch_bound(a.mag.len(), m.mag.len())];
        let r = pow_mod(a.int(), e.int(), m.int(), &mut out, &mut scratch).unwrap();
        assert_eq!(
            show(&Big::from_result(&out, r)),
            expected,
            "pow({a:?}, {e:?}, {m:?})"
        );
    }
}

#[test]
fn pow_mod_errors() {
    let mut out = vec![0; 4];
    let mut scratch = vec![0; 200];
    let (two, four, zero, neg1) = (parse("2"), parse("4"), parse("0"), parse("-1"));
    assert_eq!(
        pow_mod(two.int(), two.int(), zero.int(), &mut out, &mut scratch),
        Err(IntError::ZeroModulus)
    );
    assert_eq!(
        pow_mod(two.int(), neg1.int(), four.int(), &mut out, &mut scratch),
        Err(IntError::NotInvertible)
    );
    assert_eq!(
        IntError::NotInvertible.message(),
        "base is not invertible for the given modulus"
    );
}

#[test]
fn hash_matches_cpython() {
    for &(v, h) in HASH_CASES {
        assert_eq!(parse(v).int().hash(), h, "hash({v})");
    }
}

#[test]
fn to_f64_rounds_like_cpython() {
    for &(v, bits) in TO_F64_CASES {
        assert_eq!(
            parse(v).int().to_f64().map(f64::to_bits),
            bits,
            "float({v})"
        );
    }
}

#[test]
fn radix_cases() {
    for &(v, radix, expected) in RADIX_CASES {
        let b = parse(v);
        let mut scratch = vec![0; to_radix_scratch_bound(b.mag.len())];
        let mut out = vec![0u8; radix_len_bound(b.mag.len(), radix)];
        let n = to_radix(&b.mag, radix, &mut scratch, &mut out).unwrap();
        assert_eq!(core::str::from_utf8(&out[..n]).unwrap(), expected);
        // And back again.
        let mut back = vec![0; parse_int_bound(n, radix)];
        let r = parse_int(&out[..n], radix, &mut back).unwrap();
        assert_eq!(Big::from_result(&back, r), b);
    }
}

#[test]
fn parse_int_matches_cpython() {
    for &(text, base, expected) in PARSE_CASES {
        let mut out = vec![0; parse_int_bound(text.len(), base)];
        let got = parse_int(text, base, &mut out).map(|r| show(&Big::from_result(&out, r)));
        match expected {
            Some(e) => assert_eq!(got.as_deref(), Ok(e), "int({text:?}, {base})"),
            None => assert_eq!(
                got,
                Err(ParseIntError::InvalidLiteral),
                "int({text:?}, {base})"
            ),
        }
    }
    let mut out = [0u32; 4];
    assert_eq!(
        parse_int(b"1", 1, &mut out),
        Err(ParseIntError::InvalidBase)
    );
    assert_eq!(
        parse_int(b"1", 37, &mut out),
        Err(ParseIntError::InvalidBase)
    );
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Values biased toward edge cases: small, all-ones limbs, powers of two.
    fn i64(&mut self) -> i64 {
        let r = self.next();
        match r % 8 {
            0 => (r >> 8) as i64 % 100 - 50,
            1 => -1i64 << ((r >> 8) % 63),
            2 => (1i64 << ((r >> 8) % 62)) - 1,
            3 => i64::MIN,
            4 => i64::MAX,
            _ => (self.next() as i64) >> ((r >> 8) % 60),
        }
    }

    /// A multi-limb magnitude with edge-case limbs.
    fn mag(&mut self, max_limbs: usize) -> Vec<u32> {
        let n = (self.next() % max_limbs as u64) as usize + 1;
        let mut v: Vec<u32> = (0..n)
            .map(|_| match self.next() % 6 {
                0 => u32::MAX,
                1 => 0x8000_0000,
                2 => 0,
                _ => self.next() as u32,
            })
            .collect();
        while v.last() == Some(&0) {
            v.pop();
        }
        v
    }
}

fn py_floordiv(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

#[test]
fn random_i64_pairs_match_i128() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let (x, y) = (rng.i64() as i128, rng.i64() as i128);
        let (a, b) = (Big::from_i128(x), Big::from_i128(y));
        let check = |op: &str, expected: i128| {
            assert_eq!(run(op, &a, &b).unwrap().to_i128(), expected, "{x} {op} {y}");
        };
        check("add", x + y);
        check("sub", x - y);
        check("mul", x * y);
        check("and", x & y);
        check("or", x | y);
        check("xor", x ^ y);
        if y != 0 {
            let q = py_floordiv(x, y);
            check("floordiv", q);
            check("mod", x - q * y);
        } else {
            assert_eq!(run("floordiv", &a, &b), Err(IntError::ZeroDivision));
        }
        assert_eq!(compare(a.int(), b.int()), x.cmp(&y));
        let s = (y.unsigned_abs() % 70) as u32;
        let sb = Big::from_i128(s as i128);
        if x.unsigned_abs() < (1u128 << 55) {
            assert_eq!(run("shl", &a, &sb).unwrap().to_i128(), x << s);
        }
        assert_eq!(run("shr", &a, &sb).unwrap().to_i128(), x >> s.min(127));
        let mut out = [0u32; 3];
        let r = invert(a.int(), &mut out).unwrap();
        assert_eq!(Big::from_result(&out, r).to_i128(), !x);
        assert_eq!(a.int().to_i64(), Some(x as i64));
        assert_eq!(a.int().to_f64(), Some(x as f64));
        let h = if x < 0 {
            -((-x) % ((1 << 61) - 1))
        } else {
            x % ((1 << 61) - 1)
        };
        assert_eq!(a.int().hash() as i128, if h == -1 { -2 } else { h });
        let mut buf = [0u32; 2];
        let v = Int::from_i64(x as i64, &mut buf);
        assert_eq!(compare(v, a.int()), core::cmp::Ordering::Equal);
    }
}

#[test]
fn to_i64_limits() {
    assert_eq!(
        Big::from_i128(i64::MIN as i128).int().to_i64(),
        Some(i64::MIN)
    );
    assert_eq!(Big::from_i128(i64::MIN as i128 - 1).int().to_i64(), None);
    assert_eq!(Big::from_i128(i64::MAX as i128 + 1).int().to_i64(), None);
    assert_eq!(Big::from_i128(1 << 100).int().to_i64(), None);
}

#[test]
fn random_divmod_invariant_and_radix_round_trip() {
    let mut rng = Rng(42);
    for i in 0..3_000 {
        let a = Big {
            neg: rng.next() & 1 == 1,
            mag: rng.mag(9),
        };
        let mut b = Big {
            neg: rng.next() & 1 == 1,
            mag: rng.mag(5),
        };
        if b.mag.is_empty() {
            b.mag.push(3);
        }
        let (al, bl) = (a.mag.len(), b.mag.len());
        let mut q = vec![0; floordiv_bound(al, bl)];
        let mut r = vec![0; mod_bound(al, bl)];
        let mut scratch = vec![0; divmod_scratch_bound(al, bl)];
        let (qr, rr) = divmod(a.int(), b.int(), &mut q, &mut r, &mut scratch).unwrap();
        let (q, r) = (Big::from_result(&q, qr), Big::from_result(&r, rr));
        // The remainder has the divisor's sign and is smaller in magnitude.
        assert!(r.mag.is_empty() || r.neg == b.neg);
        assert_eq!(cmp_mag(&r.mag, &b.mag), core::cmp::Ordering::Less);
        let back = run("add", &run("mul", &q, &b).unwrap(), &r).unwrap();
        assert_eq!(
            back,
            Big {
                neg: a.neg && !a.mag.is_empty(),
                mag: a.mag.clone()
            },
            "case {i}"
        );

        let radix = (rng.next() % 35) as u32 + 2;
        let mut scratch = vec![0; to_radix_scratch_bound(al)];
        let mut text = vec![0u8; radix_len_bound(al, radix)];
        let n = to_radix(&a.mag, radix, &mut scratch, &mut text).unwrap();
        let mut back = vec![0; parse_int_bound(n, radix)];
        let res = parse_int(&text[..n], radix, &mut back).unwrap();
        assert_eq!(Big::from_result(&back, res).mag, a.mag);
    }
}

#[test]
fn float_conversion() {
    let cases: &[(f64, &str)] = &[
        (0.0, "0"),
        (-0.5, "0"),
        (-1.5, "-1"),
        (1e20, "100000000000000000000"),
        (-1.8446744073709552e19, "-18446744073709551616"),
        (
            1.7976931348623157e308,
            "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368",
        ),
    ];
    for &(x, expected) in cases {
        let mut out = [0u32; F64_LIMBS];
        let r = from_f64(x, &mut out).unwrap();
        assert_eq!(show(&Big::from_result(&out, r)), expected);
    }
    let mut out = [0u32; F64_LIMBS];
    assert_eq!(
        from_f64(f64::INFINITY, &mut out),
        Err(IntError::InfinityToInt)
    );
    assert_eq!(from_f64(f64::NAN, &mut out), Err(IntError::NanToInt));
}

#[test]
fn small_buffers_are_errors_not_panics() {
    let a = parse("123456789012345678901234567890");
    let b = parse("-98765432109876543210");
    let mut out = [0u32; 1];
    let mut scratch = [0u32; 1];
    assert_eq!(
        add(a.int(), b.int(), &mut out),
        Err(IntError::BufferTooSmall)
    );
    assert_eq!(
        mul(a.int(), b.int(), &mut out),
        Err(IntError::BufferTooSmall)
    );
    assert_eq!(
        floordiv(a.int(), b.int(), &mut out, &mut scratch),
        Err(IntError::BufferTooSmall)
    );
    assert_eq!(
        modulo(a.int(), b.int(), &mut out, &mut scratch),
        Err(IntError::BufferTooSmall)
    );
    assert_eq!(
        and(a.int(), b.int(), &mut out),
        Err(IntError::BufferTooSmall)
    );
    assert_eq!(shl(a.int(), 100, &mut out), Err(IntError::BufferTooSmall));
    assert_eq!(
        pow(a.int(), 3, &mut out, &mut scratch),
        Err(IntError::BufferTooSmall)
    );
    let mut text = [0u8; 3];
    assert_eq!(
        to_radix(&a.mag, 10, &mut [0; 4], &mut text),
        Err(IntError::BufferTooSmall)
    );
    assert_eq!(
        to_radix(&a.mag, 37, &mut [0; 4], &mut text),
        Err(IntError::InvalidArgument)
    );
    assert_eq!(
        parse_int(b"123456789012345678901234567890", 10, &mut out),
        Err(ParseIntError::BufferTooSmall)
    );
    assert_eq!(
        sub_mag(&[1], &[2], &mut [0; 2]),
        Err(IntError::InvalidArgument)
    );
    assert_eq!(
        divmod_mag(&[1], &[], &mut [0; 2], &mut [0; 2], &mut [0; 4]),
        Err(IntError::ZeroDivision)
    );
}

#[test]
fn huge_shifts_and_pow_bounds_saturate() {
    assert_eq!(shr(parse("-5").int(), u64::MAX, &mut [0; 2]), Ok((true, 1)));
    assert_eq!(shr(parse("5").int(), u64::MAX, &mut [0; 2]), Ok((false, 0)));
    assert!(shl_bound(1, u64::MAX) >= usize::MAX / 32);
    assert_eq!(pow_bound(&[7, 7], u64::MAX), usize::MAX);
    assert_eq!(shl(parse("0").int(), u64::MAX, &mut []), Ok((false, 0)));
}

#[test]
fn random_text_never_panics() {
    let alphabet = b"0123456789abfxoXOB_+- \t.\xc2\xa0z";
    let mut rng = Rng(7);
    for _ in 0..20_000 {
        let len = (rng.next() % 10) as usize;
        let text: Vec<u8> = (0..len)
            .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
            .collect();
        let base = [0, 2, 8, 10, 16, 36][(rng.next() % 6) as usize];
        let mut out = vec![0; parse_int_bound(text.len(), base)];
        if let Ok(r) = parse_int(&text, base, &mut out) {
            let v = Big::from_result(&out, r);
            assert!(v.mag.len() <= 2, "{text:?}");
        }
        let _ = crate::num::float::float_from_str(&text);
    }
}
