//! The name a download is saved under. The extension comes from the type we sniffed when
//! the file was uploaded, never from the uploader's name: a PDF/HTML polyglot uploaded as
//! `x.html` must not be saved as `.html`, where opening it locally would run its script.
//! The name is sent both ways RFC 6266 asks: a plain ASCII `filename` for old clients and
//! an RFC 5987 `filename*` (UTF-8, percent-encoded, spaces as `%20`, never `+`).

/// The extension for a sniffed content type; anything else downloads as `.bin`.
fn extension(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        _ => "bin",
    }
}

/// The uploader's name without its extension and without characters that mean something
/// to a file system or a header; at most 100 characters, never empty.
fn stem(original: &str) -> String {
    let base = original.rsplit(['/', '\\']).next().unwrap_or("");
    let base = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    let cleaned: String = base
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '"' | '\\' | '/' | ':' | '*' | '?' | '<' | '>' | '|')
        })
        .take(100)
        .collect();
    let cleaned = cleaned.trim().trim_matches('.').to_string();
    if cleaned.is_empty() {
        "fil".to_string()
    } else {
        cleaned
    }
}

/// RFC 5987 `attr-char`s stay, everything else is percent-encoded byte by byte.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `Content-Disposition` value for a stored file.
pub fn content_disposition(inline: bool, original_name: &str, content_type: &str) -> String {
    let name = format!("{}.{}", stem(original_name), extension(content_type));
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "{}; filename=\"{ascii}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        percent_encode(&name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_follows_the_sniffed_type() {
        assert_eq!(
            content_disposition(false, "x.html", "application/pdf"),
            "attachment; filename=\"x.pdf\"; filename*=UTF-8''x.pdf"
        );
        assert!(content_disposition(false, "bild.PNG", "image/jpeg").ends_with("bild.jpg"));
        assert!(content_disposition(false, "noext", "image/png").ends_with("noext.png"));
    }

    #[test]
    fn names_are_encoded_per_rfc_5987() {
        let d = content_disposition(false, "my evidence file.pdf", "application/pdf");
        assert_eq!(
            d,
            "attachment; filename=\"my evidence file.pdf\"; filename*=UTF-8''my%20evidence%20file.pdf"
        );
        let d = content_disposition(true, "intyg åäö.pdf", "application/pdf");
        assert!(d.starts_with("inline; filename=\"intyg ___.pdf\""), "{d}");
        assert!(d.ends_with("intyg%20%C3%A5%C3%A4%C3%B6.pdf"), "{d}");
    }

    #[test]
    fn hostile_names_are_cleaned() {
        let d = content_disposition(false, "../../a\"b\r\n.pdf", "application/pdf");
        assert!(
            !d.contains('\r') && !d.contains('\n') && !d.contains(".."),
            "{d}"
        );
        assert!(
            content_disposition(false, ".pdf", "application/pdf").contains("filename=\"pdf.pdf\"")
        );
        assert!(content_disposition(false, "", "text/html").contains("fil.bin"));
    }
}
