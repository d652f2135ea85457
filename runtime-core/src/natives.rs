//! Builtin functions and calls of builtin types (`int(x)`, `ValueError(m)`).
//!
//! Arguments arrive on the VM stack (so they stay rooted): `argc`
//! positional values from `args`, then `nkw` (name, value) pairs.

use crate::arith::Num;
use crate::builtins as b;
use crate::heap::*;
use crate::num::{bigint, float as fl};
use crate::text::{Out, StackBuf};
use crate::value::Value;
use crate::{Host, Raised, Vm};
use core::cmp::Ordering;
use image_format::ops::BinOp;
use image_format::qstr as q;

/// The arguments of a native call.
#[derive(Clone, Copy)]
pub(crate) struct Args {
    pub at: usize,
    pub argc: usize,
    pub nkw: usize,
}

impl<'a, H: Host> Vm<'a, H> {
    pub(crate) fn arg(&self, a: Args, i: usize) -> Value {
        self.stack_at(a.at + i)
    }

    /// Positional argument `i`, or `NULL` when the call has fewer.
    pub(crate) fn arg_or_null(&self, a: Args, i: usize) -> Value {
        if a.argc > i {
            self.arg(a, i)
        } else {
            Value::NULL
        }
    }

    /// The keyword argument `name`, if given. Unknown keywords are an error.
    pub(crate) fn kwarg(
        &mut self,
        a: Args,
        fname: &str,
        allowed: &[u16],
        name: u16,
    ) -> Result<Option<Value>, Raised> {
        let mut found = None;
        for k in 0..a.nkw {
            let key = self.stack_at(a.at + a.argc + 2 * k);
            if !self.is_str(key) {
                return Err(self.type_error(format_args!("keywords must be strings")));
            }
            let id = key.as_qstr().unwrap_or(u32::MAX);
            if !allowed.iter().any(|&x| x as u32 == id) {
                let mut buf = StackBuf::<64>::new();
                buf.push_bytes(self.str_bytes(key));
                return Err(self.type_error(format_args!(
                    "'{}' is an invalid keyword argument for {fname}()",
                    buf.as_str()
                )));
            }
            if id == name as u32 {
                found = Some(self.stack_at(a.at + a.argc + 2 * k + 1));
            }
        }
        Ok(found)
    }

    fn no_kwargs(&mut self, a: Args, fname: &str) -> Result<(), Raised> {
        if a.nkw > 0 {
            return Err(self.type_error(format_args!("{fname}() takes no keyword arguments")));
        }
        Ok(())
    }

    pub(crate) fn arg_count(
        &mut self,
        a: Args,
        fname: &str,
        min: usize,
        max: usize,
    ) -> Result<(), Raised> {
        if a.argc < min || a.argc > max {
            if min == max {
                let s = if min == 1 { "" } else { "s" };
                if min == 1 {
                    return Err(self.type_error(format_args!(
                        "{fname}() takes exactly one argument ({} given)",
                        a.argc
                    )));
                }
                return Err(self.type_error(format_args!(
                    "{fname} expected {min} argument{s}, got {}",
                    a.argc
                )));
            }
            if a.argc < min {
                let s = if min == 1 { "" } else { "s" };
                return Err(self.type_error(format_args!(
                    "{fname} expected at least {min} argument{s}, got {}",
                    a.argc
                )));
            }
            let s = if max == 1 { "" } else { "s" };
            return Err(self.type_error(format_args!(
                "{fname} expected at most {max} argument{s}, got {}",
                a.argc
            )));
        }
        Ok(())
    }

