//! One `qalam-desk local` per folder: the service holds an exclusive lock on `DIR/desk.lock` for
//! as long as it runs (the kernel lets go of it when the process ends, even by SIGKILL), so it
//! owns the PostgreSQL in that folder and may always stop it — whether it started it or found it
//! still running after a crash.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

pub struct FolderLock {
    _file: File,
}

impl FolderLock {
    /// Takes the folder's lock, or says who holds it.
    pub fn take(dir: &Path) -> Result<FolderLock, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let path: PathBuf = dir.join("desk.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        // SAFETY: flock on a descriptor this function owns; LOCK_NB makes it return at once.
        let taken = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
        if !taken {
            let holder = std::fs::read_to_string(&path).unwrap_or_default();
            let holder = holder.trim();
            return Err(format!(
                "another qalam-desk local already serves {}{}: stop it first",
                dir.display(),
                if holder.is_empty() { String::new() } else { format!(" (pid {holder})") }
            ));
        }
        let _ = file.set_len(0);
        let _ = std::io::Write::write_all(&mut &file, std::process::id().to_string().as_bytes());
        Ok(FolderLock { _file: file })
    }
}
