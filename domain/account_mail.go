package domain

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/mail"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain/pii"
)

// Account e-mails that carry a link (a registration's confirmation, a password reset) are written
// by a worker from an outbox message that names a record, never an address. They share how the
// link's token is made, what a link looks like and how such an e-mail is sent once.

// linkToken is the token of an e-mailed link to the record id: HMAC-SHA256 of the purpose and the
// id under the server's secret. It is never stored: the worker that writes the e-mail computes it
// again, and the database keeps only its SHA-256 (hashToken).
func linkToken(secret []byte, purpose, id string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(purpose + "\x00" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// portalLink is the address of a portal page that takes a link's token: <public URL>/#/<page>?token=….
func portalLink(publicURL, page, token string) string {
	return strings.TrimRight(publicURL, "/") + "/#/" + page + "?token=" + token
}

// linkTokenOK trims a token a person brought back from an e-mail; false for one no link could carry.
func linkTokenOK(token string) (string, bool) {
	token = strings.TrimSpace(token)
	return token, token != "" && len(token) <= 100
}

// NormalEmail is the form an e-mail address is stored, looked up and counted in (sign-in lockouts,
// request limits): full-width characters folded to ASCII (as a Chinese input method types them),
// spaces trimmed, lower case.
func NormalEmail(email string) string {
	return strings.TrimSpace(pii.Normalize(pii.KindEmail, email))
}

// checkEmail validates and normalises an e-mail address (NormalEmail). Only printable ASCII is
// taken: net/mail accepts any Unicode, so "ａｄｍｉｎ@…" (full-width), "admin\u200b@…" (an invisible
// character), "аdmin@…" (a Cyrillic а) or a bidirectional override made accounts and invitations
// that read exactly like another's (found by hand). An international domain is written in its
// xn-- form.
func checkEmail(email string) (string, error) {
	email = NormalEmail(email)
	for i := 0; i < len(email); i++ {
		if email[i] <= ' ' || email[i] >= 0x7f {
			return "", Invalid("email", "an e-mail address has only ASCII letters, digits and punctuation (write an international domain in its xn-- form)",
				"邮箱地址只能包含英文字母、数字和符号（含中文等字符的域名请写成xn--形式）")
		}
	}
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email || len(email) > 254 {
		return "", Invalid("email", "enter a valid e-mail address", "请输入有效的电子邮箱地址")
	}
	if at := strings.LastIndexByte(email, '@'); !mailDomain(email[at+1:]) {
		return "", Invalid("email", "the address must end in an internet domain such as example.cn", "邮箱地址须以互联网域名结尾，例如example.cn")
	}
	return email, nil
}

// mailDomain reports whether the part of an address after its @ is an internet domain name: two
// labels or more, each of letters, digits and inner hyphens, at most 63 bytes, the last not all
// digits. net/mail also takes address literals ([127.0.0.1]), bare addresses (10.0.0.5) and single
// names (localhost), to which an anonymous registration had the regulator's mail system deliver —
// towards its own and internal hosts (found by hand, session 12).
func mailDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return strings.Trim(labels[len(labels)-1], "0123456789") != ""
}

// MailMarks records the account e-mails sent, by outbox message, so that a task run twice sends one
// e-mail.
type MailMarks interface {
	// MailSent reports whether the e-mail of an outbox message was sent; MarkMailSent records it.
	MailSent(ctx context.Context, messageID string) (bool, error)
	MarkMailSent(ctx context.Context, messageID string, at time.Time) error
}

// sendOnce sends the account e-mail the outbox message messageID asks for, unless it was sent
// already. compose returns the address and the e-mail, or an empty address when there is nothing
// to send any more (the record was used or swept since, or never existed). A nil mailer logs.
func sendOnce(ctx context.Context, marks MailMarks, mailer Mailer, messageID string, now func() time.Time,
	compose func() (string, *Notification, error)) error {
	if sent, err := marks.MailSent(ctx, messageID); err != nil || sent {
		return err
	}
	to, n, err := compose()
	if err != nil || to == "" {
		return err
	}
	if mailer == nil {
		mailer = LogMailer{}
	}
	if err := mailer.SendMail(ctx, to, n); err != nil {
		return err
	}
	return marks.MarkMailSent(ctx, messageID, now())
}
