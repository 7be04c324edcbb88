package graph

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// caseTypes are the schema types of the full complaint and of its handling: incidents, debtor,
// notes, responses, links, extensions. They are built once per schema and also widen the shared
// Complaint, FileComplaintInput and ComplaintFilter types.
type caseTypes struct {
	channel, outcome, target, rejection, referral, category, decision, order, extensionStatus *graphql.Enum

	debtor, incident, feedback, note, response, relief, plan, link, extension *graphql.Object

	responseInput *graphql.InputObject
}

var caseTypesFor perSchema[caseTypes]

func (r *resolvers) caseTypes(t *types) *caseTypes {
	return caseTypesFor.get(t, func() *caseTypes { return r.newCaseTypes(t) })
}

func (r *resolvers) newCaseTypes(t *types) *caseTypes {
	ct := &caseTypes{
		channel:         enum("IncidentChannel", "How a collector reached someone.", strs(domain.Channels)...),
		outcome:         enum("Outcome", "What the complainant asks for.", strs(domain.Outcomes)...),
		target:          enum("ForwardTarget", "Which institutions a complaint is forwarded to.", strs(domain.ForwardTargets)...),
		rejection:       enum("RejectionReason", "The ground on which a complaint is not taken up.", strs(domain.RejectionReasons)...),
		referral:        enum("ReferralBody", "The body a complaint is referred to.", strs(domain.ReferralBodies)...),
		category:        enum("ResponseCategory", "The kind of answer an institution gives.", strs(domain.ResponseCategories)...),
		decision:        enum("FeedbackDecision", "The complainant's verdict on the answer.", "ACCEPT", "DISPUTE"),
		order:           enum("ComplaintOrder", "The order of a complaint list.", strs(domain.ComplaintOrders)...),
		extensionStatus: enum("ExtensionStatus", "Where an extension request stands.", "GRANTED", "PENDING", "APPROVED", "DENIED"),
	}
	str, nn := graphql.String, graphql.NewNonNull
	ct.debtor = debtorType()
	ct.incident = graphql.NewObject(graphql.ObjectConfig{Name: "Incident", Description: "One act of collection the complainant reports.", Fields: graphql.Fields{
		"occurredAt":  of(nn(str), "", func(i domain.Incident) any { return timeString(i.OccurredAt) }),
		"channel":     of(nn(ct.channel), "", func(i domain.Incident) any { return string(i.Channel) }),
		"from":        of(str, "The number or person the contact came from.", func(i domain.Incident) any { return nonEmpty(i.From) }),
		"count":       of(nn(graphql.Int), "", func(i domain.Incident) any { return i.Count }),
		"description": of(str, "", func(i domain.Incident) any { return nonEmpty(i.Description) }),
		"dateOnly":    of(nn(graphql.Boolean), "The complainant gave the day only: occurredAt is noon, China time, of that day.", func(i domain.Incident) any { return i.DateOnly }),
	}})
	ct.feedback = graphql.NewObject(graphql.ObjectConfig{Name: "Feedback", Description: "The complainant's review of the answer.", Fields: graphql.Fields{
		"decision":     of(nn(ct.decision), "", func(f *domain.Feedback) any { return string(f.Decision) }),
		"satisfaction": of(nn(graphql.Int), "1 to 5.", func(f *domain.Feedback) any { return f.Satisfaction }),
		"comment":      of(str, "", func(f *domain.Feedback) any { return nonEmpty(f.Comment) }),
		"at":           of(nn(str), "", func(f *domain.Feedback) any { return timeString(f.At) }),
	}})
	ct.note = graphql.NewObject(graphql.ObjectConfig{Name: "Note", Description: "An internal note of the regulator's staff.", Fields: graphql.Fields{
		"id":          of(nn(graphql.ID), "", func(n *domain.Note) any { return n.ID }),
		"complaintId": of(nn(graphql.ID), "", func(n *domain.Note) any { return n.ComplaintID }),
		"authorId":    of(nn(graphql.ID), "", func(n *domain.Note) any { return id64(n.AuthorID) }),
		"text":        of(nn(str), "", func(n *domain.Note) any { return n.Text }),
		"at":          of(nn(str), "", func(n *domain.Note) any { return timeString(n.At) }),
	}})
	ct.plan = graphql.NewObject(graphql.ObjectConfig{Name: "RepaymentPlan", Fields: graphql.Fields{
		"instalments":      of(nn(graphql.Int), "", func(p *domain.RepaymentPlan) any { return p.Instalments }),
		"instalmentAmount": of(nn(str), "Yuan, exact decimal.", func(p *domain.RepaymentPlan) any { return string(p.InstalmentAmount) }),
		"firstDueOn":       of(str, "YYYY-MM-DD the first instalment is due (China time).", func(p *domain.RepaymentPlan) any { return nonEmpty(p.FirstDueOn) }),
		"deferredUntil":    of(str, "YYYY-MM-DD until which repayment is deferred (延期); null for none.", func(p *domain.RepaymentPlan) any { return nonEmpty(p.DeferredUntil) }),
		"penaltyInterestWaived": of(str, "Penalty interest waived (减免罚息), yuan, exact decimal; null for none.",
			func(p *domain.RepaymentPlan) any { return nonEmpty(string(p.PenaltyInterestWaived)) }),
	}})
	ct.relief = graphql.NewObject(graphql.ObjectConfig{Name: "Relief", Description: "What the institution did for the complainant.", Fields: graphql.Fields{
		"repaymentPlan": of(ct.plan, "", func(r domain.Relief) any {
			if r.RepaymentPlan == nil {
				return nil
			}
			return r.RepaymentPlan
		}),
		"feeWaiverAmount":       of(str, "Yuan, exact decimal.", func(r domain.Relief) any { return nonEmpty(string(r.FeeWaiverAmount)) }),
		"collectionStopped":     of(nn(graphql.Boolean), "", func(r domain.Relief) any { return r.CollectionStopped }),
		"creditRecordCorrected": of(nn(graphql.Boolean), "", func(r domain.Relief) any { return r.CreditRecordCorrected }),
		"apology":               of(nn(graphql.Boolean), "", func(r domain.Relief) any { return r.Apology }),
		"collectorDisciplined":  of(nn(graphql.Boolean), "", func(r domain.Relief) any { return r.CollectorDisciplined }),
		"agencyContractEnded":   of(nn(graphql.Boolean), "", func(r domain.Relief) any { return r.AgencyContractEnded }),
	}})
	ct.response = graphql.NewObject(graphql.ObjectConfig{Name: "ComplaintResponse", Description: "An institution's structured answer.", Fields: graphql.Fields{
		"id":            of(nn(graphql.ID), "", func(x *domain.Response) any { return x.ID }),
		"complaintId":   of(nn(graphql.ID), "", func(x *domain.Response) any { return x.ComplaintID }),
		"institutionId": of(nn(graphql.ID), "", func(x *domain.Response) any { return id64(x.InstitutionID) }),
		"category":      of(nn(ct.category), "", func(x *domain.Response) any { return string(x.Category) }),
		"explanation":   of(nn(str), "", func(x *domain.Response) any { return x.Explanation }),
		"relief":        of(nn(ct.relief), "", func(x *domain.Response) any { return x.Relief }),
		"at":            of(nn(str), "", func(x *domain.Response) any { return timeString(x.At) }),
	}})
	ct.link = graphql.NewObject(graphql.ObjectConfig{Name: "ComplaintLink", Description: "A duplicate complaint linked to its primary.", Fields: graphql.Fields{
		"complaintId": of(nn(graphql.ID), "The duplicate.", func(l domain.Link) any { return l.ComplaintID }),
		"primaryId":   of(nn(graphql.ID), "", func(l domain.Link) any { return l.PrimaryID }),
		"merged":      of(nn(graphql.Boolean), "The duplicate was closed as merged.", func(l domain.Link) any { return l.Merged }),
		"reason":      of(str, "", func(l domain.Link) any { return nonEmpty(l.Reason) }),
		"at":          of(nn(str), "", func(l domain.Link) any { return timeString(l.At) }),
	}})
	ct.extension = graphql.NewObject(graphql.ObjectConfig{Name: "Extension", Description: "An institution's request for more time to answer.", Fields: graphql.Fields{
		"id":          of(nn(graphql.ID), "", func(x *domain.Extension) any { return x.ID }),
		"complaintId": of(nn(graphql.ID), "", func(x *domain.Extension) any { return x.ComplaintID }),
		"institutionId": of(graphql.ID, "The institution that asked (the lender or the collection agency of a complaint forwarded to both): a supervisor's list named only the lender, whichever of the two asked (session 31 walk).",
			func(x *domain.Extension) any { return id64(x.InstitutionID) }),
		"days":           of(graphql.Int, "Total days to answer, counted from the forward.", func(x *domain.Extension) any { return daysOrNil(x.Days) }),
		"reason":         of(str, "", func(x *domain.Extension) any { return nonEmpty(x.Reason) }),
		"status":         of(nn(ct.extensionStatus), "", func(x *domain.Extension) any { return string(x.Status) }),
		"requestedAt":    of(str, "", func(x *domain.Extension) any { return timeString(x.RequestedAt) }),
		"decidedAt":      of(str, "", func(x *domain.Extension) any { return timeString(x.DecidedAt) }),
		"decisionReason": of(str, "", func(x *domain.Extension) any { return nonEmpty(x.DecisionReason) }),
		"untilDate": of(str, "For a request awaiting a supervisor: the end of the day the institution's answer would be due once it is approved, counted now on its answer clock as nextExtension.untilDate is (RFC 3339); null otherwise, or when it cannot be counted.",
			func(x *domain.Extension) any { return timeString(x.Until) }),
	}})
	ct.responseInput = graphql.NewInputObject(graphql.InputObjectConfig{Name: "ResponseInput", Fields: graphql.InputObjectConfigFieldMap{
		"category":    {Type: nn(ct.category)},
		"explanation": {Type: nn(str), Description: "What the institution found and did, at least 10 characters."},
		"relief": {Type: graphql.NewInputObject(graphql.InputObjectConfig{Name: "ReliefInput", Fields: graphql.InputObjectConfigFieldMap{
			"repaymentPlan": {Type: graphql.NewInputObject(graphql.InputObjectConfig{Name: "RepaymentPlanInput", Fields: graphql.InputObjectConfigFieldMap{
				"instalments":           {Type: nn(graphql.Int)},
				"instalmentAmount":      {Type: nn(str), Description: "Yuan as an exact decimal string, e.g. \"1200.00\"."},
				"firstDueOn":            {Type: str, Description: "YYYY-MM-DD the first instalment is due (China time)."},
				"deferredUntil":         {Type: str, Description: "YYYY-MM-DD until which repayment is deferred (延期)."},
				"penaltyInterestWaived": {Type: str, Description: "Penalty interest waived (减免罚息), decimal string."},
			}})},
			"feeWaiverAmount":       {Type: str, Description: "Fees or penalty interest waived or refunded, decimal string."},
			"collectionStopped":     {Type: graphql.Boolean},
			"creditRecordCorrected": {Type: graphql.Boolean},
			"apology":               {Type: graphql.Boolean},
			"collectorDisciplined":  {Type: graphql.Boolean},
			"agencyContractEnded":   {Type: graphql.Boolean},
		}})},
	}})
	r.widenComplaint(t, ct)
	return ct
}

