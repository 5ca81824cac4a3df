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

CREATE TRIGGER "Org_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Org"
  FOR EACH STATEMENT EXECUTE FUNCTION twelvefactor_notify_change();
CREATE TRIGGER "Repository_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Repository"
  FOR EACH STATEMENT EXECUTE FUNCTION twelvefactor_notify_change();
CREATE TRIGGER "Scan_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Scan"
  FOR EACH STATEMENT EXECUTE FUNCTION twelvefactor_notify_change();
CREATE TRIGGER "FactorResult_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "FactorResult"
  FOR EACH STATEMENT EXECUTE FUNCTION twelvefactor_notify_change();
CREATE TRIGGER "Finding_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Finding"
  FOR EACH STATEMENT EXECUTE FUNCTION twelvefactor_notify_change();
CREATE TRIGGER "GitHubApp_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "GitHubApp"
  FOR EACH STATEMENT EXECUTE FUNCTION twelvefactor_notify_change();
CREATE TRIGGER "User_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION twelvefactor_notify_change();
CREATE TRIGGER "Session_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Session"
  FOR EACH STATEMENT EXECUTE FUNCTION twelvefactor_notify_change();
CREATE TRIGGER "Membership_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Membership"
  FOR EACH STATEMENT EXECUTE FUNCTION twelvefactor_notify_change();
CREATE TRIGGER "EmailSubscription_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "EmailSubscription"
  FOR EACH STATEMENT EXECUTE FUNCTION twelvefactor_notify_change();
