//! The desk's schema, versioned in the database itself: `schema_migrations` lists what was
//! applied. Migrations run in one transaction under an advisory lock, so two instances starting
//! together against one database apply each migration once.

use tokio_postgres::Client;

const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("../../migrations/001_desk.sql")),
    (2, include_str!("../../migrations/002_locks_and_search.sql")),
    (3, include_str!("../../migrations/003_one_authority.sql")),
    (4, include_str!("../../migrations/004_challenges_by_address.sql")),
    (5, include_str!("../../migrations/005_search_analyzer.sql")),
    (6, include_str!("../../migrations/006_house_style.sql")),
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
    keep_search_current(&tx).await?;
    tx.commit().await?;
    Ok(applied)
}

/// Makes every story's search terms again when they were made by an older search analyzer (a
/// name's spellings now fold to one term), in the migrating transaction: from each story's text
/// at its head.
async fn keep_search_current(tx: &tokio_postgres::Transaction<'_>) -> Result<(), tokio_postgres::Error> {
    use qalam_core::search::variants::ANALYZER_VERSION;
    let version: i64 = tx.query_one("SELECT version FROM search_analyzer", &[]).await?.get(0);
    if version >= ANALYZER_VERSION {
        return Ok(());
    }
    let heads = tx
        .query(
            "SELECT a.id, r.markdown FROM articles a JOIN revisions r ON r.article_id = a.id AND r.hash = a.head",
            &[],
        )
        .await?;
    for row in heads {
        let (id, markdown): (String, String) = (row.get(0), row.get(1));
        // A stored text always parses; one that would not keeps the terms it has.
        let Ok(article) = qalam_core::article::parse(&markdown) else { continue };
        let (title, rest) = super::stories::search_terms(&article);
        tx.execute(
            "UPDATE articles SET search = setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B')
             WHERE id = $1",
            &[&id, &title, &rest],
        )
        .await?;
    }
    tx.execute("UPDATE search_analyzer SET version = $1", &[&ANALYZER_VERSION]).await?;
    Ok(())
}

/// The newest version this build knows.
pub fn latest() -> i32 {
    MIGRATIONS.last().map_or(0, |(v, _)| *v)
}
