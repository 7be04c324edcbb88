package graph

import (
	"sort"
	"strconv"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/lexer"
	"github.com/graphql-go/graphql/language/location"
	"github.com/graphql-go/graphql/language/source"
)

// graphql-go's parser and validation rules recurse over the document without bounds of their own:
// a fragment that spreads itself sends OverlappingFieldsCanBeMerged into unbounded recursion (a
// fatal stack overflow kills the process, not just the request), nested brackets recurse in the
// parser, and fragments spreading fragments multiply the work of every rule that follows them.
// So a document passes two structural checks before anything else looks at it:
//
//   - scanTokens, on the text before parsing: how long a line is, how many tokens, and how deeply
//     brackets nest;
//   - checkStructure, on the parsed document before the limits measure it and before validation:
//     no fragment cycle (direct, indirect, or through inline fragments and nested fields), no
//     spread of an unknown fragment, at most so many fragments, directives and operations, and at
//     most so many selections once every fragment spread is expanded.
//
// graphql-go's error reporting is superlinear too, and so is bounded here: a syntax error's message
// quotes its line with a caret built one space at a time (quadratic in the column: a stray byte at
// column 35,000 cost a second), hence the bound on a line's length; and every located error rescans
// the whole document for line breaks (errors × length: 3,000 unknown arguments cost 15 s), hence
// the line index each parsed document keeps (locator below).
//
// Both refuse with QUERY_TOO_COMPLEX (sizes) or GRAPHQL_VALIDATION_FAILED (cycles, unknown
// fragments), each with a Chinese message.

// The structural bounds of a document. The largest document the web app or GraphiQL sends (the full
// introspection query) has about 200 tokens, 10 levels of brackets and 70 expanded selections.
const (
	maxTokens             = 10000
	maxNesting            = 50
	maxFragments          = 100
	maxDirectives         = 50
	maxOperations         = 20
	maxExpandedSelections = 2000
	// maxLineBytes bounds a line of the document. A one-line document is fine (a curl user's); a
	// line as long as the body limit would make a syntax error's message cost seconds.
	maxLineBytes = 2048
)

// The error codes of documents refused before or during validation.
const (
	CodeParseFailed      = "GRAPHQL_PARSE_FAILED"
	CodeValidationFailed = "GRAPHQL_VALIDATION_FAILED"
)

func structureError(code, en, zh string, ext map[string]any) []gqlerrors.FormattedError {
	if ext == nil {
		ext = map[string]any{}
	}
	return limitError(code, en, zh, ext)
}

func tooLarge(what, zhWhat string, limit int) []gqlerrors.FormattedError {
	return structureError(CodeQueryTooComplex, "the document has more "+what+" than the "+strconv.Itoa(limit)+" allowed",
		"查询文档的"+zhWhat+"超过上限"+strconv.Itoa(limit), map[string]any{"limit": limit, "counted": what})
}

// scanTokens lexes the text once, counting tokens and bracket nesting, and stops at the first bound
// passed. A lexical error is left to the parser, which reports it with its position.
func scanTokens(query string) []gqlerrors.FormattedError {
	line := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '\n' || query[i] == '\r' {
			line = 0
		} else if line++; line > maxLineBytes {
			return structureError(CodeQueryTooComplex, "a line of the document is longer than the "+strconv.Itoa(maxLineBytes)+" bytes allowed: break it",
				"查询文档的单行长度超过上限"+strconv.Itoa(maxLineBytes)+"字节，请换行", map[string]any{"limit": maxLineBytes, "counted": "bytes in one line"})
		}
	}
	next := lexer.Lex(source.NewSource(&source.Source{Body: []byte(query), Name: "GraphQL request"}))
	nesting := 0
	for n := 0; ; n++ {
		tok, err := next(0)
		if err != nil || tok.Kind == lexer.EOF {
			return nil
		}
		if n >= maxTokens {
			return tooLarge("tokens", "词法单元数", maxTokens)
		}
		switch tok.Kind {
		case lexer.BRACE_L, lexer.BRACKET_L, lexer.PAREN_L:
			if nesting++; nesting > maxNesting {
				return tooLarge("levels of nested brackets", "括号嵌套层数", maxNesting)
			}
		case lexer.BRACE_R, lexer.BRACKET_R, lexer.PAREN_R:
			nesting--
		}
	}
}

