//! Subscripts, slices, attributes and iteration.

use crate::builtins as b;
use crate::heap::*;
use crate::value::Value;
use crate::{Host, Raised, Vm};
use image_format::qstr as q;

/// Class methods of builtin types: (type, name, the builtin function).
const CLASS_FUNCS: [(u16, u16, u16); 4] = [
    (b::INT, q::FROM_BYTES, b::INT_FROM_BYTES),
    (b::BYTES, q::FROMHEX, b::BYTES_FROMHEX),
    (b::DICT, q::FROMKEYS, b::DICT_FROMKEYS),
    (b::STR, q::MAKETRANS, b::STR_MAKETRANS),
];

/// A resolved slice: start, step and number of items.
#[derive(Clone, Copy)]
pub(crate) struct Slice {
    pub start: i64,
    pub step: i64,
    pub len: usize,
}

impl<'a, H: Host> Vm<'a, H> {
    /// An index operand as i64 (ints and bools).
    fn index_of(&mut self, k: Value, what: &str) -> Result<Option<i64>, Raised> {
        let Some(k) = self.index_value(k)? else {
            return Ok(None);
        };
        match self.int_to_i64(k) {
            Some(i) => Ok(Some(i)),
            None => Err(self.new_error(
                b::INDEX_ERROR,
                format_args!("cannot fit 'int' into an index-sized integer{what}"),
            )),
        }
    }

    /// An int: `v` itself, or what its `__index__` returns; None for
    /// anything else.
    pub(crate) fn index_value(&mut self, v: Value) -> Result<Option<Value>, Raised> {
        if self.is_user_object(v)
            && let Some(i) = self.call_dunder(v, q::DUNDER_INDEX, &[])?
        {
            if !self.is_int(i) {
                let tn = self.type_name(i);
                return Err(self.type_error(format_args!("__index__ returned non-int (type {tn})")));
            }
            return Ok(Some(i));
        }
        Ok(self.is_int(v).then_some(v))
    }

    /// Resolves `slice` against a sequence of `len` items (CPython's
    /// `PySlice_AdjustIndices`).
    pub(crate) fn resolve_slice(&mut self, s: Value, len: usize) -> Result<Slice, Raised> {
        let len = len as i64;
        let get = |vm: &mut Self, v: Value| -> Result<Option<i64>, Raised> {
            if v == Value::NONE {
                return Ok(None);
            }
            let Some(v) = vm.index_value(v)? else {
                return Err(vm.type_error(format_args!(
                    "slice indices must be integers or None or have an __index__ method"
                )));
            };
            Ok(Some(vm.int_to_i64(v).unwrap_or(
                if vm.int_sign(v) == core::cmp::Ordering::Less {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                },
            )))
        };
        let (start, stop, step) = (self.field(s, 1), self.field(s, 2), self.field(s, 3));
        let step = get(self, step)?.unwrap_or(1);
        if step == 0 {
            return Err(self.value_error(format_args!("slice step cannot be zero")));
        }
        let clamp = |i: Option<i64>, default: i64| -> i64 {
            match i {
                None => default,
                Some(mut i) => {
                    if i < 0 {
                        i += len;
                        if i < 0 {
                            i = if step < 0 { -1 } else { 0 };
                        }
                    } else if i >= len {
                        i = if step < 0 { len - 1 } else { len };
                    }
                    i
                }
            }
        };
        let start = get(self, start)?;
        let stop = get(self, stop)?;
        let (start, stop) = if step > 0 {
            (clamp(start, 0), clamp(stop, len))
        } else {
            (clamp(start, len - 1), clamp(stop, -1))
        };
        let n = if step > 0 {
            if stop > start {
                (stop - start - 1) / step + 1
            } else {
                0
            }
        } else if start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        Ok(Slice {
            start,
            step,
            len: n as usize,
        })
    }

    /// Byte offset of code point `i` in str `s`.
    pub(crate) fn char_offset(&self, s: Value, i: usize) -> usize {
        let bytes = self.str_bytes(s);
        if self.str_chars(s) == bytes.len() {
            return i;
        }
        let mut n = 0;
        for (at, &c) in bytes.iter().enumerate() {
            if c & 0xc0 != 0x80 {
                if n == i {
                    return at;
                }
                n += 1;
            }
        }
        bytes.len()
    }

    /// The position an integer subscript `k` names in a sequence of `n`
    /// items (negative counts from the end). A non-integer is the TypeError
    /// CPython gives for `what` ("list", "string", ...); a position outside
    /// the sequence is "IndexError: {oob} out of range".
    fn item_index(&mut self, k: Value, n: usize, what: &str, oob: &str) -> Result<usize, Raised> {
        let Some(i) = self.index_of(k, "")? else {
            let tn = self.type_name(k);
            return Err(if what == "string" {
                self.type_error(format_args!("string indices must be integers, not '{tn}'"))
            } else {
                self.type_error(format_args!(
                    "{what} indices must be integers or slices, not {tn}"
                ))
            });
        };
        let i = if i < 0 { i + n as i64 } else { i };
        if i < 0 || i >= n as i64 {
            return Err(self.new_error(b::INDEX_ERROR, format_args!("{oob} out of range")));
        }
        Ok(i as usize)
    }