func daysOrNil(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// widenComplaint adds the full complaint and its handling to the Complaint type, the filing input
// and the list filter.
func (r *resolvers) widenComplaint(t *types, ct *caseTypes) {
	str, nn := graphql.String, graphql.NewNonNull
	fields := graphql.Fields{
		"debtor":                 debtorField(ct.debtor),
		"contractNumber":         contractNumberField(),
		"identityDisclosure":     disclosureField(),
		"lenderId":               of(graphql.ID, "", func(c *domain.Complaint) any { return id64(c.LenderID) }),
		"agencyId":               of(graphql.ID, "", func(c *domain.Complaint) any { return id64(c.AgencyID) }),
		"amountOwed":             of(str, "Yuan, exact decimal string.", func(c *domain.Complaint) any { return nonEmpty(string(c.AmountOwed)) }),
		"daysOverdue":            of(graphql.Int, "", func(c *domain.Complaint) any { return intOrNil(c.DaysOverdue) }),
		"incidents":              of(nn(graphql.NewList(nn(ct.incident))), "", func(c *domain.Complaint) any { return orEmpty(c.Incidents) }),
		"outcomesWanted":         of(nn(graphql.NewList(nn(ct.outcome))), "", func(c *domain.Complaint) any { return strs(c.OutcomesWanted) }),
		"consentToShareIdentity": of(nn(graphql.Boolean), "", func(c *domain.Complaint) any { return c.ConsentToShareIdentity }),
		"consentToPublish":       of(nn(graphql.Boolean), "", func(c *domain.Complaint) any { return c.ConsentToPublish }),
		"confirmedViolations":    of(nn(graphql.NewList(nn(t.violation))), "What a reviewer found, apart from what was claimed.", func(c *domain.Complaint) any { return strs(c.ConfirmedViolations) }),
		"assigneeId":             of(graphql.ID, "The reviewer working the complaint.", func(c *domain.Complaint) any { return id64(c.AssigneeID) }),
		"recipientIds": of(nn(graphql.NewList(nn(graphql.ID))), "Institutions the complaint was forwarded to.", func(c *domain.Complaint) any {
			out := make([]string, len(c.Recipients))
			for i, id := range c.Recipients {
				out[i] = strconv.FormatInt(id, 10)
			}
			return out
		}),
		"forwardTarget":      of(ct.target, "", func(c *domain.Complaint) any { return nonEmpty(string(c.ForwardTarget)) }),
		"forwardedAt":        of(str, "", func(c *domain.Complaint) any { return timeString(c.ForwardedAt) }),
		"responseDays":       of(graphql.Int, "Days the institution has to answer.", func(c *domain.Complaint) any { return daysOrNil(c.ResponseDays) }),
		"dueAt":              of(str, "When the institution's answer is due.", func(c *domain.Complaint) any { return timeString(c.DueAt) }),
		"informationRequest": of(str, "The open question to the complainant.", func(c *domain.Complaint) any { return nonEmpty(c.InformationRequest) }),
		"respondedAt":        of(str, "", func(c *domain.Complaint) any { return timeString(c.RespondedAt) }),
		"feedback": of(ct.feedback, "", func(c *domain.Complaint) any {
			if c.Feedback == nil {
				return nil
			}
			return c.Feedback
		}),
		"closedAt":        of(str, "", func(c *domain.Complaint) any { return timeString(c.ClosedAt) }),
		"rejectionReason": of(ct.rejection, "", func(c *domain.Complaint) any { return nonEmpty(string(c.RejectionReason)) }),
		"referredTo":      of(ct.referral, "", func(c *domain.Complaint) any { return nonEmpty(string(c.ReferredTo)) }),
		"merged":          of(nn(graphql.Boolean), "The complaint was closed as merged into another (its primary).", func(c *domain.Complaint) any { return c.MergedInto != "" }),
		// The primary's id, only to a caller who may open the primary themselves: a complainant's
		// duplicate merged into another person's complaint named that complaint's internal id
		// (session 30, attack), which is no business of theirs (merged says it was merged); and a
		// reviewer or supervisor read the id of a primary in another team's queue, which their scope
		// does not open (session 31, attack26). An administrator's scope is every complaint.
		"mergedInto": {Type: graphql.ID, Description: "The primary complaint this one was merged into; null to a caller who may not see the primary (merged still says so).",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				c, ok := p.Source.(*domain.Complaint)
				if !ok || c.MergedInto == "" {
					return nil, nil
				}
				a := domain.ActorFrom(p.Context)
				if domain.ScopeFor(a).All {
					return c.MergedInto, nil
				}
				if a.Role.IsInstitution() && !c.ConsentToShareIdentity {
					// A complaint filed without consent names no other complaint to an institution:
					// the primary (the same debtor, named) would name its debtor (session 35, sec35).
					return nil, nil
				}
				// A page's primaries in one read (session 32, sec32).
				return thunk(p, loadersFrom(p.Context).opens.load(p.Context, c.MergedInto), func(opens bool) any {
					if !opens {
						return nil
					}
					return c.MergedInto
				}), nil
			})},
		"notes": {Type: graphql.NewList(nn(ct.note)), Description: "Internal notes; staff only (FORBIDDEN for others).",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				ns, err := r.Complaints.Notes(p.Context, p.Source.(*domain.Complaint).ID)
				return ptrs(ns), err
			})},
		"responses": {Type: graphql.NewList(nn(ct.response)), Description: "The institutions' answers, oldest first.",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				rs, err := r.Complaints.Responses(p.Context, p.Source.(*domain.Complaint).ID)
				return ptrs(rs), err
			})},
		"links": {Type: graphql.NewList(nn(ct.link)), Description: "Duplicate links from and to this complaint.",
			Resolve: func(p graphql.ResolveParams) (any, error) {
				return thunk(p, loadersFrom(p.Context).links.load(p.Context, p.Source.(*domain.Complaint)),
					func(ls []domain.Link) any { return orEmpty(ls) }), nil
			}},
		"extensions": {Type: graphql.NewList(nn(ct.extension)), Description: "Requests for more time to answer.",
			Resolve: func(p graphql.ResolveParams) (any, error) {
				// A page's requests in one statement (attack round 33: one per row, and the row again).
				return thunk(p, loadersFrom(p.Context).extensions.load(p.Context, p.Source.(*domain.Complaint)),
					func(xs []domain.Extension) any { return ptrs(xs) }), nil
			}},
	}
	var actionNames []string
	for _, tr := range domain.Lifecycle {
		actionNames = append(actionNames, string(tr.Action))
	}
	actionEnum := enum("ComplaintAction", "A lifecycle action, named as the history records it (CLAIMED is claimComplaint, FORWARDED forwardComplaint, MERGED linkComplaints with closeAsMerged, …).", actionNames...)
	fields["availableActions"] = &graphql.Field{Type: nn(graphql.NewList(nn(actionEnum))),
		Description: "What the caller may do to the complaint now, from the lifecycle table and the complaint's state, assignee, pending extension " +
			"and reopen window (an institution is not offered an extension its clock cannot take, while its request awaits a decision, or after " +
			"a supervisor denied it twice); advice for drawing controls: the operation still checks the rest (version, answers already given) when taken.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			c, _ := p.Source.(*domain.Complaint)
			role := domain.ActorFrom(p.Context).Role
			if c == nil || !(c.Status == domain.StatusForwarded && role.IsInstitution() || c.Status == domain.StatusResponded && role == domain.RoleComplainant) {
				return strs(r.Complaints.AvailableActions(p.Context, c)), nil
			}
			// What an institution may do with its answer clock (pause it for an appraisal, end the
			// appraisal), and whether the complainant may still accept or dispute the answer (the
			// feedback clock), depend on the clock: read with the page's other clocks, in one statement.
			l := loadersFrom(p.Context)
			var requests func() ([]domain.Extension, error)
			if role.IsInstitution() {
				requests = l.extensionRequests.load(p.Context, c)
			}
			return thunk(p, l.deadlines.load(p.Context, c), func(ds []domain.Deadline) any {
				withClocks := *c
				withClocks.Deadlines = ds
				return strs(r.Complaints.AvailableActionsWith(p.Context, &withClocks, requests))
			}), nil
		}}
	fields["reopenableUntil"] = of(str, "Until when a closed complaint may be reopened on new facts (its closing plus the reopen window); null unless it is closed.",
		func(c *domain.Complaint) any { return timeString(r.Complaints.ReopenableUntil(c)) })
	for name, f := range fields {
		t.complaint.AddFieldConfig(name, f)
	}
	t.complaintEvent.AddFieldConfig("actorId", of(graphql.ID, "", func(e domain.Event) any { return id64(e.ActorID) }))
	t.complaintEvent.AddFieldConfig("details", of(str, "What the action recorded, as a JSON object.", func(e domain.Event) any {
		if len(e.Details) == 0 {
			return nil
		}
		b, _ := json.Marshal(e.Details)
		return string(b)
	}))

	debtorInput := graphql.NewInputObject(graphql.InputObjectConfig{Name: "DebtorInput", Description: "Required when you file about your own debt; optional for third parties.",
		Fields: graphql.InputObjectConfigFieldMap{
			"name":     {Type: str},
			"mobile":   {Type: str, Description: "11-digit mobile number, e.g. 13812345678."},
			"idNumber": {Type: str, Description: "18-character resident identity card number."},
		}})
	incidentInput := graphql.NewInputObject(graphql.InputObjectConfig{Name: "IncidentInput", Fields: graphql.InputObjectConfigFieldMap{
		"occurredAt":  {Type: nn(str), Description: "RFC 3339 time, e.g. 2026-03-01T22:30:00+08:00, or a day alone (2026-03-01, China time) when the time is not known; not in the future, not before 2000."},
		"channel":     {Type: nn(ct.channel)},
		"from":        {Type: str, Description: "The number or person the contact came from."},
		"count":       {Type: graphql.Int, DefaultValue: 1, Description: "How many calls, messages or visits (1 to 10000)."},
		"description": {Type: str},
	}})
	for name, f := range map[string]*graphql.InputObjectFieldConfig{
		"debtor":                 {Type: debtorInput},
		"agencyId":               {Type: graphql.ID, Description: "The collection agency, if you found it in the list."},
		"contractNumber":         {Type: str},
		"amountOwed":             {Type: str, Description: "Yuan as an exact decimal string, e.g. \"12800.50\"."},
		"daysOverdue":            {Type: graphql.Int, Description: "0 to 36500."},
		"incidents":              {Type: graphql.NewList(nn(incidentInput)), Description: "At most 100."},
		"outcomesWanted":         {Type: graphql.NewList(nn(ct.outcome))},
		"consentToShareIdentity": {Type: graphql.Boolean, DefaultValue: false, Description: "Let the institution see the debtor's identity."},
		"consentToPublish":       {Type: graphql.Boolean, DefaultValue: false, Description: "Let the complaint appear, anonymised, in published figures."},
	} {
		t.fileComplaintInput.AddFieldConfig(name, f)
	}
	t.complaintFilter.AddFieldConfig("overdue", &graphql.InputObjectFieldConfig{Type: graphql.Boolean,
		Description: "Complaints whose awaited clock is past due: the acceptance decision, an answer (an institution: its own); not the complainant's feedback window, which asks nothing of staff or institutions."})
	t.complaintFilter.AddFieldConfig("feedbackLapsed", &graphql.InputObjectFieldConfig{Type: graphql.Boolean,
		Description: "Answered complaints (RESPONDED) whose complainant let the feedback window run out without accepting or disputing the answer: ready to close."})
}

