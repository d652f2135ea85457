//! Runs every corpus program with a collection before every allocation,
//! and on small heaps, and checks that the output never changes: a value
//! the VM forgot to root would be freed and reused, and show up here as
//! different output or a panic. Small heaps may end in `MemoryError` or
//! `RecursionError`, but then only after printing a prefix of the real output.
mod common;

use runtime_core::{Outcome, Vm};
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn run(image: &[u8], heap_bytes: usize, stress: bool) -> (Outcome, String, String) {
    let mut heap = vec![0u8; heap_bytes];
    let mut vm = Vm::new(image, &mut heap, common::Capture::default()).expect("image loads");
    vm.set_gc_stress(stress);
    let outcome = vm.run();
    let host = vm.host();
    (
        outcome,
        String::from_utf8_lossy(&host.out).into_owned(),
        String::from_utf8_lossy(&host.err).into_owned(),
    )
}

#[test]
fn output_survives_collection_at_every_allocation_and_small_heaps() {
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 80, "corpus not found");
    for path in &cases {
        let text = std::fs::read_to_string(path).unwrap();
        // Cases that ask for a big heap are about volume (200,000 keys), and
        // a collection per allocation would make them quadratic.
        if text
            .lines()
            .take(5)
            .any(|l| l.trim().starts_with("# mpc: heap="))
        {
            continue;
        }
        let files = [compiler::SourceFile {
            path: "main.py".into(),
            module: "main".into(),
            text,
        }];
        let Some(image) = compiler::compile(&files, "main").image else {
            continue;
        };
        let reference = run(&image, 4 << 20, false);
        let stressed = run(&image, 256 << 10, true);
        if stressed != reference {
            failures.push(format!(
                "{}: under GC stress\n  want {:?}\n  got  {:?}",
                path.display(),
                reference,
                stressed
            ));
        }
        for kb in [16, 24, 48, 96] {
            let (outcome, out, err) = run(&image, kb << 10, false);
            let same = (outcome, &out, &err) == (reference.0, &reference.1, &reference.2);
            let clean_failure = outcome == Outcome::Exception
                && (err.contains("MemoryError") || err.contains("RecursionError"))
                && reference.1.starts_with(&out);
            if !same && !clean_failure {
                failures.push(format!(
                    "{} at {kb} KiB:\n  want {:?}\n  got  {:?}",
                    path.display(),
                    reference,
                    (outcome, out, err)
                ));
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
