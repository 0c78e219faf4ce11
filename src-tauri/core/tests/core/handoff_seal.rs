//! A hand-off is sealed by its sender: the receiver learns who sent it by the key that sealed it,
//! and a hand-off changed on the way — even with its manifest rewritten to match — or without its
//! seal is refused whole, before anything reaches the library.

use std::io::{Read, Write};

use qalam_core::library::handoff::TextOutcome;
use qalam_core::library::people::KeyStanding;
use qalam_core::library::{Library, ListFilter};
use qalam_core::package::handoff::make_handoff;
use qalam_core::package::manifest::{FileEntry, Manifest};
use qalam_core::package::seal::{seal, SEAL_PATH};
use qalam_core::package::{read_package, receive_handoff, PackageError, Refusal, SealFault};
use qalam_core::workflow::{Action, Role};
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use crate::review::with_profile;
use crate::support::article;

type Files = Vec<(String, Vec<u8>)>;

fn files_of(zip: &[u8]) -> Files {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().to_string(), bytes)
        })
        .collect()
}

fn zip_of(files: &Files) -> Vec<u8> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, bytes) in files {
        zip.start_file(path.as_str(), SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn file_mut<'f>(files: &'f mut Files, path: &str) -> &'f mut Vec<u8> {
    &mut files.iter_mut().find(|(p, _)| p == path).unwrap().1
}

/// Rewrites the manifest so that it lists every file but the seal truly: an attacker who
/// changed a file and covered it in the manifest, as anyone can.
fn relist(files: &mut Files) {
    let mut manifest: Manifest = serde_json::from_slice(&files[0].1).unwrap();
    manifest.files = files[1..].iter().filter(|(p, _)| p != SEAL_PATH).map(|(p, b)| FileEntry::of(p, b)).collect();
    files[0].1 = serde_json::to_vec(&manifest).unwrap();
}

fn refusal(zip: &[u8]) -> Refusal {
    match read_package(zip) {
        Err(PackageError::Refused(r)) => r,
        other => panic!("expected a refusal, got {:?}", other.map(|p| p.manifest.article.id)),
    }
}

/// Layla's story, submitted, and her hand-off of it as a zip.
fn laylas_handoff() -> (tempfile::TempDir, Library, qalam_core::library::Signer, String, Vec<u8>) {
    let (dir, mut layla, me) = with_profile("ليلى حداد", Role::Journalist);
    let story = "---\ntitle: الموازنة تُقرّ\ncategory: سياسة\n---\n\nأقرّ البرلمان الموازنة بأغلبية واسعة.\n";
    let (id, _) = layla.import(&qalam_core::article::parse(story).unwrap()).unwrap();
    layla.act(&id, Action::Submit, None, &me).unwrap();
    let zip = make_handoff(&mut layla, &id, &me).unwrap().zip_bytes().unwrap();
    (dir, layla, me, id, zip)
}

#[test]
fn the_receiver_learns_the_sender_by_the_key_that_sealed_the_hand_off() {
    let (_d1, _layla, layla_signer, id, zip) = laylas_handoff();
    let (_d2, mut maha, _) = with_profile("مها سليم", Role::Editor);

    // Maha does not know Layla's key yet: the sender is named as claimed, and offered to be trusted.
    let taken = receive_handoff(&mut maha, &read_package(&zip).unwrap()).unwrap();
    let by = taken.handed_by.clone().unwrap();
    assert_eq!((by.name.as_str(), by.standing), ("ليلى حداد", KeyStanding::Unknown));
    assert_eq!(by.fingerprint, layla_signer.keys.fingerprint());
    assert_eq!(taken.unknown_signers.len(), 1, "the sealer and the submitter are one key, named once");
    assert_eq!(taken.unknown_signers[0].fingerprint, layla_signer.keys.fingerprint());
    assert!(maha.load(&id).is_ok());

    // Once trusted (under the name Maha knows her by), the same key is named as Maha knows it.
    maha.trust_signer(&layla_signer.keys.public(), "ليلى ح.", Role::Journalist).unwrap();
    let again = receive_handoff(&mut maha, &read_package(&zip).unwrap()).unwrap();
    let by = again.handed_by.unwrap();
    assert_eq!((by.name.as_str(), by.standing), ("ليلى ح.", KeyStanding::Trusted));
    assert!(again.unknown_signers.is_empty());
}

