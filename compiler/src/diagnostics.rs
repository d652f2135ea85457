//! Diagnostics as plain data, and the stable codes they carry.
//!
//! Every pass reports problems by pushing a [`Diagnostic`] and carrying on,
//! so one run reports every problem in every file. Rendering (source
//! snippets, colours) is the CLI's business; here a diagnostic is only a
//! code, a message, the narrowest byte span, optional labels and help.
//!
//! # Codes
//! The codes are stable: tests, documentation and users may match on them.
//!
//! | code  | meaning |
//! |-------|---------|
//! | E0001 | syntax error (from the parser, or a rule CPython's compiler enforces: `return` outside a function, `break` outside a loop, too many nested parentheses) |
//! | E0002 | a valid Python feature mpc does not support yet; the message names it |
//! | E0003 | invalid name binding (`nonlocal` at module level, no binding for `nonlocal`, name used or assigned before its `global`/`nonlocal` declaration, a parameter declared `global`) |
//! | E0004 | a code object or literal exceeds a format limit (jump offset beyond i16, more than 65535 locals, constants or names, more than 255 names around a starred target, integer literal too long) |
//! | E0005 | the entry module is not among the source files |
//! | E0006 | two source files define the same module |
//! | E0008 | a relative import that climbs above the top-level package |
//! | E0007 | nesting too deep for the compiler (expressions or statements nested beyond its recursion limit) |
//! | E0999 | internal compiler error: a bug in mpc, never the user's fault |

use std::ops::Range;

/// How bad a diagnostic is. Any `Error` means no image is produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A secondary span with its own message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub message: String,
}

/// One problem found in one source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, see the table at the top of this module.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Index into the `files` given to [`crate::compile`].
    pub file: usize,
    /// Byte offsets into that file's text: the narrowest span that shows the problem.
    pub span: Range<usize>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
}

pub const SYNTAX: &str = "E0001";
pub const UNSUPPORTED: &str = "E0002";
pub const BINDING: &str = "E0003";
pub const TOO_LARGE: &str = "E0004";
pub const NO_ENTRY: &str = "E0005";
pub const DUPLICATE_MODULE: &str = "E0006";
pub const TOO_DEEP: &str = "E0007";
pub const RELATIVE_IMPORT: &str = "E0008";
pub const INTERNAL: &str = "E0999";

impl Diagnostic {
    /// An error with no labels or help.
    pub fn error(
        code: &'static str,
        file: usize,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            file,
            span,
            labels: Vec::new(),
            help: None,
        }
    }

    /// An unsupported-feature error; `feature` is completed to "… not supported yet".
    pub fn unsupported(file: usize, span: Range<usize>, feature: &str) -> Self {
        Diagnostic::error(
            UNSUPPORTED,
            file,
            span,
            format!("{feature} not supported yet"),
        )
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }
}

/// Maps byte offsets to 1-based lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        let i = self.starts.partition_point(|&s| s <= offset);
        i.max(1) as u32
    }

    /// The 1-based (line, column) of byte `offset`; the column counts bytes.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let line = self.line(offset);
        let start = self.starts[line as usize - 1];
        (line, (offset - start) as u32 + 1)
    }
}
