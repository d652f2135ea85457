//! The builtin objects: functions, types and exception classes, each an
//! immediate [`Value::builtin`] with an id from this table, so none of them
//! occupies the heap.

use crate::value::Value;
use image_format::qstr;

/// What a builtin is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Func,
    Type,
    /// An exception class with its base class.
    Exc(u16),
    /// A builtin module (`math`, `sys`, …).
    Module,
}

macro_rules! builtins {
    ($($id:ident = $name:literal, $q:expr, $kind:expr;)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u16)]
        enum Index { $($id,)* Count }
        $( pub const $id: u16 = Index::$id as u16; )*
        pub const COUNT: usize = Index::Count as usize;
        /// Display names (`<class 'int'>`, `<built-in function len>`), one
        /// after another: [`name`] cuts one out (two bytes of `ENDS` each
        /// instead of an eight-byte `&str`).
        static TEXT: &str = concat!($($name,)*);
        static ENDS: [u16; COUNT] = {
            let lens = [$($name.len(),)*];
            let mut ends = [0u16; COUNT];
            let (mut i, mut at) = (0, 0);
            while i < COUNT {
                at += lens[i];
                ends[i] = at as u16;
                i += 1;
            }
            ends
        };
        /// Global names (qstr ids; `u32::MAX` for types without one).
        pub static QSTRS: [u32; COUNT] = [$($q,)*];
        pub static KINDS: [Kind; COUNT] = [$($kind,)*];
    };
}

const NO: u32 = u32::MAX;
use Kind::{Exc, Func, Module, Type};

