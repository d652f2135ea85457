//! Pass 1, `parse`: source text to ruff's AST, syntax errors to E0001.
//!
//! ruff's parser recovers from errors, so every syntax error of a file is
//! reported, not just the first. Before parsing, a cheap scan refuses
//! brackets nested deeper than [`MAX_BRACKET_DEPTH`] (CPython's tokenizer
//! limit, "too many nested parentheses"): ruff's parser is recursive, and
//! thousands of nested `(` would otherwise exhaust the stack.

use crate::diagnostics::{self, Diagnostic};
use ruff_python_ast::ModModule;

/// CPython refuses more than 200 nested brackets with a `SyntaxError`; so do we.
pub const MAX_BRACKET_DEPTH: usize = 200;

/// Parses one file. Returns the module only when it has no syntax errors.
pub fn parse(file: usize, text: &str, diags: &mut Vec<Diagnostic>) -> Option<ModModule> {
    if let Some(at) = too_deep_brackets(text) {
        diags.push(
            Diagnostic::error(
                diagnostics::SYNTAX,
                file,
                at..at + 1,
                "too many nested parentheses",
            )
            .with_help(format!(
                "brackets may nest at most {MAX_BRACKET_DEPTH} deep"
            )),
        );
        return None;
    }
    let parsed =
        ruff_python_parser::parse_unchecked_source(text, ruff_python_ast::PySourceType::Python);
    if parsed.errors().is_empty() {
        return Some(parsed.into_syntax());
    }
    // ruff recovers and goes on; errors that follow another on the same
    // line are usually its echoes, so one per line is reported.
    let lines = crate::diagnostics::LineIndex::new(text);
    let mut last_line = 0;
    for e in parsed.errors() {
        let span = narrow(
            text,
            e.location.start().to_usize(),
            e.location.end().to_usize(),
        );
        let line = lines.line(span.start);
        if line == last_line {
            continue;
        }
        last_line = line;
        diags.push(Diagnostic::error(
            diagnostics::SYNTAX,
            file,
            span,
            e.error.to_string(),
        ));
    }
    None
}

/// Clamps a parser span to the text and to char boundaries; an empty span
/// at the end of a line (ruff's "expected X" points past the last token)
/// is widened to one character so a renderer can underline it.
fn narrow(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    if start == end && start < text.len() {
        let w = text[start..].chars().next().map_or(1, char::len_utf8);
        return start..start + w;
    }
    start..end
}

/// The offset of the first bracket nested deeper than [`MAX_BRACKET_DEPTH`],
/// skipping comments and string literals (brackets inside f-string fields
/// count as text here; the stack margin covers those).
fn too_deep_brackets(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            q @ (b'\'' | b'"') => {
                let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
                i += if triple { 3 } else { 1 };
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple {
                        if b[i] == q && b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q) {
                            i += 3;
                            break;
                        }
                    } else if b[i] == q || b[i] == b'\n' {
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_BRACKET_DEPTH {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}
