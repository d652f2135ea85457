//! Raising exceptions from Rust, and the types of values.

use crate::builtins as b;
use crate::heap::*;
use crate::text::{Out, StackBuf};
use crate::value::Value;
use crate::{Host, Raised, Vm};

impl<'a, H: Host> Vm<'a, H> {
    /// A new instance of builtin exception class `cls` with `args`.
    pub(crate) fn new_exception(&mut self, cls: u16, args: &[Value]) -> Result<Value, Raised> {
        let base = self.sp;
        for a in args {
            self.push(*a)?;
        }
        let t = self.new_tuple(args.len());
        let t = match t {
            Ok(t) => t,
            Err(e) => {
                self.sp = base;
                return Err(e);
            }
        };
        for (i, a) in args.iter().enumerate() {
            self.set_field(t, 2 + i, *a);
        }
        self.push(t)?;
        let e = self.new_obj(
            TAG_EXCEPTION,
            &[
                Value::builtin(cls),
                t,
                Value::NULL,
                Value::NULL,
                Value::NULL,
                Value::NULL,
            ],
        );
        self.sp = base;
        e
    }

    /// Raises `cls(message)`.
    pub(crate) fn new_error(&mut self, cls: u16, args: core::fmt::Arguments<'_>) -> Raised {
        let mut msg = StackBuf::<256>::new();
        let _ = core::fmt::write(&mut msg, args);
        let s = match self.new_str(msg.as_bytes()) {
            Ok(s) => s,
            Err(r) => return r,
        };
        match self.new_exception(cls, &[s]) {
            Ok(e) => self.set_raised(e),
            Err(r) => r,
        }
    }

    /// Raises `cls(value)` for a value argument (e.g. `KeyError(key)`).
    pub(crate) fn new_error_value(&mut self, cls: u16, v: Value) -> Raised {
        match self.new_exception(cls, &[v]) {
            Ok(e) => self.set_raised(e),
            Err(r) => r,
        }
    }

    pub(crate) fn set_raised(&mut self, e: Value) -> Raised {
        if !self.handled.is_null() && self.handled != e {
            let h = self.handled;
            self.set_field(e, 5, h);
        }
        self.exc = e;
        Raised
    }

    pub(crate) fn type_error(&mut self, args: core::fmt::Arguments<'_>) -> Raised {
        self.new_error(b::TYPE_ERROR, args)
    }

    pub(crate) fn value_error(&mut self, args: core::fmt::Arguments<'_>) -> Raised {
        self.new_error(b::VALUE_ERROR, args)
    }

    pub(crate) fn runtime_error(&mut self, args: core::fmt::Arguments<'_>) -> Raised {
        self.new_error(b::RUNTIME_ERROR, args)
    }

    /// Raises the preallocated `MemoryError` (there may be no room for a new one).
    pub(crate) fn raise_memory_error(&mut self) -> Raised {
        let e = self.memory_error;
        self.set_field(e, 3, Value::NULL);
        self.set_field(e, 4, Value::NULL);
        self.set_field(e, 5, Value::NULL);
        self.exc = e;
        Raised
    }

    pub(crate) fn raise_recursion_error(&mut self) -> Raised {
        self.new_error(
            b::RECURSION_ERROR,
            format_args!("maximum recursion depth exceeded"),
        )
    }

    /// Is `e` an instance of builtin exception class `cls` (or a subclass)?
    pub(crate) fn exc_is(&self, e: Value, cls: u16) -> bool {
        self.is_tag(e, TAG_EXCEPTION)
            && self.class_is_subclass(self.field(e, 1), Value::builtin(cls))
    }

    /// `except` matching: `spec` is a class or a tuple of classes.
    pub(crate) fn exception_matches(&mut self, e: Value, spec: Value) -> Result<bool, Raised> {
        self.exception_matches_depth(e, spec, 0)
    }

