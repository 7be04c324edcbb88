package workers

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/domain"
)

// Account e-mail tasks: the e-mail a registration or a password reset asks for (and the SMS with
// the code confirming a user's number), and the hourly sweep of expired registrations, reset links
// and mobile codes.
const (
	TypeRegistrationMail  = "registration:mail"
	TypeRegistrationSweep = "registration:sweep"
)

// NewRegistrationMailTask builds the task that writes an account e-mail (registration, password
// reset). Its payload names a pending registration, a user or a reset, never an address.
func NewRegistrationMailTask(m domain.Message) (*asynq.Task, error) {
	return newTask(TypeRegistrationMail, m.Payload, asynq.Queue(QueueCritical), asynq.MaxRetry(10))
}

// NewRegistrationSweepTask builds the sweep of pending registrations and password resets whose
// links expired, and of institutions' invitations done with (domain.InvitationRetention).
func NewRegistrationSweepTask() *asynq.Task {
	return asynq.NewTask(TypeRegistrationSweep, nil, asynq.Queue(QueueLow), asynq.MaxRetry(0), asynq.Timeout(10*time.Minute))
}

func (h *Handlers) sendRegistrationMail(ctx context.Context, t *asynq.Task) error {
	var payload map[string]any
	if err := json.Unmarshal(t.Payload(), &payload); err != nil {
		return fmt.Errorf("%w: %v", asynq.SkipRetry, err)
	}
	// The records a message names are keyed by uuid: any other id cannot be sent, ever.
	for _, k := range []string{"messageId", "registrationId", "resetId", "codeId"} {
		if v, ok := payload[k]; ok {
			if s, _ := v.(string); !domain.IsUUID(s) {
				return permanent(fmt.Errorf("%s: bad payload (%s)", TypeRegistrationMail, k))
			}
		}
	}
	switch payload["kind"] {
	case domain.SMSMobileCode: // the code confirming a user's SMS number
		if h.Notifications == nil {
			return nil
		}
		return h.Notifications.SendCodeSMS(ctx, payload)
	case domain.MailPasswordReset, domain.MailPasswordChanged:
		if h.PasswordResets == nil {
			return nil
		}
		if payload["kind"] == domain.MailPasswordChanged {
			return h.PasswordResets.SendChangedMail(ctx, payload)
		}
		return h.PasswordResets.SendMail(ctx, payload)
	}
	if h.Registrations == nil {
		return nil
	}
	return h.Registrations.SendMail(ctx, payload)
}

func (h *Handlers) sweepRegistrations(ctx context.Context, _ *asynq.Task) error {
	if h.Registrations != nil {
		if err := sweepExpired(ctx, "registrations", h.Registrations.Sweep); err != nil {
			return err
		}
	}
	if h.PasswordResets != nil {
		if err := sweepExpired(ctx, "password-reset links", h.PasswordResets.Sweep); err != nil {
			return err
		}
	}
	if h.Notifications != nil && h.Notifications.Mobiles != nil {
		if err := sweepExpired(ctx, "mobile confirmation codes", h.Notifications.SweepMobileCodes); err != nil {
			return err
		}
	}
	if h.InstitutionUsers != nil {
		return sweepExpired(ctx, "institution invitations", h.InstitutionUsers.Sweep)
	}
	return nil
}

// sweepExpired runs one sweep of expired links and logs how many went.
func sweepExpired(ctx context.Context, what string, sweep func(context.Context) (int64, error)) error {
	n, err := sweep(ctx)
	if err != nil {
		return fmt.Errorf("registration:sweep: %s: %w", what, err)
	}
	if n > 0 {
		slog.InfoContext(ctx, "expired "+what+" removed", "count", n)
	}
	return nil
}
