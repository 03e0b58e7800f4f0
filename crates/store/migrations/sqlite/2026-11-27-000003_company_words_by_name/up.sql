-- Nothing on SQLite. The PostgreSQL migration of the same name adds an index on
-- company_words(word, name, company_id) for the administrators' company search, whose
-- page is ordered by name: PostgreSQL read the name from the table's rows. Here
-- company_words is a WITHOUT ROWID table whose rows are its primary key's b-tree and
-- carry the name; with the same index SQLite chose it and the search took 16 % more CPU
-- (1 903 against 2 259 req/s, alternated five times). The schema comparison
-- (tests/it/schema/drift) lists it as PostgreSQL's alone.
SELECT 1;
