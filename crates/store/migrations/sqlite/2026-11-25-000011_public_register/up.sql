-- «Sök certifierade» (the public register), the certificate as a PDF and as a verifiable
-- credential.
--
-- name_key: a person's "last first" and a company's name, lowercased with single spaces
-- (store::search_key); the register searches by prefix on it. It is filled by the
-- application (`store::db::fill_search_keys`, run after every migration), as SQL's lower()
-- does not lowercase Å, Ä and Ö everywhere. SQLite compares text byte by byte, so a prefix
-- is a range of the index.
ALTER TABLE persons ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
CREATE INDEX persons_name_key ON persons(name_key, id);
ALTER TABLE companies ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
CREATE INDEX companies_name_key ON companies(name_key, id);

-- «Kontrollera certifikat» finds a certificate by its number whatever its status: the
-- unique index of 000008 covers only the cases not «Omcertifierad», which a query with the
-- status as a parameter cannot be proved to stay within.
CREATE INDEX cases_number_lookup ON cases(certificate_number, status);
-- A search of the register walks the matching persons by name and each one's listed
-- certificates; with everything the page is ordered and filtered by in this index, the
-- hit count and a deep page's ids come from indexes alone, and only the page's own rows
-- are read.
CREATE INDEX cases_register ON cases(person_id, status, type_id, certificate_number, id);

-- The activities a certificate type covers, one per line, printed on its certificate.
ALTER TABLE certificate_types ADD COLUMN activities_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE certificate_types ADD COLUMN activities_en TEXT NOT NULL DEFAULT '';

-- A certificate's position in the Bitstring Status Lists of its credential, handed out at
-- issue from the counter 'status-list'; the certificates already issued get theirs here.
-- External certificates have none: the other body vouches for them.
ALTER TABLE cases ADD COLUMN status_index BIGINT;
UPDATE cases SET status_index = n.rn
  FROM (SELECT c.id, row_number() OVER (ORDER BY c.issued_on, c.id) AS rn
          FROM cases c JOIN certificate_types t ON t.id = c.type_id
         WHERE c.certificate_number IS NOT NULL AND NOT t.is_external) AS n
 WHERE cases.id = n.id;
CREATE UNIQUE INDEX cases_status_index ON cases(status_index);
-- A status list is the withdrawn (or suspended) cases within its range of indexes.
CREATE INDEX cases_status_list ON cases(status, status_index);
INSERT INTO counters (name, value) SELECT 'status-list', COALESCE(MAX(status_index), 0) FROM cases;

-- A recertification is looked up by the case it renews, and almost no case renews one:
-- over the few that do, the planner's statistics say what the index is worth (over every
-- case, the NULLs made it look useless, and «does a recertification of this certificate
-- exist» read every open case instead).
DROP INDEX cases_renews;
CREATE INDEX cases_renews ON cases(renews_case_id) WHERE renews_case_id IS NOT NULL;
