//! Numbers and operators: int (small and big), float, bool, and the
//! sequence operators (`+`, `*` on str, list, tuple), comparisons, truth,
//! equality and hashing.
//!
//! Small ints take a fast path in `i64` and only allocate when a result
//! leaves the 31-bit range. Big-int operations copy their operands into one
//! scratch object so the output object and the inputs are disjoint slices of
//! the heap (no `unsafe`); the copy is linear and the operations are at
//! least linear, so it costs little.

use crate::builtins as b;
use crate::heap::*;
use crate::natives::Args;
use crate::num::bigint::{self, Int, IntError, IntResult};
use crate::num::float as fl;
use crate::value::Value;
use crate::{Host, Raised, Vm};
use core::cmp::Ordering;
use image_format::ops::{BinOp, CmpOp, UnaryOp};
use image_format::qstr as q;

/// An operand classified for arithmetic.
#[derive(Clone, Copy)]
pub(crate) enum Num {
    Small(i64),
    Big,
    Float(f64),
}

type BigFn = fn(Int<'_>, Int<'_>, &mut [u32], &mut [u32]) -> IntResult;

const NONE_HASH: u32 = 0x5ca1_ab1e;

impl<'a, H: Host> Vm<'a, H> {
    pub(crate) fn num(&self, v: Value) -> Option<Num> {
        if let Some(i) = v.as_small() {
            return Some(Num::Small(i as i64));
        }
        if v == Value::TRUE {
            return Some(Num::Small(1));
        }
        if v == Value::FALSE {
            return Some(Num::Small(0));
        }
        match self.tag_of(v) {
            TAG_BIGINT => Some(Num::Big),
            TAG_FLOAT => Some(Num::Float(self.float_of(v))),
            _ => None,
        }
    }

    pub(crate) fn is_bool(&self, v: Value) -> bool {
        v == Value::TRUE || v == Value::FALSE
    }

    pub(crate) fn is_int(&self, v: Value) -> bool {
        matches!(self.num(v), Some(Num::Small(_) | Num::Big))
    }

    /// Sign and limbs of a big int.
    fn big_parts(&self, v: Value) -> (bool, usize, usize) {
        let o = v.index();
        let w = self.heap.words[o + 1];
        (w >> 31 != 0, o + 2, (w & 0x7fff_ffff) as usize)
    }

    /// Number of limbs of an int operand.
    fn int_limbs(&self, v: Value) -> usize {
        match self.num(v) {
            Some(Num::Big) => self.big_parts(v).2,
            _ => 2,
        }
    }

    pub(crate) fn int_from_i64(&mut self, i: i64) -> Result<Value, Raised> {
        if let Ok(small) = i32::try_from(i)
            && let Some(v) = Value::small(small)
        {
            return Ok(v);
        }
        let mut buf = [0u32; 2];
        let int = Int::from_i64(i, &mut buf);
        let (neg, mag) = (int.neg, int.mag);
        let mut limbs = [0u32; 2];
        limbs[..mag.len()].copy_from_slice(mag);
        let n = mag.len();
        self.new_bigint(neg, &limbs[..n])
    }

    fn new_bigint(&mut self, neg: bool, limbs: &[u32]) -> Result<Value, Raised> {
        let o = self.alloc(TAG_BIGINT, 1 + limbs.len())?;
        self.heap.words[o + 1] = limbs.len() as u32 | (neg as u32) << 31;
        self.heap.words[o + 2..o + 2 + limbs.len()].copy_from_slice(limbs);
        Ok(Value::obj(o))
    }

    pub(crate) fn bigint_from_le_bytes(
        &mut self,
        neg: bool,
        bytes: &[u8],
    ) -> Result<Value, Raised> {
        let n = bytes.len() / 4;
        let o = self.alloc(TAG_BIGINT, 1 + n)?;
        for i in 0..n {
            self.heap.words[o + 2 + i] = u32::from_le_bytes([
                bytes[4 * i],
                bytes[4 * i + 1],
                bytes[4 * i + 2],
                bytes[4 * i + 3],
            ]);
        }
        self.heap.words[o + 1] = n as u32 | (neg as u32) << 31;
        Ok(self.normalize_int(Value::obj(o), neg, n))
    }

    /// The `byteorder` and `signed` arguments of `int.to_bytes` and
    /// `int.from_bytes`: positional `byteorder` at `at` (default "big").
    fn byteorder_args(&mut self, a: Args, at: usize, fname: &str) -> Result<(bool, bool), Raised> {
        let allowed = [q::BYTEORDER, q::SIGNED];
        let signed = match self.kwarg(a, fname, &allowed, q::SIGNED)? {
            Some(s) => self.truthy(s)?,
            None => false,
        };
        let order = match self.kwarg(a, fname, &allowed, q::BYTEORDER)? {
            _ if a.argc > at => self.arg(a, at),
            Some(o) => o,
            None => return Ok((false, signed)),
        };
        match order.as_qstr().map(|o| o as u16) {
            Some(q::LITTLE) => Ok((true, signed)),
            Some(q::BIG) => Ok((false, signed)),
            _ if !self.is_str(order) => {
                let tn = self.type_name(order);
                Err(self.type_error(format_args!(
                    "{fname}() argument 'byteorder' must be str, not {tn}"
                )))
            }
            _ => Err(self.value_error(format_args!("byteorder must be either 'little' or 'big'"))),
        }
    }

    /// `n.to_bytes(length=1, byteorder="big", *, signed=False)`.
    pub(crate) fn int_to_bytes(&mut self, v: Value, a: Args) -> Result<Value, Raised> {
        if a.argc > 2 {
            return Err(self.type_error(format_args!(
                "to_bytes() takes at most 2 positional arguments ({} given)",
                a.argc
            )));
        }
        let (little, signed) = self.byteorder_args(a, 1, "to_bytes")?;
        let len = if a.argc > 0 {
            let l = self.arg(a, 0);
            match self.int_to_i64(l).filter(|_| self.is_int(l)) {
                Some(n) if n < 0 => {
                    return Err(
                        self.value_error(format_args!("length argument must be non-negative"))
                    );
                }
                Some(n) => n as usize,
                None => return Err(self.not_an_integer(l)),
            }
        } else {
            1
        };
        let mut buf = [0u32; 2];
        let (neg, bits, pow2) = {
            let i = self.int_view(v, &mut buf);
            let ones: u32 = i.mag.iter().map(|w| w.count_ones()).sum();
            (i.neg, bigint::bit_len(i.mag), ones == 1)
        };
        if neg && !signed {
            return Err(self.new_error(
                b::OVERFLOW_ERROR,
                format_args!("can't convert negative int to unsigned"),
            ));
        }
        // Room for the magnitude, and a sign bit when signed (-2**(8n-1)
        // just fits).
        let room = 8 * len as u64;
        let fits = if !signed {
            bits <= room
        } else {
            bits < room || (neg && bits == room && pow2)
        };
        if !fits {
            return Err(self.new_error(b::OVERFLOW_ERROR, format_args!("int too big to convert")));
        }
        if len / 4 > self.heap.capacity() {
            return Err(self.raise_memory_error());
        }
        let out = self.alloc(TAG_STR, 3 + len.div_ceil(4))?;
        self.heap.words[out] = (self.heap.words[out] & !0xff) | TAG_BYTES as u32;
        self.heap.words[out + 1] = len as u32;
        self.heap.words[out + 2] = 0;
        // Two's complement, least significant byte first: invert and add
        // one for a negative number.
        let mut carry = neg as u32;
        for i in 0..len {
            let mut buf = [0u32; 2];
            let limb = self
                .int_view(v, &mut buf)
                .mag
                .get(i / 4)
                .copied()
                .unwrap_or(0);
            let mut byte = (limb >> (8 * (i % 4))) as u8 as u32;
            if neg {
                byte = (!byte & 0xff) + carry;
                carry = byte >> 8;
            }
            let at = if little { i } else { len - 1 - i };
            bytemuck::cast_slice_mut::<u32, u8>(&mut self.heap.words[out + 4..])[at] = byte as u8;
        }
        Ok(Value::obj(out))
    }

