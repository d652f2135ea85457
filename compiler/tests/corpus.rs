//! Whole-program properties: the corpus of every supported construct
//! compiles to a valid image, output is deterministic, and malformed input
//! gives diagnostics, never a panic.

mod common;

use compiler::{SourceFile, compile};

const CORPUS: &str = include_str!("fixtures/corpus.py");

#[test]
fn corpus_compiles_to_a_valid_image() {
    let out = common::compile_main(CORPUS);
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    let image = out.image.unwrap();
    let parsed = image_format::writer::parse_image(&image).unwrap();
    assert_eq!(parsed.flags() & image_format::image::FLAG_FLOAT, 1);
    // The disassembler walks every code object of a valid image.
    assert!(image_format::disasm::disassemble(&parsed).contains("<listcomp>"));
}

#[test]
fn integer_only_programs_do_not_set_the_float_flag() {
    let out = common::compile_main("print(1 + 2)\n");
    let image = out.image.unwrap();
    let parsed = image_format::writer::parse_image(&image).unwrap();
    assert_eq!(parsed.flags(), 0);
}

#[test]
fn several_modules_link_into_one_image() {
    let files = [
        SourceFile {
            path: "src/util.py".into(),
            module: "util".into(),
            text: "def helper():\n    return 'util'\n".into(),
        },
        SourceFile {
            path: "src/main.py".into(),
            module: "main".into(),
            text: CORPUS.into(),
        },
    ];
    let out = compile(&files, "main");
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    let image = out.image.unwrap();
    let parsed = image_format::writer::parse_image(&image).unwrap();
    assert_eq!(parsed.module_count(), 2);
    assert_eq!(parsed.entry_module(), 1);
    let m = parsed.module(1);
    assert_eq!(parsed.qstr(m.name), "main");
    assert_eq!(parsed.qstr(m.file), "src/main.py");
}

#[test]
fn compiling_twice_gives_identical_bytes() {
    let a = common::compile_main(CORPUS).image.unwrap();
    let b = common::compile_main(CORPUS).image.unwrap();
    assert_eq!(a, b);
}

#[test]
fn constants_are_deduplicated_but_kept_distinct_by_type() {
    let out = common::compile_main(
        "a = 100000\nb = 100000\nc = 100000.0\nd = -0.0\ne = 0.0\nf = 'x'\ng = 'x'\n",
    );
    let image = out.image.unwrap();
    let parsed = image_format::writer::parse_image(&image).unwrap();
    let m = parsed.module(0);
    // 100000, 100000.0, -0.0, 0.0, 'x'
    assert_eq!(m.const_count, 5);
}

#[test]
fn malformed_inputs_give_diagnostics_not_panics() {
    // Every prefix of a valid program: most are syntax errors, some are
    // valid; none may panic, and an image exists iff there are no errors.
    let mut cut = 0;
    while cut < CORPUS.len() {
        if CORPUS.is_char_boundary(cut) {
            let out = common::compile_main(&CORPUS[..cut]);
            assert_eq!(out.image.is_some(), out.diagnostics.is_empty());
            if let Some(image) = out.image {
                image_format::writer::parse_image(&image).unwrap();
            }
        }
        cut += 97;
    }
    for src in [
        "(".repeat(10_000),
        "[".repeat(300),
        "def f(:\n".into(),
        "x = \"unterminated\n".into(),
        "\"\"\"never closed".into(),
        "if x:\npass\n".into(),
        "f(**)\n".into(),
        "x = 99999999999999999999999999999999999999999999\n".repeat(3),
        format!("x = {}\n", "9".repeat(5000)),
        "lambda: (yield)\n".into(),
        "def f():\n    nonlocal x\n".into(),
        "\u{0}\u{feff}é = 1\n".into(),
        format!(
            "{}pass\n",
            "if 1:\n".chars().cycle().take(0).collect::<String>()
        ),
    ] {
        let out = common::compile_main(&src);
        assert_eq!(out.image.is_some(), out.diagnostics.is_empty(), "{src:.80}");
    }
}
