//! `set` and `frozenset`: the dict table with every value `None`.
//!
//! Iteration is in insertion order. CPython's order follows its hash table
//! layout instead, so a program that prints a set whose insertion order
//! differs from CPython's table order prints it differently; `sorted(s)`
//! prints the same everywhere.

use crate::heap::*;
use crate::natives::Args;
use crate::value::Value;
use crate::{Host, Raised, Vm};
use image_format::ops::BinOp;
use image_format::qstr as q;

const SET_METHODS: &[u16] = &[
    q::ADD,
    q::DISCARD,
    q::REMOVE,
    q::POP,
    q::CLEAR,
    q::COPY,
    q::UNION,
    q::INTERSECTION,
    q::DIFFERENCE,
    q::SYMMETRIC_DIFFERENCE,
    q::ISSUBSET,
    q::ISSUPERSET,
    q::ISDISJOINT,
    q::UPDATE,
];
const FROZENSET_METHODS: &[u16] = &[
    q::COPY,
    q::UNION,
    q::INTERSECTION,
    q::DIFFERENCE,
    q::SYMMETRIC_DIFFERENCE,
    q::ISSUBSET,
    q::ISSUPERSET,
    q::ISDISJOINT,
];

pub(crate) fn has_set_method(frozen: bool, name: u32) -> bool {
    let t = if frozen {
        FROZENSET_METHODS
    } else {
        SET_METHODS
    };
    t.iter().any(|&m| m as u32 == name)
}

impl<'a, H: Host> Vm<'a, H> {
    pub(crate) fn is_set(&self, v: Value) -> bool {
        matches!(self.tag_of(v), TAG_SET | TAG_FROZENSET)
    }

    pub(crate) fn new_set(&mut self, tag: u8) -> Result<Value, Raised> {
        let d = self.new_dict(0)?;
        // Same layout: only the tag differs.
        let o = d.index();
        let size = self.heap.size(o);
        self.heap.words[o] = tag as u32 | (size as u32) << 9;
        Ok(d)
    }

    /// Adds `v` (a set as an element becomes a frozenset, like CPython
    /// refusing it; here it is refused too, with CPython's message).
    pub(crate) fn set_add(&mut self, s: Value, v: Value) -> Result<(), Raised> {
        self.dict_set(s, v, Value::NONE)
    }

    /// A new set (or frozenset) of the items of any iterable.
    pub(crate) fn set_from(&mut self, tag: u8, src: Value) -> Result<Value, Raised> {
        let s = self.new_set(tag)?;
        self.push(s)?;
        let r = self.set_update(s, src);
        self.pop();
        r.map(|_| s)
    }

