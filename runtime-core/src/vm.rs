//! The VM: loading, frames, calls, the interpreter loop and unwinding.
//!
//! Frames live in the stack region at the bottom of the heap. A frame is a
//! fixed header followed by its locals, cells, block stack and value stack:
//!
//! ```text
//! fp+0 function (NULL for a module body)   fp+4 i:previous fp
//! fp+1 i:code index                        fp+5 i:number of blocks
//! fp+2 i:module index                      fp+6 i:caller's sp after return
//! fp+3 i:resume ip                         fp+7 i:flags (STOP: return to Rust,
//!                                                         INIT: an __init__ call)
//! fp+8 namespace dict (class body) or the instance (__init__), else NULL
//! fp+9 locals, then cells and free variables, then 2 words per block
//!      (handler ip, stack depth), then the value stack
//! ```
//!
//! Non-value header words are small ints, so the collector can scan the
//! whole live stack region as values. Calling a Python function pushes a
//! frame and continues in the same loop (no Rust recursion); only calls
//! from Rust back into Python (e.g. a `key=` function) nest `execute`.

use crate::builtins as b;
use crate::heap::*;
use crate::value::Value;
use crate::{Host, LoadError, Outcome, Raised};
use image_format::image::{CodeRecord, Image, code_flags};
use image_format::ops::{
    BinOp, CmpOp, FORMAT_HAS_SPEC, MAKE_FN_CLOSURE, MAKE_FN_DEFAULTS, MAKE_FN_KWDEFAULTS, Op,
    UnaryOp,
};
use image_format::qstr;

pub(crate) const F_FUNC: usize = 0;
pub(crate) const F_CODE: usize = 1;
pub(crate) const F_MODULE: usize = 2;
pub(crate) const F_IP: usize = 3;
pub(crate) const F_PREV: usize = 4;
pub(crate) const F_NBLOCKS: usize = 5;
pub(crate) const F_BASE: usize = 6;
pub(crate) const F_FLAGS: usize = 7;
/// A class body's namespace dict, or the instance an `__init__` frame
/// returns.
pub(crate) const F_NS: usize = 8;
pub(crate) const F_HDR: usize = 9;
pub(crate) const FLAG_STOP: i32 = 1;
/// The frame runs `__init__`: its return value must be None, and the
/// caller gets the instance in `F_NS`.
const FLAG_INIT: i32 = 2;

/// Deepest Python call nesting (CPython's default limit).
pub const RECURSION_LIMIT: u32 = 1000;
/// Deepest nesting of Rust → Python calls by default (each uses native
/// stack: dunder methods, `key=` functions, imports, class bodies). A host
/// with a large stack raises it with `Vm::set_nesting_limit`.
const NESTING_LIMIT: u32 = 48;

/// The VM. See the crate docs.
pub struct Vm<'a, H: Host> {
    pub(crate) image: Image<'a>,
    pub(crate) heap: Heap<'a>,
    pub(crate) host: H,
    /// Next free word of the stack region.
    pub(crate) sp: usize,
    /// Current frame.
    pub(crate) fp: usize,
    pub(crate) depth: u32,
    pub(crate) nesting: u32,
    pub(crate) nesting_limit: u32,
    /// The lowest native stack address a Rust → Python call may start
    /// below (0: no check); see [`Vm::set_native_stack_floor`].
    pub(crate) stack_floor: usize,
    /// A tuple of module objects, by module index.
    pub(crate) modules: Value,
    /// The exception being raised.
    pub(crate) exc: Value,
    /// The exception being handled (`sys.exc_info()`).
    pub(crate) handled: Value,
    pub(crate) memory_error: Value,
    /// `sys.version_info`, once asked for (NULL before).
    pub(crate) version_info: Value,
    /// The next unwind must not add a traceback entry for the current frame.
    tb_skip: bool,
    /// Containers whose repr is being written (see `text::repr_enter`).
    pub(crate) repr_stack: [Value; crate::text::MAX_NESTING],
    pub(crate) repr_depth: usize,
    /// Collect before every allocation (tests use this to find values the
    /// VM forgot to root).
    pub(crate) gc_stress: bool,
    /// An exception to raise in the frame `execute` starts with (a
    /// generator's `throw`), or NULL.
    pub(crate) pending_throw: Value,
    /// `execute` returned because a generator yielded, not returned.
    pub(crate) yielded: bool,
}

/// The per-frame state the loop keeps in locals.
#[derive(Clone, Copy)]
struct FrameView<'a> {
    code: CodeRecord,
    /// The module's first constant in the image's constant table.
    const_start: u32,
    bytecode: &'a [u8],
    locals: usize,
    derefs: usize,
    blocks: usize,
    stack: usize,
}

impl<'a, H: Host> Vm<'a, H> {
    /// Validates `image` and prepares to run it with `heap` as all of its
    /// memory.
    pub fn new(image: &'a [u8], heap: &'a mut [u8], host: H) -> Result<Self, LoadError> {
        let given = heap.len();
        let (_, words, _) = bytemuck::pod_align_to_mut::<u8, u32>(heap);
        // 4 KiB: a micro:bit leaves about 8 KiB of RAM for the heap.
        const MIN_WORDS: usize = 1024;
        if words.len() < MIN_WORDS {
            return Err(LoadError::HeapTooSmall {
                given,
                needed: MIN_WORDS * 4 + 3,
            });
        }
        let image = Image::parse(image, words).map_err(LoadError::Image)?;
        // A quarter of the heap for frames, at least 256 words.
        let stack_end = (words.len() / 4).max(256);
        // No need to clear the heap: frames and objects are zeroed as they are
        // made, and only words under the stack pointer or inside objects are
        // ever read. Word 0 stays NULL for the stack scan.
        words[0] = 0;
        let mut vm = Vm {
            image,
            heap: Heap::new(words, stack_end),
            host,
            sp: 1, // word 0 stays NULL so no object ever has index 0
            fp: 0,
            depth: 0,
            nesting: 0,
            nesting_limit: NESTING_LIMIT,
            stack_floor: 0,
            modules: Value::NULL,
            exc: Value::NULL,
            handled: Value::NULL,
            memory_error: Value::NULL,
            version_info: Value::NULL,
            tb_skip: false,
            repr_stack: [Value::NULL; crate::text::MAX_NESTING],
            repr_depth: 0,
            gc_stress: false,
            pending_throw: Value::NULL,
            yielded: false,
        };
        vm.init().map_err(|_| LoadError::HeapTooSmall {
            given,
            needed: given * 2,
        })?;
        Ok(vm)
    }

    fn init(&mut self) -> Result<(), Raised> {
        let args = self.new_tuple(0)?;
        self.memory_error = self.new_obj(
            TAG_EXCEPTION,
            &[
                Value::builtin(b::MEMORY_ERROR),
                args,
                Value::NULL,
                Value::NULL,
                Value::NULL,
                Value::NULL,
            ],
        )?;
        let n = self.image.module_count() as usize;
        self.modules = self.new_tuple(n)?;
        for i in 0..n {
            let rec = self.image.module(i as u32);
            let globals = self.new_dict(4)?;
            self.push(globals)?;
            let name = if i as u32 == self.image.entry_module() {
                Value::qstr(qstr::DUNDER_MAIN as u32)
            } else {
                Value::qstr(rec.name)
            };
            self.dict_set(globals, Value::qstr(qstr::DUNDER_NAME as u32), name)?;
            let m = self.new_obj(
                TAG_MODULE,
                &[
                    Value::int(i as i32),
                    globals,
                    Value::int(crate::imports::STATE_NEW),
                ],
            )?;
            self.pop();
            let modules = self.modules;
            self.set_field(modules, 2 + i, m);
        }
        Ok(())
    }

