//! Bulk data for the load benchmark (`certportal seed --persons N --companies M`): a
//! certification body's register after some years. Persons with histories of cases of
//! every status (expired certificates recertified, rejected applications, active ones,
//! open ones at every step), their moments, uploads' metadata, reviews, decisions,
//! attestations and invoice recipients, the «Händelselogg» of it all, companies with
//! administrators and employees (one company with 2 000), and a queue of moments awaiting
//! review. All seeded persons share one password hash (the caller's): hashing thousands
//! of passwords would measure Argon2.
//!
//! This is a fixture loader, not a state change a person makes: it computes ids, numbers
//! and dates in memory and writes whole rows in multi-row statements, a few thousand
//! persons' worth to a transaction, so that 200 000 persons load in minutes. It lives here
//! because `app` is the only layer that writes.

use time::{Date, Duration, PrimitiveDateTime, Time};

use domain::certification::{
    CaseStatus, DecisionKind, InvoiceRecipientKind, MomentKind, MomentStatus, ReminderKind, Subject,
};
use domain::company_certificate::Standing;
use domain::employment::EmploymentStatus;
use domain::events::EventKind;
use store::models::bulk::{
    AttestationRow, Batch, CaseRow, CompanyAdminRow, CompanyRow, CompanyWordRow, DecisionRow,
    EmploymentRow, EventRow, FileRow, InvoiceRow, MomentRow, PersonRow, ReminderRow, ReviewRow,
};
use store::models::catalog::{CertificateType, CommitmentText, MomentTemplate};
use store::models::person::Person;
use store::DbConn;

use crate::error::Result;
use crate::tx;

/// How big a body to make.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub persons: usize,
    pub companies: usize,
}

/// What was written.
#[derive(Debug, Default, Clone)]
pub struct Seeded {
    pub persons: usize,
    pub companies: usize,
    pub employments: usize,
    pub cases: usize,
    pub moments: usize,
    pub files: usize,
    pub events: usize,
    pub awaiting_review: usize,
    pub ready_for_decision: usize,
    /// Rows of every table together.
    pub rows: usize,
    /// The data set was there already (its first person exists): nothing was written.
    pub already_there: bool,
}

/// Persons per transaction: large enough that statements carry thousands of rows, small
/// enough that a slice's rows (~150 000) stay a few tens of MB in memory.
const SLICE: usize = 4_000;
/// The company with the most employees has this many (or a quarter of a small seed).
const BIG_COMPANY: usize = 2_000;
const OFFICERS: usize = 10;
const DECISION_MAKERS: usize = 4;

const FIRST_NAMES: [&str; 16] = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara", "Per", "Lena",
    "Mikael", "Emma", "Nils", "Ida", "Oskar",
];
const LAST_NAMES: [&str; 16] = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Lindberg",
    "Lindström",
    "Berg",
    "Holm",
];
const CITIES: [(&str, &str); 8] = [
    ("Stockholm", "11"),
    ("Göteborg", "41"),
    ("Malmö", "21"),
    ("Uppsala", "75"),
    ("Västerås", "72"),
    ("Örebro", "70"),
    ("Linköping", "58"),
    ("Umeå", "90"),
];

/// A valid personnummer for seed number `i` (born 1950-01-01 + i days, Luhn-checked).
pub fn personnummer(i: usize) -> String {
    let born = time::macros::date!(1950 - 01 - 01) + Duration::days(i as i64 % 18000);
    let serial = 100 + (i / 18000) % 900;
    let first9 = format!(
        "{:02}{:02}{:02}{:03}",
        born.year() % 100,
        u8::from(born.month()),
        born.day(),
        serial
    );
    let check = domain::identifiers::luhn_check_digit(&first9);
    format!("{}{first9}{check}", born.year() / 100)
}

/// A valid organisationsnummer for seed company `k` (`5569…`, Luhn-checked; the demo
/// company's `5560…` never collides).
pub fn orgnr(k: usize) -> String {
    let first9 = format!("5569{:05}", k % 100_000);
    let check = domain::identifiers::luhn_check_digit(&first9);
    format!("{first9}{check}")
}

/// The login of seeded person `i`.
pub fn email(i: usize) -> String {
    format!("seed{i}@bench.example")
}

