//! The differential corpus frozen into board firmware and run on emulated
//! chips: every `tests/cases/**/*.py` is compiled, linked into a board's
//! runtime ELF exactly as `mpc build --board` does, booted in QEMU, and its
//! console output and exit status compared with the host VM's run of the
//! same program with the same heap size.
//!
//! - `qemu-m4f` (`-M mps2-an386`, Cortex-M4F): console over semihosting, so
//!   stdout and stderr are compared separately.
//! - `microbit` (`-M microbit`, the BBC micro:bit's nRF51822, Cortex-M0):
//!   the UART console carries both, so it is compared with host stdout
//!   followed by host stderr (`\r\n` read as `\n`).
//!
//! A program that cannot fit a board (its heap or stack, its image region,
//! or a module that board's runtime leaves out) is not a failure, but it is
//! recorded: `tests/firmware/<board>.txt` lists each such program with the
//! reason, and the test fails when the list changes either way, so a
//! regression cannot hide as "does not fit". `MPC_UPDATE_FIRMWARE_LISTS=1`
//! rewrites the lists.
//!
//! Needs the runtimes (`cargo xtask firmware`) and `qemu-system-arm`
//! (`cargo xtask setup` installs both); without them the test fails and
//! says so, since CI must not pass by skipping.

mod common;

use common::{Run, corpus_cases as cases, corpus_dir, mpc, run_with_limit};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn runtime_path(board: &str) -> PathBuf {
    let dir = match std::env::var_os("MPC_RUNTIME_DIR") {
        Some(d) => PathBuf::from(d),
        None => match std::env::var_os("CARGO_TARGET_DIR") {
            Some(t) => root().join(t).join("runtimes"),
            None => root().join("target/runtimes"),
        },
    };
    dir.join(format!("{board}.elf"))
}

#[derive(Clone, Copy)]
enum Console {
    /// stdout and stderr over semihosting.
    Semihosting,
    /// One UART for both.
    Uart,
}

struct Machine {
    board: &'static str,
    qemu_machine: &'static str,
    console: Console,
    /// The runtime leaves out the `unicode` feature (ASCII-only case).
    ascii_only: bool,
}

/// What the runtime ELF says about the heap a program gets: the bytes from
/// `__sheap` (8-aligned) to `_ram_end`, as `mpc_firmware` computes them.
fn device_heap(elf: &[u8]) -> usize {
    let elf = goblin::elf::Elf::parse(elf).expect("runtime ELF parses");
    let sym = |name: &str| {
        elf.syms
            .iter()
            .find(|s| elf.strtab.get_at(s.st_name) == Some(name))
            .map(|s| s.st_value as usize)
            .unwrap_or_else(|| panic!("runtime lacks {name}"))
    };
    let start = (sym("__sheap") + 7) & !7;
    sym("_ram_end") - start
}

enum Verdict {
    Pass,
    /// Does not fit the board, for this reason.
    NoFit(String),
    Fail(String),
}

fn normalize_uart(bytes: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .into_bytes()
}

fn qemu(machine: &Machine, elf: &Path) -> Run {
    let mut cmd = Command::new("qemu-system-arm");
    cmd.args([
        "-M",
        machine.qemu_machine,
        "-nographic",
        "-no-reboot",
        "-monitor",
        "none",
        "-semihosting-config",
        "enable=on,target=native",
        "-kernel",
    ])
    .arg(elf);
    run_with_limit(cmd, LIMIT)
}

fn host(case: &Path, heap: usize) -> Run {
    let dir = corpus_dir();
    let mut cmd = mpc(&dir);
    cmd.args(["run", "--heap", &heap.to_string()])
        .arg(case.strip_prefix(&dir).unwrap_or(case));
    run_with_limit(cmd, LIMIT)
}

