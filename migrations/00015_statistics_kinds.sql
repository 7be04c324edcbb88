-- +goose Up
-- Statistics that stay fast at millions of complaints (docs/STATISTICS.md, docs/BENCHMARKS.md).
--
-- 1. The institution kind becomes a dimension of its own (letter k): each contribution keeps the
--    kinds of its institutions, aligned with insts ('' when none was matched), and five small
--    rollups count by kind alone and with a province, product, violation type or channel, with each
--    institution's own measures (migration 00014), as stats_r_i summed by kind. Queries by kind no
--    longer read every institution's rows and join them to institutions.
-- 2. stats_r_iv (institution × violation type) keeps day rows besides month rows, so that one
--    institution's ragged periods read its own day rows (index on inst, grain, period) instead of
--    every contribution.
-- 3. stats_r_i, stats_r_iv and stats_r_ia (what the scorecards read) keep year rows (grain 'Y',
--    period the first of January) summed from their month rows: a year's scorecards read one row
--    per institution instead of twelve.
-- Existing figures are filled in here from the contributions, as StatsStore.Rebuild computes them.
ALTER TABLE stats_contributions ADD COLUMN kinds text[];
UPDATE stats_contributions s SET kinds = ARRAY(SELECT coalesce((SELECT k.kind FROM institutions k WHERE k.id = u.inst), '')
    FROM unnest(s.insts) WITH ORDINALITY AS u(inst, ord) ORDER BY u.ord);
ALTER TABLE stats_contributions ALTER COLUMN kinds SET NOT NULL;

-- +goose StatementBegin
DO $$
DECLARE
    r record;
    cols text;
    keys text;
    sel text;
    unn text;
    t text;
    sums text := 'sum(s.n), sum(s.answered), sum(s.timely), sum(s.untimely), sum(s.monetary), sum(s.nonmonetary), '
        'sum(s.explained), sum(s.accepted), sum(s.disputed), sum(s.sat_sum), sum(s.sat_n)';
    -- each institution's own answer, clock and relief (migration 00014), by its kind
    ksums text := 'sum(s.n), sum(u_k.answered), sum(u_k.timely), sum(u_k.untimely), sum(u_k.monetary), sum(u_k.nonmonetary), '
        'sum(u_k.explained), sum(s.accepted), sum(s.disputed), sum(s.sat_sum), sum(s.sat_n)';
