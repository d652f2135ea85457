//! Pass 4, `emit`: instructions with symbolic labels to bytecode.
//!
//! Every jump operand is a fixed-size `Rel`, so instruction sizes do not
//! depend on offsets and one pass places every instruction. A jump whose
//! offset does not fit i16 makes the code object too large (E0004). The
//! line table records the line of each instruction (the writer drops runs
//! of equal lines). Maximum stack and block depths come from
//! `image_format::image::analyze`, the one stack-depth analysis of the
//! project, which also refuses code that falls off its end or joins paths
//! at different depths (that would be a compiler bug, E0999).

use image_format::image::{FlowError, analyze};
use image_format::ops::{MAX_INSTRUCTION_SIZE, Op};

/// A jump target inside one code object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(pub u32);

/// One instruction before assembly. `target` names the label a branching
/// instruction goes to; its `Rel` operand is filled in here.
#[derive(Clone, Debug)]
pub struct Ins {
    pub op: Op,
    pub target: Option<Label>,
    pub line: u32,
}

/// Assembled bytecode of one code object.
#[derive(Debug)]
pub struct Assembled {
    pub bytecode: Vec<u8>,
    pub lines: Vec<(u32, u32)>,
    pub max_stack: u16,
    pub max_blocks: u16,
}

/// Why a code object could not be assembled.
#[derive(Debug)]
pub enum EmitError {
    /// A format limit was exceeded (E0004).
    TooLarge(String),
    /// The compiler produced inconsistent code (E0999).
    Internal(String),
}

/// Resolves labels (`labels[l]` is the index of the instruction label `l`
/// marks, `instrs.len()` for the end) and encodes.
pub fn assemble(instrs: &[Ins], labels: &[Option<usize>]) -> Result<Assembled, EmitError> {
    let mut offsets = Vec::with_capacity(instrs.len() + 1);
    let mut at = 0usize;
    for i in instrs {
        offsets.push(at);
        at += i.op.size();
    }
    offsets.push(at);
    if at > u16::MAX as usize * 4 {
        return Err(EmitError::TooLarge(format!(
            "code object is {at} bytes of bytecode, more than the image format allows (262140)"
        )));
    }
    let mut bytecode = Vec::with_capacity(at);
    let mut lines = Vec::new();
    let mut buf = [0u8; MAX_INSTRUCTION_SIZE];
    let mut last_line = None;
    for (k, i) in instrs.iter().enumerate() {
        let mut op = i.op;
        if let Some(Label(l)) = i.target {
            let Some(Some(target)) = labels.get(l as usize) else {
                return Err(EmitError::Internal(format!("label {l} was never placed")));
            };
            let from = offsets[k + 1] as i64;
            let rel = offsets[*target] as i64 - from;
            let Ok(rel) = i16::try_from(rel) else {
                return Err(EmitError::TooLarge(
                    "a jump spans more than 32767 bytes of bytecode; split the function into smaller ones"
                        .into(),
                ));
            };
            op = op.with_rel(rel);
        }
        if last_line != Some(i.line) {
            lines.push((offsets[k] as u32, i.line));
            last_line = Some(i.line);
        }
        let n = op.encode_into(&mut buf);
        bytecode.extend_from_slice(&buf[..n]);
    }
    let mut scratch = vec![0u32; bytecode.len().max(1)];
    let info = analyze(&bytecode, &mut scratch).map_err(|e| match e {
        FlowError::Stack {
            why: "stack too deep",
            ..
        } => EmitError::TooLarge("expression needs a value stack deeper than 65520".into()),
        FlowError::Stack {
            why: "blocks nested too deep",
            ..
        } => EmitError::TooLarge("`try` statements nested too deeply".into()),
        other => EmitError::Internal(format!("generated code is inconsistent: {other:?}")),
    })?;
    Ok(Assembled {
        bytecode,
        lines,
        max_stack: info.max_stack,
        max_blocks: info.max_blocks,
    })
}
