package graph

import (
	"strconv"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/redline-regulator/redline/domain"
)

// QueryLimits bound what one GraphQL document may ask for. They are computed on the parsed document
// before it is validated or run, and cached with it.
type QueryLimits struct {
	// MaxDepth is the deepest selection allowed (a top-level field is depth 1). 0 means DefaultMaxDepth.
	MaxDepth int
	// MaxComplexity bounds the fields a document may resolve: every field costs 1, and what is
	// selected inside a paged field counts once per item it may return (its first argument; 100 when
	// first is a variable). 0 means DefaultMaxComplexity.
	MaxComplexity int
	// StaffIntrospection allows schema introspection (__schema, __type) only to the regulator's staff
	// and analysts; production turns it on.
	StaffIntrospection bool
}

// The default limits: deep enough for every documented operation and the web app, shallow enough
// that nested lists cannot multiply into millions of fields.
const (
	DefaultMaxDepth      = 10
	DefaultMaxComplexity = 5000
	// maxIntrospectionDepth bounds the nesting below __schema or __type: GraphiQL's introspection
	// query needs 12 (types, fields, args, type and seven levels of ofType).
	maxIntrospectionDepth = 13
	// maxIntrospectionLists is how deeply fields, inputFields, interfaces and possibleTypes may nest
	// inside each other (graphql-js allows two).
	maxIntrospectionLists = 2
	// maxIntrospectionRoots is how many __schema and __type fields one document may select.
	maxIntrospectionRoots = 5
	// variablePageSize is the page size assumed for a first argument given as a variable: the
	// largest page any list allows.
	variablePageSize = 100
	// maxFieldAliases is how many times one field may be selected under one parent below the root,
	// under distinct aliases: each selection resolves again (a nested list is a query of its own,
	// and the complexity counts it as one field), so 900 aliases of Complaint.links made one
	// request of 1,800 queries. The portal selects a field at most twice.
	maxFieldAliases = 10
)

// The error codes of documents over the limits.
const (
	CodeQueryTooDeep    = "QUERY_TOO_DEEP"
	CodeQueryTooComplex = "QUERY_TOO_COMPLEX"
)

// shape is what the limits need to know of a document.
type shape struct {
	depth, complexity int
	introspects       bool // selects __schema or __type
	// introspectionDepth is the deepest introspection selection counted from its __schema or
	// __type field (1); introspectionLists the deepest nesting of introspectionLists;
	// introspectionRoots how many __schema and __type fields the document selects.
	introspectionDepth, introspectionLists, introspectionRoots int
	// aliases is the most times one field is selected under one parent below the root (under
	// distinct aliases, fragments merged), and aliased the field's name.
	aliases int
	aliased string
}

// measure computes a document's depth and complexity over all its operations, following fragments.
// Introspection selections cost like any other field (who may introspect is governed by
// StaffIntrospection); their depth is bounded separately (see introspection). __typename is free.
func measure(schema *graphql.Schema, doc *ast.Document) shape {
	m := measurer{schema: schema, fragments: map[string]*ast.FragmentDefinition{}}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			m.fragments[f.Name.Value] = f
		}
	}
	var s shape
	for _, d := range doc.Definitions {
		op, ok := d.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		var root graphql.Type = schema.QueryType()
		if op.Operation == ast.OperationTypeMutation {
			root = schema.MutationType()
		}
		depth, cost := m.selections(op.SelectionSet, root, 1, map[string]bool{}, nil)
		s.depth, s.complexity = max(s.depth, depth), s.complexity+cost
	}
	s.introspects = m.introspects
	s.introspectionDepth, s.introspectionLists, s.introspectionRoots = m.introspectionDepth, m.maxListNesting, m.introspectionRoots
	s.aliases, s.aliased = m.aliases, m.aliased
	return s
}

type measurer struct {
	schema      *graphql.Schema
	fragments   map[string]*ast.FragmentDefinition
	introspects bool
	// inIntrospection is set below a __schema or __type field; listNesting counts the
	// introspectionLists open above the current field.
	inIntrospection                        bool
	listNesting, maxListNesting            int
	introspectionRoots, introspectionDepth int
	aliases                                int
	aliased                                string
}

