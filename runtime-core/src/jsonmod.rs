//! The `json` module: `dumps` and `loads`, with CPython's default output
//! (`ensure_ascii`, `", "` and `": "` separators) and its `indent`,
//! `separators` and `sort_keys` options.

use crate::builtins as b;
use crate::heap::*;
use crate::natives::Args;
use crate::text::{Out, StackBuf};
use crate::value::Value;
use crate::{Host, Raised, Vm};
use image_format::qstr as q;

struct DumpOptions {
    indent: Option<usize>,
    item_sep: Value,
    key_sep: Value,
    sort_keys: bool,
}

impl<'a, H: Host> Vm<'a, H> {
    pub(crate) fn json_dumps(&mut self, a: Args) -> Result<Value, Raised> {
        if a.argc != 1 {
            return Err(self.type_error(format_args!(
                "dumps() takes 1 positional argument but {} were given",
                a.argc
            )));
        }
        let mut opts = DumpOptions {
            indent: None,
            item_sep: Value::NULL,
            key_sep: Value::NULL,
            sort_keys: false,
        };
        for k in 0..a.nkw {
            let key = self.stack_at(a.at + a.argc + 2 * k);
            let v = self.stack_at(a.at + a.argc + 2 * k + 1);
            let mut name = StackBuf::<24>::new();
            name.push_bytes(self.str_bytes(key));
            match name.as_str() {
                "indent" if v != Value::NONE => {
                    opts.indent = Some(self.int_to_i64(v).unwrap_or(0).max(0) as usize)
                }
                "indent" => {}
                "sort_keys" => opts.sort_keys = self.truthy(v)?,
                "separators" if v != Value::NONE => {
                    if self.seq_parts(v).map(|p| p.1) != Some(2) {
                        return Err(
                            self.value_error(format_args!("separators must be a (item, key) pair"))
                        );
                    }
                    opts.item_sep = self.seq_get(v, 0);
                    opts.key_sep = self.seq_get(v, 1);
                }
                "separators" | "ensure_ascii" => {}
                other => {
                    let mut n = StackBuf::<24>::new();
                    n.push_str(other);
                    return Err(self.type_error(format_args!(
                        "dumps() got an unexpected keyword argument '{}'",
                        n.as_str()
                    )));
                }
            }
        }
        let v = self.arg(a, 0);
        self.build_str(|vm, out| vm.json_write(out, v, &opts, 0))
    }

    fn json_sep(&mut self, out: Out, sep: Value, default: &[u8]) -> Result<(), Raised> {
        if sep.is_null() || !self.is_str(sep) {
            return self.out(out, default);
        }
        let n = self.str_bytes(sep).len();
        self.out_str(out, sep, 0, n)
    }

    fn json_newline(&mut self, out: Out, opts: &DumpOptions, level: usize) -> Result<(), Raised> {
        if let Some(ind) = opts.indent {
            self.out(out, b"\n")?;
            for _ in 0..ind * level {
                self.out(out, b" ")?;
            }
        }
        Ok(())
    }

