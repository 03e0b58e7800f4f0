-- The company page's «Tidigare anställda» (rejected and ended employments) by name, and
-- their count (issue 11). With the two statuses bound, PostgreSQL's generic plan for the
-- prepared statement (sized by the average company of ten employees) read every
-- employment of the company and filtered them by status: 2 000 at the big company, for
-- none former. A partial index over the former ones alone, which the statements name by
-- the same literal condition, is one range by company in name order whatever the plan.
CREATE INDEX employments_company_former ON employments(company_id, person_name_key, id)
  WHERE status IN ('rejected', 'ended');
