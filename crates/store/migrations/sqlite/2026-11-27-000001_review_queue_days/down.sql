DROP TRIGGER review_queue_day_update;
DROP TRIGGER review_queue_day_delete;
DROP TRIGGER review_queue_day_insert;
DROP TABLE review_queue_days;