// checkStructure refuses a parsed document that the limits could not measure soundly.
func checkStructure(doc *ast.Document, costly map[string]costTest) []gqlerrors.FormattedError {
	fragments := map[string]*ast.FragmentDefinition{}
	operations, directives, definitions := 0, 0, 0
	for _, d := range doc.Definitions {
		switch d := d.(type) {
		case *ast.FragmentDefinition:
			definitions++
			if d.Name != nil {
				fragments[d.Name.Value] = d
			}
			directives += len(d.Directives)
		case *ast.OperationDefinition:
			operations++
			directives += len(d.Directives)
			for _, v := range d.VariableDefinitions {
				if !wellFormedType(v.Type) {
					name := ""
					if v.Variable != nil && v.Variable.Name != nil {
						name = v.Variable.Name.Value
					}
					return structureError(CodeParseFailed, "the type of variable $"+name+" is missing or malformed",
						"变量$"+name+"的类型缺失或格式错误", map[string]any{"variable": name})
				}
			}
		default:
			// Type system definitions parse (with gaps the validator trips over), but a request
			// may hold only operations and fragments (the ExecutableDefinitions rule).
			return structureError(CodeValidationFailed, "a request holds only operations and fragments",
				"请求中只能包含操作和片段定义", nil)
		}
	}
	if definitions > maxFragments {
		return tooLarge("fragments", "片段数", maxFragments)
	}
	if operations > maxOperations {
		return tooLarge("operations", "操作数", maxOperations)
	}
	c := structure{fragments: fragments, state: map[string]int{}, size: map[string]int{}}
	total := 0
	for _, d := range doc.Definitions {
		switch d := d.(type) {
		case *ast.OperationDefinition:
			total = saturate(total + c.selections(d.SelectionSet))
		case *ast.FragmentDefinition:
			// Also the fragments no operation uses: validation visits them too. Memoized, so a
			// fragment is walked once however often it is spread.
			total = saturate(total + c.spread(&ast.FragmentSpread{Name: d.Name}))
		}
		if c.err != nil {
			return c.err
		}
	}
	if directives+c.directives > maxDirectives {
		return tooLarge("directives", "指令数", maxDirectives)
	}
	if total > maxExpandedSelections {
		return tooLarge("selections (with every fragment spread expanded)", "展开片段后的选择数", maxExpandedSelections)
	}
	for _, d := range doc.Definitions {
		if op, ok := d.(*ast.OperationDefinition); ok {
			if errs := checkRootFields(op, fragments, costly); errs != nil {
				return errs
			}
		}
	}
	return nil
}

// Bounds on the fields at the top of one operation (aliases included, fragments expanded). Each
// root field is a resolver that goes to the database on its own, and the request limits count
// requests: one anonymous request with 200 aliased publicComplaints counts cost 200 of them, and
// 50 aliased register mutations took 12 s of argon2id and mailed 50 addresses (found by hand). The
// portal sends at most 4 root fields and one mutation at a time.
const (
	maxRootFields     = 20
	maxMutationFields = 5
	// maxCostlyRootFields bounds the costly reads (costlyFields but the text search of complaints,
	// which its length bounds) in one operation: 20 aliased publicFigures took 6.7 s of one
	// anonymous request on 20,000 complaints, 20 statistics 16.7 s (session 12, found by hand).
	// The analyst's dashboard sends 3 at once.
	maxCostlyRootFields = 4
)

// credentialMutations hash a password or mail an address the caller chose: one per request, so the
// sign-in lockout, the reset limits and the request limits count each.
var credentialMutations = map[string]bool{
	"login": true, "register": true, "changePassword": true, "resetPassword": true, "acceptInvitation": true, "createUser": true,
	"requestPasswordReset": true, "inviteInstitutionUser": true, "resendInstitutionInvitation": true,
}

// nameOf is a field's name, "" when it has none.
func nameOf(f *ast.Field) string {
	if f.Name == nil {
		return ""
	}
	return f.Name.Value
}

// checkRootFields refuses an operation with more root fields than allowed. It runs after the
// fragment graph was found free of cycles.
func checkRootFields(op *ast.OperationDefinition, fragments map[string]*ast.FragmentDefinition, costlyFields map[string]costTest) []gqlerrors.FormattedError {
	roots, credentials, costly := 0, 0, 0
	var walk func(set *ast.SelectionSet)
	walk = func(set *ast.SelectionSet) {
		if set == nil {
			return
		}
		for _, sel := range set.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				roots++
				if s.Name != nil && credentialMutations[s.Name.Value] {
					credentials++
				}
				if _, ok := costlyFields[nameOf(s)]; ok && nameOf(s) != "complaints" {
					costly++
				}
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				if s.Name != nil && fragments[s.Name.Value] != nil {
					walk(fragments[s.Name.Value].SelectionSet)
				}
			}
		}
	}
	walk(op.SelectionSet)
	if op.Operation == ast.OperationTypeMutation {
		if roots > maxMutationFields {
			return tooLarge("mutations in one operation", "单个操作中的变更数", maxMutationFields)
		}
		if credentials > 1 {
			return tooLarge("sign-in, registration, password or invitation mutations (send each in a request of its own)",
				"登录、注册、密码或邀请类变更数（请每个单独发送）", 1)
		}
	}
	if roots > maxRootFields {
		return tooLarge("fields at the top of one operation", "单个操作的顶层字段数", maxRootFields)
	}
	if costly > maxCostlyRootFields {
		return tooLarge("statistics, public-data or analysis fields in one operation (send the others in requests of their own)",
			"单个操作中的统计、公开数据或分析类字段数（其余请分别发送）", maxCostlyRootFields)
	}
	return nil
}