/// Why a device run that differs from the host's is a fit problem, if it is.
fn no_fit_reason(
    machine: &Machine,
    device_text: &str,
    host_text: &str,
    source: &str,
) -> Option<String> {
    let last = device_text.trim_end().lines().last().unwrap_or("");
    // Also when the program catches the error and prints it.
    let new_error = |name: &str| device_text.contains(name) && !host_text.contains(name);
    if new_error("MemoryError") {
        return Some("MemoryError: needs more than the board's heap".into());
    }
    if new_error("RecursionError") {
        return Some("RecursionError: nests deeper than the board's stack allows".into());
    }
    if last.starts_with("ModuleNotFoundError: No module named") {
        return Some(format!("{last} (left out of this board's runtime)"));
    }
    if last.starts_with("AttributeError: module 'math' has no attribute") {
        return Some(format!("{last} (left out of this board's runtime)"));
    }
    if machine.ascii_only && !source.is_ascii() {
        return Some("non-ASCII text: this runtime's str case mapping is ASCII-only".into());
    }
    None
}

fn check(machine: &Machine, runtime: &[u8], heap: usize, case: &Path, scratch: &Path) -> Verdict {
    let rel = case
        .strip_prefix(corpus_dir())
        .unwrap_or(case)
        .display()
        .to_string();
    let source = std::fs::read_to_string(case).unwrap_or_default();
    let host_run = host(case, heap);
    if host_run.timed_out {
        return Verdict::Fail("the host run timed out".into());
    }
    if host_run.status != Some(0) && host_run.stderr.contains("MemoryError") {
        return Verdict::NoFit("MemoryError on the host too with the board's heap".into());
    }
    let module = case
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("main")
        .to_owned();
    let file = match mpc::project::read_source(case, rel.clone(), module.clone()) {
        Ok(f) => f,
        Err(e) => return Verdict::Fail(format!("cannot read: {e}")),
    };
    let out = compiler::compile(std::slice::from_ref(&file), &module);
    let Some(image) = out.image else {
        return Verdict::Fail("does not compile".into());
    };
    let elf = match mpc::firmware::link(runtime, &image) {
        Ok(e) => e,
        Err(mpc::firmware::FirmwareError::ImageTooLarge { image, capacity }) => {
            return Verdict::NoFit(format!(
                "image of {image} bytes exceeds the {capacity}-byte image region"
            ));
        }
        Err(e) => return Verdict::Fail(format!("link: {e}")),
    };
    let path = scratch.join(format!("{}.elf", rel.replace('/', "__")));
    std::fs::write(&path, &elf).expect("write ELF");
    let dev = qemu(machine, &path);
    let _ = std::fs::remove_file(&path);
    if dev.timed_out {
        return Verdict::Fail("the firmware run timed out".into());
    }
    let (expected, actual): (Vec<u8>, Vec<u8>) = match machine.console {
        Console::Semihosting => (
            [
                host_run.stdout.as_slice(),
                b"\x00",
                host_run.stderr.as_bytes(),
            ]
            .concat(),
            [dev.stdout.as_slice(), b"\x00", dev.stderr.as_bytes()].concat(),
        ),
        Console::Uart => (
            [host_run.stdout.as_slice(), host_run.stderr.as_bytes()].concat(),
            normalize_uart(&dev.stdout),
        ),
    };
    if expected == actual && dev.status == host_run.status {
        return Verdict::Pass;
    }
    let device_text = String::from_utf8_lossy(&actual).replace('\x00', "\n");
    let host_text = String::from_utf8_lossy(&expected).replace('\x00', "\n");
    if let Some(reason) = no_fit_reason(machine, &device_text, &host_text, &source) {
        return Verdict::NoFit(reason);
    }
    Verdict::Fail(format!(
        "exit {:?} vs host {:?}\n--- host\n{}\n--- device\n{}",
        dev.status,
        host_run.status,
        tail(&String::from_utf8_lossy(&expected).replace('\x00', "\n<stderr>\n")),
        tail(&device_text),
    ))
}

fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(8)..].join("\n")
}

