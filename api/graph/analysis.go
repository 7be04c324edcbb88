package graph

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules"
)

// Limits on analyzeMessages input: it is public, so it must stay cheap. The cost grows with the
// characters analysed: at most maxAnalyzedRunes per request, and Deps.AnalysisBudget bounds them
// per client address over time.
const (
	maxAnalyzedMessages = 20
	maxMessageRunes     = 2000
	maxAnalyzedRunes    = 10000
	maxSenderRunes      = 40
)

// analysisQueries are the public rule-pack queries: analyzeMessages and rulePack. It also adds
// legalReferences to ViolationInfo, so that violationTypes carries the pack's law.
func (r *resolvers) analysisQueries(t *types) graphql.Fields {
	legal := graphql.NewObject(graphql.ObjectConfig{Name: "LegalReference", Description: "A provision a violation breaches.",
		Fields: graphql.Fields{
			"law":       of(graphql.NewNonNull(graphql.String), "The law or rule, e.g. 民法典 or FDCPA.", func(l rules.LegalRef) any { return l.Law }),
			"article":   of(graphql.String, "Article or section; empty for an instrument cited as a whole.", func(l rules.LegalRef) any { return nonEmpty(l.Article) }),
			"summaryZh": of(graphql.NewNonNull(graphql.String), "", func(l rules.LegalRef) any { return l.SummaryZH }),
			"summaryEn": of(graphql.NewNonNull(graphql.String), "", func(l rules.LegalRef) any { return l.SummaryEN }),
		}})
	legalList := graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(legal)))
	strList := graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String)))

	evidence := graphql.NewObject(graphql.ObjectConfig{Name: "RuleEvidence", Description: "What triggered a finding: a phrase in a text, or an incident rule.",
		Fields: graphql.Fields{
			"source":     of(graphql.NewNonNull(graphql.String), `Where: "narrative", "messages[2]", "incidents[0]".`, func(e rules.Evidence) any { return e.Source }),
			"phrase":     of(graphql.String, "The matched text.", func(e rules.Evidence) any { return nonEmpty(e.Phrase) }),
			"start":      of(graphql.Int, "Rune position of the phrase in its text.", func(e rules.Evidence) any { return phrasePos(e, e.Start) }),
			"end":        of(graphql.Int, "Rune position after the phrase.", func(e rules.Evidence) any { return phrasePos(e, e.End) }),
			"rule":       of(graphql.String, "The incident rule, e.g. a call outside the allowed hours.", func(e rules.Evidence) any { return nonEmpty(e.Rule) }),
			"ruleZh":     of(graphql.String, "The incident rule in Chinese, where the rule explains a finding in words (no phrase).", func(e rules.Evidence) any { return nonEmpty(e.RuleZh) }),
			"confidence": of(graphql.NewNonNull(graphql.Float), "", func(e rules.Evidence) any { return e.Confidence }),
			"modifiers":  of(strList, `"question", "hypothetical".`, func(e rules.Evidence) any { return nonNil(e.Modifiers) }),
		}})
	finding := graphql.NewObject(graphql.ObjectConfig{Name: "ViolationFinding", Description: "A violation the rule pack found, with its evidence and law.",
		Fields: graphql.Fields{
			"code":            of(graphql.NewNonNull(t.violation), "", func(f rules.Finding) any { return string(f.Type) }),
			"confidence":      of(graphql.NewNonNull(graphql.Float), "0–1.", func(f rules.Finding) any { return f.Confidence }),
			"evidence":        of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(evidence))), "", func(f rules.Finding) any { return f.Evidence }),
			"legalReferences": of(legalList, "", func(f rules.Finding) any { return f.Legal }),
		}})
	senderKind := enum("SenderKind", "What a sender number shows: an institution's platform sender (106…) or a personal mobile.",
		string(rules.SenderPlatform), string(rules.SenderPersonal), string(rules.SenderUnknown))
	disclosureItem := enum("DisclosureItem", "What a collection message must state.",
		string(rules.DiscloseCreditor), string(rules.DiscloseAmount), string(rules.DiscloseContract), string(rules.DiscloseAccount))
	line := graphql.NewObject(graphql.ObjectConfig{Name: "MessageLine", Description: "A phrase in a message that shows a violation.",
		Fields: graphql.Fields{
			"code":            of(graphql.NewNonNull(t.violation), "", func(l rules.Line) any { return string(l.Type) }),
			"phrase":          of(graphql.NewNonNull(graphql.String), "", func(l rules.Line) any { return l.Phrase }),
			"start":           of(graphql.NewNonNull(graphql.Int), "Rune position in the message.", func(l rules.Line) any { return l.Start }),
			"end":             of(graphql.NewNonNull(graphql.Int), "", func(l rules.Line) any { return l.End }),
			"sentence":        of(graphql.NewNonNull(graphql.String), "", func(l rules.Line) any { return l.Sentence }),
			"confidence":      of(graphql.NewNonNull(graphql.Float), "", func(l rules.Line) any { return l.Confidence }),
			"modifiers":       of(strList, "", func(l rules.Line) any { return nonNil(l.Modifiers) }),
			"legalReferences": of(legalList, "", func(l rules.Line) any { return l.Legal }),
		}})
	report := graphql.NewObject(graphql.ObjectConfig{Name: "MessageReport", Description: "What one collector message shows.",
		Fields: graphql.Fields{
			"index":      of(graphql.NewNonNull(graphql.Int), "", func(m rules.MessageReport) any { return m.Index }),
			"sender":     of(graphql.String, "", func(m rules.MessageReport) any { return nonEmpty(m.Sender) }),
			"senderKind": of(graphql.NewNonNull(senderKind), "", func(m rules.MessageReport) any { return string(m.SenderKind) }),
			"disclosed": of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(disclosureItem))), "", func(m rules.MessageReport) any {
				var out []string
				for _, item := range []rules.DisclosureItem{rules.DiscloseCreditor, rules.DiscloseAmount, rules.DiscloseContract, rules.DiscloseAccount} {
					if _, ok := m.Disclosed[item]; ok {
						out = append(out, string(item))
					}
				}
				return nonNil(out)
			}),
			"lines": of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(line))), "", func(m rules.MessageReport) any { return nonNil(m.Lines) }),
		}})
	analysis := graphql.NewObject(graphql.ObjectConfig{Name: "MessageAnalysis", Description: "What a collector's messages show, before filing.",
		Fields: graphql.Fields{
			"jurisdiction": of(graphql.NewNonNull(t.jurisdiction), "", func(a rules.MessageAnalysis) any { return string(a.Jurisdiction) }),
			"packVersion":  of(graphql.NewNonNull(graphql.String), "", func(a rules.MessageAnalysis) any { return a.PackVersion }),
			"messages":     of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(report))), "", func(a rules.MessageAnalysis) any { return a.Messages }),
			"disclosed":    of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(disclosureItem))), "Required items found in some message.", func(a rules.MessageAnalysis) any { return nonNil(strs(a.Disclosed)) }),
			"missing":      of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(disclosureItem))), "Required items found in none.", func(a rules.MessageAnalysis) any { return nonNil(strs(a.Missing)) }),
			"violations":   of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(finding))), "", func(a rules.MessageAnalysis) any { return nonNil(a.Violations) }),
		}})
	// The same input type as addCollectorMessages, so a client pastes messages once and can both
	// analyse them and attach them as evidence.
	messageInput := r.evidenceTypes(t).collectorMessageInput
	pack := graphql.NewObject(graphql.ObjectConfig{Name: "RulePack", Description: "A revision of a jurisdiction's collection rules.",
		Fields: graphql.Fields{
			"jurisdiction":          of(graphql.NewNonNull(t.jurisdiction), "", func(p *rules.StoredPack) any { return string(p.Pack.Jurisdiction) }),
			"version":               of(graphql.NewNonNull(graphql.String), "The document's own version label, e.g. 2024.1.", func(p *rules.StoredPack) any { return p.Pack.Version }),
			"revision":              of(graphql.NewNonNull(graphql.Int), "The stored revision: 1 is the built-in pack, each admin edit adds one.", func(p *rules.StoredPack) any { return p.Revision }),
			"reason":                of(graphql.String, "Why this revision was made.", func(p *rules.StoredPack) any { return nonEmpty(p.Reason) }),
			"createdAt":             of(graphql.String, "", func(p *rules.StoredPack) any { return timeString(p.CreatedAt) }),
			"contactHoursStart":     of(graphql.NewNonNull(graphql.String), "HH:MM, consumer's local time.", func(p *rules.StoredPack) any { return p.Pack.ContactHours.Start }),
			"contactHoursEnd":       of(graphql.NewNonNull(graphql.String), "", func(p *rules.StoredPack) any { return p.Pack.ContactHours.End }),
			"dailyConnectedCallCap": of(graphql.Int, "Across the lender and its agencies; null if none.", func(p *rules.StoredPack) any { return positive(p.Pack.DailyCap.ConnectedCalls) }),
			"improperRelations":     of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.relation))), "Whom a collector may not contact.", func(p *rules.StoredPack) any { return strs(p.Pack.ImproperRelations) }),
			"document":              of(graphql.NewNonNull(graphql.String), "The whole pack as JSON, the starting point for an edit (updateRulePack).", func(p *rules.StoredPack) any { return string(p.Document) }),
		}})
	t.rulePack = pack
	t.legalReference = legal

	t.violationInfo.AddFieldConfig("legalReferences", &graphql.Field{Type: legalList,
		Description: "The law the violation breaches under a jurisdiction's rule pack (pass the same jurisdiction as violationTypes).",
		Args:        graphql.FieldConfigArgument{"jurisdiction": {Type: t.jurisdiction, DefaultValue: "CN"}},
		Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
			v, _ := p.Source.(domain.ViolationInfo)
			pk, err := r.currentPack(p.Context, argString(p, "jurisdiction"))
			if err != nil {
				return nil, err
			}
			return pk.Pack.Violations[v.Type].Legal, nil
		})})

	return graphql.Fields{
		"analyzeMessages": r.costly(&graphql.Field{
			Type: graphql.NewNonNull(analysis),
			Description: "Public, no sign-in: what a collector's messages show — platform or personal sender, missing creditor, amount, " +
				"contract or account, and lines that threaten, insult or falsely claim legal action, with the law.",
			Args: graphql.FieldConfigArgument{
				"texts":        {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(messageInput)))},
				"jurisdiction": {Type: t.jurisdiction, DefaultValue: "CN"},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				msgs, err := collectorMessages(p.Args["texts"])
				if err != nil {
					return nil, err
				}
				if r.AnalysisBudget != nil {
					n := 0
					for _, m := range msgs {
						n += utf8.RuneCountInString(m.Text)
					}
					if err := r.AnalysisBudget(p.Context, n); err != nil {
						return nil, err
					}
				}
				pk, err := r.currentPack(p.Context, argString(p, "jurisdiction"))
				if err != nil {
					return nil, err
				}
				return pk.Pack.AnalyzeMessages(msgs), nil
			}),
		}),
		"testRulePack": r.costly(&graphql.Field{
			Type: graphql.NewNonNull(analysis),
			Description: "Run a draft of a jurisdiction's pack (a document as updateRulePack takes) against example messages " +
				"without publishing it (administrators): what each message shows under the draft. A draft that is not valid " +
				"is BAD_USER_INPUT on document.",
			Args: graphql.FieldConfigArgument{
				"jurisdiction": {Type: graphql.NewNonNull(t.jurisdiction)},
				"document":     {Type: graphql.NewNonNull(graphql.String)},
				"texts":        {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(messageInput)))},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				if r.RulePacks == nil {
					return nil, domain.ErrForbidden
				}
				pk, err := r.RulePacks.Try(p.Context, rules.Jurisdiction(argString(p, "jurisdiction")), []byte(argString(p, "document")))
				if err != nil {
					return nil, err
				}
				msgs, err := collectorMessages(p.Args["texts"])
				if err != nil {
					return nil, err
				}
				return pk.AnalyzeMessages(msgs), nil
			}),
		}),
		"rulePack": &graphql.Field{
			Type: graphql.NewNonNull(pack),
			Description: "A jurisdiction's rule pack: contact hours, caps, improper relations and the pack document (public). " +
				"Without revision, the revision in force.",
			Args: graphql.FieldConfigArgument{"jurisdiction": {Type: t.jurisdiction, DefaultValue: "CN"},
				"revision": {Type: graphql.Int, Description: "A stored revision; omit for the current one."}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				j := rules.Jurisdiction(argString(p, "jurisdiction"))
				if rev := argInt(p, "revision", 0); rev != 0 && r.RulePacks != nil {
					return r.RulePacks.Revision(p.Context, j, rev)
				}
				return r.currentPack(p.Context, string(j))
			}),
		},
	}
}