#[test]
fn a_hand_off_changed_on_the_way_is_refused_even_with_its_manifest_rewritten() {
    let (_d1, _layla, _, _, zip) = laylas_handoff();
    let (_d2, maha, _) = with_profile("مها سليم", Role::Editor);

    let mut files = files_of(&zip);
    let text = String::from_utf8(file_mut(&mut files, "article.md").clone()).unwrap();
    *file_mut(&mut files, "article.md") = text.replace("بأغلبية واسعة", "بأغلبية ضئيلة").into_bytes();
    // The manifest left as it was: the changed file does not match its hash.
    assert_eq!(refusal(&zip_of(&files)), Refusal::HashMismatch { path: "article.md".into() });
    // The manifest rewritten to cover it (its article hash too): the seal no longer holds.
    relist(&mut files);
    let mut manifest: Manifest = serde_json::from_slice(&files[0].1).unwrap();
    manifest.article.sha256 = qalam_core::hash::sha256_hex(file_mut(&mut files, "article.md"));
    files[0].1 = serde_json::to_vec(&manifest).unwrap();
    assert_eq!(refusal(&zip_of(&files)), Refusal::SealBroken(SealFault::Altered));
    assert!(maha.list(ListFilter::Active).unwrap().is_empty(), "nothing reached the library");
}

#[test]
fn a_hand_off_without_its_seal_or_with_anothers_is_refused_and_a_resealed_one_names_its_sealer() {
    let (_d1, mut layla, me, id, zip) = laylas_handoff();
    let (_d2, mut maha, _) = with_profile("مها سليم", Role::Editor);

    let unsealed: Files = files_of(&zip).into_iter().filter(|(p, _)| p != SEAL_PATH).collect();
    assert_eq!(refusal(&zip_of(&unsealed)), Refusal::NotSealed);

    // The seal of Layla's other story does not hold for this one.
    let (other, _) = layla.import(&article("خبر آخر", "نص آخر.")).unwrap();
    let other_zip = make_handoff(&mut layla, &other, &me).unwrap().zip_bytes().unwrap();
    let other_seal = files_of(&other_zip).into_iter().find(|(p, _)| p == SEAL_PATH).unwrap().1;
    let mut swapped = files_of(&zip);
    *file_mut(&mut swapped, SEAL_PATH) = other_seal;
    assert_eq!(refusal(&zip_of(&swapped)), Refusal::SealBroken(SealFault::OtherArticle));

    // Mallory changes the text and seals it with her own key under Layla's name: it is taken in,
    // but as sealed by a key Maha does not know — never as Layla's.
    let (_d3, _mallory_lib, mallory) = with_profile("ليلى حداد", Role::Journalist);
    let mut forged = files_of(&zip);
    let text = String::from_utf8(file_mut(&mut forged, "article.md").clone()).unwrap();
    *file_mut(&mut forged, "article.md") = text.replace("بأغلبية واسعة", "بأغلبية ضئيلة").into_bytes();
    relist(&mut forged);
    let mut manifest: Manifest = serde_json::from_slice(&forged[0].1).unwrap();
    manifest.article.sha256 = qalam_core::hash::sha256_hex(file_mut(&mut forged, "article.md"));
    forged[0].1 = serde_json::to_vec(&manifest).unwrap();
    let manifest_bytes = forged[0].1.clone();
    *file_mut(&mut forged, SEAL_PATH) = seal(&manifest_bytes, &id, &mallory);
    maha.trust_signer(&me.keys.public(), "ليلى حداد", Role::Journalist).unwrap();
    let genuine = receive_handoff(&mut maha, &read_package(&zip).unwrap()).unwrap();
    assert_eq!(genuine.text, TextOutcome::Created);
    let taken = receive_handoff(&mut maha, &read_package(&zip_of(&forged)).unwrap()).unwrap();
    let by = taken.handed_by.unwrap();
    assert_eq!(by.standing, KeyStanding::Unknown);
    assert_eq!(by.fingerprint, mallory.keys.fingerprint());
    assert_eq!(by.name_belongs_to, Some(me.keys.fingerprint()), "the name is trusted Layla's, the key is not");
    assert_eq!(taken.unknown_signers[0].fingerprint, mallory.keys.fingerprint());
    // Her changed words do not replace the working copy: they wait as an incoming revision.
    assert_eq!(taken.text, TextOutcome::Conflict);
    assert!(maha.story(&id).unwrap().markdown.contains("بأغلبية واسعة"));
    assert!(maha.conflict(&id).unwrap().unwrap().theirs.contains("بأغلبية ضئيلة"));
}

#[test]
fn a_seal_on_a_package_that_is_no_hand_off_is_a_file_the_manifest_does_not_list() {
    let (_d1, mut layla, me, id, _) = laylas_handoff();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let control = qalam_core::package::ExportControl { progress: &|_, _| {}, cancel: &cancel };
    let options = qalam_core::package::ExportOptions { accept_warnings: true, ..Default::default() };
    let package = qalam_core::package::export_package(&mut layla, &id, &options, &control).unwrap();
    let mut files = package.files.clone();
    files.push((SEAL_PATH.into(), seal(&files[0].1, &id, &me)));
    assert_eq!(refusal(&zip_of(&files)), Refusal::Unlisted(SEAL_PATH.into()));
}
