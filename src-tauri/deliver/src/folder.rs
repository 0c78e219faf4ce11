//! A folder target: the package written into a directory (a shared drive, a sync tool's folder)
//! as `SLUG-rN.zip`. Written under a temporary name and renamed, so a reader of the folder never
//! sees half a package; the same revision delivered again replaces its file with the same bytes.

use std::io::Write;
use std::path::Path;

use qalam_core::package::package_name;

use crate::error::DeliverError;

/// Writes `zip` into `folder`; the file's path.
pub fn deliver(folder: &str, title: &str, revision: i64, zip: &[u8]) -> Result<String, DeliverError> {
    let dir = Path::new(folder);
    let fail = |e: std::io::Error| DeliverError::Folder { path: folder.into(), detail: e.to_string() };
    if !dir.is_dir() {
        return Err(DeliverError::Folder {
            path: folder.into(),
            detail: "not a folder (is the drive mounted?)".into(),
        });
    }
    let path = dir.join(format!("{}.zip", package_name(title, revision)));
    let mut temp = tempfile::Builder::new().prefix(".qalam-").suffix(".part").tempfile_in(dir).map_err(fail)?;
    temp.write_all(zip).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(&path).map_err(|e| fail(e.error))?;
    Ok(path.to_string_lossy().into_owned())
}

/// Whether the folder is there and takes a file (`target test`).
pub fn check(folder: &str) -> Result<(), DeliverError> {
    let dir = Path::new(folder);
    if !dir.is_dir() {
        return Err(DeliverError::Folder { path: folder.into(), detail: "not a folder".into() });
    }
    tempfile::Builder::new()
        .prefix(".qalam-test-")
        .tempfile_in(dir)
        .map(drop)
        .map_err(|e| DeliverError::Folder { path: folder.into(), detail: e.to_string() })
}
