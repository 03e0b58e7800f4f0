//! «Prov»: exam kinds (catalogue), centres and their examiners, sessions and bookings
//! with their results. Seats are taken by a guarded increment of the session's `booked`,
//! so a session is never overbooked however many book at once, on either backend.

use diesel::prelude::*;
use time::{Date, PrimitiveDateTime};

use domain::certification::{CaseStatus, MomentKind, MomentStatus};
use domain::exams::{Attendance, BookingStatus, SessionStatus};

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::Page;
use crate::schema::{
    cases, exam_bookings, exam_centre_kinds, exam_centres, exam_examiners, exam_kind_moments,
    exam_kinds, exam_sessions, moment_templates, moments, persons,
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = exam_kinds)]
pub struct ExamKind {
    pub id: String,
    pub code: String,
    pub name_sv: String,
    pub name_en: String,
    pub max_points: i32,
    pub pass_points: i32,
    /// How many months a passed result counts towards an application.
    pub valid_months: i32,
    /// Attempts (bookings not cancelled) allowed in twelve months.
    pub max_attempts: i32,
    /// What to bring, as the booking e-mail says it.
    pub bring_sv: String,
    pub bring_en: String,
    pub sort_order: i32,
}

impl ExamKind {
    pub fn name(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.name_en
        } else {
            &self.name_sv
        }
    }

    pub fn bring(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.bring_en
        } else {
            &self.bring_sv
        }
    }

    pub fn all(conn: &mut DbConn) -> StoreResult<Vec<ExamKind>> {
        Ok(exam_kinds::table
            .order((exam_kinds::sort_order.asc(), exam_kinds::code.asc()))
            .select(ExamKind::as_select())
            .load(conn)?)
    }

    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<ExamKind>> {
        Ok(exam_kinds::table
            .find(id)
            .select(ExamKind::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn find_by_code(conn: &mut DbConn, code: &str) -> StoreResult<Option<ExamKind>> {
        Ok(exam_kinds::table
            .filter(exam_kinds::code.eq(code))
            .select(ExamKind::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn insert(conn: &mut DbConn, k: &ExamKind) -> StoreResult<()> {
        diesel::insert_into(exam_kinds::table)
            .values(k)
            .execute(conn)?;
        Ok(())
    }

    /// Records that a passed exam of the kind satisfies the moment template (once).
    pub fn link_moment(conn: &mut DbConn, kind_id: &str, template_id: &str) -> StoreResult<bool> {
        let n: i64 = exam_kind_moments::table
            .filter(exam_kind_moments::exam_kind_id.eq(kind_id))
            .filter(exam_kind_moments::template_id.eq(template_id))
            .count()
            .get_result(conn)?;
        if n > 0 {
            return Ok(false);
        }
        diesel::insert_into(exam_kind_moments::table)
            .values((
                exam_kind_moments::exam_kind_id.eq(kind_id),
                exam_kind_moments::template_id.eq(template_id),
            ))
            .execute(conn)?;
        Ok(true)
    }

    /// The exam kinds that satisfy a moment template.
    pub fn satisfying(conn: &mut DbConn, template_id: &str) -> StoreResult<Vec<ExamKind>> {
        Ok(exam_kind_moments::table
            .inner_join(exam_kinds::table)
            .filter(exam_kind_moments::template_id.eq(template_id))
            .select(ExamKind::as_select())
            .load(conn)?)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = exam_centres)]
pub struct ExamCentre {
    pub id: String,
    pub orgnr: String,
    pub name: String,
    pub address_line1: String,
    pub postal_code: String,
    pub city: String,
    pub created_at: PrimitiveDateTime,
}

impl ExamCentre {
    pub fn insert(conn: &mut DbConn, c: &ExamCentre, kind_ids: &[String]) -> StoreResult<()> {
        diesel::insert_into(exam_centres::table)
            .values(c)
            .execute(conn)?;
        for k in kind_ids {
            diesel::insert_into(exam_centre_kinds::table)
                .values((
                    exam_centre_kinds::centre_id.eq(&c.id),
                    exam_centre_kinds::exam_kind_id.eq(k),
                ))
                .execute(conn)?;
        }
        Ok(())
    }

    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<ExamCentre>> {
        Ok(exam_centres::table
            .find(id)
            .select(ExamCentre::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn find_by_orgnr(conn: &mut DbConn, orgnr: &str) -> StoreResult<Option<ExamCentre>> {
        Ok(exam_centres::table
            .filter(exam_centres::orgnr.eq(orgnr))
            .select(ExamCentre::as_select())
            .first(conn)
            .optional()?)
    }

    /// Every centre, by name, a page of them («Administration»).
    pub fn list(conn: &mut DbConn, page: i64, per_page: i64) -> StoreResult<Page<ExamCentre>> {
        let total: i64 = exam_centres::table.count().get_result(conn)?;
        let items = exam_centres::table
            .order((exam_centres::name.asc(), exam_centres::id.asc()))
            .limit(per_page)
            .offset(Page::<()>::offset(page, per_page))
            .select(ExamCentre::as_select())
            .load(conn)?;
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }

    /// The exam kinds the centre may hold.
    pub fn kinds(conn: &mut DbConn, centre_id: &str) -> StoreResult<Vec<ExamKind>> {
        Ok(exam_centre_kinds::table
            .inner_join(exam_kinds::table)
            .filter(exam_centre_kinds::centre_id.eq(centre_id))
            .order(exam_kinds::sort_order.asc())
            .select(ExamKind::as_select())
            .load(conn)?)
    }

    pub fn holds(conn: &mut DbConn, centre_id: &str, kind_id: &str) -> StoreResult<bool> {
        let n: i64 = exam_centre_kinds::table
            .filter(exam_centre_kinds::centre_id.eq(centre_id))
            .filter(exam_centre_kinds::exam_kind_id.eq(kind_id))
            .count()
            .get_result(conn)?;
        Ok(n > 0)
    }

    /// Makes the person an examiner («Provförrättare») of the centre; false if already.
    pub fn add_examiner(conn: &mut DbConn, centre_id: &str, person_id: &str) -> StoreResult<bool> {
        if Self::is_examiner(conn, centre_id, person_id)? {
            return Ok(false);
        }
        diesel::insert_into(exam_examiners::table)
            .values((
                exam_examiners::centre_id.eq(centre_id),
                exam_examiners::person_id.eq(person_id),
                exam_examiners::created_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(true)
    }

    pub fn is_examiner(conn: &mut DbConn, centre_id: &str, person_id: &str) -> StoreResult<bool> {
        let n: i64 = exam_examiners::table
            .filter(exam_examiners::centre_id.eq(centre_id))
            .filter(exam_examiners::person_id.eq(person_id))
            .count()
            .get_result(conn)?;
        Ok(n > 0)
    }

    /// The centres the person is an examiner of.
    pub fn of_examiner(conn: &mut DbConn, person_id: &str) -> StoreResult<Vec<ExamCentre>> {
        Ok(exam_examiners::table
            .inner_join(exam_centres::table)
            .filter(exam_examiners::person_id.eq(person_id))
            .order(exam_centres::name.asc())
            .select(ExamCentre::as_select())
            .load(conn)?)
    }

    /// The centre's examiners: (person id, first name, last name, e-mail).
    pub fn examiners(
        conn: &mut DbConn,
        centre_id: &str,
    ) -> StoreResult<Vec<(String, String, String, String)>> {
        Ok(exam_examiners::table
            .inner_join(persons::table.on(persons::id.eq(exam_examiners::person_id)))
            .filter(exam_examiners::centre_id.eq(centre_id))
            .order((persons::last_name.asc(), persons::first_name.asc()))
            .select((
                persons::id,
                persons::first_name,
                persons::last_name,
                persons::email,
            ))
            .load(conn)?)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = exam_sessions)]
pub struct ExamSession {
    pub id: String,
    pub centre_id: String,
    pub exam_kind_id: String,
    pub on_date: Date,
    /// «HH:MM», local time.
    pub start_time: String,
    pub city: String,
    pub address: String,
    pub seats: i32,
    pub booked: i32,
    pub last_booking_day: Date,
    pub last_cancel_day: Date,
    pub status: SessionStatus,
    pub fixed_at: Option<PrimitiveDateTime>,
    pub fixed_by: Option<String>,
    pub created_by: String,
    pub created_at: PrimitiveDateTime,
}

/// A session with its centre and exam kind, as lists show it.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub session: ExamSession,
    pub centre: ExamCentre,
    pub kind: ExamKind,
}

impl SessionRow {
    pub fn seats_left(&self) -> i32 {
        (self.session.seats - self.session.booked).max(0)
    }
}

type SessionTuple = (ExamSession, ExamCentre, ExamKind);

fn session_row((session, centre, kind): SessionTuple) -> SessionRow {
    SessionRow {
        session,
        centre,
        kind,
    }
}

impl ExamSession {
    pub fn insert(conn: &mut DbConn, s: &ExamSession) -> StoreResult<()> {
        diesel::insert_into(exam_sessions::table)
            .values(s)
            .execute(conn)?;
        Ok(())
    }

    pub fn find_row(conn: &mut DbConn, id: &str) -> StoreResult<Option<SessionRow>> {
        Ok(exam_sessions::table
            .inner_join(exam_centres::table)
            .inner_join(exam_kinds::table)
            .filter(exam_sessions::id.eq(id))
            .select((
                ExamSession::as_select(),
                ExamCentre::as_select(),
                ExamKind::as_select(),
            ))
            .first::<SessionTuple>(conn)
            .optional()?
            .map(session_row))
    }

    /// Open sessions of the kind from `from` on with a free seat and booking still open,
    /// optionally in one city, soonest first, a page of them («Boka prov»).
    pub fn bookable(
        conn: &mut DbConn,
        kind_id: &str,
        today: Date,
        city: Option<&str>,
        page: i64,
        per_page: i64,
    ) -> StoreResult<Page<SessionRow>> {
        let filter = || {
            exam_sessions::exam_kind_id
                .eq(kind_id.to_string())
                .and(exam_sessions::status.eq(SessionStatus::Open))
                .and(exam_sessions::on_date.ge(today))
                .and(exam_sessions::last_booking_day.ge(today))
                .and(exam_sessions::booked.lt(exam_sessions::seats))
        };
        let mut count = exam_sessions::table.filter(filter()).into_boxed();
        let mut items = exam_sessions::table
            .inner_join(exam_centres::table)
            .inner_join(exam_kinds::table)
            .filter(filter())
            .into_boxed();
        if let Some(city) = city {
            count = count.filter(exam_sessions::city.eq(city.to_string()));
            items = items.filter(exam_sessions::city.eq(city.to_string()));
        }
        let total: i64 = count.count().get_result(conn)?;
        let items = items
            .order((exam_sessions::on_date.asc(), exam_sessions::id.asc()))
            .limit(per_page)
            .offset(Page::<()>::offset(page, per_page))
            .select((
                ExamSession::as_select(),
                ExamCentre::as_select(),
                ExamKind::as_select(),
            ))
            .load::<SessionTuple>(conn)?
            .into_iter()
            .map(session_row)
            .collect();
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }

    /// The sessions from `since` on of the centres an examiner examines (or of every
    /// centre for staff: `centre_ids` None), newest date first, a page of them. `since`
    /// keeps the count a range of the date index, however many years of sessions there are.
    pub fn for_centres(
        conn: &mut DbConn,
        centre_ids: Option<&[String]>,
        since: Date,
        page: i64,
        per_page: i64,
    ) -> StoreResult<Page<SessionRow>> {
        let mut count = exam_sessions::table
            .filter(exam_sessions::on_date.ge(since))
            .into_boxed();
        let mut items = exam_sessions::table
            .inner_join(exam_centres::table)
            .inner_join(exam_kinds::table)
            .filter(exam_sessions::on_date.ge(since))
            .into_boxed();
        if let Some(ids) = centre_ids {
            count = count.filter(exam_sessions::centre_id.eq_any(ids.to_vec()));
            items = items.filter(exam_sessions::centre_id.eq_any(ids.to_vec()));
        }
        let total: i64 = count.count().get_result(conn)?;
        let items = items
            .order((exam_sessions::on_date.desc(), exam_sessions::id.asc()))
            .limit(per_page)
            .offset(Page::<()>::offset(page, per_page))
            .select((
                ExamSession::as_select(),
                ExamCentre::as_select(),
                ExamKind::as_select(),
            ))
            .load::<SessionTuple>(conn)?
            .into_iter()
            .map(session_row)
            .collect();
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }

    /// Takes a seat: false when the session is full (or no longer open).
    pub fn take_seat(conn: &mut DbConn, id: &str) -> StoreResult<bool> {
        let n = diesel::update(
            exam_sessions::table
                .find(id)
                .filter(exam_sessions::status.eq(SessionStatus::Open))
                .filter(exam_sessions::booked.lt(exam_sessions::seats)),
        )
        .set(exam_sessions::booked.eq(exam_sessions::booked + 1))
        .execute(conn)?;
        Ok(n == 1)
    }

    pub fn free_seat(conn: &mut DbConn, id: &str) -> StoreResult<()> {
        diesel::update(
            exam_sessions::table
                .find(id)
                .filter(exam_sessions::booked.gt(0)),
        )
        .set(exam_sessions::booked.eq(exam_sessions::booked - 1))
        .execute(conn)?;
        Ok(())
    }

    /// «Fastställ resultat»: guarded on the session being open.
    pub fn fix(conn: &mut DbConn, id: &str, by: &str) -> StoreResult<bool> {
        let n = diesel::update(
            exam_sessions::table
                .find(id)
                .filter(exam_sessions::status.eq(SessionStatus::Open)),
        )
        .set((
            exam_sessions::status.eq(SessionStatus::Fixed),
            exam_sessions::fixed_at.eq(crate::now()),
            exam_sessions::fixed_by.eq(by),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = exam_bookings)]
pub struct ExamBooking {
    pub id: String,
    pub session_id: String,
    pub person_id: String,
    pub exam_kind_id: String,
    pub status: BookingStatus,
    pub attendance: Option<Attendance>,
    pub points: Option<i32>,
    pub passed: bool,
    /// The session's date.
    pub taken_on: Date,
    pub booked_at: PrimitiveDateTime,
    pub cancelled_at: Option<PrimitiveDateTime>,
    pub updated_at: PrimitiveDateTime,
}

/// A booking with the person's name and birth date (never the full personnummer), for
/// the examiner's session page.
#[derive(Debug, Clone)]
pub struct BookedPerson {
    pub booking: ExamBooking,
    pub first_name: String,
    pub last_name: String,
    pub personnummer: Option<String>,
}

/// A booking with its session, as the person's «Prov» page lists it.
#[derive(Debug, Clone)]
pub struct MyBooking {
    pub booking: ExamBooking,
    pub session: SessionRow,
}

impl ExamBooking {
    pub fn insert(conn: &mut DbConn, b: &ExamBooking) -> StoreResult<()> {
        diesel::insert_into(exam_bookings::table)
            .values(b)
            .execute(conn)?;
        Ok(())
    }

    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<ExamBooking>> {
        Ok(exam_bookings::table
            .find(id)
            .select(ExamBooking::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn has_open(conn: &mut DbConn, person_id: &str, kind_id: &str) -> StoreResult<bool> {
        let n: i64 = exam_bookings::table
            .filter(exam_bookings::person_id.eq(person_id))
            .filter(exam_bookings::exam_kind_id.eq(kind_id))
            .filter(exam_bookings::status.eq(BookingStatus::Booked))
            .count()
            .get_result(conn)?;
        Ok(n > 0)
    }

    /// Bookings of the kind not cancelled, for sessions from `since` on: the attempts.
    pub fn attempts_since(
        conn: &mut DbConn,
        person_id: &str,
        kind_id: &str,
        since: Date,
    ) -> StoreResult<i64> {
        Ok(exam_bookings::table
            .filter(exam_bookings::person_id.eq(person_id))
            .filter(exam_bookings::exam_kind_id.eq(kind_id))
            .filter(exam_bookings::taken_on.ge(since))
            .filter(exam_bookings::status.ne(BookingStatus::Cancelled))
            .count()
            .get_result(conn)?)
    }

    pub fn cancel(conn: &mut DbConn, id: &str) -> StoreResult<bool> {
        let now = crate::now();
        let n = diesel::update(
            exam_bookings::table
                .find(id)
                .filter(exam_bookings::status.eq(BookingStatus::Booked)),
        )
        .set((
            exam_bookings::status.eq(BookingStatus::Cancelled),
            exam_bookings::cancelled_at.eq(now),
            exam_bookings::updated_at.eq(now),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// Saves attendance and points (while the session is open).
    pub fn save_result(
        conn: &mut DbConn,
        id: &str,
        attendance: Option<Attendance>,
        points: Option<i32>,
        passed: bool,
    ) -> StoreResult<()> {
        diesel::update(exam_bookings::table.find(id))
            .set((
                exam_bookings::attendance.eq(attendance),
                exam_bookings::points.eq(points),
                exam_bookings::passed.eq(passed),
                exam_bookings::updated_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// The session's open bookings become «Genomförd» when the results are fixed.
    pub fn mark_done(conn: &mut DbConn, session_id: &str) -> StoreResult<()> {
        diesel::update(
            exam_bookings::table
                .filter(exam_bookings::session_id.eq(session_id))
                .filter(exam_bookings::status.eq(BookingStatus::Booked)),
        )
        .set((
            exam_bookings::status.eq(BookingStatus::Done),
            exam_bookings::updated_at.eq(crate::now()),
        ))
        .execute(conn)?;
        Ok(())
    }

    /// The session's bookings (not cancelled) with the persons, by name.
    pub fn for_session(conn: &mut DbConn, session_id: &str) -> StoreResult<Vec<BookedPerson>> {
        let rows: Vec<(ExamBooking, String, String, Option<String>)> = exam_bookings::table
            .inner_join(persons::table)
            .filter(exam_bookings::session_id.eq(session_id))
            .filter(exam_bookings::status.ne(BookingStatus::Cancelled))
            .order((persons::last_name.asc(), persons::first_name.asc()))
            .select((
                ExamBooking::as_select(),
                persons::first_name,
                persons::last_name,
                persons::personnummer,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(
                |(booking, first_name, last_name, personnummer)| BookedPerson {
                    booking,
                    first_name,
                    last_name,
                    personnummer,
                },
            )
            .collect())
    }

    /// The person's bookings and results, newest session first (a person has a handful).
    /// Two lookups by key: the person's bookings by `exam_bookings_person`, then their
    /// sessions by id, so neither planner is tempted to walk every session.
    pub fn for_person(conn: &mut DbConn, person_id: &str) -> StoreResult<Vec<MyBooking>> {
        let bookings: Vec<ExamBooking> = exam_bookings::table
            .filter(exam_bookings::person_id.eq(person_id))
            .order((exam_bookings::taken_on.desc(), exam_bookings::id.desc()))
            .select(ExamBooking::as_select())
            .load(conn)?;
        if bookings.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<&str> = bookings.iter().map(|b| b.session_id.as_str()).collect();
        let sessions: Vec<SessionTuple> = exam_sessions::table
            .inner_join(exam_centres::table)
            .inner_join(exam_kinds::table)
            .filter(exam_sessions::id.eq_any(ids))
            .select((
                ExamSession::as_select(),
                ExamCentre::as_select(),
                ExamKind::as_select(),
            ))
            .load(conn)?;
        Ok(bookings
            .into_iter()
            .filter_map(|booking| {
                let (session, centre, kind) = sessions
                    .iter()
                    .find(|(s, _, _)| s.id == booking.session_id)?
                    .clone();
                Some(MyBooking {
                    booking,
                    session: SessionRow {
                        session,
                        centre,
                        kind,
                    },
                })
            })
            .collect())
    }

    /// The person's fixed, passed results of any of `kind_ids` taken from `since` on,
    /// newest first, with the centre's name: what can satisfy an exam moment.
    pub fn passed_since(
        conn: &mut DbConn,
        person_id: &str,
        kind_ids: &[String],
        since: Date,
    ) -> StoreResult<Vec<(ExamBooking, String)>> {
        Ok(exam_bookings::table
            .inner_join(exam_sessions::table.inner_join(exam_centres::table))
            .filter(exam_bookings::person_id.eq(person_id))
            .filter(exam_bookings::exam_kind_id.eq_any(kind_ids.to_vec()))
            .filter(exam_bookings::status.eq(BookingStatus::Done))
            .filter(exam_bookings::passed.eq(true))
            .filter(exam_bookings::taken_on.ge(since))
            .order(exam_bookings::taken_on.desc())
            .select((ExamBooking::as_select(), exam_centres::name))
            .load(conn)?)
    }

    /// A staff correction of a fixed result.
    pub fn correct(
        conn: &mut DbConn,
        id: &str,
        attendance: Attendance,
        points: Option<i32>,
        passed: bool,
    ) -> StoreResult<bool> {
        let n = diesel::update(
            exam_bookings::table
                .find(id)
                .filter(exam_bookings::status.eq(BookingStatus::Done)),
        )
        .set((
            exam_bookings::attendance.eq(Some(attendance)),
            exam_bookings::points.eq(points),
            exam_bookings::passed.eq(passed),
            exam_bookings::updated_at.eq(crate::now()),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }
}

/// An exam moment of one of the person's open cases that a passed result of `kind_id`
/// may satisfy: (moment id, case id, its status).
pub fn open_exam_moments(
    conn: &mut DbConn,
    person_id: &str,
    kind_id: &str,
) -> StoreResult<Vec<(String, String, MomentStatus)>> {
    Ok(moments::table
        .inner_join(cases::table)
        .inner_join(
            exam_kind_moments::table.on(exam_kind_moments::template_id.eq(moments::template_id)),
        )
        .filter(cases::person_id.eq(person_id))
        .filter(cases::status.eq(CaseStatus::InProgress))
        .filter(exam_kind_moments::exam_kind_id.eq(kind_id))
        .filter(moments::status.ne(MomentStatus::Approved))
        .select((moments::id, moments::case_id, moments::status))
        .load(conn)?)
}

/// The exam moments of one case: (moment id, template id, its status), in the case's
/// moment order. A case just opened asks which of them a passed result already covers.
pub fn case_exam_moments(
    conn: &mut DbConn,
    case_id: &str,
) -> StoreResult<Vec<(String, String, MomentStatus)>> {
    Ok(moments::table
        .inner_join(moment_templates::table)
        .filter(moments::case_id.eq(case_id))
        .filter(moment_templates::kind.eq(MomentKind::Exam))
        .order((moments::created_at.desc(), moments::sort_order.asc()))
        .select((moments::id, moments::template_id, moments::status))
        .load(conn)?)
}
