//! User classes: class objects, instances, attribute lookup along the MRO,
//! bound methods, `super()`, `staticmethod`, `classmethod`, `property`, and
//! the special ("dunder") methods the operators fall back to.
//!
//! ```text
//! CLASS        1: name (str), 2: bases tuple, 3: MRO tuple (itself first),
//!              4: namespace dict, 5: module name (str), 6: i:flags
//! INSTANCE     1: class, 2: attribute dict|NULL
//! STATICMETHOD, CLASSMETHOD   1: function
//! PROPERTY     1: getter, 2: setter, 3: deleter (each None when absent)
//! SUPER        1: the class to search after, 2: the object
//! ```
//!
//! An MRO entry is a CLASS or a builtin class immediate (`object`,
//! `Exception`, …). A class with a builtin exception class among its bases
//! makes EXCEPTION objects (with their own attribute dict), so `raise` and
//! `except` treat user exceptions exactly like builtin ones.

use crate::builtins as b;
use crate::heap::*;
use crate::value::Value;
use crate::vm::{F_FUNC, F_HDR};
use crate::{Host, Raised, Vm};
use image_format::qstr as q;

/// Class flag: instances are exceptions.
pub(crate) const CLASS_EXCEPTION: i32 = 1;
/// The longest MRO the VM builds.
const MAX_MRO: usize = 32;

impl<'a, H: Host> Vm<'a, H> {
    pub(crate) fn is_class(&self, v: Value) -> bool {
        self.is_tag(v, TAG_CLASS)
    }

    /// The class of a value: a CLASS for instances of user classes, else
    /// the builtin type immediate.
    pub(crate) fn class_of(&self, v: Value) -> Value {
        match self.tag_of(v) {
            TAG_INSTANCE => self.field(v, 1),
            TAG_EXCEPTION => self.field(v, 1),
            _ => Value::builtin(self.type_id(v)),
        }
    }