// structure walks the fragment graph depth first. state marks a fragment being expanded (1) or done
// (2): meeting a fragment being expanded is a cycle. size memoizes the selections of a fragment once
// expanded, so a fragment spread many times is walked once, and sizes saturate instead of growing
// without bound.
type structure struct {
	fragments  map[string]*ast.FragmentDefinition
	state      map[string]int
	size       map[string]int
	path       []string
	directives int // counted once per selection in the text, not per expansion
	err        []gqlerrors.FormattedError
}

const saturated = 1 << 30

func saturate(n int) int { return min(n, saturated) }

func (c *structure) selections(set *ast.SelectionSet) int {
	if set == nil || c.err != nil {
		return 0
	}
	n := 0
	for _, sel := range set.Selections {
		n = saturate(n + 1)
		switch s := sel.(type) {
		case *ast.Field:
			c.directives += len(s.Directives)
			n = saturate(n + c.selections(s.SelectionSet))
		case *ast.InlineFragment:
			c.directives += len(s.Directives)
			n = saturate(n + c.selections(s.SelectionSet))
		case *ast.FragmentSpread:
			c.directives += len(s.Directives)
			n = saturate(n + c.spread(s))
		}
		if c.err != nil {
			return 0
		}
	}
	return n
}

// spread returns the expanded size of the fragment a spread names.
func (c *structure) spread(s *ast.FragmentSpread) int {
	if s.Name == nil {
		return 0
	}
	name := s.Name.Value
	f := c.fragments[name]
	if f == nil {
		c.err = structureError(CodeValidationFailed, `unknown fragment "`+name+`"`, "未知片段“"+name+"”", map[string]any{"fragment": name})
		return 0
	}
	switch c.state[name] {
	case 2:
		return c.size[name]
	case 1:
		cycle := name
		for i := len(c.path) - 1; i >= 0 && c.path[i] != name; i-- {
			cycle = c.path[i] + " → " + cycle
		}
		cycle = name + " → " + cycle
		c.err = structureError(CodeValidationFailed, `fragment "`+name+`" spreads itself (`+cycle+`): fragments must not form cycles`,
			"片段“"+name+"”循环引用自身（"+cycle+"）", map[string]any{"fragment": name})
		return 0
	}
	c.state[name] = 1
	c.path = append(c.path, name)
	n := c.selections(f.SelectionSet)
	c.path = c.path[:len(c.path)-1]
	c.state[name], c.size[name] = 2, n
	return n
}

// locator gives errors raised after parsing their line and column from an index of the line starts
// built once per document. graphql-go locates an error by matching a regular expression over the
// whole document for every error; with the parsed document's source emptied (detachSource), it
// reports line 1 and the byte offset as the column, which locate maps back.
type locator []int

// detachSource empties the source every node of doc points at and returns the index of its lines.
func detachSource(src *source.Source) locator {
	starts := locator{0}
	for i := 0; i < len(src.Body); i++ {
		switch src.Body[i] {
		case '\r':
			if i+1 < len(src.Body) && src.Body[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		case '\n':
			starts = append(starts, i+1)
		}
	}
	src.Body = nil
	return starts
}

// locate rewrites the locations of errors raised on the detached document.
func (l locator) locate(errs []gqlerrors.FormattedError) []gqlerrors.FormattedError {
	for i := range errs {
		for j, loc := range errs[i].Locations {
			if loc.Line != 1 {
				continue
			}
			pos := loc.Column - 1
			line := sort.Search(len(l), func(k int) bool { return l[k] > pos }) // the first line starting after pos
			if line > 0 {
				errs[i].Locations[j] = location.SourceLocation{Line: line, Column: pos - l[line-1] + 1}
			}
		}
	}
	return errs
}

// wellFormedType reports whether a variable's type is whole: graphql-go's parser accepts
// `($a:)`, `($a: ])` and `($a: !)`, leaving nil types that validation dereferences.
func wellFormedType(t ast.Type) bool {
	switch t := t.(type) {
	case *ast.Named:
		return t != nil && t.Name != nil
	case *ast.List:
		return t != nil && wellFormedType(t.Type)
	case *ast.NonNull:
		if t == nil {
			return false
		}
		_, nested := t.Type.(*ast.NonNull)
		return !nested && wellFormedType(t.Type)
	}
	return false
}