    fn exception_matches_depth(
        &mut self,
        e: Value,
        spec: Value,
        depth: u32,
    ) -> Result<bool, Raised> {
        if depth > 64 {
            return Err(self.raise_recursion_error());
        }
        if self.is_class(spec) {
            if self.int_field(spec, 6) as i32 & crate::classes::CLASS_EXCEPTION == 0 {
                return Err(self.type_error(format_args!(
                    "catching classes that do not inherit from BaseException is not allowed"
                )));
            }
            return Ok(
                self.is_tag(e, TAG_EXCEPTION) && self.class_is_subclass(self.field(e, 1), spec)
            );
        }
        if let Some(id) = spec.as_builtin() {
            if !b::is_exception_class(id) {
                return Err(self.type_error(format_args!(
                    "catching classes that do not inherit from BaseException is not allowed"
                )));
            }
            return Ok(self.exc_is(e, id));
        }
        if self.is_tag(spec, TAG_TUPLE) {
            let n = self.seq_parts(spec).map_or(0, |p| p.1);
            for i in 0..n {
                let s = self.seq_get(spec, i);
                if self.exception_matches_depth(e, s, depth + 1)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        Err(self.type_error(format_args!(
            "catching classes that do not inherit from BaseException is not allowed"
        )))
    }

    /// The exit status a `SystemExit` asks for.
    pub(crate) fn system_exit_code(&mut self, e: Value) -> i32 {
        let args = self.field(e, 2);
        let n = self.seq_parts(args).map_or(0, |p| p.1);
        if n == 0 {
            return 0;
        }
        let code = self.seq_get(args, 0);
        if code == Value::NONE {
            return 0;
        }
        if let Some(i) = self.int_to_i64(code) {
            return i as i32;
        }
        let _ = self.write_str(Out::Stderr, code);
        self.host.write_err(b"\n");
        1
    }

    /// The builtin type of a value.
    pub(crate) fn type_id(&self, v: Value) -> u16 {
        if v.is_small() {
            return b::INT;
        }
        match v {
            Value::NONE => return b::NONE_TYPE,
            Value::TRUE | Value::FALSE => return b::BOOL,
            Value::NOT_IMPLEMENTED => return b::NOT_IMPLEMENTED_TYPE,
            Value::ELLIPSIS => return b::ELLIPSIS_TYPE,
            _ => {}
        }
        if v.as_qstr().is_some() {
            return b::STR;
        }
        if let Some(id) = v.as_builtin() {
            return if b::is_type(id) {
                b::TYPE
            } else if b::is_module(id) {
                b::MODULE
            } else {
                b::BUILTIN_FUNCTION
            };
        }
        if v.as_method().is_some() {
            return b::BUILTIN_FUNCTION;
        }
        match self.tag_of(v) {
            TAG_FLOAT => b::FLOAT,
            TAG_BIGINT => b::INT,
            TAG_STR => b::STR,
            TAG_TUPLE => b::TUPLE,
            TAG_LIST => b::LIST,
            TAG_DICT => b::DICT,
            TAG_SET => b::SET,
            TAG_FROZENSET => b::FROZENSET,
            TAG_FUNCTION => b::FUNCTION,
            TAG_CELL => b::CELL,
            TAG_BOUND => b::BUILTIN_FUNCTION,
            TAG_RANGE => b::RANGE,
            TAG_PIN => b::MACHINE_PIN,
            TAG_RANGE_ITER => b::RANGE_ITERATOR,
            TAG_SEQ_ITER => {
                let s = self.field(v, 1);
                match self.tag_of(s) {
                    TAG_LIST => b::LIST_ITERATOR,
                    TAG_TUPLE => b::TUPLE_ITERATOR,
                    TAG_DICT => b::DICT_KEYITERATOR,
                    TAG_SET | TAG_FROZENSET => b::SET_ITERATOR,
                    _ => b::STR_ITERATOR,
                }
            }
            TAG_EXCEPTION => {
                // A user exception's type for builtin dispatch: its first
                // builtin base.
                let cls = self.field(v, 1);
                if self.is_class(cls) {
                    let mro = self.field(cls, 3);
                    let n = self.int_field(mro, 1);
                    (0..n)
                        .find_map(|i| self.field(mro, 2 + i).as_builtin())
                        .unwrap_or(b::EXCEPTION)
                } else {
                    cls.as_builtin().unwrap_or(b::EXCEPTION)
                }
            }
            TAG_INSTANCE => b::OBJECT,
            TAG_BYTES => b::BYTES,
            TAG_BYTEARRAY => b::BYTEARRAY,
            TAG_GENERATOR => b::GENERATOR,
            TAG_CLASS => b::TYPE,
            TAG_SUPER => b::SUPER,
            TAG_STATICMETHOD => b::STATICMETHOD,
            TAG_CLASSMETHOD => b::CLASSMETHOD,
            TAG_PROPERTY => b::PROPERTY,
            TAG_TRACEBACK => b::TRACEBACK,
            TAG_MODULE => b::MODULE,
            TAG_SLICE => b::SLICE,
            TAG_ENUMERATE => b::ENUMERATE,
            TAG_ZIP => b::ZIP,
            TAG_MAP => b::MAP,
            TAG_FILTER => b::FILTER,
            TAG_CALL_ITER => b::CALLABLE_ITERATOR,
            TAG_DICT_VIEW => match self.int_field(v, 2) {
                0 => b::DICT_KEYS,
                1 => b::DICT_VALUES,
                _ => b::DICT_ITEMS,
            },
            _ => b::OBJECT,
        }
    }

    pub(crate) fn type_name(&self, v: Value) -> &'a str {
        if self.is_user_object(v) {
            return self.class_name_of(self.field(v, 1));
        }
        b::name(self.type_id(v))
    }

    pub(crate) fn class_name(&self, cls: Value) -> &'a str {
        self.class_name_of(cls)
    }