    pub(crate) fn get_item(&mut self, o: Value, k: Value) -> Result<Value, Raised> {
        if self.is_bytes_like(o) {
            let n = self.byte_data(o).len();
            let kind = if self.is_tag(o, TAG_BYTES) {
                "index"
            } else {
                "bytearray index"
            };
            if self.is_tag(k, TAG_SLICE) {
                let sl = self.resolve_slice(k, n)?;
                let tag = self.tag_of(o);
                let out = self.new_bytes_of(TAG_BYTEARRAY, &[])?;
                self.push(out)?;
                for j in 0..sl.len {
                    let c = self.byte_data(o)[(sl.start + j as i64 * sl.step) as usize];
                    self.bytearray_push(out, c)?;
                }
                let r = if tag == TAG_BYTEARRAY {
                    Ok(out)
                } else {
                    self.bytes_copy(out)
                };
                self.pop();
                return r;
            }
            let tn = self.type_name(o);
            let i = self.item_index(k, n, tn, kind)?;
            return Ok(Value::int(self.byte_data(o)[i] as i32));
        }
        if self.is_user_object(o) {
            if let Some(v) = self.call_dunder(o, q::DUNDER_GETITEM, &[k])? {
                return Ok(v);
            }
            let tn = self.type_name(o);
            return Err(self.type_error(format_args!("'{tn}' object is not subscriptable")));
        }
        if self.is_str(o) {
            let n = self.str_chars(o);
            if self.is_tag(k, TAG_SLICE) {
                let sl = self.resolve_slice(k, n)?;
                return self.str_slice(o, sl);
            }
            let i = self.item_index(k, n, "string", "string index")?;
            let from = self.char_offset(o, i);
            let to = self.char_offset(o, i + 1);
            return self.new_substr(o, from, to);
        }
        match self.tag_of(o) {
            TAG_LIST | TAG_TUPLE => {
                let is_list = self.is_tag(o, TAG_LIST);
                let n = self.seq_parts(o).map_or(0, |p| p.1);
                if self.is_tag(k, TAG_SLICE) {
                    let sl = self.resolve_slice(k, n)?;
                    let r = if is_list {
                        self.new_list(sl.len)?
                    } else {
                        self.new_tuple(sl.len)?
                    };
                    let dst = if is_list {
                        if sl.len > 0 {
                            self.field(r, 2).index() + 1
                        } else {
                            0
                        }
                    } else {
                        r.index() + 2
                    };
                    for j in 0..sl.len {
                        let v = self.seq_get(o, (sl.start + j as i64 * sl.step) as usize);
                        self.heap.words[dst + j] = v.0;
                    }
                    if is_list {
                        self.set_field(r, 1, Value::int(sl.len as i32));
                    }
                    return Ok(r);
                }
                let (kind, oob) = if is_list {
                    ("list", "list index")
                } else {
                    ("tuple", "tuple index")
                };
                let i = self.item_index(k, n, kind, oob)?;
                Ok(self.seq_get(o, i))
            }
            TAG_DICT => match self.dict_get(o, k)? {
                Some(v) => Ok(v),
                None => Err(self.new_error_value(b::KEY_ERROR, k)),
            },
            TAG_RANGE => {
                let n = self.range_len(o);
                let (start, _, step) = self.range_parts(o);
                if self.is_tag(k, TAG_SLICE) {
                    let sl = self.resolve_slice(k, n)?;
                    let new_start = start + sl.start * step;
                    let new_step = step * sl.step;
                    let new_stop = new_start + sl.len as i64 * new_step;
                    return self.make_range(new_start, new_stop, new_step);
                }
                let i = self.item_index(k, n, "range", "range object index")? as i64;
                self.int_from_i64(start + i * step)
            }
            _ => {
                let tn = self.type_name(o);
                Err(self.type_error(format_args!("'{tn}' object is not subscriptable")))
            }
        }
    }

    fn str_slice(&mut self, s: Value, sl: Slice) -> Result<Value, Raised> {
        if sl.step == 1 {
            let from = self.char_offset(s, sl.start as usize);
            let to = self.char_offset(s, sl.start as usize + sl.len);
            return self.new_substr(s, from, to);
        }
        // Measure, then copy each code point.
        let mut total = 0;
        for j in 0..sl.len {
            let i = (sl.start + j as i64 * sl.step) as usize;
            total += self.char_offset(s, i + 1) - self.char_offset(s, i);
        }
        let r = self.alloc_str(total)?;
        let mut at = 0;
        for j in 0..sl.len {
            let i = (sl.start + j as i64 * sl.step) as usize;
            let (from, to) = (self.char_offset(s, i), self.char_offset(s, i + 1));
            self.copy_str_bytes(s, from, r, at, to - from);
            at += to - from;
        }
        Ok(self.finish_str(r))
    }

