//! The instruction set, written once.
//!
//! Like MicroPython's `bc0.h`, this page is the whole instruction set. Each
//! row of the [`define_ops!`] table gives an instruction's name, opcode byte,
//! mnemonic, operands, control flow and stack effect; the [`Op`] enum, its
//! encoder, decoder, mnemonics, sizes and stack effects are all generated from
//! that row, so they cannot drift apart.
//!
//! # Encoding
//! One opcode byte, then each operand little-endian: `u8` is one byte, `u16`,
//! `i16` and [`Rel`] are two. Instructions are not padded; each code object's
//! bytecode starts 4-aligned in the image. A [`Rel`] operand is a signed byte
//! offset from the *end* of its instruction.
//!
//! # Stack effects and flow
//! `fall` is the stack effect when execution continues with the next
//! instruction, `branch` the effect on the edge to the [`Rel`] target, and
//! `pops` how many entries the instruction reads (a `ROT_THREE` changes the
//! depth by nothing but needs three entries). Flow is one of:
//! - `Next`: only falls through.
//! - `Jump`: only branches.
//! - `Branch`: either.
//! - `Setup`: falls through; the target is an exception handler, entered
//!   with the value stack cut back to its depth at the `SETUP_EXCEPT` and the
//!   exception pushed (so the `branch` effect is `+1` relative to that depth),
//!   and the block popped.
//! - `Stop`: neither (return, raise).
//!
//! [`crate::analyze`] walks these to get a code object's maximum stack depth
//! and block depth; the compiler's emitter and the image validator both call it.
//!
//! # Conventions used in the table's docs
//! `TOS` is the top of stack, `TOS1` the one below. "Name" operands are qstr
//! ids ([`crate::qstr`]); "const" operands index the current module's
//! constant table; "local" operands index the frame's locals, "deref"
//! operands its cells then free variables.

/// A branch offset, in bytes, from the end of the instruction that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rel(pub i16);

/// How an instruction passes control on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Next,
    Jump,
    Branch,
    Setup,
    Stop,
}

/// Why a byte sequence is not an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The byte at this offset is no opcode.
    BadOpcode { offset: usize, byte: u8 },
    /// The instruction at this offset runs past the end of its code.
    Truncated { offset: usize },
}

impl core::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            DecodeError::BadOpcode { offset, byte } => {
                write!(f, "unknown opcode 0x{byte:02x} at offset {offset}")
            }
            DecodeError::Truncated { offset } => {
                write!(f, "instruction at offset {offset} is truncated")
            }
        }
    }
}

/// An operand type: how it is encoded and read back.
pub trait Operand: Copy {
    const SIZE: usize;
    fn read(bytes: &[u8]) -> Self;
    fn write(self, out: &mut [u8]);
    fn as_i32(self) -> i32;
    fn as_rel(self) -> Option<i16> {
        None
    }
    fn with_rel(self, _rel: i16) -> Self {
        self
    }
}

impl Operand for u8 {
    const SIZE: usize = 1;
    fn read(bytes: &[u8]) -> Self {
        bytes[0]
    }
    fn write(self, out: &mut [u8]) {
        out[0] = self;
    }
    fn as_i32(self) -> i32 {
        self as i32
    }
}

impl Operand for u16 {
    const SIZE: usize = 2;
    fn read(bytes: &[u8]) -> Self {
        u16::from_le_bytes([bytes[0], bytes[1]])
    }
    fn write(self, out: &mut [u8]) {
        out[..2].copy_from_slice(&self.to_le_bytes());
    }
    fn as_i32(self) -> i32 {
        self as i32
    }
}

impl Operand for i16 {
    const SIZE: usize = 2;
    fn read(bytes: &[u8]) -> Self {
        i16::from_le_bytes([bytes[0], bytes[1]])
    }
    fn write(self, out: &mut [u8]) {
        out[..2].copy_from_slice(&self.to_le_bytes());
    }
    fn as_i32(self) -> i32 {
        self as i32
    }
}

impl Operand for Rel {
    const SIZE: usize = 2;
    fn read(bytes: &[u8]) -> Self {
        Rel(i16::from_le_bytes([bytes[0], bytes[1]]))
    }
    fn write(self, out: &mut [u8]) {
        out[..2].copy_from_slice(&self.0.to_le_bytes());
    }
    fn as_i32(self) -> i32 {
        self.0 as i32
    }
    fn as_rel(self) -> Option<i16> {
        Some(self.0)
    }
    fn with_rel(self, rel: i16) -> Self {
        Rel(rel)
    }
}

