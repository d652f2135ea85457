//! Any bytes given to the VM as an image: `Vm::new` refuses or accepts
//! without panicking. (Accepted images are not run: a valid image may loop
//! forever; running real programs is the GC stress test's job.)
#![no_main]
use libfuzzer_sys::fuzz_target;

struct Null;
impl runtime_core::Host for Null {
    fn write_out(&mut self, _: &[u8]) {}
    fn write_err(&mut self, _: &[u8]) {}
    fn ticks_us(&mut self) -> u64 {
        0
    }
    fn sleep_us(&mut self, _: u64) {}
}

fuzz_target!(|data: &[u8]| {
    let mut heap = vec![0u8; 64 * 1024];
    let _ = runtime_core::Vm::new(data, &mut heap, Null);
});
