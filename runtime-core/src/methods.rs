//! Methods of the builtin types, dispatched by (type, name id).
//!
//! `LOAD_METHOD` pushes `Value::method(name)` and the receiver when
//! [`has_method`] says the receiver's type has that method; `CALL_METHOD`
//! then lands in [`Vm::call_method`]. No bound-method object is allocated.

use crate::builtins as b;
use crate::heap::*;
use crate::natives::Args;
use crate::text::find_bytes;
use crate::uchar;
use crate::value::Value;
use crate::{Host, Raised, Vm};
use image_format::ops::BinOp;
use image_format::qstr as q;

const STR_METHODS: &[u16] = &[
    q::FORMAT,
    q::ENCODE,
    q::JOIN,
    q::SPLIT,
    q::RSPLIT,
    q::STRIP,
    q::LSTRIP,
    q::RSTRIP,
    q::REPLACE,
    q::STARTSWITH,
    q::ENDSWITH,
    q::REMOVEPREFIX,
    q::REMOVESUFFIX,
    q::UPPER,
    q::LOWER,
    q::FIND,
    q::RFIND,
    q::INDEX,
    q::RINDEX,
    q::COUNT,
    q::ISDIGIT,
    q::ISALPHA,
    q::ISSPACE,
    q::ISALNUM,
    q::ISUPPER,
    q::ISLOWER,
    q::ZFILL,
    q::CENTER,
    q::LJUST,
    q::RJUST,
    q::PARTITION,
    q::RPARTITION,
    q::SPLITLINES,
    q::CAPITALIZE,
    q::TITLE,
    q::SWAPCASE,
    q::ISTITLE,
    q::ISASCII,
    q::EXPANDTABS,
];
/// str methods bytes do not have (nor do `format` and `encode`).
const STR_ONLY_METHODS: &[u16] = &[
    q::ISIDENTIFIER,
    q::ISDECIMAL,
    q::ISNUMERIC,
    q::ISPRINTABLE,
    q::CASEFOLD,
    q::TRANSLATE,
    q::FORMAT_MAP,
];
const LIST_METHODS: &[u16] = &[
    q::APPEND,
    q::POP,
    q::INSERT,
    q::REMOVE,
    q::INDEX,
    q::COUNT,
    q::EXTEND,
    q::REVERSE,
    q::COPY,
    q::CLEAR,
    q::SORT,
];
const TUPLE_METHODS: &[u16] = &[q::INDEX, q::COUNT];
const DICT_METHODS: &[u16] = &[
    q::KEYS,
    q::VALUES,
    q::ITEMS,
    q::GET,
    q::POP,
    q::SETDEFAULT,
    q::UPDATE,
    q::CLEAR,
    q::COPY,
    q::POPITEM,
];
const INT_METHODS: &[u16] = &[
    q::BIT_LENGTH,
    q::TO_BYTES,
    q::CONJUGATE,
    q::AS_INTEGER_RATIO,
];
const FLOAT_METHODS: &[u16] = &[q::IS_INTEGER, q::CONJUGATE, q::AS_INTEGER_RATIO];
const RANGE_METHODS: &[u16] = &[q::INDEX, q::COUNT];

/// The binary operator a number's `__add__`, `__radd__`, … stands for, and
/// whether it is the reflected one.
fn number_dunder(name: u32) -> Option<(BinOp, bool)> {
    let n = name as u16;
    let (first, reflected) = if (q::DUNDER_ADD..=q::DUNDER_MATMUL).contains(&n) {
        (q::DUNDER_ADD, false)
    } else if (q::DUNDER_RADD..=q::DUNDER_RMATMUL).contains(&n) {
        (q::DUNDER_RADD, true)
    } else {
        return None;
    };
    BinOp::from_u8((n - first) as u8).map(|op| (op, reflected))
}

/// Does builtin type `ty` have method `name`?
pub(crate) fn has_method(ty: u16, name: u32) -> bool {
    let table = match ty {
        b::STR if STR_ONLY_METHODS.iter().any(|&m| m as u32 == name) => return true,
        b::STR => STR_METHODS,
        b::LIST => LIST_METHODS,
        b::TUPLE => TUPLE_METHODS,
        b::DICT => DICT_METHODS,
        b::INT | b::BOOL | b::FLOAT if number_dunder(name).is_some() => return true,
        b::INT | b::BOOL => INT_METHODS,
        b::FLOAT => FLOAT_METHODS,
        b::RANGE => RANGE_METHODS,
        b::SET => return crate::sets::has_set_method(false, name),
        b::GENERATOR => return crate::gens::has_gen_method(name),
        b::BYTES | b::BYTEARRAY => {
            let extra: &[u16] = if ty == b::BYTEARRAY {
                &[
                    q::APPEND,
                    q::EXTEND,
                    q::POP,
                    q::INSERT,
                    q::REMOVE,
                    q::REVERSE,
                    q::CLEAR,
                    q::COPY,
                ]
            } else {
                &[]
            };
            return name == q::DECODE as u32
                || name == q::HEX as u32
                || extra.iter().any(|&m| m as u32 == name)
                || STR_METHODS
                    .iter()
                    .any(|&m| m as u32 == name && m != q::FORMAT && m != q::ENCODE);
        }
        b::FROZENSET => return crate::sets::has_set_method(true, name),
        _ => return false,
    };
    table.iter().any(|&m| m as u32 == name)
}