/// The longest instruction, in bytes.
pub const MAX_INSTRUCTION_SIZE: usize = 5;

macro_rules! define_ops {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident = $code:literal $mnemonic:literal ( $($arg:ident : $ty:ty),* ) $flow:ident => ($fall:expr, $branch:expr), pops $pops:expr;
    )*) => {
        /// One decoded instruction.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Op {
            $( $(#[doc = $doc])* $name { $($arg: $ty),* }, )*
        }

        /// Opcode bytes, by name.
        #[allow(non_upper_case_globals)]
        pub mod opcode {
            $( pub const $name: u8 = $code; )*
        }

        impl Op {
            /// The opcode byte.
            pub fn opcode(&self) -> u8 {
                match self { $( Op::$name { .. } => $code, )* }
            }

            /// The mnemonic the disassembler prints.
            pub fn mnemonic(&self) -> &'static str {
                match self { $( Op::$name { .. } => $mnemonic, )* }
            }

            /// Encoded size in bytes.
            pub fn size(&self) -> usize {
                match self { $( Op::$name { .. } => 1 $(+ <$ty as Operand>::SIZE)*, )* }
            }

            /// How this instruction passes control on.
            pub fn flow(&self) -> Flow {
                match self { $( Op::$name { .. } => Flow::$flow, )* }
            }

            /// Stack effect on the fall-through edge and on the branch edge.
            #[allow(unused_variables)]
            pub fn stack_effect(&self) -> (i32, i32) {
                match *self {
                    $( Op::$name { $($arg),* } => {
                        $( let $arg = Operand::as_i32($arg); )*
                        ($fall, $branch)
                    } )*
                }
            }

            /// How many stack entries the instruction reads (it needs at
            /// least this many on the stack, whatever its net effect).
            #[allow(unused_variables)]
            pub fn pops(&self) -> i32 {
                match *self {
                    $( Op::$name { $($arg),* } => {
                        $( let $arg = Operand::as_i32($arg); )*
                        $pops
                    } )*
                }
            }

            /// The branch offset, for instructions that have one.
            #[allow(unused_variables)]
            pub fn rel(&self) -> Option<i16> {
                match *self {
                    $( Op::$name { $($arg),* } => None $( .or(Operand::as_rel($arg)) )*, )*
                }
            }

            /// The same instruction with its branch offset replaced (the
            /// emitter's label fix-up). Instructions without one are returned
            /// unchanged.
            #[allow(unused_variables, unused_mut)]
            pub fn with_rel(self, rel: i16) -> Op {
                match self {
                    $( Op::$name { $(mut $arg),* } => {
                        $( $arg = Operand::with_rel($arg, rel); )*
                        Op::$name { $($arg),* }
                    } )*
                }
            }

            /// Appends the encoding to `out`.
            #[allow(unused_variables, unused_mut, unused_assignments)]
            pub fn encode_into(&self, out: &mut [u8; MAX_INSTRUCTION_SIZE]) -> usize {
                match *self {
                    $( Op::$name { $($arg),* } => {
                        out[0] = $code;
                        let mut at = 1;
                        $( Operand::write($arg, &mut out[at..]); at += <$ty as Operand>::SIZE; )*
                        at
                    } )*
                }
            }

            /// Decodes the instruction at `offset` of `code`.
            #[allow(unused_variables, unused_mut, unused_assignments)]
            pub fn decode(code: &[u8], offset: usize) -> Result<Op, DecodeError> {
                let byte = *code.get(offset).ok_or(DecodeError::Truncated { offset })?;
                match byte {
                    $( $code => {
                        let size = 1 $(+ <$ty as Operand>::SIZE)*;
                        if offset + size > code.len() {
                            return Err(DecodeError::Truncated { offset });
                        }
                        let mut at = offset + 1;
                        $(
                            let $arg = <$ty as Operand>::read(&code[at..]);
                            at += <$ty as Operand>::SIZE;
                        )*
                        Ok(Op::$name { $($arg),* })
                    } )*
                    _ => Err(DecodeError::BadOpcode { offset, byte }),
                }
            }

            /// Every opcode byte in use, in table order.
            pub const ALL_OPCODES: &'static [u8] = &[$($code),*];
        }
    };
}

