//! Every IPC command with the type it is given and the type it answers, listed once. The test
//! below writes them as `ui/src/bindings/Commands.ts`, which the window's one `call` is typed by:
//! a command's name, its arguments and its answer reach TypeScript from Rust, like the payloads.
//! Each command takes its arguments as one struct (`args`), so the struct named here is the one
//! Tauri deserializes; a second test reads the command functions and fails when this list and a
//! function's signature disagree.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use qalam_core::diff::RevisionDiff;
    use qalam_core::library::comments::CommentThread;
    use qalam_core::library::notes::Note;
    use qalam_core::library::suggestions::Suggestion;
    use qalam_core::library::targets::Target;
    use qalam_core::spelling::Misspelling;
    use ts_rs::{Config, TypeVisitor, TS};

    use crate::commands::comments::*;
    use crate::commands::delivery::*;
    use crate::commands::desk::*;
    use crate::commands::drafts::*;
    use crate::commands::history::*;
    use crate::commands::house_style::*;
    use crate::commands::images::*;
    use crate::commands::packages::*;
    use crate::commands::preview::*;
    use crate::commands::review::*;
    use crate::commands::spelling::*;
    use crate::commands::suggestions::*;
    use crate::commands::ArticleRef;
    use crate::dto::*;
    use crate::interface_language::RememberInterfaceLanguageArgs;

    /// A file's bytes sent as the raw body of the request (a picture, a package), its name in the
    /// `x-file-name` header: the command reads the `Request` itself.
    #[derive(TS)]
    #[allow(dead_code)]
    struct RawUpload(#[ts(type = "Uint8Array")] Vec<u8>);

    /// Bytes answered as they are (a picture), which the page receives as an `ArrayBuffer`.
    #[derive(TS)]
    #[allow(dead_code)]
    struct RawBytes(#[ts(type = "ArrayBuffer")] Vec<u8>);

    macro_rules! commands {
        ($($name:ident($args:ty) -> $answer:ty;)*) => {
            /// (name, argument type, answer type) as Rust spells them.
            fn listed() -> Vec<(&'static str, String, String)> {
                vec![$((stringify!($name), stringify!($args).replace(' ', ""), stringify!($answer).replace(' ', ""))),*]
            }

            /// (name, argument type, answer type) as TypeScript spells them, and every type they name.
            fn typescript() -> (Vec<(&'static str, String, String)>, BTreeSet<(String, PathBuf)>) {
                let cfg = Config::from_env();
                let mut imports = BTreeSet::new();
                $(
                    imports.extend(named::<$args>(&cfg));
                    imports.extend(named::<$answer>(&cfg));
                )*
                (vec![$((stringify!($name), <$args as TS>::name(&cfg), <$answer as TS>::name(&cfg))),*], imports)
            }
        };
    }

    /// The exported types a type's TypeScript name mentions (itself, or what a `Vec` or `Option`
    /// holds, however deep), to import them.
    fn named<T: TS + ?Sized + 'static>(cfg: &Config) -> Vec<(String, PathBuf)> {
        struct Collect<'a>(&'a Config, Vec<(String, PathBuf)>);
        impl TypeVisitor for Collect<'_> {
            fn visit<U: TS + 'static + ?Sized>(&mut self) {
                if let Some(path) = U::output_path() {
                    self.1.push((U::ident(self.0), path));
                }
                U::visit_generics(self);
            }
        }
        let mut found = Collect(cfg, Vec::new());
        found.visit::<T>();
        found.1
    }

    commands! {
        list_drafts(ListDraftsArgs) -> Vec<DraftSummary>;
        create_draft(()) -> LoadedDraft;
        load_draft(ArticleRef) -> LoadedDraft;
        save_draft(SaveDraftArgs) -> SaveResult;
        trash_draft(ArticleRef) -> ();
        untrash_draft(ArticleRef) -> ();
        list_revisions(ArticleRef) -> Vec<RevisionRow>;
        restore_revision(RestoreRevisionArgs) -> LoadedDraft;
        preview_and_check(PreviewAndCheckArgs) -> PreviewAndCheck;
        import_sample(()) -> LoadedDraft;
        set_spelling_language(SetSpellingLanguageArgs) -> bool;
        use_webview_spelling(UseWebviewSpellingArgs) -> ();
        check_spelling(CheckSpellingArgs) -> Vec<Vec<Misspelling>>;
        suggest_spelling(SuggestSpellingArgs) -> Vec<String>;
        add_image(RawUpload) -> AddedImage;
        read_image(ReadImageArgs) -> RawBytes;
        export_article(ExportArticleArgs) -> ExportReport;
        cancel_export(()) -> ();
        reveal_export(RevealExportArgs) -> ();
        import_package(RawUpload) -> ImportedPackageRow;
        remember_interface_language(RememberInterfaceLanguageArgs) -> ();
        get_profile(()) -> Option<ProfileRow>;
        create_profile(CreateProfileArgs) -> ProfileRow;
        trust_signer(TrustSignerArgs) -> ();
        desk(()) -> DeskData;
        review_state(ArticleRef) -> ReviewRow;
        take_step(TakeStepArgs) -> ReviewRow;
        handoff_article(HandoffArgs) -> HandoffRow;
        get_conflict(ArticleRef) -> Option<ConflictView>;
        resolve_conflict(ResolveConflictArgs) -> LoadedDraft;
        list_comments(ArticleRef) -> Vec<CommentThread>;
        add_comment(AddCommentArgs) -> Vec<CommentThread>;
        reply_comment(ReplyCommentArgs) -> Vec<CommentThread>;
        resolve_comment(ResolveCommentArgs) -> Vec<CommentThread>;
        list_suggestions(ArticleRef) -> Vec<Suggestion>;
        suggest_change(SuggestChangeArgs) -> Vec<Suggestion>;
        decide_suggestion(DecideSuggestionArgs) -> Vec<Suggestion>;
        reply_suggestion(ReplySuggestionArgs) -> Vec<Suggestion>;
        list_notes(ArticleRef) -> Vec<Note>;
        add_note(AddNoteArgs) -> Vec<Note>;
        diff_revisions(DiffRevisionsArgs) -> RevisionDiff;
        desk_status(()) -> DeskStatusRow;
        join_desk(JoinDeskArgs) -> DeskStatusRow;
        leave_desk(()) -> DeskStatusRow;
        sync_now(()) -> ();
        desk_lock(DeskLockArgs) -> Option<LockRow>;
        list_targets(()) -> Vec<Target>;
        add_target(AddTargetArgs) -> Target;
        remove_target(RemoveTargetArgs) -> ();
        test_target(TestTargetArgs) -> String;
        deliver_article(DeliverArticleArgs) -> DeliveryRow;
        list_deliveries(ListDeliveriesArgs) -> Vec<DeliveryRow>;
        open_live_post(ArticleRef) -> ();
        retry_delivery(RetryDeliveryArgs) -> ();
        cancel_delivery(CancelDeliveryArgs) -> ();
        record_publication(RecordPublicationArgs) -> bool;
        get_house_style(()) -> HouseStyleRow;
        issue_house_style(IssueHouseStyleArgs) -> HouseStyleRow;
        try_house_style(TryHouseStyleArgs) -> Vec<StyleHitRow>;
    }

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
    }

    #[test]
    fn the_window_calls_commands_by_the_types_rust_gives_them() {
        let cfg = Config::from_env();
        let (rows, imports) = typescript();
        let dir = PathBuf::from(std::env::var("TS_RS_EXPORT_DIR").expect("set by .cargo/config.toml"));
        let mut text = String::from(
            "// Generated from src-tauri/src/command_types.rs. Do not edit.\n\
             // Each IPC command: what it is given (`null`: nothing) and what it answers.\n",
        );
        for (name, path) in &imports {
            // ts-rs's output paths are relative to the export folder, like this file.
            let module = path.with_extension("");
            text.push_str(&format!("import type {{ {name} }} from \"./{}\";\n", module.display()));
        }
        text.push_str("\nexport type Commands = {\n");
        for (name, args, answer) in rows {
            text.push_str(&format!("  {name}: {{ args: {args}; answer: {answer} }};\n"));
        }
        text.push_str("};\n");
        // RawUpload and RawBytes are this file's own: written beside the rest.
        for (name, ts) in [("RawUpload", RawUpload::decl(&cfg)), ("RawBytes", RawBytes::decl(&cfg))] {
            let file = format!("// Generated from src-tauri/src/command_types.rs. Do not edit.\n\nexport {ts}\n");
            std::fs::write(dir.join(format!("{name}.ts")), file).unwrap();
        }
        std::fs::write(dir.join("Commands.ts"), text).unwrap();
    }

    /// A command function's argument and answer types as its source spells them, for every
    /// `#[tauri::command]` under src-tauri/src: (name, argument type, answer type).
    fn declared() -> BTreeSet<(String, String, String)> {
        let mut found = BTreeSet::new();
        let mut sources = vec![root().join("src-tauri/src/interface_language.rs")];
        for entry in std::fs::read_dir(root().join("src-tauri/src/commands")).unwrap() {
            sources.push(entry.unwrap().path());
        }
        for path in sources {
            let text = std::fs::read_to_string(&path).unwrap().replace(['\n', ' '], "");
            for (at, _) in text.match_indices("command]") {
                let rest = &text[at..];
                let Some(fn_at) = rest.find("fn") else { continue };
                let rest = &rest[fn_at + 2..];
                let name = &rest[..rest.find('(').unwrap()];
                // The parameters end at the parenthesis that closes the first one.
                let mut depth = 0;
                let close = rest
                    .char_indices()
                    .find(|&(_, c)| {
                        depth += match c {
                            '(' => 1,
                            ')' => -1,
                            _ => 0,
                        };
                        c == ')' && depth == 0
                    })
                    .unwrap()
                    .0;
                let params = &rest[name.len() + 1..close];
                let args = if params.contains("Request<'_>") {
                    "RawUpload".to_string()
                } else {
                    params.split("args:").nth(1).map_or("()".into(), |a| a.split(',').next().unwrap().to_string())
                };
                let after = &rest[close + 1..rest[close..].find('{').unwrap() + close];
                let answer = match after.strip_prefix("->") {
                    Some(ret) => {
                        let ret = ret.strip_prefix("Result<").map_or(ret, |r| &r[..r.rfind(",IpcError>").unwrap()]);
                        if ret == "Response" {
                            "RawBytes".to_string()
                        } else {
                            ret.to_string()
                        }
                    }
                    None => "()".to_string(),
                };
                found.insert((name.to_string(), args, answer));
            }
        }
        found
    }

    #[test]
    fn each_command_function_takes_and_answers_what_the_list_says() {
        let listed: BTreeSet<(String, String, String)> =
            listed().into_iter().map(|(n, a, r)| (n.to_string(), a, r)).collect();
        assert_eq!(declared(), listed, "a command function's signature differs from this list");
        let names: BTreeSet<String> = crate::command_list::COMMANDS.iter().map(|c| c.to_string()).collect();
        let typed: BTreeSet<String> = listed.into_iter().map(|(n, _, _)| n).collect();
        assert_eq!(typed, names, "command_types.rs and command_names.rs list different commands");
    }
}
