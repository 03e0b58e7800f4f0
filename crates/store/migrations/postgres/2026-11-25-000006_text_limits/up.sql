-- Every text a person types has a length limit, here as in the forms (crates/domain's
-- text module holds the numbers): a name, an address line or a reference, a company's name,
-- a staff comment or a decision's reason. Each CHECK is named <table>_<column>_length.
-- Before, «Administration»'s company form stored a 10 000-character name.

-- Values longer than the limits (the company form had none) are cut to them, so that
-- the upgrade does not stop on them.
UPDATE persons SET first_name = substr(first_name, 1, 100) WHERE length(first_name) > 100;
UPDATE persons SET last_name = substr(last_name, 1, 100) WHERE length(last_name) > 100;
UPDATE persons SET email = substr(email, 1, 254) WHERE length(email) > 254;
UPDATE persons SET phone = substr(phone, 1, 100) WHERE length(phone) > 100;
UPDATE persons SET address_line1 = substr(address_line1, 1, 100) WHERE length(address_line1) > 100;
UPDATE persons SET address_line2 = substr(address_line2, 1, 100) WHERE length(address_line2) > 100;
UPDATE persons SET postal_code = substr(postal_code, 1, 20) WHERE length(postal_code) > 20;
UPDATE persons SET city = substr(city, 1, 100) WHERE length(city) > 100;
UPDATE persons SET country = substr(country, 1, 100) WHERE length(country) > 100;
UPDATE companies SET name = substr(name, 1, 200) WHERE length(name) > 200;
UPDATE companies SET address_line1 = substr(address_line1, 1, 100) WHERE length(address_line1) > 100;
UPDATE companies SET address_line2 = substr(address_line2, 1, 100) WHERE length(address_line2) > 100;
UPDATE companies SET postal_code = substr(postal_code, 1, 20) WHERE length(postal_code) > 20;
UPDATE companies SET city = substr(city, 1, 100) WHERE length(city) > 100;
UPDATE companies SET country = substr(country, 1, 100) WHERE length(country) > 100;
UPDATE companies SET invoice_address_line1 = substr(invoice_address_line1, 1, 100) WHERE length(invoice_address_line1) > 100;
UPDATE companies SET invoice_address_line2 = substr(invoice_address_line2, 1, 100) WHERE length(invoice_address_line2) > 100;
UPDATE companies SET invoice_postal_code = substr(invoice_postal_code, 1, 20) WHERE length(invoice_postal_code) > 20;
UPDATE companies SET invoice_city = substr(invoice_city, 1, 100) WHERE length(invoice_city) > 100;
UPDATE companies SET invoice_country = substr(invoice_country, 1, 100) WHERE length(invoice_country) > 100;
UPDATE companies SET invoice_email = substr(invoice_email, 1, 254) WHERE length(invoice_email) > 254;
UPDATE cases SET external_body = substr(external_body, 1, 200) WHERE length(external_body) > 200;
UPDATE cases SET external_country = substr(external_country, 1, 100) WHERE length(external_country) > 100;
UPDATE cases SET external_number = substr(external_number, 1, 100) WHERE length(external_number) > 100;
UPDATE cases SET decision_reason = substr(decision_reason, 1, 2000) WHERE length(decision_reason) > 2000;
UPDATE moments SET review_comment = substr(review_comment, 1, 2000) WHERE length(review_comment) > 2000;
UPDATE moment_reviews SET comment = substr(comment, 1, 2000) WHERE length(comment) > 2000;
UPDATE invoice_recipients SET name = substr(name, 1, 200) WHERE length(name) > 200;
UPDATE invoice_recipients SET address_line1 = substr(address_line1, 1, 100) WHERE length(address_line1) > 100;
UPDATE invoice_recipients SET address_line2 = substr(address_line2, 1, 100) WHERE length(address_line2) > 100;
UPDATE invoice_recipients SET postal_code = substr(postal_code, 1, 20) WHERE length(postal_code) > 20;
UPDATE invoice_recipients SET city = substr(city, 1, 100) WHERE length(city) > 100;
UPDATE invoice_recipients SET country = substr(country, 1, 100) WHERE length(country) > 100;
UPDATE invoice_recipients SET phone = substr(phone, 1, 100) WHERE length(phone) > 100;
UPDATE invoice_recipients SET email = substr(email, 1, 254) WHERE length(email) > 254;
UPDATE invoice_recipients SET reference = substr(reference, 1, 100) WHERE length(reference) > 100;
UPDATE decisions SET reason = substr(reason, 1, 2000) WHERE length(reason) > 2000;