func intOrNil(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func ptrs[T any](s []T) []*T {
	out := make([]*T, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}

// decodeFileComplaintDetails fills the parts of a filing that caseTypes added to the input.
func decodeFileComplaintDetails(m map[string]any, in *domain.FileComplaint) error {
	if d, ok := m["debtor"].(map[string]any); ok {
		in.Debtor = domain.Debtor{Name: str(d["name"]), Mobile: str(d["mobile"]), IDNumber: str(d["idNumber"])}
	}
	var err error
	if in.AgencyID, err = optionalInputID(m, "agencyId", "input.agencyId"); err != nil {
		return err
	}
	in.ContractNumber, in.AmountOwed = str(m["contractNumber"]), str(m["amountOwed"])
	if n, ok := m["daysOverdue"].(int); ok {
		in.DaysOverdue = &n
	}
	if list, ok := m["incidents"].([]any); ok {
		for i, v := range list {
			x, _ := v.(map[string]any)
			at, err := time.Parse(time.RFC3339, str(x["occurredAt"]))
			dateOnly := false
			if err != nil { // a day alone: the complainant did not say the time
				if d, derr := time.ParseInLocation(time.DateOnly, str(x["occurredAt"]), incidentDay); derr == nil {
					at, dateOnly, err = d.Add(12*time.Hour), true, nil
				}
			}
			if err != nil {
				return domain.Invalid("input.incidents."+strconv.Itoa(i)+".occurredAt", "use an RFC 3339 time such as 2026-03-01T22:30:00+08:00", "请使用RFC 3339时间格式，如2026-03-01T22:30:00+08:00")
			}
			count, _ := x["count"].(int)
			in.Incidents = append(in.Incidents, domain.Incident{OccurredAt: at, Channel: domain.Channel(str(x["channel"])),
				From: str(x["from"]), Count: count, Description: str(x["description"]), DateOnly: dateOnly})
		}
	}
	if list, ok := m["outcomesWanted"].([]any); ok {
		for _, v := range list {
			in.OutcomesWanted = append(in.OutcomesWanted, domain.Outcome(str(v)))
		}
	}
	in.ConsentToShareIdentity, _ = m["consentToShareIdentity"].(bool)
	in.ConsentToPublish, _ = m["consentToPublish"].(bool)
	return nil
}

func optionalInputID(m map[string]any, key, field string) (int64, error) {
	return parseID(str(m[key]), field, "not an institution id", "机构编号无效")
}

// Arguments every lifecycle mutation shares.
var (
	idArg      = &graphql.ArgumentConfig{Type: graphql.NewNonNull(graphql.ID), Description: "The complaint's id or reference."}
	versionArg = &graphql.ArgumentConfig{Type: graphql.Int, Description: "The version you last saw; a different current version is a CONFLICT and nothing is written."}
)

func complaintArgs(extra graphql.FieldConfigArgument) graphql.FieldConfigArgument {
	out := graphql.FieldConfigArgument{"id": idArg, "expectedVersion": versionArg}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

func argBool(p graphql.ResolveParams, name string) bool {
	b, _ := p.Args[name].(bool)
	return b
}

func argID64(p graphql.ResolveParams, name string) (int64, error) {
	return parseID(argString(p, name), name, "not a valid id", "编号无效")
}

// argLenderAgency reads the optional lenderId and agencyId that set a complaint's institutions.
func argLenderAgency(p graphql.ResolveParams) (lender, agency int64, err error) {
	if lender, err = argID64(p, "lenderId"); err != nil {
		return 0, 0, err
	}
	agency, err = argID64(p, "agencyId")
	return lender, agency, err
}

func argViolations(p graphql.ResolveParams, name string) []domain.ViolationType {
	var out []domain.ViolationType
	if vs, ok := p.Args[name].([]any); ok {
		for _, v := range vs {
			out = append(out, domain.ViolationType(str(v)))
		}
	}
	return out
}

// complaintID resolves an id or a public reference to the complaint's id; the domain then checks
// the caller may act on it. An unknown reference is NOT_FOUND.
func (r *resolvers) complaintID(p graphql.ResolveParams, name string) (string, error) {
	id := argString(p, name)
	if len(id) > 3 && id[:3] == "RL-" {
		c, err := r.Complaints.Get(p.Context, id)
		if domain.CodeOf(err) == domain.CodeNotFound {
			// Name the argument, as an id not found does (linkComplaints' primaryId answered a field
			// for an id and none for a reference; session 32, sec32).
			return "", &domain.Error{Code: domain.CodeNotFound, Field: name, Message: "no complaint you may see has this reference", MessageZH: "未找到此编号的投诉"}
		}
		if err != nil {
			return "", err
		}
		return c.ID, nil
	}
	return id, nil
}

// notFoundOn names the argument of a NOT_FOUND that names none: an unknown reference named its
// argument and an unknown id did not (session 35, sec35). Unknown and out-of-scope answer alike.
func notFoundOn(err error, field string) error {
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.CodeNotFound || e.Field != "" {
		return err
	}
	named := *e
	named.Field = field
	return &named
}

// lifecycleMutations are the operations on a complaint after filing; each resolver decodes its
// arguments and calls one domain method.
func (r *resolvers) lifecycleMutations(t *types) graphql.Fields {
	ct := r.caseTypes(t)
	text, nn := graphql.String, graphql.NewNonNull
	complaint := nn(t.complaint)
	// withID decodes the complaint id and the expected version, then calls fn.
	withID := func(fn func(p graphql.ResolveParams, id string, v int) (any, error)) graphql.FieldResolveFn {
		return resolve(func(p graphql.ResolveParams) (any, error) {
			id, err := r.complaintID(p, "id")
			if err != nil {
				return nil, err
			}
			res, err := fn(p, id, argInt(p, "expectedVersion", 0))
			return res, notFoundOn(err, "id")
		})
	}
	reasonOp := func(desc string, required bool, op func(p graphql.ResolveParams, id, reason string, v int) (*domain.Complaint, error)) *graphql.Field {
		reason := graphql.Output(text)
		if required {
			reason = nn(text)
		}
		return &graphql.Field{Type: complaint, Description: desc,
			Args: complaintArgs(graphql.FieldConfigArgument{"reason": {Type: reason.(graphql.Input)}}),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				return op(p, id, argString(p, "reason"), v)
			})}
	}
	cs := r.Complaints
	return graphql.Fields{
		"withdrawComplaint": reasonOp("Withdraw your own open complaint.", false, func(p graphql.ResolveParams, id, reason string, v int) (*domain.Complaint, error) {
			return cs.Withdraw(p.Context, id, reason, v)
		}),
		"provideInformation": {Type: complaint, Description: "Answer the regulator's question; the complaint goes back to triage.",
			Args: complaintArgs(graphql.FieldConfigArgument{"answer": {Type: nn(text)}}),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				return cs.ProvideInformation(p.Context, id, argString(p, "answer"), v)
			})},
		"submitFeedback": {Type: complaint, Description: "Accept or dispute the institution's answer, within 60 days of it.",
			Args: complaintArgs(graphql.FieldConfigArgument{"decision": {Type: nn(ct.decision)}, "satisfaction": {Type: nn(graphql.Int), Description: "1 to 5."}, "comment": {Type: text}}),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				return cs.SubmitFeedback(p.Context, id, domain.FeedbackInput{Decision: domain.FeedbackDecision(argString(p, "decision")),
					Satisfaction: argInt(p, "satisfaction", 0), Comment: argString(p, "comment")}, v)
			})},
		"claimComplaint": {Type: complaint, Description: "Make yourself the assignee. If someone else claimed it first: CONFLICT.",
			Args: complaintArgs(nil),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				return cs.Claim(p.Context, id, v)
			})},
		"assignComplaint": {Type: nn(graphql.NewList(complaint)), Description: "Assign one or many complaints to a reviewer or supervisor of their team.",
			Args: graphql.FieldConfigArgument{"ids": {Type: nn(graphql.NewList(nn(graphql.ID)))}, "assigneeId": {Type: nn(graphql.ID)}, "expectedVersion": versionArg},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				var ids []string
				for _, v := range p.Args["ids"].([]any) {
					ids = append(ids, str(v))
				}
				assignee, err := argID64(p, "assigneeId")
				if err != nil {
					return nil, err
				}
				return cs.Assign(p.Context, ids, assignee, argInt(p, "expectedVersion", 0))
			})},
		"classifyComplaint": {Type: complaint, Description: "Confirm, add or reject violation types; optionally set priority, lender and agency.",
			Args: complaintArgs(graphql.FieldConfigArgument{
				"confirm":  {Type: graphql.NewList(nn(t.violation)), Description: "Claimed types the reviewer confirms."},
				"add":      {Type: graphql.NewList(nn(t.violation)), Description: "Types the complainant did not claim but the facts show."},
				"reject":   {Type: graphql.NewList(nn(t.violation)), Description: "Claimed or confirmed types the facts do not support."},
				"priority": {Type: t.priority}, "lenderId": {Type: graphql.ID}, "agencyId": {Type: graphql.ID}}),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				lender, agency, err := argLenderAgency(p)
				if err != nil {
					return nil, err
				}
				return cs.Classify(p.Context, id, domain.Classification{Confirm: argViolations(p, "confirm"), Add: argViolations(p, "add"),
					Reject: argViolations(p, "reject"), Priority: domain.Priority(argString(p, "priority")), LenderID: lender, AgencyID: agency}, v)
			})},
		"requestInformation": {Type: complaint, Description: "Ask the complainant a question.",
			Args: complaintArgs(graphql.FieldConfigArgument{"question": {Type: nn(text)}}),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				return cs.RequestInformation(p.Context, id, argString(p, "question"), v)
			})},
		"forwardComplaint": {Type: complaint, Description: "Forward to the lender, the agency or both; lenderId/agencyId set the institution when the complainant only typed a name.",
			Args: complaintArgs(graphql.FieldConfigArgument{"target": {Type: nn(ct.target)}, "lenderId": {Type: graphql.ID}, "agencyId": {Type: graphql.ID}}),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				lender, agency, err := argLenderAgency(p)
				if err != nil {
					return nil, err
				}
				return cs.Forward(p.Context, id, domain.Forwarding{Target: domain.ForwardTarget(argString(p, "target")), LenderID: lender, AgencyID: agency}, v)
			})},
		"rejectComplaint": {Type: complaint, Description: "Decline a complaint in triage on a legal ground.",
			Args: complaintArgs(graphql.FieldConfigArgument{"reasonCode": {Type: nn(ct.rejection)}, "reason": {Type: text}}),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				return cs.Reject(p.Context, id, domain.RejectionReason(argString(p, "reasonCode")), argString(p, "reason"), v)
			})},
		"referComplaint": {Type: complaint, Description: "Refer to the competent body instead of rejecting.",
			Args: complaintArgs(graphql.FieldConfigArgument{"to": {Type: nn(ct.referral)}, "reason": {Type: text}}),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				return cs.Refer(p.Context, id, domain.ReferralBody(argString(p, "to")), argString(p, "reason"), v)
			})},
		"escalateComplaint": reasonOp("Escalate to senior attention.", true, func(p graphql.ResolveParams, id, reason string, v int) (*domain.Complaint, error) {
			return cs.Escalate(p.Context, id, reason, v)
		}),
		"investigateComplaint": reasonOp("Open the regulator's own investigation of a disputed answer.", false, func(p graphql.ResolveParams, id, reason string, v int) (*domain.Complaint, error) {
			return cs.Investigate(p.Context, id, reason, v)
		}),
		"closeComplaint": reasonOp("Close the complaint.", true, func(p graphql.ResolveParams, id, reason string, v int) (*domain.Complaint, error) {
			return cs.Close(p.Context, id, reason, v)
		}),
		"reopenComplaint": reasonOp("Reopen a closed complaint on new facts, within 90 days of closing.", true, func(p graphql.ResolveParams, id, reason string, v int) (*domain.Complaint, error) {
			return cs.Reopen(p.Context, id, reason, v)
		}),
		"linkComplaints": {Type: complaint, Description: "Link a duplicate to its primary; with closeAsMerged the duplicate is closed as merged.",
			Args: graphql.FieldConfigArgument{"duplicateId": {Type: nn(graphql.ID)}, "primaryId": {Type: nn(graphql.ID)},
				"closeAsMerged": {Type: graphql.Boolean, DefaultValue: false}, "reason": {Type: text}, "expectedVersion": versionArg},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				dup, err := r.complaintID(p, "duplicateId")
				if err != nil {
					return nil, err
				}
				primary, err := r.complaintID(p, "primaryId")
				if err != nil {
					return nil, err
				}
				return cs.Link(p.Context, dup, primary, argBool(p, "closeAsMerged"), argString(p, "reason"), argInt(p, "expectedVersion", 0))
			})},
		"addNote": {Type: nn(ct.note), Description: "Add an internal note (staff only; never shown to complainants or institutions).",
			Args: complaintArgs(graphql.FieldConfigArgument{"text": {Type: nn(text)}}),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				return cs.AddNote(p.Context, id, argString(p, "text"), v)
			})},
		"respondToComplaint": {Type: nn(ct.response), Description: "Answer a complaint forwarded to your institution.",
			Args: complaintArgs(graphql.FieldConfigArgument{"input": {Type: nn(ct.responseInput)}}),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				return cs.Respond(p.Context, id, decodeResponse(p.Args["input"].(map[string]any)), v)
			})},
		"requestExtension": {Type: nn(ct.extension), Description: "Ask for 30 days in all (granted at once) or then 60 (a supervisor decides). After a supervisor denied one extension twice, asking for it again is CONFLICT on days, reason EXTENSION_LIMIT.",
			Args: complaintArgs(graphql.FieldConfigArgument{"days": {Type: nn(graphql.Int)}, "reason": {Type: nn(text)}}),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				return cs.RequestExtension(p.Context, id, argInt(p, "days", 0), argString(p, "reason"), v)
			})},
		"decideExtension": {Type: nn(ct.extension), Description: "Approve or deny the extension awaiting a decision (supervisors).",
			Args: complaintArgs(graphql.FieldConfigArgument{"approve": {Type: nn(graphql.Boolean)}, "reason": {Type: text}}),
			Resolve: withID(func(p graphql.ResolveParams, id string, v int) (any, error) {
				return cs.DecideExtension(p.Context, id, argBool(p, "approve"), argString(p, "reason"), v)
			})},
	}
}

