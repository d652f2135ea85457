//! Object layouts and their constructors and accessors.
//!
//! Each heap object is a header word then its payload (see [`crate::heap`]).
//! Payload layouts (word offsets after the header, `i:` = small int):
//!
//! ```text
//! FLOAT     1: low bits, 2: high bits of the f64
//! BIGINT    1: sign (bit 31) | limb count, 2..: magnitude limbs, least significant first
//! STR       1: byte length, 2: hash, 3: char count, 4..: UTF-8 bytes
//! RAW       raw words
//! TUPLE     1: i:len, 2..: items
//! LIST      1: i:len, 2: items ARRAY (or NULL)
//! ARRAY     1..: values (unused slots NULL)
//! DICT      1: i:len, 2: i:used entries, 3: entries ARRAY (key, value pairs), 4: index RAW
//! SET, FROZENSET  the DICT layout, every value None
//! FUNCTION  1: i:code, 2: i:module, 3: defaults tuple|NULL, 4: kwdefaults dict|NULL, 5: closure tuple|NULL,
//!           6: the class it was defined in|NULL (for `super()`)
//! CELL      1: value|NULL
//! BOUND     1: self, 2: function (or a method immediate)
//! RANGE     1: i:start, 2: i:stop, 3: i:step
//! RANGE_ITER 1: i:next, 2: i:stop, 3: i:step
//! SEQ_ITER  1: sequence (list, tuple, str, dict), 2: i:position, 3: i:kind (dict: 0 keys, 1 values, 2 items)
//! EXCEPTION 1: class, 2: args tuple, 3: traceback|NULL, 4: cause|NULL, 5: context|NULL,
//!           6: attribute dict|NULL (user exception classes)
//! CLASS, INSTANCE, STATICMETHOD, CLASSMETHOD, PROPERTY, SUPER: see `classes.rs`
//! TRACEBACK 1: next (older entry)|NULL, 2: i:code, 3: i:line
//! MODULE    1: i:module index, 2: globals dict
//! SLICE     1: start, 2: stop, 3: step
//! DICT_VIEW 1: dict, 2: i:kind
//! STRBUF    1: i:byte length, 2: RAW bytes buffer|NULL
//! ENUMERATE 1: iterator, 2: next count (an int)
//! ZIP       1: tuple of iterators
//! MAP       1: function, 2: tuple of iterators
//! FILTER    1: function or None, 2: iterator
//! CALL_ITER 1: callable (NULL once exhausted), 2: sentinel (`iter(f, sentinel)`)
//! ```

use crate::heap::*;
use crate::value::Value;
use crate::{Host, Raised, Vm};

impl<'a, H: Host> Vm<'a, H> {
    /// Allocates, collecting once if the heap is full; `MemoryError` if it
    /// still does not fit. Values the caller holds must be on the VM stack
    /// (or otherwise rooted) across this call.
    pub(crate) fn alloc(&mut self, tag: u8, payload: usize) -> Result<usize, Raised> {
        if self.gc_stress {
            self.collect();
        }
        if let Some(o) = self.heap.alloc(tag, payload) {
            return Ok(o);
        }
        self.collect();
        if let Some(o) = self.heap.alloc(tag, payload) {
            return Ok(o);
        }
        Err(self.raise_memory_error())
    }

    pub(crate) fn collect(&mut self) {
        let roots = [
            self.modules,
            self.exc,
            self.handled,
            self.memory_error,
            self.pending_throw,
            self.version_info,
        ];
        self.heap.collect(self.sp, &roots);
    }

    #[inline]
    pub(crate) fn tag_of(&self, v: Value) -> u8 {
        if v.is_obj() {
            self.heap.tag(v.index())
        } else {
            TAG_FREE
        }
    }

    #[inline]
    pub(crate) fn is_tag(&self, v: Value, tag: u8) -> bool {
        v.is_obj() && self.heap.tag(v.index()) == tag
    }

    #[inline]
    pub(crate) fn field(&self, v: Value, i: usize) -> Value {
        self.heap.get(v.index(), i)
    }

    #[inline]
    pub(crate) fn set_field(&mut self, v: Value, i: usize, x: Value) {
        self.heap.set(v.index(), i, x)
    }

    #[inline]
    pub(crate) fn int_field(&self, v: Value, i: usize) -> usize {
        self.heap.get(v.index(), i).as_small().unwrap_or(0).max(0) as usize
    }

    // ---- floats

    pub(crate) fn new_float(&mut self, f: f64) -> Result<Value, Raised> {
        let o = self.alloc(TAG_FLOAT, 2)?;
        let bits = f.to_bits();
        self.heap.words[o + 1] = bits as u32;
        self.heap.words[o + 2] = (bits >> 32) as u32;
        Ok(Value::obj(o))
    }