    /// Writes `str(exc)`: nothing for no args, the one arg's str (KeyError:
    /// its repr), else the args tuple's repr.
    pub(crate) fn write_exception_message(&mut self, out: Out, e: Value) -> Result<(), Raised> {
        let args = self.field(e, 2);
        let n = self.seq_parts(args).map_or(0, |p| p.1);
        match n {
            0 => Ok(()),
            1 => {
                let a = self.seq_get(args, 0);
                if self.exc_is(e, b::KEY_ERROR) {
                    self.write_repr(out, a, 0)
                } else {
                    self.write_str(out, a)
                }
            }
            _ => self.write_repr(out, args, 0),
        }
    }

    /// Prints an uncaught exception as CPython does (without source lines,
    /// which a board does not have), chained causes and contexts first.
    pub(crate) fn print_traceback(&mut self, e: Value) {
        self.print_chain(Out::Stderr, e, 0);
    }

    /// `sys.print_exception`: the same report, to `out`.
    pub(crate) fn print_exception_to(&mut self, out: Out, e: Value) {
        self.print_chain(out, e, 0);
    }

    fn print_chain(&mut self, out: Out, e: Value, depth: u32) {
        if !self.is_tag(e, TAG_EXCEPTION) {
            return;
        }
        if depth < 8 {
            let cause = self.field(e, 4);
            let context = self.field(e, 5);
            if self.is_tag(cause, TAG_EXCEPTION) {
                self.print_chain(out, cause, depth + 1);
                self.write_to(
                    out,
                    b"\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if cause.is_null() && self.is_tag(context, TAG_EXCEPTION) && context != e {
                self.print_chain(out, context, depth + 1);
                self.write_to(
                    out,
                    b"\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
        let mut tb = self.field(e, 3);
        if !tb.is_null() {
            self.write_to(out, b"Traceback (most recent call last):\n");
        }
        let mut last = (usize::MAX, usize::MAX);
        let mut repeats = 0;
        while self.is_tag(tb, TAG_TRACEBACK) {
            let code_idx = self.int_field(tb, 2);
            let line = self.int_field(tb, 3);
            if (code_idx, line) == last {
                repeats += 1;
            } else {
                self.flush_repeats(out, repeats);
                repeats = 0;
            }
            if repeats < 3 {
                let code = self.image.code(code_idx as u32);
                let file = self.image.qstr(self.image.module(code.module).file);
                let name = self.image.qstr(code.name);
                let _ = self.out_fmt(
                    out,
                    format_args!("  File \"{file}\", line {line}, in {name}\n"),
                );
            }
            last = (code_idx, line);
            tb = self.field(tb, 1);
        }
        self.flush_repeats(out, repeats);
        let cls = self.field(e, 1);
        let name = self.class_name(cls);
        self.write_to(out, name.as_bytes());
        // Measure the message first: CPython prints no colon for an empty one.
        let args = self.field(e, 2);
        let n = self.seq_parts(args).map_or(0, |p| p.1);
        let empty = n == 0
            || (n == 1 && {
                let a = self.seq_get(args, 0);
                self.is_str(a) && self.str_bytes(a).is_empty() && !self.exc_is(e, b::KEY_ERROR)
            });
        if !empty {
            self.write_to(out, b": ");
            if self.write_exception_message(out, e).is_err() {
                self.write_to(out, b"<exception str() failed>");
            }
        }
        self.write_to(out, b"\n");
    }

    /// Text for a report: a failure to write it is not worth another exception.
    fn write_to(&mut self, out: Out, bytes: &[u8]) {
        let _ = self.out(out, bytes);
    }

    fn flush_repeats(&mut self, out: Out, repeats: usize) {
        if repeats >= 3 {
            let more = repeats - 2;
            let s = if more == 1 { "" } else { "s" };
            let _ = self.out_fmt(
                out,
                format_args!("  [Previous line repeated {more} more time{s}]\n"),
            );
        }
    }
}
