-- The short lists of a person's own pages in the order they are shown, straight from an
-- index (issue 11). Each of these indexes had the list's filter but not its whole order,
-- so every view sorted the few rows it read: on SQLite a temporary b-tree opened, filled
-- and closed per statement, a few microseconds each and several on a case page. Each
-- index below ends with the rest of its list's ORDER BY (the id last where it breaks ties,
-- so pages of a log do not shift), replaces the one it extends, and serves every lookup
-- the old one did.

-- «Händelselogg» of a case, of a person, of a company: newest first, then by id.
DROP INDEX events_case;
CREATE INDEX events_case ON events(case_id, at, id);
DROP INDEX events_person;
CREATE INDEX events_person ON events(person_id, at, id);
DROP INDEX events_company;
CREATE INDEX events_company ON events(company_id, at, id);

-- The decisions after issue on the case page, newest first.
DROP INDEX decisions_case;
CREATE INDEX decisions_case ON decisions(case_id, decided_at, id);

-- A case's and a moment's uploads, in the order they came.
DROP INDEX files_case;
CREATE INDEX files_case ON files(case_id, uploaded_at, id);
DROP INDEX files_moment;
CREATE INDEX files_moment ON files(moment_id, uploaded_at, id);

-- A moment's reviews on the review page, newest first.
DROP INDEX moment_reviews_moment;
CREATE INDEX moment_reviews_moment ON moment_reviews(moment_id, at, id);

-- The tab «Moment» of a case page: the newest round of moments first, each round in its
-- template's order. The status stays at the end, so that "has the case a moment not yet
-- approved?" is still answered from the index alone.
DROP INDEX moments_case;
CREATE INDEX moments_case ON moments(case_id, created_at DESC, sort_order, status);

-- «Anställningar»: the newest request first.
DROP INDEX employments_person;
CREATE INDEX employments_person ON employments(person_id, requested_at);

-- «Certifikat» and the start page: a person's cases, the newest number first. Beside
-- cases_person, whose order (status, annual_renewal_on) serves the counts of what is due.
CREATE INDEX cases_person_number ON cases(person_id, number);
