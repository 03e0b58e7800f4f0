-- How many cases wait for the final review (issue 11): «Handläggning» and the final-review
-- queue show it on every view, and counting the queue read all of it each time (on
-- PostgreSQL a scan of some 15 000 rows at full size, half a millisecond of the database's
-- time per view). The trigger on decision_queue keeps the count in the same transaction as
-- the queue itself.
CREATE TABLE decision_queue_count (
  id INTEGER PRIMARY KEY NOT NULL CONSTRAINT decision_queue_count_one_row CHECK (id = 1),
  n BIGINT NOT NULL
);

INSERT INTO decision_queue_count (id, n) SELECT 1, COUNT(*) FROM decision_queue;

CREATE FUNCTION decision_queue_count() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE decision_queue_count SET n = n + 1 WHERE id = 1;
  ELSE
    UPDATE decision_queue_count SET n = n - 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER decision_queue_count AFTER INSERT OR DELETE ON decision_queue
  FOR EACH ROW EXECUTE FUNCTION decision_queue_count();
