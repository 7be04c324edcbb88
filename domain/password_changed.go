package domain

import (
	"context"
	"strings"
	"time"
)

// MailPasswordChanged is the kind of the e-mail that tells an account's owner their password was
// changed, on the account page (changePassword) or through a reset link (resetPassword): if it
// was not them, someone else holds the password or the mailbox, and the e-mail says what to do.
// Its outbox message is written in the transaction that sets the password and names the user
// only (topic TopicRegistrationMail, like the other account e-mails).
const MailPasswordChanged = "PASSWORD_CHANGED"

// How a password was changed, as the e-mail says it.
const (
	PasswordChangedOnAccountPage = "change"
	PasswordChangedByResetLink   = "reset"
)

// passwordChangedMessage is the outbox message of the e-mail to user userID that their password
// was changed at at, by via.
func passwordChangedMessage(id string, userID int64, via string, at time.Time) Message {
	return Message{ID: id, Topic: TopicRegistrationMail, Payload: map[string]any{
		"kind": MailPasswordChanged, "userId": userID, "via": via, "at": at.UTC().Format(time.RFC3339), "messageId": id}}
}

// chinaTime is UTC+8, the time the e-mails give (China has one time zone and no daylight saving).
var chinaTime = time.FixedZone("UTC+8", 8*3600)

// SendChangedMail writes the "your password was changed" e-mail an outbox message asks for, once.
// An account gone since needs no e-mail.
func (s *PasswordResets) SendChangedMail(ctx context.Context, payload map[string]any) error {
	return sendOnce(ctx, s.Store, s.Mailer, str(payload["messageId"]), s.Now, func() (string, *Notification, error) {
		id, _ := payload["userId"].(float64)
		u, err := s.Accounts.Store.UserByID(ctx, int64(id))
		if err != nil {
			return "", nil, ignoreNotFound(err)
		}
		when := s.Now()
		if t, err := time.Parse(time.RFC3339, str(payload["at"])); err == nil {
			when = t
		}
		at := when.In(chinaTime).Format("2006-01-02 15:04") + " (UTC+8)"
		howZH, howEN := "在账户页面", "on your account page"
		if str(payload["via"]) == PasswordChangedByResetLink {
			howZH, howEN = "通过邮件中的重置密码链接", "with a password-reset link sent by e-mail"
		}
		forgot := strings.TrimRight(s.PublicURL, "/") + "/#/forgot"
		return u.Email, &Notification{RecipientID: u.ID, Channel: NotifyEmail, Kind: MailPasswordChanged, CreatedAt: s.Now(),
			TitleZH: "您的密码已更改", TitleEN: "Your password was changed",
			BodyZH: "您在投诉平台的账户密码已于" + at + howZH + "更改，所有设备上的登录均已退出。\n\n如果是您本人操作，无需做任何事。\n" +
				"如果不是您本人操作，说明他人可能知道您的密码或能读取您的邮箱：请先确保邮箱安全，再立即在此重置密码：\n" + forgot,
			BodyEN: "The password of your account on the complaints platform was changed " + howEN + " at " + at +
				", and you were signed out on every device.\n\nIf it was you, there is nothing to do.\n" +
				"If it was not you, someone may know your password or read your e-mail: secure your mailbox first, then reset your password here at once:\n" + forgot}, nil
	})
}
