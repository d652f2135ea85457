//! The `mpc` command as a user meets it: projects, single files, images,
//! and every way a user can get them wrong. Each test works in its own
//! temporary directory.

mod common;

use common::{Run, mpc_run};
use mpc::commands::new::TEMPLATE_OUTPUT;
use std::path::Path;

fn tempdir() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("cannot create a temporary directory: {e}"),
    }
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create parent directory");
    }
    std::fs::write(path, text).expect("write test file");
}

#[track_caller]
fn assert_status(run: &Run, status: i32) {
    assert_eq!(
        run.status,
        Some(status),
        "unexpected exit status\n{}",
        run.describe()
    );
}

#[track_caller]
fn assert_stderr_has(run: &Run, needle: &str) {
    assert!(
        run.stderr.contains(needle),
        "stderr lacks {needle:?}\n{}",
        run.describe()
    );
}

/// `mpc new demo` in `dir`, returning the project directory.
fn new_project(dir: &Path) -> std::path::PathBuf {
    let run = mpc_run(dir, &["new", "demo"]);
    assert_status(&run, 0);
    dir.join("demo")
}

#[test]
fn new_build_run_prints_the_template_output() {
    let tmp = tempdir();
    let project = new_project(tmp.path());
    assert!(project.join("mpc.toml").is_file());
    assert!(project.join("src/main.py").is_file());

    let build = mpc_run(&project, &["build"]);
    assert_status(&build, 0);
    assert_stderr_has(&build, "Compiling demo (1 module)");
    assert_stderr_has(&build, "Finished image target/mpc/demo.mpci (");
    assert!(project.join("target/mpc/demo.mpci").is_file());

    let run = mpc_run(&project, &["run"]);
    assert_status(&run, 0);
    assert_stderr_has(&run, "Running target/mpc/demo.mpci");
    assert!(
        !run.stderr.contains("Compiling"),
        "a fresh image was rebuilt\n{}",
        run.describe()
    );
    assert_eq!(run.stdout_text(), TEMPLATE_OUTPUT);
}

#[test]
fn run_builds_a_missing_or_stale_image_first() {
    let tmp = tempdir();
    let project = new_project(tmp.path());
    let run = mpc_run(&project, &["run"]);
    assert_status(&run, 0);
    assert_stderr_has(&run, "Compiling demo");
    assert_eq!(run.stdout_text(), TEMPLATE_OUTPUT);

    // Make the source newer than the image without waiting for the clock.
    let main = project.join("src/main.py");
    write(&main, "print('changed')\n");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    let file = std::fs::File::options()
        .write(true)
        .open(&main)
        .expect("open main.py");
    file.set_modified(later).expect("set mtime");
    drop(file);
    let run = mpc_run(&project, &["run"]);
    assert_status(&run, 0);
    assert_stderr_has(&run, "Compiling demo");
    assert_eq!(run.stdout_text(), "changed\n");
}

#[test]
fn builds_are_byte_identical() {
    let tmp = tempdir();
    let project = new_project(tmp.path());
    write(
        &project.join("src/util/text.py"),
        "def shout(s):\n    return s.upper() + '!'\n",
    );
    write(
        &project.join("src/pkg/__init__.py"),
        "VERSION = (0, 1)\nNAMES = {'a': 1.5, 'b': [1, 2]}\n",
    );
    let image = project.join("target/mpc/demo.mpci");

    let first = mpc_run(&project, &["build"]);
    assert_status(&first, 0);
    assert_stderr_has(&first, "Compiling demo (3 modules)");
    let a = std::fs::read(&image).expect("first image");
    std::fs::remove_file(&image).expect("remove image");
    let second = mpc_run(&project, &["build"]);
    assert_status(&second, 0);
    let b = std::fs::read(&image).expect("second image");
    assert!(a == b, "two builds of the same tree differ");
}

#[test]
fn new_refuses_an_existing_non_empty_directory() {
    let tmp = tempdir();
    write(&tmp.path().join("demo/keep.txt"), "mine");
    let run = mpc_run(tmp.path(), &["new", "demo"]);
    assert_status(&run, 1);
    assert_stderr_has(&run, "already exists");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("demo/keep.txt"))
            .ok()
            .as_deref(),
        Some("mine")
    );
    assert!(!tmp.path().join("demo/mpc.toml").exists());

    // An empty directory is fine, as with `cargo new`.
    std::fs::create_dir(tmp.path().join("empty")).expect("mkdir");
    assert_status(&mpc_run(tmp.path(), &["new", "empty"]), 0);
}

#[test]
fn run_missing_file_is_a_user_error() {
    let tmp = tempdir();
    let run = mpc_run(tmp.path(), &["run", "missing.py"]);
    assert_status(&run, 1);
    assert_stderr_has(&run, "missing.py");
    assert_stderr_has(&run, "no such file");
}

#[test]
fn run_directory_is_a_user_error() {
    let tmp = tempdir();
    std::fs::create_dir(tmp.path().join("some_dir")).expect("mkdir");
    for args in [&["run", "some_dir/"][..], &["dis", "some_dir"][..]] {
        let run = mpc_run(tmp.path(), args);
        assert_status(&run, 1);
        assert_stderr_has(&run, "is a directory");
    }
}

