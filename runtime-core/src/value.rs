//! Values: one 32-bit word on every target.
//!
//! ```text
//! xxxx…xxx1   small int, 31 bits signed (value = word as i32 >> 1)
//! xxxx…xx00   heap object: word index into the heap (0 is NULL, "no value")
//! pppp…0010   special constant p (None, False, True, NotImplemented, Ellipsis, …)
//! pppp…0110   interned name (qstr) p: a str whose bytes are in the image
//! pppp…1010   builtin object p (function, type, exception class, module)
//! pppp…1110   method p (a qstr): an unbound method of the receiver's type,
//!             resolved when called; `LOAD_METHOD` pushes it with the receiver
//! ```
//!
//! The host uses the same 32-bit layout as a Cortex-M0, so a program behaves
//! identically on both (same small-int range, same overflow into big ints).

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[repr(transparent)]
pub struct Value(pub u32);

const fn imm(kind: u32, payload: u32) -> u32 {
    (payload << 4) | (kind << 2) | 2
}

const KIND_SPECIAL: u32 = 0;
const KIND_QSTR: u32 = 1;
const KIND_BUILTIN: u32 = 2;
const KIND_METHOD: u32 = 3;

/// Smallest and largest small int.
pub const SMALL_MIN: i32 = -(1 << 30);
pub const SMALL_MAX: i32 = (1 << 30) - 1;

impl Value {
    /// No value: an unbound local, an empty cell, the null half of a
    /// `LOAD_METHOD` pair, an unused slot.
    pub const NULL: Value = Value(0);
    pub const NONE: Value = Value(imm(KIND_SPECIAL, 0));
    pub const FALSE: Value = Value(imm(KIND_SPECIAL, 1));
    pub const TRUE: Value = Value(imm(KIND_SPECIAL, 2));
    pub const NOT_IMPLEMENTED: Value = Value(imm(KIND_SPECIAL, 3));
    pub const ELLIPSIS: Value = Value(imm(KIND_SPECIAL, 4));
    /// A deleted dict entry's key.
    pub const DELETED: Value = Value(imm(KIND_SPECIAL, 5));

    #[inline]
    pub fn small(i: i32) -> Option<Value> {
        if (SMALL_MIN..=SMALL_MAX).contains(&i) {
            Some(Value(((i << 1) | 1) as u32))
        } else {
            None
        }
    }

    /// A small int the caller knows to be in range.
    #[inline]
    pub const fn int(i: i32) -> Value {
        Value(((i << 1) | 1) as u32)
    }

    #[inline]
    pub fn as_small(self) -> Option<i32> {
        if self.0 & 1 == 1 {
            Some((self.0 as i32) >> 1)
        } else {
            None
        }
    }

    #[inline]
    pub fn is_small(self) -> bool {
        self.0 & 1 == 1
    }

    #[inline]
    pub fn is_obj(self) -> bool {
        self.0 & 3 == 0 && self.0 != 0
    }

    #[inline]
    pub fn is_null(self) -> bool {
        self.0 == 0
    }

    /// The heap word index of an object value.
    #[inline]
    pub fn index(self) -> usize {
        (self.0 >> 2) as usize
    }

    #[inline]
    pub fn obj(index: usize) -> Value {
        Value((index as u32) << 2)
    }

    #[inline]
    pub fn from_bool(b: bool) -> Value {
        if b { Value::TRUE } else { Value::FALSE }
    }

    #[inline]
    pub fn qstr(id: u32) -> Value {
        Value(imm(KIND_QSTR, id))
    }

    #[inline]
    fn imm_kind(self) -> Option<u32> {
        if self.0 & 3 == 2 {
            Some((self.0 >> 2) & 3)
        } else {
            None
        }
    }

    #[inline]
    pub fn as_qstr(self) -> Option<u32> {
        if self.imm_kind() == Some(KIND_QSTR) {
            Some(self.0 >> 4)
        } else {
            None
        }
    }

    #[inline]
    pub fn builtin(id: u16) -> Value {
        Value(imm(KIND_BUILTIN, id as u32))
    }

    #[inline]
    pub fn as_builtin(self) -> Option<u16> {
        if self.imm_kind() == Some(KIND_BUILTIN) {
            Some((self.0 >> 4) as u16)
        } else {
            None
        }
    }

    #[inline]
    pub fn method(name: u32) -> Value {
        Value(imm(KIND_METHOD, name))
    }

    #[inline]
    pub fn as_method(self) -> Option<u32> {
        if self.imm_kind() == Some(KIND_METHOD) {
            Some(self.0 >> 4)
        } else {
            None
        }
    }

    #[inline]
    pub fn is_special(self) -> bool {
        self.imm_kind() == Some(KIND_SPECIAL)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_ints_round_trip_at_the_edges() {
        for i in [0, 1, -1, SMALL_MIN, SMALL_MAX, 12345, -98765] {
            assert_eq!(Value::small(i).unwrap().as_small(), Some(i));
        }
        assert!(Value::small(SMALL_MAX + 1).is_none());
        assert!(Value::small(SMALL_MIN - 1).is_none());
    }

    #[test]
    fn kinds_do_not_overlap() {
        let q = Value::qstr(77);
        let b = Value::builtin(77);
        let m = Value::method(77);
        let o = Value::obj(77);
        assert_eq!(q.as_qstr(), Some(77));
        assert_eq!(b.as_builtin(), Some(77));
        assert_eq!(m.as_method(), Some(77));
        assert!(o.is_obj() && o.index() == 77);
        for v in [q, b, m, Value::NONE, Value::TRUE] {
            assert!(!v.is_obj() && !v.is_small());
        }
        assert!(q.as_builtin().is_none() && b.as_qstr().is_none() && m.as_qstr().is_none());
    }
}
