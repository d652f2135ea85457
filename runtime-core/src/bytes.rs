//! `bytes` and `bytearray`.
//!
//! ```text
//! BYTES      raw: 1: length, 2: hash (0 = not yet), 3: unused, 4..: the bytes
//!            (the STR layout, so the string helpers can allocate and copy it)
//! BYTEARRAY  1: i:length, 2: RAW buffer|NULL (grows like a list's items)
//! ```
//!
//! Most methods are shared with `str` through a latin-1 bridge: the bytes
//! become a str whose code points are the byte values (so the mapping is
//! exact both ways), the str method runs, and str results come back as
//! bytes of the receiver's type.

use crate::builtins as b;
use crate::heap::*;
use crate::natives::Args;
use crate::text::{Out, StackBuf};
use crate::value::Value;
use crate::{Host, Raised, Vm};
use image_format::qstr as q;

impl<'a, H: Host> Vm<'a, H> {
    pub(crate) fn is_bytes_like(&self, v: Value) -> bool {
        matches!(self.tag_of(v), TAG_BYTES | TAG_BYTEARRAY)
    }

    /// The bytes of a bytes or bytearray object.
    pub(crate) fn byte_data(&self, v: Value) -> &[u8] {
        let o = v.index();
        if self.heap.tag(o) == TAG_BYTES {
            let len = self.heap.words[o + 1] as usize;
            let words = &self.heap.words[o + 4..o + self.heap.size(o)];
            return &bytemuck::cast_slice::<u32, u8>(words)[..len];
        }
        let len = self.int_field(v, 1);
        let raw = self.field(v, 2);
        if raw.is_null() {
            return &[];
        }
        let r = raw.index();
        let words = &self.heap.words[r + 1..r + self.heap.size(r)];
        &bytemuck::cast_slice::<u32, u8>(words)[..len]
    }

    /// A new object of `tag` (BYTES or BYTEARRAY) holding `data`.
    pub(crate) fn new_bytes_of(&mut self, tag: u8, data: &[u8]) -> Result<Value, Raised> {
        if tag == TAG_BYTEARRAY {
            let ba = self.new_obj(TAG_BYTEARRAY, &[Value::int(0), Value::NULL])?;
            self.push(ba)?;
            let r = self.bytearray_extend_raw(ba, data);
            self.pop();
            return r.map(|_| ba);
        }
        let o = self.alloc(TAG_STR, 3 + data.len().div_ceil(4))?;
        self.heap.words[o] = (self.heap.words[o] & !0xff) | TAG_BYTES as u32;
        self.heap.words[o + 1] = data.len() as u32;
        self.heap.words[o + 2] = 0;
        let words = &mut self.heap.words[o + 4..o + 4 + data.len().div_ceil(4)];
        bytemuck::cast_slice_mut::<u32, u8>(words)[..data.len()].copy_from_slice(data);
        Ok(Value::obj(o))
    }

    /// Copies bytes `[from, to)` of `src` (bytes-like or str) into a new
    /// object of `tag`, through a stack buffer: the source may live in the
    /// heap the new object is allocated from.
    fn bytes_from_value(
        &mut self,
        tag: u8,
        src: Value,
        from: usize,
        to: usize,
    ) -> Result<Value, Raised> {
        let n = to - from;
        self.push(src)?;
        let dst = if tag == TAG_BYTEARRAY {
            self.new_bytes_of(TAG_BYTEARRAY, &[])
        } else {
            self.alloc(TAG_STR, 3 + n.div_ceil(4)).map(|o| {
                self.heap.words[o] = (self.heap.words[o] & !0xff) | TAG_BYTES as u32;
                self.heap.words[o + 1] = n as u32;
                self.heap.words[o + 2] = 0;
                Value::obj(o)
            })
        };
        let dst = match dst {
            Ok(d) => d,
            Err(e) => {
                self.pop();
                return Err(e);
            }
        };
        self.push(dst)?;
        let mut tmp = [0u8; 64];
        let mut at = from;
        let mut r = Ok(());
        while at < to && r.is_ok() {
            let k = (to - at).min(64);
            let data = if self.is_str(src) {
                self.str_bytes(src)
            } else {
                self.byte_data(src)
            };
            tmp[..k].copy_from_slice(&data[at..at + k]);
            if tag == TAG_BYTEARRAY {
                r = self.bytearray_extend_raw(dst, &tmp[..k]);
            } else {
                let o = dst.index();
                let size = self.heap.size(o);
                let bytes =
                    bytemuck::cast_slice_mut::<u32, u8>(&mut self.heap.words[o + 4..o + size]);
                bytes[at - from..at - from + k].copy_from_slice(&tmp[..k]);
            }
            at += k;
        }
        self.sp -= 2;
        r.map(|_| dst)
    }

