//! Text: `str()` and `repr()` of every value, `print`, f-string fields,
//! tracebacks.
//!
//! Output goes to an [`Out`]: the host's stdout or stderr directly (so
//! `print` of a big list allocates nothing), or a string buffer object on
//! the heap (for `str()`, `repr()`, f-strings). Bytes that live in the heap
//! are copied through a small stack buffer on their way into a heap buffer,
//! because both cannot be borrowed at once.

use crate::builtins as b;
use crate::heap::*;
use crate::num::{bigint, float as fl};
use crate::value::Value;
use crate::{Host, Raised, Vm};
use image_format::qstr as q;

/// A fixed-size text buffer for messages; text past its end is dropped.
pub(crate) struct StackBuf<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> StackBuf<N> {
    pub(crate) fn new() -> Self {
        StackBuf {
            buf: [0; N],
            len: 0,
        }
    }
    pub(crate) fn push_bytes(&mut self, b: &[u8]) {
        let n = b.len().min(N - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&b[..n]);
        self.len += n;
        // Never end inside a UTF-8 sequence.
        while self.len > 0 && core::str::from_utf8(&self.buf[..self.len]).is_err() {
            self.len -= 1;
        }
    }
    pub(crate) fn push_str(&mut self, s: &str) {
        self.push_bytes(s.as_bytes())
    }
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
    pub(crate) fn as_str(&self) -> &str {
        core::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

impl<const N: usize> core::fmt::Write for StackBuf<N> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// First index of `needle` in `hay` at or after `from`.
pub(crate) fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return if from <= hay.len() { Some(from) } else { None };
    }
    if needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| &hay[i..i + needle.len()] == needle)
}

/// Where text goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Out {
    Stdout,
    Stderr,
    /// A STRBUF object, rooted on the VM stack by whoever made it.
    Buf(Value),
}

/// How deeply containers may nest in one repr (each level is a Rust call,
/// and a board has little stack).
pub(crate) const MAX_NESTING: usize = 64;

impl<'a, H: Host> Vm<'a, H> {
    /// Writes bytes that do not live in the heap.
    pub(crate) fn out(&mut self, out: Out, bytes: &[u8]) -> Result<(), Raised> {
        match out {
            Out::Stdout => {
                self.host.write_out(bytes);
                Ok(())
            }
            Out::Stderr => {
                self.host.write_err(bytes);
                Ok(())
            }
            Out::Buf(buf) => {
                let at = self.strbuf_grow(buf, bytes.len())?;
                let raw = self.field(buf, 2).index();
                let size = self.heap.size(raw);
                let dst =
                    bytemuck::cast_slice_mut::<u32, u8>(&mut self.heap.words[raw + 1..raw + size]);
                dst[at..at + bytes.len()].copy_from_slice(bytes);
                Ok(())
            }
        }
    }

    /// Writes the bytes of str `s` (which may live in the heap).
    pub(crate) fn out_str(
        &mut self,
        out: Out,
        s: Value,
        from: usize,
        to: usize,
    ) -> Result<(), Raised> {
        match out {
            Out::Stdout | Out::Stderr => {
                let bytes = if let Some(q) = s.as_qstr() {
                    &self.image.qstr(q).as_bytes()[from..to]
                } else {
                    let o = s.index();
                    let words = &self.heap.words[o + 4..o + self.heap.size(o)];
                    &bytemuck::cast_slice::<u32, u8>(words)[from..to]
                };
                if out == Out::Stdout {
                    self.host.write_out(bytes)
                } else {
                    self.host.write_err(bytes)
                }
                Ok(())
            }
            Out::Buf(buf) => {
                if let Some(q) = s.as_qstr() {
                    let text = &self.image.qstr(q).as_bytes()[from..to];
                    return self.out(out, text);
                }
                let n = to - from;
                let at = self.strbuf_grow(buf, n)?;
                let raw = self.field(buf, 2).index();
                let src = (s.index() + 4) * 4 + from;
                let dst = (raw + 1) * 4 + at;
                bytemuck::cast_slice_mut::<u32, u8>(&mut *self.heap.words)
                    .copy_within(src..src + n, dst);
                Ok(())
            }
        }
    }

