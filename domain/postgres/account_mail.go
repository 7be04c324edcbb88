package postgres

import (
	"context"
	"time"
)

// mailMarks implements domain.MailMarks in registration_mail_sent, which holds the marks of every
// account e-mail (registration, password reset): its stores embed it.
type mailMarks struct{ DB *DB }

// MailSent implements domain.MailMarks.
func (s mailMarks) MailSent(ctx context.Context, messageID string) (bool, error) {
	if messageID == "" {
		return false, nil
	}
	var n int64
	err := s.DB.Gorm.WithContext(ctx).Raw("SELECT count(*) FROM registration_mail_sent WHERE message_id = ?::uuid", messageID).Scan(&n).Error
	return n > 0, mapError(err, "account mail")
}

// MarkMailSent implements domain.MailMarks.
func (s mailMarks) MarkMailSent(ctx context.Context, messageID string, at time.Time) error {
	if messageID == "" {
		return nil
	}
	return mapError(s.DB.Gorm.WithContext(ctx).Exec("INSERT INTO registration_mail_sent (message_id, sent_at) VALUES (?::uuid, ?) ON CONFLICT DO NOTHING",
		messageID, at).Error, "account mail")
}

// sweepMarks deletes the marks of e-mails sent before t (the relay enqueues a message once).
func (s mailMarks) sweepMarks(ctx context.Context, t time.Time) error {
	return mapError(s.DB.Gorm.WithContext(ctx).Exec("DELETE FROM registration_mail_sent WHERE sent_at <= ?", t).Error, "sweep account mail")
}
