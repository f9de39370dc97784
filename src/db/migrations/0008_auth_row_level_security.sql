-- Row-level security backs up the org_id filter every query carries. A request's statements run as the role
-- punctual_tenant (inOrg switches to it for its transaction, and every /api/v1 request runs in one). That
-- role is neither superuser nor owner of the tables, so the policies below bind it. The connecting role
-- (migrations, CLI, seed, job scans across organizations, and the look-ups made before the organization is
-- known: API key by id, session by token hash, user by email) owns the tables and is not bound. FORCE ROW
-- LEVEL SECURITY is deliberately not used: it would bind the owner too, and an unset app.org_id matches no row.
DO $$
BEGIN
  CREATE ROLE punctual_tenant NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'punctual_tenant', 'MEMBER') THEN
    EXECUTE format('GRANT punctual_tenant TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
DO $$
DECLARE s name;
BEGIN
  FOR s IN SELECT nspname FROM pg_namespace
            WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'drizzle') AND nspname NOT LIKE 'pg\_%'
  LOOP
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO punctual_tenant', s);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO punctual_tenant', s);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO punctual_tenant', s);
  END LOOP;
END $$;
--> statement-breakpoint
-- Tables, sequences and schemas created later by the same role (later migrations, the job queue's schema)
-- are usable by punctual_tenant without anyone remembering to grant them.
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO punctual_tenant;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO punctual_tenant;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO punctual_tenant;
--> statement-breakpoint
-- The event log is append-only for requests by privilege as well as by trigger, and cannot be truncated.
REVOKE UPDATE, DELETE, TRUNCATE ON events FROM punctual_tenant;
--> statement-breakpoint
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION punctual_events_append_only();
--> statement-breakpoint
-- Login counters are read and written before any organization is known, by the connecting role only.
REVOKE ALL ON auth_throttle FROM punctual_tenant;
--> statement-breakpoint
-- Puts every table of the public schema that has an org_id column under the one tenant policy. Later
-- migrations that add tenant tables end with `SELECT punctual_isolate_tenant_tables();` (the test
-- test/isolation-rls.test.ts fails while any such table is left without the policy).
CREATE OR REPLACE FUNCTION punctual_isolate_tenant_tables() RETURNS void LANGUAGE plpgsql AS $$
DECLARE t regclass;
BEGIN
  FOR t IN
    SELECT c.oid::regclass
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation')
  LOOP
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %s USING (org_id = nullif(current_setting(''app.org_id'', true), '''')::uuid) '
      'WITH CHECK (org_id = nullif(current_setting(''app.org_id'', true), '''')::uuid)', t);
  END LOOP;
END $$;
--> statement-breakpoint
SELECT punctual_isolate_tenant_tables();
