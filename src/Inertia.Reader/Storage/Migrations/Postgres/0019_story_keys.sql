-- The same story through several feeds (Inertia.Feeds/Urls/StoryKey.cs: the address without its tracking, else the
-- title and text): the reader shows it once. Set by ingest; entries stored before this stay without one (never merged).
ALTER TABLE entries ADD COLUMN story_key TEXT;
CREATE INDEX entries_story ON entries (story_key, id) WHERE story_key IS NOT NULL;