BEGIN
    SET LOCAL work_mem = '256MB';
    FOR r IN SELECT * FROM (VALUES
        ('kp', 'province text NOT NULL, ', ', province', 's.province', ''),
        ('kr', 'product text NOT NULL, ', ', product', 's.product', ''),
        ('kv', 'violation text NOT NULL, ', ', violation', 'u_v.v', ', unnest(s.violations) AS u_v(v)'),
        ('kc', 'channel text NOT NULL, ', ', channel', 'u_c.v', ', unnest(s.channels) AS u_c(v)'),
        ('k', '', '', NULL, '')) AS t(code, col, key, expr, unnest)
    LOOP
        EXECUTE format('CREATE TABLE stats_r_%s (grain char(1) NOT NULL CHECK (grain IN (''D'',''M'')), period date NOT NULL, kind text NOT NULL, %s '
            'n integer NOT NULL, answered integer NOT NULL, timely integer NOT NULL, untimely integer NOT NULL, '
            'monetary integer NOT NULL, nonmonetary integer NOT NULL, explained integer NOT NULL, '
            'accepted integer NOT NULL, disputed integer NOT NULL, sat_sum bigint NOT NULL, sat_n integer NOT NULL, '
            'PRIMARY KEY (grain, period, kind%s))', r.code, r.col, r.key);
        IF r.code = 'k' THEN -- summed from the day rows of kind × province
            EXECUTE 'INSERT INTO stats_r_k SELECT ''D'', s.period, s.kind, ' || sums ||
                ' FROM stats_r_kp s WHERE s.grain = ''D'' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3';
        ELSE
            EXECUTE format('INSERT INTO stats_r_%s SELECT ''D'', s.day, u_k.v, %s, %s FROM stats_contributions s, '
                'unnest(s.kinds, s.i_answered, s.i_timely, s.i_untimely, s.i_monetary, s.i_nonmonetary, s.i_explained) '
                'AS u_k(v, answered, timely, untimely, monetary, nonmonetary, explained)%s '
                'GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4', r.code, r.expr, ksums, r.unnest);
        END IF;
        EXECUTE format('INSERT INTO stats_r_%s SELECT ''M'', date_trunc(''month'', s.period)::date, s.kind%s, %s FROM stats_r_%s s '
            'WHERE s.grain = ''D'' GROUP BY 1, 2, 3%s ORDER BY 1, 2, 3%s', r.code, replace(r.key, ', ', ', s.'), sums, r.code,
            CASE WHEN r.key = '' THEN '' ELSE ', 4' END, CASE WHEN r.key = '' THEN '' ELSE ', 4' END);
        EXECUTE format('ANALYZE stats_r_%s', r.code);
    END LOOP;
    INSERT INTO stats_r_iv
    SELECT 'D', s.day, u_i.v, u_v.v, sum(s.n), sum(u_i.answered), sum(u_i.timely), sum(u_i.untimely), sum(u_i.monetary),
           sum(u_i.nonmonetary), sum(u_i.explained), sum(s.accepted), sum(s.disputed), sum(s.sat_sum), sum(s.sat_n)
    FROM stats_contributions s,
         unnest(s.insts, s.i_answered, s.i_timely, s.i_untimely, s.i_monetary, s.i_nonmonetary, s.i_explained)
             AS u_i(v, answered, timely, untimely, monetary, nonmonetary, explained),
         unnest(s.violations) AS u_v(v)
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
    FOREACH t IN ARRAY ARRAY['i', 'iv', 'ia'] LOOP
        EXECUTE format('ALTER TABLE stats_r_%s DROP CONSTRAINT stats_r_%s_grain_check, ADD CONSTRAINT stats_r_%s_grain_check CHECK (grain IN (''D'', ''M'', ''Y''))', t, t, t);
        keys := CASE t WHEN 'i' THEN 'inst' WHEN 'iv' THEN 'inst, violation' ELSE 'inst, answer_days' END;
        EXECUTE format('INSERT INTO stats_r_%s SELECT ''Y'', date_trunc(''year'', period)::date, %s, %s FROM stats_r_%s WHERE grain = ''M'' '
            'GROUP BY %s ORDER BY %s', t, keys,
            CASE t WHEN 'ia' THEN 'sum(n)' ELSE 'sum(n), sum(answered), sum(timely), sum(untimely), sum(monetary), sum(nonmonetary), '
                'sum(explained), sum(accepted), sum(disputed), sum(sat_sum), sum(sat_n)' END,
            t, CASE t WHEN 'i' THEN '1, 2, 3' WHEN 'iv' THEN '1, 2, 3, 4' ELSE '1, 2, 3, 4' END,
            CASE t WHEN 'i' THEN '1, 2, 3' ELSE '1, 2, 3, 4' END);
        EXECUTE format('ANALYZE stats_r_%s', t);
    END LOOP;
    ANALYZE stats_r_iv;
END
$$;
-- +goose StatementEnd

-- +goose Down
DELETE FROM stats_r_iv WHERE grain IN ('D', 'Y');
DELETE FROM stats_r_i WHERE grain = 'Y';
DELETE FROM stats_r_ia WHERE grain = 'Y';
ALTER TABLE stats_r_i DROP CONSTRAINT stats_r_i_grain_check, ADD CONSTRAINT stats_r_i_grain_check CHECK (grain IN ('D', 'M'));
ALTER TABLE stats_r_iv DROP CONSTRAINT stats_r_iv_grain_check, ADD CONSTRAINT stats_r_iv_grain_check CHECK (grain IN ('D', 'M'));
ALTER TABLE stats_r_ia DROP CONSTRAINT stats_r_ia_grain_check, ADD CONSTRAINT stats_r_ia_grain_check CHECK (grain IN ('D', 'M'));
DROP TABLE stats_r_k, stats_r_kp, stats_r_kr, stats_r_kv, stats_r_kc;
ALTER TABLE stats_contributions DROP COLUMN kinds;