    pub(crate) fn float_of(&self, v: Value) -> f64 {
        let o = v.index();
        f64::from_bits(self.heap.words[o + 1] as u64 | (self.heap.words[o + 2] as u64) << 32)
    }

    // ---- strings

    /// The UTF-8 bytes of a str value (qstr or heap str).
    pub(crate) fn str_bytes(&self, v: Value) -> &[u8] {
        if let Some(q) = v.as_qstr() {
            return self.image.qstr(q).as_bytes();
        }
        let o = v.index();
        let len = self.heap.words[o + 1] as usize;
        let words = &self.heap.words[o + 4..o + self.heap.size(o)];
        &bytemuck::cast_slice::<u32, u8>(words)[..len]
    }

    pub(crate) fn is_str(&self, v: Value) -> bool {
        v.as_qstr().is_some() || self.is_tag(v, TAG_STR)
    }

    /// The hash of a str, computed on first use and kept (0 means "not yet";
    /// a string whose hash really is 0 is simply hashed each time).
    pub(crate) fn str_hash(&mut self, v: Value) -> u32 {
        if let Some(q) = v.as_qstr() {
            return self.image.qstr_hash(q);
        }
        let o = v.index();
        let h = self.heap.words[o + 2];
        if h != 0 {
            return h;
        }
        let h = image_format::qstr::str_hash(self.str_bytes(v));
        self.heap.words[o + 2] = h;
        h
    }

    /// Number of code points.
    pub(crate) fn str_chars(&self, v: Value) -> usize {
        if v.as_qstr().is_some() {
            return count_chars(self.str_bytes(v));
        }
        self.heap.words[v.index() + 3] as usize
    }

    /// Allocates an uninitialised str of `len` bytes; fill it with
    /// [`Vm::str_bytes_mut`] then call [`Vm::finish_str`].
    pub(crate) fn alloc_str(&mut self, len: usize) -> Result<Value, Raised> {
        let o = self.alloc(TAG_STR, 3 + len.div_ceil(4))?;
        self.heap.words[o + 1] = len as u32;
        Ok(Value::obj(o))
    }

    pub(crate) fn str_bytes_mut(&mut self, v: Value) -> &mut [u8] {
        let o = v.index();
        let len = self.heap.words[o + 1] as usize;
        let size = self.heap.size(o);
        let words = &mut self.heap.words[o + 4..o + size];
        &mut bytemuck::cast_slice_mut::<u32, u8>(words)[..len]
    }

    /// Counts the code points of a str whose bytes are written (its hash
    /// waits until a dict asks for it).
    pub(crate) fn finish_str(&mut self, v: Value) -> Value {
        let n = count_chars(self.str_bytes(v));
        self.finish_str_chars(v, n)
    }

    /// Like [`Vm::finish_str`] when the caller knows the code-point count.
    pub(crate) fn finish_str_chars(&mut self, v: Value, chars: usize) -> Value {
        let o = v.index();
        self.heap.words[o + 2] = 0;
        self.heap.words[o + 3] = chars as u32;
        v
    }

    pub(crate) fn new_str(&mut self, bytes: &[u8]) -> Result<Value, Raised> {
        let v = self.alloc_str(bytes.len())?;
        self.str_bytes_mut(v).copy_from_slice(bytes);
        Ok(self.finish_str(v))
    }

    /// A str made of a slice of another str's bytes (which must lie on
    /// char boundaries).
    pub(crate) fn new_substr(
        &mut self,
        s: Value,
        start: usize,
        end: usize,
    ) -> Result<Value, Raised> {
        if start == 0 && end == self.str_bytes(s).len() {
            return Ok(s);
        }
        let v = self.alloc_str(end - start)?;
        // Borrow dance: copy through a small buffer when both live in the heap.
        self.copy_str_bytes(s, start, v, 0, end - start);
        Ok(self.finish_str(v))
    }

    /// Copies `n` bytes from str `src` at `from` into the str being built
    /// `dst` at `to`.
    pub(crate) fn copy_str_bytes(
        &mut self,
        src: Value,
        from: usize,
        dst: Value,
        to: usize,
        n: usize,
    ) {
        if let Some(q) = src.as_qstr() {
            let bytes = self.image.qstr(q).as_bytes();
            self.str_bytes_mut(dst)[to..to + n].copy_from_slice(&bytes[from..from + n]);
            return;
        }
        // Both live in the heap: one move within its byte view.
        let from_byte = (src.index() + 4) * 4 + from;
        let to_byte = (dst.index() + 4) * 4 + to;
        bytemuck::cast_slice_mut::<u32, u8>(&mut *self.heap.words)
            .copy_within(from_byte..from_byte + n, to_byte);
    }

