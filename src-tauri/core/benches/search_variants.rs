//! Precision and recall of the spellings of one name (`search::variants`), on a corpus built here:
//! for each listed name, news sentences that use each of its spellings (with the article, a
//! conjunction attached or a preposition before it), beside distractors — stories that
//! use words close in form to a spelling (غول، جول، تراب، الكون، بيت…) or another name. Every query
//! is one spelling; the stories about that name are the relevant ones. A story matches a query when
//! it holds every term of it, as the index's FTS5 does with the terms it stores.
//!
//! The analyzer with the variant step and without it (normalize, stem, stop words only) are
//! measured in the same run, and the ratio printed. `cargo bench -p qalam-core --bench search_variants`.

use std::collections::HashSet;

use qalam_core::search::normalize::normalize_word;
use qalam_core::search::stem::stem;
use qalam_core::search::stopwords::is_stop_word;
use qalam_core::search::{term, words};

/// Each name's spellings as newsrooms write them (the same names as the table, spelled as each
/// country's press does: the corpus checks the table, it is not made from it).
const NAMES: &[(&str, &[&str])] = &[
    ("Google", &["غوغل", "جوجل", "قوقل", "كوكل"]),
    ("technology", &["تكنولوجيا", "تكنلوجيا"]),
    ("internet", &["إنترنت", "انترنت", "انترنيت", "إنترنيت"]),
    ("Trump", &["ترامب", "ترمب"]),
    ("Putin", &["بوتين", "بوتن"]),
    ("Washington", &["واشنطن", "واشنطون"]),
    ("Microsoft", &["مايكروسوفت", "ميكروسوفت"]),
    ("YouTube", &["يوتيوب", "يوتوب"]),
    ("Instagram", &["إنستغرام", "انستقرام", "انستجرام", "إنستاغرام"]),
    ("Telegram", &["تلغرام", "تيليغرام", "تليجرام"]),
    ("Pentagon", &["البنتاغون", "البنتاجون"]),
    ("Congress", &["الكونغرس", "الكونجرس"]),
    ("Portugal", &["البرتغال"]),
    ("democracy", &["ديمقراطية", "ديموقراطية"]),
    ("virus", &["فيروس", "فايروس"]),
    ("television", &["تلفزيون", "تليفزيون"]),
    ("computer", &["كمبيوتر", "كومبيوتر"]),
    ("strategy", &["استراتيجية", "إستراتيجية"]),
    ("Netanyahu", &["نتنياهو", "نتانياهو"]),
    ("Bloomberg", &["بلومبرغ", "بلومبيرغ", "بلومبرج"]),
    ("Singapore", &["سنغافورة", "سنجافورة"]),
    ("September", &["أيلول", "سبتمبر"]),
    ("June", &["حزيران", "يونيو", "يونيه"]),
    ("April", &["نيسان", "أبريل", "إبريل"]),
];

/// Sentences a story about a name is made of; {} is the name as the story spells it.
const ABOUT: &[&str] = &[
    "أعلن متحدث باسم {} اليوم عن خطة جديدة للعام المقبل",
    "وقال مسؤولون إن {} سيكون محور النقاش في الاجتماع المقبل",
    "وتناولت الصحف المحلية ما نشرته وكالات الأنباء عن {} خلال الأسبوع الماضي",
];

/// How the name stands in each story: alone, after the conjunction و (written attached), after a
/// preposition. (ب and ل attached to a name are left out: the light stemmer, Lucene's, does not
/// take them off any word, named or not, so they would measure the stemmer, not the spellings.)
const ATTACHED: &[&str] = &["{}", "و{}", "في {}", "عن {}"];

/// Stories about other things, in words close in form to the names' spellings or to what the rules
/// make of them.
const DISTRACTORS: &[&str] = &[
    "روت الجدة قصة الغول الذي يخرج في الليل من الغابة",
    "سجل اللاعب جولا رائعا في الدقيقة الأخيرة من المباراة",
    "غطى التراب الشوارع بعد العاصفة الرملية التي ضربت المدينة",
    "يتأمل العلماء أسرار الكون الواسع بالتلسكوبات الحديثة",
    "انهار بيت قديم في الحي الشرقي ولم يصب أحد",
    "ارتفع سعر الدولار أمام الدينار في السوق المحلية",
    "قدم المغني أغنية عن الحب والوطن في حفل كبير",
    "أطلقت الشركة منتجا جديدا في السوق العربية",
    "ناقش البرلمان قانون الانتخابات الجديد في جلسة طويلة",
    "زار الوزير مزارع القمح في الجنوب واطلع على الموسم",
    "يحتفل الأطفال بعيد الأم في المدارس بالأغاني",
    "تحدث الخبراء عن التقنية الحديثة في التعليم",
    "أقيم معرض للكتاب في العاصمة بمشاركة دور نشر عديدة",
    "تغلب الفريق على منافسه في نهائي الكأس بهدفين",
    // Ordinary words that look like what the spelling rules make of the names.
    "استقبل ولي العهد الوفد الرسمي في القصر وجاء في البيان ما يليه",
    "ارتفع سعر البرتقال في أسواق الخضار بعد موجة البرد",
    "زار الوفد بلدة قانا في جنوب لبنان ووضع إكليلا من الزهور",
    "وصل وزير خارجية اليونان إلى العاصمة في زيارة رسمية",
    "أجلت المحكمة البت في القضية إلى الشهر المقبل",
    "نسي المسافر حقيبته في المطار فأعادها إليه العمال",
];

