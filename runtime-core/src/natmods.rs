//! The builtin modules: `sys`, `math`, `time`, `gc`, `micropython`.
//!
//! A builtin module is an immediate (`Value::builtin`), its functions are
//! builtin ids too, and its attributes are looked up by name here, so none
//! of them takes heap until a program asks for a float constant.

use crate::arith::Num;
use crate::builtins as b;
use crate::natives::Args;
use crate::text::Out;
use crate::value::Value;
use crate::{Host, Raised, Vm};
use core::cmp::Ordering;
use image_format::ops::BinOp;
#[cfg(feature = "math")]
use image_format::ops::CmpOp;

/// `time.ticks_*` wrap at 2**30, as MicroPython's do, so a tick count is
/// always a small int.
const TICKS_PERIOD: i64 = 1 << 30;

/// The module each builtin module function belongs to.
fn owner(id: u16) -> Option<u16> {
    match id {
        b::SYS_EXIT..=b::SYS_PRINT_EXCEPTION => Some(b::MOD_SYS),
        b::MATH_SQRT..=b::MATH_EXPM1 => Some(b::MOD_MATH),
        b::TIME_TIME..=b::TIME_MONOTONIC => Some(b::MOD_TIME),
        b::GC_COLLECT..=b::GC_ISENABLED => Some(b::MOD_GC),
        b::MP_CONST..=b::MP_MEM_INFO => Some(b::MOD_MICROPYTHON),
        b::STRUCT_PACK..=b::STRUCT_UNPACK_FROM => Some(b::MOD_STRUCT),
        b::JSON_DUMPS..=b::JSON_LOADS => Some(b::MOD_JSON),
        b::MACHINE_FREQ..=b::MACHINE_PIN => Some(b::MOD_MACHINE),
        _ => None,
    }
}

/// Is this module function part of this build? Without the `math` feature
/// the transcendental functions (and their ~13 KiB of libm) are left out,
/// and so are the integer and summing extras (`isqrt`, `comb`, `fsum`, …);
/// `math.sin` is then an `AttributeError`.
fn built_in(id: u16) -> bool {
    cfg!(feature = "math")
        || !matches!(
            id,
            b::MATH_EXP
                | b::MATH_LOG
                | b::MATH_LOG10
                | b::MATH_LOG2
                | b::MATH_SIN
                | b::MATH_COS
                | b::MATH_TAN
                | b::MATH_ASIN
                | b::MATH_ACOS
                | b::MATH_ATAN
                | b::MATH_ATAN2
                | b::MATH_SINH
                | b::MATH_COSH
                | b::MATH_TANH
                | b::MATH_ISQRT..=b::MATH_EXPM1
        )
}

pub(crate) fn is_module_function(id: u16) -> bool {
    owner(id).is_some()
}

impl<'a, H: Host> Vm<'a, H> {
    /// `module.name` for a builtin module.
    pub(crate) fn module_attr(&mut self, module: u16, name: u32) -> Result<Option<Value>, Raised> {
        let text = self.image.qstr(name);
        if let Some(id) = (0..b::COUNT as u16)
            .find(|&i| owner(i) == Some(module) && b::name(i) == text && built_in(i))
        {
            return Ok(Some(Value::builtin(id)));
        }
        Ok(match (module, text) {
            (b::MOD_MATH, "pi") => Some(self.new_float(core::f64::consts::PI)?),
            (b::MOD_MATH, "e") => Some(self.new_float(core::f64::consts::E)?),
            (b::MOD_MATH, "tau") => Some(self.new_float(core::f64::consts::TAU)?),
            (b::MOD_MATH, "inf") => Some(self.new_float(f64::INFINITY)?),
            (b::MOD_MATH, "nan") => Some(self.new_float(f64::NAN)?),
            // CPython's 64-bit value: programs use it as "no limit".
            (b::MOD_SYS, "maxsize") => Some(self.int_from_i64(i64::MAX)?),
            (b::MOD_SYS, "byteorder") => Some(self.new_str(b"little")?),
            (b::MOD_SYS, "platform") => Some(self.new_str(b"mpc")?),
            (b::MOD_SYS, "version") => Some(self.new_str(b"3.11.0 (mpc)")?),
            (b::MOD_SYS, "argv") => Some(self.new_list(0)?),
            (b::MOD_STRUCT, "error") => Some(Value::builtin(b::STRUCT_ERROR)),
            (b::MOD_JSON, "JSONDecodeError") => Some(Value::builtin(b::JSON_DECODE_ERROR)),
            (b::MOD_SYS, "version_info") | (b::SYS_IMPLEMENTATION, "version") => {
                Some(self.version_info()?)
            }
            (b::MOD_SYS, "implementation") => Some(Value::builtin(b::SYS_IMPLEMENTATION)),
            (b::SYS_IMPLEMENTATION, "name") => Some(self.new_str(b"mpc")?),
            _ => None,
        })
    }

