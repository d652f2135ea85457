//! `mpc flash` and `mpc probes` on a machine without a board or a probe:
//! dry runs against probe-rs's chip database, the UF2 drag-and-drop path
//! onto a folder that looks like a bootloader drive, and the reports a
//! user sees when there is nothing to flash to.

mod common;

use common::{Run, mpc, run_with_limit};
use mpc::firmware;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary directory")
}

/// `mpc ARGS` in `dir`, with no mounted drives of the test machine's user
/// in the way (USER points at nobody).
fn mpc_in(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = mpc(dir);
    cmd.env("USER", "mpc-test-nobody").args(args);
    let run = run_with_limit(cmd, Duration::from_secs(120));
    run.assert_no_panic();
    run
}

fn project(dir: &Path, board: &str) -> PathBuf {
    let run = mpc_in(dir, &["new", "--board", board, "app"]);
    assert_eq!(run.status, Some(0), "{}", run.describe());
    let root = dir.join("app");
    std::fs::write(root.join("src/main.py"), "print('hello')\n").unwrap();
    root
}

#[track_caller]
fn status(run: &Run, code: i32) {
    assert_eq!(run.status, Some(code), "{}", run.describe());
}

#[test]
fn probes_says_none_were_found() {
    let tmp = tempdir();
    let run = mpc_in(tmp.path(), &["probes"]);
    status(&run, 0);
    assert_eq!(run.stdout_text(), "no debug probes found\n");
}

#[test]
fn flash_without_probe_or_drive_explains_what_to_do() {
    let tmp = tempdir();
    let root = project(tmp.path(), "pico");
    let run = mpc_in(&root, &["flash"]);
    status(&run, 1);
    for needle in ["no debug probe found", "udev", "BOOTSEL"] {
        assert!(
            run.stderr.contains(needle),
            "lacks {needle:?}\n{}",
            run.describe()
        );
    }
    // It built first, like `cargo run`.
    assert!(root.join("target/mpc/pico/app.elf").is_file());
}

#[test]
fn dry_runs_check_the_firmware_against_each_chip() {
    for (board, chip, flash_start) in [
        ("pico", "RP2040", 0x1000_0000u32),
        ("nrf52840dk", "nRF52840_xxAA", 0),
        ("microbit", "nRF51822_xxAA", 0),
    ] {
        let tmp = tempdir();
        let root = project(tmp.path(), board);
        let run = mpc_in(&root, &["flash", "--dry-run"]);
        status(&run, 0);
        let out = run.stdout_text();
        assert!(
            out.starts_with(&format!("chip   {chip}\n")),
            "{board}: {out}"
        );
        assert!(
            out.contains(&format!("{flash_start:#010x}..")),
            "{board}: {out}"
        );
        for key in ["\nflash  ", "\nerase  ", "\nwrite  ", "\ntotal  "] {
            assert!(out.contains(key), "{board}: lacks {key:?}\n{out}");
        }
        assert!(
            run.stderr.contains("nothing was written"),
            "{}",
            run.describe()
        );
        // The second time nothing is rebuilt.
        let again = mpc_in(&root, &["flash", "--dry-run"]);
        status(&again, 0);
        assert!(again.stderr.contains("Fresh"), "{}", again.describe());
    }
}

#[test]
fn image_only_dry_run_writes_only_the_image_region() {
    let tmp = tempdir();
    let root = project(tmp.path(), "pico");
    let run = mpc_in(&root, &["flash", "--dry-run", "--image-only"]);
    status(&run, 0);
    let out = run.stdout_text();
    let write = out.lines().find(|l| l.starts_with("write  ")).unwrap();
    assert!(write.starts_with("write  0x10080000.."), "{out}");
    assert!(!write.contains("0x10000000"), "{out}");
}

#[test]
fn uf2_copy_reads_back_to_the_elf() {
    let tmp = tempdir();
    let root = project(tmp.path(), "pico");
    let drive = tmp.path().join("RPI-RP2");
    std::fs::create_dir_all(&drive).unwrap();
    std::fs::write(
        drive.join("INFO_UF2.TXT"),
        "UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: RPI-RP2\n",
    )
    .unwrap();
    let run = mpc_in(&root, &["flash", "--uf2", drive.to_str().unwrap()]);
    status(&run, 0);
    let copied = std::fs::read(drive.join("app.uf2")).expect("the UF2 was copied");
    let uf2 = firmware::uf2::parse(&copied).expect("a valid UF2");
    assert_eq!(uf2.family_id, 0xe48b_ff56);
    let elf = std::fs::read(root.join("target/mpc/pico/app.elf")).unwrap();
    for seg in firmware::load_segments(&elf).unwrap() {
        let run = uf2
            .segments
            .iter()
            .find(|s| s.addr <= seg.addr && seg.end() <= s.end())
            .unwrap_or_else(|| panic!("UF2 lacks {:#x}", seg.addr));
        let at = (seg.addr - run.addr) as usize;
        assert_eq!(&run.data[at..at + seg.data.len()], seg.data.as_slice());
    }
}

#[test]
fn uf2_drives_of_other_boards_and_plain_folders_are_refused() {
    let tmp = tempdir();
    let root = project(tmp.path(), "pico");
    let nrf = tmp.path().join("NRF52BOOT");
    std::fs::create_dir_all(&nrf).unwrap();
    std::fs::write(nrf.join("INFO_UF2.TXT"), "Board-ID: nRF52840-PCA10056-v0\n").unwrap();
    let run = mpc_in(&root, &["flash", "--uf2", nrf.to_str().unwrap()]);
    status(&run, 1);
    assert!(
        run.stderr
            .contains("is for board `nRF52840-PCA10056-v0`, not `RPI-RP2`"),
        "{}",
        run.describe()
    );
    assert!(!nrf.join("app.uf2").exists());
    let plain = tmp.path().join("stick");
    std::fs::create_dir_all(&plain).unwrap();
    let run = mpc_in(&root, &["flash", "--uf2", plain.to_str().unwrap()]);
    status(&run, 1);
    assert!(
        run.stderr.contains("is not a UF2 bootloader drive"),
        "{}",
        run.describe()
    );
    // No drive mounted at all.
    let run = mpc_in(&root, &["flash", "--uf2"]);
    status(&run, 1);
    assert!(
        run.stderr
            .contains("no UF2 drive of board `pico` is mounted"),
        "{}",
        run.describe()
    );
}

#[test]
fn boards_without_uf2_and_projects_without_board_are_explained() {
    let tmp = tempdir();
    let root = project(tmp.path(), "microbit");
    let run = mpc_in(&root, &["flash", "--uf2", tmp.path().to_str().unwrap()]);
    status(&run, 1);
    assert!(
        run.stderr
            .contains("board `microbit` has no UF2 bootloader"),
        "{}",
        run.describe()
    );
    let run = mpc_in(tmp.path(), &["new", "plain"]);
    status(&run, 0);
    let run = mpc_in(&tmp.path().join("plain"), &["flash"]);
    status(&run, 1);
    assert!(
        run.stderr.contains("`mpc flash` needs a board"),
        "{}",
        run.describe()
    );
    let run = mpc_in(&root, &["flash", "--probe", "nonsense"]);
    status(&run, 2);
}
