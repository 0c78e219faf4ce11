//! Tauri commands: deserialize, validate, call the core, map the result. Nothing else.

pub mod drafts;
pub mod history;
pub mod images;
pub mod packages;
pub mod review;
pub mod sample;
pub mod spelling;
mod upload;