    pub(crate) fn call_builtin(
        &mut self,
        id: u16,
        at: usize,
        argc: usize,
        nkw: usize,
    ) -> Result<Value, Raised> {
        let a = Args { at, argc, nkw };
        if crate::natmods::is_module_function(id) {
            return self.call_module_function(id, a);
        }
        if b::is_exception_class(id) {
            self.no_kwargs(a, b::name(id))?;
            let t = self.new_tuple(argc)?;
            for i in 0..argc {
                let v = self.arg(a, i);
                self.set_field(t, 2 + i, v);
            }
            self.push(t)?;
            let e = self.new_obj(
                TAG_EXCEPTION,
                &[
                    Value::builtin(id),
                    t,
                    Value::NULL,
                    Value::NULL,
                    Value::NULL,
                    Value::NULL,
                ],
            );
            self.pop();
            return e;
        }
        match id {
            b::PRINT => self.native_print(a),
            b::LEN => {
                self.no_kwargs(a, "len")?;
                self.arg_count(a, "len", 1, 1)?;
                let v = self.arg(a, 0);
                let n = self.len_of(v)?;
                self.int_from_i64(n as i64)
            }
            b::ABS => {
                self.no_kwargs(a, "abs")?;
                self.arg_count(a, "abs", 1, 1)?;
                let v = self.arg(a, 0);
                match self.num(v) {
                    Some(Num::Float(f)) => self.new_float(f.abs()),
                    Some(_) => {
                        if self.int_sign(v) == Ordering::Less {
                            self.unary_op(image_format::ops::UnaryOp::Neg, v)
                        } else {
                            self.int_from_i64(0)
                                .and_then(|z| self.binary_op(BinOp::Add, v, z))
                        }
                    }
                    None => {
                        if let Some(r) = self.call_dunder(v, q::DUNDER_ABS, &[])? {
                            return Ok(r);
                        }
                        let tn = self.type_name(v);
                        Err(self.type_error(format_args!("bad operand type for abs(): '{tn}'")))
                    }
                }
            }
            b::MIN | b::MAX => self.native_min_max(a, id == b::MAX),
            b::SUM => self.native_sum(a),
            b::REPR => {
                self.arg_count(a, "repr", 1, 1)?;
                let v = self.arg(a, 0);
                self.to_repr(v)
            }
            b::ISINSTANCE | b::ISSUBCLASS => {
                let name = if id == b::ISINSTANCE {
                    "isinstance"
                } else {
                    "issubclass"
                };
                self.no_kwargs(a, name)?;
                self.arg_count(a, name, 2, 2)?;
                let (v, spec) = (self.arg(a, 0), self.arg(a, 1));
                let cls = if id == b::ISINSTANCE {
                    self.class_of(v)
                } else if self.is_class(v) || v.as_builtin().is_some_and(b::is_type) {
                    v
                } else {
                    return Err(self.type_error(format_args!("issubclass() arg 1 must be a class")));
                };
                self.class_matches(cls, spec, name).map(Value::from_bool)
            }
            b::ORD => {
                self.arg_count(a, "ord", 1, 1)?;
                let v = self.arg(a, 0);
                if self.is_bytes_like(v) {
                    let d = self.byte_data(v);
                    if d.len() != 1 {
                        let n = d.len();
                        return Err(self.type_error(format_args!(
                            "ord() expected a character, but string of length {n} found"
                        )));
                    }
                    return Ok(Value::int(d[0] as i32));
                }
                if !self.is_str(v) {
                    let tn = self.type_name(v);
                    return Err(self.type_error(format_args!(
                        "ord() expected string of length 1, but {tn} found"
                    )));
                }
                let n = self.str_chars(v);
                if n != 1 {
                    return Err(self.type_error(format_args!(
                        "ord() expected a character, but string of length {n} found"
                    )));
                }
                let c = core::str::from_utf8(self.str_bytes(v))
                    .ok()
                    .and_then(|s| s.chars().next())
                    .map_or(0, |c| c as i64);
                self.int_from_i64(c)
            }
            b::CHR => {
                self.arg_count(a, "chr", 1, 1)?;
                let v = self.arg(a, 0);
                let Some(i) = self.int_to_i64(v).filter(|_| self.is_int(v)) else {
                    return Err(self.not_an_integer(v));
                };
                let Some(c) = u32::try_from(i).ok().and_then(char::from_u32) else {
                    return Err(self.value_error(format_args!("chr() arg not in range(0x110000)")));
                };
                let mut buf = [0u8; 4];
                let s = c.encode_utf8(&mut buf);
                self.new_str(s.as_bytes())
            }
            b::HEX | b::OCT | b::BIN => {
                let (name, radix, prefix) = match id {
                    b::HEX => ("hex", 16, "0x"),
                    b::OCT => ("oct", 8, "0o"),
                    _ => ("bin", 2, "0b"),
                };
                self.arg_count(a, name, 1, 1)?;
                let v = self.arg(a, 0);
                let Some(v) = self.index_value(v)? else {
                    return Err(self.not_an_integer(v));
                };
                self.push(v)?;
                let neg = self.int_sign(v) == Ordering::Less;
                let absv = if neg {
                    self.unary_op(image_format::ops::UnaryOp::Neg, v)?
                } else {
                    v
                };
                self.push(absv)?;
                let r = self.build_str(|vm, out| {
                    if neg {
                        vm.out(out, b"-")?;
                    }
                    vm.out(out, prefix.as_bytes())?;
                    vm.write_int_radix(out, absv, radix)
                });
                self.sp -= 2;
                r
            }
            b::DIVMOD => {
                self.arg_count(a, "divmod", 2, 2)?;
                let (x, y) = (self.arg(a, 0), self.arg(a, 1));
                if let (Some(Num::Float(_)), _) | (_, Some(Num::Float(_))) =
                    (self.num(x), self.num(y))
                {
                    let fx = self.to_f64(x)?;
                    let fy = self.to_f64(y)?;
                    let (qv, rv) = match fl::divmod(fx, fy) {
                        Ok(p) => p,
                        Err(e) => return Err(self.float_error(e)),
                    };
                    let qo = self.new_float(qv)?;
                    self.push(qo)?;
                    let ro = self.new_float(rv)?;
                    self.push(ro)?;
                    self.build_tuple(2)?;
                    return Ok(self.pop());
                }
                if self.is_int(x) && self.is_int(y) && self.int_sign(y) == Ordering::Equal {
                    return Err(self.new_error(
                        b::ZERO_DIVISION_ERROR,
                        format_args!("integer division or modulo by zero"),
                    ));
                }
                let qv = self.binary_op(BinOp::FloorDiv, x, y)?;
                self.push(qv)?;
                let rv = self.binary_op(BinOp::Mod, x, y)?;
                self.push(rv)?;
                self.build_tuple(2)?;
                Ok(self.pop())
            }
            b::POW => {
                self.arg_count(a, "pow", 2, 3)?;
                let (x, y) = (self.arg(a, 0), self.arg(a, 1));
                if a.argc == 3 && self.arg(a, 2) != Value::NONE {
                    let m = self.arg(a, 2);
                    return self.pow_mod(x, y, m);
                }
                self.binary_op(BinOp::Pow, x, y)
            }
            b::ROUND => self.native_round(a),
            b::HASH => {
                self.arg_count(a, "hash", 1, 1)?;
                let v = self.arg(a, 0);
                // Python's hash for ints and floats; a 32-bit one otherwise.
                let h = match self.num(v) {
                    Some(Num::Small(i)) => {
                        if i == -1 {
                            -2
                        } else {
                            i
                        }
                    }
                    Some(Num::Float(f)) => fl::float_hash(f).unwrap_or(v.0 as i64),
                    Some(Num::Big) => {
                        let mut buf = [0u32; 2];
                        self.int_view(v, &mut buf).hash()
                    }
                    None => self.hash(v)? as i32 as i64,
                };
                self.int_from_i64(h)
            }
            b::ID => {
                self.arg_count(a, "id", 1, 1)?;
                let v = self.arg(a, 0);
                self.int_from_i64(v.0 as i64)
            }
            b::CALLABLE => {
                self.arg_count(a, "callable", 1, 1)?;
                let v = self.arg(a, 0);
                self.callable(v).map(Value::from_bool)
            }
            b::ITER => {
                self.arg_count(a, "iter", 1, 2)?;
                let v = self.arg(a, 0);
                if a.argc == 2 {
                    let s = self.arg(a, 1);
                    if !self.callable(v)? {
                        return Err(self.type_error(format_args!("iter(v, w): v must be callable")));
                    }
                    return self.new_obj(TAG_CALL_ITER, &[v, s]);
                }
                self.get_iter(v)
            }
            b::NEXT => {
                self.arg_count(a, "next", 1, 2)?;
                let it = self.arg(a, 0);
                if !self.is_iterator(it) && !self.has_dunder(it, q::DUNDER_NEXT)? {
                    let tn = self.type_name(it);
                    return Err(self.type_error(format_args!("'{tn}' object is not an iterator")));
                }
                if self.is_tag(it, TAG_GENERATOR) {
                    // A generator's return value travels in its StopIteration.
                    return match self.gen_resume(it, Value::NONE, Value::NULL)? {
                        crate::gens::Resumed::Yielded(v) => Ok(v),
                        crate::gens::Resumed::Returned(_) if a.argc == 2 => Ok(self.arg(a, 1)),
                        crate::gens::Resumed::Returned(r) => {
                            let args: &[Value] = if r == Value::NONE { &[] } else { &[r] };
                            let e = self.new_exception(b::STOP_ITERATION, args)?;
                            Err(self.set_raised(e))
                        }
                    };
                }
                match self.iter_next(it)? {
                    Some(v) => Ok(v),
                    None if a.argc == 2 => Ok(self.arg(a, 1)),
                    None => {
                        let e = self.new_exception(b::STOP_ITERATION, &[])?;
                        Err(self.set_raised(e))
                    }
                }
            }
            b::GETATTR | b::HASATTR => {
                let name = if id == b::GETATTR {
                    "getattr"
                } else {
                    "hasattr"
                };
                self.arg_count(a, name, 2, if id == b::GETATTR { 3 } else { 2 })?;
                let (o, n) = (self.arg(a, 0), self.arg(a, 1));
                if !self.is_str(n) {
                    return Err(self.type_error(format_args!("attribute name must be string")));
                }
                let r = match self.name_id(n) {
                    Some(qid) => self.load_attr(o, qid),
                    None => Err(self.new_error(
                        b::ATTRIBUTE_ERROR,
                        format_args!("object has no such attribute"),
                    )),
                };
                match r {
                    Ok(v) => Ok(if id == b::HASATTR { Value::TRUE } else { v }),
                    Err(e) if self.exc_is(self.exc, b::ATTRIBUTE_ERROR) => {
                        if id == b::HASATTR {
                            Ok(Value::FALSE)
                        } else if a.argc == 3 {
                            Ok(self.arg(a, 2))
                        } else {
                            Err(e)
                        }
                    }
                    Err(e) => Err(e),
                }
            }
            b::SETATTR | b::DELATTR => {
                let set = id == b::SETATTR;
                let name = if set { "setattr" } else { "delattr" };
                self.no_kwargs(a, name)?;
                self.arg_count(a, name, if set { 3 } else { 2 }, if set { 3 } else { 2 })?;
                let (o, n) = (self.arg(a, 0), self.arg(a, 1));
                if !self.is_str(n) {
                    let tn = self.type_name(n);
                    return Err(
                        self.type_error(format_args!("attribute name must be string, not '{tn}'"))
                    );
                }
                let text = core::str::from_utf8(self.str_bytes(n)).unwrap_or("");
                let mut buf = StackBuf::<96>::new();
                buf.push_str(text);
                let qid = match self.image.find_qstr(buf.as_str()) {
                    Some(q) => q,
                    None => {
                        // Attribute names are interned; one the image never
                        // mentions cannot be stored by id.
                        return Err(self.not_supported("attribute names not used in the program"));
                    }
                };
                let v = if set { self.arg(a, 2) } else { Value::NULL };
                self.store_attr(o, qid, v)?;
                Ok(Value::NONE)
            }
            b::ANY | b::ALL => {
                let want = id == b::ANY;
                self.arg_count(a, if want { "any" } else { "all" }, 1, 1)?;
                let v = self.arg(a, 0);
                let it = self.get_iter(v)?;
                self.push(it)?;
                let r = loop {
                    match self.iter_next(it) {
                        Ok(Some(x)) => match self.truthy(x) {
                            Ok(t) if t == want => break Ok(Value::from_bool(want)),
                            Ok(_) => {}
                            Err(e) => break Err(e),
                        },
                        Ok(None) => break Ok(Value::from_bool(!want)),
                        Err(e) => break Err(e),
                    }
                };
                self.pop();
                r
            }
            b::FORMAT => {
                self.arg_count(a, "format", 1, 2)?;
                let v = self.arg(a, 0);
                let spec = if a.argc == 2 {
                    self.arg(a, 1)
                } else {
                    Value::NULL
                };
                if !spec.is_null() && !self.is_str(spec) {
                    let tn = self.type_name(spec);
                    return Err(
                        self.type_error(format_args!("format() argument 2 must be str, not {tn}"))
                    );
                }
                self.format(v, spec)
            }
            b::INT => self.native_int(a),
            b::FLOAT => self.native_float(a),
            b::BOOL => {
                self.arg_count(a, "bool", 0, 1)?;
                if a.argc == 0 {
                    return Ok(Value::FALSE);
                }
                let v = self.arg(a, 0);
                self.truthy(v).map(Value::from_bool)
            }
            b::STR => {
                self.arg_count(a, "str", 0, 3)?;
                if a.argc >= 2 && self.is_bytes_like(self.arg(a, 0)) {
                    // str(b, encoding) decodes.
                    let v = self.arg(a, 0);
                    return self.bytes_method(
                        v,
                        q::DECODE,
                        Args {
                            at: a.at + 1,
                            argc: a.argc - 1,
                            nkw: 0,
                        },
                    );
                }
                if a.argc > 1 {
                    return Err(self.type_error(format_args!("decoding str is not supported")));
                }
                if a.argc == 0 {
                    return Ok(Value::qstr(q::EMPTY as u32));
                }
                let v = self.arg(a, 0);
                self.to_str(v)
            }
            b::LIST => {
                self.arg_count(a, "list", 0, 1)?;
                if a.argc == 0 {
                    return self.new_list(0);
                }
                let v = self.arg(a, 0);
                self.to_list(v)
            }
            b::TUPLE => {
                self.arg_count(a, "tuple", 0, 1)?;
                if a.argc == 0 {
                    return self.new_tuple(0);
                }
                let v = self.arg(a, 0);
                if self.is_tag(v, TAG_TUPLE) {
                    return Ok(v);
                }
                let l = self.to_list(v)?;
                self.push(l)?;
                let t = self.list_to_tuple(l);
                self.pop();
                t
            }
            b::DICT => {
                let d = self.new_dict(0)?;
                self.push(d)?;
                if a.argc > 1 {
                    return Err(self.type_error(format_args!(
                        "dict expected at most 1 argument, got {}",
                        a.argc
                    )));
                }
                self.dict_update_args(d, a)?;
                Ok(self.pop())
            }
            b::RANGE => self.native_range(a),
            b::TYPE => {
                self.arg_count(a, "type", 1, 1)?;
                let v = self.arg(a, 0);
                Ok(self.class_of(v))
            }
            b::SLICE => {
                self.arg_count(a, "slice", 1, 3)?;
                let (start, stop, step) = match a.argc {
                    1 => (Value::NONE, self.arg(a, 0), Value::NONE),
                    2 => (self.arg(a, 0), self.arg(a, 1), Value::NONE),
                    _ => (self.arg(a, 0), self.arg(a, 1), self.arg(a, 2)),
                };
                self.new_obj(TAG_SLICE, &[start, stop, step])
            }
            b::ENUMERATE => {
                let start = self.kwarg(a, "enumerate", &[q::START], q::START)?;
                self.arg_count(a, "enumerate", 1, 2)?;
                let v = self.arg(a, 0);
                let it = self.get_iter(v)?;
                self.push(it)?;
                let n = if a.argc == 2 {
                    self.arg(a, 1)
                } else {
                    start.unwrap_or(Value::int(0))
                };
                if !self.is_int(n) {
                    return Err(self.not_an_integer(n));
                }
                let e = self.new_obj(TAG_ENUMERATE, &[it, n]);
                self.pop();
                e
            }
            b::ZIP | b::MAP => {
                let is_map = id == b::MAP;
                self.no_kwargs(a, if is_map { "map" } else { "zip" })?;
                let first = is_map as usize;
                if is_map && a.argc < 2 {
                    return Err(
                        self.type_error(format_args!("map() must have at least two arguments."))
                    );
                }
                let n = a.argc - first;
                let t = self.new_tuple(n)?;
                self.push(t)?;
                for i in 0..n {
                    let v = self.arg(a, first + i);
                    let it = self.get_iter(v)?;
                    self.set_field(t, 2 + i, it);
                }
                let r = if is_map {
                    let f = self.arg(a, 0);
                    self.new_obj(TAG_MAP, &[f, t])
                } else {
                    self.new_obj(TAG_ZIP, &[t])
                };
                self.pop();
                r
            }
            b::FILTER => {
                self.no_kwargs(a, "filter")?;
                self.arg_count(a, "filter", 2, 2)?;
                let f = self.arg(a, 0);
                let v = self.arg(a, 1);
                let it = self.get_iter(v)?;
                self.push(it)?;
                let r = self.new_obj(TAG_FILTER, &[f, it]);
                self.pop();
                r
            }
            b::REVERSED => {
                self.no_kwargs(a, "reversed")?;
                self.arg_count(a, "reversed", 1, 1)?;
                let v = self.arg(a, 0);
                if !(self.is_str(v)
                    || matches!(
                        self.tag_of(v),
                        TAG_LIST | TAG_TUPLE | TAG_RANGE | TAG_DICT | TAG_DICT_VIEW
                    ))
                {
                    let tn = self.type_name(v);
                    return Err(self.type_error(format_args!("'{tn}' object is not reversible")));
                }
                let l = self.to_list(v)?;
                self.list_reverse(l);
                self.get_iter(l)
            }
            b::SORTED => {
                let allowed = [q::KEY, q::REVERSE];
                let key = self
                    .kwarg(a, "sort", &allowed, q::KEY)?
                    .filter(|v| *v != Value::NONE);
                let rev = match self.kwarg(a, "sort", &allowed, q::REVERSE)? {
                    Some(r) => self.truthy(r)?,
                    None => false,
                };
                if a.argc != 1 {
                    return Err(
                        self.type_error(format_args!("sorted expected 1 argument, got {}", a.argc))
                    );
                }
                let v = self.arg(a, 0);
                let l = self.to_list(v)?;
                self.push(l)?;
                let r = self.list_sort(l, key, rev);
                self.pop();
                r.map(|_| l)
            }
            b::BYTES | b::BYTEARRAY => {
                let tag = if id == b::BYTES {
                    TAG_BYTES
                } else {
                    TAG_BYTEARRAY
                };
                self.make_bytes(tag, a)
            }
            b::SET | b::FROZENSET => {
                let name = if id == b::SET { "set" } else { "frozenset" };
                self.no_kwargs(a, name)?;
                self.arg_count(a, name, 0, 1)?;
                let tag = if id == b::SET { TAG_SET } else { TAG_FROZENSET };
                if a.argc == 0 {
                    return self.new_set(tag);
                }
                let v = self.arg(a, 0);
                if tag == TAG_FROZENSET && self.is_tag(v, TAG_FROZENSET) {
                    return Ok(v);
                }
                self.set_from(tag, v)
            }
            b::SUPER => {
                self.no_kwargs(a, "super")?;
                match a.argc {
                    0 => self.make_super(None),
                    2 => {
                        let (c, o) = (self.arg(a, 0), self.arg(a, 1));
                        self.make_super(Some((c, o)))
                    }
                    n => {
                        Err(self
                            .type_error(format_args!("super() takes 0 or 2 arguments ({n} given)")))
                    }
                }
            }
            b::STATICMETHOD | b::CLASSMETHOD => {
                let name = b::name(id);
                self.no_kwargs(a, name)?;
                self.arg_count(a, name, 1, 1)?;
                let f = self.arg(a, 0);
                let tag = if id == b::STATICMETHOD {
                    TAG_STATICMETHOD
                } else {
                    TAG_CLASSMETHOD
                };
                self.new_obj(tag, &[f])
            }
            b::PROPERTY => {
                let allowed = [q::FGET, q::FSET, q::FDEL, q::DOC];
                let mut fs = [Value::NONE; 3];
                for (i, slot) in fs.iter_mut().enumerate().take(a.argc.min(3)) {
                    *slot = self.arg(a, i);
                }
                for (i, k) in [q::FGET, q::FSET, q::FDEL].into_iter().enumerate() {
                    if let Some(v) = self.kwarg(a, "property", &allowed, k)? {
                        fs[i] = v;
                    }
                }
                self.new_obj(TAG_PROPERTY, &fs)
            }
            b::INT_FROM_BYTES => self.int_from_bytes(a),
            b::BYTES_FROMHEX => {
                self.arg_count(a, "fromhex", 1, 1)?;
                self.bytes_fromhex(self.arg(a, 0))
            }
            b::DICT_FROMKEYS => {
                self.arg_count(a, "fromkeys", 1, 2)?;
                let v = if a.argc == 2 {
                    self.arg(a, 1)
                } else {
                    Value::NONE
                };
                let keys = self.to_list(self.arg(a, 0))?;
                self.push(keys)?;
                let d = self.new_dict(0)?;
                self.push(d)?;
                for i in 0..self.list_len(keys) {
                    let k = self.seq_get(keys, i);
                    self.dict_set(d, k, v)?;
                }
                self.sp -= 2;
                Ok(d)
            }
            b::STR_MAKETRANS => self.str_maketrans(a),
            b::ASCII => {
                self.arg_count(a, "ascii", 1, 1)?;
                self.to_ascii(self.arg(a, 0))
            }
            b::DIR => self.native_dir(a),
            b::OBJECT => {
                self.no_kwargs(a, "object")?;
                self.arg_count(a, "object", 0, 0)?;
                Err(self.not_supported("plain object() instances"))
            }
            _ => {
                let name = b::name(id);
                Err(self.type_error(format_args!("cannot create '{name}' instances")))
            }
        }
    }