    /// The name of a class (user or builtin).
    pub(crate) fn class_name_of(&self, cls: Value) -> &'a str {
        if self.is_class(cls) {
            let name = self.field(cls, 1);
            return name.as_qstr().map_or("?", |id| self.image.qstr(id));
        }
        cls.as_builtin().map_or("?", b::name)
    }

    /// Is `sub` the class `sup` or derived from it? Both may be user
    /// classes or builtin class immediates.
    pub(crate) fn class_is_subclass(&self, sub: Value, sup: Value) -> bool {
        if sub == sup {
            return true;
        }
        if self.is_class(sub) {
            let mro = self.field(sub, 3);
            let n = self.int_field(mro, 1);
            return (0..n).any(|i| {
                let c = self.field(mro, 2 + i);
                c == sup
                    || (c.as_builtin().is_some()
                        && sup
                            .as_builtin()
                            .is_some_and(|s| b::is_subclass(c.as_builtin().unwrap_or(0), s)))
            });
        }
        match (sub.as_builtin(), sup.as_builtin()) {
            (Some(a), Some(c)) => b::is_subclass(a, c),
            _ => false,
        }
    }

    /// Looks `name` up along the MRO of class `cls`.
    pub(crate) fn class_lookup(&mut self, cls: Value, name: u32) -> Result<Option<Value>, Raised> {
        if !self.is_class(cls) {
            return Ok(None);
        }
        let mro = self.field(cls, 3);
        let n = self.int_field(mro, 1);
        for i in 0..n {
            let c = self.field(mro, 2 + i);
            if self.is_class(c) {
                let d = self.field(c, 4);
                if let Some(v) = self.dict_get(d, Value::qstr(name))? {
                    return Ok(Some(v));
                }
            }
        }
        Ok(None)
    }

    /// The MRO entries after `after` in the MRO of `cls` (for `super()`),
    /// searched for `name`; builtin classes answer `__init__` with the
    /// builtin initialiser.
    fn super_lookup(
        &mut self,
        cls: Value,
        after: Value,
        name: u32,
    ) -> Result<Option<Value>, Raised> {
        if !self.is_class(cls) {
            return Ok(None);
        }
        let mro = self.field(cls, 3);
        let n = self.int_field(mro, 1);
        let start = (0..n)
            .position(|i| self.field(mro, 2 + i) == after)
            .map_or(n, |p| p + 1);
        for i in start..n {
            let c = self.field(mro, 2 + i);
            if self.is_class(c) {
                let d = self.field(c, 4);
                if let Some(v) = self.dict_get(d, Value::qstr(name))? {
                    return Ok(Some(v));
                }
            } else if name == q::DUNDER_INIT as u32 {
                return Ok(Some(Value::method(name)));
            }
        }
        Ok(None)
    }

    // ---- making classes

    /// `BUILD_CLASS`: runs the body with a new namespace, then makes the class.
    pub(crate) fn build_class(&mut self, nbases: usize) -> Result<(), Raised> {
        let base = self.sp - nbases - 2;
        let body = self.stack_at(base);
        let name = self.stack_at(base + 1);
        let ok = self.is_tag(body, TAG_FUNCTION)
            && name.as_qstr().is_some()
            && self.image.code(self.int_field(body, 1) as u32).flags
                & image_format::image::code_flags::NAMESPACE
                != 0;
        if !ok {
            return Err(self.runtime_error(format_args!(
                "malformed image: BUILD_CLASS without a class body"
            )));
        }
        let t = self.new_tuple(nbases)?;
        for i in 0..nbases {
            let v = self.stack_at(base + 2 + i);
            self.set_field(t, 2 + i, v);
        }
        self.push(t)?;
        let ns = self.new_dict(4)?;
        self.push(ns)?;
        let module = self.int_field(body, 2) as u32;
        // `__module__` is the module's `__name__`: `__main__` for the entry.
        let globals = self.module_globals(module as usize);
        let modname = match self.dict_get(globals, Value::qstr(q::DUNDER_NAME as u32))? {
            Some(v) => v,
            None => Value::qstr(self.image.module(module).name),
        };
        let code = self.image.code(self.int_field(body, 1) as u32);
        self.dict_set(ns, Value::qstr(q::DUNDER_MODULE as u32), modname)?;
        self.dict_set(
            ns,
            Value::qstr(q::DUNDER_QUALNAME as u32),
            Value::qstr(code.qualname),
        )?;
        self.run_with_namespace(body, ns)?;
        let cls = self.make_class(name, t, ns, modname)?;
        self.sp = base;
        self.push(cls)
    }

    /// Runs a class body function with `ns` as its namespace.
    fn run_with_namespace(&mut self, f: Value, ns: Value) -> Result<(), Raised> {
        self.call_with_namespace(f, ns).map(|_| ())
    }

    fn make_class(
        &mut self,
        name: Value,
        bases: Value,
        ns: Value,
        modname: Value,
    ) -> Result<Value, Raised> {
        let nb = self.int_field(bases, 1);
        let mut flags = 0;
        for i in 0..nb {
            let bcls = self.field(bases, 2 + i);
            if self.is_class(bcls) {
                flags |= self.int_field(bcls, 6) as i32 & CLASS_EXCEPTION;
            } else if let Some(id) = bcls.as_builtin() {
                if b::is_exception_class(id) {
                    flags |= CLASS_EXCEPTION;
                } else if id != b::OBJECT {
                    let bn = b::name(id);
                    return Err(self.type_error(format_args!(
                        "subclassing the builtin type '{bn}' is not supported"
                    )));
                }
            } else {
                return Err(self.type_error(format_args!("bases must be classes")));
            }
        }
        // A class that defines `__eq__` but not `__hash__` is unhashable.
        if self
            .dict_get(ns, Value::qstr(q::DUNDER_EQ as u32))?
            .is_some()
            && self
                .dict_get(ns, Value::qstr(q::DUNDER_HASH as u32))?
                .is_none()
        {
            self.dict_set(ns, Value::qstr(q::DUNDER_HASH as u32), Value::NONE)?;
        }
        let mro = self.compute_mro(bases)?;
        // `mro` stays rooted until its entries are copied below.
        let base = self.sp;
        self.push(mro)?;
        let cls = self.new_obj(
            TAG_CLASS,
            &[name, bases, Value::NULL, ns, modname, Value::int(flags)],
        );
        let cls = match cls {
            Ok(c) => c,
            Err(e) => {
                self.sp = base;
                return Err(e);
            }
        };
        // The MRO starts with the class itself.
        let n = self.int_field(mro, 1);
        let full = self.push(cls).and_then(|_| self.new_tuple(n + 1));
        self.sp = base;
        let full = full?;
        self.set_field(full, 2, cls);
        for i in 0..n {
            let c = self.field(mro, 2 + i);
            self.set_field(full, 3 + i, c);
        }
        self.set_field(cls, 3, full);
        // Functions defined in the body learn their class, for `super()`.
        let mut i = 0;
        while i < self.dict_entry_count(ns) {
            let (k, v) = self.dict_entry(ns, i);
            i += 1;
            if k == Value::DELETED {
                continue;
            }
            let f = match self.tag_of(v) {
                TAG_STATICMETHOD | TAG_CLASSMETHOD => self.field(v, 1),
                _ => v,
            };
            if self.is_tag(f, TAG_FUNCTION) && self.field(f, 6).is_null() {
                self.set_field(f, 6, cls);
            }
            if self.is_tag(v, TAG_PROPERTY) {
                for j in 1..=3 {
                    let g = self.field(v, j);
                    if self.is_tag(g, TAG_FUNCTION) && self.field(g, 6).is_null() {
                        self.set_field(g, 6, cls);
                    }
                }
            }
        }
        Ok(cls)
    }

    /// The C3 linearisation of `bases` (without the new class itself).
    fn compute_mro(&mut self, bases: Value) -> Result<Value, Raised> {
        let nb = self.int_field(bases, 1);
        // Sequences to merge: each base's MRO, then the bases themselves.
        let mut seqs: [[Value; MAX_MRO]; 9] = [[Value::NULL; MAX_MRO]; 9];
        let mut lens = [0usize; 9];
        if nb + 1 > seqs.len() {
            return Err(self.not_supported("classes with more than 8 bases"));
        }
        for i in 0..nb {
            let bcls = self.field(bases, 2 + i);
            let n = self.mro_into(bcls, &mut seqs[i])?;
            lens[i] = n;
        }
        for (i, slot) in seqs[nb].iter_mut().enumerate().take(nb) {
            *slot = self.field(bases, 2 + i);
        }
        lens[nb] = nb;
        if nb == 0 {
            seqs[0][0] = Value::builtin(b::OBJECT);
            lens[0] = 1;
        }
        let nseq = if nb == 0 { 1 } else { nb + 1 };
        let mut heads = [0usize; 9];
        let mut out = [Value::NULL; MAX_MRO];
        let mut n = 0;
        loop {
            if (0..nseq).all(|s| heads[s] >= lens[s]) {
                break;
            }
            // A head that is in no other sequence's tail.
            let mut chosen = None;
            for s in 0..nseq {
                if heads[s] >= lens[s] {
                    continue;
                }
                let cand = seqs[s][heads[s]];
                let in_tail =
                    (0..nseq).any(|t| (heads[t] + 1..lens[t]).any(|k| seqs[t][k] == cand));
                if !in_tail {
                    chosen = Some(cand);
                    break;
                }
            }
            let Some(c) = chosen else {
                // CPython names the head of each sequence left, once each.
                let mut names = crate::text::StackBuf::<128>::new();
                for s in 0..nseq {
                    let Some(&c) = seqs[s][..lens[s]].get(heads[s]) else {
                        continue;
                    };
                    if (0..s).any(|t| seqs[t][..lens[t]].get(heads[t]) == Some(&c)) {
                        continue;
                    }
                    if !names.as_bytes().is_empty() {
                        names.push_str(", ");
                    }
                    names.push_str(self.class_name_of(c));
                }
                return Err(self.type_error(format_args!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.as_str()
                )));
            };
            if n >= MAX_MRO {
                return Err(self.not_supported("class hierarchies this deep"));
            }
            out[n] = c;
            n += 1;
            for s in 0..nseq {
                if heads[s] < lens[s] && seqs[s][heads[s]] == c {
                    heads[s] += 1;
                }
            }
        }
        let t = self.new_tuple(n)?;
        for (i, c) in out.iter().enumerate().take(n) {
            self.set_field(t, 2 + i, *c);
        }
        Ok(t)
    }

    /// Writes the MRO of a class (user or builtin) into `out`.
    fn mro_into(&mut self, cls: Value, out: &mut [Value; MAX_MRO]) -> Result<usize, Raised> {
        if self.is_class(cls) {
            let mro = self.field(cls, 3);
            let n = self.int_field(mro, 1).min(MAX_MRO);
            for (i, slot) in out.iter_mut().enumerate().take(n) {
                *slot = self.field(mro, 2 + i);
            }
            return Ok(n);
        }
        let Some(mut id) = cls.as_builtin() else {
            return Ok(0);
        };
        let mut n = 0;
        loop {
            out[n] = Value::builtin(id);
            n += 1;
            match b::kind(id) {
                b::Kind::Exc(base) if base != id && n < MAX_MRO => id = base,
                _ => break,
            }
        }
        if id != b::OBJECT && n < MAX_MRO {
            out[n] = Value::builtin(b::OBJECT);
            n += 1;
        }
        Ok(n)
    }

    // ---- instances

    /// Calls a class: makes the instance, then runs `__init__` (as a frame
    /// of the same loop when there is one, so deep recursion through
    /// constructors costs no native stack). Returns `None` when a frame was
    /// pushed.
    pub(crate) fn instantiate(
        &mut self,
        cls: Value,
        args: usize,
        argc: usize,
        nkw: usize,
        base: usize,
        stop: bool,
    ) -> Result<Option<Value>, Raised> {
        let is_exc = self.int_field(cls, 6) as i32 & CLASS_EXCEPTION != 0;
        let inst = if is_exc {
            let t = self.new_tuple(argc)?;
            for i in 0..argc {
                let v = self.stack_at(args + i);
                self.set_field(t, 2 + i, v);
            }
            self.push(t)?;
            let e = self.new_obj(
                TAG_EXCEPTION,
                &[cls, t, Value::NULL, Value::NULL, Value::NULL, Value::NULL],
            );
            self.pop();
            e?
        } else {
            self.new_obj(TAG_INSTANCE, &[cls, Value::NULL])?
        };
        self.push(inst)?;
        let init = self.class_lookup(cls, q::DUNDER_INIT as u32);
        self.pop();
        match init? {
            Some(f) if self.is_tag(f, TAG_FUNCTION) => {
                self.enter_init(f, inst, args, argc, nkw, base, stop)?;
                Ok(None)
            }
            Some(_) => Err(self.type_error(format_args!("__init__ must be a function"))),
            None => {
                if !is_exc && argc + nkw > 0 {
                    let n = self.class_name_of(cls);
                    return Err(self.type_error(format_args!("{n}() takes no arguments")));
                }
                self.sp = base;
                Ok(Some(inst))
            }
        }
    }

    /// The attribute dict of an instance (made on first store).
    fn instance_dict(&mut self, obj: Value, create: bool) -> Result<Value, Raised> {
        let slot = if self.is_tag(obj, TAG_INSTANCE) { 2 } else { 6 };
        let d = self.field(obj, slot);
        if d.is_null() && create {
            self.push(obj)?;
            let nd = self.new_dict(0);
            self.pop();
            let nd = nd?;
            self.set_field(obj, slot, nd);
            return Ok(nd);
        }
        Ok(d)
    }

    /// `obj.name` for an instance of a user class (or a user exception).
    pub(crate) fn instance_getattr(
        &mut self,
        obj: Value,
        name: u32,
    ) -> Result<Option<Value>, Raised> {
        let cls = self.class_of(obj);
        let attr = self.class_lookup(cls, name)?;
        if let Some(p) = attr.filter(|&a| self.is_tag(a, TAG_PROPERTY)) {
            let getter = self.field(p, 1);
            if getter == Value::NONE {
                let n = self.image.qstr(name);
                let cn = self.class_name_of(cls);
                return Err(self.new_error(
                    b::ATTRIBUTE_ERROR,
                    format_args!("property '{n}' of '{cn}' object has no getter"),
                ));
            }
            return self.call_value(getter, &[obj]).map(Some);
        }
        let d = self.instance_dict(obj, false)?;
        if !d.is_null()
            && let Some(v) = self.dict_get(d, Value::qstr(name))?
        {
            return Ok(Some(v));
        }
        if let Some(a) = attr {
            return self.bind_attr(a, obj, cls).map(Some);
        }
        if name != q::DUNDER_GETATTR as u32
            && let Some(ga) = self.class_lookup(cls, q::DUNDER_GETATTR as u32)?
        {
            let n = self.name_value(self.image.qstr(name))?;
            return self.call_value(ga, &[obj, n]).map(Some);
        }
        Ok(None)
    }

    /// What a class attribute becomes when read through `obj`.
    fn bind_attr(&mut self, a: Value, obj: Value, cls: Value) -> Result<Value, Raised> {
        match self.tag_of(a) {
            TAG_FUNCTION => self.new_obj(TAG_BOUND, &[obj, a]),
            TAG_STATICMETHOD => Ok(self.field(a, 1)),
            TAG_CLASSMETHOD => {
                let f = self.field(a, 1);
                self.new_obj(TAG_BOUND, &[cls, f])
            }
            _ => Ok(a),
        }
    }

    /// `cls.name` for a user class.
    pub(crate) fn class_getattr(&mut self, cls: Value, name: u32) -> Result<Option<Value>, Raised> {
        match name as u16 {
            q::DUNDER_NAME => return Ok(Some(self.field(cls, 1))),
            q::DUNDER_BASES => return Ok(Some(self.field(cls, 2))),
            q::DUNDER_MRO => return Ok(Some(self.field(cls, 3))),
            q::DUNDER_DICT => return Ok(Some(self.field(cls, 4))),
            _ => {}
        }
        let Some(a) = self.class_lookup(cls, name)? else {
            return Ok(None);
        };
        match self.tag_of(a) {
            TAG_STATICMETHOD => Ok(Some(self.field(a, 1))),
            TAG_CLASSMETHOD => {
                let f = self.field(a, 1);
                self.new_obj(TAG_BOUND, &[cls, f]).map(Some)
            }
            _ => Ok(Some(a)),
        }
    }

    /// `obj.name = v` (or `del obj.name` when `v` is NULL) for instances
    /// and classes. `Ok(false)` when `obj` is neither.
    pub(crate) fn user_setattr(&mut self, obj: Value, name: u32, v: Value) -> Result<bool, Raised> {
        if self.is_class(obj) {
            let d = self.field(obj, 4);
            if v.is_null() {
                if self.dict_remove(d, Value::qstr(name))?.is_none() {
                    let n = self.image.qstr(name);
                    let cn = self.class_name_of(obj);
                    return Err(self.new_error(
                        b::ATTRIBUTE_ERROR,
                        format_args!("type object '{cn}' has no attribute '{n}'"),
                    ));
                }
            } else {
                self.dict_set(d, Value::qstr(name), v)?;
            }
            return Ok(true);
        }
        let user_exc = self.is_tag(obj, TAG_EXCEPTION) && self.is_class(self.field(obj, 1));
        if !self.is_tag(obj, TAG_INSTANCE) && !user_exc {
            return Ok(false);
        }
        let cls = self.class_of(obj);
        if let Some(p) = self
            .class_lookup(cls, name)?
            .filter(|&a| self.is_tag(a, TAG_PROPERTY))
        {
            let which = if v.is_null() { 3 } else { 2 };
            let f = self.field(p, which);
            if f == Value::NONE {
                let n = self.image.qstr(name);
                let cn = self.class_name_of(cls);
                let what = if v.is_null() { "deleter" } else { "setter" };
                return Err(self.new_error(
                    b::ATTRIBUTE_ERROR,
                    format_args!("property '{n}' of '{cn}' object has no {what}"),
                ));
            }
            if v.is_null() {
                self.call_value(f, &[obj])?;
            } else {
                self.call_value(f, &[obj, v])?;
            }
            return Ok(true);
        }
        let d = self.instance_dict(obj, true)?;
        if v.is_null() {
            if self.dict_remove(d, Value::qstr(name))?.is_none() {
                let n = self.image.qstr(name);
                let cn = self.class_name_of(cls);
                return Err(self.new_error(
                    b::ATTRIBUTE_ERROR,
                    format_args!("'{cn}' object has no attribute '{n}'"),
                ));
            }
        } else {
            self.dict_set(d, Value::qstr(name), v)?;
        }
        Ok(true)
    }

    /// `LOAD_METHOD` on an instance: the function and the instance, with no
    /// bound-method object, when the name is a plain method of its class.
    pub(crate) fn instance_method(
        &mut self,
        obj: Value,
        name: u32,
    ) -> Result<Option<(Value, Value)>, Raised> {
        let cls = self.class_of(obj);
        let Some(a) = self.class_lookup(cls, name)? else {
            return Ok(None);
        };
        if !self.is_tag(a, TAG_FUNCTION) {
            return Ok(None);
        }
        let d = self.instance_dict(obj, false)?;
        if !d.is_null() && self.dict_get(d, Value::qstr(name))?.is_some() {
            return Ok(None);
        }
        Ok(Some((a, obj)))
    }

    // ---- super()

    /// `super()` with no arguments reads the calling frame: its function's
    /// class and its first argument.
    pub(crate) fn make_super(&mut self, explicit: Option<(Value, Value)>) -> Result<Value, Raised> {
        let (cls, obj) = match explicit {
            Some(p) => p,
            None => {
                let fp = self.fp;
                let func = self.stack_at(fp + F_FUNC);
                let cls = if self.is_tag(func, TAG_FUNCTION) {
                    self.field(func, 6)
                } else {
                    Value::NULL
                };
                if cls.is_null() {
                    return Err(
                        self.runtime_error(format_args!("super(): __class__ cell not found"))
                    );
                }
                let code = self.image.code(self.int_field(func, 1) as u32);
                if code.argcount == 0 {
                    return Err(self.runtime_error(format_args!("super(): no arguments")));
                }
                let mut first = self.stack_at(fp + F_HDR);
                // A captured `self` lives in a cell.
                if let Some(cell) =
                    (0..code.ncells as u32).find(|&c| self.image.cell2arg(&code, c) == Some(0))
                {
                    let c = self.stack_at(fp + F_HDR + code.nlocals as usize + cell as usize);
                    if self.is_tag(c, TAG_CELL) {
                        first = self.field(c, 1);
                    }
                }
                if first.is_null() {
                    return Err(self.runtime_error(format_args!("super(): arg[0] deleted")));
                }
                (cls, first)
            }
        };
        if !self.is_class(cls) {
            return Err(self.type_error(format_args!("super() argument 1 must be a type")));
        }
        let objcls = if self.is_class(obj) {
            obj
        } else {
            self.class_of(obj)
        };
        if !self.class_is_subclass(objcls, cls) {
            return Err(self.type_error(format_args!(
                "super(type, obj): obj must be an instance or subtype of type"
            )));
        }
        self.new_obj(TAG_SUPER, &[cls, obj])
    }

    /// `super().name`.
    pub(crate) fn super_getattr(
        &mut self,
        sup: Value,
        name: u32,
    ) -> Result<Option<(Value, Value)>, Raised> {
        let cls = self.field(sup, 1);
        let obj = self.field(sup, 2);
        let objcls = if self.is_class(obj) {
            obj
        } else {
            self.class_of(obj)
        };
        let Some(a) = self.super_lookup(objcls, cls, name)? else {
            return Ok(None);
        };
        Ok(Some(match self.tag_of(a) {
            TAG_FUNCTION => (a, obj),
            TAG_STATICMETHOD => (self.field(a, 1), Value::NULL),
            TAG_CLASSMETHOD => (self.field(a, 1), objcls),
            TAG_PROPERTY => {
                let g = self.field(a, 1);
                (self.call_value(g, &[obj])?, Value::NULL)
            }
            _ if a.as_method().is_some() => (a, obj),
            _ => (a, Value::NULL),
        }))
    }

    // ---- special methods

    /// Calls `obj.__name__(*args)` when `obj`'s class defines it.
    pub(crate) fn call_dunder(
        &mut self,
        obj: Value,
        name: u16,
        args: &[Value],
    ) -> Result<Option<Value>, Raised> {
        let cls = self.class_of(obj);
        if !self.is_class(cls) {
            return Ok(None);
        }
        let Some(f) = self.class_lookup(cls, name as u32)? else {
            return Ok(None);
        };
        let mut all = [Value::NULL; 4];
        all[0] = obj;
        let n = args.len().min(3);
        all[1..1 + n].copy_from_slice(&args[..n]);
        let f = match self.tag_of(f) {
            TAG_STATICMETHOD => return self.call_value(self.field(f, 1), &all[1..1 + n]).map(Some),
            TAG_CLASSMETHOD => {
                all[0] = cls;
                self.field(f, 1)
            }
            _ => f,
        };
        self.call_value(f, &all[..1 + n]).map(Some)
    }

    /// Is `v` an instance of a user class?
    pub(crate) fn is_user_object(&self, v: Value) -> bool {
        match self.tag_of(v) {
            TAG_INSTANCE => true,
            TAG_EXCEPTION => self.is_class(self.field(v, 1)),
            _ => false,
        }
    }

    // ---- with

    /// `with mgr`: the bound `__exit__`, and what `__enter__()` returned.
    pub(crate) fn with_enter(&mut self, mgr: Value) -> Result<(Value, Value), Raised> {
        let cls = self.class_of(mgr);
        let enter = self.class_lookup(cls, q::DUNDER_ENTER as u32)?;
        let exit = self.class_lookup(cls, q::DUNDER_EXIT as u32)?;
        let (Some(_), Some(exit)) = (enter, exit) else {
            let tn = self.type_name(mgr);
            return Err(self.type_error(format_args!(
                "'{tn}' object does not support the context manager protocol"
            )));
        };
        let bound = self.bind_attr(exit, mgr, cls)?;
        self.push(bound)?;
        let entered = self.call_dunder(mgr, q::DUNDER_ENTER, &[]);
        self.pop();
        Ok((bound, entered?.unwrap_or(Value::NONE)))
    }

    // ---- property

    pub(crate) fn property_method(
        &mut self,
        p: Value,
        name: u32,
        arg: Value,
    ) -> Result<Value, Raised> {
        let (mut g, mut s, mut d) = (self.field(p, 1), self.field(p, 2), self.field(p, 3));
        match self.image.qstr(name) {
            "setter" => s = arg,
            "getter" => g = arg,
            "deleter" => d = arg,
            _ => return Err(self.no_attribute(p, name)),
        }
        self.new_obj(TAG_PROPERTY, &[g, s, d])
    }
}