    fn json_write(
        &mut self,
        out: Out,
        v: Value,
        opts: &DumpOptions,
        level: usize,
    ) -> Result<(), Raised> {
        if level > 64 {
            return Err(self.raise_recursion_error());
        }
        let item_default: &[u8] = if opts.indent.is_some() { b"," } else { b", " };
        match v {
            Value::NONE => return self.out(out, b"null"),
            Value::TRUE => return self.out(out, b"true"),
            Value::FALSE => return self.out(out, b"false"),
            _ => {}
        }
        if self.is_int(v) {
            return self.write_int_radix(out, v, 10);
        }
        if self.is_tag(v, TAG_FLOAT) {
            let f = self.float_of(v);
            if f.is_nan() {
                return self.out(out, b"NaN");
            }
            if f.is_infinite() {
                return self.out(out, if f > 0.0 { b"Infinity" } else { b"-Infinity" });
            }
            return self.write_repr(out, v, 0);
        }
        if self.is_str(v) {
            return self.json_string(out, v);
        }
        if self.is_tag(v, TAG_LIST) || self.is_tag(v, TAG_TUPLE) {
            let n = self.seq_parts(v).map_or(0, |p| p.1);
            if n == 0 {
                return self.out(out, b"[]");
            }
            self.out(out, b"[")?;
            for i in 0..n {
                if i > 0 {
                    self.json_sep(out, opts.item_sep, item_default)?;
                }
                self.json_newline(out, opts, level + 1)?;
                let x = self.seq_get(v, i);
                self.json_write(out, x, opts, level + 1)?;
            }
            self.json_newline(out, opts, level)?;
            return self.out(out, b"]");
        }
        if self.is_tag(v, TAG_DICT) {
            if self.dict_len(v) == 0 {
                return self.out(out, b"{}");
            }
            // Keys in order (sorted if asked), as a list of (key, value).
            let items = self.new_list(0)?;
            self.push(items)?;
            let mut i = 0;
            while i < self.dict_entry_count(v) {
                let (k, x) = self.dict_entry(v, i);
                i += 1;
                if k == Value::DELETED {
                    continue;
                }
                let ks = if self.is_str(k) {
                    k
                } else if k == Value::NONE
                    || k == Value::TRUE
                    || k == Value::FALSE
                    || self.is_int(k)
                    || self.is_tag(k, TAG_FLOAT)
                {
                    self.build_str(|vm, o| vm.json_write(o, k, opts, level + 1))?
                } else {
                    let tn = self.type_name(k);
                    return Err(self.type_error(format_args!(
                        "keys must be str, int, float, bool or None, not {tn}"
                    )));
                };
                self.push(ks)?;
                self.push(x)?;
                self.build_tuple(2)?;
                let t = self.pop();
                self.list_append(items, t)?;
            }
            if opts.sort_keys {
                self.list_sort(items, None, false)?;
            }
            self.out(out, b"{")?;
            let n = self.list_len(items);
            for j in 0..n {
                if j > 0 {
                    self.json_sep(out, opts.item_sep, item_default)?;
                }
                self.json_newline(out, opts, level + 1)?;
                let t = self.seq_get(items, j);
                let (k, x) = (self.seq_get(t, 0), self.seq_get(t, 1));
                self.json_string(out, k)?;
                self.json_sep(out, opts.key_sep, b": ")?;
                self.json_write(out, x, opts, level + 1)?;
            }
            self.json_newline(out, opts, level)?;
            self.pop();
            return self.out(out, b"}");
        }
        let tn = self.type_name(v);
        Err(self.type_error(format_args!("Object of type {tn} is not JSON serializable")))
    }

