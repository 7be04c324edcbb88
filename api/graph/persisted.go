package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/visitor"

	"github.com/redline-regulator/redline/domain"
)

// Persisted queries, Apollo's "automatic persisted queries" protocol: a client sends
// extensions.persistedQuery {version: 1, sha256Hash} instead of the document. The first time, or
// after the server forgot it, the answer is PERSISTED_QUERY_NOT_FOUND and the client sends the
// document with the hash once more; the server checks that the hash is the document's, validates
// the document and remembers it. A request then carries a 64-character hash instead of a document
// of hundreds of bytes, and the server skips reading, hashing and looking up the text.
//
// Only documents that parse and validate are remembered (an LRU of 1,024 entries beside the
// document cache), so the store holds nothing a client could not have run. Each caller — a
// signed-in user, or a client address — has its own: a hash that another caller registered is
// not found (fourth attack pass: with one store for all, whoever could guess a document's exact
// text, literals included — a reference, a search text, an e-mail address — learnt from the
// answer whether someone had run it lately, without running it).
//
// Callers without a token behind one address (an office, a campus, a mobile carrier's NAT) share
// that address's store. For them only documents without string literals or identifiers written in
// are remembered (rememberable) — every text, reference, identifier or e-mail address comes in
// variables — so a hit tells one of them only that someone behind the same address ran a document
// of that shape (which page of the portal), never with which values. The portal sends values as
// variables, and sends a document's text the first time each page load uses it, so it never
// relies on another caller's entry.

// The codes of persisted-query errors (Apollo's, which its clients and ours recognise).
const (
	CodePersistedQueryNotFound     = "PERSISTED_QUERY_NOT_FOUND"
	CodePersistedQueryNotSupported = "PERSISTED_QUERY_NOT_SUPPORTED"
)

// Extensions are a request's extensions.
type Extensions struct {
	PersistedQuery *PersistedQuery `json:"persistedQuery,omitempty"`
	// IdempotencyKey names one attempt of a mutation: a retry with the same key returns the first
	// answer and writes nothing more (the HTTP header Idempotency-Key sets it too).
	IdempotencyKey string `json:"idempotencyKey,omitempty"`
}

// PersistedQuery names a document by its SHA-256.
type PersistedQuery struct {
	Version    int    `json:"version"`
	Sha256Hash string `json:"sha256Hash"`
}

// QueryHash is the persisted-query hash of a document: hex SHA-256 of its text.
func QueryHash(query string) string {
	h := sha256.Sum256([]byte(query))
	return hex.EncodeToString(h[:])
}

func pqError(code, en, zh, field string) []gqlerrors.FormattedError {
	ext := map[string]any{"code": code, "messageZh": zh}
	if field != "" {
		ext["field"] = field
	}
	return []gqlerrors.FormattedError{{Message: en, Extensions: ext}}
}

// persistedDocument resolves the query text of a request that names a persisted query: the stored
// text for a hash alone, or the text sent after checking its hash (remember: store it once it
// validates).
func (x *Executor) persistedDocument(ctx context.Context, req Request) (query string, remember bool, errs []gqlerrors.FormattedError) {
	pq := req.Extensions.PersistedQuery
	if pq.Version != 1 {
		return "", false, pqError(CodePersistedQueryNotSupported, "persisted queries of version 1 only",
			"仅支持版本1的持久化查询", "extensions.persistedQuery.version")
	}
	if len(pq.Sha256Hash) != 64 {
		return "", false, pqError(string(domain.CodeInvalid), "extensions.persistedQuery.sha256Hash is not a hex SHA-256 (64 characters)",
			"持久化查询的哈希须为64位十六进制SHA-256", "extensions.persistedQuery.sha256Hash")
	}
	if req.Query == "" {
		q, ok := x.persisted.Get(persistedKey(ctx, pq.Sha256Hash))
		if !ok {
			return "", false, pqError(CodePersistedQueryNotFound, "PersistedQueryNotFound: send the query with its hash once",
				"持久化查询不存在：请连同查询文本再发送一次", "")
		}
		return q, false, nil
	}
	if QueryHash(req.Query) != pq.Sha256Hash {
		return "", false, pqError(string(domain.CodeInvalid), "provided sha256Hash does not match the query",
			"持久化查询的哈希与查询文本不符", "extensions.persistedQuery.sha256Hash")
	}
	return req.Query, true, nil
}

