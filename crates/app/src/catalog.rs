//! Loads the scheme catalogue shipped in `catalog/catalog.toml` into the database: what is
//! missing (by code) is added, what administrators already have is left alone.

use serde::Deserialize;
use store::models::catalog::{Area, CertificateType, CommitmentText, MomentTemplate};
use store::models::exam::ExamKind;
use store::StoreResult;

/// The catalogue compiled into the binary, so a fresh start needs no other file.
pub const SHIPPED: &str = include_str!("../../../catalog/catalog.toml");

#[derive(Debug, Deserialize)]
pub struct Catalog {
    #[serde(default)]
    pub commitments: Vec<CommitmentDef>,
    #[serde(default)]
    pub areas: Vec<AreaDef>,
    #[serde(default)]
    pub types: Vec<TypeDef>,
    #[serde(default)]
    pub exam_kinds: Vec<ExamKindDef>,
}

#[derive(Debug, Deserialize)]
pub struct ExamKindDef {
    pub code: String,
    pub name_sv: String,
    pub name_en: String,
    pub max_points: i32,
    pub pass_points: i32,
    pub valid_months: i32,
    pub max_attempts: i32,
    #[serde(default)]
    pub bring_sv: String,
    #[serde(default)]
    pub bring_en: String,
    /// The moments a passed result satisfies.
    pub satisfies: Vec<Satisfies>,
}

#[derive(Debug, Deserialize)]
pub struct Satisfies {
    /// A certificate type's code.
    #[serde(rename = "type")]
    pub type_code: String,
    /// One of its moments' codes.
    pub moment: String,
}

#[derive(Debug, Deserialize)]
pub struct CommitmentDef {
    pub code: String,
    pub version: i32,
    pub text_sv: String,
    pub text_en: String,
}

#[derive(Debug, Deserialize)]
pub struct AreaDef {
    pub code: String,
    pub name_sv: String,
    pub name_en: String,
}

#[derive(Debug, Deserialize)]
pub struct TypeDef {
    pub code: String,
    pub area: String,
    pub name_sv: String,
    pub name_en: String,
    pub subject: domain::certification::Subject,
    pub is_external: bool,
    pub fee_sek: i32,
    pub annual_renewal: bool,
    pub recertification_years: i32,
    pub validity_years: i32,
    pub qualifies_company: bool,
    pub commitment: String,
    pub moments: Vec<MomentDef>,
    /// The moments of a recertification (types with `recertification_years` > 0).
    #[serde(default)]
    pub recertification_moments: Vec<MomentDef>,
    /// False: closed to new applications; its issued certificates live on.
    #[serde(default = "open")]
    pub accepts_applications: bool,
    /// The activities the certificate covers, printed on it (one entry per activity).
    #[serde(default)]
    pub activities_sv: Vec<String>,
    #[serde(default)]
    pub activities_en: Vec<String>,
}

fn open() -> bool {
    true
}

#[derive(Debug, Deserialize)]
pub struct MomentDef {
    pub code: String,
    pub name_sv: String,
    pub name_en: String,
    pub kind: domain::certification::MomentKind,
    #[serde(default)]
    pub file_template: Option<String>,
}

impl Catalog {
    pub fn parse(text: &str) -> anyhow::Result<Catalog> {
        let catalog: Catalog = toml::from_str(text)?;
        catalog.check()?;
        Ok(catalog)
    }

