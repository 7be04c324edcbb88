package graph

import (
	"strconv"
	"time"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// evidenceTypes are the schema types of evidence. Queries and mutations both need them and each
// is built once per schema, so they are kept per *types.
type evidenceTypes struct {
	kind, source          *graphql.Enum
	evidence, message     *graphql.Object
	collectorMessageInput *graphql.InputObject
}

var evidenceTypesFor perSchema[evidenceTypes]

func (r *resolvers) evidenceTypes(t *types) *evidenceTypes {
	return evidenceTypesFor.get(t, func() *evidenceTypes { return r.newEvidenceTypes(t) })
}

func (r *resolvers) newEvidenceTypes(t *types) *evidenceTypes {
	et := &evidenceTypes{kind: enum("EvidenceKind", "What an evidence item is.", strs(domain.EvidenceKinds)...),
		source: enum("EvidenceSource", "Who attached an evidence item: the complainant, or a recipient institution in support of its answer.", "COMPLAINANT", "INSTITUTION")}
	et.message = graphql.NewObject(graphql.ObjectConfig{Name: "CollectorMessage", Description: "A message a collector sent, as the complainant pasted it.",
		Fields: graphql.Fields{
			"sender": of(graphql.NewNonNull(graphql.String), "Phone number or short code.", func(m *domain.CollectorMessage) any { return m.Sender }),
			"sentAt": of(graphql.NewNonNull(graphql.String), "", func(m *domain.CollectorMessage) any { return timeString(m.SentAt) }),
			"text":   of(graphql.NewNonNull(graphql.String), "", func(m *domain.CollectorMessage) any { return m.Text }),
		}})
	et.evidence = graphql.NewObject(graphql.ObjectConfig{Name: "Evidence", Description: "A file or a pasted collector message attached to a complaint.",
		Fields: graphql.Fields{
			"id":          of(graphql.NewNonNull(graphql.ID), "", func(e *domain.Evidence) any { return e.ID }),
			"kind":        of(graphql.NewNonNull(et.kind), "", func(e *domain.Evidence) any { return string(e.Kind) }),
			"contentType": of(graphql.NewNonNull(graphql.String), "Detected from the content on upload.", func(e *domain.Evidence) any { return e.ContentType }),
			"size": {Type: graphql.NewNonNull(graphql.Int),
				Description: "Bytes of the file you download. For everyone but an institution, and for an institution's own documents, the file as the complainant or institution uploaded it. " +
					"An institution downloads the complainant's photos, recordings, videos and PDFs without their metadata (where and when, the device, the writer's name): its size and sha256 are those of that copy, never the stored file's, so that they tell nothing of what was blanked; " +
					"0 (and an empty sha256) when the file cannot be served to it.",
				Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
					n, _ := r.Evidence.Served(p.Context, p.Source.(*domain.Evidence))
					return int(n), nil
				})},
			"sha256": {Type: graphql.NewNonNull(graphql.String),
				Description: "SHA-256 of the file you download (see size), hex, as the X-Evidence-SHA256 header of the download. The stored file's hash, recorded on upload, is checked on every download; the regulator's staff and the complainant read that hash.",
				Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
					_, h := r.Evidence.Served(p.Context, p.Source.(*domain.Evidence))
					return h, nil
				})},
			"description": of(graphql.String, "", func(e *domain.Evidence) any { return nonEmpty(e.Description) }),
			"uploadedAt":  of(graphql.NewNonNull(graphql.String), "", func(e *domain.Evidence) any { return timeString(e.UploadedAt) }),
			"source": of(graphql.NewNonNull(et.source), "COMPLAINANT, or INSTITUTION for a document a recipient institution attached to its answer.", func(e *domain.Evidence) any {
				if e.InstitutionID != 0 {
					return "INSTITUTION"
				}
				return "COMPLAINANT"
			}),
			"institution": {Type: t.institution, Description: "The institution whose staff attached the item; null for the complainant's evidence.",
				Resolve: institutionByID(func(e *domain.Evidence) int64 { return e.InstitutionID })},
			"sharedWithComplainant": of(graphql.NewNonNull(graphql.Boolean), "An institution's document that the complainant may see too; false for the complainant's own evidence.",
				func(e *domain.Evidence) any { return e.SharedWithComplainant }),
			"uploaderId": {Type: graphql.ID, Description: "The user who attached the item, for the regulator's staff (as a history entry's actorId); null for anyone else.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if !domain.ActorFrom(p.Context).Role.IsStaff() {
						return nil, nil
					}
					return id64(p.Source.(*domain.Evidence).UploadedBy), nil
				}},
			"message": of(et.message, "The message, for kind MESSAGE.", func(e *domain.Evidence) any {
				if e.Message == nil {
					return nil
				}
				return e.Message
			}),
			"downloadUrl": {Type: graphql.String,
				Description: "A link to the file, valid for 5 minutes and only for you, with your Authorization header; null for messages.",
				Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
					link, err := r.Evidence.DownloadLink(p.Context, p.Source.(*domain.Evidence))
					return nonEmpty(link), err
				})},
		}})
	et.collectorMessageInput = graphql.NewInputObject(graphql.InputObjectConfig{Name: "CollectorMessageInput", Fields: graphql.InputObjectConfigFieldMap{
		"sender": {Type: graphql.NewNonNull(graphql.String), Description: "Phone number or short code it came from, e.g. 10690000."},
		"sentAt": {Type: graphql.NewNonNull(graphql.String), Description: "RFC 3339 time it was sent, e.g. 2026-05-01T23:15:00+08:00."},
		"text":   {Type: graphql.NewNonNull(graphql.String), Description: "The message, 1 to 2000 characters."},
	}})
	return et
}

