package graph

import (
	"context"
	"errors"
	"sync"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/redline-regulator/redline/domain"
)

// Per-request batch loaders. graphql-go resolves a list breadth-first: it calls a field's resolver
// for every item before it calls any thunk (a resolver's `func() (any, error)` result). So a
// resolver that registers its key with a loader and returns a thunk lets the first thunk fetch the
// keys of the whole list in one statement: a page of 50 complaints reads its lenders, histories and
// clocks in three statements, not 150.

// batch collects keys and fetches every pending key at the first thunk called.
type batch[K comparable, V any] struct {
	fetch func(ctx context.Context, keys []K) (map[K]V, error)

	mu      sync.Mutex
	pending []K
	queued  map[K]bool
	done    map[K]bool
	values  map[K]V
	errs    map[K]error
}

func newBatch[K comparable, V any](fetch func(ctx context.Context, keys []K) (map[K]V, error)) *batch[K, V] {
	return &batch[K, V]{fetch: fetch, queued: map[K]bool{}, done: map[K]bool{}, values: map[K]V{}, errs: map[K]error{}}
}

// load registers key and returns the thunk that answers it.
func (b *batch[K, V]) load(ctx context.Context, key K) func() (V, error) {
	b.mu.Lock()
	if !b.done[key] && !b.queued[key] {
		b.queued[key] = true
		b.pending = append(b.pending, key)
	}
	b.mu.Unlock()
	return func() (V, error) {
		b.mu.Lock()
		defer b.mu.Unlock()
		if !b.done[key] {
			keys := b.pending
			b.pending = nil
			got, err := b.fetch(ctx, keys)
			for _, k := range keys {
				delete(b.queued, k)
				b.done[k] = true
				if err != nil {
					b.errs[k] = err
				} else {
					b.values[k] = got[k]
				}
			}
		}
		return b.values[key], b.errs[key]
	}
}

// institutionsByID is what the institution loader needs from the store; a store without it is read
// one institution at a time.
type institutionsByID interface {
	InstitutionsByID(ctx context.Context, ids []int64) (map[int64]*domain.Institution, error)
}

// loaders are the batch loaders of one request.
type loaders struct {
	histories    *batch[*domain.Complaint, []domain.Event]
	deadlines    *batch[*domain.Complaint, []domain.Deadline]
	institutions *batch[int64, *domain.Institution]
	// links are a page's duplicate links; opens says whether the caller's scope opens a complaint
	// (a page's mergedInto): one statement each per page, not one per row (session 32, sec32).
	links *batch[*domain.Complaint, []domain.Link]
	opens *batch[string, bool]
	// extensionRequests are a page's extension requests as stored, for the extension rule that
	// availableActions, nextExtension and extensionUnavailable apply: one statement per page, not
	// one per complaint (attack round 33). Never shown as they are.
	extensionRequests *batch[*domain.Complaint, []domain.Extension]
	// extensions are a page's extension requests as the caller may read them (Complaint.extensions).
	extensions *batch[*domain.Complaint, []domain.Extension]
	// users are the accounts the admin audit log names (its actors and the users acted on).
	users *batch[int64, *domain.User]
}

type loadersKey struct{}

// withLoaders gives a request its own loaders: nothing fetched is shared between requests (and so
// between callers).
func withLoaders(ctx context.Context, r *resolvers) context.Context {
	l := &loaders{
		histories: newBatch(func(ctx context.Context, cs []*domain.Complaint) (map[*domain.Complaint][]domain.Event, error) {
			byID, err := r.Complaints.HistoriesOf(ctx, cs)
			return byComplaint(cs, byID), err
		}),
		deadlines: newBatch(func(ctx context.Context, cs []*domain.Complaint) (map[*domain.Complaint][]domain.Deadline, error) {
			byID, err := r.Complaints.DeadlinesOf(ctx, cs)
			return byComplaint(cs, byID), err
		}),
		links: newBatch(func(ctx context.Context, cs []*domain.Complaint) (map[*domain.Complaint][]domain.Link, error) {
			byID, err := r.Complaints.LinksOf(ctx, cs)
			return byComplaint(cs, byID), err
		}),
		opens: newBatch(r.Complaints.Opens),
		extensions: newBatch(func(ctx context.Context, cs []*domain.Complaint) (map[*domain.Complaint][]domain.Extension, error) {
			byID, err := r.Complaints.ExtensionsOf(ctx, cs)
			return byComplaint(cs, byID), err
		}),
		extensionRequests: newBatch(func(ctx context.Context, cs []*domain.Complaint) (map[*domain.Complaint][]domain.Extension, error) {
			byID, err := r.Complaints.ExtensionRequestsOf(ctx, cs)
			return byComplaint(cs, byID), err
		}),
		institutions: newBatch(func(ctx context.Context, ids []int64) (map[int64]*domain.Institution, error) {
			if s, ok := r.Institutions.(institutionsByID); ok {
				return s.InstitutionsByID(ctx, ids)
			}
			out := map[int64]*domain.Institution{}
			for _, id := range ids {
				i, err := r.Institutions.InstitutionByID(ctx, id)
				if err != nil {
					return nil, err
				}
				out[id] = i
			}
			return out, nil
		}),
		users: newBatch(func(ctx context.Context, ids []int64) (map[int64]*domain.User, error) {
			out := map[int64]*domain.User{}
			for _, id := range ids {
				u, err := r.Access.Users.UserByID(ctx, id)
				if errors.Is(err, domain.ErrNotFound) {
					continue
				}
				if err != nil {
					return nil, err
				}
				out[id] = u
			}
			return out, nil
		}),
	}
	return context.WithValue(ctx, loadersKey{}, l)
}

func byComplaint[V any](cs []*domain.Complaint, byID map[string]V) map[*domain.Complaint]V {
	out := make(map[*domain.Complaint]V, len(cs))
	for _, c := range cs {
		out[c] = byID[c.ID]
	}
	return out
}

func loadersFrom(ctx context.Context) *loaders {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	return l
}

// thunk turns a loader's answer into graphql-go's thunk. An error is raised as a located error
// around the client error: graphql-go drops the extensions (the code) of an error a thunk returns.
func thunk[V any](p graphql.ResolveParams, answer func() (V, error), convert func(V) any) func() (any, error) {
	return func() (any, error) {
		v, err := answer()
		if err != nil {
			ce := toClientError(p.Context, err)
			nodes := make([]ast.Node, len(p.Info.FieldASTs))
			for i, f := range p.Info.FieldASTs {
				nodes[i] = f
			}
			panic(gqlerrors.NewErrorWithPath(ce.Error(), nodes, "", nil, nil, p.Info.Path.AsArray(), ce))
		}
		return convert(v), nil
	}
}

// selects reports whether the field being resolved selects the sub-field name (true when a
// fragment makes it unsure).
func selects(p graphql.ResolveParams, name string) bool {
	for _, f := range p.Info.FieldASTs {
		if f.SelectionSet == nil {
			continue
		}
		for _, s := range f.SelectionSet.Selections {
			field, ok := s.(*ast.Field)
			if !ok || field.Name == nil || field.Name.Value == name {
				return true
			}
		}
	}
	return false
}
