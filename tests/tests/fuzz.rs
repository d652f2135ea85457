//! Fuzz loops for everything that reads an image: `parse_image` and the
//! VM's loader get random bytes, real images cut short, and real images with
//! random bytes changed (the checksum re-sealed, so the damage reaches the
//! structural checks). None of them may panic. When the loader accepts a
//! damaged image, running it on a 64 KiB heap must not panic either; it may
//! raise, and it may loop forever (a damaged jump can make a loop endless),
//! so each run gets a time budget on its own thread.
//!
//! The loops are seeded, so a failure names a seed and a case that replay
//! exactly. `MPC_FUZZ_CASES` scales the number of cases.

use image_format::image::{HEADER_LEN, crc32};
use runtime_core::{Host, Vm};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// A small, fast, seeded generator (xorshift64*); no need for more.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

/// A host that swallows output and keeps a fake clock.
struct NullHost {
    now: u64,
}

impl Host for NullHost {
    fn write_out(&mut self, _bytes: &[u8]) {}
    fn write_err(&mut self, _bytes: &[u8]) {}
    fn ticks_us(&mut self) -> u64 {
        self.now += 1;
        self.now
    }
    fn sleep_us(&mut self, us: u64) {
        self.now += us;
    }
}

const HEAP: usize = 64 * 1024;

fn cases() -> usize {
    std::env::var("MPC_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000)
}

/// Real images: a few corpus programs compiled in process.
fn real_images() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let picks = [
        "control/fizzbuzz.py",
        "functions/keywords.py",
        "closures/counter.py",
        "exceptions/finally_control.py",
        "dicts/basics.py",
        "fstrings/table.py",
        "bigint/factorial.py",
        "float/basics.py",
    ];
    picks
        .iter()
        .map(|rel| {
            let path = root.join(rel);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let files = [compiler::SourceFile {
                path: (*rel).to_owned(),
                module: "main".to_owned(),
                text,
            }];
            let output = compiler::compile(&files, "main");
            let image = output
                .image
                .unwrap_or_else(|| panic!("{rel} does not compile: {:?}", output.diagnostics));
            ((*rel).to_owned(), image)
        })
        .collect()
}

/// Re-computes the header checksum after the bytes were changed.
fn reseal(image: &mut [u8]) {
    if image.len() >= HEADER_LEN {
        let crc = crc32(&image[HEADER_LEN..]);
        image[12..16].copy_from_slice(&crc.to_le_bytes());
    }
}

/// Parses and loads `bytes`; `Err` describes a panic. Returns whether the
/// loader accepted the image.
fn parse_and_load(bytes: &[u8]) -> Result<bool, String> {
    let parsed = catch_unwind(|| image_format::writer::parse_image(bytes).is_ok());
    if parsed.is_err() {
        return Err("parse_image panicked".to_owned());
    }
    let mut heap = vec![0u8; HEAP];
    let loaded = catch_unwind(AssertUnwindSafe(|| {
        Vm::new(bytes, &mut heap, NullHost { now: 0 }).is_ok()
    }));
    loaded.map_err(|_| "Vm::new panicked".to_owned())
}

/// What became of running an accepted image.
enum RunEnd {
    Done,
    Panicked,
    /// Still running after the budget; the thread is left to spin until the
    /// test process ends.
    OutOfTime,
}

fn run_with_budget(image: Vec<u8>, budget: Duration) -> RunEnd {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| {
                let mut heap = vec![0u8; HEAP];
                if let Ok(mut vm) = Vm::new(&image, &mut heap, NullHost { now: 0 }) {
                    let _ = vm.run();
                }
            }));
            let _ = tx.send(result.is_ok());
        });
    if spawned.is_err() {
        return RunEnd::OutOfTime;
    }
    match rx.recv_timeout(budget) {
        Ok(true) => RunEnd::Done,
        Ok(false) => RunEnd::Panicked,
        Err(_) => RunEnd::OutOfTime,
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x6d70_6300_0000_0001);
    let mut failures = Vec::new();
    for case in 0..cases() {
        let len = rng.below(600);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.byte()).collect();
        // Most random bytes die at the magic; give half of them a plausible
        // header so the later checks see them too.
        if case % 2 == 0 && bytes.len() >= HEADER_LEN {
            bytes[..4].copy_from_slice(b"MPCI");
            bytes[4..6].copy_from_slice(&image_format::image::FORMAT_VERSION.to_le_bytes());
            bytes[6..8].copy_from_slice(&0u16.to_le_bytes());
            bytes[8..12].copy_from_slice(&(len as u32).to_le_bytes());
            bytes[20..24].fill(0);
            reseal(&mut bytes);
        }
        if let Err(e) = parse_and_load(&bytes) {
            failures.push(format!("case {case} ({len} bytes): {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn truncated_images_never_panic() {
    let mut failures = Vec::new();
    for (name, image) in real_images() {
        for len in 0..image.len() {
            let cut = &image[..len];
            match parse_and_load(cut) {
                Err(e) => failures.push(format!("{name} cut to {len} bytes: {e}")),
                Ok(true) => failures.push(format!("{name} cut to {len} bytes was accepted")),
                Ok(false) => {}
            }
            // The same cut with its header patched to match, so the
            // truncation is found by the structure checks, not the length.
            if len >= HEADER_LEN {
                let mut patched = cut.to_vec();
                patched[8..12].copy_from_slice(&(len as u32).to_le_bytes());
                reseal(&mut patched);
                if let Err(e) = parse_and_load(&patched) {
                    failures.push(format!("{name} cut to {len} bytes, resealed: {e}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn flipped_images_never_panic() {
    let images = real_images();
    let mut rng = Rng(0x6d70_6300_0000_0002);
    let mut failures = Vec::new();
    let mut accepted = 0;
    let mut out_of_time = 0;
    for case in 0..cases() {
        let (name, image) = &images[case % images.len()];
        let mut damaged = image.clone();
        let flips = 1 + rng.below(4);
        let mut where_ = Vec::new();
        for _ in 0..flips {
            let at = HEADER_LEN + rng.below(damaged.len() - HEADER_LEN);
            damaged[at] ^= 1 + rng.below(255) as u8;
            where_.push(at);
        }
        reseal(&mut damaged);
        match parse_and_load(&damaged) {
            Err(e) => failures.push(format!(
                "case {case}, {name}, bytes {where_:?} changed: {e}"
            )),
            Ok(false) => {}
            Ok(true) => {
                accepted += 1;
                // A handful of endless loops would eat the CPU the rest of
                // the loop needs; after that, accepted images are only loaded.
                if out_of_time < 4 {
                    match run_with_budget(damaged, Duration::from_millis(500)) {
                        RunEnd::Done => {}
                        RunEnd::Panicked => failures.push(format!(
                            "case {case}, {name}, bytes {where_:?} changed: run() panicked"
                        )),
                        RunEnd::OutOfTime => out_of_time += 1,
                    }
                }
            }
        }
    }
    eprintln!(
        "flipped images: {} cases, {accepted} accepted by the loader, {out_of_time} still running after their budget",
        cases()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn real_images_load_and_run() {
    for (name, image) in real_images() {
        assert_eq!(parse_and_load(&image), Ok(true), "{name} was refused");
        assert!(
            matches!(
                run_with_budget(image, Duration::from_secs(10)),
                RunEnd::Done
            ),
            "{name} did not run to completion"
        );
    }
}
