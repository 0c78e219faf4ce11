//! A story's state has one name per language, the core's (`ArticleStatus::label`): the CLI prints
//! it and the window shows it. This test writes the core's names as a TypeScript table beside the
//! generated payload types, so the window's strings import them instead of spelling them again;
//! CI fails when the committed table differs from what the core says.

#[cfg(test)]
mod tests {
    use qalam_core::workflow::ArticleStatus;
    use qalam_core::Lang;

    fn table(lang: Lang) -> String {
        let rows: Vec<String> = ArticleStatus::ALL
            .iter()
            .map(|s| format!("    {}: {},", serde_json::json!(s.as_str()), serde_json::json!(s.label(lang))))
            .collect();
        rows.join("\n")
    }

    #[test]
    fn the_window_names_states_as_the_core_does() {
        let text = format!(
            "// Generated from qalam-core's ArticleStatus::label by src-tauri/src/status_labels.rs. Do not edit.\n\
             import type {{ ArticleStatus }} from \"./ArticleStatus\";\n\n\
             export const statusLabels = {{\n  ar: {{\n{}\n  }},\n  en: {{\n{}\n  }},\n}} satisfies Record<\"ar\" | \"en\", Record<ArticleStatus, string>>;\n",
            table(Lang::Ar),
            table(Lang::En)
        );
        let dir = std::env::var("TS_RS_EXPORT_DIR").expect("set by .cargo/config.toml");
        std::fs::write(std::path::Path::new(&dir).join("statusLabels.ts"), text).unwrap();
    }
}
