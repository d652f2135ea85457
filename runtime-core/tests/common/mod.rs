//! A host that captures what the VM writes.
use runtime_core::Host;

#[derive(Default)]
pub struct Capture {
    pub out: Vec<u8>,
    pub err: Vec<u8>,
}

impl Host for Capture {
    fn write_out(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }
    fn write_err(&mut self, bytes: &[u8]) {
        self.err.extend_from_slice(bytes);
    }
    fn ticks_us(&mut self) -> u64 {
        0
    }
    fn sleep_us(&mut self, _us: u64) {}
}
