//! «Visa person»: a person's own profile (name, phone, private address — later the
//! «Mig personligen» invoice address), editable by its owner and readable by staff.
//! Anyone else gets 404, so ids cannot be probed. The changes are
//! `app::accounts::update_profile` and `change_password`.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use store::models::person::Person;

use crate::auth::{password, CurrentUser, User};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::i18n::Lang;
use crate::render::render;
use crate::routes::register::check_name;
use crate::state::AppState;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub language: String,
}

impl ProfileForm {
    fn from_person(p: &Person) -> ProfileForm {
        ProfileForm {
            first_name: p.first_name.clone(),
            last_name: p.last_name.clone(),
            phone: p.phone.clone(),
            address_line1: p.address_line1.clone(),
            address_line2: p.address_line2.clone(),
            postal_code: p.postal_code.clone(),
            city: p.city.clone(),
            country: p.country.clone(),
            language: p.language.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    ctx: Ctx,
    person: Person,
    personnummer: String,
    form: ProfileForm,
    errors: FormErrors,
    password_errors: FormErrors,
    editable: bool,
}

/// The person at `id`, if the caller may see them: themself, or staff.
async fn visible_person(state: &AppState, user: &CurrentUser, id: String) -> AppResult<Person> {
    if id != user.person.id && !user.person.is_staff() {
        return Err(AppError::NotFound);
    }
    state
        .db
        .run(move |c| Person::find(c, &id))
        .await?
        .ok_or(AppError::NotFound)
}

fn page(
    ctx: Ctx,
    person: Person,
    user: &CurrentUser,
    form: ProfileForm,
    errors: FormErrors,
    password_errors: FormErrors,
) -> ProfilePage {
    let personnummer = person
        .personnummer
        .as_deref()
        .and_then(domain::identifiers::Personnummer::from_stored)
        .map(|p| p.display())
        .unwrap_or_default();
    ProfilePage {
        editable: person.id == user.person.id,
        ctx,
        personnummer,
        person,
        form,
        errors,
        password_errors,
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let person = visible_person(&state, &user, id).await?;
    let form = ProfileForm::from_person(&person);
    render(&page(
        ctx,
        person,
        &user,
        form,
        FormErrors::default(),
        FormErrors::default(),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<ProfileForm>,
) -> AppResult<Response> {
    let actor = user.actor();
    app::accounts::check_own_account(&actor, &id)?;
    let mut errors = FormErrors::default();
    let first = check_name(
        &mut errors,
        &ctx,
        "first_name",
        &form.first_name,
        "err-first-name-empty",
    );
    let last = check_name(
        &mut errors,
        &ctx,
        "last_name",
        &form.last_name,
        "err-last-name-empty",
    );
    crate::forms::check_max_100(
        &mut errors,
        &ctx,
        &[
            ("phone", &form.phone),
            ("address_line1", &form.address_line1),
            ("address_line2", &form.address_line2),
            ("city", &form.city),
            ("country", &form.country),
        ],
    );
    let postal_code = crate::forms::postal_code(
        &mut errors,
        &ctx,
        "postal_code",
        &form.postal_code,
        &form.country,
    );
    let language = Lang::from_code(&form.language).unwrap_or_default();
    if !errors.is_empty() {
        let person = visible_person(&state, &user, id.clone()).await?;
        return Ok(with_errors(render(&page(
            ctx,
            person,
            &user,
            form,
            errors,
            FormErrors::default(),
        ))?));
    }
    let changes = app::accounts::ProfileChanges {
        first_name: first,
        last_name: last,
        phone: form.phone.trim().to_string(),
        address_line1: form.address_line1.trim().to_string(),
        address_line2: form.address_line2.trim().to_string(),
        postal_code,
        city: form.city.trim().to_string(),
        country: form.country.trim().to_string(),
        language,
    };
    let person_id = id.clone();
    state
        .db
        .run(move |c| {
            Ok(app::accounts::update_profile(
                c, &actor, &person_id, changes,
            ))
        })
        .await??;
    Ok(redirect_with_flash(
        &format!("/persons/{id}"),
        "profile-saved",
        state.config.secure_cookies(),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let actor = user.actor();
    app::accounts::check_own_account(&actor, &id)?;
    let mut errors = FormErrors::default();
    // The password hash is read here only, not with every request's session.
    let person = visible_person(&state, &user, id.clone()).await?;
    let ok = password::verify(form.current_password, person.password_hash.clone()).await?;
    if !ok {
        errors.add("current_password", ctx.t("err-current-password"));
    }
    let p = &person;
    let local = p.email.split('@').next().unwrap_or("");
    if let Err(e) =
        domain::password::check_password(&form.new_password, &[local, &p.first_name, &p.last_name])
    {
        errors.add("new_password", ctx.t(e.message_key()));
    }
    if !errors.is_empty() {
        let pf = ProfileForm::from_person(&person);
        return Ok(with_errors(render(&page(
            ctx,
            person,
            &user,
            pf,
            FormErrors::default(),
            errors,
        ))?));
    }
    let hash = password::hash(form.new_password).await?;
    // This session stays; the others, signed in with the old password, end.
    let keep = user.session_hash.clone();
    state
        .db
        .run(move |c| Ok(app::accounts::change_password(c, &actor, &hash, &keep)))
        .await??;
    Ok(redirect_with_flash(
        &format!("/persons/{id}"),
        "password-changed",
        state.config.secure_cookies(),
    ))
}

/// `/profile`: the signed-in person's own «Visa person».
pub async fn mine(User(user): User) -> axum::response::Redirect {
    axum::response::Redirect::to(&format!("/persons/{}", user.person.id))
}