// selections returns the depth below and including level, and the cost, of a selection set on
// parent. seen guards against fragment cycles (validation refuses them, but measuring runs first).
//
// keys holds, for the field's selection set this one belongs to (fragments merge into it), the
// response keys under which each field is selected; nil starts a new set.
func (m *measurer) selections(set *ast.SelectionSet, parent graphql.Type, level int, seen map[string]bool, keys map[string]map[string]bool) (depth, cost int) {
	if set == nil {
		return level - 1, 0
	}
	if keys == nil {
		keys = map[string]map[string]bool{}
	}
	depth = level - 1
	for _, sel := range set.Selections {
		var d, c int
		switch s := sel.(type) {
		case *ast.Field:
			if level > 1 && s.Name.Value != "__typename" {
				m.countKey(keys, s)
			}
			d, c = m.field(s, parent, level, seen)
		case *ast.InlineFragment:
			t := parent
			if s.TypeCondition != nil && s.TypeCondition.Name != nil {
				if named := m.schema.Type(s.TypeCondition.Name.Value); named != nil {
					t = named
				}
			}
			d, c = m.selections(s.SelectionSet, t, level, seen, keys)
		case *ast.FragmentSpread:
			name := s.Name.Value
			f := m.fragments[name]
			if f == nil || seen[name] {
				continue
			}
			seen[name] = true
			t := parent
			if f.TypeCondition != nil && f.TypeCondition.Name != nil {
				if named := m.schema.Type(f.TypeCondition.Name.Value); named != nil {
					t = named
				}
			}
			d, c = m.selections(f.SelectionSet, t, level, seen, keys)
			delete(seen, name)
		}
		depth, cost = max(depth, d), cost+c
	}
	return depth, cost
}

func (m *measurer) field(f *ast.Field, parent graphql.Type, level int, seen map[string]bool) (depth, cost int) {
	name := f.Name.Value
	switch name {
	case "__typename":
		return level, 0
	case "__schema", "__type":
		return m.introspection(f, level, seen)
	}
	var def *graphql.FieldDefinition
	var parentName string
	switch p := graphql.GetNamed(parent).(type) {
	case *graphql.Object:
		def, parentName = p.Fields()[name], p.Name()
	case *graphql.Interface:
		def, parentName = p.Fields()[name], p.Name()
	}
	var child graphql.Type
	per := 1
	if def != nil {
		child = def.Type
		per = pageSize(f, def)
		if n := boundedLists[parentName+"."+name]; n > 0 {
			per = n
		}
	}
	if m.inIntrospection && introspectionLists[name] {
		m.listNesting++
		defer func() { m.listNesting-- }()
		m.maxListNesting = max(m.maxListNesting, m.listNesting)
	}
	d, c := m.selections(f.SelectionSet, child, level+1, seen, nil)
	if w := heavyFields[parentName+"."+name]; w > 0 {
		return max(level, d), w
	}
	return max(level, d), 1 + per*c
}

// heavyFields are scalar fields whose value is large, by parent type and field, with what each
// counts for: RulePack.document is a whole rule pack (about 640 KB of JSON) and public, and counted
// as one field an anonymous request of twenty aliases of rulePacks { document } made an 18 MB answer
// and held the API for 6 s (attack round 20, session 25). At 2,000 a request reads at most two
// documents (the admin page reads one).
var heavyFields = map[string]int{"RulePack.document": 2000}

// countKey records that field f is selected under its response key in a selection set.
func (m *measurer) countKey(keys map[string]map[string]bool, f *ast.Field) {
	name, key := f.Name.Value, f.Name.Value
	if f.Alias != nil {
		key = f.Alias.Value
	}
	if keys[name] == nil {
		keys[name] = map[string]bool{}
	}
	keys[name][key] = true
	if n := len(keys[name]); n > m.aliases {
		m.aliases, m.aliased = n, name
	}
}

// introspectionLists are the fields of the introspection types whose lists can nest inside each
// other (a type's fields' types' fields...): each level multiplies the answer by the size of the
// schema. graphql-js refuses three levels (MaxIntrospectionDepthRule); so do the limits.
var introspectionLists = map[string]bool{"fields": true, "inputFields": true, "interfaces": true, "possibleTypes": true}

// introspection measures a __schema or __type selection on the introspection types. Its fields cost
// like any other; its depth is counted from the __schema or __type field on its own bound, since the
// standard introspection query (GraphiQL's) nests ofType seven levels to unwrap a field's type.
func (m *measurer) introspection(f *ast.Field, level int, seen map[string]bool) (depth, cost int) {
	m.introspects = true
	m.introspectionRoots++
	def := graphql.SchemaMetaFieldDef
	if f.Name.Value == "__type" {
		def = graphql.TypeMetaFieldDef
	}
	outer := m.inIntrospection
	m.inIntrospection = true
	d, c := m.selections(f.SelectionSet, def.Type, 2, seen, nil)
	m.inIntrospection = outer
	m.introspectionDepth = max(m.introspectionDepth, d)
	return level, 1 + c
}

// boundedLists are list fields without a first argument whose every item is an object resolved on
// its own (a query each) and may select the same list again, by parent type and field: they count
// once per item they may return, as a paged field does. Complaint.likelyDuplicates lists
// complaints, each with its own likelyDuplicates: counted as one field, a reviewer's query nesting
// it five levels under 30 complaints passed the limits at 160 fields and made 30 × 20⁵ lookups on a
// debtor with 21 complaints (38 s and a 3.5 MB answer; six levels held the server 2 minutes; attack
// round 19).
//
// Query.rulePacks lists the pack in force of each jurisdiction (two).
var boundedLists = map[string]int{"Complaint.likelyDuplicates": domain.MaxLikelyDuplicates, "Query.rulePacks": 2}

