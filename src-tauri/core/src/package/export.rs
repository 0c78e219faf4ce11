//! Exporting an article as a package.
//!
//! Two steps, so that the library is held only briefly: [`prepare`] (needs the library: records
//! the revision, runs the checker, loads the pictures) and [`ExportJob::run`] (no library: makes
//! the renditions on every core and assembles the files). [`export_package`] does both.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use super::approval::{content_listing, listing_hash, ApprovalFile, APPROVAL_PATH};
use super::error::PackageError;
use super::html_page::standalone_page;
use super::manifest::{
    ArticleEntry, FileEntry, ImageEntry, Manifest, OriginalEntry, RenditionEntry, ARTICLE_PATH, HTML_PATH,
    MANIFEST_PATH, NINJS_PATH,
};
use super::ninjs::{ninjs_document, NinjsContext};
use super::public_life::{public_life, PUBLIC_LIFE_PATH};
use super::renditions::{make_renditions, Rendition, JPEG_QUALITY, RENDITION_WIDTHS};
use super::slug::{package_name, slug};
use super::zip_io::write_zip;
use super::{FORMAT_NAME, FORMAT_VERSION};
use crate::article::images::{image_uses, rewrite_srcs, ImageUse};
use crate::article::picture_file::extension_of;
use crate::article::presented::presented;
use crate::article::{parse_with_source_map, print, Article};
use crate::check::{check_source, CheckSettings, Finding, FindingKind, Severity};
use crate::dates::iso_time;
use crate::hash::sha256_hex;
use crate::library::{ExportSource, Library, LibraryError};
use crate::publish::life::{PublicCorrection, PublicLife};
use crate::workflow::ArticleStatus;

#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Also put each picture as it was added into the package (metadata and all).
    pub include_originals: bool,
    /// Export although the checker has warnings (errors always block).
    pub accept_warnings: bool,
    pub settings: CheckSettings,
    /// A package for review (a hand-off), not for publishing: the checker's findings do not
    /// stop it — a draft with mistakes still goes to its editor.
    pub for_review: bool,
    /// A correction about to be signed, shown with the others (the package its event signs).
    pub correction: Option<PublicCorrection>,
}

/// How the caller follows and stops a running export.
pub struct ExportControl<'a> {
    /// Called with (pictures done, pictures in all) as each picture's renditions are ready.
    pub progress: &'a (dyn Fn(usize, usize) + Sync),
    /// Set it to stop: the export ends with [`PackageError::Cancelled`] and writes nothing.
    pub cancel: &'a AtomicBool,
}

/// A package in memory, ready to be written as a zip file or a folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// The file name without extension: the title's slug and the revision.
    pub name: String,
    pub manifest: Manifest,
    /// Every file in archive order, `manifest.json` first.
    pub files: Vec<(String, Vec<u8>)>,
    /// The zip's timestamps: the revision's time.
    pub mtime_ms: i64,
    /// The checker's warnings the user accepted.
    pub warnings: Vec<Finding>,
    /// The content an approval of this revision signs: every file as it reads once approved.
    pub approvable: Vec<(String, String)>,
}

/// Everything an export needs, taken from the library.
pub struct ExportJob {
    source: ExportSource,
    article: Article,
    pictures: Vec<(ImageUse, Vec<u8>, String)>,
    options: ExportOptions,
    warnings: Vec<Finding>,
    /// The article's approvals and the people and rosters that vouch for their signers.
    approvals: ApprovalFile,
    /// When it was updated and its corrections, from its record.
    life: PublicLife,
}

