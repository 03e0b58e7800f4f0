-- The administrators' company search finds a company by the start of any word of its
-- name («kyl» finds «Andersson Kyl AB»): one row per distinct word of the name's key,
-- with the name to order the hits by, written with the name (store::models::company).
-- A search reads this table alone for its count and its page. Before, it read every
-- company with `lower(name) LIKE '%…%'`.
CREATE TABLE company_words (
  word TEXT NOT NULL,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  PRIMARY KEY (word, company_id)
) WITHOUT ROWID;
CREATE INDEX company_words_company ON company_words(company_id);

-- The words of the companies there are: their keys split at the spaces. A company whose key
-- is still empty gets its words when store::models::register::fill_search_keys fills it.
WITH RECURSIVE split(company_id, name, word, rest) AS (
  SELECT id, name, '', name_key || ' ' FROM companies
  UNION ALL
  SELECT company_id, name, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
  FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO company_words (word, company_id, name)
SELECT word, company_id, name FROM split WHERE word <> '';
