DROP TRIGGER decision_queue_count_delete;
DROP TRIGGER decision_queue_count_insert;
DROP TABLE decision_queue_count;
