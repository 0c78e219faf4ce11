//! The YAML front matter: finding it, reading it into [`FrontMatter`] with line-accurate errors,
//! and writing it back in a fixed, readable order.

use chrono::NaiveDate;
use serde_yaml_ng::{Mapping, Value};

use super::model::{is_plausible_language_tag, is_valid_id, FrontMatter, Hero, RelatedStory, DEFAULT_LANGUAGE};
use super::parse::{FormatError, FormatErrorKind, YamlProblem};
use super::yaml_scalar::{flow_scalar, scalar};

/// The front-matter key of body image credits (Markdown images have no place for a credit).
pub const IMAGE_CREDITS_KEY: &str = "image_credits";

/// A source file cut into its front matter and body, with the line each starts on (1-based).
pub struct Split<'a> {
    pub front: Option<&'a str>,
    pub front_first_line: usize,
    pub body: &'a str,
    pub body_first_line: usize,
}

/// Finds the `---` fenced front matter at the top of `src`. A file without one is all body.
pub fn split(src: &str) -> Result<Split<'_>, FormatError> {
    let Some(after_open) = strip_fence_line(src, "---") else {
        return Ok(Split { front: None, front_first_line: 1, body: src, body_first_line: 1 });
    };
    let mut offset = src.len() - after_open.len();
    for (line_no, line) in (2..).zip(after_open.split_inclusive('\n')) {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let front = &src[src.len() - after_open.len()..offset];
            let body = &src[offset + line.len()..];
            return Ok(Split { front: Some(front), front_first_line: 2, body, body_first_line: line_no + 1 });
        }
        offset += line.len();
    }
    Err(FormatError { line: 1, kind: FormatErrorKind::UnclosedFrontMatter })
}

fn strip_fence_line<'a>(src: &'a str, fence: &str) -> Option<&'a str> {
    let first_line_end = src.find('\n').map(|i| i + 1).unwrap_or(src.len());
    (src[..first_line_end].trim_end() == fence).then(|| &src[first_line_end..])
}

/// The 1-based line of each top-level key of the front matter, in file order.
pub fn key_lines(front: &str, first_line: usize) -> Vec<(String, usize)> {
    front
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(|c: char| !c.is_whitespace() && c != '#' && c != '-'))
        .filter_map(|(i, l)| {
            let key = l.split(':').next()?.trim().trim_matches(['"', '\'']);
            Some((key.to_string(), first_line + i))
        })
        .collect()
}

/// Reads the front matter text into the model; `lines` are its [`key_lines`], for error lines.
pub fn parse_front_matter(
    front: &str,
    first_line: usize,
    lines: &[(String, usize)],
) -> Result<FrontMatter, FormatError> {
    let line_of = |key: &str| lines.iter().find(|(k, _)| k == key).map(|(_, l)| *l).unwrap_or(first_line);
    // An error found at the end of the input (an unclosed bracket, say) is reported on the last
    // line of the front matter rather than on the closing fence.
    let last_line = first_line + front.lines().count().saturating_sub(1);
    let value: Value = serde_yaml_ng::from_str(front).map_err(|e| {
        let line_in_front = e.location().map(|l| l.line().saturating_sub(1));
        let detail = yaml_error_text(&e);
        let problem = yaml_problem(&detail, line_in_front.and_then(|i| front.lines().nth(i)), front);
        let mut line = line_in_front.map(|i| first_line + i).unwrap_or(first_line).min(last_line);
        // The reader points at the mapping for a duplicate; the second occurrence is the mistake.
        if let YamlProblem::DuplicateKey(key) = &problem {
            line = lines.iter().filter(|(k, _)| k == key).nth(1).map_or(line, |(_, l)| *l);
        }
        FormatError { line, kind: FormatErrorKind::Yaml { problem, detail } }
    })?;
    let mapping = match value {
        Value::Null => Mapping::new(),
        Value::Mapping(m) => m,
        _ => return Err(FormatError { line: first_line, kind: FormatErrorKind::NotAMapping }),
    };

    let mut meta = FrontMatter::default();
    for (key, value) in mapping {
        let key = match key {
            Value::String(s) => s,
            other => yaml_text(&other).trim().to_string(),
        };
        let line = line_of(&key);
        let field = Field { name: &key, line };
        match key.as_str() {
            "id" => meta.id = field.id(&value)?,
            "title" => meta.title = field.text(&value)?.unwrap_or_default(),
            "kicker" => meta.kicker = field.text(&value)?,
            "standfirst" => meta.standfirst = field.text(&value)?,
            "category" => meta.category = field.text(&value)?,
            "tags" => meta.tags = field.tags(&value)?,
            "byline" => meta.byline = field.text(&value)?,
            "dateline" => meta.dateline = field.text(&value)?,
            "date" => meta.date = field.date(&value)?,
            "language" => meta.language = field.language(&value)?,
            "hero" => meta.hero = field.hero(&value)?,
            "related" => meta.related = field.related(&value)?,
            IMAGE_CREDITS_KEY => meta.image_credits = field.credits(&value)?,
            _ => meta.extra.push((key.clone(), yaml_text(&value))),
        }
    }
    Ok(meta)
}

