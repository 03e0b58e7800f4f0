DROP TRIGGER company_annual_due_employment ON employments;
DROP TRIGGER company_annual_due_case ON cases;
DROP FUNCTION company_annual_due_employment();
DROP FUNCTION company_annual_due_case();
DROP FUNCTION company_annual_due_add_employment(TEXT, TEXT, INTEGER);
DROP FUNCTION company_annual_due_add_case(TEXT, DATE, INTEGER);
DROP TABLE company_annual_due;