    /// `int.from_bytes(bytes, byteorder="big", *, signed=False)`.
    pub(crate) fn int_from_bytes(&mut self, a: Args) -> Result<Value, Raised> {
        self.arg_count(a, "from_bytes", 1, 2)?;
        let (little, signed) = self.byteorder_args(a, 1, "from_bytes")?;
        let mut src = self.arg(a, 0);
        if self.is_int(src) || self.is_str(src) {
            let tn = self.type_name(src);
            return Err(self.type_error(format_args!("cannot convert '{tn}' object to bytes")));
        }
        if !self.is_bytes_like(src) {
            src = self.make_bytes(
                TAG_BYTES,
                Args {
                    argc: 1,
                    nkw: 0,
                    ..a
                },
            )?;
        }
        self.push(src)?;
        let n = self.byte_data(src).len();
        let limbs = n.div_ceil(4);
        let o = self.alloc(TAG_BIGINT, 1 + limbs);
        self.pop();
        let o = o?;
        let byte = |vm: &Self, i: usize| vm.byte_data(src)[if little { i } else { n - 1 - i }];
        let neg = signed && n > 0 && byte(self, n - 1) >= 0x80;
        let mut carry = neg as u64;
        for l in 0..limbs {
            let mut w = 0u32;
            for k in 0..4 {
                let i = 4 * l + k;
                let b = if i < n {
                    byte(self, i)
                } else {
                    0xff * neg as u8
                };
                w |= (b as u32) << (8 * k);
            }
            if neg {
                // The magnitude of a negative number: invert, add one.
                let x = (!w) as u64 + carry;
                w = x as u32;
                carry = x >> 32;
            }
            self.heap.words[o + 2 + l] = w;
        }
        let len = bigint::trim(&self.heap.words[o + 2..o + 2 + limbs]).len();
        self.heap.words[o + 1] = len as u32 | (neg as u32) << 31;
        self.heap.shrink(o, 1 + len);
        Ok(self.normalize_int(Value::obj(o), neg, len))
    }

    /// `TypeError: 'x' object cannot be interpreted as an integer`.
    pub(crate) fn not_an_integer(&mut self, v: Value) -> Raised {
        let tn = self.type_name(v);
        self.type_error(format_args!(
            "'{tn}' object cannot be interpreted as an integer"
        ))
    }

    /// Writes the limbs of int `v` (small or big) into `dst` (which must be
    /// long enough) and returns (neg, len).
    fn copy_int(&mut self, v: Value, dst: usize) -> (bool, usize) {
        match self.num(v) {
            Some(Num::Small(i)) => {
                let u = i.unsigned_abs();
                self.heap.words[dst] = u as u32;
                self.heap.words[dst + 1] = (u >> 32) as u32;
                let len = if u >> 32 != 0 {
                    2
                } else if u != 0 {
                    1
                } else {
                    0
                };
                (i < 0, len)
            }
            _ => {
                let (neg, at, len) = self.big_parts(v);
                self.heap.words.copy_within(at..at + len, dst);
                (neg, len)
            }
        }
    }

    /// Runs a big-int operation on two ints (rooted by the caller) with an
    /// output of `bound` limbs and `scratch` scratch limbs.
    fn big_op(
        &mut self,
        a: Value,
        bv: Value,
        bound: usize,
        scratch: usize,
        f: BigFn,
    ) -> Result<Value, Raised> {
        let (la, lb) = (self.int_limbs(a), self.int_limbs(bv));
        let out = self.alloc(TAG_BIGINT, 1 + bound)?;
        self.push(Value::obj(out))?;
        let tmp = self.alloc(TAG_RAW, la + lb + scratch.max(1));
        self.pop();
        let tmp = tmp?;
        let (an, alen) = self.copy_int(a, tmp + 1);
        let (bn, blen) = self.copy_int(bv, tmp + 1 + la);
        let result = {
            let (out_slice, rest) = self.heap.two_mut(
                out + 2..out + 2 + bound,
                tmp + 1..tmp + 1 + la + lb + scratch.max(1),
            );
            let (ab, scr) = rest.split_at_mut(la + lb);
            let (aa, bb) = ab.split_at(la);
            f(
                Int::new(an, &aa[..alen]),
                Int::new(bn, &bb[..blen]),
                out_slice,
                scr,
            )
        };
        match result {
            Ok((neg, len)) => {
                self.heap.words[out + 1] = len as u32 | (neg as u32) << 31;
                self.heap.shrink(out, 1 + len);
                Ok(self.normalize_int(Value::obj(out), neg, len))
            }
            Err(e) => Err(self.int_error(e)),
        }
    }

    /// A big int object whose value fits a small int becomes one.
    fn normalize_int(&mut self, v: Value, neg: bool, len: usize) -> Value {
        if len <= 1 {
            let m = if len == 1 {
                self.heap.words[v.index() + 2] as i64
            } else {
                0
            };
            let i = if neg { -m } else { m };
            if let Ok(i) = i32::try_from(i)
                && let Some(s) = Value::small(i)
            {
                return s;
            }
        }
        v
    }

    fn int_error(&mut self, e: IntError) -> Raised {
        match e {
            IntError::ZeroDivision => self.new_error(
                b::ZERO_DIVISION_ERROR,
                format_args!("integer division or modulo by zero"),
            ),
            IntError::ZeroModulus | IntError::NotInvertible | IntError::NanToInt => {
                self.new_error(b::VALUE_ERROR, format_args!("{}", e.message()))
            }
            IntError::InfinityToInt => {
                self.new_error(b::OVERFLOW_ERROR, format_args!("{}", e.message()))
            }
            IntError::BufferTooSmall | IntError::InvalidArgument => {
                self.runtime_error(format_args!("internal integer error: {}", e.message()))
            }
        }
    }

    /// An int operand as i64, if it fits.
    pub(crate) fn int_to_i64(&self, v: Value) -> Option<i64> {
        match self.num(v)? {
            Num::Small(i) => Some(i),
            Num::Big => {
                let (neg, at, len) = self.big_parts(v);
                Int::new(neg, &self.heap.words[at..at + len]).to_i64()
            }
            Num::Float(_) => None,
        }
    }

    /// An int or float as f64 (`OverflowError` for huge ints).
    pub(crate) fn to_f64(&mut self, v: Value) -> Result<f64, Raised> {
        match self.num(v) {
            Some(Num::Small(i)) => Ok(i as f64),
            Some(Num::Float(f)) => Ok(f),
            Some(Num::Big) => {
                let (neg, at, len) = self.big_parts(v);
                match Int::new(neg, &self.heap.words[at..at + len]).to_f64() {
                    Some(f) => Ok(f),
                    None => Err(self.new_error(
                        b::OVERFLOW_ERROR,
                        format_args!("int too large to convert to float"),
                    )),
                }
            }
            None => {
                let tn = self.type_name(v);
                Err(self.type_error(format_args!("must be real number, not {tn}")))
            }
        }
    }

