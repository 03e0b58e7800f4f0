-- «Årlig förlängning» on the company page counts the employees whose certificates fall due
-- and joins each to their certificates by person (issue 11). The index found the
-- employments but not their person, so each of the 172 due at the big company was read
-- from the table as well. With the person in the index, the count reads the index alone:
-- on SQLite the count took 0.44 ms instead of 0.68, and the page of them 0.31 instead of
-- 0.42.
DROP INDEX employments_company_annual;
CREATE INDEX employments_company_annual ON employments(company_id, status, annual_due_on, person_id);
