DROP TRIGGER employments_annual_case_delete ON cases;
DROP TRIGGER employments_annual_case_update ON cases;
DROP TRIGGER employments_annual_case_insert ON cases;
DROP FUNCTION employments_annual_case();
DROP TRIGGER employments_annual_insert ON employments;
DROP FUNCTION employments_annual_insert();
DROP INDEX employments_company_annual;
ALTER TABLE employments DROP COLUMN annual_due_on;
DROP FUNCTION employments_annual_due(TEXT);
