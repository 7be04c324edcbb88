package domain_test

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

func TestMatchInstitution(t *testing.T) {
	list := []*domain.Institution{
		{ID: 1, Name: "招商银行信用卡中心", Aliases: []string{"招行信用卡", "掌上生活", "CMB Credit Card Center"}},
		{ID: 2, Name: "马上消费金融股份有限公司", Aliases: []string{"马上消费", "安逸花", "Mashang Consumer Finance"}},
		{ID: 3, Name: "招联消费金融股份有限公司", Aliases: []string{"招联金融", "招联好期贷"}},
		{ID: 4, Name: "分期乐（乐信）", Aliases: []string{"分期乐", "乐信", "Lexin"}},
	}
	cases := []struct {
		name, typed string
		want        int64 // 0: no match
	}{
		{"ExactLegalName", "马上消费金融股份有限公司", 2},
		{"LegalNameWithoutSuffix", "马上消费金融", 2},
		{"BrandAlias", "安逸花", 2},
		{"AppNameWithAppSuffix", "安逸花APP", 2},
		{"AliasInsideLongerText", "招行信用卡中心", 1},
		{"EnglishCaseAndSpaces", "mashang  consumer finance", 2},
		{"OneCharacterTypo", "招连金融", 3},
		{"PunctuationIgnored", "分期乐(乐信)", 4},
		{"UnrelatedName", "平安普惠", 0},
		{"TooShort", "招", 0},
		{"Empty", "  ", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, ok := domain.MatchInstitution(c.typed, list)
			if c.want == 0 {
				if ok {
					t.Fatalf("%q matched %s (%.2f), want no match", c.typed, m.Institution.Name, m.Score)
				}
				return
			}
			if !ok || m.Institution.ID != c.want {
				t.Fatalf("%q: got %+v ok=%v, want institution %d", c.typed, m, ok, c.want)
			}
		})
	}
}