/// Checks the article, loads its pictures and records the revision. Errors (and warnings not
/// accepted) stop here, before anything is written, with the findings to show.
pub fn prepare(library: &mut Library, id: &str, options: &ExportOptions) -> Result<ExportJob, PackageError> {
    // The working copy is checked before a revision is recorded, so a refused export writes nothing.
    let checked = library.load(id)?;
    if checked.trashed_at.is_some() {
        return Err(LibraryError::InTrash { id: id.into() }.into());
    }
    let mut checked_parts = check_for_export(library, id, &checked.markdown, options)?;
    let source = library.export_source(id)?;
    if source.markdown != checked.markdown {
        // Changed in between by another process: check the text that is being packaged.
        checked_parts = check_for_export(library, id, &source.markdown, options)?;
    }
    let (article, pictures, warnings) = checked_parts;
    let record = library.record(id)?;
    let approvals = super::approval::approval_file_of(library, id, &record).map_err(PackageError::from)?;
    let mut life = public_life(&record, source.revision, source.revision_created_at);
    life.corrections.extend(options.correction.clone());
    Ok(ExportJob { source, article, pictures, options: options.clone(), warnings, approvals, life })
}

type Checked = (Article, Vec<(ImageUse, Vec<u8>, String)>, Vec<Finding>);

/// Runs the checker and finds the pictures; errors, and warnings not accepted, refuse the export.
fn check_for_export(
    library: &Library,
    id: &str,
    markdown: &str,
    options: &ExportOptions,
) -> Result<Checked, PackageError> {
    let (article, map) = parse_with_source_map(markdown)
        .map_err(|source_err| LibraryError::Stored { id: id.into(), source: source_err })?;
    let mut findings = check_source(markdown, &options.settings);
    let mut pictures = Vec::new();
    for image in image_uses(&article) {
        match library.image(&image.src) {
            Ok((bytes, media_type)) => pictures.push((image, bytes, media_type)),
            Err(LibraryError::ImageNotFound { .. }) => {
                let line = crate::article::SourceMap::line_of_value(markdown, &image.src, 1);
                let mut finding = Finding::new(line, FindingKind::MissingImage(image.src.clone()));
                (finding.block, finding.field) = map.locate(line);
                findings.push(finding);
            }
            Err(e) => return Err(e.into()),
        }
    }
    findings.sort_by_key(|f| (f.line, f.severity));
    let (errors, warnings): (Vec<_>, Vec<_>) = findings.into_iter().partition(|f| f.severity == Severity::Error);
    if options.for_review {
        return Ok((article, pictures, Vec::new()));
    }
    if !errors.is_empty() {
        return Err(PackageError::NotReady(errors));
    }
    if !warnings.is_empty() && !options.accept_warnings {
        return Err(PackageError::UnacceptedWarnings(warnings));
    }
    Ok((article, pictures, warnings))
}

/// [`prepare`] and [`ExportJob::run`] in one call.
pub fn export_package(
    library: &mut Library,
    id: &str,
    options: &ExportOptions,
    control: &ExportControl,
) -> Result<Package, PackageError> {
    prepare(library, id, options)?.run(control)
}

impl ExportJob {
    /// The revision being packaged.
    pub fn revision(&self) -> i64 {
        self.source.revision
    }

    /// The article being packaged.
    pub fn article(&self) -> &Article {
        &self.article
    }

    /// When the story was updated and its corrections, as the package shows them.
    pub fn life(&self) -> &PublicLife {
        &self.life
    }

    /// How many pictures the export processes (the progress total).
    pub fn picture_count(&self) -> usize {
        self.pictures.len()
    }