    pub(crate) fn make_range(&mut self, start: i64, stop: i64, step: i64) -> Result<Value, Raised> {
        let fits = |x: i64| Value::small(x as i32).is_some() && i32::try_from(x).is_ok();
        if !(fits(start) && fits(stop) && fits(step)) {
            return Err(self.new_error(
                b::OVERFLOW_ERROR,
                format_args!("range() arguments too large for this runtime"),
            ));
        }
        self.new_obj(
            TAG_RANGE,
            &[
                Value::int(start as i32),
                Value::int(stop as i32),
                Value::int(step as i32),
            ],
        )
    }

    pub(crate) fn set_item(&mut self, o: Value, k: Value, v: Value) -> Result<(), Raised> {
        if self.is_tag(o, TAG_BYTEARRAY) {
            if self.is_tag(k, TAG_SLICE) {
                return self.bytearray_set_slice(o, k, v);
            }
            let n = self.byte_data(o).len();
            let i = self.item_index(k, n, "bytearray", "bytearray index")?;
            let byte = self.byte_arg(v)?;
            self.bytearray_set(o, i, byte);
            return Ok(());
        }
        if self.is_user_object(o) {
            if self.call_dunder(o, q::DUNDER_SETITEM, &[k, v])?.is_some() {
                return Ok(());
            }
            let tn = self.type_name(o);
            return Err(self.type_error(format_args!(
                "'{tn}' object does not support item assignment"
            )));
        }
        match self.tag_of(o) {
            TAG_LIST => {
                let n = self.list_len(o);
                if self.is_tag(k, TAG_SLICE) {
                    return self.list_set_slice(o, k, v);
                }
                let i = self.item_index(k, n, "list", "list assignment index")?;
                let arr = self.field(o, 2).index();
                self.heap.set(arr, 1 + i, v);
                Ok(())
            }
            TAG_DICT => self.dict_set(o, k, v),
            _ => {
                let tn = self.type_name(o);
                Err(self.type_error(format_args!(
                    "'{tn}' object does not support item assignment"
                )))
            }
        }
    }

    fn list_set_slice(&mut self, l: Value, k: Value, v: Value) -> Result<(), Raised> {
        // Materialise the new items first (they may come from `l` itself).
        let items = self.to_list(v)?;
        self.push(items)?;
        let n = self.list_len(l);
        let sl = self.resolve_slice(k, n)?;
        let m = self.list_len(items);
        let r = if sl.step == 1 {
            let start = sl.start as usize;
            let end = start + sl.len;
            self.list_replace(l, start, end, items, m)
        } else if m != sl.len {
            Err(self.value_error(format_args!(
                "attempt to assign sequence of size {m} to extended slice of size {}",
                sl.len
            )))
        } else {
            let arr = self.field(l, 2).index();
            for j in 0..m {
                let x = self.seq_get(items, j);
                self.heap
                    .set(arr, 1 + (sl.start + j as i64 * sl.step) as usize, x);
            }
            Ok(())
        };
        self.pop();
        r
    }

    /// Replaces `l[start:end]` with the `m` items of list `items`.
    fn list_replace(
        &mut self,
        l: Value,
        start: usize,
        end: usize,
        items: Value,
        m: usize,
    ) -> Result<(), Raised> {
        let n = self.list_len(l);
        let removed = end - start;
        if m > removed {
            self.list_reserve(l, m - removed)?;
        }
        let arr = self.field(l, 2);
        if arr.is_null() {
            return Ok(());
        }
        let arr = arr.index() + 1;
        let new_len = n - removed + m;
        self.heap
            .words
            .copy_within(arr + end..arr + n, arr + start + m);
        for j in 0..m {
            let x = self.seq_get(items, j);
            self.heap.words[arr + start + j] = x.0;
        }
        for j in new_len..n {
            self.heap.words[arr + j] = 0;
        }
        self.set_field(l, 1, Value::int(new_len as i32));
        Ok(())
    }

