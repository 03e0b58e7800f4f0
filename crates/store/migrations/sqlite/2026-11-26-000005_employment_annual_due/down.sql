DROP TRIGGER employments_annual_case_delete;
DROP TRIGGER employments_annual_case_update;
DROP TRIGGER employments_annual_case_insert;
DROP TRIGGER employments_annual_insert;
DROP INDEX employments_company_annual;
ALTER TABLE employments DROP COLUMN annual_due_on;
