//! What the house style costs the checker, which runs off the typing path after each pause: the
//! seed article checked with no rules and with a style guide of 2,000 rules (the format's bound,
//! 3 spellings each), measured in the same run, the ratio printed.
//! `cargo bench -p qalam-core --bench house_style_bench`.

use std::time::{Duration, Instant};

use qalam_core::check::{check_source, CheckSettings};
use qalam_core::style::{HouseStyle, RuleKind, RuleSeverity, StyleRule};

/// Rules made of the seed's own words (so the index holds words the text really has) and of
/// invented ones, like a real guide: most rules never meet a given story.
fn guide(seed: &str) -> HouseStyle {
    let words: Vec<&str> = qalam_core::search::words(seed).map(|(_, w)| w).filter(|w| w.chars().count() > 3).collect();
    let rules = (0..2000)
        .map(|i| {
            let real = words[i % words.len()];
            StyleRule {
                id: format!("rule-{i}"),
                kind: RuleKind::Avoid,
                find: vec![
                    format!("{real}س{i}"),
                    format!("كلمة{i} أخرى"),
                    if i % 20 == 0 { real.to_string() } else { format!("ن{i}") },
                ],
                replace: None,
                message: qalam_core::style::rule::RuleMessage { ar: "رسالة".into(), en: None },
                severity: RuleSeverity::Warning,
                enabled: true,
            }
        })
        .collect();
    let style = HouseStyle { rules, ..HouseStyle::default() };
    style.check().expect("the bench's guide is within the format's bounds");
    style
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/sample-article.md")).unwrap();
    let plain = CheckSettings::default();
    let styled = CheckSettings { style: guide(&seed), ..CheckSettings::default() };
    let found = check_source(&seed, &styled).iter().filter(|f| f.house_rule().is_some()).count();
    let without = median(101, || drop(check_source(&seed, &plain)));
    let with = median(101, || drop(check_source(&seed, &styled)));
    println!("house style: the seed checked, median of 101 runs ({found} house-style findings)");
    println!("  no rules:     {:>8.2} ms", without.as_secs_f64() * 1e3);
    println!("  2,000 rules:  {:>8.2} ms", with.as_secs_f64() * 1e3);
    println!("  ratio:        {:>8.2}", with.as_secs_f64() / without.as_secs_f64());
}
