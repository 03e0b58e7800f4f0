//! «Nytt provtillfälle»: the form (the actor's centres, each with the exam kinds it may
//! hold) and its parsing into `app::exams::NewSession`.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::Form;
use domain::RuleError;
use serde::Deserialize;
use store::models::exam::{ExamCentre, ExamKind};
use time::Date;

use super::scope;
use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{date_field, redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

/// The most centres a staff member's select offers (the first by name).
const CENTRES_IN_SELECT: i64 = 200;
/// The most seats a session takes.
const MAX_SEATS: i32 = 500;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct SessionForm {
    pub centre: String,
    pub kind: String,
    pub on_date: String,
    pub start_time: String,
    pub city: String,
    pub address: String,
    pub seats: String,
    pub last_booking_day: String,
    pub last_cancel_day: String,
}

/// A centre the actor may choose, with its exam kinds.
pub struct CentreChoice {
    pub centre: ExamCentre,
    pub kinds: Vec<ExamKind>,
}

#[derive(Template)]
#[template(path = "exam_session_new.html")]
struct NewSessionPage {
    ctx: Ctx,
    form: SessionForm,
    errors: FormErrors,
    centres: Vec<CentreChoice>,
}

async fn choices(state: &AppState, actor: app::Actor) -> AppResult<Vec<CentreChoice>> {
    let out = state
        .db
        .run(move |c| {
            let centres = match scope(c, &actor) {
                Ok(Some(cs)) => cs,
                Ok(None) => ExamCentre::list(c, 1, CENTRES_IN_SELECT)?.items,
                Err(e) => return Ok(Err(e)),
            };
            let mut out = Vec::with_capacity(centres.len());
            for centre in centres {
                let kinds = ExamCentre::kinds(c, &centre.id)?;
                out.push(CentreChoice { centre, kinds });
            }
            Ok(Ok(out))
        })
        .await??;
    Ok(out)
}

pub async fn show_new(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
) -> AppResult<Response> {
    let centres = choices(&state, user.actor()).await?;
    let mut form = SessionForm::default();
    // One centre: chosen already, and its city as the place's.
    if let [only] = centres.as_slice() {
        form.centre = only.centre.id.clone();
        form.city = only.centre.city.clone();
        form.address = only.centre.address_line1.clone();
    }
    render(&NewSessionPage {
        ctx,
        form,
        errors: FormErrors::default(),
        centres,
    })
}

/// A start time «HH:MM» (24 hours); returned normalised with two digits each.
fn start_time(s: &str) -> Option<String> {
    let (h, m) = s.trim().split_once(':')?;
    let ok = |p: &str, max: u32| {
        (1..=2).contains(&p.len())
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().ok().is_some_and(|v| v <= max)
    };
    if !(ok(h, 23) && ok(m, 59) && m.len() == 2) {
        return None;
    }
    Some(format!("{:02}:{}", h.parse::<u32>().unwrap_or_default(), m))
}

fn date(ctx: &Ctx, errors: &mut FormErrors, field: &str, value: &str) -> Option<Date> {
    match date_field(value) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.add(field, ctx.t(e.message_key()));
            None
        }
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Form(mut form): Form<SessionForm>,
) -> AppResult<Response> {
    let actor = user.actor();
    let centres = choices(&state, actor.clone()).await?;
    let today = app::today();
    let mut errors = FormErrors::default();
    let centre = centres.iter().find(|c| c.centre.id == form.centre);
    match centre {
        None => errors.add("centre", ctx.t("err-exam-session-centre")),
        Some(c) if !c.kinds.iter().any(|k| k.id == form.kind) => {
            errors.add("kind", ctx.t("err-exam-session-kind"))
        }
        Some(_) => {}
    }
    let on_date = date(&ctx, &mut errors, "on_date", &form.on_date);
    if on_date.is_some_and(|d| d <= today) {
        errors.add("on_date", ctx.t("err-exam-session-date-past"));
    }
    match start_time(&form.start_time) {
        Some(t) => form.start_time = t,
        None => errors.add("start_time", ctx.t("err-exam-session-time")),
    }
    form.city = crate::forms::required_line(
        &mut errors,
        &ctx,
        "city",
        &form.city,
        domain::text::LINE_MAX,
        "err-exam-session-city-empty",
    );
    form.address = crate::forms::required_line(
        &mut errors,
        &ctx,
        "address",
        &form.address,
        domain::text::LINE_MAX,
        "err-exam-session-address-empty",
    );
    let seats = form
        .seats
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|s| (1..=MAX_SEATS).contains(s));
    if seats.is_none() {
        errors.add("seats", ctx.t("err-exam-session-seats"));
    }
    let last_booking = date(
        &ctx,
        &mut errors,
        "last_booking_day",
        &form.last_booking_day,
    );
    let last_cancel = date(&ctx, &mut errors, "last_cancel_day", &form.last_cancel_day);
    for (field, day) in [
        ("last_booking_day", last_booking),
        ("last_cancel_day", last_cancel),
    ] {
        if let (Some(d), Some(on)) = (day, on_date) {
            if d > on {
                errors.add(field, ctx.t("err-exam-session-last-day-after"));
            }
        }
    }
    let (Some(on_date), Some(seats), Some(last_booking_day), Some(last_cancel_day), true) =
        (on_date, seats, last_booking, last_cancel, errors.is_empty())
    else {
        return Ok(with_errors(render(&NewSessionPage {
            ctx,
            form,
            errors,
            centres,
        })?));
    };
    let new = app::exams::NewSession {
        centre_id: form.centre.clone(),
        exam_kind_id: form.kind.clone(),
        on_date,
        start_time: form.start_time.clone(),
        city: form.city.clone(),
        address: form.address.clone(),
        seats,
        last_booking_day,
        last_cancel_day,
    };
    let outcome = state
        .db
        .run(move |c| Ok(app::exams::create_session(c, &actor, &new, today)))
        .await?;
    let (field, rule) = match outcome {
        Ok(id) => {
            return Ok(redirect_with_flash(
                &format!("/exam-sessions/{id}"),
                "exam-session-created",
                state.config.secure_cookies(),
            ))
        }
        Err(app::Error::Rule(r @ RuleError::CentreDoesNotHoldExam)) => ("kind", r),
        Err(app::Error::Rule(r @ RuleError::NoSeats)) => ("seats", r),
        Err(app::Error::Rule(r @ RuleError::SessionDates)) => ("on_date", r),
        Err(e) => return Err(e.into()),
    };
    errors.add(field, ctx.t(rule.message_key()));
    Ok(with_errors(render(&NewSessionPage {
        ctx,
        form,
        errors,
        centres,
    })?))
}

#[cfg(test)]
mod tests {
    use super::start_time;

    #[test]
    fn start_times_are_hours_and_minutes() {
        assert_eq!(start_time("09:00").as_deref(), Some("09:00"));
        assert_eq!(start_time(" 9:30 ").as_deref(), Some("09:30"));
        assert_eq!(start_time("23:59").as_deref(), Some("23:59"));
        for bad in [
            "24:00", "12:60", "12", "12:5", "ab:cd", "", "-1:00", "1:000",
        ] {
            assert_eq!(start_time(bad), None, "{bad:?}");
        }
    }
}
