-- Change notifications for the web processes' response cache (lib/http/response-cache.ts).
-- Any committed change to a table a cached page or API answer reads sends one NOTIFY on the channel
-- `twelvefactor_changes`; every web process LISTENs and drops what it cached (lib/db/change-feed.ts).
-- Statement-level triggers: one call per statement, not per row (a scan's results are thousands of
-- Finding rows); PostgreSQL folds identical notifications of one transaction into one and delivers
-- them only when it commits, so a web process never hears of a change it cannot yet read.
-- The payload names the table, for logs only: the cache drops everything on any change.
CREATE FUNCTION twelvefactor_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('twelvefactor_changes', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Org', 'Repository', 'Scan', 'FactorResult', 'Finding', 'GitHubApp', 'User', 'Session', 'Membership', 'EmailSubscription'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION twelvefactor_notify_change()',
      t || '_notify_change', t);
  END LOOP;
END;
$$;
