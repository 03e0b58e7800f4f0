//! Enums stored as short text codes. `coded_enum!` declares the variants with their codes
//! in one place; `code()` and `from_code()` are the only way between the two, so an
//! unknown code is `None` (the store turns it into an error), never a default.
//!
//! With the `diesel` feature (which only `store` turns on) each enum also maps to a text
//! column on any Diesel backend: `ToSql` writes its code, `FromSql` reads one and refuses
//! a code it does not know. The impls are generic over the backend because a Diesel
//! `MultiConnection` needs them for each inner backend as well as for its own, and only
//! the crate that owns the enum may write them.

/// Declares a `Copy` enum whose variants are stored as the given text codes.
#[macro_export]
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code it is stored as.
            pub fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code ),+
                }
            }

            /// The value stored as `code`; `None` for a code this version does not know.
            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $( $code => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(
                    self.code(),
                    out,
                )
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let code = <String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    DB,
                >>::from_sql(bytes)?;
                $name::from_code(&code).ok_or_else(|| {
                    format!("unknown {} code {code:?}", stringify!($name)).into()
                })
            }
        }

        /// Read from its code (the catalogue file); an unknown code is an error.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                $name::from_code(&code).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "unknown {} {code:?}, expected one of {:?}",
                        stringify!($name),
                        $name::ALL.iter().map(|v| v.code()).collect::<Vec<_>>()
                    ))
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

/// Every coded enum with its codes: for the store's round-trip test and the check that no
/// code is spelled out as a string literal outside its declaration and the migrations.
pub fn all_codes() -> Vec<(&'static str, Vec<&'static str>)> {
    use crate::certification::{
        CaseStatus, DecisionKind, InvoiceRecipientKind, MomentKind, MomentStatus, Subject,
    };
    use crate::company_certificate::Standing;
    use crate::employment::EmploymentStatus;
    use crate::events::EventKind;
    fn codes<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| code(*v)).collect()
    }
    vec![
        ("CaseStatus", codes(CaseStatus::ALL, CaseStatus::code)),
        ("MomentStatus", codes(MomentStatus::ALL, MomentStatus::code)),
        ("MomentKind", codes(MomentKind::ALL, MomentKind::code)),
        (
            "EmploymentStatus",
            codes(EmploymentStatus::ALL, EmploymentStatus::code),
        ),
        ("Standing", codes(Standing::ALL, Standing::code)),
        (
            "InvoiceRecipientKind",
            codes(InvoiceRecipientKind::ALL, InvoiceRecipientKind::code),
        ),
        ("DecisionKind", codes(DecisionKind::ALL, DecisionKind::code)),
        ("Subject", codes(Subject::ALL, Subject::code)),
        ("EventKind", codes(EventKind::ALL, EventKind::code)),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_code_round_trips_and_is_unique_within_its_enum() {
        for (name, codes) in super::all_codes() {
            let mut seen = std::collections::BTreeSet::new();
            for c in &codes {
                assert!(seen.insert(*c), "{name}: {c} twice");
            }
            assert!(!codes.is_empty(), "{name}");
        }
    }
}
