//! Generators: a generator keeps its frame in a heap object while it is
//! suspended, and copies it back onto the stack region to run.
//!
//! ```text
//! GENERATOR  1: i:state, 2: i:stack pointer offset in the frame,
//!            3: i:frame size in words, 4..: the frame's words
//! ```
//!
//! Every frame word is a value or a small int, so the suspended frame is
//! scanned by the collector like any other object. Positions inside a frame
//! are relative (block depths, the stack offset), so the frame runs at
//! whatever stack position the resumer has; only its links to the caller
//! (`F_PREV`, `F_BASE`) are rewritten on each resumption (MicroPython keeps
//! generator state the same way). A resumption is a nested run of the
//! interpreter loop that ends at the next `yield` or `return`.

use crate::builtins as b;
use crate::heap::*;
use crate::value::Value;
use crate::vm::{F_BASE, F_FLAGS, F_NS, F_PREV};
use crate::{Host, Raised, Vm};
use image_format::qstr as q;

pub(crate) const GEN_NEW: usize = 0;
pub(crate) const GEN_SUSPENDED: usize = 1;
pub(crate) const GEN_RUNNING: usize = 2;
pub(crate) const GEN_DONE: usize = 3;

/// How a resumption ended.
pub(crate) enum Resumed {
    Yielded(Value),
    Returned(Value),
}

const GEN_METHODS: &[u16] = &[q::SEND, q::THROW, q::CLOSE];

pub(crate) fn has_gen_method(name: u32) -> bool {
    GEN_METHODS.iter().any(|&m| m as u32 == name)
}

impl<'a, H: Host> Vm<'a, H> {
    /// Turns the frame at `fp` (arguments bound, nothing run) into a
    /// generator object, and pops the frame.
    pub(crate) fn make_generator(&mut self, fp: usize, size: usize) -> Result<Value, Raised> {
        let g = self.alloc(TAG_GENERATOR, 3 + size)?;
        self.heap.set(g, 1, Value::int(GEN_NEW as i32));
        self.heap.set(g, 3, Value::int(size as i32));
        self.copy_frame_to(g, fp, self.sp);
        Ok(Value::obj(g))
    }

    /// Saves the running generator frame at `fp` (whose generator is in
    /// `F_NS`) with the stack pointer at `sp`.
    pub(crate) fn save_generator_frame(&mut self, fp: usize, sp: usize) {
        let g = Value(self.heap.words[fp + F_NS]);
        if !self.is_tag(g, TAG_GENERATOR) {
            return;
        }
        self.copy_frame_to(g.index(), fp, sp);
    }

    /// Copies the live part of the frame at `fp`, `[fp, sp)`, into generator
    /// object `o` and clears the rest of its frame. The words from `sp` up
    /// are popped values the collector no longer sees on the stack, so they
    /// may already be freed; kept in the generator, which the collector
    /// scans whole, they would be followed into free or reused memory.
    fn copy_frame_to(&mut self, o: usize, fp: usize, sp: usize) {
        let size = self.int_field(Value::obj(o), 3);
        let live = sp - fp;
        self.heap.words.copy_within(fp..sp, o + 4);
        self.heap.words[o + 4 + live..o + 4 + size].fill(Value::NULL.0);
        self.heap.set(o, 2, Value::int(live as i32));
    }

    /// Runs generator `g` until it yields or returns: with `sent` pushed as
    /// the value of the suspended `yield`, or with `throw` raised there.
    pub(crate) fn gen_resume(
        &mut self,
        g: Value,
        sent: Value,
        throw: Value,
    ) -> Result<Resumed, Raised> {
        let state = self.int_field(g, 1);
        match state {
            GEN_RUNNING => {
                return Err(self.value_error(format_args!("generator already executing")));
            }
            GEN_DONE => {
                if !throw.is_null() {
                    return Err(self.set_raised(throw));
                }
                return Ok(Resumed::Returned(Value::NONE));
            }
            GEN_NEW if throw.is_null() && sent != Value::NONE => {
                return Err(self.type_error(format_args!(
                    "can't send non-None value to a just-started generator"
                )));
            }
            _ => {}
        }
        if self.nesting_exhausted() || self.depth >= crate::vm::RECURSION_LIMIT {
            return Err(self.raise_recursion_error());
        }
        let size = self.int_field(g, 3);
        let base = self.sp;
        let fp = base;
        if fp + size + 16 > self.heap.stack_end() {
            return Err(self.raise_recursion_error());
        }
        let o = g.index();
        self.heap.words.copy_within(o + 4..o + 4 + size, fp);
        let caller = self.fp;
        self.heap.words[fp + F_PREV] = Value::int(caller as i32).0;
        self.heap.words[fp + F_BASE] = Value::int(base as i32).0;
        self.heap.words[fp + F_FLAGS] = Value::int(crate::vm::FLAG_STOP).0;
        self.heap.words[fp + F_NS] = g.0;
        self.fp = fp;
        self.sp = fp + self.int_field(g, 2);
        self.depth += 1;
        self.set_field(g, 1, Value::int(GEN_RUNNING as i32));
        if state != GEN_NEW && throw.is_null() {
            self.heap.words[self.sp] = sent.0;
            self.sp += 1;
        }
        self.pending_throw = throw;
        self.nesting += 1;
        let r = self.execute();
        self.nesting -= 1;
        self.fp = caller;
        self.sp = base;
        match r {
            Ok(v) if self.yielded => {
                self.yielded = false;
                self.set_field(g, 1, Value::int(GEN_SUSPENDED as i32));
                Ok(Resumed::Yielded(v))
            }
            Ok(v) => {
                self.set_field(g, 1, Value::int(GEN_DONE as i32));
                Ok(Resumed::Returned(v))
            }
            Err(e) => {
                self.set_field(g, 1, Value::int(GEN_DONE as i32));
                if self.exc_is(self.exc, b::STOP_ITERATION) {
                    // PEP 479: a StopIteration escaping a generator is a
                    // bug; it becomes the RuntimeError's cause.
                    let stop = self.exc;
                    self.push(stop)?;
                    let r = self.runtime_error(format_args!("generator raised StopIteration"));
                    self.pop();
                    let e = self.exc;
                    self.set_field(e, 4, stop);
                    return Err(r);
                }
                Err(e)
            }
        }
    }

