//! The `struct` module: `pack`, `unpack`, `unpack_from`, `calcsize`.
//!
//! Formats use the standard sizes of `<`, `>`, `!` and `=`; `@` (the
//! default) uses the same sizes with natural alignment, as a 32-bit board
//! does (so `l` is 4 bytes everywhere).

use crate::builtins as b;
use crate::heap::*;
use crate::natives::Args;
use crate::value::Value;
use crate::{Host, Raised, Vm};

/// One parsed format: byte order, alignment, and the items.
struct Format {
    little: bool,
    align: bool,
    items: [(u8, usize); 64],
    n: usize,
}

fn size_of(c: u8) -> Option<usize> {
    Some(match c {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'l' | b'L' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        _ => return None,
    })
}

impl<'a, H: Host> Vm<'a, H> {
    fn struct_error(&mut self, args: core::fmt::Arguments<'_>) -> Raised {
        self.new_error(b::STRUCT_ERROR, args)
    }

    fn parse_format(&mut self, fmt: Value) -> Result<Format, Raised> {
        if !self.is_str(fmt) && !self.is_bytes_like(fmt) {
            let tn = self.type_name(fmt);
            return Err(self.type_error(format_args!(
                "Struct() argument 1 must be a str or bytes object, not {tn}"
            )));
        }
        let mut f = Format {
            little: true,
            align: true,
            items: [(0, 0); 64],
            n: 0,
        };
        let len = if self.is_str(fmt) {
            self.str_bytes(fmt).len()
        } else {
            self.byte_data(fmt).len()
        };
        let mut at = 0;
        let byte = |vm: &Self, i: usize| {
            if vm.is_str(fmt) {
                vm.str_bytes(fmt)[i]
            } else {
                vm.byte_data(fmt)[i]
            }
        };
        if len > 0 {
            match byte(self, 0) {
                b'<' | b'=' => (f.little, f.align, at) = (true, false, 1),
                b'>' | b'!' => (f.little, f.align, at) = (false, false, 1),
                b'@' => at = 1,
                _ => {}
            }
        }
        while at < len {
            let mut c = byte(self, at);
            if c == b' ' {
                at += 1;
                continue;
            }
            let mut count = None;
            while c.is_ascii_digit() {
                count = Some(
                    count
                        .unwrap_or(0usize)
                        .saturating_mul(10)
                        .saturating_add((c - b'0') as usize),
                );
                at += 1;
                if at >= len {
                    return Err(self.struct_error(format_args!(
                        "repeat count given without format specifier"
                    )));
                }
                c = byte(self, at);
            }
            if size_of(c).is_none() {
                return Err(self.struct_error(format_args!("bad char in struct format")));
            }
            if f.n >= f.items.len() {
                return Err(self.not_supported("struct formats with more than 64 items"));
            }
            f.items[f.n] = (c, count.unwrap_or(1));
            f.n += 1;
            at += 1;
        }
        Ok(f)
    }

    fn calcsize(f: &Format) -> usize {
        let mut size = 0usize;
        for &(c, count) in &f.items[..f.n] {
            let s = size_of(c).unwrap_or(1);
            if f.align && c != b's' && c != b'x' {
                size = size.div_ceil(s) * s;
            }
            size = size.saturating_add(if c == b's' {
                count
            } else {
                s.saturating_mul(count)
            });
        }
        size
    }

    pub(crate) fn struct_call(&mut self, id: u16, a: Args) -> Result<Value, Raised> {
        if a.argc == 0 {
            let name = b::name(id);
            return Err(self.type_error(format_args!(
                "{name}() missing required argument 'format' (pos 1)"
            )));
        }
        let f = self.parse_format(self.arg(a, 0))?;
        let size = Self::calcsize(&f);
        match id {
            b::STRUCT_CALCSIZE => self.int_from_i64(size as i64),
            b::STRUCT_PACK => self.struct_pack(&f, size, a),
            _ => {
                let want = if id == b::STRUCT_UNPACK_FROM {
                    2..=3
                } else {
                    2..=2
                };
                if !want.contains(&a.argc) {
                    return Err(self
                        .type_error(format_args!("unpack expected 2 arguments, got {}", a.argc)));
                }
                let buf = self.arg(a, 1);
                if !self.is_bytes_like(buf) {
                    let tn = self.type_name(buf);
                    return Err(self
                        .type_error(format_args!("a bytes-like object is required, not '{tn}'")));
                }
                let offset = if a.argc == 3 {
                    self.int_to_i64(self.arg(a, 2)).unwrap_or(0).max(0) as usize
                } else {
                    0
                };
                let have = self.byte_data(buf).len();
                if id == b::STRUCT_UNPACK && have != size {
                    return Err(
                        self.struct_error(format_args!("unpack requires a buffer of {size} bytes"))
                    );
                }
                if id == b::STRUCT_UNPACK_FROM && have < offset + size {
                    return Err(self.struct_error(format_args!(
                        "unpack_from requires a buffer of at least {} bytes for unpacking {size} bytes at offset {offset} (actual buffer size is {have})",
                        offset + size
                    )));
                }
                self.struct_unpack(&f, buf, offset)
            }
        }
    }

