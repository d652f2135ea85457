//! Compiles Python with the real compiler and runs it on the VM with a
//! capturing host.
use runtime_core::{Host, Outcome, Vm};

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

pub struct Run {
    pub outcome: Outcome,
    pub out: String,
    pub err: String,
}

pub fn run_with_heap(src: &str, heap_bytes: usize) -> Run {
    let files = [compiler::SourceFile {
        path: "src/main.py".into(),
        module: "main".into(),
        text: src.into(),
    }];
    let output = compiler::compile(&files, "main");
    let image = output
        .image
        .unwrap_or_else(|| panic!("compile failed: {:?}", output.diagnostics));
    let mut heap = vec![0u8; heap_bytes];
    let mut vm = Vm::new(&image, &mut heap, Capture::default()).expect("image loads");
    let outcome = vm.run();
    let host = vm.host();
    Run {
        outcome,
        out: String::from_utf8_lossy(&host.out).into_owned(),
        err: String::from_utf8_lossy(&host.err).into_owned(),
    }
}

pub fn run(src: &str) -> Run {
    run_with_heap(src, 192 * 1024)
}
