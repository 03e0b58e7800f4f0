DROP INDEX persons_names;
