//! `manifest.json`: the package's table of contents. It names the format and its version, the
//! article (id, revision, content hash), when that revision was made, which Qalam made it, each
//! picture with its words and renditions, and every other file with its size and SHA-256.
//! Unknown fields are ignored on reading, so later versions may add some.

use crate::hash::sha256_hex;
use serde::{Deserialize, Serialize};

use crate::article::images::ImageRole;

pub const MANIFEST_PATH: &str = "manifest.json";
pub const ARTICLE_PATH: &str = "article.md";
pub const HTML_PATH: &str = "article.html";
pub const NINJS_PATH: &str = "article.ninjs.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// The Qalam that made the package, e.g. `Qalam 0.1.0`.
    pub generator: String,
    /// When the exported revision was made (RFC 3339, UTC).
    pub created: String,
    pub article: ArticleEntry,
    #[serde(default)]
    pub images: Vec<ImageEntry>,
    /// Every file of the package except the manifest itself, in archive order.
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleEntry {
    pub id: String,
    pub revision: i64,
    pub title: String,
    /// SHA-256 of `article.md`: the article's content hash.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageEntry {
    /// `hero`, `image-1`, `image-2`…
    pub name: String,
    pub role: ImageRole,
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// Largest first; the article's `src` points at the first.
    pub renditions: Vec<RenditionEntry>,
    /// The picture as it was added, when the user asked for originals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<OriginalEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenditionEntry {
    pub path: String,
    pub width: u32,
    pub height: u32,
    pub content_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginalEntry {
    pub path: String,
    pub content_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

impl FileEntry {
    pub fn of(path: &str, bytes: &[u8]) -> FileEntry {
        FileEntry { path: path.to_string(), size: bytes.len() as u64, sha256: sha256_hex(bytes) }
    }
}

impl ImageEntry {
    /// The file an import keeps in the library: the original if the package has it, else the
    /// largest rendition.
    pub fn best_path(&self) -> Option<&str> {
        self.original.as_ref().map(|o| o.path.as_str()).or(self.renditions.first().map(|r| r.path.as_str()))
    }

    /// Whether `path` is one of this picture's files.
    pub fn has_path(&self, path: &str) -> bool {
        self.renditions.iter().any(|r| r.path == path) || self.original.as_ref().is_some_and(|o| o.path == path)
    }
}