    fn callable(&mut self, v: Value) -> Result<bool, Raised> {
        let plain = v.as_builtin().is_some_and(|id| !b::is_module(id))
            || v.as_method().is_some()
            || self.is_tag(v, TAG_FUNCTION)
            || self.is_tag(v, TAG_BOUND)
            || self.is_tag(v, TAG_CLASS);
        Ok(plain || self.has_dunder(v, q::DUNDER_CALL)?)
    }

    /// `dir(obj)`: the sorted names of its attributes: a module's globals;
    /// an instance's own, its classes' and `object`'s; a builtin type's
    /// methods.
    fn native_dir(&mut self, a: Args) -> Result<Value, Raised> {
        /// What every user object has from `object` (and its class).
        const OBJECT_NAMES: &str = "__class__ __delattr__ __dict__ __dir__ __doc__ __eq__ \
            __format__ __ge__ __getattribute__ __getstate__ __gt__ __hash__ __init__ \
            __init_subclass__ __le__ __lt__ __module__ __ne__ __new__ __reduce__ \
            __reduce_ex__ __repr__ __setattr__ __sizeof__ __str__ __subclasshook__ __weakref__";
        if a.argc == 0 {
            return Err(self.not_supported("dir() without an argument"));
        }
        self.arg_count(a, "dir", 1, 1)?;
        let o = self.arg(a, 0);
        let l = self.new_list(0)?;
        self.push(l)?;
        if self.is_tag(o, TAG_MODULE) {
            self.list_extend(l, self.field(o, 2))?;
        } else if self.is_user_object(o) || self.is_class(o) {
            if self.is_tag(o, TAG_INSTANCE) && !self.field(o, 2).is_null() {
                self.list_extend(l, self.field(o, 2))?;
            }
            let cls = if self.is_class(o) {
                o
            } else {
                self.class_of(o)
            };
            if self.is_class(cls) {
                let mro = self.field(cls, 3);
                for i in 0..self.int_field(mro, 1) {
                    let c = self.field(mro, 2 + i);
                    if self.is_class(c) {
                        self.list_extend(l, self.field(c, 4))?;
                    }
                }
            }
            for name in OBJECT_NAMES.split_ascii_whitespace() {
                let s = self.name_value(name)?;
                self.list_append(l, s)?;
            }
        } else {
            let ty = match o.as_builtin() {
                Some(id) if b::is_type(id) => id,
                _ => self.type_id(o),
            };
            for id in 0..q::STATIC_COUNT as u32 {
                if crate::methods::has_method(ty, id) {
                    self.list_append(l, Value::qstr(id))?;
                }
            }
        }
        self.list_sort(l, None, false)?;
        // Drop the names seen twice (a method a subclass overrides), and
        // the `__qualname__` a class body leaves in its namespace.
        let mut kept = 0;
        for i in 0..self.list_len(l) {
            let x = self.seq_get(l, i);
            if x == Value::qstr(q::DUNDER_QUALNAME as u32) {
                continue;
            }
            if kept == 0 || !self.eq(self.seq_get(l, kept - 1), x)? {
                let arr = self.field(l, 2).index();
                self.heap.set(arr, 1 + kept, x);
                kept += 1;
            }
        }
        let arr = self.field(l, 2);
        for i in kept..self.list_len(l) {
            self.heap.set(arr.index(), 1 + i, Value::NULL);
        }
        self.set_field(l, 1, Value::int(kept as i32));
        Ok(self.pop())
    }

