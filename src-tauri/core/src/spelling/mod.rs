//! Spell checking with the system's hunspell dictionaries (Debian's hunspell-ar, hunspell-en-us…),
//! read by `spellbook`, a Rust reader of the hunspell format. Qalam checks words itself, off the
//! editor's thread, instead of leaving it to the webview: WebKitGTK checks each finished word
//! synchronously while the journalist types, which made every word boundary a slow keystroke.
//!
//! - [`words`]: where the words of a text are, in UTF-16 offsets (what the editor counts in).
//! - [`Speller`]: the dictionaries for one article language; which misspelled words a text has,
//!   and suggestions for one.

mod words;

use std::path::{Path, PathBuf};

use spellbook::Dictionary;

pub use words::{words, Script, WordSpan};

/// Where hunspell dictionaries are installed (Debian, Fedora, Arch, Homebrew's hunspell).
pub const DICTIONARY_DIRS: [&str; 4] =
    ["/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell", "/opt/homebrew/share/hunspell"];

/// The dictionaries of one article language: its own for its script, English for Latin words.
pub struct Speller {
    native: Dictionary,
    latin: Option<Dictionary>,
    native_is_latin: bool,
}

/// A misspelled word: its UTF-16 offsets in the text, end exclusive.
pub type Misspelling = (u32, u32);

impl Speller {
    /// Loads the dictionaries for a BCP 47 `language` from the first of `dirs` that has them;
    /// None when the language has no dictionary there.
    pub fn load(language: &str, dirs: &[PathBuf]) -> Option<Speller> {
        let primary = language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let native_name = if primary == "en" { "en_US".to_string() } else { primary.clone() };
        let native = dirs.iter().find_map(|dir| read_dictionary(dir, &native_name))?;
        let native_is_latin = primary == "en";
        let latin = if native_is_latin { None } else { dirs.iter().find_map(|dir| read_dictionary(dir, "en_US")) };
        Some(Speller { native, latin, native_is_latin })
    }

    /// The misspelled words of `text`. Arabic-script words are checked against the article's
    /// language, Latin ones against English; words with digits are never flagged.
    pub fn misspelled(&self, text: &str) -> Vec<Misspelling> {
        words(text)
            .filter(|w| self.dictionary_for(w.script).is_some_and(|d| !d.check(w.text)))
            .map(|w| (w.start_utf16, w.end_utf16))
            .collect()
    }

    /// Up to `max` suggestions for a word, best first. A vocalized or stretched word is looked
    /// up as its letters (the dictionary suggests nothing for its marks).
    pub fn suggest(&self, word: &str, max: usize) -> Vec<String> {
        let script = words(word).next().map_or(Script::Other, |w| w.script);
        let Some(dictionary) = self.dictionary_for(script) else { return Vec::new() };
        let mut out = Vec::new();
        dictionary.suggest(&words::letters_of(word), &mut out);
        out.truncate(max);
        out
    }

    fn dictionary_for(&self, script: Script) -> Option<&Dictionary> {
        match (script, self.native_is_latin) {
            (Script::Latin, true) | (Script::Other, false) => Some(&self.native),
            (Script::Latin, false) => self.latin.as_ref(),
            (Script::Other, true) => None,
        }
    }
}

fn read_dictionary(dir: &Path, name: &str) -> Option<Dictionary> {
    let aff = std::fs::read_to_string(dir.join(format!("{name}.aff"))).ok()?;
    let dic = std::fs::read_to_string(dir.join(format!("{name}.dic"))).ok()?;
    Dictionary::new(&aff, &dic).ok()
}

/// The dictionary folders to search: `$QALAM_DICTIONARIES` first if set, then [`DICTIONARY_DIRS`].
pub fn dictionary_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("QALAM_DICTIONARIES").map(PathBuf::from).into_iter().collect();
    dirs.extend(DICTIONARY_DIRS.iter().map(PathBuf::from));
    dirs
}
