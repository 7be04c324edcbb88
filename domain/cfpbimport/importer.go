package cfpbimport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules"
	"github.com/redline-regulator/redline/domain/rules/cfpb"
)

// Row is a converted complaint ready to be written, with its institution resolved.
type Row struct {
	Complaint
	File          string
	InstitutionID int64
}

// Store is what an import needs from storage.
type Store interface {
	// ImporterUser returns the system user recorded as the complainant and the answering author of
	// imported complaints, creating it (with its audit record) the first time.
	ImporterUser(ctx context.Context) (int64, error)
	// EnsureInstitutions creates the institutions not yet known by name (others keep their kind) and
	// returns the id of every name.
	EnsureInstitutions(ctx context.Context, ins []domain.Institution) (map[string]int64, error)
	// KnownIDs returns which of these CFPB ids are already stored.
	KnownIDs(ctx context.Context, ids []string) (map[string]bool, error)
	// WriteComplaints writes a batch in one transaction with each complaint's answer and history
	// record, skipping complaints whose CFPB id is already stored; it returns how many it wrote.
	WriteComplaints(ctx context.Context, importer int64, batch []Row) (int, error)
	// RecordImport leaves the audit record of a finished run.
	RecordImport(ctx context.Context, s Summary) error
}

// Input is one export file.
type Input struct {
	Name string
	Size int64 // bytes, for progress; 0 if unknown
	Open func() (io.ReadCloser, error)
}

// Progress is reported after every batch.
type Progress struct {
	File                  string
	BytesDone, BytesTotal int64 // over all files
	Rows                  int   // rows read so far, all files
}

// FileSummary counts what happened to one file's rows. Read = Imported + Duplicates + Skipped +
// Filtered.
type FileSummary struct {
	Name       string
	Read       int // data rows
	Imported   int // new complaints
	Duplicates int // complaints already imported, or repeated within the run
	Skipped    int // bad rows (see Problems)
	Filtered   int // rows of products not asked for
}

// Summary is the outcome of a run.
type Summary struct {
	Files        []FileSummary
	Total        FileSummary
	Institutions int       // institutions named in the files
	Problems     []Problem // the first MaxProblems bad rows
	From, To     time.Time // first and last day an imported complaint was received
	Took         time.Duration
}

// MaxProblems is how many bad rows a summary lists (all are counted).
const MaxProblems = 1000

// Importer imports CFPB exports.
type Importer struct {
	Store Store
	Pack  *rules.Pack // the US pack; nil skips suggestions
	// PackRevision is the stored revision of Pack, recorded with each assessment.
	PackRevision int
	// Products restricts the import to these CFPB products; empty imports every product.
	Products []string
	// BatchSize is the number of complaints written per transaction (default 2,000).
	BatchSize int
	// Workers run the rule pack in parallel (default GOMAXPROCS).
	Workers int
	// Progress, if set, hears after every batch.
	Progress func(Progress)
	// Rebuild, if set, recomputes the statistics for the imported period once the rows are in.
	Rebuild func(ctx context.Context, from, to time.Time) error
	Now     func() time.Time
}

// Import reads every file twice: once to learn each company's products (its kind depends on them)
// and check every header before anything is written, once to import. Bad rows are reported with
// their line and skipped; a file that cannot be read at all stops the run before it writes.
func (im *Importer) Import(ctx context.Context, files []Input) (Summary, error) {
	now := time.Now
	if im.Now != nil {
		now = im.Now
	}
	start := now()
	products, total, err := im.survey(files)
	if err != nil {
		return Summary{}, err
	}
	userID, err := im.Store.ImporterUser(ctx)
	if err != nil {
		return Summary{}, err
	}
	names := make([]string, 0, len(products))
	for n := range products {
		names = append(names, n)
	}
	sort.Strings(names)
	ins := make([]domain.Institution, len(names))
	for i, n := range names {
		ins[i] = domain.Institution{Name: n, Kind: Kind(n, products[n])}
	}
	ids, err := im.Store.EnsureInstitutions(ctx, ins)
	if err != nil {
		return Summary{}, err
	}
	s := Summary{Institutions: len(names)}
	var done int64
	for _, f := range files {
		fs, err := im.importFile(ctx, f, ids, userID, &s, func(n int64, rows int) {
			if im.Progress != nil {
				im.Progress(Progress{File: f.Name, BytesDone: done + n, BytesTotal: total, Rows: s.Total.Read + rows})
			}
		})
		done += f.Size
		s.Files = append(s.Files, fs)
		s.Total.Read += fs.Read
		s.Total.Imported += fs.Imported
		s.Total.Duplicates += fs.Duplicates
		s.Total.Skipped += fs.Skipped
		s.Total.Filtered += fs.Filtered
		if err != nil {
			return s, err
		}
	}
	s.Total.Name = "all files"
	if im.Rebuild != nil && s.Total.Imported > 0 {
		if err := im.Rebuild(ctx, s.From, s.To); err != nil {
			return s, fmt.Errorf("import: rebuild statistics: %w", err)
		}
	}
	s.Took = now().Sub(start)
	return s, im.Store.RecordImport(ctx, s)
}

