package graph

import (
	"context"
	"time"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
)

// deadlineTypes are the schema types of a complaint's clocks, built once per schema.
type deadlineTypes struct {
	deadline *graphql.Object
}

var deadlineTypesFor perSchema[deadlineTypes]

func (r *resolvers) deadlineTypes(t *types) *deadlineTypes {
	return deadlineTypesFor.get(t, func() *deadlineTypes { return r.newDeadlineTypes(t) })
}

func (r *resolvers) newDeadlineTypes(t *types) *deadlineTypes {
	str, nn := graphql.String, graphql.NewNonNull
	kind := enum("DeadlineKind", "What a clock waits for.", string(domain.DeadlineAcceptance), string(domain.DeadlineInstitutionResponse), string(domain.DeadlineFeedback))
	state := enum("DeadlineState", "Where a clock stands.", string(domain.DeadlineOpen), string(domain.DeadlineMet), string(domain.DeadlineBreached), string(domain.DeadlineCancelled))
	reason := enum("PauseReason", "Why a clock is stopped.", string(domain.PauseWaitingForComplainant), string(domain.PauseOutsideAppraisal))
	dt := &deadlineTypes{deadline: graphql.NewObject(graphql.ObjectConfig{Name: "Deadline",
		Description: "One clock of a complaint (docs/DEADLINES.md): the regulator's acceptance decision, an institution's answer, or the complainant's feedback window.",
		Fields: graphql.Fields{
			"id":            of(nn(graphql.ID), "", func(d *domain.Deadline) any { return d.ID }),
			"kind":          of(nn(kind), "", func(d *domain.Deadline) any { return string(d.Kind) }),
			"institutionId": of(graphql.ID, "The institution that must answer (INSTITUTION_RESPONSE).", func(d *domain.Deadline) any { return id64(d.InstitutionID) }),
			"state":         of(nn(state), "", func(d *domain.Deadline) any { return string(d.State) }),
			"stage":         of(nn(str), "STANDARD, or the extension granted: EXTENDED, SENIOR_EXTENDED (30 and 60 days in the built-in CN policy; the days are those of the policy edition the clock started under).", func(d *domain.Deadline) any { return d.Stage }),
			"startedAt":     of(nn(str), "", func(d *domain.Deadline) any { return timeString(d.StartedAt) }),
			"dueAt":         of(nn(str), "The end of the due day (23:59:59 in the calendar's zone); while paused, the due instant before the pause, which moves when the clock restarts.", func(d *domain.Deadline) any { return timeString(d.DueAt) }),
			"paused":        of(nn(graphql.Boolean), "The clock is stopped; a stopped clock is never overdue.", func(d *domain.Deadline) any { return d.State == domain.DeadlineOpen && d.Paused() }),
			"pausedSince":   of(str, "", func(d *domain.Deadline) any { return timeString(d.PausedAt) }),
			"pauseReason":   of(reason, "", func(d *domain.Deadline) any { return nonEmpty(string(d.PauseReason)) }),
			"pausedDays":    of(nn(graphql.Int), "Days, in the clock's unit, that ended pauses moved the due day.", func(d *domain.Deadline) any { return d.PausedDays }),
			"workingDays":   of(nn(graphql.Boolean), "The clock counts working days (holidays out, make-up days in); otherwise calendar days.", func(d *domain.Deadline) any { return d.Unit == "WORKING_DAYS" }),
			"calendar":      of(nn(str), "The jurisdiction whose business calendar counts the clock (CN, US).", func(d *domain.Deadline) any { return d.Jurisdiction }),
			"provisional":   of(nn(graphql.Boolean), "The count reached a year whose holidays are not yet published, counted as weekends only.", func(d *domain.Deadline) any { return d.Provisional }),
			"provisionalYear": of(graphql.Int, "When provisional, the year whose holidays the count lacked: the first year from the start day to the due day (in the calendar's zone) the calendar in force has no data for, "+
				"or the due day's year once the data is published and the clock not yet recounted; null when not provisional.", func(d *domain.Deadline) any {
				if !d.Provisional {
					return nil
				}
				cal := r.calendarOf(d.Jurisdiction)
				if cal == nil {
					return nil
				}
				if y := cal.MissingYear(d.StartedAt, d.DueAt); y != 0 {
					return y
				}
				return cal.DateOf(d.DueAt).Year
			}),
			"dueDate": of(str, "The due day (YYYY-MM-DD) in the calendar's zone: the day dueAt ends, which in another zone may read as the next day (a US clock's 23:59:59 in New York is the next morning in Beijing).", func(d *domain.Deadline) any {
				cal := r.calendarOf(d.Jurisdiction)
				if cal == nil || d.DueAt.IsZero() {
					return nil
				}
				return cal.DateOf(d.DueAt).String()
			}),
			"timeZone": of(str, "The calendar's time zone (IANA, e.g. Asia/Shanghai, America/New_York): the zone its days begin and end in, in which lists show the complaint's days and times.", func(d *domain.Deadline) any {
				cal := r.calendarOf(d.Jurisdiction)
				if cal == nil {
					return nil
				}
				return cal.Location().String()
			}),
			"metAt":      of(str, "When the awaited step happened (late if the clock was BREACHED).", func(d *domain.Deadline) any { return timeString(d.MetAt) }),
			"breachedAt": of(str, "", func(d *domain.Deadline) any { return timeString(d.BreachedAt) }),
		}})}
	return dt
}