    pub(crate) fn out_fmt(
        &mut self,
        out: Out,
        args: core::fmt::Arguments<'_>,
    ) -> Result<(), Raised> {
        let mut b = StackBuf::<128>::new();
        let _ = core::fmt::write(&mut b, args);
        self.out(out, b.as_bytes())
    }

    // ---- string buffers

    pub(crate) fn new_strbuf(&mut self) -> Result<Value, Raised> {
        self.new_obj(TAG_STRBUF, &[Value::int(0), Value::NULL])
    }

    /// Reserves `n` more bytes; returns where they start.
    fn strbuf_grow(&mut self, buf: Value, n: usize) -> Result<usize, Raised> {
        let len = self.int_field(buf, 1);
        let raw = self.field(buf, 2);
        let cap = if raw.is_null() {
            0
        } else {
            (self.heap.size(raw.index()) - 1) * 4
        };
        if len + n > cap {
            let want = (len + n).max(cap * 2).max(16);
            let new = self.alloc(TAG_RAW, want.div_ceil(4))?;
            if !raw.is_null() {
                let from = raw.index() + 1;
                self.heap
                    .words
                    .copy_within(from..from + len.div_ceil(4), new + 1);
            }
            self.set_field(buf, 2, Value::obj(new));
        }
        self.set_field(buf, 1, Value::int((len + n) as i32));
        Ok(len)
    }

    /// The text of a STRBUF as a new str.
    pub(crate) fn strbuf_finish(&mut self, buf: Value) -> Result<Value, Raised> {
        let len = self.int_field(buf, 1);
        let s = self.alloc_str(len)?;
        if len > 0 {
            let raw = self.field(buf, 2).index();
            let words = len.div_ceil(4);
            self.heap
                .words
                .copy_within(raw + 1..raw + 1 + words, s.index() + 4);
        }
        Ok(self.finish_str(s))
    }

    /// Runs `f` with a fresh string buffer and returns its text as a str.
    pub(crate) fn build_str(
        &mut self,
        f: impl FnOnce(&mut Self, Out) -> Result<(), Raised>,
    ) -> Result<Value, Raised> {
        let buf = self.new_strbuf()?;
        let base = self.sp;
        self.push(buf)?;
        let r = f(self, Out::Buf(buf));
        let s = r.and_then(|_| self.strbuf_finish(buf));
        self.sp = base;
        s
    }

    // ---- str() and repr()

    pub(crate) fn to_str(&mut self, v: Value) -> Result<Value, Raised> {
        if self.is_str(v) {
            return Ok(v);
        }
        self.build_str(|vm, out| vm.write_str(out, v))
    }

    pub(crate) fn to_repr(&mut self, v: Value) -> Result<Value, Raised> {
        self.build_str(|vm, out| vm.write_repr(out, v, 0))
    }

    /// Writes `str(v)`.
    pub(crate) fn write_str(&mut self, out: Out, v: Value) -> Result<(), Raised> {
        if self.is_str(v) {
            let n = self.str_bytes(v).len();
            return self.out_str(out, v, 0, n);
        }
        if self.is_user_object(v)
            && let Some(s) = self.call_dunder(v, q::DUNDER_STR, &[])?
        {
            return self.write_dunder_text(out, s, "__str__");
        }
        if self.is_tag(v, TAG_EXCEPTION) {
            return self.write_exception_message(out, v);
        }
        self.write_repr(out, v, 0)
    }