    /// Appends `n` zero bytes to a bytearray.
    fn bytearray_grow(&mut self, ba: Value, n: usize) -> Result<(), Raised> {
        let mut left = n;
        while left > 0 {
            let k = left.min(64);
            self.bytearray_extend_raw(ba, &[0; 64][..k])?;
            left -= k;
        }
        Ok(())
    }

    /// Replaces bytes `[start, end)` of a bytearray with the bytes of
    /// `ins`, a bytes-like object (rooted, not the bytearray itself), or
    /// with nothing when `ins` is NULL.
    pub(crate) fn bytearray_splice(
        &mut self,
        ba: Value,
        start: usize,
        end: usize,
        ins: Value,
    ) -> Result<(), Raised> {
        let n = self.byte_data(ba).len();
        let m = if ins.is_null() {
            0
        } else {
            self.byte_data(ins).len()
        };
        let new_len = n - (end - start) + m;
        self.bytearray_grow(ba, new_len.saturating_sub(n))?;
        let raw = self.field(ba, 2);
        if !raw.is_null() {
            // Byte offsets into the whole heap: the buffer, and the
            // inserted bytes (a BYTES payload follows three header words).
            let base = (raw.index() + 1) * 4;
            let src = match self.tag_of(ins) {
                TAG_BYTES => (ins.index() + 4) * 4,
                TAG_BYTEARRAY if m > 0 => (self.field(ins, 2).index() + 1) * 4,
                _ => 0,
            };
            let all = bytemuck::cast_slice_mut::<u32, u8>(&mut *self.heap.words);
            all.copy_within(base + end..base + n, base + start + m);
            all.copy_within(src..src + m, base + start);
        }
        self.set_field(ba, 1, Value::int(new_len as i32));
        Ok(())
    }

    /// `ba[slice] = v`: bytes-like, or an iterable of ints.
    pub(crate) fn bytearray_set_slice(
        &mut self,
        ba: Value,
        k: Value,
        v: Value,
    ) -> Result<(), Raised> {
        if self.is_str(v) || self.is_int(v) {
            return Err(self.type_error(format_args!(
                "can assign only bytes, buffers, or iterables of ints in range(0, 256)"
            )));
        }
        let src = if self.is_bytes_like(v) {
            self.bytes_copy(v)?
        } else {
            self.push(v)?;
            let at = self.sp - 1;
            let r = self.make_bytes(
                TAG_BYTEARRAY,
                Args {
                    at,
                    argc: 1,
                    nkw: 0,
                },
            );
            self.pop();
            r?
        };
        self.push(src)?;
        let n = self.byte_data(ba).len();
        let sl = self.resolve_slice(k, n)?;
        let m = self.byte_data(src).len();
        let r = if sl.step == 1 {
            let start = sl.start as usize;
            self.bytearray_splice(ba, start, start + sl.len, src)
        } else if m != sl.len {
            Err(self.value_error(format_args!(
                "attempt to assign bytes of size {m} to extended slice of size {}",
                sl.len
            )))
        } else {
            for j in 0..m {
                let c = self.byte_data(src)[j];
                self.bytearray_set(ba, (sl.start + j as i64 * sl.step) as usize, c);
            }
            Ok(())
        };
        self.pop();
        r
    }