    /// Makes the renditions (in parallel, one picture per core at a time) and assembles the files.
    pub fn run(self, control: &ExportControl) -> Result<Package, PackageError> {
        let renditions = self.make_all_renditions(control)?;
        let mut image_files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut entries: Vec<ImageEntry> = Vec::new();
        let mut new_src: BTreeMap<String, String> = BTreeMap::new();
        for ((image, original, media_type), made) in self.pictures.iter().zip(renditions) {
            let mut rendition_entries = Vec::new();
            for r in made {
                let path = format!("images/{}-{}.jpg", image.name, r.width);
                rendition_entries.push(RenditionEntry {
                    path: path.clone(),
                    width: r.width,
                    height: r.height,
                    content_type: "image/jpeg".into(),
                });
                image_files.push((path, r.jpeg));
            }
            new_src.insert(image.src.clone(), rendition_entries[0].path.clone());
            let original = self.options.include_originals.then(|| {
                let path = format!("images/{}-original.{}", image.name, extension_of(media_type));
                image_files.push((path.clone(), original.clone()));
                OriginalEntry { path, content_type: media_type.clone() }
            });
            entries.push(ImageEntry {
                name: image.name.clone(),
                role: image.role,
                alt: image.alt.clone(),
                caption: image.caption.clone(),
                credit: image.credit.clone(),
                renditions: rendition_entries,
                original,
            });
        }
        image_files.sort_by(|a, b| a.0.cmp(&b.0));

        let mut article = self.article.clone();
        article.meta.id = Some(self.source.id.clone());
        rewrite_srcs(&mut article, &|src| new_src.get(src).cloned());
        let markdown = print(&article);
        // The text goes as typed; the page and ninjs show it in the publication's digits.
        let presentation = self.options.settings.style.publication;
        let shown = presented(&article, &presentation);
        let html = standalone_page(&shown, &presentation, &self.life);
        // The pictures' words as ninjs shows them: the publication's digits too.
        let shown_entries: Vec<ImageEntry> = entries
            .iter()
            .cloned()
            .map(|mut e| {
                e.alt = presentation.text(&e.alt);
                e.caption = e.caption.map(|c| presentation.text(&c));
                e.credit = e.credit.map(|c| presentation.text(&c));
                e
            })
            .collect();
        let slug = slug(&article.meta.title);
        let sizes: BTreeMap<&str, u64> = image_files.iter().map(|(p, b)| (p.as_str(), b.len() as u64)).collect();
        let mut files: Vec<(String, Vec<u8>)> =
            vec![(ARTICLE_PATH.into(), markdown.into_bytes()), (HTML_PATH.into(), html.into_bytes())];
        let ninjs_at = files.len();

        // The ninjs document says whether the story is usable; an approval signs it as it reads
        // once approved, so the approved package's every file is what the editor approved.
        let ninjs_for = |status: ArticleStatus| {
            let ninjs = ninjs_document(
                &shown,
                &shown_entries,
                &NinjsContext {
                    id: &self.source.id,
                    revision: self.source.revision,
                    first_created_ms: self.source.created_at,
                    version_created_ms: self.source.revision_created_at,
                    status: status.as_str(),
                    slug: &slug,
                    size_of: &|path| sizes.get(path).copied(),
                    corrections: &self
                        .life
                        .correction_lines(crate::lang::Lang::from_locale(&shown.meta.language), &presentation),
                },
            );
            let mut bytes = serde_json::to_vec_pretty(&ninjs).expect("a JSON value always serializes");
            bytes.push(b'\n');
            bytes
        };
        files.push((NINJS_PATH.into(), ninjs_for(ArticleStatus::Approved)));
        if !self.life.is_empty() {
            let mut bytes = serde_json::to_vec_pretty(&self.life).expect("a public life always serializes");
            bytes.push(b'\n');
            files.push((PUBLIC_LIFE_PATH.into(), bytes));
        }
        files.extend(image_files.iter().cloned());
        let approvable = content_listing(&files);
        // Only an approval of exactly this content makes the story usable by the receiving CMS.
        let approvals = self.approvals.for_content(self.source.revision, &listing_hash(&approvable));
        let approved = matches!(self.source.status, ArticleStatus::Approved | ArticleStatus::Published);
        let approvals = if approved { approvals } else { ApprovalFile::default() };
        if approvals.approvals.is_empty() {
            files[ninjs_at].1 = ninjs_for(ArticleStatus::Draft);
        }
        if !approvals.approvals.is_empty() {
            let mut bytes = serde_json::to_vec_pretty(&approvals).expect("approvals always serialize");
            bytes.push(b'\n');
            files.push((APPROVAL_PATH.into(), bytes));
        }
        let manifest = Manifest {
            format: FORMAT_NAME.into(),
            format_version: FORMAT_VERSION,
            generator: format!("Qalam {}", env!("CARGO_PKG_VERSION")),
            created: iso_time(self.source.revision_created_at),
            article: ArticleEntry {
                id: self.source.id.clone(),
                revision: self.source.revision,
                title: article.meta.title.clone(),
                sha256: sha256_hex(&files[0].1),
            },
            images: entries,
            files: files.iter().map(|(path, bytes)| FileEntry::of(path, bytes)).collect(),
        };
        let mut manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("the manifest always serializes");
        manifest_bytes.push(b'\n');
        files.insert(0, (MANIFEST_PATH.into(), manifest_bytes));
        Ok(Package {
            name: package_name(&article.meta.title, self.source.revision),
            manifest,
            files,
            mtime_ms: self.source.revision_created_at,
            warnings: self.warnings,
            approvable,
        })
    }

