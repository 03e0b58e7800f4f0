DROP TRIGGER review_queue_count ON review_queue;
DROP FUNCTION review_queue_count();
DROP TABLE review_queue_counts;
