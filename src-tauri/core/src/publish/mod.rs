//! Publishing to a CMS. [`gutenberg`]: an article as WordPress block markup, so a delivered post
//! stays editable as blocks in WordPress's own editor.

pub mod gutenberg;
pub mod life;
pub mod post;
pub mod web_text;
