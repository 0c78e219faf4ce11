//! The desktop shell: a Tauri window over Qalam's core. This crate holds only shell concerns
//! (window, state, commands, IPC error shape); every decision about articles is the core's.

mod commands;
mod ipc_error;
mod state;

use state::AppState;

/// Starts the app. The library opens once at start-up; if it cannot be opened, the window still
/// appears and shows why, instead of the app vanishing.
pub fn run() {
    let state = AppState::open_default();
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![commands::list_drafts])
        .run(tauri::generate_context!())
        .expect("error while running the Qalam window");
}
