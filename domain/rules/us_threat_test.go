package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestUSThreatsSession7: threats to safety as US consumers report them (reported speech, contractions
// written without apostrophes, typos, family, pets, property, weapons) are URGENT with a police
// referral; insults and masked profanity are ABUSIVE_LANGUAGE; hearsay, questions and lawful
// collection (a lawsuit, a credit report, an attorney) never are THREAT and never raise severity.
func TestUSThreatsSession7(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	us := mustPack(t, US)
	threats := []string{
		"The rep said he would come by my apartment and hurt my girlfriend if I kept ducking his calls.",
		"the collector said hed hurt my son if i dont pay",
		"They threatened to shoot my dog.",
		"he said theyre gonna smash my truck windows this weekend",
		"The agent said she'd have my arms broken.",
		"a man from the agency said he was going to beat the hell out of me",
		"He told me I'd regret it for the rest of my life.",
		"The woman on the phone said I would be sorry.",
		"they said theyll make my life a living hell until i pay",
		"The caller said they will find me wherever I go.",
		"He told my wife they're coming for us.",
		"The collector said something bad could happen to my children.",
		"She said it would be a real shame if anything happened to my house.",
		"The collector told me I would see what happens when they are done with me.",
		"He said people that don't pay end up in the hospital.",
		"They texted that they know where my daughter goes to school.",
		"The collector told me I better watch out.",
		"They said they would put a bullet in my husband.",
		"The caller threatened me with a gun.",
		"He said my grandson would get hurt if the bill was not paid.",
		"He mailed me a photo of a shotgun.",
		"The caller said they'd make my husband disappear.",
		"the rep said theyd run him over",
		"They said they would pay us a little visit tonight.",
	}
	for _, text := range threats {
		f, ok := us.Assess(Facts{Narrative: text}).Find(domain.ViolationThreat)
		if !ok || f.Firsthand < 0.8 {
			t.Errorf("%q: want THREAT ≥ 0.8 firsthand, got %+v", text, f)
			continue
		}
		a := us.Judge(Facts{Narrative: text}, "", now)
		if a.Severity != domain.PriorityUrgent || a.SuggestedReferral != domain.ReferPolice {
			t.Errorf("%q: severity %s referral %q, want URGENT with POLICE", text, a.Severity, a.SuggestedReferral)
		}
	}

	// hearsay, questions, negations and lawful collection: no THREAT, never URGENT
	notThreats := []string{
		"My neighbor said a collector threatened to hurt him. I heard they also threatened to burn a car.",
		"Online reviews say their collectors threaten to hurt people and make their lives hell.",
		"Would they really send someone to hurt my family?",
		"What if they come to my house and break my windows?",
		"They said they may sue me and that they will report it to the credit bureaus.",
		"The agent said late payments would hurt my credit score.",
		"The collector never threatened to hurt me, he was polite.",
		"The letter said I would regret not taking the discount before it expires.",
		"Please be careful with the payment deadline, the offer ends Friday.",
		"I'm coming for you, I wrote back, and I filed this complaint under the FDCPA.",
		"They said they're coming after me for the balance of the deficiency.",
		"I do not know where my brother lives and told them so.",
		"I told them I would pay by Friday or else set up a plan.",
		"I read online that they call people's bosses. Will they call my employer?",
		"The agent said the funeral home bill was sent to collections in May.",
	}
	for _, text := range notThreats {
		if f, ok := us.Assess(Facts{Narrative: text}).Find(domain.ViolationThreat); ok && f.Confidence >= 0.5 {
			t.Errorf("%q: THREAT %.2f, want below 0.5: %+v", text, f.Confidence, f.Evidence)
		}
		a := us.Judge(Facts{Narrative: text}, "", now)
		if a.Severity == domain.PriorityUrgent {
			t.Errorf("%q: URGENT (urgency %+v)", text, a.Urgency)
		}
	}

	// arrest and jail are false representations of state action, not threats to safety
	for _, text := range []string{
		"The collector told me the sheriff is on the way to arrest me.",
		"He said I'd go to jail for theft by deception if I did not pay.",
	} {
		a := us.Assess(Facts{Narrative: text})
		if f, ok := a.Find(domain.ViolationFalseRepresentation); !ok || f.Confidence < 0.5 {
			t.Errorf("%q: want FALSE_REPRESENTATION, got %+v", text, a.Violations)
		}
		if f, ok := a.Find(domain.ViolationThreat); ok && f.Confidence >= 0.5 {
			t.Errorf("%q: THREAT %+v", text, f)
		}
	}

	runUSPhrasings(t, []usPhrasing{
		{"CalledMeStupidEN", "the agent kept calling me stupid and lazy", domain.ViolationAbusiveLanguage, none, ""},
		{"SaidIWasTrashEN", "She said I was a worthless piece of trash.", domain.ViolationAbusiveLanguage, none, ""},
		{"MaskedFEN", "He called me a f***ing loser.", domain.ViolationAbusiveLanguage, none, ""},
		{"MaskedBEN", "The rep said a**hole under her breath when I asked for the balance.", domain.ViolationAbusiveLanguage, none, ""},
		{"MaskedSEN", "He told me my excuses were s**t.", domain.ViolationAbusiveLanguage, none, ""},
		{"FWordEN", "The supervisor dropped the f word twice.", domain.ViolationAbusiveLanguage, none, ""},
		{"ShutUpEN", "He told me to shut up and listen.", domain.ViolationAbusiveLanguage, none, ""},
		{"CalledMyMotherEN", "They called my mother to ask for my address.", none, domain.ViolationAbusiveLanguage, ""},
		// what others say, however many insults it lists, is one weak signal
		{"HearsayInsultsEN", "A coworker said the same agency called him a deadbeat, cursed at him and said he was a liar.", none, domain.ViolationAbusiveLanguage, ""},
		{"FirsthandInsultsEN", "The agent called me a deadbeat and cursed at me.", domain.ViolationAbusiveLanguage, none, ""},
	})
}
