-- SQLite's index for walking entries by id with their feed (its 0025). PostgreSQL pages Fever's items through each
-- feed's own (feed_id, id) index in a LATERAL join, and needs nothing more; the version keeps both schemas in step.
SELECT 1;