    /// `sys.version_info`: one tuple, made on first use, whose items are
    /// also attributes (`.major`).
    pub(crate) fn version_info(&mut self) -> Result<Value, Raised> {
        if self.version_info.is_null() {
            for v in [Value::int(3), Value::int(11), Value::int(0)] {
                self.push(v)?;
            }
            let final_ = self.new_str(b"final")?;
            self.push(final_)?;
            self.push(Value::int(0))?;
            self.build_tuple(5)?;
            self.version_info = self.pop();
        }
        Ok(self.version_info)
    }

    pub(crate) fn call_module_function(&mut self, id: u16, a: Args) -> Result<Value, Raised> {
        let name = b::name(id);
        match id {
            #[cfg(feature = "json")]
            b::JSON_DUMPS => return self.json_dumps(a),
            #[cfg(feature = "json")]
            b::JSON_LOADS => return self.json_loads(a),
            b::MACHINE_FREQ..=b::MACHINE_PIN => return self.machine_call(id, a),
            _ => {}
        }
        if a.nkw > 0 {
            return Err(self.type_error(format_args!("{name}() takes no keyword arguments")));
        }
        let n = a.argc;
        let want = |vm: &mut Self, min: usize, max: usize| -> Result<(), Raised> {
            if n < min || n > max {
                if min == max {
                    let s = if min == 1 { "" } else { "s" };
                    return Err(vm.type_error(format_args!(
                        "{name}() takes exactly {min} argument{s} ({n} given)"
                    )));
                }
                return Err(vm.type_error(format_args!(
                    "{name}() takes from {min} to {max} arguments ({n} given)"
                )));
            }
            Ok(())
        };
        match id {
            b::SYS_EXIT => {
                want(self, 0, 1)?;
                let args: &[Value] = if n == 1 { &[self.arg(a, 0)] } else { &[] };
                let e = self.new_exception(b::SYSTEM_EXIT, args)?;
                Err(self.set_raised(e))
            }
            b::SYS_PRINT_EXCEPTION => {
                want(self, 1, 2)?;
                let e = self.arg(a, 0);
                self.print_exception_to(Out::Stdout, e);
                Ok(Value::NONE)
            }
            b::MATH_SQRT..=b::MATH_EXPM1 => self.math_call(id, a, name),
            #[cfg(feature = "struct")]
            b::STRUCT_PACK..=b::STRUCT_UNPACK_FROM => self.struct_call(id, a),
            b::TIME_TIME | b::TIME_MONOTONIC => {
                want(self, 0, 0)?;
                let us = self.host.ticks_us();
                self.new_float(us as f64 / 1e6)
            }
            b::TIME_TIME_NS => {
                want(self, 0, 0)?;
                let us = self.host.ticks_us();
                self.int_from_i64((us as i64).saturating_mul(1000))
            }
            b::TIME_SLEEP | b::TIME_SLEEP_MS | b::TIME_SLEEP_US => {
                want(self, 1, 1)?;
                let v = self.arg(a, 0);
                let x = self.to_f64(v)?;
                if x < 0.0 {
                    return Err(self.value_error(format_args!("sleep length must be non-negative")));
                }
                let scale = match id {
                    b::TIME_SLEEP => 1e6,
                    b::TIME_SLEEP_MS => 1e3,
                    _ => 1.0,
                };
                self.host.sleep_us((x * scale) as u64);
                Ok(Value::NONE)
            }
            b::TIME_TICKS_MS | b::TIME_TICKS_US => {
                want(self, 0, 0)?;
                let us = self.host.ticks_us() as i64;
                let t = if id == b::TIME_TICKS_MS {
                    us / 1000
                } else {
                    us
                };
                self.int_from_i64(t & (TICKS_PERIOD - 1))
            }
            b::TIME_TICKS_DIFF | b::TIME_TICKS_ADD => {
                want(self, 2, 2)?;
                let (x, y) = (self.arg(a, 0), self.arg(a, 1));
                let (Some(x), Some(y)) = (self.int_to_i64(x), self.int_to_i64(y)) else {
                    return Err(self.type_error(format_args!("{name}() arguments must be ints")));
                };
                let r = if id == b::TIME_TICKS_DIFF {
                    ((x - y + TICKS_PERIOD / 2) & (TICKS_PERIOD - 1)) - TICKS_PERIOD / 2
                } else {
                    (x + y) & (TICKS_PERIOD - 1)
                };
                self.int_from_i64(r)
            }
            b::GC_COLLECT => {
                want(self, 0, 0)?;
                self.collect();
                self.int_from_i64(self.heap.last_freed as i64)
            }
            b::GC_MEM_FREE | b::GC_MEM_ALLOC => {
                want(self, 0, 0)?;
                let (used, total) = self.heap_usage();
                self.int_from_i64(if id == b::GC_MEM_ALLOC {
                    used
                } else {
                    total - used
                } as i64)
            }
            b::GC_ENABLE | b::GC_DISABLE => {
                want(self, 0, 0)?;
                self.heap.auto_collect = id == b::GC_ENABLE;
                Ok(Value::NONE)
            }
            b::GC_ISENABLED => {
                want(self, 0, 0)?;
                Ok(Value::from_bool(self.heap.auto_collect))
            }
            b::MP_CONST => {
                want(self, 1, 1)?;
                Ok(self.arg(a, 0))
            }
            b::MP_OPT_LEVEL => {
                want(self, 0, 1)?;
                Ok(Value::int(0))
            }
            b::MP_MEM_INFO => {
                want(self, 0, 1)?;
                let (used, total) = self.heap_usage();
                let (fresh, listed, largest) = self.heap_free_stats();
                self.out_fmt(
                    Out::Stdout,
                    format_args!("heap: total {total}, used {used}, free {}\n", total - used),
                )?;
                self.out_fmt(
                    Out::Stdout,
                    format_args!("free blocks: {listed} bytes, largest {largest}; fresh {fresh}\n"),
                )?;
                Ok(Value::NONE)
            }
            _ => Err(self.type_error(format_args!("{name}() is not callable"))),
        }
    }