    pub(crate) fn del_item(&mut self, o: Value, k: Value) -> Result<(), Raised> {
        if self.is_user_object(o) {
            if self.call_dunder(o, q::DUNDER_DELITEM, &[k])?.is_some() {
                return Ok(());
            }
            let tn = self.type_name(o);
            return Err(
                self.type_error(format_args!("'{tn}' object does not support item deletion"))
            );
        }
        if self.is_tag(o, TAG_BYTEARRAY) {
            let n = self.byte_data(o).len();
            let (start, len, step) = if self.is_tag(k, TAG_SLICE) {
                let sl = self.resolve_slice(k, n)?;
                (sl.start, sl.len, sl.step)
            } else {
                let i = self.item_index(k, n, "bytearray", "bytearray index")?;
                (i as i64, 1, 1)
            };
            // One cut for a plain slice; else each byte, highest first.
            if step == 1 {
                let s = start as usize;
                return self.bytearray_splice(o, s, s + len, Value::NULL);
            }
            for j in 0..len {
                let jj = if step > 0 { len - 1 - j } else { j };
                let at = (start + jj as i64 * step) as usize;
                self.bytearray_splice(o, at, at + 1, Value::NULL)?;
            }
            return Ok(());
        }
        match self.tag_of(o) {
            TAG_LIST => {
                let n = self.list_len(o);
                if self.is_tag(k, TAG_SLICE) {
                    let sl = self.resolve_slice(k, n)?;
                    if sl.step == 1 {
                        let empty = self.new_list(0)?;
                        return self.list_replace(
                            o,
                            sl.start as usize,
                            sl.start as usize + sl.len,
                            empty,
                            0,
                        );
                    }
                    // Delete the highest index first so the others stay valid.
                    for j in 0..sl.len {
                        let jj = if sl.step > 0 { sl.len - 1 - j } else { j };
                        self.list_remove_at(o, (sl.start + jj as i64 * sl.step) as usize);
                    }
                    return Ok(());
                }
                let i = self.item_index(k, n, "list", "list assignment index")?;
                self.list_remove_at(o, i);
                Ok(())
            }
            TAG_DICT => match self.dict_remove(o, k)? {
                Some(_) => Ok(()),
                None => Err(self.new_error_value(b::KEY_ERROR, k)),
            },
            _ => {
                let tn = self.type_name(o);
                Err(self.type_error(format_args!("'{tn}' object doesn't support item deletion")))
            }
        }
    }

    /// Removes and returns item `i` (in range).
    pub(crate) fn list_remove_at(&mut self, l: Value, i: usize) -> Value {
        let n = self.list_len(l);
        let arr = self.field(l, 2).index() + 1;
        let v = Value(self.heap.words[arr + i]);
        self.heap.words.copy_within(arr + i + 1..arr + n, arr + i);
        self.heap.words[arr + n - 1] = 0;
        self.set_field(l, 1, Value::int(n as i32 - 1));
        v
    }

    // ---- attributes

    pub(crate) fn load_attr(&mut self, o: Value, name: u32) -> Result<Value, Raised> {
        match self.tag_of(o) {
            TAG_CLASS => {
                if let Some(v) = self.class_getattr(o, name)? {
                    return Ok(v);
                }
                let n = self.image.qstr(name);
                let cn = self.class_name_of(o);
                return Err(self.new_error(
                    b::ATTRIBUTE_ERROR,
                    format_args!("type object '{cn}' has no attribute '{n}'"),
                ));
            }
            TAG_SUPER => {
                if let Some((v, recv)) = self.super_getattr(o, name)? {
                    return if recv.is_null() {
                        Ok(v)
                    } else {
                        self.new_obj(TAG_BOUND, &[recv, v])
                    };
                }
                let n = self.image.qstr(name);
                return Err(self.new_error(
                    b::ATTRIBUTE_ERROR,
                    format_args!("'super' object has no attribute '{n}'"),
                ));
            }
            TAG_PROPERTY => {
                let text = self.image.qstr(name);
                if matches!(text, "setter" | "getter" | "deleter") {
                    return self.new_obj(TAG_BOUND, &[o, Value::method(name)]);
                }
                if text == "fget" || text == "fset" || text == "fdel" {
                    let i = match text {
                        "fget" => 1,
                        "fset" => 2,
                        _ => 3,
                    };
                    return Ok(self.field(o, i));
                }
            }
            TAG_INSTANCE => {
                if let Some(v) = self.instance_getattr(o, name)? {
                    return Ok(v);
                }
                if name == q::DUNDER_CLASS as u32 {
                    return Ok(self.field(o, 1));
                }
                if name == q::DUNDER_DICT as u32 {
                    return self.instance_dict_value(o);
                }
                let n = self.image.qstr(name);
                let cn = self.type_name(o);
                return Err(self.new_error(
                    b::ATTRIBUTE_ERROR,
                    format_args!("'{cn}' object has no attribute '{n}'"),
                ));
            }
            TAG_EXCEPTION if self.is_class(self.field(o, 1)) && name != q::ARGS as u32 => {
                if let Some(v) = self.instance_getattr(o, name)? {
                    return Ok(v);
                }
            }
            _ => {}
        }
        if name == q::DUNDER_CLASS as u32 {
            return Ok(self.class_of(o));
        }
        if self.is_tag(o, TAG_MODULE) {
            let globals = self.field(o, 2);
            if let Some(v) = self.dict_get(globals, Value::qstr(name))? {
                return Ok(v);
            }
            let m = self.int_field(o, 1) as u32;
            let modname = self.image.qstr(self.image.module(m).name);
            let n = self.image.qstr(name);
            return Err(self.new_error(
                b::ATTRIBUTE_ERROR,
                format_args!("module '{modname}' has no attribute '{n}'"),
            ));
        }
        if let Some(id) = o.as_builtin().filter(|&id| b::is_module(id)) {
            if let Some(v) = self.module_attr(id, name)? {
                return Ok(v);
            }
            let modname = b::name(id);
            let n = self.image.qstr(name);
            return Err(self.new_error(
                b::ATTRIBUTE_ERROR,
                format_args!("module '{modname}' has no attribute '{n}'"),
            ));
        }
        if let Some(v) = self.special_attr(o, name)? {
            return Ok(v);
        }
        if crate::methods::has_method(self.type_id(o), name) || self.is_pin_method(o, name) {
            return self.new_obj(TAG_BOUND, &[o, Value::method(name)]);
        }
        Err(self.no_attribute(o, name))
    }

