//! The instructions that build and take apart containers and strings:
//! `BUILD_*`, `UNPACK_*`, `FORMAT_VALUE`.

use crate::heap::*;
use crate::num::bigint::Int;
use crate::num::format::{self as fspec, FormatSpec};
use crate::text::StackBuf;
use crate::value::Value;
use crate::{Host, Raised, Vm};
use image_format::qstr as q;

impl<'a, H: Host> Vm<'a, H> {
    pub(crate) fn build_tuple(&mut self, n: usize) -> Result<(), Raised> {
        let t = self.new_tuple(n)?;
        let from = self.sp - n;
        self.heap.words.copy_within(from..from + n, t.index() + 2);
        self.sp = from;
        self.push(t)
    }

    pub(crate) fn build_list(&mut self, n: usize) -> Result<(), Raised> {
        let l = self.new_list(n)?;
        let from = self.sp - n;
        if n > 0 {
            let arr = self.field(l, 2).index();
            self.heap.words.copy_within(from..from + n, arr + 1);
            self.set_field(l, 1, Value::int(n as i32));
        }
        self.sp = from;
        self.push(l)
    }

    pub(crate) fn build_map(&mut self, n: usize) -> Result<(), Raised> {
        let d = self.new_dict(n)?;
        let from = self.sp - 2 * n;
        self.push(d)?;
        for i in 0..n {
            let k = self.stack_at(from + 2 * i);
            let v = self.stack_at(from + 2 * i + 1);
            self.dict_set(d, k, v)?;
        }
        self.sp = from;
        self.push(d)
    }

    pub(crate) fn build_string(&mut self, n: usize) -> Result<(), Raised> {
        let from = self.sp - n;
        let mut total = 0;
        for i in 0..n {
            let part = self.stack_at(from + i);
            if !self.is_str(part) {
                let tn = self.type_name(part);
                return Err(self.type_error(format_args!("f-string part must be str, not {tn}")));
            }
            total += self.str_bytes(part).len();
        }
        let s = self.alloc_str(total)?;
        let mut at = 0;
        for i in 0..n {
            let part = self.stack_at(from + i);
            let len = self.str_bytes(part).len();
            self.copy_str_bytes(part, 0, s, at, len);
            at += len;
        }
        let s = self.finish_str(s);
        self.sp = from;
        self.push(s)
    }

    /// An f-string field: conversion, then `format(value, spec)`.
    pub(crate) fn format_value(
        &mut self,
        v: Value,
        conv: u8,
        spec: Value,
    ) -> Result<Value, Raised> {
        use image_format::ops::{FORMAT_CONV_ASCII, FORMAT_CONV_REPR, FORMAT_CONV_STR};
        let v = match conv {
            FORMAT_CONV_STR => self.to_str(v)?,
            FORMAT_CONV_REPR => self.to_repr(v)?,
            FORMAT_CONV_ASCII => self.to_ascii(v)?,
            _ => v,
        };
        let base = self.sp;
        self.push(v)?;
        let r = self.format(v, spec);
        self.sp = base;
        r
    }