func decodeResponse(m map[string]any) domain.ResponseInput {
	in := domain.ResponseInput{Category: domain.ResponseCategory(str(m["category"])), Explanation: str(m["explanation"])}
	rel, _ := m["relief"].(map[string]any)
	if rel == nil {
		return in
	}
	flag := func(k string) bool { b, _ := rel[k].(bool); return b }
	in.Relief = domain.Relief{FeeWaiverAmount: domain.Amount(str(rel["feeWaiverAmount"])),
		CollectionStopped: flag("collectionStopped"), CreditRecordCorrected: flag("creditRecordCorrected"), Apology: flag("apology"),
		CollectorDisciplined: flag("collectorDisciplined"), AgencyContractEnded: flag("agencyContractEnded")}
	if plan, ok := rel["repaymentPlan"].(map[string]any); ok {
		n, _ := plan["instalments"].(int)
		in.Relief.RepaymentPlan = &domain.RepaymentPlan{Instalments: n, InstalmentAmount: domain.Amount(str(plan["instalmentAmount"])),
			FirstDueOn: str(plan["firstDueOn"]), DeferredUntil: str(plan["deferredUntil"]), PenaltyInterestWaived: domain.Amount(str(plan["penaltyInterestWaived"]))}
	}
	return in
}

// incidentDay is the zone of an incident given as a day alone (China has no daylight saving time).
var incidentDay = time.FixedZone("CST", 8*3600)