    fn make_all_renditions(&self, control: &ExportControl) -> Result<Vec<Vec<Rendition>>, PackageError> {
        let total = self.pictures.len();
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        type Slot = Option<Result<Vec<Rendition>, PackageError>>;
        let results: Mutex<Vec<Slot>> = Mutex::new((0..total).map(|_| None).collect());
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(total.max(1));
        (control.progress)(0, total);
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total || control.cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let (image, bytes, _) = &self.pictures[i];
                    let made = make_renditions(bytes, &RENDITION_WIDTHS, JPEG_QUALITY)
                        .map_err(|reason| PackageError::BadImage { name: image.src.clone(), reason });
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(made);
                    (control.progress)(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                });
            }
        });
        if control.cancel.load(Ordering::Relaxed) {
            return Err(PackageError::Cancelled);
        }
        results
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .map(|r| r.unwrap_or(Err(PackageError::Cancelled)))
            .collect()
    }
}

impl Package {
    /// The package as zip bytes.
    pub fn zip_bytes(&self) -> std::io::Result<Vec<u8>> {
        write_zip(&self.files, self.mtime_ms)
    }

    /// Writes the zip to `path` (a new file; an existing one is refused). Returns its SHA-256.
    pub fn write_zip(&self, path: &Path) -> Result<String, PackageError> {
        let bytes = self.zip_bytes().map_err(|e| PackageError::io(path, e))?;
        write_new_file_only(path, &bytes)
    }

    /// Writes the same tree as a folder at `dir` (which must not exist yet, or be empty). Returns
    /// the SHA-256 of its manifest, which fixes every other file by hash.
    pub fn write_folder(&self, dir: &Path) -> Result<String, PackageError> {
        let empty_dir = dir.is_dir() && std::fs::read_dir(dir).map_err(|e| PackageError::io(dir, e))?.next().is_none();
        if dir.exists() && !empty_dir {
            return Err(PackageError::Exists { path: dir.into() });
        }
        let partial = partial_path(dir);
        let result = (|| {
            for (path, bytes) in &self.files {
                let target = partial.join(path);
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(target, bytes)?;
            }
            if empty_dir {
                std::fs::remove_dir(dir)?;
            }
            std::fs::rename(&partial, dir)
        })();
        result.map_err(|e| {
            let _ = std::fs::remove_dir_all(&partial);
            PackageError::io(dir, e)
        })?;
        Ok(sha256_hex(&self.files[0].1))
    }
}

/// [`write_new_file`], refusing a path where something already is.
pub fn write_new_file_only(path: &Path, bytes: &[u8]) -> Result<String, PackageError> {
    if path.exists() {
        return Err(PackageError::Exists { path: path.into() });
    }
    write_new_file(path, bytes)
}

/// Writes `bytes` as the new file `path` and returns their SHA-256. The file appears whole or not
/// at all: it is written beside its place and renamed into it.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> Result<String, PackageError> {
    if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty() && !f.is_dir()) {
        return Err(PackageError::NoFolder { folder: folder.into() });
    }
    let partial = partial_path(path);
    std::fs::write(&partial, bytes).and_then(|_| std::fs::rename(&partial, path)).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        PackageError::io(path, e)
    })?;
    Ok(sha256_hex(bytes))
}

fn partial_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}
