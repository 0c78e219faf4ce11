//! Makes the desk benchmark's library: 5,000 stories by eight journalists in six sections, spread
//! over every state by real signed workflow steps, and an editor profile (key in a sealed file).
//! Usage: desk-library LIBRARY_PATH (the passphrase of the editor's key file is `perf`).

use qalam_core::article::parse;
use qalam_core::identity::SecretStore;
use qalam_core::library::Library;
use qalam_core::workflow::{Action, Role};

const STORIES: usize = 5000;
const SECTIONS: [&str; 6] = ["سياسة", "اقتصاد", "رياضة", "ثقافة", "محليات", "دولي"];

fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: desk-library LIBRARY_PATH"));
    let dir = path.parent().expect("a library path in a folder").to_path_buf();
    let mut editor_lib = Library::open(&path).expect("the library opens");
    let store = SecretStore::KeyFile { path: dir.join("editor.key") };
    editor_lib.init_profile("رئيس القسم", Role::Editor, store, Some("perf")).expect("the editor's profile");
    let editor = editor_lib.signer(Some("perf")).expect("the editor's key");
    // The journalists sign from libraries of their own; their steps reach the desk as hand-offs do.
    let mut writers = Vec::new();
    for n in 0..8 {
        let mut lib = Library::open(&dir.join(format!("writer-{n}.sqlite3"))).unwrap();
        let store = SecretStore::KeyFile { path: dir.join(format!("writer-{n}.key")) };
        lib.init_profile(&format!("صحفي {}", n + 1), Role::Journalist, store, Some("perf")).unwrap();
        let signer = lib.signer(Some("perf")).unwrap();
        // The editor trusts each journalist's key, as a newsroom's roster would have it.
        let person = &signer.profile.person;
        editor_lib.trust_signer(&person.public_key, &person.name, Role::Journalist).unwrap();
        writers.push((lib, signer));
    }
    for i in 0..STORIES {
        let (lib, writer) = &mut writers[i % 8];
        let text = format!(
            "---\ntitle: خبر رقم {i} عن تطورات الأحداث في المنطقة\ncategory: {}\n---\n\nنص الخبر رقم {i}.\n",
            SECTIONS[i % SECTIONS.len()]
        );
        let (id, _) = lib.import(&parse(&text).unwrap()).unwrap();
        // 0 draft, 1 submitted, 2 in review, 3 changes requested, 4 approved, 5 spiked.
        let stage = i % 6;
        if stage >= 1 && stage != 5 {
            lib.act(&id, Action::Submit, None, writer).unwrap();
        }
        if stage == 5 {
            lib.act(&id, Action::Spike, Some("مكرر"), writer).unwrap();
        }
        let handoff = qalam_core::package::handoff::make_handoff(lib, &id, writer).unwrap();
        let verified = qalam_core::package::read_package(&handoff.zip_bytes().unwrap()).unwrap();
        qalam_core::package::receive_handoff(&mut editor_lib, &verified).unwrap();
        if (2..=4).contains(&stage) {
            editor_lib.act(&id, Action::StartReview, None, &editor).unwrap();
        }
        if stage == 3 {
            editor_lib.act(&id, Action::RequestChanges, Some("المصدر"), &editor).unwrap();
        }
        if stage == 4 {
            qalam_core::package::approve(&mut editor_lib, &id, None, &editor, &Default::default()).unwrap();
        }
    }
    let cards = editor_lib.desk().unwrap();
    println!("{} stories on the desk at {}", cards.len(), path.display());
}
