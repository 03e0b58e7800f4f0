DROP TRIGGER company_employment_count ON employments;
DROP FUNCTION company_employment_count();
DROP TABLE company_employment_counts;