    /// Writes what a `__str__`/`__repr__` returned, which must be a str.
    fn write_dunder_text(&mut self, out: Out, s: Value, which: &str) -> Result<(), Raised> {
        if !self.is_str(s) {
            let tn = self.type_name(s);
            return Err(self.type_error(format_args!("{which} returned non-string (type {tn})")));
        }
        self.push(s)?;
        let n = self.str_bytes(s).len();
        let r = self.out_str(out, s, 0, n);
        self.pop();
        r
    }

    /// Writes `repr(v)`.
    pub(crate) fn write_repr(&mut self, out: Out, v: Value, depth: usize) -> Result<(), Raised> {
        if depth > MAX_NESTING {
            return Err(self.raise_recursion_error());
        }
        if let Some(i) = v.as_small() {
            return self.out_fmt(out, format_args!("{i}"));
        }
        if self.is_user_object(v) {
            if let Some(s) = self.call_dunder(v, q::DUNDER_REPR, &[])? {
                return self.write_dunder_text(out, s, "__repr__");
            }
            if self.is_tag(v, TAG_INSTANCE) {
                let cls = self.field(v, 1);
                self.out(out, b"<")?;
                self.write_class_path(out, cls)?;
                return self.out_fmt(out, format_args!(" object at 0x{:08x}>", v.0));
            }
        }
        if self.is_tag(v, TAG_CLASS) {
            self.out(out, b"<class '")?;
            self.write_class_path(out, v)?;
            return self.out(out, b"'>");
        }
        match v {
            Value::NONE => return self.out(out, b"None"),
            Value::TRUE => return self.out(out, b"True"),
            Value::FALSE => return self.out(out, b"False"),
            Value::NOT_IMPLEMENTED => return self.out(out, b"NotImplemented"),
            Value::ELLIPSIS => return self.out(out, b"Ellipsis"),
            _ => {}
        }
        if v.as_qstr().is_some() {
            return self.write_str_repr(out, v);
        }
        if let Some(id) = v.as_builtin() {
            let name = b::name(id);
            return if b::is_type(id) {
                self.out_fmt(out, format_args!("<class '{name}'>"))
            } else if b::is_module(id) {
                self.out_fmt(out, format_args!("<module '{name}' (built-in)>"))
            } else {
                self.out_fmt(out, format_args!("<built-in function {name}>"))
            };
        }
        if let Some(m) = v.as_method() {
            let name = self.image.qstr(m);
            return self.out_fmt(out, format_args!("<method '{name}'>"));
        }
        match self.tag_of(v) {
            TAG_STR => self.write_str_repr(out, v),
            TAG_BYTES | TAG_BYTEARRAY => self.write_bytes_repr(out, v),
            TAG_FLOAT => {
                let mut buf = [0u8; 32];
                let n = fl::repr_f64(self.float_of(v), &mut buf);
                self.out(out, &buf[..n])
            }
            TAG_BIGINT => self.write_int_radix(out, v, 10),
            TAG_TUPLE | TAG_LIST => {
                let is_list = self.is_tag(v, TAG_LIST);
                if self.repr_cycle(v, depth) {
                    return self.out(out, if is_list { b"[...]" } else { b"(...)" });
                }
                self.out(out, if is_list { b"[" } else { b"(" })?;
                let n = self.seq_parts(v).map_or(0, |p| p.1);
                let mut i = 0;
                // The length is re-read each step: a repr may not change it,
                // but this keeps indexing in bounds regardless.
                while i < self.seq_parts(v).map_or(0, |p| p.1) {
                    if i > 0 {
                        self.out(out, b", ")?;
                    }
                    let x = self.seq_get(v, i);
                    self.repr_enter(v)?;
                    let r = self.write_repr(out, x, depth + 1);
                    self.repr_leave();
                    r?;
                    i += 1;
                }
                if !is_list && n == 1 {
                    self.out(out, b",")?;
                }
                self.out(out, if is_list { b"]" } else { b")" })
            }
            TAG_SET | TAG_FROZENSET => {
                let frozen = self.is_tag(v, TAG_FROZENSET);
                if self.dict_len(v) == 0 {
                    return self.out(out, if frozen { b"frozenset()" } else { b"set()" });
                }
                if self.repr_cycle(v, depth) {
                    return self.out(out, b"{...}");
                }
                self.out(out, if frozen { b"frozenset({" } else { b"{" })?;
                let mut first = true;
                let mut i = 0;
                while i < self.dict_entry_count(v) {
                    let (k, _) = self.dict_entry(v, i);
                    i += 1;
                    if k == Value::DELETED {
                        continue;
                    }
                    if !first {
                        self.out(out, b", ")?;
                    }
                    first = false;
                    self.repr_enter(v)?;
                    let r = self.write_repr(out, k, depth + 1);
                    self.repr_leave();
                    r?;
                }
                self.out(out, if frozen { b"})" } else { b"}" })
            }
            TAG_DICT => {
                if self.repr_cycle(v, depth) {
                    return self.out(out, b"{...}");
                }
                self.out(out, b"{")?;
                let mut first = true;
                let mut i = 0;
                while i < self.dict_entry_count(v) {
                    let (k, x) = self.dict_entry(v, i);
                    i += 1;
                    if k == Value::DELETED {
                        continue;
                    }
                    if !first {
                        self.out(out, b", ")?;
                    }
                    first = false;
                    self.repr_enter(v)?;
                    let r = self
                        .write_repr(out, k, depth + 1)
                        .and_then(|_| self.out(out, b": "))
                        .and_then(|_| self.write_repr(out, x, depth + 1));
                    self.repr_leave();
                    r?;
                }
                self.out(out, b"}")
            }
            TAG_DICT_VIEW => {
                let d = self.field(v, 1);
                let kind = self.int_field(v, 2);
                let name: &[u8] = match kind {
                    0 => b"dict_keys([",
                    1 => b"dict_values([",
                    _ => b"dict_items([",
                };
                self.out(out, name)?;
                let mut first = true;
                let mut i = 0;
                while i < self.dict_entry_count(d) {
                    let (k, x) = self.dict_entry(d, i);
                    i += 1;
                    if k == Value::DELETED {
                        continue;
                    }
                    if !first {
                        self.out(out, b", ")?;
                    }
                    first = false;
                    match kind {
                        0 => self.write_repr(out, k, depth + 1)?,
                        1 => self.write_repr(out, x, depth + 1)?,
                        _ => {
                            self.out(out, b"(")?;
                            self.write_repr(out, k, depth + 1)?;
                            self.out(out, b", ")?;
                            self.write_repr(out, x, depth + 1)?;
                            self.out(out, b")")?;
                        }
                    }
                }
                self.out(out, b"])")
            }
            TAG_RANGE => {
                let (start, stop, step) = self.range_parts(v);
                if step == 1 {
                    self.out_fmt(out, format_args!("range({start}, {stop})"))
                } else {
                    self.out_fmt(out, format_args!("range({start}, {stop}, {step})"))
                }
            }
            TAG_PIN => {
                let id = self.pin_id(v);
                self.out_fmt(out, format_args!("Pin({id})"))
            }
            TAG_SLICE => {
                self.out(out, b"slice(")?;
                for i in 1..=3 {
                    if i > 1 {
                        self.out(out, b", ")?;
                    }
                    let x = self.field(v, i);
                    self.write_repr(out, x, depth + 1)?;
                }
                self.out(out, b")")
            }
            TAG_EXCEPTION => {
                let cls = self.field(v, 1);
                let name = self.class_name(cls);
                self.out(out, name.as_bytes())?;
                let args = self.field(v, 2);
                let n = self.seq_parts(args).map_or(0, |p| p.1);
                if n == 1 {
                    self.out(out, b"(")?;
                    let a = self.seq_get(args, 0);
                    self.write_repr(out, a, depth + 1)?;
                    self.out(out, b")")
                } else {
                    self.write_repr(out, args, depth + 1)
                }
            }
            TAG_FUNCTION => {
                let code = self.image.code(self.int_field(v, 1) as u32);
                let name = self.image.qstr(code.name);
                self.out_fmt(out, format_args!("<function {name} at 0x{:08x}>", v.0))
            }
            TAG_BOUND => {
                let f = self.field(v, 2);
                let name = match f.as_method() {
                    Some(m) => self.image.qstr(m),
                    None if self.is_tag(f, TAG_FUNCTION) => self
                        .image
                        .qstr(self.image.code(self.int_field(f, 1) as u32).name),
                    None => "?",
                };
                let s = self.field(v, 1);
                let tn = self.type_name(s);
                self.out_fmt(
                    out,
                    format_args!("<built-in method {name} of {tn} object at 0x{:08x}>", s.0),
                )
            }
            TAG_MODULE => {
                let m = self.int_field(v, 1);
                let rec = self.image.module(m as u32);
                let name = self.image.qstr(rec.name);
                let file = self.image.qstr(rec.file);
                self.out_fmt(out, format_args!("<module '{name}' from '{file}'>"))
            }
            _ => {
                let tn = self.type_name(v);
                self.out_fmt(out, format_args!("<{tn} object at 0x{:08x}>", v.0))
            }
        }
    }

