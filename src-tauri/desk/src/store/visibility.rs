//! Who sees what, in one place: a person sees the stories they wrote; editors and chiefs also see
//! their sections' stories (every section when they have none) once submitted — never a draft.
//! Pull filters with [`VISIBLE_SQL`]; push and reads check [`may_see`]. Both say the same thing.

use qalam_desk_api::PersonInfo;

/// The condition on `articles a` for the person `$me` (id), `$editor` (bool), `$sections` (text[]).
/// Placeholders are written as `{me}`, `{editor}`, `{sections}` and numbered by the caller.
pub const VISIBLE_SQL: &str = "(a.author_person = {me}
    OR ({editor} AND a.status <> 'draft' AND (cardinality({sections}::text[]) = 0 OR a.section = ANY({sections}::text[]))))";

pub fn visible_sql(me: usize, editor: usize, sections: usize) -> String {
    VISIBLE_SQL
        .replace("{me}", &format!("${me}"))
        .replace("{editor}", &format!("${editor}"))
        .replace("{sections}", &format!("${sections}"))
}

pub fn is_editor(person: &PersonInfo) -> bool {
    person.role == "editor" || person.role == "chief"
}

/// Whether `person` may see a story with this author, status and section.
pub fn may_see(person: &PersonInfo, author: Option<i64>, status: &str, section: Option<&str>) -> bool {
    author == Some(person.id)
        || (is_editor(person)
            && status != "draft"
            && (person.sections.is_empty() || section.is_some_and(|s| person.sections.iter().any(|m| m == s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, role: &str, sections: &[&str]) -> PersonInfo {
        PersonInfo {
            id,
            name: "x".into(),
            role: role.into(),
            sections: sections.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn drafts_are_their_authors_alone() {
        for viewer in [person(2, "journalist", &[]), person(3, "editor", &[]), person(4, "chief", &[])] {
            assert!(!may_see(&viewer, Some(1), "draft", Some("سياسة")));
        }
        assert!(may_see(&person(1, "journalist", &[]), Some(1), "draft", None));
    }

    #[test]
    fn editors_see_their_sections_from_submission_on() {
        let politics = person(3, "editor", &["سياسة"]);
        assert!(may_see(&politics, Some(1), "submitted", Some("سياسة")));
        assert!(!may_see(&politics, Some(1), "submitted", Some("رياضة")));
        assert!(!may_see(&politics, Some(1), "submitted", None));
        assert!(may_see(&person(3, "editor", &[]), Some(1), "approved", None));
        assert!(!may_see(&person(2, "journalist", &[]), Some(1), "submitted", Some("سياسة")));
    }
}
