//! `qalam`: the command line over Qalam's core. Each verb is a few lines in [`verbs`] that call
//! the core and print its answer as text or, with `--json`, as JSON.
//!
//! Exit codes: 0 ok, 1 refused with the reason (the checker found errors, a package was refused,
//! an article is already there, the workflow's rules refuse a step, a package is not approved),
//! 2 usage or I/O errors.

#[macro_use]
mod stdout;
mod failure;
mod output;
mod usage;
mod verbs;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use qalam_core::library::{Destination, IfExists, PostStatus};
use qalam_core::workflow::{Action, Role};
use qalam_core::Lang;

use failure::Failure;
use output::Output;

#[derive(Parser)]
#[command(name = "qalam", version, about = "Qalam (قلم): Arabic newsroom articles from the command line")]
struct Cli {
    /// The library file (default: $QALAM_LIBRARY, else the platform's data directory)
    #[arg(long, global = true, value_name = "PATH")]
    library: Option<PathBuf>,
    /// Print machine-readable JSON
    #[arg(long, global = true)]
    json: bool,
    /// Language of messages (default: from QALAM_LANG or the locale)
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    #[command(subcommand)]
    verb: Verb,
}

#[derive(Clone, Copy, ValueEnum)]
enum FieldArg {
    Title,
    Kicker,
    Standfirst,
    Body,
}