    /// `ascii(v)`: its repr with every non-ASCII character escaped.
    pub(crate) fn to_ascii(&mut self, v: Value) -> Result<Value, Raised> {
        let r = self.to_repr(v)?;
        if self.str_bytes(r).is_ascii() {
            return Ok(r);
        }
        self.push(r)?;
        let e = self.build_str(|vm, out| {
            let mut at = 0;
            while at < vm.str_bytes(r).len() {
                let (c, k) = vm.char_at(r, at);
                match c {
                    0..=0x7f => vm.out(out, &[c as u8])?,
                    0x80..=0xff => vm.out_fmt(out, format_args!("\\x{c:02x}"))?,
                    0x100..=0xffff => vm.out_fmt(out, format_args!("\\u{c:04x}"))?,
                    _ => vm.out_fmt(out, format_args!("\\U{c:08x}"))?,
                }
                at += k;
            }
            Ok(())
        });
        self.pop();
        e
    }

    /// `module.Name` of a user class.
    fn write_class_path(&mut self, out: Out, cls: Value) -> Result<(), Raised> {
        let module = self.field(cls, 5);
        if self.is_str(module) {
            let n = self.str_bytes(module).len();
            self.out_str(out, module, 0, n)?;
            self.out(out, b".")?;
        }
        let name = self.class_name_of(cls);
        self.out(out, name.as_bytes())
    }

