DROP TRIGGER decision_queue_count ON decision_queue;
DROP FUNCTION decision_queue_count();
DROP TABLE decision_queue_count;
