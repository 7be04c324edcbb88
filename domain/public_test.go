package domain_test

import (
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

func TestPublishedAt(t *testing.T) {
	fwd := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	base := func(edit func(c *domain.Complaint)) *domain.Complaint {
		c := &domain.Complaint{Status: domain.StatusForwarded, ConsentToPublish: true, ForwardedAt: fwd}
		edit(c)
		return c
	}
	for _, tc := range []struct {
		name string
		c    *domain.Complaint
		want time.Time // zero: never published
	}{
		{"FifteenDaysAfterForwarding", base(func(c *domain.Complaint) {}), fwd.Add(15 * 24 * time.Hour)},
		{"AnsweredFirst", base(func(c *domain.Complaint) { c.RespondedAt = fwd.Add(48 * time.Hour) }), fwd.Add(48 * time.Hour)},
		{"AnsweredLate", base(func(c *domain.Complaint) { c.RespondedAt = fwd.Add(20 * 24 * time.Hour) }), fwd.Add(15 * 24 * time.Hour)},
		{"NoConsent", base(func(c *domain.Complaint) { c.ConsentToPublish = false }), time.Time{}},
		{"NeverForwarded", base(func(c *domain.Complaint) { c.ForwardedAt, c.Status = time.Time{}, domain.StatusRejected }), time.Time{}},
		{"Withdrawn", base(func(c *domain.Complaint) { c.Status = domain.StatusWithdrawn }), time.Time{}},
		{"Merged", base(func(c *domain.Complaint) { c.MergedInto = "a5c1e0a4-7d0e-4f7e-9a3e-2f1d7a8c9b10" }), time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := domain.PublishedAt(tc.c)
			if ok != !tc.want.IsZero() || !got.Equal(tc.want) {
				t.Errorf("PublishedAt = %v, %v; want %v", got, ok, tc.want)
			}
		})
	}
}

func TestPublicNarrativeDropsTheFilingsPersonalData(t *testing.T) {
	c := &domain.Complaint{
		Debtor:         domain.Debtor{Name: "欧阳娜娜", Mobile: "13912345678", IDNumber: "11010519491231002X"},
		ContractNumber: "XY88-776655",
		Narrative: "欧阳娜娜的合同XY88-776655逾期了，催收员打到我单位，说娜娜不还钱就上门。" +
			"他们还打了我妈的电话13698765432，念出了我的身份证11010519491231002X。",
	}
	got := domain.PublicNarrative(c)
	for _, pd := range []string{"欧阳娜娜", "XY88-776655", "13698765432", "11010519491231002X", "13912345678"} {
		if strings.Contains(got, pd) {
			t.Errorf("public narrative holds %q: %s", pd, got)
		}
	}
	if !strings.Contains(got, "催收员打到我单位") || !strings.Contains(got, "XXXX") {
		t.Errorf("public narrative lost its story or its redactions: %s", got)
	}
}