/// Names the mistake behind a YAML reader's error, from its words and the line it points at.
fn yaml_problem(detail: &str, line: Option<&str>, front: &str) -> YamlProblem {
    let tab_on_line = line.is_some_and(|l| l.contains('\t'));
    if tab_on_line || (detail.contains("cannot start any token") && front.contains('\t')) {
        YamlProblem::Tab
    } else if let Some(key) = detail.split("duplicate entry with key ").nth(1) {
        YamlProblem::DuplicateKey(key.trim().trim_matches('"').to_string())
    } else if detail.contains("quoted scalar")
        || (detail.contains("end of stream") && front.matches('"').count() % 2 == 1)
    {
        YamlProblem::UnclosedQuote
    } else if detail.contains("flow sequence") || detail.contains("flow mapping") || detail.contains("expected ',' or")
    {
        YamlProblem::UnclosedBracket
    } else if detail.contains("mapping values are not allowed") || detail.contains("could not find expected ':'") {
        YamlProblem::UnexpectedColon
    } else {
        YamlProblem::Other
    }
}

fn yaml_error_text(e: &serde_yaml_ng::Error) -> String {
    // The library appends "at line N column M"; the line is reported separately, file-relative.
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn yaml_text(value: &Value) -> String {
    serde_yaml_ng::to_string(value).unwrap_or_default()
}

/// One front-matter field being read, for error messages that name it and its line.
struct Field<'a> {
    name: &'a str,
    line: usize,
}

impl Field<'_> {
    fn error(&self, kind: FormatErrorKind) -> FormatError {
        FormatError { line: self.line, kind }
    }

    fn wrong_type(&self, expected: &'static str) -> FormatError {
        self.error(FormatErrorKind::FieldType { field: self.name.to_string(), expected })
    }

    fn text(&self, value: &Value) -> Result<Option<String>, FormatError> {
        match value {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.clone())),
            Value::Number(n) => Ok(Some(n.to_string())),
            Value::Bool(b) => Ok(Some(b.to_string())),
            _ => Err(self.wrong_type("text")),
        }
    }

    fn id(&self, value: &Value) -> Result<Option<String>, FormatError> {
        let Some(id) = self.text(value)? else { return Ok(None) };
        if is_valid_id(&id) {
            Ok(Some(id))
        } else {
            Err(self.error(FormatErrorKind::BadId(id)))
        }
    }

    fn tags(&self, value: &Value) -> Result<Vec<String>, FormatError> {
        match value {
            Value::Null => Ok(Vec::new()),
            // A journalist may type `tags: العراق، سوريا`; read it as the list it means.
            Value::String(s) => {
                Ok(s.split([',', '،']).map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect())
            }
            Value::Sequence(items) => {
                items.iter().map(|v| self.text(v)?.ok_or_else(|| self.wrong_type("list of text"))).collect()
            }
            _ => Err(self.wrong_type("list of text")),
        }
    }

    /// `image_credits:` — image path → credit, both text.
    fn credits(&self, value: &Value) -> Result<Vec<(String, String)>, FormatError> {
        let wrong = || self.wrong_type("mapping of image path to credit");
        match value {
            Value::Null => Ok(Vec::new()),
            Value::Mapping(map) => map
                .iter()
                .map(|(k, v)| Ok((self.text(k)?.ok_or_else(wrong)?, self.text(v)?.ok_or_else(wrong)?)))
                .collect(),
            _ => Err(wrong()),
        }
    }

    fn date(&self, value: &Value) -> Result<Option<NaiveDate>, FormatError> {
        let Some(text) = self.text(value)? else { return Ok(None) };
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(Some)
            .map_err(|_| self.error(FormatErrorKind::BadDate { field: self.name.to_string(), value: text }))
    }

    fn language(&self, value: &Value) -> Result<String, FormatError> {
        let Some(tag) = self.text(value)? else { return Ok(DEFAULT_LANGUAGE.to_string()) };
        if is_plausible_language_tag(&tag) {
            Ok(tag)
        } else {
            Err(self.error(FormatErrorKind::BadLanguage(tag)))
        }
    }

    fn sub<'b>(&self, name: &'b str) -> Field<'b> {
        Field { name, line: self.line }
    }

    fn hero(&self, value: &Value) -> Result<Option<Hero>, FormatError> {
        match value {
            Value::Null => Ok(None),
            Value::String(src) => Ok(Some(Hero { src: src.clone(), ..Hero::default() })),
            Value::Mapping(m) => Ok(Some(Hero {
                src: self.sub("hero.src").text(get(m, "src"))?.unwrap_or_default(),
                alt: self.sub("hero.alt").text(get(m, "alt"))?,
                caption: self.sub("hero.caption").text(get(m, "caption"))?,
                credit: self.sub("hero.credit").text(get(m, "credit"))?,
            })),
            _ => Err(self.wrong_type("mapping (src, alt, caption, credit)")),
        }
    }

    fn related(&self, value: &Value) -> Result<Vec<RelatedStory>, FormatError> {
        let items = match value {
            Value::Null => return Ok(Vec::new()),
            Value::Sequence(items) => items,
            _ => return Err(self.wrong_type("list of stories (title, url, date)")),
        };
        items
            .iter()
            .map(|item| {
                let Value::Mapping(m) = item else {
                    return Err(self.wrong_type("list of stories (title, url, date)"));
                };
                Ok(RelatedStory {
                    title: self.sub("related.title").text(get(m, "title"))?.unwrap_or_default(),
                    url: self.sub("related.url").text(get(m, "url"))?.unwrap_or_default(),
                    date: self.sub("related.date").date(get(m, "date"))?,
                })
            })
            .collect()
    }
}

