//! The certificate as a PDF: one A4 page in PDF/A-2b with the holder, the certificate's
//! facts, the activities it covers, its status, a QR code of the verification address and
//! the certification body's signature block.
//!
//! It is a crate of its own because its dependencies (krilla, the QR encoder, two embedded
//! DejaVu fonts) are heavy and the page changes rarely: it depends on no other certportal
//! crate, so editing the rest of the portal never recompiles it. Every printed word arrives
//! already localised in [`Sheet`] and [`Labels`]; [`render`] only lays it out.

use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use qrcode::{EcLevel, QrCode};

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Every printed word, already in the sheet's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// "Certifikat" / "Certificate"
    pub title: String,
    /// "Innehavare" / "Holder"
    pub holder: String,
    /// "Certifikatnummer" / "Certificate number"
    pub certificate_number: String,
    /// "Certifikat" / "Certificate type"
    pub certificate_type: String,
    /// "Teknikområde" / "Field"
    pub category: String,
    /// "Omfattar" / "Covers"
    pub activities: String,
    /// "Utfärdandedatum" / "Date of issue"
    pub issued_on: String,
    /// "Giltigt till" / "Valid until"
    pub valid_until: String,
    /// "Status"
    pub status: String,
    /// "Begränsad omfattning" / "Reduced scope"
    pub scope: String,
    /// "Kontrollera certifikatet:" / "Verify this certificate:"
    pub verify: String,
    /// "För certifieringsorganet" / "For the certification body"
    pub issuer_block: String,
    /// "ÅTERKALLAT" / "WITHDRAWN"
    pub withdrawn_banner: String,
    /// The legal basis, e.g. "Utfärdat enligt förordning (EU) 2024/2215 …"; may be empty.
    pub regulation: String,
}

/// One certificate as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// "sv" or "en": the document's language tag in the PDF metadata.
    pub language: String,
    /// The certification body's name.
    pub body_name: String,
    /// The holder's full name.
    pub holder_name: String,
    pub certificate_number: String,
    pub type_name: String,
    pub category: String,
    /// The activities the certificate covers, one line each (may be none).
    pub activities: Vec<String>,
    pub issued_on: time::Date,
    pub valid_until: Option<time::Date>,
    /// Already localised, e.g. "Aktivt", "Suspenderat till 2027-05-01".
    pub status: String,
    /// Empty when the scope is not reduced.
    pub scope_note: String,
    /// Prints `labels.withdrawn_banner` large and diagonally across the page.
    pub withdrawn: bool,
    /// The QR code encodes exactly this; it is printed under the code too.
    pub verification_url: String,
    pub labels: Labels,
}

/// Why a sheet could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("an embedded font could not be read")]
    Font,
    #[error("the verification address does not fit in a QR code: {0}")]
    Qr(String),
    #[error("krilla refused the PDF/A-2b configuration: {0}")]
    Configuration(String),
    #[error("a shape on the page has no valid geometry")]
    Geometry,
    #[error("the PDF could not be written: {0}")]
    Pdf(#[from] krilla::error::KrillaError),
}

// A4 in points, and the layout's fixed lines (y grows downwards, text y is the baseline).
const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
const LEFT: f32 = 20.0 * MM;
const RIGHT: f32 = PAGE_W - 20.0 * MM;
const VALUE_X: f32 = LEFT + 150.0;
/// Everything above the QR code and signature block must end here.
const BODY_END: f32 = 615.0;
const QR_SIZE: f32 = 35.0 * MM;
const QR_TOP: f32 = 650.0;
const REGULATION_Y: f32 = 800.0;

const INK: (u8, u8, u8) = (20, 24, 31);
const MUTED: (u8, u8, u8) = (90, 98, 110);
const RULE: (u8, u8, u8) = (170, 176, 186);
const BANNER: (u8, u8, u8) = (200, 30, 30);