builtins! {
    // Functions.
    PRINT = "print", qstr::PRINT as u32, Func;
    LEN = "len", qstr::LEN as u32, Func;
    ABS = "abs", qstr::ABS as u32, Func;
    MIN = "min", qstr::MIN as u32, Func;
    MAX = "max", qstr::MAX as u32, Func;
    SUM = "sum", qstr::SUM as u32, Func;
    REPR = "repr", qstr::REPR as u32, Func;
    ISINSTANCE = "isinstance", qstr::ISINSTANCE as u32, Func;
    ISSUBCLASS = "issubclass", qstr::ISSUBCLASS as u32, Func;
    ORD = "ord", qstr::ORD as u32, Func;
    CHR = "chr", qstr::CHR as u32, Func;
    HEX = "hex", qstr::HEX as u32, Func;
    OCT = "oct", qstr::OCT as u32, Func;
    BIN = "bin", qstr::BIN as u32, Func;
    DIVMOD = "divmod", qstr::DIVMOD as u32, Func;
    POW = "pow", qstr::POW as u32, Func;
    ROUND = "round", qstr::ROUND as u32, Func;
    HASH = "hash", qstr::HASH as u32, Func;
    ID = "id", qstr::ID as u32, Func;
    CALLABLE = "callable", qstr::CALLABLE as u32, Func;
    ITER = "iter", qstr::ITER as u32, Func;
    NEXT = "next", qstr::NEXT as u32, Func;
    GETATTR = "getattr", qstr::GETATTR as u32, Func;
    HASATTR = "hasattr", qstr::HASATTR as u32, Func;
    SETATTR = "setattr", qstr::SETATTR as u32, Func;
    DELATTR = "delattr", qstr::DELATTR as u32, Func;
    ANY = "any", qstr::ANY as u32, Func;
    ALL = "all", qstr::ALL as u32, Func;
    FORMAT = "format", qstr::FORMAT as u32, Func;
    SORTED = "sorted", qstr::SORTED as u32, Func;
    ASCII = "ascii", qstr::ASCII as u32, Func;
    DIR = "dir", qstr::DIR as u32, Func;
    // Class methods of builtin types (`int.from_bytes`), reached as
    // attributes of their type (see `access::CLASS_FUNCS`).
    INT_FROM_BYTES = "from_bytes", NO, Func;
    BYTES_FROMHEX = "fromhex", NO, Func;
    DICT_FROMKEYS = "fromkeys", NO, Func;
    STR_MAKETRANS = "maketrans", NO, Func;
    // Types.
    OBJECT = "object", qstr::OBJECT as u32, Type;
    INT = "int", qstr::INT as u32, Type;
    FLOAT = "float", qstr::FLOAT as u32, Type;
    BOOL = "bool", qstr::BOOL as u32, Type;
    STR = "str", qstr::STR as u32, Type;
    LIST = "list", qstr::LIST as u32, Type;
    TUPLE = "tuple", qstr::TUPLE as u32, Type;
    DICT = "dict", qstr::DICT as u32, Type;
    RANGE = "range", qstr::RANGE as u32, Type;
    TYPE = "type", qstr::TYPE as u32, Type;
    SLICE = "slice", qstr::SLICE as u32, Type;
    ENUMERATE = "enumerate", qstr::ENUMERATE as u32, Type;
    ZIP = "zip", qstr::ZIP as u32, Type;
    MAP = "map", qstr::MAP as u32, Type;
    FILTER = "filter", qstr::FILTER as u32, Type;
    REVERSED = "reversed", qstr::REVERSED as u32, Type;
    SET = "set", qstr::SET as u32, Type;
    BYTES = "bytes", qstr::BYTES as u32, Type;
    BYTEARRAY = "bytearray", qstr::BYTEARRAY as u32, Type;
    SUPER = "super", qstr::SUPER as u32, Type;
    STATICMETHOD = "staticmethod", qstr::STATICMETHOD as u32, Type;
    CLASSMETHOD = "classmethod", qstr::CLASSMETHOD as u32, Type;
    PROPERTY = "property", qstr::PROPERTY as u32, Type;
    FROZENSET = "frozenset", qstr::FROZENSET as u32, Type;
    NONE_TYPE = "NoneType", NO, Type;
    FUNCTION = "function", NO, Type;
    BUILTIN_FUNCTION = "builtin_function_or_method", NO, Type;
    METHOD = "method", NO, Type;
    CELL = "cell", NO, Type;
    MODULE = "module", NO, Type;
    LIST_ITERATOR = "list_iterator", NO, Type;
    TUPLE_ITERATOR = "tuple_iterator", NO, Type;
    STR_ITERATOR = "str_ascii_iterator", NO, Type;
    RANGE_ITERATOR = "range_iterator", NO, Type;
    DICT_KEYITERATOR = "dict_keyiterator", NO, Type;
    SET_ITERATOR = "set_iterator", NO, Type;
    GENERATOR = "generator", NO, Type;
    DICT_KEYS = "dict_keys", NO, Type;
    DICT_VALUES = "dict_values", NO, Type;
    DICT_ITEMS = "dict_items", NO, Type;
    NOT_IMPLEMENTED_TYPE = "NotImplementedType", NO, Type;
    ELLIPSIS_TYPE = "ellipsis", NO, Type;
    TRACEBACK = "traceback", NO, Type;
    CALLABLE_ITERATOR = "callable_iterator", NO, Type;
    // Functions of the builtin modules (no global names: reached as
    // attributes of their module).
    SYS_EXIT = "exit", NO, Func;
    SYS_PRINT_EXCEPTION = "print_exception", NO, Func;
    MATH_SQRT = "sqrt", NO, Func;
    MATH_FLOOR = "floor", NO, Func;
    MATH_CEIL = "ceil", NO, Func;
    MATH_TRUNC = "trunc", NO, Func;
    MATH_FABS = "fabs", NO, Func;
    MATH_EXP = "exp", NO, Func;
    MATH_LOG = "log", NO, Func;
    MATH_LOG10 = "log10", NO, Func;
    MATH_LOG2 = "log2", NO, Func;
    MATH_POW = "pow", NO, Func;
    MATH_SIN = "sin", NO, Func;
    MATH_COS = "cos", NO, Func;
    MATH_TAN = "tan", NO, Func;
    MATH_ASIN = "asin", NO, Func;
    MATH_ACOS = "acos", NO, Func;
    MATH_ATAN = "atan", NO, Func;
    MATH_ATAN2 = "atan2", NO, Func;
    MATH_DEGREES = "degrees", NO, Func;
    MATH_RADIANS = "radians", NO, Func;
    MATH_ISNAN = "isnan", NO, Func;
    MATH_ISINF = "isinf", NO, Func;
    MATH_ISFINITE = "isfinite", NO, Func;
    MATH_COPYSIGN = "copysign", NO, Func;
    MATH_FMOD = "fmod", NO, Func;
    MATH_MODF = "modf", NO, Func;
    MATH_FREXP = "frexp", NO, Func;
    MATH_LDEXP = "ldexp", NO, Func;
    MATH_GCD = "gcd", NO, Func;
    MATH_FACTORIAL = "factorial", NO, Func;
    MATH_HYPOT = "hypot", NO, Func;
    MATH_ISCLOSE = "isclose", NO, Func;
    MATH_SINH = "sinh", NO, Func;
    MATH_COSH = "cosh", NO, Func;
    MATH_TANH = "tanh", NO, Func;
    MATH_ISQRT = "isqrt", NO, Func;
    MATH_LCM = "lcm", NO, Func;
    MATH_COMB = "comb", NO, Func;
    MATH_PERM = "perm", NO, Func;
    MATH_PROD = "prod", NO, Func;
    MATH_FSUM = "fsum", NO, Func;
    MATH_DIST = "dist", NO, Func;
    MATH_LOG1P = "log1p", NO, Func;
    MATH_EXPM1 = "expm1", NO, Func;
    TIME_TIME = "time", NO, Func;
    TIME_SLEEP = "sleep", NO, Func;
    TIME_SLEEP_MS = "sleep_ms", NO, Func;
    TIME_SLEEP_US = "sleep_us", NO, Func;
    TIME_TICKS_MS = "ticks_ms", NO, Func;
    TIME_TICKS_US = "ticks_us", NO, Func;
    TIME_TICKS_DIFF = "ticks_diff", NO, Func;
    TIME_TICKS_ADD = "ticks_add", NO, Func;
    TIME_TIME_NS = "time_ns", NO, Func;
    TIME_MONOTONIC = "monotonic", NO, Func;
    GC_COLLECT = "collect", NO, Func;
    GC_MEM_FREE = "mem_free", NO, Func;
    GC_MEM_ALLOC = "mem_alloc", NO, Func;
    GC_ENABLE = "enable", NO, Func;
    GC_DISABLE = "disable", NO, Func;
    GC_ISENABLED = "isenabled", NO, Func;
    STRUCT_PACK = "pack", NO, Func;
    STRUCT_UNPACK = "unpack", NO, Func;
    STRUCT_CALCSIZE = "calcsize", NO, Func;
    STRUCT_UNPACK_FROM = "unpack_from", NO, Func;
    JSON_DUMPS = "dumps", NO, Func;
    JSON_LOADS = "loads", NO, Func;
    MP_CONST = "const", NO, Func;
    MP_OPT_LEVEL = "opt_level", NO, Func;
    MP_MEM_INFO = "mem_info", NO, Func;
    MACHINE_FREQ = "freq", NO, Func;
    MACHINE_RESET = "reset", NO, Func;
    MACHINE_UNIQUE_ID = "unique_id", NO, Func;
    MACHINE_IDLE = "idle", NO, Func;
    // `machine.Pin`, reached as an attribute of `machine`.
    MACHINE_PIN = "Pin", NO, Type;
    // Builtin modules.
    MOD_SYS = "sys", qstr::SYS as u32, Module;
    MOD_MATH = "math", qstr::MATH as u32, Module;
    MOD_TIME = "time", qstr::TIME as u32, Module;
    MOD_GC = "gc", qstr::GC as u32, Module;
    MOD_MICROPYTHON = "micropython", qstr::MICROPYTHON as u32, Module;
    MOD_STRUCT = "struct", qstr::STRUCT as u32, Module;
    MOD_JSON = "json", qstr::JSON as u32, Module;
    MOD_MACHINE = "machine", qstr::MACHINE as u32, Module;
    // `sys.implementation`: a namespace, not importable.
    SYS_IMPLEMENTATION = "implementation", NO, Module;
    // Exceptions, each after its base.
    BASE_EXCEPTION = "BaseException", qstr::BASE_EXCEPTION as u32, Exc(OBJECT);
    SYSTEM_EXIT = "SystemExit", qstr::SYSTEM_EXIT as u32, Exc(BASE_EXCEPTION);
    KEYBOARD_INTERRUPT = "KeyboardInterrupt", qstr::KEYBOARD_INTERRUPT as u32, Exc(BASE_EXCEPTION);
    GENERATOR_EXIT = "GeneratorExit", qstr::GENERATOR_EXIT as u32, Exc(BASE_EXCEPTION);
    EXCEPTION = "Exception", qstr::EXCEPTION as u32, Exc(BASE_EXCEPTION);
    STOP_ITERATION = "StopIteration", qstr::STOP_ITERATION as u32, Exc(EXCEPTION);
    ARITHMETIC_ERROR = "ArithmeticError", qstr::ARITHMETIC_ERROR as u32, Exc(EXCEPTION);
    OVERFLOW_ERROR = "OverflowError", qstr::OVERFLOW_ERROR as u32, Exc(ARITHMETIC_ERROR);
    ZERO_DIVISION_ERROR = "ZeroDivisionError", qstr::ZERO_DIVISION_ERROR as u32, Exc(ARITHMETIC_ERROR);
    ASSERTION_ERROR = "AssertionError", qstr::ASSERTION_ERROR as u32, Exc(EXCEPTION);
    ATTRIBUTE_ERROR = "AttributeError", qstr::ATTRIBUTE_ERROR as u32, Exc(EXCEPTION);
    EOF_ERROR = "EOFError", qstr::EOFERROR as u32, Exc(EXCEPTION);
    IMPORT_ERROR = "ImportError", qstr::IMPORT_ERROR as u32, Exc(EXCEPTION);
    MODULE_NOT_FOUND_ERROR = "ModuleNotFoundError", qstr::MODULE_NOT_FOUND_ERROR as u32, Exc(IMPORT_ERROR);
    LOOKUP_ERROR = "LookupError", qstr::LOOKUP_ERROR as u32, Exc(EXCEPTION);
    INDEX_ERROR = "IndexError", qstr::INDEX_ERROR as u32, Exc(LOOKUP_ERROR);
    KEY_ERROR = "KeyError", qstr::KEY_ERROR as u32, Exc(LOOKUP_ERROR);
    MEMORY_ERROR = "MemoryError", qstr::MEMORY_ERROR as u32, Exc(EXCEPTION);
    NAME_ERROR = "NameError", qstr::NAME_ERROR as u32, Exc(EXCEPTION);
    UNBOUND_LOCAL_ERROR = "UnboundLocalError", qstr::UNBOUND_LOCAL_ERROR as u32, Exc(NAME_ERROR);
    OS_ERROR = "OSError", qstr::OSERROR as u32, Exc(EXCEPTION);
    RUNTIME_ERROR = "RuntimeError", qstr::RUNTIME_ERROR as u32, Exc(EXCEPTION);
    NOT_IMPLEMENTED_ERROR = "NotImplementedError", qstr::NOT_IMPLEMENTED_ERROR as u32, Exc(RUNTIME_ERROR);
    RECURSION_ERROR = "RecursionError", qstr::RECURSION_ERROR as u32, Exc(RUNTIME_ERROR);
    SYNTAX_ERROR = "SyntaxError", qstr::SYNTAX_ERROR as u32, Exc(EXCEPTION);
    TYPE_ERROR = "TypeError", qstr::TYPE_ERROR as u32, Exc(EXCEPTION);
    VALUE_ERROR = "ValueError", qstr::VALUE_ERROR as u32, Exc(EXCEPTION);
    UNICODE_ERROR = "UnicodeError", qstr::UNICODE_ERROR as u32, Exc(VALUE_ERROR);
    STRUCT_ERROR = "error", NO, Exc(EXCEPTION);
    JSON_DECODE_ERROR = "JSONDecodeError", NO, Exc(VALUE_ERROR);
    UNICODE_DECODE_ERROR = "UnicodeDecodeError", qstr::UNICODE_DECODE_ERROR as u32, Exc(UNICODE_ERROR);
    UNICODE_ENCODE_ERROR = "UnicodeEncodeError", qstr::UNICODE_ENCODE_ERROR as u32, Exc(UNICODE_ERROR);
    FILE_NOT_FOUND_ERROR = "FileNotFoundError", qstr::FILE_NOT_FOUND_ERROR as u32, Exc(OS_ERROR);
    FILE_EXISTS_ERROR = "FileExistsError", qstr::FILE_EXISTS_ERROR as u32, Exc(OS_ERROR);
    PERMISSION_ERROR = "PermissionError", qstr::PERMISSION_ERROR as u32, Exc(OS_ERROR);
    IS_A_DIRECTORY_ERROR = "IsADirectoryError", qstr::IS_A_DIRECTORY_ERROR as u32, Exc(OS_ERROR);
    NOT_A_DIRECTORY_ERROR = "NotADirectoryError", qstr::NOT_A_DIRECTORY_ERROR as u32, Exc(OS_ERROR);
    TIMEOUT_ERROR = "TimeoutError", qstr::TIMEOUT_ERROR as u32, Exc(OS_ERROR);
    CONNECTION_ERROR = "ConnectionError", qstr::CONNECTION_ERROR as u32, Exc(OS_ERROR);
}

