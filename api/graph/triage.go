package graph

import (
	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules"
)

// triageQueries add what routing decided to the Complaint type (the rule engine's assessment,
// the routing-table version, likely duplicates; staff only) and serve the routing table and the
// rule packs' revisions.
func (r *resolvers) triageQueries(t *types) graphql.Fields {
	ct := r.caseTypes(t)
	nn, str := graphql.NewNonNull, graphql.String
	strList := nn(graphql.NewList(nn(str)))
	evidence := graphql.NewObject(graphql.ObjectConfig{Name: "AssessmentEvidence",
		Description: "What triggered a suggestion: a phrase at a position in a text, or an incident rule with the incidents it counted.",
		Fields: graphql.Fields{
			"source":     of(nn(str), `"narrative", "messages[2]", "incidents[0]", "debtor".`, func(e domain.RuleEvidence) any { return e.Source }),
			"phrase":     of(str, "The matched text.", func(e domain.RuleEvidence) any { return nonEmpty(e.Phrase) }),
			"start":      of(graphql.Int, "Rune position of the phrase in its source text.", func(e domain.RuleEvidence) any { return evidencePos(e, e.Start) }),
			"end":        of(graphql.Int, "Rune position after the phrase.", func(e domain.RuleEvidence) any { return evidencePos(e, e.End) }),
			"rule":       of(str, "The rule that matched: the phrase group's id and pattern (THREAT.1: …), a composite or mention rule, or the incident rule.", func(e domain.RuleEvidence) any { return nonEmpty(e.Rule) }),
			"ruleZh":     of(str, "The rule in Chinese, where it explains a finding in words (a call at night, a personal sender); null for a phrase.", func(e domain.RuleEvidence) any { return nonEmpty(e.RuleZh) }),
			"law":        of(str, "The provision this piece of evidence shows a breach of.", func(e domain.RuleEvidence) any { return nonEmpty(e.Law) }),
			"incidents":  of(nn(graphql.NewList(nn(graphql.Int))), "Indexes of the incidents a rule counted.", func(e domain.RuleEvidence) any { return nonNil(e.Incidents) }),
			"confidence": of(nn(graphql.Float), "", func(e domain.RuleEvidence) any { return e.Confidence }),
			"modifiers":  of(strList, `"question", "hypothetical", "hearsay"; for dismissed evidence, the reason.`, func(e domain.RuleEvidence) any { return nonNil(e.Modifiers) }),
		}})
	dismissed := graphql.NewObject(graphql.ObjectConfig{Name: "DismissedEvidence",
		Description: "A match the engine set aside (negated, or an exception), kept so that a reviewer can check it.",
		Fields: graphql.Fields{
			"type":     of(nn(t.violation), "The violation it would have shown.", func(d domain.DismissedEvidence) any { return string(d.Type) }),
			"reason":   of(nn(str), `Why it was set aside: "negated by 没有", "exception: threatened to sue".`, func(d domain.DismissedEvidence) any { return d.Reason }),
			"evidence": of(nn(evidence), "", func(d domain.DismissedEvidence) any { return d.Evidence }),
		}})
	suggested := graphql.NewObject(graphql.ObjectConfig{Name: "SuggestedViolation",
		Description: "A violation the rule pack found; a reviewer confirms or rejects it with classifyComplaint.",
		Fields: graphql.Fields{
			"type":            of(nn(t.violation), "", func(v domain.SuggestedViolation) any { return string(v.Type) }),
			"confidence":      of(nn(graphql.Float), "0–1.", func(v domain.SuggestedViolation) any { return v.Confidence }),
			"evidence":        of(nn(graphql.NewList(nn(evidence))), "", func(v domain.SuggestedViolation) any { return nonNil(v.Evidence) }),
			"legalReferences": of(nn(graphql.NewList(nn(t.legalReference))), "", suggestedLaw),
		}})
	factor := enum("UrgencyFactor", "What makes a complaint urgent.", strs(domain.UrgencyFactors)...)
	urgency := graphql.NewObject(graphql.ObjectConfig{Name: "UrgencyFinding", Fields: graphql.Fields{
		"factor":   of(nn(factor), "", func(u domain.UrgencyFinding) any { return string(u.Factor) }),
		"evidence": of(nn(graphql.NewList(nn(evidence))), "", func(u domain.UrgencyFinding) any { return nonNil(u.Evidence) }),
	}})
	assessment := graphql.NewObject(graphql.ObjectConfig{Name: "Assessment",
		Description: "What the rule engine found when the complaint was routed, and which pack revision judged it.",
		Fields: graphql.Fields{
			"packId":            of(nn(t.jurisdiction), "The jurisdiction whose pack judged it.", func(a *domain.Assessment) any { return a.PackID }),
			"packRevision":      of(nn(graphql.Int), "The stored revision of the pack (see rulePack(revision)).", func(a *domain.Assessment) any { return a.PackRevision }),
			"packVersion":       of(nn(str), "The pack document's own version label.", func(a *domain.Assessment) any { return a.PackVersion }),
			"violations":        of(nn(graphql.NewList(nn(suggested))), "Suggested, not confirmed: see confirmedViolations.", func(a *domain.Assessment) any { return nonNil(a.Violations) }),
			"severity":          of(nn(t.priority), "", func(a *domain.Assessment) any { return string(a.Severity) }),
			"urgency":           of(nn(graphql.NewList(nn(urgency))), "Why it is urgent: threats of violence, health harm, minors or the elderly involved.", func(a *domain.Assessment) any { return nonNil(a.Urgency) }),
			"suggestedReferral": of(ct.referral, "The body to consider referring to (POLICE for urgent cases).", func(a *domain.Assessment) any { return nonEmpty(string(a.SuggestedReferral)) }),
			"notes":             of(strList, "Facts the engine could not use.", func(a *domain.Assessment) any { return nonNil(a.Notes) }),
			"dismissed":         of(nn(graphql.NewList(nn(dismissed))), "Matches set aside (negated or an exception), for the reviewer to check.", func(a *domain.Assessment) any { return nonNil(a.Dismissed) }),
			"assessedAt":        of(str, "", func(a *domain.Assessment) any { return timeString(a.AssessedAt) }),
		}})
	staffOnly := func(fn func(p graphql.ResolveParams, c *domain.Complaint) (any, error)) graphql.FieldResolveFn {
		return resolve(func(p graphql.ResolveParams) (any, error) {
			c, _ := p.Source.(*domain.Complaint)
			if c == nil || !domain.ActorFrom(p.Context).Role.IsStaff() {
				return nil, nil
			}
			return fn(p, c)
		})
	}
	t.complaint.AddFieldConfig("assessment", &graphql.Field{Type: assessment,
		Description: "The rule engine's suggestions, severity and pack revision; staff only (null for others and before routing).",
		Resolve: staffOnly(func(_ graphql.ResolveParams, c *domain.Complaint) (any, error) {
			if c.Assessment == nil {
				return nil, nil
			}
			return c.Assessment, nil
		})})
	// What a complainant and the institution may know of the assessment: for each violation a
	// reviewer confirmed, the phrases of the narrative (which both read already) that showed it and
	// the law. Nothing else of it: not what was suggested and not confirmed, the confidence, the
	// severity, the pack, or evidence from messages, incidents or the debtor's details.
	narrativePhrase := graphql.NewObject(graphql.ObjectConfig{Name: "NarrativePhrase",
		Description: "A phrase of the complaint's narrative, at rune positions.",
		Fields: graphql.Fields{
			"phrase": of(nn(str), "", func(e domain.RuleEvidence) any { return e.Phrase }),
			"start":  of(nn(graphql.Int), "Rune position of the phrase in the narrative.", func(e domain.RuleEvidence) any { return e.Start }),
			"end":    of(nn(graphql.Int), "Rune position after the phrase.", func(e domain.RuleEvidence) any { return e.End }),
		}})
	confirmedFinding := graphql.NewObject(graphql.ObjectConfig{Name: "ConfirmedFinding",
		Description: "A violation the regulator confirmed, with what in the narrative showed it and the law it breaches.",
		Fields: graphql.Fields{
			"type":            of(nn(t.violation), "", func(v domain.SuggestedViolation) any { return string(v.Type) }),
			"phrases":         of(nn(graphql.NewList(nn(narrativePhrase))), "The narrative's phrases the rule engine matched; empty when it matched none.", func(v domain.SuggestedViolation) any { return nonNil(v.Evidence) }),
			"legalReferences": of(nn(graphql.NewList(nn(t.legalReference))), "", suggestedLaw),
		}})
	t.complaint.AddFieldConfig("confirmedFindings", &graphql.Field{Type: nn(graphql.NewList(nn(confirmedFinding))),
		Description: "For each of confirmedViolations the rule engine also found: the narrative's phrases that showed it and the law. " +
			"Whoever may read the complaint may read this (the complainant, the institution it was forwarded to): only the narrative's phrases, " +
			"and only for violations a reviewer confirmed.",
		Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
			c, _ := p.Source.(*domain.Complaint)
			if c == nil {
				return []domain.SuggestedViolation{}, nil
			}
			return c.ConfirmedFindings(), nil
		})})
	t.complaint.AddFieldConfig("routingVersion", &graphql.Field{Type: graphql.Int,
		Description: "The routing-table version that picked the team; staff only.",
		Resolve: staffOnly(func(_ graphql.ResolveParams, c *domain.Complaint) (any, error) {
			if c.RoutingVersion == 0 {
				return nil, nil
			}
			return c.RoutingVersion, nil
		})})
	t.complaint.AddFieldConfig("likelyDuplicates", &graphql.Field{Type: graphql.NewList(nn(t.complaint)),
		Description: "Earlier complaints of the same debtor against the same institution within 30 days, found at routing; " +
			"staff only, and only those the caller may see. Link them with linkComplaints.",
		Resolve: staffOnly(func(p graphql.ResolveParams, c *domain.Complaint) (any, error) {
			out := []*domain.Complaint{}
			// At most the limits' count of it (boundedLists): routing records no more.
			for _, id := range c.LikelyDuplicates[:min(len(c.LikelyDuplicates), domain.MaxLikelyDuplicates)] {
				d, err := r.Complaints.Get(p.Context, id)
				if domain.CodeOf(err) == domain.CodeNotFound {
					continue
				}
				if err != nil {
					return nil, err
				}
				out = append(out, d)
			}
			return out, nil
		})})

	rule := graphql.NewObject(graphql.ObjectConfig{Name: "RoutingRule", Description: "Province × product × violation type → team; * matches anything.",
		Fields: graphql.Fields{
			"province":  of(nn(str), "6-digit code or *.", func(x domain.RoutingRule) any { return x.Province }),
			"product":   of(nn(str), "A Product or *.", func(x domain.RoutingRule) any { return string(x.Product) }),
			"violation": of(nn(str), "A ViolationType or *.", func(x domain.RoutingRule) any { return string(x.Violation) }),
			"team":      of(nn(str), "", func(x domain.RoutingRule) any { return x.Team }),
		}})
	policy := graphql.NewObject(graphql.ObjectConfig{Name: "RoutingTeamPolicy", Fields: graphql.Fields{
		"team":              of(nn(str), "", func(x domain.TeamPolicy) any { return x.Team }),
		"assignLeastLoaded": of(nn(graphql.Boolean), "Assign each routed complaint to the team's reviewer with the fewest open complaints.", func(x domain.TeamPolicy) any { return x.AssignLeastLoaded }),
	}})
	t.routingTable = graphql.NewObject(graphql.ObjectConfig{Name: "RoutingTable", Description: "A version of the routing table; the most specific matching rule wins.",
		Fields: graphql.Fields{
			"version":     of(nn(graphql.Int), "", func(x domain.RoutingTable) any { return x.Version }),
			"rules":       of(nn(graphql.NewList(nn(rule))), "", func(x domain.RoutingTable) any { return nonNil(x.Rules) }),
			"teams":       of(nn(graphql.NewList(nn(policy))), "", func(x domain.RoutingTable) any { return nonNil(x.Teams) }),
			"reason":      of(str, "Why this version was made.", func(x domain.RoutingTable) any { return nonEmpty(x.Reason) }),
			"createdById": of(graphql.ID, "The admin who made it; null for the built-in table.", func(x domain.RoutingTable) any { return id64(x.CreatedBy) }),
			"createdAt":   of(str, "", func(x domain.RoutingTable) any { return timeString(x.CreatedAt) }),
		}})
	revision := graphql.NewObject(graphql.ObjectConfig{Name: "RulePackRevision", Description: "One stored revision of a rule pack: who changed it, when and why.",
		Fields: graphql.Fields{
			"jurisdiction": of(nn(t.jurisdiction), "", func(x rules.PackRecord) any { return string(x.ID) }),
			"revision":     of(nn(graphql.Int), "", func(x rules.PackRecord) any { return x.Revision }),
			"version":      of(nn(str), "The document's own version label.", func(x rules.PackRecord) any { return x.Edition }),
			"reason":       of(str, "", func(x rules.PackRecord) any { return nonEmpty(x.Reason) }),
			"createdById":  of(graphql.ID, "The admin who made it; null for the built-in pack.", func(x rules.PackRecord) any { return id64(x.CreatedBy) }),
			"createdAt":    of(str, "", func(x rules.PackRecord) any { return timeString(x.CreatedAt) }),
		}})

	return graphql.Fields{
		"routingTable": &graphql.Field{Type: nn(t.routingTable), Description: "The routing table in force, or one version of it (staff and admins).",
			Args: graphql.FieldConfigArgument{"version": {Type: graphql.Int}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.Routing.Table(p.Context, argInt(p, "version", 0))
			})},
		"routingTableVersions": &graphql.Field{Type: nn(graphql.NewList(nn(t.routingTable))), Description: "Every version of the routing table, newest first (staff and admins).",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.Routing.Versions(p.Context)
			})},
		"validateRoutingTable": &graphql.Field{Type: nn(graphql.Boolean),
			Description: "Check a draft of the routing table as updateRoutingTable would, without publishing it (administrators): " +
				"true when it may be published, else BAD_USER_INPUT on the field at fault (input.rules.3.province).",
			Args: graphql.FieldConfigArgument{"input": {Type: nn(routingTableInput(t))}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				if err := r.Routing.Check(p.Context, routingTableArg(p.Args["input"])); err != nil {
					return nil, err
				}
				return true, nil
			})},
		"rulePacks": &graphql.Field{Type: nn(graphql.NewList(nn(t.rulePack))), Description: "The rule pack in force of every jurisdiction (public).",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				var out []*rules.StoredPack
				for _, j := range []rules.Jurisdiction{rules.CN, rules.US} {
					sp, err := r.currentPack(p.Context, string(j))
					if err != nil {
						return nil, err
					}
					out = append(out, sp)
				}
				return out, nil
			})},
		"rulePackRevisions": &graphql.Field{Type: nn(graphql.NewList(nn(revision))), Description: "Every revision of a jurisdiction's pack, newest first (staff and admins).",
			Args: graphql.FieldConfigArgument{"jurisdiction": {Type: nn(t.jurisdiction)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.RulePacks.Revisions(p.Context, rules.Jurisdiction(argString(p, "jurisdiction")))
			})},
	}
}

