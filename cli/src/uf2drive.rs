//! UF2 bootloader drives: CircuitPython's drag-and-drop flashing, done for
//! the user.
//!
//! A board in its UF2 bootloader (a Pico started with BOOTSEL held) shows
//! up as a small USB drive holding `INFO_UF2.TXT`, whose `Board-ID:` line
//! names the board. Copying a `.uf2` file onto it writes the flash and
//! restarts the board. On Linux such drives are mounted under
//! `/media/$USER/` or `/run/media/$USER/` (macOS: `/Volumes/`).

use std::path::{Path, PathBuf};

/// The file every UF2 bootloader drive has.
pub const INFO_FILE: &str = "INFO_UF2.TXT";

/// A mounted UF2 drive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drive {
    pub path: PathBuf,
    /// The `Board-ID:` value of `INFO_UF2.TXT`, if it has one.
    pub board_id: Option<String>,
}

/// Why a folder is not a drive to copy to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriveError {
    /// No `INFO_UF2.TXT` in the folder.
    NotUf2 { path: PathBuf },
    /// A UF2 drive of another board.
    OtherBoard {
        path: PathBuf,
        found: Option<String>,
        wanted: String,
    },
}

impl std::fmt::Display for DriveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DriveError::NotUf2 { path } => write!(
                f,
                "`{}` is not a UF2 bootloader drive (it has no {INFO_FILE})",
                path.display()
            ),
            DriveError::OtherBoard {
                path,
                found,
                wanted,
            } => write!(
                f,
                "the UF2 drive `{}` is for board `{}`, not `{wanted}`",
                path.display(),
                found.as_deref().unwrap_or("unknown")
            ),
        }
    }
}

/// Reads `dir` as a UF2 drive.
pub fn read_drive(dir: &Path) -> Result<Drive, DriveError> {
    let info = std::fs::read_to_string(dir.join(INFO_FILE)).map_err(|_| DriveError::NotUf2 {
        path: dir.to_path_buf(),
    })?;
    let board_id = info.lines().find_map(|l| {
        l.strip_prefix("Board-ID:")
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    });
    Ok(Drive {
        path: dir.to_path_buf(),
        board_id,
    })
}

/// Checks that `dir` is a UF2 drive whose board id starts with `wanted`.
pub fn check_drive(dir: &Path, wanted: &str) -> Result<Drive, DriveError> {
    let drive = read_drive(dir)?;
    match &drive.board_id {
        Some(id) if id.starts_with(wanted) => Ok(drive),
        found => Err(DriveError::OtherBoard {
            path: dir.to_path_buf(),
            found: found.clone(),
            wanted: wanted.to_owned(),
        }),
    }
}

/// Where drives are mounted on this machine: the folders whose
/// subfolders are looked at.
pub fn mount_roots() -> Vec<PathBuf> {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_default();
    let mut roots = Vec::new();
    if !user.is_empty() {
        roots.push(PathBuf::from("/media").join(&user));
        roots.push(PathBuf::from("/run/media").join(&user));
    }
    roots.push(PathBuf::from("/media"));
    roots.push(PathBuf::from("/Volumes"));
    roots
}

/// Every UF2 drive directly below `roots`, with its board id.
pub fn find_drives(roots: &[PathBuf]) -> Vec<Drive> {
    let mut drives = Vec::new();
    for root in roots {
        let Ok(entries) = std::fs::read_dir(root) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        drives.extend(dirs.iter().filter_map(|d| read_drive(d).ok()));
    }
    drives
}

/// Copies `uf2` onto `drive` as `name`, then syncs it, so the bootloader
/// has the whole file before the user unplugs anything.
pub fn copy_to(drive: &Drive, uf2: &Path, name: &str) -> std::io::Result<PathBuf> {
    let to = drive.path.join(name);
    std::fs::copy(uf2, &to)?;
    // The bootloader may already have restarted the board and the drive
    // gone away; the data reached it, so a failing sync is not an error.
    if let Ok(f) = std::fs::File::open(&to) {
        let _ = f.sync_all();
    }
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drive(root: &Path, name: &str, info: &str) -> PathBuf {
        let d = root.join(name);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join(INFO_FILE), info).unwrap();
        d
    }

    const PICO_INFO: &str = "UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: RPI-RP2\n";

    #[test]
    fn recognises_and_checks_drives() {
        let tmp = tempfile::tempdir().unwrap();
        let pico = drive(tmp.path(), "RPI-RP2", PICO_INFO);
        let nrf = drive(
            tmp.path(),
            "NRF52BOOT",
            "UF2 Bootloader 0.6.0\nModel: nRF52840 DK\nBoard-ID: nRF52840-PCA10056-v0\n",
        );
        let plain = tmp.path().join("USBSTICK");
        std::fs::create_dir_all(&plain).unwrap();
        assert_eq!(
            check_drive(&pico, "RPI-RP2").unwrap().board_id.as_deref(),
            Some("RPI-RP2")
        );
        assert!(check_drive(&nrf, "nRF52840").is_ok());
        assert_eq!(
            check_drive(&nrf, "RPI-RP2"),
            Err(DriveError::OtherBoard {
                path: nrf.clone(),
                found: Some("nRF52840-PCA10056-v0".into()),
                wanted: "RPI-RP2".into()
            })
        );
        assert_eq!(
            check_drive(&plain, "RPI-RP2"),
            Err(DriveError::NotUf2 {
                path: plain.clone()
            })
        );
        let found = find_drives(&[tmp.path().to_path_buf(), tmp.path().join("missing")]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].path, nrf);
        assert_eq!(found[1].path, pico);
    }

    #[test]
    fn an_info_file_without_board_id_matches_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let d = drive(tmp.path(), "X", "UF2 Bootloader\n");
        assert_eq!(read_drive(&d).unwrap().board_id, None);
        assert!(matches!(
            check_drive(&d, "RPI-RP2"),
            Err(DriveError::OtherBoard { found: None, .. })
        ));
    }

    #[test]
    fn copies_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let d = drive(tmp.path(), "RPI-RP2", PICO_INFO);
        let src = tmp.path().join("app.uf2");
        std::fs::write(&src, [1u8, 2, 3]).unwrap();
        let to = copy_to(&read_drive(&d).unwrap(), &src, "app.uf2").unwrap();
        assert_eq!(std::fs::read(to).unwrap(), [1, 2, 3]);
    }
}