/// The display name of builtin `id`; "?" for an id past the table.
pub fn name(id: u16) -> &'static str {
    let i = id as usize;
    let start = match i {
        0 => 0,
        _ => ENDS.get(i - 1).copied().unwrap_or(0),
    };
    match ENDS.get(i) {
        Some(&end) => TEXT.get(start as usize..end as usize).unwrap_or("?"),
        None => "?",
    }
}

/// The builtin a global name refers to, if any (modules are not globals:
/// they need an `import`).
pub fn lookup(name: u32) -> Option<Value> {
    // `IOError` is another name for `OSError`, as in CPython.
    let name = if name == qstr::IOERROR as u32 {
        qstr::OSERROR as u32
    } else {
        name
    };
    // Static names only; a linear scan over ~100 entries, done once per
    // LOAD_GLOBAL miss. A per-qstr table would trade RAM for speed.
    QSTRS
        .iter()
        .position(|&q| q == name)
        .filter(|&i| KINDS[i] != Kind::Module)
        .map(|i| Value::builtin(i as u16))
}

/// The builtin module called `name`.
pub fn lookup_module(name: &str) -> Option<Value> {
    (0..COUNT)
        .find(|&i| {
            KINDS[i] == Kind::Module && self::name(i as u16) == name && module_built_in(i as u16)
        })
        .map(|i| Value::builtin(i as u16))
}

