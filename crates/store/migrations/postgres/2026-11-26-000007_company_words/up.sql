-- The administrators' company search finds a company by the start of any word of its
-- name («kyl» finds «Andersson Kyl AB»): one row per distinct word of the name's key,
-- with the name to order the hits by, written with the name (store::models::company).
-- A search reads this table alone for its count and its page. Before, it read every
-- company with `lower(name) LIKE '%…%'`. COLLATE "C": the search ranges over the words
-- by bytes.
CREATE TABLE company_words (
  word TEXT COLLATE "C" NOT NULL,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  PRIMARY KEY (word, company_id)
);
CREATE INDEX company_words_company ON company_words(company_id);

-- The words of the companies there are: their keys split at the spaces. A company whose key
-- is still empty gets its words when store::models::register::fill_search_keys fills it.
INSERT INTO company_words (word, company_id, name)
SELECT DISTINCT w, id, name FROM companies, regexp_split_to_table(name_key, ' ') AS w
WHERE w <> '';
