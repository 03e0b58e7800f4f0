//! The coded enums through a real database of each backend: every code reads back as
//! the value that wrote it, and a code the enum does not know is an error when read,
//! never a default.

use diesel::dsl::sql;
use diesel::sql_types::Text;
use diesel::RunQueryDsl;
use domain::certification::{CaseStatus, MomentStatus};
use domain::employment::EmploymentStatus;

use crate::harness::TestApp;

crate::on_both_backends!(
    every_code_round_trips,
    an_unknown_code_is_an_error_not_a_default
);

async fn every_code_round_trips(app: TestApp) {
    app.state
        .db
        .run(|c| {
            for s in CaseStatus::ALL {
                let back: CaseStatus =
                    diesel::select(sql::<Text>("").bind::<Text, _>(*s)).get_result(c)?;
                assert_eq!(back, *s);
            }
            for s in EmploymentStatus::ALL {
                let back: EmploymentStatus =
                    diesel::select(sql::<Text>("").bind::<Text, _>(*s)).get_result(c)?;
                assert_eq!(back, *s);
            }
            Ok(())
        })
        .await
        .unwrap();
}

async fn an_unknown_code_is_an_error_not_a_default(app: TestApp) {
    let read = app
        .state
        .db
        .run(|c| {
            Ok(diesel::select(sql::<Text>("'bogus'"))
                .get_result::<MomentStatus>(c)
                .map_err(|e| format!("{e:?}")))
        })
        .await
        .unwrap();
    let err = read.expect_err("an unknown code must not read as a status");
    assert!(err.contains("unknown MomentStatus code"), "{err}");
}