/// Renders the sheet as a one-page PDF/A-2b document.
pub fn render(sheet: &Sheet) -> Result<Vec<u8>, Error> {
    let fonts = Fonts {
        regular: Font::new(REGULAR.into(), 0).ok_or(Error::Font)?,
        bold: Font::new(BOLD.into(), 0).ok_or(Error::Font)?,
    };
    let qr = QrCode::with_error_correction_level(sheet.verification_url.as_bytes(), EcLevel::M)
        .map_err(|e| Error::Qr(e.to_string()))?;

    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .map_err(|e| Error::Configuration(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    document.set_metadata(metadata(sheet));

    let page_settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(Error::Geometry)?;
    let mut page = document.start_page_with(page_settings);
    let mut surface = page.surface();
    let mut pen = Pen {
        surface: &mut surface,
        fonts: &fonts,
    };
    pen.draw_sheet(sheet, &qr)?;
    surface.finish();
    page.finish();
    Ok(document.finish()?)
}

fn metadata(sheet: &Sheet) -> Metadata {
    let now = time::OffsetDateTime::now_utc();
    let created = DateTime::new(u16::try_from(now.year()).unwrap_or(0))
        .month(u8::from(now.month()))
        .day(now.day())
        .hour(now.hour())
        .minute(now.minute())
        .second(now.second())
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    Metadata::new()
        .title(format!(
            "{} {} – {}",
            sheet.labels.title, sheet.certificate_number, sheet.holder_name
        ))
        .language(sheet.language.clone())
        .creator(sheet.body_name.clone())
        .producer("certportal".to_owned())
        .creation_date(created)
}

/// YYYY-MM-DD, whatever the language.
fn iso_date(date: time::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

struct Fonts {
    regular: Font,
    bold: Font,
}

struct Pen<'a, 'b> {
    surface: &'a mut Surface<'b>,
    fonts: &'a Fonts,
}

impl Pen<'_, '_> {
    fn draw_sheet(&mut self, sheet: &Sheet, qr: &QrCode) -> Result<(), Error> {
        let l = &sheet.labels;

        // Heading: title, the body's name, a rule.
        self.text(LEFT, 78.0, &l.title, 28.0, true, INK);
        self.text(LEFT, 100.0, &sheet.body_name, 12.0, false, MUTED);
        self.hline(LEFT, RIGHT, 114.0, 0.8, RULE)?;

        // The holder, large.
        self.text(LEFT, 146.0, &l.holder, 10.0, false, MUTED);
        let mut y = 172.0;
        for line in wrap(&sheet.holder_name, RIGHT - LEFT, 22.0, true) {
            self.text(LEFT, y, &line, 22.0, true, INK);
            y += 27.0;
        }

        // The facts as label/value rows.
        let mut rows: Vec<(&str, String)> = vec![
            (&l.certificate_number, sheet.certificate_number.clone()),
            (&l.certificate_type, sheet.type_name.clone()),
            (&l.category, sheet.category.clone()),
            (&l.issued_on, iso_date(sheet.issued_on)),
        ];
        if let Some(until) = sheet.valid_until {
            rows.push((&l.valid_until, iso_date(until)));
        }
        rows.push((&l.status, sheet.status.clone()));
        if !sheet.scope_note.trim().is_empty() {
            rows.push((&l.scope, sheet.scope_note.clone()));
        }
        y += 14.0;
        for (label, value) in rows {
            self.text(LEFT, y, label, 10.0, false, MUTED);
            let lines = wrap(&value, RIGHT - VALUE_X, 11.5, false);
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    y += 15.0;
                }
                self.text(VALUE_X, y, line, 11.5, false, INK);
            }
            y += 21.0;
        }

        // The activities as a list, in as small a type as it takes to fit above the QR code.
        if !sheet.activities.is_empty() {
            y += 4.0;
            self.text(LEFT, y, &l.activities, 10.0, false, MUTED);
            self.activities(&sheet.activities, y)?;
        }

        self.qr_block(sheet, qr)?;
        self.signature(sheet)?;

        if !l.regulation.trim().is_empty() {
            let lines = wrap(&l.regulation, RIGHT - LEFT, 8.5, false);
            let mut ry = REGULATION_Y - 11.0 * (lines.len().saturating_sub(1) as f32);
            for line in &lines {
                self.text(LEFT, ry, line, 8.5, false, MUTED);
                ry += 11.0;
            }
        }

        if sheet.withdrawn {
            self.banner(&l.withdrawn_banner)?;
        }
        Ok(())
    }

    fn activities(&mut self, activities: &[String], top: f32) -> Result<(), Error> {
        let width = RIGHT - VALUE_X;
        for size in [11.0_f32, 10.0, 9.0, 8.0, 7.0, 6.0] {
            let leading = size * 1.35;
            let lines: Vec<String> = activities
                .iter()
                .flat_map(|a| {
                    let mut ls = wrap(a, width - size, size, false);
                    if let Some(first) = ls.first_mut() {
                        *first = format!("• {first}");
                    }
                    for l in ls.iter_mut().skip(1) {
                        *l = format!("  {l}");
                    }
                    ls
                })
                .collect();
            let needed = leading * (lines.len() as f32 - 1.0);
            if top + needed <= BODY_END || size <= 6.0 {
                let mut y = top;
                for line in &lines {
                    if y > BODY_END + 20.0 {
                        break;
                    }
                    self.text(VALUE_X, y, line, size, false, INK);
                    y += leading;
                }
                return Ok(());
            }
        }
        Ok(())
    }

    /// The verification prompt, the QR code (quiet zone included in its 35 mm) and the
    /// address on one line under it.
    fn qr_block(&mut self, sheet: &Sheet, qr: &QrCode) -> Result<(), Error> {
        self.text(LEFT, QR_TOP - 6.0, &sheet.labels.verify, 10.0, false, MUTED);
        let quiet = 4;
        let modules = qr.width();
        let module = QR_SIZE / (modules + 2 * quiet) as f32;
        let colors = qr.to_colors();
        let mut path = PathBuilder::new();
        for row in 0..modules {
            let mut col = 0;
            while col < modules {
                if colors[row * modules + col] == qrcode::Color::Dark {
                    let start = col;
                    while col < modules && colors[row * modules + col] == qrcode::Color::Dark {
                        col += 1;
                    }
                    let x = LEFT + (start + quiet) as f32 * module;
                    let y = QR_TOP + (row + quiet) as f32 * module;
                    let rect = Rect::from_xywh(x, y, (col - start) as f32 * module, module)
                        .ok_or(Error::Geometry)?;
                    path.push_rect(rect);
                } else {
                    col += 1;
                }
            }
        }
        let path = path.finish().ok_or(Error::Geometry)?;
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::new(0, 0, 0).into(),
            ..Fill::default()
        }));
        self.surface.draw_path(&path);

        let url_size = fit_size(&sheet.verification_url, RIGHT - LEFT, 9.0, 6.0);
        self.text(
            LEFT,
            QR_TOP + QR_SIZE + 12.0,
            &sheet.verification_url,
            url_size,
            false,
            INK,
        );
        Ok(())
    }

    /// "For the certification body", a line to sign on and the body's name under it.
    fn signature(&mut self, sheet: &Sheet) -> Result<(), Error> {
        let x0 = PAGE_W / 2.0 + 30.0;
        self.text(
            x0,
            QR_TOP + 18.0,
            &sheet.labels.issuer_block,
            10.0,
            false,
            MUTED,
        );
        self.hline(x0, RIGHT, QR_TOP + 70.0, 0.7, INK)?;
        let size = fit_size(&sheet.body_name, RIGHT - x0, 10.0, 7.0);
        self.text(x0, QR_TOP + 84.0, &sheet.body_name, size, false, INK);
        Ok(())
    }

    /// The withdrawn banner, large and diagonal over the text, lower left to upper right;
    /// it stays above the QR code so that a withdrawn certificate still scans.
    fn banner(&mut self, text: &str) -> Result<(), Error> {
        let angle = -45.0_f32;
        let (cx, cy) = (PAGE_W / 2.0, (146.0 + BODY_END) / 2.0);
        let room = (BODY_END - 146.0) / angle.to_radians().sin().abs();
        let unit = text_width(text, 1.0, true).max(1.0);
        let size = (0.85 * room / (unit + 0.7)).min(110.0);
        self.surface
            .push_transform(&Transform::from_rotate_at(angle, cx, cy));
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::new(BANNER.0, BANNER.1, BANNER.2).into(),
            opacity: NormalizedF32::new(0.35).ok_or(Error::Geometry)?,
            ..Fill::default()
        }));
        self.surface.draw_text(
            Point::from_xy(cx - unit * size / 2.0, cy + size * 0.36),
            self.fonts.bold.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
        self.surface.pop();
        Ok(())
    }

    fn text(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool, color: (u8, u8, u8)) {
        if text.is_empty() {
            return;
        }
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::new(color.0, color.1, color.2).into(),
            ..Fill::default()
        }));
        let font = if bold {
            self.fonts.bold.clone()
        } else {
            self.fonts.regular.clone()
        };
        self.surface.draw_text(
            Point::from_xy(x, y),
            font,
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    fn hline(
        &mut self,
        x0: f32,
        x1: f32,
        y: f32,
        width: f32,
        color: (u8, u8, u8),
    ) -> Result<(), Error> {
        let mut path = PathBuilder::new();
        path.move_to(x0, y);
        path.line_to(x1, y);
        let path = path.finish().ok_or(Error::Geometry)?;
        self.surface.set_fill(None);
        self.surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(color.0, color.1, color.2).into(),
            width,
            ..Stroke::default()
        }));
        self.surface.draw_path(&path);
        self.surface.set_stroke(None);
        Ok(())
    }
}