    /// Refuses a catalogue whose references do not resolve, before anything is written.
    fn check(&self) -> anyhow::Result<()> {
        for t in &self.types {
            if !self.areas.iter().any(|a| a.code == t.area) {
                anyhow::bail!("type {}: unknown area {}", t.code, t.area);
            }
            if !self.commitments.iter().any(|c| c.code == t.commitment) {
                anyhow::bail!("type {}: unknown commitment text {}", t.code, t.commitment);
            }
            if t.moments.is_empty() {
                anyhow::bail!("type {}: needs at least one moment", t.code);
            }
            if t.recertification_years > 0 && t.recertification_moments.is_empty() {
                anyhow::bail!("type {}: recertification needs its moments", t.code);
            }
            if t.recertification_moments
                .iter()
                .any(|r| t.moments.iter().any(|m| m.code == r.code))
            {
                anyhow::bail!(
                    "type {}: a recertification moment reuses a moment's code",
                    t.code
                );
            }
        }
        for k in &self.exam_kinds {
            if !(0 < k.pass_points && k.pass_points <= k.max_points) {
                anyhow::bail!(
                    "exam kind {}: the pass mark must lie within the points",
                    k.code
                );
            }
            for s in &k.satisfies {
                let t = self.types.iter().find(|t| t.code == s.type_code);
                let m = t.and_then(|t| t.moments.iter().find(|m| m.code == s.moment));
                match m {
                    Some(m) if m.kind == domain::certification::MomentKind::Exam => {}
                    _ => anyhow::bail!(
                        "exam kind {}: {} has no exam moment {}",
                        k.code,
                        s.type_code,
                        s.moment
                    ),
                }
            }
        }
        Ok(())
    }
}

/// Adds what the database lacks, in one write transaction; returns how many records were
/// added. Runs at every start: what is there already is left as it is.
pub fn load(c: &mut store::DbConn, catalog: &Catalog) -> crate::Result<usize> {
    crate::tx(c, |c| Ok(load_into(c, catalog)?))
}

