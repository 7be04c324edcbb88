package domain

import (
	"strings"
	"testing"
)

// TestFiledValuesWithCommasOrSpeltOutAreWithheld: a filed mobile or ID number written with commas
// between its groups, and a filed e-mail address spelt out (at/dot, 艾特/点), reached an
// institution the values are withheld from (left by attack round 23).
func TestFiledValuesWithCommasOrSpeltOutAreWithheld(t *testing.T) {
	withheld := []string{"11010519491231002X", "13812345678", "zhangsan@qq.com", "王小明"}
	for _, in := range []string{
		"号码138,1234,5678打来",
		"号码138，1234，5678打来",
		"号码 138 - 1234 - 5678 打来",
		"号码 1 3 8 - 1 2 3 4 - 5 6 7 8 打来",
		"证件110105，19491231，002X",
		"邮箱 zhangsan at qq dot com",
		"邮箱 zhangsan(at)qq(dot)com",
		"邮箱 zhangsan [at] qq [dot] com",
		"邮箱 zhangsan艾特qq点com",
		"邮箱 ZhangSan（AT）QQ（DOT）COM",
	} {
		if got := redactAll(in, withheld); !strings.Contains(got, "XXXX") {
			t.Errorf("redactAll(%q) = %q: the filed value is still there", in, got)
		}
		if got := forInstitution(in, nil); !strings.Contains(got, "XXXX") && strings.Contains(in, "zhangsan") {
			t.Errorf("forInstitution(%q) = %q: an e-mail address is still there", in, got)
		}
	}
	for _, kept := range []string{"借款 12,000 元", "他说 at 3 点 com 了", "你好，再见", "138,1234,5679"} {
		if got := redactAll(kept, withheld); got != kept {
			t.Errorf("redactAll(%q) = %q, want it kept", kept, got)
		}
	}
}
