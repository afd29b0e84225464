-- Fever's items page by id across the user's feeds: where those hold a good share of all entries, SQLite walks every
-- entry newest first and keeps the user's. Walked through the table, that read each entry's whole row (its content) to
-- learn its feed: 3 ms for a page of 50 at a million entries, most of the CPU of the call. Walked through this index of
-- (id, feed), a few pages: 0.5 ms. New entries take the index's right edge, the cheapest insert there is.
CREATE INDEX entries_by_id ON entries (id, feed_id);
