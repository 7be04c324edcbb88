package postgres

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
)

type notificationRow struct {
	ID                 int64 `gorm:"primaryKey;->"`
	SourceMessageID    string
	RecipientID        int64
	Channel            string
	Kind               string
	ComplaintID        *string
	ComplaintReference string
	TitleZh            string
	TitleEn            string
	BodyZh             string
	BodyEn             string
	CreatedAt          time.Time
	ReadAt             *time.Time
	SentAt             *time.Time
}

func (notificationRow) TableName() string { return "notifications" }

func toNotificationRow(n domain.Notification) notificationRow {
	return notificationRow{SourceMessageID: n.MessageID, RecipientID: n.RecipientID, Channel: string(n.Channel), Kind: n.Kind,
		ComplaintID: nullable(n.ComplaintID), ComplaintReference: n.ComplaintReference, TitleZh: n.TitleZH, TitleEn: n.TitleEN,
		BodyZh: n.BodyZH, BodyEn: n.BodyEN, CreatedAt: n.CreatedAt, ReadAt: timeOrNil(n.ReadAt), SentAt: timeOrNil(n.SentAt)}
}

func toDomainNotification(r *notificationRow) *domain.Notification {
	return &domain.Notification{ID: r.ID, MessageID: r.SourceMessageID, RecipientID: r.RecipientID,
		Channel: domain.NotificationChannel(r.Channel), Kind: r.Kind, ComplaintID: deref(r.ComplaintID),
		ComplaintReference: r.ComplaintReference, TitleZH: r.TitleZh, TitleEN: r.TitleEn, BodyZH: r.BodyZh, BodyEN: r.BodyEn,
		CreatedAt: r.CreatedAt, ReadAt: deref(r.ReadAt), SentAt: deref(r.SentAt)}
}

type preferencesRow struct {
	UserID            int64 `gorm:"primaryKey"`
	Email             bool
	SMS               bool `gorm:"column:sms"`
	Mobile            string
	MobileConfirmedAt *time.Time
	UpdatedAt         time.Time
}

func (preferencesRow) TableName() string { return "notification_preferences" }

type webhookRow struct {
	InstitutionID int64 `gorm:"primaryKey"`
	URL           string
	Secret        string
	SetBy         *int64
	UpdatedAt     time.Time
}

func (webhookRow) TableName() string { return "institution_webhooks" }

type deliveryRow struct {
	ID              string `gorm:"primaryKey"`
	Seq             int64  `gorm:"->"`
	InstitutionID   int64
	SourceMessageID *string
	Event           string
	Payload         jsonMap
	Status          string
	Attempts        int
	CreatedAt       time.Time
	DeliveredAt     *time.Time
}

func (deliveryRow) TableName() string { return "webhook_deliveries" }

func toDeliveryRow(d domain.WebhookDelivery) deliveryRow {
	return deliveryRow{ID: d.ID, InstitutionID: d.InstitutionID, SourceMessageID: nullable(d.MessageID), Event: d.Event,
		Payload: jsonMap(d.Payload), Status: string(d.Status), CreatedAt: d.CreatedAt, DeliveredAt: timeOrNil(d.DeliveredAt)}
}

func toDomainDelivery(r *deliveryRow) *domain.WebhookDelivery {
	return &domain.WebhookDelivery{ID: r.ID, InstitutionID: r.InstitutionID, MessageID: deref(r.SourceMessageID), Event: r.Event,
		Payload: r.Payload, Status: domain.WebhookStatus(r.Status), CreatedAt: r.CreatedAt, DeliveredAt: deref(r.DeliveredAt)}
}

type attemptRow struct {
	ID          int64 `gorm:"primaryKey;->"`
	DeliveryID  string
	Attempt     int
	StatusCode  *int
	DurationMs  int
	Error       string
	NextRetryAt *time.Time
	At          time.Time
}

func (attemptRow) TableName() string { return "webhook_delivery_attempts" }

