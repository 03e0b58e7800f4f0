//! The rendered certificate checked with real PDF tools: qpdf, poppler's pdftotext,
//! pdffonts and pdftoppm, and zbarimg for the QR code. A missing tool skips the test with
//! a loud line, except under CI=true, where it fails (scripts/install-deps installs them).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use certificate_pdf::{render, Labels, Sheet};
use time::macros::date;

const URL: &str = "https://intyg.example.se/kontrollera/KYL-2026-000123?k=9f3a61c2";

fn swedish_labels() -> Labels {
    Labels {
        title: "Certifikat".into(),
        holder: "Innehavare".into(),
        certificate_number: "Certifikatnummer".into(),
        certificate_type: "Certifikat".into(),
        category: "Teknikområde".into(),
        activities: "Omfattar".into(),
        issued_on: "Utfärdandedatum".into(),
        valid_until: "Giltigt till".into(),
        status: "Status".into(),
        scope: "Begränsad omfattning".into(),
        verify: "Kontrollera certifikatet:".into(),
        issuer_block: "För certifieringsorganet".into(),
        withdrawn_banner: "ÅTERKALLAT".into(),
        regulation: "Utfärdat enligt förordning (EU) 2024/2215 och kommissionens \
                     genomförandeförordning om minimikrav för certifiering av fysiska personer."
            .into(),
    }
}

fn english_labels() -> Labels {
    Labels {
        title: "Certificate".into(),
        holder: "Holder".into(),
        certificate_number: "Certificate number".into(),
        certificate_type: "Certificate type".into(),
        category: "Field".into(),
        activities: "Covers".into(),
        issued_on: "Date of issue".into(),
        valid_until: "Valid until".into(),
        status: "Status".into(),
        scope: "Reduced scope".into(),
        verify: "Verify this certificate:".into(),
        issuer_block: "For the certification body".into(),
        withdrawn_banner: "WITHDRAWN".into(),
        regulation: "Issued under Regulation (EU) 2024/2215.".into(),
    }
}

fn swedish_sheet() -> Sheet {
    Sheet {
        language: "sv".into(),
        body_name: "Kylcert Norden AB".into(),
        holder_name: "Åsa Märta Öberg-Ståhl".into(),
        certificate_number: "KYL-2026-000123".into(),
        type_name: "Kategori I".into(),
        category: "Stationära kyl- och värmepumpsutrustningar".into(),
        activities: vec![
            "Läckagekontroll".into(),
            "Återvinning av köldmedium".into(),
            "Installation".into(),
            "Reparation, underhåll och service".into(),
            "Nedmontering".into(),
        ],
        issued_on: date!(2026 - 03 - 05),
        valid_until: Some(date!(2031 - 03 - 04)),
        status: "Aktivt".into(),
        scope_note: "Endast utrustning med mindre än 3 kg köldmedium".into(),
        withdrawn: false,
        verification_url: URL.into(),
        labels: swedish_labels(),
    }
}

fn english_sheet() -> Sheet {
    Sheet {
        language: "en".into(),
        holder_name: "Åsa Öberg".into(),
        status: "Active".into(),
        scope_note: String::new(),
        valid_until: None,
        labels: english_labels(),
        ..swedish_sheet()
    }
}

/// Whether `tool` runs here. Missing: a loud skip, or a failure under CI=true.
fn have(tool: &str) -> bool {
    if Command::new(tool).arg("-v").output().is_ok() {
        return true;
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{tool} missing under CI (scripts/install-deps installs it)");
    }
    // Straight to stderr, past the test harness's capture, so that the skip is seen.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {tool} missing (scripts/install-deps installs it)"
    );
    false
}

/// Renders the sheet into a file of its own in the temp dir.
fn write(sheet: &Sheet, name: &str) -> PathBuf {
    let bytes = render(sheet).expect("the sheet renders");
    let path =
        std::env::temp_dir().join(format!("certificate_pdf-{}-{name}.pdf", std::process::id()));
    std::fs::write(&path, bytes).expect("the PDF is written");
    path
}

fn run(tool: &str, args: &[&str]) -> Output {
    Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs: {e}"))
}

fn text_of(path: &Path) -> String {
    let p = path.to_str().expect("utf-8 temp path");
    let out = run("pdftotext", &["-enc", "UTF-8", p, "-"]);
    assert!(out.status.success(), "pdftotext: {out:?}");
    String::from_utf8(out.stdout).expect("pdftotext prints UTF-8")
}

