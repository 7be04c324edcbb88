package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// cpuSeconds is the CPU time (user + system) a process has used, from /proc/<pid>/stat; 0 if unknown.
func cpuSeconds(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses and may hold spaces.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / 100 // USER_HZ is 100 on Linux
}

// pgWatch samples what the database's sessions do while a benchmark runs: how often an active
// session was seen waiting on each wait event (or on the CPU), the CPU time its backends used, and
// the transactions the database committed.
type pgWatch struct {
	db       *sql.DB
	waits    map[string]int
	samples  int
	cpuFirst map[int]float64 // per backend: CPU time when first seen
	cpuLast  map[int]float64
	commits0 int64
	// statements is whether pg_stat_statements is installed in the database (then reset at the start).
	statements bool
	// kcache is whether pg_stat_kcache is installed too: then each statement's CPU time is known.
	kcache bool
	// postmaster is the server's first process when it runs on this machine and can be read (0
	// otherwise); server0 its CPU and its children's, reaped or not, at the start.
	postmaster int
	server0    float64
}

// serverCPU is the CPU time of a PostgreSQL server on this machine, every process of it: the
// postmaster's own, its live children's (backends, WAL writer, checkpointer…) and that of the
// children it has reaped (cutime + cstime). Unlike the backends seen by sampling, it misses no
// backend, however short-lived; on a server of its own it is what the benchmark costs PostgreSQL.
func serverCPU(postmaster int) float64 {
	own, reaped := procTimes(postmaster)
	sum := own + reaped
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == postmaster {
			continue
		}
		if f := procStat(pid); len(f) > 1 && f[1] == strconv.Itoa(postmaster) {
			c, _ := procTimes(pid)
			sum += c
		}
	}
	return sum
}

// procStat is the fields of /proc/<pid>/stat after the command name: f[0] is the state, f[1] the
// parent's pid.
func procStat(pid int) []string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(s[i+1:])
}

// procTimes is a process's own CPU seconds and those of its reaped children.
func procTimes(pid int) (own, children float64) {
	f := procStat(pid)
	if len(f) < 15 {
		return 0, 0
	}
	v := func(k int) float64 { x, _ := strconv.ParseFloat(f[k], 64); return x / 100 } // USER_HZ 100
	return v(11) + v(12), v(13) + v(14)
}

func newPGWatch(ctx context.Context, db *sql.DB) (*pgWatch, error) {
	w := &pgWatch{db: db, waits: map[string]int{}, cpuFirst: map[int]float64{}, cpuLast: map[int]float64{}}
	err := db.QueryRowContext(ctx, `SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()`).Scan(&w.commits0)
	if err == nil {
		_, e := db.ExecContext(ctx, `SELECT pg_stat_statements_reset()`)
		w.statements = e == nil
		_, e = db.ExecContext(ctx, `SELECT pg_stat_kcache_reset()`)
		w.kcache = w.statements && e == nil
	}
	var backend int
	if db.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&backend) == nil {
		if f := procStat(backend); len(f) > 1 {
			if pm, _ := strconv.Atoi(f[1]); pm > 1 && strings.Contains(cmdline(pm), "postgres") {
				w.postmaster, w.server0 = pm, serverCPU(pm)
			}
		}
	}
	return w, err
}

// topStatements lists, when pg_stat_statements is installed, the statements that took the most
// time in the server (planning included) since the start, with their calls per routed complaint.
func (w *pgWatch) topStatements(ctx context.Context, routed int) string {
	if !w.statements {
		return ""
	}
	// The time of a statement is its execution's plus its planning's (zero unless
	// pg_stat_statements.track_planning is on).
	// With pg_stat_kcache, the CPU time (user + system, planning included) of each statement, and
	// the statements ordered by it: at a high load average the time in the server is mostly waiting
	// for a core, and says little about what a statement costs.
	cpu, order := "0::float8", "total_exec_time + total_plan_time"
	if w.kcache {
		cpu, order = "coalesce(k.cpu, 0)", "coalesce(k.cpu, 0)"
	}
	rows, err := w.db.QueryContext(ctx, `SELECT calls, rows, total_exec_time + total_plan_time, `+cpu+`, left(regexp_replace(query, '\s+', ' ', 'g'), 110),
		sum(calls) OVER (), sum(total_exec_time + total_plan_time) OVER (), sum(`+cpu+`) OVER ()
		FROM pg_stat_statements s `+kcacheJoin(w.kcache)+` WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
		ORDER BY `+order+` DESC LIMIT 25`)
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var calls, n int64
		var ms, cpuMS, allMS, allCPU float64
		var all int64
		var q string
		if err := rows.Scan(&calls, &n, &ms, &cpuMS, &q, &all, &allMS, &allCPU); err != nil {
			return err.Error()
		}
		if b.Len() == 0 {
			fmt.Fprintf(&b, "statements: %d (%.1f per routed complaint), %.0f ms in the server", all, float64(all)/float64(max(1, routed)), allMS)
			if w.kcache {
				fmt.Fprintf(&b, ", %.0f ms of CPU (pg_stat_kcache; %.3f ms per routed complaint)", allCPU, allCPU/float64(max(1, routed)))
			}
			b.WriteString("\n")
		}
		if w.kcache {
			fmt.Fprintf(&b, "%7.0f ms CPU (%.3f ms/complaint) ", cpuMS, cpuMS/float64(max(1, routed)))
		}
		fmt.Fprintf(&b, "%8.0f ms %7d calls (%5.2f/complaint) %8d rows  %s\n", ms, calls, float64(calls)/float64(max(1, routed)), n, q)
	}
	return b.String()
}

