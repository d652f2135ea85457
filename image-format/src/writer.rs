//! Writes an image from plain data (the compiler's link step calls this).
//! Deterministic: the same [`ImageData`] gives the same bytes.

use crate::image::*;
use crate::ops::{MAX_INSTRUCTION_SIZE, Op};
use crate::qstr;
use std::string::String;
use std::vec;
use std::vec::Vec;

/// A constant, as the writer takes it.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstData {
    None,
    True,
    False,
    Ellipsis,
    Int(i32),
    /// Sign and magnitude limbs, least significant first.
    BigInt {
        negative: bool,
        limbs: Vec<u32>,
    },
    Float(f64),
    /// A qstr id.
    Str(u32),
    Bytes(Vec<u8>),
    /// A code object index.
    Code(u32),
    /// Indices of earlier constants of the same module.
    Tuple(Vec<u32>),
}

/// A module, as the writer takes it.
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleData {
    pub name: u32,
    pub file: u32,
    pub consts: Vec<ConstData>,
    pub top_code: u32,
}

/// A code object, as the writer takes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodeData {
    pub name: u32,
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
    pub bytecode: Vec<u8>,
    /// (bytecode offset, line) in increasing offset order.
    pub lines: Vec<(u32, u32)>,
    pub varnames: Vec<u32>,
    pub cellnames: Vec<u32>,
    pub freenames: Vec<u32>,
    /// For each cell, the parameter it starts from.
    pub cell2arg: Vec<Option<u32>>,
}

/// Everything an image holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImageData {
    pub flags: u16,
    pub entry_module: u32,
    /// The image's own names; the first has id `qstr::STATIC_COUNT`.
    pub qstrs: Vec<String>,
    pub modules: Vec<ModuleData>,
    pub codes: Vec<CodeData>,
}

/// Encodes a sequence of instructions.
pub fn encode_ops(ops: &[Op]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; MAX_INSTRUCTION_SIZE];
    for op in ops {
        let n = op.encode_into(&mut buf);
        out.extend_from_slice(&buf[..n]);
    }
    out
}

fn align4(v: &mut Vec<u8>) {
    while !v.len().is_multiple_of(4) {
        v.push(0);
    }
}

fn put_u32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn put_u16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}

