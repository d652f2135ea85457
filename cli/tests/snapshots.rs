//! Snapshots of rendered diagnostics: each shows the program and the report
//! mpc prints for it (miette, no colours, 80 columns), so a change in
//! wording, spans or layout is reviewed as text.
//!
//! Update after an intended change with `cargo insta review`, or
//! `INSTA_UPDATE=always cargo test -p mpc --test snapshots` and a look at
//! the diff.

use compiler::SourceFile;
use mpc::report::{PLAIN_WIDTH, render, render_plain};
use std::path::Path;

/// Compiles `source` as `NAME.py` and snapshots it with every diagnostic.
fn check(name: &str, source: &str) {
    let files = [SourceFile {
        path: format!("{name}.py"),
        module: name.to_owned(),
        text: source.to_owned(),
    }];
    let output = compiler::compile(&files, name);
    let rendered: String = output
        .diagnostics
        .iter()
        .map(|d| render_plain(&files, d))
        .collect::<Vec<_>>()
        .join("\n");
    let snapshot = format!("--- {name}.py ---\n{source}--- diagnostics ---\n{rendered}");
    insta::assert_snapshot!(name, snapshot);
}

#[test]
fn syntax_error() {
    check("syntax_error", "def f(:\n  pass\n");
}

#[test]
fn unclosed_bracket() {
    check("unclosed_bracket", "xs = [1, 2,\nprint(xs)\n");
}

#[test]
fn two_unsupported_features() {
    check(
        "two_unsupported",
        "async def f(): pass\nmatch 1:\n    case 1:\n        pass\nprint('unreached')\n",
    );
}

#[test]
fn unsupported_inside_function() {
    check(
        "unsupported_in_function",
        "def classify(n):\n    match n:\n        case 1:\n            return 'one'\n    type Pair = tuple\n    return 'many'\n",
    );
}

#[test]
fn nonlocal_at_module_level() {
    check("nonlocal_module", "x = 1\nnonlocal x\n");
}

#[test]
fn return_outside_function() {
    check("return_outside", "print('a')\nreturn 5\n");
}

#[test]
fn invalid_utf8_source() {
    let report = match mpc::project::source_from_bytes(
        "latin1.py".to_owned(),
        "latin1".to_owned(),
        b"print('caf\xe9')\n".to_vec(),
    ) {
        Ok(_) => panic!("invalid UTF-8 was accepted"),
        Err(report) => report,
    };
    insta::assert_snapshot!(
        "invalid_utf8",
        render(report.as_ref(), false, Some(PLAIN_WIDTH))
    );
}

#[test]
fn bad_manifest() {
    let text = "[project]\nname = \"demo\"\nheap = 64\n";
    let report = match mpc::project::Project::from_manifest(Path::new("demo"), text) {
        Ok(_) => panic!("a numeric heap was accepted"),
        Err(report) => report,
    };
    let snapshot = format!(
        "--- mpc.toml ---\n{text}--- report ---\n{}",
        render(report.as_ref(), false, Some(PLAIN_WIDTH))
    );
    insta::assert_snapshot!("bad_manifest", snapshot);
}
