//! Printing: text for people, JSON for programs, errors in the user's language.

use std::io::IsTerminal;

use qalam_core::check::{Finding, Severity};
use qalam_core::lang::Localized;
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
            let mut error = json!({ "code": failure.code(), "message": failure.message(self.lang) });
            if let Some(cause) = failure.cause() {
                error["cause"] = json!(cause);
            }
            if let Some(hint) = failure.hint(self.lang) {
                error["hint"] = json!(hint);
            }
            self.json(&json!({ "error": error }));
        }
        eprintln!("qalam: {}", failure.message(self.lang));
        if let Some(hint) = failure.hint(self.lang) {
            eprintln!("{hint}");
        }
    }

    /// The checker's findings as `NAME:LINE: error|warning: message` lines, like a compiler's.
    pub fn findings(&self, name: &str, findings: &[Finding]) {
        for f in findings {
            let severity = match f.severity {
                Severity::Error => self.lang.pick("خطأ", "error"),
                Severity::Warning => self.lang.pick("تنبيه", "warning"),
            };
            println!("{name}:{}: {severity}: {}", f.line, f.kind.message(self.lang));
        }
    }

    pub fn localized(&self, thing: &dyn Localized) -> String {
        thing.message(self.lang)
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
