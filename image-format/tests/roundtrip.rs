//! Writer → validator round trips, and the validator refusing damage
//! without panicking.
use image_format::image::{Const, ImageError, analyze};
use image_format::ops::{Op, Rel};
use image_format::qstr;
use image_format::writer::{
    CodeData, ConstData, ImageData, ModuleData, encode_ops, parse_image, write_image,
};
use proptest::prelude::*;

fn sample() -> ImageData {
    let body = encode_ops(&[
        Op::LoadInt { val: 3 },
        Op::StoreFast { idx: 0 },
        Op::LoadFast { idx: 0 },
        Op::PopJumpIfFalse { rel: Rel(4) },
        Op::LoadConst { idx: 1 },
        Op::ReturnValue {},
        Op::LoadConst { idx: 0 },
        Op::ReturnValue {},
    ]);
    let mut scratch = vec![0u32; body.len()];
    let info = analyze(&body, &mut scratch).unwrap();
    ImageData {
        flags: 0,
        entry_module: 0,
        qstrs: vec![
            "main".into(),
            "src/main.py".into(),
            "x".into(),
            "héllo".into(),
        ],
        modules: vec![ModuleData {
            name: qstr::STATIC_COUNT as u32,
            file: qstr::STATIC_COUNT as u32 + 1,
            consts: vec![
                ConstData::None,
                ConstData::Str(qstr::STATIC_COUNT as u32 + 3),
                ConstData::BigInt {
                    negative: true,
                    limbs: vec![1, 2, 3],
                },
                ConstData::Float(1.5),
                ConstData::Tuple(vec![0, 1]),
            ],
            top_code: 0,
        }],
        codes: vec![CodeData {
            name: qstr::MODULE as u32,
            qualname: qstr::MODULE as u32,
            module: 0,
            nlocals: 1,
            max_stack: info.max_stack,
            max_blocks: info.max_blocks,
            first_line: 1,
            bytecode: body,
            lines: vec![(0, 1), (4, 2), (9, 5)],
            varnames: vec![qstr::STATIC_COUNT as u32 + 2],
            ..Default::default()
        }],
    }
}

#[test]
fn written_images_validate_and_read_back() {
    let bytes = write_image(&sample());
    let image = parse_image(&bytes).unwrap();
    assert_eq!(image.module_count(), 1);
    assert_eq!(image.qstr(image.module(0).file), "src/main.py");
    assert_eq!(image.qstr(qstr::PRINT as u32), "print");
    assert_eq!(
        image.qstr_hash(qstr::STATIC_COUNT as u32 + 3),
        qstr::str_hash("héllo".as_bytes())
    );
    assert_eq!(image.find_qstr("x"), Some(qstr::STATIC_COUNT as u32 + 2));
    let code = image.code(0);
    assert_eq!(code.max_stack, 1);
    assert_eq!(image.line_at(&code, 0), 1);
    assert_eq!(image.line_at(&code, 6), 2);
    assert_eq!(image.line_at(&code, 12), 5);
    assert_eq!(image.line_at(&code, 3), 1);
    assert!(
        matches!(image.constant(0, 2), Const::BigInt { negative: true, limbs } if limbs.len() == 12)
    );
    assert_eq!(image.constant(0, 3), Const::Float(1.5));
    let text = image_format::disasm::disassemble(&image);
    assert!(text.contains("LOAD_CONST           1 ('héllo')"), "{text}");
    assert!(text.contains("POP_JUMP_IF_FALSE    to 16"), "{text}");
}

#[test]
fn images_are_deterministic() {
    assert_eq!(write_image(&sample()), write_image(&sample()));
}

#[test]
fn a_flipped_byte_is_refused_by_the_checksum() {
    let mut bytes = write_image(&sample());
    let n = bytes.len();
    bytes[n - 5] ^= 0x40;
    assert!(matches!(
        parse_image(&bytes),
        Err(ImageError::ChecksumMismatch { .. })
    ));
}

#[test]
fn an_understated_stack_depth_is_refused() {
    let mut data = sample();
    data.codes[0].max_stack = 0;
    assert!(parse_image(&write_image(&data)).is_err());
}

#[test]
fn a_jump_into_an_instruction_is_refused() {
    let mut data = sample();
    data.codes[0].bytecode = encode_ops(&[
        Op::Jump { rel: Rel(1) },
        Op::LoadInt { val: 1 },
        Op::ReturnValue {},
    ]);
    assert!(matches!(
        parse_image(&write_image(&data)),
        Err(ImageError::BadJump { .. })
    ));
}

#[test]
fn reading_below_the_stack_is_refused_even_when_the_depth_would_not_change() {
    let mut data = sample();
    data.codes[0].bytecode = encode_ops(&[Op::RotThree {}, Op::LoadNone {}, Op::ReturnValue {}]);
    data.codes[0].max_stack = 3;
    assert!(matches!(
        parse_image(&write_image(&data)),
        Err(ImageError::BadStack { .. })
    ));
}

#[test]
fn an_out_of_range_local_is_refused() {
    let mut data = sample();
    data.codes[0].bytecode = encode_ops(&[Op::LoadFast { idx: 7 }, Op::ReturnValue {}]);
    assert!(matches!(
        parse_image(&write_image(&data)),
        Err(ImageError::BadOperand { .. })
    ));
}

/// Rewrites the checksum so that damage reaches the structural checks.
fn reseal(bytes: &mut [u8]) {
    if bytes.len() >= 24 {
        let len = (u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize)
            .min(bytes.len())
            .max(24);
        let crc = image_format::image::crc32(&bytes[24..len]);
        bytes[12..16].copy_from_slice(&crc.to_le_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_image(&bytes);
    }

    #[test]
    fn damaged_images_never_panic(pos in 0usize..4096, val in any::<u8>(), cut in 0usize..4096, fix in any::<bool>()) {
        let mut bytes = write_image(&sample());
        let p = pos % bytes.len();
        bytes[p] = val;
        if fix { reseal(&mut bytes); }
        let _ = parse_image(&bytes);
        let c = cut % bytes.len();
        let _ = parse_image(&bytes[..c]);
    }
}
