//! An article file on disk together with the pictures it shows: the lead image and body images
//! whose `src` is a path relative to the file (`images/hero.jpg`). The CLI's import takes them
//! into the library as the app does when a picture is added from disk. Nothing on disk is
//! changed; every picture is read and checked before anything is imported.

use std::path::{Component, Path, PathBuf};

use super::images::image_uses;
use super::parse::{parse_with_source_map, FormatError};
use super::Article;
use crate::article::picture_file::{probe_image, MAX_IMAGE_BYTES};
use crate::files::{read_article_text, read_bounded, FileError, FileProblem};
use crate::lang::{Lang, Localized};
use crate::url_policy::is_local_path;

/// An article read from a file, with the bytes of each local picture it shows (by `src`).
#[derive(Debug)]
pub struct ArticleOnDisk {
    pub article: Article,
    pub pictures: Vec<(String, Vec<u8>)>,
}

#[derive(Debug, thiserror::Error)]
pub enum OnDiskError {
    #[error(transparent)]
    File(FileError),
    #[error("{}:{}: {}", file.display(), error.line, error.message(Lang::En))]
    Format { file: PathBuf, error: FormatError },
    #[error("{}", picture_message(file, *line, src, problem, Lang::En))]
    Picture { file: PathBuf, line: usize, src: String, problem: PictureProblem },
}

/// Why a picture an article shows cannot come along.
#[derive(Debug, Clone, PartialEq)]
pub enum PictureProblem {
    File(FileProblem),
    /// Not an image Qalam takes, or one over the pixel limits; the probe's (English) words.
    NotAnImage(String),
    /// The path leaves the article's folder (`../`, an absolute path, a link pointing out): an
    /// article someone sent must not carry off another file of this machine.
    OutsideFolder,
}

impl Localized for OnDiskError {
    fn message(&self, lang: Lang) -> String {
        match self {
            OnDiskError::File(e) => e.message(lang),
            OnDiskError::Format { file, error } => {
                format!("{}: {}", lang.ltr(format_args!("{}:{}", file.display(), error.line)), error.message(lang))
            }
            OnDiskError::Picture { file, line, src, problem } => picture_message(file, *line, src, problem, lang),
        }
    }
}

fn picture_message(file: &Path, line: usize, src: &str, problem: &PictureProblem, lang: Lang) -> String {
    let why = match (problem, lang) {
        (PictureProblem::File(p), lang) => p.message(lang),
        (PictureProblem::NotAnImage(_), Lang::Ar) => {
            "ليست صورة JPEG أو PNG أو WebP أو GIF يقبلها قلم، أو أبعادها تتجاوز الحد (20000 بكسل للضلع، 120 ميغابكسل)"
                .into()
        }
        (PictureProblem::NotAnImage(reason), Lang::En) => reason.clone(),
        (PictureProblem::OutsideFolder, Lang::Ar) => {
            "مسارها خارج مجلد المقال؛ ضع الصورة في مجلد المقال أو تحته واكتب مسارها نسبةً إليه".into()
        }
        (PictureProblem::OutsideFolder, Lang::En) => {
            "its path leaves the article's folder; put the picture in or under that folder and give its path relative to it"
                .into()
        }
    };
    match lang {
        Lang::Ar => format!(
            "{}: الصورة «{}»: {why}؛ لم يُستورد شيء",
            lang.ltr(format_args!("{}:{line}", file.display())),
            lang.ltr(src)
        ),
        Lang::En => format!("{}:{line}: the picture `{src}`: {why}; nothing was imported", file.display()),
    }
}

/// Reads the article at `path` and every local picture it shows, relative to its folder.
pub fn read_article_on_disk(path: &Path) -> Result<ArticleOnDisk, OnDiskError> {
    let text = read_article_text(path).map_err(OnDiskError::File)?;
    let (article, map) =
        parse_with_source_map(&text).map_err(|error| OnDiskError::Format { file: path.into(), error })?;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut pictures = Vec::new();
    for picture in image_uses(&article) {
        if !is_local_path(&picture.src) || picture.src.starts_with(crate::article::picture_file::ASSET_PREFIX) {
            continue;
        }
        let line = map
            .urls
            .iter()
            .find(|u| u.value == picture.src)
            .map(|u| u.line)
            .unwrap_or_else(|| super::SourceMap::line_of_value(&text, &picture.src, map.field_line("hero")));
        let fail = |problem| OnDiskError::Picture { file: path.into(), line, src: picture.src.clone(), problem };
        let file = inside(folder, &picture.src).ok_or_else(|| fail(PictureProblem::OutsideFolder))?;
        let bytes = read_bounded(&file, MAX_IMAGE_BYTES as u64).map_err(|e| fail(PictureProblem::File(e.problem)))?;
        probe_image(&bytes).map_err(|reason| fail(PictureProblem::NotAnImage(reason)))?;
        pictures.push((picture.src, bytes));
    }
    Ok(ArticleOnDisk { article, pictures })
}

/// `src` under `folder`, if it stays there: relative, no `..`, and (once links are followed)
/// still inside the folder. A path that does not exist is returned as written, for the read to
/// say it is missing.
fn inside(folder: &Path, src: &str) -> Option<PathBuf> {
    let relative = Path::new(src);
    if !relative.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        return None;
    }
    let file = folder.join(relative);
    match (file.canonicalize(), folder.canonicalize()) {
        (Ok(real), Ok(real_folder)) if !real.starts_with(&real_folder) => None,
        _ => Some(file),
    }
}
