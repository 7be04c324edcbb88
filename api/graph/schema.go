// Package graph is redline's GraphQL API, built with graphql-go: one file per concept, resolvers
// that decode arguments, call a domain service and convert the result. Parsed and validated
// documents are cached by query text, since validation is most of the cost of a request.
package graph

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
	"github.com/redline-regulator/redline/domain/rules"
)

// Deps are the domain services the resolvers call.
type Deps struct {
	Complaints *domain.Complaints
	Accounts   *domain.Accounts
	// Registrations starts and confirms self-service registrations.
	Registrations *domain.Registrations
	// PasswordResets e-mails password-reset links and sets passwords from them.
	PasswordResets *domain.PasswordResets
	// RequestPasswordReset asks for a reset link; it wraps PasswordResets.Request with the
	// password-reset guard (requests per address and per client). Nil means PasswordResets.Request.
	RequestPasswordReset func(ctx context.Context, email string) error
	// Register starts a registration; it wraps Registrations.Register with the per-address limit
	// (nil: Registrations.Register as it is).
	Register func(ctx context.Context, email, password, displayName string) error
	Sessions *domain.Sessions
	// Access manages role bindings and keeps the admin audit log.
	Access       *domain.Access
	Institutions domain.InstitutionStore
	// InstitutionAdmin edits the institution registry (administrators).
	InstitutionAdmin *domain.InstitutionAdmin
	// InstitutionUsers lets an institution's admin manage its users.
	InstitutionUsers *domain.InstitutionUsers
	Evidence         *domain.EvidenceService
	// Notifications serves the signed-in user's notifications and institutions' webhooks.
	Notifications *domain.Notifications
	// Stats answers statistics, trends, scorecards and alerts.
	Stats *domain.Statistics
	// Public serves the public dataset (publicComplaints).
	Public *domain.PublicData
	// Workbench serves saved queue views and the teams' load.
	Workbench *domain.Workbench
	// Authenticate checks a sign-in; it wraps Accounts.Authenticate with the login guard
	// (lockout after repeated failures). Nil means Accounts.Authenticate.
	Authenticate func(ctx context.Context, email, password string) (*domain.User, error)
	// Routing serves the versioned routing table; RulePacks the versioned rule packs. A nil RulePacks
	// serves the built-in packs.
	Routing   *domain.Routing
	RulePacks *rules.Library
	// Calendars serve and publish the business calendars; nil serves the built-in ones, read-only.
	Calendars *deadline.Calendars
	// Policies serve and publish the deadline policies; nil serves the built-in ones, read-only.
	Policies *deadline.Policies
	// Reassessments runs rule reassessment jobs (reassessRules, reassessJobs); nil leaves them out.
	Reassessments *domain.Reassessments
	// Limits bound the depth and complexity of documents and who may introspect the schema.
	Limits QueryLimits
	// AnalysisBudget counts the characters a public analyzeMessages request analyses against the
	// caller's budget (per client address) and refuses with RATE_LIMITED when it is spent; nil
	// means no budget.
	AnalysisBudget func(ctx context.Context, runes int) error
	// IssueToken signs an access token for a user who signed in, naming their session.
	IssueToken func(u *domain.User, session int64) (token string, expires time.Time, err error)
}

// Executor runs GraphQL requests against the schema.
type Executor struct {
	r      *resolvers
	schema graphql.Schema
	limits QueryLimits
	docs   *lru.Cache[string, *document]
	// persisted maps a persisted query's hash to its text (persisted.go).
	persisted *lru.Cache[string, string]
	// costly are the root fields that make a request costly (costly.go), with the test of their
	// arguments (nil: always).
	costly map[string]costTest
	// parses counts the documents parsed (tests: a request parses its document once).
	parses atomic.Int64
}

// document is a parsed and validated request document with what the limits measured of it.
type document struct {
	ast   *ast.Document
	shape shape
	lines locator // where errors raised on ast are (document.go)
}

