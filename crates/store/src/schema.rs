//! The Diesel table definitions, shared by both backends: the migrations in
//! `migrations/{sqlite,postgres}` create the same columns with the same SQL types.

diesel::table! {
    persons (id) {
        id -> Text,
        personnummer -> Nullable<Text>,
        first_name -> Text,
        last_name -> Text,
        email -> Text,
        email_verified_at -> Nullable<Timestamp>,
        password_hash -> Nullable<Text>,
        phone -> Text,
        address_line1 -> Text,
        address_line2 -> Text,
        postal_code -> Text,
        city -> Text,
        country -> Text,
        language -> Text,
        is_handlaggare -> Bool,
        is_beslutsfattare -> Bool,
        is_administrator -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        name_key -> Text,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        person_id -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    email_tokens (token_hash) {
        token_hash -> Text,
        person_id -> Text,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        email -> Text,
        at -> Timestamp,
        client -> Text,
    }
}

diesel::table! {
    limited_mails (id) {
        id -> Text,
        person_id -> Text,
        kind -> Text,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        claimed_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    companies (id) {
        id -> Text,
        orgnr -> Text,
        name -> Text,
        address_line1 -> Text,
        address_line2 -> Text,
        postal_code -> Text,
        city -> Text,
        country -> Text,
        invoice_address_line1 -> Text,
        invoice_address_line2 -> Text,
        invoice_postal_code -> Text,
        invoice_city -> Text,
        invoice_country -> Text,
        invoice_email -> Text,
        created_at -> Timestamp,
        certificate_status -> Text,
        certificate_status_since -> Nullable<Timestamp>,
        name_key -> Text,
    }
}

diesel::table! {
    employments (id) {
        id -> Text,
        person_id -> Text,
        company_id -> Text,
        status -> Text,
        start_date -> Date,
        end_date -> Nullable<Date>,
        requested_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
        updated_at -> Timestamp,
        /// The person's `name_key`, kept by the database's triggers (for the company page's
        /// order).
        person_name_key -> Text,
        /// The person's earliest `annual_renewal_on` among active and inactive cases, kept
        /// by the database's triggers (for the company page's «Årlig förlängning»).
        annual_due_on -> Nullable<Date>,
    }
}

diesel::table! {
    company_admins (company_id, person_id) {
        company_id -> Text,
        person_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    company_words (word, company_id) {
        word -> Text,
        company_id -> Text,
        name -> Text,
    }
}

diesel::table! {
    events (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        person_id -> Nullable<Text>,
        company_id -> Nullable<Text>,
        case_id -> Nullable<Text>,
        kind -> Text,
        detail -> Text,
    }
}

diesel::table! {
    counters (name) {
        name -> Text,
        value -> BigInt,
    }
}

diesel::table! {
    areas (id) {
        id -> Text,
        code -> Text,
        name_sv -> Text,
        name_en -> Text,
        sort_order -> Integer,
    }
}

diesel::table! {
    commitment_texts (id) {
        id -> Text,
        code -> Text,
        version -> Integer,
        text_sv -> Text,
        text_en -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    certificate_types (id) {
        id -> Text,
        code -> Text,
        area_id -> Text,
        name_sv -> Text,
        name_en -> Text,
        subject -> Text,
        is_external -> Bool,
        fee_sek -> Integer,
        annual_renewal -> Bool,
        recertification_years -> Integer,
        validity_years -> Integer,
        qualifies_company -> Bool,
        commitment_code -> Text,
        sort_order -> Integer,
        accepts_applications -> Bool,
        activities_sv -> Text,
        activities_en -> Text,
    }
}

diesel::table! {
    moment_templates (id) {
        id -> Text,
        type_id -> Text,
        code -> Text,
        name_sv -> Text,
        name_en -> Text,
        kind -> Text,
        file_template -> Nullable<Text>,
        sort_order -> Integer,
        for_recertification -> Bool,
    }
}

diesel::table! {
    cases (id) {
        id -> Text,
        number -> BigInt,
        person_id -> Text,
        type_id -> Text,
        status -> Text,
        certificate_number -> Nullable<Text>,
        issued_on -> Nullable<Date>,
        valid_until -> Nullable<Date>,
        latest_decision_on -> Nullable<Date>,
        annual_renewal_on -> Nullable<Date>,
        recertification_on -> Nullable<Date>,
        external_body -> Text,
        external_country -> Text,
        external_number -> Text,
        decision_reason -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        suspended_until -> Nullable<Date>,
        scope_note -> Text,
        renews_case_id -> Nullable<Text>,
        renewed_by_case_id -> Nullable<Text>,
        status_index -> Nullable<BigInt>,
        holder_key -> Text,
    }
}

diesel::table! {
    moments (id) {
        id -> Text,
        case_id -> Text,
        template_id -> Text,
        status -> Text,
        review_comment -> Text,
        created_at -> Timestamp,
        created_by -> Text,
        updated_at -> Timestamp,
        updated_by -> Text,
        awaiting_since -> Nullable<Timestamp>,
        sort_order -> Integer,
    }
}

diesel::table! {
    moment_reviews (id) {
        id -> Text,
        moment_id -> Text,
        case_id -> Text,
        reviewer_id -> Text,
        approved -> Bool,
        comment -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    files (id) {
        id -> Text,
        moment_id -> Text,
        case_id -> Text,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
        original_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        storage_key -> Text,
    }
}

diesel::table! {
    attestations (id) {
        id -> Text,
        case_id -> Text,
        person_id -> Text,
        commitment_id -> Text,
        answer -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    invoice_recipients (case_id) {
        case_id -> Text,
        kind -> Text,
        company_id -> Nullable<Text>,
        name -> Text,
        address_line1 -> Text,
        address_line2 -> Text,
        postal_code -> Text,
        city -> Text,
        country -> Text,
        phone -> Text,
        email -> Text,
        reference -> Text,
        updated_at -> Timestamp,
        updated_by -> Text,
    }
}

diesel::table! {
    decisions (id) {
        id -> Text,
        case_id -> Text,
        kind -> Text,
        decided_by -> Text,
        decided_at -> Timestamp,
        reason -> Text,
        until_on -> Nullable<Date>,
    }
}

diesel::joinable!(sessions -> persons (person_id));
diesel::joinable!(employments -> companies (company_id));
diesel::joinable!(certificate_types -> areas (area_id));
diesel::joinable!(moment_templates -> certificate_types (type_id));
diesel::joinable!(cases -> certificate_types (type_id));
diesel::joinable!(cases -> persons (person_id));
diesel::joinable!(moments -> cases (case_id));
diesel::joinable!(moments -> moment_templates (template_id));
diesel::joinable!(files -> moments (moment_id));
diesel::joinable!(invoice_recipients -> cases (case_id));
diesel::joinable!(email_tokens -> persons (person_id));
diesel::joinable!(limited_mails -> persons (person_id));
diesel::joinable!(company_admins -> persons (person_id));
diesel::joinable!(company_admins -> companies (company_id));
diesel::joinable!(company_words -> companies (company_id));

diesel::joinable!(annual_attestations -> cases (case_id));
diesel::joinable!(reminders -> cases (case_id));

diesel::joinable!(exam_sessions -> exam_centres (centre_id));
diesel::joinable!(exam_sessions -> exam_kinds (exam_kind_id));
diesel::joinable!(exam_bookings -> exam_sessions (session_id));
diesel::joinable!(exam_bookings -> persons (person_id));
diesel::joinable!(exam_examiners -> exam_centres (centre_id));
diesel::joinable!(exam_centre_kinds -> exam_kinds (exam_kind_id));
diesel::joinable!(exam_kind_moments -> exam_kinds (exam_kind_id));

diesel::table! {
    /// Moments «Inväntar granskning» in open cases; kept by the database's triggers
    /// (migration 2026-11-26-000002), never written by the portal.
    review_queue (moment_id) {
        moment_id -> Text,
        case_id -> Text,
        type_id -> Text,
        area_id -> Text,
        awaiting_since -> Timestamp,
    }
}

diesel::table! {
    /// How many moments of each certificate type wait in `review_queue`; kept by the
    /// database's triggers (migration 2026-11-26-000003).
    review_queue_counts (type_id) {
        type_id -> Text,
        area_id -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    /// How many moments wait in `review_queue` per day of `awaiting_since`, in all (area
    /// and type ''), per area (type ''), per type (area '') and per area and type; kept by
    /// the database's triggers (migration 2026-11-27-000001). Where a page asked for by its
    /// number starts.
    review_queue_days (area_id, type_id, day) {
        area_id -> Text,
        type_id -> Text,
        day -> Date,
        n -> BigInt,
    }
}

diesel::table! {
    /// Open cases ready for the final review; kept by the database's triggers.
    decision_queue (case_id) {
        case_id -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// How many rows `decision_queue` has (one row, id 1), kept by its triggers.
    decision_queue_count (id) {
        id -> Integer,
        n -> BigInt,
    }
}

diesel::table! {
    /// How many employments each company has in each status; kept by the database's
    /// triggers (migration 2026-11-28-000003).
    company_employment_counts (company_id, status) {
        company_id -> Text,
        status -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    /// How many certificates of each company's confirmed employees fall due for their
    /// yearly attestation on each day; kept by the database's triggers (migration
    /// 2026-11-28-000004).
    company_annual_due (company_id, due_on) {
        company_id -> Text,
        due_on -> Date,
        n -> Integer,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    review_queue,
    company_employment_counts,
    company_annual_due,
    review_queue_counts,
    review_queue_days,
    decision_queue,
    decision_queue_count,
    exam_kinds,
    exam_kind_moments,
    exam_centres,
    exam_centre_kinds,
    exam_examiners,
    exam_sessions,
    exam_bookings,
    annual_attestations,
    reminders,
    persons,
    sessions,
    email_tokens,
    login_failures,
    limited_mails,
    outbox,
    companies,
    company_admins,
    company_words,
    events,
    counters,
    areas,
    commitment_texts,
    certificate_types,
    moment_templates,
    cases,
    moments,
    moment_reviews,
    files,
    attestations,
    invoice_recipients,
    decisions,
    employments,
);

diesel::table! {
    annual_attestations (id) {
        id -> Text,
        case_id -> Text,
        due_on -> Date,
        basis -> Text,
        attested_by -> Text,
        company_id -> Nullable<Text>,
        note -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    reminders (case_id, kind, due_on) {
        case_id -> Text,
        kind -> Text,
        due_on -> Date,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    exam_kinds (id) {
        id -> Text,
        code -> Text,
        name_sv -> Text,
        name_en -> Text,
        max_points -> Integer,
        pass_points -> Integer,
        valid_months -> Integer,
        max_attempts -> Integer,
        bring_sv -> Text,
        bring_en -> Text,
        sort_order -> Integer,
    }
}

diesel::table! {
    exam_kind_moments (exam_kind_id, template_id) {
        exam_kind_id -> Text,
        template_id -> Text,
    }
}

diesel::table! {
    exam_centres (id) {
        id -> Text,
        orgnr -> Text,
        name -> Text,
        address_line1 -> Text,
        postal_code -> Text,
        city -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    exam_centre_kinds (centre_id, exam_kind_id) {
        centre_id -> Text,
        exam_kind_id -> Text,
    }
}

diesel::table! {
    exam_examiners (centre_id, person_id) {
        centre_id -> Text,
        person_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    exam_sessions (id) {
        id -> Text,
        centre_id -> Text,
        exam_kind_id -> Text,
        on_date -> Date,
        start_time -> Text,
        city -> Text,
        address -> Text,
        seats -> Integer,
        booked -> Integer,
        last_booking_day -> Date,
        last_cancel_day -> Date,
        status -> Text,
        fixed_at -> Nullable<Timestamp>,
        fixed_by -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    exam_bookings (id) {
        id -> Text,
        session_id -> Text,
        person_id -> Text,
        exam_kind_id -> Text,
        status -> Text,
        attendance -> Nullable<Text>,
        points -> Nullable<Integer>,
        passed -> Bool,
        taken_on -> Date,
        booked_at -> Timestamp,
        cancelled_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}
