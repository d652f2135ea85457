//! `mpc build --board`: the firmware files a board takes, checked by reading
//! them back, and every way a board build is refused. Needs the runtimes
//! (`cargo xtask firmware`).

mod common;

use common::{Run, mpc, mpc_run, run_with_limit};
use mpc::firmware::{self, Segment};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary directory")
}

fn project(dir: &Path, board: Option<&str>, main: &str) -> PathBuf {
    let mut args = vec!["new", "app"];
    if let Some(b) = board {
        args.extend(["--board", b]);
    }
    let run = mpc_run(dir, &args);
    assert_eq!(run.status, Some(0), "{}", run.describe());
    let root = dir.join("app");
    std::fs::write(root.join("src/main.py"), main).expect("write main.py");
    root
}

#[track_caller]
fn ok(run: &Run) {
    assert_eq!(run.status, Some(0), "{}", run.describe());
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The bytes `segments` place at `addr..addr + len`, if they cover it.
fn bytes_at(segments: &[Segment], addr: u32, len: usize) -> Option<Vec<u8>> {
    let s = segments
        .iter()
        .find(|s| s.addr <= addr && u64::from(addr) + len as u64 <= s.end())?;
    let from = (addr - s.addr) as usize;
    Some(s.data[from..from + len].to_vec())
}

#[test]
fn pico_firmware_files_read_back_to_the_elf() {
    let tmp = tempdir();
    let root = project(tmp.path(), Some("pico"), "print('hi from the pico')\n");
    ok(&mpc_run(&root, &["build"]));
    let dir = root.join("target/mpc/pico");
    let elf = read(&dir.join("app.elf"));
    let segments = firmware::load_segments(&elf).expect("the linked ELF reads back");
    // The image sits at the board's image address, byte for byte.
    let image = read(&root.join("target/mpc/app.mpci"));
    let board = mpc::boards::find("pico").unwrap();
    assert_eq!(
        bytes_at(&segments, board.image_start(), image.len()),
        Some(image.clone())
    );
    // boot2 and the vector table are at the start of flash.
    assert_eq!(segments[0].addr, 0x1000_0000);
    // UF2: RP2040 family, 256-byte payloads, same bytes as the ELF.
    let uf2 = firmware::uf2::parse(&read(&dir.join("app.uf2"))).expect("UF2 parses");
    assert_eq!(uf2.family_id, 0xe48b_ff56);
    for seg in &segments {
        assert_eq!(
            bytes_at(&uf2.segments, seg.addr, seg.data.len()).as_deref(),
            Some(seg.data.as_slice()),
            "UF2 differs from the ELF at {:#x}",
            seg.addr
        );
    }
    // HEX and BIN carry the same bytes.
    let hex = firmware::ihex::parse(&String::from_utf8(read(&dir.join("app.hex"))).unwrap())
        .expect("HEX parses");
    assert_eq!(hex, segments);
    let bin = read(&dir.join("app.bin"));
    for seg in &segments {
        let at = (seg.addr - 0x1000_0000) as usize;
        assert_eq!(&bin[at..at + seg.data.len()], seg.data.as_slice());
    }
}

#[test]
fn builds_are_byte_identical() {
    let tmp = tempdir();
    let root = project(tmp.path(), None, "import machine\nprint(machine.freq())\n");
    let files = ["app.elf", "app.hex", "app.bin", "app.uf2"];
    let build = |r: &Path| {
        ok(&mpc_run(r, &["build", "--board", "nrf52840dk"]));
        files.map(|f| read(&r.join("target/mpc/nrf52840dk").join(f)))
    };
    let first = build(&root);
    std::fs::remove_dir_all(root.join("target")).unwrap();
    assert_eq!(first, build(&root));
}

#[test]
fn image_only_covers_just_the_image_region() {
    let tmp = tempdir();
    let root = project(tmp.path(), Some("pico"), "print(1)\n");
    ok(&mpc_run(&root, &["build", "--image-only"]));
    let dir = root.join("target/mpc/pico");
    assert!(!dir.join("app.elf").exists());
    let image = read(&root.join("target/mpc/app.mpci"));
    let uf2 = firmware::uf2::parse(&read(&dir.join("app.image.uf2"))).unwrap();
    let start = 0x1008_0000u32;
    assert!(
        uf2.segments
            .iter()
            .all(|s| s.addr >= start && s.end() <= u64::from(start) + 0x18_0000)
    );
    assert_eq!(
        bytes_at(&uf2.segments, start, image.len()),
        Some(image.clone())
    );
    let hex = firmware::ihex::parse(&String::from_utf8(read(&dir.join("app.image.hex"))).unwrap())
        .unwrap();
    assert_eq!(
        hex,
        vec![Segment {
            addr: start,
            data: image
        }]
    );
}

#[test]
fn an_image_too_large_for_the_board_names_both_sizes() {
    let tmp = tempdir();
    let big = "x".repeat(30_000);
    let root = project(tmp.path(), None, &format!("s = '{big}'\nprint(len(s))\n"));
    let run = mpc_run(&root, &["build", "--board", "microbit"]);
    assert_eq!(run.status, Some(1), "{}", run.describe());
    assert!(
        run.stderr
            .contains("but board `microbit` has 24576 bytes for it"),
        "{}",
        run.describe()
    );
    assert!(run.stderr.contains("the image is 30"), "{}", run.describe());
}

#[test]
fn a_runtime_for_another_board_is_refused() {
    let tmp = tempdir();
    let root = project(tmp.path(), None, "print(1)\n");
    let fake = tmp.path().join("runtimes");
    std::fs::create_dir_all(&fake).unwrap();
    let microbit = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/runtimes/microbit.elf");
    std::fs::copy(&microbit, fake.join("pico.elf")).expect("the microbit runtime is built");
    let mut cmd = mpc(&root);
    cmd.env("MPC_RUNTIME_DIR", &fake)
        .args(["build", "--board", "pico"]);
    let run = run_with_limit(cmd, Duration::from_secs(60));
    assert_eq!(run.status, Some(1), "{}", run.describe());
    assert!(
        run.stderr
            .contains("is the runtime for board `microbit`, not `pico`"),
        "{}",
        run.describe()
    );
    // No runtime at all: say where mpc looked and how to get one.
    let mut cmd = mpc(&root);
    cmd.env("MPC_RUNTIME_DIR", tmp.path().join("nowhere"))
        .args(["build", "--board", "pico"]);
    let run = run_with_limit(cmd, Duration::from_secs(60));
    assert_eq!(run.status, Some(1), "{}", run.describe());
    assert!(
        run.stderr.contains("no runtime for board `pico`"),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr.contains("cargo xtask firmware"),
        "{}",
        run.describe()
    );
}

#[test]
fn unknown_boards_list_the_known_ones() {
    let tmp = tempdir();
    let root = project(tmp.path(), None, "print(1)\n");
    let run = mpc_run(&root, &["build", "--board", "esp32"]);
    assert_eq!(run.status, Some(1));
    assert!(
        run.stderr.contains("unknown board `esp32`"),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr.contains("pico, nrf52840dk, microbit, qemu-m4f"),
        "{}",
        run.describe()
    );
    let run = mpc_run(&root, &["build", "--image-only"]);
    assert_eq!(run.status, Some(1));
    assert!(
        run.stderr.contains("`--image-only` needs a board"),
        "{}",
        run.describe()
    );
}

#[test]
fn every_runtime_matches_the_board_table() {
    for board in mpc::boards::all() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../target/runtimes")
            .join(format!("{}.elf", board.name));
        let info = firmware::read_runtime(&read(&path)).expect("runtime reads");
        assert_eq!(info.board, board.name);
        assert_eq!(info.image_start, board.image_start(), "{}", board.name);
        assert_eq!(info.image_capacity(), board.image_size(), "{}", board.name);
        for seg in &info.segments {
            assert!(
                seg.addr >= board.flash[0]
                    && seg.end() <= u64::from(board.flash[0]) + u64::from(board.flash[1]),
                "{}: segment at {:#x} outside flash",
                board.name,
                seg.addr
            );
        }
    }
}

