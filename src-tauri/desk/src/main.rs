//! The `qalam-desk` command: run a desk (`local`, `serve`), migrate its database, and manage its
//! people and devices. Every verb finds the database by `--data DIR` (a local desk) or
//! `--database URL`, and takes `--json`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use qalam_core::workflow::Role;
use qalam_desk::database::{self, Database, Target};
use qalam_desk::server::{self, AppState, Tls};
use qalam_desk::store::{migrate, people};
use serde_json::json;

#[derive(Parser)]
#[command(name = "qalam-desk", version, about = "Qalam's shared desk: one newsroom's stories on PostgreSQL")]
struct Cli {
    #[command(subcommand)]
    verb: Verb,
}

#[derive(Args, Clone)]
struct Where {
    /// A local desk's folder (its own PostgreSQL cluster lives in it).
    #[arg(long, global = true, conflicts_with = "database")]
    data: Option<PathBuf>,
    /// A PostgreSQL connection URL.
    #[arg(long, global = true)]
    database: Option<String>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
}

/// What one connection may hold (the desk's network edge).
#[derive(Args, Clone)]
struct Edge {
    /// Seconds a connection has to send a request's headers.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    header_timeout: u64,
    /// Seconds a connection may stay with nothing read or written.
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    idle_timeout: u64,
    /// Connections one address may hold at once (an office behind one address holds many).
    #[arg(long, value_name = "N", default_value_t = 512)]
    max_connections_per_address: usize,
}

impl Edge {
    fn limits(&self) -> server::edge::Limits {
        server::edge::Limits {
            header: std::time::Duration::from_secs(self.header_timeout.max(1)),
            idle: std::time::Duration::from_secs(self.idle_timeout.max(1)),
            per_address: self.max_connections_per_address.max(1),
            ..server::edge::Limits::default()
        }
    }
}

#[derive(Subcommand)]
enum Verb {
    /// A desk to try on one machine: a private PostgreSQL in DIR, migrated and served.
    Local {
        #[command(flatten)]
        at: Where,
        #[arg(long, default_value = "127.0.0.1:8765")]
        listen: SocketAddr,
        #[command(flatten)]
        edge: Edge,
    },
    /// Serve a desk in production, over HTTPS.
    Serve {
        #[command(flatten)]
        at: Where,
        #[arg(long)]
        listen: SocketAddr,
        #[command(flatten)]
        edge: Edge,
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
    },
    /// Bring the database's schema up to date.
    Migrate {
        #[command(flatten)]
        at: Where,
    },
    /// The desk's people.
    Person {
        #[command(subcommand)]
        verb: PersonVerb,
    },
    /// The laptops enrolled at the desk.
    Device {
        #[command(subcommand)]
        verb: DeviceVerb,
    },
    /// Print the OpenAPI description of the desk's API.
    Openapi,
}

#[derive(Subcommand)]
enum PersonVerb {
    /// Add a person; prints their one-time enrolment code (valid 24 hours) as the last line.
    Add {
        #[command(flatten)]
        at: Where,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["journalist", "editor", "chief"])]
        role: String,
        /// A section an editor reviews (repeat for more; none: every section).
        #[arg(long = "section")]
        sections: Vec<String>,
        /// Add them even though a present colleague's name reads the same.
        #[arg(long)]
        same_name: bool,
    },
    /// A new enrolment code for a person (by number or name).
    Code {
        #[command(flatten)]
        at: Where,
        who: String,
    },
    List {
        #[command(flatten)]
        at: Where,
    },
    /// Remove a person (by number or name): their devices stop working at once.
    Remove {
        #[command(flatten)]
        at: Where,
        who: String,
    },
}

#[derive(Subcommand)]
enum DeviceVerb {
    List {
        #[command(flatten)]
        at: Where,
    },
    /// Revoke a device by number: its next request is refused.
    Revoke {
        #[command(flatten)]
        at: Where,
        id: i64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    match runtime.block_on(run(cli.verb)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("qalam-desk: {message}");
            ExitCode::from(1)
        }
    }
}

fn target(at: &Where) -> Result<Target, String> {
    match (&at.data, &at.database) {
        (Some(dir), None) => Ok(Target::Local(dir.clone())),
        (None, Some(url)) => Ok(Target::Url(url.clone())),
        _ => Err("say where the desk's database is: --data DIR (a local desk) or --database URL".into()),
    }
}

/// Opens the database and brings its schema up to date.
async fn open(at: &Where) -> Result<Database, String> {
    open_migrated(at).await.map(|(db, _)| db)
}

