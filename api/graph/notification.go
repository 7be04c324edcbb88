package graph

import (
	"strconv"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// notificationTypes are the schema types of notifications and webhooks, built once per schema.
type notificationTypes struct {
	notification, notificationConnection, webhookSecret *graphql.Object
	attempt, delivery, deliveryConnection, preferences  *graphql.Object
	webhookStatus, mobileStatus                         *graphql.Enum
}

var notificationTypesFor perSchema[notificationTypes]

func (r *resolvers) notificationTypes(t *types) *notificationTypes {
	return notificationTypesFor.get(t, func() *notificationTypes { return r.newNotificationTypes(t) })
}

func (r *resolvers) newNotificationTypes(t *types) *notificationTypes {
	nt := &notificationTypes{
		webhookStatus: enum("WebhookDeliveryStatus", "Where a webhook delivery stands.",
			string(domain.WebhookPending), string(domain.WebhookRetrying), string(domain.WebhookSucceeded), string(domain.WebhookFailed)),
		mobileStatus: enum("MobileStatus", "Where your SMS number stands: NONE (no number), UNCONFIRMED (no code waiting: ask for one), "+
			"AWAITING_CODE (a code was texted: type it in), CONFIRMED (SMS go to it). SMS go only to a confirmed number.",
			string(domain.MobileNone), string(domain.MobileUnconfirmed), string(domain.MobileAwaitingCode), string(domain.MobileConfirmed)),
	}
	nt.notification = graphql.NewObject(graphql.ObjectConfig{Name: "Notification",
		Description: "Something that happened to a complaint you take part in. It names the complaint by its reference only.",
		Fields: graphql.Fields{
			"id":                 of(graphql.NewNonNull(graphql.ID), "", func(n *domain.Notification) any { return id64(n.ID) }),
			"kind":               of(graphql.NewNonNull(graphql.String), "The complaint action, e.g. FORWARDED.", func(n *domain.Notification) any { return n.Kind }),
			"complaintId":        of(graphql.ID, "", func(n *domain.Notification) any { return nonEmpty(n.ComplaintID) }),
			"complaintReference": of(graphql.NewNonNull(graphql.String), "", func(n *domain.Notification) any { return n.ComplaintReference }),
			"titleZh":            of(graphql.NewNonNull(graphql.String), "", func(n *domain.Notification) any { return n.TitleZH }),
			"titleEn":            of(graphql.NewNonNull(graphql.String), "", func(n *domain.Notification) any { return n.TitleEN }),
			"bodyZh":             of(graphql.NewNonNull(graphql.String), "", func(n *domain.Notification) any { return n.BodyZH }),
			"bodyEn":             of(graphql.NewNonNull(graphql.String), "", func(n *domain.Notification) any { return n.BodyEN }),
			"createdAt":          of(graphql.NewNonNull(graphql.String), "", func(n *domain.Notification) any { return timeString(n.CreatedAt) }),
			"readAt":             of(graphql.String, "Null while unread.", func(n *domain.Notification) any { return timeString(n.ReadAt) }),
		}})
	nt.notificationConnection = t.connection("Notification", nt.notification)
	nt.preferences = graphql.NewObject(graphql.ObjectConfig{Name: "NotificationPreferences", Fields: graphql.Fields{
		"email": of(graphql.NewNonNull(graphql.Boolean), "", func(p domain.NotificationPreferences) any { return p.Email }),
		"sms":   of(graphql.NewNonNull(graphql.Boolean), "", func(p domain.NotificationPreferences) any { return p.SMS }),
		"mobile": of(graphql.String, "The mobile number SMS go to once confirmed; null when none was given. Only ever your own.",
			func(p domain.NotificationPreferences) any { return nonEmpty(p.Mobile) }),
		"mobileStatus": of(graphql.NewNonNull(nt.mobileStatus), "Whether the number is confirmed; SMS go only to a confirmed number.",
			func(p domain.NotificationPreferences) any { return string(p.Status()) }),
		"mobileConfirmedAt": of(graphql.String, "When the number was confirmed; null while it is not.",
			func(p domain.NotificationPreferences) any { return timeString(p.MobileConfirmedAt) }),
		"codeExpiresAt": of(graphql.String, "When the code texted to the number stops working; null when none is waiting.",
			func(p domain.NotificationPreferences) any { return timeString(p.CodeExpiresAt) }),
		"codeAttemptsLeft": of(graphql.Int, "Wrong tries left for the waiting code; null when none is waiting.",
			func(p domain.NotificationPreferences) any { return nonZero(p.CodeAttemptsLeft) }),
		"resendAvailableAt": of(graphql.String, "When another code may be asked for; null when now (or the number needs none).",
			func(p domain.NotificationPreferences) any { return timeString(p.ResendAt) }),
	}})
	nt.webhookSecret = graphql.NewObject(graphql.ObjectConfig{Name: "WebhookSecret",
		Description: "An institution's webhook and the secret that signs its deliveries; the secret is shown this once.",
		Fields: graphql.Fields{
			"institutionId": &graphql.Field{Type: graphql.NewNonNull(graphql.ID)},
			"url":           &graphql.Field{Type: graphql.NewNonNull(graphql.String)},
			"secret":        &graphql.Field{Type: graphql.NewNonNull(graphql.String), Description: "Keep it; it cannot be shown again. Setting the webhook again issues a new one."},
		}})
	nt.attempt = graphql.NewObject(graphql.ObjectConfig{Name: "WebhookAttempt", Description: "One try at a webhook delivery.",
		Fields: graphql.Fields{
			"attempt":     of(graphql.NewNonNull(graphql.Int), "1 for the first try.", func(a domain.WebhookAttempt) any { return a.Attempt }),
			"statusCode":  of(graphql.Int, "The receiver's HTTP status; null when no answer came.", func(a domain.WebhookAttempt) any { return nonZero(a.StatusCode) }),
			"durationMs":  of(graphql.NewNonNull(graphql.Int), "", func(a domain.WebhookAttempt) any { return int(a.Duration.Milliseconds()) }),
			"error":       of(graphql.String, "", func(a domain.WebhookAttempt) any { return nonEmpty(a.Error) }),
			"nextRetryAt": of(graphql.String, "When the next try is due; null when none follows.", func(a domain.WebhookAttempt) any { return timeString(a.NextRetryAt) }),
			"at":          of(graphql.NewNonNull(graphql.String), "", func(a domain.WebhookAttempt) any { return timeString(a.At) }),
		}})
	nt.delivery = graphql.NewObject(graphql.ObjectConfig{Name: "WebhookDelivery", Description: "One complaint event sent, or to send, to an institution's webhook.",
		Fields: graphql.Fields{
			"id":          of(graphql.NewNonNull(graphql.ID), "Also sent as X-Redline-Delivery.", func(d *domain.WebhookDelivery) any { return d.ID }),
			"event":       of(graphql.NewNonNull(graphql.String), "e.g. complaint.forwarded or ping.", func(d *domain.WebhookDelivery) any { return d.Event }),
			"status":      of(graphql.NewNonNull(nt.webhookStatus), "", func(d *domain.WebhookDelivery) any { return string(d.Status) }),
			"createdAt":   of(graphql.NewNonNull(graphql.String), "", func(d *domain.WebhookDelivery) any { return timeString(d.CreatedAt) }),
			"deliveredAt": of(graphql.String, "", func(d *domain.WebhookDelivery) any { return timeString(d.DeliveredAt) }),
			"attempts": of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(nt.attempt))), "Oldest first.",
				func(d *domain.WebhookDelivery) any { return d.Attempts }),
		}})
	nt.deliveryConnection = t.connection("WebhookDelivery", nt.delivery)
	return nt
}

func nonZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// institutionArg parses an institution id argument; an id that is not a number names nothing.
func institutionArg(p graphql.ResolveParams) (int64, error) {
	id, err := strconv.ParseInt(argString(p, "institutionId"), 10, 64)
	if err != nil {
		return 0, domain.ErrNotFound
	}
	return id, nil
}

func (r *resolvers) notificationQueries(t *types) graphql.Fields {
	nt := r.notificationTypes(t)
	return graphql.Fields{
		"notifications": &graphql.Field{
			Type:        graphql.NewNonNull(nt.notificationConnection),
			Description: "Your notifications, newest first.",
			Args: graphql.FieldConfigArgument{
				"unreadOnly": {Type: graphql.Boolean, DefaultValue: false},
				"first":      {Type: graphql.Int, DefaultValue: 20},
				"after":      {Type: graphql.String},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				unread, _ := p.Args["unreadOnly"].(bool)
				paging, err := argPage(p)
				if err != nil {
					return nil, err
				}
				res, err := r.Notifications.List(p.Context, unread, paging)
				if err != nil {
					return nil, err
				}
				return idPage(res.Notifications, res.HasNext, func(n *domain.Notification) int64 { return n.ID }), nil
			}),
		},
		"notificationPreferences": &graphql.Field{
			Type:        graphql.NewNonNull(nt.preferences),
			Description: "Your choice of e-mail and SMS notifications besides the in-app centre, as stored (e-mail on and SMS off until you change them).",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.Notifications.Preferences(p.Context)
			}),
		},
		"unreadNotificationCount": &graphql.Field{
			Type:        graphql.NewNonNull(graphql.Int),
			Description: "How many of your notifications are unread.",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.Notifications.UnreadCount(p.Context)
			}),
		},
		"webhookDeliveries": &graphql.Field{
			Type:        graphql.NewNonNull(nt.deliveryConnection),
			Description: "Admins and the institution's admin: the institution's webhook deliveries with every attempt, newest first.",
			Args: graphql.FieldConfigArgument{
				"institutionId": {Type: graphql.NewNonNull(graphql.ID)},
				"first":         {Type: graphql.Int, DefaultValue: 20},
				"after":         {Type: graphql.String},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := institutionArg(p)
				if err != nil {
					return nil, err
				}
				paging, err := argPage(p)
				if err != nil {
					return nil, err
				}
				res, err := r.Notifications.Deliveries(p.Context, id, paging)
				if err != nil {
					return nil, err
				}
				page := connectionPage{hasNext: res.HasNext, cursors: res.Cursors, total: -1}
				for _, d := range res.Deliveries {
					page.nodes = append(page.nodes, d)
				}
				return page, nil
			}),
		},
	}
}

