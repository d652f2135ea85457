//! Any text as a Python module: the compiler returns diagnostics or an image
//! the validator accepts, and never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let files = [compiler::SourceFile { path: "fuzz.py".into(), module: "fuzz".into(), text: text.into() }];
    let out = compiler::compile(&files, "fuzz");
    if let Some(image) = out.image {
        image_format::writer::parse_image(&image).expect("the compiler's images validate");
    }
});