func toDomainAttempt(r attemptRow) domain.WebhookAttempt {
	return domain.WebhookAttempt{Attempt: r.Attempt, StatusCode: deref(r.StatusCode), Duration: time.Duration(r.DurationMs) * time.Millisecond,
		Error: r.Error, NextRetryAt: deref(r.NextRetryAt), At: r.At}
}

// NotificationStore implements domain.NotificationStore and domain.WebhookStore.
type NotificationStore struct{ DB *DB }

var (
	_ domain.NotificationStore = (*NotificationStore)(nil)
	_ domain.WebhookStore      = (*NotificationStore)(nil)
)

// TeamMembers implements domain.NotificationStore: the users bound to the role on the team or on
// every team (role_bindings, which access reads too), whose accounts are not disabled. Not the
// role and teams the account was created with: a revoked binding or a disabled account gets no
// notice, a granted one does (session 18).
func (s *NotificationStore) TeamMembers(ctx context.Context, team string, role domain.Role) ([]int64, error) {
	return s.boundMembers(ctx, "team members", []string{string(role)}, []string{"team:" + team, domain.DomainAll})
}

// InstitutionMembers implements domain.NotificationStore: the users bound to an institution role
// on one of the institutions, whose accounts are not disabled (as TeamMembers).
func (s *NotificationStore) InstitutionMembers(ctx context.Context, institutionIDs []int64) ([]int64, error) {
	doms := make([]string, len(institutionIDs))
	for i, id := range institutionIDs {
		doms[i] = "inst:" + strconv.FormatInt(id, 10)
	}
	return s.boundMembers(ctx, "institution members", []string{string(domain.RoleInstitutionAgent), string(domain.RoleInstitutionAdmin)}, doms)
}

// boundMembers returns the ids of the users, not disabled, with a binding of one of the roles on
// one of the domains.
func (s *NotificationStore) boundMembers(ctx context.Context, what string, roles, doms []string) ([]int64, error) {
	var ids []int64
	if len(doms) == 0 {
		return ids, nil
	}
	err := s.DB.Gorm.WithContext(ctx).Raw(`SELECT DISTINCT u.id FROM users u JOIN role_bindings b ON b.user_id = u.id
		WHERE u.disabled_at IS NULL AND b.role IN ? AND b.domain IN ? ORDER BY u.id`, roles, doms).Scan(&ids).Error
	return ids, mapError(err, what)
}

// Contacts implements domain.NotificationStore: e-mail is on and SMS off for users who never chose.
func (s *NotificationStore) Contacts(ctx context.Context, userIDs []int64) (map[int64]domain.Contact, error) {
	out := map[int64]domain.Contact{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		ID     int64
		Email  string
		Mobile string
		On     bool `gorm:"column:email_on"`
		SMSOn  bool `gorm:"column:sms_on"`
		// Confirmed is whether the number was confirmed (migration 00059).
		Confirmed bool `gorm:"column:mobile_confirmed"`
	}
	err := s.DB.Gorm.WithContext(ctx).Raw(`SELECT u.id, u.email, coalesce(p.mobile, '') AS mobile,
		coalesce(p.email, true) AS email_on, coalesce(p.sms, false) AS sms_on, p.mobile_confirmed_at IS NOT NULL AS mobile_confirmed
		FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id WHERE u.id IN ?`, userIDs).Scan(&rows).Error
	if err != nil {
		return nil, mapError(err, "contacts")
	}
	for _, r := range rows {
		if err := s.DB.unseal(sealField{colContactMobile, &r.Mobile}); err != nil {
			return nil, mapError(err, "contacts")
		}
		out[r.ID] = domain.Contact{Email: r.Email, Mobile: r.Mobile, EmailOn: r.On, SMSOn: r.SMSOn, MobileConfirmed: r.Confirmed}
	}
	return out, nil
}