impl<'a, H: Host> Vm<'a, H> {
    pub(crate) fn call_method(
        &mut self,
        recv: Value,
        name: u32,
        at: usize,
        argc: usize,
        nkw: usize,
    ) -> Result<Value, Raised> {
        let a = Args { at, argc, nkw };
        if name == q::DUNDER_INIT as u32
            && (self.is_tag(recv, TAG_EXCEPTION) || self.is_tag(recv, TAG_INSTANCE))
        {
            // The builtin `__init__` a `super().__init__(...)` reaches.
            if self.is_tag(recv, TAG_EXCEPTION) {
                let t = self.new_tuple(argc)?;
                for i in 0..argc {
                    let v = self.arg(a, i);
                    self.set_field(t, 2 + i, v);
                }
                self.set_field(recv, 2, t);
            } else if argc + nkw > 0 {
                return Err(self.type_error(format_args!(
                    "object.__init__() takes exactly one argument (the instance to initialize)"
                )));
            }
            return Ok(Value::NONE);
        }
        if self.is_tag(recv, TAG_PROPERTY) {
            if argc != 1 {
                return Err(
                    self.type_error(format_args!("property methods take exactly one argument"))
                );
            }
            let f = self.arg(a, 0);
            return self.property_method(recv, name, f);
        }
        let ty = self.type_id(recv);
        let mname = self.image.qstr(name);
        let tname = self.type_name(recv);
        // `list.sort` is the only method here taking keywords.
        if nkw > 0
            && !(ty == b::LIST && name == q::SORT as u32)
            && !(ty == b::STR
                && (name == q::SPLIT as u32
                    || name == q::RSPLIT as u32
                    || name == q::FORMAT as u32))
            && !(ty == b::DICT && name == q::UPDATE as u32)
            && !(ty == b::INT && name == q::TO_BYTES as u32)
            && ty != b::MACHINE_PIN
        {
            return Err(
                self.type_error(format_args!("{tname}.{mname}() takes no keyword arguments"))
            );
        }
        match ty {
            b::STR if name == q::FORMAT as u32 => self.str_format(recv, a),
            b::STR if name == q::ENCODE as u32 => {
                self.method_args(a, "encode", 0, 2)?;
                let enc = self.arg_or_null(a, 0);
                let errors = self.arg_or_null(a, 1);
                self.encode_str(TAG_BYTES, recv, enc, errors)
            }
            b::STR => self.str_method(recv, name as u16, a),
            b::LIST => self.list_method(recv, name as u16, a),
            b::TUPLE => self.seq_method(recv, name as u16, a, "tuple"),
            b::DICT => self.dict_method(recv, name as u16, a),
            b::SET | b::FROZENSET => self.set_method(recv, name as u16, a),
            b::BYTES | b::BYTEARRAY => self.bytes_method(recv, name as u16, a),
            b::GENERATOR => self.gen_method(recv, name as u16, at, argc),
            b::MACHINE_PIN => self.pin_method(recv, name, a),
            b::INT | b::BOOL | b::FLOAT => self.number_method(recv, name, a),
            b::RANGE => self.range_method(recv, name as u16, a),
            _ => Err(self.no_attribute(recv, name)),
        }
    }

    fn number_method(&mut self, x: Value, name: u32, a: Args) -> Result<Value, Raised> {
        // CPython names these `int.bit_length()` in its messages.
        let mut full = crate::text::StackBuf::<40>::new();
        let _ = core::fmt::write(
            &mut full,
            format_args!("{}.{}", self.type_name(x), self.image.qstr(name)),
        );
        let mname = full.as_str();
        if let Some((op, reflected)) = number_dunder(name) {
            self.method_args(a, mname, 1, 1)?;
            let y = self.arg(a, 0);
            // A number's operator methods know numbers only.
            if self.num(y).is_none() || (self.is_int(x) && !self.is_int(y)) {
                return Ok(Value::NOT_IMPLEMENTED);
            }
            let (l, r) = if reflected { (y, x) } else { (x, y) };
            return self.binary_op(op, l, r);
        }
        if name == q::TO_BYTES as u32 {
            return self.int_to_bytes(x, a);
        }
        self.method_args(a, mname, 0, 0)?;
        let is_float = self.is_tag(x, TAG_FLOAT);
        match name as u16 {
            q::BIT_LENGTH => {
                let mut buf = [0u32; 2];
                let bits = crate::num::bigint::bit_len(self.int_view(x, &mut buf).mag);
                self.int_from_i64(bits as i64)
            }
            q::IS_INTEGER => Ok(Value::from_bool(crate::num::float::is_integer(
                self.float_of(x),
            ))),
            // `+x` makes a bool an int; a float is its own conjugate.
            q::CONJUGATE if is_float => Ok(x),
            q::CONJUGATE => self.unary_op(image_format::ops::UnaryOp::Pos, x),
            _ if !is_float => {
                let n = self.unary_op(image_format::ops::UnaryOp::Pos, x)?;
                self.push(n)?;
                self.push(Value::int(1))?;
                self.build_tuple(2)?;
                Ok(self.pop())
            }
            _ => self.float_ratio(self.float_of(x)),
        }
    }

    /// `float.as_integer_ratio()`: the exact fraction, in lowest terms.
    fn float_ratio(&mut self, f: f64) -> Result<Value, Raised> {
        if !f.is_finite() {
            return Err(if f.is_nan() {
                self.value_error(format_args!("cannot convert NaN to integer ratio"))
            } else {
                self.new_error(
                    b::OVERFLOW_ERROR,
                    format_args!("cannot convert Infinity to integer ratio"),
                )
            });
        }
        let (m, mut e) = libm::frexp(f);
        // f = m * 2**e with 0.5 <= |m| < 1: scale m to a 53-bit integer,
        // then drop its trailing zero bits.
        let mut n = (m * (1u64 << 53) as f64) as i64;
        e = if n == 0 { 0 } else { e - 53 };
        while n != 0 && n & 1 == 0 && e < 0 {
            n >>= 1;
            e += 1;
        }
        let num = self.int_from_i64(n)?;
        self.push(num)?;
        let (l, r) = if e >= 0 {
            (num, e)
        } else {
            (Value::int(1), -e)
        };
        let v = self.binary_op(BinOp::LShift, l, Value::int(r))?;
        if e >= 0 {
            self.pop();
            self.push(v)?;
            self.push(Value::int(1))?;
        } else {
            self.push(v)?;
        }
        self.build_tuple(2)?;
        Ok(self.pop())
    }

    fn range_method(&mut self, r: Value, name: u16, a: Args) -> Result<Value, Raised> {
        self.method_args(
            a,
            if name == q::COUNT {
                "range.count"
            } else {
                "range.index"
            },
            1,
            1,
        )?;
        let x = self.arg(a, 0);
        let (start, _, step) = self.range_parts(r);
        let n = self.range_len(r) as i64;
        // The position of an int in the range, else by equality.
        let mut found = None;
        if self.is_int(x) {
            if let Some(d) = self.int_to_i64(x).and_then(|i| i.checked_sub(start)) {
                let k = d / step;
                if d % step == 0 && (0..n).contains(&k) {
                    found = Some(k);
                }
            }
        } else {
            for k in 0..n {
                let y = self.int_from_i64(start + k * step)?;
                if self.eq(y, x)? {
                    found = Some(k);
                    break;
                }
            }
        }
        match found {
            _ if name == q::COUNT => Ok(Value::int(found.is_some() as i32)),
            Some(k) => self.int_from_i64(k),
            None if !self.is_int(x) => {
                Err(self.value_error(format_args!("sequence.index(x): x not in sequence")))
            }
            None => {
                let r = self.to_repr(x)?;
                let mut buf = crate::text::StackBuf::<160>::new();
                buf.push_bytes(self.str_bytes(r));
                Err(self.value_error(format_args!("{} is not in range", buf.as_str())))
            }
        }
    }

    fn method_args(&mut self, a: Args, name: &str, min: usize, max: usize) -> Result<(), Raised> {
        if max == 0 && a.argc > 0 {
            return Err(self.type_error(format_args!(
                "{name}() takes no arguments ({} given)",
                a.argc
            )));
        }
        self.arg_count(a, name, min, max)
    }

