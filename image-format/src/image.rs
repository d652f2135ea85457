//! The image layout and its validating reader.
//!
//! ```text
//! offset  size  field
//! 0       4     magic "MPCI"
//! 4       2     format version (u16 LE)
//! 6       2     flags (u16 LE, FLAG_*)
//! 8       4     image length in bytes, header included
//! 12      4     CRC-32 (IEEE) of bytes [HEADER_LEN, image length)
//! 16      4     table-of-contents length in bytes
//! 20      4     reserved, zero
//! 24      …     table of contents (postcard, [`Toc`])
//! …             sections, each 4-aligned, at the offsets the TOC gives
//! ```
//!
//! Sections are fixed-size little-endian records ([`ModuleRecord`],
//! [`ConstRecord`], [`CodeRecord`], [`StringRecord`]) or raw data (string
//! bytes, bytecode, line tables, name lists), so the VM reads them in place:
//! nothing is decoded into memory. [`Image::parse`] checks every offset,
//! count, index and instruction once; after it succeeds, accessors may index
//! without further checks (they still never panic on their own, because the
//! records they read were all checked).

use crate::ops::{BinOp, CmpOp, DecodeError, Op, UnaryOp};
use crate::qstr;
use serde::{Deserialize, Serialize};

pub const MAGIC: [u8; 4] = *b"MPCI";
pub const FORMAT_VERSION: u16 = 1;
pub const HEADER_LEN: usize = 24;

/// The image uses floats (a runtime without float support refuses it).
pub const FLAG_FLOAT: u16 = 1;

/// Where a section lies: byte offset from the image start, and byte length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub offset: u32,
    pub len: u32,
}

/// The table of contents, postcard-encoded right after the header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Toc {
    /// Index of the module `mpc run` executes as `__main__`.
    pub entry_module: u32,
    /// [`StringRecord`]s of the image's own names, ids from `qstr::STATIC_COUNT`.
    pub strings: Section,
    /// The UTF-8 bytes the string records point into.
    pub string_data: Section,
    /// [`ModuleRecord`]s.
    pub modules: Section,
    /// [`ConstRecord`]s of all modules; each module owns a contiguous run.
    pub consts: Section,
    /// Raw data of big ints, bytes and const tuples.
    pub const_data: Section,
    /// [`CodeRecord`]s.
    pub codes: Section,
    /// Every code object's instructions, each run 4-aligned.
    pub bytecode: Section,
    /// Line tables (see [`LineTable`]).
    pub lines: Section,
    /// u32 name lists of code objects (varnames, cellnames, freenames, cell2arg).
    pub names: Section,
}

/// Why an image was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageError {
    TooShort {
        len: usize,
    },
    BadMagic,
    UnsupportedVersion {
        found: u16,
        expected: u16,
    },
    UnsupportedFlags {
        flags: u16,
    },
    LengthMismatch {
        header: u32,
        actual: usize,
    },
    ChecksumMismatch {
        header: u32,
        actual: u32,
    },
    BadToc,
    SectionOutOfBounds {
        section: &'static str,
    },
    Misaligned {
        section: &'static str,
    },
    BadRecord {
        section: &'static str,
        index: u32,
        why: &'static str,
    },
    BadInstruction {
        code: u32,
        error: DecodeError,
    },
    BadOperand {
        code: u32,
        offset: u32,
        why: &'static str,
    },
    BadJump {
        code: u32,
        offset: u32,
    },
    BadStack {
        code: u32,
        offset: u32,
        why: &'static str,
    },
    NoEntryModule,
}

impl core::fmt::Display for ImageError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use ImageError::*;
        match self {
            TooShort { len } => write!(f, "image is {len} bytes, shorter than its header"),
            BadMagic => write!(f, "not an mpc image (bad magic)"),
            UnsupportedVersion { found, expected } => {
                write!(
                    f,
                    "image format version {found}, this runtime reads version {expected}"
                )
            }
            UnsupportedFlags { flags } => write!(
                f,
                "image needs features this runtime lacks (flags 0x{flags:04x})"
            ),
            LengthMismatch { header, actual } => {
                write!(
                    f,
                    "image header says {header} bytes, but {actual} are present"
                )
            }
            ChecksumMismatch { header, actual } => {
                write!(
                    f,
                    "image checksum mismatch (header 0x{header:08x}, contents 0x{actual:08x})"
                )
            }
            BadToc => write!(f, "image table of contents is malformed"),
            SectionOutOfBounds { section } => {
                write!(f, "image section `{section}` lies outside the image")
            }
            Misaligned { section } => write!(f, "image section `{section}` is misaligned"),
            BadRecord {
                section,
                index,
                why,
            } => write!(f, "image {section} record {index}: {why}"),
            BadInstruction { code, error } => write!(f, "code object {code}: {error}"),
            BadOperand { code, offset, why } => {
                write!(f, "code object {code}, offset {offset}: {why}")
            }
            BadJump { code, offset } => write!(
                f,
                "code object {code}, offset {offset}: jump outside the code or into an instruction"
            ),
            BadStack { code, offset, why } => {
                write!(f, "code object {code}, offset {offset}: {why}")
            }
            NoEntryModule => write!(f, "image has no entry module"),
        }
    }
}

