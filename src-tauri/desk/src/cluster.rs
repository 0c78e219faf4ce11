//! A private PostgreSQL cluster in a folder, for a desk on one machine (`qalam-desk local`): made
//! with the system's PostgreSQL binaries on first use, started when needed, reached through a
//! Unix socket inside the folder (no TCP port), and stopped by its own data folder — never by a
//! process name. After a SIGKILL the cluster may still be running (it is used as it is) or may
//! have died leaving its pid file behind (PostgreSQL itself sees that the pid is gone).
//!
//! PostgreSQL refuses to run as root, so as root its programs run as the `postgres` user.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const DATABASE: &str = "qalam_desk";
pub const USER: &str = "qalam";

pub struct Cluster {
    dir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("PostgreSQL's programs were not found (looked for initdb in {looked}); install PostgreSQL (Debian: postgresql-15) or set QALAM_PG_BIN")]
    NoPostgres { looked: String },
    #[error("{program} failed: {detail}")]
    Failed { program: String, detail: String },
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    #[error("the postgres user cannot reach {path}: a folder above it is closed to others (chmod o+x it, or choose a folder under /var/lib or /srv)")]
    Unreachable { path: PathBuf },
}

impl Cluster {
    pub fn at(dir: &Path) -> Cluster {
        Cluster { dir: dir.to_path_buf() }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.join("postgres")
    }

    /// The folder holding the server's Unix socket.
    pub fn socket_dir(&self) -> PathBuf {
        self.dir.join("run")
    }

    fn log_file(&self) -> PathBuf {
        self.dir.join("postgres.log")
    }

    /// Makes the cluster if the folder has none; starts it unless it runs. True if this call
    /// started it.
    pub fn ensure_running(&self) -> Result<bool, ClusterError> {
        let bin = bin_dir()?;
        std::fs::create_dir_all(&self.dir).map_err(|error| ClusterError::Io { path: self.dir.clone(), error })?;
        let socket = self.socket_dir();
        std::fs::create_dir_all(&socket).map_err(|error| ClusterError::Io { path: socket.clone(), error })?;
        if as_root() {
            // The server's user must reach its folders.
            chown_to_postgres(&self.dir)?;
            chown_to_postgres(&socket)?;
            let reachable = Command::new("runuser")
                .args(["-u", "postgres", "--", "test", "-w"])
                .arg(&self.dir)
                .status()
                .is_ok_and(|s| s.success());
            if !reachable {
                return Err(ClusterError::Unreachable { path: self.dir.clone() });
            }
        }
        if !self.data_dir().join("PG_VERSION").exists() {
            let data = self.data_dir();
            run(
                &bin,
                "initdb",
                &[
                    "-D".as_ref(),
                    data.as_os_str(),
                    "-A".as_ref(),
                    "trust".as_ref(),
                    "-U".as_ref(),
                    USER.as_ref(),
                    "-E".as_ref(),
                    "UTF8".as_ref(),
                    "--locale=C".as_ref(),
                ],
            )?;
        }
        if self.is_running(&bin)? {
            return Ok(false);
        }
        let options = format!("-k {} -c listen_addresses='' -c max_connections=200", socket.display());
        let data = self.data_dir();
        let log = self.log_file();
        run(
            &bin,
            "pg_ctl",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-o".as_ref(),
                options.as_ref(),
                "-l".as_ref(),
                log.as_os_str(),
                "-w".as_ref(),
                "-t".as_ref(),
                "60".as_ref(),
                "start".as_ref(),
            ],
        )?;
        Ok(true)
    }

    fn is_running(&self, bin: &Path) -> Result<bool, ClusterError> {
        let data = self.data_dir();
        let status = command(bin, "pg_ctl")
            .args(["-D".as_ref(), data.as_os_str(), "status".as_ref()])
            .output()
            .map_err(|error| ClusterError::Io { path: bin.join("pg_ctl"), error })?;
        // pg_ctl status: 0 running, 3 not running (a stale pid file counts as not running).
        Ok(status.status.code() == Some(0))
    }

    /// Stops the cluster (fast shutdown: open sessions are ended, committed data kept).
    pub fn stop(&self) -> Result<(), ClusterError> {
        let bin = bin_dir()?;
        if !self.is_running(&bin)? {
            return Ok(());
        }
        let data = self.data_dir();
        run(
            &bin,
            "pg_ctl",
            &["-D".as_ref(), data.as_os_str(), "-m".as_ref(), "fast".as_ref(), "-w".as_ref(), "stop".as_ref()],
        )
    }

    /// The connection settings for the desk's database (created on first use).
    pub fn config(&self) -> tokio_postgres::Config {
        let mut config = tokio_postgres::Config::new();
        config.host_path(self.socket_dir()).user(USER).dbname(DATABASE);
        config
    }

    pub fn admin_config(&self) -> tokio_postgres::Config {
        let mut config = self.config();
        config.dbname("postgres");
        config
    }
}

fn as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn chown_to_postgres(path: &Path) -> Result<(), ClusterError> {
    let out = Command::new("chown")
        .arg("postgres")
        .arg(path)
        .output()
        .map_err(|error| ClusterError::Io { path: path.into(), error })?;
    if !out.status.success() {
        return Err(ClusterError::Failed {
            program: "chown postgres".into(),
            detail: String::from_utf8_lossy(&out.stderr).trim().into(),
        });
    }
    Ok(())
}

/// Where PostgreSQL's server programs are: `QALAM_PG_BIN`, else the newest
/// `/usr/lib/postgresql/N/bin`, else the `PATH`.
fn bin_dir() -> Result<PathBuf, ClusterError> {
    if let Some(dir) = std::env::var_os("QALAM_PG_BIN").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin): &(u32, PathBuf)| bin.join("initdb").exists())
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Ok(bin);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .find(|d| d.join("initdb").exists())
        .ok_or_else(|| ClusterError::NoPostgres { looked: "QALAM_PG_BIN, /usr/lib/postgresql/*/bin and PATH".into() })
}

fn command(bin: &Path, program: &str) -> Command {
    let path = bin.join(program);
    if as_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(path);
        c
    } else {
        Command::new(path)
    }
}

fn run(bin: &Path, program: &str, args: &[&std::ffi::OsStr]) -> Result<(), ClusterError> {
    let out = command(bin, program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|error| ClusterError::Io { path: bin.join(program), error })?;
    if !out.status.success() {
        let detail = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        return Err(ClusterError::Failed { program: program.into(), detail: detail.trim().into() });
    }
    Ok(())
}