    /// A JSON string with CPython's `ensure_ascii` escaping.
    fn json_string(&mut self, out: Out, s: Value) -> Result<(), Raised> {
        self.out(out, b"\"")?;
        let len = self.str_bytes(s).len();
        let mut at = 0;
        while at < len {
            let rest = &self.str_bytes(s)[at..];
            let ch = core::str::from_utf8(rest)
                .ok()
                .and_then(|t| t.chars().next())
                .unwrap_or('\u{fffd}');
            at += ch.len_utf8();
            match ch {
                '"' => self.out(out, b"\\\"")?,
                '\\' => self.out(out, b"\\\\")?,
                '\n' => self.out(out, b"\\n")?,
                '\r' => self.out(out, b"\\r")?,
                '\t' => self.out(out, b"\\t")?,
                '\u{8}' => self.out(out, b"\\b")?,
                '\u{c}' => self.out(out, b"\\f")?,
                c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        self.out_fmt(out, format_args!("\\u{:04x}", u))?;
                    }
                }
                c => self.out(out, &[c as u8])?,
            }
        }
        self.out(out, b"\"")
    }

    pub(crate) fn json_loads(&mut self, a: Args) -> Result<Value, Raised> {
        if a.argc != 1 {
            return Err(self.type_error(format_args!(
                "loads() takes 1 positional argument but {} were given",
                a.argc
            )));
        }
        let s = self.arg(a, 0);
        let s = if self.is_bytes_like(s) {
            self.bytes_method(
                s,
                q::DECODE,
                Args {
                    at: a.at + 1,
                    argc: 0,
                    nkw: 0,
                },
            )?
        } else {
            s
        };
        if !self.is_str(s) {
            let tn = self.type_name(s);
            return Err(self.type_error(format_args!(
                "the JSON object must be str, bytes or bytearray, not {tn}"
            )));
        }
        self.push(s)?;
        let mut at = 0;
        let v = self.json_value(s, &mut at, 0)?;
        self.push(v)?;
        self.json_ws(s, &mut at);
        if at < self.str_bytes(s).len() {
            return Err(self.json_error(s, at, "Extra data"));
        }
        self.pop();
        self.pop();
        Ok(v)
    }

    fn json_error(&mut self, s: Value, at: usize, what: &str) -> Raised {
        let text = &self.str_bytes(s)[..at];
        let line = text.iter().filter(|&&c| c == b'\n').count() + 1;
        let col = at - text.iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1) + 1;
        self.new_error(
            b::JSON_DECODE_ERROR,
            format_args!("{what}: line {line} column {col} (char {at})"),
        )
    }

    fn json_ws(&self, s: Value, at: &mut usize) {
        let b = self.str_bytes(s);
        while *at < b.len() && matches!(b[*at], b' ' | b'\t' | b'\n' | b'\r') {
            *at += 1;
        }
    }

    fn json_value(&mut self, s: Value, at: &mut usize, depth: u32) -> Result<Value, Raised> {
        if depth > 64 {
            return Err(self.raise_recursion_error());
        }
        self.json_ws(s, at);
        let Some(&c) = self.str_bytes(s).get(*at) else {
            return Err(self.json_error(s, *at, "Expecting value"));
        };
        let starts = |vm: &Self, at: usize, w: &[u8]| vm.str_bytes(s)[at..].starts_with(w);
        match c {
            b'{' => {
                *at += 1;
                let d = self.new_dict(0)?;
                self.push(d)?;
                self.json_ws(s, at);
                if self.str_bytes(s).get(*at) == Some(&b'}') {
                    *at += 1;
                    return Ok(self.pop());
                }
                loop {
                    self.json_ws(s, at);
                    if self.str_bytes(s).get(*at) != Some(&b'"') {
                        return Err(self.json_error(
                            s,
                            *at,
                            "Expecting property name enclosed in double quotes",
                        ));
                    }
                    let k = self.json_str(s, at)?;
                    self.push(k)?;
                    self.json_ws(s, at);
                    if self.str_bytes(s).get(*at) != Some(&b':') {
                        return Err(self.json_error(s, *at, "Expecting ':' delimiter"));
                    }
                    *at += 1;
                    let v = self.json_value(s, at, depth + 1)?;
                    let k = self.pop();
                    self.dict_set(d, k, v)?;
                    self.json_ws(s, at);
                    match self.str_bytes(s).get(*at) {
                        Some(b',') => *at += 1,
                        Some(b'}') => {
                            *at += 1;
                            return Ok(self.pop());
                        }
                        _ => return Err(self.json_error(s, *at, "Expecting ',' delimiter")),
                    }
                }
            }
            b'[' => {
                *at += 1;
                let l = self.new_list(0)?;
                self.push(l)?;
                self.json_ws(s, at);
                if self.str_bytes(s).get(*at) == Some(&b']') {
                    *at += 1;
                    return Ok(self.pop());
                }
                loop {
                    let v = self.json_value(s, at, depth + 1)?;
                    self.list_append(l, v)?;
                    self.json_ws(s, at);
                    match self.str_bytes(s).get(*at) {
                        Some(b',') => *at += 1,
                        Some(b']') => {
                            *at += 1;
                            return Ok(self.pop());
                        }
                        _ => return Err(self.json_error(s, *at, "Expecting ',' delimiter")),
                    }
                }
            }
            b'"' => self.json_str(s, at),
            b't' if starts(self, *at, b"true") => {
                *at += 4;
                Ok(Value::TRUE)
            }
            b'f' if starts(self, *at, b"false") => {
                *at += 5;
                Ok(Value::FALSE)
            }
            b'n' if starts(self, *at, b"null") => {
                *at += 4;
                Ok(Value::NONE)
            }
            b'N' if starts(self, *at, b"NaN") => {
                *at += 3;
                self.new_float(f64::NAN)
            }
            b'I' if starts(self, *at, b"Infinity") => {
                *at += 8;
                self.new_float(f64::INFINITY)
            }
            b'-' if starts(self, *at, b"-Infinity") => {
                *at += 9;
                self.new_float(f64::NEG_INFINITY)
            }
            b'-' | b'0'..=b'9' => {
                let start = *at;
                let b2 = self.str_bytes(s);
                let mut end = start + (b2[start] == b'-') as usize;
                let mut is_float = false;
                while end < b2.len() {
                    match b2[end] {
                        b'0'..=b'9' => {}
                        b'.' | b'e' | b'E' | b'+' => is_float = true,
                        b'-' if end > start => is_float = true,
                        _ => break,
                    }
                    end += 1;
                }
                *at = end;
                let text = self.new_substr(s, start, end)?;
                self.push(text)?;
                let r = if is_float {
                    self.call_value(Value::builtin(b::FLOAT), &[text])
                } else {
                    self.call_value(Value::builtin(b::INT), &[text])
                };
                self.pop();
                r.map_err(|_| self.json_error(s, start, "Expecting value"))
            }
            _ => Err(self.json_error(s, *at, "Expecting value")),
        }
    }

    /// A JSON string literal at `*at` (on its opening quote).
    fn json_str(&mut self, s: Value, at: &mut usize) -> Result<Value, Raised> {
        let start = *at;
        *at += 1;
        let from = *at;
        // Fast path: no escapes.
        let b2 = self.str_bytes(s);
        let mut end = from;
        while end < b2.len() && b2[end] != b'"' && b2[end] != b'\\' {
            end += 1;
        }
        if end < b2.len() && b2[end] == b'"' {
            *at = end + 1;
            return self.new_substr(s, from, end);
        }

        self.build_str(|vm, out| {
            loop {
                let Some(&c) = vm.str_bytes(s).get(*at) else {
                    return Err(vm.json_error(s, start, "Unterminated string starting at"));
                };
                *at += 1;
                match c {
                    b'"' => return Ok(()),
                    b'\\' => {
                        let Some(&e) = vm.str_bytes(s).get(*at) else {
                            return Err(vm.json_error(s, start, "Unterminated string starting at"));
                        };
                        *at += 1;
                        let simple: Option<&[u8]> = match e {
                            b'"' => Some(b"\""),
                            b'\\' => Some(b"\\"),
                            b'/' => Some(b"/"),
                            b'b' => Some(b"\x08"),
                            b'f' => Some(b"\x0c"),
                            b'n' => Some(b"\n"),
                            b'r' => Some(b"\r"),
                            b't' => Some(b"\t"),
                            _ => None,
                        };
                        if let Some(t) = simple {
                            vm.out(out, t)?;
                            continue;
                        }
                        if e != b'u' {
                            return Err(vm.json_error(s, *at - 2, "Invalid \\escape"));
                        }
                        let mut code = vm.json_hex4(s, at)?;
                        if (0xd800..0xdc00).contains(&code)
                            && vm.str_bytes(s)[*at..].starts_with(b"\\u")
                        {
                            *at += 2;
                            let low = vm.json_hex4(s, at)?;
                            code = 0x10000
                                + ((code - 0xd800) << 10)
                                + (low.wrapping_sub(0xdc00) & 0x3ff);
                        }
                        let mut buf = [0u8; 4];
                        let t = char::from_u32(code)
                            .unwrap_or('\u{fffd}')
                            .encode_utf8(&mut buf);
                        vm.out(out, t.as_bytes())?;
                    }
                    c => vm.out(out, &[c])?,
                }
            }
        })
    }

    fn json_hex4(&mut self, s: Value, at: &mut usize) -> Result<u32, Raised> {
        let hex = self
            .str_bytes(s)
            .get(*at..*at + 4)
            .and_then(|h| core::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok());
        match hex {
            Some(v) => {
                *at += 4;
                Ok(v)
            }
            None => Err(self.json_error(s, *at - 2, "Invalid \\uXXXX escape")),
        }
    }
}