#[test]
fn boards_and_size_report() {
    let tmp = tempdir();
    let run = mpc_run(tmp.path(), &["boards"]);
    ok(&run);
    let text = run.stdout_text();
    for name in ["pico", "nrf52840dk", "microbit", "qemu-m4f"] {
        assert!(text.lines().any(|l| l.starts_with(name)), "{text}");
    }
    let root = project(tmp.path(), Some("microbit"), "print(1)\n");
    let run = mpc_run(&root, &["size"]);
    ok(&run);
    let text = run.stdout_text();
    assert!(text.contains("board microbit"), "{text}");
    assert!(text.contains("flash"), "{text}");
    assert!(text.contains("of the 24576 bytes image region"), "{text}");
    assert!(text.contains("  main "), "{text}");
}

#[test]
fn the_blink_example_builds_for_its_board() {
    let tmp = tempdir();
    let run = mpc_run(tmp.path(), &["new", "--board", "pico", "blink"]);
    ok(&run);
    let root = tmp.path().join("blink");
    let main = std::fs::read_to_string(root.join("src/main.py")).unwrap();
    assert!(main.contains("Pin(\"LED\", Pin.OUT)") && main.contains("sleep_ms(500)"));
    ok(&mpc_run(&root, &["build"]));
    assert!(root.join("target/mpc/pico/blink.uf2").is_file());
    // On the host, the LED toggles every 500 ms (stopped after ~1.2 s).
    let mut cmd = mpc(&root);
    cmd.args(["run", "--trace-pins"]);
    let run = run_with_limit(cmd, Duration::from_millis(1200));
    assert!(run.timed_out);
    let changes: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("pin 25 ="))
        .collect();
    assert!(changes.len() >= 2, "{}", run.describe());
    assert!(changes[0].ends_with("pin 25 = 1") && changes[1].ends_with("pin 25 = 0"));
}

#[test]
fn json_build_reports_the_artifacts() {
    let tmp = tempdir();
    let root = project(tmp.path(), Some("pico"), "print(1)\n");
    let run = mpc_run(&root, &["build", "--message-format", "json"]);
    ok(&run);
    let last = run
        .stdout_text()
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    let v: serde_json::Value = serde_json::from_str(&last).expect("JSON line");
    assert_eq!(v["reason"], "build-finished");
    assert_eq!(v["success"], true);
    assert_eq!(v["board"], "pico");
    let files: Vec<&str> = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    for ext in ["elf", "hex", "bin", "uf2"] {
        assert!(
            files
                .iter()
                .any(|f| f.ends_with(&format!("target/mpc/pico/app.{ext}"))),
            "{files:?}"
        );
    }
}
