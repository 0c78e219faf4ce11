// Builds the Tauri context. The app's own commands (named once, in src-tauri/src/command_names.rs)
// are gated by capabilities like any plugin command; capabilities live in src-tauri/capabilities/.
include!("src-tauri/src/command_names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/src/command_names.rs");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("failed to build the Tauri context");
}
