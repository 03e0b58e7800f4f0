//! A case's moments («Moment»), their reviews, and the officers' queue.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use domain::certification::MomentStatus;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::catalog::{Area, Catalogue, CertificateType, MomentTemplate};
use crate::models::file::FileMeta;
use crate::models::Page;
use crate::prepared::PreparedDsl;
use crate::schema::{
    cases, files, moment_reviews, moment_templates, moments, persons, review_queue,
    review_queue_counts, review_queue_days,
};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = moments)]
pub struct Moment {
    pub id: String,
    pub case_id: String,
    pub template_id: String,
    pub status: MomentStatus,
    pub review_comment: String,
    #[diesel(deserialize_as = crate::stamp::Stamp)]
    pub created_at: PrimitiveDateTime,
    pub created_by: String,
    #[diesel(deserialize_as = crate::stamp::Stamp)]
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

/// A moment as a case page's statement reads it: the moment, who made it, who last
/// changed it, and one of its files (a row per file).
pub(crate) type Joined = (Moment, Name, Name, Option<FileMeta>);

/// A row per moment from the rows of `Joined`, each with its latest file and its template
/// from `catalogue`, in the rows' order.
pub(crate) fn grouped(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    rows: Vec<Joined>,
) -> StoreResult<Vec<MomentRow>> {
    let cat = catalogue.or_fresh(conn, |cat| {
        rows.iter()
            .all(|(m, ..)| cat.template(&m.template_id).is_some())
    })?;
    let mut out: Vec<MomentRow> = Vec::new();
    for (moment, created_by, updated_by, file) in rows {
        // A case has a handful of moments: a search of those read so far.
        if let Some(seen) = out.iter_mut().find(|m| m.moment.id == moment.id) {
            let newer = |f: &FileMeta, than: &FileMeta| {
                (f.uploaded_at, &f.id) > (than.uploaded_at, &than.id)
            };
            if let Some(f) = file {
                if seen.latest_file.as_ref().is_none_or(|l| newer(&f, l)) {
                    seen.latest_file = Some(f);
                }
            }
            continue;
        }
        let template = cat
            .template(&moment.template_id)
            .ok_or(diesel::result::Error::NotFound)?
            .clone();
        out.push(MomentRow {
            latest_file: file,
            created_by_name: full_name(created_by),
            updated_by_name: full_name(updated_by),
            moment,
            template,
        });
    }
    Ok(out)
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

/// A queue row as the database gives it: the moment, its case's number and type, and the
/// holder's first and last name (the template, type and area come from the `Catalogue`).
type QueueTuple = (Moment, i64, String, String, String);

/// A moment's place in the review queue: the order the queue is read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueKey {
    pub awaiting_since: PrimitiveDateTime,
    pub moment_id: String,
}

/// Where a page of the review queue starts when it is reached from its neighbour: the
/// moments just after the last one shown («Nästa»), or just before the first («Föregående»).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seek {
    After(QueueKey),
    Before(QueueKey),
}

/// Filters of the review queue.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub area_id: Option<String>,
    pub type_id: Option<String>,
}

/// A person's first and last name, as a left join of `persons` reads it.
pub(crate) type Name = Option<(String, String)>;

/// "First Last", or nothing when the person is not found.
fn full_name(name: Name) -> String {
    name.map(|(f, l)| format!("{f} {l}")).unwrap_or_default()
}

impl Moment {
    /// A moment and its template (the review page's, on the backend's own connection).
    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<(Moment, MomentTemplate)>> {
        Ok(crate::native!(conn, c => moments::table
            .inner_join(moment_templates::table)
            .filter(moments::id.eq(id))
            .select((Moment::as_select(), MomentTemplate::as_select()))
            .limit(1)
            .prepared()
            .get_result(c)
            .optional())?)
    }

    /// The statuses of a case's moments (every case page's facts: on the backend's own
    /// connection).
    pub fn statuses(conn: &mut DbConn, case_id: &str) -> StoreResult<Vec<MomentStatus>> {
        Ok(crate::native!(conn, c => moments::table
            .filter(moments::case_id.eq(case_id))
            .select(moments::status)
            .prepared()
            .load(c))?)
    }