#[test]
fn corrupt_images_are_refused_with_the_image_error() {
    let tmp = tempdir();
    write(
        &tmp.path().join("junk.mpci"),
        b"this is not an image at all, just text",
    );
    write(&tmp.path().join("short.mpci"), b"MPCI");
    for (file, message) in [
        ("junk.mpci", "bad magic"),
        ("short.mpci", "shorter than its header"),
    ] {
        let dis = mpc_run(tmp.path(), &["dis", file]);
        assert_status(&dis, 1);
        assert_stderr_has(&dis, message);
        let run = mpc_run(tmp.path(), &["run", file]);
        assert_status(&run, 1);
        assert_stderr_has(&run, "cannot load the image");
        assert_stderr_has(&run, message);
    }

    // A real image cut short, and one with a flipped byte.
    let project = new_project(tmp.path());
    assert_status(&mpc_run(&project, &["build"]), 0);
    let good = std::fs::read(project.join("target/mpc/demo.mpci")).expect("image");
    write(&tmp.path().join("cut.mpci"), &good[..good.len() / 2]);
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x55;
    write(&tmp.path().join("flipped.mpci"), &flipped);
    for file in ["cut.mpci", "flipped.mpci"] {
        for cmd in ["run", "dis"] {
            let run = mpc_run(tmp.path(), &[cmd, file]);
            assert_status(&run, 1);
            assert_stderr_has(&run, "image");
        }
    }
}

#[test]
fn images_run_and_disassemble() {
    let tmp = tempdir();
    let project = new_project(tmp.path());
    assert_status(&mpc_run(&project, &["build"]), 0);
    let run = mpc_run(&project, &["run", "target/mpc/demo.mpci"]);
    assert_status(&run, 0);
    assert_eq!(run.stdout_text(), TEMPLATE_OUTPUT);
    let dis = mpc_run(&project, &["dis", "target/mpc/demo.mpci"]);
    assert_status(&dis, 0);
    assert!(
        dis.stdout_text().contains("MAKE_FUNCTION"),
        "{}",
        dis.describe()
    );
}

#[test]
fn dis_shows_mnemonics() {
    let tmp = tempdir();
    write(
        &tmp.path().join("prog.py"),
        "def f(xs):\n    return len(xs) + 1\n\nprint(f([1, 2]))\n",
    );
    let run = mpc_run(tmp.path(), &["dis", "prog.py"]);
    assert_status(&run, 0);
    let text = run.stdout_text();
    for mnemonic in ["LOAD_GLOBAL", "LOAD_FAST", "RETURN_VALUE"] {
        assert!(text.contains(mnemonic), "no {mnemonic} in\n{text}");
    }
}

#[test]
fn every_diagnostic_is_reported() {
    let tmp = tempdir();
    write(
        &tmp.path().join("two.py"),
        "async def f(): pass\nmatch 1:\n    case 1:\n        pass\nprint('unreached')\n",
    );
    let run = mpc_run(tmp.path(), &["run", "two.py"]);
    assert_status(&run, 1);
    assert!(run.stdout.is_empty(), "{}", run.describe());
    assert_eq!(run.stderr.matches("E0002").count(), 2, "{}", run.describe());
    assert_stderr_has(&run, "two.py:1:1");
    assert_stderr_has(&run, "two.py:2:1");
    assert_stderr_has(&run, "due to 2 previous errors");
}

#[test]
fn syntax_error_points_at_line_and_column() {
    let tmp = tempdir();
    write(&tmp.path().join("bad.py"), "def f(:\n  pass\n");
    let run = mpc_run(tmp.path(), &["run", "bad.py"]);
    assert_status(&run, 1);
    assert_stderr_has(&run, "bad.py:1:7");
    assert_stderr_has(&run, "E0001");
    assert_stderr_has(&run, "def f(:");
}

#[test]
fn endless_list_raises_memory_error() {
    let tmp = tempdir();
    write(
        &tmp.path().join("grow.py"),
        "xs = []\nwhile True:\n    xs.append([len(xs), 'x'])\n",
    );
    let run = mpc_run(tmp.path(), &["run", "--heap", "64k", "grow.py"]);
    assert_status(&run, 1);
    assert_stderr_has(&run, "MemoryError");
}

#[test]
fn endless_recursion_raises_recursion_error() {
    let tmp = tempdir();
    write(&tmp.path().join("deep.py"), "def f():\n    f()\n\nf()\n");
    let run = mpc_run(tmp.path(), &["run", "deep.py"]);
    assert_status(&run, 1);
    assert_stderr_has(&run, "RecursionError");
    assert_stderr_has(&run, "Traceback (most recent call last):");
}

#[test]
fn uncaught_exception_prints_a_traceback() {
    let tmp = tempdir();
    write(
        &tmp.path().join("boom.py"),
        "print('before')\nraise ValueError('boom')\n",
    );
    let run = mpc_run(tmp.path(), &["run", "boom.py"]);
    assert_status(&run, 1);
    assert_eq!(run.stdout_text(), "before\n");
    assert_stderr_has(&run, "File \"boom.py\", line 2");
    assert_stderr_has(&run, "ValueError: boom");
}

