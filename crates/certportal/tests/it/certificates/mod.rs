//! The person's side of the manual: apply, the case page, uploads, attestation and the
//! invoice recipient, and that nobody else can touch any of it. The helpers here are
//! shared with the other areas' tests.

mod apply;
pub mod life_person;
mod steps;
mod uploads;

use axum::http::StatusCode;
use store::models::catalog::{Area, CertificateType};
use store::models::moment::Moment;

use crate::harness::TestApp;

pub const KAT_V: &str = "Personcertifikat f-gas kat V - Externt";

/// The ids of the area and type with this Swedish type name.
pub async fn type_ids(app: &TestApp, type_name: &str) -> (String, String) {
    let name = type_name.to_string();
    app.state
        .db
        .run(move |c| {
            let t = CertificateType::all(c)?
                .into_iter()
                .find(|t| t.name_sv == name)
                .expect("type in catalogue");
            let a = Area::all(c)?
                .into_iter()
                .find(|a| a.id == t.area_id)
                .expect("area");
            Ok((a.id, t.id))
        })
        .await
        .unwrap()
}

/// Applies through «+ Ansök om nytt certifikat»; returns the case id.
pub async fn apply(app: &mut TestApp, type_name: &str) -> String {
    let (area, cert) = type_ids(app, type_name).await;
    let r = app
        .post(
            "/certificates/new",
            &[("area", &area), ("certificate", &cert)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().trim_start_matches("/cases/").to_string()
}

pub async fn moment_ids(app: &TestApp, case_id: &str) -> Vec<String> {
    let id = case_id.to_string();
    let catalogue = app.state.catalogue.clone();
    let mut rows = app
        .state
        .db
        .run(move |c| Moment::for_case(c, &catalogue, &id))
        .await
        .unwrap();
    rows.sort_by_key(|r| r.moment.sort_order);
    rows.into_iter().map(|r| r.moment.id).collect()
}
