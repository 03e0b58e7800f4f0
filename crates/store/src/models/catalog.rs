//! The scheme catalogue: technical areas («Teknikområde»), certificate types
//! («Certifikat»), their moment templates and the versioned commitment texts.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use domain::certification::{MomentKind, Subject};

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::schema::{areas, certificate_types, commitment_texts, moment_templates};

/// The English text for `en`, the Swedish one otherwise (Swedish is the default).
fn by_lang<'a>(lang: &str, sv: &'a str, en: &'a str) -> &'a str {
    if lang == "en" {
        en
    } else {
        sv
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = areas)]
pub struct Area {
    pub id: String,
    pub code: String,
    pub name_sv: String,
    pub name_en: String,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = certificate_types)]
pub struct CertificateType {
    pub id: String,
    pub code: String,
    pub area_id: String,
    pub name_sv: String,
    pub name_en: String,
    /// `person` or `company`.
    pub subject: Subject,
    pub is_external: bool,
    pub fee_sek: i32,
    pub annual_renewal: bool,
    /// 0: no recertification.
    pub recertification_years: i32,
    /// 0: the validity is entered at issue (external certificates).
    pub validity_years: i32,
    /// Whether an active certificate of this type keeps a company certificate active.
    pub qualifies_company: bool,
    pub commitment_code: String,
    pub sort_order: i32,
    /// False for a type closed to new applications (kat I–IV): its certificates live on.
    pub accepts_applications: bool,
    /// The activities the certificate covers, one per line (printed on the certificate).
    pub activities_sv: String,
    pub activities_en: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = moment_templates)]
pub struct MomentTemplate {
    pub id: String,
    pub type_id: String,
    pub code: String,
    pub name_sv: String,
    pub name_en: String,
    /// `file` or `staff` (domain::certification::MomentKind).
    pub kind: MomentKind,
    pub file_template: Option<String>,
    pub sort_order: i32,
    /// A moment of the type's recertification, not of its first application.
    pub for_recertification: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = commitment_texts)]
pub struct CommitmentText {
    pub id: String,
    pub code: String,
    pub version: i32,
    pub text_sv: String,
    pub text_en: String,
    pub created_at: PrimitiveDateTime,
}

impl Area {
    pub fn all(conn: &mut DbConn) -> StoreResult<Vec<Area>> {
        Ok(areas::table
            .order((areas::sort_order.asc(), areas::name_sv.asc()))
            .select(Area::as_select())
            .load(conn)?)
    }