/// CRC-32 (IEEE 802.3, reflected, as zlib's `crc32`).
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    let mut crc = !0u32;
    for &b in bytes {
        crc = TABLE[((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

pub(crate) fn rd_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}
pub(crate) fn rd_u16(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

/// One image name: where its bytes are in `string_data`, and its hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StringRecord {
    pub offset: u32,
    pub len: u32,
    pub hash: u32,
}
impl StringRecord {
    pub const SIZE: usize = 12;
}

/// One module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModuleRecord {
    /// Dotted module name (qstr), e.g. `pkg.sub`.
    pub name: u32,
    /// Source path for tracebacks (qstr), e.g. `src/main.py`.
    pub file: u32,
    /// First index of this module's constants in the const section.
    pub const_start: u32,
    pub const_count: u32,
    /// The code object of the module body.
    pub top_code: u32,
}
impl ModuleRecord {
    pub const SIZE: usize = 20;
}

/// Constant kinds.
pub mod const_kind {
    pub const NONE: u32 = 0;
    pub const TRUE: u32 = 1;
    pub const FALSE: u32 = 2;
    pub const ELLIPSIS: u32 = 3;
    /// `a` is the value as i32.
    pub const INT: u32 = 4;
    /// `a` is an offset into const data of `b & 0x7fff_ffff` u32 limbs,
    /// least significant first; bit 31 of `b` is the sign.
    pub const BIG_INT: u32 = 5;
    /// `a` is the low, `b` the high word of the f64 bits.
    pub const FLOAT: u32 = 6;
    /// `a` is a qstr id.
    pub const STR: u32 = 7;
    /// `a` is an offset into const data, `b` the length.
    pub const BYTES: u32 = 8;
    /// `a` is a code object index.
    pub const CODE: u32 = 9;
    /// `a` is an offset into const data of `b` u32 indices of this module's
    /// constants (which come before the tuple).
    pub const TUPLE: u32 = 10;
    pub const LAST: u32 = 10;
}

/// One constant: a kind and two words whose meaning the kind gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConstRecord {
    pub kind: u32,
    pub a: u32,
    pub b: u32,
}
impl ConstRecord {
    pub const SIZE: usize = 12;
}

/// A constant, decoded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Const<'a> {
    None,
    True,
    False,
    Ellipsis,
    Int(i32),
    /// Sign and little-endian u32 limbs (as raw bytes, 4 per limb).
    BigInt {
        negative: bool,
        limbs: &'a [u8],
    },
    Float(f64),
    Str(u32),
    Bytes(&'a [u8]),
    Code(u32),
    /// Module-relative constant indices as raw LE u32s.
    Tuple(&'a [u8]),
}

/// Code object flags.
pub mod code_flags {
    /// Extra positional arguments are collected in a tuple (`*args`), stored
    /// in the local after the named parameters.
    pub const VARARGS: u16 = 1;
    /// Extra keyword arguments are collected in a dict (`**kwargs`), stored
    /// in the next local.
    pub const VARKEYWORDS: u16 = 2;
    /// Calling it makes a generator.
    pub const GENERATOR: u16 = 4;
    /// A module body.
    pub const MODULE: u16 = 8;
    /// Locals live in a namespace dict (class bodies).
    pub const NAMESPACE: u16 = 16;
}

/// One code object. Locals are numbered parameters first: `argcount`
/// positional (the first `posonly` of them positional-only), then `kwonly`
/// keyword-only, then `*args` and `**kwargs` if the flags say so, then the
/// other locals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeRecord {
    /// Short name, for tracebacks (`inner`).
    pub name: u32,
    /// Qualified name, for messages about calls (`outer.<locals>.inner`).
    pub qualname: u32,
    pub module: u32,
    pub flags: u16,
    pub argcount: u16,
    pub posonly: u16,
    pub kwonly: u16,
    pub nlocals: u16,
    pub ncells: u16,
    pub nfree: u16,
    pub max_stack: u16,
    pub max_blocks: u16,
    pub first_line: u32,
    /// Byte range of the instructions within the bytecode section.
    pub code_offset: u32,
    pub code_len: u32,
    /// Byte range of the line table within the lines section.
    pub lines_offset: u32,
    pub lines_len: u32,
    /// Offset (in bytes) within the names section of `nlocals` varname
    /// qstrs, then `ncells` cellname qstrs, `nfree` freename qstrs, and
    /// `ncells` cell-to-argument local indices (`u32::MAX` where the cell is
    /// not a parameter).
    pub names_offset: u32,
}
impl CodeRecord {
    pub const SIZE: usize = 56;

    pub fn names_len(&self) -> usize {
        4 * (self.nlocals as usize + 2 * self.ncells as usize + self.nfree as usize)
    }
}

/// Line tables: a sequence of (bytecode delta, line delta) steps, each a
/// varint pair, the line delta zigzag-encoded. The line of an instruction is
/// `first_line` plus the line deltas of every step whose cumulative
/// bytecode offset is at or before it.
pub struct LineTable;

impl LineTable {
    pub fn push_varint(out: &mut impl Extend<u8>, mut v: u32) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.extend([b]);
                return;
            }
            out.extend([b | 0x80]);
        }
    }

    pub fn zigzag(v: i32) -> u32 {
        ((v << 1) ^ (v >> 31)) as u32
    }

    fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = *bytes.get(*at)?;
            *at += 1;
            v |= ((b & 0x7f) as u32).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    /// The line of the instruction at `pc`, or `None` for a malformed table.
    pub fn line_at(table: &[u8], first_line: u32, pc: u32) -> Option<u32> {
        let mut at = 0;
        let mut offset: u32 = 0;
        let mut line = first_line as i64;
        while at < table.len() {
            let d_pc = Self::read_varint(table, &mut at)?;
            let z = Self::read_varint(table, &mut at)?;
            let d_line = ((z >> 1) as i64) ^ -((z & 1) as i64);
            offset = offset.checked_add(d_pc)?;
            if offset > pc {
                break;
            }
            line += d_line;
        }
        u32::try_from(line).ok()
    }

    /// Walks a table to its end; `None` if it is malformed.
    pub fn check(table: &[u8], first_line: u32) -> Option<()> {
        let mut at = 0;
        let mut line = first_line as i64;
        while at < table.len() {
            Self::read_varint(table, &mut at)?;
            let z = Self::read_varint(table, &mut at)?;
            line += ((z >> 1) as i64) ^ -((z & 1) as i64);
            if !(0..=u32::MAX as i64).contains(&line) {
                return None;
            }
        }
        Some(())
    }
}