// New builds the schema.
func New(d Deps) (*Executor, error) {
	r := &resolvers{Deps: d}
	t := newTypes(r)
	queries, mutations := r.queries(t), r.mutations(t)
	costly, err := r.costlyFields(queries)
	if err != nil {
		return nil, fmt.Errorf("graph: schema: %w", err)
	}
	schema, err := graphql.NewSchema(graphql.SchemaConfig{
		Query:    graphql.NewObject(graphql.ObjectConfig{Name: "Query", Fields: queries}),
		Mutation: graphql.NewObject(graphql.ObjectConfig{Name: "Mutation", Fields: mutations}),
	})
	if err != nil {
		return nil, fmt.Errorf("graph: schema: %w", err)
	}
	guardResolvers(&schema)
	docs, _ := lru.New[string, *document](1024)
	persisted, _ := lru.New[string, string](1024)
	return &Executor{r: r, schema: schema, limits: d.Limits, docs: docs, persisted: persisted, costly: costly}, nil
}

// Request is one GraphQL request.
type Request struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
	Extensions    Extensions     `json:"extensions"`
}

// Do executes a request. Errors that graphql-go raises itself carry a code and a Chinese message:
// GRAPHQL_PARSE_FAILED for syntax, GRAPHQL_VALIDATION_FAILED for validation, BAD_USER_INPUT (with
// the field) for variables that do not fit their type or text that is not valid.
func (x *Executor) Do(ctx context.Context, req Request) *graphql.Result {
	res, _ := x.Run(ctx, req)
	return res
}

// Run is Do that also says whether the request was refused before execution (a document that does
// not parse, validate or fit the limits, variables that do not fit, introspection not allowed):
// GraphQL over HTTP answers those with a 4xx status.
func (x *Executor) Run(ctx context.Context, req Request) (*graphql.Result, bool) {
	remember := false
	if req.Extensions.PersistedQuery != nil {
		q, rem, errs := x.persistedDocument(ctx, req)
		if errs != nil {
			return &graphql.Result{Errors: errs}, true
		}
		req.Query, remember = q, rem
	}
	d, errs := x.documentOf(ctx, req.Query)
	if errs != nil {
		if !x.limits.introspectionAllowed(domain.ActorFrom(ctx)) {
			errs = withoutSuggestions(errs)
		}
		return &graphql.Result{Errors: withCodes(errs)}, true
	}
	if remember && len(req.Query) <= MaxCachedDocumentBytes && rememberable(ctx, d.ast) { // only a document that parsed, fit the limits and validated
		x.persisted.Add(persistedKey(ctx, req.Extensions.PersistedQuery.Sha256Hash), req.Query)
	}
	if d.shape.introspects && !x.limits.introspectionAllowed(domain.ActorFrom(ctx)) {
		return &graphql.Result{Errors: errIntrospection}, true
	}
	doc := d.ast
	if errs := badVariableText(doc, req.OperationName, req.Variables); errs != nil {
		return &graphql.Result{Errors: d.lines.locate(errs)}, true
	}
	if errs := badVariableTypes(&x.schema, doc, req.OperationName, req.Variables); errs != nil {
		return &graphql.Result{Errors: d.lines.locate(errs)}, true
	}
	ctx = withLoaders(ctx, x.r)
	res := graphql.Execute(graphql.ExecuteParams{
		Schema: x.schema, AST: doc, OperationName: req.OperationName, Args: req.Variables, Context: executionContext(ctx),
	})
	refused := res.Data == nil && len(res.Errors) > 0
	for _, e := range res.Errors {
		refused = refused && len(e.Path) == 0 // a resolver's error has a path, even when data is null
	}
	if refused {
		// Execution never started: the variables do not fit, or the operation is not found.
		badVariableFields(&x.schema, doc, req.OperationName, req.Variables, res.Errors)
		for i := range res.Errors {
			requestError(&res.Errors[i])
		}
	}
	res.Errors = withCodes(d.lines.locate(res.Errors))
	if stop := domain.Stopped(ctx); stop != nil {
		res.Errors = stoppedErrors(res.Errors, stop)
	}
	return res, refused
}

// WithDocumentMemo gives a request's context a place for its document, parsed and validated once
// for Costly, Operation and Run. A document longer than MaxCachedDocumentBytes is not kept in the
// document cache, and an HTTP request resolves its document up to three times (the lane it waits
// in, its idempotency, its execution): a document of a megabyte was parsed, measured and validated
// three times a request (round 20's leftover; session 26, attack). The memo lives as long as the
// request's context and holds the last document resolved in it.
func WithDocumentMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, docMemoKey{}, &docMemo{})
}

