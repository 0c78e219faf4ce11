//! Opening a library: created once even when processes race, never made where the user did not
//! ask for one, and never "repaired" over — its write-ahead log included.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use qalam_core::lang::{Lang, Localized};
use qalam_core::library::{wal, Library, LibraryError, LibraryLocation, ListFilter};

use crate::support::{article, seed_article};

const CHILD_LIBRARY: &str = "QALAM_OPEN_CHILD_LIBRARY";
const CHILD_GO: &str = "QALAM_OPEN_CHILD_GO";
const CHILD_BACKUP_DIR: &str = "QALAM_BACKUP_CHILD_DIR";

/// The child of the race test: waits for the go file, then opens (creating) the library and
/// imports one article. Prints `ok` or the error.
#[test]
#[ignore = "run only as a child process of two_processes_creating_one_library_both_succeed"]
fn open_child() {
    let (Some(path), Some(go)) = (std::env::var_os(CHILD_LIBRARY), std::env::var_os(CHILD_GO)) else { return };
    let deadline = Instant::now() + Duration::from_secs(10);
    while !Path::new(&go).exists() && Instant::now() < deadline {
        std::hint::spin_loop();
    }
    match Library::open(Path::new(&path)).and_then(|mut lib| lib.import(&article("سباق", "نص"))) {
        Ok(_) => println!("ok"),
        Err(e) => println!("error {}: {e}", e.code()),
    }
}

#[test]
fn two_processes_creating_one_library_both_succeed() {
    for round in 0..15 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        let go = dir.path().join("go");
        let children: Vec<_> = (0..3)
            .map(|_| {
                Command::new(std::env::current_exe().unwrap())
                    .args(["--exact", "opening::open_child", "--ignored", "--nocapture", "--test-threads=1"])
                    .env(CHILD_LIBRARY, &path)
                    .env(CHILD_GO, &go)
                    .stdout(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        std::thread::sleep(Duration::from_millis(150));
        std::fs::write(&go, b"").unwrap();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(said.lines().any(|l| l == "ok"), "round {round}: a process failed to open the new library: {said}");
        }
        let lib = Library::open_existing(&path).unwrap();
        assert_eq!(lib.list(ListFilter::Active).unwrap().len(), 3, "round {round}: every import landed");
        assert_eq!(lib.integrity_check().unwrap(), "ok");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.contains(".new-"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }
}

#[test]
fn a_missing_library_is_not_created_by_opening_it_to_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo").join("library.sqlite3");
    let err = Library::open_existing(&path).err().expect("no library there");
    assert!(matches!(err, LibraryError::NoLibrary { .. }), "{err}");
    assert!(err.message(Lang::Ar).contains("لا توجد مكتبة"));
    // Even a writer makes no folders for a path the user named.
    let err = Library::open(&path).err().expect("the folder does not exist");
    assert!(matches!(err, LibraryError::NoFolder { .. }), "{err}");
    assert!(!dir.path().join("typo").exists(), "no folder was made");
    let err = LibraryLocation::Named(path.clone()).open_or_create().err().expect("named: no folders made");
    assert!(matches!(err, LibraryError::NoFolder { .. }));
    // The default location is the one place whose folders Qalam makes.
    LibraryLocation::Default(path.clone()).open_or_create().unwrap();
    assert!(path.exists());
}

#[test]
fn an_sqlite_file_of_another_program_is_refused_in_one_sentence_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite3");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE articles (x); CREATE TABLE notes (y); INSERT INTO notes VALUES (1);").unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = Library::open(&path).err().expect("schema 0 with tables is not a Qalam library");
    assert!(matches!(err, LibraryError::ForeignDatabase { .. }), "{err}");
    for lang in [Lang::Ar, Lang::En] {
        let message = err.message(lang);
        assert!(!message.contains("CREATE") && !message.contains('\n'), "one sentence, no schema: {message}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// A library whose last saves are only in its WAL: the files as a crash would leave them.
fn library_with_saves_in_its_wal(dir: &Path) -> PathBuf {
    let live = dir.join("live.sqlite3");
    let mut lib = Library::open(&live).unwrap();
    lib.import(&article("أول", "نص أول")).unwrap();
    drop(lib); // checkpointed: the first article is in the main file
    let mut lib = Library::open(&live).unwrap();
    for i in 0..3 {
        lib.import(&article(&format!("حفظ في السجل {i}"), &seed_article().meta.title)).unwrap();
    }
    // Copy the files while the connection is open, as a kill -9 would leave them.
    let copy = dir.join("library.sqlite3");
    std::fs::copy(&live, &copy).unwrap();
    std::fs::copy(wal::wal_path(&live), wal::wal_path(&copy)).unwrap();
    drop(lib);
    copy
}

#[test]
fn an_intact_wal_is_read_and_a_torn_tail_is_not_called_damage() {
    let dir = tempfile::tempdir().unwrap();
    let path = library_with_saves_in_its_wal(dir.path());
    let wal_bytes = std::fs::read(wal::wal_path(&path)).unwrap();
    assert!(wal::damage(&wal_bytes).is_none());
    // A frame cut short at the end is a commit that never finished: not damage.
    assert!(wal::damage(&wal_bytes[..wal_bytes.len() - 100]).is_none());
    let lib = Library::open_existing(&path).unwrap();
    assert_eq!(lib.list(ListFilter::Active).unwrap().len(), 4, "the saves in the WAL are there");
}

fn assert_wal_refused_and_kept(path: &Path, damage: impl Fn(&mut Vec<u8>)) {
    let wal_path = wal::wal_path(path);
    let mut wal_bytes = std::fs::read(&wal_path).unwrap();
    damage(&mut wal_bytes);
    std::fs::write(&wal_path, &wal_bytes).unwrap();
    let library_before = std::fs::read(path).unwrap();
    let err = Library::open_existing(path).err().expect("a damaged WAL holding commits is refused");
    let LibraryError::DamagedWal { copy, .. } = &err else { panic!("unexpected error: {err}") };
    assert_eq!(std::fs::read(copy).unwrap(), wal_bytes, "a copy of the WAL is kept beside the library");
    assert_eq!(copy.parent(), path.parent());
    assert_eq!(std::fs::read(&wal_path).unwrap(), wal_bytes, "the WAL itself is left as it was");
    assert_eq!(std::fs::read(path).unwrap(), library_before, "the library file is untouched");
    for lang in [Lang::Ar, Lang::En] {
        assert!(err.message(lang).contains(&copy.display().to_string()), "the message says where the copy is");
    }
    assert!(err.message(Lang::Ar).contains("تالف"));
    // Asking again refuses again, pointing at the same copy; nothing was "repaired" meanwhile.
    match Library::open(path) {
        Err(LibraryError::DamagedWal { copy: again, .. }) => assert_eq!(&again, copy, "one copy, not one per attempt"),
        other => panic!("expected the damaged WAL again, got {:?}", other.err()),
    }
}

#[test]
fn a_wal_damaged_before_its_commits_is_kept_and_the_library_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = library_with_saves_in_its_wal(dir.path());
    // One byte of the first frame's page: every commit after it would be dropped by SQLite.
    assert_wal_refused_and_kept(&path, |wal| wal[32 + 24 + 100] ^= 0x5a);
}

#[test]
fn a_wal_with_a_damaged_header_is_kept_and_the_library_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = library_with_saves_in_its_wal(dir.path());
    assert_wal_refused_and_kept(&path, |wal| wal[13] ^= 0x01); // the checkpoint sequence
}

