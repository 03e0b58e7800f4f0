//! Every type a handler takes as `Form<T>`, by number, decoded through the same axum
//! `Form` extractor the handlers use. The fuzz target `fuzz/fuzz_targets/form_decoding.rs`
//! feeds any body to any of them; a handler with a new form type adds it here.

use axum::body::Body;
use axum::extract::FromRequest;
use axum::http::{header, Method, Request};
use axum::Form;
use futures_util::FutureExt;
use serde::de::DeserializeOwned;

use crate::routes;

/// What the extractor made of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoded {
    /// The handler would run with the decoded form.
    Accepted,
    /// The extractor answered with its rejection (a 4xx page).
    Rejected,
    /// The extractor did not finish on a body that is all there: a bug.
    Pending,
}

/// One form type: its name and its decoder.
pub type Decoder = (&'static str, fn(&[u8]) -> Decoded);

/// The form types the handlers decode; `pairs` is the raw field list the CSRF check and
/// the list forms (attendance, yearly attestations) read.
pub const FORM_TYPES: &[Decoder] = &[
    ("pairs", decode::<Vec<(String, String)>>),
    ("login", decode::<routes::login::LoginForm>),
    ("register", decode::<routes::register::RegisterForm>),
    ("resend", decode::<routes::register::ResendForm>),
    ("forgot", decode::<routes::password_reset::ForgotForm>),
    ("reset", decode::<routes::password_reset::ResetForm>),
    ("profile", decode::<routes::profile::ProfileForm>),
    ("password", decode::<routes::profile::PasswordForm>),
    ("new_certificate", decode::<routes::certificates::NewForm>),
    ("attest", decode::<routes::attest::AttestForm>),
    ("invoice", decode::<routes::invoice::InvoiceForm>),
    (
        "employment_new",
        decode::<routes::employments::new::NewForm>,
    ),
    (
        "employment_end",
        decode::<routes::employments::end::EndForm>,
    ),
    ("grant", decode::<routes::company_page::GrantForm>),
    ("admin", decode::<routes::admin::admins::AdminForm>),
    (
        "company_form",
        decode::<routes::admin::company_form::CompanyForm>,
    ),
    ("review", decode::<routes::staff::ReviewForm>),
    ("issue", decode::<routes::staff::IssueForm>),
    ("reject", decode::<routes::staff::RejectForm>),
    ("decide", decode::<routes::staff::DecideForm>),
    ("paper", decode::<routes::staff::PaperForm>),
    ("examiner", decode::<routes::exam_admin::ExaminerForm>),
    ("session", decode::<routes::examiner::SessionForm>),
    ("correct", decode::<routes::examiner::CorrectForm>),
];

/// Decodes `body` as an urlencoded POST into `T`, as `Form<T>` does in a handler.
pub fn decode<T: DeserializeOwned + Send>(body: &[u8]) -> Decoded {
    let Ok(request) = Request::builder()
        .method(Method::POST)
        .uri("/")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_vec()))
    else {
        return Decoded::Rejected;
    };
    // The body is in memory, so the extractor finishes on its first poll.
    match Form::<T>::from_request(request, &()).now_or_never() {
        Some(Ok(_)) => Decoded::Accepted,
        Some(Err(_)) => Decoded::Rejected,
        None => Decoded::Pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_type_decodes_its_own_body_and_refuses_a_broken_one() {
        for (name, decode) in FORM_TYPES {
            // Every form has a csrf field and no required number, so a body of only
            // that decodes wherever the other fields have defaults; the pairs always do.
            assert_ne!(decode(b"csrf=x"), Decoded::Pending, "{name}");
            assert_ne!(decode(b"%"), Decoded::Pending, "{name}");
        }
        assert_eq!(
            decode::<Vec<(String, String)>>(b"a=1&b=%C3%A5"),
            Decoded::Accepted
        );
        assert_eq!(
            decode::<routes::login::LoginForm>(b"email=a%40b.se&password=x&csrf=t"),
            Decoded::Accepted
        );
    }
}
