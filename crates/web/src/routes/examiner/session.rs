//! An exam session's page: what, where and when, and the booked persons (name and date
//! of birth, never the personnummer). While the session is open its examiners (and
//! staff) register «Närvarande»/«Frånvarande» and «Poäng» («Spara»), then «Fastställ
//! resultat» after a page that asks first. A fixed session shows the results locked;
//! staff correct one with a reason («Rätta resultat»).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use domain::exams::{Attendance, SessionStatus};
use serde::Deserialize;
use store::models::exam::{BookedPerson, ExamBooking, ExamSession, SessionRow};

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

/// A booked person as the page shows them, with the values of their result fields.
pub struct PersonRow {
    pub booking_id: String,
    pub name: String,
    /// «YYYY-MM-DD», from the personnummer; empty without one.
    pub birth: String,
    /// The examiner's own booking: no fields for it.
    pub own: bool,
    /// The attendance's code, or empty.
    pub attendance: String,
    pub points: String,
    pub passed: bool,
}

impl PersonRow {
    fn of(b: &BookedPerson, actor_id: &str) -> PersonRow {
        PersonRow {
            booking_id: b.booking.id.clone(),
            name: format!("{} {}", b.first_name, b.last_name),
            birth: b
                .personnummer
                .as_deref()
                .and_then(domain::identifiers::Personnummer::from_stored)
                .map(|p| domain::stockholm::format_date(p.birth_date()))
                .unwrap_or_default(),
            own: b.booking.person_id == actor_id,
            attendance: b
                .booking
                .attendance
                .map(|a| a.code().to_string())
                .unwrap_or_default(),
            points: b.booking.points.map(|p| p.to_string()).unwrap_or_default(),
            passed: b.booking.passed,
        }
    }

    pub fn is_present(&self) -> bool {
        self.attendance == Attendance::Present.code()
    }

    pub fn is_absent(&self) -> bool {
        self.attendance == Attendance::Absent.code()
    }
}

#[derive(Template)]
#[template(path = "exam_session.html")]
struct SessionPage {
    ctx: Ctx,
    row: SessionRow,
    people: Vec<PersonRow>,
    errors: FormErrors,
    is_staff: bool,
}

impl SessionPage {
    fn is_open(&self) -> bool {
        self.row.session.status == SessionStatus::Open
    }
}

/// The session and its booked persons, if the actor manages it: everyone else gets 404
/// (so ids cannot be probed).
async fn load(
    state: &AppState,
    actor: &app::Actor,
    id: String,
) -> AppResult<(SessionRow, Vec<BookedPerson>)> {
    let actor = actor.clone();
    state
        .db
        .run(move |c| {
            let Some(row) = ExamSession::find_row(c, &id)? else {
                return Ok(None);
            };
            let managed = match app::exams::may_manage(c, &actor, &row.session.centre_id) {
                Ok(m) => m,
                Err(app::Error::Store(e)) => return Err(e),
                Err(_) => false,
            };
            if !managed {
                return Ok(None);
            }
            let people = ExamBooking::for_session(c, &id)?;
            Ok(Some((row, people)))
        })
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let actor = user.actor();
    let (row, booked) = load(&state, &actor, id).await?;
    let people = booked.iter().map(|b| PersonRow::of(b, &actor.id)).collect();
    render(&SessionPage {
        ctx,
        row,
        people,
        errors: FormErrors::default(),
        is_staff: actor.is_staff(),
    })
}

/// «Spara»: `attendance-<booking>` and `points-<booking>` for each booked person the
/// form had fields for.
pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let actor = user.actor();
    let (row, booked) = load(&state, &actor, id.clone()).await?;
    let value = |key: String| {
        pairs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.trim().to_string())
    };
    let mut errors = FormErrors::default();
    let mut people = Vec::with_capacity(booked.len());
    let mut inputs = Vec::new();
    for b in &booked {
        let mut person = PersonRow::of(b, &actor.id);
        let attendance = value(format!("attendance-{}", b.booking.id));
        let points = value(format!("points-{}", b.booking.id));
        if attendance.is_none() && points.is_none() {
            people.push(person);
            continue;
        }
        let attendance_value = match attendance.as_deref().unwrap_or("") {
            "" => None,
            code => {
                Some(Attendance::from_code(code).ok_or(AppError::BadRequest("error-bad-request"))?)
            }
        };
        let points_text = points.unwrap_or_default();
        let max = row.kind.max_points;
        let points_value = if points_text.is_empty() {
            None
        } else {
            match points_text.parse::<i32>() {
                Ok(p) if (0..=max).contains(&p) => Some(p),
                _ => {
                    errors.add(
                        &format!("points-{}", b.booking.id),
                        ctx.t1("err-exam-points-number", "max", max.to_string()),
                    );
                    None
                }
            }
        };
        person.attendance = attendance_value
            .map(|a| a.code().to_string())
            .unwrap_or_default();
        person.points = points_text;
        people.push(person);
        inputs.push(app::exams::ResultInput {
            booking_id: b.booking.id.clone(),
            attendance: attendance_value,
            points: points_value,
        });
    }
    if !errors.is_empty() {
        return Ok(with_errors(render(&SessionPage {
            ctx,
            row,
            people,
            errors,
            is_staff: actor.is_staff(),
        })?));
    }
    let session_id = id.clone();
    state
        .db
        .run(move |c| Ok(app::exams::save_results(c, &actor, &session_id, &inputs)))
        .await??;
    Ok(redirect_with_flash(
        &format!("/exam-sessions/{id}"),
        "exam-results-saved",
        state.config.secure_cookies(),
    ))
}