    pub(crate) fn set_update(&mut self, s: Value, src: Value) -> Result<(), Raised> {
        if self.is_set(src) || self.is_tag(src, TAG_DICT) {
            let mut i = 0;
            while i < self.dict_entry_count(src) {
                let (k, _) = self.dict_entry(src, i);
                i += 1;
                if k != Value::DELETED {
                    self.set_add(s, k)?;
                }
            }
            return Ok(());
        }
        let it = self.get_iter(src)?;
        self.push(it)?;
        let r = loop {
            match self.iter_next(it) {
                Ok(Some(x)) => {
                    if let Err(e) = self.set_add(s, x) {
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

    pub(crate) fn frozen_copy(&mut self, s: Value) -> Result<Value, Raised> {
        self.set_from(TAG_FROZENSET, s)
    }

    fn set_keys(&self, s: Value) -> impl Iterator<Item = usize> + use<'a, H> {
        0..self.dict_entry_count(s)
    }

    /// Is every element of `a` in `b`?
    pub(crate) fn set_subset(&mut self, a: Value, b: Value) -> Result<bool, Raised> {
        if self.dict_len(a) > self.dict_len(b) {
            return Ok(false);
        }
        for i in self.set_keys(a) {
            let (k, _) = self.dict_entry(a, i);
            if k != Value::DELETED && self.dict_get(b, k)?.is_none() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `a op b` for `| & - ^` on sets; the result has `a`'s type.
    pub(crate) fn set_op(&mut self, op: BinOp, a: Value, b: Value) -> Result<Value, Raised> {
        let tag = self.tag_of(a);
        let r = self.new_set(tag)?;
        self.push(r)?;
        let res = self.set_op_into(op, r, a, b);
        self.pop();
        res.map(|_| r)
    }

    fn set_op_into(&mut self, op: BinOp, r: Value, a: Value, b: Value) -> Result<(), Raised> {
        match op {
            BinOp::Or => {
                self.set_update(r, a)?;
                self.set_update(r, b)
            }
            BinOp::And | BinOp::Sub => {
                let keep_if_in_b = op == BinOp::And;
                for i in self.set_keys(a) {
                    let (k, _) = self.dict_entry(a, i);
                    if k != Value::DELETED && self.dict_get(b, k)?.is_some() == keep_if_in_b {
                        self.set_add(r, k)?;
                    }
                }
                Ok(())
            }
            _ => {
                for (x, y) in [(a, b), (b, a)] {
                    for i in self.set_keys(x) {
                        let (k, _) = self.dict_entry(x, i);
                        if k != Value::DELETED && self.dict_get(y, k)?.is_none() {
                            self.set_add(r, k)?;
                        }
                    }
                }
                Ok(())
            }
        }
    }

    pub(crate) fn set_method(&mut self, s: Value, name: u16, a: Args) -> Result<Value, Raised> {
        let n = a.argc;
        let arg0 = if n > 0 { self.arg(a, 0) } else { Value::NULL };
        let one = |vm: &mut Self, mname: &str| -> Result<(), Raised> {
            if n != 1 {
                return Err(vm.type_error(format_args!(
                    "{mname}() takes exactly one argument ({n} given)"
                )));
            }
            Ok(())
        };
        let none = |vm: &mut Self, mname: &str| -> Result<(), Raised> {
            if n != 0 {
                return Err(vm.type_error(format_args!("{mname}() takes no arguments ({n} given)")));
            }
            Ok(())
        };
        match name {
            q::ADD => {
                one(self, "set.add")?;
                self.set_add(s, arg0)?;
                Ok(Value::NONE)
            }
            q::DISCARD | q::REMOVE => {
                one(
                    self,
                    if name == q::ADD {
                        "set.discard"
                    } else {
                        "set.remove"
                    },
                )?;
                let key = if self.is_tag(arg0, TAG_SET) {
                    self.frozen_copy(arg0)?
                } else {
                    arg0
                };
                match self.dict_remove(s, key)? {
                    Some(_) => Ok(Value::NONE),
                    None if name == q::DISCARD => Ok(Value::NONE),
                    None => Err(self.new_error_value(crate::builtins::KEY_ERROR, arg0)),
                }
            }
            q::POP => {
                none(self, "set.pop")?;
                for i in self.set_keys(s) {
                    let (k, _) = self.dict_entry(s, i);
                    if k != Value::DELETED {
                        self.push(k)?;
                        let r = self.dict_remove(s, k);
                        self.pop();
                        r?;
                        return Ok(k);
                    }
                }
                Err(self.new_error(
                    crate::builtins::KEY_ERROR,
                    format_args!("pop from an empty set"),
                ))
            }
            q::CLEAR => {
                none(self, "set.clear")?;
                self.dict_clear(s);
                Ok(Value::NONE)
            }
            q::COPY => {
                none(self, "set.copy")?;
                let tag = self.tag_of(s);
                self.set_from(tag, s)
            }
            q::UPDATE => {
                for i in 0..n {
                    let src = self.arg(a, i);
                    self.set_update(s, src)?;
                }
                Ok(Value::NONE)
            }
            q::UNION | q::INTERSECTION | q::DIFFERENCE | q::SYMMETRIC_DIFFERENCE => {
                let op = match name {
                    q::UNION => BinOp::Or,
                    q::INTERSECTION => BinOp::And,
                    q::DIFFERENCE => BinOp::Sub,
                    _ => BinOp::Xor,
                };
                if name == q::SYMMETRIC_DIFFERENCE {
                    one(self, "set.symmetric_difference")?;
                }
                let mut acc = s;
                let base = self.sp;
                if n == 0 {
                    let tag = self.tag_of(s);
                    return self.set_from(tag, s);
                }
                for i in 0..n {
                    let other = self.arg(a, i);
                    let other = if self.is_set(other) {
                        other
                    } else {
                        self.set_from(TAG_SET, other)?
                    };
                    self.push(other)?;
                    acc = self.set_op(op, acc, other)?;
                    self.push(acc)?;
                }
                self.sp = base;
                Ok(acc)
            }
            q::ISSUBSET | q::ISSUPERSET | q::ISDISJOINT => {
                one(self, "set.issubset")?;
                let other = if self.is_set(arg0) {
                    arg0
                } else {
                    self.set_from(TAG_SET, arg0)?
                };
                self.push(other)?;
                let r = match name {
                    q::ISSUBSET => self.set_subset(s, other),
                    q::ISSUPERSET => self.set_subset(other, s),
                    _ => self
                        .set_op(BinOp::And, s, other)
                        .map(|i| self.dict_len(i) == 0),
                };
                self.pop();
                r.map(Value::from_bool)
            }
            _ => Err(self.no_attribute(s, name as u32)),
        }
    }
}
