DROP TRIGGER review_queue_day ON review_queue;
DROP FUNCTION review_queue_day();
DROP TABLE review_queue_days;
