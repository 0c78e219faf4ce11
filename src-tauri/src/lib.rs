//! The desktop shell: a Tauri window over Qalam's core. This crate holds only shell concerns
//! (window, state, commands, IPC shapes and validation); every decision about articles is the core's.

// The command names are used by build.rs; in the crate itself only the test that checks them reads them.
#[cfg(test)]
mod command_list;
mod command_types;
mod commands;
mod delivery_worker;
mod desk_sync;
mod dto;
mod interface_language;
mod ipc_error;
mod rendering;
mod spelling;
mod state;
mod status_labels;
mod validate;

use state::AppState;

/// Starts the app. The library opens once at start-up; if it cannot be opened, the window still
/// appears and shows why, instead of the app vanishing.
pub fn run() {
    let interface_language = interface_language::apply_before_gtk();
    let state = AppState::open_default();
    tauri::Builder::default()
        .manage(state)
        .manage(interface_language)
        .setup(|app| {
            use tauri::Manager;
            if let Some(window) = app.get_webview_window("main") {
                rendering::apply(&window);
            }
            // The sync worker opens its own connection to the same library file.
            let path = app.state::<AppState>().path();
            app.manage(desk_sync::DeskSync::start(app.handle().clone(), path.clone()));
            app.manage(delivery_worker::start(app.handle().clone(), path));
            Ok(())
        })
        .manage(commands::packages::Exports::default())
        .manage(spelling::Spellers::default())
        .invoke_handler(tauri::generate_handler![
            commands::drafts::list_drafts,
            commands::drafts::create_draft,
            commands::drafts::load_draft,
            commands::drafts::save_draft,
            commands::drafts::trash_draft,
            commands::drafts::untrash_draft,
            commands::history::list_revisions,
            commands::history::restore_revision,
            commands::preview::preview_and_check,
            commands::sample::import_sample,
            commands::spelling::set_spelling_language,
            commands::spelling::use_webview_spelling,
            commands::spelling::check_spelling,
            commands::spelling::suggest_spelling,
            commands::images::add_image,
            commands::images::read_image,
            commands::packages::export_article,
            commands::packages::cancel_export,
            commands::packages::reveal_export,
            commands::packages::import_package,
            interface_language::remember_interface_language,
            commands::review::get_profile,
            commands::review::create_profile,
            commands::review::trust_signer,
            commands::review::desk,
            commands::review::review_state,
            commands::review::take_step,
            commands::review::handoff_article,
            commands::review::get_conflict,
            commands::review::resolve_conflict,
            commands::comments::list_comments,
            commands::comments::add_comment,
            commands::comments::reply_comment,
            commands::comments::resolve_comment,
            commands::suggestions::list_suggestions,
            commands::suggestions::suggest_change,
            commands::suggestions::decide_suggestion,
            commands::suggestions::reply_suggestion,
            commands::house_style::get_house_style,
            commands::house_style::issue_house_style,
            commands::house_style::try_house_style,
            commands::comments::list_notes,
            commands::comments::add_note,
            commands::comments::diff_revisions,
            commands::delivery::list_targets,
            commands::delivery::add_target,
            commands::delivery::remove_target,
            commands::delivery::test_target,
            commands::delivery::deliver_article,
            commands::delivery::list_deliveries,
            commands::delivery::open_live_post,
            commands::delivery::retry_delivery,
            commands::delivery::cancel_delivery,
            commands::delivery::record_publication,
            commands::desk::desk_status,
            commands::desk::join_desk,
            commands::desk::leave_desk,
            commands::desk::sync_now,
            commands::desk::desk_lock,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the Qalam window");
}