#[test]
fn system_exit_sets_the_status() {
    let tmp = tempdir();
    write(
        &tmp.path().join("exit.py"),
        "print('bye')\nraise SystemExit(7)\n",
    );
    let run = mpc_run(tmp.path(), &["run", "exit.py"]);
    assert_status(&run, 7);
    assert_eq!(run.stdout_text(), "bye\n");
}

#[test]
fn odd_inputs_never_panic() {
    let tmp = tempdir();
    write(&tmp.path().join("empty.py"), "");
    let run = mpc_run(tmp.path(), &["run", "empty.py"]);
    assert_status(&run, 0);
    assert!(run.stdout.is_empty());

    write(&tmp.path().join("latin1.py"), b"print('caf\xe9')\n");
    let run = mpc_run(tmp.path(), &["run", "latin1.py"]);
    assert_status(&run, 1);
    assert_stderr_has(&run, "not valid UTF-8");
    assert_stderr_has(&run, "latin1.py:1:11");

    let run = mpc_run(tmp.path(), &["dis", "latin1.py"]);
    assert_status(&run, 1);

    // No project here.
    for cmd in ["build", "run"] {
        let run = mpc_run(tmp.path(), &[cmd]);
        assert_status(&run, 1);
        assert_stderr_has(&run, "mpc.toml");
    }

    // Heaps too small to even load, and absurdly large.
    write(&tmp.path().join("hi.py"), "print('hi')\n");
    let run = mpc_run(tmp.path(), &["run", "--heap", "1k", "hi.py"]);
    assert_status(&run, 1);
    assert_stderr_has(&run, "heap");
}

#[test]
fn bad_manifest_is_a_user_error() {
    let tmp = tempdir();
    let project = new_project(tmp.path());
    write(
        &project.join("mpc.toml"),
        "[project]\nname = \"demo\"\nheap = \"lots\"\n",
    );
    let run = mpc_run(&project, &["build"]);
    assert_status(&run, 1);
    assert_stderr_has(&run, "lots");
    write(&project.join("mpc.toml"), "[project\nname = \"demo\"\n");
    let run = mpc_run(&project, &["run"]);
    assert_status(&run, 1);
    assert_stderr_has(&run, "mpc.toml");
}

#[test]
fn usage_errors_exit_with_2() {
    let tmp = tempdir();
    for args in [
        &["frobnicate"][..],
        &["run", "--heap", "lots", "x.py"][..],
        &[][..],
    ] {
        let run = mpc_run(tmp.path(), args);
        assert_status(&run, 2);
    }
}

#[test]
fn heap_flag_accepts_suffixes() {
    let tmp = tempdir();
    write(&tmp.path().join("hi.py"), "print('hi')\n");
    for heap in ["64k", "64K", "1m", "1M", "200000"] {
        let run = mpc_run(tmp.path(), &["run", "--heap", heap, "hi.py"]);
        assert_status(&run, 0);
        assert_eq!(run.stdout_text(), "hi\n");
    }
}

fn json_lines(run: &Run) -> Vec<serde_json::Value> {
    run.stdout_text()
        .lines()
        .map(|line| match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => panic!("not JSON: {line:?}: {e}\n{}", run.describe()),
        })
        .collect()
}

#[test]
fn json_messages_parse() {
    let tmp = tempdir();
    let project = new_project(tmp.path());
    let run = mpc_run(&project, &["build", "--message-format", "json"]);
    assert_status(&run, 0);
    let lines = json_lines(&run);
    let last = lines.last().expect("a build-finished line");
    assert_eq!(last["reason"], "build-finished");
    assert_eq!(last["success"], true);
    assert_eq!(last["image"], "target/mpc/demo.mpci");
    let size = std::fs::metadata(project.join("target/mpc/demo.mpci"))
        .expect("image")
        .len();
    assert_eq!(last["bytes"].as_u64(), Some(size));

    write(
        &project.join("src/main.py"),
        "async def f(): pass\nmatch 1:\n    case 1:\n        pass\n",
    );
    let run = mpc_run(&project, &["build", "--message-format", "json"]);
    assert_status(&run, 1);
    let lines = json_lines(&run);
    let diagnostics: Vec<_> = lines
        .iter()
        .filter(|l| l["reason"] == "diagnostic")
        .collect();
    assert_eq!(diagnostics.len(), 2, "{}", run.describe());
    for d in &diagnostics {
        assert_eq!(d["code"], "E0002");
        assert_eq!(d["file"], "src/main.py");
        assert_eq!(d["level"], "error");
    }
    assert_eq!(diagnostics[0]["line"], 1);
    assert_eq!(diagnostics[1]["line"], 2);
    let last = lines.last().expect("a build-finished line");
    assert_eq!(last["reason"], "build-finished");
    assert_eq!(last["success"], false);
    assert!(last["image"].is_null());
}