#[derive(Template)]
#[template(path = "exam_session_fix.html")]
struct FixPage {
    ctx: Ctx,
    row: SessionRow,
    people: Vec<PersonRow>,
}

/// «Fastställ resultat» asks first, listing what will be fixed.
pub async fn confirm_fix(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let actor = user.actor();
    let (row, booked) = load(&state, &actor, id).await?;
    if row.session.status != SessionStatus::Open {
        return Err(AppError::Rule(
            domain::RuleError::ResultsFixed.message_key(),
        ));
    }
    let people = booked.iter().map(|b| PersonRow::of(b, &actor.id)).collect();
    render(&FixPage { ctx, row, people })
}

pub async fn fix(
    State(state): State<AppState>,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let actor = user.actor();
    let base = state.config.base_url.clone();
    let today = app::today();
    let session_id = id.clone();
    state
        .db
        .run(move |c| {
            Ok(app::exams::fix_results(
                c,
                &actor,
                &session_id,
                today,
                &base,
            ))
        })
        .await??;
    Ok(redirect_with_flash(
        &format!("/exam-sessions/{id}"),
        "exam-results-fixed",
        state.config.secure_cookies(),
    ))
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct CorrectForm {
    pub attendance: String,
    pub points: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "exam_session_correct.html")]
struct CorrectPage {
    ctx: Ctx,
    row: SessionRow,
    person: PersonRow,
    form: CorrectForm,
    errors: FormErrors,
}

impl CorrectPage {
    fn is_present(&self) -> bool {
        self.form.attendance == Attendance::Present.code()
    }

    fn is_absent(&self) -> bool {
        self.form.attendance == Attendance::Absent.code()
    }
}

/// The fixed session and the booked person, for staff only.
async fn load_booking(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    id: String,
    bid: &str,
) -> AppResult<(SessionRow, PersonRow)> {
    user.require_handlaggare()?;
    let actor = user.actor();
    let (row, booked) = load(state, &actor, id).await?;
    if row.session.status != SessionStatus::Fixed {
        return Err(AppError::Rule(
            domain::RuleError::ResultsNotFixed.message_key(),
        ));
    }
    let person = booked
        .iter()
        .find(|b| b.booking.id == bid)
        .map(|b| PersonRow::of(b, &actor.id))
        .ok_or(AppError::NotFound)?;
    Ok((row, person))
}

/// «Rätta resultat»: the form, filled in with the fixed result.
pub async fn show_correct(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path((id, bid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (row, person) = load_booking(&state, &user, id, &bid).await?;
    let form = CorrectForm {
        attendance: person.attendance.clone(),
        points: person.points.clone(),
        reason: String::new(),
    };
    render(&CorrectPage {
        ctx,
        row,
        person,
        form,
        errors: FormErrors::default(),
    })
}

pub async fn correct(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path((id, bid)): Path<(String, String)>,
    Form(mut form): Form<CorrectForm>,
) -> AppResult<Response> {
    let (row, person) = load_booking(&state, &user, id.clone(), &bid).await?;
    let mut errors = FormErrors::default();
    let attendance = Attendance::from_code(form.attendance.trim());
    if attendance.is_none() {
        errors.add("attendance", ctx.t("err-exam-attendance"));
    }
    let max = row.kind.max_points;
    form.points = form.points.trim().to_string();
    let points = if form.points.is_empty() {
        None
    } else {
        match form.points.parse::<i32>() {
            Ok(p) if (0..=max).contains(&p) => Some(p),
            _ => {
                errors.add(
                    "points",
                    ctx.t1("err-exam-points-number", "max", max.to_string()),
                );
                None
            }
        }
    };
    if attendance == Some(Attendance::Present) && points.is_none() && !errors.has("points") {
        errors.add(
            "points",
            ctx.t(domain::RuleError::PointsMissing.message_key()),
        );
    }
    form.reason = crate::forms::multi_line(
        &mut errors,
        &ctx,
        "reason",
        &form.reason,
        domain::text::COMMENT_MAX,
    );
    if form.reason.trim().is_empty() {
        errors.add("reason", ctx.t("err-exam-reason-empty"));
    }
    let (Some(attendance), true) = (attendance, errors.is_empty()) else {
        return Ok(with_errors(render(&CorrectPage {
            ctx,
            row,
            person,
            form,
            errors,
        })?));
    };
    let actor = user.actor();
    let base = state.config.base_url.clone();
    let today = app::today();
    let reason = form.reason.clone();
    state
        .db
        .run(move |c| {
            Ok(app::exams::correct_result(
                c, &actor, &bid, attendance, points, &reason, today, &base,
            ))
        })
        .await??;
    Ok(redirect_with_flash(
        &format!("/exam-sessions/{id}"),
        "exam-result-corrected",
        state.config.secure_cookies(),
    ))
}
