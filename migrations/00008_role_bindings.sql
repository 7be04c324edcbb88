-- +goose Up
-- Who holds which role where. A binding's domain is an institution ('inst:<id>'), a regulator team
-- ('team:<code>') or everywhere ('*'). The casbin policy stays role-level (casbin_rule, tens of
-- rows); these rows are loaded into casbin's role manager and re-read on every request, so a revoked
-- binding stops working on the caller's next request.
CREATE TABLE role_bindings (
    user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('complainant','reviewer','supervisor','institution_agent','institution_admin','analyst','admin')),
    domain     text NOT NULL,
    granted_by bigint REFERENCES users(id),
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, role, domain),
    -- Institution roles bind to one institution, staff roles to a team or every team, the others
    -- everywhere.
    CHECK (CASE
        WHEN role IN ('institution_agent','institution_admin') THEN domain ~ '^inst:[1-9][0-9]*$'
        WHEN role IN ('reviewer','supervisor') THEN domain = '*' OR domain ~ '^team:[a-z0-9_-]+$'
        ELSE domain = '*' END)
);

-- +goose StatementBegin
-- Every new account starts with the bindings its role, institution and teams describe, whichever
-- path created it (registration, an admin, seeding, a test).
CREATE FUNCTION users_default_bindings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.role IN ('institution_agent','institution_admin') THEN
        INSERT INTO role_bindings (user_id, role, domain, granted_at)
        VALUES (NEW.id, NEW.role, 'inst:' || NEW.institution_id, NEW.created_at) ON CONFLICT DO NOTHING;
    ELSIF NEW.role IN ('reviewer','supervisor') THEN
        INSERT INTO role_bindings (user_id, role, domain, granted_at)
        SELECT NEW.id, NEW.role, 'team:' || t, NEW.created_at FROM unnest(NEW.teams) AS t ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO role_bindings (user_id, role, domain, granted_at)
        VALUES (NEW.id, NEW.role, '*', NEW.created_at) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER users_default_bindings AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION users_default_bindings();

INSERT INTO role_bindings (user_id, role, domain, granted_at)
SELECT id, role, 'inst:' || institution_id, created_at FROM users WHERE role IN ('institution_agent','institution_admin')
UNION ALL
SELECT u.id, u.role, 'team:' || t, u.created_at FROM users u, unnest(u.teams) AS t WHERE u.role IN ('reviewer','supervisor')
UNION ALL
SELECT id, role, '*', created_at FROM users WHERE role IN ('complainant','analyst','admin')
ON CONFLICT DO NOTHING;

-- Administrators' acts on access (grants, revocations, reading evidence with a reason): who, what,
-- when and from which client address. Separate from case history, and append-only like it.
CREATE TABLE admin_audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id   bigint NOT NULL REFERENCES users(id),
    actor_role text NOT NULL,
    action     text NOT NULL,
    target     text NOT NULL DEFAULT '',
    reason     text NOT NULL DEFAULT '',
    details    jsonb NOT NULL DEFAULT '{}',
    address    text NOT NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX admin_audit_log_at ON admin_audit_log (id DESC);

-- +goose StatementBegin
CREATE FUNCTION admin_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the admin audit log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER admin_audit_log_no_update BEFORE UPDATE OR DELETE ON admin_audit_log
    FOR EACH ROW EXECUTE FUNCTION admin_audit_log_append_only();
CREATE TRIGGER admin_audit_log_no_truncate BEFORE TRUNCATE ON admin_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_log_append_only();

-- The least-privileged role the application runs as in production (migrations run as the owner).
-- It reads and writes the tables but may not change or delete the append-only records. Roles are
-- shared by every database of the server, so creating it tolerates one that exists, including one
-- created at the same moment by a migration of another database.
-- +goose StatementBegin
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'redline_app') THEN
        CREATE ROLE redline_app LOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END;
$$;
-- +goose StatementEnd
GRANT USAGE ON SCHEMA public TO redline_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO redline_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO redline_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO redline_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO redline_app;
REVOKE UPDATE, DELETE, TRUNCATE ON complaint_events, audit_log, admin_audit_log FROM redline_app;

-- +goose Down
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM redline_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM redline_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM redline_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM redline_app;
REVOKE USAGE ON SCHEMA public FROM redline_app;
DROP TABLE admin_audit_log;
DROP FUNCTION admin_audit_log_append_only();
DROP TRIGGER users_default_bindings ON users;
DROP FUNCTION users_default_bindings();
DROP TABLE role_bindings;