    /// `next(g)`: the next value, or `StopIteration(return value)`.
    pub(crate) fn gen_next_or_raise(
        &mut self,
        g: Value,
        sent: Value,
        throw: Value,
    ) -> Result<Value, Raised> {
        match self.gen_resume(g, sent, throw)? {
            Resumed::Yielded(v) => Ok(v),
            Resumed::Returned(v) => {
                let args: &[Value] = if v == Value::NONE { &[] } else { &[v] };
                let e = self.new_exception(b::STOP_ITERATION, args)?;
                Err(self.set_raised(e))
            }
        }
    }

    /// `yield from`: one step of sending `val` into `sub`.
    pub(crate) fn yield_from_step(&mut self, sub: Value, val: Value) -> Result<Resumed, Raised> {
        if self.is_tag(sub, TAG_GENERATOR) {
            return self.gen_resume(sub, val, Value::NULL);
        }
        if val == Value::NONE {
            return Ok(match self.iter_next(sub)? {
                Some(v) => Resumed::Yielded(v),
                None => Resumed::Returned(Value::NONE),
            });
        }
        // A user iterator with `send`.
        let send = self.load_attr(sub, q::SEND as u32)?;
        match self.call_value(send, &[val]) {
            Ok(v) => Ok(Resumed::Yielded(v)),
            Err(e) => {
                if self.exc_is(self.exc, b::STOP_ITERATION) {
                    let args = self.field(self.exc, 2);
                    let v = if self.int_field(args, 1) > 0 {
                        self.field(args, 2)
                    } else {
                        Value::NONE
                    };
                    Ok(Resumed::Returned(v))
                } else {
                    Err(e)
                }
            }
        }
    }

    pub(crate) fn gen_method(
        &mut self,
        g: Value,
        name: u16,
        at: usize,
        argc: usize,
    ) -> Result<Value, Raised> {
        let arg = |vm: &Self, i: usize| vm.stack_at(at + i);
        match name {
            q::SEND => {
                if argc != 1 {
                    return Err(self.type_error(format_args!(
                        "generator.send() takes exactly one argument ({argc} given)"
                    )));
                }
                let v = arg(self, 0);
                self.gen_next_or_raise(g, v, Value::NULL)
            }
            q::THROW => {
                if argc == 0 || argc > 3 {
                    return Err(self.type_error(format_args!(
                        "throw expected at least 1 argument, got {argc}"
                    )));
                }
                let mut e = arg(self, 0);
                if argc >= 2 && arg(self, 1) != Value::NONE {
                    // throw(type, value): the value is the instance or its argument.
                    let v = arg(self, 1);
                    e = if self.is_tag(v, TAG_EXCEPTION) {
                        v
                    } else {
                        self.call_value(e, &[v])?
                    };
                }
                let exc = if self.is_tag(e, TAG_EXCEPTION) {
                    e
                } else {
                    self.call_value(e, &[])?
                };
                if !self.is_tag(exc, TAG_EXCEPTION) {
                    return Err(
                        self.type_error(format_args!("exceptions must derive from BaseException"))
                    );
                }
                self.gen_next_or_raise(g, Value::NONE, exc)
            }
            q::CLOSE => {
                if argc != 0 {
                    return Err(
                        self.type_error(format_args!("close() takes no arguments ({argc} given)"))
                    );
                }
                let state = self.int_field(g, 1);
                if state == GEN_NEW || state == GEN_DONE {
                    self.set_field(g, 1, Value::int(GEN_DONE as i32));
                    return Ok(Value::NONE);
                }
                let exit = self.new_exception(b::GENERATOR_EXIT, &[])?;
                match self.gen_resume(g, Value::NONE, exit) {
                    Ok(Resumed::Yielded(_)) => {
                        Err(self.runtime_error(format_args!("generator ignored GeneratorExit")))
                    }
                    Ok(Resumed::Returned(_)) => Ok(Value::NONE),
                    Err(e) => {
                        if self.exc_is(self.exc, b::GENERATOR_EXIT)
                            || self.exc_is(self.exc, b::STOP_ITERATION)
                        {
                            Ok(Value::NONE)
                        } else {
                            Err(e)
                        }
                    }
                }
            }
            _ => Err(self.no_attribute(g, name as u32)),
        }
    }
}
