-- When a campaign first closed. Signers' personal data is erased a set time after it
-- (petitions.retention.after-close), so reopening a campaign and closing it again does not postpone
-- the erasure of those who signed before. Set once and never moved; closed_at stays the latest close.
-- A campaign closed before this migration counts from its latest close, the only one known.
ALTER TABLE campaign ADD COLUMN first_closed_at DATETIME(6) NULL;
UPDATE campaign SET first_closed_at = closed_at WHERE closed_at IS NOT NULL;
