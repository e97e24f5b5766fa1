-- DID Collect schema, version 2 (PostgreSQL): anchors for the audit log's hash chain. The chain
-- shows an entry altered or removed from the middle, but not entries removed from its end.
-- Two anchors, written in the same transaction as each entry, show that too:
-- - audit_head holds the last entry's number and hash, moved on by every insert;
-- - each submission records the entry that stored it, so the log cannot lose that entry (or
--   anything before it) without its submission showing it.

ALTER TABLE submissions ADD COLUMN audit_seq BIGINT, ADD COLUMN audit_hash TEXT;
-- Submissions stored before this version: their entry names them first in its detail.
UPDATE submissions SET audit_seq = a.seq, audit_hash = a.hash
FROM audit_log a
WHERE a.action IN ('submission.stored', 'submission.all_rejected')
  AND a.detail LIKE '{"submission":"' || submissions.id || '",%';

CREATE TABLE audit_head (
    one SMALLINT PRIMARY KEY CHECK (one = 1),  -- a single row
    seq BIGINT NOT NULL,                       -- 0 and 64 zeros while the log is empty
    hash TEXT NOT NULL
);
INSERT INTO audit_head (one, seq, hash)
SELECT 1, COALESCE(MAX(seq), 0), COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
                                          repeat('0', 64))
FROM audit_log;

CREATE FUNCTION audit_log_move_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_log_moves_head AFTER INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_move_head();

-- The head moves one entry on at a time, never back, and only to an entry that is there.
CREATE FUNCTION audit_head_only_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.seq <> OLD.seq + 1
       OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash) THEN
        RAISE EXCEPTION 'the audit log is append-only';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_head_only_forward BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_only_forward();

-- Row triggers do not see TRUNCATE: refuse it on both tables too.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
