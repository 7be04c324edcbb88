package app_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
)

// pgCluster is a private PostgreSQL server the test runs from the machine's binaries.
type pgCluster struct {
	bin  string
	dir  string
	port int
}

// pgBinDir is the newest /usr/lib/postgresql/<version>/bin with pg_basebackup.
func pgBinDir(t *testing.T) string {
	t.Helper()
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi > vj
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "pg_basebackup")); err == nil {
			return d
		}
	}
	t.Fatalf("the replica test starts PostgreSQL servers of its own and needs the server binaries (initdb, pg_ctl, pg_basebackup) under /usr/lib/postgresql/*/bin: apt-get install postgresql")
	return ""
}

// pgRun runs a PostgreSQL program, as the postgres user when the test runs as root (the server
// refuses to run as root).
func pgRun(t *testing.T, bin, prog string, args ...string) {
	t.Helper()
	name, argv := filepath.Join(bin, prog), args
	if os.Geteuid() == 0 {
		name, argv = "runuser", append([]string{"-u", "postgres", "--", filepath.Join(bin, prog)}, args...)
	}
	out, err := exec.Command(name, argv...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", prog, strings.Join(args, " "), err, out)
	}
}

func freeTCPPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func (c *pgCluster) start(t *testing.T, extra ...string) {
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off", c.port, filepath.Dir(c.dir))
	for _, e := range extra {
		opts += " " + e
	}
	pgRun(t, c.bin, "pg_ctl", "-D", c.dir, "-o", opts, "-l", c.dir+".log", "-w", "-t", "60", "start")
}

func (c *pgCluster) stop(t *testing.T) {
	pgRun(t, c.bin, "pg_ctl", "-D", c.dir, "-m", "fast", "-w", "stop")
}

func (c *pgCluster) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// TestReadReplica starts a private primary and a streaming standby made with pg_basebackup, runs
// the platform with DATABASE_URL on the primary and DATABASE_READ_URL on the standby, and checks
// that statistics and the public dataset read the standby: they answer what the primary would,
// and keep answering when the primary is stopped.
func TestReadReplica(t *testing.T) {
	bin := pgBinDir(t)
	base, err := os.MkdirTemp("", "redline-replica-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	if os.Geteuid() == 0 {
		pg, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root, the test runs PostgreSQL as the user postgres: %v", err)
		}
		uid, _ := strconv.Atoi(pg.Uid)
		gid, _ := strconv.Atoi(pg.Gid)
		if err := os.Chown(base, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	primary := &pgCluster{bin: bin, dir: filepath.Join(base, "primary"), port: freeTCPPort(t)}
	pgRun(t, bin, "initdb", "-D", primary.dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
	primary.start(t)
	primaryUp := true
	t.Cleanup(func() {
		if primaryUp {
			primary.stop(t)
		}
	})
	standby := &pgCluster{bin: bin, dir: filepath.Join(base, "standby"), port: freeTCPPort(t)}
	pgRun(t, bin, "pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(primary.port), "-U", "postgres", "-D", standby.dir, "-R", "-X", "stream", "--no-sync")
	standby.start(t)
	t.Cleanup(func() { standby.stop(t) })

	ctx := context.Background()
	pdb, err := postgres.Open(ctx, primary.url("redline")) // creates the database on the primary
	if err != nil {
		t.Fatal(err)
	}
	pdb.Close()
	apptest.Eventually(t, 30*time.Second, "the database on the standby", func() bool {
		db, err := postgres.Open(ctx, standby.url("redline"))
		if err == nil {
			db.Close()
		}
		return err == nil
	})
	cfg := app.Config{DatabaseURL: primary.url("redline"), DatabaseReadURL: standby.url("redline"), RedisURL: apptest.RedisURL(t),
		HTTPAddr: "127.0.0.1:0", Env: "dev", Secret: []byte(app.DevSecret), TokenTTL: 15 * time.Minute, Concurrency: 2,
		Evidence: app.EvidenceConfig{Dir: t.TempDir()}}
	a := apptest.Open(ctx, t, cfg, 60)
	defer a.Close()
	var recovering bool
	if err := a.ReadDB.SQL.QueryRowContext(ctx, "SELECT pg_is_in_recovery()").Scan(&recovering); err != nil || !recovering {
		t.Fatalf("DATABASE_READ_URL is not the standby (in recovery %v, %v)", recovering, err)
	}
	// Wait until the standby has replayed everything the primary wrote: the insert position, not
	// the write position (pg_current_wal_lsn), which lags behind records of transactions committed
	// asynchronously (the statistics' rebuild) until the WAL writer catches up.
	var lsn string
	if err := a.DB.SQL.QueryRowContext(ctx, "SELECT pg_current_wal_insert_lsn()::text").Scan(&lsn); err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 60*time.Second, "the standby to replay the primary's WAL", func() bool {
		var ok bool
		err := a.ReadDB.SQL.QueryRowContext(ctx, "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", lsn).Scan(&ok)
		return err == nil && ok
	})

	q := domain.StatsQuery{Filter: domain.StatsFilter{From: time.Now().AddDate(-2, 0, 0), To: time.Now().AddDate(0, 0, 1)},
		GroupBy: []domain.StatsDimension{domain.DimProvince}}
	fromPrimary, err := (&postgres.StatsStore{DB: a.DB}).Aggregate(ctx, q, 500)
	if err != nil {
		t.Fatal(err)
	}
	if len(fromPrimary) == 0 {
		t.Fatal("the seeded statistics are empty")
	}
	publicPrimary, err := (&postgres.PublicStore{DB: a.DB}).Published(ctx, domain.PublicFilter{}, time.Now(), domain.Page{First: 50})
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		got, err := a.Stats.Store.Aggregate(ctx, q, 500)
		if err != nil {
			t.Fatalf("%s: statistics: %v", when, err)
		}
		if !reflect.DeepEqual(got, fromPrimary) {
			t.Errorf("%s: statistics from the standby differ from the primary's:\n%v\n%v", when, got, fromPrimary)
		}
		pub, err := a.Public.Store.Published(ctx, domain.PublicFilter{}, time.Now(), domain.Page{First: 50})
		if err != nil {
			t.Fatalf("%s: public dataset: %v", when, err)
		}
		if pub.Total != publicPrimary.Total || len(pub.Records) != len(publicPrimary.Records) {
			t.Errorf("%s: public dataset from the standby: %d records (total %d), the primary's %d (total %d)", when,
				len(pub.Records), pub.Total, len(publicPrimary.Records), publicPrimary.Total)
		}
	}
	check("both up")
	// With the primary stopped, what reads the standby still answers; what reads the primary fails.
	primary.stop(t)
	primaryUp = false
	check("primary stopped")
	if _, err := (&postgres.StatsStore{DB: a.DB}).Aggregate(ctx, q, 500); err == nil {
		t.Errorf("the primary answered after it was stopped: the check proves nothing")
	}
}