// currentPack returns the revision of a jurisdiction's pack in force; without a pack library (a
// schema built for validation only) it is the built-in pack.
func (r *resolvers) currentPack(ctx context.Context, j string) (*rules.StoredPack, error) {
	if r.RulePacks != nil {
		return r.RulePacks.Current(ctx, rules.Jurisdiction(j))
	}
	p, err := rules.Default(rules.Jurisdiction(j))
	if err != nil {
		return nil, err
	}
	doc, _ := rules.BuiltinDocument(p.Jurisdiction)
	return &rules.StoredPack{PackRecord: rules.PackRecord{ID: p.Jurisdiction, Revision: 1, Edition: p.Version, Document: doc}, Pack: p}, nil
}

// collectorMessages decodes and bounds the analyzeMessages input.
func collectorMessages(arg any) ([]rules.Message, error) {
	list, _ := arg.([]any)
	if len(list) == 0 {
		return nil, domain.Invalid("texts", "give at least one message", "请至少提供一条短信")
	}
	if len(list) > maxAnalyzedMessages {
		return nil, domain.Invalid("texts", fmt.Sprintf("at most %d messages at a time", maxAnalyzedMessages), fmt.Sprintf("每次最多分析%d条短信", maxAnalyzedMessages))
	}
	out := make([]rules.Message, 0, len(list))
	total := 0
	for i, item := range list {
		m, _ := item.(map[string]any)
		field := func(name string) string { return fmt.Sprintf("texts.%d.%s", i, name) }
		text, _ := m["text"].(string)
		if strings.TrimSpace(text) == "" {
			return nil, domain.Invalid(field("text"), "the message text is empty", "短信内容为空")
		}
		if utf8.RuneCountInString(text) > maxMessageRunes {
			return nil, domain.Invalid(field("text"), fmt.Sprintf("a message may have at most %d characters", maxMessageRunes), fmt.Sprintf("每条短信最多%d字", maxMessageRunes))
		}
		if total += utf8.RuneCountInString(text); total > maxAnalyzedRunes {
			return nil, domain.Invalid("texts", fmt.Sprintf("at most %d characters in all at a time", maxAnalyzedRunes), fmt.Sprintf("每次分析的短信总字数不能超过%d", maxAnalyzedRunes))
		}
		sender, _ := m["sender"].(string)
		if utf8.RuneCountInString(sender) > maxSenderRunes {
			return nil, domain.Invalid(field("sender"), "the sender is too long", "发送号码过长")
		}
		msg := rules.Message{Sender: strings.TrimSpace(sender), Text: text}
		if s, _ := m["sentAt"].(string); s != "" {
			at, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return nil, domain.Invalid(field("sentAt"), "sentAt must be an RFC 3339 time such as 2024-03-05T23:40:00+08:00", "时间格式应为RFC 3339，例如2024-03-05T23:40:00+08:00")
			}
			msg.At = at
		}
		out = append(out, msg)
	}
	return out, nil
}

// phrasePos gives a phrase's rune position, or null for incident evidence that has no phrase.
func phrasePos(e rules.Evidence, pos int) any {
	if e.Phrase == "" {
		return nil
	}
	return pos
}

func positive(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

// nonNil turns a nil slice into an empty one, for non-null list fields.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
