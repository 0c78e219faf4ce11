//! A command line clap cannot take, said in the user's language (clap speaks only English) and,
//! with `--json`, as the same error object every other failure prints. Help and version are
//! clap's own.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use qalam_core::Lang;
use serde_json::json;

/// The exit code of a command line that could not be understood (as clap's own).
const USAGE: u8 = 2;

/// Prints what is wrong with the command line and returns the exit code.
pub fn refuse(error: &clap::Error, lang: Lang, json: bool) -> ExitCode {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = error.print();
        return ExitCode::from(if error.use_stderr() { USAGE } else { 0 });
    }
    let message = message(error, lang);
    let hint =
        lang.pick("للمساعدة: qalam --help، أو qalam الأمر --help", "for help: qalam --help, or qalam VERB --help");
    if json {
        println!("{}", json!({ "error": { "code": "usage", "message": message, "hint": hint } }));
    }
    eprintln!("qalam: {message}");
    eprintln!("{hint}");
    ExitCode::from(USAGE)
}

fn context(error: &clap::Error, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(all)) => all.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn message(error: &clap::Error, lang: Lang) -> String {
    let arg = context(error, ContextKind::InvalidArg);
    let value = context(error, ContextKind::InvalidValue);
    let valid = context(error, ContextKind::ValidValue);
    let verb = context(error, ContextKind::InvalidSubcommand);
    let ltr = |s: &str| lang.ltr(s);
    match (error.kind(), lang) {
        (ErrorKind::MissingRequiredArgument, Lang::Ar) => format!("ينقص الأمرَ: {}", ltr(&arg)),
        (ErrorKind::MissingRequiredArgument, Lang::En) => format!("missing: {arg}"),
        (ErrorKind::MissingSubcommand, Lang::Ar) => "ينقص الأمرَ فعلٌ (مثل import أو list)".into(),
        (ErrorKind::MissingSubcommand, Lang::En) => "a verb is missing (import, list, …)".into(),
        (ErrorKind::InvalidSubcommand, Lang::Ar) => format!("لا يعرف قلم الأمر {}", ltr(&verb)),
        (ErrorKind::InvalidSubcommand, Lang::En) => format!("qalam has no verb {verb}"),
        (ErrorKind::UnknownArgument, Lang::Ar) => format!("خيار لا يعرفه هذا الأمر: {}", ltr(&arg)),
        (ErrorKind::UnknownArgument, Lang::En) => format!("this verb takes no {arg}"),
        (ErrorKind::InvalidValue, Lang::Ar) if valid.is_empty() => {
            format!("القيمة «{value}» لا تصلح لـ {}", ltr(&arg))
        }
        (ErrorKind::InvalidValue, Lang::En) if valid.is_empty() => format!("{value:?} is not a value {arg} takes"),
        (ErrorKind::InvalidValue, Lang::Ar) => {
            format!("القيمة «{value}» لا تصلح لـ {} (المقبول: {})", ltr(&arg), ltr(&valid))
        }
        (ErrorKind::InvalidValue, Lang::En) => format!("{value:?} is not a value {arg} takes (one of: {valid})"),
        (ErrorKind::ValueValidation, Lang::Ar) => format!("القيمة «{value}» لا تصلح لـ {}", ltr(&arg)),
        (ErrorKind::ValueValidation, Lang::En) => format!("{value:?} is not a value {arg} takes"),
        (ErrorKind::ArgumentConflict, Lang::Ar) => format!("لا يجتمع {} مع خيار آخر في الأمر نفسه", ltr(&arg)),
        (ErrorKind::ArgumentConflict, Lang::En) => format!("{arg} cannot be used with another option given"),
        (ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues, Lang::Ar) => {
            format!("عدد القيم لا يصلح لـ {}", ltr(&arg))
        }
        (ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues, Lang::En) => {
            format!("the wrong number of values for {arg}")
        }
        (_, Lang::Ar) => "الأمر غير مكتوب كما يقبله قلم".into(),
        (_, Lang::En) => error.kind().to_string(),
    }
}

/// The language the command line asks for (`--lang ar|en`, else the environment's), read before
/// clap has understood it, since it is needed to say what clap could not.
pub fn asked_lang(args: &[String], from_env: impl Fn() -> Lang) -> Lang {
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if word == "--lang" => words.next().cloned(),
            None => None,
        };
        if let Some(lang) = value.as_deref().and_then(Lang::from_tag) {
            return lang;
        }
    }
    from_env()
}
