//! `str.format` and `%`-formatting, both built on `format(value, spec)`.
//!
//! Templates are walked by byte offset and re-read at each step, because
//! formatting a field may run Python code (`__format__`, `__str__`) and
//! allocate; the template itself never moves (the heap does not move
//! objects).

use crate::builtins as b;
use crate::heap::*;
use crate::natives::Args;
use crate::text::{Out, StackBuf};
use crate::value::Value;
use crate::{Host, Raised, Vm};

impl<'a, H: Host> Vm<'a, H> {
    /// `template.format(*args, **kwargs)`.
    pub(crate) fn str_format(&mut self, template: Value, a: Args) -> Result<Value, Raised> {
        self.build_str(|vm, out| vm.format_into(out, template, a, 0))
    }

    fn format_into(
        &mut self,
        out: Out,
        template: Value,
        a: Args,
        depth: u32,
    ) -> Result<(), Raised> {
        if depth > 2 {
            return Err(self.value_error(format_args!("Max string recursion exceeded")));
        }
        let len = self.str_bytes(template).len();
        let mut at = 0;
        let mut auto = 0usize;
        let mut manual = false;
        while at < len {
            let c = self.str_bytes(template)[at];
            if c == b'}' {
                if self.str_bytes(template).get(at + 1) == Some(&b'}') {
                    self.out(out, b"}")?;
                    at += 2;
                    continue;
                }
                return Err(
                    self.value_error(format_args!("Single '}}' encountered in format string"))
                );
            }
            if c != b'{' {
                // A run of plain text.
                let end = self.str_bytes(template)[at..]
                    .iter()
                    .position(|&b| b == b'{' || b == b'}')
                    .map_or(len, |p| at + p);
                self.out_str(out, template, at, end)?;
                at = end;
                continue;
            }
            if self.str_bytes(template).get(at + 1) == Some(&b'{') {
                self.out(out, b"{")?;
                at += 2;
                continue;
            }
            // A field: find its matching '}' (specs may nest one level).
            let mut nest = 1;
            let mut end = at + 1;
            while end < len {
                match self.str_bytes(template)[end] {
                    b'{' => nest += 1,
                    b'}' => {
                        nest -= 1;
                        if nest == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                end += 1;
            }
            if end >= len {
                return Err(
                    self.value_error(format_args!("Single '{{' encountered in format string"))
                );
            }
            self.format_field(out, template, at + 1, end, a, &mut auto, &mut manual, depth)?;
            at = end + 1;
        }
        Ok(())
    }

    /// One `{name!conv:spec}` field, the text between the braces.
    #[allow(clippy::too_many_arguments)]
    fn format_field(
        &mut self,
        out: Out,
        template: Value,
        from: usize,
        to: usize,
        a: Args,
        auto: &mut usize,
        manual: &mut bool,
        depth: u32,
    ) -> Result<(), Raised> {
        let mut field = StackBuf::<256>::new();
        field.push_bytes(&self.str_bytes(template)[from..to]);
        let text = field.as_str();
        // name [!conv] [:spec]; the spec may contain ':' and '!'.
        let name_end = text.find([':', '!']).unwrap_or(text.len());
        let (name, rest) = split(text, name_end);
        let (conv, spec) = if let Some(r) = rest.strip_prefix('!') {
            let (c, s) = split(r, r.find(':').unwrap_or(r.len()));
            (c.chars().next(), s.strip_prefix(':').unwrap_or(""))
        } else {
            (None, rest.strip_prefix(':').unwrap_or(""))
        };
        // The first part of the name picks the argument.
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let (head, mut chain) = split(name, first_end);
        let mut v = if head.is_empty() {
            if *manual {
                return Err(self.value_error(format_args!(
                    "cannot switch from manual field specification to automatic field numbering"
                )));
            }
            let i = *auto;
            *auto += 1;
            self.format_positional(a, i)?
        } else if let Ok(i) = head.parse::<usize>() {
            if *auto > 0 {
                return Err(self.value_error(format_args!(
                    "cannot switch from automatic field numbering to manual field specification"
                )));
            }
            *manual = true;
            self.format_positional(a, i)?
        } else {
            let mut found = None;
            for k in 0..a.nkw {
                let key = self.stack_at(a.at + a.argc + 2 * k);
                if self.str_bytes(key) == head.as_bytes() {
                    found = Some(self.stack_at(a.at + a.argc + 2 * k + 1));
                }
            }
            match found {
                Some(v) => v,
                None => {
                    let k = self.new_str(head.as_bytes())?;
                    return Err(self.new_error_value(b::KEY_ERROR, k));
                }
            }
        };
        // `.attr` and `[index]` steps.
        let base = self.sp;
        while !chain.is_empty() {
            self.push(v)?;
            if let Some(r) = chain.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let (attr, rest) = split(r, end);
                v = match self.image.find_qstr(attr) {
                    Some(q) => self.load_attr(v, q)?,
                    None => {
                        let tn = self.type_name(v);
                        return Err(self.new_error(
                            b::ATTRIBUTE_ERROR,
                            format_args!("'{tn}' object has no attribute '{attr}'"),
                        ));
                    }
                };
                chain = rest;
            } else if let Some(r) = chain.strip_prefix('[') {
                let end = r.find(']').unwrap_or(r.len());
                let key_text = split(r, end).0;
                let key = match key_text.parse::<i64>() {
                    Ok(i) => self.int_from_i64(i)?,
                    Err(_) => self.new_str(key_text.as_bytes())?,
                };
                v = self.get_item(v, key)?;
                chain = r.get(end + 1..).unwrap_or("");
            } else {
                return Err(self.value_error(format_args!(
                    "Only '.' or '[' may follow ']' in format field specifier"
                )));
            }
        }
        self.sp = base;
        self.push(v)?;
        let v = match conv {
            None => v,
            Some('r') => self.to_repr(v)?,
            Some('a') => self.to_ascii(v)?,
            Some('s') => self.to_str(v)?,
            Some(c) => {
                return Err(self.value_error(format_args!("Unknown conversion specifier {c}")));
            }
        };
        self.push(v)?;
        // A nested field in the spec is formatted first.
        let spec_value = if spec.contains('{') {
            let s = self.new_str(spec.as_bytes())?;
            self.push(s)?;
            let r = self.build_str(|vm, o| vm.format_into(o, s, a, depth + 1))?;
            self.pop();
            r
        } else if spec.is_empty() {
            Value::NULL
        } else {
            self.new_str(spec.as_bytes())?
        };
        self.push(spec_value)?;
        let s = self.format(v, spec_value)?;
        self.sp = base;
        self.push(s)?;
        let n = self.str_bytes(s).len();
        let r = self.out_str(out, s, 0, n);
        self.sp = base;
        r
    }

    fn format_positional(&mut self, a: Args, i: usize) -> Result<Value, Raised> {
        if i >= a.argc {
            return Err(self.new_error(
                b::INDEX_ERROR,
                format_args!("Replacement index {i} out of range for positional args tuple"),
            ));
        }
        Ok(self.arg(a, i))
    }

    /// `template % args`.
    pub(crate) fn percent_format(&mut self, template: Value, args: Value) -> Result<Value, Raised> {
        let is_map = self.is_tag(args, TAG_DICT);
        let (items, n) = if self.is_tag(args, TAG_TUPLE) {
            (args, self.int_field(args, 1))
        } else {
            (Value::NULL, 1)
        };
        let mut next = 0usize;
        let used_map = core::cell::Cell::new(false);
        let r = self.build_str(|vm, out| {
            let len = vm.str_bytes(template).len();
            let mut at = 0;
            while at < len {
                let c = vm.str_bytes(template)[at];
                if c != b'%' {
                    let end = vm.str_bytes(template)[at..]
                        .iter()
                        .position(|&b| b == b'%')
                        .map_or(len, |p| at + p);
                    vm.out_str(out, template, at, end)?;
                    at = end;
                    continue;
                }
                let start = at;
                at += 1;
                let byte = |vm: &Self, i: usize| vm.str_bytes(template).get(i).copied();
                // %(name)
                let mut value = None;
                if byte(vm, at) == Some(b'(') {
                    let close = vm.str_bytes(template)[at..].iter().position(|&b| b == b')');
                    let Some(close) = close else {
                        return Err(vm.value_error(format_args!("incomplete format key")));
                    };
                    if !is_map {
                        return Err(vm.type_error(format_args!("format requires a mapping")));
                    }
                    let key = vm.new_substr(template, at + 1, at + close)?;
                    used_map.set(true);
                    value = Some(vm.get_item(args, key)?);
                    at += close + 1;
                }
                let mut flags = StackBuf::<8>::new();
                while let Some(f @ (b'-' | b'+' | b' ' | b'#' | b'0')) = byte(vm, at) {
                    flags.push_bytes(&[f]);
                    at += 1;
                }
                let mut take_arg = |vm: &mut Self| -> Result<Value, Raised> {
                    if is_map && items.is_null() {
                        used_map.set(true);
                        return Ok(args);
                    }
                    if next >= n {
                        return Err(
                            vm.type_error(format_args!("not enough arguments for format string"))
                        );
                    }
                    let v = if items.is_null() {
                        args
                    } else {
                        vm.field(items, 2 + next)
                    };
                    next += 1;
                    Ok(v)
                };
                let mut num = |vm: &mut Self, at: &mut usize| -> Result<Option<usize>, Raised> {
                    if byte(vm, *at) == Some(b'*') {
                        *at += 1;
                        let v = take_arg(vm)?;
                        return Ok(Some(vm.int_to_i64(v).unwrap_or(0).max(0) as usize));
                    }
                    let mut n: Option<usize> = None;
                    while let Some(d @ b'0'..=b'9') = byte(vm, *at) {
                        n = Some(
                            n.unwrap_or(0)
                                .saturating_mul(10)
                                .saturating_add((d - b'0') as usize),
                        );
                        *at += 1;
                    }
                    Ok(n)
                };
                let width = num(vm, &mut at)?;
                let precision = if byte(vm, at) == Some(b'.') {
                    at += 1;
                    Some(num(vm, &mut at)?.unwrap_or(0))
                } else {
                    None
                };
                let Some(ty) = byte(vm, at) else {
                    return Err(vm.value_error(format_args!("incomplete format")));
                };
                at += 1;
                if ty == b'%' {
                    vm.out(out, b"%")?;
                    continue;
                }
                let v = match value {
                    Some(v) => v,
                    None => take_arg(vm)?,
                };
                vm.push(v)?;
                let r = vm.percent_one(out, v, ty, flags.as_str(), width, precision, start);
                vm.pop();
                r?;
            }
            Ok(())
        })?;
        // Every positional argument must be used; a mapping need not be.
        let leftover = if !items.is_null() {
            next < n
        } else {
            !is_map && next == 0 && !used_map.get()
        };
        if leftover {
            return Err(self.type_error(format_args!(
                "not all arguments converted during string formatting"
            )));
        }
        Ok(r)
    }

    /// One `%` conversion of `v`.
    #[allow(clippy::too_many_arguments)]
    fn percent_one(
        &mut self,
        out: Out,
        v: Value,
        ty: u8,
        flags: &str,
        width: Option<usize>,
        precision: Option<usize>,
        at: usize,
    ) -> Result<(), Raised> {
        let left = flags.contains('-');
        let mut spec = StackBuf::<48>::new();
        let push_common = |spec: &mut StackBuf<48>, numeric: bool| {
            if left {
                spec.push_str("<");
            } else if numeric && flags.contains('0') {
                spec.push_str("0");
            } else if !numeric {
                spec.push_str(">");
            }
            if numeric {
                if flags.contains('+') {
                    spec.push_str("+");
                } else if flags.contains(' ') {
                    spec.push_str(" ");
                }
                if flags.contains('#') {
                    spec.push_str("#");
                }
            }
            if let Some(w) = width {
                let _ = core::fmt::write(spec, format_args!("{w}"));
            }
        };
        let value = match ty {
            b's' | b'r' | b'a' => {
                let s = match ty {
                    b's' => self.to_str(v)?,
                    b'r' => self.to_repr(v)?,
                    _ => self.to_ascii(v)?,
                };
                self.push(s)?;
                push_common(&mut spec, false);
                if let Some(p) = precision {
                    let _ = core::fmt::write(&mut spec, format_args!(".{p}"));
                }
                let sv = self.new_str(spec.as_bytes());
                let r = sv.and_then(|sv| {
                    self.push(sv)?;
                    let r = self.format(s, sv);
                    self.pop();
                    r
                });
                self.pop();
                r?
            }
            b'd' | b'i' | b'u' | b'x' | b'X' | b'o' | b'c' => {
                let iv = if ty == b'c' {
                    if self.is_str(v) {
                        v
                    } else {
                        self.call_builtin_1(b::CHR, v)?
                    }
                } else if self.is_int(v) {
                    v
                } else if self.is_tag(v, TAG_FLOAT) {
                    self.call_builtin_1(b::INT, v)?
                } else {
                    let tn = self.type_name(v);
                    let what = if matches!(ty, b'd' | b'i' | b'u') {
                        "a real number"
                    } else {
                        "an integer"
                    };
                    let tc = ty as char;
                    return Err(
                        self.type_error(format_args!("%{tc} format: {what} is required, not {tn}"))
                    );
                };
                self.push(iv)?;
                let is_char = ty == b'c';
                push_common(&mut spec, !is_char);
                if !is_char {
                    spec.push_bytes(match ty {
                        b'x' => b"x",
                        b'X' => b"X",
                        b'o' => b"o",
                        _ => b"d",
                    });
                }
                let sv = self.new_str(spec.as_bytes());
                let r = sv.and_then(|sv| {
                    self.push(sv)?;
                    let r = self.format(iv, sv);
                    self.pop();
                    r
                });
                self.pop();
                r?
            }
            b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => {
                if self.num(v).is_none() {
                    let tn = self.type_name(v);
                    let tc = ty as char;
                    return Err(self.type_error(format_args!(
                        "%{tc} format: a real number is required, not {tn}"
                    )));
                }
                let f = self.to_f64(v)?;
                let fv = self.new_float(f)?;
                self.push(fv)?;
                push_common(&mut spec, true);
                let _ = core::fmt::write(&mut spec, format_args!(".{}", precision.unwrap_or(6)));
                spec.push_bytes(&[ty]);
                let sv = self.new_str(spec.as_bytes());
                let r = sv.and_then(|sv| {
                    self.push(sv)?;
                    let r = self.format(fv, sv);
                    self.pop();
                    r
                });
                self.pop();
                r?
            }
            other => {
                let c = other as char;
                return Err(self.value_error(format_args!(
                    "unsupported format character '{c}' (0x{other:x}) at index {}",
                    at + 1 + flags.len()
                )));
            }
        };
        self.push(value)?;
        let n = self.str_bytes(value).len();
        let r = self.out_str(out, value, 0, n);
        self.pop();
        r
    }

    /// Calls a one-argument builtin from Rust.
    fn call_builtin_1(&mut self, id: u16, v: Value) -> Result<Value, Raised> {
        self.call_value(Value::builtin(id), &[v])
    }
}

/// `s.split_at(i)` without the panic (and the panic's formatting code,
/// which a small board's flash would carry for nothing): `i` is always a
/// char boundary here, found by `find`.
fn split(s: &str, i: usize) -> (&str, &str) {
    (s.get(..i).unwrap_or(""), s.get(i..).unwrap_or(""))
}