    /// An int argument that must be a byte value.
    pub(crate) fn byte_arg(&mut self, x: Value) -> Result<u8, Raised> {
        let Some(byte) = self.int_to_i64(x).filter(|_| self.is_int(x)) else {
            return Err(self.not_an_integer(x));
        };
        if !(0..256).contains(&byte) {
            return Err(self.value_error(format_args!("byte must be in range(0, 256)")));
        }
        Ok(byte as u8)
    }

    /// A new zero-filled object of `tag` with `n` bytes.
    fn zero_bytes(&mut self, tag: u8, n: usize) -> Result<Value, Raised> {
        if tag == TAG_BYTEARRAY {
            let ba = self.new_bytes_of(TAG_BYTEARRAY, &[])?;
            self.push(ba)?;
            let r = self.bytearray_grow(ba, n);
            self.pop();
            return r.map(|_| ba);
        }
        let o = self.alloc(TAG_STR, 3 + n.div_ceil(4))?;
        self.heap.words[o] = (self.heap.words[o] & !0xff) | TAG_BYTES as u32;
        self.heap.words[o + 1] = n as u32;
        self.heap.words[o + 2] = 0;
        self.heap.words[o + 4..o + 4 + n.div_ceil(4)].fill(0);
        Ok(Value::obj(o))
    }

    /// Appends raw bytes (not in the heap) to a bytearray.
    fn bytearray_extend_raw(&mut self, ba: Value, data: &[u8]) -> Result<(), Raised> {
        if data.is_empty() {
            return Ok(());
        }
        let len = self.int_field(ba, 1);
        let raw = self.field(ba, 2);
        let cap = if raw.is_null() {
            0
        } else {
            (self.heap.size(raw.index()) - 1) * 4
        };
        if len + data.len() > cap {
            let want = (len + data.len()).max(cap * 2).max(16);
            let new = self.alloc(TAG_RAW, want.div_ceil(4))?;
            let raw = self.field(ba, 2);
            if !raw.is_null() {
                let from = raw.index() + 1;
                self.heap
                    .words
                    .copy_within(from..from + len.div_ceil(4), new + 1);
            }
            self.set_field(ba, 2, Value::obj(new));
        }
        let r = self.field(ba, 2).index();
        let size = self.heap.size(r);
        let bytes = bytemuck::cast_slice_mut::<u32, u8>(&mut self.heap.words[r + 1..r + size]);
        bytes[len..len + data.len()].copy_from_slice(data);
        self.set_field(ba, 1, Value::int((len + data.len()) as i32));
        Ok(())
    }

    /// `a + b` for bytes-likes: the left operand's type.
    pub(crate) fn bytes_concat(&mut self, a: Value, c: Value) -> Result<Value, Raised> {
        let tag = self.tag_of(a);
        let out = self.new_bytes_of(TAG_BYTEARRAY, &[])?;
        self.push(out)?;
        let r = self
            .bytearray_extend_value(out, a)
            .and_then(|_| self.bytearray_extend_value(out, c));
        let r = r.and_then(|_| self.finish_as(tag, out));
        self.pop();
        r
    }

    /// A result built in the bytearray `out`, as a value of type `tag`
    /// (a bytes result is copied out of it).
    fn finish_as(&mut self, tag: u8, out: Value) -> Result<Value, Raised> {
        if tag == TAG_BYTEARRAY {
            Ok(out)
        } else {
            self.bytes_copy(out)
        }
    }

    /// `b * k`.
    pub(crate) fn bytes_repeat(&mut self, a: Value, k: usize) -> Result<Value, Raised> {
        let tag = self.tag_of(a);
        if self.byte_data(a).len().saturating_mul(k) / 4 > self.heap.capacity() {
            return Err(self.raise_memory_error());
        }
        let out = self.new_bytes_of(TAG_BYTEARRAY, &[])?;
        self.push(out)?;
        let mut r = Ok(());
        for _ in 0..k {
            r = self.bytearray_extend_value(out, a);
            if r.is_err() {
                break;
            }
        }
        let r = r.and_then(|_| self.finish_as(tag, out));
        self.pop();
        r
    }