    pub(crate) fn int_from_f64(&mut self, f: f64) -> Result<Value, Raised> {
        if f.is_finite() && f.abs() < 1e18 {
            return self.int_from_i64(f as i64);
        }
        let out = self.alloc(TAG_BIGINT, 1 + bigint::F64_LIMBS)?;
        let r = bigint::from_f64(
            f,
            &mut self.heap.words[out + 2..out + 2 + bigint::F64_LIMBS],
        );
        match r {
            Ok((neg, len)) => {
                self.heap.words[out + 1] = len as u32 | (neg as u32) << 31;
                self.heap.shrink(out, 1 + len);
                Ok(self.normalize_int(Value::obj(out), neg, len))
            }
            Err(e) => Err(self.int_error(e)),
        }
    }

    /// Compares two ints.
    fn int_cmp(&self, a: Value, c: Value) -> Ordering {
        if let (Some(Num::Small(x)), Some(Num::Small(y))) = (self.num(a), self.num(c)) {
            return x.cmp(&y);
        }
        let mut ab = [0u32; 2];
        let mut cb = [0u32; 2];
        let ia = self.int_view(a, &mut ab);
        let ic = self.int_view(c, &mut cb);
        bigint::compare(ia, ic)
    }

    pub(crate) fn int_view<'s>(&'s self, v: Value, buf: &'s mut [u32; 2]) -> Int<'s> {
        match self.num(v) {
            Some(Num::Small(i)) => Int::from_i64(i, buf),
            _ => {
                let (neg, at, len) = self.big_parts(v);
                Int::new(neg, &self.heap.words[at..at + len])
            }
        }
    }

