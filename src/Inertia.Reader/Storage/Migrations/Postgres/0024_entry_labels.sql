-- Labels a user puts on single entries through the Google Reader API (edit-tag a=user/-/label/NAME: Reeder's and
-- FreshRSS's tags). A label stream holds the entries of the category of that name and the entries so labelled.
CREATE TABLE entry_labels (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    entry_id BIGINT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, label, entry_id)
);
CREATE INDEX entry_labels_entry ON entry_labels (entry_id, user_id);
