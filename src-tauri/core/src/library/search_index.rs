//! The search index: an FTS5 table over the *normalized shadow* of each article (see
//! [`crate::search`]), kept in the same transaction as the working copy, and ranked search with
//! a highlighted extract of the original text.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::articles::ArticleStatus;
use super::error::LibraryError;
use super::Library;
use crate::article::front_matter::split;
use crate::article::inline_text::blocks_plain_text;
use crate::article::parse::parse_body;
use crate::article::{parse, Article};
use crate::search::snippet::{snippet, Snippet};
use crate::search::variants::ANALYZER_VERSION;
use crate::search::{fts_match_expression, query_terms, shadow};

/// Column weights for bm25: a match in the title counts most, then standfirst and tags.
const BM25_WEIGHTS: &str = "bm25(search_index, 10.0, 4.0, 1.0, 3.0)";
const SNIPPET_WORDS: usize = 24;
/// The most matches ranked by relevance; beyond it, the newest this many are (see
/// `Library::ranking_window` and docs/decisions/002-search-ranking-window.md).
pub const RANKED_MATCHES: i64 = 2000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub status: ArticleStatus,
    /// bm25 score: lower is better.
    pub score: f64,
    pub updated_at: i64,
    pub snippet: Option<Snippet>,
}

pub(super) fn index_article(tx: &Transaction, seq: i64, article: &Article) -> Result<(), LibraryError> {
    unindex_article(tx, seq)?;
    let meta = &article.meta;
    tx.execute(
        "INSERT INTO search_index (rowid, title, standfirst, body, tags) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            seq,
            shadow(&meta.title),
            shadow(
                &[meta.kicker.as_deref(), meta.standfirst.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            shadow(&blocks_plain_text(&article.body)),
            shadow(&meta.tags.join("\n")),
        ],
    )?;
    Ok(())
}

/// Rebuilds the index when it was made by an older search analyzer (its terms changed: a
/// name's spellings now fold to one), in one transaction; a library opened for reading keeps the
/// index it has. Returns how many articles were indexed again.
pub(super) fn keep_current(conn: &mut rusqlite::Connection) -> Result<usize, LibraryError> {
    let stale = |c: &rusqlite::Connection| -> Result<bool, LibraryError> {
        let version: i64 = c.query_row("SELECT version FROM search_analyzer", [], |r| r.get(0))?;
        Ok(version < ANALYZER_VERSION)
    };
    if !stale(conn)? {
        return Ok(0);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    if !stale(&tx)? {
        return Ok(0);
    }
    let articles: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT seq, markdown FROM articles WHERE trashed_at IS NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut indexed = 0;
    for (seq, markdown) in &articles {
        // A stored text always parses (nothing unreadable is stored); one that would not keeps
        // its old terms rather than stopping the library from opening.
        if let Ok(article) = parse(markdown) {
            index_article(&tx, *seq, &article)?;
            indexed += 1;
        }
    }
    tx.execute("UPDATE search_analyzer SET version = ?1", [ANALYZER_VERSION])?;
    tx.commit()?;
    Ok(indexed)
}

pub(super) fn unindex_article(tx: &Transaction, seq: i64) -> Result<(), LibraryError> {
    tx.execute("DELETE FROM search_index WHERE rowid = ?1", [seq])?;
    Ok(())
}

impl Library {
    /// Articles (not in the trash) containing every word of `query`, best first. The query is
    /// normalized exactly as the index was; a query of only stop words finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, LibraryError> {
        let terms = query_terms(query);
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let expression = fts_match_expression(&terms);
        let from_rowid = self.ranking_window(&expression)?;
        // FTS first (CROSS JOIN fixes the order): rank inside the index, then fetch the few rows
        // shown. Trashed articles are not in the index, so no filter can cut the top results.
        let sql = format!(
            "SELECT a.id, a.title, s.score, a.updated_at, a.markdown, a.status
             FROM (SELECT rowid, {BM25_WEIGHTS} AS score FROM search_index
                   WHERE search_index MATCH ?1 AND rowid >= ?3 ORDER BY score LIMIT ?2) AS s
             CROSS JOIN articles a ON a.seq = s.rowid
             ORDER BY s.score"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![expression, limit as i64, from_rowid], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, f64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, ArticleStatus>(5)?,
            ))
        })?;
        let mut hits = Vec::new();
        for row in rows {
            let (id, title, score, updated_at, markdown, status) = row?;
            let snippet = best_snippet(&markdown, &title, &terms);
            hits.push(SearchHit { id, title, status, score, updated_at, snippet });
        }
        Ok(hits)
    }
}

impl Library {
    /// Where ranking starts. A query matching at most [`RANKED_MATCHES`] articles ranks them all
    /// by relevance (0: every rowid). One matching more, a common word, ranks only the newest
    /// [`RANKED_MATCHES`] of them: bm25 has to score every row it ranks, and scoring tens of
    /// thousands takes a tenth of a second, while FTS5 walks matches newest-first (by rowid,
    /// which grows with each new article) and stops after the window.
    fn ranking_window(&self, expression: &str) -> Result<i64, LibraryError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
        )?;
        let cutoff = stmt.query_row(params![expression, RANKED_MATCHES - 1], |r| r.get::<_, i64>(0)).optional()?;
        Ok(cutoff.unwrap_or(0))
    }
}

/// The extract to show: from the body if it matched there, else the standfirst, else the title.
/// Only the body is parsed unless the match lies elsewhere: this runs for every hit shown.
fn best_snippet(markdown: &str, title: &str, terms: &[String]) -> Option<Snippet> {
    let split = split(markdown).ok()?;
    let body = blocks_plain_text(&parse_body(split.body).ok()?);
    snippet(&body, terms, SNIPPET_WORDS)
        .or_else(|| {
            let standfirst = parse(markdown).ok()?.meta.standfirst?;
            snippet(&standfirst, terms, SNIPPET_WORDS)
        })
        .or_else(|| snippet(title, terms, SNIPPET_WORDS))
}