// SaveDispatch implements domain.NotificationStore.
func (s *NotificationStore) SaveDispatch(ctx context.Context, messageID string, ns []domain.Notification, hooks []domain.WebhookDelivery) (int, error) {
	created, err := s.SaveDispatches(ctx, []domain.DispatchRecord{{MessageID: messageID, Notifications: ns, Hooks: hooks}})
	if err != nil {
		return 0, err
	}
	return created[0], nil
}

// dispatchChunk is the most rows one INSERT of SaveDispatches carries (13 parameters a
// notification: well under PostgreSQL's 65,535 per statement).
const dispatchChunk = 1000

// SaveDispatches implements domain.NotificationStore: the notifications of all the records in
// multi-row INSERTs that skip those already written (the unique message, recipient and channel)
// and return the new ones' message and channel, the deliveries likewise (unique message and
// institution), and the outbox messages of the new deliveries in one INSERT; one transaction.
func (s *NotificationStore) SaveDispatches(ctx context.Context, ds []domain.DispatchRecord) ([]int, error) {
	created := make([]int, len(ds))
	index := make(map[string]int, len(ds)) // message id, as PostgreSQL prints a uuid, to record
	var ns []domain.Notification
	var hooks []domain.WebhookDelivery
	for i, d := range ds {
		index[strings.ToLower(d.MessageID)] = i
		for _, n := range d.Notifications {
			n.MessageID = d.MessageID
			ns = append(ns, n)
		}
		for _, h := range d.Hooks {
			h.MessageID = d.MessageID
			hooks = append(hooks, h)
		}
	}
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		clear(created)
		for chunk := range slices.Chunk(ns, dispatchChunk) {
			var rows []struct{ SourceMessageID, Channel string }
			if err := insertNotifications(tx, chunk, &rows); err != nil {
				return err
			}
			for _, r := range rows {
				if r.Channel == string(domain.NotifyInApp) {
					created[index[r.SourceMessageID]]++
				}
			}
		}
		for chunk := range slices.Chunk(hooks, dispatchChunk) {
			if err := insertDeliveries(tx, chunk); err != nil {
				return err
			}
		}
		return nil
	})
	return created, mapError(err, "notifications")
}

// insertNotifications writes notifications with one multi-row INSERT, skipping those already
// written, and scans the message and channel of the new ones into rows.
func insertNotifications(tx *gorm.DB, ns []domain.Notification, rows any) error {
	var q strings.Builder
	q.WriteString(`INSERT INTO notifications (source_message_id, recipient_id, channel, kind, complaint_id, complaint_reference,
		title_zh, title_en, body_zh, body_en, created_at, read_at, sent_at) VALUES `)
	args := make([]any, 0, 13*len(ns))
	for i, n := range ns {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
		r := toNotificationRow(n)
		args = append(args, r.SourceMessageID, r.RecipientID, r.Channel, r.Kind, r.ComplaintID, r.ComplaintReference,
			r.TitleZh, r.TitleEn, r.BodyZh, r.BodyEn, r.CreatedAt, r.ReadAt, r.SentAt)
	}
	q.WriteString(" ON CONFLICT DO NOTHING RETURNING source_message_id::text, channel")
	return tx.Raw(q.String(), args...).Scan(rows).Error
}

// insertDeliveries writes webhook deliveries with one multi-row INSERT, skipping those a message
// already made for an institution, and the outbox messages of the new ones.
func insertDeliveries(tx *gorm.DB, ds []domain.WebhookDelivery) error {
	var q strings.Builder
	q.WriteString("INSERT INTO webhook_deliveries (id, institution_id, source_message_id, event, payload, status, created_at, delivered_at) VALUES ")
	args := make([]any, 0, 8*len(ds))
	byID := make(map[string]domain.WebhookDelivery, len(ds))
	for i, d := range ds {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?, ?, ?, ?, ?, ?)")
		r := toDeliveryRow(d)
		args = append(args, r.ID, r.InstitutionID, r.SourceMessageID, r.Event, r.Payload, r.Status, r.CreatedAt, r.DeliveredAt)
		byID[strings.ToLower(d.ID)] = d
	}
	q.WriteString(" ON CONFLICT DO NOTHING RETURNING id::text")
	var ids []string
	if err := tx.Raw(q.String(), args...).Scan(&ids).Error; err != nil {
		return err
	}
	msgs := make([]domain.Message, 0, len(ids))
	for _, id := range ids {
		msgs = append(msgs, byID[id].Message())
	}
	return writeMessages(tx, msgs)
}