/// Binary operators of `BINARY_OP` and `INPLACE_OP`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BinOp {
    Add = 0,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    MatMul,
}

/// Unary operators of `UNARY_OP`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum UnaryOp {
    Neg = 0,
    Pos,
    Not,
    Invert,
}

/// Comparisons of `COMPARE_OP`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CmpOp {
    Lt = 0,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
    In,
    NotIn,
    Is,
    IsNot,
    /// `TOS1` is an exception (instance), `TOS` a class or tuple of classes:
    /// does the exception match, as `except TOS:` would test it.
    ExcMatch,
}

macro_rules! u8_enum {
    ($t:ident, $($v:ident),*) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$($t::$v),*];
            pub fn from_u8(b: u8) -> Option<$t> {
                Self::ALL.get(b as usize).copied()
            }
        }
    };
}
u8_enum!(
    BinOp, Add, Sub, Mul, TrueDiv, FloorDiv, Mod, Pow, LShift, RShift, And, Or, Xor, MatMul
);
u8_enum!(UnaryOp, Neg, Pos, Not, Invert);
u8_enum!(
    CmpOp, Lt, Le, Eq, Ne, Gt, Ge, In, NotIn, Is, IsNot, ExcMatch
);

impl BinOp {
    /// The operator as Python spells it (`+`, `//`, …), for disassembly and
    /// error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
            BinOp::MatMul => "@",
        }
    }
}

impl UnaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            UnaryOp::Not => "not",
            UnaryOp::Invert => "~",
        }
    }
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::ExcMatch => "exception match",
        }
    }
}

/// `MAKE_FUNCTION` flag: a tuple of positional defaults is on the stack.
pub const MAKE_FN_DEFAULTS: u8 = 1;
/// `MAKE_FUNCTION` flag: a dict of keyword-only defaults is on the stack.
pub const MAKE_FN_KWDEFAULTS: u8 = 2;
/// `MAKE_FUNCTION` flag: a tuple of cells (the closure) is on the stack.
pub const MAKE_FN_CLOSURE: u8 = 4;

/// `FORMAT_VALUE` flags: bits 0–1 pick the conversion, bit 2 says a format
/// spec (a str) is on the stack above the value.
pub const FORMAT_CONV_MASK: u8 = 3;
pub const FORMAT_CONV_NONE: u8 = 0;
pub const FORMAT_CONV_STR: u8 = 1;
pub const FORMAT_CONV_REPR: u8 = 2;
pub const FORMAT_CONV_ASCII: u8 = 3;
pub const FORMAT_HAS_SPEC: u8 = 4;

/// `CALL_EX` flag: a dict of keyword arguments is on the stack above the
/// tuple of positional arguments.
pub const CALL_EX_KWARGS: u8 = 1;

fn popcount3(flags: i32) -> i32 {
    (flags & 1) + ((flags >> 1) & 1) + ((flags >> 2) & 1)
}