/// Writes the image.
pub fn write_image(data: &ImageData) -> Vec<u8> {
    let mut strings = Vec::new();
    let mut string_data = Vec::new();
    for s in &data.qstrs {
        put_u32(&mut strings, string_data.len() as u32);
        put_u32(&mut strings, s.len() as u32);
        put_u32(&mut strings, qstr::str_hash(s.as_bytes()));
        string_data.extend_from_slice(s.as_bytes());
    }
    let mut modules = Vec::new();
    let mut consts = Vec::new();
    let mut const_data = Vec::new();
    let mut nconsts = 0u32;
    for m in &data.modules {
        put_u32(&mut modules, m.name);
        put_u32(&mut modules, m.file);
        put_u32(&mut modules, nconsts);
        put_u32(&mut modules, m.consts.len() as u32);
        put_u32(&mut modules, m.top_code);
        for c in &m.consts {
            let (kind, a, b) = match c {
                ConstData::None => (const_kind::NONE, 0, 0),
                ConstData::True => (const_kind::TRUE, 0, 0),
                ConstData::False => (const_kind::FALSE, 0, 0),
                ConstData::Ellipsis => (const_kind::ELLIPSIS, 0, 0),
                ConstData::Int(i) => (const_kind::INT, *i as u32, 0),
                ConstData::BigInt { negative, limbs } => {
                    let at = const_data.len() as u32;
                    for l in limbs {
                        put_u32(&mut const_data, *l);
                    }
                    (
                        const_kind::BIG_INT,
                        at,
                        limbs.len() as u32 | (*negative as u32) << 31,
                    )
                }
                ConstData::Float(f) => {
                    let bits = f.to_bits();
                    (const_kind::FLOAT, bits as u32, (bits >> 32) as u32)
                }
                ConstData::Str(q) => (const_kind::STR, *q, 0),
                ConstData::Bytes(b) => {
                    let at = const_data.len() as u32;
                    const_data.extend_from_slice(b);
                    align4(&mut const_data);
                    (const_kind::BYTES, at, b.len() as u32)
                }
                ConstData::Code(i) => (const_kind::CODE, *i, 0),
                ConstData::Tuple(items) => {
                    let at = const_data.len() as u32;
                    for i in items {
                        put_u32(&mut const_data, *i);
                    }
                    (const_kind::TUPLE, at, items.len() as u32)
                }
            };
            put_u32(&mut consts, kind);
            put_u32(&mut consts, a);
            put_u32(&mut consts, b);
            nconsts += 1;
        }
    }
    let mut codes = Vec::new();
    let mut bytecode = Vec::new();
    let mut lines = Vec::new();
    let mut names = Vec::new();
    for c in &data.codes {
        align4(&mut bytecode);
        let code_offset = bytecode.len() as u32;
        bytecode.extend_from_slice(&c.bytecode);
        let lines_offset = lines.len() as u32;
        let (mut pc, mut line) = (0u32, c.first_line as i64);
        for &(at, l) in &c.lines {
            if l as i64 == line {
                continue;
            }
            LineTable::push_varint(&mut lines, at - pc);
            LineTable::push_varint(&mut lines, LineTable::zigzag((l as i64 - line) as i32));
            pc = at;
            line = l as i64;
        }
        let names_offset = names.len() as u32;
        for n in c.varnames.iter().chain(&c.cellnames).chain(&c.freenames) {
            put_u32(&mut names, *n);
        }
        for a in &c.cell2arg {
            put_u32(&mut names, a.unwrap_or(u32::MAX));
        }
        put_u32(&mut codes, c.name);
        put_u32(&mut codes, c.module);
        for h in [
            c.flags,
            c.argcount,
            c.posonly,
            c.kwonly,
            c.nlocals,
            c.ncells,
            c.nfree,
            c.max_stack,
            c.max_blocks,
            0,
        ] {
            put_u16(&mut codes, h);
        }
        for w in [
            c.first_line,
            code_offset,
            c.bytecode.len() as u32,
            lines_offset,
            lines.len() as u32 - lines_offset,
            names_offset,
            c.qualname,
        ] {
            put_u32(&mut codes, w);
        }
    }
    debug_assert_eq!(codes.len(), data.codes.len() * CodeRecord::SIZE);

    // Lay out: header, TOC, then sections. The TOC's size depends on the
    // offsets (postcard varints), so iterate until it is stable.
    let parts: [&[u8]; 9] = [
        &strings,
        &string_data,
        &modules,
        &consts,
        &const_data,
        &codes,
        &bytecode,
        &lines,
        &names,
    ];
    let mut toc_len = 0usize;
    loop {
        let mut at = HEADER_LEN + toc_len;
        let mut sections = [Section::default(); 9];
        for (i, p) in parts.iter().enumerate() {
            at = (at + 3) & !3;
            sections[i] = Section {
                offset: at as u32,
                len: p.len() as u32,
            };
            at += p.len();
        }
        let toc = Toc {
            entry_module: data.entry_module,
            strings: sections[0],
            string_data: sections[1],
            modules: sections[2],
            consts: sections[3],
            const_data: sections[4],
            codes: sections[5],
            bytecode: sections[6],
            lines: sections[7],
            names: sections[8],
        };
        let toc_bytes = postcard::to_stdvec(&toc).expect("a TOC always serializes");
        if toc_bytes.len() != toc_len {
            toc_len = toc_bytes.len();
            continue;
        }
        let mut out = Vec::with_capacity(at);
        out.extend_from_slice(&MAGIC);
        put_u16(&mut out, FORMAT_VERSION);
        put_u16(&mut out, data.flags);
        put_u32(&mut out, 0); // length, below
        put_u32(&mut out, 0); // checksum, below
        put_u32(&mut out, toc_len as u32);
        put_u32(&mut out, 0);
        out.extend_from_slice(&toc_bytes);
        for (i, p) in parts.iter().enumerate() {
            out.resize(sections[i].offset as usize, 0);
            out.extend_from_slice(p);
        }
        align4(&mut out);
        let len = out.len() as u32;
        out[8..12].copy_from_slice(&len.to_le_bytes());
        let crc = crc32(&out[HEADER_LEN..]);
        out[12..16].copy_from_slice(&crc.to_le_bytes());
        return out;
    }
}

/// Validates an image with a scratch buffer from the host's heap.
pub fn parse_image(bytes: &[u8]) -> Result<Image<'_>, ImageError> {
    let mut scratch = vec![0u32; bytes.len().max(16)];
    Image::parse(bytes, &mut scratch)
}