fn base_term(word: &str) -> Option<String> {
    let normalized = normalize_word(word);
    (!normalized.is_empty() && !is_stop_word(&normalized)).then(|| stem(&normalized))
}

fn terms(text: &str, analyzer: fn(&str) -> Option<String>) -> HashSet<String> {
    words(text).filter_map(|(_, w)| analyzer(w)).collect()
}

struct Story {
    name: Option<usize>,
    text: String,
}

fn corpus() -> Vec<Story> {
    let mut stories = Vec::new();
    for (n, (_, spellings)) in NAMES.iter().enumerate() {
        for (s, spelling) in spellings.iter().enumerate() {
            for (a, attach) in ATTACHED.iter().enumerate() {
                let name = attach.replace("{}", spelling);
                let sentence = ABOUT[(s + a) % ABOUT.len()].replace("{}", &name);
                let filler = DISTRACTORS[(n + s + a) % DISTRACTORS.len()];
                stories.push(Story { name: Some(n), text: format!("{sentence}. {filler}.") });
            }
        }
    }
    for (i, text) in DISTRACTORS.iter().enumerate() {
        let other = DISTRACTORS[(i + 5) % DISTRACTORS.len()];
        stories.push(Story { name: None, text: format!("{text}. {other}.") });
    }
    stories
}

/// Micro-averaged precision and recall over every query.
fn measure(stories: &[Story], analyzer: fn(&str) -> Option<String>) -> (f64, f64, usize, usize) {
    let indexed: Vec<HashSet<String>> = stories.iter().map(|s| terms(&s.text, analyzer)).collect();
    let (mut true_hits, mut returned, mut relevant) = (0usize, 0usize, 0usize);
    for (n, (_, spellings)) in NAMES.iter().enumerate() {
        for query in spellings.iter() {
            let wanted = terms(query, analyzer);
            for (story, held) in stories.iter().zip(&indexed) {
                let hit = !wanted.is_empty() && wanted.is_subset(held);
                let about = story.name == Some(n);
                returned += usize::from(hit);
                relevant += usize::from(about);
                true_hits += usize::from(hit && about);
            }
        }
    }
    (true_hits as f64 / returned.max(1) as f64, true_hits as f64 / relevant.max(1) as f64, returned, relevant)
}

fn main() {
    let stories = corpus();
    let queries: usize = NAMES.iter().map(|(_, s)| s.len()).sum();
    let about = stories.iter().filter(|s| s.name.is_some()).count();
    println!(
        "Spellings of one name: {} stories ({about} about {} names, {} distractors), {queries} queries",
        stories.len(),
        NAMES.len(),
        stories.len() - about
    );
    let (p, r, returned, relevant) = measure(&stories, term);
    let (bp, br, breturned, _) = measure(&stories, base_term);
    println!(
        "  with the variant step       precision {:.3}  recall {:.3}  ({returned} hits of {relevant} relevant)",
        p, r
    );
    println!("  without it (Lucene's level) precision {:.3}  recall {:.3}  ({breturned} hits)", bp, br);
    println!(
        "  ratio with / without         precision {:.2}×  recall {:.2}×",
        p / bp.max(f64::EPSILON),
        r / br.max(f64::EPSILON)
    );
    // Which spellings the table does not reach, for the reader to judge.
    let unreached: Vec<String> = NAMES
        .iter()
        .flat_map(|(_, spellings)| spellings.iter().map(move |s| (spellings, s)))
        .filter(|(spellings, s)| spellings.iter().any(|other| term(other) != term(s)))
        .map(|(_, s)| s.to_string())
        .collect();
    println!("  spellings that do not meet every other spelling of their name: {}", unreached.join("، "));
    for (label, analyzer) in [("with", term as fn(&str) -> Option<String>), ("without", base_term)] {
        let wrong = wrong_hits(&stories, analyzer);
        println!("  queries finding a story not about their name, {label} the step: {}", wrong.join("، "));
    }
}

/// Each query that finds a story not about its name, with the word of that story it took.
fn wrong_hits(stories: &[Story], analyzer: fn(&str) -> Option<String>) -> Vec<String> {
    let mut out = Vec::new();
    for (n, (_, spellings)) in NAMES.iter().enumerate() {
        for query in spellings.iter() {
            let wanted = terms(query, analyzer);
            for story in stories.iter().filter(|s| s.name != Some(n)) {
                if !wanted.is_empty() && wanted.is_subset(&terms(&story.text, analyzer)) {
                    let word =
                        words(&story.text).map(|(_, w)| w).find(|w| analyzer(w).is_some_and(|t| wanted.contains(&t)));
                    out.push(format!("{query}→{}", word.unwrap_or("?")));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