    /// Attributes that are data, not methods.
    fn special_attr(&mut self, o: Value, name: u32) -> Result<Option<Value>, Raised> {
        use image_format::qstr as q;
        let n = name as u16;
        if self.is_tag(o, TAG_EXCEPTION) {
            if (n == q::VALUE_ && self.exc_is(o, b::STOP_ITERATION))
                || (n == q::CODE && self.exc_is(o, b::SYSTEM_EXIT))
            {
                // The first argument, or None.
                let args = self.field(o, 2);
                return Ok(Some(if self.int_field(args, 1) > 0 {
                    self.field(args, 2)
                } else {
                    Value::NONE
                }));
            }
            return Ok(match n {
                q::ARGS => Some(self.field(o, 2)),
                q::DUNDER_CAUSE => Some(none_if_null(self.field(o, 4))),
                q::DUNDER_CONTEXT => Some(none_if_null(self.field(o, 5))),
                _ if self.image.qstr(name) == "__suppress_context__" => {
                    Some(Value::from_bool(!self.field(o, 4).is_null()))
                }
                _ => None,
            });
        }
        if self.is_tag(o, TAG_FUNCTION) && n == q::DUNDER_NAME {
            let code = self.image.code(self.int_field(o, 1) as u32);
            return Ok(Some(Value::qstr(code.name)));
        }
        if let Some(v) = self.pin_class_attr(o, name) {
            return Ok(Some(v));
        }
        if let Some(id) = o.as_builtin()
            && let Some(&(_, _, f)) = CLASS_FUNCS.iter().find(|c| c.0 == id && c.1 == n)
        {
            return Ok(Some(Value::builtin(f)));
        }
        if o == self.version_info && o.is_obj() {
            let text = self.image.qstr(name);
            if let Some(i) = ["major", "minor", "micro", "releaselevel", "serial"]
                .iter()
                .position(|&f| f == text)
            {
                return Ok(Some(self.field(o, 2 + i)));
            }
        }
        // `str.upper`, `list.append`: the method, unbound.
        if let Some(id) = o.as_builtin()
            && b::is_type(id)
            && crate::methods::has_method(id, name)
        {
            return Ok(Some(Value::method(name)));
        }
        if let Some(id) = o.as_builtin()
            && n == q::DUNDER_NAME
        {
            let s = b::name(id);
            return self.new_str(s.as_bytes()).map(Some);
        }
        if self.is_tag(o, TAG_RANGE) {
            let i = match n {
                q::START => 1,
                q::STOP => 2,
                q::STEP => 3,
                _ => 0,
            };
            if i > 0 {
                return Ok(Some(self.field(o, i)));
            }
        }
        if self.is_tag(o, TAG_SLICE) {
            let i = match n {
                q::START => 1,
                q::STOP => 2,
                q::STEP => 3,
                _ => 0,
            };
            if i > 0 {
                return Ok(Some(self.field(o, i)));
            }
        }
        if self.is_int(o) || self.is_tag(o, TAG_FLOAT) {
            match n {
                q::REAL => return Ok(Some(o)),
                q::IMAG => {
                    return Ok(Some(if self.is_tag(o, TAG_FLOAT) {
                        self.new_float(0.0)?
                    } else {
                        Value::int(0)
                    }));
                }
                _ => {}
            }
        }
        Ok(None)
    }

    pub(crate) fn no_attribute(&mut self, o: Value, name: u32) -> Raised {
        let n = self.image.qstr(name);
        if let Some(id) = o.as_builtin()
            && b::is_type(id)
        {
            let tn = b::name(id);
            return self.new_error(
                b::ATTRIBUTE_ERROR,
                format_args!("type object '{tn}' has no attribute '{n}'"),
            );
        }
        let tn = self.type_name(o);
        self.new_error(
            b::ATTRIBUTE_ERROR,
            format_args!("'{tn}' object has no attribute '{n}'"),
        )
    }

    pub(crate) fn load_method(&mut self, o: Value, name: u32) -> Result<(Value, Value), Raised> {
        if self.is_user_object(o) {
            if let Some(pair) = self.instance_method(o, name)? {
                return Ok(pair);
            }
        } else if self.is_tag(o, TAG_SUPER)
            && let Some((v, recv)) = self.super_getattr(o, name)?
        {
            return Ok((v, recv));
        }
        if (crate::methods::has_method(self.type_id(o), name) && !self.is_tag(o, TAG_EXCEPTION))
            || self.is_pin_method(o, name)
        {
            return Ok((Value::method(name), o));
        }
        let v = self.load_attr(o, name)?;
        Ok((v, Value::NULL))
    }