    fn math_call(&mut self, id: u16, a: Args, name: &str) -> Result<Value, Raised> {
        let n = a.argc;
        let two = matches!(
            id,
            b::MATH_POW
                | b::MATH_ATAN2
                | b::MATH_COPYSIGN
                | b::MATH_FMOD
                | b::MATH_LDEXP
                | b::MATH_HYPOT
                | b::MATH_GCD
                | b::MATH_ISCLOSE
                | b::MATH_COMB
                | b::MATH_DIST
        );
        let (min, max) = match id {
            b::MATH_LOG | b::MATH_PERM => (1, 2),
            b::MATH_GCD | b::MATH_HYPOT | b::MATH_LCM => (0, 255),
            _ if two => (2, 2),
            _ => (1, 1),
        };
        if n < min || n > max {
            if min == max {
                let s = if min == 1 { "" } else { "s" };
                if min == 1 {
                    return Err(self.type_error(format_args!(
                        "math.{name}() takes exactly one argument ({n} given)"
                    )));
                }
                return Err(
                    self.type_error(format_args!("{name} expected {min} argument{s}, got {n}"))
                );
            }
            return Err(self.type_error(format_args!(
                "{name} expected at most {max} arguments, got {n}"
            )));
        }
        // Integer-valued functions first: they must not go through floats.
        match id {
            b::MATH_GCD | b::MATH_LCM => {
                let lcm = cfg!(feature = "math") && id == b::MATH_LCM;
                let mut acc = Value::int(lcm as i32);
                self.push(acc)?;
                let slot = self.sp - 1;
                for i in 0..n {
                    let v = self.arg(a, i);
                    if !self.is_int(v) {
                        return Err(self.not_an_integer(v));
                    }
                    acc = if lcm {
                        // |acc * v| / gcd(acc, v), or 0 when either is 0.
                        let g = self.int_gcd(acc, v)?;
                        if self.int_sign(g) == Ordering::Equal {
                            Value::int(0)
                        } else {
                            self.push(g)?;
                            let p = self.binary_op(BinOp::Mul, acc, v)?;
                            self.heap.words[slot] = p.0;
                            let p = self.int_gcd(p, Value::int(0))?;
                            self.heap.words[slot] = p.0;
                            let r = self.binary_op(BinOp::FloorDiv, p, g)?;
                            self.pop();
                            r
                        }
                    } else {
                        self.int_gcd(acc, v)?
                    };
                    self.heap.words[slot] = acc.0;
                }
                self.pop();
                return Ok(acc);
            }
            #[cfg(feature = "math")]
            b::MATH_ISQRT | b::MATH_COMB | b::MATH_PERM => {
                let mut k = [Value::NONE; 2];
                for (i, slot) in k.iter_mut().enumerate().take(n) {
                    let v = self.arg(a, i);
                    if i == 1 && v == Value::NONE {
                        continue;
                    }
                    if !self.is_int(v) {
                        return Err(self.not_an_integer(v));
                    }
                    if self.int_sign(v) == Ordering::Less {
                        let msg = if id == b::MATH_ISQRT {
                            "isqrt() argument must be nonnegative"
                        } else {
                            [
                                "n must be a non-negative integer",
                                "k must be a non-negative integer",
                            ][i]
                        };
                        return Err(self.value_error(format_args!("{msg}")));
                    }
                    *slot = v;
                }
                return if id == b::MATH_ISQRT {
                    self.int_isqrt(k[0])
                } else {
                    self.comb_perm(k[0], k[1], id == b::MATH_COMB)
                };
            }
            #[cfg(feature = "math")]
            b::MATH_PROD => {
                let v = self.arg(a, 0);
                let l = self.to_list(v)?;
                self.push(l)?;
                let mut acc = Value::int(1);
                self.push(acc)?;
                for i in 0..self.list_len(l) {
                    let x = self.seq_get(l, i);
                    acc = self.binary_op(BinOp::Mul, acc, x)?;
                    let top = self.sp - 1;
                    self.heap.words[top] = acc.0;
                }
                self.sp -= 2;
                return Ok(acc);
            }
            #[cfg(feature = "math")]
            b::MATH_FSUM => {
                let v = self.arg(a, 0);
                let l = self.to_list(v)?;
                self.push(l)?;
                let r = self.fsum(l);
                self.pop();
                return self.new_float(r?);
            }
            #[cfg(feature = "math")]
            b::MATH_DIST => {
                let (p, q) = (self.arg(a, 0), self.arg(a, 1));
                let (Some((pa, pn)), Some((qa, qn))) = (self.seq_parts(p), self.seq_parts(q))
                else {
                    return Err(
                        self.type_error(format_args!("dist(): both points must be sequences"))
                    );
                };
                if pn != qn {
                    return Err(self.value_error(format_args!(
                        "both points must have the same number of dimensions"
                    )));
                }
                let mut acc = 0f64;
                for i in 0..pn {
                    let (x, y) = (self.seq_item(pa, i), self.seq_item(qa, i));
                    let d = self.to_f64(x)? - self.to_f64(y)?;
                    acc = libm::hypot(acc, d);
                }
                return self.new_float(acc);
            }
            b::MATH_FACTORIAL => {
                let v = self.arg(a, 0);
                let Some(k) = self.int_to_i64(v).filter(|_| self.is_int(v)) else {
                    return Err(
                        self.value_error(format_args!("factorial() only accepts integral values"))
                    );
                };
                if k < 0 {
                    return Err(self
                        .value_error(format_args!("factorial() not defined for negative values")));
                }
                let mut acc = Value::int(1);
                self.push(acc)?;
                let slot = self.sp - 1;
                for i in 2..=k {
                    let iv = self.int_from_i64(i)?;
                    acc = self.binary_op(image_format::ops::BinOp::Mul, acc, iv)?;
                    self.heap.words[slot] = acc.0;
                }
                self.pop();
                return Ok(acc);
            }
            b::MATH_FLOOR | b::MATH_CEIL | b::MATH_TRUNC => {
                let v = self.arg(a, 0);
                if self.is_int(v) {
                    return self.binary_op(image_format::ops::BinOp::Add, v, Value::int(0));
                }
                let x = self.to_f64(v)?;
                if !x.is_finite() {
                    return Err(if x.is_nan() {
                        self.value_error(format_args!("cannot convert float NaN to integer"))
                    } else {
                        self.new_error(
                            b::OVERFLOW_ERROR,
                            format_args!("cannot convert float infinity to integer"),
                        )
                    });
                }
                let r = match id {
                    b::MATH_FLOOR => libm::floor(x),
                    b::MATH_CEIL => libm::ceil(x),
                    _ => libm::trunc(x),
                };
                return self.int_from_f64(r);
            }
            b::MATH_ISNAN | b::MATH_ISINF | b::MATH_ISFINITE => {
                let v = self.arg(a, 0);
                let x = self.to_f64(v)?;
                return Ok(Value::from_bool(match id {
                    b::MATH_ISNAN => x.is_nan(),
                    b::MATH_ISINF => x.is_infinite(),
                    _ => x.is_finite(),
                }));
            }
            _ => {}
        }
        let mut xs = [0f64; 2];
        for (i, x) in xs.iter_mut().enumerate().take(n.min(2)) {
            let v = self.arg(a, i);
            *x = match self.num(v) {
                Some(Num::Float(f)) => f,
                Some(_) => self.to_f64(v)?,
                None => {
                    let tn = self.type_name(v);
                    return Err(self.type_error(format_args!("must be real number, not {tn}")));
                }
            };
        }
        let (x, y) = (xs[0], xs[1]);
        let domain = |vm: &mut Self| vm.value_error(format_args!("math domain error"));
        let r = match id {
            b::MATH_SQRT => {
                if x < 0.0 {
                    return Err(domain(self));
                }
                libm::sqrt(x)
            }
            b::MATH_FABS => x.abs(),
            // libm's exp(1) is one ulp above e; CPython's (the C
            // library's) is exact there, and `exp(1) == e` is a common check.
            #[cfg(feature = "math")]
            b::MATH_EXP if x == 1.0 => core::f64::consts::E,
            #[cfg(feature = "math")]
            b::MATH_EXP => libm::exp(x),
            #[cfg(feature = "math")]
            b::MATH_EXPM1 => libm::expm1(x),
            #[cfg(feature = "math")]
            b::MATH_LOG1P => {
                if x <= -1.0 {
                    return Err(domain(self));
                }
                libm::log1p(x)
            }
            #[cfg(feature = "math")]
            b::MATH_LOG | b::MATH_LOG10 | b::MATH_LOG2 => {
                if x <= 0.0 || (n == 2 && y <= 0.0) {
                    return Err(domain(self));
                }
                match id {
                    b::MATH_LOG10 => libm::log10(x),
                    b::MATH_LOG2 => libm::log2(x),
                    _ if n == 2 => libm::log(x) / libm::log(y),
                    _ => libm::log(x),
                }
            }
            b::MATH_POW => libm::pow(x, y),
            #[cfg(feature = "math")]
            b::MATH_SIN => libm::sin(x),
            #[cfg(feature = "math")]
            b::MATH_COS => libm::cos(x),
            #[cfg(feature = "math")]
            b::MATH_TAN => libm::tan(x),
            #[cfg(feature = "math")]
            b::MATH_ASIN | b::MATH_ACOS => {
                if !(-1.0..=1.0).contains(&x) {
                    return Err(domain(self));
                }
                if id == b::MATH_ASIN {
                    libm::asin(x)
                } else {
                    libm::acos(x)
                }
            }
            #[cfg(feature = "math")]
            b::MATH_ATAN => libm::atan(x),
            #[cfg(feature = "math")]
            b::MATH_ATAN2 => libm::atan2(x, y),
            #[cfg(feature = "math")]
            b::MATH_SINH => libm::sinh(x),
            #[cfg(feature = "math")]
            b::MATH_COSH => libm::cosh(x),
            #[cfg(feature = "math")]
            b::MATH_TANH => libm::tanh(x),
            b::MATH_DEGREES => x * (180.0 / core::f64::consts::PI),
            b::MATH_RADIANS => x * (core::f64::consts::PI / 180.0),
            b::MATH_COPYSIGN => libm::copysign(x, y),
            b::MATH_FMOD => {
                if y == 0.0 {
                    return Err(domain(self));
                }
                crate::num::float::fmod(x, y)
            }
            b::MATH_LDEXP => {
                let e = self.arg(a, 1);
                let Some(e) = self.int_to_i64(e) else {
                    return Err(self
                        .type_error(format_args!("Expected an int as second argument to ldexp.")));
                };
                libm::ldexp(x, e.clamp(-100_000, 100_000) as i32)
            }
            b::MATH_HYPOT => {
                let mut acc = 0f64;
                for i in 0..n {
                    let v = self.arg(a, i);
                    let f = self.to_f64(v)?;
                    acc = libm::hypot(acc, f);
                }
                acc
            }
            b::MATH_ISCLOSE => {
                let close = x == y || (x - y).abs() <= 1e-9 * x.abs().max(y.abs());
                return Ok(Value::from_bool(close));
            }
            b::MATH_MODF => {
                let ip = libm::trunc(x);
                let fp = if x.is_infinite() {
                    libm::copysign(0.0, x)
                } else {
                    x - ip
                };
                let f1 = self.new_float(fp)?;
                self.push(f1)?;
                let f2 = self.new_float(ip)?;
                self.push(f2)?;
                self.build_tuple(2)?;
                return Ok(self.pop());
            }
            b::MATH_FREXP => {
                let (m, e) = libm::frexp(x);
                let f = self.new_float(m)?;
                self.push(f)?;
                self.push(Value::int(e))?;
                self.build_tuple(2)?;
                return Ok(self.pop());
            }
            _ => return Err(self.type_error(format_args!("math.{name} is not available"))),
        };
        if r.is_infinite() && x.is_finite() && (n < 2 || y.is_finite()) && id != b::MATH_HYPOT {
            return Err(self.new_error(b::OVERFLOW_ERROR, format_args!("math range error")));
        }
        self.new_float(r)
    }

