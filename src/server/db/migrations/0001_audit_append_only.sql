-- The audit log is append-only: rows can be inserted, never changed. Deletion is allowed
-- only through audit_purge(), which removes records older than the retention period from
-- the start of a chain and records the anchor needed to verify what remains.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('houqin.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_purge(p_tenant integer, p_before timestamptz) RETURNS integer AS $$
DECLARE
  last_id bigint;
  last_hash text;
  n integer;
BEGIN
  PERFORM pg_advisory_xact_lock(7202, p_tenant);
  SELECT id, hash INTO last_id, last_hash FROM audit_log
    WHERE tenant_id = p_tenant AND at < p_before ORDER BY id DESC LIMIT 1;
  IF last_id IS NULL THEN RETURN 0; END IF;
  PERFORM set_config('houqin.audit_purge', 'on', true);
  DELETE FROM audit_log WHERE tenant_id = p_tenant AND id <= last_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('houqin.audit_purge', 'off', true);
  INSERT INTO audit_anchors (tenant_id, first_id, prev_hash, purged_at) VALUES (p_tenant, last_id + 1, last_hash, now())
    ON CONFLICT (tenant_id) DO UPDATE SET first_id = EXCLUDED.first_id, prev_hash = EXCLUDED.prev_hash, purged_at = now();
  RETURN n;
END;
$$ LANGUAGE plpgsql;
