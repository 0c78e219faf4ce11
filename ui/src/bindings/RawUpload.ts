// Generated from src-tauri/src/command_types.rs. Do not edit.

export type RawUpload = Uint8Array;