/// Is this module part of this build? `json` and `struct` are features a
/// small board's runtime leaves out; importing them then fails as for any
/// missing module.
fn module_built_in(id: u16) -> bool {
    match id {
        MOD_JSON => cfg!(feature = "json"),
        MOD_STRUCT => cfg!(feature = "struct"),
        _ => id != SYS_IMPLEMENTATION,
    }
}

pub fn is_module(id: u16) -> bool {
    kind(id) == Kind::Module
}

pub fn kind(id: u16) -> Kind {
    KINDS.get(id as usize).copied().unwrap_or(Kind::Func)
}

pub fn is_type(id: u16) -> bool {
    matches!(kind(id), Kind::Type | Kind::Exc(_))
}

pub fn is_exception_class(id: u16) -> bool {
    matches!(kind(id), Kind::Exc(_))
}

/// Is builtin type `sub` the same as or derived from `sup`?
pub fn is_subclass(sub: u16, sup: u16) -> bool {
    if sup == OBJECT {
        return is_type(sub);
    }
    if sub == BOOL && sup == INT {
        return true;
    }
    let mut c = sub;
    loop {
        if c == sup {
            return true;
        }
        match kind(c) {
            Kind::Exc(base) if base != c => c = base,
            _ => return false,
        }
    }
}