    /// Containers whose repr is being written, innermost last, so a
    /// container that contains itself prints as `[...]`. They are reachable
    /// from the value being printed, so this list needs no rooting.
    fn repr_enter(&mut self, v: Value) -> Result<(), Raised> {
        if self.repr_depth >= self.repr_stack.len() {
            return Err(self.raise_recursion_error());
        }
        self.repr_stack[self.repr_depth] = v;
        self.repr_depth += 1;
        Ok(())
    }

    fn repr_leave(&mut self) {
        self.repr_depth -= 1;
    }

    fn repr_cycle(&self, v: Value, _depth: usize) -> bool {
        self.repr_stack[..self.repr_depth].contains(&v)
    }

    fn write_str_repr(&mut self, out: Out, s: Value) -> Result<(), Raised> {
        let bytes_len = self.str_bytes(s).len();
        let (has_single, has_double) = {
            let bytes = self.str_bytes(s);
            (bytes.contains(&b'\''), bytes.contains(&b'"'))
        };
        let quote = if has_single && !has_double {
            b'"'
        } else {
            b'\''
        };
        self.out(out, &[quote])?;
        let mut at = 0;
        while at < bytes_len {
            // Copy a run of plain bytes in one go, escape the rest.
            let (run, esc) = {
                let bytes = self.str_bytes(s);
                let mut j = at;
                while j < bytes_len {
                    let c = bytes[j];
                    if c < 0x20 || c == 0x7f || c == b'\\' || c == quote {
                        break;
                    }
                    j += 1;
                }
                (j, if j < bytes_len { Some(bytes[j]) } else { None })
            };
            if run > at {
                self.out_str(out, s, at, run)?;
            }
            at = run;
            if let Some(c) = esc {
                match c {
                    b'\n' => self.out(out, b"\\n")?,
                    b'\r' => self.out(out, b"\\r")?,
                    b'\t' => self.out(out, b"\\t")?,
                    b'\\' => self.out(out, b"\\\\")?,
                    b'\'' => self.out(out, b"\\'")?,
                    b'"' => self.out(out, b"\"")?,
                    c => self.out_fmt(out, format_args!("\\x{c:02x}"))?,
                }
                at += 1;
            }
        }
        self.out(out, &[quote])
    }