// createDelivery inserts a delivery unless its message already made one for the institution, and
// writes the outbox message that gets it delivered.
func createDelivery(tx *gorm.DB, d domain.WebhookDelivery) error {
	return insertDeliveries(tx, []domain.WebhookDelivery{d})
}

// Unsent implements domain.NotificationStore.
func (s *NotificationStore) Unsent(ctx context.Context, messageIDs []string) ([]*domain.Notification, error) {
	var rows []notificationRow
	err := s.DB.Gorm.WithContext(ctx).Where("source_message_id IN ? AND channel <> ? AND sent_at IS NULL", messageIDs, string(domain.NotifyInApp)).
		Order("id").Find(&rows).Error
	if err != nil {
		return nil, mapError(err, "unsent notifications")
	}
	out := make([]*domain.Notification, len(rows))
	for i := range rows {
		out[i] = toDomainNotification(&rows[i])
	}
	return out, nil
}

// MarkSent implements domain.NotificationStore.
func (s *NotificationStore) MarkSent(ctx context.Context, ids []int64, at time.Time) error {
	return mapError(s.DB.Gorm.WithContext(ctx).Model(&notificationRow{}).Where("id IN ?", ids).Update("sent_at", at).Error, "notification")
}

// ListNotifications implements domain.NotificationStore; the cursor is the last notification's id.
func (s *NotificationStore) ListNotifications(ctx context.Context, userID int64, unreadOnly bool, p domain.Page) (domain.NotificationPage, error) {
	q := s.DB.Gorm.WithContext(ctx).Where("recipient_id = ? AND channel = ?", userID, string(domain.NotifyInApp))
	if unreadOnly {
		q = q.Where("read_at IS NULL")
	}
	q, err := afterNumber(q, "id < ?", p.After)
	if err != nil {
		return domain.NotificationPage{}, err
	}
	var rows []notificationRow
	if err := q.Order("id DESC").Limit(p.First + 1).Find(&rows).Error; err != nil {
		return domain.NotificationPage{}, mapError(err, "notifications")
	}
	page := domain.NotificationPage{HasNext: len(rows) > p.First}
	if page.HasNext {
		rows = rows[:p.First]
	}
	for i := range rows {
		page.Notifications = append(page.Notifications, toDomainNotification(&rows[i]))
	}
	return page, nil
}

// UnreadCount implements domain.NotificationStore.
func (s *NotificationStore) UnreadCount(ctx context.Context, userID int64) (int, error) {
	var n int64
	err := s.DB.Gorm.WithContext(ctx).Model(&notificationRow{}).
		Where("recipient_id = ? AND channel = ? AND read_at IS NULL", userID, string(domain.NotifyInApp)).Count(&n).Error
	return int(n), mapError(err, "notifications")
}

// MarkRead implements domain.NotificationStore.
func (s *NotificationStore) MarkRead(ctx context.Context, userID int64, ids []int64, at time.Time) (int, error) {
	res := s.DB.Gorm.WithContext(ctx).Model(&notificationRow{}).
		Where("recipient_id = ? AND channel = ? AND id IN ? AND read_at IS NULL", userID, string(domain.NotifyInApp), ids).
		Update("read_at", at)
	return int(res.RowsAffected), mapError(res.Error, "notifications")
}