impl From<FieldArg> for qalam_core::article::text_field::AnchorField {
    fn from(f: FieldArg) -> Self {
        use qalam_core::article::text_field::AnchorField;
        match f {
            FieldArg::Title => AnchorField::Title,
            FieldArg::Kicker => AnchorField::Kicker,
            FieldArg::Standfirst => AnchorField::Standfirst,
            FieldArg::Body => AnchorField::Body,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ar,
    En,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub enum ShowFormat {
    Md,
    Html,
    Json,
    /// The body as WordPress block markup
    Gutenberg,
}

#[derive(Subcommand)]
enum Verb {
    /// Import article files (prints each new id, in file order)
    Import {
        #[arg(required = true, value_name = "FILE.md")]
        files: Vec<PathBuf>,
    },
    /// List the library's articles, newest first
    List {
        /// List the trash instead
        #[arg(long)]
        trash: bool,
    },
    /// Show an article
    Show {
        id: String,
        #[arg(long, value_enum, default_value = "md")]
        format: ShowFormat,
    },
    /// Search the library (Arabic-aware)
    Search {
        query: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Check an article file or a library article against the house style
    Check {
        #[arg(value_name = "FILE.md|ID")]
        target: String,
    },
    /// The publication's house style: show it, export it, import a chief's rules or signed sheet
    Style {
        #[command(subcommand)]
        verb: StyleVerb,
    },
    /// List an article's revisions, newest first
    Revisions { id: String },
    /// Make a revision the working copy again
    Restore { id: String, revision: i64 },
    /// Move an article to the trash
    Trash { id: String },
    /// Bring an article back from the trash
    Untrash { id: String },
    /// Delete a trashed article for good
    Purge { id: String },
    /// Write a backup of the library (rotating; the newest 10 are kept)
    Backup {
        /// Folder for the backup (default: backups/ beside the library)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Export an article as a publishable package (zip, or a folder with --folder)
    Export {
        id: String,
        /// The zip file to write, or an existing folder to put it in (named from the title and
        /// revision); with --folder, the folder to create
        #[arg(long, value_name = "FILE.zip|DIR")]
        out: PathBuf,
        /// Write the package's tree as a folder instead of a zip
        #[arg(long)]
        folder: bool,
        /// Also include each picture as it was added (with its metadata)
        #[arg(long)]
        originals: bool,
        /// Export even though the checker has warnings
        #[arg(long)]
        accept_warnings: bool,
    },
    /// Import a package made by Qalam on another machine (all or nothing)
    ImportPackage {
        #[arg(value_name = "FILE.zip")]
        file: PathBuf,
        /// If the article is already here, add this one beside it under a new id
        #[arg(long, conflicts_with = "replace")]
        keep_both: bool,
        /// If the article is already here, make this its working copy (the old text stays in its revisions)
        #[arg(long)]
        replace: bool,
    },
    /// Replace the library's content with a backup (the current content is backed up first)
    RestoreBackup {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// This library's profile: who works in it, with which key
    Profile {
        #[command(subcommand)]
        verb: ProfileVerb,
    },
    /// The people this library trusts, as a signed file to pass between libraries
    Roster {
        #[command(subcommand)]
        verb: RosterVerb,
    },
    /// Submit a story for review (or resubmit it after changes)
    Submit {
        id: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Take back a submission (its author only)
    Withdraw { id: String },
    /// Start reviewing a submitted story (editors)
    StartReview { id: String },
    /// Send a story back to its author with what to change (editors)
    RequestChanges {
        id: String,
        #[arg(long, required = true)]
        note: String,
    },
    /// Approve the story's current revision, signed (editors)
    Approve {
        id: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Kill a story (editors, or its author)
    Spike {
        id: String,
        #[arg(long, required = true)]
        note: String,
    },
    /// Bring a spiked story back as a draft
    Unspike { id: String },
    /// Hold a story until a time (editors); --clear lifts it (early: a chief, with --note why)
    Embargo {
        id: String,
        /// ISO 8601 with its offset (2026-12-07T06:00:00+03:00), or a local time in the
        /// publication's zone (2026-12-07T06:00)
        #[arg(long, value_name = "TIME", required_unless_present = "clear", conflicts_with = "clear")]
        until: Option<String>,
        #[arg(long)]
        clear: bool,
        /// Why (needed to lift an embargo before its time)
        #[arg(long)]
        note: Option<String>,
    },
    /// Where a story stands in review, and its record
    Status { id: String },
    /// Comment on words of a story (or reply to a comment with --reply-to)
    Comment {
        id: String,
        /// The words commented on, as they are in the story
        #[arg(long, required_unless_present = "reply_to", default_value = "")]
        quote: String,
        #[arg(long, required = true)]
        text: String,
        /// Reply to this comment instead of starting a new one
        #[arg(long, value_name = "COMMENT_ID")]
        reply_to: Option<String>,
    },
    /// A story's comments and their replies
    Comments { id: String },
    /// Mark a comment resolved (or open again with --reopen)
    Resolve {
        id: String,
        comment_id: String,
        #[arg(long)]
        reopen: bool,
    },
    /// Suggest words in place of others (--quote, --replace-with; an empty replacement deletes),
    /// or new words after others (--after, --insert), without touching the text
    #[command(group = clap::ArgGroup::new("place").required(true).args(["quote", "after"]))]
    Suggest {
        id: String,
        /// The words to replace, as they are in the story
        #[arg(long, requires = "replace_with")]
        quote: Option<String>,
        /// The words proposed instead (empty: delete the quoted words)
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true, conflicts_with = "after")]
        replace_with: Option<String>,
        /// The words after which new words go (empty, with --field, for a field that is empty)
        #[arg(long, value_name = "TEXT", requires = "insert", conflicts_with = "quote")]
        after: Option<String>,
        /// The words to insert
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true, conflicts_with = "quote")]
        insert: Option<String>,
        /// The field the words are in (default: the body, else the title, kicker or standfirst)
        #[arg(long, value_enum)]
        field: Option<FieldArg>,
    },
    /// A story's suggestions: open, accepted, rejected, withdrawn, detached
    Suggestions { id: String },
    /// Accept a suggestion (its words go into the text as a new revision), or all open ones
    Accept {
        id: String,
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        suggestion_id: Option<String>,
        #[arg(long)]
        all: bool,
    },
    /// Reject a suggestion (the text stays as it is), or all open ones
    Reject {
        id: String,
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        suggestion_id: Option<String>,
        #[arg(long)]
        all: bool,
    },
    /// Withdraw a suggestion you made
    WithdrawSuggestion { id: String, suggestion_id: String },
    /// What changed between two revisions of a story
    Diff { id: String, a: i64, b: i64 },
    /// Check a story's record: signatures, order, nothing removed or altered
    Audit { id: String },
    /// Write a review package (the story, its record and comments), sealed with your key, to take to another machine
    Handoff {
        id: String,
        #[arg(long, value_name = "F.zip")]
        out: PathBuf,
    },
    /// The shared desk this library syncs with
    Desk {
        #[command(subcommand)]
        verb: DeskVerb,
    },
    /// Send what waits in the outbox and take in what changed on the desk, now
    Sync,
    /// Where delivered stories go: WordPress sites, folders, webhooks
    Target {
        #[command(subcommand)]
        verb: TargetVerb,
    },
    /// Deliver a story's current revision to a target, and wait for it (it stays queued if the
    /// target cannot take it now)
    Deliver {
        id: String,
        /// The target's name (qalam target list)
        #[arg(long, value_name = "NAME")]
        to: String,
        /// draft, pending or publish (publish: an approved revision only; default: the target's)
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Schedule: the site publishes it at TIME (ISO 8601 with its offset, or local in the
        /// publication's zone), not before; with --status publish, to a WordPress target
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// Give up on one request after this many seconds
        #[arg(long, value_name = "SECS", default_value_t = 60)]
        timeout: u64,
    },
    /// Correct a published story in public, once its corrected text is approved: the signed note
    /// (what readers are told) is shown at the story's end, and the update goes to every target
    /// where it is published (editors)
    Correct {
        id: String,
        /// The public note, in the publication's language
        #[arg(long, value_name = "TEXT")]
        note: String,
        /// Give up on one request after this many seconds
        #[arg(long, value_name = "SECS", default_value_t = 60)]
        timeout: u64,
    },
    /// Take a story down from a site: its post back to a draft there (never deleted), the reason
    /// on the story's record; republishing is a new approval (editors)
    Unpublish {
        id: String,
        #[arg(long, value_name = "NAME")]
        to: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Give up on one request after this many seconds
        #[arg(long, value_name = "SECS", default_value_t = 60)]
        timeout: u64,
    },
    /// Deliveries and their state, newest first (of one story, or all); retry or cancel one
    Deliveries {
        id: Option<String>,
        #[arg(long, value_name = "N", conflicts_with = "cancel")]
        retry: Option<i64>,
        #[arg(long, value_name = "N")]
        cancel: Option<i64>,
    },
    /// The outbox of deliveries
    Outbox {
        #[command(subcommand)]
        verb: OutboxVerb,
    },
    /// Who approved which revision of a package, or exactly why it is not approved
    Verify {
        #[arg(value_name = "F.zip")]
        file: PathBuf,
        /// Trust the people of this roster (default: those of the library, if there is one)
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ProfileVerb {
    /// Make this library's profile and its key pair
    Init {
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Keep the private key in this passphrase-encrypted file instead of the system keychain
        #[arg(long, value_name = "F")]
        key_file: Option<PathBuf>,
    },
    /// Show the profile and the people this library trusts
    Show,
}

#[derive(Subcommand)]
enum OutboxVerb {
    /// Send every delivery that waits, now
    Run {
        #[arg(long, value_name = "SECS", default_value_t = 60)]
        timeout: u64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    Draft,
    Pending,
    Publish,
}

impl From<StatusArg> for PostStatus {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::Draft => PostStatus::Draft,
            StatusArg::Pending => PostStatus::Pending,
            StatusArg::Publish => PostStatus::Publish,
        }
    }
}

#[derive(Subcommand)]
enum TargetVerb {
    /// Add a target
    Add {
        #[command(subcommand)]
        kind: TargetKindArgs,
    },
    /// The targets, without their secrets
    List,
    /// Remove a target and its password (deliveries waiting for it are cancelled)
    Remove { name: String },
    /// Whether the target answers, takes its credentials, and what the account may do
    Test {
        name: String,
        /// Give up on one request after this many seconds
        #[arg(long, value_name = "SECS", default_value_t = 60)]
        timeout: u64,
    },
}

#[derive(Subcommand)]
enum TargetKindArgs {
    /// A WordPress site (REST API and an Application Password, read from standard input)
    Wordpress {
        name: String,
        #[arg(long)]
        url: String,
        #[arg(long)]
        user: String,
        /// Read the Application Password from standard input
        #[arg(long, required = true)]
        password_stdin: bool,
        /// The status posts take unless `deliver --status` says otherwise
        #[arg(long, value_enum, default_value = "draft")]
        status: StatusArg,
        /// Which site category a Qalam section goes to, as SECTION=CATEGORY (repeatable)
        #[arg(long = "category", value_name = "SECTION=CATEGORY")]
        categories: Vec<String>,
    },
    /// A folder the package is written into (a shared drive, a sync tool's folder)
    Folder {
        name: String,
        #[arg(long, value_name = "DIR")]
        path: PathBuf,
        #[arg(long, value_enum, default_value = "draft")]
        status: StatusArg,
    },
    /// A URL the story's ninjs is POSTed to, signed with HMAC-SHA256 (key read from standard input)
    Webhook {
        name: String,
        #[arg(long)]
        url: String,
        /// Read the signing key from standard input
        #[arg(long, required = true)]
        secret_stdin: bool,
        #[arg(long, value_enum, default_value = "draft")]
        status: StatusArg,
    },
}

#[derive(Subcommand)]
enum DeskVerb {
    /// Join a desk with the one-time code a desk chief gave you (needs this library's profile)
    Join {
        url: String,
        code: String,
        /// Trust this certificate authority (PEM) for the desk, besides the system's
        #[arg(long, value_name = "FILE")]
        ca: Option<String>,
        /// What the desk calls this machine (default: its host name)
        #[arg(long, value_name = "NAME")]
        device_name: Option<String>,
    },
    /// The desk, the last sync, and what waits in the outbox
    Status,
    /// Stop syncing with the desk (unsent changes stay in the outbox)
    Leave,
    /// Search every story you may see on the desk (Arabic-aware)
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
}

#[derive(Subcommand)]
enum StyleVerb {
    /// List the rules this library checks with
    Show,
    /// Write the signed sheet (to hand to colleagues), or with --rules the plain rules to edit
    Export {
        #[arg(long, value_name = "F")]
        out: Option<PathBuf>,
        #[arg(long)]
        rules: bool,
    },
    /// Take a sheet signed by a chief, or (a chief) issue a rules file as the house style
    Import {
        #[arg(value_name = "F")]
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum RosterVerb {
    /// Write the people this library knows (itself included), signed
    Export {
        #[arg(long, value_name = "F")]
        out: PathBuf,
    },
    /// Trust the people of a roster file (their fingerprints are shown)
    Import {
        #[arg(value_name = "F")]
        file: PathBuf,
        /// Accept a roster that gives a trusted name another key or raises a trusted person's role
        #[arg(long)]
        accept_changes: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Journalist,
    Editor,
    Chief,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Role {
        match role {
            RoleArg::Journalist => Role::Journalist,
            RoleArg::Editor => Role::Editor,
            RoleArg::Chief => Role::Chief,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Read as text only to find `--lang` and `--json`: paths that are not UTF-8 stay clap's.
            let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
            let lang = usage::asked_lang(&args, lang_from_env);
            return usage::refuse(&error, lang, args.iter().any(|a| a == "--json"));
        }
    };
    let lang = match cli.lang {
        Some(LangArg::Ar) => Lang::Ar,
        Some(LangArg::En) => Lang::En,
        None => lang_from_env(),
    };
    let out = Output { json: cli.json, lang };
    let result = run(cli, &out);
    match result {
        Ok(code) => code,
        Err(failure) => {
            out.failure(&failure);
            ExitCode::from(failure.exit_code())
        }
    }
}

fn run(cli: Cli, out: &Output) -> Result<ExitCode, Failure> {
    let library = cli.library;
    match cli.verb {
        Verb::Import { files } => verbs::import::run(library, &files, out),
        Verb::List { trash } => verbs::list::run(library, trash, out),
        Verb::Show { id, format } => verbs::show::run(library, &id, format, out),
        Verb::Search { query, limit } => verbs::search::run(library, &query, limit, out),
        Verb::Check { target } => verbs::check::run(library, &target, out),
        Verb::Style { verb: StyleVerb::Show } => verbs::style::show(library, out),
        Verb::Style { verb: StyleVerb::Export { out: path, rules } } => {
            verbs::style::export(library, path.as_deref(), rules, out)
        }
        Verb::Style { verb: StyleVerb::Import { file } } => verbs::style::import(library, &file, out),
        Verb::Revisions { id } => verbs::history::revisions(library, &id, out),
        Verb::Restore { id, revision } => verbs::history::restore(library, &id, revision, out),
        Verb::Trash { id } => verbs::trash::run(library, &id, verbs::trash::Action::Trash, out),
        Verb::Untrash { id } => verbs::trash::run(library, &id, verbs::trash::Action::Untrash, out),
        Verb::Purge { id } => verbs::trash::run(library, &id, verbs::trash::Action::Purge, out),
        Verb::Backup { dir } => verbs::backup::backup(library, dir, out),
        Verb::RestoreBackup { file } => verbs::backup::restore(library, &file, out),
        Verb::Export { id, out: path, folder, originals, accept_warnings } => {
            let args = verbs::package::ExportArgs { id, out: path, folder, originals, accept_warnings };
            verbs::package::export(library, args, out)
        }
        Verb::ImportPackage { file, keep_both, replace } => {
            let if_exists = match (keep_both, replace) {
                (true, _) => IfExists::KeepBoth,
                (_, true) => IfExists::Replace,
                _ => IfExists::Ask,
            };
            verbs::package::import(library, &file, if_exists, out)
        }
        Verb::Profile { verb: ProfileVerb::Init { name, role, key_file } } => {
            verbs::profile::init(library, &name, role.into(), key_file, out)
        }
        Verb::Profile { verb: ProfileVerb::Show } => verbs::profile::show(library, out),
        Verb::Roster { verb: RosterVerb::Export { out: path } } => verbs::profile::export_roster(library, &path, out),
        Verb::Roster { verb: RosterVerb::Import { file, accept_changes } } => {
            verbs::profile::import_roster(library, &file, accept_changes, out)
        }
        Verb::Submit { id, note } => verbs::review::step(library, &id, Action::Submit, note.as_deref(), out),
        Verb::Withdraw { id } => verbs::review::step(library, &id, Action::Withdraw, None, out),
        Verb::StartReview { id } => verbs::review::step(library, &id, Action::StartReview, None, out),
        Verb::RequestChanges { id, note } => {
            verbs::review::step(library, &id, Action::RequestChanges, Some(&note), out)
        }
        Verb::Approve { id, note } => verbs::review::step(library, &id, Action::Approve, note.as_deref(), out),
        Verb::Spike { id, note } => verbs::review::step(library, &id, Action::Spike, Some(&note), out),
        Verb::Unspike { id } => verbs::review::step(library, &id, Action::Unspike, None, out),
        Verb::Correct { id, note, timeout } => {
            verbs::correct::run(library, &id, &note, Duration::from_secs(timeout), out)
        }
        Verb::Embargo { id, until, clear: _, note } => {
            verbs::embargo::run(library, &id, until.as_deref(), note.as_deref(), out)
        }
        Verb::Status { id } => verbs::review::status(library, &id, out),
        Verb::Comment { id, quote, text, reply_to } => {
            verbs::comments::comment(library, &id, &quote, &text, reply_to.as_deref(), out)
        }
        Verb::Comments { id } => verbs::comments::list(library, &id, out),
        Verb::Resolve { id, comment_id, reopen } => verbs::comments::resolve(library, &id, &comment_id, reopen, out),
        Verb::Suggest { id, quote, replace_with, after, insert, field } => {
            let place = match (quote, after) {
                (Some(quote), _) => verbs::suggest::Place::Replace { quote, with: replace_with.unwrap_or_default() },
                (None, Some(after)) => verbs::suggest::Place::Insert { after, words: insert.unwrap_or_default() },
                (None, None) => unreachable!("clap requires --quote or --after"),
            };
            verbs::suggest::suggest(library, &id, place, field.map(Into::into), out)
        }
        Verb::Suggestions { id } => verbs::suggest::list(library, &id, out),
        Verb::Accept { id, suggestion_id, all } => verbs::suggest::decide(
            library,
            &id,
            verbs::suggest::Decide::Accept,
            suggestion_id.filter(|_| !all).as_deref(),
            out,
        ),
        Verb::Reject { id, suggestion_id, all } => verbs::suggest::decide(
            library,
            &id,
            verbs::suggest::Decide::Reject,
            suggestion_id.filter(|_| !all).as_deref(),
            out,
        ),
        Verb::WithdrawSuggestion { id, suggestion_id } => {
            verbs::suggest::decide(library, &id, verbs::suggest::Decide::Withdraw, Some(&suggestion_id), out)
        }
        Verb::Diff { id, a, b } => verbs::diff::run(library, &id, a, b, out),
        Verb::Audit { id } => verbs::review::audit(library, &id, out),
        Verb::Handoff { id, out: path } => verbs::review::handoff(library, &id, &path, out),
        Verb::Desk { verb: DeskVerb::Join { url, code, ca, device_name } } => {
            verbs::desk::join(library, &url, &code, ca.as_deref(), device_name.as_deref(), out)
        }
        Verb::Desk { verb: DeskVerb::Status } => verbs::desk::status(library, out),
        Verb::Desk { verb: DeskVerb::Leave } => verbs::desk::leave(library, out),
        Verb::Desk { verb: DeskVerb::Search { query, limit } } => verbs::desk::search(library, &query, limit, out),
        Verb::Sync => verbs::desk::sync(library, out),
        Verb::Target { verb: TargetVerb::Add { kind } } => verbs::target::add(library, target_args(kind), out),
        Verb::Target { verb: TargetVerb::List } => verbs::target::list(library, out),
        Verb::Target { verb: TargetVerb::Remove { name } } => verbs::target::remove(library, &name, out),
        Verb::Target { verb: TargetVerb::Test { name, timeout } } => {
            verbs::target::test(library, &name, Duration::from_secs(timeout.max(1)), out)
        }
        Verb::Deliver { id, to, status, at, timeout } => verbs::deliver::deliver(
            library,
            &id,
            &to,
            status.map(Into::into),
            at.as_deref(),
            Duration::from_secs(timeout.max(1)),
            out,
        ),
        Verb::Unpublish { id, to, reason, timeout } => {
            verbs::deliver::unpublish(library, &id, &to, &reason, Duration::from_secs(timeout.max(1)), out)
        }
        Verb::Deliveries { id, retry, cancel } => {
            let act = match (retry, cancel) {
                (Some(n), _) => verbs::deliver::Act::Retry(n),
                (_, Some(n)) => verbs::deliver::Act::Cancel(n),
                _ => verbs::deliver::Act::List,
            };
            verbs::deliver::deliveries(library, id.as_deref(), act, out)
        }
        Verb::Outbox { verb: OutboxVerb::Run { timeout } } => {
            verbs::deliver::outbox_run(library, Duration::from_secs(timeout.max(1)), out)
        }
        Verb::Verify { file, roster } => verbs::verify::run(library, &file, roster.as_deref(), out),
    }
}

fn target_args(kind: TargetKindArgs) -> verbs::target::AddArgs {
    use verbs::target::AddArgs;
    match kind {
        TargetKindArgs::Wordpress { name, url, user, password_stdin, status, categories } => AddArgs {
            name,
            destination: Destination::Wordpress { url, user },
            secret_stdin: password_stdin,
            status: status.into(),
            categories,
        },
        TargetKindArgs::Folder { name, path, status } => AddArgs {
            name,
            destination: Destination::Folder { folder: path.to_string_lossy().into_owned() },
            secret_stdin: false,
            status: status.into(),
            categories: Vec::new(),
        },
        TargetKindArgs::Webhook { name, url, secret_stdin, status } => AddArgs {
            name,
            destination: Destination::Webhook { url },
            secret_stdin,
            status: status.into(),
            categories: Vec::new(),
        },
    }
}

/// `QALAM_LANG` (ar or en) if it names one, else the locale. A `QALAM_LANG` naming neither
/// is a mistake worth a warning, not a reason to fall back to English.
fn lang_from_env() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .map(|v| Lang::from_locale(&v))
        .unwrap_or(Lang::En);
    match std::env::var("QALAM_LANG").ok().filter(|v| !v.is_empty()) {
        None => locale,
        Some(value) => match Lang::from_tag(&value) {
            Some(lang) => lang,
            None => {
                eprintln!(
                    "qalam: {}",
                    match locale {
                        Lang::Ar =>
                            format!("قيمة QALAM_LANG «{value}» غير معروفة (المعروف: ar أو en)؛ اللغة من إعدادات النظام"),
                        Lang::En =>
                            format!("QALAM_LANG={value} is not a known language (ar or en); using the locale's"),
                    }
                );
                locale
            }
        },
    }
}