/// [`open`], and the migrations it applied. Only `qalam-desk local` makes a desk in a folder that
/// has none; any other verb given such a folder (a typo, say) says so and makes nothing.
async fn open_migrated(at: &Where) -> Result<(Database, Vec<i32>), String> {
    open_or_make(at, false).await
}

async fn open_or_make(at: &Where, make: bool) -> Result<(Database, Vec<i32>), String> {
    let target = target(at)?;
    if let Target::Local(dir) = &target {
        let has_desk = qalam_desk::cluster::Cluster::at(dir).data_dir().join("PG_VERSION").exists();
        if !make && !has_desk {
            return Err(format!(
                "no desk at {}: `qalam-desk local --data {}` makes one there (nothing was created)",
                dir.display(),
                dir.display()
            ));
        }
    }
    let db = database::open(&target).await.map_err(|e| e.to_string())?;
    let migrated = async {
        let mut client = database::connect(&db.config).await.map_err(|e| e.to_string())?;
        migrate::migrate(&mut client)
            .await
            .map_err(|e| format!("migrating the database: {}", qalam_desk::error::db_detail(&e)))
    }
    .await;
    match migrated {
        Ok(applied) => Ok((db, applied)),
        Err(e) => {
            close(db);
            Err(e)
        }
    }
}

/// A refusal in the language of `QALAM_LANG`, else of the locale.
fn words(e: &qalam_desk::error::DeskError) -> String {
    use qalam_core::lang::Localized;
    let tag = std::env::var("QALAM_LANG").ok().filter(|v| !v.is_empty());
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
    let lang = tag
        .and_then(|t| qalam_core::Lang::from_tag(&t))
        .or_else(|| locale.map(|l| qalam_core::Lang::from_locale(&l)))
        .unwrap_or(qalam_core::Lang::En);
    e.message(lang)
}

/// Runs one admin verb's work with a pooled client, the database opened (and migrated) before and
/// closed after, whatever the work returned.
async fn with_client<T>(
    at: &Where,
    work: impl AsyncFnOnce(&deadpool_postgres::Object) -> Result<T, String>,
) -> Result<T, String> {
    let db = open(at).await?;
    let result = match db.pool.get().await {
        Ok(client) => work(&client).await,
        Err(e) => Err(e.to_string()),
    };
    close(db);
    result
}

/// Stops the local cluster if this command started it (a verb leaves things as it found them).
fn close(db: Database) {
    drop(db.pool);
    if let Some(cluster) = db.started {
        if let Err(e) = cluster.stop() {
            eprintln!("qalam-desk: stopping the local PostgreSQL: {e}");
        }
    }
}

async fn run(verb: Verb) -> Result<(), String> {
    match verb {
        Verb::Local { at, listen, edge } => serve_until_stopped(&at, listen, None, edge.limits(), true).await,
        Verb::Serve { at, listen, edge, tls_cert, tls_key } => {
            let tls = tls_cert.zip(tls_key).map(|(cert, key)| Tls { cert, key });
            serve_until_stopped(&at, listen, tls, edge.limits(), false).await
        }
        Verb::Migrate { at } => {
            let (db, applied) = open_migrated(&at).await?;
            if at.json {
                println!("{}", json!({ "applied": applied, "version": migrate::latest() }));
            } else if applied.is_empty() {
                println!("the schema is up to date (version {})", migrate::latest());
            } else {
                println!("applied migrations {applied:?}; the schema is at version {}", migrate::latest());
            }
            close(db);
            Ok(())
        }
        Verb::Person { verb } => person(verb).await,
        Verb::Device { verb } => device(verb).await,
        Verb::Openapi => {
            println!("{}", server::openapi::json());
            Ok(())
        }
    }
}