// evidenceQueries adds Complaint.evidence; evidence is reached through its complaint only.
func (r *resolvers) evidenceQueries(t *types) graphql.Fields {
	et := r.evidenceTypes(t)
	t.complaint.AddFieldConfig("evidence", &graphql.Field{Type: graphql.NewList(graphql.NewNonNull(et.evidence)),
		Description: "Files and pasted messages attached by the complainant, and documents recipient institutions attached to their answers, " +
			"oldest first, with their download links: the complainant sees their own evidence, an institution the complainant's and its own, " +
			"the regulator's staff all of it. Administrators give a reason, which is recorded in the admin audit log.",
		Args: graphql.FieldConfigArgument{
			"reason": {Type: graphql.String, Description: "Required of administrators: why they read this complaint's evidence (up to 500 characters)."},
		},
		Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
			return r.Evidence.ListWithReason(p.Context, p.Source.(*domain.Complaint).ID, argString(p, "reason"))
		})})
	return graphql.Fields{}
}

func (r *resolvers) evidenceMutations(t *types) graphql.Fields {
	et := r.evidenceTypes(t)
	return graphql.Fields{
		"addEvidence": &graphql.Field{
			Type: graphql.NewNonNull(et.evidence),
			Description: "Attach a file uploaded with POST /evidence to your own open complaint; or, as a recipient institution's staff, to a complaint " +
				"forwarded to your institution while it still owes its final answer (call logs, contracts, recordings in support of the answer). " +
				"An upload token works once, and only for you.",
			Args: graphql.FieldConfigArgument{
				"complaintId": {Type: graphql.NewNonNull(graphql.ID)},
				"uploadToken": {Type: graphql.NewNonNull(graphql.String)},
				"description": {Type: graphql.String, Description: "What the file shows, up to 500 characters."},
				"shareWithComplainant": {Type: graphql.Boolean, DefaultValue: false,
					Description: "An institution's document the complainant may see and open too (the repayment plan offered, say); otherwise it goes to the regulator only. Institutions only."},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				share, _ := p.Args["shareWithComplainant"].(bool)
				return r.Evidence.AddEvidence(p.Context, argString(p, "complaintId"), argString(p, "uploadToken"), argString(p, "description"), share)
			}),
		},
		"addCollectorMessages": &graphql.Field{
			Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(et.evidence))),
			Description: "Paste up to 100 messages a collector sent, as evidence of your own open complaint.",
			Args: graphql.FieldConfigArgument{
				"complaintId": {Type: graphql.NewNonNull(graphql.ID)},
				"messages":    {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(et.collectorMessageInput)))},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				ms, err := decodeCollectorMessages(p.Args["messages"])
				if err != nil {
					return nil, err
				}
				return r.Evidence.AddCollectorMessages(p.Context, argString(p, "complaintId"), ms)
			}),
		},
	}
}

func decodeCollectorMessages(v any) ([]domain.NewCollectorMessage, error) {
	list, _ := v.([]any)
	out := make([]domain.NewCollectorMessage, len(list))
	for i, item := range list {
		m, _ := item.(map[string]any)
		sentAt, err := time.Parse(time.RFC3339, str(m["sentAt"]))
		if err != nil {
			return nil, domain.Invalid("messages."+strconv.Itoa(i)+".sentAt", "use an RFC 3339 time such as 2026-05-01T23:15:00+08:00", "请使用RFC 3339时间格式")
		}
		out[i] = domain.NewCollectorMessage{Sender: str(m["sender"]), SentAt: sentAt, Text: str(m["text"])}
	}
	return out, nil
}
