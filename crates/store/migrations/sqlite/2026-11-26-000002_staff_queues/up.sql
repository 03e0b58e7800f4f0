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

-- review_queue: a moment enters or leaves with its own status, and all of a case's
-- moments with the case's status.
CREATE TRIGGER review_queue_moment_insert AFTER INSERT ON moments
WHEN NEW.status = 'awaiting_review'
BEGIN
  INSERT INTO review_queue (moment_id, case_id, type_id, area_id, awaiting_since)
  SELECT NEW.id, c.id, c.type_id, t.area_id, COALESCE(NEW.awaiting_since, NEW.updated_at)
  FROM cases c JOIN certificate_types t ON t.id = c.type_id
  WHERE c.id = NEW.case_id AND c.status = 'in_progress';
END;

CREATE TRIGGER review_queue_moment_update AFTER UPDATE OF status, awaiting_since, case_id ON moments
BEGIN
  DELETE FROM review_queue WHERE moment_id = OLD.id;
  INSERT INTO review_queue (moment_id, case_id, type_id, area_id, awaiting_since)
  SELECT NEW.id, c.id, c.type_id, t.area_id, COALESCE(NEW.awaiting_since, NEW.updated_at)
  FROM cases c JOIN certificate_types t ON t.id = c.type_id
  WHERE NEW.status = 'awaiting_review' AND c.id = NEW.case_id AND c.status = 'in_progress';
END;

CREATE TRIGGER review_queue_moment_delete AFTER DELETE ON moments
BEGIN
  DELETE FROM review_queue WHERE moment_id = OLD.id;
END;

CREATE TRIGGER review_queue_case_update AFTER UPDATE OF status, type_id ON cases
BEGIN
  DELETE FROM review_queue WHERE case_id = OLD.id;
  INSERT INTO review_queue (moment_id, case_id, type_id, area_id, awaiting_since)
  SELECT m.id, NEW.id, NEW.type_id, t.area_id, COALESCE(m.awaiting_since, m.updated_at)
  FROM moments m JOIN certificate_types t ON t.id = NEW.type_id
  WHERE NEW.status = 'in_progress' AND m.case_id = NEW.id AND m.status = 'awaiting_review';
END;

-- decision_queue: whether a case is ready is asked again whenever one of its four inputs
-- changes (the case, its moments, its attestation, its invoice recipient).
CREATE TRIGGER decision_queue_case_insert AFTER INSERT ON cases
BEGIN
  DELETE FROM decision_queue WHERE case_id = NEW.id;
  INSERT INTO decision_queue (case_id, updated_at)
  SELECT c.id, c.updated_at FROM cases c
  WHERE c.id = NEW.id AND c.status = 'in_progress'
    AND EXISTS (SELECT 1 FROM attestations a WHERE a.case_id = c.id)
    AND EXISTS (SELECT 1 FROM invoice_recipients i WHERE i.case_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM moments m WHERE m.case_id = c.id AND m.status <> 'approved');
END;

CREATE TRIGGER decision_queue_case_update AFTER UPDATE OF status, updated_at ON cases
BEGIN
  DELETE FROM decision_queue WHERE case_id = OLD.id;
  INSERT INTO decision_queue (case_id, updated_at)
  SELECT c.id, c.updated_at FROM cases c
  WHERE c.id = NEW.id AND c.status = 'in_progress'
    AND EXISTS (SELECT 1 FROM attestations a WHERE a.case_id = c.id)
    AND EXISTS (SELECT 1 FROM invoice_recipients i WHERE i.case_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM moments m WHERE m.case_id = c.id AND m.status <> 'approved');
END;

CREATE TRIGGER decision_queue_moment_insert AFTER INSERT ON moments
BEGIN
  DELETE FROM decision_queue WHERE case_id = NEW.case_id;
  INSERT INTO decision_queue (case_id, updated_at)
  SELECT c.id, c.updated_at FROM cases c
  WHERE c.id = NEW.case_id AND c.status = 'in_progress'
    AND EXISTS (SELECT 1 FROM attestations a WHERE a.case_id = c.id)
    AND EXISTS (SELECT 1 FROM invoice_recipients i WHERE i.case_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM moments m WHERE m.case_id = c.id AND m.status <> 'approved');