define_ops! {
    /// Does nothing.
    Nop = 0x00 "NOP" () Next => (0, 0), pops 0;
    /// Pops TOS.
    PopTop = 0x01 "POP_TOP" () Next => (-1, 0), pops 1;
    /// Pushes a second reference to TOS.
    DupTop = 0x02 "DUP_TOP" () Next => (1, 0), pops 1;
    /// Duplicates the top two: `a b` → `a b a b`.
    DupTop2 = 0x03 "DUP_TOP_TWO" () Next => (2, 0), pops 2;
    /// Swaps the top two: `a b` → `b a`.
    RotTwo = 0x04 "ROT_TWO" () Next => (0, 0), pops 2;
    /// Lifts the second and third up, sinks TOS: `a b c` → `c a b`.
    RotThree = 0x05 "ROT_THREE" () Next => (0, 0), pops 3;

    /// Pushes constant `idx` of the current module. A `Str` constant is its
    /// qstr, never a copy.
    LoadConst = 0x08 "LOAD_CONST" (idx: u16) Next => (1, 0), pops 0;
    /// Pushes the small int `val`.
    LoadInt = 0x09 "LOAD_INT" (val: i16) Next => (1, 0), pops 0;
    /// Pushes `None`.
    LoadNone = 0x0a "LOAD_NONE" () Next => (1, 0), pops 0;
    /// Pushes `True`.
    LoadTrue = 0x0b "LOAD_TRUE" () Next => (1, 0), pops 0;
    /// Pushes `False`.
    LoadFalse = 0x0c "LOAD_FALSE" () Next => (1, 0), pops 0;

    /// Pushes local `idx`; an unbound local raises `UnboundLocalError`
    /// ("cannot access local variable 'x' where it is not associated with a value").
    LoadFast = 0x10 "LOAD_FAST" (idx: u16) Next => (1, 0), pops 0;
    /// Pops TOS into local `idx`.
    StoreFast = 0x11 "STORE_FAST" (idx: u16) Next => (-1, 0), pops 1;
    /// Unbinds local `idx` (`del x`); unbound raises like `LOAD_FAST`.
    DeleteFast = 0x12 "DELETE_FAST" (idx: u16) Next => (0, 0), pops 0;
    /// Pushes the contents of cell `idx` (cells first, then free variables).
    LoadDeref = 0x13 "LOAD_DEREF" (idx: u16) Next => (1, 0), pops 0;
    /// Pops TOS into cell `idx`.
    StoreDeref = 0x14 "STORE_DEREF" (idx: u16) Next => (-1, 0), pops 1;
    /// Empties cell `idx`.
    DeleteDeref = 0x15 "DELETE_DEREF" (idx: u16) Next => (0, 0), pops 0;
    /// Pushes cell `idx` itself (to build a closure tuple).
    LoadClosure = 0x16 "LOAD_CLOSURE" (idx: u16) Next => (1, 0), pops 0;

    /// Pushes global `name` of the current module, else builtin `name`, else
    /// raises `NameError: name 'x' is not defined`.
    LoadGlobal = 0x18 "LOAD_GLOBAL" (name: u16) Next => (1, 0), pops 0;
    /// Pops TOS into global `name`.
    StoreGlobal = 0x19 "STORE_GLOBAL" (name: u16) Next => (-1, 0), pops 1;
    /// Deletes global `name` (`NameError` if absent).
    DeleteGlobal = 0x1a "DELETE_GLOBAL" (name: u16) Next => (0, 0), pops 0;
    /// Replaces TOS with `TOS.name`.
    LoadAttr = 0x1c "LOAD_ATTR" (name: u16) Next => (0, 0), pops 1;
    /// `TOS.name = TOS1`; pops both.
    StoreAttr = 0x1d "STORE_ATTR" (name: u16) Next => (-2, 0), pops 2;
    /// `del TOS.name`; pops it.
    DeleteAttr = 0x1e "DELETE_ATTR" (name: u16) Next => (-1, 0), pops 1;
    /// Replaces TOS (`obj`) with two entries for `CALL_METHOD`: either the
    /// unbound method and `obj` (no bound-method object is allocated), or the
    /// attribute's value and a null marker.
    LoadMethod = 0x1f "LOAD_METHOD" (name: u16) Next => (1, 0), pops 1;

    /// `TOS1[TOS]`.
    LoadSubscr = 0x20 "LOAD_SUBSCR" () Next => (-1, 0), pops 2;
    /// `TOS1[TOS] = TOS2`; pops all three.
    StoreSubscr = 0x21 "STORE_SUBSCR" () Next => (-3, 0), pops 3;
    /// `del TOS1[TOS]`; pops both.
    DeleteSubscr = 0x22 "DELETE_SUBSCR" () Next => (-2, 0), pops 2;

    /// `TOS1 op TOS` for the [`BinOp`] `op`.
    BinaryOp = 0x24 "BINARY_OP" (op: u8) Next => (-1, 0), pops 2;
    /// `TOS1 op= TOS`: tries the in-place form first, then `op`.
    InplaceOp = 0x25 "INPLACE_OP" (op: u8) Next => (-1, 0), pops 2;
    /// `op TOS` for the [`UnaryOp`] `op`.
    UnaryOp = 0x26 "UNARY_OP" (op: u8) Next => (0, 0), pops 1;
    /// `TOS1 op TOS` for the [`CmpOp`] `op`; pushes a bool (or whatever a
    /// rich comparison returns).
    CompareOp = 0x27 "COMPARE_OP" (op: u8) Next => (-1, 0), pops 2;

    /// Jumps by `rel`.
    Jump = 0x30 "JUMP" (rel: Rel) Jump => (0, 0), pops 0;
    /// Pops TOS; jumps if it is false.
    PopJumpIfFalse = 0x31 "POP_JUMP_IF_FALSE" (rel: Rel) Branch => (-1, -1), pops 1;
    /// Pops TOS; jumps if it is true.
    PopJumpIfTrue = 0x32 "POP_JUMP_IF_TRUE" (rel: Rel) Branch => (-1, -1), pops 1;
    /// If TOS is false, jumps and keeps it; otherwise pops it (`and`).
    JumpIfFalseOrPop = 0x33 "JUMP_IF_FALSE_OR_POP" (rel: Rel) Branch => (-1, 0), pops 1;
    /// If TOS is true, jumps and keeps it; otherwise pops it (`or`).
    JumpIfTrueOrPop = 0x34 "JUMP_IF_TRUE_OR_POP" (rel: Rel) Branch => (-1, 0), pops 1;
    /// Replaces TOS with `iter(TOS)`.
    GetIter = 0x35 "GET_ITER" () Next => (0, 0), pops 1;
    /// TOS is an iterator: pushes its next value, or, when it is exhausted,
    /// pops it and jumps.
    ForIter = 0x36 "FOR_ITER" (rel: Rel) Branch => (1, -1), pops 1;

    /// Pops `n` values into a new tuple (first pushed first).
    BuildTuple = 0x40 "BUILD_TUPLE" (n: u16) Next => (1 - n, 0), pops n;
    /// Pops `n` values into a new list.
    BuildList = 0x41 "BUILD_LIST" (n: u16) Next => (1 - n, 0), pops n;
    /// Pops `n` key/value pairs (key pushed first) into a new dict.
    BuildMap = 0x42 "BUILD_MAP" (n: u16) Next => (1 - 2 * n, 0), pops 2 * n;
    /// Pops `n` values into a new set.
    BuildSet = 0x43 "BUILD_SET" (n: u16) Next => (1 - n, 0), pops n;
    /// Pops `n` (2 or 3) of start, stop, step into a slice.
    BuildSlice = 0x44 "BUILD_SLICE" (n: u8) Next => (1 - n, 0), pops n;
    /// Pops `n` strs and pushes their concatenation (f-strings).
    BuildString = 0x45 "BUILD_STRING" (n: u16) Next => (1 - n, 0), pops n;
    /// Formats a value for an f-string: pops the spec (if `flags` has
    /// [`FORMAT_HAS_SPEC`]) and the value, applies the conversion in `flags`,
    /// pushes the str.
    FormatValue = 0x46 "FORMAT_VALUE" (flags: u8) Next => (-((flags >> 2) & 1), 0), pops 1 + ((flags >> 2) & 1);
    /// Pops an iterable of exactly `n` items and pushes them so the first
    /// item ends on top.
    UnpackSequence = 0x47 "UNPACK_SEQUENCE" (n: u16) Next => (n - 1, 0), pops 1;
    /// Pops TOS and appends it to the list `depth` entries below (comprehensions).
    ListAppend = 0x48 "LIST_APPEND" (depth: u16) Next => (-1, 0), pops depth + 1;
    /// Pops TOS and adds it to the set `depth` entries below.
    SetAdd = 0x49 "SET_ADD" (depth: u16) Next => (-1, 0), pops depth + 1;
    /// Pops value and key (key pushed first) into the dict `depth` entries below.
    MapAdd = 0x4a "MAP_ADD" (depth: u16) Next => (-2, 0), pops depth + 2;
    /// Pops an iterable and extends the list (or set) `depth` entries below
    /// with it (`[*a]`, `{*a}`).
    ListExtend = 0x4b "LIST_EXTEND" (depth: u16) Next => (-1, 0), pops depth + 1;
    /// Pops a mapping and merges it into the dict `depth` below (`{**a}`).
    DictUpdate = 0x4c "DICT_UPDATE" (depth: u16) Next => (-1, 0), pops depth + 1;
    /// Unpacks with a star target: `before` names, a list, `after` names.
    UnpackEx = 0x4d "UNPACK_EX" (before: u8, after: u8) Next => (before + after, 0), pops 1;
    /// Replaces the list on TOS with a tuple of its items.
    ListToTuple = 0x4e "LIST_TO_TUPLE" () Next => (0, 0), pops 1;

    /// Makes a function from code constant `idx`. Below it, in push order:
    /// the defaults tuple ([`MAKE_FN_DEFAULTS`]), the keyword-only defaults
    /// dict ([`MAKE_FN_KWDEFAULTS`]), the closure tuple ([`MAKE_FN_CLOSURE`]).
    MakeFunction = 0x50 "MAKE_FUNCTION" (idx: u16, flags: u8) Next => (1 - popcount3(flags), 0), pops popcount3(flags);
    /// Calls `f` with `argc` positional and `nkw` keyword arguments. Stack,
    /// bottom to top: `f`, the positional arguments, then `nkw` pairs of
    /// (name as a str, value).
    Call = 0x51 "CALL" (argc: u8, nkw: u8) Next => (-(argc + 2 * nkw), 0), pops argc + 2 * nkw + 1;
    /// Like `CALL`, for the two entries `LOAD_METHOD` pushed below the arguments.
    CallMethod = 0x52 "CALL_METHOD" (argc: u8, nkw: u8) Next => (-(argc + 2 * nkw) - 1, 0), pops argc + 2 * nkw + 2;
    /// Calls `f` with a tuple of positional arguments and, if `flags` has
    /// [`CALL_EX_KWARGS`], a dict of keyword arguments (`f(*a, **k)`).
    CallEx = 0x53 "CALL_EX" (flags: u8) Next => (-1 - (flags & 1), 0), pops 2 + (flags & 1);

    /// Returns TOS from the frame.
    ReturnValue = 0x58 "RETURN_VALUE" () Stop => (-1, 0), pops 1;
    /// `n` = 0: re-raises the exception being handled (`raise`);
    /// 1: raises TOS (a class is called first); 2: raises TOS1 with
    /// `__cause__` TOS (`raise a from b`).
    RaiseVarargs = 0x59 "RAISE_VARARGS" (n: u8) Stop => (-n, 0), pops n;
    /// Pops an exception and raises it again without adding a traceback
    /// entry (end of a `finally` or an unmatched `except` chain).
    Reraise = 0x5a "RERAISE" () Stop => (-1, 0), pops 1;
    /// Pushes an exception block whose handler is at `rel`. When an
    /// exception escapes the protected code, the value stack is cut back to
    /// its depth here, the block popped, the exception pushed, and the
    /// handler entered.
    SetupExcept = 0x5b "SETUP_EXCEPT" (rel: Rel) Setup => (0, 1), pops 0;
    /// Pops the innermost exception block (leaving a `try` normally, or
    /// before `break`/`continue`/`return` leaves it).
    PopBlock = 0x5c "POP_BLOCK" () Next => (0, 0), pops 0;
    /// At a handler's start: TOS is the exception; pushes the exception
    /// being handled before it (`exc` → `prev exc`) and makes TOS the one
    /// being handled (for bare `raise` and `__context__`).
    PushExcInfo = 0x5d "PUSH_EXC_INFO" () Next => (1, 0), pops 1;
    /// Pops `prev` and makes it the exception being handled again.
    PopExcept = 0x5e "POP_EXCEPT" () Next => (-1, 0), pops 1;

    /// Imports module `name` (an absolute dotted name; the compiler
    /// resolves relative imports) and every package above it, running each
    /// body the first time, and pushes the top-level package, or with
    /// [`IMPORT_LEAF`] in `flags` the named module itself.
    ImportName = 0x60 "IMPORT_NAME" (name: u16, flags: u8) Next => (1, 0), pops 0;
    /// TOS is a module: pushes its attribute `name`, importing the
    /// submodule of that name if it has none (`from m import x`).
    ImportFrom = 0x61 "IMPORT_FROM" (name: u16) Next => (1, 0), pops 1;
    /// Pops a module and binds each of its public names in the current
    /// module's globals (`from m import *`).
    ImportStar = 0x62 "IMPORT_STAR" () Next => (-1, 0), pops 1;

    /// Pushes `name` from the frame's namespace (a class body's), else the
    /// module's globals, else the builtins.
    LoadName = 0x64 "LOAD_NAME" (name: u16) Next => (1, 0), pops 0;
    /// Pops TOS into the frame's namespace.
    StoreName = 0x65 "STORE_NAME" (name: u16) Next => (-1, 0), pops 1;
    /// Deletes `name` from the frame's namespace.
    DeleteName = 0x66 "DELETE_NAME" (name: u16) Next => (0, 0), pops 0;
    /// Makes a class. Stack, bottom to top: the body function (a code
    /// object with the `NAMESPACE` flag), the name (a str), `nbases` bases.
    /// Runs the body with a fresh namespace and pushes the class.
    BuildClass = 0x67 "BUILD_CLASS" (nbases: u8) Next => (-1 - nbases, 0), pops nbases + 2;
    /// `with`: replaces the context manager on TOS with its bound
    /// `__exit__` and pushes what its `__enter__()` returns.
    WithEnter = 0x68 "WITH_ENTER" () Next => (1, 0), pops 1;
    /// In a `with` handler: TOS is the exception, TOS2 the bound
    /// `__exit__`; pushes `__exit__(type(exc), exc, None)`.
    WithExit = 0x69 "WITH_EXIT" () Next => (1, 0), pops 3;
    /// Suspends the generator, handing TOS to whoever resumed it; on
    /// resumption TOS is replaced by the value sent in (None for `next`).
    YieldValue = 0x6a "YIELD_VALUE" () Next => (0, 0), pops 1;
    /// `yield from`: TOS is the value to send, TOS1 the sub-iterator. Each
    /// value the sub-iterator yields is yielded from here, and the
    /// instruction runs again with what was sent back; when it finishes,
    /// both are replaced by its return value.
    YieldFrom = 0x6b "YIELD_FROM" () Next => (-1, 0), pops 2;
}

