-- Where a page of the review queue asked for by its number starts (issue 11). Such a page
-- skipped every queued moment before it: 25 000 index entries for page 1 000, a millisecond
-- of the database's time on every view. The triggers on review_queue keep how many moments
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
SELECT area_id, type_id, date(awaiting_since), COUNT(*) FROM review_queue GROUP BY area_id, type_id, date(awaiting_since)
UNION ALL
SELECT area_id, '', date(awaiting_since), COUNT(*) FROM review_queue GROUP BY area_id, date(awaiting_since)
UNION ALL
SELECT '', type_id, date(awaiting_since), COUNT(*) FROM review_queue GROUP BY type_id, date(awaiting_since)
UNION ALL
SELECT '', '', date(awaiting_since), COUNT(*) FROM review_queue GROUP BY date(awaiting_since);

CREATE TRIGGER review_queue_day_insert AFTER INSERT ON review_queue
BEGIN
  INSERT INTO review_queue_days (area_id, type_id, day, n) VALUES
    (NEW.area_id, NEW.type_id, date(NEW.awaiting_since), 1),
    (NEW.area_id, '', date(NEW.awaiting_since), 1),
    ('', NEW.type_id, date(NEW.awaiting_since), 1),
    ('', '', date(NEW.awaiting_since), 1)
  ON CONFLICT (area_id, type_id, day) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER review_queue_day_delete AFTER DELETE ON review_queue
BEGIN
  UPDATE review_queue_days SET n = n - 1
  WHERE area_id IN (OLD.area_id, '') AND type_id IN (OLD.type_id, '')
    AND day = date(OLD.awaiting_since);
  DELETE FROM review_queue_days
  WHERE area_id IN (OLD.area_id, '') AND type_id IN (OLD.type_id, '')
    AND day = date(OLD.awaiting_since) AND n = 0;
END;

CREATE TRIGGER review_queue_day_update AFTER UPDATE OF type_id, area_id, awaiting_since ON review_queue
BEGIN
  UPDATE review_queue_days SET n = n - 1
  WHERE area_id IN (OLD.area_id, '') AND type_id IN (OLD.type_id, '')
    AND day = date(OLD.awaiting_since);
  DELETE FROM review_queue_days
  WHERE area_id IN (OLD.area_id, '') AND type_id IN (OLD.type_id, '')
    AND day = date(OLD.awaiting_since) AND n = 0;
  INSERT INTO review_queue_days (area_id, type_id, day, n) VALUES
    (NEW.area_id, NEW.type_id, date(NEW.awaiting_since), 1),
    (NEW.area_id, '', date(NEW.awaiting_since), 1),
    ('', NEW.type_id, date(NEW.awaiting_since), 1),
    ('', '', date(NEW.awaiting_since), 1)
  ON CONFLICT (area_id, type_id, day) DO UPDATE SET n = n + 1;
END;
