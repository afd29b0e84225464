-- The public site asks "how many feeds are public?" on every page of its newest entries (to choose how to read them):
-- the feeds marked public, found by this index instead of a scan of every feed.
CREATE INDEX feeds_public ON feeds (id) WHERE is_public;