    /// Collects before every allocation: slow, for tests that hunt for
    /// unrooted values.
    /// How deeply Rust may call back into Python (dunder methods, `key=`
    /// functions, imports); each level uses native stack.
    pub fn set_nesting_limit(&mut self, limit: u32) {
        self.nesting_limit = limit;
    }

    /// On a board, the native stack is small and how much one level of
    /// Rust → Python nesting takes depends on the path (a `__repr__` chain
    /// costs more than a `key=` call). With a floor set, a nested call that
    /// would start below `floor` (a descending stack's address) raises
    /// `RecursionError` instead of overflowing the stack. The board picks
    /// the floor: the stack's end plus the most one level can use.
    pub fn set_native_stack_floor(&mut self, floor: usize) {
        self.stack_floor = floor;
    }

    /// Would one more level of Rust → Python nesting go too deep?
    #[inline(never)]
    pub(crate) fn nesting_exhausted(&self) -> bool {
        let here = 0u8;
        let sp = core::ptr::addr_of!(here) as usize;
        self.nesting >= self.nesting_limit || sp < self.stack_floor
    }

    pub fn set_gc_stress(&mut self, on: bool) {
        self.gc_stress = on;
        self.heap.poison = on;
    }

    pub fn host(&mut self) -> &mut H {
        &mut self.host
    }

    /// Heap bytes: (never used, on free lists, largest free block).
    pub fn heap_free_stats(&self) -> (usize, usize, usize) {
        let (a, b2, c) = self.heap.free_stats();
        (a * 4, b2 * 4, c * 4)
    }

    /// Heap words in use by objects, and in all.
    pub fn heap_usage(&self) -> (usize, usize) {
        (self.heap.used_words() * 4, self.heap.capacity() * 4)
    }

    /// Runs the entry module as `__main__`. An uncaught exception's
    /// traceback is written to the host's error output.
    pub fn run(&mut self) -> Outcome {
        let m = self.image.entry_module();
        match self.ensure_module(m) {
            Ok(_) => Outcome::Finished,
            Err(Raised) => {
                let exc = self.exc;
                if self.exc_is(exc, b::SYSTEM_EXIT) {
                    return Outcome::Exit(self.system_exit_code(exc));
                }
                self.print_traceback(exc);
                Outcome::Exception
            }
        }
    }

    /// Runs module `m`'s body to completion (from `run`, or nested in
    /// the loop for an `import`).
    pub(crate) fn run_module(&mut self, m: u32) -> Result<Value, Raised> {
        if self.nesting_exhausted() {
            return Err(self.raise_recursion_error());
        }
        let rec = self.image.module(m);
        let base = self.sp;
        let saved_fp = self.fp;
        self.nesting += 1;
        let r = self
            .push_frame(Value::NULL, rec.top_code, m, base, true)
            .and_then(|_| self.execute());
        self.nesting -= 1;
        self.fp = saved_fp;
        self.sp = base;
        r
    }

    pub(crate) fn module_globals(&self, m: usize) -> Value {
        let module = self.field(self.modules, 2 + m);
        self.field(module, 2)
    }

    // ---- the value stack

    #[inline]
    pub(crate) fn push(&mut self, v: Value) -> Result<(), Raised> {
        if self.sp >= self.heap.stack_end() {
            return Err(self.raise_recursion_error());
        }
        self.heap.words[self.sp] = v.0;
        self.sp += 1;
        Ok(())
    }

    #[inline]
    pub(crate) fn pop(&mut self) -> Value {
        self.sp -= 1;
        Value(self.heap.words[self.sp])
    }

    #[inline]
    pub(crate) fn peek(&self, n: usize) -> Value {
        Value(self.heap.words[self.sp - 1 - n])
    }

    #[inline]
    pub(crate) fn stack_at(&self, i: usize) -> Value {
        Value(self.heap.words[i])
    }

    // ---- frames

    /// Pushes a frame for code `code_idx` at the stack top. `base` is where
    /// the caller's stack pointer goes back to when it returns.
    fn push_frame(
        &mut self,
        func: Value,
        code_idx: u32,
        module: u32,
        base: usize,
        stop: bool,
    ) -> Result<usize, Raised> {
        let code = self.image.code(code_idx);
        let size = F_HDR
            + code.nlocals as usize
            + code.ncells as usize
            + code.nfree as usize
            + 2 * code.max_blocks as usize
            + code.max_stack as usize;
        if self.depth >= RECURSION_LIMIT || self.sp + size + 16 > self.heap.stack_end() {
            return Err(self.raise_recursion_error());
        }
        let fp = self.sp;
        self.heap.words[fp..fp + size].fill(0);
        let mut hdr = [Value::int(0); F_HDR];
        hdr[F_FUNC] = func;
        hdr[F_CODE] = Value::int(code_idx as i32);
        hdr[F_MODULE] = Value::int(module as i32);
        hdr[F_PREV] = Value::int(self.fp as i32);
        hdr[F_BASE] = Value::int(base as i32);
        hdr[F_FLAGS] = Value::int(if stop { FLAG_STOP } else { 0 });
        for (i, v) in hdr.iter().enumerate() {
            self.heap.words[fp + i] = v.0;
        }
        self.fp = fp;
        self.sp = fp + size - code.max_stack as usize;
        self.depth += 1;
        Ok(fp)
    }

