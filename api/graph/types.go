package graph

import (
	"strconv"
	"sync"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// types holds the schema's shared object, enum and input types.
type types struct {
	status, relation, product, priority, violation, role, kind, jurisdiction *graphql.Enum

	complaint, complaintEvent, complaintConnection, institution, user, authPayload, violationInfo *graphql.Object
	institutionConnection, pageInfo                                                               *graphql.Object

	fileComplaintInput, complaintFilter *graphql.InputObject

	// rulePack and legalReference are built by analysisQueries and reused by the triage fields.
	rulePack, legalReference *graphql.Object
	routingTable             *graphql.Object
	routingTableInput        *graphql.InputObject // validateRoutingTable and updateRoutingTable (triage.go)

	access *accessTypes // role bindings and the admin audit log (access.go)
	// institutionUser is a user of an institution as its admin sees them (institution_users.go).
	institutionUser *graphql.Object
}

// of builds a field resolved from a typed source.
func of[S any](t graphql.Output, desc string, fn func(s S) any) *graphql.Field {
	return &graphql.Field{Type: t, Description: desc, Resolve: func(p graphql.ResolveParams) (any, error) {
		s, ok := p.Source.(S)
		if !ok {
			return nil, nil
		}
		return fn(s), nil
	}}
}

func id64(v int64) any {
	if v == 0 {
		return nil
	}
	return strconv.FormatInt(v, 10)
}

func newTypes(r *resolvers) *types {
	t := &types{
		status:       enum("ComplaintStatus", "Where a complaint stands in its life.", strs(domain.Statuses)...),
		relation:     enum("Relation", "How the complainant stands to the debtor.", strs(domain.Relations)...),
		product:      enum("Product", "The kind of credit the debt comes from.", strs(domain.Products)...),
		priority:     enum("Priority", "Triage priority.", "URGENT", "HIGH", "NORMAL"),
		role:         enum("Role", "What a user does on the platform.", strs(domain.Roles)...),
		kind:         enum("InstitutionKind", "Kind of financial institution.", strs(domain.InstitutionKinds)...),
		jurisdiction: enum("Jurisdiction", "Whose law a rule pack applies.", "CN", "US"),
		pageInfo: graphql.NewObject(graphql.ObjectConfig{Name: "PageInfo", Fields: graphql.Fields{
			"hasNextPage": &graphql.Field{Type: graphql.NewNonNull(graphql.Boolean)},
			"endCursor":   &graphql.Field{Type: graphql.String},
		}}),
	}
	vt := make([]domain.ViolationType, len(domain.ViolationTypes))
	for i, v := range domain.ViolationTypes {
		vt[i] = v.Type
	}
	t.violation = enum("ViolationType", "A kind of abusive collection.", strs(vt)...)

	t.institution = graphql.NewObject(graphql.ObjectConfig{Name: "Institution", Description: "A lender or a collection agency.",
		Fields: graphql.Fields{
			"id":      of(graphql.NewNonNull(graphql.ID), "", func(i *domain.Institution) any { return id64(i.ID) }),
			"name":    of(graphql.NewNonNull(graphql.String), "Legal name.", func(i *domain.Institution) any { return i.Name }),
			"nameEn":  of(graphql.String, "The English name; null when not given (show the Chinese one).", func(i *domain.Institution) any { return nonEmpty(i.NameEn) }),
			"kind":    of(graphql.NewNonNull(t.kind), "", func(i *domain.Institution) any { return string(i.Kind) }),
			"aliases": of(graphql.NewList(graphql.NewNonNull(graphql.String)), "Brand and app names.", func(i *domain.Institution) any { return i.Aliases }),
		}})
	t.institutionConnection = t.connection("Institution", t.institution)

	t.user = graphql.NewObject(graphql.ObjectConfig{Name: "User", Fields: graphql.Fields{
		"id":          of(graphql.NewNonNull(graphql.ID), "", func(u *domain.User) any { return id64(u.ID) }),
		"email":       of(graphql.NewNonNull(graphql.String), "", func(u *domain.User) any { return u.Email }),
		"displayName": of(graphql.NewNonNull(graphql.String), "", func(u *domain.User) any { return u.DisplayName }),
		"role": of(t.role, "The role the user acts as (the highest of their role bindings); null when they hold none.", func(u *domain.User) any {
			if u.Role == "" {
				return nil
			}
			return string(u.Role)
		}),
		"institutionId": of(graphql.ID, "For institution users.", func(u *domain.User) any { return id64(u.InstitutionID) }),
		"teams":         of(graphql.NewList(graphql.NewNonNull(graphql.String)), "For regulator staff.", func(u *domain.User) any { return u.Teams }),
		"mustChangePassword": of(graphql.NewNonNull(graphql.Boolean),
			"The account still has the first password an administrator gave it: until changePassword replaces it, every other operation is refused (FORBIDDEN, reason PASSWORD_CHANGE_REQUIRED).",
			func(u *domain.User) any { return u.MustChangePassword }),
	}})
	t.authPayload = graphql.NewObject(graphql.ObjectConfig{Name: "AuthPayload", Fields: graphql.Fields{
		"token":     &graphql.Field{Type: graphql.NewNonNull(graphql.String), Description: "Bearer access token."},
		"expiresAt": &graphql.Field{Type: graphql.NewNonNull(graphql.String)},
		"refreshToken": &graphql.Field{Type: graphql.NewNonNull(graphql.String),
			Description: "Long-lived, revocable; exchange it with refreshSession when the access token expires."},
		"user": &graphql.Field{Type: graphql.NewNonNull(t.user)},
	}})
	t.violationInfo = graphql.NewObject(graphql.ObjectConfig{Name: "ViolationInfo", Fields: graphql.Fields{
		"code":    of(graphql.NewNonNull(t.violation), "", func(v domain.ViolationInfo) any { return string(v.Type) }),
		"labelZh": of(graphql.NewNonNull(graphql.String), "", func(v domain.ViolationInfo) any { return v.LabelZH }),
		"labelEn": of(graphql.NewNonNull(graphql.String), "", func(v domain.ViolationInfo) any { return v.LabelEN }),
	}})

	t.complaintEvent = graphql.NewObject(graphql.ObjectConfig{Name: "ComplaintEvent", Description: "One entry of a complaint's append-only history.",
		Fields: graphql.Fields{
			"id":         of(graphql.NewNonNull(graphql.ID), "", func(e domain.Event) any { return id64(e.ID) }),
			"action":     of(graphql.NewNonNull(graphql.String), "", func(e domain.Event) any { return string(e.Action) }),
			"fromStatus": of(t.status, "", func(e domain.Event) any { return nonEmpty(string(e.FromStatus)) }),
			"toStatus":   of(t.status, "", func(e domain.Event) any { return nonEmpty(string(e.ToStatus)) }),
			"actorRole":  of(graphql.NewNonNull(graphql.String), "", func(e domain.Event) any { return string(e.ActorRole) }),
			"reason":     of(graphql.String, "", func(e domain.Event) any { return nonEmpty(e.Reason) }),
			"at":         of(graphql.NewNonNull(graphql.String), "", func(e domain.Event) any { return timeString(e.At) }),
		}})

	t.complaint = graphql.NewObject(graphql.ObjectConfig{Name: "Complaint", Description: "A complaint about a lender's or collection agency's conduct.",
		Fields: graphql.Fields{
			"id":                of(graphql.NewNonNull(graphql.ID), "", func(c *domain.Complaint) any { return c.ID }),
			"reference":         of(graphql.NewNonNull(graphql.String), "Public reference number, e.g. RL-2026-00012345.", func(c *domain.Complaint) any { return c.Reference }),
			"status":            of(graphql.NewNonNull(t.status), "", func(c *domain.Complaint) any { return string(c.Status) }),
			"version":           of(graphql.NewNonNull(graphql.Int), "Increments on every change; pass it back to detect concurrent edits.", func(c *domain.Complaint) any { return c.Version }),
			"relation":          of(graphql.NewNonNull(t.relation), "", func(c *domain.Complaint) any { return string(c.Relation) }),
			"lenderName":        of(graphql.NewNonNull(graphql.String), "The lender as typed by the complainant.", func(c *domain.Complaint) any { return c.LenderName }),
			"agencyName":        of(graphql.String, "", func(c *domain.Complaint) any { return nonEmpty(c.AgencyName) }),
			"product":           of(graphql.NewNonNull(t.product), "", func(c *domain.Complaint) any { return string(c.Product) }),
			"province":          of(graphql.NewNonNull(graphql.String), "6-digit administrative code.", func(c *domain.Complaint) any { return c.Province }),
			"city":              of(graphql.String, "", func(c *domain.Complaint) any { return nonEmpty(c.City) }),
			"narrative":         of(graphql.NewNonNull(graphql.String), "", func(c *domain.Complaint) any { return c.Narrative }),
			"claimedViolations": of(graphql.NewList(graphql.NewNonNull(t.violation)), "", func(c *domain.Complaint) any { return strs(c.ClaimedViolations) }),
			"priority":          of(t.priority, "How urgent the regulator judged it; null for institutions, which do not see the regulator's internal handling.", func(c *domain.Complaint) any { return nonEmpty(string(c.Priority)) }),
			"team":              of(graphql.String, "The regulator team whose queue holds it.", func(c *domain.Complaint) any { return nonEmpty(c.Team) }),
			"createdAt":         of(graphql.NewNonNull(graphql.String), "", func(c *domain.Complaint) any { return timeString(c.CreatedAt) }),
			"updatedAt":         of(graphql.NewNonNull(graphql.String), "", func(c *domain.Complaint) any { return timeString(c.UpdatedAt) }),
		}})
	t.complaint.AddFieldConfig("lender", &graphql.Field{Type: t.institution, Description: "The matched lender.",
		Resolve: institutionByID(func(c *domain.Complaint) int64 { return c.LenderID })})
	t.complaint.AddFieldConfig("agency", &graphql.Field{Type: t.institution, Description: "The matched collection agency; null when none was named or matched.",
		Resolve: institutionByID(func(c *domain.Complaint) int64 { return c.AgencyID })})
	t.complaint.AddFieldConfig("history", &graphql.Field{Type: graphql.NewList(graphql.NewNonNull(t.complaintEvent)),
		Description: "The append-only history, oldest first.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			return thunk(p, loadersFrom(p.Context).histories.load(p.Context, p.Source.(*domain.Complaint)),
				func(evs []domain.Event) any { return orEmpty(evs) }), nil
		}})
	t.complaintConnection = t.connection("Complaint", t.complaint)

	t.fileComplaintInput = graphql.NewInputObject(graphql.InputObjectConfig{Name: "FileComplaintInput", Fields: graphql.InputObjectConfigFieldMap{
		"relation":   {Type: graphql.NewNonNull(t.relation), Description: "How you stand to the debtor."},
		"lenderId":   {Type: graphql.ID, Description: "The lender, if you found it in the list."},
		"lenderName": {Type: graphql.String, Description: "The lender's name as you know it (bank, company or app)."},
		"agencyName": {Type: graphql.String, Description: "The collection agency, if known."},
		"product":    {Type: graphql.NewNonNull(t.product)},
		"province":   {Type: graphql.NewNonNull(graphql.String), Description: "6-digit administrative code, e.g. 440000."},
		"city":       {Type: graphql.String, Description: "6-digit administrative code, e.g. 440300."},
		"narrative":  {Type: graphql.NewNonNull(graphql.String), Description: "What happened, in Chinese or English."},
		"violations": {Type: graphql.NewList(graphql.NewNonNull(t.violation)), Description: "What you think the collector did wrong."},
	}})
	t.complaintFilter = graphql.NewInputObject(graphql.InputObjectConfig{Name: "ComplaintFilter", Fields: graphql.InputObjectConfigFieldMap{
		"status":           {Type: graphql.NewList(graphql.NewNonNull(t.status))},
		"team":             {Type: graphql.String},
		"assigneeId":       {Type: graphql.ID},
		"province":         {Type: graphql.String},
		"institutionId":    {Type: graphql.ID},
		"violation":        {Type: t.violation},
		"priority":         {Type: t.priority},
		"createdFrom":      {Type: graphql.String, Description: "RFC 3339 time, inclusive."},
		"createdTo":        {Type: graphql.String, Description: "RFC 3339 time, exclusive."},
		"text":             {Type: graphql.String, Description: "Words in the narrative or the institution names."},
		"mine":             {Type: graphql.Boolean, Description: "Only the complaints assigned to you (not with assigneeId or unassigned)."},
		"unassigned":       {Type: graphql.Boolean, Description: "Only the complaints nobody works yet."},
		"dueWithinDays":    {Type: graphql.Int, Description: "Complaints whose awaited clock (acceptance, an answer; an institution: its own answer; not the complainant's feedback window) is due within this many days (1 to 90) and not yet past due: near-breaches."},
		"extensionPending": {Type: graphql.Boolean, Description: "Only complaints with an extension request awaiting a supervisor's decision."},
	}})
	return t
}