    /// `format(v, spec)`; `spec` may be NULL for "".
    pub(crate) fn format(&mut self, v: Value, spec: Value) -> Result<Value, Raised> {
        if !spec.is_null() && !self.is_str(spec) {
            let tn = self.type_name(spec);
            return Err(self.type_error(format_args!("format spec must be str, not {tn}")));
        }
        // A class's own `__format__` gets the spec, "" when there is none.
        // Without one, `object.__format__` is `str()` for an empty spec and
        // a TypeError otherwise (below).
        if self.is_user_object(v) {
            let arg = if spec.is_null() {
                Value::qstr(q::EMPTY as u32)
            } else {
                spec
            };
            if let Some(r) = self.call_dunder(v, q::DUNDER_FORMAT, &[arg])? {
                if !self.is_str(r) {
                    let tn = self.type_name(r);
                    return Err(
                        self.type_error(format_args!("__format__ must return a str, not {tn}"))
                    );
                }
                return Ok(r);
            }
        }
        let spec_bytes: StackBuf<256> = {
            let mut b = StackBuf::new();
            if !spec.is_null() {
                b.push_bytes(self.str_bytes(spec));
            }
            b
        };
        if spec_bytes.as_bytes().is_empty() {
            return self.to_str(v);
        }
        let parsed = match FormatSpec::parse(spec_bytes.as_bytes()) {
            Ok(p) => p,
            Err(e) => return Err(self.format_error(e, spec_bytes.as_str(), v)),
        };
        let is_int = self.is_int(v);
        if is_int {
            return self.format_int_value(v, &parsed, spec_bytes.as_str());
        }
        if self.is_tag(v, TAG_FLOAT) {
            let f = self.float_of(v);
            let bound = fspec::format_float_bound(f, &parsed);
            let tmp = self.alloc(TAG_RAW, bound.div_ceil(4))?;
            let size = self.heap.size(tmp);
            let out =
                bytemuck::cast_slice_mut::<u32, u8>(&mut self.heap.words[tmp + 1..tmp + size]);
            return match fspec::format_float(f, &parsed, out) {
                Ok(n) => self.str_from_raw(tmp, 0, n),
                Err(e) => Err(self.format_error(e, spec_bytes.as_str(), v)),
            };
        }
        if self.is_str(v) {
            let len = self.str_bytes(v).len();
            let bound = fspec::format_str_bound(len, &parsed);
            let tmp = self.alloc(TAG_RAW, (len + bound).div_ceil(4) + 1)?;
            let size = self.heap.size(tmp);
            // Copy the text in, then format from that copy into the rest.
            let in_words = len.div_ceil(4);
            if let Some(q) = v.as_qstr() {
                let text = self.image.qstr(q).as_bytes();
                bytemuck::cast_slice_mut::<u32, u8>(
                    &mut self.heap.words[tmp + 1..tmp + 1 + in_words],
                )[..len]
                    .copy_from_slice(text);
            } else {
                let src = v.index() + 4;
                self.heap.words.copy_within(src..src + in_words, tmp + 1);
            }
            let (text, out) = self.heap.words[tmp + 1..tmp + size].split_at_mut(in_words);
            let text = &bytemuck::cast_slice::<u32, u8>(text)[..len];
            let out = bytemuck::cast_slice_mut::<u32, u8>(out);
            return match fspec::format_str(text, &parsed, out) {
                Ok(n) => self.str_from_raw(tmp, in_words * 4, in_words * 4 + n),
                Err(e) => Err(self.format_error(e, spec_bytes.as_str(), v)),
            };
        }
        let tn = self.type_name(v);
        Err(self.type_error(format_args!(
            "unsupported format string passed to {tn}.__format__"
        )))
    }

    fn format_int_value(
        &mut self,
        v: Value,
        spec: &FormatSpec,
        spec_text: &str,
    ) -> Result<Value, Raised> {
        let v = if v == Value::TRUE {
            Value::int(1)
        } else if v == Value::FALSE {
            Value::int(0)
        } else {
            v
        };
        let (neg, limbs) = {
            let mut buf = [0u32; 2];
            let i = self.int_view(v, &mut buf);
            (i.neg, i.mag.len().max(1))
        };
        let bound = fspec::format_int_bound(limbs, spec);
        let scratch = fspec::format_int_scratch_bound(limbs);
        let tmp = self.alloc(TAG_RAW, limbs + scratch + bound.div_ceil(4))?;
        let size = self.heap.size(tmp);
        // Copy the magnitude into the temporary, then format from there.
        {
            let mut buf = [0u32; 2];
            let mut mag = [0u32; 2];
            let small = self.int_to_i64(v);
            if small.is_some() {
                let i = self.int_view(v, &mut buf);
                mag[..i.mag.len()].copy_from_slice(i.mag);
                let n = i.mag.len();
                self.heap.words[tmp + 1..tmp + 1 + n].copy_from_slice(&mag[..n]);
                for w in &mut self.heap.words[tmp + 1 + n..tmp + 1 + limbs] {
                    *w = 0;
                }
            } else {
                let src = v.index() + 2;
                self.heap.words.copy_within(src..src + limbs, tmp + 1);
            }
        }
        let result = {
            let area = &mut self.heap.words[tmp + 1..tmp + size];
            let (mag, rest) = area.split_at_mut(limbs);
            let (scr, out) = rest.split_at_mut(scratch);
            let out = bytemuck::cast_slice_mut::<u32, u8>(out);
            fspec::format_int(Int::new(neg, mag), spec, scr, out)
        };
        match result {
            Ok(n) => {
                let start = (limbs + scratch) * 4;
                self.str_from_raw(tmp, start, start + n)
            }
            Err(e) => Err(self.format_error(e, spec_text, v)),
        }
    }

