-- a permanent redirect moves a feed only once it has been seen twice in a row (a misconfigured server flaps)
ALTER TABLE feeds ADD COLUMN moved_to TEXT;
ALTER TABLE feeds ADD COLUMN moved_count INTEGER NOT NULL DEFAULT 0;
