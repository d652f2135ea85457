//! Projects: the `mpc.toml` file, its source files and heap sizes.
//!
//! A project is a directory holding `mpc.toml` and a `src/` folder. Every
//! `*.py` file under `src/` is one module, named by its path relative to
//! `src/` (`src/a/b.py` is `a.b`, `src/pkg/__init__.py` is `pkg`). Files are
//! sorted by path so that the same tree always gives the same image.

use crate::report::Problem;
use compiler::SourceFile;
use miette::Report;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The file that marks a project's root.
pub const MANIFEST: &str = "mpc.toml";

/// The heap a program gets unless told otherwise: 192 KiB, about what a
/// Raspberry Pi Pico leaves for Python after its firmware.
pub const DEFAULT_HEAP: usize = 192 * 1024;

/// The entry module when `mpc.toml` names none.
pub const DEFAULT_ENTRY: &str = "main";

/// `mpc.toml` as written by the user.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    project: ProjectTable,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectTable {
    name: String,
    entry: Option<String>,
    heap: Option<String>,
    board: Option<String>,
}

/// A project found on disk, its manifest checked.
#[derive(Debug, Clone)]
pub struct Project {
    /// The directory holding `mpc.toml`.
    pub root: PathBuf,
    pub name: String,
    /// The dotted name of the module run as `__main__`.
    pub entry: String,
    /// VM heap size in bytes.
    pub heap: usize,
    /// The board `mpc build` and `mpc flash` use without `--board`.
    pub board: Option<String>,
}

impl Project {
    /// Finds `mpc.toml` in `start` or the nearest directory above it, as
    /// cargo finds `Cargo.toml`.
    pub fn discover(start: &Path) -> Result<Project, Report> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            let manifest = d.join(MANIFEST);
            if manifest.is_file() {
                return Project::load(d);
            }
            dir = d.parent();
        }
        Err(Problem::error(format!(
            "could not find `{MANIFEST}` in `{}` or any parent directory",
            start.display()
        ))
        .with_help("create a project with `mpc new NAME`, or run one file with `mpc run FILE.py`")
        .into_report())
    }

    /// Reads and checks `root/mpc.toml`.
    pub fn load(root: &Path) -> Result<Project, Report> {
        let path = root.join(MANIFEST);
        let text = read_text(&path)?;
        Project::from_manifest(root, &text)
    }

    /// Checks the manifest text of the project at `root`.
    pub fn from_manifest(root: &Path, text: &str) -> Result<Project, Report> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            Problem::error(format!("invalid `{MANIFEST}`: {}", e.message()))
                .with_source(MANIFEST, text.to_owned(), span, None)
                .with_help(
                    "expected `[project]` with `name`, and optionally `entry`, `heap` and `board`",
                )
                .into_report()
        })?;
        let table = manifest.project;
        let bad = |message: String, help: &str| {
            Problem::error(format!("invalid `{MANIFEST}`: {message}"))
                .with_help(help.to_owned())
                .into_report()
        };
        if !valid_project_name(&table.name) {
            return Err(bad(
                format!("project name `{}` is not allowed", table.name),
                "use letters, digits, `-` and `_`, starting with a letter",
            ));
        }
        let entry = table.entry.unwrap_or_else(|| DEFAULT_ENTRY.to_owned());
        if entry.is_empty() || entry.split('.').any(|part| !is_identifier(part)) {
            return Err(bad(
                format!("entry module `{entry}` is not a dotted module name"),
                "name a module under src/, e.g. `main` for src/main.py",
            ));
        }
        let heap = match table.heap {
            None => DEFAULT_HEAP,
            Some(h) => {
                parse_size(&h).map_err(|m| bad(m, "write a size like `65536`, `64k` or `1m`"))?
            }
        };
        if let Some(b) = &table.board
            && crate::boards::find(b).is_none()
        {
            return Err(bad(
                format!("unknown board `{b}`"),
                &format!("boards: {}", crate::boards::names().join(", ")),
            ));
        }
        Ok(Project {
            root: root.to_path_buf(),
            name: table.name,
            entry,
            heap,
            board: table.board,
        })
    }

    pub fn src_dir(&self) -> PathBuf {
        self.root.join("src")
    }

    /// Where `mpc build` writes the image.
    pub fn image_path(&self) -> PathBuf {
        self.root
            .join("target")
            .join("mpc")
            .join(format!("{}.mpci", self.name))
    }

    /// Every module under `src/`, sorted by path.
    pub fn sources(&self) -> Result<Vec<SourceFile>, Report> {
        let src = self.src_dir();
        if !src.is_dir() {
            return Err(Problem::error(format!(
                "`{}` has no `src/` directory",
                self.root.display()
            ))
            .with_help("put the program in src/main.py")
            .into_report());
        }
        let mut files = Vec::new();
        for path in python_files(&src)? {
            let rel = path.strip_prefix(&src).unwrap_or(&path);
            let module = module_name(rel).ok_or_else(|| {
                Problem::error(format!("`src/{}` cannot be a module", slash_path(rel)))
                    .with_help("src/ itself is not a package; name the file after its module")
                    .into_report()
            })?;
            let shown = format!("src/{}", slash_path(rel));
            files.push(read_source(&path, shown, module)?);
        }
        Ok(files)
    }

    /// True when the image is missing or older than `mpc.toml`, a source
    /// file, or a folder under `src/` (which changes when files are added
    /// or removed).
    pub fn image_is_stale(&self) -> bool {
        let Some(built) = modified(&self.image_path()) else {
            return true;
        };
        let newer = |p: &Path| modified(p).is_none_or(|t| t > built);
        if newer(&self.root.join(MANIFEST)) {
            return true;
        }
        walkdir::WalkDir::new(self.src_dir())
            .into_iter()
            .any(|entry| entry.map_or(true, |e| newer(e.path())))
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// `*.py` files under `dir`, sorted by path.
fn python_files(dir: &Path) -> Result<Vec<PathBuf>, Report> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Problem::error(format!(
                "cannot read `{}`: {e}",
                e.path().unwrap_or(dir).display()
            ))
            .into_report()
        })?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "py") {
            out.push(entry.into_path());
        }
    }
    out.sort();
    Ok(out)
}