// triageMutations are the admins' edits of the routing table and the rule packs, and staff's
// rerouting of a complaint.
func (r *resolvers) triageMutations(t *types) graphql.Fields {
	nn, text := graphql.NewNonNull, graphql.String
	tableInput := routingTableInput(t)
	return graphql.Fields{
		"updateRoutingTable": &graphql.Field{Type: nn(t.routingTable),
			Description: "Replace the routing table (admins): the table becomes the next version, recorded in the audit log. " +
				"expectedVersion, when given, must be the current version (else CONFLICT).",
			Args: graphql.FieldConfigArgument{"input": {Type: nn(tableInput)}, "reason": {Type: nn(text)}, "expectedVersion": {Type: graphql.Int}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.Routing.Update(p.Context, routingTableArg(p.Args["input"]), argString(p, "reason"), argInt(p, "expectedVersion", 0))
			})},
		"updateRulePack": &graphql.Field{Type: nn(t.rulePack),
			Description: "Replace a jurisdiction's rule pack with a new JSON document (admins; start from rulePack.document). " +
				"It is validated as the engine loads it, stored as the next revision and recorded in the audit log; " +
				"complaints routed from then on are judged by it. expectedRevision, when given, must be the current revision.",
			Args: graphql.FieldConfigArgument{"jurisdiction": {Type: nn(t.jurisdiction)}, "document": {Type: nn(text)},
				"reason": {Type: nn(text)}, "expectedRevision": {Type: graphql.Int}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.RulePacks.Update(p.Context, rules.Jurisdiction(argString(p, "jurisdiction")), []byte(argString(p, "document")),
					argString(p, "reason"), argInt(p, "expectedRevision", 0))
			})},
		"rerouteComplaint": &graphql.Field{Type: nn(t.complaint),
			Description: "Move a complaint to another team's queue (reviewers, supervisors); the reason goes into its history.",
			Args:        complaintArgs(graphql.FieldConfigArgument{"team": {Type: nn(text)}, "reason": {Type: nn(text)}}),
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := r.complaintID(p, "id")
				if err != nil {
					return nil, err
				}
				c, err := r.Complaints.Reroute(p.Context, id, argString(p, "team"), argString(p, "reason"), argInt(p, "expectedVersion", 0))
				return c, notFoundOn(err, "id")
			})},
	}
}

