-- The same story through several of a reader's feeds is theirs once (Storage/StoryCopies.cs). story_hash: 64 bits of the
-- story's key (Inertia.Feeds/Urls/StoryKey.cs: the address without its tracking, else the title and text), set by ingest;
-- entries stored before this have none and are never taken for copies. copy_of: for a reader, the entry of another of
-- their feeds this one is a copy of (read and hidden while it is); no foreign key, as retention may remove either.
ALTER TABLE entries ADD COLUMN story_hash BIGINT;
CREATE INDEX entries_story ON entries (story_hash) WHERE story_hash IS NOT NULL;
ALTER TABLE entry_states ADD COLUMN copy_of BIGINT;
CREATE INDEX entry_states_copies ON entry_states (user_id, copy_of) WHERE copy_of IS NOT NULL;
