-- The officers' two queues as tables of their own, kept by triggers (issue 11). Counting
-- and paging the queues from moments and cases meant probing every open case; at a real
-- body's size that took seconds. A trigger runs inside the statement that changes a moment,
-- a case, an attestation or an invoice recipient, so the queues change in the same
-- transaction as the state they are derived from, whichever code path changed it.

-- «Inväntar granskning»: every moment awaiting review whose case is open, with what the
-- queue filters and sorts on.
CREATE TABLE review_queue (
  moment_id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL,
  type_id TEXT NOT NULL,
  area_id TEXT NOT NULL,
  awaiting_since TIMESTAMP NOT NULL
);
CREATE INDEX review_queue_order ON review_queue(awaiting_since, moment_id);
CREATE INDEX review_queue_area ON review_queue(area_id, awaiting_since, moment_id);
CREATE INDEX review_queue_type ON review_queue(type_id, awaiting_since, moment_id);
CREATE INDEX review_queue_case ON review_queue(case_id);

-- The final review: open cases with an attestation, an invoice recipient and every moment
-- approved, ordered by the case's last change.
CREATE TABLE decision_queue (
  case_id TEXT PRIMARY KEY NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX decision_queue_order ON decision_queue(updated_at, case_id);

-- Puts the moment in the review queue if it awaits review in an open case, takes it out
-- otherwise.
CREATE FUNCTION review_queue_refresh_moment(m_id TEXT) RETURNS void AS $$
BEGIN
  DELETE FROM review_queue WHERE moment_id = m_id;
  INSERT INTO review_queue (moment_id, case_id, type_id, area_id, awaiting_since)
  SELECT m.id, c.id, c.type_id, t.area_id, COALESCE(m.awaiting_since, m.updated_at)
  FROM moments m
  JOIN cases c ON c.id = m.case_id
  JOIN certificate_types t ON t.id = c.type_id
  WHERE m.id = m_id AND m.status = 'awaiting_review' AND c.status = 'in_progress'
  ON CONFLICT (moment_id) DO UPDATE SET
    case_id = EXCLUDED.case_id, type_id = EXCLUDED.type_id, area_id = EXCLUDED.area_id,
    awaiting_since = EXCLUDED.awaiting_since;
END $$ LANGUAGE plpgsql;

-- The same for every moment of a case.
CREATE FUNCTION review_queue_refresh_case(c_id TEXT) RETURNS void AS $$
BEGIN
  DELETE FROM review_queue WHERE case_id = c_id;
  INSERT INTO review_queue (moment_id, case_id, type_id, area_id, awaiting_since)
  SELECT m.id, c.id, c.type_id, t.area_id, COALESCE(m.awaiting_since, m.updated_at)
  FROM cases c
  JOIN moments m ON m.case_id = c.id
  JOIN certificate_types t ON t.id = c.type_id
  WHERE c.id = c_id AND c.status = 'in_progress' AND m.status = 'awaiting_review'
  ON CONFLICT (moment_id) DO UPDATE SET
    case_id = EXCLUDED.case_id, type_id = EXCLUDED.type_id, area_id = EXCLUDED.area_id,
    awaiting_since = EXCLUDED.awaiting_since;
END $$ LANGUAGE plpgsql;

-- Puts the case in the decision queue if it is ready for the final review, takes it out
-- otherwise.
CREATE FUNCTION decision_queue_refresh(c_id TEXT) RETURNS void AS $$
BEGIN
  DELETE FROM decision_queue WHERE case_id = c_id;
  INSERT INTO decision_queue (case_id, updated_at)
  SELECT c.id, c.updated_at FROM cases c
  WHERE c.id = c_id AND c.status = 'in_progress'
    AND EXISTS (SELECT 1 FROM attestations a WHERE a.case_id = c.id)
    AND EXISTS (SELECT 1 FROM invoice_recipients i WHERE i.case_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM moments m WHERE m.case_id = c.id AND m.status <> 'approved')
  ON CONFLICT (case_id) DO UPDATE SET updated_at = EXCLUDED.updated_at;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION staff_queues_on_moment() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM review_queue WHERE moment_id = OLD.id;
    PERFORM decision_queue_refresh(OLD.case_id);
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.case_id <> NEW.case_id THEN
    PERFORM decision_queue_refresh(OLD.case_id);
  END IF;
  IF TG_OP = 'UPDATE' OR NEW.status = 'awaiting_review' THEN
    PERFORM review_queue_refresh_moment(NEW.id);
  END IF;
  PERFORM decision_queue_refresh(NEW.case_id);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION staff_queues_on_case() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM review_queue_refresh_case(NEW.id);
  END IF;
  PERFORM decision_queue_refresh(NEW.id);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION staff_queues_on_case_input() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM decision_queue_refresh(OLD.case_id);
  ELSE
    PERFORM decision_queue_refresh(NEW.case_id);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

INSERT INTO review_queue (moment_id, case_id, type_id, area_id, awaiting_since)
SELECT m.id, c.id, c.type_id, t.area_id, COALESCE(m.awaiting_since, m.updated_at)
FROM moments m
JOIN cases c ON c.id = m.case_id
JOIN certificate_types t ON t.id = c.type_id
WHERE m.status = 'awaiting_review' AND c.status = 'in_progress';

INSERT INTO decision_queue (case_id, updated_at)
SELECT c.id, c.updated_at FROM cases c
WHERE c.status = 'in_progress'
  AND EXISTS (SELECT 1 FROM attestations a WHERE a.case_id = c.id)
  AND EXISTS (SELECT 1 FROM invoice_recipients i WHERE i.case_id = c.id)
  AND NOT EXISTS (SELECT 1 FROM moments m WHERE m.case_id = c.id AND m.status <> 'approved');

CREATE TRIGGER staff_queues_moment_insert AFTER INSERT OR DELETE ON moments
  FOR EACH ROW EXECUTE FUNCTION staff_queues_on_moment();
CREATE TRIGGER staff_queues_moment_update AFTER UPDATE OF status, awaiting_since, case_id ON moments
  FOR EACH ROW EXECUTE FUNCTION staff_queues_on_moment();
CREATE TRIGGER staff_queues_case_insert AFTER INSERT ON cases
  FOR EACH ROW EXECUTE FUNCTION staff_queues_on_case();
CREATE TRIGGER staff_queues_case_update AFTER UPDATE OF status, type_id, updated_at ON cases
  FOR EACH ROW EXECUTE FUNCTION staff_queues_on_case();
CREATE TRIGGER staff_queues_attestation AFTER INSERT OR DELETE ON attestations
  FOR EACH ROW EXECUTE FUNCTION staff_queues_on_case_input();
CREATE TRIGGER staff_queues_invoice AFTER INSERT OR DELETE ON invoice_recipients
  FOR EACH ROW EXECUTE FUNCTION staff_queues_on_case_input();
