//! The differential corpus: every program in `tests/cases/**/*.py` runs
//! under `python3` (CPython, the oracle) and under `mpc run`; stdout must
//! match byte for byte and the exit statuses must agree. Stderr is not
//! compared (tracebacks name files differently).
//!
//! A `NAME.exp` file next to a case replaces the CPython run, for a
//! deliberate difference only: it holds the expected stdout, optionally
//! ending with a line `[exit status N]` (default 0). Set `MPC_PYTHON` to use
//! another interpreter than `python3`.
//!
//! A case may ask for a bigger VM heap than the default 192 KiB with a
//! comment `# mpc: heap=16m` among its first five lines (CPython ignores it).
//!
//! All cases run (in parallel), and the test fails once at the end listing
//! every mismatch with an excerpt of where the outputs part.

mod common;

use common::{Run, corpus_cases as cases, corpus_dir, mpc, run_with_limit};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(30);

/// Expected stdout and exit status of one case.
struct Expected {
    stdout: Vec<u8>,
    status: Option<i32>,
}

fn expected(case: &Path, python: &str) -> Result<Expected, String> {
    let exp = case.with_extension("exp");
    if exp.is_file() {
        let text = std::fs::read_to_string(&exp)
            .map_err(|e| format!("cannot read {}: {e}", exp.display()))?;
        let (body, status) = match text.trim_end_matches('\n').rsplit_once('\n') {
            Some((body, last)) if last.starts_with("[exit status ") => {
                let n = last
                    .trim_start_matches("[exit status ")
                    .trim_end_matches(']')
                    .parse::<i32>()
                    .map_err(|e| format!("{}: bad exit status line: {e}", exp.display()))?;
                (format!("{body}\n"), n)
            }
            _ => (text, 0),
        };
        return Ok(Expected {
            stdout: body.into_bytes(),
            status: Some(status),
        });
    }
    let mut cmd = Command::new(python);
    cmd.arg(case)
        .current_dir(corpus_dir())
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8");
    let run = run_with_limit(cmd, LIMIT);
    if run.timed_out {
        return Err(format!("{python} timed out"));
    }
    Ok(Expected {
        stdout: run.stdout,
        status: run.status,
    })
}

fn actual(case: &Path) -> Run {
    // A path relative to the corpus keeps tracebacks short and readable.
    let dir = corpus_dir();
    let mut cmd = mpc(&dir);
    cmd.arg("run");
    if let Some(heap) = heap_directive(case) {
        cmd.args(["--heap", &heap]);
    }
    cmd.arg(case.strip_prefix(&dir).unwrap_or(case));
    run_with_limit(cmd, LIMIT)
}

/// A case that needs more than the default (Pico-sized) heap says so in a
/// comment among its first lines: `# mpc: heap=16m`.
fn heap_directive(case: &Path) -> Option<String> {
    let text = std::fs::read_to_string(case).ok()?;
    text.lines()
        .take(5)
        .find_map(|l| l.trim().strip_prefix("# mpc: heap="))
        .map(|h| h.trim().to_owned())
}

/// Where two outputs part: a few lines either side of the first difference.
fn excerpt(expected: &[u8], actual: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let el: Vec<&str> = e.split_inclusive('\n').collect();
    let al: Vec<&str> = a.split_inclusive('\n').collect();
    let first = el.iter().zip(&al).take_while(|(x, y)| x == y).count();
    let from = first.saturating_sub(2);
    let mut out = String::new();
    for (i, line) in el.iter().enumerate().skip(from).take(first - from) {
        out.push_str(&format!(
            "    {:>4}   {}",
            i + 1,
            line.trim_end_matches('\n')
        ));
        out.push('\n');
    }
    for (tag, lines) in [("-", &el), ("+", &al)] {
        let shown: Vec<&&str> = lines.iter().skip(first).take(4).collect();
        if shown.is_empty() {
            out.push_str(&format!("    {tag}      (end of output)\n"));
        }
        for (k, line) in shown.iter().enumerate() {
            out.push_str(&format!("    {tag}{:>4}   {:?}\n", first + k + 1, line));
        }
    }
    out
}

fn check(case: &Path, python: &str) -> Option<String> {
    let name = case
        .strip_prefix(corpus_dir())
        .unwrap_or(case)
        .display()
        .to_string();
    let expected = match expected(case, python) {
        Ok(e) => e,
        Err(e) => return Some(format!("{name}: cannot get the expected output: {e}")),
    };
    let run = actual(case);
    let mut problems = Vec::new();
    if run.timed_out {
        problems.push(format!("mpc did not finish within {LIMIT:?}"));
    }
    if run.stderr.contains("panicked at") {
        problems.push("mpc panicked".to_owned());
    }
    if run.status != expected.status {
        problems.push(format!(
            "exit status {:?}, expected {:?}",
            run.status, expected.status
        ));
    }
    if run.stdout != expected.stdout {
        problems.push(format!(
            "stdout differs (- expected, + mpc):\n{}",
            excerpt(&expected.stdout, &run.stdout)
        ));
    }
    if problems.is_empty() {
        return None;
    }
    let stderr: String = run
        .stderr
        .lines()
        .take(12)
        .map(|l| format!("    | {l}\n"))
        .collect();
    Some(format!(
        "{name}: {}\n  mpc stderr:\n{stderr}",
        problems.join("\n  ")
    ))
}

#[test]
fn corpus_matches_cpython() {
    let name = std::env::var("MPC_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    // The interpreter itself rather than a version manager's shim (pyenv's
    // is a shell script), which would add its start-up to all 100+ runs.
    let probe = Command::new(&name)
        .args(["-c", "import sys; print(sys.executable)"])
        .output();
    let python = match probe {
        Ok(o) if o.status.success() => {
            let exe = String::from_utf8_lossy(&o.stdout).trim().to_owned();
            if Path::new(&exe).is_file() { exe } else { name }
        }
        _ => panic!(
            "the differential corpus needs `{name}` (CPython 3.11); install it or set MPC_PYTHON"
        ),
    };
    let cases = cases();
    assert!(
        cases.len() >= 100,
        "the corpus has only {} cases",
        cases.len()
    );

    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(8);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut failures: Vec<(usize, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut found = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(case) = cases.get(i) else { break };
                        if let Some(f) = check(case, &python) {
                            found.push((i, f));
                        }
                    }
                    found
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} of {} corpus programs differ from CPython:\n\n{}",
        failures.len(),
        cases.len(),
        failures
            .into_iter()
            .map(|(_, f)| f)
            .collect::<Vec<_>>()
            .join("\n")
    );
}
