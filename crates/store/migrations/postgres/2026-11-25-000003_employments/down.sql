ALTER TABLE companies DROP COLUMN certificate_status_since;
ALTER TABLE companies DROP COLUMN certificate_status;
DROP TABLE employments;