    pub(crate) fn int_sign(&self, v: Value) -> Ordering {
        match self.num(v) {
            Some(Num::Small(i)) => i.cmp(&0),
            Some(Num::Big) => {
                if self.big_parts(v).0 {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
            _ => Ordering::Equal,
        }
    }

    // ---- binary operators

    pub(crate) fn binary_op(&mut self, op: BinOp, a: Value, c: Value) -> Result<Value, Raised> {
        let (na, nc) = (self.num(a), self.num(c));
        if let (Some(x), Some(y)) = (na, nc) {
            return self.numeric_op(op, a, c, x, y);
        }
        if (self.is_user_object(a) || self.is_user_object(c))
            && let Some(v) = self.binary_dunder(op, a, c)?
        {
            return Ok(v);
        }
        self.sequence_op(op, a, c)
    }

    pub(crate) fn inplace_op(&mut self, op: BinOp, a: Value, c: Value) -> Result<Value, Raised> {
        if self.is_user_object(a)
            && let Some(v) = self.inplace_dunder(op, a, c)?
        {
            return Ok(v);
        }
        if self.is_tag(a, TAG_SET)
            && self.is_set(c)
            && matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor)
        {
            // In place, as CPython's `s |= t`: the same set object changes.
            let r = self.set_op(op, a, c)?;
            self.push(r)?;
            self.dict_clear(a);
            let mut i = 0;
            let mut res = Ok(());
            while i < self.dict_entry_count(r) && res.is_ok() {
                let (k, _) = self.dict_entry(r, i);
                i += 1;
                if k != Value::DELETED {
                    res = self.set_add(a, k);
                }
            }
            self.pop();
            return res.map(|_| a);
        }
        if op == BinOp::Or && self.is_tag(a, TAG_DICT) {
            if self.is_tag(c, TAG_DICT) {
                self.dict_update(a, c)?;
            } else {
                self.dict_from_pairs(a, c)?;
            }
            return Ok(a);
        }
        if op == BinOp::Add && self.is_tag(a, TAG_BYTEARRAY) && self.is_bytes_like(c) {
            self.bytearray_extend_value(a, c)?;
            return Ok(a);
        }
        if op == BinOp::Add && self.is_tag(a, TAG_LIST) {
            if self.is_tag(c, TAG_LIST)
                || self.is_tag(c, TAG_TUPLE)
                || self.is_str(c)
                || self.is_tag(c, TAG_RANGE)
                || self.is_tag(c, TAG_DICT)
            {
                self.list_extend(a, c)?;
                return Ok(a);
            }
            let tn = self.type_name(c);
            return Err(self.type_error(format_args!("'{tn}' object is not iterable")));
        }
        self.binary_op(op, a, c)
    }

    fn numeric_op(
        &mut self,
        op: BinOp,
        a: Value,
        c: Value,
        x: Num,
        y: Num,
    ) -> Result<Value, Raised> {
        match (x, y) {
            (Num::Float(_), _) | (_, Num::Float(_)) => {
                if matches!(
                    op,
                    BinOp::LShift
                        | BinOp::RShift
                        | BinOp::And
                        | BinOp::Or
                        | BinOp::Xor
                        | BinOp::MatMul
                ) {
                    return Err(self.unsupported(op, a, c));
                }
                let fa = self.to_f64(a)?;
                let fc = self.to_f64(c)?;
                self.float_op(op, fa, fc)
            }
            (Num::Small(i), Num::Small(j)) => self.small_op(op, a, c, i, j),
            _ => self.big_binop(op, a, c),
        }
    }

    fn small_op(&mut self, op: BinOp, a: Value, c: Value, i: i64, j: i64) -> Result<Value, Raised> {
        match op {
            BinOp::Add => self.int_from_i64(i + j),
            BinOp::Sub => self.int_from_i64(i - j),
            BinOp::Mul => match i.checked_mul(j) {
                Some(p) => self.int_from_i64(p),
                None => self.big_binop(op, a, c),
            },
            BinOp::FloorDiv | BinOp::Mod => {
                if j == 0 {
                    let msg = if op == BinOp::Mod {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    };
                    return Err(self.new_error(b::ZERO_DIVISION_ERROR, format_args!("{msg}")));
                }
                // Floor semantics: the remainder takes the divisor's sign.
                let (q, r) = (i / j, i % j);
                let (q, r) = if r != 0 && (r < 0) != (j < 0) {
                    (q - 1, r + j)
                } else {
                    (q, r)
                };
                self.int_from_i64(if op == BinOp::FloorDiv { q } else { r })
            }
            BinOp::TrueDiv => {
                if j == 0 {
                    return Err(
                        self.new_error(b::ZERO_DIVISION_ERROR, format_args!("division by zero"))
                    );
                }
                self.new_float(i as f64 / j as f64)
            }
            BinOp::Pow => {
                if j < 0 {
                    if i == 0 {
                        return Err(self.new_error(
                            b::ZERO_DIVISION_ERROR,
                            format_args!("0.0 cannot be raised to a negative power"),
                        ));
                    }
                    return self.float_op(op, i as f64, j as f64);
                }
                let mut acc: i64 = 1;
                let mut ok = true;
                for _ in 0..j.min(64) {
                    match acc.checked_mul(i) {
                        Some(v) => acc = v,
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok && (j <= 64 || i == 0 || i == 1) {
                    return self.int_from_i64(acc);
                }
                if i == -1 {
                    return Ok(Value::int(if j % 2 == 0 { 1 } else { -1 }));
                }
                self.big_pow(a, j as u64)
            }
            BinOp::LShift => {
                if j < 0 {
                    return Err(
                        self.new_error(b::VALUE_ERROR, format_args!("negative shift count"))
                    );
                }
                if j < 32 && i.unsigned_abs() < (1 << 31) {
                    return self.int_from_i64(i << j);
                }
                self.big_binop(op, a, c)
            }
            BinOp::RShift => {
                if j < 0 {
                    return Err(
                        self.new_error(b::VALUE_ERROR, format_args!("negative shift count"))
                    );
                }
                self.int_from_i64(i >> j.min(63))
            }
            // bool & bool stays a bool, as in CPython.
            BinOp::And | BinOp::Or | BinOp::Xor if self.is_bool(a) && self.is_bool(c) => {
                let r = match op {
                    BinOp::And => i & j,
                    BinOp::Or => i | j,
                    _ => i ^ j,
                };
                Ok(Value::from_bool(r != 0))
            }
            BinOp::And => self.int_from_i64(i & j),
            BinOp::Or => self.int_from_i64(i | j),
            BinOp::Xor => self.int_from_i64(i ^ j),
            BinOp::MatMul => Err(self.unsupported(op, a, c)),
        }
    }

    fn big_pow(&mut self, a: Value, exp: u64) -> Result<Value, Raised> {
        let bound = {
            let mut buf = [0u32; 2];
            let base = self.int_view(a, &mut buf);
            bigint::pow_bound(base.mag, exp)
        };
        if bound > self.heap.capacity() {
            return Err(self.raise_memory_error());
        }
        fn f(x: Int<'_>, e: Int<'_>, out: &mut [u32], scr: &mut [u32]) -> IntResult {
            let exp = e.to_i64().unwrap_or(0) as u64;
            bigint::pow(x, exp, out, scr)
        }
        let e = self.int_from_i64(exp as i64)?;
        self.push(e)?;
        let r = self.big_op(a, e, bound, bound, f);
        self.pop();
        r
    }

    fn big_binop(&mut self, op: BinOp, a: Value, c: Value) -> Result<Value, Raised> {
        let (la, lc) = (self.int_limbs(a), self.int_limbs(c));
        match op {
            BinOp::Add => self.big_op(a, c, bigint::add_bound(la, lc), 0, |x, y, o, _| {
                bigint::add(x, y, o)
            }),
            BinOp::Sub => self.big_op(a, c, bigint::add_bound(la, lc), 0, |x, y, o, _| {
                bigint::sub(x, y, o)
            }),
            BinOp::Mul => self.big_op(a, c, bigint::mul_bound(la, lc), 0, |x, y, o, _| {
                bigint::mul(x, y, o)
            }),
            BinOp::FloorDiv => {
                if self.int_sign(c) == Ordering::Equal {
                    return Err(self.new_error(
                        b::ZERO_DIVISION_ERROR,
                        format_args!("integer division or modulo by zero"),
                    ));
                }
                self.big_op(
                    a,
                    c,
                    bigint::floordiv_bound(la, lc),
                    bigint::floordiv_scratch_bound(la, lc),
                    bigint::floordiv,
                )
            }
            BinOp::Mod => {
                if self.int_sign(c) == Ordering::Equal {
                    return Err(self.new_error(
                        b::ZERO_DIVISION_ERROR,
                        format_args!("integer modulo by zero"),
                    ));
                }
                self.big_op(
                    a,
                    c,
                    bigint::mod_bound(la, lc),
                    bigint::mod_scratch_bound(la, lc),
                    bigint::modulo,
                )
            }
            BinOp::TrueDiv => {
                if self.int_sign(c) == Ordering::Equal {
                    return Err(
                        self.new_error(b::ZERO_DIVISION_ERROR, format_args!("division by zero"))
                    );
                }
                self.big_truediv(a, c)
            }
            BinOp::Pow => {
                if self.int_sign(c) == Ordering::Less {
                    let fa = self.to_f64(a)?;
                    let fc = self.to_f64(c)?;
                    return self.float_op(op, fa, fc);
                }
                match self.int_to_i64(c) {
                    Some(e) => self.big_pow(a, e as u64),
                    None => Err(self.raise_memory_error()),
                }
            }
            BinOp::LShift | BinOp::RShift => {
                if self.int_sign(c) == Ordering::Less {
                    return Err(
                        self.new_error(b::VALUE_ERROR, format_args!("negative shift count"))
                    );
                }
                let shift = match self.int_to_i64(c) {
                    Some(s) => s as u64,
                    None if op == BinOp::RShift => {
                        return Ok(Value::int(if self.int_sign(a) == Ordering::Less {
                            -1
                        } else {
                            0
                        }));
                    }
                    None => {
                        return Err(self.new_error(
                            b::OVERFLOW_ERROR,
                            format_args!("too many digits in integer"),
                        ));
                    }
                };
                if op == BinOp::LShift {
                    let bound = bigint::shl_bound(la, shift);
                    if bound > self.heap.capacity() {
                        return Err(self.raise_memory_error());
                    }
                    fn f(x: Int<'_>, s: Int<'_>, o: &mut [u32], _: &mut [u32]) -> IntResult {
                        bigint::shl(x, s.to_i64().unwrap_or(0) as u64, o)
                    }
                    self.big_op(a, c, bound, 0, f)
                } else {
                    fn f(x: Int<'_>, s: Int<'_>, o: &mut [u32], _: &mut [u32]) -> IntResult {
                        bigint::shr(x, s.to_i64().unwrap_or(0) as u64, o)
                    }
                    self.big_op(a, c, bigint::shr_bound(la, shift), 0, f)
                }
            }
            BinOp::And => self.big_op(a, c, bigint::bitwise_bound(la, lc), 0, |x, y, o, _| {
                bigint::and(x, y, o)
            }),
            BinOp::Or => self.big_op(a, c, bigint::bitwise_bound(la, lc), 0, |x, y, o, _| {
                bigint::or(x, y, o)
            }),
            BinOp::Xor => self.big_op(a, c, bigint::bitwise_bound(la, lc), 0, |x, y, o, _| {
                bigint::xor(x, y, o)
            }),
            BinOp::MatMul => Err(self.unsupported(op, a, c)),
        }
    }

    pub(crate) fn float_op(&mut self, op: BinOp, x: f64, y: f64) -> Result<Value, Raised> {
        let r = match op {
            BinOp::Add => Ok(x + y),
            BinOp::Sub => Ok(x - y),
            BinOp::Mul => Ok(x * y),
            BinOp::TrueDiv => fl::truediv(x, y),
            BinOp::FloorDiv => fl::floordiv(x, y),
            BinOp::Mod => fl::modulo(x, y),
            BinOp::Pow => fl::pow(x, y),
            _ => {
                return Err(self.type_error(format_args!(
                    "unsupported operand type(s) for {}: 'float' and 'float'",
                    op.symbol()
                )));
            }
        };
        match r {
            Ok(v) => self.new_float(v),
            Err(e) => Err(self.float_error(e)),
        }
    }

    fn unsupported(&mut self, op: BinOp, a: Value, c: Value) -> Raised {
        let ta = self.type_name(a);
        let tc = self.type_name(c);
        let sym = if op == BinOp::Pow {
            "** or pow()"
        } else {
            op.symbol()
        };
        self.type_error(format_args!(
            "unsupported operand type(s) for {sym}: '{ta}' and '{tc}'"
        ))
    }

    fn sequence_op(&mut self, op: BinOp, a: Value, c: Value) -> Result<Value, Raised> {
        if op == BinOp::Mod && self.is_str(a) {
            return self.percent_format(a, c);
        }
        if self.is_bytes_like(a) {
            if op == BinOp::Mod {
                return self.bytes_percent(a, c);
            }
            if op == BinOp::Add && self.is_bytes_like(c) {
                return self.bytes_concat(a, c);
            }
            if op == BinOp::Mul && self.is_int(c) {
                let k = self.int_to_i64(c).unwrap_or(0).max(0) as usize;
                return self.bytes_repeat(a, k);
            }
        }
        if op == BinOp::Mul && self.is_bytes_like(c) && self.is_int(a) {
            let k = self.int_to_i64(a).unwrap_or(0).max(0) as usize;
            return self.bytes_repeat(c, k);
        }
        if matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) {
            if self.is_set(a) && self.is_set(c) {
                return self.set_op(op, a, c);
            }
            // A keys or items view acts as the set of its items, with any
            // iterable on the other side.
            if self.set_view(a) || self.set_view(c) {
                let base = self.sp;
                let r = self
                    .set_operands(a, c)
                    .and_then(|(x, y)| self.set_op(op, x, y));
                self.sp = base;
                return r;
            }
            if op == BinOp::Or && self.is_tag(a, TAG_DICT) && self.is_tag(c, TAG_DICT) {
                let d = self.new_dict(self.dict_len(a))?;
                self.push(d)?;
                self.dict_update(d, a)?;
                self.dict_update(d, c)?;
                return Ok(self.pop());
            }
        }
        match op {
            BinOp::Add => {
                if self.is_str(a) {
                    if self.is_str(c) {
                        return self.str_concat(a, c);
                    }
                    let tc = self.type_name(c);
                    return Err(self.type_error(format_args!(
                        "can only concatenate str (not \"{tc}\") to str"
                    )));
                }
                let ta = self.tag_of(a);
                if ta == TAG_LIST || ta == TAG_TUPLE {
                    if self.tag_of(c) == ta {
                        return self.seq_concat(a, c, ta);
                    }
                    let tn = self.type_name(a);
                    let tc = self.type_name(c);
                    return Err(self.type_error(format_args!(
                        "can only concatenate {tn} (not \"{tc}\") to {tn}"
                    )));
                }
                Err(self.unsupported(op, a, c))
            }
            BinOp::Mul => {
                let a_is_seq =
                    self.is_str(a) || self.is_tag(a, TAG_LIST) || self.is_tag(a, TAG_TUPLE);
                let (seq, n) = if a_is_seq || self.num(c).is_some() {
                    (a, c)
                } else {
                    (c, a)
                };
                // An object with `__index__` counts as its int.
                let n = match self.is_user_object(n) {
                    true => self.index_value(n)?.unwrap_or(n),
                    false => n,
                };
                let seq_ok =
                    self.is_str(seq) || self.is_tag(seq, TAG_LIST) || self.is_tag(seq, TAG_TUPLE);
                if !seq_ok {
                    return Err(self.unsupported(op, a, c));
                }
                if !self.is_int(n) {
                    if self.num(n).is_some()
                        || self.is_str(n)
                        || self.is_tag(n, TAG_LIST)
                        || self.is_tag(n, TAG_TUPLE)
                    {
                        let tn = self.type_name(n);
                        return Err(self.type_error(format_args!(
                            "can't multiply sequence by non-int of type '{tn}'"
                        )));
                    }
                    return Err(self.unsupported(op, a, c));
                }
                let count = match self.int_to_i64(n) {
                    Some(k) => k.max(0) as usize,
                    None if self.int_sign(n) == Ordering::Less => 0,
                    None => {
                        return Err(self.new_error(
                            b::OVERFLOW_ERROR,
                            format_args!("cannot fit 'int' into an index-sized integer"),
                        ));
                    }
                };
                self.seq_repeat(seq, count)
            }
            _ => Err(self.unsupported(op, a, c)),
        }
    }

    /// `a / c` for ints, correctly rounded as CPython's: exact floats when
    /// both fit 53 bits, else an integer quotient of 55 or 56 significant
    /// bits with the remainder folded into its last bit, rounded once.
    fn big_truediv(&mut self, a: Value, c: Value) -> Result<Value, Raised> {
        let mut bits = [0i64; 2];
        let mut neg = false;
        for (k, v) in [a, c].into_iter().enumerate() {
            let mut buf = [0u32; 2];
            let i = self.int_view(v, &mut buf);
            bits[k] = bigint::bit_len(i.mag) as i64;
            neg ^= i.neg;
        }
        if bits[0] <= 53 && bits[1] <= 53 {
            let (x, y) = (self.to_f64(a)?, self.to_f64(c)?);
            return self.new_float(x / y);
        }
        let shift = bits[0] - bits[1] - 55;
        let q = if shift > 1100 {
            f64::INFINITY
        } else if shift < -1200 {
            0.0
        } else {
            let base = self.sp;
            let mut xy = [a, c];
            for v in xy.iter_mut() {
                if self.int_sign(*v) == Ordering::Less {
                    *v = self.unary_op(UnaryOp::Neg, *v)?;
                }
                self.push(*v)?;
            }
            let (k, s) = if shift >= 0 { (1, shift) } else { (0, -shift) };
            xy[k] = self.binary_op(BinOp::LShift, xy[k], Value::int(s as i32))?;
            self.push(xy[k])?;
            let q = self.binary_op(BinOp::FloorDiv, xy[0], xy[1])?;
            self.push(q)?;
            let r = self.binary_op(BinOp::Mod, xy[0], xy[1])?;
            let q = self.int_to_i64(q).unwrap_or(0) as u64
                | (self.int_sign(r) != Ordering::Equal) as u64;
            self.sp = base;
            libm::ldexp(q as f64, shift as i32)
        };
        if q.is_infinite() {
            return Err(self.new_error(
                b::OVERFLOW_ERROR,
                format_args!("integer division result too large for a float"),
            ));
        }
        self.new_float(if neg { -q } else { q })
    }

    /// Is `v` a keys or items view (set-like, unlike a values view)?
    fn set_view(&self, v: Value) -> bool {
        self.is_tag(v, TAG_DICT_VIEW) && self.int_field(v, 2) != 1
    }

    /// Both operands as sets (views and other iterables copied into new
    /// ones), pushed on the stack: the caller resets it.
    fn set_operands(&mut self, a: Value, c: Value) -> Result<(Value, Value), Raised> {
        let mut out = [a, c];
        for v in out.iter_mut() {
            if !self.is_set(*v) {
                *v = self.set_from(TAG_SET, *v)?;
            }
            self.push(*v)?;
        }
        Ok((out[0], out[1]))
    }

    fn str_concat(&mut self, a: Value, c: Value) -> Result<Value, Raised> {
        let (la, lc) = (self.str_bytes(a).len(), self.str_bytes(c).len());
        if lc == 0 {
            return Ok(a);
        }
        if la == 0 {
            return Ok(c);
        }
        let chars = self.str_chars(a) + self.str_chars(c);
        let s = self.alloc_str(la + lc)?;
        self.copy_str_bytes(a, 0, s, 0, la);
        self.copy_str_bytes(c, 0, s, la, lc);
        Ok(self.finish_str_chars(s, chars))
    }

    fn seq_concat(&mut self, a: Value, c: Value, tag: u8) -> Result<Value, Raised> {
        let la = self.seq_parts(a).map_or(0, |p| p.1);
        let lc = self.seq_parts(c).map_or(0, |p| p.1);
        let r = if tag == TAG_TUPLE {
            self.new_tuple(la + lc)?
        } else {
            self.new_list(la + lc)?
        };
        let dst = if tag == TAG_TUPLE {
            r.index() + 2
        } else {
            self.field(r, 2).index() + 1
        };
        for (src, at, n) in [(a, 0, la), (c, la, lc)] {
            if n > 0 {
                let (base, _) = self.seq_parts(src).unwrap_or((0, 0));
                self.heap.words.copy_within(base..base + n, dst + at);
            }
        }
        if tag == TAG_LIST && la + lc > 0 {
            self.set_field(r, 1, Value::int((la + lc) as i32));
        }
        Ok(r)
    }

    fn seq_repeat(&mut self, seq: Value, count: usize) -> Result<Value, Raised> {
        if self.is_str(seq) {
            let n = self.str_bytes(seq).len();
            let total = n
                .checked_mul(count)
                .filter(|t| *t / 4 < self.heap.capacity());
            let Some(total) = total else {
                return Err(self.raise_memory_error());
            };
            let chars = self.str_chars(seq) * count;
            let s = self.alloc_str(total)?;
            for k in 0..count {
                self.copy_str_bytes(seq, 0, s, k * n, n);
            }
            return Ok(self.finish_str_chars(s, chars));
        }
        let tag = self.tag_of(seq);
        let n = self.seq_parts(seq).map_or(0, |p| p.1);
        let total = n.checked_mul(count).filter(|t| *t < self.heap.capacity());
        let Some(total) = total else {
            return Err(self.raise_memory_error());
        };
        let r = if tag == TAG_TUPLE {
            self.new_tuple(total)?
        } else {
            self.new_list(total)?
        };
        if total > 0 {
            let dst = if tag == TAG_TUPLE {
                r.index() + 2
            } else {
                self.field(r, 2).index() + 1
            };
            let (base, _) = self.seq_parts(seq).unwrap_or((0, 0));
            for k in 0..count {
                self.heap.words.copy_within(base..base + n, dst + k * n);
            }
            if tag == TAG_LIST {
                self.set_field(r, 1, Value::int(total as i32));
            }
        }
        Ok(r)
    }

    // ---- unary

    pub(crate) fn unary_op(&mut self, op: UnaryOp, a: Value) -> Result<Value, Raised> {
        if op == UnaryOp::Not {
            return Ok(Value::from_bool(!self.truthy(a)?));
        }
        if self.is_user_object(a)
            && let Some(v) = self.unary_dunder(op, a)?
        {
            return Ok(v);
        }
        match self.num(a) {
            Some(Num::Small(i)) => match op {
                UnaryOp::Neg => self.int_from_i64(-i),
                UnaryOp::Pos => self.int_from_i64(i),
                _ => self.int_from_i64(!i),
            },
            Some(Num::Float(f)) => match op {
                UnaryOp::Neg => self.new_float(-f),
                UnaryOp::Pos => Ok(a),
                _ => Err(self.type_error(format_args!("bad operand type for unary ~: 'float'"))),
            },
            Some(Num::Big) => {
                let l = self.int_limbs(a);
                match op {
                    UnaryOp::Neg => self.big_op(a, a, l, 0, |x, _, o, _| bigint::neg(x, o)),
                    UnaryOp::Pos => Ok(a),
                    _ => self.big_op(a, a, l + 1, 0, |x, _, o, _| bigint::invert(x, o)),
                }
            }
            None => {
                let tn = self.type_name(a);
                Err(self.type_error(format_args!(
                    "bad operand type for unary {}: '{tn}'",
                    op.symbol()
                )))
            }
        }
    }

    pub(crate) fn truthy(&mut self, v: Value) -> Result<bool, Raised> {
        if v == Value::TRUE {
            return Ok(true);
        }
        if v == Value::FALSE || v == Value::NONE {
            return Ok(false);
        }
        if let Some(i) = v.as_small() {
            return Ok(i != 0);
        }
        if v.as_qstr().is_some() {
            return Ok(!self.str_bytes(v).is_empty());
        }
        Ok(match self.tag_of(v) {
            TAG_FLOAT => self.float_of(v) != 0.0,
            TAG_STR => !self.str_bytes(v).is_empty(),
            TAG_TUPLE | TAG_LIST => self.seq_parts(v).is_some_and(|p| p.1 > 0),
            TAG_DICT | TAG_SET | TAG_FROZENSET => self.dict_len(v) > 0,
            TAG_RANGE => self.range_len(v) > 0,
            TAG_BYTES | TAG_BYTEARRAY => !self.byte_data(v).is_empty(),
            TAG_INSTANCE | TAG_EXCEPTION if self.is_user_object(v) => return self.truthy_dunder(v),
            _ => true,
        })
    }

    // ---- comparison

    pub(crate) fn compare_op(&mut self, op: CmpOp, a: Value, c: Value) -> Result<Value, Raised> {
        let user = self.is_user_object(a) || self.is_user_object(c);
        if user {
            match op {
                CmpOp::Eq | CmpOp::Ne => {
                    let ne = op == CmpOp::Ne;
                    let r = match self.eq_dunder(a, c, ne)? {
                        Some(b) => b,
                        None => (a == c) != ne,
                    };
                    return Ok(Value::from_bool(r));
                }
                CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => {
                    if let Some(v) = self.order_dunder(op, a, c)? {
                        return Ok(v);
                    }
                    let ta = self.type_name(a);
                    let tc = self.type_name(c);
                    return Err(self.type_error(format_args!(
                        "'{}' not supported between instances of '{ta}' and '{tc}'",
                        op.symbol()
                    )));
                }
                _ => {}
            }
        }
        Ok(Value::from_bool(match op {
            CmpOp::Eq => self.eq(a, c)?,
            CmpOp::Ne => !self.eq(a, c)?,
            CmpOp::Is => a == c,
            CmpOp::IsNot => a != c,
            CmpOp::In => self.contains(c, a)?,
            CmpOp::NotIn => !self.contains(c, a)?,
            CmpOp::ExcMatch => self.exception_matches(a, c)?,
            CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => {
                let ord = self.order(a, c, op, 0)?;
                match ord {
                    None => false, // NaN involved
                    Some(o) => match op {
                        CmpOp::Lt => o == Ordering::Less,
                        CmpOp::Le => o != Ordering::Greater,
                        CmpOp::Gt => o == Ordering::Greater,
                        _ => o != Ordering::Less,
                    },
                }
            }
        }))
    }

    /// The ordering of two values for `<`-family operators (`None` when a
    /// NaN makes every comparison false).
    fn order(
        &mut self,
        a: Value,
        c: Value,
        op: CmpOp,
        depth: u32,
    ) -> Result<Option<Ordering>, Raised> {
        if depth > 64 {
            return Err(self.raise_recursion_error());
        }
        if let (Some(x), Some(y)) = (self.num(a), self.num(c)) {
            return Ok(match (x, y) {
                (Num::Float(_), _) | (_, Num::Float(_)) => self.num_partial_cmp(a, c),
                _ => Some(self.int_cmp(a, c)),
            });
        }
        if self.is_str(a) && self.is_str(c) {
            return Ok(Some(self.str_bytes(a).cmp(self.str_bytes(c))));
        }
        if self.is_bytes_like(a) && self.is_bytes_like(c) {
            return Ok(Some(self.byte_data(a).cmp(self.byte_data(c))));
        }
        if self.is_set(a) && self.is_set(c) {
            // Sets are ordered by inclusion: report an ordering only when it
            // holds, so `<`/`<=`/`>`/`>=` test subset and superset.
            let (la, lc) = (self.dict_len(a), self.dict_len(c));
            let sub = self.set_subset(a, c)?;
            let sup = self.set_subset(c, a)?;
            return Ok(match (sub, sup) {
                (true, true) => Some(Ordering::Equal),
                (true, false) if la < lc => Some(Ordering::Less),
                (false, true) if la > lc => Some(Ordering::Greater),
                _ => None,
            });
        }
        let ta = self.tag_of(a);
        if (ta == TAG_LIST || ta == TAG_TUPLE) && self.tag_of(c) == ta {
            let (la, lc) = (
                self.seq_parts(a).map_or(0, |p| p.1),
                self.seq_parts(c).map_or(0, |p| p.1),
            );
            for i in 0..la.min(lc) {
                let (x, y) = (self.seq_get(a, i), self.seq_get(c, i));
                if !self.eq(x, y)? {
                    return self.order(x, y, op, depth + 1);
                }
            }
            return Ok(Some(la.cmp(&lc)));
        }
        let ta = self.type_name(a);
        let tc = self.type_name(c);
        Err(self.type_error(format_args!(
            "'{}' not supported between instances of '{ta}' and '{tc}'",
            op.symbol()
        )))
    }

    /// Numeric comparison where a float is involved. Ints too large for a
    /// float compare exactly through their sign.
    fn num_partial_cmp(&mut self, a: Value, c: Value) -> Option<Ordering> {
        // A big int against a float compares exactly, as in CPython: through
        // the float's integral part, when the float is finite.
        match (self.num(a), self.num(c)) {
            (Some(Num::Big), Some(Num::Float(f))) => return self.big_vs_float(a, f),
            (Some(Num::Float(f)), Some(Num::Big)) => {
                return self.big_vs_float(c, f).map(Ordering::reverse);
            }
            _ => {}
        }
        let fa = match self.num(a) {
            Some(Num::Float(f)) => Some(f),
            Some(Num::Small(i)) => Some(i as f64),
            _ => {
                let mut buf = [0u32; 2];
                self.int_view(a, &mut buf).to_f64()
            }
        };
        let fc = match self.num(c) {
            Some(Num::Float(f)) => Some(f),
            Some(Num::Small(i)) => Some(i as f64),
            _ => {
                let mut buf = [0u32; 2];
                self.int_view(c, &mut buf).to_f64()
            }
        };
        match (fa, fc) {
            (Some(x), Some(y)) => x.partial_cmp(&y),
            // A huge int against a float: the int's sign decides.
            (None, Some(y)) => {
                if y.is_nan() {
                    None
                } else {
                    Some(self.int_sign(a))
                }
            }
            (Some(x), None) => {
                if x.is_nan() {
                    None
                } else {
                    Some(self.int_sign(c).reverse())
                }
            }
            (None, None) => Some(Ordering::Equal),
        }
    }

    fn big_vs_float(&mut self, big: Value, f: f64) -> Option<Ordering> {
        if f.is_nan() {
            return None;
        }
        if f.is_infinite() {
            return Some(if f > 0.0 {
                Ordering::Less
            } else {
                Ordering::Greater
            });
        }
        let floor = libm::floor(f);
        let fi = self.push(big).and_then(|_| self.int_from_f64(floor));
        self.pop();
        let Ok(fi) = fi else { return None };
        Some(match self.int_cmp(big, fi) {
            // Equal to the floor: the float's fraction decides.
            Ordering::Equal if f > floor => Ordering::Less,
            o => o,
        })
    }

    /// Item `i` of a list or tuple.
    pub(crate) fn seq_get(&self, s: Value, i: usize) -> Value {
        match self.seq_parts(s) {
            Some((base, n)) if i < n => self.seq_item(base, i),
            _ => Value::NONE,
        }
    }

    /// `a == c`.
    pub(crate) fn eq(&mut self, a: Value, c: Value) -> Result<bool, Raised> {
        self.eq_depth(a, c, 0)
    }

    fn eq_depth(&mut self, a: Value, c: Value, depth: u32) -> Result<bool, Raised> {
        if a == c && !self.is_tag(a, TAG_FLOAT) {
            return Ok(true);
        }
        if depth > 64 {
            return Err(self.raise_recursion_error());
        }
        if self.is_user_object(a) || self.is_user_object(c) {
            return Ok(self.eq_dunder(a, c, false)?.unwrap_or(false));
        }
        if let (Some(x), Some(y)) = (self.num(a), self.num(c)) {
            return Ok(match (x, y) {
                (Num::Small(i), Num::Small(j)) => i == j,
                (Num::Float(f), Num::Float(g)) => f == g,
                (Num::Float(f), Num::Small(i)) | (Num::Small(i), Num::Float(f)) => f == i as f64,
                (Num::Float(f), Num::Big) | (Num::Big, Num::Float(f)) => {
                    // Exact: an integral float becomes an int and compares as one.
                    if !f.is_finite() || (f - libm::trunc(f)) != 0.0 {
                        return Ok(false);
                    }
                    let big = if self.is_tag(a, TAG_BIGINT) { a } else { c };
                    self.push(big)?;
                    let iv = self.int_from_f64(f);
                    self.pop();
                    self.int_cmp(iv?, big) == Ordering::Equal
                }
                _ => self.int_cmp(a, c) == Ordering::Equal,
            });
        }
        if self.is_str(a) && self.is_str(c) {
            return Ok(self.str_bytes(a) == self.str_bytes(c));
        }
        if (self.set_view(a) && (self.set_view(c) || self.is_set(c)))
            || (self.set_view(c) && self.is_set(a))
        {
            let base = self.sp;
            let r = self
                .set_operands(a, c)
                .and_then(|(x, y)| self.eq_depth(x, y, depth + 1));
            self.sp = base;
            return r;
        }
        if self.is_set(a) && self.is_set(c) {
            return Ok(self.dict_len(a) == self.dict_len(c) && self.set_subset(a, c)?);
        }
        if self.is_bytes_like(a) && self.is_bytes_like(c) {
            return Ok(self.byte_data(a) == self.byte_data(c));
        }
        let ta = self.tag_of(a);
        if ta != self.tag_of(c) {
            return Ok(false);
        }
        match ta {
            TAG_LIST | TAG_TUPLE => {
                let (la, lc) = (
                    self.seq_parts(a).map_or(0, |p| p.1),
                    self.seq_parts(c).map_or(0, |p| p.1),
                );
                if la != lc {
                    return Ok(false);
                }
                for i in 0..la {
                    let (x, y) = (self.seq_get(a, i), self.seq_get(c, i));
                    if !self.eq_depth(x, y, depth + 1)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            TAG_DICT => {
                if self.dict_len(a) != self.dict_len(c) {
                    return Ok(false);
                }
                for i in 0..self.dict_entry_count(a) {
                    let (k, v) = self.dict_entry(a, i);
                    if k == Value::DELETED {
                        continue;
                    }
                    match self.dict_get(c, k)? {
                        Some(w) => {
                            if !self.eq_depth(v, w, depth + 1)? {
                                return Ok(false);
                            }
                        }
                        None => return Ok(false),
                    }
                }
                Ok(true)
            }
            TAG_RANGE => {
                let (la, lc) = (self.range_len(a), self.range_len(c));
                if la != lc {
                    return Ok(false);
                }
                if la == 0 {
                    return Ok(true);
                }
                if self.field(a, 1) != self.field(c, 1) {
                    return Ok(false);
                }
                Ok(la == 1 || self.field(a, 3) == self.field(c, 3))
            }
            _ => Ok(false),
        }
    }

    /// The hash dicts use: equal values hash alike (1 == 1.0 == True).
    pub(crate) fn hash(&mut self, v: Value) -> Result<u32, Raised> {
        self.hash_depth(v, 0)
    }

    fn hash_depth(&mut self, v: Value, depth: u32) -> Result<u32, Raised> {
        if depth > 64 {
            return Err(self.raise_recursion_error());
        }
        if let Some(i) = v.as_small() {
            return Ok(if i == -1 { -2i32 as u32 } else { i as u32 });
        }
        if v.as_qstr().is_some() {
            return Ok(self.str_hash(v));
        }
        if v == Value::TRUE {
            return Ok(1);
        }
        if v == Value::FALSE {
            return Ok(0);
        }
        if v == Value::NONE {
            return Ok(NONE_HASH);
        }
        match self.tag_of(v) {
            TAG_BYTES => Ok(image_format::qstr::str_hash(self.byte_data(v))),
            TAG_BYTEARRAY => Err(self.type_error(format_args!("unhashable type: 'bytearray'"))),
            TAG_STR => Ok(self.str_hash(v)),
            TAG_FLOAT => Ok(fl::float_hash(self.float_of(v)).unwrap_or(v.0 as i64) as u32),
            TAG_BIGINT => {
                let mut buf = [0u32; 2];
                Ok(self.int_view(v, &mut buf).hash() as u32)
            }
            TAG_TUPLE => {
                let n = self.seq_parts(v).map_or(0, |p| p.1);
                let mut h: u32 = 0x345678;
                for i in 0..n {
                    let x = self.seq_get(v, i);
                    let hx = self.hash_depth(x, depth + 1)?;
                    h = (h ^ hx).wrapping_mul(1_000_003).rotate_left(5);
                }
                Ok(h ^ n as u32)
            }
            TAG_LIST | TAG_DICT | TAG_SET => {
                let tn = self.type_name(v);
                Err(self.type_error(format_args!("unhashable type: '{tn}'")))
            }
            TAG_FROZENSET => {
                // Order-independent: combine the element hashes commutatively.
                let mut h: u32 = 0x1d5_9b5d;
                let mut i = 0;
                while i < self.dict_entry_count(v) {
                    let (k, _) = self.dict_entry(v, i);
                    i += 1;
                    if k != Value::DELETED {
                        let hk = self.hash_depth(k, depth + 1)?;
                        h = h.wrapping_add(
                            (hk ^ (hk << 16) ^ 89_869_747).wrapping_mul(3_644_798_167),
                        );
                    }
                }
                Ok(h ^ (self.dict_len(v) as u32).wrapping_mul(1_927_868_237))
            }
            TAG_INSTANCE | TAG_EXCEPTION if self.is_user_object(v) => self.hash_dunder(v),
            _ => Ok(v.0.wrapping_mul(0x9e37_79b9)),
        }
    }

    /// `item in container`.
    pub(crate) fn contains(&mut self, container: Value, item: Value) -> Result<bool, Raised> {
        if self.is_bytes_like(container) {
            if let Some(i) = self.int_to_i64(item).filter(|_| self.is_int(item)) {
                if !(0..256).contains(&i) {
                    return Err(self.value_error(format_args!("byte must be in range(0, 256)")));
                }
                return Ok(self.byte_data(container).contains(&(i as u8)));
            }
            if self.is_bytes_like(item) {
                return Ok(crate::text::find_bytes(
                    self.byte_data(container),
                    self.byte_data(item),
                    0,
                )
                .is_some());
            }
            let tn = self.type_name(item);
            return Err(
                self.type_error(format_args!("a bytes-like object is required, not '{tn}'"))
            );
        }
        if self.is_user_object(container) {
            if let Some(r) = self.call_dunder(container, q::DUNDER_CONTAINS, &[item])? {
                return self.truthy(r);
            }
            if self.has_dunder(container, q::DUNDER_ITER)?
                || self.has_dunder(container, q::DUNDER_GETITEM)?
            {
                let it = self.get_iter(container)?;
                self.push(it)?;
                let r = loop {
                    match self.iter_next(it) {
                        Ok(Some(x)) => match self.eq(x, item) {
                            Ok(true) => break Ok(true),
                            Ok(false) => {}
                            Err(e) => break Err(e),
                        },
                        Ok(None) => break Ok(false),
                        Err(e) => break Err(e),
                    }
                };
                self.pop();
                return r;
            }
        }
        if self.is_str(container) {
            if !self.is_str(item) {
                let tn = self.type_name(item);
                return Err(self.type_error(format_args!(
                    "'in <string>' requires string as left operand, not {tn}"
                )));
            }
            let (h, n) = (self.str_bytes(container), self.str_bytes(item));
            return Ok(crate::text::find_bytes(h, n, 0).is_some());
        }
        match self.tag_of(container) {
            TAG_LIST | TAG_TUPLE => {
                let n = self.seq_parts(container).map_or(0, |p| p.1);
                for i in 0..n {
                    let x = self.seq_get(container, i);
                    if self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            TAG_DICT => Ok(self.dict_get(container, item)?.is_some()),
            TAG_SET | TAG_FROZENSET => {
                // A set as an element is looked up as the equal frozenset.
                let probe = if self.is_tag(item, TAG_SET) {
                    self.frozen_copy(item)?
                } else {
                    item
                };
                Ok(self.dict_get(container, probe)?.is_some())
            }
            TAG_DICT_VIEW => {
                let d = self.field(container, 1);
                let kind = self.int_field(container, 2);
                if kind == 0 {
                    return Ok(self.dict_get(d, item)?.is_some());
                }
                for i in 0..self.dict_entry_count(d) {
                    let (k, v) = self.dict_entry(d, i);
                    if k == Value::DELETED {
                        continue;
                    }
                    let hit = if kind == 1 {
                        self.eq(v, item)?
                    } else {
                        self.is_tag(item, TAG_TUPLE)
                            && self.seq_parts(item).map_or(0, |p| p.1) == 2
                            && {
                                let (ik, iv) = (self.seq_get(item, 0), self.seq_get(item, 1));
                                self.eq(k, ik)? && self.eq(v, iv)?
                            }
                    };
                    if hit {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            TAG_RANGE => {
                if !self.is_int(item) {
                    // CPython falls back to iteration with ==; floats equal to members count.
                    if let Some(Num::Float(f)) = self.num(item) {
                        if (f - libm::trunc(f)) != 0.0 || !f.is_finite() {
                            return Ok(false);
                        }
                        let iv = self.int_from_f64(f)?;
                        return self.contains(container, iv);
                    }
                    return Ok(false);
                }
                let Some(x) = self.int_to_i64(item) else {
                    return Ok(false);
                };
                let (start, stop, step) = self.range_parts(container);
                let inside = if step > 0 {
                    x >= start && x < stop
                } else {
                    x <= start && x > stop
                };
                Ok(inside && (x - start) % step == 0)
            }
            _ if self.is_iterator(container) => {
                while let Some(x) = self.iter_next(container)? {
                    if self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => {
                let tn = self.type_name(container);
                Err(self.type_error(format_args!("argument of type '{tn}' is not iterable")))
            }
        }
    }

    pub(crate) fn range_parts(&self, r: Value) -> (i64, i64, i64) {
        let g = |i| self.field(r, i).as_small().unwrap_or(0) as i64;
        (g(1), g(2), g(3))
    }

    pub(crate) fn range_len(&self, r: Value) -> usize {
        let (start, stop, step) = self.range_parts(r);
        if step > 0 && start < stop {
            ((stop - start + step - 1) / step) as usize
        } else if step < 0 && start > stop {
            ((start - stop - step - 1) / (-step)) as usize
        } else {
            0
        }
    }

    pub(crate) fn float_error(&mut self, e: fl::FloatError) -> Raised {
        use fl::FloatError as E;
        let cls = match e {
            E::DivisionByZero
            | E::FloorDivisionByZero
            | E::ModuloByZero
            | E::DivmodByZero
            | E::ZeroToNegativePower => b::ZERO_DIVISION_ERROR,
            E::PowOverflow | E::RoundOverflow => b::OVERFLOW_ERROR,
            E::NegativeToFractionalPower => b::VALUE_ERROR,
        };
        self.new_error(cls, format_args!("{}", e.message()))
    }
}