    fn frame_view(&self, fp: usize) -> FrameView<'a> {
        let code_idx = Value(self.heap.words[fp + F_CODE]).as_small().unwrap_or(0) as u32;
        let code = self.image.code(code_idx);
        let locals = fp + F_HDR;
        let derefs = locals + code.nlocals as usize;
        let blocks = derefs + code.ncells as usize + code.nfree as usize;
        let stack = blocks + 2 * code.max_blocks as usize;
        let const_start = self.image.module(code.module).const_start;
        FrameView {
            code,
            const_start,
            bytecode: self.image.bytecode(&code),
            locals,
            derefs,
            blocks,
            stack,
        }
    }

    #[inline]
    fn frame_int(&self, fp: usize, i: usize) -> usize {
        Value(self.heap.words[fp + i]).as_small().unwrap_or(0) as usize
    }

    #[inline]
    fn set_frame_int(&mut self, fp: usize, i: usize, v: usize) {
        self.heap.words[fp + i] = Value::int(v as i32).0;
    }

    // ---- calls

    /// Calls `f` with arguments already on the stack: `argc` positional
    /// values then `nkw` (name, value) pairs, starting at `args`. `self_arg`
    /// is a receiver to put first. Returns the result, or for a Python
    /// function pushes its frame and returns `None` (the loop continues in
    /// it). The caller's stack is cut back to `base` afterwards either way.
    fn call(
        &mut self,
        f: Value,
        self_arg: Option<Value>,
        args: usize,
        argc: usize,
        nkw: usize,
        base: usize,
        stop: bool,
    ) -> Result<Option<Value>, Raised> {
        if self.is_tag(f, TAG_FUNCTION) {
            if let Some(g) = self.enter_function(f, self_arg, args, argc, nkw, base, stop)? {
                return Ok(Some(g));
            }
            return Ok(None);
        }
        if self.is_tag(f, TAG_CLASS) && self_arg.is_none() {
            return self.instantiate(f, args, argc, nkw, base, stop);
        }
        if self.is_user_object(f) && self_arg.is_none() {
            // `obj(...)`: its class's `__call__` with `obj` first.
            let cls = self.class_of(f);
            return match self.class_lookup(cls, image_format::qstr::DUNDER_CALL as u32)? {
                Some(m) => self.call(m, Some(f), args, argc, nkw, base, stop),
                None => {
                    let tn = self.type_name(f);
                    Err(self.type_error(format_args!("'{tn}' object is not callable")))
                }
            };
        }
        if self.is_tag(f, TAG_STATICMETHOD) && self_arg.is_none() {
            let inner = self.field(f, 1);
            return self.call(inner, None, args, argc, nkw, base, stop);
        }
        if self.is_tag(f, TAG_BOUND) {
            let s = self.field(f, 1);
            let inner = self.field(f, 2);
            if self_arg.is_some() {
                // LOAD_METHOD pushes a bound method with a NULL receiver, and
                // `__call__` lookups bind functions, never bound methods.
                return Err(self.type_error(format_args!("bound method called with two receivers")));
            }
            return self.call(inner, Some(s), args, argc, nkw, base, stop);
        }
        let result = if let Some(name) = f.as_method() {
            match self_arg {
                Some(recv) => self.call_method(recv, name, args, argc, nkw)?,
                // `str.upper(s)`: the first argument is the receiver.
                None if argc > 0 => {
                    let recv = self.stack_at(args);
                    self.call_method(recv, name, args + 1, argc - 1, nkw)?
                }
                None => {
                    let n = self.image.qstr(name);
                    return Err(
                        self.type_error(format_args!("unbound method {n}() needs an argument"))
                    );
                }
            }
        } else if let Some(id) = f.as_builtin() {
            if self_arg.is_some() {
                // Only Python functions bind to instances (builtins are not
                // descriptors), so no path gives a builtin a receiver.
                return Err(self.type_error(format_args!("builtin called as a method")));
            }
            self.call_builtin(id, args, argc, nkw)?
        } else {
            let tn = self.type_name(f);
            return Err(self.type_error(format_args!("'{tn}' object is not callable")));
        };
        self.sp = base;
        Ok(Some(result))
    }

    /// Calls `f` from Rust with positional arguments and runs it to
    /// completion.
    pub(crate) fn call_value(&mut self, f: Value, args: &[Value]) -> Result<Value, Raised> {
        if self.nesting_exhausted() {
            return Err(self.raise_recursion_error());
        }
        let base = self.sp;
        self.push(f)?;
        for a in args {
            self.push(*a)?;
        }
        let saved_fp = self.fp;
        self.nesting += 1;
        let r = match self.call(f, None, base + 1, args.len(), 0, base, true) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => self.execute(),
            Err(e) => Err(e),
        };
        self.nesting -= 1;
        self.fp = saved_fp;
        self.sp = base;
        r
    }

    /// Pushes an `__init__` frame for `inst`: when it returns, its caller
    /// gets `inst`.
    pub(crate) fn enter_init(
        &mut self,
        f: Value,
        inst: Value,
        args: usize,
        argc: usize,
        nkw: usize,
        base: usize,
        stop: bool,
    ) -> Result<(), Raised> {
        self.push(inst)?;
        let r = self
            .enter_function(f, Some(inst), args, argc, nkw, base, stop)
            .and_then(|g| match g {
                Some(_) => Err(self.type_error(format_args!(
                    "__init__() should return None, not 'generator'"
                ))),
                None => Ok(()),
            });
        if r.is_ok() {
            let fp = self.fp;
            self.heap.words[fp + F_NS] = inst.0;
            let flags = self.frame_int(fp, F_FLAGS) as i32 | FLAG_INIT;
            self.set_frame_int(fp, F_FLAGS, flags as usize);
        }
        r
    }

    /// Runs function `f` (a class body) with `ns` as its namespace.
    pub(crate) fn call_with_namespace(&mut self, f: Value, ns: Value) -> Result<Value, Raised> {
        if self.nesting_exhausted() {
            return Err(self.raise_recursion_error());
        }
        let base = self.sp;
        self.push(f)?;
        let saved_fp = self.fp;
        self.nesting += 1;
        let r = self
            .enter_function(f, None, base + 1, 0, 0, base, true)
            .and_then(|_| {
                let fp = self.fp;
                self.heap.words[fp + F_NS] = ns.0;
                self.execute()
            });
        self.nesting -= 1;
        self.fp = saved_fp;
        self.sp = base;
        r
    }

    fn enter_function(
        &mut self,
        f: Value,
        self_arg: Option<Value>,
        args: usize,
        argc: usize,
        nkw: usize,
        base: usize,
        stop: bool,
    ) -> Result<Option<Value>, Raised> {
        let code_idx = self.int_field(f, 1) as u32;
        let module = self.int_field(f, 2) as u32;
        let caller_fp = self.fp;
        let code = self.image.code(code_idx);
        let fp = self.push_frame(f, code_idx, module, base, stop)?;
        let r = self.bind_args(f, &code, fp, self_arg, args, argc, nkw);
        let is_gen = code.flags & code_flags::GENERATOR != 0;
        let r = match r {
            // A generator function's call makes the generator, with the
            // bound frame inside it, and runs nothing yet.
            Ok(()) if is_gen => {
                let size = self.sp - fp + code.max_stack as usize;
                self.make_generator(fp, size).map(Some)
            }
            r => r.map(|_| None),
        };
        if r.is_err() || is_gen {
            // The error belongs to the caller: drop the half-built frame.
            self.fp = caller_fp;
            self.sp = if is_gen && r.is_ok() { base } else { fp };
            self.depth -= 1;
        }
        r
    }

    fn bind_args(
        &mut self,
        f: Value,
        code: &CodeRecord,
        fp: usize,
        self_arg: Option<Value>,
        args: usize,
        argc: usize,
        nkw: usize,
    ) -> Result<(), Raised> {
        let locals = fp + F_HDR;
        let nargs = code.argcount as usize;
        let nkwonly = code.kwonly as usize;
        let has_varargs = code.flags & code_flags::VARARGS != 0;
        let has_varkw = code.flags & code_flags::VARKEYWORDS != 0;
        let total_pos = argc + self_arg.is_some() as usize;
        let pos = |vm: &Self, i: usize| -> Value {
            match self_arg {
                Some(s) if i == 0 => s,
                Some(_) => vm.stack_at(args + i - 1),
                None => vm.stack_at(args + i),
            }
        };
        for i in 0..total_pos.min(nargs) {
            let v = pos(self, i);
            self.heap.words[locals + i] = v.0;
        }
        let mut next_local = nargs + nkwonly;
        if has_varargs {
            let extra = total_pos.saturating_sub(nargs);
            let t = self.new_tuple(extra)?;
            for i in 0..extra {
                let v = pos(self, nargs + i);
                self.set_field(t, 2 + i, v);
            }
            self.heap.words[locals + next_local] = t.0;
            next_local += 1;
        } else if total_pos > nargs {
            let name = self.image.qstr(code.qualname);
            let given = total_pos;
            let defaults = self.func_defaults_len(f);
            if defaults > 0 {
                return Err(self.type_error(format_args!(
                    "{name}() takes from {} to {nargs} positional arguments but {given} were given",
                    nargs - defaults
                )));
            }
            let s = if nargs == 1 { "" } else { "s" };
            let w = if given == 1 { "was" } else { "were" };
            return Err(self.type_error(format_args!(
                "{name}() takes {nargs} positional argument{s} but {given} {w} given"
            )));
        }
        let kwdict_slot = if has_varkw {
            let d = self.new_dict(0)?;
            self.heap.words[locals + next_local] = d.0;
            Some(locals + next_local)
        } else {
            None
        };
        // Keyword arguments.
        let kw = args + argc;
        for k in 0..nkw {
            let name = self.stack_at(kw + 2 * k);
            let value = self.stack_at(kw + 2 * k + 1);
            if !self.is_str(name) {
                return Err(self.type_error(format_args!("keywords must be strings")));
            }
            let mut found = None;
            for p in code.posonly as usize..nargs + nkwonly {
                let vn = self.image.varname(code, p as u32);
                if Value::qstr(vn) == name
                    || (name.as_qstr().is_none()
                        && self.str_bytes(name) == self.image.qstr(vn).as_bytes())
                {
                    found = Some(p);
                    break;
                }
            }
            match found {
                Some(p) => {
                    if !Value(self.heap.words[locals + p]).is_null() {
                        let fname = self.image.qstr(code.qualname);
                        let an = self.image.qstr(self.image.varname(code, p as u32));
                        return Err(self.type_error(format_args!(
                            "{fname}() got multiple values for argument '{an}'"
                        )));
                    }
                    self.heap.words[locals + p] = value.0;
                }
                None if kwdict_slot.is_none()
                    && (0..code.posonly as usize).any(|p| {
                        let vn = self.image.varname(code, p as u32);
                        self.str_bytes(name) == self.image.qstr(vn).as_bytes()
                    }) =>
                {
                    let fname = self.image.qstr(code.qualname);
                    let mut buf = crate::text::StackBuf::<96>::new();
                    buf.push_bytes(self.str_bytes(name));
                    let an = buf.as_str();
                    return Err(self.type_error(format_args!(
                        "{fname}() got some positional-only arguments passed as keyword arguments: '{an}'"
                    )));
                }
                None => match kwdict_slot {
                    Some(slot) => {
                        let d = Value(self.heap.words[slot]);
                        self.dict_set(d, name, value)?;
                    }
                    None => {
                        let fname = self.image.qstr(code.qualname);
                        let mut buf = crate::text::StackBuf::<96>::new();
                        buf.push_bytes(self.str_bytes(name));
                        let an = buf.as_str();
                        return Err(self.type_error(format_args!(
                            "{fname}() got an unexpected keyword argument '{an}'"
                        )));
                    }
                },
            }
        }
        // Defaults for missing positional parameters.
        let defaults = self.field(f, 3);
        let ndefaults = self.func_defaults_len(f);
        let mut nmissing = 0;
        for p in 0..nargs {
            if Value(self.heap.words[locals + p]).is_null() {
                if p + ndefaults >= nargs {
                    let d = self.field(defaults, 2 + p + ndefaults - nargs);
                    self.heap.words[locals + p] = d.0;
                } else {
                    nmissing += 1;
                }
            }
        }
        if nmissing > 0 {
            return Err(self.missing_args_error(code, locals, 0..nargs, nmissing, "positional"));
        }
        let kwdefaults = self.field(f, 4);
        for p in nargs..nargs + nkwonly {
            if Value(self.heap.words[locals + p]).is_null() {
                let name = Value::qstr(self.image.varname(code, p as u32));
                let d = if kwdefaults.is_null() {
                    None
                } else {
                    self.dict_get(kwdefaults, name)?
                };
                match d {
                    Some(v) => self.heap.words[locals + p] = v.0,
                    None => nmissing += 1,
                }
            }
        }
        if nmissing > 0 {
            return Err(self.missing_args_error(
                code,
                locals,
                nargs..nargs + nkwonly,
                nmissing,
                "keyword-only",
            ));
        }
        // Cells, then free variables from the closure.
        let derefs = locals + code.nlocals as usize;
        for c in 0..code.ncells as usize {
            let init = match self.image.cell2arg(code, c as u32) {
                Some(a) => Value(self.heap.words[locals + a as usize]),
                None => Value::NULL,
            };
            let cell = self.new_cell(init)?;
            self.heap.words[derefs + c] = cell.0;
        }
        let closure = self.field(f, 5);
        for i in 0..code.nfree as usize {
            let cell = if closure.is_null() {
                Value::NULL
            } else {
                self.field(closure, 2 + i)
            };
            self.heap.words[derefs + code.ncells as usize + i] = cell.0;
        }
        Ok(())
    }

    fn func_defaults_len(&self, f: Value) -> usize {
        let d = self.field(f, 3);
        if d.is_null() { 0 } else { self.int_field(d, 1) }
    }

    /// CPython's "f() missing 2 required positional arguments: 'a' and 'b'",
    /// naming every parameter in `params` that binding left unset.
    fn missing_args_error(
        &mut self,
        code: &CodeRecord,
        locals: usize,
        params: core::ops::Range<usize>,
        n: usize,
        kind: &str,
    ) -> Raised {
        let fname = self.image.qstr(code.qualname);
        let s = if n == 1 { "" } else { "s" };
        let msg = self.build_str(|vm, out| {
            vm.out_fmt(
                out,
                format_args!("{fname}() missing {n} required {kind} argument{s}: "),
            )?;
            let mut named = 0;
            for p in params {
                if !Value(vm.heap.words[locals + p]).is_null() {
                    continue;
                }
                if named > 0 {
                    let sep = match (named + 1 == n, n > 2) {
                        (false, _) => ", ",
                        (true, true) => ", and ",
                        (true, false) => " and ",
                    };
                    vm.out(out, sep.as_bytes())?;
                }
                named += 1;
                let name = vm.image.qstr(vm.image.varname(code, p as u32));
                vm.out_fmt(out, format_args!("'{name}'"))?;
            }
            Ok(())
        });
        match msg {
            Ok(m) => self.new_error_value(b::TYPE_ERROR, m),
            Err(e) => e,
        }
    }

    // ---- the interpreter loop

    /// Runs from the current frame until a frame marked STOP returns.
    pub(crate) fn execute(&mut self) -> Result<Value, Raised> {
        if !self.pending_throw.is_null() {
            // A generator resumed by `throw`: raise at its suspended `yield`,
            // or hand it to the sub-iterator a `yield from` is waiting on.
            let e = core::mem::replace(&mut self.pending_throw, Value::NULL);
            let fp = self.fp;
            let at = self.frame_int(fp, F_IP);
            let code = self.frame_view(fp).bytecode;
            let sub = self.peek(0);
            if matches!(Op::decode(code, at), Ok(Op::YieldFrom {}))
                && self.is_tag(sub, TAG_GENERATOR)
            {
                self.push(e)?;
                let r = self.gen_resume(sub, Value::NONE, e);
                self.sp -= 1;
                match r {
                    Ok(crate::gens::Resumed::Yielded(v)) => return Ok(self.suspend(fp, v)),
                    Ok(crate::gens::Resumed::Returned(v)) => {
                        self.sp -= 1;
                        self.push(v)?;
                        self.set_frame_int(fp, F_IP, at + 1);
                    }
                    Err(r) => self.unwind(r)?,
                }
            } else {
                self.exc = e;
                self.unwind(Raised)?;
            }
        }
        let mut fv = self.frame_view(self.fp);
        let mut fp = self.fp;
        let mut ip = self.frame_int(fp, F_IP);
        loop {
            let at = ip;
            let op = match Op::decode(fv.bytecode, ip) {
                Ok(op) => op,
                Err(_) => {
                    // The validator accepted every instruction; reaching here means a VM bug.
                    self.set_frame_int(fp, F_IP, at + 1);
                    let r = self.runtime_error(format_args!("bad instruction at {at}"));
                    match self.unwind(r) {
                        Ok(()) => {
                            fp = self.fp;
                            fv = self.frame_view(fp);
                            ip = self.frame_int(fp, F_IP);
                            continue;
                        }
                        Err(e) => return Err(e),
                    }
                }
            };
            ip += op.size();
            // The resume ip is stored before anything can raise or call, so
            // tracebacks and returns see it.
            self.set_frame_int(fp, F_IP, ip);
            let r: Result<(), Raised> = match op {
                Op::Nop {} => Ok(()),
                Op::PopTop {} => {
                    self.sp -= 1;
                    Ok(())
                }
                Op::DupTop {} => {
                    let v = self.peek(0);
                    self.push(v)
                }
                Op::DupTop2 {} => {
                    let a = self.peek(1);
                    let b2 = self.peek(0);
                    self.push(a).and_then(|_| self.push(b2))
                }
                Op::RotTwo {} => {
                    let n = self.sp;
                    self.heap.words.swap(n - 1, n - 2);
                    Ok(())
                }
                Op::RotThree {} => {
                    let n = self.sp;
                    let top = self.heap.words[n - 1];
                    self.heap.words[n - 1] = self.heap.words[n - 2];
                    self.heap.words[n - 2] = self.heap.words[n - 3];
                    self.heap.words[n - 3] = top;
                    Ok(())
                }
                Op::LoadConst { idx } => {
                    let c = self.image.constant_at(fv.const_start + idx as u32);
                    self.const_value(fv.code.module, c)
                        .and_then(|v| self.push(v))
                }
                Op::LoadInt { val } => self.push(Value::int(val as i32)),
                Op::LoadNone {} => self.push(Value::NONE),
                Op::LoadTrue {} => self.push(Value::TRUE),
                Op::LoadFalse {} => self.push(Value::FALSE),
                Op::LoadFast { idx } => {
                    let v = Value(self.heap.words[fv.locals + idx as usize]);
                    if v.is_null() {
                        let name = self.image.qstr(self.image.varname(&fv.code, idx as u32));
                        Err(self.new_error(b::UNBOUND_LOCAL_ERROR, format_args!("cannot access local variable '{name}' where it is not associated with a value")))
                    } else {
                        self.push(v)
                    }
                }
                Op::StoreFast { idx } => {
                    let v = self.pop();
                    self.heap.words[fv.locals + idx as usize] = v.0;
                    Ok(())
                }
                Op::DeleteFast { idx } => {
                    let slot = fv.locals + idx as usize;
                    if Value(self.heap.words[slot]).is_null() {
                        let name = self.image.qstr(self.image.varname(&fv.code, idx as u32));
                        Err(self.new_error(b::UNBOUND_LOCAL_ERROR, format_args!("cannot access local variable '{name}' where it is not associated with a value")))
                    } else {
                        self.heap.words[slot] = 0;
                        Ok(())
                    }
                }
                Op::LoadDeref { idx } => {
                    let cell = Value(self.heap.words[fv.derefs + idx as usize]);
                    let v = if cell.is_null() {
                        Value::NULL
                    } else {
                        self.field(cell, 1)
                    };
                    if v.is_null() {
                        Err(self.unbound_deref(&fv.code, idx))
                    } else {
                        self.push(v)
                    }
                }
                Op::StoreDeref { idx } => {
                    let v = self.pop();
                    let cell = Value(self.heap.words[fv.derefs + idx as usize]);
                    if cell.is_null() {
                        Err(self.runtime_error(format_args!("missing cell")))
                    } else {
                        self.set_field(cell, 1, v);
                        Ok(())
                    }
                }
                Op::DeleteDeref { idx } => {
                    let cell = Value(self.heap.words[fv.derefs + idx as usize]);
                    if cell.is_null() || self.field(cell, 1).is_null() {
                        Err(self.unbound_deref(&fv.code, idx))
                    } else {
                        self.set_field(cell, 1, Value::NULL);
                        Ok(())
                    }
                }
                Op::LoadClosure { idx } => {
                    let cell = Value(self.heap.words[fv.derefs + idx as usize]);
                    self.push(cell)
                }
                Op::LoadGlobal { name } => self
                    .load_global(fv.code.module as usize, name as u32)
                    .and_then(|v| self.push(v)),
                Op::StoreGlobal { name } => {
                    let g = self.module_globals(fv.code.module as usize);
                    let v = self.peek(0);
                    let r = self.dict_set(g, Value::qstr(name as u32), v);
                    self.sp -= 1;
                    r
                }
                Op::DeleteGlobal { name } => {
                    let g = self.module_globals(fv.code.module as usize);
                    match self.dict_remove(g, Value::qstr(name as u32)) {
                        Ok(Some(_)) => Ok(()),
                        Ok(None) => {
                            let n = self.image.qstr(name as u32);
                            Err(self.new_error(
                                b::NAME_ERROR,
                                format_args!("name '{n}' is not defined"),
                            ))
                        }
                        Err(e) => Err(e),
                    }
                }
                Op::LoadAttr { name } => {
                    let o = self.peek(0);
                    self.load_attr(o, name as u32).map(|v| {
                        let n = self.sp;
                        self.heap.words[n - 1] = v.0;
                    })
                }
                Op::StoreAttr { name } => {
                    let o = self.peek(0);
                    let v = self.peek(1);
                    let r = self.store_attr(o, name as u32, v);
                    self.sp -= 2;
                    r
                }
                Op::DeleteAttr { name } => {
                    let o = self.peek(0);
                    let r = self.delete_attr(o, name as u32);
                    self.sp -= 1;
                    r
                }
                Op::LoadMethod { name } => {
                    let o = self.peek(0);
                    match self.load_method(o, name as u32) {
                        Ok((m, recv)) => {
                            let n = self.sp;
                            self.heap.words[n - 1] = m.0;
                            self.push(recv)
                        }
                        Err(e) => Err(e),
                    }
                }
                Op::LoadSubscr {} => {
                    let o = self.peek(1);
                    let k = self.peek(0);
                    self.get_item(o, k).map(|v| {
                        self.sp -= 1;
                        let n = self.sp;
                        self.heap.words[n - 1] = v.0;
                    })
                }
                Op::StoreSubscr {} => {
                    let k = self.peek(0);
                    let o = self.peek(1);
                    let v = self.peek(2);
                    let r = self.set_item(o, k, v);
                    self.sp -= 3;
                    r
                }
                Op::DeleteSubscr {} => {
                    let k = self.peek(0);
                    let o = self.peek(1);
                    let r = self.del_item(o, k);
                    self.sp -= 2;
                    r
                }
                Op::BinaryOp { op } | Op::InplaceOp { op } => {
                    let a = self.peek(1);
                    let c = self.peek(0);
                    let inplace = matches!(fv.bytecode[at], image_format::ops::opcode::InplaceOp);
                    let bop = BinOp::from_u8(op).unwrap_or(BinOp::Add);
                    let r = if inplace {
                        self.inplace_op(bop, a, c)
                    } else {
                        self.binary_op(bop, a, c)
                    };
                    r.map(|v| {
                        self.sp -= 1;
                        let n = self.sp;
                        self.heap.words[n - 1] = v.0;
                    })
                }
                Op::UnaryOp { op } => {
                    let a = self.peek(0);
                    self.unary_op(UnaryOp::from_u8(op).unwrap_or(UnaryOp::Not), a)
                        .map(|v| {
                            let n = self.sp;
                            self.heap.words[n - 1] = v.0;
                        })
                }
                Op::CompareOp { op } => {
                    let a = self.peek(1);
                    let c = self.peek(0);
                    self.compare_op(CmpOp::from_u8(op).unwrap_or(CmpOp::Eq), a, c)
                        .map(|v| {
                            self.sp -= 1;
                            let n = self.sp;
                            self.heap.words[n - 1] = v.0;
                        })
                }
                Op::Jump { rel } => {
                    ip = (ip as isize + rel.0 as isize) as usize;
                    Ok(())
                }
                Op::PopJumpIfFalse { rel } | Op::PopJumpIfTrue { rel } => {
                    let v = self.peek(0);
                    match self.truthy(v) {
                        Ok(t) => {
                            self.sp -= 1;
                            if t == matches!(op, Op::PopJumpIfTrue { .. }) {
                                ip = (ip as isize + rel.0 as isize) as usize;
                            }
                            Ok(())
                        }
                        Err(e) => Err(e),
                    }
                }
                Op::JumpIfFalseOrPop { rel } | Op::JumpIfTrueOrPop { rel } => {
                    let v = self.peek(0);
                    match self.truthy(v) {
                        Ok(t) => {
                            if t == matches!(op, Op::JumpIfTrueOrPop { .. }) {
                                ip = (ip as isize + rel.0 as isize) as usize;
                            } else {
                                self.sp -= 1;
                            }
                            Ok(())
                        }
                        Err(e) => Err(e),
                    }
                }
                Op::GetIter {} => {
                    let v = self.peek(0);
                    self.get_iter(v).map(|it| {
                        let n = self.sp;
                        self.heap.words[n - 1] = it.0;
                    })
                }
                Op::ForIter { rel } => {
                    let it = self.peek(0);
                    match self.iter_next(it) {
                        Ok(Some(v)) => self.push(v),
                        Ok(None) => {
                            self.sp -= 1;
                            ip = (ip as isize + rel.0 as isize) as usize;
                            Ok(())
                        }
                        Err(e) => Err(e),
                    }
                }
                Op::BuildTuple { n } => self.build_tuple(n as usize),
                Op::BuildList { n } => self.build_list(n as usize),
                Op::BuildMap { n } => self.build_map(n as usize),
                Op::BuildSet { n } => {
                    let n = n as usize;
                    match self.new_set(TAG_SET) {
                        Ok(s) => {
                            let from = self.sp - n;
                            let mut r = self.push(s);
                            for i in 0..n {
                                if r.is_ok() {
                                    let v = self.stack_at(from + i);
                                    r = self.set_add(s, v);
                                }
                            }
                            if r.is_ok() {
                                self.sp = from;
                                r = self.push(s);
                            }
                            r
                        }
                        Err(e) => Err(e),
                    }
                }
                Op::BuildSlice { n } => {
                    let (start, stop, step) = if n == 3 {
                        (self.peek(2), self.peek(1), self.peek(0))
                    } else {
                        (self.peek(1), self.peek(0), Value::NONE)
                    };
                    self.new_obj(TAG_SLICE, &[start, stop, step]).map(|s| {
                        self.sp -= n as usize;
                        let _ = self.push(s);
                    })
                }
                Op::BuildString { n } => self.build_string(n as usize),
                Op::FormatValue { flags } => {
                    let has_spec = flags & FORMAT_HAS_SPEC != 0;
                    let (v, spec) = if has_spec {
                        (self.peek(1), self.peek(0))
                    } else {
                        (self.peek(0), Value::NULL)
                    };
                    self.format_value(v, flags & 3, spec).map(|s| {
                        self.sp -= 1 + has_spec as usize;
                        let _ = self.push(s);
                    })
                }
                Op::UnpackSequence { n } => self.unpack_sequence(n as usize),
                Op::UnpackEx { before, after } => self.unpack_ex(before as usize, after as usize),
                Op::ListAppend { depth } => {
                    let v = self.peek(0);
                    let l = self.peek(depth as usize);
                    let r = self
                        .expect(l, TAG_LIST)
                        .and_then(|_| self.list_append(l, v));
                    self.sp -= 1;
                    r
                }
                Op::ListExtend { depth } => {
                    let v = self.peek(0);
                    let l = self.peek(depth as usize);
                    let r = if self.is_tag(l, TAG_SET) {
                        self.set_update(l, v)
                    } else {
                        self.expect(l, TAG_LIST)
                            .and_then(|_| self.list_extend(l, v))
                    };
                    self.sp -= 1;
                    r
                }
                Op::ListToTuple {} => {
                    let l = self.peek(0);
                    self.list_to_tuple(l).map(|t| {
                        let n = self.sp;
                        self.heap.words[n - 1] = t.0;
                    })
                }
                Op::MapAdd { depth } => {
                    let k = self.peek(1);
                    let v = self.peek(0);
                    let d = self.peek(depth as usize + 1);
                    let r = self
                        .expect(d, TAG_DICT)
                        .and_then(|_| self.dict_set(d, k, v));
                    self.sp -= 2;
                    r
                }
                Op::DictUpdate { depth } => {
                    let src = self.peek(0);
                    let d = self.peek(depth as usize);
                    let r = self
                        .expect(d, TAG_DICT)
                        .and_then(|_| self.dict_update(d, src));
                    self.sp -= 1;
                    r
                }
                Op::SetAdd { depth } => {
                    let v = self.peek(0);
                    let s = self.peek(depth as usize);
                    let r = self.expect(s, TAG_SET).and_then(|_| self.set_add(s, v));
                    self.sp -= 1;
                    r
                }
                Op::MakeFunction { idx, flags } => {
                    self.make_function(fv.code.module, idx as u32, flags)
                }
                Op::Call { argc, nkw } | Op::CallMethod { argc, nkw } => {
                    let is_method = matches!(op, Op::CallMethod { .. });
                    let nargs = argc as usize + 2 * nkw as usize;
                    let args = self.sp - nargs;
                    let (f, recv, base) = if is_method {
                        let f = self.stack_at(args - 2);
                        let r = self.stack_at(args - 1);
                        (f, if r.is_null() { None } else { Some(r) }, args - 2)
                    } else {
                        (self.stack_at(args - 1), None, args - 1)
                    };
                    match self.call(f, recv, args, argc as usize, nkw as usize, base, false) {
                        Ok(Some(v)) => self.push(v),
                        Ok(None) => {
                            fp = self.fp;
                            fv = self.frame_view(fp);
                            ip = 0;
                            continue;
                        }
                        Err(e) => Err(e),
                    }
                }
                Op::CallEx { flags } => {
                    let has_kw = flags & 1 != 0;
                    let base = self.sp - 2 - has_kw as usize;
                    match self.call_ex(base, has_kw) {
                        Ok(Some(v)) => self.push(v),
                        Ok(None) => {
                            fp = self.fp;
                            fv = self.frame_view(fp);
                            ip = 0;
                            continue;
                        }
                        Err(e) => Err(e),
                    }
                }
                Op::ReturnValue {} => {
                    let mut v = self.pop();
                    let flags = self.frame_int(fp, F_FLAGS) as i32;
                    if flags & FLAG_INIT != 0 {
                        if v != Value::NONE {
                            let tn = self.type_name(v);
                            let r = self.type_error(format_args!(
                                "__init__() should return None, not '{tn}'"
                            ));
                            match self.unwind(r) {
                                Ok(()) => {
                                    fp = self.fp;
                                    fv = self.frame_view(fp);
                                    ip = self.frame_int(fp, F_IP);
                                    continue;
                                }
                                Err(e) => return Err(e),
                            }
                        }
                        v = self.stack_at(fp + F_NS);
                    }
                    let base = self.frame_int(fp, F_BASE);
                    self.fp = self.frame_int(fp, F_PREV);
                    self.sp = base;
                    self.depth -= 1;
                    if flags & FLAG_STOP != 0 {
                        return Ok(v);
                    }
                    fp = self.fp;
                    fv = self.frame_view(fp);
                    ip = self.frame_int(fp, F_IP);
                    self.push(v)
                }
                Op::RaiseVarargs { n } => self.do_raise(n),
                Op::Reraise {} => {
                    let e = self.pop();
                    self.exc = e;
                    self.tb_skip = true;
                    Err(Raised)
                }
                Op::SetupExcept { rel } => {
                    let nb = self.frame_int(fp, F_NBLOCKS);
                    let handler = (ip as isize + rel.0 as isize) as usize;
                    let depth = self.sp - fv.stack;
                    self.set_frame_int(fv.blocks + 2 * nb, 0, handler);
                    self.set_frame_int(fv.blocks + 2 * nb + 1, 0, depth);
                    self.set_frame_int(fp, F_NBLOCKS, nb + 1);
                    Ok(())
                }
                Op::PopBlock {} => {
                    let nb = self.frame_int(fp, F_NBLOCKS);
                    self.set_frame_int(fp, F_NBLOCKS, nb.saturating_sub(1));
                    Ok(())
                }
                Op::PushExcInfo {} => {
                    let e = self.peek(0);
                    let prev = if self.handled.is_null() {
                        Value::NONE
                    } else {
                        self.handled
                    };
                    let n = self.sp;
                    self.heap.words[n - 1] = prev.0;
                    self.handled = e;
                    self.push(e)
                }
                Op::PopExcept {} => {
                    let prev = self.pop();
                    self.handled = if prev == Value::NONE {
                        Value::NULL
                    } else {
                        prev
                    };
                    Ok(())
                }
                Op::ImportName { name, flags } => self
                    .import_name(name as u32, flags & image_format::ops::IMPORT_LEAF != 0)
                    .and_then(|m| self.push(m)),
                Op::ImportFrom { name } => {
                    let m = self.peek(0);
                    self.import_from(m, name as u32).and_then(|v| self.push(v))
                }
                Op::LoadName { name } => self
                    .load_name(fp, fv.code.module as usize, name as u32)
                    .and_then(|v| self.push(v)),
                Op::StoreName { name } => {
                    let ns = self.namespace(fp, fv.code.module as usize);
                    let v = self.peek(0);
                    let r = self.dict_set(ns, Value::qstr(name as u32), v);
                    self.sp -= 1;
                    r
                }
                Op::DeleteName { name } => {
                    let ns = self.namespace(fp, fv.code.module as usize);
                    match self.dict_remove(ns, Value::qstr(name as u32)) {
                        Ok(Some(_)) => Ok(()),
                        Ok(None) => {
                            let n = self.image.qstr(name as u32);
                            Err(self.new_error(
                                b::NAME_ERROR,
                                format_args!("name '{n}' is not defined"),
                            ))
                        }
                        Err(e) => Err(e),
                    }
                }
                Op::BuildClass { nbases } => self.build_class(nbases as usize),
                Op::YieldValue {} => {
                    let v = self.pop();
                    return Ok(self.suspend(fp, v));
                }
                Op::YieldFrom {} => {
                    let sub = self.peek(1);
                    let val = self.peek(0);
                    match self.yield_from_step(sub, val) {
                        Ok(crate::gens::Resumed::Yielded(v)) => {
                            // Run this instruction again with what is sent back.
                            self.set_frame_int(fp, F_IP, at);
                            self.sp -= 1;
                            return Ok(self.suspend(fp, v));
                        }
                        Ok(crate::gens::Resumed::Returned(r)) => {
                            self.sp -= 2;
                            self.push(r)
                        }
                        Err(e) => Err(e),
                    }
                }
                Op::WithEnter {} => {
                    let mgr = self.peek(0);
                    self.with_enter(mgr).and_then(|(exit, entered)| {
                        let n = self.sp;
                        self.heap.words[n - 1] = exit.0;
                        self.push(entered)
                    })
                }
                Op::WithExit {} => {
                    let exc = self.peek(0);
                    let exit = self.peek(2);
                    let cls = self.class_of(exc);
                    self.call_value(exit, &[cls, exc, Value::NONE])
                        .and_then(|r| self.push(r))
                }
                Op::ImportStar {} => {
                    let m = self.peek(0);
                    let r = self.import_star(m, fv.code.module as usize);
                    self.sp -= 1;
                    r
                }
            };
            if let Err(raised) = r {
                match self.unwind(raised) {
                    Ok(()) => {
                        fp = self.fp;
                        fv = self.frame_view(fp);
                        ip = self.frame_int(fp, F_IP);
                    }
                    Err(e) => return Err(e),
                }
            }
        }
    }

    /// `yield`: saves the generator frame at `fp`, pops it, and hands `v` to
    /// the resumer.
    fn suspend(&mut self, fp: usize, v: Value) -> Value {
        let sp = self.sp;
        self.save_generator_frame(fp, sp);
        self.sp = self.frame_int(fp, F_BASE);
        self.fp = self.frame_int(fp, F_PREV);
        self.depth -= 1;
        self.yielded = true;
        v
    }

    /// Finds a handler for `self.exc`: in the current frame's block stack,
    /// else in its callers up to the nearest STOP frame. On success the
    /// handler's frame is current with the exception pushed and its
    /// resume ip set to the handler. Otherwise the STOP frame has been
    /// popped and the exception goes back to Rust.
    fn unwind(&mut self, _: Raised) -> Result<(), Raised> {
        let mut skip = core::mem::replace(&mut self.tb_skip, false);
        loop {
            let fp = self.fp;
            if !skip {
                self.add_traceback(fp);
            }
            skip = false;
            let nb = self.frame_int(fp, F_NBLOCKS);
            if nb > 0 {
                let fv = self.frame_view(fp);
                let handler = self.frame_int(fv.blocks + 2 * (nb - 1), 0);
                let depth = self.frame_int(fv.blocks + 2 * (nb - 1) + 1, 0);
                self.set_frame_int(fp, F_NBLOCKS, nb - 1);
                self.sp = fv.stack + depth;
                let e = self.exc;
                self.heap.words[self.sp] = e.0;
                self.sp += 1;
                self.set_frame_int(fp, F_IP, handler);
                return Ok(());
            }
            let flags = self.frame_int(fp, F_FLAGS) as i32;
            self.sp = self.frame_int(fp, F_BASE);
            self.fp = self.frame_int(fp, F_PREV);
            self.depth -= 1;
            if flags & FLAG_STOP != 0 {
                return Err(Raised);
            }
        }
    }

    /// Prepends (code, line) of frame `fp` to the exception's traceback.
    fn add_traceback(&mut self, fp: usize) {
        let exc = self.exc;
        if !self.is_tag(exc, TAG_EXCEPTION) {
            return;
        }
        let code_idx = self.frame_int(fp, F_CODE);
        let ip = self.frame_int(fp, F_IP);
        let code = self.image.code(code_idx as u32);
        let line = self.image.line_at(&code, ip.saturating_sub(1) as u32);
        let next = self.field(exc, 3);
        // A full heap leaves the traceback shorter, not the program crashed.
        if let Some(o) = self.heap.alloc(TAG_TRACEBACK, 3) {
            self.heap.set(o, 1, next);
            self.heap.set(o, 2, Value::int(code_idx as i32));
            self.heap.set(o, 3, Value::int(line as i32));
            self.set_field(exc, 3, Value::obj(o));
        }
    }

    fn unbound_deref(&mut self, code: &CodeRecord, idx: u16) -> Raised {
        let name = self.image.qstr(self.image.derefname(code, idx as u32));
        if (idx as usize) < code.ncells as usize {
            self.new_error(
                b::UNBOUND_LOCAL_ERROR,
                format_args!(
                    "cannot access local variable '{name}' where it is not associated with a value"
                ),
            )
        } else {
            self.new_error(b::NAME_ERROR, format_args!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"))
        }
    }

    /// The frame's namespace: a class body's dict, else the module globals.
    fn namespace(&self, fp: usize, module: usize) -> Value {
        let ns = self.stack_at(fp + F_NS);
        if self.is_tag(ns, TAG_DICT) {
            ns
        } else {
            self.module_globals(module)
        }
    }

    fn load_name(&mut self, fp: usize, module: usize, name: u32) -> Result<Value, Raised> {
        let ns = self.stack_at(fp + F_NS);
        if self.is_tag(ns, TAG_DICT)
            && let Some(v) = self.dict_get(ns, Value::qstr(name))?
        {
            return Ok(v);
        }
        self.load_global(module, name)
    }

    fn load_global(&mut self, module: usize, name: u32) -> Result<Value, Raised> {
        let g = self.module_globals(module);
        if let Some(v) = self.dict_get(g, Value::qstr(name))? {
            return Ok(v);
        }
        if let Some(v) = b::lookup(name) {
            return Ok(v);
        }
        match name as u16 {
            qstr::NOT_IMPLEMENTED => return Ok(Value::NOT_IMPLEMENTED),
            qstr::ELLIPSIS => return Ok(Value::ELLIPSIS),
            qstr::DUNDER_DEBUG => return Ok(Value::TRUE),
            _ => {}
        }
        let n = self.image.qstr(name);
        Err(self.new_error(b::NAME_ERROR, format_args!("name '{n}' is not defined")))
    }

    pub(crate) fn load_const(&mut self, module: u32, idx: u32) -> Result<Value, Raised> {
        let c = self.image.constant(module, idx);
        self.const_value(module, c)
    }

    fn const_value(
        &mut self,
        module: u32,
        c: image_format::image::Const<'a>,
    ) -> Result<Value, Raised> {
        use image_format::image::Const;
        Ok(match c {
            Const::None => Value::NONE,
            Const::True => Value::TRUE,
            Const::False => Value::FALSE,
            Const::Ellipsis => Value::ELLIPSIS,
            Const::Int(i) => match Value::small(i) {
                Some(v) => v,
                None => self.int_from_i64(i as i64)?,
            },
            Const::BigInt { negative, limbs } => self.bigint_from_le_bytes(negative, limbs)?,
            Const::Float(f) => self.new_float(f)?,
            Const::Str(q) => Value::qstr(q),
            Const::Bytes(data) => self.new_bytes_of(TAG_BYTES, data)?,
            Const::Code(_) => {
                return Err(self.runtime_error(format_args!("code constant loaded as a value")));
            }
            Const::Tuple(items) => {
                let n = items.len() / 4;
                let t = self.new_tuple(n)?;
                self.push(t)?;
                for i in 0..n {
                    let k = u32::from_le_bytes([
                        items[4 * i],
                        items[4 * i + 1],
                        items[4 * i + 2],
                        items[4 * i + 3],
                    ]);
                    let v = self.load_const(module, k);
                    match v {
                        Ok(v) => self.set_field(t, 2 + i, v),
                        Err(e) => {
                            self.pop();
                            return Err(e);
                        }
                    }
                }
                self.pop()
            }
        })
    }

    fn make_function(&mut self, module: u32, idx: u32, flags: u8) -> Result<(), Raised> {
        use image_format::image::Const;
        let Const::Code(code) = self.image.constant(module, idx) else {
            return Err(self.runtime_error(format_args!("MAKE_FUNCTION without code")));
        };
        let mut closure = Value::NULL;
        let mut kwdefaults = Value::NULL;
        let mut defaults = Value::NULL;
        let mut n = 0;
        if flags & MAKE_FN_CLOSURE != 0 {
            closure = self.peek(n);
            n += 1;
        }
        if flags & MAKE_FN_KWDEFAULTS != 0 {
            kwdefaults = self.peek(n);
            n += 1;
        }
        if flags & MAKE_FN_DEFAULTS != 0 {
            defaults = self.peek(n);
            n += 1;
        }
        // The validator checked the instruction, not what the stack holds: a
        // damaged image must get an exception here, not a VM fault later.
        let code_rec = self.image.code(code);
        let closure_ok = if closure.is_null() {
            code_rec.nfree == 0
        } else {
            self.is_tag(closure, TAG_TUPLE)
                && self.int_field(closure, 1) == code_rec.nfree as usize
                && (0..code_rec.nfree as usize)
                    .all(|i| self.is_tag(self.field(closure, 2 + i), TAG_CELL))
        };
        if !closure_ok
            || (!defaults.is_null() && !self.is_tag(defaults, TAG_TUPLE))
            || (!kwdefaults.is_null() && !self.is_tag(kwdefaults, TAG_DICT))
            || (!defaults.is_null() && self.int_field(defaults, 1) > code_rec.argcount as usize)
        {
            return Err(self.runtime_error(format_args!("malformed function in the image")));
        }
        let f = self.new_obj(
            TAG_FUNCTION,
            &[
                Value::int(code as i32),
                Value::int(module as i32),
                defaults,
                kwdefaults,
                closure,
                Value::NULL,
            ],
        )?;
        self.sp -= n;
        self.push(f)
    }

    fn call_ex(&mut self, base: usize, has_kw: bool) -> Result<Option<Value>, Raised> {
        // Spread the tuple (and dict) back onto the stack as a plain call.
        let f = self.stack_at(base);
        let t = self.stack_at(base + 1);
        let kw = if has_kw {
            self.stack_at(base + 2)
        } else {
            Value::NULL
        };
        let (items, argc) = match self.seq_parts(t) {
            Some(p) => p,
            None => {
                return Err(self.type_error(format_args!("argument after * must be an iterable")));
            }
        };
        let args = self.sp;
        for i in 0..argc {
            let v = self.seq_item(items, i);
            self.push(v)?;
        }
        let mut nkw = 0;
        if !kw.is_null() {
            if !self.is_tag(kw, TAG_DICT) {
                return Err(self.type_error(format_args!("argument after ** must be a mapping")));
            }
            for i in 0..self.dict_entry_count(kw) {
                let (k, v) = self.dict_entry(kw, i);
                if k == Value::DELETED {
                    continue;
                }
                if !self.is_str(k) {
                    return Err(self.type_error(format_args!("keywords must be strings")));
                }
                self.push(k)?;
                self.push(v)?;
                nkw += 1;
            }
        }
        self.call(f, None, args, argc, nkw, base, false)
    }

    fn do_raise(&mut self, n: u8) -> Result<(), Raised> {
        match n {
            0 => {
                if self.handled.is_null() {
                    return Err(self.runtime_error(format_args!("No active exception to reraise")));
                }
                self.exc = self.handled;
                self.tb_skip = true;
                Err(Raised)
            }
            _ => {
                let cause = if n == 2 { self.pop() } else { Value::NULL };
                let v = self.peek(0);
                let exc = self.make_exception(v)?;
                self.sp -= 1;
                if n == 2 {
                    let cause = if cause == Value::NONE {
                        Value::NONE
                    } else {
                        self.push(exc)?;
                        let c = self.make_exception(cause);
                        self.pop();
                        c?
                    };
                    self.set_field(exc, 4, cause);
                }
                if !self.handled.is_null() && self.handled != exc {
                    let h = self.handled;
                    self.set_field(exc, 5, h);
                }
                self.exc = exc;
                Err(Raised)
            }
        }
    }

    /// An exception instance from a `raise` operand: instances as they
    /// are, classes called with no arguments.
    fn make_exception(&mut self, v: Value) -> Result<Value, Raised> {
        if self.is_tag(v, TAG_EXCEPTION) {
            return Ok(v);
        }
        if let Some(id) = v.as_builtin()
            && b::is_exception_class(id)
        {
            return self.new_exception(id, &[]);
        }
        if self.is_tag(v, TAG_CLASS)
            && self.int_field(v, 6) as i32 & crate::classes::CLASS_EXCEPTION != 0
        {
            let e = self.call_value(v, &[])?;
            if self.is_tag(e, TAG_EXCEPTION) {
                return Ok(e);
            }
        }
        Err(self.type_error(format_args!("exceptions must derive from BaseException")))
    }

    /// The container instructions trust the compiler to have built the
    /// container they add to; a damaged image gets an exception instead.
    fn expect(&mut self, v: Value, tag: u8) -> Result<(), Raised> {
        if self.is_tag(v, tag) {
            Ok(())
        } else {
            Err(self.runtime_error(format_args!(
                "malformed image: wrong container for a build instruction"
            )))
        }
    }

    pub(crate) fn not_supported(&mut self, what: &str) -> Raised {
        self.new_error(
            b::NOT_IMPLEMENTED_ERROR,
            format_args!("{what} are not supported yet"),
        )
    }
}
