//! Any bytes: the validator answers Ok or Err, never panics, and an image it
//! accepts can be disassembled.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(image) = image_format::writer::parse_image(data) {
        let _ = image_format::disasm::disassemble(&image);
    }
});
