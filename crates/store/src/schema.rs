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

diesel::joinable!(sessions -> persons (person_id));
diesel::joinable!(email_tokens -> persons (person_id));
diesel::joinable!(company_admins -> persons (person_id));
diesel::joinable!(company_admins -> companies (company_id));

diesel::allow_tables_to_appear_in_same_query!(
    persons,
    sessions,
    email_tokens,
    login_failures,
    outbox,
    companies,
    company_admins,
    events,
    counters,
);
