//! Multi-module projects: each folder in `tests/projects/` is an mpc
//! project (`mpc.toml`, `src/`). Its entry module runs under `python3`
//! from `src/` and under `mpc run` in the project; stdout and exit status
//! must match. The project is copied to a temporary folder first, so
//! neither run leaves `target/` or `__pycache__/` in the repository.

mod common;

use common::{mpc, run_with_limit};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn projects() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/projects");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/projects exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("mpc.toml").is_file())
        .collect();
    out.sort();
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).expect("inside the tree");
        let dst = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dst).expect("create dir");
        } else if e.file_type().is_file() {
            std::fs::copy(e.path(), &dst).expect("copy file");
        }
    }
}

#[test]
fn projects_match_cpython() {
    let projects = projects();
    assert!(!projects.is_empty(), "no projects in tests/projects");
    let mut failures = Vec::new();
    for project in &projects {
        let tmp = tempfile::tempdir().expect("temp dir");
        copy_tree(project, tmp.path());
        let mut py = Command::new(std::env::var("MPC_PYTHON").unwrap_or_else(|_| "python3".into()));
        py.arg("main.py")
            .current_dir(tmp.path().join("src"))
            .env("PYTHONDONTWRITEBYTECODE", "1");
        let expected = run_with_limit(py, Duration::from_secs(30));
        let mut cmd = mpc(tmp.path());
        cmd.arg("run");
        let got = run_with_limit(cmd, Duration::from_secs(30));
        got.assert_no_panic();
        if got.stdout != expected.stdout || got.status != expected.status {
            failures.push(format!(
                "{}:\n--- python3 ---\n{}\n--- mpc ---\n{}",
                project.display(),
                expected.describe(),
                got.describe()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