    /// `math.isqrt(n)` for n >= 0: Newton's iteration from above.
    #[cfg(feature = "math")]
    fn int_isqrt(&mut self, n: Value) -> Result<Value, Raised> {
        let mut buf = [0u32; 2];
        let bits = crate::num::bigint::bit_len(self.int_view(n, &mut buf).mag);
        if bits == 0 {
            return Ok(Value::int(0));
        }
        let mut x = self.binary_op(
            BinOp::LShift,
            Value::int(1),
            Value::int(bits.div_ceil(2) as i32),
        )?;
        // Slots for x and the temporaries (all rooted).
        let slot = self.sp;
        self.push(x)?;
        self.push(Value::NONE)?;
        loop {
            let q = self.binary_op(BinOp::FloorDiv, n, x)?;
            self.heap.words[slot + 1] = q.0;
            let s = self.binary_op(BinOp::Add, x, q)?;
            self.heap.words[slot + 1] = s.0;
            let y = self.binary_op(BinOp::RShift, s, Value::int(1))?;
            if self.compare_op(CmpOp::Ge, y, x)? == Value::TRUE {
                break;
            }
            x = y;
            self.heap.words[slot] = x.0;
        }
        self.sp = slot;
        Ok(x)
    }

    /// `math.comb(n, k)` and `math.perm(n, k)` (k None: n!) for n, k >= 0.
    #[cfg(feature = "math")]
    fn comb_perm(&mut self, n: Value, k: Value, comb: bool) -> Result<Value, Raised> {
        let k = if k == Value::NONE { n } else { k };
        if self.compare_op(CmpOp::Gt, k, n)? == Value::TRUE {
            return Ok(Value::int(0));
        }
        // comb(n, k) == comb(n, n - k): take the shorter product.
        let mut k = k;
        if comb {
            let rest = self.binary_op(BinOp::Sub, n, k)?;
            if self.compare_op(CmpOp::Lt, rest, k)? == Value::TRUE {
                k = rest;
            }
        }
        let Some(k) = self.int_to_i64(k) else {
            return Err(self.new_error(
                b::OVERFLOW_ERROR,
                format_args!("k must not exceed {}", i64::MAX),
            ));
        };
        let mut acc = Value::int(1);
        let slot = self.sp;
        self.push(acc)?;
        self.push(Value::NONE)?;
        for i in 0..k {
            // acc * (n - i), then for comb divided by i + 1 (exact).
            let f = self.int_from_i64(i)?;
            let f = self.binary_op(BinOp::Sub, n, f)?;
            self.heap.words[slot + 1] = f.0;
            acc = self.binary_op(BinOp::Mul, acc, f)?;
            if comb {
                self.heap.words[slot] = acc.0;
                acc = self.binary_op(BinOp::FloorDiv, acc, Value::int(i as i32 + 1))?;
            }
            self.heap.words[slot] = acc.0;
        }
        self.sp = slot;
        Ok(acc)
    }

