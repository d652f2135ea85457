//! `micropython.const`: module-level names bound once to `const(<int
//! expression>)` compile to their value wherever they are read.

mod common;

fn dis(src: &str) -> String {
    let out = common::compile_main(src);
    let image = out.image.unwrap_or_else(|| panic!("{:?}", out.diagnostics));
    let image = image_format::writer::parse_image(&image).expect("valid image");
    image_format::disasm::disassemble(&image)
}

#[test]
fn const_names_fold_into_every_read() {
    let text = dis(
        "from micropython import const\nX = const(10)\nY = const(X * 3 + 1)\nBIG = const(1 << 40)\n\
         def f():\n    return X + Y + BIG\nprint(Y)\n",
    );
    assert!(text.contains("LOAD_INT             31"), "{text}");
    assert!(!text.contains("LOAD_GLOBAL          Y"), "{text}");
    assert!(!text.contains("LOAD_GLOBAL          BIG"), "{text}");
    assert!(
        text.contains("(0x00000100_00000000)") || text.contains("0x0000010000000000"),
        "{text}"
    );
}

#[test]
fn rebound_or_non_constant_names_are_left_alone() {
    let text = dis(
        "from micropython import const\nW = const(5)\nW = 6\nV = const(len('ab'))\nprint(W, V)\n",
    );
    assert!(text.contains("LOAD_GLOBAL          W"), "{text}");
    assert!(text.contains("LOAD_GLOBAL          V"), "{text}");
}
