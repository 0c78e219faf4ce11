// Builds the Tauri context. The app's own commands are listed here so that they are gated by
// capabilities like any plugin command; capabilities live in src-tauri/capabilities/.
fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(&["list_drafts"]));
    tauri_build::try_build(attributes).expect("failed to build the Tauri context");
}
