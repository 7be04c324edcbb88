package app

import (
	"context"
	"io"
	"os"

	"github.com/redline-regulator/redline/domain/cfpbimport"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/rules"
)

// CFPBImporter wires an importer of CFPB exports to the database: the current revision of the US
// rule pack assesses the narratives, and the statistics of the imported period are rebuilt at the end.
func CFPBImporter(ctx context.Context, db *postgres.DB) (*cfpbimport.Importer, error) {
	lib := &rules.Library{Store: &postgres.PackStore{DB: db}, Now: db.Now}
	sp, err := lib.Current(ctx, rules.US)
	if err != nil {
		return nil, err
	}
	stats := &postgres.StatsStore{DB: db}
	return &cfpbimport.Importer{Store: &postgres.CFPBImportStore{DB: db}, Pack: sp.Pack, PackRevision: sp.Revision,
		Rebuild: stats.Rebuild, Now: db.Now}, nil
}

// FileInputs describes files on disk for an import.
func FileInputs(paths []string) ([]cfpbimport.Input, error) {
	out := make([]cfpbimport.Input, len(paths))
	for i, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		out[i] = cfpbimport.Input{Name: p, Size: st.Size(), Open: func() (io.ReadCloser, error) { return os.Open(p) }}
	}
	return out, nil
}