/// The child of the backup test: writes a backup with its file size limited (the disk refuses
/// writes past 64 KiB, as a full one would), and prints the error code.
#[cfg(unix)]
#[test]
#[ignore = "run only as a child process of a_backup_that_fails_leaves_nothing_behind"]
fn backup_child() {
    let (Some(path), Some(dir)) = (std::env::var_os(CHILD_LIBRARY), std::env::var_os(CHILD_BACKUP_DIR)) else { return };
    let lib = Library::open_existing(Path::new(&path)).unwrap();
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let limit = libc::rlimit { rlim_cur: 64 * 1024, rlim_max: 64 * 1024 };
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
    }
    match lib.backup(Some(Path::new(&dir))) {
        Ok(p) => println!("written {}", p.display()),
        Err(e) => println!("failed {}: {}", e.code(), e.message(Lang::Ar)),
    }
}

// A per-process file size limit stands in for a full disk; Unix only.
#[cfg(unix)]
#[test]
fn a_backup_that_fails_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let mut lib = Library::open(&path).unwrap();
    for _ in 0..20 {
        lib.import(&seed_article()).unwrap();
    }
    drop(lib);
    assert!(std::fs::metadata(&path).unwrap().len() > 128 * 1024, "bigger than the child's file size limit");
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "opening::backup_child", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_LIBRARY, &path)
        .env(CHILD_BACKUP_DIR, &backups)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    // SQLite reports a refused write (EFBIG here, ENOSPC on a full disk) as its own I/O error.
    assert!(said.contains("failed "), "the backup must fail when the disk refuses the write: {said}");
    assert!(said.contains("القرص"), "and say so in the user's words: {said}");
    let left: Vec<_> = std::fs::read_dir(&backups).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert!(left.is_empty(), "a failed backup left files behind: {left:?}");
}

#[test]
fn restoring_from_a_copy_of_a_live_library_leaves_no_wal_or_shm_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_lib_dir, mut lib) = crate::support::temp_library();
    lib.import(&seed_article()).unwrap();
    // A user's own copy of a library file: in WAL mode, as every Qalam library is.
    let copy = dir.path().join("copy-of-library.sqlite3");
    {
        let mut source = Library::open(&copy).unwrap();
        source.import(&article("نسخة", "نص")).unwrap();
    }
    let beside = |suffix: &str| {
        let mut name = copy.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    lib.restore_backup(&copy).unwrap();
    assert!(!beside("-wal").exists() && !beside("-shm").exists(), "reading a backup leaves nothing beside it");
    assert_eq!(lib.list(ListFilter::Active).unwrap().len(), 1);
    // A refused backup, too.
    std::fs::write(dir.path().join("bad.sqlite3"), b"not a database").unwrap();
    assert!(lib.restore_backup(&dir.path().join("bad.sqlite3")).is_err());
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}
