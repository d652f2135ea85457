//! Operators on instances of user classes: each operator tries the special
//! method CPython would (`__add__`, then the reflected `__radd__`; `__iadd__`
//! for `+=`; `__eq__`, `__lt__` and their mirrors; …). `NotImplemented`
//! from a special method means "try the next one", as in CPython.

use crate::value::Value;
use crate::{Host, Raised, Vm};
use image_format::ops::{BinOp, CmpOp, UnaryOp};
use image_format::qstr as q;

/// (forward, reflected, in-place) special method names of a binary operator.
pub(crate) fn binop_dunders(op: BinOp) -> (u16, u16, u16) {
    match op {
        BinOp::Add => (q::DUNDER_ADD, q::DUNDER_RADD, q::DUNDER_IADD),
        BinOp::Sub => (q::DUNDER_SUB, q::DUNDER_RSUB, q::DUNDER_ISUB),
        BinOp::Mul => (q::DUNDER_MUL, q::DUNDER_RMUL, q::DUNDER_IMUL),
        BinOp::TrueDiv => (q::DUNDER_TRUEDIV, q::DUNDER_RTRUEDIV, q::DUNDER_ITRUEDIV),
        BinOp::FloorDiv => (q::DUNDER_FLOORDIV, q::DUNDER_RFLOORDIV, q::DUNDER_IFLOORDIV),
        BinOp::Mod => (q::DUNDER_MOD, q::DUNDER_RMOD, q::DUNDER_IMOD),
        BinOp::Pow => (q::DUNDER_POW, q::DUNDER_RPOW, q::DUNDER_IPOW),
        BinOp::LShift => (q::DUNDER_LSHIFT, q::DUNDER_RLSHIFT, q::DUNDER_ILSHIFT),
        BinOp::RShift => (q::DUNDER_RSHIFT, q::DUNDER_RRSHIFT, q::DUNDER_IRSHIFT),
        BinOp::And => (q::DUNDER_AND, q::DUNDER_RAND, q::DUNDER_IAND),
        BinOp::Or => (q::DUNDER_OR, q::DUNDER_ROR, q::DUNDER_IOR),
        BinOp::Xor => (q::DUNDER_XOR, q::DUNDER_RXOR, q::DUNDER_IXOR),
        BinOp::MatMul => (q::DUNDER_MATMUL, q::DUNDER_RMATMUL, q::DUNDER_IMATMUL),
    }
}

impl<'a, H: Host> Vm<'a, H> {
    /// A special method's answer, with `NotImplemented` read as "none".
    fn dunder(&mut self, obj: Value, name: u16, args: &[Value]) -> Result<Option<Value>, Raised> {
        if !self.is_user_object(obj) {
            return Ok(None);
        }
        match self.call_dunder(obj, name, args)? {
            Some(v) if v == Value::NOT_IMPLEMENTED => Ok(None),
            r => Ok(r),
        }
    }

    /// `a op b` through special methods, or `None` when neither side has one.
    pub(crate) fn binary_dunder(
        &mut self,
        op: BinOp,
        a: Value,
        c: Value,
    ) -> Result<Option<Value>, Raised> {
        let (fwd, rev, _) = binop_dunders(op);
        if let Some(v) = self.dunder(a, fwd, &[c])? {
            return Ok(Some(v));
        }
        if (a != c || !self.is_user_object(a))
            && let Some(v) = self.dunder(c, rev, &[a])?
        {
            return Ok(Some(v));
        }
        Ok(None)
    }

    /// `a op= b`: the in-place method, if the class has one.
    pub(crate) fn inplace_dunder(
        &mut self,
        op: BinOp,
        a: Value,
        c: Value,
    ) -> Result<Option<Value>, Raised> {
        let (_, _, inplace) = binop_dunders(op);
        self.dunder(a, inplace, &[c])
    }

    pub(crate) fn unary_dunder(&mut self, op: UnaryOp, a: Value) -> Result<Option<Value>, Raised> {
        let name = match op {
            UnaryOp::Neg => q::DUNDER_NEG,
            UnaryOp::Pos => q::DUNDER_POS,
            UnaryOp::Invert => q::DUNDER_INVERT,
            UnaryOp::Not => return Ok(None),
        };
        self.dunder(a, name, &[])
    }