    fn struct_pack(&mut self, f: &Format, size: usize, a: Args) -> Result<Value, Raised> {
        let out = self.new_bytes_of(TAG_BYTEARRAY, &[])?;
        self.push(out)?;
        let mut argi = 1;
        let mut pos = 0usize;
        let mut r = Ok(());
        'items: for &(c, count) in &f.items[..f.n] {
            let s = size_of(c).unwrap_or(1);
            if f.align && c != b's' && c != b'x' {
                let pad = pos.div_ceil(s) * s - pos;
                r = self.push_bytes(out, &[0u8; 8][..pad]);
                pos += pad;
            }
            let reps = if c == b's' { 1 } else { count };
            for _ in 0..reps {
                if r.is_err() {
                    break 'items;
                }
                if c == b'x' {
                    r = self.push_bytes(out, &[0]);
                    pos += 1;
                    continue;
                }
                if argi >= a.argc {
                    r = Err(self.struct_error(format_args!(
                        "pack expected {} items for packing (got {})",
                        f.items[..f.n]
                            .iter()
                            .map(|&(c, n)| if c == b'x' {
                                0
                            } else if c == b's' {
                                1
                            } else {
                                n
                            })
                            .sum::<usize>(),
                        a.argc - 1
                    )));
                    break 'items;
                }
                let v = self.arg(a, argi);
                argi += 1;
                r = self.pack_one(out, c, count, v, f.little);
                pos += if c == b's' { count } else { s };
            }
        }
        let expected = argi;
        if r.is_ok() && expected < a.argc {
            r = Err(self.struct_error(format_args!(
                "pack expected {} items for packing (got {})",
                expected - 1,
                a.argc - 1
            )));
        }
        let res = r.and_then(|_| {
            let _ = size;
            self.bytes_copy(out)
        });
        self.pop();
        res
    }

    fn push_bytes(&mut self, out: Value, data: &[u8]) -> Result<(), Raised> {
        for &c in data {
            self.bytearray_push(out, c)?;
        }
        Ok(())
    }

    fn pack_one(
        &mut self,
        out: Value,
        c: u8,
        count: usize,
        v: Value,
        little: bool,
    ) -> Result<(), Raised> {
        let mut buf = [0u8; 8];
        let n = size_of(c).unwrap_or(1);
        match c {
            b's' => {
                if !self.is_bytes_like(v) {
                    return Err(
                        self.struct_error(format_args!("argument for 's' must be a bytes object"))
                    );
                }
                for i in 0..count {
                    let byte = self.byte_data(v).get(i).copied().unwrap_or(0);
                    self.bytearray_push(out, byte)?;
                }
                return Ok(());
            }
            b'c' => {
                if !self.is_bytes_like(v) || self.byte_data(v).len() != 1 {
                    return Err(self.struct_error(format_args!(
                        "char format requires a bytes object of length 1"
                    )));
                }
                let byte = self.byte_data(v)[0];
                return self.bytearray_push(out, byte);
            }
            b'?' => {
                let t = self.truthy(v)?;
                return self.bytearray_push(out, t as u8);
            }
            b'f' | b'd' | b'e' => {
                let x = self.to_f64(v).map_err(|_| {
                    self.struct_error(format_args!("required argument is not a float"))
                })?;
                if c == b'd' {
                    buf = if little {
                        x.to_le_bytes()
                    } else {
                        x.to_be_bytes()
                    };
                } else {
                    let b4 = if little {
                        (x as f32).to_le_bytes()
                    } else {
                        (x as f32).to_be_bytes()
                    };
                    buf[..4].copy_from_slice(&b4);
                }
            }
            _ => {
                if !self.is_int(v) {
                    return Err(
                        self.struct_error(format_args!("required argument is not an integer"))
                    );
                }
                let signed = c.is_ascii_lowercase();
                let bits = 8 * n as u32;
                let x = self.int_to_i64(v);
                let fits = match x {
                    Some(x) if signed => {
                        bits == 64 || (x >= -(1i64 << (bits - 1)) && x < (1i64 << (bits - 1)))
                    }
                    Some(x) => x >= 0 && (bits == 64 || x < (1i64 << bits)),
                    None => false,
                };
                let x = match (fits, x) {
                    (true, Some(x)) => x,
                    _ if !signed && bits == 64 && self.int_sign(v) != core::cmp::Ordering::Less => {
                        // Q above i64::MAX: the low 64 bits of the magnitude.
                        let mut b2 = [0u32; 2];
                        let i = self.int_view(v, &mut b2);
                        if i.mag.len() > 2 {
                            return Err(self.struct_error(format_args!("argument out of range")));
                        }
                        (i.mag[0] as u64 | (i.mag.get(1).copied().unwrap_or(0) as u64) << 32) as i64
                    }
                    _ => {
                        let what = match c {
                            b'b' => "byte format requires -128 <= number <= 127",
                            b'B' => "ubyte format requires 0 <= number <= 255",
                            b'h' => "short format requires -32768 <= number <= 32767",
                            b'H' => "ushort format requires 0 <= number <= 65535",
                            _ => "argument out of range",
                        };
                        let what = if signed || matches!(c, b'B' | b'H') {
                            what
                        } else {
                            "argument out of range"
                        };
                        return Err(self.struct_error(format_args!("{what}")));
                    }
                };
                let all = if little {
                    x.to_le_bytes()
                } else {
                    x.to_be_bytes()
                };
                if little {
                    buf[..n].copy_from_slice(&all[..n]);
                } else {
                    buf[..n].copy_from_slice(&all[8 - n..]);
                }
            }
        }
        self.push_bytes(out, &buf[..n])
    }

    fn struct_unpack(&mut self, f: &Format, buf: Value, offset: usize) -> Result<Value, Raised> {
        let l = self.new_list(0)?;
        self.push(l)?;
        let mut pos = offset;
        for &(c, count) in &f.items[..f.n] {
            let s = size_of(c).unwrap_or(1);
            if f.align && c != b's' && c != b'x' {
                pos = offset + (pos - offset).div_ceil(s) * s;
            }
            if c == b's' {
                let v = self.bytes_from_slice_of(buf, pos, pos + count)?;
                self.list_append(l, v)?;
                pos += count;
                continue;
            }
            for _ in 0..count {
                if c == b'x' {
                    pos += 1;
                    continue;
                }
                let mut raw = [0u8; 8];
                raw[..s].copy_from_slice(&self.byte_data(buf)[pos..pos + s]);
                pos += s;
                let v = match c {
                    b'c' => self.new_bytes_of(TAG_BYTES, &raw[..1])?,
                    b'?' => Value::from_bool(raw[0] != 0),
                    b'd' => {
                        let x = if f.little {
                            f64::from_le_bytes(raw)
                        } else {
                            f64::from_be_bytes(raw)
                        };
                        self.new_float(x)?
                    }
                    b'f' => {
                        let b4 = [raw[0], raw[1], raw[2], raw[3]];
                        let x = if f.little {
                            f32::from_le_bytes(b4)
                        } else {
                            f32::from_be_bytes(b4)
                        };
                        self.new_float(x as f64)?
                    }
                    _ => {
                        let mut be = [0u8; 8];
                        let mut u: u64 = 0;
                        for i in 0..s {
                            let byte = if f.little { raw[s - 1 - i] } else { raw[i] };
                            u = (u << 8) | byte as u64;
                            be[i] = byte;
                        }
                        let signed = c.is_ascii_lowercase();
                        if signed && s < 8 && u >> (8 * s - 1) & 1 == 1 {
                            u |= !0u64 << (8 * s);
                        }
                        if !signed && s == 8 && u > i64::MAX as u64 {
                            let hi = self.int_from_i64((u >> 32) as i64)?;
                            self.push(hi)?;
                            let sh = self.binary_op(
                                image_format::ops::BinOp::LShift,
                                hi,
                                Value::int(32),
                            );
                            self.pop();
                            let sh = sh?;
                            self.push(sh)?;
                            let lo = self.int_from_i64((u & 0xffff_ffff) as i64)?;
                            let r = self.binary_op(image_format::ops::BinOp::Or, sh, lo);
                            self.pop();
                            r?
                        } else {
                            self.int_from_i64(u as i64)?
                        }
                    }
                };
                self.list_append(l, v)?;
            }
        }
        let t = self.list_to_tuple(l);
        self.pop();
        t
    }

    fn bytes_from_slice_of(&mut self, buf: Value, from: usize, to: usize) -> Result<Value, Raised> {
        let mut tmp = [0u8; 64];
        let out = self.new_bytes_of(TAG_BYTEARRAY, &[])?;
        self.push(out)?;
        let mut at = from;
        while at < to {
            let k = (to - at).min(64);
            tmp[..k].copy_from_slice(&self.byte_data(buf)[at..at + k]);
            self.push_bytes(out, &tmp[..k])?;
            at += k;
        }
        let r = self.bytes_copy(out);
        self.pop();
        r
    }
}
