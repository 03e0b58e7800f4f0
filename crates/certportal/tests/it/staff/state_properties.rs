//! The state model's invariants at the application layer: random sequences of the
//! person's and the staff's actions, each through its `app` function on a real
//! database (the domain-level model is `crates/domain/tests/state_machines.rs`). After
//! every step the tables hold that a person has at most one open case of a type, that
//! certificate numbers are unique and gap-free, and that a case was issued only with
//! every moment approved, attested, an invoice recipient and a decider who reviewed
//! none of its moments; a refused action writes nothing. The officers' two queues, which
//! the database's triggers keep, hold exactly what the tables say is waiting.

use app::cases::{InvoiceRecipientInput, NewFile};
use app::decisions::{ExternalIssuer, IssueInput};
use diesel::prelude::*;
use domain::certification::{certificate_number, MomentKind};
use store::schema::{
    attestations, cases, decision_queue, decision_queue_count, decisions, invoice_recipients,
    moment_reviews, moments, review_queue, review_queue_counts,
};
use time::PrimitiveDateTime;

use super::*;

crate::on_both_backends!(random_sequences_of_actions_keep_the_invariants);

/// Sequences run per backend, each by two new persons, and actions in each.
const SEQUENCES: u32 = 16;
const STEPS: usize = 40;

/// A small xorshift generator: the sequences are random but the seed in a failure's
/// message replays one.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// What the invariants read: cases (id, person, type, status, number), moments (id,
/// case, status), attested and invoiced case ids, decisions (case, kind, decider; issue
/// and reject alike are never a reviewer's), reviews (case, reviewer), and the footprint
/// of written rows.
#[derive(Debug, Clone, PartialEq)]
struct Tables {
    cases: Vec<(String, String, String, String, Option<String>)>,
    moments: Vec<(String, String, String)>,
    attested: Vec<String>,
    invoiced: Vec<String>,
    decided_by: Vec<(String, String, String)>,
    reviews: Vec<(String, String)>,
    /// Each case's last change, which orders the decision queue.
    updated: Vec<(String, PrimitiveDateTime)>,
    /// The moments in `review_queue` and the cases in `decision_queue` (with the time
    /// the queue orders them by).
    review_queue: Vec<String>,
    /// `review_queue_counts`: the types with moments queued, and how many.
    queue_counts: Vec<(String, i64)>,
    /// Each queued moment's area, type and time in the queue, and `review_queue_days`:
    /// how many wait since a day, per filter,, as the triggers keep it.
    queue_since: Vec<(String, String, PrimitiveDateTime)>,
    queue_days: Vec<(String, String, time::Date, i64)>,
    decision_queue: Vec<(String, PrimitiveDateTime)>,
    /// `decision_queue_count`: what the triggers say the decision queue holds.
    decision_count: i64,
    footprint: [i64; 5],
}

async fn tables(app: &TestApp) -> Tables {
    let mut t = app
        .state
        .db
        .run(|c| {
            let (queue_since, queue_days) = crate::harness::queue_and_days(c)?;
            Ok(Tables {
                queue_since,
                queue_days,
                cases: cases::table
                    .select((
                        cases::id,
                        cases::person_id,
                        cases::type_id,
                        cases::status,
                        cases::certificate_number,
                    ))
                    .order(cases::id)
                    .load(c)?,
                moments: moments::table
                    .select((moments::id, moments::case_id, moments::status))
                    .order(moments::id)
                    .load(c)?,
                attested: attestations::table
                    .select(attestations::case_id)
                    .order(attestations::case_id)
                    .load(c)?,
                invoiced: invoice_recipients::table
                    .select(invoice_recipients::case_id)
                    .order(invoice_recipients::case_id)
                    .load(c)?,
                decided_by: decisions::table
                    .select((decisions::case_id, decisions::kind, decisions::decided_by))
                    .order(decisions::id)
                    .load(c)?,
                reviews: moment_reviews::table
                    .select((moment_reviews::case_id, moment_reviews::reviewer_id))
                    .order(moment_reviews::id)
                    .load(c)?,
                updated: cases::table
                    .select((cases::id, cases::updated_at))
                    .order(cases::id)
                    .load(c)?,
                review_queue: review_queue::table
                    .select(review_queue::moment_id)
                    .order(review_queue::moment_id)
                    .load(c)?,
                queue_counts: review_queue_counts::table
                    .filter(review_queue_counts::n.ne(0))
                    .select((review_queue_counts::type_id, review_queue_counts::n))
                    .order(review_queue_counts::type_id)
                    .load(c)?,
                decision_queue: decision_queue::table
                    .select((decision_queue::case_id, decision_queue::updated_at))
                    .order(decision_queue::case_id)
                    .load(c)?,
                decision_count: decision_queue_count::table
                    .select(decision_queue_count::n)
                    .first(c)?,
                footprint: [0; 5],
            })
        })
        .await
        .unwrap();
    t.footprint = footprint(app).await;
    t
}

