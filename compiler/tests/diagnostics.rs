//! Diagnostics as data: code, severity, line:col, span, message, help.

mod common;

use compiler::{SourceFile, compile};

fn check_diag(name: &str, src: &str) -> Vec<compiler::Diagnostic> {
    let out = common::compile_main(src);
    assert!(out.image.is_none(), "an error must mean no image");
    assert!(!out.diagnostics.is_empty());
    insta::assert_snapshot!(
        name,
        format!("{src}\n----\n{}", common::diag_text(src, &out.diagnostics))
    );
    out.diagnostics
}

#[test]
fn syntax_error_points_at_the_colon() {
    let src = "def f(:\n  pass\n";
    let diags = check_diag("syntax_error", src);
    let d = &diags[0];
    assert_eq!(d.code, "E0001");
    assert_eq!(d.span.start, 6);
    assert_eq!(compiler::LineIndex::new(src).line_col(d.span.start), (1, 7));
}

#[test]
fn class_keywords_are_unsupported() {
    let diags = check_diag("class_keywords", "class Point(metaclass=M):\n    x = 1\n");
    assert_eq!(diags[0].code, "E0002");
    assert!(diags[0].message.contains("class keywords"));
}

#[test]
fn relative_import_above_the_top_level_package() {
    let diags = check_diag("relative_import", "from .. import x\nfrom . import y\n");
    assert_eq!(diags.len(), 2);
    assert!(diags.iter().all(|d| d.code == "E0008"));
}

#[test]
fn every_unsupported_construct_is_reported() {
    let diags = check_diag(
        "many_unsupported",
        r#"
g = [1]
async def co():
    await co()
match g:
    case 1:
        pass
type T = int
z = 1j
def h[T](x): pass
"#,
    );
    assert!(diags.len() >= 5, "{diags:#?}");
    assert!(diags.iter().all(|d| d.code == "E0002"));
}

#[test]
fn binding_errors() {
    let diags = check_diag(
        "binding_errors",
        r#"
nonlocal a
def f(p):
    global p
def g():
    x = 1
    global x
def h():
    nonlocal nothing
def k():
    print(y)
    global y
"#,
    );
    assert!(diags.iter().all(|d| d.code == "E0003"));
    assert_eq!(diags.len(), 5);
}

#[test]
fn misplaced_control_flow() {
    check_diag(
        "misplaced_control_flow",
        "return 1\nbreak\ncontinue\ntry:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
    );
}

#[test]
fn errors_in_several_files_are_all_reported() {
    let files = [
        SourceFile {
            path: "src/main.py".into(),
            module: "main".into(),
            text: "import util\nx = (\n".into(),
        },
        SourceFile {
            path: "src/util.py".into(),
            module: "util".into(),
            text: "def f(:\n".into(),
        },
    ];
    let out = compile(&files, "main");
    assert!(out.image.is_none());
    let files_hit: Vec<usize> = out.diagnostics.iter().map(|d| d.file).collect();
    assert!(files_hit.contains(&0) && files_hit.contains(&1), "{out:#?}");
}

#[test]
fn missing_entry_module() {
    let out = compile(
        &[SourceFile {
            path: "src/lib.py".into(),
            module: "lib".into(),
            text: "x = 1\n".into(),
        }],
        "main",
    );
    assert!(out.image.is_none());
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].code, "E0005");
}

#[test]
fn too_deep_nesting_is_a_diagnostic() {
    let src = format!("x = {}1{}\n", "(".repeat(10_000), ")".repeat(10_000));
    let out = common::compile_main(&src);
    assert!(out.image.is_none());
    assert_eq!(out.diagnostics[0].code, "E0001");
    assert!(out.diagnostics[0].message.contains("nested parentheses"));

    let src = format!("x = {}1\n", "-".repeat(100_000));
    let out = common::compile_main(&src);
    assert_eq!(out.diagnostics[0].code, "E0007");

    let src = format!("x = {}\n", vec!["1"; 100_000].join(" + "));
    let out = common::compile_main(&src);
    assert_eq!(out.diagnostics[0].code, "E0007");
}

#[test]
fn jumps_beyond_i16_are_reported_as_too_large() {
    let body: String = (0..5000).map(|i| format!("    x = x + {i}\n")).collect();
    let src = format!("x = 0\nwhile x < 1:\n{body}");
    let out = common::compile_main(&src);
    assert!(out.image.is_none());
    assert_eq!(out.diagnostics.len(), 1, "{:#?}", out.diagnostics);
    assert_eq!(out.diagnostics[0].code, "E0004");
}

#[test]
fn long_integer_literals_are_refused() {
    let src = format!("x = {}\n", "9".repeat(5000));
    let out = common::compile_main(&src);
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].code, "E0004");
}

#[test]
fn duplicate_modules_are_reported() {
    let f = |path: &str| SourceFile {
        path: path.into(),
        module: "main".into(),
        text: "x = 1\n".into(),
    };
    let out = compile(&[f("a/main.py"), f("b/main.py")], "main");
    assert!(out.image.is_none());
    assert_eq!(out.diagnostics[0].code, "E0006");
    assert_eq!(out.diagnostics[0].file, 1);
}

#[test]
fn compile_time_syntax_errors() {
    let diags = check_diag(
        "compile_time_syntax_errors",
        "def f(a, a):\n    pass\nf(k=1, k=2)\n__debug__ = 1\n[a, *b, *c] = d\nclass C:\n    x = [i for i in y if (j := i)]\n",
    );
    assert_eq!(diags.len(), 5, "{diags:#?}");
}