/// What [`analyze`] finds out about a code object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StackInfo {
    pub max_stack: u16,
    pub max_blocks: u16,
}

/// Why [`analyze`] refused a code object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowError {
    Decode(DecodeError),
    /// A branch leaves the code or lands inside an instruction.
    BadJump {
        offset: u32,
    },
    /// Two paths reach `offset` with different depths, or one pops below
    /// the frame's base, or the depth overflows.
    Stack {
        offset: u32,
        why: &'static str,
    },
    /// The last instruction falls off the end of the code.
    FallsOffEnd {
        offset: u32,
    },
}

/// The most instructions one code object may have for [`analyze`].
const MAX_ANALYZE_WORDS: usize = 1 << 16;

/// Walks every path through `code` using each instruction's stack effect
/// and flow, and returns the deepest value stack and block stack. Every
/// path must agree on the depths where it joins another, never pop below
/// zero, and end in a `Stop` instruction.
///
/// This is the one place stack depth is computed: the compiler's emitter
/// calls it to fill in `max_stack`, the validator to check it. It needs no
/// allocation: depths are kept in `scratch`, one word per code byte (the
/// caller provides it, since `no_std` has no heap here).
pub fn analyze(code: &[u8], scratch: &mut [u32]) -> Result<StackInfo, FlowError> {
    const UNSEEN: u32 = u32::MAX;
    const QUEUED: u32 = 1 << 31;
    if code.len() > scratch.len() || code.len() > MAX_ANALYZE_WORDS * 4 {
        return Err(FlowError::Stack {
            offset: 0,
            why: "code object too large to analyze",
        });
    }
    // First pass: mark instruction starts; scratch holds UNSEEN at starts
    // and a sentinel elsewhere.
    const INSIDE: u32 = u32::MAX - 1;
    let slots = &mut scratch[..code.len()];
    slots.fill(INSIDE);
    let mut pc = 0;
    while pc < code.len() {
        let op = Op::decode(code, pc).map_err(FlowError::Decode)?;
        slots[pc] = UNSEEN;
        pc += op.size();
    }
    if code.is_empty() {
        return Err(FlowError::FallsOffEnd { offset: 0 });
    }
    // Depth word: bits 0..15 value stack depth, 16..30 block depth, bit 31 "queued".
    let pack = |stack: u32, blocks: u32| stack | (blocks << 16);
    let mut info = StackInfo {
        max_stack: 0,
        max_blocks: 0,
    };
    // Worklist without allocation: sweep forward repeatedly over queued slots.
    fn enter(slots: &mut [u32], target: i64, state: u32, from: u32) -> Result<bool, FlowError> {
        if target < 0 || target as usize >= slots.len() {
            return Err(FlowError::BadJump { offset: from });
        }
        let slot = &mut slots[target as usize];
        if *slot == INSIDE {
            return Err(FlowError::BadJump { offset: from });
        }
        if *slot == UNSEEN {
            *slot = state | QUEUED;
            return Ok(true);
        }
        if *slot & !QUEUED != state {
            return Err(FlowError::Stack {
                offset: target as u32,
                why: "paths join with different stack depths",
            });
        }
        Ok(false)
    }
    slots[0] = pack(0, 0) | QUEUED;
    let mut dirty = true;
    while dirty {
        dirty = false;
        let mut pc = 0;
        while pc < code.len() {
            let slot = slots[pc];
            if slot == INSIDE {
                pc += 1;
                continue;
            }
            let op = Op::decode(code, pc).map_err(FlowError::Decode)?;
            let next = pc + op.size();
            if slot != UNSEEN && slot & QUEUED != 0 {
                slots[pc] = slot & !QUEUED;
                let stack = (slot & 0xffff) as i32;
                let blocks = ((slot >> 16) & 0x7fff) as i32;
                let (fall, branch) = op.stack_effect();
                let at = pc as u32;
                let check = |d: i32| -> Result<u32, FlowError> {
                    if d < 0 {
                        Err(FlowError::Stack {
                            offset: at,
                            why: "stack underflow",
                        })
                    } else if d > 0xfff0 {
                        Err(FlowError::Stack {
                            offset: at,
                            why: "stack too deep",
                        })
                    } else {
                        Ok(d as u32)
                    }
                };
                let mut new_blocks = blocks;
                if matches!(op, Op::PopBlock {}) {
                    new_blocks -= 1;
                    if new_blocks < 0 {
                        return Err(FlowError::Stack {
                            offset: at,
                            why: "block stack underflow",
                        });
                    }
                }
                if matches!(op, Op::SetupExcept { .. }) {
                    new_blocks += 1;
                    if new_blocks > 0x7000 {
                        return Err(FlowError::Stack {
                            offset: at,
                            why: "blocks nested too deep",
                        });
                    }
                }
                // Depth while the instruction runs: it may push before it pops
                // (e.g. PUSH_EXC_INFO), so count the larger of before and after.
                if stack < op.pops() {
                    return Err(FlowError::Stack {
                        offset: at,
                        why: "instruction reads more entries than the stack holds",
                    });
                }
                let after_fall = check(stack + fall)?;
                let mut peak = stack.max(stack + fall);
                let flow = op.flow();
                if matches!(flow, Flow::Next | Flow::Branch | Flow::Setup) {
                    if next >= code.len() {
                        return Err(FlowError::FallsOffEnd { offset: at });
                    }
                    dirty |= enter(slots, next as i64, pack(after_fall, new_blocks as u32), at)?;
                }
                if matches!(flow, Flow::Jump | Flow::Branch | Flow::Setup) {
                    let rel = op.rel().unwrap_or(0) as i64;
                    let target = next as i64 + rel;
                    // A handler is entered with the block already popped, so
                    // every branch edge carries the depth from before the
                    // instruction's own block change.
                    let (d, b) = (stack + branch, blocks);
                    let d = check(d)?;
                    peak = peak.max(d as i32);
                    dirty |= enter(slots, target, pack(d, b as u32), at)?;
                }
                info.max_stack = info.max_stack.max(peak as u16);
                info.max_blocks = info.max_blocks.max(new_blocks.max(blocks) as u16);
            }
            pc = next;
        }
    }
    Ok(info)
}