#[test]
fn qpdf_finds_no_errors() {
    if !have("qpdf") {
        return;
    }
    let path = write(&swedish_sheet(), "check");
    let out = run("qpdf", &["--check", path.to_str().expect("utf-8 path")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "qpdf --check failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("No syntax or stream encoding errors found"),
        "{stdout}"
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn swedish_text_is_extractable() {
    if !have("pdftotext") {
        return;
    }
    let path = write(&swedish_sheet(), "text-sv");
    let text = text_of(&path);
    for needle in [
        "Certifikat",
        "Kylcert Norden AB",
        "Åsa Märta Öberg-Ståhl",
        "KYL-2026-000123",
        "Kategori I",
        "Stationära kyl- och värmepumpsutrustningar",
        "Utfärdandedatum",
        "2026-03-05",
        "Giltigt till",
        "2031-03-04",
        "Aktivt",
        "Begränsad omfattning",
        "Endast utrustning med mindre än 3 kg köldmedium",
        "Återvinning av köldmedium",
        "Kontrollera certifikatet:",
        URL,
        "För certifieringsorganet",
        "förordning (EU) 2024/2215",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
    let letters: String = text.split_whitespace().collect();
    assert!(
        !letters.contains("ÅTERKALLAT"),
        "an active sheet shows no banner"
    );
    let _ = std::fs::remove_file(path);
}

/// The QR code in the rendered page, as zbarimg reads it from a 200 dpi image.
fn decode_qr(sheet: &Sheet, name: &str) -> String {
    let path = write(sheet, name);
    let prefix = path.with_extension("");
    let prefix_s = prefix.to_str().expect("utf-8 path");
    let out = run(
        "pdftoppm",
        &[
            "-r",
            "200",
            "-png",
            "-singlefile",
            path.to_str().expect("utf-8 path"),
            prefix_s,
        ],
    );
    assert!(out.status.success(), "pdftoppm: {out:?}");
    let png = format!("{prefix_s}.png");
    let out = run("zbarimg", &["--raw", "-q", &png]);
    assert!(
        out.status.success(),
        "zbarimg found no code in {name}: {out:?}"
    );
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(png);
    String::from_utf8(out.stdout)
        .expect("zbarimg prints UTF-8")
        .trim_end_matches('\n')
        .to_owned()
}

#[test]
fn qr_code_decodes_to_the_verification_url() {
    if !have("pdftoppm") || !have("zbarimg") {
        return;
    }
    assert_eq!(decode_qr(&swedish_sheet(), "qr"), URL);
    // The banner of a withdrawn certificate leaves the code readable.
    let withdrawn = Sheet {
        withdrawn: true,
        ..swedish_sheet()
    };
    assert_eq!(decode_qr(&withdrawn, "qr-withdrawn"), URL);
    // A long address still fits and reads back exactly.
    let long = format!("{URL}&lang=sv&ref=0123456789abcdef0123456789abcdef0123456789abcdef");
    let sheet = Sheet {
        verification_url: long.clone(),
        ..english_sheet()
    };
    assert_eq!(decode_qr(&sheet, "qr-long"), long);
}

#[test]
fn withdrawn_and_english_sheets() {
    if !have("pdftotext") {
        return;
    }
    let withdrawn = Sheet {
        withdrawn: true,
        status: "Återkallat 2026-04-01".into(),
        ..swedish_sheet()
    };
    let path = write(&withdrawn, "withdrawn"); // not a status: a file name
    let text = text_of(&path);
    // Diagonal text comes out of pdftotext a letter or two at a time, in order.
    let letters: String = text.split_whitespace().collect();
    assert!(letters.contains("ÅTERKALLAT"), "banner missing:\n{text}");
    assert!(text.contains("Återkallat 2026-04-01"), "{text}");
    let _ = std::fs::remove_file(path);

    let path = write(&english_sheet(), "text-en");
    let text = text_of(&path);
    for needle in [
        "Certificate number",
        "Certificate type",
        "Field",
        "Covers",
        "Date of issue",
        "2026-03-05",
        "Active",
        "Verify this certificate:",
        "For the certification body",
        "Åsa Öberg",
        URL,
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
    for absent in ["Giltigt till", "Valid until", "Reduced scope", "WITHDRAWN"] {
        assert!(
            !text.contains(absent),
            "{absent:?} should not be in:\n{text}"
        );
    }
    let _ = std::fs::remove_file(path);
}

#[test]
fn declares_pdf_a_2b() {
    let bytes = render(&swedish_sheet()).expect("the sheet renders");
    let raw = String::from_utf8_lossy(&bytes);
    let part = raw.contains("<pdfaid:part>2</pdfaid:part>") || raw.contains("pdfaid:part=\"2\"");
    let conformance = raw.contains("<pdfaid:conformance>B</pdfaid:conformance>")
        || raw.contains("pdfaid:conformance=\"B\"");
    assert!(part && conformance, "no PDF/A-2b identification in the XMP");
    assert!(raw.contains("/GTS_PDFA1"), "no PDF/A output intent");
    assert!(bytes.starts_with(b"%PDF-1."), "a PDF/A-2 file is PDF 1.x");
    assert!(
        raw.contains("<dc:language>") || raw.contains("/Lang"),
        "no document language"
    );
}

#[test]
fn fonts_are_embedded() {
    if !have("pdffonts") {
        return;
    }
    let path = write(&swedish_sheet(), "fonts");
    let out = run("pdffonts", &[path.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "pdffonts: {out:?}");
    let listing = String::from_utf8(out.stdout).expect("pdffonts prints UTF-8");
    let fonts: Vec<&str> = listing
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(fonts.len() >= 2, "regular and bold expected:\n{listing}");
    for line in &fonts {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // name type... encoding emb sub uni object-number generation
        let emb = cols.len().checked_sub(5).map(|i| cols[i]);
        assert_eq!(emb, Some("yes"), "not embedded: {line}\n{listing}");
        assert!(line.contains("DejaVuSans"), "{line}");
    }
    let _ = std::fs::remove_file(path);
}
