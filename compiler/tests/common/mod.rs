//! Shared helpers: compile one source as module `main`, validate the image,
//! and render disassembly or diagnostics as text for snapshots.
#![allow(dead_code)]

use compiler::{Diagnostic, LineIndex, Output, SourceFile, compile};

pub fn compile_main(src: &str) -> Output {
    compile(
        &[SourceFile {
            path: "src/main.py".into(),
            module: "main".into(),
            text: src.into(),
        }],
        "main",
    )
}

/// Compiles `src`, insists on an image the full validator accepts, and
/// returns its disassembly.
pub fn dis(src: &str) -> String {
    let out = compile_main(src);
    assert!(
        out.diagnostics.is_empty(),
        "unexpected diagnostics: {:#?}",
        out.diagnostics
    );
    let image = out.image.expect("an image when there are no diagnostics");
    let parsed = image_format::writer::parse_image(&image)
        .unwrap_or_else(|e| panic!("the validator refused the image: {e}"));
    image_format::disasm::disassemble(&parsed)
}

/// Diagnostics as data: code, line:col of the span start, message, help.
pub fn diag_text(src: &str, diags: &[Diagnostic]) -> String {
    let index = LineIndex::new(src);
    let mut out = String::new();
    for d in diags {
        let (line, col) = index.line_col(d.span.start);
        out.push_str(&format!(
            "{} {:?} {}:{} [{}..{}] {}\n",
            d.code, d.severity, line, col, d.span.start, d.span.end, d.message
        ));
        for l in &d.labels {
            out.push_str(&format!(
                "  label [{}..{}] {}\n",
                l.span.start, l.span.end, l.message
            ));
        }
        if let Some(h) = &d.help {
            out.push_str(&format!("  help: {h}\n"));
        }
    }
    out
}