use crate::ops::Flow;

/// A validated image, read in place.
#[derive(Clone, Copy, Debug)]
pub struct Image<'a> {
    bytes: &'a [u8],
    toc: Toc,
    flags: u16,
    s: Slices<'a>,
}

/// The sections, sliced once at load so that accessors on the VM's hot
/// paths (names, constants, code records) do not re-check offsets.
#[derive(Clone, Copy, Debug, Default)]
struct Slices<'a> {
    strings: &'a [u8],
    string_data: &'a [u8],
    modules: &'a [u8],
    consts: &'a [u8],
    const_data: &'a [u8],
    codes: &'a [u8],
    bytecode: &'a [u8],
    lines: &'a [u8],
    names: &'a [u8],
}

fn section<'a>(
    bytes: &'a [u8],
    s: Section,
    name: &'static str,
    record: usize,
) -> Result<&'a [u8], ImageError> {
    let start = s.offset as usize;
    let end = start
        .checked_add(s.len as usize)
        .ok_or(ImageError::SectionOutOfBounds { section: name })?;
    if end > bytes.len() || start < HEADER_LEN {
        return Err(ImageError::SectionOutOfBounds { section: name });
    }
    if !start.is_multiple_of(4) || (record > 0 && !(s.len as usize).is_multiple_of(record)) {
        return Err(ImageError::Misaligned { section: name });
    }
    Ok(&bytes[start..end])
}

impl<'a> Image<'a> {
    /// Reads the header only, without validating: for tools that describe a
    /// broken image. Returns (version, flags, length, checksum).
    pub fn peek_header(bytes: &[u8]) -> Result<(u16, u16, u32, u32), ImageError> {
        if bytes.len() < HEADER_LEN {
            return Err(ImageError::TooShort { len: bytes.len() });
        }
        if bytes[..4] != MAGIC {
            return Err(ImageError::BadMagic);
        }
        Ok((
            rd_u16(bytes, 4),
            rd_u16(bytes, 6),
            rd_u32(bytes, 8),
            rd_u32(bytes, 12),
        ))
    }