fn check_invariants(t: &Tables, context: &str) {
    let status = |s: &str| CaseStatus::from_code(s).expect("a known status");
    check_queues(t, context);
    for (id, person, type_id, s, _) in &t.cases {
        if status(s).is_open() {
            let open = t
                .cases
                .iter()
                .filter(|(_, p, ty, s, _)| p == person && ty == type_id && status(s).is_open())
                .count();
            assert_eq!(
                open, 1,
                "{context}: {id}: one open case per type and person"
            );
        }
    }
    let mut carried: Vec<&str> = t
        .cases
        .iter()
        .filter(|(.., s, _)| status(s) != CaseStatus::Recertified)
        .filter_map(|(.., n)| n.as_deref())
        .collect();
    carried.sort_unstable();
    let drawn: Vec<String> = (1..=t.footprint[4]).map(certificate_number).collect();
    assert_eq!(carried, drawn, "{context}: numbers unique and gap-free");
    for (id, _, _, s, number) in &t.cases {
        let issued = !matches!(status(s), CaseStatus::InProgress | CaseStatus::Rejected);
        assert_eq!(
            issued,
            number.is_some(),
            "{context}: {id} {s} and its number"
        );
        if !issued {
            continue;
        }
        let approved = MomentStatus::Approved.code();
        assert!(
            t.moments
                .iter()
                .filter(|(_, c, _)| c == id)
                .all(|(.., m)| m == approved),
            "{context}: {id} issued with a moment not approved"
        );
        assert!(t.attested.contains(id), "{context}: {id} issued unattested");
        assert!(
            t.invoiced.contains(id),
            "{context}: {id} issued with no invoice recipient"
        );
    }
    for (case_id, _, decider) in &t.decided_by {
        let (_, person, ..) = t
            .cases
            .iter()
            .find(|(id, ..)| id == case_id)
            .expect("the decided case");
        assert_ne!(
            decider, person,
            "{context}: {case_id} decided by its holder"
        );
        assert!(
            !t.reviews.iter().any(|(c, r)| c == case_id && r == decider),
            "{context}: {case_id} decided by one of its reviewers"
        );
    }
}

/// The queues the triggers keep are what the tables say: every moment «Inväntar
/// granskning» of an open case, and every open case that is attested, invoiced and has
/// all its moments approved, at its last change.
fn check_queues(t: &Tables, context: &str) {
    let open = |case_id: &str| {
        t.cases
            .iter()
            .any(|(id, .., s, _)| id == case_id && s == CaseStatus::InProgress.code())
    };
    let awaiting: Vec<String> = t
        .moments
        .iter()
        .filter(|(_, case_id, s)| s == MomentStatus::AwaitingReview.code() && open(case_id))
        .map(|(id, ..)| id.clone())
        .collect();
    assert_eq!(t.review_queue, awaiting, "{context}: the review queue");
    let mut counts = std::collections::BTreeMap::<String, i64>::new();
    for (_, case_id, s) in &t.moments {
        if s == MomentStatus::AwaitingReview.code() && open(case_id) {
            let (.., type_id, _, _) = t
                .cases
                .iter()
                .find(|(id, ..)| id == case_id)
                .expect("the moment's case");
            *counts.entry(type_id.clone()).or_default() += 1;
        }
    }
    let counts: Vec<(String, i64)> = counts.into_iter().collect();
    assert_eq!(
        t.queue_counts, counts,
        "{context}: the review queue's counts"
    );
    // Every filter and day with moments waiting, and no row for one without.
    let days = crate::harness::queue_days(&t.queue_since);
    assert_eq!(
        t.queue_days, days,
        "{context}: the review queue's counts per day"
    );
    let ready: Vec<(String, PrimitiveDateTime)> = t
        .updated
        .iter()
        .filter(|(id, _)| {
            open(id)
                && t.attested.contains(id)
                && t.invoiced.contains(id)
                && t.moments
                    .iter()
                    .filter(|(_, c, _)| c == id)
                    .all(|(.., m)| m == MomentStatus::Approved.code())
        })
        .cloned()
        .collect();
    assert_eq!(t.decision_queue, ready, "{context}: the decision queue");
    assert_eq!(
        t.decision_count,
        ready.len() as i64,
        "{context}: the decision queue's count"
    );
}

