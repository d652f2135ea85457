//! `mpc build`: every module under `src/` into `target/mpc/NAME.mpci`;
//! with a board, the image linked into that board's runtime as
//! `target/mpc/BOARD/NAME.{elf,hex,bin,uf2}` (or, with `--image-only`,
//! `NAME.image.{hex,uf2}` covering only the image region).

use super::{MessageFormat, compile, current_dir, shown_path};
use crate::boards::Board;
use crate::firmware::{self, Segment};
use crate::project::Project;
use crate::report::{Problem, Reporter};
use crate::{CmdResult, Failure};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A finished build.
pub struct Built {
    pub image_path: PathBuf,
    pub bytes: usize,
}

pub fn run(
    format: MessageFormat,
    board: Option<&str>,
    image_only: bool,
    reporter: &Reporter,
) -> CmdResult {
    let json = format == MessageFormat::Json;
    let result = current_dir().and_then(|cwd| {
        let project = Project::discover(&cwd)?;
        let board = match board.map(str::to_owned).or(project.board.clone()) {
            Some(name) => Some(super::board_named(&name)?),
            None if image_only => {
                return Err(Failure::User(
                    Problem::error("`--image-only` needs a board")
                        .with_help("name one with `--board`, or set `board` in mpc.toml")
                        .into_report(),
                ));
            }
            None => None,
        };
        let built = build_project(&project, json, reporter)?;
        let firmware = match &board {
            Some(b) => Some(build_firmware(&project, b, &built, image_only, reporter)?),
            None => None,
        };
        Ok((built, firmware))
    });
    if json {
        // CI reads this last line whatever happened before it.
        let (image, bytes, artifacts, board) = match &result {
            Ok((b, fw)) => (
                Some(shown_path(&b.image_path)),
                Some(b.bytes),
                fw.as_ref()
                    .map(|f| f.files.iter().map(|p| shown_path(p)).collect::<Vec<_>>())
                    .unwrap_or_default(),
                fw.as_ref().map(|f| f.board.clone()),
            ),
            Err(_) => (None, None, Vec::new(), board.map(str::to_owned)),
        };
        reporter.json(&serde_json::json!({
            "reason": "build-finished",
            "success": result.is_ok(),
            "image": image,
            "bytes": bytes,
            "board": board,
            "artifacts": artifacts,
        }));
    }
    result.map(|_| ())
}

/// Firmware files written for a board.
pub struct FirmwareBuilt {
    /// The board's name.
    pub board: String,
    /// Every file written, the ELF first (absent with `--image-only`).
    pub files: Vec<PathBuf>,
}

/// Where a board's artifacts go: `target/mpc/<board>/`.
pub fn firmware_dir(project: &Project, board: &Board) -> PathBuf {
    project.root.join("target").join("mpc").join(&board.name)
}

/// Links the built image into `board`'s runtime (or, `image_only`, writes
/// the image alone) and writes every artifact the board takes.
pub fn build_firmware(
    project: &Project,
    board: &Board,
    built: &Built,
    image_only: bool,
    reporter: &Reporter,
) -> Result<FirmwareBuilt, Failure> {
    let image = crate::project::read_bytes(&built.image_path)?;
    let capacity = board.image_size() as usize;
    if image.len() > capacity {
        return Err(Failure::User(
            Problem::error(format!(
                "the image is {} bytes, but board `{}` has {} bytes for it",
                image.len(),
                board.name,
                capacity
            ))
            .with_help("make the program smaller, or pick a board with more flash (`mpc boards`)")
            .into_report(),
        ));
    }
    let dir = firmware_dir(project, board);
    let mut files = Vec::new();
    let segments = if image_only {
        vec![Segment {
            addr: board.image_start(),
            data: image,
        }]
    } else {
        let runtime_path = crate::runtimes::find(board)?;
        let runtime = crate::project::read_bytes(&runtime_path)?;
        let linked = link_for_board(&runtime, &runtime_path, board, &image)?;
        let elf = dir.join(format!("{}.elf", project.name));
        write_file(&elf, &linked)?;
        files.push(elf);
        firmware::load_segments(&linked).map_err(|e| firmware_problem(&e, &runtime_path))?
    };
    let stem = if image_only {
        format!("{}.image", project.name)
    } else {
        project.name.clone()
    };
    let hex = dir.join(format!("{stem}.hex"));
    write_file(&hex, firmware::ihex::write(&segments).as_bytes())?;
    files.push(hex);
    if !image_only {
        let bin = dir.join(format!("{stem}.bin"));
        let bytes = firmware::bin::write(&segments).map_err(|e| {
            Failure::User(
                Problem::error(format!("cannot write {}: {e}", bin.display())).into_report(),
            )
        })?;
        write_file(&bin, &bytes)?;
        files.push(bin);
    }
    if let Some(family) = board.uf2_family {
        let uf2 = dir.join(format!("{stem}.uf2"));
        write_file(&uf2, &firmware::uf2::write(&segments, family))?;
        files.push(uf2);
    }
    let what = if image_only { "image" } else { "firmware" };
    reporter.status(
        "Linked",
        &format!("{what} for {} in {}", board.name, shown_path(&dir)),
    );
    Ok(FirmwareBuilt {
        board: board.name.clone(),
        files,
    })
}

