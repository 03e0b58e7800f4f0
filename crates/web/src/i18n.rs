//! The texts live in the `texts` crate (shared with the application layer's e-mails);
//! this module re-exports them for the handlers and checks that every key the pages and
//! handlers ask for exists.

pub use texts::{t, t_args, t_count, Lang};

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    fn ids(lang: &str) -> BTreeSet<String> {
        texts::ids_with_files(lang)
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    }

    fn files_below(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files_below(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    /// String literals passed as keys (`t("key")`, `t(lang, "key")`) and literals that
    /// look like keys (`"err-…"`, `"error-…"`, `"flash-…"`) in Rust code must exist.
    #[test]
    fn every_key_used_exists() {
        let known = ids("sv");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        files_below(&root.join("templates"), &mut files);
        files_below(&root.join("src"), &mut files);
        let mut missing = Vec::new();
        for path in files {
            if path.ends_with("i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // `t(` and the templates' `text(` themselves, not `get(` or `split(`.
            for call in ["t(\"", "text(\""] {
                for (i, _) in text.match_indices(call) {
                    let before = text[..i].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue;
                    }
                    let rest = &text[i + call.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    if !key.is_empty() && !known.contains(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
            let is_rust = path.extension().is_some_and(|e| e == "rs");
            for prefix in ["\"err-", "\"error-", "\"flash-"]
                .into_iter()
                .filter(|_| is_rust)
            {
                for (i, _) in text.match_indices(prefix) {
                    let rest = &text[i + 1..];
                    let key = &rest[..rest.find('"').unwrap()];
                    if key.ends_with('-') || key.contains('{') {
                        continue;
                    }
                    if !known.contains(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "missing texts: {missing:#?}");
    }
}
