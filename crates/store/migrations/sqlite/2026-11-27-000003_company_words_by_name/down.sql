DROP INDEX company_words_word_name;