    // ---- tuples and lists

    pub(crate) fn new_tuple(&mut self, len: usize) -> Result<Value, Raised> {
        let o = self.alloc(TAG_TUPLE, 1 + len)?;
        self.heap.set(o, 1, Value::int(len as i32));
        Ok(Value::obj(o))
    }

    /// Items of a tuple or list, as heap coordinates: (object, first word, len).
    pub(crate) fn seq_parts(&self, v: Value) -> Option<(usize, usize)> {
        match self.tag_of(v) {
            TAG_TUPLE => Some((v.index() + 2, self.int_field(v, 1))),
            TAG_LIST => {
                let arr = self.field(v, 2);
                let len = self.int_field(v, 1);
                if arr.is_null() {
                    Some((0, 0))
                } else {
                    Some((arr.index() + 1, len))
                }
            }
            _ => None,
        }
    }

    #[inline]
    pub(crate) fn seq_item(&self, base: usize, i: usize) -> Value {
        Value(self.heap.words[base + i])
    }

    pub(crate) fn new_list(&mut self, capacity: usize) -> Result<Value, Raised> {
        let o = self.alloc(TAG_LIST, 2)?;
        self.heap.set(o, 1, Value::int(0));
        if capacity > 0 {
            let l = Value::obj(o);
            self.push(l)?;
            let arr = self.alloc(TAG_ARRAY, capacity);
            self.pop();
            let arr = arr?;
            self.heap.set(o, 2, Value::obj(arr));
        }
        Ok(Value::obj(o))
    }

    pub(crate) fn list_capacity(&self, l: Value) -> usize {
        let arr = self.field(l, 2);
        if arr.is_null() {
            0
        } else {
            self.heap.size(arr.index()) - 1
        }
    }

    /// Makes room for `extra` more items (the list must be rooted).
    pub(crate) fn list_reserve(&mut self, l: Value, extra: usize) -> Result<(), Raised> {
        let len = self.int_field(l, 1);
        let cap = self.list_capacity(l);
        if len + extra <= cap {
            return Ok(());
        }
        let want = (len + extra).max(cap + cap / 2 + 4);
        let new = self.alloc(TAG_ARRAY, want)?;
        let old = self.field(l, 2);
        if !old.is_null() {
            let from = old.index() + 1;
            self.heap.words.copy_within(from..from + len, new + 1);
        }
        self.set_field(l, 2, Value::obj(new));
        Ok(())
    }

    /// Appends (the list must be rooted; `v` is rooted by the caller too).
    pub(crate) fn list_append(&mut self, l: Value, v: Value) -> Result<(), Raised> {
        self.push(v)?;
        let r = self.list_reserve(l, 1);
        self.pop();
        r?;
        let len = self.int_field(l, 1);
        let arr = self.field(l, 2).index();
        self.heap.set(arr, 1 + len, v);
        self.set_field(l, 1, Value::int(len as i32 + 1));
        Ok(())
    }

    pub(crate) fn list_len(&self, l: Value) -> usize {
        self.int_field(l, 1)
    }

    // ---- cells, functions, misc

    pub(crate) fn new_cell(&mut self, v: Value) -> Result<Value, Raised> {
        self.push(v)?;
        let o = self.alloc(TAG_CELL, 1);
        self.pop();
        let o = o?;
        self.heap.set(o, 1, v);
        Ok(Value::obj(o))
    }

    /// Allocates an object of `tag` whose payload is `fields` (the caller
    /// keeps heap values in `fields` rooted).
    pub(crate) fn new_obj(&mut self, tag: u8, fields: &[Value]) -> Result<Value, Raised> {
        let base = self.sp;
        for f in fields {
            self.push(*f)?;
        }
        let o = self.alloc(tag, fields.len());
        self.sp = base;
        let o = o?;
        for (i, f) in fields.iter().enumerate() {
            self.heap.set(o, 1 + i, *f);
        }
        Ok(Value::obj(o))
    }
}

pub(crate) fn count_chars(bytes: &[u8]) -> usize {
    // Continuation bytes are 0b10xxxxxx; count the others, a word at a time.
    let mut n = 0;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let cont = w & !(w << 1) & 0x8080_8080_8080_8080;
        n += 8 - cont.count_ones() as usize;
    }
    n + chunks
        .remainder()
        .iter()
        .filter(|&&b| (b & 0xc0) != 0x80)
        .count()
}
