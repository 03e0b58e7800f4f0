//! What an officer's review page («Granska») of a moment rests on, read in one statement.

use diesel::prelude::*;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::case::{row_of, Case, CaseRow};
use crate::models::catalog::{Area, CertificateType, MomentTemplate};
use crate::models::moment::Moment;
use crate::models::person::Person;
use crate::prepared::PreparedDsl;
use crate::schema::{areas, cases, certificate_types, moment_templates, moments, persons};

/// A moment as its review page shows it.
#[derive(Debug, Clone)]
pub struct ReviewMoment {
    pub moment: Moment,
    pub template: MomentTemplate,
    /// The case the moment belongs to.
    pub row: CaseRow,
    /// The whole person whose case it is: the page shows their personnummer and e-mail.
    pub person: Person,
}

type Found = (Moment, MomentTemplate, Case, CertificateType, Area, Person);

impl ReviewMoment {
    /// The moment, its template, its case and the case's holder in one statement, where
    /// they were three: on PostgreSQL each statement is a round trip, and the review page
    /// made six.
    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<ReviewMoment>> {
        let found: Option<Found> = crate::native!(conn, c => moments::table
            .inner_join(moment_templates::table)
            .inner_join(cases::table.on(cases::id.eq(moments::case_id)))
            .inner_join(certificate_types::table.on(certificate_types::id.eq(cases::type_id)))
            .inner_join(areas::table.on(areas::id.eq(certificate_types::area_id)))
            .inner_join(persons::table.on(persons::id.eq(cases::person_id)))
            .filter(moments::id.eq(id))
            .select((
                Moment::as_select(),
                MomentTemplate::as_select(),
                Case::as_select(),
                CertificateType::as_select(),
                Area::as_select(),
                Person::as_select(),
            ))
            .limit(1)
            .prepared()
            .get_result(c)
            .optional())?;
        Ok(
            found.map(|(moment, template, case, cert_type, area, person)| {
                let row = row_of(case, cert_type, area, &person);
                ReviewMoment {
                    moment,
                    template,
                    row,
                    person,
                }
            }),
        )
    }
}