    /// A new str from bytes `[from, to)` of RAW object `raw`'s payload.
    fn str_from_raw(&mut self, raw: usize, from: usize, to: usize) -> Result<Value, Raised> {
        self.push(Value::obj(raw))?;
        let s = self.alloc_str(to - from);
        self.pop();
        let s = s?;
        let mut tmp = [0u8; 64];
        let mut at = from;
        while at < to {
            let k = (to - at).min(64);
            let size = self.heap.size(raw);
            tmp[..k].copy_from_slice(
                &bytemuck::cast_slice::<u32, u8>(&self.heap.words[raw + 1..raw + size])[at..at + k],
            );
            self.str_bytes_mut(s)[at - from..at - from + k].copy_from_slice(&tmp[..k]);
            at += k;
        }
        Ok(self.finish_str(s))
    }

    fn format_error(&mut self, e: fspec::FormatError, spec: &str, v: Value) -> Raised {
        let mut msg = StackBuf::<200>::new();
        let tn = self.type_name(v);
        let _ = e.write_message(spec, tn, &mut msg);
        let cls = if e.is_overflow_error() {
            crate::builtins::OVERFLOW_ERROR
        } else {
            crate::builtins::VALUE_ERROR
        };
        self.new_error(cls, format_args!("{}", msg.as_str()))
    }

    pub(crate) fn unpack_sequence(&mut self, n: usize) -> Result<(), Raised> {
        let v = self.peek(0);
        let l = if self.is_tag(v, TAG_TUPLE) || self.is_tag(v, TAG_LIST) {
            v
        } else {
            self.to_list(v)?
        };
        let len = self.seq_parts(l).map_or(0, |p| p.1);
        if len != n {
            return Err(if len > n {
                self.value_error(format_args!("too many values to unpack (expected {n})"))
            } else {
                self.value_error(format_args!(
                    "not enough values to unpack (expected {n}, got {len})"
                ))
            });
        }
        self.sp -= 1;
        for i in (0..n).rev() {
            let x = self.seq_get(l, i);
            self.push(x)?;
        }
        Ok(())
    }

    pub(crate) fn unpack_ex(&mut self, before: usize, after: usize) -> Result<(), Raised> {
        let v = self.peek(0);
        let l = self.to_list(v)?;
        let len = self.list_len(l);
        if len < before + after {
            return Err(self.value_error(format_args!(
                "not enough values to unpack (expected at least {}, got {len})",
                before + after
            )));
        }
        let n = self.sp - 1;
        self.heap.words[n] = l.0;
        // Middle part as a list.
        let mid_len = len - before - after;
        let mid = self.new_list(mid_len)?;
        for j in 0..mid_len {
            let x = self.seq_get(l, before + j);
            let arr = self.field(mid, 2).index();
            self.heap.set(arr, 1 + j, x);
        }
        if mid_len > 0 {
            self.set_field(mid, 1, Value::int(mid_len as i32));
        }
        self.sp -= 1;
        for j in (0..after).rev() {
            let x = self.seq_get(l, before + mid_len + j);
            self.push(x)?;
        }
        self.push(mid)?;
        for j in (0..before).rev() {
            let x = self.seq_get(l, j);
            self.push(x)?;
        }
        Ok(())
    }
}
