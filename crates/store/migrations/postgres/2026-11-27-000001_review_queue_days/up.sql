-- Where a page of the review queue asked for by its number starts (issue 11). Such a page
-- skipped every queued moment before it: 25 000 index entries for page 1 000, a millisecond
-- of the database's time on every view. The trigger on review_queue keeps how many moments
-- wait per day of `awaiting_since`, in the same transaction as the queue itself, once for
-- each way the queue can be filtered: in all (area and type ''), per area (type ''), per
-- type (area '') and per area and type. A page's start is found by reading its filter's
-- days in order (a range of the key, a row per day the queue spans) and skipping within one
-- day only. A day whose count falls to nought is taken away, so the table stays as small as
-- the queue's span.
CREATE TABLE review_queue_days (
  area_id TEXT NOT NULL,
  type_id TEXT NOT NULL,
  day DATE NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (area_id, type_id, day)
);

INSERT INTO review_queue_days (area_id, type_id, day, n)
SELECT area_id, type_id, CAST(awaiting_since AS DATE), COUNT(*) FROM review_queue GROUP BY area_id, type_id, CAST(awaiting_since AS DATE)
UNION ALL
SELECT area_id, '', CAST(awaiting_since AS DATE), COUNT(*) FROM review_queue GROUP BY area_id, CAST(awaiting_since AS DATE)
UNION ALL
SELECT '', type_id, CAST(awaiting_since AS DATE), COUNT(*) FROM review_queue GROUP BY type_id, CAST(awaiting_since AS DATE)
UNION ALL
SELECT '', '', CAST(awaiting_since AS DATE), COUNT(*) FROM review_queue GROUP BY CAST(awaiting_since AS DATE);

CREATE FUNCTION review_queue_day() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE review_queue_days SET n = n - 1
    WHERE area_id IN (OLD.area_id, '') AND type_id IN (OLD.type_id, '')
      AND day = CAST(OLD.awaiting_since AS DATE);
    DELETE FROM review_queue_days
    WHERE area_id IN (OLD.area_id, '') AND type_id IN (OLD.type_id, '')
      AND day = CAST(OLD.awaiting_since AS DATE) AND n = 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO review_queue_days (area_id, type_id, day, n) VALUES
      (NEW.area_id, NEW.type_id, CAST(NEW.awaiting_since AS DATE), 1),
      (NEW.area_id, '', CAST(NEW.awaiting_since AS DATE), 1),
      ('', NEW.type_id, CAST(NEW.awaiting_since AS DATE), 1),
      ('', '', CAST(NEW.awaiting_since AS DATE), 1)
    ON CONFLICT (area_id, type_id, day) DO UPDATE SET n = review_queue_days.n + 1;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER review_queue_day
  AFTER INSERT OR DELETE OR UPDATE OF type_id, area_id, awaiting_since ON review_queue
  FOR EACH ROW EXECUTE FUNCTION review_queue_day();
