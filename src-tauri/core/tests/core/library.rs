//! The library's promises: saves with a conflict check, no write for an unchanged article,
//! revisions by rule, trash and purge, a newer schema refused, backups and restore.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use qalam_core::library::articles::SaveKind;
use qalam_core::library::revision_rule::AUTOSAVE_REVISION_INTERVAL_MS;
use qalam_core::library::{Library, LibraryError, ListFilter};

use crate::support::{article, seed_article, temp_library};

/// A clock the test moves by hand.
fn manual_clock(lib: &mut Library) -> Arc<AtomicI64> {
    let now = Arc::new(AtomicI64::new(1_750_000_000_000));
    let shared = now.clone();
    lib.set_clock(Box::new(move || shared.load(Ordering::SeqCst)));
    now
}

#[test]
fn a_save_from_a_stale_version_is_a_conflict_and_writes_nothing() {
    let (_dir, mut lib) = temp_library();
    let (id, _) = lib.import(&article("أ", "نص أول")).unwrap();
    let v1 = lib.load(&id).unwrap().version;
    let first = lib.save(&id, &article("أ", "نافذة أولى"), v1, SaveKind::Autosave).unwrap();
    assert_eq!(first.version, v1 + 1);
    // A second window still holds v1: its save must not overwrite the first window's text.
    let err = lib.save(&id, &article("أ", "نافذة ثانية"), v1, SaveKind::Autosave).unwrap_err();
    assert!(matches!(err, LibraryError::Conflict { base, current, .. } if base == v1 && current == v1 + 1), "{err}");
    assert!(lib.load(&id).unwrap().markdown.contains("نافذة أولى"));
}

#[test]
fn saving_an_unchanged_article_writes_nothing() {
    let (_dir, mut lib) = temp_library();
    let (id, _) = lib.import(&seed_article()).unwrap();
    let stored = lib.load(&id).unwrap();
    let revisions = lib.revision_count(&id).unwrap();
    for kind in [SaveKind::Autosave, SaveKind::Explicit] {
        let outcome = lib.save(&id, &stored.article, stored.version, kind).unwrap();
        assert!(!outcome.written, "{kind:?} of an unchanged article wrote");
        assert_eq!(outcome.version, stored.version);
        assert_eq!(outcome.updated_at, stored.updated_at, "the outcome tells when the text last changed");
    }
    assert_eq!(lib.revision_count(&id).unwrap(), revisions);
    assert_eq!(lib.load(&id).unwrap().updated_at, stored.updated_at);
}

#[test]
fn explicit_saves_make_revisions_and_autosaves_follow_the_time_and_size_rule() {
    let (_dir, mut lib) = temp_library();
    let now = manual_clock(&mut lib);
    let (id, _) = lib.import(&article("أ", "بداية")).unwrap();
    assert_eq!(lib.revision_count(&id).unwrap(), 1, "an import is a revision");
    let mut version = lib.load(&id).unwrap().version;

    // Small autosaves close together only update the working copy.
    for word in ["كلمة", "كلمتان"] {
        now.fetch_add(1000, Ordering::SeqCst);
        let out = lib.save(&id, &article("أ", word), version, SaveKind::Autosave).unwrap();
        assert_eq!(out.revision, None);
        version = out.version;
    }
    // Ten minutes after the last revision, the next autosave records one.
    now.fetch_add(AUTOSAVE_REVISION_INTERVAL_MS, Ordering::SeqCst);
    let out = lib.save(&id, &article("أ", "بعد عشر دقائق"), version, SaveKind::Autosave).unwrap();
    assert_eq!(out.revision, Some(2));
    assert_eq!(out.updated_at, now.load(Ordering::SeqCst));
    assert_eq!(lib.load(&id).unwrap().updated_at, out.updated_at);
    version = out.version;
    // Ctrl+S records one even right after an autosave of the same text.
    now.fetch_add(1000, Ordering::SeqCst);
    let out = lib.save(&id, &article("أ", "نص نهائي"), version, SaveKind::Autosave).unwrap();
    assert_eq!(out.revision, None);
    let out = lib.save(&id, &article("أ", "نص نهائي"), out.version, SaveKind::Explicit).unwrap();
    assert_eq!(out.revision, Some(3));
    version = out.version;
    // A large change records one at once.
    now.fetch_add(1000, Ordering::SeqCst);
    let long = "كلمة ".repeat(600);
    let out = lib.save(&id, &article("أ", &long), version, SaveKind::Autosave).unwrap();
    assert_eq!(out.revision, Some(4));
    assert!(out.written);
}

#[test]
fn restoring_a_revision_keeps_the_history_and_checks_the_version() {
    let (_dir, mut lib) = temp_library();
    let (id, _) = lib.import(&article("أ", "النسخة الأولى")).unwrap();
    let v = lib.load(&id).unwrap().version;
    let out = lib.save(&id, &article("أ", "النسخة الثانية"), v, SaveKind::Explicit).unwrap();
    assert!(
        matches!(lib.restore_revision(&id, 1, v), Err(LibraryError::Conflict { .. })),
        "a restore from a stale view"
    );
    let restored = lib.restore_revision(&id, 1, out.version).unwrap();
    assert!(lib.load(&id).unwrap().markdown.contains("النسخة الأولى"));
    assert_eq!(restored.revision, Some(3), "the restore is itself a revision");
    let revisions = lib.revisions(&id).unwrap();
    assert_eq!(revisions.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>(), ["restore", "save", "import"]);
    assert!(matches!(lib.restore_revision(&id, 99, restored.version), Err(LibraryError::RevisionNotFound { .. })));
}