    /// The qstr id of a str's text, when it is a known name.
    fn name_id(&self, s: Value) -> Option<u32> {
        if let Some(q) = s.as_qstr() {
            return Some(q);
        }
        let text = core::str::from_utf8(self.str_bytes(s)).ok()?;
        self.image.find_qstr(text)
    }

    fn class_matches(&mut self, cls: Value, spec: Value, name: &str) -> Result<bool, Raised> {
        self.class_matches_depth(cls, spec, name, 0)
    }

    fn class_matches_depth(
        &mut self,
        cls: Value,
        spec: Value,
        name: &str,
        depth: u32,
    ) -> Result<bool, Raised> {
        if depth > 64 {
            return Err(self.raise_recursion_error());
        }
        if spec.as_builtin().is_some_and(b::is_type) || self.is_class(spec) {
            return Ok(self.class_is_subclass(cls, spec));
        }
        if self.is_tag(spec, TAG_TUPLE) {
            let n = self.seq_parts(spec).map_or(0, |p| p.1);
            for i in 0..n {
                let s = self.seq_get(spec, i);
                if self.class_matches_depth(cls, s, name, depth + 1)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        Err(self.type_error(format_args!(
            "{name}() arg 2 must be a type, a tuple of types, or a union"
        )))
    }

    pub(crate) fn len_of(&mut self, v: Value) -> Result<usize, Raised> {
        if self.is_str(v) {
            return Ok(self.str_chars(v));
        }
        Ok(match self.tag_of(v) {
            TAG_TUPLE | TAG_LIST => self.seq_parts(v).map_or(0, |p| p.1),
            TAG_DICT | TAG_SET | TAG_FROZENSET => self.dict_len(v),
            TAG_BYTES | TAG_BYTEARRAY => self.byte_data(v).len(),
            TAG_DICT_VIEW => {
                let d = self.field(v, 1);
                self.dict_len(d)
            }
            TAG_RANGE => self.range_len(v),
            _ => {
                if self.is_user_object(v)
                    && let Some(n) = self.len_dunder(v)?
                {
                    return Ok(n);
                }
                let tn = self.type_name(v);
                return Err(self.type_error(format_args!("object of type '{tn}' has no len()")));
            }
        })
    }

    fn native_print(&mut self, a: Args) -> Result<Value, Raised> {
        let allowed = [q::SEP, q::END, q::FILE, q::FLUSH];
        let sep = self
            .kwarg(a, "print", &allowed, q::SEP)?
            .filter(|v| *v != Value::NONE);
        let end = self
            .kwarg(a, "print", &allowed, q::END)?
            .filter(|v| *v != Value::NONE);
        for v in [sep, end].into_iter().flatten() {
            if !self.is_str(v) {
                let tn = self.type_name(v);
                let which = if Some(v) == sep { "sep" } else { "end" };
                return Err(
                    self.type_error(format_args!("{which} must be None or a string, not {tn}"))
                );
            }
        }
        let out = Out::Stdout;
        for i in 0..a.argc {
            if i > 0 {
                match sep {
                    Some(s) => {
                        let n = self.str_bytes(s).len();
                        self.out_str(out, s, 0, n)?;
                    }
                    None => self.out(out, b" ")?,
                }
            }
            let v = self.arg(a, i);
            self.write_str(out, v)?;
        }
        match end {
            Some(s) => {
                let n = self.str_bytes(s).len();
                self.out_str(out, s, 0, n)?;
            }
            None => self.out(out, b"\n")?,
        }
        Ok(Value::NONE)
    }

    fn native_min_max(&mut self, a: Args, is_max: bool) -> Result<Value, Raised> {
        let name = if is_max { "max" } else { "min" };
        let allowed = [q::KEY, q::DEFAULT];
        let key = self
            .kwarg(a, name, &allowed, q::KEY)?
            .filter(|v| *v != Value::NONE);
        let default = self.kwarg(a, name, &allowed, q::DEFAULT)?;
        if a.argc == 0 {
            return Err(self.type_error(format_args!("{name} expected at least 1 argument, got 0")));
        }
        let items = if a.argc == 1 {
            let v = self.arg(a, 0);
            self.to_list(v)?
        } else {
            if default.is_some() {
                return Err(self.type_error(format_args!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            let t = self.new_tuple(a.argc)?;
            for i in 0..a.argc {
                let v = self.arg(a, i);
                self.set_field(t, 2 + i, v);
            }
            t
        };
        self.push(items)?;
        let n = self.seq_parts(items).map_or(0, |p| p.1);
        if n == 0 {
            self.pop();
            return match default {
                Some(d) => Ok(d),
                None => Err(self.value_error(format_args!("{name}() arg is an empty sequence"))),
            };
        }
        let mut best = self.seq_get(items, 0);
        let mut best_key = match key {
            Some(k) => self.call_value(k, &[best])?,
            None => best,
        };
        self.push(best_key)?;
        let slot = self.sp - 1;
        for i in 1..n {
            let x = self.seq_get(items, i);
            let kx = match key {
                Some(k) => self.call_value(k, &[x])?,
                None => x,
            };
            let op = if is_max {
                image_format::ops::CmpOp::Gt
            } else {
                image_format::ops::CmpOp::Lt
            };
            self.push(kx)?;
            let better = self.compare_op(op, kx, best_key)?;
            self.pop();
            if better == Value::TRUE {
                best = x;
                best_key = kx;
                self.heap.words[slot] = kx.0;
            }
        }
        self.sp -= 2;
        Ok(best)
    }

    fn native_sum(&mut self, a: Args) -> Result<Value, Raised> {
        let start_kw = self.kwarg(a, "sum", &[q::START], q::START)?;
        self.arg_count(a, "sum", 1, 2)?;
        let mut acc = if a.argc == 2 {
            self.arg(a, 1)
        } else {
            start_kw.unwrap_or(Value::int(0))
        };
        if self.is_str(acc) {
            return Err(self.type_error(format_args!(
                "sum() can't sum strings [use ''.join(seq) instead]"
            )));
        }
        let v = self.arg(a, 0);
        let it = self.get_iter(v)?;
        self.push(it)?;
        self.push(acc)?;
        let slot = self.sp - 1;
        let r = loop {
            match self.iter_next(it) {
                Ok(Some(x)) => match self.binary_op(BinOp::Add, acc, x) {
                    Ok(s) => {
                        acc = s;
                        self.heap.words[slot] = s.0;
                    }
                    Err(e) => break Err(e),
                },
                Ok(None) => break Ok(acc),
                Err(e) => break Err(e),
            }
        };
        self.sp -= 2;
        r
    }

    fn native_round(&mut self, a: Args) -> Result<Value, Raised> {
        self.arg_count(a, "round", 1, 2)?;
        let v = self.arg(a, 0);
        let nd = if a.argc == 2 {
            self.arg(a, 1)
        } else {
            Value::NONE
        };
        match self.num(v) {
            Some(Num::Float(f)) => {
                if nd == Value::NONE {
                    if f.is_nan() {
                        return Err(
                            self.value_error(format_args!("cannot convert float NaN to integer"))
                        );
                    }
                    if f.is_infinite() {
                        return Err(self.new_error(
                            b::OVERFLOW_ERROR,
                            format_args!("cannot convert float infinity to integer"),
                        ));
                    }
                    return self.int_from_f64(fl::round_half_even(f));
                }
                let Some(n) = self.int_to_i64(nd) else {
                    return Err(self.not_an_integer(nd));
                };
                match fl::round(f, n) {
                    Ok(r) => self.new_float(r),
                    Err(e) => Err(self.float_error(e)),
                }
            }
            Some(_) => {
                if nd == Value::NONE {
                    return Ok(if v == Value::TRUE {
                        Value::int(1)
                    } else if v == Value::FALSE {
                        Value::int(0)
                    } else {
                        v
                    });
                }
                let Some(n) = self.int_to_i64(nd) else {
                    return Ok(v);
                };
                if n >= 0 {
                    return Ok(v);
                }
                // Round to a multiple of 10**-n, half to even.
                let p = self.int_from_i64(10)?;
                self.push(p)?;
                let e = self.int_from_i64(-n)?;
                let m = self.binary_op(BinOp::Pow, p, e)?;
                self.push(m)?;
                let r = self.binary_op(BinOp::Mod, v, m)?;
                self.push(r)?;
                let down = self.binary_op(BinOp::Sub, v, r)?;
                self.push(down)?;
                let twice = self.binary_op(BinOp::Mul, r, Value::int(2))?;
                let c = self.compare_op(image_format::ops::CmpOp::Gt, twice, m)?;
                let tie = self.compare_op(image_format::ops::CmpOp::Eq, twice, m)?;
                let q = self.binary_op(BinOp::FloorDiv, down, m)?;
                let odd = self.binary_op(BinOp::Mod, q, Value::int(2))? == Value::int(1);
                let up = c == Value::TRUE || (tie == Value::TRUE && odd);
                let res = if up {
                    self.binary_op(BinOp::Add, down, m)?
                } else {
                    down
                };
                self.sp -= 4;
                Ok(res)
            }
            None => {
                let tn = self.type_name(v);
                Err(self.type_error(format_args!("type {tn} doesn't define __round__ method")))
            }
        }
    }

    fn pow_mod(&mut self, x: Value, y: Value, m: Value) -> Result<Value, Raised> {
        if !(self.is_int(x) && self.is_int(y) && self.is_int(m)) {
            return Err(self.type_error(format_args!(
                "pow() 3rd argument not allowed unless all arguments are integers"
            )));
        }
        let lm = {
            let mut buf = [0u32; 2];
            self.int_view(m, &mut buf).mag.len().max(1)
        };
        let lx = {
            let mut buf = [0u32; 2];
            self.int_view(x, &mut buf).mag.len().max(1)
        };
        let ly = {
            let mut buf = [0u32; 2];
            self.int_view(y, &mut buf).mag.len().max(1)
        };
        let bound = bigint::pow_mod_bound(lm);
        let scratch = bigint::pow_mod_scratch_bound(lx, lm);
        let out = self.alloc(TAG_BIGINT, 1 + bound)?;
        self.push(Value::obj(out))?;
        let tmp = self.alloc(TAG_RAW, 2 * (lx + ly + lm) + scratch + 1);
        self.pop();
        let tmp = tmp?;
        // Copy the three operands side by side, then split the heap between
        // the output object and the temporary.
        let mut signs = [false; 3];
        let mut lens = [0usize; 3];
        let mut at = tmp + 1;
        let starts = [at, at + lx + 1, at + lx + ly + 2];
        for (i, v) in [x, y, m].into_iter().enumerate() {
            let mut buf = [0u32; 2];
            let (neg, mag_len) = {
                let iv = self.int_view(v, &mut buf);
                (iv.neg, iv.mag.len())
            };
            signs[i] = neg;
            lens[i] = mag_len;
            let mut buf2 = [0u32; 2];
            let small = self.int_to_i64(v).is_some() && mag_len <= 2;
            if small {
                let iv = self.int_view(v, &mut buf2);
                let mut copy = [0u32; 2];
                copy[..iv.mag.len()].copy_from_slice(iv.mag);
                self.heap.words[starts[i]..starts[i] + mag_len].copy_from_slice(&copy[..mag_len]);
            } else {
                let src = v.index() + 2;
                self.heap.words.copy_within(src..src + mag_len, starts[i]);
            }
            at = starts[i] + mag_len;
        }
        let _ = at;
        let size = self.heap.size(tmp);
        let result = {
            let (out_slice, area) = self
                .heap
                .two_mut(out + 2..out + 2 + bound, tmp + 1..tmp + size);
            let ops_len = lx + ly + lm + 3;
            let (ops, scr) = area.split_at_mut(ops_len);
            let xs = &ops[0..lens[0]];
            let ys = &ops[lx + 1..lx + 1 + lens[1]];
            let ms = &ops[lx + ly + 2..lx + ly + 2 + lens[2]];
            bigint::pow_mod(
                bigint::Int::new(signs[0], xs),
                bigint::Int::new(signs[1], ys),
                bigint::Int::new(signs[2], ms),
                out_slice,
                scr,
            )
        };
        match result {
            Ok((neg, len)) => {
                self.heap.words[out + 1] = len as u32 | (neg as u32) << 31;
                self.heap.shrink(out, 1 + len);
                let v = Value::obj(out);
                if len <= 1 {
                    let mag = if len == 1 {
                        self.heap.words[out + 2] as i64
                    } else {
                        0
                    };
                    return self.int_from_i64(if neg { -mag } else { mag });
                }
                Ok(v)
            }
            Err(e) => Err(self.value_error(format_args!("{}", e.message()))),
        }
    }

    fn native_int(&mut self, a: Args) -> Result<Value, Raised> {
        let base_kw = self.kwarg(a, "int", &[q::BASE], q::BASE)?;
        if a.argc > 2 {
            return Err(self.type_error(format_args!(
                "int() takes at most 2 arguments ({} given)",
                a.argc
            )));
        }
        if a.argc == 0 {
            return Ok(Value::int(0));
        }
        let v = self.arg(a, 0);
        let base = if a.argc == 2 {
            Some(self.arg(a, 1))
        } else {
            base_kw
        };
        if let Some(bv) = base {
            if !self.is_str(v) {
                return Err(self.type_error(format_args!(
                    "int() can't convert non-string with explicit base"
                )));
            }
            let Some(bn) = self.int_to_i64(bv).filter(|_| self.is_int(bv)) else {
                return Err(self.not_an_integer(bv));
            };
            if bn != 0 && !(2..=36).contains(&bn) {
                return Err(
                    self.value_error(format_args!("int() base must be >= 2 and <= 36, or 0"))
                );
            }
            return self.parse_int_str(v, bn as u32);
        }
        match self.num(v) {
            Some(Num::Small(i)) => self.int_from_i64(i),
            Some(Num::Big) => Ok(v),
            Some(Num::Float(f)) => {
                if f.is_nan() {
                    return Err(
                        self.value_error(format_args!("cannot convert float NaN to integer"))
                    );
                }
                if f.is_infinite() {
                    return Err(self.new_error(
                        b::OVERFLOW_ERROR,
                        format_args!("cannot convert float infinity to integer"),
                    ));
                }
                self.int_from_f64(libm::trunc(f))
            }
            None if self.is_str(v) => self.parse_int_str(v, 10),
            None if self.is_user_object(v) && self.has_dunder(v, q::DUNDER_INT)? => {
                let i = self
                    .call_dunder(v, q::DUNDER_INT, &[])?
                    .unwrap_or(Value::NONE);
                if !self.is_int(i) {
                    let tn = self.type_name(i);
                    return Err(
                        self.type_error(format_args!("__int__ returned non-int (type {tn})"))
                    );
                }
                Ok(i)
            }
            None if self.is_user_object(v) && self.has_dunder(v, q::DUNDER_INDEX)? => {
                Ok(self.index_value(v)?.unwrap_or(v))
            }
            None => {
                let tn = self.type_name(v);
                Err(self.type_error(format_args!("int() argument must be a string, a bytes-like object or a real number, not '{tn}'")))
            }
        }
    }

    fn parse_int_str(&mut self, s: Value, base: u32) -> Result<Value, Raised> {
        let len = self.str_bytes(s).len();
        let bound = bigint::parse_int_bound(len, base);
        let tmp = self.alloc(TAG_RAW, len.div_ceil(4) + bound + 1)?;
        let in_words = len.div_ceil(4);
        if let Some(qid) = s.as_qstr() {
            let text = self.image.qstr(qid).as_bytes();
            bytemuck::cast_slice_mut::<u32, u8>(&mut self.heap.words[tmp + 1..tmp + 1 + in_words])
                [..len]
                .copy_from_slice(text);
        } else {
            let src = s.index() + 4;
            self.heap.words.copy_within(src..src + in_words, tmp + 1);
        }
        let size = self.heap.size(tmp);
        let r = {
            let (text, out) = self.heap.words[tmp + 1..tmp + size].split_at_mut(in_words);
            let text = &bytemuck::cast_slice::<u32, u8>(text)[..len];
            bigint::parse_int(text, base, out)
        };
        match r {
            Ok((neg, n)) => {
                let start = tmp + 1 + in_words;
                let mut limbs_small = [0u32; 2];
                if n <= 2 {
                    limbs_small[..n].copy_from_slice(&self.heap.words[start..start + n]);
                    let u = limbs_small[0] as u64 | (limbs_small[1] as u64) << 32;
                    if u <= i64::MAX as u64 {
                        let i = u as i64;
                        return self.int_from_i64(if neg { -i } else { i });
                    }
                }
                self.push(Value::obj(tmp))?;
                let o = self.alloc(TAG_BIGINT, 1 + n);
                self.pop();
                let o = o?;
                self.heap.words.copy_within(start..start + n, o + 2);
                self.heap.words[o + 1] = n as u32 | (neg as u32) << 31;
                Ok(Value::obj(o))
            }
            Err(_) => {
                let r = self.to_repr(s)?;
                let mut buf = StackBuf::<200>::new();
                buf.push_bytes(self.str_bytes(r));
                Err(self.value_error(format_args!(
                    "invalid literal for int() with base {base}: {}",
                    buf.as_str()
                )))
            }
        }
    }

    fn native_float(&mut self, a: Args) -> Result<Value, Raised> {
        self.no_kwargs(a, "float")?;
        self.arg_count(a, "float", 0, 1)?;
        if a.argc == 0 {
            return self.new_float(0.0);
        }
        let v = self.arg(a, 0);
        if self.num(v).is_some() {
            let f = self.to_f64(v)?;
            return if self.is_tag(v, TAG_FLOAT) {
                Ok(v)
            } else {
                self.new_float(f)
            };
        }
        if self.is_str(v) {
            let parsed = fl::float_from_str(self.str_bytes(v));
            return match parsed {
                Some(f) => self.new_float(f),
                None => {
                    let r = self.to_repr(v)?;
                    let mut buf = StackBuf::<200>::new();
                    buf.push_bytes(self.str_bytes(r));
                    Err(self.value_error(format_args!(
                        "could not convert string to float: {}",
                        buf.as_str()
                    )))
                }
            };
        }
        if self.is_user_object(v) && self.has_dunder(v, q::DUNDER_FLOAT)? {
            let f = self
                .call_dunder(v, q::DUNDER_FLOAT, &[])?
                .unwrap_or(Value::NONE);
            if !self.is_tag(f, TAG_FLOAT) {
                let (cn, tn) = (self.type_name(v), self.type_name(f));
                return Err(self.type_error(format_args!(
                    "{cn}.__float__ returned non-float (type {tn})"
                )));
            }
            return Ok(f);
        }
        if let Some(i) = self.index_value(v)? {
            let f = self.to_f64(i)?;
            return self.new_float(f);
        }
        let tn = self.type_name(v);
        Err(self.type_error(format_args!(
            "float() argument must be a string or a real number, not '{tn}'"
        )))
    }

    fn native_range(&mut self, a: Args) -> Result<Value, Raised> {
        self.no_kwargs(a, "range")?;
        if a.argc == 0 {
            return Err(self.type_error(format_args!("range expected at least 1 argument, got 0")));
        }
        self.arg_count(a, "range", 1, 3)?;
        let mut vals = [0i64, 0, 1];
        for (i, slot) in vals.iter_mut().enumerate().take(a.argc) {
            let v = self.arg(a, i);
            if !self.is_int(v) {
                return Err(self.not_an_integer(v));
            }
            let Some(x) = self.int_to_i64(v) else {
                return Err(self.new_error(
                    b::OVERFLOW_ERROR,
                    format_args!("range() arguments too large for this runtime"),
                ));
            };
            *slot = x;
        }
        let (start, stop, step) = match a.argc {
            1 => (0, vals[0], 1),
            2 => (vals[0], vals[1], 1),
            _ => (vals[0], vals[1], vals[2]),
        };
        if step == 0 {
            return Err(self.value_error(format_args!("range() arg 3 must not be zero")));
        }
        self.make_range(start, stop, step)
    }

    /// `dict(src, **kw)` and `d.update(src, **kw)`: a mapping or an
    /// iterable of pairs, then the keyword arguments.
    pub(crate) fn dict_update_args(&mut self, d: Value, a: Args) -> Result<(), Raised> {
        if a.argc == 1 {
            let src = self.arg(a, 0);
            if self.is_tag(src, TAG_DICT) {
                self.dict_update(d, src)?;
            } else {
                self.dict_from_pairs(d, src)?;
            }
        }
        for k in 0..a.nkw {
            let key = self.stack_at(a.at + a.argc + 2 * k);
            let val = self.stack_at(a.at + a.argc + 2 * k + 1);
            self.dict_set(d, key, val)?;
        }
        Ok(())
    }

    pub(crate) fn dict_from_pairs(&mut self, d: Value, src: Value) -> Result<(), Raised> {
        let it = self.get_iter(src)?;
        self.push(it)?;
        let mut i = 0;
        let r = loop {
            match self.iter_next(it) {
                Ok(Some(pair)) => {
                    if !(self.is_str(pair)
                        || self.is_tag(pair, TAG_LIST)
                        || self.is_tag(pair, TAG_TUPLE)
                        || self.is_iterator(pair))
                    {
                        break Err(self.type_error(format_args!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        )));
                    }
                    self.push(pair)?;
                    let l = self.to_list(pair);
                    self.pop();
                    let l = l?;
                    let n = self.list_len(l);
                    if n != 2 {
                        break Err(self.value_error(format_args!(
                            "dictionary update sequence element #{i} has length {n}; 2 is required"
                        )));
                    }
                    self.push(l)?;
                    let (k, v) = (self.seq_get(l, 0), self.seq_get(l, 1));
                    let r = self.dict_set(d, k, v);
                    self.pop();
                    if let Err(e) = r {
                        break Err(e);
                    }
                    i += 1;
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        self.pop();
        r
    }
}