// pageSize is how many items a field may return, as far as its first argument says.
func pageSize(f *ast.Field, def *graphql.FieldDefinition) int {
	var arg *graphql.Argument
	for _, a := range def.Args {
		if a.Name() == "first" {
			arg = a
		}
	}
	if arg == nil {
		return 1
	}
	for _, a := range f.Arguments {
		if a.Name == nil || a.Name.Value != "first" {
			continue
		}
		switch v := a.Value.(type) {
		case *ast.IntValue:
			if n, err := strconv.Atoi(v.Value); err == nil && n > 0 {
				return min(n, 1000)
			}
			return 1
		case *ast.Variable:
			return variablePageSize
		}
	}
	if n, ok := arg.DefaultValue.(int); ok && n > 0 {
		return n
	}
	return variablePageSize
}

// check refuses a document over the limits.
func (l QueryLimits) check(s shape) []gqlerrors.FormattedError {
	maxDepth, maxCost := l.MaxDepth, l.MaxComplexity
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	if maxCost <= 0 {
		maxCost = DefaultMaxComplexity
	}
	switch {
	case s.depth > maxDepth:
		return limitError(CodeQueryTooDeep, "the query is nested "+strconv.Itoa(s.depth)+" levels deep; at most "+strconv.Itoa(maxDepth)+" are allowed",
			"查询嵌套"+strconv.Itoa(s.depth)+"层，最多允许"+strconv.Itoa(maxDepth)+"层", map[string]any{"depth": s.depth, "maxDepth": maxDepth})
	case s.complexity > maxCost:
		return limitError(CodeQueryTooComplex, "the query may resolve "+strconv.Itoa(s.complexity)+" fields; at most "+strconv.Itoa(maxCost)+
			" are allowed: ask for smaller pages or fewer fields", "查询过于复杂（"+strconv.Itoa(s.complexity)+"），上限为"+strconv.Itoa(maxCost)+
			"：请减少每页条数或字段", map[string]any{"complexity": s.complexity, "maxComplexity": maxCost})
	case s.aliases > maxFieldAliases:
		return limitError(CodeQueryTooComplex, "the field "+strconv.Quote(s.aliased)+" is selected "+strconv.Itoa(s.aliases)+
			" times in one selection (under different aliases); at most "+strconv.Itoa(maxFieldAliases)+" are allowed",
			"字段"+s.aliased+"在同一层被（以不同别名）选择了"+strconv.Itoa(s.aliases)+"次，上限为"+strconv.Itoa(maxFieldAliases)+"次",
			map[string]any{"selection": s.aliased, "count": s.aliases, "max": maxFieldAliases})
	case s.introspectionDepth > maxIntrospectionDepth:
		return limitError(CodeQueryTooDeep, "the introspection is nested "+strconv.Itoa(s.introspectionDepth)+" levels deep; at most "+strconv.Itoa(maxIntrospectionDepth)+" are allowed",
			"接口结构查询嵌套"+strconv.Itoa(s.introspectionDepth)+"层，最多允许"+strconv.Itoa(maxIntrospectionDepth)+"层", map[string]any{"depth": s.introspectionDepth, "maxDepth": maxIntrospectionDepth})
	case s.introspectionLists > maxIntrospectionLists:
		return limitError(CodeQueryTooComplex, "the introspection nests fields, inputFields, interfaces or possibleTypes "+strconv.Itoa(s.introspectionLists)+
			" levels deep; at most "+strconv.Itoa(maxIntrospectionLists)+" are allowed", "接口结构查询的列表字段嵌套"+strconv.Itoa(s.introspectionLists)+
			"层，最多允许"+strconv.Itoa(maxIntrospectionLists)+"层", map[string]any{"nesting": s.introspectionLists, "maxNesting": maxIntrospectionLists})
	case s.introspectionRoots > maxIntrospectionRoots:
		return limitError(CodeQueryTooComplex, "the document selects __schema or __type "+strconv.Itoa(s.introspectionRoots)+" times; at most "+strconv.Itoa(maxIntrospectionRoots)+" are allowed",
			"接口结构查询次数过多（"+strconv.Itoa(s.introspectionRoots)+"），上限为"+strconv.Itoa(maxIntrospectionRoots), map[string]any{"count": s.introspectionRoots, "max": maxIntrospectionRoots})
	}
	return nil
}

func limitError(code, en, zh string, ext map[string]any) []gqlerrors.FormattedError {
	ext["code"], ext["messageZh"] = code, zh
	return []gqlerrors.FormattedError{{Message: en, Extensions: ext}}
}

// introspectionAllowed says whether the actor may introspect the schema.
func (l QueryLimits) introspectionAllowed(a domain.Actor) bool {
	return !l.StaffIntrospection || a.Role.IsStaff() || a.Role == domain.RoleAnalyst
}

var errIntrospection = []gqlerrors.FormattedError{{
	Message:    "schema introspection is for the regulator's staff; see docs/OPERATIONS.md for the operations",
	Extensions: map[string]any{"code": string(domain.CodeForbidden), "messageZh": "仅监管机构工作人员可查询接口结构"},
}}
