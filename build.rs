// Builds the Tauri context. The app's own commands are listed here so that they are gated by
// capabilities like any plugin command; capabilities live in src-tauri/capabilities/.
fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(&[
            "list_drafts",
            "create_draft",
            "load_draft",
            "save_draft",
            "trash_draft",
            "untrash_draft",
            "list_revisions",
            "restore_revision",
            "review_article",
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
        ]));
    tauri_build::try_build(attributes).expect("failed to build the Tauri context");
}
