//! Arabic-aware search through the library: the pairs from `docs/arabic-reference.md`, ranking,
//! highlighted extracts of the original text, Latin text, and queries that cannot break FTS5.

use crate::support::{article, temp_library};

#[test]
fn queries_find_the_forms_arabic_writers_use() {
    let (_dir, mut lib) = temp_library();
    let texts = [
        ("قاعدة", "تمركزت القوات في قاعدة عين الأسد"),
        ("محافظة", "أمطار غزيرة في البصرة"),
        ("تمركز", "تمركُز مفاجئ للقوات"),
        ("أرقام", "انسحب ١٥٠ جنديًا"),
        ("زراعة", "دعم المزارعين في الجنوب"),
        ("English", "The Pentagon confirmed the withdrawal"),
    ];
    let mut ids = Vec::new();
    for (title, body) in texts {
        ids.push(lib.import(&article(title, body)).unwrap().0);
    }
    for (query, expected) in [
        ("الاسد", 0),
        ("البصره", 1),
        ("تمركز", 2),
        ("150", 3),
        ("مزارع", 4),
        ("pentagon", 5),
        ("PENTAGON withdrawal", 5),
    ] {
        let hits = lib.search(query, 10).unwrap();
        assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), [ids[expected].as_str()], "query {query}");
    }
    assert!(lib.search("ز", 10).unwrap().is_empty(), "a haraka no longer splits a word into a bogus token");
}

#[test]
fn results_are_ranked_with_a_highlighted_extract_of_the_original_text() {
    let (_dir, mut lib) = temp_library();
    let body_only = lib.import(&article("خبر عن الطقس", "وذكر التقرير أن الأسد ظهر في حديقة الحيوان")).unwrap().0;
    let in_title = lib.import(&article("قاعدة عين الأسد", "تحركات عسكرية")).unwrap().0;
    let hits = lib.search("الاسد", 10).unwrap();
    assert_eq!(hits[0].id, in_title, "a title match ranks first");
    assert_eq!(hits[1].id, body_only);
    let snippet = hits[1].snippet.as_ref().unwrap();
    assert_eq!(snippet.marked("[", "]"), "وذكر التقرير أن [الأسد] ظهر في حديقة الحيوان");
}

#[test]
fn fts_syntax_in_a_query_is_just_text() {
    let (_dir, mut lib) = temp_library();
    lib.import(&article("عنوان", "نص عادي")).unwrap();
    for query in ["\"", "NEAR(", "a OR", "* - ^", "عنوان\" OR \"x", "في من على"] {
        let result = lib.search(query, 10);
        assert!(result.is_ok(), "{query}: {result:?}");
    }
    assert_eq!(lib.search("عنوان\" OR \"x", 10).unwrap().len(), 0, "quotes do not become operators");
}

#[test]
fn a_rare_word_ranks_over_every_match_and_a_common_one_within_the_newest_window() {
    use qalam_core::library::search_index::RANKED_MATCHES;
    let (_dir, mut lib) = temp_library();
    // The oldest article has both words in its title: the best match for either by relevance.
    let oldest = lib.import(&article("انتخابات البرلمان في البصرة", "نص قصير")).unwrap().0;
    let mut batch = Vec::new();
    for i in 0..RANKED_MATCHES as usize + 100 {
        let extra = if i == 50 { " وجرت انتخابات هادئة" } else { "" };
        batch.push(article(&format!("خبر رقم {i}"), &format!("جلسة البرلمان اليوم{extra}")));
    }
    lib.import_all(&batch).unwrap();
    // Rare: two matches, ranked by relevance, the old title match first.
    let rare = lib.search("انتخابات", 10).unwrap();
    assert_eq!(rare.len(), 2);
    assert_eq!(rare[0].id, oldest, "a rare word is ranked over all its matches");
    // Common: more matches than the window, so the newest are ranked; the oldest is not among them.
    let common = lib.search("البرلمان", 10).unwrap();
    assert_eq!(common.len(), 10);
    assert!(common.iter().all(|h| h.id != oldest), "only the newest {RANKED_MATCHES} matches are ranked");
    assert!(common.iter().all(|h| h.title.starts_with("خبر رقم")));
}

#[test]
fn the_spellings_of_one_name_find_each_other_and_nothing_else() {
    let (_dir, mut lib) = temp_library();
    let google = lib.import(&article("شركة تقنية", "أعلنت جوجل عن هاتف جديد")).unwrap().0;
    let internet = lib.import(&article("اتصالات", "انقطاع الانترنيت في بغداد")).unwrap().0;
    let ghoul = lib.import(&article("حكاية", "قصة الغول في التراث الشعبي")).unwrap().0;
    let ids = |q: &str| lib.search(q, 10).unwrap().into_iter().map(|h| h.id).collect::<Vec<_>>();
    assert_eq!(ids("غوغل"), std::slice::from_ref(&google));
    assert_eq!(ids("قوقل"), std::slice::from_ref(&google));
    assert_eq!(ids("الإنترنت"), std::slice::from_ref(&internet));
    assert_eq!(ids("الغول"), std::slice::from_ref(&ghoul), "a word like a name's spelling is still itself");
    assert!(ids("غو").is_empty(), "a fragment of a word finds nothing");
    // The highlighted extract marks the spelling the article uses.
    let hit = lib.search("غوغل", 10).unwrap().remove(0);
    assert!(format!("{:?}", hit.snippet).contains("جوجل"), "{:?}", hit.snippet);
}

#[test]
fn an_index_made_by_an_older_analyzer_is_rebuilt_when_the_library_opens() {
    let (dir, mut lib) = temp_library();
    let id = lib.import(&article("شركة تقنية", "أعلنت جوجل عن هاتف جديد")).unwrap().0;
    drop(lib);
    // As an older Qalam left it: the terms of the time, and its analyzer's version.
    let path = dir.path().join("library.sqlite3");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DELETE FROM search_index;
         INSERT INTO search_index (rowid, title, standfirst, body, tags) SELECT seq, 'شرك تقن', '', 'اعلن جوجل هاتف جديد', '' FROM articles;
         UPDATE search_analyzer SET version = 1;",
    )
    .unwrap();
    drop(conn);
    let lib = qalam_core::library::Library::open(&path).unwrap();
    assert_eq!(lib.search("غوغل", 10).unwrap().into_iter().map(|h| h.id).collect::<Vec<_>>(), [id]);
}