    pub(crate) fn bytearray_set(&mut self, ba: Value, i: usize, c: u8) {
        let r = self.field(ba, 2).index();
        let size = self.heap.size(r);
        bytemuck::cast_slice_mut::<u32, u8>(&mut self.heap.words[r + 1..r + size])[i] = c;
    }

    pub(crate) fn bytearray_push(&mut self, ba: Value, c: u8) -> Result<(), Raised> {
        self.bytearray_extend_raw(ba, &[c])
    }

    /// A BYTES copy of any bytes-like value.
    pub(crate) fn bytes_copy(&mut self, v: Value) -> Result<Value, Raised> {
        let n = self.byte_data(v).len();
        self.bytes_from_value(TAG_BYTES, v, 0, n)
    }

    /// Appends the bytes of any bytes-like value to a bytearray.
    pub(crate) fn bytearray_extend_value(&mut self, ba: Value, src: Value) -> Result<(), Raised> {
        let n = self.byte_data(src).len();
        let mut tmp = [0u8; 64];
        let mut at = 0;
        while at < n {
            let k = (n - at).min(64);
            tmp[..k].copy_from_slice(&self.byte_data(src)[at..at + k]);
            self.bytearray_extend_raw(ba, &tmp[..k])?;
            at += k;
        }
        Ok(())
    }

    /// `bytes(x)` / `bytearray(x)` and their encodings.
    pub(crate) fn make_bytes(&mut self, tag: u8, a: Args) -> Result<Value, Raised> {
        let name = if tag == TAG_BYTES {
            "bytes"
        } else {
            "bytearray"
        };
        self.arg_count(a, name, 0, 3)?;
        if a.argc == 0 {
            return self.new_bytes_of(tag, &[]);
        }
        let v = self.arg(a, 0);
        if self.is_str(v) {
            if a.argc < 2 {
                return Err(self.type_error(format_args!("string argument without an encoding")));
            }
            let enc = self.arg(a, 1);
            let errors = self.arg_or_null(a, 2);
            return self.encode_str(tag, v, enc, errors);
        }
        if self.is_int(v) {
            let Some(n) = self.int_to_i64(v).filter(|n| *n >= 0) else {
                return Err(self.value_error(format_args!("negative count")));
            };
            if n as usize / 4 > self.heap.capacity() {
                return Err(self.raise_memory_error());
            }
            return self.zero_bytes(tag, n as usize);
        }
        if self.is_bytes_like(v) {
            let n = self.byte_data(v).len();
            return self.bytes_from_value(tag, v, 0, n);
        }
        // Any iterable of ints in range(256).
        let l = self.to_list(v)?;
        self.push(l)?;
        let n = self.list_len(l);
        let ba = self.new_bytes_of(TAG_BYTEARRAY, &[])?;
        self.push(ba)?;
        for i in 0..n {
            let x = self.seq_get(l, i);
            let Some(byte) = self.int_to_i64(x).filter(|_| self.is_int(x)) else {
                return Err(self.not_an_integer(x));
            };
            if !(0..256).contains(&byte) {
                let s = if tag == TAG_BYTES { "s" } else { "" };
                return Err(self.value_error(format_args!("byte{s} must be in range(0, 256)")));
            }
            self.bytearray_extend_raw(ba, &[byte as u8])?;
        }
        let r = if tag == TAG_BYTEARRAY {
            Ok(ba)
        } else {
            let n = self.byte_data(ba).len();
            self.bytes_from_value(TAG_BYTES, ba, 0, n)
        };
        self.sp -= 2;
        r
    }

    fn encoding_name(&self, enc: Value) -> StackBuf<16> {
        let mut e = StackBuf::<16>::new();
        if self.is_str(enc) {
            for &c in self.str_bytes(enc).iter().take(16) {
                e.push_bytes(&[c.to_ascii_lowercase()]);
            }
        }
        e
    }

