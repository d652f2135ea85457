//! Any bytes as a runtime ELF, a UF2 file or Intel HEX text: each reader
//! answers Ok or Err, never panics; what the writers make reads back.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mpc::firmware::{self, ihex, uf2};

fuzz_target!(|data: &[u8]| {
    if let Ok(info) = firmware::read_runtime(data) {
        let _ = firmware::link(data, &data[..data.len().min(64)]);
        let back = uf2::parse(&uf2::write(&info.segments, 0xe48b_ff56));
        assert!(back.is_ok());
    }
    let _ = firmware::load_segments(data);
    if let Ok(u) = uf2::parse(data) {
        assert_eq!(uf2::parse(&uf2::write(&u.segments, u.family_id)).map(|v| v.segments), Ok(u.segments));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(segments) = ihex::parse(text) {
            assert_eq!(ihex::parse(&ihex::write(&segments)), Ok(segments));
        }
    }
});
