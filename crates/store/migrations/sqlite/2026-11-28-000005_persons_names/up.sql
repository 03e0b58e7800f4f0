-- People's names by their id, in one index (issue 11). Pages name people by joining
-- `persons` on its key: a case's holder, who made and changed each of its moments, who
-- did each thing in a «Händelselogg». `persons` has a text key, so SQLite found each
-- person twice: in the key's index for the row number, then in the table for the name.
-- With the names in an index of the key it reads that index alone (a case page 2 % fewer
-- instructions, its «Händelselogg» too). PostgreSQL reaches the row from its key's index
-- directly, one page read: it has no such index.
CREATE INDEX persons_names ON persons(id, first_name, last_name);
