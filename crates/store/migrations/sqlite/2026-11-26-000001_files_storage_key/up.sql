-- `certportal check` pages through the stored files' keys in key order.
CREATE INDEX files_storage_key ON files(storage_key);
