//! Readable disassembly of a validated image (`mpc dis`).

use crate::image::*;
use crate::ops::{BinOp, CmpOp, Op, UnaryOp};
use std::fmt::Write;
use std::format;
use std::string::{String, ToString};

fn escape_str(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A constant as the disassembler shows it.
pub fn const_text(image: &Image<'_>, module: u32, idx: u32) -> String {
    match image.constant(module, idx) {
        Const::None => "None".into(),
        Const::True => "True".into(),
        Const::False => "False".into(),
        Const::Ellipsis => "Ellipsis".into(),
        Const::Int(i) => i.to_string(),
        Const::BigInt { negative, limbs } => {
            let mut s = String::from(if negative { "-0x" } else { "0x" });
            for chunk in limbs.chunks(4).rev() {
                let w = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
                let _ = write!(s, "{w:08x}");
            }
            s
        }
        Const::Float(f) => format!("{f:?}"),
        Const::Str(q) => escape_str(image.qstr(q)),
        Const::Bytes(b) => format!("b{}", escape_str(&String::from_utf8_lossy(b))),
        Const::Code(c) => format!("<code {}>", image.qstr(image.code(c).name)),
        Const::Tuple(items) => {
            let parts: std::vec::Vec<String> = items
                .chunks(4)
                .map(|c| const_text(image, module, u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
                .collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
    }
}

/// One instruction's operands, with names, constants and targets spelled out.
pub fn operand_text(image: &Image<'_>, code: &CodeRecord, pc: usize, op: &Op) -> String {
    let next = pc + op.size();
    let q = |n: u16| image.qstr(n as u32).to_string();
    match *op {
        Op::LoadConst { idx } => format!("{idx} ({})", const_text(image, code.module, idx as u32)),
        Op::MakeFunction { idx, flags } => {
            format!(
                "{idx} ({}) flags {flags}",
                const_text(image, code.module, idx as u32)
            )
        }
        Op::LoadInt { val } => val.to_string(),
        Op::LoadFast { idx } | Op::StoreFast { idx } | Op::DeleteFast { idx } => {
            format!("{idx} ({})", image.qstr(image.varname(code, idx as u32)))
        }
        Op::LoadDeref { idx }
        | Op::StoreDeref { idx }
        | Op::DeleteDeref { idx }
        | Op::LoadClosure { idx } => {
            format!("{idx} ({})", image.qstr(image.derefname(code, idx as u32)))
        }
        Op::LoadGlobal { name }
        | Op::StoreGlobal { name }
        | Op::DeleteGlobal { name }
        | Op::LoadAttr { name }
        | Op::StoreAttr { name }
        | Op::DeleteAttr { name }
        | Op::LoadMethod { name }
        | Op::ImportFrom { name }
        | Op::LoadName { name }
        | Op::StoreName { name }
        | Op::DeleteName { name } => q(name),
        Op::BuildClass { nbases } => nbases.to_string(),
        Op::ImportName { name, flags } => format!("{} flags {flags}", q(name)),
        Op::BinaryOp { op } | Op::InplaceOp { op } => {
            BinOp::from_u8(op).map_or("?".into(), |o| o.symbol().into())
        }
        Op::UnaryOp { op } => UnaryOp::from_u8(op).map_or("?".into(), |o| o.symbol().into()),
        Op::CompareOp { op } => CmpOp::from_u8(op).map_or("?".into(), |o| o.symbol().into()),
        Op::Call { argc, nkw } | Op::CallMethod { argc, nkw } => format!("{argc} {nkw}"),
        Op::UnpackEx { before, after } => format!("{before} {after}"),
        Op::BuildSlice { n } | Op::RaiseVarargs { n } => n.to_string(),
        Op::FormatValue { flags } | Op::CallEx { flags } => flags.to_string(),
        Op::BuildTuple { n }
        | Op::BuildList { n }
        | Op::BuildMap { n }
        | Op::BuildSet { n }
        | Op::BuildString { n }
        | Op::UnpackSequence { n } => n.to_string(),
        Op::ListAppend { depth }
        | Op::SetAdd { depth }
        | Op::MapAdd { depth }
        | Op::ListExtend { depth }
        | Op::DictUpdate { depth } => depth.to_string(),
        _ => match op.rel() {
            Some(rel) => format!("to {}", next as i64 + rel as i64),
            None => String::new(),
        },
    }
}

/// Disassembles every code object of `image`.
pub fn disassemble(image: &Image<'_>) -> String {
    let mut out = String::new();
    for ci in 0..image.code_count() {
        let c = image.code(ci);
        let m = image.module(c.module);
        let _ = writeln!(
            out,
            "code {} (module {}, {}:{})",
            image.qstr(c.name),
            image.qstr(m.name),
            image.qstr(m.file),
            c.first_line
        );
        let _ = writeln!(
            out,
            "  args {} posonly {} kwonly {} flags {} locals {} cells {} free {} stack {} blocks {}",
            c.argcount,
            c.posonly,
            c.kwonly,
            c.flags,
            c.nlocals,
            c.ncells,
            c.nfree,
            c.max_stack,
            c.max_blocks
        );
        let code = image.bytecode(&c);
        let mut pc = 0;
        let mut last_line = u32::MAX;
        while pc < code.len() {
            let Ok(op) = Op::decode(code, pc) else { break };
            let line = image.line_at(&c, pc as u32);
            let line_col = if line != last_line {
                format!("L{line}")
            } else {
                String::new()
            };
            last_line = line;
            let operands = operand_text(image, &c, pc, &op);
            let _ = writeln!(
                out,
                "  {pc:>5} {line_col:>5}  {:<20} {operands}",
                op.mnemonic()
            );
            pc += op.size();
        }
        out.push('\n');
    }
    out
}
