package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/domain/cfpbimport"
)

const importUsage = `usage: redline import cfpb [--product NAME]... [--batch N] [--problems N] FILE...`

// usageError is a command's usage text returned as its error: main prints it as it stands (several
// lines of prose, not an error string to be wrapped).
type usageError string

func (u usageError) Error() string { return string(u) }

// runImport is `redline import cfpb FILE...`: it loads CFPB Consumer Complaint Database exports into
// the database named by DATABASE_URL (migrated first with `redline migrate up`). It needs no Redis.
func runImport(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "cfpb" {
		return usageError(importUsage)
	}
	fs := flag.NewFlagSet("import cfpb", flag.ContinueOnError)
	var products listFlag
	fs.Var(&products, "product", "import only this CFPB product (repeatable; default: every product)")
	batch := fs.Int("batch", 2000, "complaints per transaction")
	show := fs.Int("problems", 20, "bad rows to list in the summary (all are counted)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError(importUsage)
	}
	inputs, err := app.FileInputs(fs.Args())
	if err != nil {
		return err
	}
	db, err := openMigrated(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	im, err := app.CFPBImporter(ctx, db)
	if err != nil {
		return err
	}
	im.Products, im.BatchSize = products, *batch
	if isTerminal(stdout) {
		bar := &progressBar{w: stdout, start: time.Now()}
		im.Progress = bar.update
	}
	sum, err := im.Import(ctx, inputs)
	if err != nil && len(sum.Files) == 0 {
		return err
	}
	if isTerminal(stdout) {
		fmt.Fprintln(stdout)
	}
	printSummary(stdout, sum, *show)
	return err
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressBar redraws one line: bytes read of all files, rows, rate.
type progressBar struct {
	w     io.Writer
	start time.Time
}

func (b *progressBar) update(p cfpbimport.Progress) {
	frac := 0.0
	if p.BytesTotal > 0 {
		frac = min(1, float64(p.BytesDone)/float64(p.BytesTotal))
	}
	const width = 30
	fill := int(frac * width)
	rate := float64(p.Rows) / max(time.Since(b.start).Seconds(), 0.001)
	fmt.Fprintf(b.w, "\r[%s%s] %3.0f%%  %d rows  %.0f rows/s  %s   ", strings.Repeat("#", fill), strings.Repeat(".", width-fill),
		frac*100, p.Rows, rate, p.File)
}

func printSummary(w io.Writer, s cfpbimport.Summary, show int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\trows read\timported\tduplicates\tskipped\tfiltered\t")
	for _, f := range append(s.Files, s.Total) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t\n", f.Name, f.Read, f.Imported, f.Duplicates, f.Skipped, f.Filtered)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d institutions named; complaints dated %s to %s; took %s\n", s.Institutions,
		day(s.From), day(s.To), s.Took.Round(time.Millisecond))
	if len(s.Problems) > 0 {
		fmt.Fprintf(w, "bad rows skipped (%d", s.Total.Skipped)
		if show < s.Total.Skipped {
			fmt.Fprintf(w, ", the first %d", min(show, len(s.Problems)))
		}
		fmt.Fprintln(w, "):")
		for i, p := range s.Problems {
			if i == show {
				break
			}
			fmt.Fprintln(w, "  "+p.Error())
		}
	}
}

func day(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return t.Format("2006-01-02")
}