// rememberable says whether a validated document may be remembered for the caller in ctx: always
// for a signed-in user (the store is theirs alone); for a caller without a token (the store is the
// client address's) only a document without a string literal or a number given as an identifier
// (an argument or input field named id, …Id, ids or …Ids). Page sizes, enums and booleans may be
// written in: they choose among a few views of the same data.
func rememberable(ctx context.Context, doc *ast.Document) bool {
	if !domain.ActorFrom(ctx).Anonymous() {
		return true
	}
	literal := false
	visitor.Visit(doc, &visitor.VisitorOptions{Enter: func(p visitor.VisitFuncParams) (string, any) {
		switch n := p.Node.(type) {
		case *ast.StringValue:
			literal = true
		case *ast.Argument:
			literal = n.Name != nil && identifierName(n.Name.Value) && holdsNumber(n.Value)
		case *ast.ObjectField:
			literal = n.Name != nil && identifierName(n.Name.Value) && holdsNumber(n.Value)
		}
		if literal {
			return visitor.ActionBreak, nil
		}
		return visitor.ActionNoChange, nil
	}}, nil)
	return !literal
}

// identifierName says whether an argument or input field names identifiers: id, ids, …Id, …Ids.
func identifierName(name string) bool {
	return name == "id" || name == "ids" || strings.HasSuffix(name, "Id") || strings.HasSuffix(name, "Ids")
}

// holdsNumber says whether a value is, or lists, a number literal.
func holdsNumber(v ast.Value) bool {
	switch v := v.(type) {
	case *ast.IntValue, *ast.FloatValue:
		return true
	case *ast.ListValue:
		return slices.ContainsFunc(v.Values, holdsNumber)
	}
	return false
}

// persistedKey is the key of a persisted query's hash in the caller's own store: the signed-in
// user, else the client address (domain.RequestAddress).
func persistedKey(ctx context.Context, hash string) string {
	if a := domain.ActorFrom(ctx); !a.Anonymous() {
		return "user:" + strconv.FormatInt(a.UserID, 10) + ":" + hash
	}
	return "addr:" + domain.RequestAddress(ctx) + ":" + hash
}

// IssuesCredentials reports whether a mutation field named in fields (Operation's answer) answers
// with credentials: an AuthPayload's access and refresh tokens, which must not be kept anywhere
// (refresh tokens are stored only as hashes).
func (x *Executor) IssuesCredentials(fields string) bool {
	m := x.schema.MutationType()
	if m == nil {
		return false
	}
	for _, name := range strings.Split(fields, ",") {
		if f, ok := m.Fields()[name]; ok && strings.TrimSuffix(f.Type.Name(), "!") == "AuthPayload" {
			return true
		}
	}
	return false
}

// Operation says whether a request runs a mutation and names its top-level fields
// ("fileComplaint", "addNote,claimComplaint"), for the idempotency of mutations. A request whose
// document cannot be resolved, parsed or validated is not a mutation here: Run refuses it.
func (x *Executor) Operation(ctx context.Context, req Request) (fields string, mutation bool) {
	_, op := x.operation(ctx, req)
	if op == nil || op.Operation != ast.OperationTypeMutation || op.SelectionSet == nil {
		return "", false
	}
	var names []string
	for _, sel := range op.SelectionSet.Selections {
		if f, ok := sel.(*ast.Field); ok && f.Name != nil {
			names = append(names, f.Name.Value)
		}
	}
	slices.Sort(names)
	return strings.Join(slices.Compact(names), ","), true
}

// operation resolves, parses and validates a request's document (from the caches when it was seen
// before) and picks the operation it runs; nil when Run would refuse it.
func (x *Executor) operation(ctx context.Context, req Request) (*ast.Document, *ast.OperationDefinition) {
	q := req.Query
	if pq := req.Extensions.PersistedQuery; pq != nil && q == "" {
		var ok bool
		if q, ok = x.persisted.Get(persistedKey(ctx, pq.Sha256Hash)); !ok {
			return nil, nil
		}
	}
	d, errs := x.documentOf(ctx, q)
	if errs != nil {
		return nil, nil
	}
	var op *ast.OperationDefinition
	for _, def := range d.ast.Definitions {
		o, ok := def.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		if req.OperationName == "" || (o.Name != nil && o.Name.Value == req.OperationName) {
			if op != nil && req.OperationName == "" {
				return nil, nil // several operations and none named: Run refuses it
			}
			op = o
		}
	}
	return d.ast, op
}