func (r *resolvers) notificationMutations(t *types) graphql.Fields {
	nt := r.notificationTypes(t)
	return graphql.Fields{
		"markNotificationsRead": &graphql.Field{
			Type:        graphql.NewNonNull(graphql.Int),
			Description: "Mark your notifications as read; returns how many were unread. Ids that are not yours are ignored.",
			Args:        graphql.FieldConfigArgument{"ids": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.ID)))}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				raw, _ := p.Args["ids"].([]any)
				ids := make([]int64, 0, len(raw))
				for _, v := range raw {
					if id, err := strconv.ParseInt(str(v), 10, 64); err == nil {
						ids = append(ids, id)
					}
				}
				return r.Notifications.MarkRead(p.Context, ids)
			}),
		},
		"setNotificationPreferences": &graphql.Field{
			Type: graphql.NewNonNull(nt.preferences),
			Description: "Choose whether you also get e-mail and SMS; SMS needs your mobile number, confirmed: a new or changed number " +
				"is unconfirmed and gets a 6-digit code by SMS (confirmMobile). RATE_LIMITED (field mobile, reason CODE_LIMIT) when the number " +
				"changed too often: at most 5 codes an hour.",
			Args: graphql.FieldConfigArgument{
				"email":  {Type: graphql.NewNonNull(graphql.Boolean)},
				"sms":    {Type: graphql.NewNonNull(graphql.Boolean)},
				"mobile": {Type: graphql.String, Description: "11-digit mainland mobile number."},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				email, _ := p.Args["email"].(bool)
				sms, _ := p.Args["sms"].(bool)
				prefs := domain.NotificationPreferences{Email: email, SMS: sms, Mobile: argString(p, "mobile")}
				return r.Notifications.SetPreferences(p.Context, prefs)
			}),
		},
		"sendMobileConfirmationCode": &graphql.Field{
			Type: graphql.NewNonNull(nt.preferences),
			Description: "Text a new 6-digit code to your unconfirmed SMS number (the one before stops working). A code works for 10 minutes " +
				"and 5 tries. RATE_LIMITED (field mobile, reason CODE_LIMIT, retryAfterSeconds) within 60 seconds of the last code or after " +
				"5 codes in an hour; BAD_USER_INPUT reason NO_MOBILE or ALREADY_CONFIRMED.",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.Notifications.SendMobileCode(p.Context)
			}),
		},
		"confirmMobile": &graphql.Field{
			Type: graphql.NewNonNull(nt.preferences),
			Description: "Confirm your SMS number with the code texted to it; from then on SMS go to it. BAD_USER_INPUT on field code " +
				"with reason MALFORMED, WRONG_CODE (tries left in the message), TOO_MANY_ATTEMPTS, EXPIRED or NO_CODE; NO_MOBILE on mobile.",
			Args: graphql.FieldConfigArgument{"code": {Type: graphql.NewNonNull(graphql.String), Description: "The 6 digits of the SMS."}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.Notifications.ConfirmMobile(p.Context, argString(p, "code"))
			}),
		},
		"setInstitutionWebhook": &graphql.Field{
			Type: graphql.NewNonNull(nt.webhookSecret),
			Description: "Admins and the institution's admin: set where the institution's complaint events are sent, and get a new signing secret. " +
				"Production accepts only https URLs on public addresses. The secret answered is the one stored: of settings at once, the one that wrote after another's was stored is CONFLICT on institutionId, reason WEBHOOK_CHANGED, and writes nothing.",
			Args: graphql.FieldConfigArgument{
				"institutionId": {Type: graphql.NewNonNull(graphql.ID)},
				"url":           {Type: graphql.NewNonNull(graphql.String)},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := institutionArg(p)
				if err != nil {
					return nil, err
				}
				w, err := r.Notifications.SetWebhook(p.Context, id, argString(p, "url"))
				if err != nil {
					return nil, notFoundOn(err, "institutionId")
				}
				return map[string]any{"institutionId": strconv.FormatInt(w.InstitutionID, 10), "url": w.URL, "secret": w.Secret}, nil
			}),
		},
		"pingInstitutionWebhook": &graphql.Field{
			Type:        graphql.NewNonNull(graphql.ID),
			Description: "Admins and the institution's admin: send a test delivery (event ping); returns its delivery id.",
			Args:        graphql.FieldConfigArgument{"institutionId": {Type: graphql.NewNonNull(graphql.ID)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := institutionArg(p)
				if err != nil {
					return nil, err
				}
				got, err := r.Notifications.PingWebhook(p.Context, id)
				return got, notFoundOn(err, "institutionId")
			}),
		},
	}
}
