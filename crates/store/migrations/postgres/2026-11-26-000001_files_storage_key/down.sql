DROP INDEX files_storage_key;
