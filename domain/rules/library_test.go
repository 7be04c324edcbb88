package rules

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// onePackStore holds revision 1 of the built-in CN pack.
type onePackStore struct{ rec PackRecord }

func (s *onePackStore) LatestRevision(context.Context, Jurisdiction) (int, error) { return 1, nil }
func (s *onePackStore) LatestPack(context.Context, Jurisdiction) (PackRecord, error) {
	return s.rec, nil
}
func (s *onePackStore) PackRevision(context.Context, Jurisdiction, int) (PackRecord, error) {
	return s.rec, nil
}
func (s *onePackStore) PackRevisions(context.Context, Jurisdiction) ([]PackRecord, error) {
	return []PackRecord{s.rec}, nil
}
func (s *onePackStore) SavePack(context.Context, PackRecord, *domain.AdminAct) error {
	return domain.ErrConflict
}

// TestLibraryParsesARevisionOnce asks a new library for the current pack from many goroutines at
// once, as a worker's goroutines do when it starts: they all get the one parse of the revision
// (each parse is a compiled pack of its own: CPU and memory that the worker otherwise paid once
// per goroutine), and a revision that is the built-in document is the built-in pack.
func TestLibraryParsesARevisionOnce(t *testing.T) {
	doc, err := BuiltinDocument(CN)
	if err != nil {
		t.Fatal(err)
	}
	lib := &Library{Store: &onePackStore{rec: PackRecord{ID: CN, Revision: 1, Document: doc}}, Now: time.Now}
	packs := make([]*Pack, 16)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range packs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			sp, err := lib.Current(context.Background(), CN)
			if err != nil {
				t.Error(err)
				return
			}
			packs[i] = sp.Pack
		}()
	}
	close(start)
	wg.Wait()
	for i, p := range packs {
		if p == nil || p != packs[0] {
			t.Fatalf("goroutine %d got pack %p, goroutine 0 %p: the revision was parsed more than once", i, p, packs[0])
		}
	}
	// The revision is the built-in document: the built-in pack compiled at start serves it.
	if def, _ := Default(CN); packs[0] != def {
		t.Errorf("the built-in document was compiled a second time")
	}
	// An edited document is parsed on its own.
	edited := append([]byte(nil), doc...)
	edited = append(edited, ' ')
	other := &Library{Store: &onePackStore{rec: PackRecord{ID: CN, Revision: 2, Document: edited}}, Now: time.Now}
	sp, err := other.Current(context.Background(), CN)
	if def, _ := Default(CN); err != nil || sp.Pack == def || sp.Pack == nil {
		t.Errorf("edited revision: pack %p, err %v; want a pack of its own", sp, err)
	}
}