fn run_corpus(machine: Machine) {
    let runtime_file = runtime_path(machine.board);
    let runtime = std::fs::read(&runtime_file).unwrap_or_else(|e| {
        panic!(
            "cannot read the {} runtime {} ({e}): build the runtimes with `cargo xtask firmware`",
            machine.board,
            runtime_file.display()
        )
    });
    let qemu_ok = Command::new("qemu-system-arm")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        qemu_ok,
        "qemu-system-arm is not installed: `cargo xtask setup` installs it"
    );
    let heap = device_heap(&runtime);
    let scratch = tempfile::tempdir().expect("temporary directory");
    let cases = cases();
    let verdicts: Mutex<BTreeMap<String, Verdict>> = Mutex::new(BTreeMap::new());
    let next = Mutex::new(0usize);
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        let i = *n;
                        *n += 1;
                        i
                    };
                    let Some(case) = cases.get(i) else { break };
                    let v = check(&machine, &runtime, heap, case, scratch.path());
                    let rel = case
                        .strip_prefix(corpus_dir())
                        .unwrap_or(case)
                        .display()
                        .to_string();
                    verdicts.lock().unwrap().insert(rel, v);
                }
            });
        }
    });
    let verdicts = verdicts.into_inner().unwrap();
    let passed = verdicts
        .values()
        .filter(|v| matches!(v, Verdict::Pass))
        .count();
    let mut no_fit = String::new();
    let mut failures = String::new();
    for (name, v) in &verdicts {
        match v {
            Verdict::Pass => {}
            Verdict::NoFit(reason) => no_fit.push_str(&format!("{name}: {reason}\n")),
            Verdict::Fail(why) => failures.push_str(&format!("\n{name}: {why}\n")),
        }
    }
    eprintln!(
        "{}: {passed} of {} programs match the host run; {} do not fit; heap {heap} bytes",
        machine.board,
        verdicts.len(),
        no_fit.lines().count()
    );
    assert!(
        failures.is_empty(),
        "{}: programs whose firmware run differs from the host run:{failures}",
        machine.board
    );
    let list = root().join(format!("tests/firmware/{}.txt", machine.board));
    let header = format!(
        "# Corpus programs that do not fit the {} firmware, and why.\n\
         # Written by `MPC_UPDATE_FIRMWARE_LISTS=1 cargo test -p mpc --test firmware`.\n",
        machine.board
    );
    let recorded = std::fs::read_to_string(&list).unwrap_or_default();
    let now = format!("{header}{no_fit}");
    if std::env::var_os("MPC_UPDATE_FIRMWARE_LISTS").is_some() {
        std::fs::create_dir_all(list.parent().unwrap()).expect("create tests/firmware");
        std::fs::write(&list, &now).expect("write the list");
    } else {
        assert_eq!(
            recorded,
            now,
            "{}: the programs that do not fit changed; if that is right, rerun with \
             MPC_UPDATE_FIRMWARE_LISTS=1 and commit {}",
            machine.board,
            list.display()
        );
    }
}

#[test]
fn corpus_on_qemu_cortex_m4f() {
    run_corpus(Machine {
        board: "qemu-m4f",
        qemu_machine: "mps2-an386",
        console: Console::Semihosting,
        ascii_only: false,
    });
}

#[test]
fn corpus_on_qemu_microbit() {
    run_corpus(Machine {
        board: "microbit",
        qemu_machine: "microbit",
        console: Console::Uart,
        ascii_only: true,
    });
}