// SavePreferences writes a user's preferences as given, MobileConfirmedAt included (tests and
// tools; the platform changes them through ChangeMobile, which confirms a number only with its code).
func (s *NotificationStore) SavePreferences(ctx context.Context, userID int64, p domain.NotificationPreferences, at time.Time) error {
	row := preferencesRow{UserID: userID, Email: p.Email, SMS: p.SMS, Mobile: p.Mobile, MobileConfirmedAt: timeOrNil(p.MobileConfirmedAt), UpdatedAt: at}
	if err := s.DB.seal(sealField{colContactMobile, &row.Mobile}); err != nil {
		return err
	}
	err := s.DB.Gorm.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"email", "sms", "mobile", "mobile_confirmed_at", "updated_at"}),
	}).Create(&row).Error
	return mapError(err, "notification preferences")
}

// SetWebhook implements domain.WebhookStore.
func (s *NotificationStore) SetWebhook(ctx context.Context, w domain.Webhook, audit domain.AuditEntry) error {
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if w.Replaces != nil {
			// Compare and set (attack round 33): settings at once are taken one after another, and
			// one whose read secret is no longer the stored one writes nothing.
			if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "webhook-set:"+strconv.FormatInt(w.InstitutionID, 10)).Error; err != nil {
				return err
			}
			var cur []webhookRow
			if err := tx.Where("institution_id = ?", w.InstitutionID).Limit(1).Find(&cur).Error; err != nil {
				return err
			}
			stored := ""
			if len(cur) > 0 {
				if err := s.DB.unseal(sealField{colWebhookSecret, &cur[0].Secret}); err != nil {
					return err
				}
				stored = cur[0].Secret
			}
			if stored != *w.Replaces {
				return domain.ErrWebhookChanged
			}
		}
		row := webhookRow{InstitutionID: w.InstitutionID, URL: w.URL, Secret: w.Secret, SetBy: nullable(w.SetBy), UpdatedAt: w.UpdatedAt}
		if err := s.DB.seal(sealField{colWebhookSecret, &row.Secret}); err != nil {
			return err
		}
		if err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "institution_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"url", "secret", "set_by", "updated_at"}),
		}).Create(&row).Error; err != nil {
			return err
		}
		return recordAudit(tx, audit)
	})
	return mapError(err, "webhook")
}

// Webhook implements domain.WebhookStore.
func (s *NotificationStore) Webhook(ctx context.Context, institutionID int64) (*domain.Webhook, error) {
	var r webhookRow
	if err := s.DB.Gorm.WithContext(ctx).Where("institution_id = ?", institutionID).Take(&r).Error; err != nil {
		return nil, mapError(err, "webhook")
	}
	if err := s.DB.unseal(sealField{colWebhookSecret, &r.Secret}); err != nil {
		return nil, mapError(err, "webhook")
	}
	return &domain.Webhook{InstitutionID: r.InstitutionID, URL: r.URL, Secret: r.Secret, SetBy: deref(r.SetBy), UpdatedAt: r.UpdatedAt}, nil
}

// WebhookInstitutions implements domain.WebhookStore.
func (s *NotificationStore) WebhookInstitutions(ctx context.Context, institutionIDs []int64) ([]int64, error) {
	var ids []int64
	if len(institutionIDs) == 0 {
		return ids, nil
	}
	err := s.DB.Gorm.WithContext(ctx).Model(&webhookRow{}).Where("institution_id IN ?", institutionIDs).
		Order("institution_id").Pluck("institution_id", &ids).Error
	return ids, mapError(err, "webhooks")
}

// CreateDelivery implements domain.WebhookStore.
func (s *NotificationStore) CreateDelivery(ctx context.Context, d domain.WebhookDelivery) error {
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error { return createDelivery(tx, d) }), "webhook delivery")
}