    /// The case's moments with their latest file and the names behind them, their
    /// templates from `catalogue`, in one statement whatever the number of moments.
    pub fn for_case(
        conn: &mut DbConn,
        catalogue: &Catalogue,
        case_id: &str,
    ) -> StoreResult<Vec<MomentRow>> {
        // Every case page: on the backend's own connection, the names of who made and
        // last changed each moment joined in (an `IN` list of ids is a statement SQLite
        // cannot keep prepared, so it was parsed anew on every view), and each moment's
        // files too: one statement where the files were a second (a round trip on
        // PostgreSQL). A moment has a file or two, so few rows repeat a moment. The order
        // is `moments_case`'s own; ordering by the files too had SQLite sort the rows, so
        // a moment's latest file is picked here. The templates are the catalogue's, as
        // the case's type and area are (`Catalogue::or_fresh`): joined, their nine
        // columns were decoded again on every row of every view.
        let (creator, updater) = diesel::alias!(persons as creator, persons as updater);
        let rows: Vec<Joined> = crate::native!(conn, c => moments::table
            .left_join(creator.on(creator.field(persons::id).eq(moments::created_by)))
            .left_join(updater.on(updater.field(persons::id).eq(moments::updated_by)))
            .left_join(files::table.on(files::moment_id.eq(moments::id)))
            .filter(moments::case_id.eq(case_id))
            .order((moments::created_at.desc(), moments::sort_order.asc()))
            .select((
                Moment::as_select(),
                creator.fields((persons::first_name, persons::last_name)).nullable(),
                updater.fields((persons::first_name, persons::last_name)).nullable(),
                Option::<FileMeta>::as_select(),
            ))
            .prepared()
            .load(c))?;
        grouped(conn, catalogue, rows)
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

    /// How many moments wait in the officers' queue, in all or of one area or type: the
    /// sum of `review_queue_counts`, a row per certificate type that the triggers keep.
    pub fn queue_count(conn: &mut DbConn) -> StoreResult<i64> {
        Self::queued(conn, &QueueFilter::default())
    }

    fn queued(conn: &mut DbConn, filter: &QueueFilter) -> StoreResult<i64> {
        // A row per certificate type: read them all (one statement, prepared once per
        // connection) and add up those the filter keeps.
        // Every staff page's start and queue: on the backend's own connection.
        let counts: Vec<(String, String, i64)> = crate::native!(conn, c => review_queue_counts::table
            .select((
                review_queue_counts::type_id,
                review_queue_counts::area_id,
                review_queue_counts::n,
            ))
            .prepared()
            .load(c))?;
        Ok(counts
            .into_iter()
            .filter(|(t, a, _)| {
                filter.area_id.as_ref().is_none_or(|f| f == a)
                    && filter.type_id.as_ref().is_none_or(|f| f == t)
            })
            .map(|(.., n)| n)
            .sum())
    }

    /// How many moments the filter keeps, and where the one at `offset` (counted from
    /// the queue's start, oldest first) is: the first instant of its day of
    /// `awaiting_since`, and how many of the filter's moments come before it from that
    /// instant on. From `review_queue_days`, the filter's count per day that the triggers
    /// keep (a range of its key, a row per day the queue spans, in one statement of a fixed
    /// shape): a deep page then skips within one day, not over the whole queue before it.
    /// `None` for the start when `offset` is past the end.
    fn start_of(
        conn: &mut DbConn,
        filter: &QueueFilter,
        offset: i64,
    ) -> StoreResult<(i64, Option<(PrimitiveDateTime, i64)>)> {
        // '' is the key of "any area" and "any type".
        let area = filter.area_id.as_deref().unwrap_or_default();
        let cert_type = filter.type_id.as_deref().unwrap_or_default();
        let per_day: Vec<(time::Date, i64)> = crate::native!(conn, c => review_queue_days::table
            .filter(review_queue_days::area_id.eq(area))
            .filter(review_queue_days::type_id.eq(cert_type))
            .order(review_queue_days::day.asc())
            .select((review_queue_days::day, review_queue_days::n))
            .prepared()
            .load(c))?;
        let total = per_day.iter().map(|(_, n)| n).sum();
        let mut before = 0;
        for (day, n) in per_day {
            if before + n > offset {
                return Ok((total, Some((day.midnight(), offset - before))));
            }
            before += n;
        }
        Ok((total, None))
    }

    /// Moments «Inväntar granskning», oldest first. The queue is its own table
    /// (`review_queue`, kept by the database's triggers, with its count per type), so that
    /// any of its pages is read from one index whatever the size of `moments` and
    /// `cases`: the page's moment ids (an index-only range), and those moments' rows by
    /// key, in one statement. A page reached by «Nästa» or «Föregående» is found by its
    /// neighbour's place in the queue (`seek`): a range that starts there, as cheap on page
    /// 1 000 as on page 1. A page asked for by its number alone starts at the day it
    /// falls in (`review_queue_days` says which) and skips the entries of that day before
    /// it (OFFSET, over index entries only).
    pub fn review_queue(
        conn: &mut DbConn,
        catalogue: &Catalogue,
        filter: &QueueFilter,
        page: i64,
        per_page: i64,
        seek: Option<&Seek>,
    ) -> StoreResult<Page<QueueRow>> {
        let offset = Page::<()>::offset(page, per_page);
        // Page 1 and a page by its neighbour's place need only the count; a later page by
        // its number also where it starts (the count comes with it).
        let (total, start) = if seek.is_none() && offset > 0 {
            match Self::start_of(conn, filter, offset)? {
                (total, Some(start)) => (total, Some(start)),
                // Past the end (an old link, an edited address): nothing to read, and
                // OFFSET would have walked the whole of the queue's index to find that out.
                (total, None) => {
                    return Ok(Page {
                        items: Vec::new(),
                        total,
                        page,
                        per_page,
                    })
                }
            }
        } else {
            (Self::queued(conn, filter)?, None)
        };
        let order = (
            review_queue::awaiting_since.asc(),
            review_queue::moment_id.asc(),
        );
        // The subquery reads the queue under another name: the outer query joins it too.
        let queue = diesel::alias!(review_queue as page_queue);
        let since = queue.field(review_queue::awaiting_since);
        let id = queue.field(review_queue::moment_id);
        let page_ids = queue.select(id);
        // The page's rows by key, oldest first whichever way the ids were read. The ids
        // come from the queue's index only (a statement of a fixed shape per filter and
        // way of paging, so each connection prepares it once):
        // - on SQLite as a subquery of the rows' statement (a list of ids bound anew would
        //   be parsed on every request);
        // - on PostgreSQL first, bound to the rows' statement as one array. As a subquery,
        //   its LIMIT is a parameter that PostgreSQL's reusable plan guesses as a tenth of
        //   the queue, so it planned the whole join anew on every request (4 ms).
        // Both on the backend's own connection: `DbConn` would write out the join's SQL
        // on every view. What the page shows of the moment's template, type and area is
        // the catalogue's: joined here, those three tables were a third of the rows'
        // statement's time on PostgreSQL.
        // (`shown` is a macro: a `Selectable`'s selection is of one backend.)
        macro_rules! shown {
            () => {
                (
                    Moment::as_select(),
                    cases::number,
                    cases::type_id,
                    persons::first_name,
                    persons::last_name,
                )
            };
        }
        // SQLite's: the ids as a subquery, the queue joined again for the order.
        macro_rules! rows {
            ($ids:expr) => {
                crate::native!(conn, c => moments::table
                    .inner_join(review_queue::table.on(review_queue::moment_id.eq(moments::id)))
                    .inner_join(cases::table.inner_join(persons::table))
                    .filter(moments::id.eq_any($ids))
                    .order(order)
                    .select(shown!())
                    .load::<QueueTuple>(c))?
            };
        }
        macro_rules! ids {
            ($ids:expr) => {
                crate::native!(conn, c => $ids.load::<String>(c))?
            };
        }
        // `since >= key` bounds the index range; the rest breaks ties by id.
        macro_rules! seeking {
            ($ids:expr, $then:ident) => {
                match (seek, start) {
                    // Page 1 (a later page by number always has its start).
                    (None, None) => $then!($ids.order((since.asc(), id.asc())).limit(per_page)),
                    (None, Some((from, skip))) => $then!($ids
                        .filter(since.ge(from))
                        .order((since.asc(), id.asc()))
                        .limit(per_page)
                        .offset(skip)),
                    (Some(Seek::After(k)), _) => $then!($ids
                        .filter(since.ge(k.awaiting_since))
                        .filter(since.gt(k.awaiting_since).or(id.gt(&k.moment_id)))
                        .order((since.asc(), id.asc()))
                        .limit(per_page)),
                    (Some(Seek::Before(k)), _) => $then!($ids
                        .filter(since.le(k.awaiting_since))
                        .filter(since.lt(k.awaiting_since).or(id.lt(&k.moment_id)))
                        .order((since.desc(), id.desc()))
                        .limit(per_page)),
                }
            };
        }
        let area = queue.field(review_queue::area_id);
        let cert_type = queue.field(review_queue::type_id);
        macro_rules! filtered {
            ($then:ident) => {
                match (&filter.area_id, &filter.type_id) {
                    (None, None) => seeking!(page_ids, $then),
                    (Some(a), None) => seeking!(page_ids.filter(area.eq(a)), $then),
                    (None, Some(t)) => seeking!(page_ids.filter(cert_type.eq(t)), $then),
                    (Some(a), Some(t)) => {
                        seeking!(page_ids.filter(cert_type.eq(t)).filter(area.eq(a)), $then)
                    }
                }
            };
        }
        let rows = if conn.is_postgres() {
            let mut ids: Vec<String> = filtered!(ids);
            // The ids are in the queue's order already (backwards from a page's successor):
            // the rows by key alone, put in that order here, not by a join of the queue
            // again to sort by.
            if matches!(seek, Some(Seek::Before(_))) {
                ids.reverse();
            }
            let mut rows: Vec<QueueTuple> = crate::native!(conn, c => moments::table
                .inner_join(cases::table.inner_join(persons::table))
                .filter(moments::id.eq_any(&ids))
                .select(shown!())
                .load(c))?;
            rows.sort_by_key(|r| ids.iter().position(|id| *id == r.0.id));
            rows
        } else {
            filtered!(rows)
        };
        // A template another instance added after this one read its catalogue: that
        // page reads the catalogue again.
        let cat = catalogue.or_fresh(conn, |cat| {
            rows.iter()
                .all(|(m, _, t, ..)| cat.of_moment(&m.template_id, t).is_some())
        })?;
        let items = rows
            .into_iter()
            .map(|(moment, case_number, type_id, f, l)| {
                let (template, cert_type, area) = cat
                    .of_moment(&moment.template_id, &type_id)
                    .ok_or(diesel::result::Error::NotFound)?;
                Ok(QueueRow {
                    template: template.clone(),
                    cert_type: cert_type.clone(),
                    area: area.clone(),
                    moment,
                    case_number,
                    person_name: format!("{f} {l}"),
                })
            })
            .collect::<StoreResult<_>>()?;
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
    /// Every review of one moment, newest first, with its reviewer's name joined in (a
    /// second statement with an `IN` list of ids would be parsed anew on every view).
    pub fn reviews(conn: &mut DbConn, moment_id: &str) -> StoreResult<Vec<ReviewRow>> {
        let rows: Vec<(bool, String, PrimitiveDateTime, Name)> = crate::native!(conn, c => moment_reviews::table
            .left_join(persons::table.on(persons::id.eq(moment_reviews::reviewer_id)))
            .filter(moment_reviews::moment_id.eq(moment_id))
            .order((moment_reviews::at.desc(), moment_reviews::id.desc()))
            .select((
                moment_reviews::approved,
                moment_reviews::comment,
                moment_reviews::at,
                (persons::first_name, persons::last_name).nullable(),
            ))
            .prepared()
            .load(c))?;
        Ok(rows
            .into_iter()
            .map(|(approved, comment, at, reviewer)| ReviewRow {
                approved,
                comment,
                at,
                reviewer_name: full_name(reviewer),
            })
            .collect())
    }
}