    /// Validates `bytes` completely and returns a view of it. `scratch` is
    /// working space for the control-flow check (one word per byte of the
    /// longest code object); a runtime lends it the heap before it uses it,
    /// so validation needs no memory of its own. A code object longer than
    /// `scratch` is refused.
    pub fn parse(bytes: &'a [u8], scratch: &mut [u32]) -> Result<Image<'a>, ImageError> {
        let (version, flags, len, checksum) = Self::peek_header(bytes)?;
        if version != FORMAT_VERSION {
            return Err(ImageError::UnsupportedVersion {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        if flags & !FLAG_FLOAT != 0 {
            return Err(ImageError::UnsupportedFlags { flags });
        }
        // Trailing bytes (flash erased after the image) are allowed; a short image is not.
        if (len as usize) > bytes.len() || (len as usize) < HEADER_LEN {
            return Err(ImageError::LengthMismatch {
                header: len,
                actual: bytes.len(),
            });
        }
        let bytes = &bytes[..len as usize];
        let actual = crc32(&bytes[HEADER_LEN..]);
        if actual != checksum {
            return Err(ImageError::ChecksumMismatch {
                header: checksum,
                actual,
            });
        }
        let toc_len = rd_u32(bytes, 16) as usize;
        let toc_bytes = bytes
            .get(HEADER_LEN..HEADER_LEN.saturating_add(toc_len))
            .ok_or(ImageError::BadToc)?;
        let toc: Toc = postcard::from_bytes(toc_bytes).map_err(|_| ImageError::BadToc)?;
        let t = toc;
        let s = Slices {
            strings: section(bytes, t.strings, "strings", StringRecord::SIZE)?,
            string_data: section(bytes, t.string_data, "string data", 0)?,
            modules: section(bytes, t.modules, "modules", ModuleRecord::SIZE)?,
            consts: section(bytes, t.consts, "constants", ConstRecord::SIZE)?,
            const_data: section(bytes, t.const_data, "constant data", 4)?,
            codes: section(bytes, t.codes, "code objects", CodeRecord::SIZE)?,
            bytecode: section(bytes, t.bytecode, "bytecode", 0)?,
            lines: section(bytes, t.lines, "line tables", 0)?,
            names: section(bytes, t.names, "names", 4)?,
        };
        let image = Image {
            bytes,
            toc,
            flags,
            s,
        };
        image.validate(scratch)?;
        Ok(image)
    }

    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }
    pub fn flags(&self) -> u16 {
        self.flags
    }
    pub fn toc(&self) -> &Toc {
        &self.toc
    }
    pub fn checksum(&self) -> u32 {
        rd_u32(self.bytes, 12)
    }

    /// How many names there are in all (static and image).
    pub fn qstr_count(&self) -> u32 {
        qstr::STATIC_COUNT as u32 + self.toc.strings.len / StringRecord::SIZE as u32
    }
    pub fn module_count(&self) -> u32 {
        self.toc.modules.len / ModuleRecord::SIZE as u32
    }
    pub fn code_count(&self) -> u32 {
        self.toc.codes.len / CodeRecord::SIZE as u32
    }
    pub fn entry_module(&self) -> u32 {
        self.toc.entry_module
    }

    fn string_record(&self, i: u32) -> StringRecord {
        let b = self.s.strings;
        let at = i as usize * StringRecord::SIZE;
        StringRecord {
            offset: rd_u32(b, at),
            len: rd_u32(b, at + 4),
            hash: rd_u32(b, at + 8),
        }
    }

    /// The text of name `id`. Out-of-range ids give the empty string.
    pub fn qstr(&self, id: u32) -> &'a str {
        if id < qstr::STATIC_COUNT as u32 {
            return qstr::static_qstr(id as u16);
        }
        let i = id - qstr::STATIC_COUNT as u32;
        if i >= self.qstr_count() - qstr::STATIC_COUNT as u32 {
            return "";
        }
        let r = self.string_record(i);
        let data = self.s.string_data;
        // Validated as UTF-8 in bounds by `validate`.
        core::str::from_utf8(&data[r.offset as usize..(r.offset + r.len) as usize]).unwrap_or("")
    }

    /// The hash of name `id` ([`qstr::str_hash`] of its text).
    pub fn qstr_hash(&self, id: u32) -> u32 {
        if id < qstr::STATIC_COUNT as u32 {
            return qstr::str_hash(qstr::static_qstr(id as u16).as_bytes());
        }
        // The VM asks on every global lookup: one checked read.
        let at = (id - qstr::STATIC_COUNT as u32) as usize * StringRecord::SIZE + 8;
        match self.s.strings.get(at..at + 4) {
            Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            None => qstr::str_hash(b""),
        }
    }

    /// Finds the id of a name by its text (image names by linear search:
    /// for loaders and tools, not for the VM's hot paths).
    pub fn find_qstr(&self, s: &str) -> Option<u32> {
        if let Some(id) = qstr::lookup_static(s) {
            return Some(id as u32);
        }
        (qstr::STATIC_COUNT as u32..self.qstr_count()).find(|&id| self.qstr(id) == s)
    }

    pub fn module(&self, i: u32) -> ModuleRecord {
        let b = self.s.modules;
        let at = i as usize * ModuleRecord::SIZE;
        ModuleRecord {
            name: rd_u32(b, at),
            file: rd_u32(b, at + 4),
            const_start: rd_u32(b, at + 8),
            const_count: rd_u32(b, at + 12),
            top_code: rd_u32(b, at + 16),
        }
    }

    fn const_record(&self, global_index: u32) -> ConstRecord {
        let b = self.s.consts;
        let at = global_index as usize * ConstRecord::SIZE;
        ConstRecord {
            kind: rd_u32(b, at),
            a: rd_u32(b, at + 4),
            b: rd_u32(b, at + 8),
        }
    }

    /// Constant `idx` of module `module`.
    pub fn constant(&self, module: u32, idx: u32) -> Const<'a> {
        self.constant_at(self.module(module).const_start + idx)
    }

    /// Constant number `global_index` of the whole image (a module's
    /// `const_start` plus its index): the VM keeps `const_start` per frame.
    pub fn constant_at(&self, global_index: u32) -> Const<'a> {
        let r = self.const_record(global_index);
        let data = self.s.const_data;
        match r.kind {
            const_kind::TRUE => Const::True,
            const_kind::FALSE => Const::False,
            const_kind::ELLIPSIS => Const::Ellipsis,
            const_kind::INT => Const::Int(r.a as i32),
            const_kind::BIG_INT => {
                let n = (r.b & 0x7fff_ffff) as usize;
                Const::BigInt {
                    negative: r.b >> 31 != 0,
                    limbs: &data[r.a as usize..r.a as usize + 4 * n],
                }
            }
            const_kind::FLOAT => Const::Float(f64::from_bits(r.a as u64 | (r.b as u64) << 32)),
            const_kind::STR => Const::Str(r.a),
            const_kind::BYTES => Const::Bytes(&data[r.a as usize..(r.a + r.b) as usize]),
            const_kind::CODE => Const::Code(r.a),
            const_kind::TUPLE => Const::Tuple(&data[r.a as usize..r.a as usize + 4 * r.b as usize]),
            _ => Const::None,
        }
    }