    /// Writes an int in `radix` (10 for `str`, 16 for `hex`, …) without prefix.
    pub(crate) fn write_int_radix(&mut self, out: Out, v: Value, radix: u32) -> Result<(), Raised> {
        if let Some(i) = self.int_to_i64(v) {
            let mut buf = [0u8; 72];
            let mut n = 0;
            let neg = i < 0;
            let mut u = i.unsigned_abs();
            loop {
                let d = (u % radix as u64) as u8;
                buf[n] = if d < 10 { b'0' + d } else { b'a' + d - 10 };
                n += 1;
                u /= radix as u64;
                if u == 0 {
                    break;
                }
            }
            if neg {
                buf[n] = b'-';
                n += 1;
            }
            buf[..n].reverse();
            return self.out(out, &buf[..n]);
        }
        // A big int: digits into a temporary object, then out in chunks.
        let o = v.index();
        let w = self.heap.words[o + 1];
        let (neg, len) = (w >> 31 != 0, (w & 0x7fff_ffff) as usize);
        let digits = bigint::radix_len_bound(len, radix);
        let scratch = bigint::to_radix_scratch_bound(len);
        let tmp = self.alloc(TAG_RAW, scratch + digits.div_ceil(4))?;
        let size = self.heap.size(tmp);
        let result = {
            // The number and the temporary are different objects: split the
            // heap between them to read one while writing the other.
            let (mag, area) = self.heap.two_mut(o + 2..o + 2 + len, tmp + 1..tmp + size);
            let mag: &[u32] = mag;
            let (scr, text) = area.split_at_mut(scratch);
            let text = bytemuck::cast_slice_mut::<u32, u8>(text);
            bigint::to_radix(mag, radix, scr, text)
        };
        let n = match result {
            Ok(n) => n,
            Err(e) => {
                return Err(
                    self.runtime_error(format_args!("internal integer error: {}", e.message()))
                );
            }
        };
        // Writing may allocate (a growing buffer): keep the digits rooted.
        self.push(Value::obj(tmp))?;
        let start = (tmp + 1 + scratch) * 4;
        let r = if neg { self.out(out, b"-") } else { Ok(()) };
        let r = r.and_then(|_| self.out_heap_bytes(out, start, start + n));
        self.pop();
        r
    }

    /// Writes heap bytes `[from, to)` (byte offsets into the word array).
    pub(crate) fn out_heap_bytes(
        &mut self,
        out: Out,
        from: usize,
        to: usize,
    ) -> Result<(), Raised> {
        let mut tmp = [0u8; 64];
        let mut at = from;
        while at < to {
            let k = (to - at).min(64);
            tmp[..k]
                .copy_from_slice(&bytemuck::cast_slice::<u32, u8>(&*self.heap.words)[at..at + k]);
            self.out(out, &tmp[..k])?;
            at += k;
        }
        Ok(())
    }
}
