//! Finding the desk's database: `--data DIR` (a local desk's own cluster, started if it is not
//! running) or `--database URL` (any PostgreSQL, e.g. `postgres://desk@db.example/qalam`).

use std::path::PathBuf;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::NoTls;

use crate::cluster::{Cluster, ClusterError, DATABASE};

#[derive(Debug, Clone)]
pub enum Target {
    Local(PathBuf),
    Url(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error(transparent)]
    Cluster(#[from] ClusterError),
    #[error("the database URL is not valid: {0}")]
    BadUrl(tokio_postgres::Error),
    #[error("cannot reach the database: {0}")]
    Unreachable(tokio_postgres::Error),
    #[error("the database pool: {0}")]
    Pool(String),
}

/// A connected database, and whether this process started its local cluster.
pub struct Database {
    pub pool: Pool,
    pub config: tokio_postgres::Config,
    pub started: Option<Cluster>,
}

/// The most connections one instance opens.
pub const POOL_SIZE: usize = 32;

pub async fn open(target: &Target) -> Result<Database, ConnectError> {
    let (config, started) = match target {
        Target::Url(url) => (url.parse::<tokio_postgres::Config>().map_err(ConnectError::BadUrl)?, None),
        Target::Local(dir) => {
            let cluster = Cluster::at(dir);
            let started = tokio::task::spawn_blocking({
                let dir = dir.clone();
                move || Cluster::at(&dir).ensure_running()
            })
            .await
            .expect("the cluster task does not panic")?;
            create_database(&cluster).await?;
            (cluster.config(), started.then_some(cluster))
        }
    };
    let manager =
        Manager::from_config(config.clone(), NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
    let pool = Pool::builder(manager).max_size(POOL_SIZE).build().map_err(|e| ConnectError::Pool(e.to_string()))?;
    Ok(Database { pool, config, started })
}

async fn create_database(cluster: &Cluster) -> Result<(), ConnectError> {
    let (client, connection) = cluster.admin_config().connect(NoTls).await.map_err(ConnectError::Unreachable)?;
    let task = tokio::spawn(connection);
    let exists = client
        .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&DATABASE])
        .await
        .map_err(ConnectError::Unreachable)?
        .is_some();
    if !exists {
        client.batch_execute(&format!("CREATE DATABASE {DATABASE}")).await.map_err(ConnectError::Unreachable)?;
    }
    drop(client);
    let _ = task.await;
    Ok(())
}

/// One plain connection (for migrating, outside the pool).
pub async fn connect(config: &tokio_postgres::Config) -> Result<tokio_postgres::Client, ConnectError> {
    let (client, connection) = config.connect(NoTls).await.map_err(ConnectError::Unreachable)?;
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            eprintln!("qalam-desk: database connection: {e}");
        }
    });
    Ok(client)
}