    /// `a == b` / `a != b` through `__eq__`/`__ne__` (either side).
    pub(crate) fn eq_dunder(
        &mut self,
        a: Value,
        c: Value,
        ne: bool,
    ) -> Result<Option<bool>, Raised> {
        let (name, other) = if ne {
            (q::DUNDER_NE, q::DUNDER_EQ)
        } else {
            (q::DUNDER_EQ, q::DUNDER_NE)
        };
        for (x, y) in [(a, c), (c, a)] {
            if let Some(v) = self.dunder(x, name, &[y])? {
                return self.truthy(v).map(Some);
            }
            // `!=` falls back to the negation of `__eq__`.
            if ne && let Some(v) = self.dunder(x, other, &[y])? {
                return self.truthy(v).map(|t| Some(!t));
            }
        }
        Ok(None)
    }

    /// `a < b` and friends through `__lt__`… or the mirrored method of `b`.
    pub(crate) fn order_dunder(
        &mut self,
        op: CmpOp,
        a: Value,
        c: Value,
    ) -> Result<Option<Value>, Raised> {
        let (name, mirror) = match op {
            CmpOp::Lt => (q::DUNDER_LT, q::DUNDER_GT),
            CmpOp::Le => (q::DUNDER_LE, q::DUNDER_GE),
            CmpOp::Gt => (q::DUNDER_GT, q::DUNDER_LT),
            CmpOp::Ge => (q::DUNDER_GE, q::DUNDER_LE),
            _ => return Ok(None),
        };
        if let Some(v) = self.dunder(a, name, &[c])? {
            return Ok(Some(v));
        }
        self.dunder(c, mirror, &[a])
    }

    /// `bool(obj)`: `__bool__`, else `__len__`, else true.
    pub(crate) fn truthy_dunder(&mut self, v: Value) -> Result<bool, Raised> {
        if let Some(r) = self.call_dunder(v, q::DUNDER_BOOL, &[])? {
            if r != Value::TRUE && r != Value::FALSE {
                let tn = self.type_name(r);
                return Err(
                    self.type_error(format_args!("__bool__ should return bool, returned {tn}"))
                );
            }
            return Ok(r == Value::TRUE);
        }
        if let Some(n) = self.len_dunder(v)? {
            return Ok(n > 0);
        }
        Ok(true)
    }

    /// `len(obj)` through `__len__`.
    pub(crate) fn len_dunder(&mut self, v: Value) -> Result<Option<usize>, Raised> {
        let Some(r) = self.call_dunder(v, q::DUNDER_LEN, &[])? else {
            return Ok(None);
        };
        if !self.is_int(r) {
            return Err(self.not_an_integer(r));
        }
        match self.int_to_i64(r) {
            Some(n) if n >= 0 => Ok(Some(n as usize)),
            Some(_) => Err(self.value_error(format_args!("__len__() should return >= 0"))),
            None => Err(self.new_error(
                crate::builtins::OVERFLOW_ERROR,
                format_args!("cannot fit 'int' into an index-sized integer"),
            )),
        }
    }

    /// `hash(obj)`: `__hash__`; a class with `__eq__` but no `__hash__` is
    /// unhashable; otherwise by identity.
    pub(crate) fn hash_dunder(&mut self, v: Value) -> Result<u32, Raised> {
        let cls = self.class_of(v);
        match self.class_lookup(cls, q::DUNDER_HASH as u32)? {
            Some(f) if f == Value::NONE => {}
            Some(_) => {
                let r = self
                    .call_dunder(v, q::DUNDER_HASH, &[])?
                    .unwrap_or(Value::int(0));
                if !self.is_int(r) {
                    return Err(
                        self.type_error(format_args!("__hash__ method should return an integer"))
                    );
                }
                return self.hash(r);
            }
            None => {
                if self.class_lookup(cls, q::DUNDER_EQ as u32)?.is_none() {
                    return Ok(v.0.wrapping_mul(0x9e37_79b9));
                }
            }
        }
        let tn = self.type_name(v);
        Err(self.type_error(format_args!("unhashable type: '{tn}'")))
    }

    /// The next item of a user iterator, `None` at `StopIteration`.
    pub(crate) fn next_dunder(&mut self, it: Value) -> Result<Option<Value>, Raised> {
        match self.call_dunder(it, q::DUNDER_NEXT, &[]) {
            Ok(Some(v)) => Ok(Some(v)),
            Ok(None) => {
                let tn = self.type_name(it);
                Err(self.type_error(format_args!("'{tn}' object is not an iterator")))
            }
            Err(e) => {
                if self.exc_is(self.exc, crate::builtins::STOP_ITERATION) {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }

    /// Does the user object have `__next__` (is it an iterator)?
    pub(crate) fn has_dunder(&mut self, v: Value, name: u16) -> Result<bool, Raised> {
        if !self.is_user_object(v) {
            return Ok(false);
        }
        let cls = self.class_of(v);
        Ok(self.class_lookup(cls, name as u32)?.is_some())
    }
}
