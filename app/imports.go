package app

import (
	"io"
	"os"

	"github.com/redline-regulator/redline/domain/cfpbimport"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/rules"
)

// CFPBImporter wires an importer of CFPB exports to the database: the US rule pack suggests
// violations, and the statistics of the imported period are rebuilt at the end.
func CFPBImporter(db *postgres.DB) (*cfpbimport.Importer, error) {
	pack, err := rules.Default(rules.US)
	if err != nil {
		return nil, err
	}
	stats := &postgres.StatsStore{DB: db}
	return &cfpbimport.Importer{Store: &postgres.CFPBImportStore{DB: db}, Pack: pack, Rebuild: stats.Rebuild}, nil
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