    pub(crate) fn store_attr(&mut self, o: Value, name: u32, v: Value) -> Result<(), Raised> {
        if self.user_setattr(o, name, v)? {
            return Ok(());
        }
        if self.is_tag(o, TAG_MODULE) {
            let globals = self.field(o, 2);
            return if v.is_null() {
                match self.dict_remove(globals, Value::qstr(name))? {
                    Some(_) => Ok(()),
                    None => Err(self.no_attribute(o, name)),
                }
            } else {
                self.dict_set(globals, Value::qstr(name), v)
            };
        }
        let n = self.image.qstr(name);
        let tn = self.type_name(o);
        if crate::methods::has_method(self.type_id(o), name) {
            return Err(self.new_error(
                b::ATTRIBUTE_ERROR,
                format_args!("'{tn}' object attribute '{n}' is read-only"),
            ));
        }
        Err(self.new_error(
            b::ATTRIBUTE_ERROR,
            format_args!("'{tn}' object has no attribute '{n}'"),
        ))
    }

    pub(crate) fn delete_attr(&mut self, o: Value, name: u32) -> Result<(), Raised> {
        self.store_attr(o, name, Value::NULL)
    }

    // ---- iteration

    pub(crate) fn get_iter(&mut self, v: Value) -> Result<Value, Raised> {
        if self.is_user_object(v)
            && let Some(it) = self.call_dunder(v, q::DUNDER_ITER, &[])?
        {
            let ok = self.is_iterator(it) || self.has_dunder(it, q::DUNDER_NEXT)?;
            if !ok {
                let tn = self.type_name(it);
                return Err(
                    self.type_error(format_args!("iter() returned non-iterator of type '{tn}'"))
                );
            }
            return Ok(it);
        }
        // The old protocol: `__getitem__(0)`, `(1)`, … until IndexError.
        if self.is_user_object(v) && self.has_dunder(v, q::DUNDER_GETITEM)? {
            return self.new_obj(TAG_SEQ_ITER, &[v, Value::int(0), Value::int(0)]);
        }
        if self.is_str(v) {
            return self.new_obj(TAG_SEQ_ITER, &[v, Value::int(0), Value::int(0)]);
        }
        match self.tag_of(v) {
            TAG_LIST | TAG_TUPLE | TAG_BYTES | TAG_BYTEARRAY => {
                self.new_obj(TAG_SEQ_ITER, &[v, Value::int(0), Value::int(0)])
            }
            // A dict or set iterator also keeps the size it started with,
            // to notice a change (kind | size << 2).
            TAG_DICT | TAG_SET | TAG_FROZENSET | TAG_DICT_VIEW => {
                let (d, kind) = if self.is_tag(v, TAG_DICT_VIEW) {
                    (self.field(v, 1), self.int_field(v, 2))
                } else {
                    (v, 0)
                };
                let kind = Value::int((kind | self.dict_len(d) << 2) as i32);
                self.new_obj(TAG_SEQ_ITER, &[d, Value::int(0), kind])
            }
            TAG_RANGE => {
                let (a, c, d) = (self.field(v, 1), self.field(v, 2), self.field(v, 3));
                self.new_obj(TAG_RANGE_ITER, &[a, c, d])
            }
            TAG_SEQ_ITER | TAG_RANGE_ITER | TAG_ENUMERATE | TAG_ZIP | TAG_MAP | TAG_FILTER
            | TAG_GENERATOR | TAG_CALL_ITER => Ok(v),
            _ => {
                let tn = self.type_name(v);
                Err(self.type_error(format_args!("'{tn}' object is not iterable")))
            }
        }
    }

    pub(crate) fn is_iterator(&self, v: Value) -> bool {
        matches!(
            self.tag_of(v),
            TAG_SEQ_ITER
                | TAG_RANGE_ITER
                | TAG_ENUMERATE
                | TAG_ZIP
                | TAG_MAP
                | TAG_FILTER
                | TAG_GENERATOR
                | TAG_CALL_ITER
        )
    }

