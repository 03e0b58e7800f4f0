//! A case's moments («Moment»), their reviews, and the officers' queue.

use std::collections::HashMap;

use diesel::dsl::exists;
use diesel::prelude::*;
use time::PrimitiveDateTime;

use domain::certification::{CaseStatus, MomentStatus};

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::catalog::{Area, CertificateType, MomentTemplate};
use crate::models::file::FileMeta;
use crate::models::Page;
use crate::schema::{
    areas, cases, certificate_types, files, moment_reviews, moment_templates, moments, persons,
};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = moments)]
pub struct Moment {
    pub id: String,
    pub case_id: String,
    pub template_id: String,
    pub status: MomentStatus,
    pub review_comment: String,
    pub created_at: PrimitiveDateTime,
    pub created_by: String,
    pub updated_at: PrimitiveDateTime,
    pub updated_by: String,
    pub awaiting_since: Option<PrimitiveDateTime>,
    pub sort_order: i32,
}

/// A moment as the «Moment» tab shows it.
#[derive(Debug, Clone)]
pub struct MomentRow {
    pub moment: Moment,
    pub template: MomentTemplate,
    pub latest_file: Option<FileMeta>,
    pub created_by_name: String,
    pub updated_by_name: String,
}

/// A moment in the officers' queue.
#[derive(Debug, Clone)]
pub struct QueueRow {
    pub moment: Moment,
    pub template: MomentTemplate,
    pub case_number: i64,
    pub cert_type: CertificateType,
    pub area: Area,
    pub person_name: String,
}

/// Filters of the review queue.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub area_id: Option<String>,
    pub type_id: Option<String>,
}

fn names(conn: &mut DbConn, ids: Vec<String>) -> StoreResult<HashMap<String, String>> {
    let rows: Vec<(String, String, String)> = persons::table
        .filter(persons::id.eq_any(ids))
        .select((persons::id, persons::first_name, persons::last_name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, f, l)| (id, format!("{f} {l}")))
        .collect())
}

impl Moment {
    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<(Moment, MomentTemplate)>> {
        Ok(moments::table
            .inner_join(moment_templates::table)
            .filter(moments::id.eq(id))
            .select((Moment::as_select(), MomentTemplate::as_select()))
            .first(conn)
            .optional()?)
    }

    pub fn statuses(conn: &mut DbConn, case_id: &str) -> StoreResult<Vec<MomentStatus>> {
        Ok(moments::table
            .filter(moments::case_id.eq(case_id))
            .select(moments::status)
            .load(conn)?)
    }

    /// The case's moments with their latest file and the names behind them, in three
    /// queries whatever the number of moments.
    pub fn for_case(conn: &mut DbConn, case_id: &str) -> StoreResult<Vec<MomentRow>> {
        let rows: Vec<(Moment, MomentTemplate)> = moments::table
            .inner_join(moment_templates::table)
            .filter(moments::case_id.eq(case_id))
            .order((moments::created_at.desc(), moments::sort_order.asc()))
            .select((Moment::as_select(), MomentTemplate::as_select()))
            .load(conn)?;
        let all_files: Vec<FileMeta> = files::table
            .filter(files::case_id.eq(case_id))
            .order((files::uploaded_at.asc(), files::id.asc()))
            .select(FileMeta::as_select())
            .load(conn)?;
        let mut latest: HashMap<String, FileMeta> = HashMap::new();
        for f in all_files {
            latest.insert(f.moment_id.clone(), f);
        }
        let ids = rows
            .iter()
            .flat_map(|(m, _)| [m.created_by.clone(), m.updated_by.clone()])
            .collect();
        let names = names(conn, ids)?;
        Ok(rows
            .into_iter()
            .map(|(moment, template)| MomentRow {
                latest_file: latest.remove(&moment.id),
                created_by_name: names.get(&moment.created_by).cloned().unwrap_or_default(),
                updated_by_name: names.get(&moment.updated_by).cloned().unwrap_or_default(),
                moment,
                template,
            })
            .collect())
    }

    /// Sets the status; `expected` guards against a concurrent change (false: someone
    /// else changed it first).
    pub fn set_status(
        conn: &mut DbConn,
        id: &str,
        expected: MomentStatus,
        status: MomentStatus,
        comment: &str,
        actor: &str,
    ) -> StoreResult<bool> {
        let now = crate::now();
        let awaiting = status.awaits_review().then_some(now);
        let n = diesel::update(moments::table.find(id).filter(moments::status.eq(expected)))
            .set((
                moments::status.eq(status),
                moments::review_comment.eq(comment),
                moments::updated_at.eq(now),
                moments::updated_by.eq(actor),
                moments::awaiting_since.eq(awaiting),
            ))
            .execute(conn)?;
        Ok(n == 1)
    }

