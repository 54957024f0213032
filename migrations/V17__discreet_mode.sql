-- Discreet mode (issue 14, part 6): the emails that signing causes (the confirmation, "already
-- signed") name neither the campaign nor its cause, for supporters whose mail provider the state
-- reads. On for every campaign already here, the safe choice, and the default for new ones; a
-- campaign's lead may switch it off in the editor.
ALTER TABLE campaign ADD COLUMN discreet BOOLEAN NOT NULL DEFAULT TRUE;
