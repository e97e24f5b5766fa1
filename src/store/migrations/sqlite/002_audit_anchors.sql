-- DID Collect schema, version 2 (SQLite): anchors for the audit log's hash chain. The chain
-- shows an entry altered or removed from the middle, but not entries removed from its end.
-- Two anchors, written in the same transaction as each entry, show that too:
-- - audit_head holds the last entry's number and hash, moved on by every insert;
-- - each submission records the entry that stored it, so the log cannot lose that entry (or
--   anything before it) without its submission showing it.

ALTER TABLE submissions ADD COLUMN audit_seq INTEGER;
ALTER TABLE submissions ADD COLUMN audit_hash TEXT;
-- Submissions stored before this version: their entry names them first in its detail.
UPDATE submissions SET audit_seq = a.seq, audit_hash = a.hash
FROM audit_log a
WHERE a.action IN ('submission.stored', 'submission.all_rejected')
  AND a.detail LIKE '{"submission":"' || submissions.id || '",%';

CREATE TABLE audit_head (
    one INTEGER PRIMARY KEY CHECK (one = 1),  -- a single row
    seq INTEGER NOT NULL,                     -- 0 and 64 zeros while the log is empty
    hash TEXT NOT NULL
);
INSERT INTO audit_head (one, seq, hash)
SELECT 1, COALESCE(MAX(seq), 0), COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
                                          '0000000000000000000000000000000000000000000000000000000000000000')
FROM audit_log;

CREATE TRIGGER audit_log_moves_head AFTER INSERT ON audit_log
BEGIN
    UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash;
END;
-- The head moves one entry on at a time, never back, and only to an entry that is there.
CREATE TRIGGER audit_head_only_forward BEFORE UPDATE ON audit_head
WHEN NEW.seq <> OLD.seq + 1 OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash)
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