// deadlineQueries adds Complaint.deadlines and Complaint.untimely.
func (r *resolvers) deadlineQueries(t *types) graphql.Fields {
	dt := r.deadlineTypes(t)
	t.complaint.AddFieldConfig("deadlines", &graphql.Field{Type: graphql.NewList(graphql.NewNonNull(dt.deadline)),
		Description: "The complaint's clocks, oldest first: all of them for the complainant and staff, its own answer's clock for an institution.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			return thunk(p, loadersFrom(p.Context).deadlines.load(p.Context, p.Source.(*domain.Complaint)),
				func(ds []domain.Deadline) any { return ptrs(ds) }), nil
		}})
	stage := graphql.NewObject(graphql.ObjectConfig{Name: "ExtensionStage", Description: "A length of the answer clock an institution may ask to extend it to.", Fields: graphql.Fields{
		"days":          of(graphql.NewNonNull(graphql.Int), "The answer's time in all, in the clock's days: the days requestExtension takes.", func(st *domain.DeadlineStage) any { return st.Days }),
		"needsApproval": of(graphql.NewNonNull(graphql.Boolean), "A supervisor decides the request; otherwise it is granted at once.", func(st *domain.DeadlineStage) any { return st.NeedsApproval() }),
		"untilDate": of(graphql.String, "The end of the day the answer would then be due (23:59:59 in the calendar's zone, RFC 3339), counted on the clock's business calendar with its pauses (while paused, as dueAt, the day before the pause, which moves when the clock restarts); "+
			"null when it cannot be counted (a complaint forwarded before clocks were stored).", func(st *domain.DeadlineStage) any {
			if st.Until.IsZero() {
				return nil
			}
			return timeString(st.Until)
		}),
	}})
	unavailable := graphql.NewObject(graphql.ObjectConfig{Name: "ExtensionUnavailable",
		Description: "Why the signed-in institution may ask for no extension now: the rule requestExtension applies, which would refuse the request with this code and reason.",
		Fields: graphql.Fields{
			"code": of(graphql.NewNonNull(graphql.String), "The error code requestExtension would answer (CONFLICT, BAD_USER_INPUT, FORBIDDEN).", func(u *domain.ExtensionUnavailable) any { return string(u.Err.Code) }),
			"reason": of(graphql.NewNonNull(enum("ExtensionUnavailableReason", "Why no extension may be asked for: NOT_RECIPIENT (not an institution the complaint went to), NOT_FORWARDED (the complaint does not await answers), "+
				"ANSWERED (the final answer was given), DUE_PASSED (the answer clock passed its due day), NO_CLOCK (no answer clock runs), AT_LONGEST_STAGE (the clock is at its last stage; days is its length), "+
				"EXTENSION_PENDING (the institution's own request awaits a supervisor), EXTENSION_LIMIT (a supervisor denied the next stage twice, the most that may be asked; days is that stage).",
				domain.ExtensionUnavailableReasons...)), "", func(u *domain.ExtensionUnavailable) any { return u.Reason }),
			"message": of(graphql.NewNonNull(graphql.String), "requestExtension's message, in English; a client words the reason itself in its own language.", func(u *domain.ExtensionUnavailable) any { return u.Err.Message }),
			"days":    of(graphql.Int, "The stage concerned, in the clock's days: the longest (AT_LONGEST_STAGE), the one denied (EXTENSION_LIMIT); null otherwise.", func(u *domain.ExtensionUnavailable) any { return nonZero(u.Days) }),
		}})
	// offer resolves the extension offer of a forwarded complaint for an institution, with the
	// page's clocks and extension requests each read in one statement.
	offer := func(p graphql.ResolveParams, pick func(*domain.DeadlineStage, *domain.ExtensionUnavailable) any) (any, error) {
		c, _ := p.Source.(*domain.Complaint)
		if c == nil || c.Status != domain.StatusForwarded || !domain.ActorFrom(p.Context).Role.IsInstitution() {
			return nil, nil
		}
		l := loadersFrom(p.Context)
		requests := l.extensionRequests.load(p.Context, c)
		return thunk(p, l.deadlines.load(p.Context, c), func(ds []domain.Deadline) any {
			withClocks := *c
			withClocks.Deadlines = ds
			return pick(r.Complaints.ExtensionOffer(p.Context, &withClocks, requests))
		}), nil
	}
	t.complaint.AddFieldConfig("nextExtension", &graphql.Field{Type: stage,
		Description: "The extension the signed-in institution may ask for now, from the deadline policy its answer clock started under (30 days, then 60 with a supervisor's approval, in the built-in CN policy); " +
			"null when it may ask for none: extensionUnavailable then says why. requestExtension applies the same rule when asked.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			return offer(p, func(st *domain.DeadlineStage, _ *domain.ExtensionUnavailable) any {
				if st == nil {
					return nil
				}
				return st
			})
		}})
	t.complaint.AddFieldConfig("extensionUnavailable", &graphql.Field{Type: unavailable,
		Description: "For the signed-in institution on a forwarded complaint: why it may ask for no extension now (nextExtension is null), from the rule requestExtension applies; null when it may ask for one, and for other roles.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			return offer(p, func(_ *domain.DeadlineStage, no *domain.ExtensionUnavailable) any {
				if no == nil {
					return nil
				}
				return no
			})
		}})
	t.complaint.AddFieldConfig("untimely", of(graphql.NewNonNull(graphql.Boolean),
		"An institution's answer deadline passed with no answer, or the answer came late.", func(c *domain.Complaint) any { return c.Untimely }))
	return graphql.Fields{}
}

