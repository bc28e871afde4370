//! Where gxnews keeps things: XDG directories from `directories`, overridable.

use std::path::PathBuf;

use directories::ProjectDirs;

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "gxnews")
}

/// The data directory: `--data-dir`, else `GXNEWS_DATA_DIR` (clap reads both), else the XDG
/// data directory (`~/.local/share/gxnews` on Linux).
pub fn data_dir(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(|| project().map(|p| p.data_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from(".gxnews"))
}

/// The demo edition's own cache, inside the data directory and apart from the user's.
pub fn demo_dir(data: &std::path::Path) -> PathBuf {
    data.join("demo")
}

/// The configuration directory (`~/.config/gxnews` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    project().map(|p| p.config_dir().to_path_buf())
}

/// Where the log file goes: the data directory when one was given, else the XDG state
/// directory (`~/.local/state/gxnews`).
pub fn log_dir(data_flag_given: bool, data: &std::path::Path) -> PathBuf {
    if data_flag_given {
        return data.to_path_buf();
    }
    project()
        .and_then(|p| p.state_dir().map(|d| d.to_path_buf()))
        .unwrap_or_else(|| data.to_path_buf())
}
