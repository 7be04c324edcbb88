package graph

import (
	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// reassessType is the RuleReassessment type: a job that judges existing complaints again with the
// rule packs in force.
func reassessType(t *types) *graphql.Object {
	nn, text, integer := graphql.NewNonNull, graphql.String, graphql.Int
	state := enum("RuleReassessmentState", "Where a rule reassessment job stands.",
		string(domain.ReassessQueued), string(domain.ReassessRunning), string(domain.ReassessDone), string(domain.ReassessFailed))
	return graphql.NewObject(graphql.ObjectConfig{Name: "RuleReassessment",
		Description: "A job that judges the complaints filed since a day again with the rule packs in force (redline rules reassess).",
		Fields: graphql.Fields{
			"id":    of(nn(graphql.ID), "", func(j *domain.RuleReassessment) any { return j.ID }),
			"since": of(nn(text), "Complaints filed from this instant on.", func(j *domain.RuleReassessment) any { return timeString(j.Since) }),
			"state": of(nn(state), "", func(j *domain.RuleReassessment) any { return string(j.State) }),
			"cursor": of(graphql.ID, "The last complaint judged; a resumed job goes on after it.",
				func(j *domain.RuleReassessment) any { return nonEmpty(j.Cursor) }),
			"changed":   of(nn(integer), "Complaints whose flagged violations or severity changed.", func(j *domain.RuleReassessment) any { return j.Changed }),
			"unchanged": of(nn(integer), "", func(j *domain.RuleReassessment) any { return j.Unchanged }),
			"requestedById": of(graphql.ID, "The admin who started it; null for the command line and the publish hook.",
				func(j *domain.RuleReassessment) any {
					if j.RequestedBy == 0 {
						return nil
					}
					return j.RequestedBy
				}),
			"reason":     of(text, "", func(j *domain.RuleReassessment) any { return nonEmpty(j.Reason) }),
			"error":      of(text, "Why the job failed.", func(j *domain.RuleReassessment) any { return nonEmpty(j.Error) }),
			"createdAt":  of(nn(text), "", func(j *domain.RuleReassessment) any { return timeString(j.CreatedAt) }),
			"updatedAt":  of(nn(text), "", func(j *domain.RuleReassessment) any { return timeString(j.UpdatedAt) }),
			"finishedAt": of(text, "", func(j *domain.RuleReassessment) any { return timeString(j.FinishedAt) }),
		}})
}

// reassessFields are the query reassessJobs and the mutation reassessRules.
func (r *resolvers) reassessFields(t *types) (queries, mutations graphql.Fields) {
	if r.Reassessments == nil {
		return graphql.Fields{}, graphql.Fields{}
	}
	job := reassessType(t)
	nn := graphql.NewNonNull
	queries = graphql.Fields{
		"reassessJobs": &graphql.Field{Type: nn(graphql.NewList(nn(job))),
			Description: "The latest rule reassessment jobs, newest first (staff and admins).",
			Args:        graphql.FieldConfigArgument{"first": {Type: graphql.Int, DefaultValue: 20}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.Reassessments.List(p.Context, argInt(p, "first", 20))
			})},
	}
	// statsReassessment is the latest job as the statistics' readers see it: its state, day and
	// counts, not who started it, why, or its cursor (a complaint id).
	brief := graphql.NewObject(graphql.ObjectConfig{Name: "StatsReassessment",
		Description: "The latest rule reassessment job, as the statistics' readers see it.",
		Fields: graphql.Fields{
			"state":      of(job.Fields()["state"].Type, "", func(j *domain.RuleReassessment) any { return string(j.State) }),
			"since":      of(nn(graphql.String), "Complaints filed from this instant on were judged again.", func(j *domain.RuleReassessment) any { return timeString(j.Since) }),
			"changed":    of(nn(graphql.Int), "Complaints whose flagged violations or severity changed (so far, while it runs).", func(j *domain.RuleReassessment) any { return j.Changed }),
			"unchanged":  of(nn(graphql.Int), "", func(j *domain.RuleReassessment) any { return j.Unchanged }),
			"createdAt":  of(nn(graphql.String), "When it started: it judges with the rule packs in force then.", func(j *domain.RuleReassessment) any { return timeString(j.CreatedAt) }),
			"finishedAt": of(graphql.String, "", func(j *domain.RuleReassessment) any { return timeString(j.FinishedAt) }),
		}})
	queries["statsReassessment"] = &graphql.Field{Type: brief,
		Description: "The latest rule reassessment job, for the readers of the statistics (analysts, supervisors, admins): " +
			"with rulePacks, whether the violation figures (the engine's flags of complaints not yet classified) follow the " +
			"revision in force. null when no job ran.",
		Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
			j, err := r.Reassessments.Latest(p.Context)
			if err != nil || j == nil {
				return nil, err
			}
			return j, nil
		})}
	mutations = graphql.Fields{
		"reassessRules": &graphql.Field{Type: nn(job),
			Description: "Judge every complaint filed since a day (YYYY-MM-DD, China time) again with the rule packs in force, in the " +
				"background (admins). Complaints whose flagged violations or severity change get the new assessment and a " +
				"RULES_REASSESSED history entry, and the statistics follow.",
			Args: graphql.FieldConfigArgument{"since": {Type: nn(graphql.String)}, "reason": {Type: graphql.String}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				since, err := domain.ParseReassessSince(argString(p, "since"))
				if err != nil {
					return nil, err
				}
				return r.Reassessments.Start(p.Context, since, argString(p, "reason"))
			})},
	}
	return queries, mutations
}