/// `a/b.py` → `a.b`, `pkg/__init__.py` → `pkg`; `None` for `__init__.py`
/// directly under `src/`, or a path that is not valid UTF-8.
pub fn module_name(rel: &Path) -> Option<String> {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_str().map(str::to_owned))
        .collect::<Option<_>>()?;
    let last = parts.pop()?;
    let stem = last.strip_suffix(".py")?;
    if stem != "__init__" {
        parts.push(stem.to_owned());
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("."))
    }
}

fn slash_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a whole file as text; a clear error for a missing file, a
/// directory or invalid UTF-8.
pub fn read_text(path: &Path) -> Result<String, Report> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes).map_err(|e| utf8_problem(&path.display().to_string(), e).into_report())
}

/// Reads a whole file as bytes, with a clear error for a missing file or a
/// directory.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Report> {
    if path.is_dir() {
        return Err(
            Problem::error(format!("`{}` is a directory, not a file", path.display()))
                .with_help("give a .py file, or run `mpc run` inside a project to run it")
                .into_report(),
        );
    }
    std::fs::read(path).map_err(|e| {
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_owned(),
            _ => e.to_string(),
        };
        Problem::error(format!("cannot read `{}`: {reason}", path.display())).into_report()
    })
}

/// Reads one Python source file; invalid UTF-8 is reported like a
/// compiler diagnostic, pointing at the first bad byte.
pub fn read_source(path: &Path, shown: String, module: String) -> Result<SourceFile, Report> {
    let bytes = read_bytes(path)?;
    source_from_bytes(shown, module, bytes)
}

/// A source file from raw bytes, which must be UTF-8.
pub fn source_from_bytes(
    shown: String,
    module: String,
    bytes: Vec<u8>,
) -> Result<SourceFile, Report> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile {
            path: shown,
            module,
            text,
        }),
        Err(e) => Err(utf8_problem(&shown, e).into_report()),
    }
}

fn utf8_problem(shown: &str, e: std::string::FromUtf8Error) -> Problem {
    let at = e.utf8_error().valid_up_to();
    // The lossy text has the same bytes up to the first bad one, so the
    // offset still points at it.
    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
    Problem::error(format!("`{shown}` is not valid UTF-8"))
        .with_code("mpc::utf8")
        .with_source(
            shown,
            text,
            at..at + 1,
            Some("invalid UTF-8 here".to_owned()),
        )
        .with_help("Python source files must be UTF-8; re-save the file as UTF-8")
}

/// Parses a size like `65536`, `64k`, `64K`, `1m` or `1M` (binary units).
pub fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let (digits, unit) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1024),
        Some((i, 'm' | 'M')) => (&t[..i], 1024 * 1024),
        _ => (t, 1),
    };
    let n: usize = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a size (expected e.g. `64k`, `1m` or `65536`)"))?;
    let bytes = n
        .checked_mul(unit)
        .ok_or_else(|| format!("heap size `{text}` is too large"))?;
    if bytes == 0 {
        return Err("the heap size must not be zero".to_owned());
    }
    Ok(bytes)
}

/// Project names become file names (`target/mpc/NAME.mpci`), so they are
/// kept to a portable alphabet.
pub fn valid_project_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_follow_paths() {
        assert_eq!(module_name(Path::new("main.py")).as_deref(), Some("main"));
        assert_eq!(module_name(Path::new("a/b.py")).as_deref(), Some("a.b"));
        assert_eq!(
            module_name(Path::new("pkg/__init__.py")).as_deref(),
            Some("pkg")
        );
        assert_eq!(module_name(Path::new("__init__.py")), None);
    }

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("65536"), Ok(65536));
        assert_eq!(parse_size("64k"), Ok(64 * 1024));
        assert_eq!(parse_size("64K"), Ok(64 * 1024));
        assert_eq!(parse_size("1m"), Ok(1 << 20));
        assert_eq!(parse_size("2M"), Ok(2 << 20));
        assert!(parse_size("").is_err());
        assert!(parse_size("k").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("12q").is_err());
        assert!(parse_size("99999999999999999999m").is_err());
    }

    #[test]
    fn manifests_are_checked() {
        let root = Path::new("/p");
        let p =
            Project::from_manifest(root, "[project]\nname = \"blink\"\n").expect("valid manifest");
        assert_eq!(
            (p.name.as_str(), p.entry.as_str(), p.heap),
            ("blink", "main", DEFAULT_HEAP)
        );
        let p = Project::from_manifest(
            root,
            "[project]\nname = \"b\"\nentry = \"app.main\"\nheap = \"64k\"\n",
        )
        .expect("valid manifest");
        assert_eq!((p.entry.as_str(), p.heap), ("app.main", 65536));
        for bad in [
            "",
            "[project]\n",
            "[project]\nname = 3\n",
            "[project]\nname = \"x y\"\n",
            "[project]\nname = \"x\"\nheap = \"lots\"\n",
            "[project]\nname = \"x\"\nentry = \"a-b\"\n",
            "[project]\nname = \"x\"\ncolour = \"red\"\n",
            "[project\n",
        ] {
            assert!(
                Project::from_manifest(root, bad).is_err(),
                "accepted {bad:?}"
            );
        }
    }
}