#[test]
fn trash_hides_an_article_untrash_brings_it_back_and_purge_needs_the_trash() {
    let (_dir, mut lib) = temp_library();
    let (id, _) = lib.import(&article("خبر عاجل", "عن الأنبار")).unwrap();
    assert!(matches!(lib.purge(&id), Err(LibraryError::NotInTrash { .. })), "purge only from the trash");
    lib.trash(&id).unwrap();
    assert!(lib.list(ListFilter::Active).unwrap().is_empty());
    assert_eq!(lib.list(ListFilter::Trash).unwrap()[0].id, id);
    assert!(lib.search("الانبار", 10).unwrap().is_empty(), "trashed articles leave search");
    let v = lib.load(&id).unwrap().version;
    assert!(matches!(lib.save(&id, &article("x", "y"), v, SaveKind::Autosave), Err(LibraryError::InTrash { .. })));
    lib.untrash(&id).unwrap();
    assert_eq!(lib.search("الانبار", 10).unwrap().len(), 1);
    lib.trash(&id).unwrap();
    lib.purge(&id).unwrap();
    assert!(matches!(lib.load(&id), Err(LibraryError::NotFound { .. })));
    assert!(lib.search("الانبار", 10).unwrap().is_empty());
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn importing_a_file_twice_makes_two_articles_unless_it_carries_an_id() {
    let (_dir, mut lib) = temp_library();
    let a = article("مكرر", "نص");
    let (first, _) = lib.import(&a).unwrap();
    let (second, _) = lib.import(&a).unwrap();
    assert_ne!(first, second);
    let mut with_id = a.clone();
    with_id.meta.id = Some("story-42".into());
    lib.import(&with_id).unwrap();
    with_id.body = article("مكرر", "نص معدل").body;
    let (again, outcome) = lib.import(&with_id).unwrap();
    assert_eq!(again, "story-42");
    assert_eq!(outcome, qalam_core::library::ImportOutcome::Updated);
    assert_eq!(lib.list(ListFilter::Active).unwrap().len(), 3);
    assert_eq!(lib.revision_count("story-42").unwrap(), 2, "the earlier text stays as a revision");
}

#[test]
fn a_library_from_a_newer_qalam_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    drop(Library::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Library::open(&path).err().expect("a newer schema is refused");
    assert!(matches!(err, LibraryError::TooNew { found: 999, .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is not modified");
    assert!(!path.with_extension("sqlite3-wal").exists());
}

#[test]
fn a_backup_restores_the_library_and_rotation_keeps_ten() {
    let (dir, mut lib) = temp_library();
    let (id, _) = lib.import(&seed_article()).unwrap();
    let backups = dir.path().join("backups");
    let backup = lib.backup(Some(&backups)).unwrap();
    // After the backup the article is changed and another is added…
    let v = lib.load(&id).unwrap().version;
    lib.save(&id, &article("تغيير", "بعد النسخة"), v, SaveKind::Explicit).unwrap();
    lib.import(&article("مقال جديد", "نص")).unwrap();
    // …and restoring brings back exactly the backed-up state, after saving the current one.
    let safety = lib.restore_backup(&backup).unwrap();
    assert!(safety.exists());
    let list = lib.list(ListFilter::Active).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(lib.load(&id).unwrap().article.meta.title, seed_article().meta.title);
    assert_eq!(lib.integrity_check().unwrap(), "ok");
    for _ in 0..12 {
        lib.backup(Some(&backups)).unwrap();
    }
    assert_eq!(std::fs::read_dir(&backups).unwrap().count(), 10);
}

#[test]
fn a_damaged_backup_is_refused_and_the_library_is_kept() {
    let (dir, mut lib) = temp_library();
    let (id, _) = lib.import(&seed_article()).unwrap();
    let bogus = dir.path().join("bogus.sqlite3");
    std::fs::write(&bogus, "not a database at all").unwrap();
    assert!(matches!(lib.restore_backup(&bogus), Err(LibraryError::BadBackup { .. })));
    assert!(lib.load(&id).is_ok());
}

/// Saves never stop to copy the log into the library file: a thread of the library's does it
/// beside them, every few commits and when the writer goes quiet — while the library is open.
#[test]
fn the_log_is_checkpointed_beside_the_writer_while_the_library_is_open() {
    let (dir, mut lib) = temp_library();
    let file = dir.path().join("library.sqlite3");
    let paragraph = "نص تجريبي عن انسحاب القوات من القاعدة الجوية وما قاله المسؤولون عنه. ".repeat(300);
    let (id, _) = lib.import(&article("خبر طويل", &paragraph)).unwrap();
    let mut version = lib.load(&id).unwrap().version;
    // About 1 MB of log in all: well under SQLite's own threshold (1,000 pages), which alone
    // would have left every page in the log until the library closed.
    for n in 0..30 {
        let edited = article("خبر طويل", &format!("الحفظ رقم {n}\n\n{paragraph}"));
        version = lib.save(&id, &edited, version, SaveKind::Autosave).unwrap().version;
    }
    // What the library file itself holds, read past the log (immutable: the log is not looked at).
    let in_file = || -> String {
        let uri = format!("file:{}?immutable=1", file.display());
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        let conn = rusqlite::Connection::open_with_flags(uri, flags).unwrap();
        conn.query_row("SELECT markdown FROM articles", [], |r| r.get(0)).unwrap_or_default()
    };
    let checkpointed = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        in_file().contains("الحفظ رقم 29")
    });
    assert!(checkpointed, "the library file does not hold the last save yet");
    assert!(std::fs::metadata(dir.path().join("library.sqlite3-wal")).is_ok(), "the library is still open");
    assert!(lib.load(&id).unwrap().article.body.len() > 1);
}