    /// `math.fsum`: Shewchuk's exact partial sums, rounded once (CPython's
    /// algorithm, so the result is the correctly rounded sum).
    #[cfg(feature = "math")]
    fn fsum(&mut self, l: Value) -> Result<f64, Raised> {
        let mut partials = [0f64; 64];
        let mut n = 0;
        let (mut special, mut inf_sum) = (0f64, 0f64);
        for i in 0..self.list_len(l) {
            let v = self.seq_get(l, i);
            let mut x = self.to_f64(v)?;
            let xsave = x;
            let mut k = 0;
            for j in 0..n {
                let mut y = partials[j];
                if x.abs() < y.abs() {
                    core::mem::swap(&mut x, &mut y);
                }
                let hi = x + y;
                let lo = y - (hi - x);
                if lo != 0.0 {
                    partials[k] = lo;
                    k += 1;
                }
                x = hi;
            }
            n = k;
            if !x.is_finite() {
                // A non-finite summand goes to the special sum; a finite
                // one overflowing is an error.
                if xsave.is_finite() {
                    return Err(self.new_error(
                        b::OVERFLOW_ERROR,
                        format_args!("intermediate overflow in fsum"),
                    ));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special += xsave;
                n = 0;
            } else if n < partials.len() {
                partials[n] = x;
                n += 1;
            }
        }
        if special != 0.0 || special.is_nan() {
            if inf_sum.is_nan() {
                return Err(self.value_error(format_args!("-inf + inf in fsum")));
            }
            return Ok(special);
        }
        let mut hi = 0f64;
        if n > 0 {
            n -= 1;
            hi = partials[n];
            let mut lo = 0f64;
            while n > 0 {
                let x = hi;
                n -= 1;
                let y = partials[n];
                hi = x + y;
                lo = y - (hi - x);
                if lo != 0.0 {
                    break;
                }
            }
            // Round half-even correctly when the rest of the partials
            // push the same way.
            if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))
            {
                let y = lo * 2.0;
                let x = hi + y;
                if y == x - hi {
                    hi = x;
                }
            }
        }
        Ok(hi)
    }

    fn int_gcd(&mut self, a: Value, b2: Value) -> Result<Value, Raised> {
        use image_format::ops::BinOp;
        let base = self.sp;
        let mut x = if self.int_sign(a) == core::cmp::Ordering::Less {
            self.unary_op(image_format::ops::UnaryOp::Neg, a)?
        } else {
            a
        };
        self.push(x)?;
        let mut y = if self.int_sign(b2) == core::cmp::Ordering::Less {
            self.unary_op(image_format::ops::UnaryOp::Neg, b2)?
        } else {
            b2
        };
        self.push(y)?;
        while self.int_sign(y) != core::cmp::Ordering::Equal {
            let r = self.binary_op(BinOp::Mod, x, y)?;
            x = y;
            y = r;
            self.heap.words[base] = x.0;
            self.heap.words[base + 1] = y.0;
        }
        self.sp = base;
        Ok(x)
    }
}