/// Checks that the runtime is `board`'s and matches the board table, then
/// links `image` into it.
pub fn link_for_board(
    runtime: &[u8],
    runtime_path: &Path,
    board: &Board,
    image: &[u8],
) -> Result<Vec<u8>, Failure> {
    let info = firmware::read_runtime(runtime).map_err(|e| firmware_problem(&e, runtime_path))?;
    if info.board != board.name {
        return Err(Failure::User(
            Problem::error(format!(
                "`{}` is the runtime for board `{}`, not `{}`",
                runtime_path.display(),
                info.board,
                board.name
            ))
            .with_help("rebuild the runtimes with `cargo xtask firmware`")
            .into_report(),
        ));
    }
    if info.image_start != board.image_start() || info.image_capacity() != board.image_size() {
        return Err(Failure::User(
            Problem::error(format!(
                "the {} runtime reserves {:#x}..{:#x} for the image, but the board table says {:#x}..{:#x}",
                board.name,
                info.image_start,
                info.image_end,
                board.image_start(),
                board.image_start() as u64 + board.image_size() as u64
            ))
            .with_help("rebuild the runtimes with `cargo xtask firmware`")
            .into_report(),
        ));
    }
    firmware::link(runtime, image).map_err(|e| firmware_problem(&e, runtime_path))
}

fn firmware_problem(e: &firmware::FirmwareError, path: &Path) -> Failure {
    Failure::User(
        Problem::error(format!("cannot link with `{}`: {e}", path.display()))
            .with_help("rebuild the runtimes with `cargo xtask firmware`")
            .into_report(),
    )
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    write_atomically(path, bytes, "tmp")
}

/// Compiles `project` and writes its image, with status lines on stderr.
pub fn build_project(project: &Project, json: bool, reporter: &Reporter) -> Result<Built, Failure> {
    let started = Instant::now();
    let files = project.sources()?;
    let count = files.len();
    let plural = if count == 1 { "" } else { "s" };
    reporter.status(
        "Compiling",
        &format!("{} ({count} module{plural})", project.name),
    );
    let compiled = compile(&files, &project.entry, &project.name, json, reporter)?;
    let image_path = project.image_path();
    write_image(&image_path, &compiled.image)?;
    let shown = shown_path(&image_path);
    let warnings = match compiled.warning_count {
        0 => String::new(),
        1 => ", 1 warning".to_owned(),
        n => format!(", {n} warnings"),
    };
    reporter.status(
        "Finished",
        &format!(
            "image {shown} ({} bytes{warnings}) in {:.2}s",
            compiled.image.len(),
            started.elapsed().as_secs_f64()
        ),
    );
    Ok(Built {
        image_path,
        bytes: compiled.image.len(),
    })
}

/// Writes through a temporary file and a rename, so an interrupted build
/// never leaves a half-written image that looks fresh.
fn write_image(path: &Path, image: &[u8]) -> Result<(), Failure> {
    write_atomically(path, image, "mpci.tmp")
}

fn write_atomically(path: &Path, bytes: &[u8], tmp_ext: &str) -> Result<(), Failure> {
    let fail = |e: std::io::Error| {
        Failure::User(
            Problem::error(format!("cannot write `{}`: {e}", path.display())).into_report(),
        )
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let tmp = path.with_extension(tmp_ext);
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}
