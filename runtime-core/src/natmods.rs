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

/// `time.ticks_*` wrap at 2**30, as MicroPython's do, so a tick count is
/// always a small int.
const TICKS_PERIOD: i64 = 1 << 30;

/// The module each builtin module function belongs to.
fn owner(id: u16) -> Option<u16> {
    match id {
        b::SYS_EXIT..=b::SYS_PRINT_EXCEPTION => Some(b::MOD_SYS),
        b::MATH_SQRT..=b::MATH_TANH => Some(b::MOD_MATH),
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
/// the transcendental functions (and their ~13 KiB of libm) are left out;
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
            .find(|&i| owner(i) == Some(module) && b::NAMES[i as usize] == text && built_in(i))
        {
            return Ok(Some(Value::builtin(id)));
        }
        Ok(match (module, text) {
            (b::MOD_MATH, "pi") => Some(self.new_float(core::f64::consts::PI)?),
            (b::MOD_MATH, "e") => Some(self.new_float(core::f64::consts::E)?),
            (b::MOD_MATH, "tau") => Some(self.new_float(core::f64::consts::TAU)?),
            (b::MOD_MATH, "inf") => Some(self.new_float(f64::INFINITY)?),
            (b::MOD_MATH, "nan") => Some(self.new_float(f64::NAN)?),
            (b::MOD_SYS, "maxsize") => Some(self.int_from_i64(i32::MAX as i64)?),
            (b::MOD_SYS, "byteorder") => Some(self.new_str(b"little")?),
            (b::MOD_SYS, "platform") => Some(self.new_str(b"mpc")?),
            (b::MOD_SYS, "version") => Some(self.new_str(b"3.11.0 (mpc)")?),
            (b::MOD_SYS, "argv") => Some(self.new_list(0)?),
            (b::MOD_STRUCT, "error") => Some(Value::builtin(b::STRUCT_ERROR)),
            (b::MOD_JSON, "JSONDecodeError") => Some(Value::builtin(b::JSON_DECODE_ERROR)),
            (b::MOD_SYS, "version_info") => {
                for v in [3, 11, 0] {
                    self.push(Value::int(v))?;
                }
                self.build_tuple(3)?;
                Some(self.pop())
            }
            _ => None,
        })
    }

    pub(crate) fn call_module_function(&mut self, id: u16, a: Args) -> Result<Value, Raised> {
        let name = b::NAMES[id as usize];
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
            b::MATH_SQRT..=b::MATH_TANH => self.math_call(id, a, name),
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
        );
        let (min, max) = match id {
            b::MATH_LOG => (1, 2),
            b::MATH_GCD | b::MATH_HYPOT => (0, 255),
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
            b::MATH_GCD => {
                let mut acc = Value::int(0);
                for i in 0..n {
                    let v = self.arg(a, i);
                    if !self.is_int(v) {
                        let tn = self.type_name(v);
                        return Err(self.type_error(format_args!(
                            "'{tn}' object cannot be interpreted as an integer"
                        )));
                    }
                    acc = self.int_gcd(acc, v)?;
                }
                return Ok(acc);
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
            #[cfg(feature = "math")]
            b::MATH_EXP => libm::exp(x),
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
                libm::fmod(x, y)
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