/// `IMPORT_NAME` flag: push the named module, not its top-level package
/// (`import a.b as c`, `from a.b import x`).
pub const IMPORT_LEAF: u8 = 1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_opcode_round_trips_and_reports_its_size() {
        for &code in Op::ALL_OPCODES {
            let bytes = [code, 0x34, 0x12, 0x02, 0x01];
            // Jumps of any offset, operands of any value: decode, encode, compare.
            let op = Op::decode(&bytes, 0).unwrap();
            let mut out = [0; MAX_INSTRUCTION_SIZE];
            let n = op.encode_into(&mut out);
            assert_eq!(n, op.size());
            assert_eq!(&out[..n], &bytes[..n]);
            assert_eq!(Op::decode(&out[..n], 0).unwrap(), op);
            assert!(
                matches!(
                    Op::decode(&out[..n - 1], 0),
                    Err(DecodeError::Truncated { .. })
                ) || n == 1
            );
        }
    }

    #[test]
    fn every_instruction_reads_at_least_what_it_removes() {
        for &code in Op::ALL_OPCODES {
            for operands in [[0u8; 4], [3, 0, 2, 0], [7, 1, 1, 0]] {
                let bytes = [code, operands[0], operands[1], operands[2], operands[3]];
                let op = Op::decode(&bytes, 0).unwrap();
                let (fall, branch) = op.stack_effect();
                assert!(op.pops() >= -fall && op.pops() >= -branch.min(0), "{op:?}");
            }
        }
    }

    #[test]
    fn opcodes_are_unique() {
        let mut seen = [false; 256];
        for &code in Op::ALL_OPCODES {
            assert!(!seen[code as usize], "opcode 0x{code:02x} used twice");
            seen[code as usize] = true;
        }
    }

    #[test]
    fn with_rel_replaces_only_branch_offsets() {
        let j = Op::ForIter { rel: Rel(0) }.with_rel(-7);
        assert_eq!(j, Op::ForIter { rel: Rel(-7) });
        let c = Op::Call { argc: 2, nkw: 1 }.with_rel(9);
        assert_eq!(c, Op::Call { argc: 2, nkw: 1 });
        assert_eq!(Op::Call { argc: 2, nkw: 1 }.stack_effect(), (-4, 0));
        assert_eq!(
            Op::MakeFunction { idx: 0, flags: 5 }.stack_effect(),
            (-1, 0)
        );
    }

    #[test]
    fn unknown_opcodes_are_refused() {
        assert_eq!(
            Op::decode(&[0xff], 0),
            Err(DecodeError::BadOpcode {
                offset: 0,
                byte: 0xff
            })
        );
        assert_eq!(
            Op::decode(&[], 0),
            Err(DecodeError::Truncated { offset: 0 })
        );
    }
}
