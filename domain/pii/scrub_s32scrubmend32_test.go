package pii

import "testing"

// Session 32 (scrubmend32): the review of session 32's scrubber change (scrub32). Each leak case
// names the part of the input that must not be published; each kept text must come back as written.
// The helpers scrubRedacts and scrubKeeps are scrubcheck_test.go's.

// A rule's lead word followed by another lead word: the first match was rejected and the name after
// the second never read (scrubRule.find searches again from the rejected submatch's start).
func TestScrubMend32LeadWordAfterLeadWord(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"The collector named John Smith called", "John"},
		{"The collector named John Smith called", "Smith"},
		{"a rep named Jessica", "Jessica"},
		{"Sincerely, Agent John Smith", "John"},
		{"Sincerely, Agent John Smith", "Smith"},
		{"my mom and my sister Jane", "Jane"},
		{"my husband and my son Kevin called", "Kevin"},
	})
	scrubKeeps(t, "The collector named in the letter called", "my mom and my sister called")
}

// The lower-case street rule read dates, amounts and court words as streets.
func TestScrubMend32LowerCaseStreetsAreNoSentences(t *testing.T) {
	scrubKeeps(t, "They filed in 2024 small claims court", "I will pay 1000 either way",
		"I filed chapter 7 bankruptcy court papers", "In 2023 debt collection took place",
		"the hearing on 12 june took place", "I received 15 voicemails threatening court",
		"They sent 3 letters threatening court action", "we waited 2 hours in the drive",
		"In 2024 main street banks closed")
	scrubRedacts(t, []scrubLeak{
		{"I live at 123 main st apt 4", "main st"},
		{"42 oak street", "oak"},
		{"send it to 77 maple drive apt 2", "maple"},
		{"1234 N Main Street, Apt 5", "Main"},
		{"12 Sunset Court", "Sunset"},
	})
}

// A surname-led word before 的 and a customer's word is a company only when it is one of the list,
// and the customer's word stands alone.
func TestScrubMend32CustomerWordNeedsACompany(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"本人李明的用户名被盗", "李明"},
		{"本人王伟的客户号是123", "王伟"},
		{"我是张伟的会员", "张伟"},
		{"我是万达的会员卡被盗刷", "万达"},
	})
	scrubKeeps(t, "我是万达的客户，他们乱收费", "我是苏宁的用户", "我是周大福的客户", "我是万科的业主")
}

// 名字是 after a company, a platform or an app names no person.
func TestScrubMend32InstitutionsNameIsNoPerson(t *testing.T) {
	scrubKeeps(t, "那家公司的名字是平安普惠", "平台的名字是招联金融", "公司名字是马上消费金融", "APP的名字是安逸花",
		"这个软件的名字是钱小乐")
	scrubRedacts(t, []scrubLeak{{"她的名字是王丽", "王丽"}, {"我妈的名字是李秀英", "秀英"}})
}

// A relative's given name in lower case: a verb after it is no surname; a surname is read.
func TestScrubMend32LowerCaseRelativeGivenNameOnly(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"my husband john borrowed 5000", "my husband XXXX borrowed 5000"},
		{"my daughter emma texted me", "my daughter XXXX texted me"},
		{"my wife mary cried", "my wife XXXX cried"},
		{"my friend jack invested 2000", "my friend XXXX invested 2000"},
		{"my husband john left us", "my husband XXXX left us"},
		{"my sister jane doe", "my sister XXXX"},
		{"my mother, mary smith, called", "my mother, XXXX, called"},
	} {
		if got := Scrub(c.in); got != c.want {
			t.Errorf("Scrub(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A given name that an institution's words follow is a company's name.
func TestScrubMend32InstitutionAfterGivenName(t *testing.T) {
	scrubKeeps(t, "This is Ashley Furniture", "This is Kelly Services", "This is Jack in the Box",
		"I am Christian Credit Union member", "This is crystal clear harassment", "I am Kelly Blue Book")
	scrubRedacts(t, []scrubLeak{{"I am John Smith", "Smith"}, {"This is Kelly Jones calling", "Kelly"}})
}

// A name in capitals with its surname in lower case; emoji and U+3000 after and inside a Chinese name.
func TestScrubMend32CapitalsEmojiIdeographicSpace(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"I'm JOHN smith", "smith"},
		{"我是john smith", "smith"},
		{"我是张三😡", "张三"},
		{"催收员王强😡", "王强"},
		{"借款人　张　三", "三"},
	})
}

// A relative's name after a colon or a bracket, or in capitals.
func TestScrubMend32RelativeAfterColonBracketCapitals(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"my sister: Jane Doe", "Jane"},
		{"my sister (Jane Doe)", "Doe"},
		{"MY SISTER JANE DOE", "JANE"},
		{"MY SISTER JANE DOE", "DOE"},
	})
	scrubKeeps(t, "MY SISTER AND I WERE CALLED", "my sister: she was called too")
}

// A landline with its area code in brackets; "born" inside a word; a section's Roman five; a state's
// abbreviation that is an English word.
func TestScrubMend32LandlineInBracketsAndLowLeftovers(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"(010) 1234 5678", "5678"},
		{"（010）1234 5678", "5678"},
		{"电话 (0755) 123 4567", "4567"},
		{"Indianapolis, IN 46201", "46201"},
		{"born 01/01/1990", "1990"},
	})
	scrubKeeps(t, "stubborn 01/01/2020", "Section V: 15000", "I said OK 20000 is fine", "paid in IN 46201 installments")
}
