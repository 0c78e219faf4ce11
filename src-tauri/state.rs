//! The app's state: the open library, or the reason it could not be opened.

use std::sync::Mutex;

use qalam_core::lang::{Lang, Localized};
use qalam_core::library::{default_library_path, Library};

use crate::ipc_error::IpcError;

pub struct AppState {
    library: Result<Mutex<Library>, IpcError>,
}

impl AppState {
    /// Opens the library at `QALAM_LIBRARY` or under the platform's data directory — the same
    /// file the `qalam` CLI uses by default.
    pub fn open_default() -> AppState {
        let library = match default_library_path(dirs::data_dir()) {
            None => Err(IpcError::new("no-library", "لا يوجد مجلد بيانات لهذا المستخدم؛ حدّد QALAM_LIBRARY")),
            Some(path) => {
                Library::open(&path).map(Mutex::new).map_err(|e| IpcError::new(e.code(), e.message(Lang::Ar)))
            }
        };
        AppState { library }
    }

    /// Runs `f` with the library, or returns why there is none.
    pub fn with_library<T>(&self, f: impl FnOnce(&mut Library) -> Result<T, IpcError>) -> Result<T, IpcError> {
        let mutex = self.library.as_ref().map_err(Clone::clone)?;
        let mut library =
            mutex.lock().map_err(|_| IpcError::new("internal", "حالة المكتبة غير متّسقة؛ أعد تشغيل البرنامج"))?;
        f(&mut library)
    }
}
