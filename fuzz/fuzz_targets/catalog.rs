//! The scheme catalogue's loader (`app::catalog::Catalog::parse`: TOML, then the check
//! that every reference resolves) on any text: it never panics, and a catalogue it
//! accepts holds what the check promises, so `load` can write it without a dangling
//! reference.
#![no_main]

use app::catalog::Catalog;
use domain::certification::MomentKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(catalog) = Catalog::parse(text) else {
        return;
    };
    for t in &catalog.types {
        assert!(catalog.areas.iter().any(|a| a.code == t.area));
        assert!(catalog.commitments.iter().any(|c| c.code == t.commitment));
        assert!(!t.moments.is_empty());
        assert!(t.recertification_years <= 0 || !t.recertification_moments.is_empty());
    }
    for k in &catalog.exam_kinds {
        assert!(0 < k.pass_points && k.pass_points <= k.max_points);
        for s in &k.satisfies {
            let moment = catalog
                .types
                .iter()
                .find(|t| t.code == s.type_code)
                .and_then(|t| t.moments.iter().find(|m| m.code == s.moment));
            assert_eq!(moment.map(|m| m.kind), Some(MomentKind::Exam));
        }
    }
});
