package rules

import "testing"

// TestSession21ZhtpMechanisms: the contact types as borrowers write them again in other words
// (docs/RULES.md "Chinese, session 21 (zhtp)"): the contact list as the recipients of calls or
// messages, data spread about, a third party's number taken and then called, a send verb's
// recipient that the borrower once listed, a third party reached with a count between, the
// complainant reached and then denying the debtor, a clause of what was said after a kin word (no
// list), insults in other words. Texts phrased anew, not copied from the labelled sets; each fails
// on the pack before this session.
func TestSession21ZhtpMechanisms(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"ContactListAllCalled", "我还在跟平台商量，他们已经把我手机通讯录里的人都打了个遍", privacy, none},
		{"ContactListMessaged", "催收往我通讯录里的同学同事一个个发短信", privacy, none},
		{"DataSpreadAbout", "他们把我的资料四处乱传", privacy, none},
		{"NumbersTakenThenCalled", "他们非让我提供我舅舅的手机号，随后轮番打了过去", third, none},
		{"SentToListedContact", "那条催款短信又原样转发给了我留的联系人", third, none},
		{"CountBetween", "我妈这一个月天天被打好几遍", third, none},
		{"ReachedThenDenied", "平台一直打我电话，我跟他们说了我压根不认识借款人", third, none},
		{"SaidAfterKinNoList", "他们打给我姑姑，谎称是律师说她侄子被告了", privacy, none},
		{"InsultOtherWords", "接起电话对面就是一通国骂", abuse, none},
	})
}

// TestSession21ZhtpLookAlikes: the borrower's own doing and a number not given stay unflagged;
// the guard keeps a listed contact who was called.
func TestSession21ZhtpLookAlikes(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"OwnContactListForLoan", "我自己给通讯录里的好友挨个发消息想借点钱周转", none, privacy},
		{"ListedContactNamedOnly", "我填的紧急联系人是我哥，催收一直只找我本人", none, third},
		{"NumberAskedNotGiven", "客服问我要我爸的手机号，我没有给", none, third},
		{"GuardListedContactCalled", "我填的紧急联系人每天都被打", third, none},
	})
}