/// The person types whose moments are all files or staff checks (an exam moment waits
/// for an exam, which is the exams' tests' business), open to applications.
async fn plain_types(app: &TestApp) -> Vec<String> {
    app.state
        .db
        .run(|c| {
            let mut out = Vec::new();
            for t in CertificateType::all(c)? {
                if t.subject != domain::certification::Subject::Person || !t.accepts_applications {
                    continue;
                }
                let templates = MomentTemplate::for_type(c, &t.id)?;
                if templates.iter().all(|m| m.kind != MomentKind::Exam) {
                    out.push(t.id);
                }
            }
            Ok(out)
        })
        .await
        .unwrap()
}

fn officer(id: &str) -> app::Actor {
    app::Actor {
        id: id.to_string(),
        handlaggare: true,
        beslutsfattare: true,
        ..Default::default()
    }
}

fn holder(id: &str) -> app::Actor {
    app::Actor {
        id: id.to_string(),
        ..Default::default()
    }
}

/// One random action by `persons` or `officers` on the world as `t` shows it.
fn act(
    c: &mut store::DbConn,
    rng: &mut Rng,
    t: &Tables,
    persons: &[String],
    officers: &[String],
    types: &[String],
    base: &str,
) -> app::Result<()> {
    let person = &persons[rng.below(persons.len())];
    let staff = officer(&officers[rng.below(officers.len())]);
    let mine: Vec<&String> = t
        .cases
        .iter()
        .filter(|(_, p, ..)| p == person)
        .map(|(id, ..)| id)
        .collect();
    // Mostly the person's newest case, so that sequences carry a case to its decision.
    let any_case = |rng: &mut Rng| {
        let i = if rng.below(4) > 0 {
            mine.len().saturating_sub(1)
        } else {
            rng.below(mine.len())
        };
        mine.get(i).map(|s| s.to_string())
    };
    // Mostly something waiting for the staff: a moment to review, an open case to decide.
    let waiting = MomentStatus::AwaitingReview.code();
    let to_review: Vec<&String> = t
        .moments
        .iter()
        .filter(|(.., s)| rng.below(4) == 0 || s == waiting)
        .map(|(id, ..)| id)
        .collect();
    let open = CaseStatus::InProgress.code();
    let to_decide: Vec<&String> = t
        .cases
        .iter()
        .filter(|(.., s, _)| rng.below(4) == 0 || s == open)
        .map(|(id, ..)| id)
        .collect();
    let today = today();
    match rng.below(10) {
        0 | 1 => {
            app::cases::apply(c, &holder(person), &types[rng.below(types.len())], today).map(|_| ())
        }
        2 | 3 => {
            let Some(case_id) = any_case(rng) else {
                return Ok(());
            };
            let ms: Vec<&String> = t
                .moments
                .iter()
                .filter(|(_, c, _)| *c == case_id)
                .map(|(id, ..)| id)
                .collect();
            let Some(moment) = ms.get(rng.below(ms.len())) else {
                return Ok(());
            };
            app::cases::upload_evidence(
                c,
                &holder(person),
                &case_id,
                moment,
                NewFile {
                    name: "intyg.pdf".into(),
                    content_type: "application/pdf".into(),
                    size_bytes: 9,
                    sha256: "0".repeat(64),
                    storage_key: store::new_id(),
                },
            )
        }
        4 | 5 => {
            let Some(id) = to_review.get(rng.below(to_review.len())) else {
                return Ok(());
            };
            let approve = rng.below(3) > 0;
            let comment = if rng.below(2) == 0 {
                ""
            } else {
                "Komplettera intyget"
            };
            app::review::review_moment(c, &staff, id, approve, comment, base)
        }
        6 => {
            let Some(case_id) = any_case(rng) else {
                return Ok(());
            };
            let case = Case::find(c, &case_id)?.expect("case");
            let code = CertificateType::find(c, &case.type_id)?
                .expect("type")
                .commitment_code;
            let text = CommitmentText::current(c, &code)?.expect("commitment text");
            app::cases::attest(c, &holder(person), &case_id, &text.id)
        }
        7 => {
            let Some(case_id) = any_case(rng) else {
                return Ok(());
            };
            app::cases::set_invoice_recipient(
                c,
                &holder(person),
                &case_id,
                InvoiceRecipientInput {
                    kind: InvoiceRecipientKind::Personal,
                    company_id: None,
                    address_line1: "Storgatan 1".into(),
                    address_line2: String::new(),
                    postal_code: "903 25".into(),
                    city: "Umeå".into(),
                    country: "Sverige".into(),
                    phone: String::new(),
                    email: String::new(),
                    reference: String::new(),
                },
            )
        }
        8 => {
            let Some(case_id) = to_decide.get(rng.below(to_decide.len())) else {
                return Ok(());
            };
            let input = IssueInput {
                valid_until: today + time::Duration::days(400),
                external: Some(ExternalIssuer {
                    body: "Kiwa".into(),
                    country: "Sverige".into(),
                    number: "K-1".into(),
                }),
            };
            app::decisions::issue(c, &staff, case_id, &input, today, base).map(|_| ())
        }
        _ => {
            let Some(case_id) = to_decide.get(rng.below(to_decide.len())) else {
                return Ok(());
            };
            app::decisions::reject(c, &staff, case_id, "Underlaget räcker inte", today, base)
        }
    }
}

