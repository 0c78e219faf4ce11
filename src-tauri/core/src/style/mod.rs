//! The house style as data the newsroom shares: a chief's list of rules (preferred spellings,
//! words to avoid, claims that need a source), kept apart from the checker's built-in typography.
//!
//! - [`rule`]: one rule, the list of them, the documented file format and its bounds.
//! - [`matching`]: where a text meets a rule (whole words, as search folds them, with Arabic's
//!   joined prefixes), and the words it would read with the replacement.
//!
//! The list as a chief signs it, so every laptop can check who issued it, is the workflow's
//! (`workflow::style_sheet`): like a roster, it is about who may do what.
//!
//! Rules only ever report: they never change stored text by themselves (decision 024).

pub mod matching;
pub mod rule;

pub use matching::{find_hits, RuleHit, RuleIndex};
pub use rule::{HouseStyle, RuleKind, RuleSeverity, StyleProblem, StyleRule, MAX_FILE_BYTES};
