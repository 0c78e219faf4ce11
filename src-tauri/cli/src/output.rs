//! Printing: text for people, JSON for programs, errors in the user's language.

use std::io::IsTerminal;

use qalam_core::Lang;
use serde_json::json;

use crate::failure::Failure;

pub struct Output {
    pub json: bool,
    pub lang: Lang,
}

impl Output {
    pub fn json(&self, value: &serde_json::Value) {
        println!("{}", serde_json::to_string_pretty(value).expect("JSON values always serialize"));
    }

    pub fn failure(&self, failure: &Failure) {
        if self.json {
            self.json(&json!({ "error": { "code": failure.code(), "message": failure.message(self.lang) } }));
        }
        eprintln!("qalam: {}", failure.message(self.lang));
    }

    /// Marks search matches: reverse video on a terminal, brackets in a pipe.
    pub fn highlight_marks(&self) -> (&'static str, &'static str) {
        if std::io::stdout().is_terminal() {
            ("\x1b[7m", "\x1b[0m")
        } else {
            ("[", "]")
        }
    }
}