/// An estimate of a DejaVu Sans line's width in points (krilla does not expose glyph
/// advances); on the generous side, so wrapped lines stay inside the margins.
fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let em: f32 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' => 0.30,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '/' | '-' => 0.40,
            'm' | 'w' | 'M' | 'W' => 0.98,
            c if c.is_ascii_digit() => 0.64,
            c if c.is_uppercase() => 0.74,
            _ => 0.62,
        })
        .sum();
    em * size * if bold { 1.1 } else { 1.0 }
}

/// The largest size from `max` down to `min` at which the line fits `width`.
fn fit_size(text: &str, width: f32, max: f32, min: f32) -> f32 {
    let unit = text_width(text, 1.0, false).max(0.01);
    (width / unit).clamp(min, max)
}

/// Splits text at spaces into lines no wider than `width`; a single word wider than the
/// line stays whole on its own line.
fn wrap(text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size, bold) > width {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso() {
        let d = time::Date::from_calendar_date(2026, time::Month::March, 5);
        assert_eq!(d.map(iso_date).ok().as_deref(), Some("2026-03-05"));
    }

    #[test]
    fn wrap_keeps_every_word_in_order() {
        let text =
            "Installation, service och underhåll av fast monterade kyl- och värmepumpsutrustningar";
        let lines = wrap(text, 150.0, 11.0, false);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        assert!(lines
            .iter()
            .all(|l| text_width(l, 11.0, false) <= 150.0 || !l.contains(' ')));
    }
}