// deadlineMutations are the institution's outside-appraisal pause and restart.
func (r *resolvers) deadlineMutations(t *types) graphql.Fields {
	nn, complaint := graphql.NewNonNull, graphql.NewNonNull(t.complaint)
	cs := r.Complaints
	return graphql.Fields{
		"startAppraisal": {Type: complaint,
			Description: "Institution: stop your answer's clock while an outside appraisal (鉴定) is awaited; the complainant is told. note says which appraisal. At most 3 times per clock (CONFLICT on id, reason APPRAISAL_LIMIT); ask for an extension instead. One pause lasts at most REDLINE_MAX_APPRAISAL_DAYS (60 by default): the deadline sweep then ends it and the clock runs again.",
			Args:        complaintArgs(graphql.FieldConfigArgument{"note": {Type: nn(graphql.String)}}),
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := r.complaintID(p, "id")
				if err != nil {
					return nil, err
				}
				c, err := cs.StartAppraisal(p.Context, id, argString(p, "note"), argInt(p, "expectedVersion", 0))
				return c, notFoundOn(err, "id")
			})},
		"endAppraisal": {Type: complaint,
			Description: "Institution: the outside appraisal is back; your answer's clock runs again and its due date moves by the days it was stopped.",
			Args:        complaintArgs(nil),
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := r.complaintID(p, "id")
				if err != nil {
					return nil, err
				}
				c, err := cs.EndAppraisal(p.Context, id, argInt(p, "expectedVersion", 0))
				return c, notFoundOn(err, "id")
			})},
	}
}

