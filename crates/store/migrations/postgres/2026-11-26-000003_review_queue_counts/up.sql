-- How many moments wait in the review queue, per certificate type (issue 11): «Handläggning»
-- and the queue show the count on every view, and counting 100 000 queued moments reads
-- the whole of an index each time. The trigger on review_queue keeps the count in the same
-- transaction as the queue itself.
CREATE TABLE review_queue_counts (
  type_id TEXT PRIMARY KEY NOT NULL,
  area_id TEXT NOT NULL,
  n BIGINT NOT NULL
);

INSERT INTO review_queue_counts (type_id, area_id, n)
SELECT type_id, area_id, COUNT(*) FROM review_queue GROUP BY type_id, area_id;

CREATE FUNCTION review_queue_count() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE review_queue_counts SET n = n - 1 WHERE type_id = OLD.type_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO review_queue_counts (type_id, area_id, n) VALUES (NEW.type_id, NEW.area_id, 1)
    ON CONFLICT (type_id) DO UPDATE SET n = review_queue_counts.n + 1;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER review_queue_count AFTER INSERT OR DELETE OR UPDATE OF type_id, area_id ON review_queue
  FOR EACH ROW EXECUTE FUNCTION review_queue_count();
