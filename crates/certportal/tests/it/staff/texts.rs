//! The staff pages' and mails' texts exist in both languages.

/// Every text id the staff pages and mails ask for exists in both languages. (The web
/// crate's own check reads only the top directories, not `routes/staff` or
/// `templates/staff`.) Not per backend: it reads files only.
#[test]
fn staff_texts_exist_in_both_languages() {
    use std::collections::BTreeSet;
    use std::path::Path;

    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let ids = |lang: &str| -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for entry in std::fs::read_dir(web.join("../texts/i18n").join(lang)).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" =") {
                    if !id.is_empty() && !id.starts_with([' ', '#', '*', '[']) {
                        out.insert(id.trim().to_string());
                    }
                }
            }
        }
        out
    };
    let (sv, en) = (ids("sv"), ids("en"));

    let both = |id: &str| sv.contains(id) && en.contains(id);
    let mut missing = Vec::new();
    for dir in ["templates/staff", "src/routes/staff"] {
        for file in files_under(&web.join(dir)) {
            let text = std::fs::read_to_string(file).unwrap();
            // `t("id"`, `text("id"`, `t1("id"`, `t_count("id"`: the id itself.
            for call in ["t(\"", "text(\"", "t1(\"", "t_count(\""] {
                for (i, _) in text.match_indices(call) {
                    let before = text[..i].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue;
                    }
                    let rest = &text[i + call.len()..];
                    let id = &rest[..rest.find('"').unwrap()];
                    if !both(id) {
                        missing.push(id.to_string());
                    }
                }
            }
            // Any other literal "staff-…": a text id, or a flash key (`flash-<key>`).
            for (i, _) in text.match_indices("\"staff-") {
                let rest = &text[i + 1..];
                let id = &rest[..rest.find('"').unwrap()];
                if !both(id) && !both(&format!("flash-{id}")) {
                    missing.push(id.to_string());
                }
            }
        }
    }
    for kind in [
        "moment-approved",
        "moment-rejected",
        "certificate-issued",
        "application-rejected",
    ] {
        for id in [
            format!("mail-{kind}-subject"),
            format!("mail-{kind}-body"),
            format!("event-{kind}"),
        ] {
            if !both(&id) {
                missing.push(id);
            }
        }
    }
    assert!(missing.is_empty(), "missing in sv or en: {missing:#?}");
}

/// Every file under `dir`, in its sub-folders too (the staff routes are folder modules).
fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}