    /// The next item, or `None` when exhausted.
    pub(crate) fn iter_next(&mut self, it: Value) -> Result<Option<Value>, Raised> {
        if self.is_user_object(it) {
            return self.next_dunder(it);
        }
        if self.is_tag(it, TAG_GENERATOR) {
            return Ok(match self.gen_resume(it, Value::NONE, Value::NULL)? {
                crate::gens::Resumed::Yielded(v) => Some(v),
                crate::gens::Resumed::Returned(_) => None,
            });
        }
        match self.tag_of(it) {
            TAG_ENUMERATE => {
                let inner = self.field(it, 1);
                let Some(x) = self.iter_next(inner)? else {
                    return Ok(None);
                };
                self.push(x)?;
                let n = self.field(it, 2);
                let next = self.binary_op(image_format::ops::BinOp::Add, n, Value::int(1));
                let next = match next {
                    Ok(v) => v,
                    Err(e) => {
                        self.pop();
                        return Err(e);
                    }
                };
                self.set_field(it, 2, next);
                self.push(n)?;
                self.push(x)?;
                self.build_tuple(2)?;
                let t = self.pop();
                self.pop();
                Ok(Some(t))
            }
            TAG_ZIP | TAG_MAP => {
                let is_map = self.is_tag(it, TAG_MAP);
                let iters = self.field(it, if is_map { 2 } else { 1 });
                let n = self.seq_parts(iters).map_or(0, |p| p.1);
                if n == 0 {
                    return Ok(None);
                }
                let base = self.sp;
                for i in 0..n {
                    let inner = self.seq_get(iters, i);
                    match self.iter_next(inner) {
                        Ok(Some(x)) => self.push(x)?,
                        Ok(None) => {
                            self.sp = base;
                            return Ok(None);
                        }
                        Err(e) => {
                            self.sp = base;
                            return Err(e);
                        }
                    }
                }
                if is_map {
                    let f = self.field(it, 1);
                    let mut args = [Value::NULL; 8];
                    if n > args.len() {
                        self.sp = base;
                        return Err(self.not_supported("map() over more than 8 iterables"));
                    }
                    for (i, a) in args.iter_mut().enumerate().take(n) {
                        *a = self.stack_at(base + i);
                    }
                    let r = self.call_value(f, &args[..n]);
                    self.sp = base;
                    return r.map(Some);
                }
                let r = self.build_tuple(n);
                match r {
                    Ok(()) => Ok(Some(self.pop())),
                    Err(e) => {
                        self.sp = base;
                        Err(e)
                    }
                }
            }
            TAG_FILTER => {
                let f = self.field(it, 1);
                let inner = self.field(it, 2);
                loop {
                    let Some(x) = self.iter_next(inner)? else {
                        return Ok(None);
                    };
                    self.push(x)?;
                    let keep = if f == Value::NONE {
                        self.truthy(x)
                    } else {
                        self.call_value(f, &[x]).and_then(|r| self.truthy(r))
                    };
                    self.pop();
                    if keep? {
                        return Ok(Some(x));
                    }
                }
            }
            TAG_CALL_ITER => {
                let f = self.field(it, 1);
                if f.is_null() {
                    return Ok(None);
                }
                let r = match self.call_value(f, &[]) {
                    Err(_) if self.exc_is(self.exc, b::STOP_ITERATION) => Value::NULL,
                    r => r?,
                };
                self.push(r)?;
                let sentinel = self.field(it, 2);
                let end = r.is_null() || self.eq(r, sentinel)?;
                self.pop();
                if end {
                    self.set_field(it, 1, Value::NULL);
                    return Ok(None);
                }
                Ok(Some(r))
            }
            TAG_RANGE_ITER => {
                let cur = self.field(it, 1).as_small().unwrap_or(0) as i64;
                let stop = self.field(it, 2).as_small().unwrap_or(0) as i64;
                let step = self.field(it, 3).as_small().unwrap_or(1) as i64;
                if (step > 0 && cur < stop) || (step < 0 && cur > stop) {
                    let next = cur + step;
                    // Past the small-int range the iterator is exhausted anyway.
                    let next = next.clamp(
                        crate::value::SMALL_MIN as i64,
                        crate::value::SMALL_MAX as i64,
                    );
                    let next = if (step > 0 && next <= cur) || (step < 0 && next >= cur) {
                        stop
                    } else {
                        next
                    };
                    self.set_field(it, 1, Value::int(next as i32));
                    Ok(Some(Value::int(cur as i32)))
                } else {
                    Ok(None)
                }
            }
            TAG_SEQ_ITER if self.is_user_object(self.field(it, 1)) => {
                let seq = self.field(it, 1);
                let pos = self.int_field(it, 2);
                match self.call_dunder(seq, q::DUNDER_GETITEM, &[Value::int(pos as i32)]) {
                    Ok(v) => {
                        self.set_field(it, 2, Value::int(pos as i32 + 1));
                        Ok(v)
                    }
                    Err(e) => {
                        if self.exc_is(self.exc, b::INDEX_ERROR)
                            || self.exc_is(self.exc, b::STOP_ITERATION)
                        {
                            Ok(None)
                        } else {
                            Err(e)
                        }
                    }
                }
            }
            TAG_SEQ_ITER => {
                let seq = self.field(it, 1);
                let pos = self.int_field(it, 2);
                if self.is_str(seq) {
                    let len = self.str_bytes(seq).len();
                    if pos >= len {
                        return Ok(None);
                    }
                    let bytes = self.str_bytes(seq);
                    let mut end = pos + 1;
                    while end < len && bytes[end] & 0xc0 == 0x80 {
                        end += 1;
                    }
                    self.set_field(it, 2, Value::int(end as i32));
                    return self.new_substr(seq, pos, end).map(Some);
                }
                match self.tag_of(seq) {
                    TAG_BYTES | TAG_BYTEARRAY => {
                        let data = self.byte_data(seq);
                        if pos >= data.len() {
                            return Ok(None);
                        }
                        let c = data[pos];
                        self.set_field(it, 2, Value::int(pos as i32 + 1));
                        Ok(Some(Value::int(c as i32)))
                    }
                    TAG_LIST | TAG_TUPLE => {
                        let n = self.seq_parts(seq).map_or(0, |p| p.1);
                        if pos >= n {
                            return Ok(None);
                        }
                        self.set_field(it, 2, Value::int(pos as i32 + 1));
                        Ok(Some(self.seq_get(seq, pos)))
                    }
                    TAG_DICT | TAG_SET | TAG_FROZENSET => {
                        let kind = self.int_field(it, 3);
                        if self.dict_len(seq) != kind >> 2 {
                            return Err(self.runtime_error(if self.is_tag(seq, TAG_DICT) {
                                format_args!("dictionary changed size during iteration")
                            } else {
                                format_args!("Set changed size during iteration")
                            }));
                        }
                        let kind = kind & 3;
                        let mut p = pos;
                        let n = self.dict_entry_count(seq);
                        while p < n {
                            let (k, v) = self.dict_entry(seq, p);
                            p += 1;
                            if k == Value::DELETED {
                                continue;
                            }
                            self.set_field(it, 2, Value::int(p as i32));
                            return Ok(Some(match kind {
                                0 => k,
                                1 => v,
                                _ => {
                                    let t = self.new_tuple(2)?;
                                    let (k, v) = self.dict_entry(seq, p - 1);
                                    self.set_field(t, 2, k);
                                    self.set_field(t, 3, v);
                                    t
                                }
                            }));
                        }
                        self.set_field(it, 2, Value::int(p as i32));
                        Ok(None)
                    }
                    _ => Ok(None),
                }
            }
            _ => {
                let tn = self.type_name(it);
                Err(self.type_error(format_args!("'{tn}' object is not an iterator")))
            }
        }
    }