async fn serve_until_stopped(
    at: &Where,
    listen: SocketAddr,
    tls: Option<Tls>,
    limits: server::edge::Limits,
    local: bool,
) -> Result<(), String> {
    if local && at.data.is_none() {
        return Err("qalam-desk local needs --data DIR: the folder its PostgreSQL lives in".into());
    }
    // A local desk owns its folder for as long as it runs, so it may stop what it finds there.
    let folder = match (&at.data, local) {
        (Some(dir), true) => Some((qalam_desk::folder_lock::FolderLock::take(dir)?, dir.clone())),
        _ => None,
    };
    let (db, _) = open_or_make(at, local).await?;
    let state = AppState::new(db.pool.clone(), db.config.clone());
    let json_out = at.json;
    let shutdown = async {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate()).expect("a SIGTERM handler");
        // The terminal it runs in closing (SIGHUP) stops it as Ctrl-C and SIGTERM do.
        let mut hangup = signal(SignalKind::hangup()).expect("a SIGHUP handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
            _ = hangup.recv() => {}
        }
    };
    let result = server::serve(
        state,
        listen,
        tls,
        limits,
        |bound, https| {
            let url = format!("{}://{bound}", if https { "https" } else { "http" });
            if json_out {
                println!("{}", json!({ "listening": url, "pid": std::process::id() }));
            } else {
                println!("the desk is listening on {url}");
            }
        },
        shutdown,
    )
    .await
    .map_err(|e| e.to_string());
    // A local desk stops the PostgreSQL in its folder when it stops — the one it started, or the
    // one a killed predecessor left running; `serve` never touches the database server.
    if let Some((_lock, dir)) = folder {
        drop(db.pool);
        if let Err(e) = qalam_desk::cluster::Cluster::at(&dir).stop() {
            eprintln!("qalam-desk: stopping the local PostgreSQL: {e}");
        }
    }
    result
}

fn parse_role(role: &str) -> Result<Role, String> {
    Role::parse(role).ok_or_else(|| format!("no role {role}: journalist, editor or chief"))
}

async fn person(verb: PersonVerb) -> Result<(), String> {
    let now = chrono::Utc::now();
    match verb {
        PersonVerb::Add { at, name, role, sections, same_name } => {
            let role = parse_role(&role)?;
            let (person, code, expires) = with_client(&at, async |client| {
                people::add_person(client, &name, role, &sections, same_name, now).await.map_err(|e| words(&e))
            })
            .await?;
            if at.json {
                println!("{}", json!({ "person": person, "code": code, "expires_at": expires }));
            } else {
                println!("added {} ({}), number {}", person.name, person.role, person.id);
                println!("their enrolment code is valid until {} (one use):", expires.format("%Y-%m-%d %H:%M UTC"));
            }
            println!("{code}");
            Ok(())
        }
        PersonVerb::Code { at, who } => {
            let (code, expires) = with_client(&at, async |client| {
                let person = people::find_person(client, &who).await.map_err(|e| words(&e))?;
                people::new_enrollment(client, person.id, now).await.map_err(|e| words(&e))
            })
            .await?;
            if at.json {
                println!("{}", json!({ "code": code, "expires_at": expires }));
            }
            println!("{code}");
            Ok(())
        }
        PersonVerb::List { at } => {
            let list =
                with_client(&at, async |client| people::list_people(client).await.map_err(|e| words(&e))).await?;
            if at.json {
                println!("{}", serde_json::to_string_pretty(&list).expect("serializes"));
            } else {
                for p in list {
                    let gone = if p.removed_at.is_some() { " (removed)" } else { "" };
                    let sections =
                        if p.sections.is_empty() { String::new() } else { format!(" [{}]", p.sections.join(", ")) };
                    println!("{:>4}  {}  {}{}  {} device(s){}", p.id, p.name, p.role, sections, p.devices, gone);
                }
            }
            Ok(())
        }
        PersonVerb::Remove { at, who } => {
            let person =
                with_client(&at, async |client| people::remove_person(client, &who).await.map_err(|e| words(&e)))
                    .await?;
            if at.json {
                println!("{}", serde_json::to_string_pretty(&person).expect("serializes"));
            } else {
                println!("removed {} (number {}); their devices are refused from now on", person.name, person.id);
            }
            Ok(())
        }
    }
}

async fn device(verb: DeviceVerb) -> Result<(), String> {
    match verb {
        DeviceVerb::List { at } => {
            let list =
                with_client(&at, async |client| people::list_devices(client).await.map_err(|e| words(&e))).await?;
            if at.json {
                println!("{}", serde_json::to_string_pretty(&list).expect("serializes"));
            } else {
                for d in list {
                    let gone = if d.revoked_at.is_some() { " (revoked)" } else { "" };
                    println!("{:>4}  {}  {}  {}{}", d.id, d.person_name, d.name, d.fingerprint, gone);
                }
            }
            Ok(())
        }
        DeviceVerb::Revoke { at, id } => {
            let device =
                with_client(&at, async |client| people::revoke_device(client, id).await.map_err(|e| words(&e))).await?;
            if at.json {
                println!("{}", serde_json::to_string_pretty(&device).expect("serializes"));
            } else {
                println!(
                    "revoked device {} ({}, {}); its next request is refused",
                    device.id, device.name, device.person_name
                );
            }
            Ok(())
        }
    }
}
