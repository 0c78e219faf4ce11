//! Desk search over the stories a person may see, with the app's own Arabic analyzer on both
//! sides (`qalam_core::search`): «الاسد» finds «الأسد», «مزارع» finds «المزارعين». Every word of
//! the query must be there; title matches rank first.

use deadpool_postgres::GenericClient;
use qalam_desk_api::SearchHit;

use super::people::Caller;
use super::visibility::{is_editor, visible_sql};
use crate::error::DeskError;

pub const MAX_HITS: i64 = 100;

pub async fn search(
    db: &impl GenericClient,
    caller: &Caller,
    query: &str,
    limit: i64,
) -> Result<Vec<SearchHit>, DeskError> {
    if query.chars().count() > 500 {
        return Err(DeskError::BadInput { what: "query".into(), why: "longer than 500 characters".into() });
    }
    let terms = qalam_core::search::query_terms(query);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT a.id, coalesce(a.title, ''), a.status, a.section, a.author_name, ts_rank(a.search, q) AS rank
         FROM articles a, plainto_tsquery('simple', $1) q
         WHERE a.search @@ q AND a.head IS NOT NULL AND {}
         ORDER BY rank DESC, a.seq DESC LIMIT $5",
        visible_sql(2, 3, 4)
    );
    let rows = super::cached::query(
        db,
        &sql,
        &[
            &terms.join(" "),
            &caller.person.id,
            &is_editor(&caller.person),
            &caller.person.sections,
            &limit.clamp(1, MAX_HITS),
        ],
    )
    .await?;
    Ok(rows
        .iter()
        .map(|r| SearchHit {
            id: r.get(0),
            title: r.get(1),
            status: r.get(2),
            section: r.get(3),
            author_name: r.get(4),
            rank: r.get(5),
        })
        .collect())
}
