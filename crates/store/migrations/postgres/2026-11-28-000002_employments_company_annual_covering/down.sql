DROP INDEX employments_company_annual;
CREATE INDEX employments_company_annual ON employments(company_id, status, annual_due_on);
