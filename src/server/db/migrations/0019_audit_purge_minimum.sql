-- The 180-day retention minimum (网络安全法 art. 21: network logs kept at least six months) is
-- enforced by the database function itself, not only by the application's settings: whoever
-- calls audit_purge(tenant, now()) directly gets an error, not an empty audit log.
CREATE OR REPLACE FUNCTION audit_purge(p_tenant integer, p_before timestamptz) RETURNS integer AS $$
DECLARE
  last_id bigint;
  last_hash text;
  n integer;
BEGIN
  IF p_before IS NULL OR p_before > now() - interval '180 days' THEN
    RAISE EXCEPTION 'audit_purge: audit records younger than 180 days are kept (retention minimum); asked to purge before %', p_before
      USING ERRCODE = '42501';
  END IF;
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
