// The app's own IPC commands, named once. `build.rs` includes this file to gate each command by
// a capability; `lib.rs` registers the functions, `src-tauri/capabilities/main.json` grants them
// and `ui/src/lib/backend/tauri.ts` calls them by these names: the test below fails if any of them disagree.

pub const COMMANDS: &[&str] = &[
    "list_drafts",
    "create_draft",
    "load_draft",
    "save_draft",
    "trash_draft",
    "untrash_draft",
    "list_revisions",
    "restore_revision",
    "preview_and_check",
    "import_sample",
    "set_spelling_language",
    "check_spelling",
    "suggest_spelling",
    "add_image",
    "read_image",
    "export_article",
    "cancel_export",
    "reveal_export",
    "import_package",
    "remember_interface_language",
];
