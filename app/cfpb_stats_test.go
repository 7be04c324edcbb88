package app_test

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain/cfpbimport"
)

// cfpbFiles are the real CFPB records kept in testdata/cfpb: gzipped subsets of the CFPB's
// public-domain exports, one per date format (see testdata/cfpb/README.md).
func cfpbFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "cfpb", "*.csv.gz"))
	if err != nil || len(files) != 2 {
		t.Fatalf("testdata/cfpb holds %v (%v), want the two CFPB subsets", files, err)
	}
	return files
}

// openGzip opens a gzipped file as the plain text it holds.
func openGzip(name string) (io.ReadCloser, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	z, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{z, f}, nil
}

// companyFigures are one company's figures as the CSV states them, read by a parser of its own
// (encoding/csv and the header), independent of the importer.
type companyFigures struct {
	complaints, timely, untimely, explained, monetary, nonMonetary, accepted, disputed int
}

// figuresFromCSV applies docs/IMPORT.md's definitions to the raw columns: a final answer is one of
// the "Closed…" responses; it is timely when the CFPB says so; everything else ("In progress",
// "Untimely response") is a case still without a final answer long after its 15 days, so untimely.
func figuresFromCSV(t *testing.T, files []string) (map[string]*companyFigures, map[string]int) {
	t.Helper()
	out, states := map[string]*companyFigures{}, map[string]int{}
	for _, name := range files {
		f, err := openGzip(name)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(f)
		header, err := r.Read()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range header {
			col[strings.TrimPrefix(h, "\ufeff")] = i
		}
		for {
			row, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			company := row[col["Company"]]
			c := out[company]
			if c == nil {
				c = &companyFigures{}
				out[company] = c
			}
			c.complaints++
			states[row[col["State"]]]++
			response, timely, disputed := row[col["Company response to consumer"]], row[col["Timely response?"]], row[col["Consumer disputed?"]]
			final := true
			switch response {
			case "Closed with explanation", "Closed", "Closed without relief":
				c.explained++
			case "Closed with monetary relief":
				c.monetary++
			case "Closed with non-monetary relief", "Closed with relief":
				c.nonMonetary++
			default:
				final = false
			}
			switch {
			case final && timely == "Yes":
				c.timely++
			default:
				c.untimely++
			}
			if final && disputed == "Yes" {
				c.disputed++
			}
			if final && disputed == "No" {
				c.accepted++
			}
		}
		f.Close()
	}
	return out, states
}

// TestCFPBImportStatsMatchTheFiles imports both real CFPB subsets (500 + 142 rows) into a fresh platform and checks,
// through GraphQL `stats`, every company's totals, timely rate, answers by category and disputes
// against the same figures counted straight from the CSV. A second import changes nothing.
func TestCFPBImportStatsMatchTheFiles(t *testing.T) {
	ctx := context.Background()
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	files := cfpbFiles(t)
	want, states := figuresFromCSV(t, files)
	inputs := make([]cfpbimport.Input, len(files))
	for i, name := range files {
		inputs[i] = cfpbimport.Input{Name: name, Open: func() (io.ReadCloser, error) { return openGzip(name) }}
	}
	im, err := app.CFPBImporter(ctx, env.App.DB)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := im.Import(ctx, inputs)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Total.Read != 642 || sum.Total.Imported != 642 || sum.Total.Skipped != 0 || sum.Institutions != len(want) {
		t.Fatalf("summary %+v, want 642 rows read and imported, %d institutions", sum.Total, len(want))
	}
	token := env.Login(t, "analyst@redline.demo", app.DemoPassword)
	// The companies' ids, asked for in pages of 150 to stay within the query complexity limit.
	var ids []string
	rs, err := env.App.DB.SQL.QueryContext(ctx, `SELECT DISTINCT lender_id::text FROM complaints WHERE external_source = 'cfpb' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rs.Next() {
		var id string
		if err := rs.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rs.Close()
	query := `query($f: StatsFilter) { stats(filter: $f, groupBy: [INSTITUTION], first: 150) { truncated rows {
		institution { name } complaints timely untimely timelyRate explained monetaryRelief nonMonetaryRelief accepted disputed } } }`
	check := func(t *testing.T) {
		t.Helper()
		var rows []any
		for i := 0; i < len(ids); i += 150 {
			f := map[string]any{"from": "2011-01-01", "to": "2026-12-31", "institutions": ids[i:min(i+150, len(ids))]}
			res := env.MustDo(t, token, query, map[string]any{"f": f})["stats"].(map[string]any)
			if res["truncated"].(bool) {
				t.Fatal("a page of 150 institutions was truncated")
			}
			rows = append(rows, res["rows"].([]any)...)
		}
		if len(rows) != len(want) {
			t.Fatalf("%d rows, want one per company: %d", len(rows), len(want))
		}
		num := func(row map[string]any, k string) int {
			v, _ := row[k].(float64)
			return int(v)
		}
		for _, r := range rows {
			row := r.(map[string]any)
			inst, _ := row["institution"].(map[string]any)
			name, _ := inst["name"].(string)
			w := want[name]
			if w == nil {
				t.Errorf("stats name %q, which no CSV row does", name)
				continue
			}
			got := companyFigures{num(row, "complaints"), num(row, "timely"), num(row, "untimely"), num(row, "explained"),
				num(row, "monetaryRelief"), num(row, "nonMonetaryRelief"), num(row, "accepted"), num(row, "disputed")}
			if got != *w {
				t.Errorf("%s: stats %+v, CSV %+v", name, got, *w)
			}
			rate, _ := row["timelyRate"].(float64)
			if wantRate := float64(w.timely) / float64(w.timely+w.untimely); math.Abs(rate-wantRate) > 1e-9 {
				t.Errorf("%s: timely rate %v, CSV %v", name, rate, wantRate)
			}
		}
	}
	check(t)

	t.Run("ByState", func(t *testing.T) {
		d := env.MustDo(t, token, `query($f: StatsFilter) { stats(filter: $f, groupBy: [PROVINCE]) { rows { province complaints } } }`,
			map[string]any{"f": map[string]any{"from": "2011-01-01", "to": "2026-12-31", "provinces": []string{"CA", "TX", "FL"}}})
		rows := d["stats"].(map[string]any)["rows"].([]any)
		if len(rows) != 3 {
			t.Fatalf("rows %v, want CA, TX and FL", rows)
		}
		for _, r := range rows {
			row := r.(map[string]any)
			p, _ := row["province"].(string)
			if n, _ := row["complaints"].(float64); int(n) != states[p] || states[p] == 0 {
				t.Errorf("%s: %v complaints, CSV %d", p, row["complaints"], states[p])
			}
		}
	})

	t.Run("ReimportAddsNothing", func(t *testing.T) {
		again, err := im.Import(ctx, inputs)
		if err != nil {
			t.Fatal(err)
		}
		if again.Total.Imported != 0 || again.Total.Duplicates != 642 {
			t.Fatalf("second import %+v, want 0 imported and 642 duplicates", again.Total)
		}
		var n int
		if err := env.App.DB.SQL.QueryRowContext(ctx, `SELECT count(*) FROM complaints WHERE external_source = 'cfpb'`).Scan(&n); err != nil || n != 642 {
			t.Fatalf("%d imported complaints after a second import (%v), want 642", n, err)
		}
		check(t)
	})
}