    pub fn code(&self, i: u32) -> CodeRecord {
        // One bounds check for the whole record: every call and return
        // reads one, so this is on the VM's hot path. `i` was validated; a
        // bad index reads as an empty record rather than panicking.
        let at = i as usize * CodeRecord::SIZE;
        let Some(b) = self.s.codes.get(at..at + CodeRecord::SIZE) else {
            return CodeRecord::default();
        };
        let b: &[u8; CodeRecord::SIZE] = b.try_into().unwrap_or(&[0; CodeRecord::SIZE]);
        let w = |o: usize| u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]);
        let h = |o: usize| u16::from_le_bytes([b[o], b[o + 1]]);
        CodeRecord {
            name: w(0),
            module: w(4),
            flags: h(8),
            argcount: h(10),
            posonly: h(12),
            kwonly: h(14),
            nlocals: h(16),
            ncells: h(18),
            nfree: h(20),
            max_stack: h(22),
            max_blocks: h(24),
            first_line: w(28),
            code_offset: w(32),
            code_len: w(36),
            lines_offset: w(40),
            lines_len: w(44),
            names_offset: w(48),
            qualname: w(52),
        }
    }

    /// The instructions of code object `i`.
    pub fn bytecode(&self, code: &CodeRecord) -> &'a [u8] {
        let b = self.s.bytecode;
        &b[code.code_offset as usize..(code.code_offset + code.code_len) as usize]
    }

    /// The source line of the instruction at byte offset `pc`.
    pub fn line_at(&self, code: &CodeRecord, pc: u32) -> u32 {
        let b = self.s.lines;
        let t = &b[code.lines_offset as usize..(code.lines_offset + code.lines_len) as usize];
        LineTable::line_at(t, code.first_line, pc).unwrap_or(code.first_line)
    }

    fn name_word(&self, code: &CodeRecord, i: usize) -> u32 {
        let b = self.s.names;
        rd_u32(b, code.names_offset as usize + 4 * i)
    }
    /// Name of local `i`.
    pub fn varname(&self, code: &CodeRecord, i: u32) -> u32 {
        self.name_word(code, i as usize)
    }
    /// Name of deref slot `i` (cells, then free variables).
    pub fn derefname(&self, code: &CodeRecord, i: u32) -> u32 {
        self.name_word(code, code.nlocals as usize + i as usize)
    }
    /// The parameter local a cell starts from, if it is one.
    pub fn cell2arg(&self, code: &CodeRecord, cell: u32) -> Option<u32> {
        let w = self.name_word(
            code,
            code.nlocals as usize + code.ncells as usize + code.nfree as usize + cell as usize,
        );
        (w != u32::MAX).then_some(w)
    }

    fn validate(&self, scratch: &mut [u32]) -> Result<(), ImageError> {
        let t = self.toc;
        let Slices {
            string_data,
            const_data,
            bytecode,
            lines,
            names,
            ..
        } = self.s;

        let nq = self.qstr_count();
        for i in 0..nq - qstr::STATIC_COUNT as u32 {
            let r = self.string_record(i);
            let end = r.offset.checked_add(r.len).ok_or(ImageError::BadRecord {
                section: "strings",
                index: i,
                why: "bad range",
            })?;
            let text =
                string_data
                    .get(r.offset as usize..end as usize)
                    .ok_or(ImageError::BadRecord {
                        section: "strings",
                        index: i,
                        why: "text out of bounds",
                    })?;
            if core::str::from_utf8(text).is_err() {
                return Err(ImageError::BadRecord {
                    section: "strings",
                    index: i,
                    why: "not UTF-8",
                });
            }
            if qstr::str_hash(text) != r.hash {
                return Err(ImageError::BadRecord {
                    section: "strings",
                    index: i,
                    why: "wrong hash",
                });
            }
        }
        let ncodes = self.code_count();
        let nconsts = t.consts.len / ConstRecord::SIZE as u32;
        let nmods = self.module_count();
        if nmods == 0 || t.entry_module >= nmods {
            return Err(ImageError::NoEntryModule);
        }
        let bad = |section, index, why| ImageError::BadRecord {
            section,
            index,
            why,
        };
        for mi in 0..nmods {
            let m = self.module(mi);
            if m.name >= nq || m.file >= nq {
                return Err(bad("modules", mi, "name out of range"));
            }
            if m.const_start
                .checked_add(m.const_count)
                .is_none_or(|e| e > nconsts)
            {
                return Err(bad("modules", mi, "constants out of range"));
            }
            if m.top_code >= ncodes || self.code(m.top_code).module != mi {
                return Err(bad("modules", mi, "body code object out of range"));
            }
            for ci in 0..m.const_count {
                let r = self.const_record(m.const_start + ci);
                let gi = m.const_start + ci;
                let in_data = |off: u32, len: u64| (off as u64 + len) <= const_data.len() as u64;
                match r.kind {
                    const_kind::NONE
                    | const_kind::TRUE
                    | const_kind::FALSE
                    | const_kind::ELLIPSIS
                    | const_kind::INT => {}
                    const_kind::FLOAT => {}
                    const_kind::BIG_INT => {
                        if !r.a.is_multiple_of(4) || !in_data(r.a, 4 * (r.b & 0x7fff_ffff) as u64) {
                            return Err(bad("constants", gi, "big int out of bounds"));
                        }
                    }
                    const_kind::STR => {
                        if r.a >= nq {
                            return Err(bad("constants", gi, "string id out of range"));
                        }
                    }
                    const_kind::BYTES => {
                        if !in_data(r.a, r.b as u64) {
                            return Err(bad("constants", gi, "bytes out of bounds"));
                        }
                    }
                    const_kind::CODE => {
                        if r.a >= ncodes || self.code(r.a).module != mi {
                            return Err(bad("constants", gi, "code index out of range"));
                        }
                    }
                    const_kind::TUPLE => {
                        if !r.a.is_multiple_of(4) || !in_data(r.a, 4 * r.b as u64) {
                            return Err(bad("constants", gi, "tuple out of bounds"));
                        }
                        for k in 0..r.b {
                            // Elements must come earlier, so tuples cannot nest into a cycle.
                            if rd_u32(const_data, (r.a + 4 * k) as usize) >= ci {
                                return Err(bad("constants", gi, "tuple element out of range"));
                            }
                        }
                    }
                    _ => return Err(bad("constants", gi, "unknown constant kind")),
                }
            }
        }
        for ci in 0..ncodes {
            let c = self.code(ci);
            if c.module >= nmods || c.name >= nq || c.qualname >= nq {
                return Err(bad("code objects", ci, "module or name out of range"));
            }
            let m = self.module(c.module);
            if !c.code_offset.is_multiple_of(4)
                || (c.code_offset as u64 + c.code_len as u64) > bytecode.len() as u64
            {
                return Err(bad("code objects", ci, "bytecode out of bounds"));
            }
            if (c.code_len as usize) > scratch.len() {
                return Err(bad(
                    "code objects",
                    ci,
                    "bytecode longer than this runtime can validate",
                ));
            }
            if (c.lines_offset as u64 + c.lines_len as u64) > lines.len() as u64 {
                return Err(bad("code objects", ci, "line table out of bounds"));
            }
            if !c.names_offset.is_multiple_of(4)
                || (c.names_offset as u64 + c.names_len() as u64) > names.len() as u64
            {
                return Err(bad("code objects", ci, "names out of bounds"));
            }
            let nparams = c.argcount as u32
                + c.kwonly as u32
                + (c.flags & code_flags::VARARGS != 0) as u32
                + (c.flags & code_flags::VARKEYWORDS != 0) as u32;
            if c.posonly > c.argcount || nparams > c.nlocals as u32 {
                return Err(bad("code objects", ci, "more parameters than locals"));
            }
            for i in 0..c.nlocals as usize + c.ncells as usize + c.nfree as usize {
                if self.name_word(&c, i) >= nq {
                    return Err(bad("code objects", ci, "local name out of range"));
                }
            }
            for cell in 0..c.ncells as u32 {
                if let Some(arg) = self.cell2arg(&c, cell)
                    && arg >= nparams
                {
                    return Err(bad("code objects", ci, "cell bound to a non-parameter"));
                }
            }
            let table = &lines[c.lines_offset as usize..(c.lines_offset + c.lines_len) as usize];
            if LineTable::check(table, c.first_line).is_none() {
                return Err(bad("code objects", ci, "malformed line table"));
            }
            let code = self.bytecode(&c);
            let info = analyze(code, scratch).map_err(|e| match e {
                FlowError::Decode(error) => ImageError::BadInstruction { code: ci, error },
                FlowError::BadJump { offset } => ImageError::BadJump { code: ci, offset },
                FlowError::Stack { offset, why } => ImageError::BadStack {
                    code: ci,
                    offset,
                    why,
                },
                FlowError::FallsOffEnd { offset } => ImageError::BadStack {
                    code: ci,
                    offset,
                    why: "execution falls off the end",
                },
            })?;
            if info.max_stack > c.max_stack || info.max_blocks > c.max_blocks {
                return Err(bad("code objects", ci, "declared stack depth too small"));
            }
            // Operands.
            let mut pc = 0usize;
            while pc < code.len() {
                let op = Op::decode(code, pc)
                    .map_err(|error| ImageError::BadInstruction { code: ci, error })?;
                let at = pc as u32;
                let operand = |why| ImageError::BadOperand {
                    code: ci,
                    offset: at,
                    why,
                };
                let nderef = c.ncells as u32 + c.nfree as u32;
                match op {
                    Op::LoadConst { idx } if idx as u32 >= m.const_count => {
                        return Err(operand("constant index out of range"));
                    }
                    Op::MakeFunction { idx, flags } => {
                        if flags > 7 {
                            return Err(operand("unknown flags"));
                        }
                        if idx as u32 >= m.const_count
                            || self.const_record(m.const_start + idx as u32).kind
                                != const_kind::CODE
                        {
                            return Err(operand("MAKE_FUNCTION needs a code constant"));
                        }
                    }
                    Op::LoadFast { idx } | Op::StoreFast { idx } | Op::DeleteFast { idx }
                        if idx >= c.nlocals =>
                    {
                        return Err(operand("local index out of range"));
                    }
                    Op::LoadDeref { idx }
                    | Op::StoreDeref { idx }
                    | Op::DeleteDeref { idx }
                    | Op::LoadClosure { idx }
                        if idx as u32 >= nderef =>
                    {
                        return Err(operand("cell index out of range"));
                    }
                    Op::ImportName { name, .. } | Op::ImportFrom { name } if name as u32 >= nq => {
                        return Err(operand("name id out of range"));
                    }
                    Op::LoadName { name } | Op::StoreName { name } | Op::DeleteName { name }
                        if name as u32 >= nq =>
                    {
                        return Err(operand("name id out of range"));
                    }
                    Op::LoadGlobal { name }
                    | Op::StoreGlobal { name }
                    | Op::DeleteGlobal { name }
                    | Op::LoadAttr { name }
                    | Op::StoreAttr { name }
                    | Op::DeleteAttr { name }
                    | Op::LoadMethod { name }
                        if name as u32 >= nq =>
                    {
                        return Err(operand("name id out of range"));
                    }
                    Op::BinaryOp { op } | Op::InplaceOp { op } if BinOp::from_u8(op).is_none() => {
                        return Err(operand("unknown binary operator"));
                    }
                    Op::UnaryOp { op } if UnaryOp::from_u8(op).is_none() => {
                        return Err(operand("unknown unary operator"));
                    }
                    Op::CompareOp { op } if CmpOp::from_u8(op).is_none() => {
                        return Err(operand("unknown comparison"));
                    }
                    Op::BuildSlice { n } if !(2..=3).contains(&n) => {
                        return Err(operand("BUILD_SLICE takes 2 or 3"));
                    }
                    Op::RaiseVarargs { n } if n > 2 => {
                        return Err(operand("RAISE_VARARGS takes 0, 1 or 2"));
                    }
                    Op::FormatValue { flags } | Op::CallEx { flags } if flags > 7 => {
                        return Err(operand("unknown flags"));
                    }
                    _ => {}
                }
                pc += op.size();
            }
        }
        Ok(())
    }
}