    /// `str.encode(encoding)` into BYTES (or a bytearray).
    pub(crate) fn encode_str(
        &mut self,
        tag: u8,
        s: Value,
        enc: Value,
        errors: Value,
    ) -> Result<Value, Raised> {
        let e = self.encoding_name(enc);
        let mode = self.encoding_name(errors);
        let strict = !matches!(mode.as_str(), "replace" | "ignore");
        match e.as_str() {
            "" | "utf-8" | "utf8" => {
                let n = self.str_bytes(s).len();
                self.bytes_from_value(tag, s, 0, n)
            }
            "ascii" | "latin-1" | "latin1" | "iso-8859-1" => {
                let limit = if e.as_str() == "ascii" { 128 } else { 256 };
                let text = core::str::from_utf8(self.str_bytes(s)).unwrap_or("");
                if let Some((i, c)) = text
                    .chars()
                    .enumerate()
                    .find(|(_, c)| strict && (*c as u32) >= limit)
                {
                    let cs = c as u32;
                    let en = e.as_str();
                    let range = if limit == 128 { "128" } else { "256" };
                    return Err(self.new_error(
                        b::UNICODE_ENCODE_ERROR,
                        format_args!("'{en}' codec can't encode character '\\x{cs:02x}' in position {i}: ordinal not in range({range})"),
                    ));
                }
                let out = self.new_bytes_of(TAG_BYTEARRAY, &[])?;
                self.push(out)?;
                let n = self.str_chars(s);
                for i in 0..n {
                    let c = core::str::from_utf8(self.str_bytes(s))
                        .ok()
                        .and_then(|t| t.chars().nth(i))
                        .map_or(0, |c| c as u32);
                    let c: &[u8] = match c {
                        _ if c < limit => &[c as u8],
                        _ if mode.as_str() == "replace" => b"?",
                        _ => &[],
                    };
                    self.bytearray_extend_raw(out, c)?;
                }
                let r = if tag == TAG_BYTEARRAY {
                    Ok(out)
                } else {
                    let n = self.byte_data(out).len();
                    self.bytes_from_value(TAG_BYTES, out, 0, n)
                };
                self.pop();
                r
            }
            other => {
                let mut buf = StackBuf::<24>::new();
                buf.push_str(other);
                Err(self.new_error(
                    b::LOOKUP_ERROR,
                    format_args!("unknown encoding: {}", buf.as_str()),
                ))
            }
        }
    }

    /// `bytes.decode(encoding, errors)`.
    fn decode_bytes(&mut self, v: Value, enc: Value, errors: Value) -> Result<Value, Raised> {
        let e = self.encoding_name(enc);
        let err_mode = self.encoding_name(errors);
        let latin = matches!(e.as_str(), "latin-1" | "latin1" | "iso-8859-1");
        let ascii = e.as_str() == "ascii";
        if !matches!(e.as_str(), "" | "utf-8" | "utf8") && !latin && !ascii {
            let mut buf = StackBuf::<24>::new();
            buf.push_str(e.as_str());
            return Err(self.new_error(
                b::LOOKUP_ERROR,
                format_args!("unknown encoding: {}", buf.as_str()),
            ));
        }
        self.build_str(|vm, out| {
            let n = vm.byte_data(v).len();
            let mut at = 0;
            while at < n {
                let data = vm.byte_data(v);
                let (ch, used, bad) = if latin {
                    (data[at] as u32, 1, false)
                } else if ascii {
                    (data[at] as u32, 1, data[at] >= 128)
                } else {
                    match utf8_char(&data[at..]) {
                        Some((c, k)) => (c, k, false),
                        None => (0xfffd, 1, true),
                    }
                };
                if bad {
                    match err_mode.as_str() {
                        "replace" => vm.out(out, "\u{fffd}".as_bytes())?,
                        "ignore" => {}
                        _ => {
                            let byte = vm.byte_data(v)[at];
                            let codec = if ascii { "ascii" } else { "utf-8" };
                            let why = if ascii { "ordinal not in range(128)" } else { "invalid start byte" };
                            return Err(vm.new_error(
                                b::UNICODE_DECODE_ERROR,
                                format_args!("'{codec}' codec can't decode byte 0x{byte:02x} in position {at}: {why}"),
                            ));
                        }
                    }
                } else {
                    let mut buf = [0u8; 4];
                    let s = char::from_u32(ch).unwrap_or('\u{fffd}').encode_utf8(&mut buf);
                    vm.out(out, s.as_bytes())?;
                }
                at += used;
            }
            Ok(())
        })
    }