    pub fn find_by_code(conn: &mut DbConn, code: &str) -> StoreResult<Option<Area>> {
        Ok(areas::table
            .filter(areas::code.eq(code))
            .select(Area::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn insert(conn: &mut DbConn, area: &Area) -> StoreResult<()> {
        diesel::insert_into(areas::table)
            .values(area)
            .execute(conn)?;
        Ok(())
    }

    pub fn name(&self, lang: &str) -> &str {
        by_lang(lang, &self.name_sv, &self.name_en)
    }
}

impl CertificateType {
    pub fn all(conn: &mut DbConn) -> StoreResult<Vec<CertificateType>> {
        Ok(certificate_types::table
            .order((
                certificate_types::sort_order.asc(),
                certificate_types::name_sv.asc(),
            ))
            .select(CertificateType::as_select())
            .load(conn)?)
    }

    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<CertificateType>> {
        Ok(certificate_types::table
            .find(id)
            .select(CertificateType::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn find_by_code(conn: &mut DbConn, code: &str) -> StoreResult<Option<CertificateType>> {
        Ok(certificate_types::table
            .filter(certificate_types::code.eq(code))
            .select(CertificateType::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn insert(conn: &mut DbConn, t: &CertificateType) -> StoreResult<()> {
        diesel::insert_into(certificate_types::table)
            .values(t)
            .execute(conn)?;
        Ok(())
    }

    pub fn name(&self, lang: &str) -> &str {
        by_lang(lang, &self.name_sv, &self.name_en)
    }

    /// The activities it covers, in the language, one per entry.
    pub fn activities(&self, lang: &str) -> Vec<String> {
        by_lang(lang, &self.activities_sv, &self.activities_en)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Gives a type its activities when it has none yet (a type added before they were
    /// part of the catalogue); activities an administrator edited stay.
    pub fn fill_activities(
        conn: &mut DbConn,
        id: &str,
        activities_sv: &str,
        activities_en: &str,
    ) -> StoreResult<()> {
        diesel::update(
            certificate_types::table
                .find(id)
                .filter(certificate_types::activities_sv.eq(""))
                .filter(certificate_types::activities_en.eq("")),
        )
        .set((
            certificate_types::activities_sv.eq(activities_sv),
            certificate_types::activities_en.eq(activities_en),
        ))
        .execute(conn)?;
        Ok(())
    }
}

impl MomentTemplate {
    /// The moments of a first application of the type.
    pub fn for_type(conn: &mut DbConn, type_id: &str) -> StoreResult<Vec<MomentTemplate>> {
        Self::of_type(conn, type_id, false)
    }

    /// The moments of the type's recertification.
    pub fn for_recertification(
        conn: &mut DbConn,
        type_id: &str,
    ) -> StoreResult<Vec<MomentTemplate>> {
        Self::of_type(conn, type_id, true)
    }

    fn of_type(
        conn: &mut DbConn,
        type_id: &str,
        recertification: bool,
    ) -> StoreResult<Vec<MomentTemplate>> {
        Ok(moment_templates::table
            .filter(moment_templates::type_id.eq(type_id))
            .filter(moment_templates::for_recertification.eq(recertification))
            .order(moment_templates::sort_order.asc())
            .select(MomentTemplate::as_select())
            .load(conn)?)
    }

    pub fn insert(conn: &mut DbConn, t: &MomentTemplate) -> StoreResult<()> {
        diesel::insert_into(moment_templates::table)
            .values(t)
            .execute(conn)?;
        Ok(())
    }

    pub fn exists(conn: &mut DbConn, type_id: &str, code: &str) -> StoreResult<bool> {
        let n: i64 = moment_templates::table
            .filter(moment_templates::type_id.eq(type_id))
            .filter(moment_templates::code.eq(code))
            .count()
            .get_result(conn)?;
        Ok(n > 0)
    }

    pub fn name(&self, lang: &str) -> &str {
        by_lang(lang, &self.name_sv, &self.name_en)
    }
}

impl CommitmentText {
    /// The newest version of a text: what an applicant is shown and accepts.
    pub fn current(conn: &mut DbConn, code: &str) -> StoreResult<Option<CommitmentText>> {
        Ok(commitment_texts::table
            .filter(commitment_texts::code.eq(code))
            .order(commitment_texts::version.desc())
            .select(CommitmentText::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<CommitmentText>> {
        Ok(commitment_texts::table
            .find(id)
            .select(CommitmentText::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn exists(conn: &mut DbConn, code: &str, version: i32) -> StoreResult<bool> {
        let n: i64 = commitment_texts::table
            .filter(commitment_texts::code.eq(code))
            .filter(commitment_texts::version.eq(version))
            .count()
            .get_result(conn)?;
        Ok(n > 0)
    }

    pub fn insert(conn: &mut DbConn, t: &CommitmentText) -> StoreResult<()> {
        diesel::insert_into(commitment_texts::table)
            .values(t)
            .execute(conn)?;
        Ok(())
    }

    pub fn text(&self, lang: &str) -> &str {
        by_lang(lang, &self.text_sv, &self.text_en)
    }
}

/// The scheme's areas, certificate types and moment templates, read once when the portal
/// starts. Only the catalogue's load writes them (what is missing by code is added; nothing
/// updates or deletes them), so pages that name them need neither a statement nor a join
/// of their own: on PostgreSQL each statement is a network round trip, and the review
/// queue's join of the three was a third of its rows' statement.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    /// By sort order, then Swedish name.
    pub areas: Vec<Area>,
    /// By sort order, then Swedish name.
    pub types: Vec<CertificateType>,
    pub templates: Vec<MomentTemplate>,
}

impl Catalogue {
    pub fn read(conn: &mut DbConn) -> StoreResult<Catalogue> {
        Ok(Catalogue {
            areas: Area::all(conn)?,
            types: CertificateType::all(conn)?,
            templates: moment_templates::table
                .order((
                    moment_templates::type_id.asc(),
                    moment_templates::sort_order.asc(),
                ))
                .select(MomentTemplate::as_select())
                .load(conn)?,
        })
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    pub fn cert_type(&self, id: &str) -> Option<&CertificateType> {
        self.types.iter().find(|t| t.id == id)
    }

    pub fn template(&self, id: &str) -> Option<&MomentTemplate> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// This catalogue if `knows` it, else the catalogue read again: an instance started
    /// before another one added to the catalogue may meet a row of a type or template it
    /// has not read, and names that page's rows from the database's catalogue.
    pub fn or_fresh(
        &self,
        conn: &mut DbConn,
        knows: impl Fn(&Catalogue) -> bool,
    ) -> StoreResult<std::borrow::Cow<'_, Catalogue>> {
        Ok(if knows(self) {
            std::borrow::Cow::Borrowed(self)
        } else {
            std::borrow::Cow::Owned(Catalogue::read(conn)?)
        })
    }

    /// A certificate type and its area.
    pub fn of_type(&self, type_id: &str) -> Option<(&CertificateType, &Area)> {
        let cert_type = self.cert_type(type_id)?;
        Some((cert_type, self.area(&cert_type.area_id)?))
    }

    /// A moment's template, its certificate type and the type's area.
    pub fn of_moment(
        &self,
        template_id: &str,
        type_id: &str,
    ) -> Option<(&MomentTemplate, &CertificateType, &Area)> {
        let (cert_type, area) = self.of_type(type_id)?;
        Some((self.template(template_id)?, cert_type, area))
    }
}
