//! The article: its typed model and the one definition of its file format
//! (`docs/article-format.md`): YAML front matter and a CommonMark body with
//! pull-quotes, inline related blocks and images.
//!
//! - [`model`]: the nouns (Article, FrontMatter, Block, Inline).
//! - [`parse`]: file text → model, with a [`parse::SourceMap`] of line numbers for the checker.
//! - [`print`]: model → file text; `parse(print(a)) == a` for every article the parser can produce.
//! - [`html`]: model → semantic, safe, right-to-left HTML.
//! - [`images`]: the pictures an article shows, and rewriting their `src`s.
//! - [`text_field`]: the fields of running text as plain text, and replacing a range of one.
//! - [`on_disk`]: an article file read with the local pictures it shows.

pub mod front_matter;
pub mod html;
pub mod images;
pub mod inline_text;
pub mod model;
#[cfg(feature = "local")]
pub mod on_disk;
pub mod parse;
pub mod picture_file;
pub mod presented;
pub mod print;
pub mod text_field;
pub mod yaml_scalar;

pub use model::*;
pub use parse::{parse, parse_with_source_map, FormatError, SourceMap};
pub use print::print;