func (im *Importer) wanted(product string) bool {
	return len(im.Products) == 0 || slices.Contains(im.Products, product)
}

// survey checks each file's header and counts each company's complaints per product.
func (im *Importer) survey(files []Input) (map[string]map[string]int, int64, error) {
	products := map[string]map[string]int{}
	var total int64
	for _, f := range files {
		total += f.Size
		err := func() error {
			rc, err := f.Open()
			if err != nil {
				return err
			}
			defer rc.Close()
			rd, err := cfpb.NewReader(rc)
			if err != nil {
				return err
			}
			if m := rd.Missing(RequiredColumns); len(m) > 0 {
				return fmt.Errorf("missing column %q", m[0])
			}
			for {
				r, err := rd.Next()
				var re *cfpb.RowError
				switch {
				case errors.Is(err, io.EOF):
					return nil
				case errors.As(err, &re):
					continue
				case err != nil:
					return err
				}
				if r.Company == "" || !im.wanted(r.Product) || brokenText(r) != "" { // Convert skips such a row
					continue
				}
				if products[r.Company] == nil {
					products[r.Company] = map[string]int{}
				}
				products[r.Company][r.Product]++
			}
		}()
		if err != nil {
			return nil, 0, fmt.Errorf("import: %s: %w", f.Name, err)
		}
	}
	return products, total, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (im *Importer) importFile(ctx context.Context, f Input, ids map[string]int64, userID int64, s *Summary,
	progress func(bytes int64, rows int)) (FileSummary, error) {
	fs := FileSummary{Name: f.Name}
	rc, err := f.Open()
	if err != nil {
		return fs, fmt.Errorf("import: %s: %w", f.Name, err)
	}
	defer rc.Close()
	cr := &countingReader{r: rc}
	rd, err := cfpb.NewReader(cr)
	if err != nil {
		return fs, fmt.Errorf("import: %s: %w", f.Name, err)
	}
	size := im.BatchSize
	if size <= 0 {
		size = 2000
	}
	problem := func(p Problem) {
		p.File = f.Name
		fs.Skipped++
		if len(s.Problems) < MaxProblems {
			s.Problems = append(s.Problems, p)
		}
	}
	batch := make([]Row, 0, size)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		ids := make([]string, len(batch))
		for i, r := range batch {
			ids[i] = r.ExternalID
		}
		known, err := im.Store.KnownIDs(ctx, ids)
		if err != nil {
			return fmt.Errorf("import: %s: %w", f.Name, err)
		}
		fresh := batch[:0]
		for _, r := range batch {
			if !known[r.ExternalID] {
				fresh = append(fresh, r)
			}
		}
		fs.Duplicates += len(batch) - len(fresh)
		batch = fresh
		im.suggest(batch) // the slow part: only for complaints not yet stored
		n := 0
		if len(batch) > 0 {
			if n, err = im.Store.WriteComplaints(ctx, userID, batch); err != nil {
				return fmt.Errorf("import: %s: %w", f.Name, err)
			}
		}
		fs.Imported += n
		fs.Duplicates += len(batch) - n
		if n > 0 {
			for _, r := range batch {
				if s.From.IsZero() || r.ReceivedAt.Before(s.From) {
					s.From = r.ReceivedAt
				}
				if r.ReceivedAt.After(s.To) {
					s.To = r.ReceivedAt
				}
			}
		}
		batch = batch[:0]
		progress(cr.n, fs.Read)
		return ctx.Err()
	}
	seen := map[string]bool{} // ids in this file: a repeat is a duplicate, not a second complaint
	for {
		r, err := rd.Next()
		var re *cfpb.RowError
		switch {
		case errors.Is(err, io.EOF):
			return fs, flush()
		case errors.As(err, &re):
			fs.Read++
			problem(Problem{Line: re.Line, Message: "not valid CSV: " + re.Err.Error()})
			continue
		case err != nil:
			return fs, fmt.Errorf("import: %s: %w", f.Name, err)
		}
		fs.Read++
		if !im.wanted(r.Product) {
			fs.Filtered++
			continue
		}
		c, p := Convert(r)
		if p != nil {
			problem(*p)
			continue
		}
		if seen[c.ExternalID] {
			fs.Duplicates++
			continue
		}
		seen[c.ExternalID] = true
		batch = append(batch, Row{Complaint: c, File: f.Name, InstitutionID: ids[c.Company]})
		if len(batch) == size {
			if err := flush(); err != nil {
				return fs, err
			}
		}
	}
}

// suggest runs the rule pack over a batch's narratives on every core.
func (im *Importer) suggest(batch []Row) {
	if im.Pack == nil {
		return
	}
	workers := im.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	now := time.Now().UTC()
	if im.Now != nil {
		now = im.Now()
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				batch[i].Suggest(im.Pack, im.PackRevision, now)
			}
		}()
	}
	for i := range batch {
		next <- i
	}
	close(next)
	wg.Wait()
}
