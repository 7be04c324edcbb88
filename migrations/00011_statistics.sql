-- +goose Up
-- Statistics (docs/STATISTICS.md). Figures are read from aggregate tables, never from complaints.
--
-- stats_contributions holds what each complaint adds to the figures, computed from its current
-- state; the aggregates are sums of contributions. An update subtracts a complaint's old
-- contribution and adds its new one in one transaction, so a redelivered or out-of-order event
-- changes nothing, and a rebuild recomputes both from complaints.
CREATE TABLE stats_contributions (
    complaint_id uuid PRIMARY KEY REFERENCES complaints(id) ON DELETE CASCADE,
    version      integer NOT NULL,            -- the complaint version the row reflects
    day          date NOT NULL,               -- filing day in the statistics time zone
    insts        bigint[] NOT NULL,           -- lender and agency; {-1} when none was matched
    province     text NOT NULL,
    product      text NOT NULL,
    violations   text[] NOT NULL,             -- confirmed, else claimed; {NONE} when neither
    channels     text[] NOT NULL,             -- of the incidents; {UNSPECIFIED} when none
    answer_days  integer,                     -- whole days from forwarding to the answer
    n            integer NOT NULL,
    answered     integer NOT NULL,
    timely       integer NOT NULL,
    untimely     integer NOT NULL,            -- answered late, or still open and overdue
    monetary     integer NOT NULL,
    nonmonetary  integer NOT NULL,
    explained    integer NOT NULL,
    accepted     integer NOT NULL,
    disputed     integer NOT NULL,
    sat_sum      integer NOT NULL,
    sat_n        integer NOT NULL
);
CREATE INDEX stats_contributions_day ON stats_contributions (day);

-- One aggregate table per set of dimensions ("rollup"), each at two grains: 'D' (period = the day)
-- and 'M' (period = the first day of the month). Dimension letters: i institution, p province,
-- r product, v violation type, c channel, a answer days. A complaint with two institutions, three
-- violation types or two channels counts once in each of them, and once in a rollup without them.
-- +goose StatementBegin
DO $$
DECLARE
    r record;
    cols text;
    keys text;
    letter text;
BEGIN
    FOR r IN SELECT * FROM (VALUES
        ('all'), ('i'), ('p'), ('r'), ('v'), ('c'),
        ('ip'), ('ir'), ('iv'), ('ic'), ('pr'), ('pv'), ('pc'), ('rv'), ('rc'), ('vc'),
        ('a'), ('ia')) AS t(code)
    LOOP
        cols := ''; keys := '';
        IF r.code <> 'all' THEN
            FOREACH letter IN ARRAY regexp_split_to_array(r.code, '') LOOP
                cols := cols || CASE letter
                    WHEN 'i' THEN 'inst bigint NOT NULL, '
                    WHEN 'p' THEN 'province text NOT NULL, '
                    WHEN 'r' THEN 'product text NOT NULL, '
                    WHEN 'v' THEN 'violation text NOT NULL, '
                    WHEN 'c' THEN 'channel text NOT NULL, '
                    WHEN 'a' THEN 'answer_days integer NOT NULL, ' END;
                keys := keys || ', ' || CASE letter
                    WHEN 'i' THEN 'inst' WHEN 'p' THEN 'province' WHEN 'r' THEN 'product'
                    WHEN 'v' THEN 'violation' WHEN 'c' THEN 'channel' WHEN 'a' THEN 'answer_days' END;
            END LOOP;
        END IF;
        IF r.code IN ('a', 'ia') THEN
            EXECUTE format('CREATE TABLE stats_r_%s (grain char(1) NOT NULL CHECK (grain IN (''D'',''M'')), period date NOT NULL, %s n integer NOT NULL, PRIMARY KEY (grain, period%s))',
                r.code, cols, keys);
        ELSE
            EXECUTE format('CREATE TABLE stats_r_%s (grain char(1) NOT NULL CHECK (grain IN (''D'',''M'')), period date NOT NULL, %s '
                'n integer NOT NULL, answered integer NOT NULL, timely integer NOT NULL, untimely integer NOT NULL, '
                'monetary integer NOT NULL, nonmonetary integer NOT NULL, explained integer NOT NULL, '
                'accepted integer NOT NULL, disputed integer NOT NULL, sat_sum bigint NOT NULL, sat_n integer NOT NULL, '
                'PRIMARY KEY (grain, period%s))', r.code, cols, keys);
        END IF;
        IF r.code LIKE 'i%' THEN
            EXECUTE format('CREATE INDEX stats_r_%s_inst ON stats_r_%s (inst, grain, period)', r.code, r.code);
        END IF;
    END LOOP;
END
$$;
-- +goose StatementEnd

-- Alerts: spikes against an institution's own baseline and surges of similar complaints against a
-- collection agency, raised by a periodic task (at most once per kind, institution, week and key).
CREATE TABLE stats_alerts (
    id              uuid PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('SPIKE','SURGE')),
    institution_id  bigint NOT NULL REFERENCES institutions(id),
    key             text NOT NULL DEFAULT '',     -- what is similar in a surge (violation type)
    week_start      date NOT NULL,
    observed        integer NOT NULL,
    baseline        double precision NOT NULL,    -- expected weekly count
    statistic       double precision NOT NULL,    -- Poisson z score
    details         jsonb NOT NULL DEFAULT '{}',
    raised_at       timestamptz NOT NULL,
    acknowledged_by bigint REFERENCES users(id),
    acknowledged_at timestamptz,
    note            text NOT NULL DEFAULT '',
    UNIQUE (kind, institution_id, week_start, key)
);
CREATE INDEX stats_alerts_open ON stats_alerts (raised_at DESC) WHERE acknowledged_at IS NULL;

-- The public dataset reads consented complaints newest first.
CREATE INDEX complaints_published ON complaints (created_at DESC, id) WHERE consent_to_publish;

-- +goose Down
DROP INDEX complaints_published;
DROP TABLE stats_alerts;
-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'stats\_r\_%' LOOP
        EXECUTE format('DROP TABLE %I', t);
    END LOOP;
END
$$;
-- +goose StatementEnd
DROP TABLE stats_contributions;
