package rules

import (
	"testing"
)

// TestSession16CFPBDisputes: session 16 (cfpb). A debt disputed in the words CFPB consumers use, by
// class rather than by text: a debt unknown to them ("no idea what these debts are"), an account
// reported or called fraud, entries never authorised, a creditor that cannot find the debt, a dispute
// found inaccurate, a card or collection already settled, a name never on the account, goods returned
// with a receipt across a comma, intensifiers inside the negation ("never even had", "not even mine"),
// "dept" for debt after a determiner, a word typed twice; after batch B, "I owe nothing", never
// ordered anything, a card paid off and the balance asked for again. The guards keep look-alikes unflagged: a
// returned call with a confirmation number, an agency whose identity is unknown, a debt owned up to.
func TestSession16CFPBDisputes(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"NoIdeaWhatTheseDebtsAreEN", "They never sent me the information and I have no idea what these debts are or who they are from.", dispute, none, "no idea what these debts are"},
		{"NoIdeaWhatThisIsEN", "I have no idea what this is. A company sent me a letter saying I owe a furniture store.", dispute, none, ""},
		{"ReportedAsFraudEN", "THESE ACCOUNTS WERE REPORTED AS FRAUD AS SOON AS THEY HIT MY FILE.", dispute, none, "REPORTED AS FRAUD"},
		{"AccountsAreFraudulentEN", "These accounts are fraudulent and they keep reporting them.", dispute, none, ""},
		{"DidNotAuthorizeTransactionsEN", "I did not give written permission for these transactions and I did not authorize these entries on my report.", dispute, none, ""},
		{"CreditorUnableToFindItEN", "When I gave them my name, date of birth and the original creditor they were unable to find it.", dispute, none, "they were unable to find it"},
		{"DeterminedNotAccurateEN", "The collection was disputed with the bureaus and determined to not be accurate, and it was removed.", dispute, none, ""},
		{"CardWasSettledEN", "That card was settled back in 2018 for less than the balance and I have the settlement letter.", dispute, none, ""},
		{"NameNeverOnAccountEN", "My ex-husband opened the electric account after I moved out, my name was never on it.", dispute, none, ""},
		{"ReturnedWithReceiptAcrossCommaEN", "I returned the hotspot by XXXX, and I have receipt.", dispute, none, ""},
		{"NeverEvenHadAccountEN", "I never even had an account with this company.", dispute, none, ""},
		{"AnyKindOfAccountEN", "I have never had any kind of account with them.", dispute, none, ""},
		{"NotEvenMineEN", "This debt is not even mine.", dispute, none, ""},
		{"NotMyDeptEN", "This is not my dept, I told them that twice.", dispute, none, ""},
		{"WordTypedTwiceEN", "They stated I owed money on a phone bill on an address I I do not know of.", dispute, none, ""},
		{"PayedOffEN", "I payed it off last year and they still want the balance.", dispute, none, ""},
		{"NotThePersonWhoOwesEN", "I am not the person who owes this and I told them so.", dispute, none, ""},
		// after batch B's honest measurement: the classes of its misses
		{"OweNothingEN", "The EOB from my insurance says I owe nothing for that visit.", dispute, none, ""},
		{"NeverOrderedAnythingEN", "I have never ordered anything from that catalog in my life.", dispute, none, ""},
		{"PaidOffCardAskedAgainEN", "I paid off my Synchrony card two years ago, yet a collector is asking for the full balance again.", dispute, none, ""},
		// guards
		{"ReturnedCallConfirmationEN", "I returned the call and the agent gave me a confirmation number for my payment plan.", none, dispute, ""},
		{"NoIdeaWhoTheyAreEN", "I have no idea who these people are, they never said the name of their company.", none, dispute, ""},
		{"OweItPaymentPlanEN", "I do not dispute that I owe Credit One. I am asking for a payment plan I can afford.", none, dispute, ""},
		{"BillingDeptEN", "I called their billing dept and set up a payment plan for the balance I owe.", none, dispute, ""},
	})
}

// TestRepeatedWordsRead: an English word typed twice is read once, with the offsets of what was
// written; masks (XXXX XXXX) and a word that only starts like the one before stay.
func TestRepeatedWordsRead(t *testing.T) {
	p := mustPack(t, US)
	for _, c := range []struct{ in, want string }{
		{"an address I I do not know of", "an address i do not know of"},
		{"the the the account", "the account"},
		{"XXXX XXXX called", "xxxx xxxx called"},
		{"I it is", "i it is"},
		{"it its", "it its"},
		{"paid 10 10 times", "paid 10 10 times"},
	} {
		n := p.normalize(c.in)
		if n.text != c.want {
			t.Errorf("normalize(%q) = %q, want %q", c.in, n.text, c.want)
		}
	}
	n := p.normalize("address I I do")
	s := len("address ")
	os, oe := n.span(s, s+len("i do"))
	if got := string(n.orig[os:oe]); got != "I I do" {
		t.Errorf("span of %q is %q, want the written %q", "i do", got, "I I do")
	}
}
