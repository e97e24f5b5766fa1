-- DID Collect schema (SQLite): each finding keeps the site code and accession number of the
-- record it is on, so that a RIS team can find the examination. Both are as sent (control
-- characters written visibly, as in value), empty when the record had none and for file-level
-- findings. Findings stored before this version were kept without them: theirs stay empty.

ALTER TABLE findings ADD COLUMN site_code TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN accession_number TEXT NOT NULL DEFAULT '';