/// The Pico firmware has no QEMU machine: a smoke set runs under rp2040js
/// (`targets/pico/rp2040js/run.mjs`, about 100 times slower than QEMU) —
/// hello, arithmetic, a class, an uncaught exception, a GC-heavy loop and
/// `machine.Pin` — each compared with the host run.
#[test]
fn smoke_on_rp2040js() {
    const SMOKE: [&str; 6] = [
        "printing/banner.py",
        "arith/mixed_int_float.py",
        "classes/inheritance_single.py",
        "classes/uncaught_attr.py",
        "mixed/gc_churn.py",
        "exceptions/raise_in_function.py",
    ];
    let driver = root().join("targets/pico/rp2040js");
    assert!(
        driver.join("node_modules/rp2040js").is_dir(),
        "rp2040js is not installed in {}: `cargo xtask setup` runs `npm ci` there",
        driver.display()
    );
    let runtime_file = runtime_path("pico");
    let runtime = std::fs::read(&runtime_file).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}): build the runtimes with `cargo xtask firmware`",
            runtime_file.display()
        )
    });
    let heap = device_heap(&runtime);
    let scratch = tempfile::tempdir().expect("temporary directory");
    let mut failures = String::new();
    let mut programs: Vec<(String, String)> = SMOKE
        .iter()
        .map(|rel| {
            let text = std::fs::read_to_string(corpus_dir().join(rel)).expect("smoke case");
            (rel.to_string(), text)
        })
        .collect();
    programs.push((
        "pins.py".into(),
        "from machine import Pin\nimport machine\n\
         led = Pin('LED', Pin.OUT)\nled.on()\nprint(led, led.value())\nled.toggle()\nprint(led.value())\n\
         print(Pin(2, Pin.IN, Pin.PULL_UP).value(), Pin(3, Pin.IN, Pin.PULL_DOWN).value())\n\
         print(machine.freq())\n"
            .into(),
    ));
    for (rel, source) in &programs {
        let module = "main".to_owned();
        let file = mpc::project::source_from_bytes(
            rel.clone(),
            module.clone(),
            source.clone().into_bytes(),
        )
        .expect("UTF-8 source");
        let image = compiler::compile(std::slice::from_ref(&file), &module)
            .image
            .expect("smoke case compiles");
        let elf = mpc::firmware::link(&runtime, &image).expect("links");
        let path = scratch.path().join("smoke.elf");
        std::fs::write(&path, &elf).expect("write ELF");
        let mut cmd = Command::new("node");
        cmd.arg(driver.join("run.mjs"))
            .arg(&path)
            .args(["--timeout-ms", "120000"]);
        let dev = run_with_limit(cmd, Duration::from_secs(150));
        // The host run of the same text, with the board's heap.
        let host_file = scratch.path().join(rel.replace('/', "__"));
        std::fs::write(&host_file, source).expect("write source");
        let mut cmd = mpc(scratch.path());
        cmd.args(["run", "--heap", &heap.to_string(), "--board", "pico"])
            .arg(&host_file);
        let host_run = run_with_limit(cmd, LIMIT);
        let expected = format!(
            "{}{}",
            String::from_utf8_lossy(&host_run.stdout),
            host_run
                .stderr
                .replace(&host_file.display().to_string(), rel)
        );
        let actual = String::from_utf8_lossy(&normalize_uart(&dev.stdout)).into_owned();
        if actual != expected || dev.status != host_run.status {
            failures.push_str(&format!(
                "\n{rel}: exit {:?} vs host {:?}\n--- host\n{}\n--- rp2040js\n{}\n{}",
                dev.status,
                host_run.status,
                tail(&expected),
                tail(&actual),
                tail(&dev.stderr)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "pico firmware under rp2040js:{failures}"
    );
}

/// Links `source` into `board`'s runtime (or, with `image` given, those
/// image bytes as they are) and runs it on QEMU; returns the console text
/// (stdout then stderr, `\r\n` as `\n`) and the exit status.
fn run_on_qemu(
    machine: &Machine,
    source: Option<&str>,
    image: Option<Vec<u8>>,
) -> (String, Option<i32>) {
    let runtime = std::fs::read(runtime_path(machine.board))
        .expect("the runtime is built (`cargo xtask firmware`)");
    let image = match (source, image) {
        (_, Some(bytes)) => bytes,
        (Some(src), None) => {
            let file = mpc::project::source_from_bytes("main.py".into(), "main".into(), src.into())
                .expect("UTF-8");
            compiler::compile(std::slice::from_ref(&file), "main")
                .image
                .expect("compiles")
        }
        (None, None) => Vec::new(),
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("fw.elf");
    std::fs::write(&path, mpc::firmware::link(&runtime, &image).expect("links")).unwrap();
    let run = qemu(machine, &path);
    assert!(!run.timed_out, "{} timed out", machine.board);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&normalize_uart(&run.stdout)),
        run.stderr
    );
    (text, run.status)
}

fn both_qemu_machines() -> [Machine; 2] {
    [
        Machine {
            board: "qemu-m4f",
            qemu_machine: "mps2-an386",
            console: Console::Semihosting,
            ascii_only: false,
        },
        Machine {
            board: "microbit",
            qemu_machine: "microbit",
            console: Console::Uart,
            ascii_only: true,
        },
    ]
}

#[test]
fn missing_and_broken_images_are_refused_on_the_console() {
    for machine in both_qemu_machines() {
        let b = machine.board;
        let (text, status) = run_on_qemu(&machine, None, Some(Vec::new()));
        assert_eq!(status, Some(1), "{b}: {text}");
        assert!(
            text.contains("mpc: no Python image in flash at")
                && text.contains(&format!("(board {b})")),
            "{b}: {text}"
        );
        let file = mpc::project::source_from_bytes(
            "main.py".into(),
            "main".into(),
            b"print(1)\n".to_vec(),
        )
        .unwrap();
        let mut image = compiler::compile(std::slice::from_ref(&file), "main")
            .image
            .unwrap();
        let last = image.len() - 1;
        image[last] ^= 0x55;
        let (text, status) = run_on_qemu(&machine, None, Some(image.clone()));
        assert_eq!(status, Some(1), "{b}: {text}");
        assert!(
            text.contains("is invalid: ") && text.contains("checksum"),
            "{b}: {text}"
        );
        // A header claiming more bytes than the region holds.
        image[last] ^= 0x55;
        image.truncate(image.len() / 2);
        let (text, status) = run_on_qemu(&machine, None, Some(image));
        assert_eq!(status, Some(1), "{b}: {text}");
        assert!(text.contains("is invalid: "), "{b}: {text}");
    }
}

#[test]
fn memory_and_recursion_errors_are_tracebacks_on_devices() {
    for machine in both_qemu_machines() {
        let b = machine.board;
        let (text, status) = run_on_qemu(
            &machine,
            Some("x = []\nwhile True:\n    x.append([0] * 8)\n"),
            None,
        );
        assert_eq!(status, Some(1), "{b}: {text}");
        assert!(
            text.starts_with("Traceback (most recent call last):\n  File \"main.py\", line 3"),
            "{b}: {text}"
        );
        assert!(text.ends_with("MemoryError\n"), "{b}: {text}");
        let (text, status) = run_on_qemu(
            &machine,
            Some("def f(n):\n    return f(n + 1)\nf(0)\n"),
            None,
        );
        assert_eq!(status, Some(1), "{b}: {text}");
        assert!(
            text.ends_with("RecursionError: maximum recursion depth exceeded\n"),
            "{b}: {text}"
        );
        // Python called from Rust, nested as deep as it goes: the native
        // stack floor stops it with RecursionError, not a fault.
        // Deeper than either board's stack allows, within its heap.
        let depth = if b == "microbit" { 20 } else { 500 };
        let nest = format!(
            "class N:\n    def __init__(self, c):\n        self.c = c\n    def __repr__(self):\n        \
             return 'N(' + repr(self.c) + ')'\nx = None\nfor i in range({depth}):\n    x = N(x)\nprint(repr(x))\n"
        );
        let (text, status) = run_on_qemu(&machine, Some(&nest), None);
        assert_eq!(status, Some(1), "{b}: {text}");
        assert!(
            text.ends_with("RecursionError: maximum recursion depth exceeded\n"),
            "{b}: {text}"
        );
    }
}