// sample reads pg_stat_activity once.
func (w *pgWatch) sample(ctx context.Context) error {
	rows, err := w.db.QueryContext(ctx, `SELECT pid, coalesce(state = 'active', false), coalesce(wait_event_type || ':' || wait_event, 'CPU'),
		CASE WHEN wait_event_type = 'Lock' THEN ' (' || left(regexp_replace(coalesce(query, ''), '\s+', ' ', 'g'), 60) || ')' ELSE '' END
		FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
	if err != nil {
		return err
	}
	defer rows.Close()
	w.samples++
	for rows.Next() {
		var pid int
		var active bool
		var wait, query string
		if err := rows.Scan(&pid, &active, &wait, &query); err != nil {
			return err
		}
		if active {
			w.waits[wait+query]++
		}
		c := cpuSeconds(pid)
		if _, ok := w.cpuFirst[pid]; !ok {
			w.cpuFirst[pid] = c
		}
		w.cpuLast[pid] = c
	}
	return rows.Err()
}

// report says, after the run, the commits, the backends' CPU and the most frequent wait events
// (average active sessions in each).
func (w *pgWatch) report(ctx context.Context, routed int) string {
	var commits int64
	_ = w.db.QueryRowContext(ctx, `SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()`).Scan(&commits)
	cpu := 0.0
	for pid, c := range w.cpuLast {
		cpu += c - w.cpuFirst[pid]
	}
	type kv struct {
		k string
		n int
	}
	var ws []kv
	active := 0
	for k, n := range w.waits {
		ws = append(ws, kv{k, n})
		active += n
	}
	slices.SortFunc(ws, func(a, b kv) int { return b.n - a.n })
	var top []string
	for i, e := range ws {
		if i == 10 {
			break
		}
		top = append(top, fmt.Sprintf("%s %.2f", e.k, float64(e.n)/float64(max(1, w.samples))))
	}
	server := ""
	if w.postmaster != 0 {
		c := serverCPU(w.postmaster) - w.server0
		server = fmt.Sprintf("PostgreSQL server on this machine, all its processes: CPU %.2f s (%.2f ms per routed complaint; the whole server's, other databases' sessions included)\n",
			c, 1000*c/float64(max(1, routed)))
	}
	return server + fmt.Sprintf("PostgreSQL: %d commits (%.2f per routed complaint), backends' CPU %.2f s (%.2f ms per routed complaint, sessions seen after the first sample only), %.2f active sessions on average: %s",
		commits-w.commits0, float64(commits-w.commits0)/float64(max(1, routed)), cpu, 1000*cpu/float64(max(1, routed)),
		float64(active)/float64(max(1, w.samples)), strings.Join(top, ", ")) + "\n" + w.topStatements(ctx, routed)
}

// cmdline is a process's command line, its arguments separated by spaces.
func cmdline(pid int) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	return strings.ReplaceAll(string(b), "\x00", " ")
}

// kcacheJoin joins pg_stat_kcache's CPU seconds of each statement (as k.cpu, in ms) when installed.
func kcacheJoin(on bool) string {
	if !on {
		return ""
	}
	return `LEFT JOIN (SELECT queryid, userid, dbid, 1000 * sum(exec_user_time + exec_system_time + plan_user_time + plan_system_time) AS cpu
		FROM pg_stat_kcache() GROUP BY 1, 2, 3) k ON k.queryid = s.queryid AND k.userid = s.userid AND k.dbid = s.dbid`
}
