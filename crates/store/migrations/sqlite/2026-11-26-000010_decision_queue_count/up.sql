-- How many cases wait for the final review (issue 11): «Handläggning» and the final-review
-- queue show it on every view, and counting the queue read all of it each time. The
-- triggers on decision_queue keep the count in the same transaction as the queue itself.
CREATE TABLE decision_queue_count (
  id INTEGER PRIMARY KEY NOT NULL CONSTRAINT decision_queue_count_one_row CHECK (id = 1),
  n BIGINT NOT NULL
);

INSERT INTO decision_queue_count (id, n) SELECT 1, COUNT(*) FROM decision_queue;

CREATE TRIGGER decision_queue_count_insert AFTER INSERT ON decision_queue
BEGIN
  UPDATE decision_queue_count SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER decision_queue_count_delete AFTER DELETE ON decision_queue
BEGIN
  UPDATE decision_queue_count SET n = n - 1 WHERE id = 1;
END;