-- persons
ALTER TABLE persons ADD CONSTRAINT persons_first_name_length CHECK (length(first_name) <= 100);
ALTER TABLE persons ADD CONSTRAINT persons_last_name_length CHECK (length(last_name) <= 100);
ALTER TABLE persons ADD CONSTRAINT persons_email_length CHECK (length(email) <= 254);
ALTER TABLE persons ADD CONSTRAINT persons_phone_length CHECK (length(phone) <= 100);
ALTER TABLE persons ADD CONSTRAINT persons_address_line1_length CHECK (length(address_line1) <= 100);
ALTER TABLE persons ADD CONSTRAINT persons_address_line2_length CHECK (length(address_line2) <= 100);
ALTER TABLE persons ADD CONSTRAINT persons_postal_code_length CHECK (length(postal_code) <= 20);
ALTER TABLE persons ADD CONSTRAINT persons_city_length CHECK (length(city) <= 100);
ALTER TABLE persons ADD CONSTRAINT persons_country_length CHECK (length(country) <= 100);

-- companies
ALTER TABLE companies ADD CONSTRAINT companies_name_length CHECK (length(name) <= 200);
ALTER TABLE companies ADD CONSTRAINT companies_address_line1_length CHECK (length(address_line1) <= 100);
ALTER TABLE companies ADD CONSTRAINT companies_address_line2_length CHECK (length(address_line2) <= 100);
ALTER TABLE companies ADD CONSTRAINT companies_postal_code_length CHECK (length(postal_code) <= 20);
ALTER TABLE companies ADD CONSTRAINT companies_city_length CHECK (length(city) <= 100);
ALTER TABLE companies ADD CONSTRAINT companies_country_length CHECK (length(country) <= 100);
ALTER TABLE companies ADD CONSTRAINT companies_invoice_address_line1_length CHECK (length(invoice_address_line1) <= 100);
ALTER TABLE companies ADD CONSTRAINT companies_invoice_address_line2_length CHECK (length(invoice_address_line2) <= 100);
ALTER TABLE companies ADD CONSTRAINT companies_invoice_postal_code_length CHECK (length(invoice_postal_code) <= 20);
ALTER TABLE companies ADD CONSTRAINT companies_invoice_city_length CHECK (length(invoice_city) <= 100);
ALTER TABLE companies ADD CONSTRAINT companies_invoice_country_length CHECK (length(invoice_country) <= 100);
ALTER TABLE companies ADD CONSTRAINT companies_invoice_email_length CHECK (length(invoice_email) <= 254);

-- cases
ALTER TABLE cases ADD CONSTRAINT cases_external_body_length CHECK (length(external_body) <= 200);
ALTER TABLE cases ADD CONSTRAINT cases_external_country_length CHECK (length(external_country) <= 100);
ALTER TABLE cases ADD CONSTRAINT cases_external_number_length CHECK (length(external_number) <= 100);
ALTER TABLE cases ADD CONSTRAINT cases_decision_reason_length CHECK (length(decision_reason) <= 2000);

-- moments
ALTER TABLE moments ADD CONSTRAINT moments_review_comment_length CHECK (length(review_comment) <= 2000);

-- moment_reviews
ALTER TABLE moment_reviews ADD CONSTRAINT moment_reviews_comment_length CHECK (length(comment) <= 2000);

-- invoice_recipients
ALTER TABLE invoice_recipients ADD CONSTRAINT invoice_recipients_name_length CHECK (length(name) <= 200);
ALTER TABLE invoice_recipients ADD CONSTRAINT invoice_recipients_address_line1_length CHECK (length(address_line1) <= 100);
ALTER TABLE invoice_recipients ADD CONSTRAINT invoice_recipients_address_line2_length CHECK (length(address_line2) <= 100);
ALTER TABLE invoice_recipients ADD CONSTRAINT invoice_recipients_postal_code_length CHECK (length(postal_code) <= 20);
ALTER TABLE invoice_recipients ADD CONSTRAINT invoice_recipients_city_length CHECK (length(city) <= 100);
ALTER TABLE invoice_recipients ADD CONSTRAINT invoice_recipients_country_length CHECK (length(country) <= 100);
ALTER TABLE invoice_recipients ADD CONSTRAINT invoice_recipients_phone_length CHECK (length(phone) <= 100);
ALTER TABLE invoice_recipients ADD CONSTRAINT invoice_recipients_email_length CHECK (length(email) <= 254);
ALTER TABLE invoice_recipients ADD CONSTRAINT invoice_recipients_reference_length CHECK (length(reference) <= 100);

-- decisions
ALTER TABLE decisions ADD CONSTRAINT decisions_reason_length CHECK (length(reason) <= 2000);