// deadlinePolicyQueries serve the deadline policies (data files built into the release,
// domain/deadline) and the business calendars in force; admins publish a calendar's next edition
// with updateCalendar (built here, added with the mutations).
func (r *resolvers) deadlinePolicyQueries(t *types) graphql.Fields {
	nn, str := graphql.NewNonNull, graphql.String
	docs := graphql.NewObject(graphql.ObjectConfig{Name: "DeadlineRules",
		Description: "A jurisdiction's deadline policies and business calendar as the platform counts them (docs/DEADLINES.md).",
		Fields: graphql.Fields{
			"jurisdiction":    of(nn(t.jurisdiction), "", func(d deadlineDocs) any { return d.jurisdiction }),
			"calendar":        of(nn(str), "The business calendar in force as JSON: time zone, weekend, and per year the holidays and make-up workdays with their source.", func(d deadlineDocs) any { return d.calendar }),
			"calendarVersion": of(nn(graphql.Int), "The calendar's edition: 1 is the one built into the release, admins publish the next ones.", func(d deadlineDocs) any { return d.calendarVersion }),
			"calendarReason":  of(nn(str), "Why the edition in force was published (\"built-in\" for version 1).", func(d deadlineDocs) any { return d.calendarReason }),
			"calendarPublishedAt": of(str, "When the edition in force was published (null for the built-in one).", func(d deadlineDocs) any {
				return timeString(d.calendarAt)
			}),
			"policies":       of(nn(graphql.NewList(nn(str))), "Every edition of the deadline policy as JSON, oldest first (the built-in ones, then those admins published): per clock its unit, days per stage, approvers, pauses, reminders and legal basis.", func(d deadlineDocs) any { return d.policies }),
			"policy":         of(nn(str), "The deadline policy edition in force as JSON; admins edit it and publish it with updateDeadlinePolicy.", func(d deadlineDocs) any { return d.policy }),
			"policyRevision": of(nn(graphql.Int), "The policy's revision: the built-in editions are 1…n, admins publish the next ones.", func(d deadlineDocs) any { return d.policyRevision }),
			"policyVersion":  of(nn(str), "The version clocks started under the edition in force record.", func(d deadlineDocs) any { return d.policyVersion }),
			"policyReason":   of(nn(str), "Why the policy in force was published (\"built-in\" for the release's).", func(d deadlineDocs) any { return d.policyReason }),
			"policyAt":       of(str, "When the policy in force was published (null for a built-in one).", func(d deadlineDocs) any { return timeString(d.policyAt) }),
		}})
	load := func(ctx context.Context, j string) (deadlineDocs, error) {
		var e deadline.CalendarEdition
		var err error
		if r.Calendars != nil {
			e, err = r.Calendars.Current(ctx, j)
		} else {
			e, err = (&deadline.Calendars{}).Current(ctx, j)
		}
		if err != nil {
			return deadlineDocs{}, err
		}
		pols, err := deadline.BuiltinPolicyDocuments(j)
		if err != nil {
			return deadlineDocs{}, err
		}
		pe, err := r.Policies.Current(ctx, j)
		if err != nil {
			return deadlineDocs{}, err
		}
		d := deadlineDocs{jurisdiction: j, calendar: string(e.Document), calendarVersion: e.Version, calendarReason: e.Reason, calendarAt: e.CreatedAt,
			policy: string(pe.Document), policyRevision: pe.Revision, policyVersion: pe.Version, policyReason: pe.Reason, policyAt: pe.CreatedAt}
		for _, p := range pols {
			d.policies = append(d.policies, string(p))
		}
		if r.Policies != nil && r.Policies.Store != nil {
			stored, err := r.Policies.Store.PolicyEditions(ctx, j)
			if err != nil {
				return deadlineDocs{}, err
			}
			for _, p := range stored {
				d.policies = append(d.policies, string(p.Document))
			}
		}
		return d, nil
	}
	r.calendarMutations = graphql.Fields{
		"updateCalendar": &graphql.Field{Type: nn(docs),
			Description: "Publish a jurisdiction's business calendar (admins; start from deadlineRules.calendar): validated as the built-in ones are, " +
				"it may not drop a year, becomes the next edition and is recorded in the admin audit log. New clocks count with it at once, open ones " +
				"from their next change. expectedVersion, when given, must be the edition in force (else CONFLICT).",
			Args: graphql.FieldConfigArgument{"jurisdiction": {Type: nn(t.jurisdiction)}, "document": {Type: nn(str)}, "reason": {Type: nn(str)},
				"expectedVersion": {Type: graphql.Int}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				if r.Calendars == nil {
					return nil, domain.ErrForbidden
				}
				j := argString(p, "jurisdiction")
				if _, err := r.Calendars.Publish(p.Context, j, argString(p, "document"), argString(p, "reason"), argInt(p, "expectedVersion", 0)); err != nil {
					return nil, err
				}
				return load(p.Context, j)
			})},
		"updateDeadlinePolicy": &graphql.Field{Type: nn(docs),
			Description: "Publish a jurisdiction's deadline policy (admins; start from deadlineRules.policy): days per stage from 1 to 365, WORKING_DAYS or " +
				"CALENDAR_DAYS, stages strictly longer one after the other, the longest extension at most 4 times the first stage. It becomes the next " +
				"revision, takes effect at once for clocks started from then on (open clocks keep the edition they started under) and is recorded in " +
				"the admin audit log. expectedRevision, when given, must be the revision in force (else CONFLICT).",
			Args: graphql.FieldConfigArgument{"jurisdiction": {Type: nn(t.jurisdiction)}, "document": {Type: nn(str)}, "reason": {Type: nn(str)},
				"expectedRevision": {Type: graphql.Int}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				if r.Policies == nil {
					return nil, domain.ErrForbidden
				}
				j := argString(p, "jurisdiction")
				if _, err := r.Policies.Publish(p.Context, j, argString(p, "document"), argString(p, "reason"), argInt(p, "expectedRevision", 0)); err != nil {
					return nil, err
				}
				return load(p.Context, j)
			})},
	}
	return graphql.Fields{
		"deadlineRules": &graphql.Field{Type: nn(docs),
			Description: "The deadline policies and the business calendar in force of a jurisdiction (public: they are law and published holidays).",
			Args:        graphql.FieldConfigArgument{"jurisdiction": {Type: t.jurisdiction, DefaultValue: "CN"}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return load(p.Context, argString(p, "jurisdiction"))
			})},
	}
}

type deadlineDocs struct {
	jurisdiction, calendar string
	calendarVersion        int
	calendarReason         string
	calendarAt             time.Time
	policies               []string
	policy, policyVersion  string
	policyRevision         int
	policyReason           string
	policyAt               time.Time
}

// calendarOf is the business calendar in force for a jurisdiction (the built-in one without
// published editions), nil when there is none.
func (r *resolvers) calendarOf(jurisdiction string) *deadline.Calendar {
	if jurisdiction == "" {
		jurisdiction = "CN"
	}
	var (
		cal *deadline.Calendar
		err error
	)
	if r.Calendars != nil {
		cal, err = r.Calendars.Calendar(jurisdiction)
	} else {
		cal, err = deadline.BuiltinCalendar(jurisdiction)
	}
	if err != nil {
		return nil
	}
	return cal
}