END;

CREATE TRIGGER decision_queue_moment_update AFTER UPDATE OF status, case_id ON moments
BEGIN
  DELETE FROM decision_queue WHERE case_id IN (OLD.case_id, NEW.case_id);
  INSERT INTO decision_queue (case_id, updated_at)
  SELECT c.id, c.updated_at FROM cases c
  WHERE c.id IN (OLD.case_id, NEW.case_id) AND c.status = 'in_progress'
    AND EXISTS (SELECT 1 FROM attestations a WHERE a.case_id = c.id)
    AND EXISTS (SELECT 1 FROM invoice_recipients i WHERE i.case_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM moments m WHERE m.case_id = c.id AND m.status <> 'approved');
END;

CREATE TRIGGER decision_queue_moment_delete AFTER DELETE ON moments
BEGIN
  DELETE FROM decision_queue WHERE case_id = OLD.case_id;
  INSERT INTO decision_queue (case_id, updated_at)
  SELECT c.id, c.updated_at FROM cases c
  WHERE c.id = OLD.case_id AND c.status = 'in_progress'
    AND EXISTS (SELECT 1 FROM attestations a WHERE a.case_id = c.id)
    AND EXISTS (SELECT 1 FROM invoice_recipients i WHERE i.case_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM moments m WHERE m.case_id = c.id AND m.status <> 'approved');
END;

CREATE TRIGGER decision_queue_attestation_insert AFTER INSERT ON attestations
BEGIN
  DELETE FROM decision_queue WHERE case_id = NEW.case_id;
  INSERT INTO decision_queue (case_id, updated_at)
  SELECT c.id, c.updated_at FROM cases c
  WHERE c.id = NEW.case_id AND c.status = 'in_progress'
    AND EXISTS (SELECT 1 FROM attestations a WHERE a.case_id = c.id)
    AND EXISTS (SELECT 1 FROM invoice_recipients i WHERE i.case_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM moments m WHERE m.case_id = c.id AND m.status <> 'approved');
END;

CREATE TRIGGER decision_queue_attestation_delete AFTER DELETE ON attestations
BEGIN
  DELETE FROM decision_queue WHERE case_id = OLD.case_id;
  INSERT INTO decision_queue (case_id, updated_at)
  SELECT c.id, c.updated_at FROM cases c
  WHERE c.id = OLD.case_id AND c.status = 'in_progress'
    AND EXISTS (SELECT 1 FROM attestations a WHERE a.case_id = c.id)
    AND EXISTS (SELECT 1 FROM invoice_recipients i WHERE i.case_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM moments m WHERE m.case_id = c.id AND m.status <> 'approved');
END;

CREATE TRIGGER decision_queue_invoice_insert AFTER INSERT ON invoice_recipients
BEGIN
  DELETE FROM decision_queue WHERE case_id = NEW.case_id;
  INSERT INTO decision_queue (case_id, updated_at)
  SELECT c.id, c.updated_at FROM cases c
  WHERE c.id = NEW.case_id AND c.status = 'in_progress'
    AND EXISTS (SELECT 1 FROM attestations a WHERE a.case_id = c.id)
    AND EXISTS (SELECT 1 FROM invoice_recipients i WHERE i.case_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM moments m WHERE m.case_id = c.id AND m.status <> 'approved');
END;

CREATE TRIGGER decision_queue_invoice_delete AFTER DELETE ON invoice_recipients
BEGIN
  DELETE FROM decision_queue WHERE case_id = OLD.case_id;
  INSERT INTO decision_queue (case_id, updated_at)
  SELECT c.id, c.updated_at FROM cases c
  WHERE c.id = OLD.case_id AND c.status = 'in_progress'
    AND EXISTS (SELECT 1 FROM attestations a WHERE a.case_id = c.id)
    AND EXISTS (SELECT 1 FROM invoice_recipients i WHERE i.case_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM moments m WHERE m.case_id = c.id AND m.status <> 'approved');
END;