    fn need_str(&mut self, v: Value, what: &str) -> Result<(), Raised> {
        if !self.is_str(v) {
            let tn = self.type_name(v);
            return Err(self.type_error(format_args!("{what} must be str, not {tn}")));
        }
        Ok(())
    }

    /// Optional `start`/`end` arguments as byte offsets (code-point indices
    /// converted; negative values count from the end).
    fn str_range(&mut self, s: Value, a: Args, first: usize) -> Result<(usize, usize), Raised> {
        let n = self.str_chars(s) as i64;
        let mut bounds = [0i64, n];
        for (k, slot) in bounds.iter_mut().enumerate() {
            if a.argc > first + k {
                let v = self.arg(a, first + k);
                if v == Value::NONE {
                    continue;
                }
                let Some(mut i) = self.int_to_i64(v).filter(|_| self.is_int(v)) else {
                    return Err(self.type_error(format_args!(
                        "slice indices must be integers or None or have an __index__ method"
                    )));
                };
                if i < 0 {
                    i = (i + n).max(0);
                }
                *slot = i.min(n);
            }
        }
        let (st, en) = (bounds[0] as usize, bounds[1] as usize);
        Ok((self.char_offset(s, st), self.char_offset(s, en.max(st))))
    }

    /// The code point at byte offset `at` of str `s`, and its length in bytes.
    pub(crate) fn char_at(&self, s: Value, at: usize) -> (u32, usize) {
        let k = next_char(self.str_bytes(s), at);
        let c = core::str::from_utf8(&self.str_bytes(s)[at..at + k])
            .ok()
            .and_then(|t| t.chars().next())
            .map_or(0, |c| c as u32);
        (c, k)
    }

    /// `str.maketrans(x[, y[, z]])`: a dict from code points to code
    /// points, strs or None.
    pub(crate) fn str_maketrans(&mut self, a: Args) -> Result<Value, Raised> {
        self.arg_count(a, "maketrans", 1, 3)?;
        let x = self.arg(a, 0);
        let d = self.new_dict(0)?;
        self.push(d)?;
        if a.argc == 1 {
            if !self.is_tag(x, TAG_DICT) {
                return Err(self.type_error(format_args!(
                    "if you give only one argument to maketrans it must be a dict"
                )));
            }
            for i in 0..self.dict_entry_count(x) {
                let (k, v) = self.dict_entry(x, i);
                let key = if self.is_str(k) && self.str_chars(k) == 1 {
                    Value::int(self.char_at(k, 0).0 as i32)
                } else if self.is_int(k) {
                    k
                } else if self.is_str(k) {
                    return Err(self.value_error(format_args!(
                        "string keys in translate table must be of length 1"
                    )));
                } else if k == Value::DELETED {
                    continue;
                } else {
                    return Err(self.type_error(format_args!(
                        "keys in translate table must be strings or integers"
                    )));
                };
                self.dict_set(d, key, v)?;
            }
            return Ok(self.pop());
        }
        for i in 0..a.argc {
            let v = self.arg(a, i);
            if !self.is_str(v) {
                let tn = self.type_name(v);
                return Err(self.type_error(format_args!(
                    "maketrans() argument {} must be str, not {tn}",
                    i + 1
                )));
            }
        }
        let y = self.arg(a, 1);
        if self.str_chars(x) != self.str_chars(y) {
            return Err(self.value_error(format_args!(
                "the first two maketrans arguments must have equal length"
            )));
        }
        let (mut i, mut j) = (0, 0);
        while i < self.str_bytes(x).len() {
            let (c, k) = self.char_at(x, i);
            let (t, m) = self.char_at(y, j);
            self.dict_set(d, Value::int(c as i32), Value::int(t as i32))?;
            i += k;
            j += m;
        }
        if a.argc == 3 {
            let z = self.arg(a, 2);
            let mut i = 0;
            while i < self.str_bytes(z).len() {
                let (c, k) = self.char_at(z, i);
                self.dict_set(d, Value::int(c as i32), Value::NONE)?;
                i += k;
            }
        }
        Ok(self.pop())
    }

    pub(crate) fn byte_to_char_index(&self, s: Value, byte: usize) -> usize {
        crate::objects::count_chars(&self.str_bytes(s)[..byte])
    }