fn get<'m>(m: &'m Mapping, key: &str) -> &'m Value {
    static NULL: Value = Value::Null;
    m.get(key).unwrap_or(&NULL)
}

/// Article ids are ULIDs when Qalam makes them; files may carry any short token of safe characters.
/// Writes the front matter, fences included, in the contract's field order.
/// Writes the front matter; `image_credits` are the body pictures' credits followed by the
/// unused ones the front matter keeps.
pub fn print_front_matter(meta: &FrontMatter, image_credits: &[(String, String)], out: &mut String) {
    out.push_str("---\n");
    if let Some(id) = &meta.id {
        line(out, "id", &scalar(id));
    }
    line(out, "title", &scalar(&meta.title));
    optional(out, "kicker", &meta.kicker);
    optional(out, "standfirst", &meta.standfirst);
    optional(out, "category", &meta.category);
    if !meta.tags.is_empty() {
        let tags: Vec<String> = meta.tags.iter().map(|t| flow_scalar(t)).collect();
        line(out, "tags", &format!("[{}]", tags.join(", ")));
    }
    optional(out, "byline", &meta.byline);
    optional(out, "dateline", &meta.dateline);
    if let Some(date) = meta.date {
        line(out, "date", &date.format("%Y-%m-%d").to_string());
    }
    line(out, "language", &scalar(&meta.language));
    if let Some(hero) = &meta.hero {
        out.push_str("hero:\n");
        line(out, "  src", &scalar(&hero.src));
        optional(out, "  alt", &hero.alt);
        optional(out, "  caption", &hero.caption);
        optional(out, "  credit", &hero.credit);
    }
    if !meta.related.is_empty() {
        out.push_str("related:\n");
        for story in &meta.related {
            line(out, "  - title", &scalar(&story.title));
            line(out, "    url", &scalar(&story.url));
            if let Some(date) = story.date {
                line(out, "    date", &date.format("%Y-%m-%d").to_string());
            }
        }
    }
    if !image_credits.is_empty() {
        out.push_str(IMAGE_CREDITS_KEY);
        out.push_str(":\n");
        for (src, credit) in image_credits {
            line(out, &format!("  {}", scalar(src)), &scalar(credit));
        }
    }
    for (key, yaml) in &meta.extra {
        print_extra(out, key, yaml);
    }
    out.push_str("---\n");
}

fn line(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(": ");
    out.push_str(value);
    out.push('\n');
}

fn optional(out: &mut String, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        line(out, key, &scalar(v));
    }
}

/// Writes a field this version does not know, from the YAML text its value was read as.
fn print_extra(out: &mut String, key: &str, yaml: &str) {
    let value: Value = serde_yaml_ng::from_str(yaml).unwrap_or(Value::Null);
    let is_collection = matches!(value, Value::Mapping(ref m) if !m.is_empty())
        || matches!(value, Value::Sequence(ref s) if !s.is_empty());
    out.push_str(&scalar(key));
    out.push(':');
    let mut lines = yaml.lines();
    if !is_collection {
        if let Some(first) = lines.next() {
            out.push(' ');
            out.push_str(first);
        }
    }
    out.push('\n');
    for rest in lines {
        out.push_str("  ");
        out.push_str(rest);
        out.push('\n');
    }
}