    /// `bytes.fromhex(s)`: pairs of hex digits, whitespace between pairs.
    pub(crate) fn bytes_fromhex(&mut self, s: Value) -> Result<Value, Raised> {
        if !self.is_str(s) {
            let tn = self.type_name(s);
            return Err(self.type_error(format_args!("fromhex() argument must be str, not {tn}")));
        }
        let out = self.new_bytes_of(TAG_BYTEARRAY, &[])?;
        self.push(out)?;
        let n = self.str_bytes(s).len();
        let digit = |vm: &Self, i: usize| {
            vm.str_bytes(s)
                .get(i)
                .and_then(|&c| (c as char).to_digit(16))
        };
        let mut i = 0;
        loop {
            while i < n && matches!(self.str_bytes(s)[i], b' ' | b'\t'..=b'\r') {
                i += 1;
            }
            if i >= n {
                break;
            }
            let (Some(hi), Some(lo)) = (digit(self, i), digit(self, i + 1)) else {
                let at = if digit(self, i).is_some() { i + 1 } else { i };
                let pos = self.byte_to_char_index(s, at.min(n));
                return Err(self.value_error(format_args!(
                    "non-hexadecimal number found in fromhex() arg at position {pos}"
                )));
            };
            self.bytearray_push(out, (hi * 16 + lo) as u8)?;
            i += 2;
        }
        let r = self.bytes_copy(out);
        self.pop();
        r
    }

    pub(crate) fn write_bytes_repr(&mut self, out: Out, v: Value) -> Result<(), Raised> {
        let is_array = self.is_tag(v, TAG_BYTEARRAY);
        if is_array {
            self.out(out, b"bytearray(")?;
        }
        let (single, double) = {
            let d = self.byte_data(v);
            (d.contains(&b'\''), d.contains(&b'"'))
        };
        let quote = if single && !double { b'"' } else { b'\'' };
        self.out(out, &[b'b', quote])?;
        let n = self.byte_data(v).len();
        for i in 0..n {
            let c = self.byte_data(v)[i];
            match c {
                b'\\' => self.out(out, b"\\\\")?,
                b'\n' => self.out(out, b"\\n")?,
                b'\r' => self.out(out, b"\\r")?,
                b'\t' => self.out(out, b"\\t")?,
                c if c == quote => self.out(out, &[b'\\', c])?,
                0x20..=0x7e => self.out(out, &[c])?,
                c => self.out_fmt(out, format_args!("\\x{c:02x}"))?,
            }
        }
        self.out(out, &[quote])?;
        if is_array {
            self.out(out, b")")?;
        }
        Ok(())
    }

    /// The bytes as a latin-1 str (code point = byte value).
    fn latin1_str(&mut self, v: Value) -> Result<Value, Raised> {
        self.build_str(|vm, out| {
            let n = vm.byte_data(v).len();
            for i in 0..n {
                let c = vm.byte_data(v)[i] as u32;
                let mut buf = [0u8; 4];
                let s = char::from_u32(c).unwrap_or('?').encode_utf8(&mut buf);
                vm.out(out, s.as_bytes())?;
            }
            Ok(())
        })
    }

    /// A latin-1 str back to bytes of `tag`.
    fn from_latin1(&mut self, tag: u8, s: Value) -> Result<Value, Raised> {
        let out = self.new_bytes_of(TAG_BYTEARRAY, &[])?;
        self.push(out)?;
        let len = self.str_bytes(s).len();
        let mut at = 0;
        while at < len {
            let (c, k) = utf8_char(&self.str_bytes(s)[at..]).unwrap_or((0, 1));
            self.bytearray_extend_raw(out, &[c as u8])?;
            at += k;
        }
        let r = if tag == TAG_BYTEARRAY {
            Ok(out)
        } else {
            let n = self.byte_data(out).len();
            self.bytes_from_value(TAG_BYTES, out, 0, n)
        };
        self.pop();
        r
    }

