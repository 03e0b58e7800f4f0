-- How many moments wait in the review queue, per certificate type (issue 11): «Handläggning»
-- and the queue show the count on every view, and counting 100 000 queued moments reads
-- the whole of an index each time. The triggers on review_queue keep the count in the same
-- transaction as the queue itself.
CREATE TABLE review_queue_counts (
  type_id TEXT PRIMARY KEY NOT NULL,
  area_id TEXT NOT NULL,
  n BIGINT NOT NULL
);

INSERT INTO review_queue_counts (type_id, area_id, n)
SELECT type_id, area_id, COUNT(*) FROM review_queue GROUP BY type_id, area_id;

CREATE TRIGGER review_queue_count_insert AFTER INSERT ON review_queue
BEGIN
  INSERT INTO review_queue_counts (type_id, area_id, n) VALUES (NEW.type_id, NEW.area_id, 1)
  ON CONFLICT (type_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER review_queue_count_delete AFTER DELETE ON review_queue
BEGIN
  UPDATE review_queue_counts SET n = n - 1 WHERE type_id = OLD.type_id;
END;

CREATE TRIGGER review_queue_count_update AFTER UPDATE OF type_id, area_id ON review_queue
BEGIN
  UPDATE review_queue_counts SET n = n - 1 WHERE type_id = OLD.type_id;
  INSERT INTO review_queue_counts (type_id, area_id, n) VALUES (NEW.type_id, NEW.area_id, 1)
  ON CONFLICT (type_id) DO UPDATE SET n = n + 1;
END;