// institutionByID resolves the institution a value names by id (a complaint's lender or agency,
// an alert's institution) through the request's loader, so that the portal has its names in both
// languages; null for id 0 or an institution that no longer exists.
func institutionByID[S any](id func(S) int64) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		n := id(p.Source.(S))
		if n == 0 {
			return nil, nil
		}
		return thunk(p, loadersFrom(p.Context).institutions.load(p.Context, n), func(i *domain.Institution) any {
			if i == nil {
				return nil
			}
			return i
		}), nil
	}
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// connectionPage is the source of a Relay connection.
type connectionPage struct {
	nodes   []any
	cursors []string
	hasNext bool
	total   int
}

// idPage is the connection page of a list keyed by numeric ids, which serve as its cursors.
func idPage[T any](list []T, hasNext bool, id func(T) int64) connectionPage {
	page := connectionPage{hasNext: hasNext, total: -1}
	for _, v := range list {
		page.nodes = append(page.nodes, v)
		page.cursors = append(page.cursors, strconv.FormatInt(id(v), 10))
	}
	return page
}

func (t *types) connection(name string, node *graphql.Object) *graphql.Object {
	edge := graphql.NewObject(graphql.ObjectConfig{Name: name + "Edge", Fields: graphql.Fields{
		"cursor": &graphql.Field{Type: graphql.NewNonNull(graphql.String)},
		"node":   &graphql.Field{Type: graphql.NewNonNull(node)},
	}})
	return graphql.NewObject(graphql.ObjectConfig{Name: name + "Connection", Fields: graphql.Fields{
		"edges": of(graphql.NewList(graphql.NewNonNull(edge)), "", func(c connectionPage) any {
			out := make([]map[string]any, len(c.nodes))
			for i := range c.nodes {
				out[i] = map[string]any{"cursor": c.cursors[i], "node": c.nodes[i]}
			}
			return out
		}),
		"pageInfo": of(graphql.NewNonNull(t.pageInfo), "", func(c connectionPage) any {
			end := ""
			if len(c.cursors) > 0 {
				end = c.cursors[len(c.cursors)-1]
			}
			return map[string]any{"hasNextPage": c.hasNext, "endCursor": nonEmpty(end)}
		}),
		"totalCount": of(graphql.Int, "All matching items the caller may see.", func(c connectionPage) any {
			if c.total < 0 {
				return nil
			}
			return c.total
		}),
	}})
}

// perSchema keeps what a group of fields adds to a schema (its object, enum and input types),
// built once per schema (*types): graphql-go refuses two types of one name in a schema, and the
// tests build several schemas in one process.
type perSchema[T any] struct {
	mu sync.Mutex
	m  map[*types]*T
}

// get is the value built for t, built by build the first time. build runs under the lock, so it
// may not ask for its own group's types.
func (p *perSchema[T]) get(t *types, build func() *T) *T {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.m[t]; ok {
		return v
	}
	if p.m == nil {
		p.m = map[*types]*T{}
	}
	v := build()
	p.m[t] = v
	return v
}