fn load_into(c: &mut store::DbConn, catalog: &Catalog) -> StoreResult<usize> {
    let mut added = 0;
    for def in &catalog.commitments {
        if !CommitmentText::exists(c, &def.code, def.version)? {
            CommitmentText::insert(
                c,
                &CommitmentText {
                    id: store::new_id(),
                    code: def.code.clone(),
                    version: def.version,
                    text_sv: def.text_sv.trim().to_string(),
                    text_en: def.text_en.trim().to_string(),
                    created_at: store::now(),
                },
            )?;
            added += 1;
        }
    }
    for (i, def) in catalog.areas.iter().enumerate() {
        if Area::find_by_code(c, &def.code)?.is_none() {
            Area::insert(
                c,
                &Area {
                    id: store::new_id(),
                    code: def.code.clone(),
                    name_sv: def.name_sv.clone(),
                    name_en: def.name_en.clone(),
                    sort_order: i as i32,
                },
            )?;
            added += 1;
        }
    }
    for (i, def) in catalog.types.iter().enumerate() {
        let activities_sv = def.activities_sv.join("\n");
        let activities_en = def.activities_en.join("\n");
        let type_id = match CertificateType::find_by_code(c, &def.code)? {
            Some(t) => {
                if t.activities_sv.is_empty() && t.activities_en.is_empty() {
                    CertificateType::fill_activities(c, &t.id, &activities_sv, &activities_en)?;
                }
                t.id
            }
            None => {
                let Some(area) = Area::find_by_code(c, &def.area)? else {
                    continue;
                };
                let id = store::new_id();
                CertificateType::insert(
                    c,
                    &CertificateType {
                        id: id.clone(),
                        code: def.code.clone(),
                        area_id: area.id,
                        name_sv: def.name_sv.clone(),
                        name_en: def.name_en.clone(),
                        subject: def.subject,
                        is_external: def.is_external,
                        fee_sek: def.fee_sek,
                        annual_renewal: def.annual_renewal,
                        recertification_years: def.recertification_years,
                        validity_years: def.validity_years,
                        qualifies_company: def.qualifies_company,
                        commitment_code: def.commitment.clone(),
                        sort_order: i as i32,
                        accepts_applications: def.accepts_applications,
                        activities_sv,
                        activities_en,
                    },
                )?;
                added += 1;
                id
            }
        };
        let moments = def.moments.iter().map(|m| (m, false));
        let recertification = def.recertification_moments.iter().map(|m| (m, true));
        for (j, (m, for_recertification)) in moments.chain(recertification).enumerate() {
            if !MomentTemplate::exists(c, &type_id, &m.code)? {
                MomentTemplate::insert(
                    c,
                    &MomentTemplate {
                        id: store::new_id(),
                        type_id: type_id.clone(),
                        code: m.code.clone(),
                        name_sv: m.name_sv.clone(),
                        name_en: m.name_en.clone(),
                        kind: m.kind,
                        file_template: m.file_template.clone(),
                        sort_order: j as i32,
                        for_recertification,
                    },
                )?;
                added += 1;
            }
        }
    }
    for (i, def) in catalog.exam_kinds.iter().enumerate() {
        let kind_id = match ExamKind::find_by_code(c, &def.code)? {
            Some(k) => k.id,
            None => {
                let id = store::new_id();
                ExamKind::insert(
                    c,
                    &ExamKind {
                        id: id.clone(),
                        code: def.code.clone(),
                        name_sv: def.name_sv.clone(),
                        name_en: def.name_en.clone(),
                        max_points: def.max_points,
                        pass_points: def.pass_points,
                        valid_months: def.valid_months,
                        max_attempts: def.max_attempts,
                        bring_sv: def.bring_sv.clone(),
                        bring_en: def.bring_en.clone(),
                        sort_order: i as i32,
                    },
                )?;
                added += 1;
                id
            }
        };
        for s in &def.satisfies {
            let Some(t) = CertificateType::find_by_code(c, &s.type_code)? else {
                continue;
            };
            let template = MomentTemplate::for_type(c, &t.id)?
                .into_iter()
                .find(|m| m.code == s.moment);
            if let Some(template) = template {
                if ExamKind::link_moment(c, &kind_id, &template.id)? {
                    added += 1;
                }
            }
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_catalogue_parses_and_has_the_manuals_scheme() {
        let c = Catalog::parse(SHIPPED).expect("shipped catalogue");
        let t = c
            .types
            .iter()
            .find(|t| t.name_sv == "Personcertifikat f-gas kat V - Externt")
            .expect("kat V");
        assert_eq!(t.fee_sek, 0);
        assert!(!t.annual_renewal && t.recertification_years == 0);
        assert_eq!(t.moments[0].name_sv, "Kopia av aktivt extern certifikat");
        assert!(c.areas.len() >= 2);
        assert!(c.types.iter().any(|t| t.moments.len() >= 2));
        // The F-gas person certificates of both regulations, with a life after issue.
        for cat in ["I", "II", "III", "IV", "A1", "A2", "B", "C", "D", "E"] {
            let name = format!("Personcertifikat f-gas kat {cat}");
            let t = c.types.iter().find(|t| t.name_sv == name).expect(&name);
            assert_eq!(t.validity_years, 5, "{name}");
            assert!(t.annual_renewal && t.recertification_years == 5, "{name}");
            assert!(t.qualifies_company, "{name}");
            assert_eq!(t.moments[0].name_sv, "Utbildningsintyg");
            assert_eq!(t.moments[1].name_sv, "Kontroll av behörighet");
            assert_eq!(t.moments[2].name_sv, "Teoretiskt prov");
            assert_eq!(t.moments[3].name_sv, "Praktiskt prov");
            let theory = format!("Teoretiskt prov kat {cat}");
            let k = c
                .exam_kinds
                .iter()
                .find(|k| k.name_sv == theory)
                .expect(&theory);
            assert_eq!(k.satisfies[0].type_code, t.code);
            assert_eq!(k.satisfies[0].moment, t.moments[2].code);
            assert_eq!(
                t.recertification_moments[0].name_sv,
                "Intyg om yrkesverksamhet"
            );
            // The 2015/2067 categories take no new applications.
            let closed = ["I", "II", "III", "IV"].contains(&cat);
            assert_eq!(t.accepts_applications, !closed, "{name}");
        }
    }

    #[test]
    fn broken_references_are_refused() {
        let bad = SHIPPED.replacen("area = \"externt\"", "area = \"nowhere\"", 1);
        assert!(Catalog::parse(&bad).is_err());
    }
}
