DROP TRIGGER review_queue_count_update;
DROP TRIGGER review_queue_count_delete;
DROP TRIGGER review_queue_count_insert;
DROP TABLE review_queue_counts;