    /// Converts a str result of a bridged method back to bytes (lists and
    /// tuples of strs element by element).
    fn unbridge(&mut self, tag: u8, r: Value) -> Result<Value, Raised> {
        if self.is_str(r) {
            // `r` is the only reference to the method's result.
            self.push(r)?;
            let b = self.from_latin1(tag, r);
            self.pop();
            return b;
        }
        if self.is_tag(r, TAG_LIST) || self.is_tag(r, TAG_TUPLE) {
            self.push(r)?;
            let n = self.seq_parts(r).map_or(0, |p| p.1);
            for i in 0..n {
                let x = self.seq_get(r, i);
                if self.is_str(x) {
                    let bx = self.from_latin1(tag, x)?;
                    let (base, _) = self.seq_parts(r).unwrap_or((0, 0));
                    self.heap.words[base + i] = bx.0;
                }
            }
            self.pop();
        }
        Ok(r)
    }

    /// An argument of a bridged method: bytes-likes as latin-1 strs, also
    /// inside a tuple (`startswith((b"a", b"b"))`, `%` arguments) or, for
    /// `join`, a list.
    fn latin1_arg(&mut self, x: Value, join: bool) -> Result<Value, Raised> {
        if self.is_bytes_like(x) {
            return self.latin1_str(x);
        }
        let is_tuple = self.is_tag(x, TAG_TUPLE);
        if !(is_tuple || (join && self.is_tag(x, TAG_LIST))) {
            return Ok(x);
        }
        let l = self.to_list(x)?;
        self.push(l)?;
        for k in 0..self.list_len(l) {
            let e = self.seq_get(l, k);
            if self.is_bytes_like(e) {
                let es = self.latin1_str(e)?;
                let arr = self.field(l, 2).index() + 1;
                self.heap.words[arr + k] = es.0;
            }
        }
        let r = if join { Ok(l) } else { self.list_to_tuple(l) };
        self.pop();
        r
    }

    /// `b % args`: through str's `%`, bytes arguments as latin-1 strs.
    pub(crate) fn bytes_percent(&mut self, v: Value, args: Value) -> Result<Value, Raised> {
        let base = self.sp;
        let t = self.latin1_str(v)?;
        self.push(t)?;
        let args = self.latin1_arg(args, false)?;
        self.push(args)?;
        let r = self
            .percent_format(t, args)
            .and_then(|r| self.unbridge(self.tag_of(v), r));
        self.sp = base;
        r
    }

