//! The desk's schema, versioned in the database itself: `schema_migrations` lists what was
//! applied. Migrations run in one transaction under an advisory lock, so two instances starting
//! together against one database apply each migration once.

use tokio_postgres::Client;

const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("../../migrations/001_desk.sql")),
    (2, include_str!("../../migrations/002_locks_and_search.sql")),
    (3, include_str!("../../migrations/003_one_authority.sql")),
    (4, include_str!("../../migrations/004_challenges_by_address.sql")),
];

/// An arbitrary constant naming the lock every instance takes while migrating.
const MIGRATION_LOCK: i64 = 0x7161_6c61_6d64;

/// Applies what is missing; returns the versions applied now.
pub async fn migrate(client: &mut Client) -> Result<Vec<i32>, tokio_postgres::Error> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INT PRIMARY KEY,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )
    .await?;
    let done: Vec<i32> =
        tx.query("SELECT version FROM schema_migrations", &[]).await?.iter().map(|r| r.get(0)).collect();
    let mut applied = Vec::new();
    for (version, sql) in MIGRATIONS {
        if done.contains(version) {
            continue;
        }
        tx.batch_execute(sql).await?;
        tx.execute("INSERT INTO schema_migrations (version) VALUES ($1)", &[version]).await?;
        applied.push(*version);
    }
    tx.commit().await?;
    Ok(applied)
}

/// The newest version this build knows.
pub fn latest() -> i32 {
    MIGRATIONS.last().map_or(0, |(v, _)| *v)
}
