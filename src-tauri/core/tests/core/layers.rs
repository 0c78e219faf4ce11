//! The core's modules form layers, and every arrow points down: a module names only modules of a
//! lower layer (or its own parts). A new arrow up — the format reaching into the library, a
//! package type inside the library — fails here, naming the file; a new top-level module must be
//! given its layer. The layers are ARCHITECTURE.md's invariants.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each top-level module and its layer, lowest first.
const LAYERS: &[(&str, u8)] = &[
    // The bottom: words, hashes and ids, dates, reading files, which URLs may be live.
    ("lang", 0),
    ("hash", 0),
    ("url_policy", 0),
    ("backoff", 0),
    ("spelling", 0),
    ("dates", 1),
    ("files", 1),
    // How the publication shows numbers and dates.
    ("presentation", 2),
    ("zoned", 2),
    // The format and who signs: the article model, parse and print; keys and names.
    ("article", 3),
    ("identity", 3),
    // What is read from an article: search terms, diffs, the web's markup.
    ("search", 4),
    ("diff", 4),
    ("publish", 4),
    // The house style's rules, matched as search reads words.
    ("style", 5),
    // The checker (built-in rules and the house style's); who may do what, the signed record
    // and the one authority over it.
    ("check", 6),
    ("workflow", 6),
    // The SQLite library, then packages made from and taken into it.
    ("library", 7),
    ("package", 8),
];

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules `crate::…` names in `code`, comments left out (a doc link is no arrow).
fn named_modules(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `crate::{a::b, c}` on one line.
                let inner = &group[..group.find('}').unwrap_or(group.len())];
                names.extend(inner.split(',').filter_map(|p| p.trim().split("::").next()).map(str::to_string));
            } else {
                names.push(rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect());
            }
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

#[test]
fn every_arrow_between_the_cores_layers_points_down() {
    let layer: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let src = source_dir();
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    for module in lib.lines().filter_map(|l| l.trim().strip_prefix("pub mod ")).map(|m| m.trim_end_matches(';')) {
        assert!(
            layer.contains_key(module),
            "the new module `{module}` needs its layer in this test and ARCHITECTURE.md"
        );
    }
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut up = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative.components().next().unwrap().as_os_str().to_str().unwrap().trim_end_matches(".rs");
        let Some(&own) = layer.get(top) else { continue }; // lib.rs itself
        let code = std::fs::read_to_string(&file).unwrap();
        for named in named_modules(&code) {
            if let Some(&theirs) = layer.get(named.as_str()) {
                if named != top && theirs >= own {
                    up.push(format!("{} ({top}, layer {own}) names {named} (layer {theirs})", relative.display()));
                }
            }
        }
    }
    up.sort();
    up.dedup();
    assert!(up.is_empty(), "arrows that point up or across:\n{}", up.join("\n"));
}

#[test]
fn the_reader_of_arrows_sees_every_form_they_take() {
    // The test above is only as good as this reader: plain paths, groups, and comments skipped.
    assert_eq!(named_modules("use crate::library::Library;"), ["library"]);
    assert_eq!(named_modules("use crate::{hash::sha256_hex, lang};"), ["hash", "lang"]);
    assert_eq!(named_modules("let x = crate::package::read(a, crate::dates::now());"), ["package", "dates"]);
    assert!(named_modules("/// see [`crate::package::approve`]").is_empty());
}