// routingTableInput is the RoutingTableInput type, built once per schema (validateRoutingTable and
// updateRoutingTable take it).
func routingTableInput(t *types) *graphql.InputObject {
	if t.routingTableInput != nil {
		return t.routingTableInput
	}
	nn, text := graphql.NewNonNull, graphql.String
	ruleInput := graphql.NewInputObject(graphql.InputObjectConfig{Name: "RoutingRuleInput", Fields: graphql.InputObjectConfigFieldMap{
		"province":  {Type: text, DefaultValue: "*", Description: "6-digit code or * (the default)."},
		"product":   {Type: text, DefaultValue: "*", Description: "A Product or * (the default)."},
		"violation": {Type: text, DefaultValue: "*", Description: "A ViolationType or * (the default)."},
		"team":      {Type: nn(text)},
	}})
	policyInput := graphql.NewInputObject(graphql.InputObjectConfig{Name: "RoutingTeamPolicyInput", Fields: graphql.InputObjectConfigFieldMap{
		"team":              {Type: nn(text)},
		"assignLeastLoaded": {Type: graphql.Boolean, DefaultValue: false},
	}})
	t.routingTableInput = graphql.NewInputObject(graphql.InputObjectConfig{Name: "RoutingTableInput", Fields: graphql.InputObjectConfigFieldMap{
		"rules": {Type: nn(graphql.NewList(nn(ruleInput))), Description: "Include a catch-all rule (all keys *)."},
		"teams": {Type: graphql.NewList(nn(policyInput))},
	}})
	return t.routingTableInput
}