async fn random_sequences_of_actions_keep_the_invariants(app: TestApp) {
    let (hanna, _) = staff(&app, "Hanna", true, true).await;
    let (bertil, _) = staff(&app, "Bertil", true, true).await;
    let officers = vec![hanna, bertil];
    // Two types: enough for the one-open-case rule to be per type, few enough that a
    // sequence carries cases to their decision.
    let mut types = plain_types(&app).await;
    assert!(
        types.len() >= 2,
        "the catalogue has person types without exams"
    );
    types.truncate(2);
    let base = app.state.config.base_url.clone();
    let (mut accepted, mut refused) = (0, 0);
    for sequence in 0..SEQUENCES {
        let seed = 0x9E37_79B9_7F4A_7C15 ^ u64::from(sequence + 1);
        let mut rng = Rng(seed);
        let persons = vec![
            bare_person(&app, 100 + 2 * sequence, "Anna").await,
            bare_person(&app, 101 + 2 * sequence, "Bo").await,
        ];
        for step in 0..STEPS {
            let context = format!("seed {seed:#x}, step {step}");
            let before = tables(&app).await;
            let (officers, types, base, persons) = (
                officers.clone(),
                types.clone(),
                base.clone(),
                persons.clone(),
            );
            let snapshot = before.clone();
            let (result, next_rng) = app
                .state
                .db
                .run(move |c| {
                    let r = act(c, &mut rng, &snapshot, &persons, &officers, &types, &base);
                    Ok((r, rng))
                })
                .await
                .unwrap();
            rng = next_rng;
            let after = tables(&app).await;
            match result {
                Ok(()) => accepted += 1,
                Err(app::Error::Rule(_)) => {
                    refused += 1;
                    assert_eq!(after, before, "{context}: a refused action wrote something");
                }
                Err(e) => panic!("{context}: {e:?}"),
            }
            check_invariants(&after, &context);
        }
    }
    // The sequences reach both outcomes, and some certificate gets issued.
    assert!(
        accepted > 0 && refused > 0,
        "{accepted} accepted, {refused} refused"
    );
    assert!(
        tables(&app).await.footprint[4] > 0,
        "no certificate was issued"
    );
}