    pub fn record_review(
        conn: &mut DbConn,
        moment_id: &str,
        case_id: &str,
        reviewer_id: &str,
        approved: bool,
        comment: &str,
    ) -> StoreResult<()> {
        diesel::insert_into(moment_reviews::table)
            .values((
                moment_reviews::id.eq(crate::new_id()),
                moment_reviews::moment_id.eq(moment_id),
                moment_reviews::case_id.eq(case_id),
                moment_reviews::reviewer_id.eq(reviewer_id),
                moment_reviews::approved.eq(approved),
                moment_reviews::comment.eq(comment),
                moment_reviews::at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Everyone who ever reviewed a moment of the case.
    pub fn reviewers(conn: &mut DbConn, case_id: &str) -> StoreResult<Vec<String>> {
        Ok(moment_reviews::table
            .filter(moment_reviews::case_id.eq(case_id))
            .select(moment_reviews::reviewer_id)
            .distinct()
            .load(conn)?)
    }

    /// Moments «Inväntar granskning», oldest first.
    pub fn review_queue(
        conn: &mut DbConn,
        filter: &QueueFilter,
        page: i64,
        per_page: i64,
    ) -> StoreResult<Page<QueueRow>> {
        let base = || {
            let mut q = moments::table
                .inner_join(moment_templates::table)
                .inner_join(
                    cases::table
                        .inner_join(certificate_types::table.inner_join(areas::table))
                        .inner_join(persons::table),
                )
                .filter(moments::status.eq(MomentStatus::AwaitingReview))
                // The case's status is probed, not filtered on the join: with a filter on
                // the joined cases the planner may start from every open case and sort all
                // their queued moments, where moments_queue gives the page in order.
                .filter(exists({
                    let open = diesel::alias!(cases as open_case);
                    open.filter(open.field(cases::id).eq(moments::case_id))
                        .filter(open.field(cases::status).eq(CaseStatus::InProgress))
                        .select(open.field(cases::id))
                }))
                .into_boxed();
            if let Some(a) = &filter.area_id {
                q = q.filter(certificate_types::area_id.eq(a.clone()));
            }
            if let Some(t) = &filter.type_id {
                q = q.filter(cases::type_id.eq(t.clone()));
            }
            q
        };
        // The count reads no more than it filters on: every row of the page query's other
        // joins exists (foreign keys). Unfiltered (the hub and the queue's first view), the
        // queued moments come from moments_queue_cases alone and each one's case is probed
        // by its key: a correlated EXISTS keeps that order, which a join's planner need not.
        let total: i64 = if filter.area_id.is_none() && filter.type_id.is_none() {
            moments::table
                .filter(moments::status.eq(MomentStatus::AwaitingReview))
                .filter(exists(
                    cases::table
                        .filter(cases::id.eq(moments::case_id))
                        .filter(cases::status.eq(CaseStatus::InProgress))
                        .select(cases::id),
                ))
                .count()
                .get_result(conn)?
        } else {
            let mut q = moments::table
                .inner_join(cases::table)
                .filter(moments::status.eq(MomentStatus::AwaitingReview))
                .filter(cases::status.eq(CaseStatus::InProgress))
                .into_boxed();
            if let Some(a) = &filter.area_id {
                q = q.filter(
                    cases::type_id.eq_any(
                        certificate_types::table
                            .filter(certificate_types::area_id.eq(a.clone()))
                            .select(certificate_types::id),
                    ),
                );
            }
            if let Some(t) = &filter.type_id {
                q = q.filter(cases::type_id.eq(t.clone()));
            }
            q.count().get_result(conn)?
        };
        let rows: Vec<(
            Moment,
            MomentTemplate,
            i64,
            CertificateType,
            Area,
            String,
            String,
        )> = base()
            .order((moments::awaiting_since.asc(), moments::id.asc()))
            .limit(per_page)
            .offset(Page::<()>::offset(page, per_page))
            .select((
                Moment::as_select(),
                MomentTemplate::as_select(),
                cases::number,
                CertificateType::as_select(),
                Area::as_select(),
                persons::first_name,
                persons::last_name,
            ))
            .load(conn)?;
        let items = rows
            .into_iter()
            .map(
                |(moment, template, case_number, cert_type, area, f, l)| QueueRow {
                    moment,
                    template,
                    case_number,
                    cert_type,
                    area,
                    person_name: format!("{f} {l}"),
                },
            )
            .collect();
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }
}

/// One review of a moment, with the reviewer's name, as the review page lists them.
#[derive(Debug, Clone)]
pub struct ReviewRow {
    pub approved: bool,
    pub comment: String,
    pub at: PrimitiveDateTime,
    pub reviewer_name: String,
}

impl Moment {
    /// Every review of one moment, newest first.
    pub fn reviews(conn: &mut DbConn, moment_id: &str) -> StoreResult<Vec<ReviewRow>> {
        let rows: Vec<(bool, String, PrimitiveDateTime, String)> = moment_reviews::table
            .filter(moment_reviews::moment_id.eq(moment_id))
            .order((moment_reviews::at.desc(), moment_reviews::id.desc()))
            .select((
                moment_reviews::approved,
                moment_reviews::comment,
                moment_reviews::at,
                moment_reviews::reviewer_id,
            ))
            .load(conn)?;
        let names = names(conn, rows.iter().map(|r| r.3.clone()).collect())?;
        Ok(rows
            .into_iter()
            .map(|(approved, comment, at, reviewer)| ReviewRow {
                approved,
                comment,
                at,
                reviewer_name: names.get(&reviewer).cloned().unwrap_or_default(),
            })
            .collect())
    }
}