// routingTableArg decodes a RoutingTableInput.
func routingTableArg(v any) domain.RoutingTable {
	in, _ := v.(map[string]any)
	var table domain.RoutingTable
	for _, v := range listArg(in["rules"]) {
		m, _ := v.(map[string]any)
		table.Rules = append(table.Rules, domain.RoutingRule{Province: str(m["province"]), Product: domain.Product(str(m["product"])),
			Violation: domain.ViolationType(str(m["violation"])), Team: str(m["team"])})
	}
	for _, v := range listArg(in["teams"]) {
		m, _ := v.(map[string]any)
		least, _ := m["assignLeastLoaded"].(bool)
		table.Teams = append(table.Teams, domain.TeamPolicy{Team: str(m["team"]), AssignLeastLoaded: least})
	}
	return table
}

func listArg(v any) []any {
	l, _ := v.([]any)
	return l
}

// evidencePos gives a phrase's rune position, or null for rule evidence that has no phrase.
func evidencePos(e domain.RuleEvidence, pos int) any {
	if e.Phrase == "" {
		return nil
	}
	return pos
}

// suggestedLaw is the law a suggested violation breaches, as the API gives legal references.
func suggestedLaw(v domain.SuggestedViolation) any {
	out := make([]rules.LegalRef, len(v.Legal))
	for i, l := range v.Legal {
		out[i] = rules.LegalRef{Law: l.Law, Article: l.Article, SummaryZH: l.SummaryZH, SummaryEN: l.SummaryEN}
	}
	return out
}