    fn str_method(&mut self, s: Value, name: u16, a: Args) -> Result<Value, Raised> {
        match name {
            q::JOIN => {
                self.method_args(a, "join", 1, 1)?;
                let it = self.arg(a, 0);
                let it = if self.seq_parts(it).is_some() {
                    it
                } else {
                    self.get_iter(it).map_err(|e| {
                        if self.exc_is(self.exc, b::TYPE_ERROR) {
                            self.type_error(format_args!("can only join an iterable"))
                        } else {
                            e
                        }
                    })?
                };
                self.push(it)?;
                let l = self.to_list(it);
                self.pop();
                let l = l?;
                self.push(l)?;
                let n = self.list_len(l);
                let sep_len = self.str_bytes(s).len();
                let mut total = 0;
                for i in 0..n {
                    let x = self.seq_get(l, i);
                    if !self.is_str(x) {
                        let tn = self.type_name(x);
                        self.pop();
                        return Err(self.type_error(format_args!(
                            "sequence item {i}: expected str instance, {tn} found"
                        )));
                    }
                    total += self.str_bytes(x).len();
                }
                total += sep_len * n.saturating_sub(1);
                let r = self.alloc_str(total);
                let r = match r {
                    Ok(r) => r,
                    Err(e) => {
                        self.pop();
                        return Err(e);
                    }
                };
                let mut at = 0;
                for i in 0..n {
                    if i > 0 {
                        self.copy_str_bytes(s, 0, r, at, sep_len);
                        at += sep_len;
                    }
                    let x = self.seq_get(l, i);
                    let k = self.str_bytes(x).len();
                    self.copy_str_bytes(x, 0, r, at, k);
                    at += k;
                }
                self.pop();
                Ok(self.finish_str(r))
            }
            q::SPLIT | q::RSPLIT => self.str_split(s, a, name == q::RSPLIT),
            q::STRIP | q::LSTRIP | q::RSTRIP => {
                self.method_args(a, "strip", 0, 1)?;
                let chars = if a.argc == 1 && self.arg(a, 0) != Value::NONE {
                    let c = self.arg(a, 0);
                    self.need_str(c, "strip arg")?;
                    Some(c)
                } else {
                    None
                };
                let (mut from, mut to) = (0, self.str_bytes(s).len());
                // The character at bytes `[at, at + k)` of `s`: one of
                // `chars` (UTF-8 matches only whole characters), or space.
                let is_strip = |vm: &Self, at: usize, k: usize| -> bool {
                    let ch = &vm.str_bytes(s)[at..at + k];
                    match chars {
                        Some(c) => find_bytes(vm.str_bytes(c), ch, 0).is_some(),
                        None => core::str::from_utf8(ch)
                            .is_ok_and(|t| t.chars().all(char::is_whitespace)),
                    }
                };
                if name != q::RSTRIP {
                    while from < to {
                        let ch = next_char(self.str_bytes(s), from);
                        if !is_strip(self, from, ch) {
                            break;
                        }
                        from += ch;
                    }
                }
                if name != q::LSTRIP {
                    while to > from {
                        let ch = prev_char(self.str_bytes(s), to);
                        if !is_strip(self, to - ch, ch) {
                            break;
                        }
                        to -= ch;
                    }
                }
                self.new_substr(s, from, to)
            }
            q::REPLACE => {
                self.method_args(a, "replace", 2, 3)?;
                let (old, new) = (self.arg(a, 0), self.arg(a, 1));
                self.need_str(old, "replace() argument 1")?;
                self.need_str(new, "replace() argument 2")?;
                let limit = if a.argc == 3 {
                    self.int_to_i64(self.arg(a, 2)).unwrap_or(-1)
                } else {
                    -1
                };
                let (sl, ol, nl) = (
                    self.str_bytes(s).len(),
                    self.str_bytes(old).len(),
                    self.str_bytes(new).len(),
                );
                // Count matches first, then build.
                let mut count = 0usize;
                let mut at = 0;
                let positions_limit = if limit < 0 {
                    usize::MAX
                } else {
                    limit as usize
                };
                if ol == 0 {
                    count = (self.str_chars(s) + 1).min(positions_limit);
                } else {
                    while count < positions_limit {
                        match find_bytes(self.str_bytes(s), self.str_bytes(old), at) {
                            Some(p) => {
                                count += 1;
                                at = p + ol;
                            }
                            None => break,
                        }
                    }
                }
                if count == 0 {
                    return Ok(s);
                }
                let total = sl + count * nl - count * ol;
                let r = self.alloc_str(total)?;
                let (mut src, mut dst, mut done) = (0, 0, 0);
                while done < count {
                    let p = if ol == 0 {
                        if done == 0 {
                            0
                        } else {
                            src + next_char(self.str_bytes(s), src)
                        }
                    } else {
                        find_bytes(self.str_bytes(s), self.str_bytes(old), src).unwrap_or(sl)
                    };
                    let p = p.min(sl);
                    self.copy_str_bytes(s, src, r, dst, p - src);
                    dst += p - src;
                    self.copy_str_bytes(new, 0, r, dst, nl);
                    dst += nl;
                    src = p + ol;
                    done += 1;
                }
                self.copy_str_bytes(s, src, r, dst, sl - src);
                Ok(self.finish_str(r))
            }
            q::REMOVEPREFIX | q::REMOVESUFFIX => {
                let prefix = name == q::REMOVEPREFIX;
                let mname = if prefix {
                    "removeprefix"
                } else {
                    "removesuffix"
                };
                self.method_args(a, mname, 1, 1)?;
                let affix = self.arg(a, 0);
                if !self.is_str(affix) {
                    let tn = self.type_name(affix);
                    return Err(
                        self.type_error(format_args!("{mname}() argument must be str, not {tn}"))
                    );
                }
                let (hay, cut) = (self.str_bytes(s), self.str_bytes(affix));
                // An empty affix matches and cuts nothing, as in CPython.
                let (from, to) = if prefix && hay.starts_with(cut) {
                    (cut.len(), hay.len())
                } else if !prefix && hay.ends_with(cut) {
                    (0, hay.len() - cut.len())
                } else {
                    (0, hay.len())
                };
                self.new_substr(s, from, to)
            }
            q::STARTSWITH | q::ENDSWITH => {
                let mname = if name == q::STARTSWITH {
                    "startswith"
                } else {
                    "endswith"
                };
                self.method_args(a, mname, 1, 3)?;
                let (from, to) = self.str_range(s, a, 1)?;
                let p = self.arg(a, 0);
                let prefixes: &[Value] = &[p];
                let n = if self.is_tag(p, TAG_TUPLE) {
                    self.seq_parts(p).map_or(0, |x| x.1)
                } else {
                    1
                };
                for i in 0..n {
                    let cand = if self.is_tag(p, TAG_TUPLE) {
                        self.seq_get(p, i)
                    } else {
                        prefixes[0]
                    };
                    if !self.is_str(cand) {
                        let tn = self.type_name(cand);
                        return Err(self.type_error(format_args!(
                            "{mname} first arg must be str or a tuple of str, not {tn}"
                        )));
                    }
                    let hay = &self.str_bytes(s)[from..to];
                    let needle = self.str_bytes(cand);
                    let hit = if name == q::STARTSWITH {
                        hay.starts_with(needle)
                    } else {
                        hay.ends_with(needle)
                    };
                    if hit {
                        return Ok(Value::TRUE);
                    }
                }
                Ok(Value::FALSE)
            }
            q::UPPER | q::LOWER | q::SWAPCASE | q::CAPITALIZE | q::TITLE | q::CASEFOLD => {
                self.method_args(a, "upper", 0, 0)?;
                self.build_str(|vm, out| {
                    let len = vm.str_bytes(s).len();
                    let mut at = 0;
                    let mut prev_cased = false;
                    let mut first = true;
                    while at < len {
                        let k = next_char(vm.str_bytes(s), at);
                        let ch = core::str::from_utf8(&vm.str_bytes(s)[at..at + k])
                            .ok()
                            .and_then(|t| t.chars().next())
                            .unwrap_or('\u{fffd}');
                        let mut buf = [0u8; 16];
                        let mut n = 0;
                        let mut put = |c: char, buf: &mut [u8; 16]| {
                            n += c.encode_utf8(&mut buf[n..]).len();
                        };
                        let upper = match name {
                            q::UPPER => true,
                            q::LOWER | q::CASEFOLD => false,
                            q::SWAPCASE => uchar::is_lowercase(ch),
                            q::CAPITALIZE => first,
                            _ => !prev_cased,
                        };
                        if name == q::CASEFOLD && ch == 'ß' {
                            put('s', &mut buf);
                            put('s', &mut buf);
                        } else if upper {
                            uchar::to_upper(ch, |c| put(c, &mut buf));
                        } else {
                            uchar::to_lower(ch, |c| put(c, &mut buf));
                        }
                        prev_cased = uchar::is_alphabetic(ch);
                        first = false;
                        vm.out(out, &buf[..n])?;
                        at += k;
                    }
                    Ok(())
                })
            }
            q::FIND | q::RFIND | q::INDEX | q::RINDEX | q::COUNT => {
                let mname = self.image.qstr(name as u32);
                self.method_args(a, mname, 1, 3)?;
                let sub = self.arg(a, 0);
                self.need_str(sub, "must be str, not").map_err(|_| {
                    let tn = self.type_name(sub);
                    self.type_error(format_args!("must be str, not {tn}"))
                })?;
                let (from, to) = self.str_range(s, a, 1)?;
                let hay_len = to.saturating_sub(from);
                if name == q::COUNT {
                    let nl = self.str_bytes(sub).len();
                    if nl == 0 {
                        let c = crate::objects::count_chars(&self.str_bytes(s)[from..to.max(from)]);
                        return self.int_from_i64(c as i64 + 1);
                    }
                    let mut c = 0;
                    let mut at = from;
                    while let Some(p) =
                        find_bytes(&self.str_bytes(s)[..to], self.str_bytes(sub), at)
                    {
                        c += 1;
                        at = p + nl;
                    }
                    return self.int_from_i64(c);
                }
                let reverse = name == q::RFIND || name == q::RINDEX;
                let found = {
                    let hay = &self.str_bytes(s)[from..from + hay_len];
                    let needle = self.str_bytes(sub);
                    if reverse {
                        if needle.len() > hay.len() {
                            None
                        } else {
                            (0..=hay.len() - needle.len())
                                .rev()
                                .find(|&i| &hay[i..i + needle.len()] == needle)
                        }
                    } else {
                        find_bytes(hay, needle, 0)
                    }
                };
                match found {
                    Some(p) => {
                        let ci = self.byte_to_char_index(s, from + p);
                        self.int_from_i64(ci as i64)
                    }
                    None if name == q::INDEX || name == q::RINDEX => {
                        Err(self.value_error(format_args!("substring not found")))
                    }
                    None => Ok(Value::int(-1)),
                }
            }
            q::ISDIGIT
            | q::ISALPHA
            | q::ISSPACE
            | q::ISALNUM
            | q::ISUPPER
            | q::ISLOWER
            | q::ISDECIMAL
            | q::ISNUMERIC
            | q::ISIDENTIFIER
            | q::ISTITLE
            | q::ISASCII
            | q::ISPRINTABLE => {
                let mname = self.image.qstr(name as u32);
                self.method_args(a, mname, 0, 0)?;
                let text = core::str::from_utf8(self.str_bytes(s)).unwrap_or("");
                let r = match name {
                    q::ISIDENTIFIER => {
                        text.chars().enumerate().all(|(i, c)| {
                            c == '_' || uchar::is_alphabetic(c) || (i > 0 && uchar::is_numeric(c))
                        }) && !text.is_empty()
                    }
                    q::ISASCII => text.is_ascii(),
                    q::ISPRINTABLE => text
                        .chars()
                        .all(|c| c == ' ' || !(c.is_control() || c.is_whitespace())),
                    q::ISTITLE => {
                        // Upper case only after an uncased character, lower
                        // case only after a cased one; at least one cased.
                        let (mut cased, mut prev) = (false, false);
                        for c in text.chars() {
                            let (up, low) = (uchar::is_uppercase(c), uchar::is_lowercase(c));
                            if (up && prev) || (low && !prev) {
                                cased = false;
                                break;
                            }
                            prev = up || low;
                            cased |= prev;
                        }
                        cased
                    }
                    q::ISDIGIT | q::ISDECIMAL | q::ISNUMERIC => {
                        !text.is_empty()
                            && text
                                .chars()
                                .all(|c| c.is_ascii_digit() || uchar::is_numeric(c))
                    }
                    q::ISALPHA => !text.is_empty() && text.chars().all(uchar::is_alphabetic),
                    q::ISSPACE => !text.is_empty() && text.chars().all(char::is_whitespace),
                    q::ISALNUM => !text.is_empty() && text.chars().all(uchar::is_alphanumeric),
                    q::ISUPPER => {
                        text.chars().any(uchar::is_uppercase)
                            && !text.chars().any(uchar::is_lowercase)
                    }
                    _ => {
                        text.chars().any(uchar::is_lowercase)
                            && !text.chars().any(uchar::is_uppercase)
                    }
                };
                Ok(Value::from_bool(r))
            }
            q::ZFILL | q::CENTER | q::LJUST | q::RJUST => {
                let mname = self.image.qstr(name as u32);
                self.method_args(a, mname, 1, if name == q::ZFILL { 1 } else { 2 })?;
                let wv = self.arg(a, 0);
                let Some(width) = self.int_to_i64(wv).filter(|_| self.is_int(wv)) else {
                    return Err(self.not_an_integer(wv));
                };
                let fill = if a.argc == 2 {
                    let f = self.arg(a, 1);
                    if !self.is_str(f) || self.str_chars(f) != 1 {
                        return Err(self.type_error(format_args!(
                            "The fill character must be exactly one character long"
                        )));
                    }
                    let mut buf = [0u8; 4];
                    let fb = self.str_bytes(f);
                    buf[..fb.len()].copy_from_slice(fb);
                    (buf, fb.len())
                } else {
                    ([if name == q::ZFILL { b'0' } else { b' ' }, 0, 0, 0], 1)
                };
                let n = self.str_chars(s) as i64;
                if width <= n {
                    return Ok(s);
                }
                let pad = (width - n) as usize;
                let (left, right) = match name {
                    q::LJUST => (0, pad),
                    q::RJUST | q::ZFILL => (pad, 0),
                    _ => {
                        // CPython's centering puts the odd space on the right
                        // unless the width is odd.
                        let left = pad / 2 + (pad & width as usize & 1);
                        (left, pad - left)
                    }
                };
                self.build_str(|vm, out| {
                    let len = vm.str_bytes(s).len();
                    let mut start = 0;
                    if name == q::ZFILL && len > 0 && matches!(vm.str_bytes(s)[0], b'+' | b'-') {
                        let sign = [vm.str_bytes(s)[0]];
                        vm.out(out, &sign)?;
                        start = 1;
                    }
                    for _ in 0..left {
                        vm.out(out, &fill.0[..fill.1])?;
                    }
                    vm.out_str(out, s, start, len)?;
                    for _ in 0..right {
                        vm.out(out, &fill.0[..fill.1])?;
                    }
                    Ok(())
                })
            }
            q::PARTITION | q::RPARTITION => {
                self.method_args(a, "partition", 1, 1)?;
                let sep = self.arg(a, 0);
                self.need_str(sep, "must be")?;
                let sl = self.str_bytes(sep).len();
                if sl == 0 {
                    return Err(self.value_error(format_args!("empty separator")));
                }
                let len = self.str_bytes(s).len();
                let found = {
                    let (hay, needle) = (self.str_bytes(s), self.str_bytes(sep));
                    if name == q::PARTITION {
                        find_bytes(hay, needle, 0)
                    } else if sl > len {
                        None
                    } else {
                        (0..=len - sl).rev().find(|&i| &hay[i..i + sl] == needle)
                    }
                };
                let empty = Value::qstr(q::EMPTY as u32);
                let (x, y, z) = match found {
                    Some(p) => (self.new_substr(s, 0, p)?, sep, Value::NULL),
                    None if name == q::PARTITION => (s, empty, empty),
                    None => (empty, empty, s),
                };
                self.push(x)?;
                self.push(y)?;
                let z = if z.is_null() {
                    self.new_substr(s, found.unwrap_or(0) + sl, len)?
                } else {
                    z
                };
                self.push(z)?;
                self.build_tuple(3)?;
                Ok(self.pop())
            }
            q::EXPANDTABS => {
                self.method_args(a, "expandtabs", 0, 1)?;
                let size = if a.argc == 1 {
                    let t = self.arg(a, 0);
                    match self.int_to_i64(t).filter(|_| self.is_int(t)) {
                        Some(n) => n,
                        None => return Err(self.not_an_integer(t)),
                    }
                } else {
                    8
                };
                self.build_str(|vm, out| {
                    let mut col = 0i64;
                    let mut at = 0;
                    while at < vm.str_bytes(s).len() {
                        let k = next_char(vm.str_bytes(s), at);
                        match vm.str_bytes(s)[at] {
                            b'\t' if size > 0 => {
                                let pad = size - col % size;
                                for _ in 0..pad {
                                    vm.out(out, b" ")?;
                                }
                                col += pad;
                            }
                            b'\t' => {}
                            c => {
                                col = if c == b'\n' || c == b'\r' { 0 } else { col + 1 };
                                vm.out_str(out, s, at, at + k)?;
                            }
                        }
                        at += k;
                    }
                    Ok(())
                })
            }
            q::TRANSLATE => {
                self.method_args(a, "translate", 1, 1)?;
                let table = self.arg(a, 0);
                self.build_str(|vm, out| {
                    let mut at = 0;
                    while at < vm.str_bytes(s).len() {
                        let (c, k) = vm.char_at(s, at);
                        let key = Value::int(c as i32);
                        let to = match vm.get_item(table, key) {
                            Err(_) if vm.exc_is(vm.exc, b::LOOKUP_ERROR) => Value::NULL,
                            r => r?,
                        };
                        if to.is_null() {
                            vm.out_str(out, s, at, at + k)?;
                        } else if vm.is_str(to) {
                            let n = vm.str_bytes(to).len();
                            vm.push(to)?;
                            let r = vm.out_str(out, to, 0, n);
                            vm.pop();
                            r?;
                        } else if to != Value::NONE {
                            let ch = vm.call_value(Value::builtin(b::CHR), &[to]).map_err(|e| {
                                if vm.exc_is(vm.exc, b::TYPE_ERROR) {
                                    vm.type_error(format_args!(
                                        "character mapping must return integer, None or str"
                                    ))
                                } else {
                                    e
                                }
                            })?;
                            let n = vm.str_bytes(ch).len();
                            vm.push(ch)?;
                            let r = vm.out_str(out, ch, 0, n);
                            vm.pop();
                            r?;
                        }
                        at += k;
                    }
                    Ok(())
                })
            }
            q::FORMAT_MAP => {
                self.method_args(a, "format_map", 1, 1)?;
                let d = self.arg(a, 0);
                if !self.is_tag(d, TAG_DICT) {
                    return Err(self.not_supported("format_map() with a mapping other than a dict"));
                }
                // The mapping's items become keyword arguments.
                let at = self.sp;
                for i in 0..self.dict_entry_count(d) {
                    let (k, v) = self.dict_entry(d, i);
                    if k != Value::DELETED {
                        self.push(k)?;
                        self.push(v)?;
                    }
                }
                let nkw = (self.sp - at) / 2;
                let r = self.str_format(s, Args { at, argc: 0, nkw });
                self.sp = at;
                r
            }
            q::SPLITLINES => {
                self.method_args(a, "splitlines", 0, 1)?;
                let keep = a.argc == 1 && self.truthy(self.arg(a, 0))?;
                let l = self.new_list(0)?;
                self.push(l)?;
                let len = self.str_bytes(s).len();
                let mut start = 0;
                let mut at = 0;
                while at < len {
                    let c = self.str_bytes(s)[at];
                    if c == b'\n' || c == b'\r' {
                        let mut end = at;
                        if c == b'\r' && at + 1 < len && self.str_bytes(s)[at + 1] == b'\n' {
                            at += 1;
                        }
                        if keep {
                            end = at + 1;
                        }
                        let piece = self.new_substr(s, start, end)?;
                        self.list_append(l, piece)?;
                        start = at + 1;
                    }
                    at += 1;
                }
                if start < len {
                    let piece = self.new_substr(s, start, len)?;
                    self.list_append(l, piece)?;
                }
                Ok(self.pop())
            }
            _ => Err(self.no_attribute(s, name as u32)),
        }
    }