/// splitmix64: a small, fast, reproducible generator (the data set is the same every run).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// a..b days
    fn days(&mut self, a: i64, b: i64) -> Duration {
        Duration::days(a + self.below((b - a).max(1) as u64) as i64)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn at(d: Date, rng: &mut Rng) -> PrimitiveDateTime {
    let secs = 7 * 3600 + rng.below(11 * 3600);
    PrimitiveDateTime::new(d, Time::MIDNIGHT) + Duration::seconds(secs as i64)
}

/// The catalogue as the loader needs it: the person certificate types, their moment
/// templates and their current commitment text.
struct TypeInfo {
    cert_type: CertificateType,
    templates: Vec<MomentTemplate>,
    commitment_id: String,
}

/// Everything the generator keeps between slices.
struct Ctx {
    types: Vec<TypeInfo>,
    today: Date,
    password_hash: String,
    officers: Vec<String>,
    deciders: Vec<String>,
    company_ids: Vec<String>,
    big_company_employees: usize,
    next_case: i64,
    next_certificate: i64,
    out: Seeded,
}

fn event(
    b: &mut Batch,
    at: PrimitiveDateTime,
    kind: EventKind,
    actor: Option<&str>,
    person: Option<&str>,
    company: Option<&str>,
    case: Option<&str>,
) {
    b.events.push(EventRow {
        id: store::new_id(),
        at,
        actor_id: actor.map(str::to_string),
        person_id: person.map(str::to_string),
        company_id: company.map(str::to_string),
        case_id: case.map(str::to_string),
        kind,
        detail: String::new(),
    });
}

/// Seeds a body of `size` (nothing when its first person exists already). `today` is the
/// date the histories end on.
pub fn seed(c: &mut DbConn, size: Size, password_hash: &str, today: Date) -> Result<Seeded> {
    if Person::find_by_email(c, &email(0))?.is_some() {
        return Ok(Seeded {
            already_there: true,
            ..Seeded::default()
        });
    }
    let mut types = Vec::new();
    for t in CertificateType::all(c)? {
        if t.subject != Subject::Person {
            continue;
        }
        let templates = MomentTemplate::for_type(c, &t.id)?;
        let Some(commitment) = CommitmentText::current(c, &t.commitment_code)? else {
            continue;
        };
        types.push(TypeInfo {
            cert_type: t,
            templates,
            commitment_id: commitment.id,
        });
    }
    if types.is_empty() {
        return Err(crate::Error::NotFound);
    }
    let load = store::models::bulk::prepare_for_load(c)?;
    let companies = size.companies.max(1);
    let mut ctx = Ctx {
        types,
        today,
        password_hash: password_hash.to_string(),
        officers: Vec::new(),
        deciders: Vec::new(),
        company_ids: Vec::new(),
        big_company_employees: BIG_COMPANY.min(size.persons / 4).max(1),
        next_case: 0,
        next_certificate: 0,
        out: Seeded::default(),
    };
    let loaded = load_all(c, &mut ctx, size.persons, companies);
    // Also after a failure: the indexes and triggers the load suspended come back.
    let finished = store::models::bulk::finish_load(c, load);
    loaded?;
    finished?;
    Ok(ctx.out)
}

/// Staff and companies, then the persons slice by slice, then the counters.
fn load_all(c: &mut DbConn, ctx: &mut Ctx, persons: usize, companies: usize) -> Result<()> {
    ctx.next_case = store::models::bulk::counter(c, "case")? + 1;
    ctx.next_certificate = store::models::bulk::counter(c, "certificate")? + 1;
    // Staff and companies first: every later slice refers to them.
    let mut first = Batch::default();
    staff(ctx, &mut first);
    for k in 0..companies {
        company(ctx, &mut first, k);
    }
    write(c, ctx, first)?;

    let mut start = 0;
    while start < persons {
        let end = (start + SLICE).min(persons);
        let mut b = Batch::default();
        for i in start..end {
            person(ctx, &mut b, i);
        }
        write(c, ctx, b)?;
        start = end;
    }
    store::models::bulk::raise_counter(c, "case", ctx.next_case - 1)?;
    store::models::bulk::raise_counter(c, "certificate", ctx.next_certificate - 1)?;
    store::models::bulk::assign_status_indexes(c)?;
    Ok(())
}

fn write(c: &mut DbConn, ctx: &mut Ctx, b: Batch) -> Result<()> {
    tx(c, |c| Ok(b.insert(c)?))?;
    let o = &mut ctx.out;
    o.persons += b.persons.len();
    o.companies += b.companies.len();
    o.employments += b.employments.len();
    o.cases += b.cases.len();
    o.moments += b.moments.len();
    o.files += b.files.len();
    o.events += b.events.len();
    o.rows += b.rows();
    Ok(())
}

fn staff(ctx: &mut Ctx, b: &mut Batch) {
    let created = at(ctx.today - Duration::days(3650), &mut Rng::new(7));
    for k in 0..OFFICERS + DECISION_MAKERS {
        let id = store::new_id();
        let officer = k < OFFICERS;
        let (first, email) = if officer {
            ("Handläggare", format!("seed-handlaggare{k}@bench.example"))
        } else {
            (
                "Beslutsfattare",
                format!("seed-beslutsfattare{}@bench.example", k - OFFICERS),
            )
        };
        b.persons.push(PersonRow {
            id: id.clone(),
            personnummer: None,
            first_name: first.into(),
            last_name: format!("Bench{k}"),
            name_key: domain::text::search_key(&[&format!("Bench{k}"), first]),
            email,
            email_verified_at: Some(created),
            password_hash: Some(ctx.password_hash.clone()),
            phone: String::new(),
            address_line1: String::new(),
            address_line2: String::new(),
            postal_code: String::new(),
            city: String::new(),
            country: String::new(),
            language: "sv".into(),
            is_handlaggare: officer,
            is_beslutsfattare: !officer,
            is_administrator: false,
            created_at: created,
            updated_at: created,
        });
        event(
            b,
            created,
            EventKind::AccountCreated,
            None,
            Some(&id),
            None,
            None,
        );
        if officer {
            ctx.officers.push(id);
        } else {
            ctx.deciders.push(id);
        }
    }
}

fn company(ctx: &mut Ctx, b: &mut Batch, k: usize) {
    let mut rng = Rng::new(1_000_000 + k as u64);
    let id = store::new_id();
    let created = at(ctx.today - rng.days(400, 4000), &mut rng);
    let (city, zip) = CITIES[rng.below(CITIES.len() as u64) as usize];
    let name = if k == 0 {
        "Storbolaget Installation AB".to_string()
    } else {
        format!(
            "{} {} AB",
            LAST_NAMES[rng.below(16) as usize],
            ["Kyl", "Värme", "VVS", "El", "Installation", "Service"][k % 6]
        )
    };
    let name_key = domain::text::search_key(&[&name]);
    b.company_words
        .extend(
            domain::text::key_words(&name_key)
                .into_iter()
                .map(|word| CompanyWordRow {
                    word,
                    company_id: id.clone(),
                    name: name.clone(),
                }),
        );
    b.companies.push(CompanyRow {
        id: id.clone(),
        orgnr: orgnr(k),
        name_key,
        name,
        address_line1: format!("Industrivägen {}", 1 + k % 90),
        address_line2: String::new(),
        postal_code: format!("{zip}{:03}", k % 1000),
        city: city.into(),
        country: "SE".into(),
        invoice_address_line1: format!("Box {}", 100 + k % 900),
        invoice_address_line2: String::new(),
        invoice_postal_code: format!("{zip}{:03}", k % 1000),
        invoice_city: city.into(),
        invoice_country: "SE".into(),
        invoice_email: format!("faktura{k}@bench.example"),
        created_at: created,
        certificate_status: if k % 5 == 4 {
            Standing::None
        } else {
            Standing::Active
        },
        certificate_status_since: (k % 5 != 4).then_some(created),
    });
    event(
        b,
        created,
        EventKind::CompanyCreated,
        None,
        None,
        Some(&id),
        None,
    );
    ctx.company_ids.push(id);
}

fn person(ctx: &mut Ctx, b: &mut Batch, i: usize) {
    let mut rng = Rng::new(i as u64);
    let id = store::new_id();
    let registered_on = ctx.today - rng.days(200, 4400);
    let registered = at(registered_on, &mut rng);
    let (city, zip) = CITIES[rng.below(CITIES.len() as u64) as usize];
    let first_name = FIRST_NAMES[rng.below(16) as usize];
    let last_name = LAST_NAMES[rng.below(16) as usize];
    b.persons.push(PersonRow {
        id: id.clone(),
        personnummer: Some(personnummer(i)),
        first_name: first_name.into(),
        last_name: last_name.into(),
        name_key: domain::text::search_key(&[last_name, first_name]),
        email: email(i),
        email_verified_at: Some(registered),
        password_hash: Some(ctx.password_hash.clone()),
        phone: format!("070-{:07}", i % 10_000_000),
        address_line1: format!("Storgatan {}", 1 + i % 120),
        address_line2: String::new(),
        postal_code: format!("{zip}{:03}", i % 1000),
        city: city.into(),
        country: "SE".into(),
        language: if i % 10 == 9 { "en" } else { "sv" }.into(),
        is_handlaggare: false,
        is_beslutsfattare: false,
        is_administrator: false,
        created_at: registered,
        updated_at: registered,
    });
    event(
        b,
        registered,
        EventKind::AccountRegistered,
        Some(&id),
        Some(&id),
        None,
        None,
    );
    event(
        b,
        registered + Duration::minutes(5),
        EventKind::EmailVerified,
        Some(&id),
        Some(&id),
        None,
        None,
    );
    employment_history(ctx, b, &mut rng, i, &id, registered_on);

    let chains = [1, 2, 3, 3, 4][rng.below(5) as usize].min(ctx.types.len());
    let first_type = rng.below(ctx.types.len() as u64) as usize;
    for k in 0..chains {
        let t = (first_type + k) % ctx.types.len();
        let length = 1 + rng.below(6) as usize;
        case_chain(ctx, b, &mut rng, &id, t, length, registered_on);
    }
}

fn employment_history(
    ctx: &mut Ctx,
    b: &mut Batch,
    rng: &mut Rng,
    i: usize,
    person_id: &str,
    registered_on: Date,
) {
    let companies = ctx.company_ids.len();
    let big = ctx.big_company_employees;
    // Persons 0..big work at the big company; the next ones administer one company each.
    let (company, admin) = if i < big {
        (0, i == 0)
    } else if i - big < companies.saturating_sub(1) {
        (1 + (i - big), true)
    } else if companies > 1 {
        (1 + rng.below(companies as u64 - 1) as usize, false)
    } else {
        (0, false)
    };
    let company_id = ctx.company_ids[company].clone();
    let officer = ctx.officers[rng.below(ctx.officers.len() as u64) as usize].clone();
    let start = registered_on + rng.days(1, 60);
    let start = start.min(ctx.today);
    let requested = at(start, rng);
    let employ = |b: &mut Batch,
                  company_id: &str,
                  status: EmploymentStatus,
                  start_date: Date,
                  end_date: Option<Date>,
                  requested: PrimitiveDateTime| {
        let decided = (status != EmploymentStatus::Pending).then(|| requested + Duration::days(2));
        let eid = store::new_id();
        b.employments.push(EmploymentRow {
            id: eid,
            person_id: person_id.into(),
            company_id: company_id.into(),
            status,
            start_date,
            end_date,
            requested_at: requested,
            decided_at: decided,
            decided_by: decided.map(|_| officer.clone()),
            updated_at: decided.unwrap_or(requested),
        });
        event(
            b,
            requested,
            EventKind::EmploymentRequested,
            Some(person_id),
            Some(person_id),
            Some(company_id),
            None,
        );
        if let Some(d) = decided {
            event(
                b,
                d,
                EventKind::EmploymentConfirmed,
                None,
                Some(person_id),
                Some(company_id),
                None,
            );
        }
    };
    let roll = rng.below(100);
    if i < big || admin {
        employ(
            b,
            &company_id,
            EmploymentStatus::Confirmed,
            start,
            None,
            requested,
        );
        if admin {
            b.company_admins.push(CompanyAdminRow {
                company_id,
                person_id: person_id.into(),
                created_at: requested,
            });
        }
    } else if roll < 55 {
        employ(
            b,
            &company_id,
            EmploymentStatus::Confirmed,
            start,
            None,
            requested,
        );
    } else if roll < 65 {
        employ(
            b,
            &company_id,
            EmploymentStatus::Pending,
            start,
            None,
            requested,
        );
    } else if roll < 80 && companies > 2 {
        // Moved: an ended employment, then a confirmed one elsewhere.
        let ended = (start + rng.days(100, 900)).min(ctx.today);
        employ(
            b,
            &company_id,
            EmploymentStatus::Ended,
            start,
            Some(ended),
            requested,
        );
        let other = 1 + (company % (companies - 1));
        let other_id = ctx.company_ids[other].clone();
        employ(
            b,
            &other_id,
            EmploymentStatus::Confirmed,
            ended,
            None,
            at(ended, rng),
        );
    }
}

/// Which status the newest case of a chain has.
fn last_status(rng: &mut Rng) -> CaseStatus {
    match rng.below(100) {
        0..=19 => CaseStatus::InProgress,
        20..=71 => CaseStatus::Active,
        72..=79 => CaseStatus::Rejected,
        _ => CaseStatus::Expired,
    }
}

/// One person's successive cases of one type, newest first: the newest may be open; the
/// older ones were rejected or issued and have expired (a recertification followed).
#[allow(clippy::too_many_arguments)]
fn case_chain(
    ctx: &mut Ctx,
    b: &mut Batch,
    rng: &mut Rng,
    person_id: &str,
    t: usize,
    length: usize,
    registered_on: Date,
) {
    let years = match ctx.types[t].cert_type.validity_years {
        0 => 3,
        y => i64::from(y),
    };
    let validity = Duration::days(years * 365);
    let today = ctx.today;
    let mut next_created = today;
    for j in 0..length {
        let status = if j == 0 {
            last_status(rng)
        } else if rng.chance(15) {
            CaseStatus::Rejected
        } else {
            CaseStatus::Expired
        };
        let (created, decided, valid_until) = match status {
            CaseStatus::InProgress => (today - rng.days(1, 150), None, None),
            // The seed writes none of the life's later statuses; they read as their kin.
            CaseStatus::Active | CaseStatus::Inactive | CaseStatus::Suspended => {
                let issued = today - rng.days(1, years * 365 - 1);
                (
                    issued - rng.days(10, 60),
                    Some(issued),
                    Some(issued + validity),
                )
            }
            CaseStatus::Expired | CaseStatus::Withdrawn | CaseStatus::Recertified => {
                let until = if j == 0 {
                    today - rng.days(1, 700)
                } else {
                    next_created + rng.days(0, 60)
                };
                let until = until.min(today - Duration::days(1));
                let issued = until - validity;
                (issued - rng.days(10, 60), Some(issued), Some(until))
            }
            CaseStatus::Rejected => {
                let on = next_created - rng.days(30, 400);
                (on - rng.days(10, 90), Some(on), None)
            }
        };
        if created < registered_on {
            break;
        }
        one_case(
            ctx,
            b,
            rng,
            person_id,
            t,
            status,
            created,
            decided,
            valid_until,
        );
        next_created = created;
    }
}

/// The reminders the calendar's jobs have sent by today for an active certificate: the
/// yearly attestation's once it opened, recertification's once it opened. Without them
/// the first start on a seeded body would send tens of thousands of reminders at once.
fn remind_as_sent(
    ctx: &Ctx,
    b: &mut Batch,
    rng: &mut Rng,
    person_id: &str,
    case_id: &str,
    annual_due: Option<Date>,
    recertify_by: Option<Date>,
) {
    use domain::certification::life::{
        add_months, ANNUAL_OPENS_MONTHS_BEFORE, RECERTIFICATION_OPENS_MONTHS_BEFORE,
    };
    let due = [
        (ReminderKind::Annual, annual_due, ANNUAL_OPENS_MONTHS_BEFORE),
        (
            ReminderKind::Recertification,
            recertify_by,
            RECERTIFICATION_OPENS_MONTHS_BEFORE,
        ),
    ];
    for (kind, on, months) in due {
        let Some(on) = on else { continue };
        let opened = add_months(on, -months);
        if opened > ctx.today || on < ctx.today {
            continue;
        }
        let sent_at = at(opened, rng);
        b.reminders.push(ReminderRow {
            case_id: case_id.into(),
            kind,
            due_on: on,
            sent_at,
        });
        b.events.push(EventRow {
            id: store::new_id(),
            at: sent_at,
            actor_id: None,
            person_id: Some(person_id.into()),
            company_id: None,
            case_id: Some(case_id.into()),
            kind: EventKind::ReminderSent,
            detail: kind.code().into(),
        });
    }
}

#[allow(clippy::too_many_arguments)]
fn one_case(
    ctx: &mut Ctx,
    b: &mut Batch,
    rng: &mut Rng,
    person_id: &str,
    t: usize,
    status: CaseStatus,
    created_on: Date,
    decided_on: Option<Date>,
    valid_until: Option<Date>,
) {
    let case_id = store::new_id();
    let number = ctx.next_case;
    ctx.next_case += 1;
    let created = at(created_on, rng);
    let officer = ctx.officers[rng.below(ctx.officers.len() as u64) as usize].clone();
    let decider = ctx.deciders[rng.below(ctx.deciders.len() as u64) as usize].clone();
    let info = &ctx.types[t];
    let type_id = info.cert_type.id.clone();
    let annual_renewal = info.cert_type.annual_renewal;
    let recertifies = info.cert_type.recertification_years > 0;
    let commitment_id = info.commitment_id.clone();
    let templates = info.templates.clone();
    event(
        b,
        created,
        EventKind::CaseCreated,
        Some(person_id),
        Some(person_id),
        None,
        Some(&case_id),
    );

    // Where an open case stands: files awaited, under review, one refused, all approved
    // (and then, mostly, attested and ready for the decision).
    let stage = match status {
        CaseStatus::InProgress => rng.below(100),
        _ => 100,
    };
    let mut last_change = created;
    let mut all_approved = true;
    for (k, template) in templates.iter().enumerate() {
        let uploaded = created + Duration::hours(1 + k as i64);
        let reviewed = uploaded + rng.days(1, 10);
        let moment_status = match (status, stage) {
            (CaseStatus::InProgress, 0..=24) => template.kind.initial_status(),
            (CaseStatus::InProgress, 25..=74) => MomentStatus::AwaitingReview,
            (CaseStatus::InProgress, 75..=79) if k == 0 => MomentStatus::NotApproved,
            (CaseStatus::Rejected, _) if k == 0 => MomentStatus::NotApproved,
            _ => MomentStatus::Approved,
        };
        all_approved &= moment_status == MomentStatus::Approved;
        let moment_id = store::new_id();
        let has_file =
            template.kind == MomentKind::File && moment_status != MomentStatus::AwaitingFile;
        let reviewed_yet = matches!(
            moment_status,
            MomentStatus::Approved | MomentStatus::NotApproved
        );
        let (updated_at, updated_by) = if reviewed_yet {
            (reviewed, officer.clone())
        } else if has_file {
            (uploaded, person_id.to_string())
        } else {
            (created, person_id.to_string())
        };
        last_change = last_change.max(updated_at);
        if moment_status == MomentStatus::AwaitingReview {
            ctx.out.awaiting_review += 1;
        }
        b.moments.push(MomentRow {
            id: moment_id.clone(),
            case_id: case_id.clone(),
            template_id: template.id.clone(),
            status: moment_status,
            review_comment: if moment_status == MomentStatus::NotApproved {
                "Kopian är oläslig, ladda upp en ny.".into()
            } else {
                String::new()
            },
            created_at: created,
            created_by: person_id.into(),
            updated_at,
            updated_by,
            awaiting_since: moment_status.awaits_review().then_some(updated_at),
            sort_order: k as i32,
        });
        if has_file {
            b.files.push(FileRow {
                id: store::new_id(),
                moment_id: moment_id.clone(),
                case_id: case_id.clone(),
                uploaded_by: person_id.into(),
                uploaded_at: uploaded,
                original_name: format!("{}.pdf", template.code),
                content_type: "application/pdf".into(),
                size_bytes: 40_000 + rng.below(2_000_000) as i64,
                sha256: format!("{:016x}{:016x}", rng.next(), rng.next()),
                storage_key: format!("seed/{moment_id}"),
            });
            event(
                b,
                uploaded,
                EventKind::FileUploaded,
                Some(person_id),
                Some(person_id),
                None,
                Some(&case_id),
            );
        }
        if reviewed_yet {
            let approved = moment_status == MomentStatus::Approved;
            b.reviews.push(ReviewRow {
                id: store::new_id(),
                moment_id: moment_id.clone(),
                case_id: case_id.clone(),
                reviewer_id: officer.clone(),
                approved,
                comment: String::new(),
                at: reviewed,
            });
            event(
                b,
                reviewed,
                if approved {
                    EventKind::MomentApproved
                } else {
                    EventKind::MomentRejected
                },
                Some(&officer),
                Some(person_id),
                None,
                Some(&case_id),
            );
        }
    }

    let attested = status != CaseStatus::InProgress || (all_approved && stage >= 85);
    if attested {
        let on = last_change + Duration::hours(2);
        b.attestations.push(AttestationRow {
            id: store::new_id(),
            case_id: case_id.clone(),
            person_id: person_id.into(),
            commitment_id,
            answer: "ja".into(),
            at: on,
        });
        event(
            b,
            on,
            EventKind::CaseAttested,
            Some(person_id),
            Some(person_id),
            None,
            Some(&case_id),
        );
        b.invoices.push(InvoiceRow {
            case_id: case_id.clone(),
            kind: InvoiceRecipientKind::Personal,
            company_id: None,
            name: String::new(),
            address_line1: "Storgatan 1".into(),
            address_line2: String::new(),
            postal_code: "11122".into(),
            city: "Stockholm".into(),
            country: "SE".into(),
            phone: String::new(),
            email: String::new(),
            reference: String::new(),
            updated_at: on,
            updated_by: person_id.into(),
        });
        last_change = on;
        if status == CaseStatus::InProgress {
            ctx.out.ready_for_decision += 1;
        }
    }

    let mut certificate_number = None;
    let mut decision_reason = String::new();
    if let Some(on) = decided_on {
        let decided = at(on, rng).max(last_change + Duration::minutes(1));
        let (kind, event_kind) = if status == CaseStatus::Rejected {
            decision_reason = "Underlaget visar inte den yrkeserfarenhet som krävs.".into();
            (DecisionKind::Reject, EventKind::ApplicationRejected)
        } else {
            certificate_number = Some(domain::certification::certificate_number(
                ctx.next_certificate,
            ));
            ctx.next_certificate += 1;
            (DecisionKind::Issue, EventKind::CertificateIssued)
        };
        b.decisions.push(DecisionRow {
            id: store::new_id(),
            case_id: case_id.clone(),
            kind,
            decided_by: decider.clone(),
            decided_at: decided,
            reason: decision_reason.clone(),
        });
        event(
            b,
            decided,
            event_kind,
            Some(&decider),
            Some(person_id),
            None,
            Some(&case_id),
        );
        last_change = decided;
    }
    if status == CaseStatus::Expired {
        if let Some(until) = valid_until {
            let on = at(until + Duration::days(1), rng);
            event(
                b,
                on,
                EventKind::CertificateExpired,
                None,
                Some(person_id),
                None,
                Some(&case_id),
            );
            last_change = last_change.max(on);
        }
    }
    // The yearly attestations given so far: the next one falls due on the first
    // anniversary after today, so about a quarter of them are open or close to it.
    let annual_renewal_on = match (status, decided_on, valid_until) {
        (CaseStatus::Active, Some(issued), Some(until)) if annual_renewal => {
            domain::certification::life::next_annual_due(issued, until, ctx.today)
        }
        _ => None,
    };
    if status == CaseStatus::Active {
        remind_as_sent(
            ctx,
            b,
            rng,
            person_id,
            &case_id,
            annual_renewal_on,
            valid_until.filter(|_| recertifies),
        );
    }
    // The holder was written into this batch just before their cases.
    let holder_key = b
        .persons
        .iter()
        .rev()
        .find(|p| p.id == person_id)
        .map(|p| p.name_key.clone())
        .unwrap_or_default();
    b.cases.push(CaseRow {
        id: case_id,
        number,
        person_id: person_id.into(),
        type_id,
        status,
        certificate_number,
        issued_on: decided_on.filter(|_| status != CaseStatus::Rejected),
        valid_until,
        latest_decision_on: decided_on,
        annual_renewal_on,
        recertification_on: None,
        external_body: String::new(),
        external_country: String::new(),
        external_number: String::new(),
        decision_reason,
        created_at: created,
        updated_at: last_change,
        holder_key,
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn seeded_personnummer_are_valid_and_distinct() {
        let today = time::macros::date!(2026 - 11 - 25);
        let mut seen = std::collections::HashSet::new();
        for i in 0..20_000 {
            let p = super::personnummer(i);
            assert!(
                domain::identifiers::Personnummer::parse(&p, today).is_ok(),
                "{p}"
            );
            assert!(seen.insert(p));
        }
    }

    #[test]
    fn seeded_orgnr_are_valid_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for k in 0..20_000 {
            let o = super::orgnr(k);
            assert!(domain::identifiers::Orgnr::parse(&o).is_ok(), "{o}");
            assert!(seen.insert(o));
        }
    }
}
