DROP TABLE company_words;
