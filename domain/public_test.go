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

// TestPublicNarrativeDropsTheFilingsValuesHoweverWritten: only exact copies of the filed values
// were replaced, so the debtor's name spaced out, the contract number in full width or with other
// separators, reached the public dataset (found by hand). What is not the value stays.
func TestPublicNarrativeDropsTheFilingsValuesHoweverWritten(t *testing.T) {
	c := &domain.Complaint{
		Debtor:         domain.Debtor{Name: "王小明", Mobile: "13812345678", IDNumber: "11010519491231002X"},
		ContractNumber: "HT-2025-0001",
	}
	for _, written := range []string{
		"王 小 明", "王\u3000小\u3000明", "王\u200b小明", "王·小·明",
		"ＨＴ－２０２５－０００１", "HT 2025 0001", "ht20250001", "HT/2025/0001",
		"1 3 8 1 2 3 4 5 6 7 8", "138-1234-5678", "１３８．１２３４．５６７８",
		"110105 19491231 002x", "１１０１０５１９４９１２３１００２Ｘ",
		"一三八一二三四五六七八", "幺三八 幺二三四 五六七八", "138一二三四5678", "壹叁捌壹贰叁肆伍陆柒捌",
		"一一〇一〇五一九四九一二三一〇〇二X", "HT-二〇二五-〇〇〇一",
	} {
		c.Narrative = "催收员说" + written + "不还钱就上门。"
		if got := domain.PublicNarrative(c); got != "催收员说XXXX不还钱就上门。" {
			t.Errorf("%q: public narrative %q", written, got)
		}
	}
	c.Narrative = "王小红说小明的同事王五欠款20250001元，合同HT-2024-0001。"
	if got := domain.PublicNarrative(c); !strings.Contains(got, "王小红") || !strings.Contains(got, "王五") || !strings.Contains(got, "小明的同事") {
		t.Errorf("more than the filed values went: %q", got)
	}
}