    pub(crate) fn bytes_method(&mut self, v: Value, name: u16, a: Args) -> Result<Value, Raised> {
        let tag = self.tag_of(v);
        match name {
            q::DECODE => {
                let enc = self.arg_or_null(a, 0);
                let errors = self.arg_or_null(a, 1);
                return self.decode_bytes(v, enc, errors);
            }
            q::APPEND if tag == TAG_BYTEARRAY => {
                self.arg_count(a, "append", 1, 1)?;
                let byte = self.byte_arg(self.arg(a, 0))?;
                self.bytearray_extend_raw(v, &[byte])?;
                return Ok(Value::NONE);
            }
            q::POP | q::INSERT if tag == TAG_BYTEARRAY => {
                let (mname, max) = if name == q::POP {
                    ("pop", 1)
                } else {
                    ("insert", 2)
                };
                self.arg_count(a, mname, max - 1, max)?;
                let n = self.byte_data(v).len() as i64;
                if n == 0 && name == q::POP {
                    return Err(
                        self.new_error(b::INDEX_ERROR, format_args!("pop from empty bytearray"))
                    );
                }
                let mut i = if a.argc > 0 {
                    let iv = self.arg(a, 0);
                    match self.index_value(iv)?.and_then(|i| self.int_to_i64(i)) {
                        Some(i) => i,
                        None => return Err(self.not_an_integer(iv)),
                    }
                } else {
                    -1
                };
                if i < 0 {
                    i += n;
                }
                if name == q::INSERT {
                    let byte = self.byte_arg(self.arg(a, 1))?;
                    let ins = self.new_bytes_of(TAG_BYTES, &[byte])?;
                    self.push(ins)?;
                    let at = i.clamp(0, n) as usize;
                    let r = self.bytearray_splice(v, at, at, ins);
                    self.pop();
                    return r.map(|_| Value::NONE);
                }
                if !(0..n).contains(&i) {
                    return Err(
                        self.new_error(b::INDEX_ERROR, format_args!("pop index out of range"))
                    );
                }
                let c = self.byte_data(v)[i as usize];
                self.bytearray_splice(v, i as usize, i as usize + 1, Value::NULL)?;
                return Ok(Value::int(c as i32));
            }
            q::REMOVE if tag == TAG_BYTEARRAY => {
                self.arg_count(a, "remove", 1, 1)?;
                let byte = self.byte_arg(self.arg(a, 0))?;
                let Some(i) = self.byte_data(v).iter().position(|&c| c == byte) else {
                    return Err(self.value_error(format_args!("value not found in bytearray")));
                };
                self.bytearray_splice(v, i, i + 1, Value::NULL)?;
                return Ok(Value::NONE);
            }
            q::REVERSE | q::CLEAR | q::COPY if tag == TAG_BYTEARRAY => {
                self.arg_count(a, self.image.qstr(name as u32), 0, 0)?;
                let n = self.byte_data(v).len();
                return match name {
                    q::COPY => self.bytes_from_value(TAG_BYTEARRAY, v, 0, n),
                    q::CLEAR => {
                        self.set_field(v, 1, Value::int(0));
                        Ok(Value::NONE)
                    }
                    _ => {
                        if n > 0 {
                            let r = self.field(v, 2).index() + 1;
                            bytemuck::cast_slice_mut::<u32, u8>(&mut self.heap.words[r..])[..n]
                                .reverse();
                        }
                        Ok(Value::NONE)
                    }
                };
            }
            q::EXTEND if tag == TAG_BYTEARRAY => {
                let x = self.arg(a, 0);
                let src = if self.is_bytes_like(x) {
                    x
                } else {
                    self.make_bytes(
                        TAG_BYTES,
                        Args {
                            at: a.at,
                            argc: 1,
                            nkw: 0,
                        },
                    )?
                };
                self.push(src)?;
                let r = self.bytearray_extend_value(v, src);
                self.pop();
                r?;
                return Ok(Value::NONE);
            }
            _ => {}
        }
        if name == q::HEX {
            return self.build_str(|vm, out| {
                let sep = if a.argc > 0 { Some(vm.arg(a, 0)) } else { None };
                let n = vm.byte_data(v).len();
                for i in 0..n {
                    if i > 0
                        && let Some(s) = sep
                    {
                        let k = vm.str_bytes(s).len();
                        vm.out_str(out, s, 0, k)?;
                    }
                    let c = vm.byte_data(v)[i];
                    vm.out_fmt(out, format_args!("{c:02x}"))?;
                }
                Ok(())
            });
        }
        // The rest through str: bytes arguments become latin-1 strs.
        let base = self.sp;
        let sv = self.latin1_str(v)?;
        self.push(sv)?;
        let args_at = self.sp;
        for i in 0..a.argc + 2 * a.nkw {
            let x = self.stack_at(a.at + i);
            let x = self.latin1_arg(x, name == q::JOIN)?;
            self.push(x)?;
        }
        let r = self.call_method(sv, name as u32, args_at, a.argc, a.nkw);
        let r = r.and_then(|r| self.unbridge(tag, r));
        self.sp = base;
        r
    }
}

/// Decodes one UTF-8 character: (code point, length), `None` if invalid.
fn utf8_char(b: &[u8]) -> Option<(u32, usize)> {
    let first = *b.first()?;
    let n = match first {
        0x00..=0x7f => return Some((first as u32, 1)),
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let s = core::str::from_utf8(b.get(..n)?).ok()?;
    s.chars().next().map(|c| (c as u32, n))
}
