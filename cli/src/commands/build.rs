//! `mpc build`: every module under `src/` into `target/mpc/NAME.mpci`.

use super::{MessageFormat, compile, current_dir, shown_path};
use crate::project::Project;
use crate::report::{Problem, Reporter};
use crate::{CmdResult, Failure};
use std::path::PathBuf;
use std::time::Instant;

/// A finished build.
pub struct Built {
    pub image_path: PathBuf,
    pub bytes: usize,
}

pub fn run(format: MessageFormat, reporter: &Reporter) -> CmdResult {
    let json = format == MessageFormat::Json;
    let result = current_dir().and_then(|cwd| {
        let project = Project::discover(&cwd)?;
        build_project(&project, json, reporter)
    });
    if json {
        // CI reads this last line whatever happened before it.
        let (image, bytes) = match &result {
            Ok(b) => (Some(shown_path(&b.image_path)), Some(b.bytes)),
            Err(_) => (None, None),
        };
        reporter.json(&serde_json::json!({
            "reason": "build-finished",
            "success": result.is_ok(),
            "image": image,
            "bytes": bytes,
        }));
    }
    result.map(|_| ())
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
fn write_image(path: &std::path::Path, image: &[u8]) -> Result<(), Failure> {
    let fail = |e: std::io::Error| {
        Failure::User(
            Problem::error(format!("cannot write `{}`: {e}", path.display())).into_report(),
        )
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let tmp = path.with_extension("mpci.tmp");
    std::fs::write(&tmp, image).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}
