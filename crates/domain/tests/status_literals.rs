//! Every status and kind is spelled out once, in its `coded_enum!` declaration in this
//! crate (and in the migrations' CHECK constraints). Anywhere else a code written as a
//! string literal ("active", "in_progress" …) would be a second, unchecked copy of the
//! state model, so this test reads every Rust file of the workspace and fails on one.
//! `.ci/run` runs it by name (scripts/check-status-literals) as well as with the suite.
//!
//! Allowed: the declarations themselves; a code used as the *name* in a `("name", value)`
//! pair (a Fluent argument or a form field's name: `("company", company.name)`); a form
//! value posted the way a browser does (`("kind", "company")` in a test); an `expect`
//! message; and a line that says why it is not a status with a `// not a status: …`
//! comment (an ARIA value, a multipart field's name).
//! Event kinds are not checked: their codes are also the stems of the e-mail and flash
//! text keys (`mail-employment-confirmed-subject`), which are not statuses.

use std::path::{Path, PathBuf};

use domain::certification::{
    CaseStatus, DecisionKind, InvoiceRecipientKind, MomentKind, MomentStatus, Subject,
};
use domain::company_certificate::Standing;
use domain::employment::EmploymentStatus;

fn codes() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    out.extend(CaseStatus::ALL.iter().map(|v| v.code()));
    out.extend(MomentStatus::ALL.iter().map(|v| v.code()));
    out.extend(MomentKind::ALL.iter().map(|v| v.code()));
    out.extend(EmploymentStatus::ALL.iter().map(|v| v.code()));
    out.extend(Standing::ALL.iter().map(|v| v.code()));
    out.extend(InvoiceRecipientKind::ALL.iter().map(|v| v.code()));
    out.extend(DecisionKind::ALL.iter().map(|v| v.code()));
    out.extend(Subject::ALL.iter().map(|v| v.code()));
    out.sort_unstable();
    out.dedup();
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text with every `coded_enum! { … }` block blanked out (kept line for line).
fn without_declarations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut in_decl = false;
    for line in text.lines() {
        if !in_decl && line.contains("coded_enum!") && !line.trim_start().starts_with("//") {
            in_decl = true;
            depth = 0;
        }
        if in_decl {
            depth += line.matches('{').count();
            depth = depth.saturating_sub(line.matches('}').count());
            if depth == 0 && line.contains('}') {
                in_decl = false;
            }
            out.push('\n');
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The lines of `text` (a Rust file) that spell a code out as a literal.
fn literals(text: &str, codes: &[&str]) -> Vec<(usize, String)> {
    let text = without_declarations(text);
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("//") || line.contains("// not a status:") {
            continue;
        }
        for code in codes {
            let quoted = format!("\"{code}\"");
            for (i, _) in line.match_indices(&quoted) {
                let before = line[..i].trim_end();
                let after = line[i + quoted.len()..].trim_start();
                // `("name", value)`: a Fluent argument's or a form field's name.
                let is_pair_name = before.ends_with('(') && after.starts_with(',');
                // `("kind", "company")`: a form value posted the way a browser does.
                let is_form_value = before.ends_with("\",")
                    && before.rfind("(\"").is_some_and(|open| {
                        let name = &before[open + 2..before.len() - 2];
                        name.chars()
                            .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
                    });
                let is_expect_message = before.ends_with("expect(");
                if !is_pair_name && !is_form_value && !is_expect_message {
                    found.push((n + 1, line.trim().to_string()));
                }
            }
        }
    }
    found
}

#[test]
fn the_check_finds_a_literal_and_allows_what_is_not_a_status() {
    let codes = ["active", "company"];
    let text = r#"
crate::coded_enum! {
    pub enum Standing {
        Active = "active",
    }
}
fn f(s: &str) -> bool { s == "active" }
fn g() { args(&[("company", name)]); post(&[("kind", "company")]); x.expect("company"); }
fn h() { let v = "company"; // not a status: a field's name
}
"#;
    let found = literals(text, &codes);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains(r#"s == "active""#));
}

#[test]
fn no_status_code_is_written_as_a_literal_outside_its_enum() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(
        files.len() > 50,
        "found only {} files under {root:?}",
        files.len()
    );
    let codes = codes();
    let mut found = Vec::new();
    for path in &files {
        if path.ends_with("coded.rs") || path.ends_with("tests/status_literals.rs") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for (n, line) in literals(&text, &codes) {
            found.push(format!("{}:{n}: {line}", path.display()));
        }
    }
    assert!(
        found.is_empty(),
        "status or kind codes written as literals (use the enum):\n{}",
        found.join("\n")
    );
}