    /// A new list of the items of any iterable.
    pub(crate) fn to_list(&mut self, v: Value) -> Result<Value, Raised> {
        let l = self.new_list(0)?;
        self.push(l)?;
        let r = self.list_extend(l, v);
        self.pop();
        r.map(|_| l)
    }

    /// Appends every item of iterable `v` to list `l` (both rooted).
    pub(crate) fn list_extend(&mut self, l: Value, v: Value) -> Result<(), Raised> {
        if let Some((_, n)) = self.seq_parts(v) {
            self.list_reserve(l, n)?;
            // Re-read both: reserving may have moved `l`'s items (and `v` may be `l`).
            let (src, n2) = self.seq_parts(v).unwrap_or((0, 0));
            let n = n.min(n2);
            let len = self.list_len(l);
            let dst = self.field(l, 2).index() + 1 + len;
            if n > 0 {
                self.heap.words.copy_within(src..src + n, dst);
            }
            self.set_field(l, 1, Value::int((len + n) as i32));
            return Ok(());
        }
        let it = self.get_iter(v)?;
        self.push(it)?;
        let r = loop {
            match self.iter_next(it) {
                Ok(Some(x)) => {
                    if let Err(e) = self.list_append(l, x) {
                        break Err(e);
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        self.pop();
        r
    }

    pub(crate) fn list_to_tuple(&mut self, l: Value) -> Result<Value, Raised> {
        let n = self.seq_parts(l).map_or(0, |p| p.1);
        let t = self.new_tuple(n)?;
        if n > 0 {
            let (src, _) = self.seq_parts(l).unwrap_or((0, 0));
            self.heap.words.copy_within(src..src + n, t.index() + 2);
        }
        Ok(t)
    }

    pub(crate) fn dict_update(&mut self, d: Value, src: Value) -> Result<(), Raised> {
        if !self.is_tag(src, TAG_DICT) {
            let tn = self.type_name(src);
            return Err(self.type_error(format_args!("'{tn}' object is not a mapping")));
        }
        let mut i = 0;
        while i < self.dict_entry_count(src) {
            let (k, v) = self.dict_entry(src, i);
            i += 1;
            if k != Value::DELETED {
                self.dict_set(d, k, v)?;
            }
        }
        Ok(())
    }
}

impl<'a, H: Host> Vm<'a, H> {
    /// `obj.__dict__`: the attribute dict, made if the object has none yet.
    fn instance_dict_value(&mut self, o: Value) -> Result<Value, Raised> {
        let d = self.field(o, 2);
        if !d.is_null() {
            return Ok(d);
        }
        self.push(o)?;
        let nd = self.new_dict(0);
        self.pop();
        let nd = nd?;
        self.set_field(o, 2, nd);
        Ok(nd)
    }
}

fn none_if_null(v: Value) -> Value {
    if v.is_null() { Value::NONE } else { v }
}