// CreatePing implements domain.WebhookStore: under a transaction advisory lock per institution,
// the institution's pings created after since are counted before the new one is written.
func (s *NotificationStore) CreatePing(ctx context.Context, d domain.WebhookDelivery, since time.Time, max int) error {
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "webhook-ping:"+strconv.FormatInt(d.InstitutionID, 10)).Error; err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&deliveryRow{}).Where("institution_id = ? AND event = ? AND created_at > ?", d.InstitutionID, d.Event, since).
			Count(&n).Error; err != nil {
			return err
		}
		if n >= int64(max) {
			return &domain.Error{Code: domain.CodeRateLimited, Field: "institutionId",
				Message:   fmt.Sprintf("at most %d test deliveries an hour; look at the delivery log for the last ones", max),
				MessageZH: fmt.Sprintf("每小时最多发送%d次测试推送，请查看推送记录", max)}
		}
		return createDelivery(tx, d)
	})
	return mapError(err, "webhook delivery")
}

// Delivery implements domain.WebhookStore.
func (s *NotificationStore) Delivery(ctx context.Context, id string) (*domain.WebhookDelivery, error) {
	var r deliveryRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return nil, mapError(err, "webhook delivery")
	}
	return toDomainDelivery(&r), nil
}

// RecordAttempt implements domain.WebhookStore.
func (s *NotificationStore) RecordAttempt(ctx context.Context, deliveryID string, a domain.WebhookAttempt, status domain.WebhookStatus) error {
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		row := attemptRow{DeliveryID: deliveryID, Attempt: a.Attempt, StatusCode: nullable(a.StatusCode),
			DurationMs: int(a.Duration.Milliseconds()), Error: a.Error, NextRetryAt: timeOrNil(a.NextRetryAt), At: a.At}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		set := map[string]any{"status": string(status), "attempts": gorm.Expr("attempts + 1")}
		if status == domain.WebhookSucceeded {
			set["delivered_at"] = a.At.Add(a.Duration)
		}
		res := tx.Model(&deliveryRow{}).Where("id = ?", deliveryID).Updates(set)
		if res.Error == nil && res.RowsAffected == 0 {
			return domain.ErrNotFound
		}
		return res.Error
	})
	return mapError(err, "webhook delivery")
}

// Deliveries implements domain.WebhookStore; the cursor is the delivery's sequence number.
func (s *NotificationStore) Deliveries(ctx context.Context, institutionID int64, p domain.Page) (domain.WebhookDeliveryPage, error) {
	q := s.DB.Gorm.WithContext(ctx).Where("institution_id = ?", institutionID)
	q, err := afterNumber(q, "seq < ?", p.After)
	if err != nil {
		return domain.WebhookDeliveryPage{}, err
	}
	var rows []deliveryRow
	if err := q.Order("seq DESC").Limit(p.First + 1).Find(&rows).Error; err != nil {
		return domain.WebhookDeliveryPage{}, mapError(err, "webhook deliveries")
	}
	page := domain.WebhookDeliveryPage{HasNext: len(rows) > p.First}
	if page.HasNext {
		rows = rows[:p.First]
	}
	if len(rows) == 0 {
		return page, nil
	}
	ids := make([]string, len(rows))
	byID := map[string]*domain.WebhookDelivery{}
	for i := range rows {
		d := toDomainDelivery(&rows[i])
		ids[i] = d.ID
		byID[d.ID] = d
		page.Deliveries = append(page.Deliveries, d)
		page.Cursors = append(page.Cursors, strconv.FormatInt(rows[i].Seq, 10))
	}
	var attempts []attemptRow
	if err := s.DB.Gorm.WithContext(ctx).Where("delivery_id IN ?", ids).Order("id").Find(&attempts).Error; err != nil {
		return domain.WebhookDeliveryPage{}, mapError(err, "webhook delivery attempts")
	}
	for _, a := range attempts {
		d := byID[a.DeliveryID]
		d.Attempts = append(d.Attempts, toDomainAttempt(a))
	}
	return page, nil
}

// timeOrNil maps the zero time to SQL NULL.
func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