type docMemoKey struct{}

type docMemo struct {
	mu    sync.Mutex
	set   bool
	query string
	d     *document
	errs  []gqlerrors.FormattedError
}

// documentOf is document, through the request's memo when ctx has one (WithDocumentMemo).
func (x *Executor) documentOf(ctx context.Context, query string) (*document, []gqlerrors.FormattedError) {
	m, _ := ctx.Value(docMemoKey{}).(*docMemo)
	if m == nil {
		return x.document(query)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.set && m.query == query {
		return m.d, m.errs
	}
	d, errs := x.document(query)
	m.set, m.query, m.d, m.errs = true, query, d, errs
	return d, errs
}

// document parses a query, checks its structure and measures it against the limits before the
// costlier validation, validates it and caches the result.
func (x *Executor) document(query string) (*document, []gqlerrors.FormattedError) {
	if d, ok := x.docs.Get(query); ok {
		return d, nil
	}
	x.parses.Add(1)
	if errs := scanTokens(query); errs != nil {
		return nil, errs
	}
	src := source.NewSource(&source.Source{Body: []byte(query), Name: "GraphQL request"})
	doc, err := parser.Parse(parser.ParseParams{Source: src})
	if err != nil {
		errs := gqlerrors.FormatErrors(err)
		for i := range errs {
			errs[i].Message = syntaxMessage(errs[i].Message)
		}
		return nil, coded(errs, CodeParseFailed, "查询语法错误：")
	}
	lines := detachSource(src)
	if errs := checkStructure(doc, x.costly); errs != nil {
		return nil, errs
	}
	d := &document{ast: doc, shape: measure(&x.schema, doc), lines: lines}
	if errs := x.limits.check(d.shape); errs != nil {
		return nil, errs
	}
	if vr := graphql.ValidateDocument(&x.schema, doc, nil); !vr.IsValid {
		errs := lines.locate(vr.Errors)
		for i := range errs {
			errs[i].Message = withoutValues(errs[i].Message)
		}
		return nil, coded(errs, CodeValidationFailed, "查询未通过校验：")
	}
	if errs := badLiteralText(doc); errs != nil {
		return nil, lines.locate(errs)
	}
	if len(query) <= MaxCachedDocumentBytes {
		x.docs.Add(query, d)
	}
	return d, nil
}

// MaxCachedDocumentBytes is the longest document text the document cache and the persisted
// queries keep. Both hold 1,024 entries keyed or valued by the text, and a document that fits the
// limits may still be a megabyte long (comments are no tokens, 2,048 bytes a line): 400 distinct
// documents of 1 MB each, sent anonymously in under a minute, held 620 MB more in the API
// process, and 1,024 in each cache would have held 2 GB (attack round 20, session 25). The portal's
// longest document is about 2 KB, GraphiQL's introspection about 3 KB; a longer one is parsed and
// measured again at each request, as any document the first time.
const MaxCachedDocumentBytes = 64 << 10

// suggestion is graphql-go's hint after a name the schema does not have: ` Did you mean "complaint",
// "complaints", or "publicComplaints"?` (names hold no question mark).
var suggestion = regexp.MustCompile(` ?Did you mean [^?]*\?`)

// withoutSuggestions drops the names graphql-go suggests for a field, argument, type or enum value
// that does not exist, for callers refused introspection: in production the hints gave away the
// schema introspection closes, a few names a request (found by hand, session 12). The error still
// names what was not found.
func withoutSuggestions(errs []gqlerrors.FormattedError) []gqlerrors.FormattedError {
	for i := range errs {
		errs[i].Message = suggestion.ReplaceAllString(errs[i].Message, "")
		if zh, ok := errs[i].Extensions["messageZh"].(string); ok {
			errs[i].Extensions["messageZh"] = suggestion.ReplaceAllString(zh, "")
		}
	}
	return errs
}

// coded gives errors without a code the code and a Chinese message (zhPrefix and the English one:
// graphql-go's messages name the fields and types, which read the same in both).
func coded(errs []gqlerrors.FormattedError, code, zhPrefix string) []gqlerrors.FormattedError {
	for i := range errs {
		codeOne(&errs[i], code, zhPrefix)
	}
	return errs
}

func codeOne(e *gqlerrors.FormattedError, code, zhPrefix string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	if e.Extensions["code"] == nil {
		e.Extensions["code"] = code
	}
	if e.Extensions["messageZh"] == nil {
		e.Extensions["messageZh"] = zhPrefix + e.Message
	}
}

// requestError codes an error graphql-go raised before execution: a variable that does not fit its
// type is the client's input (BAD_USER_INPUT, with the field badVariableFields found); anything else
// (an unknown or missing operation name) is a request that cannot be validated.
func requestError(e *gqlerrors.FormattedError) {
	e.Message = capMessage(withoutValues(e.Message))
	if name, ok := variableOfError(e.Message); ok {
		codeOne(e, string(domain.CodeInvalid), "变量$"+name+"的值无效：")
		return
	}
	codeOne(e, CodeValidationFailed, "请求无效：")
}

// withoutValues drops the values graphql-go's message for a variable or an argument's literal
// that does not fit repeats: the whole value after "got invalid value" or "has invalid value"
// and the part at fault after "found" on each line. A
// filing with one field wrong came back with the debtor's name, ID number, mobile and the
// narrative in the error, twice (messageZh), into whatever keeps a client's errors (found by
// hand). What is left names the variable and the fields at fault and the types expected; lines
// of another form are dropped.
func withoutValues(m string) string {
	first, rest, _ := strings.Cut(m, "\n")
	if i := strings.Index(first, " got invalid value"); i >= 0 {
		first = first[:i] + " got an invalid value."
	} else if i := strings.Index(first, " has invalid value"); i >= 0 { // an argument's literal
		first = first[:i] + " has an invalid value."
	} else if strings.Contains(first, ", found ") {
		first, _, _ = strings.Cut(first, ", found ")
		first += "."
	}
	out := []string{first}
	for _, l := range strings.Split(rest, "\n") {
		if !strings.HasPrefix(l, "In ") && !strings.HasPrefix(l, "Expected ") {
			continue
		}
		if before, _, cut := strings.Cut(l, ", found "); cut {
			l = before + "."
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// maxRequestErrorBytes bounds the message of an error raised before execution. graphql-go's
// message for a variable that does not fit repeats the whole value and adds a line per element at
// fault: 380 KB of [{text: "hello"}] × 20,000 sent anonymously to analyzeMessages came back as
// 6.5 MB (found by hand), twice over with messageZh.
const maxRequestErrorBytes = 1000

// capMessage cuts a message longer than maxRequestErrorBytes at a character boundary, with "…".
func capMessage(m string) string {
	if len(m) <= maxRequestErrorBytes {
		return m
	}
	cut := maxRequestErrorBytes
	for cut > 0 && !utf8.RuneStart(m[cut]) {
		cut--
	}
	return m[:cut] + "…"
}

// maxSyntaxMessageBytes bounds the message of a syntax error.
const maxSyntaxMessageBytes = 200

// syntaxMessage is graphql-go's message for a syntax error without the document it quotes: the
// message went on with the line at fault and the lines around it, up to 2,048 bytes each, so a
// document of three long lines came back as 16 KB (messageZh repeating it) — and a filing sent with
// a typo came back with the debtor's data in it (found by hand, session 15). The line and column
// are in the message and in locations; the token at fault is named by its kind only (`found String`,
// not the string), and what is left is cut to maxSyntaxMessageBytes.
func syntaxMessage(m string) string {
	m, _, _ = strings.Cut(m, "\n")
	m, _, _ = strings.Cut(m, ` "`)
	if len(m) <= maxSyntaxMessageBytes {
		return m
	}
	cut := maxSyntaxMessageBytes
	for cut > 0 && !utf8.RuneStart(m[cut]) {
		cut--
	}
	return m[:cut] + "…"
}

func withCodes(errs []gqlerrors.FormattedError) []gqlerrors.FormattedError {
	for i := range errs {
		if errs[i].Extensions == nil || errs[i].Extensions["code"] == nil {
			if errs[i].Extensions == nil {
				errs[i].Extensions = map[string]any{}
			}
			errs[i].Extensions["code"] = string(domain.CodeInvalid)
			if errs[i].Extensions["messageZh"] == nil {
				errs[i].Extensions["messageZh"] = "请求无效：" + errs[i].Message
			}
		}
	}
	return errs
}

type resolvers struct {
	Deps
	workbenchMutations graphql.Fields // built with the queries (workbench.go)
	calendarMutations  graphql.Fields // built with the queries (deadline.go)
	reassessMutations  graphql.Fields // built with the queries (reassess.go)
	// costlyMarks are the fields marked costly where they are defined (costly.go); New turns
	// them into the executor's costly root fields.
	costlyMarks map[*graphql.Field]costTest
}

// resolve wraps a resolver so that every error it returns is mapped to a client error.
func resolve(fn func(p graphql.ResolveParams) (any, error)) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		v, err := fn(p)
		if err != nil {
			return nil, toClientError(p.Context, err)
		}
		return v, nil
	}
}

func enum(name, desc string, values ...string) *graphql.Enum {
	vals := graphql.EnumValueConfigMap{}
	for _, v := range values {
		vals[v] = &graphql.EnumValueConfig{Value: v}
	}
	return graphql.NewEnum(graphql.EnumConfig{Name: name, Description: desc, Values: vals})
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// parseID reads an optional id argument: "" is 0, anything but a positive integer is bad input
// on field, explained by en and zh.
func parseID(s, field, en, zh string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Invalid(field, en, zh)
	}
	return id, nil
}

func argString(p graphql.ResolveParams, name string) string {
	s, _ := p.Args[name].(string)
	return s
}

func argInt(p graphql.ResolveParams, name string, def int) int {
	if v, ok := p.Args[name].(int); ok {
		return v
	}
	return def
}

// searchPageArgs are the arguments of a list found by a search text: search, and the paging
// arguments argPage reads (first, 20 when not given, and after).
func searchPageArgs() graphql.FieldConfigArgument {
	return graphql.FieldConfigArgument{
		"search": {Type: graphql.String},
		"first":  {Type: graphql.Int, DefaultValue: 20},
		"after":  {Type: graphql.String},
	}
}

// argPage reads a list's paging arguments: the page size first, 1 to 100 (20 when not given), and
// the cursor after. Every list refuses 0, a negative size and more than 100 alike (BAD_USER_INPUT
// on first) rather than serving another page size.
func argPage(p graphql.ResolveParams) (domain.Page, error) {
	first := argInt(p, "first", 20)
	if first < 1 || first > 100 {
		return domain.Page{}, domain.Invalid("first", "first must be between 1 and 100", "每页须为1至100条")
	}
	return domain.Page{First: first, After: argString(p, "after")}, nil
}

func timeString(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

func merge(fs ...graphql.Fields) graphql.Fields {
	out := graphql.Fields{}
	for _, f := range fs {
		for k, v := range f {
			out[k] = v
		}
	}
	return out
}

// queries lists every query; each concept's file contributes its fields here.
func (r *resolvers) queries(t *types) graphql.Fields {
	wq, wm := r.workbenchFields(t)
	r.workbenchMutations = wm
	rq, rm := r.reassessFields(t)
	r.reassessMutations = rm
	return merge(rq, r.accountQueries(t), r.complaintQueries(t), r.institutionQueries(t), r.evidenceQueries(t), r.notificationQueries(t), r.analysisQueries(t), r.triageQueries(t), r.accessQueries(t),
		r.institutionUserQueries(t), r.deadlineQueries(t), r.deadlinePolicyQueries(t), r.statsQueries(t), r.publicQueries(t), wq)
}

// mutations lists every mutation; each concept's file contributes its fields here.
func (r *resolvers) mutations(t *types) graphql.Fields {
	return merge(r.accountMutations(t), r.complaintMutations(t), r.evidenceMutations(t), r.lifecycleMutations(t), r.notificationMutations(t), r.triageMutations(t),
		r.personalDataMutations(t),
		r.accessMutations(t), r.institutionMutations(t), r.institutionUserMutations(t),
		r.deadlineMutations(t), r.statsMutations(t), r.workbenchMutations, r.calendarMutations, r.reassessMutations)
}