    fn str_split(&mut self, s: Value, a: Args, reverse: bool) -> Result<Value, Raised> {
        let mname = if reverse { "rsplit" } else { "split" };
        let allowed = [q::SEP, q::MAXSPLIT];
        let sep_kw = self.kwarg(a, mname, &allowed, q::SEP)?;
        let max_kw = self.kwarg(a, mname, &allowed, q::MAXSPLIT)?;
        self.method_args(a, mname, 0, 2)?;
        let sep = if a.argc >= 1 {
            self.arg(a, 0)
        } else {
            sep_kw.unwrap_or(Value::NONE)
        };
        let maxv = if a.argc >= 2 {
            self.arg(a, 1)
        } else {
            max_kw.unwrap_or(Value::int(-1))
        };
        let maxsplit = self.int_to_i64(maxv).unwrap_or(-1);
        let max = if maxsplit < 0 {
            usize::MAX
        } else {
            maxsplit as usize
        };
        if sep != Value::NONE {
            self.need_str(sep, "must be str or None, not")
                .map_err(|_| {
                    let tn = self.type_name(sep);
                    self.type_error(format_args!("must be str or None, not {tn}"))
                })?;
            if self.str_bytes(sep).is_empty() {
                return Err(self.value_error(format_args!("empty separator")));
            }
        }
        let l = self.new_list(0)?;
        self.push(l)?;
        let len = self.str_bytes(s).len();
        // Collect (start, end) pieces, then append in order.
        if sep == Value::NONE {
            let ws = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1f);
            if !reverse {
                let mut at = 0;
                let mut splits = 0;
                loop {
                    while at < len && ws(self.str_bytes(s)[at]) {
                        at += 1;
                    }
                    if at >= len {
                        break;
                    }
                    if splits >= max {
                        // The rest, trailing whitespace and all.
                        let p = self.new_substr(s, at, len)?;
                        self.list_append(l, p)?;
                        break;
                    }
                    let start = at;
                    while at < len && !ws(self.str_bytes(s)[at]) {
                        at += 1;
                    }
                    let p = self.new_substr(s, start, at)?;
                    self.list_append(l, p)?;
                    splits += 1;
                }
            } else {
                let mut at = len;
                let mut splits = 0;
                loop {
                    while at > 0 && ws(self.str_bytes(s)[at - 1]) {
                        at -= 1;
                    }
                    if at == 0 {
                        break;
                    }
                    if splits >= max {
                        let p = self.new_substr(s, 0, at)?;
                        self.list_append(l, p)?;
                        break;
                    }
                    let end = at;
                    while at > 0 && !ws(self.str_bytes(s)[at - 1]) {
                        at -= 1;
                    }
                    let p = self.new_substr(s, at, end)?;
                    self.list_append(l, p)?;
                    splits += 1;
                }
                self.list_reverse(l);
            }
        } else {
            let sl = self.str_bytes(sep).len();
            if !reverse {
                let mut start = 0;
                let mut splits = 0;
                while splits < max {
                    match find_bytes(self.str_bytes(s), self.str_bytes(sep), start) {
                        Some(p) => {
                            let piece = self.new_substr(s, start, p)?;
                            self.list_append(l, piece)?;
                            start = p + sl;
                            splits += 1;
                        }
                        None => break,
                    }
                }
                let piece = self.new_substr(s, start, len)?;
                self.list_append(l, piece)?;
            } else {
                let mut end = len;
                let mut splits = 0;
                while splits < max && end >= sl {
                    let found = {
                        let (hay, needle) = (self.str_bytes(s), self.str_bytes(sep));
                        (0..=end - sl).rev().find(|&i| &hay[i..i + sl] == needle)
                    };
                    match found {
                        Some(p) => {
                            let piece = self.new_substr(s, p + sl, end)?;
                            self.list_append(l, piece)?;
                            end = p;
                            splits += 1;
                        }
                        None => break,
                    }
                }
                let piece = self.new_substr(s, 0, end)?;
                self.list_append(l, piece)?;
                self.list_reverse(l);
            }
        }
        Ok(self.pop())
    }

    pub(crate) fn list_reverse(&mut self, l: Value) {
        let n = self.list_len(l);
        if n > 1 {
            let arr = self.field(l, 2).index() + 1;
            self.heap.words[arr..arr + n].reverse();
        }
    }

    fn seq_method(&mut self, v: Value, name: u16, a: Args, tname: &str) -> Result<Value, Raised> {
        match name {
            q::INDEX => {
                self.method_args(a, "index", 1, 3)?;
                let x = self.arg(a, 0);
                let n = self.seq_parts(v).map_or(0, |p| p.1);
                for i in 0..n {
                    let y = self.seq_get(v, i);
                    if self.eq(y, x)? {
                        return self.int_from_i64(i as i64);
                    }
                }
                if tname == "list" {
                    let r = self.to_repr(x)?;
                    let mut buf = crate::text::StackBuf::<160>::new();
                    buf.push_bytes(self.str_bytes(r));
                    return Err(self.value_error(format_args!("{} is not in list", buf.as_str())));
                }
                Err(self.value_error(format_args!("tuple.index(x): x not in tuple")))
            }
            q::COUNT => {
                self.method_args(a, "count", 1, 1)?;
                let x = self.arg(a, 0);
                let n = self.seq_parts(v).map_or(0, |p| p.1);
                let mut c = 0;
                for i in 0..n {
                    let y = self.seq_get(v, i);
                    if self.eq(y, x)? {
                        c += 1;
                    }
                }
                self.int_from_i64(c)
            }
            _ => Err(self.no_attribute(v, name as u32)),
        }
    }

    fn list_method(&mut self, l: Value, name: u16, a: Args) -> Result<Value, Raised> {
        match name {
            q::APPEND => {
                self.method_args(a, "list.append", 1, 1).map_err(|_| {
                    self.type_error(format_args!(
                        "list.append() takes exactly one argument ({} given)",
                        a.argc
                    ))
                })?;
                let x = self.arg(a, 0);
                self.list_append(l, x)?;
                Ok(Value::NONE)
            }
            q::POP => {
                self.method_args(a, "pop", 0, 1)?;
                let n = self.list_len(l);
                if n == 0 {
                    return Err(self.new_error(b::INDEX_ERROR, format_args!("pop from empty list")));
                }
                let i = if a.argc == 1 {
                    let iv = self.arg(a, 0);
                    let Some(i) = self.int_to_i64(iv).filter(|_| self.is_int(iv)) else {
                        return Err(self.not_an_integer(iv));
                    };
                    let i = if i < 0 { i + n as i64 } else { i };
                    if i < 0 || i >= n as i64 {
                        return Err(
                            self.new_error(b::INDEX_ERROR, format_args!("pop index out of range"))
                        );
                    }
                    i as usize
                } else {
                    n - 1
                };
                Ok(self.list_remove_at(l, i))
            }
            q::INSERT => {
                self.method_args(a, "insert", 2, 2)?;
                let (iv, x) = (self.arg(a, 0), self.arg(a, 1));
                let Some(i) = self.int_to_i64(iv).filter(|_| self.is_int(iv)) else {
                    return Err(self.not_an_integer(iv));
                };
                let n = self.list_len(l) as i64;
                let i = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
                self.list_append(l, x)?;
                let arr = self.field(l, 2).index() + 1;
                let n = n as usize;
                self.heap.words.copy_within(arr + i..arr + n, arr + i + 1);
                self.heap.words[arr + i] = x.0;
                Ok(Value::NONE)
            }
            q::REMOVE => {
                self.method_args(a, "remove", 1, 1)?;
                let x = self.arg(a, 0);
                let n = self.list_len(l);
                for i in 0..n.min(self.list_len(l)) {
                    let y = self.seq_get(l, i);
                    if self.eq(y, x)? {
                        self.list_remove_at(l, i);
                        return Ok(Value::NONE);
                    }
                }
                Err(self.value_error(format_args!("list.remove(x): x not in list")))
            }
            q::INDEX | q::COUNT => self.seq_method(l, name, a, "list"),
            q::EXTEND => {
                self.method_args(a, "extend", 1, 1)?;
                let x = self.arg(a, 0);
                self.list_extend(l, x)?;
                Ok(Value::NONE)
            }
            q::REVERSE => {
                self.method_args(a, "reverse", 0, 0)?;
                self.list_reverse(l);
                Ok(Value::NONE)
            }
            q::COPY => {
                self.method_args(a, "copy", 0, 0)?;
                self.to_list(l)
            }
            q::CLEAR => {
                self.method_args(a, "clear", 0, 0)?;
                self.set_field(l, 1, Value::int(0));
                self.set_field(l, 2, Value::NULL);
                Ok(Value::NONE)
            }
            q::SORT => {
                if a.argc > 0 {
                    return Err(
                        self.type_error(format_args!("sort() takes no positional arguments"))
                    );
                }
                let allowed = [q::KEY, q::REVERSE];
                let key = self
                    .kwarg(a, "sort", &allowed, q::KEY)?
                    .filter(|v| *v != Value::NONE);
                let rev = match self.kwarg(a, "sort", &allowed, q::REVERSE)? {
                    Some(r) => self.truthy(r)?,
                    None => false,
                };
                self.list_sort(l, key, rev)?;
                Ok(Value::NONE)
            }
            _ => Err(self.no_attribute(l, name as u32)),
        }
    }

    /// A stable sort: binary insertion over keys kept in a parallel list
    /// (rooted), items moved alongside. O(n log n) comparisons.
    pub(crate) fn list_sort(
        &mut self,
        l: Value,
        key: Option<Value>,
        reverse: bool,
    ) -> Result<(), Raised> {
        let n = self.list_len(l);
        if n < 2 {
            return Ok(());
        }
        let keys = match key {
            Some(k) => {
                let kl = self.new_list(n)?;
                self.push(kl)?;
                for i in 0..n {
                    let x = self.seq_get(l, i);
                    let kx = self.call_value(k, &[x])?;
                    self.list_append(kl, kx)?;
                }
                kl
            }
            None => {
                let kl = self.to_list(l)?;
                self.push(kl)?;
                kl
            }
        };
        let items = self.to_list(l)?;
        self.push(items)?;
        let op = if reverse {
            image_format::ops::CmpOp::Gt
        } else {
            image_format::ops::CmpOp::Lt
        };
        // A stable bottom-up merge sort: keys and items move together
        // between the lists and a scratch array, so sorting costs
        // O(n log n) comparisons and moves whatever the input.
        let scratch = self.alloc(TAG_ARRAY, 2 * n)?;
        self.push(Value::obj(scratch))?;
        let karr = self.field(keys, 2).index() + 1;
        let iarr = self.field(items, 2).index() + 1;
        let (sk, si) = (scratch + 1, scratch + 1 + n);
        let (mut src_k, mut src_i, mut dst_k, mut dst_i) = (karr, iarr, sk, si);
        let mut width = 1;
        while width < n {
            let mut lo = 0;
            while lo < n {
                let mid = (lo + width).min(n);
                let hi = (lo + 2 * width).min(n);
                let (mut a, mut b2, mut out) = (lo, mid, lo);
                while a < mid && b2 < hi {
                    let ka = Value(self.heap.words[src_k + a]);
                    let kb = Value(self.heap.words[src_k + b2]);
                    // Take from the right only when it sorts strictly first.
                    let right_first = self.compare_op(op, kb, ka)? == Value::TRUE;
                    let from = if right_first { &mut b2 } else { &mut a };
                    self.heap.words[dst_k + out] = self.heap.words[src_k + *from];
                    self.heap.words[dst_i + out] = self.heap.words[src_i + *from];
                    *from += 1;
                    out += 1;
                }
                for (from, end) in [(a, mid), (b2, hi)] {
                    let count = end - from;
                    self.heap
                        .words
                        .copy_within(src_k + from..src_k + end, dst_k + out);
                    self.heap
                        .words
                        .copy_within(src_i + from..src_i + end, dst_i + out);
                    out += count;
                }
                lo = hi;
            }
            core::mem::swap(&mut src_k, &mut dst_k);
            core::mem::swap(&mut src_i, &mut dst_i);
            width *= 2;
        }
        if src_i != iarr {
            self.heap.words.copy_within(src_i..src_i + n, iarr);
        }
        self.pop();
        // Write back into the original list (whose length may not have changed).
        let m = self.list_len(l).min(n);
        let larr = self.field(l, 2).index() + 1;
        self.heap.words.copy_within(iarr..iarr + m, larr);
        self.sp -= 2;
        Ok(())
    }

    fn dict_method(&mut self, d: Value, name: u16, a: Args) -> Result<Value, Raised> {
        match name {
            q::KEYS | q::VALUES | q::ITEMS => {
                self.method_args(a, "keys", 0, 0)?;
                let kind = match name {
                    q::KEYS => 0,
                    q::VALUES => 1,
                    _ => 2,
                };
                self.new_obj(TAG_DICT_VIEW, &[d, Value::int(kind)])
            }
            q::GET => {
                self.method_args(a, "get", 1, 2)?;
                let k = self.arg(a, 0);
                match self.dict_get(d, k)? {
                    Some(v) => Ok(v),
                    None => Ok(if a.argc == 2 {
                        self.arg(a, 1)
                    } else {
                        Value::NONE
                    }),
                }
            }
            q::POP => {
                self.method_args(a, "pop", 1, 2)?;
                let k = self.arg(a, 0);
                match self.dict_remove(d, k)? {
                    Some(v) => Ok(v),
                    None if a.argc == 2 => Ok(self.arg(a, 1)),
                    None => Err(self.new_error_value(b::KEY_ERROR, k)),
                }
            }
            q::SETDEFAULT => {
                self.method_args(a, "setdefault", 1, 2)?;
                let k = self.arg(a, 0);
                match self.dict_get(d, k)? {
                    Some(v) => Ok(v),
                    None => {
                        let v = if a.argc == 2 {
                            self.arg(a, 1)
                        } else {
                            Value::NONE
                        };
                        self.dict_set(d, k, v)?;
                        Ok(v)
                    }
                }
            }
            q::UPDATE => {
                self.method_args(a, "update", 0, 1)?;
                self.dict_update_args(d, a)?;
                Ok(Value::NONE)
            }
            q::CLEAR => {
                self.method_args(a, "clear", 0, 0)?;
                self.dict_clear(d);
                Ok(Value::NONE)
            }
            q::COPY => {
                self.method_args(a, "copy", 0, 0)?;
                let n = self.dict_len(d);
                let c = self.new_dict(n)?;
                self.push(c)?;
                self.dict_update(c, d)?;
                Ok(self.pop())
            }
            q::POPITEM => {
                self.method_args(a, "popitem", 0, 0)?;
                let mut i = self.dict_entry_count(d);
                while i > 0 {
                    i -= 1;
                    let (k, v) = self.dict_entry(d, i);
                    if k != Value::DELETED {
                        self.push(k)?;
                        self.push(v)?;
                        self.build_tuple(2)?;
                        self.dict_remove(d, k)?;
                        return Ok(self.pop());
                    }
                }
                Err(self.new_error(b::KEY_ERROR, format_args!("popitem(): dictionary is empty")))
            }
            _ => Err(self.no_attribute(d, name as u32)),
        }
    }
}

/// Length of the UTF-8 sequence starting at `at`.
fn next_char(bytes: &[u8], at: usize) -> usize {
    let mut k = 1;
    while at + k < bytes.len() && bytes[at + k] & 0xc0 == 0x80 {
        k += 1;
    }
    k
}

/// Length of the UTF-8 sequence ending at `to`.
fn prev_char(bytes: &[u8], to: usize) -> usize {
    let mut k = 1;
    while k < to && bytes[to - k] & 0xc0 == 0x80 {
        k += 1;
    }
    k
}
