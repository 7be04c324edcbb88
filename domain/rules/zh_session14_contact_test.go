package rules

import "testing"

// TestZHSession14Contact: the session 14 (zhrare) mechanisms for the Chinese contact and identity types
// (docs/RULES.md "Chinese, session 14 (zhrare): third parties, counts and hidden callers"), phrased anew
// for the test (not copied from the blind batches): third parties listed with commas (listClasses),
// people named only as outsiders ({OUTSIDER}: 别人, 本人以外的第三方) or as 不相干的 + a third party,
// the complainant asked to relay or to pay for a relative, a third party deceived, a result (打电话打得…),
// 把 + third party, a place asked around, the borrower's own contacts reached (暴我预留的联系人), the
// complainant who is not the debtor, counts with no period, withheld names (说出), numbers from
// everywhere, authorities posed as by a plural subject or 装成, powers claimed (有权冻结). The negatives
// keep the complainant's own acts (borrowing from others, lying to their parents, going to the
// community office, naming a contact who was never called) unflagged.
func TestZHSession14Contact(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"CommaList", "他们给我表姐，我大伯，我同学都打了电话", third, none},
		{"CommaListPhones", "我叔叔，我婶婶的手机天天被他们打", third, none},
		{"Outsider", "催收没办法联系到我，就去打电话给别人", third, none},
		{"Unrelated", "他们一直骚扰跟我毫不相干的同事", third, none},
		{"Result", "打电话打得我外公住进了医院", third, none},
		{"BaTheThird", "他们把我的小学同学都找到了", third, none},
		{"Deceived", "催收骗我岳母说我在外面犯了事", third, none},
		{"AskedAround", "催收员跑到我们村委会去打听我", third, none},
		{"OwnContacts", "他们暴我预留的联系人", third, none},
		{"NotTheNumber", "催收拨打的号码并非本人号码", third, none},
		{"AgedThenPronoun", "我爷爷八十多了，他们每天给他打电话", third, none},
		{"RelativesAsking", "我的亲戚都纷纷来问我是不是欠了钱", third, none},
		{"OnlyAColleague", "我跟借款人只是普通同事，他们天天打我电话", third, none},
		{"PayForRelative", "他们让我替我表哥还钱", third, none},
		{"DawnToDusk", "催收员从早打到晚", excess, none},
		{"PhoneDied", "手机都被他们打到关机了", excess, none},
		{"FullNameWithheld", "对方拒绝说出公司全称", unident, none},
		{"NumbersFromEverywhere", "每次打来都是各种外地号码", unident, none},
		{"PluralAuthority", "对方说他们是检察院的", falseRep, none},
		{"PosedAsCourt", "催收装成是法院的人给我打电话", falseRep, none},
		{"PowerClaimed", "催收说他们有权冻结我的微信", falseRep, none},
		{"BorrowsFromOthers", "我只能找别人借钱先还上", none, third},
		{"LiesToParents", "我一直骗我爸妈说工作很忙", none, third},
		{"OwnVisit", "我自己跑到社区去问了政策", none, third},
		{"ContactNeverCalled", "我填的联系人是我妈，但他们没打过", none, third},
	})
}

// TestListCommas: a comma between two members of a listed class (THIRD in the CN pack) does not end the
// clause; any other comma does.
func TestListCommas(t *testing.T) {
	p := mustPack(t, CN)
	for _, tc := range []struct {
		text    string
		clauses int
	}{
		{"给我朋友，亲戚打电话", 1},
		{"我爸，我妈，我弟的手机都被打了", 1},
		{"打给了我的前领导， 他的同事也接到了", 1},
		{"他们打电话给我，我没接", 2},
		{"我朋友，他说没接到", 2},
		{"还款日到了，亲戚问我", 2},
	} {
		st := p.prepare(tc.text)
		if got := len(st.clauses); got != tc.clauses {
			t.Errorf("%q: %d clauses, want %d", tc.text, got, tc.clauses)
		}
	}
}
