//! Running the `mpc` binary from tests: with a time limit, so a program
//! that never ends fails its test instead of hanging the suite.

#![allow(dead_code)] // Each test crate uses a different part of this module.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a finished (or killed) process left behind.
#[derive(Debug)]
pub struct Run {
    /// `None` when the process was killed by a signal or the time limit.
    pub status: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub timed_out: bool,
}

impl Run {
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// A summary for assertion messages.
    pub fn describe(&self) -> String {
        format!(
            "status: {:?}{}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.status,
            if self.timed_out { " (timed out)" } else { "" },
            self.stdout_text(),
            self.stderr
        )
    }

    /// No run may end in a Rust panic, whatever its input.
    pub fn assert_no_panic(&self) {
        assert!(
            !self.stderr.contains("panicked at") && self.status != Some(101),
            "mpc panicked\n{}",
            self.describe()
        );
    }
}

/// The `mpc` binary under test, without colours.
pub fn mpc(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mpc"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    cmd
}

/// Runs `cmd` to completion or until `limit` has passed, then kills it.
pub fn run_with_limit(mut cmd: Command, limit: Duration) -> Run {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => panic!("cannot start {cmd:?}: {e}"),
    };
    let mut out_pipe = child.stdout.take().expect("stdout is piped");
    let mut err_pipe = child.stderr.take().expect("stderr is piped");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > limit => {
                timed_out = true;
                let _ = child.kill();
                match child.wait() {
                    Ok(status) => break status,
                    Err(e) => panic!("cannot wait for {cmd:?}: {e}"),
                }
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => panic!("cannot wait for {cmd:?}: {e}"),
        }
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    Run {
        status: if timed_out { None } else { status.code() },
        stdout,
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        timed_out,
    }
}

/// Runs `mpc ARGS` in `dir` with a generous limit.
pub fn mpc_run(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = mpc(dir);
    cmd.args(args);
    let run = run_with_limit(cmd, Duration::from_secs(60));
    run.assert_no_panic();
    run
}

/// `tests/cases`, the differential corpus.
#[allow(dead_code)] // not every test binary uses the corpus
pub fn corpus_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases")
}

/// Every `*.py` of the corpus, sorted.
#[allow(dead_code)]
pub fn corpus_cases() -> Vec<std::path::PathBuf> {
    let mut cases: Vec<std::path::PathBuf> = walkdir::WalkDir::new(corpus_dir())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "py"))
        .map(|e| e.into_path())
        .collect();
    cases.sort();
    cases
}
