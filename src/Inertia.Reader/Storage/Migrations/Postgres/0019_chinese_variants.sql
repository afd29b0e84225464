-- Simplified/Traditional conversion (Chinese/ChineseVariant): the form a user reads Chinese in ('s', 't', 'tw', 'hk'; null:
-- as written), a subscription's own choice over it (null: the user's), and an API password's (null: as written), for the
-- apps that sync through it. The RSSHub instance rsshub:// addresses are expanded against (null: the configured default).
-- Stored search text gains its Simplified forms right after this script where OpenCC is installed (SearchForms).
ALTER TABLE users ADD COLUMN chinese_variant TEXT;
ALTER TABLE users ADD COLUMN rsshub_instance TEXT;
ALTER TABLE subscriptions ADD COLUMN chinese_variant TEXT;
ALTER TABLE api_passwords ADD COLUMN chinese_variant TEXT;
-- the language a feed says it is written in (its channel's, as a BCP 47 tag), for the lang attribute of its entries
ALTER TABLE feeds ADD COLUMN language TEXT;
