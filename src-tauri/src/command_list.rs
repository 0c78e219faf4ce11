//! The app's command names ([`COMMANDS`], also read by `build.rs`), and the test that every place
//! naming a command agrees with them.

include!("command_names.rs");

#[cfg(test)]
mod tests {
    use super::COMMANDS;
    use std::collections::BTreeSet;

    fn read(relative: &str) -> String {
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
    }

    fn listed() -> BTreeSet<String> {
        let names: BTreeSet<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
        assert_eq!(names.len(), COMMANDS.len(), "a command is listed twice");
        names
    }

    /// The functions `generate_handler!` registers in lib.rs (the last path segment of each).
    fn registered() -> BTreeSet<String> {
        let lib = read("src-tauri/src/lib.rs");
        let start = lib.find("generate_handler![").expect("lib.rs registers its commands");
        let block = &lib[start + "generate_handler![".len()..];
        let block = &block[..block.find(']').unwrap()];
        block
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|p| p.rsplit("::").next().unwrap().to_string())
            .collect()
    }

    /// The `allow-…` permissions of the app's own commands in the main window's capability.
    fn granted() -> BTreeSet<String> {
        let capability: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
        capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter(|p| !p.contains(':'))
            .map(|p| p.strip_prefix("allow-").expect("an allow- permission").replace('-', "_"))
            .collect()
    }

    /// The command names the Tauri backend calls: the first argument of each `call("name"`.
    fn called() -> BTreeSet<String> {
        let ipc = read("ui/src/lib/backend/tauri.ts");
        ipc.match_indices("call(\"")
            .filter_map(|(at, _)| {
                let rest = &ipc[at..];
                let open = rest.find("(\"")? + 2;
                let close = rest[open..].find('"')?;
                Some(rest[open..open + close].to_string())
            })
            .collect()
    }

    #[test]
    fn lib_rs_build_rs_the_capability_and_ipc_ts_name_the_same_commands() {
        let names = listed();
        assert_eq!(registered(), names, "lib.rs's generate_handler! differs from command_names.rs");
        assert_eq!(granted(), names, "src-tauri/capabilities/main.json differs from command_names.rs");
        assert_eq!(called(), names, "ui/src/lib/backend/tauri.ts differs from command_names.rs");
    }
}
