package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// s34tmen34Threats: session 34 (tmen34), English veiled and explicit threats by mechanism (us.json
// THREAT.s34-veiled-en): the consumer's funeral suggested, men waiting at the job, confinement, a
// child taken until paid, their people who will "take care of" someone, found in a ditch, the guys
// the collector cannot control, enjoy the kids while you can, a relative who should be careful
// somewhere, an accident one payment away, people who owe get hurt, say goodbye, a harm verb inside
// quotation marks, driving past the home, a gun cocked on the line. Each is URGENT with a police
// referral for a threat of violence.
var s34tmen34Threats = []string{
	"The agent told me I should start picking out a coffin if the payment was late again.",
	"He said three of their guys were parked outside my workplace that afternoon.",
	"The collector said they would \"lock me in\" the storage room until my wife paid.",
	"The caller said they would take my son from school until the balance was cleared.",
	"The rep said his associates would \"take care of\" my brother if I kept stalling.",
	"He said people who dodge him usually get found in a river.",
	"The collector told me he can't control what his crew does once they have my address.",
	"She said I should enjoy my children while I still can.",
	"The caller said my daughter should be more careful walking home from practice.",
	"The man said I was one missed payment away from a nasty accident.",
	"The agent said folks who owe his company tend to end up in the hospital.",
	"The text said \"say goodbye to your kids\" and gave the balance.",
	"The collector threatened to \"slit my throat\" over the phone.",
	"The collector said he had driven past my house twice this week.",
	"On the voicemail I could hear the sound of a gun being cocked before he said my name.",
}

// s34tmen34NotThreats: look-alikes by speaker and by what the line resolves to — kin, a neighbour,
// a scammer, a TV show, the complainant's own question or words; lawful or financial readings
// (shoot me an email, kill the late fees, credit destroyed, skip tracing, regret the settlement, a
// default judgment, miserable by calling, accident insurance, a repossession, a school mailing
// address, a bare "pay or else"). None is URGENT or referred to the police.
var s34tmen34NotThreats = []string{
	"My father-in-law, who co-signed, said he would strangle me if the loan hurt his credit.",
	"My neighbor threatened to punch me over the parking spot; the collector, separately, calls at 7 a.m.",
	"A scammer claiming to be the agency said \"you'll regret this\" when I refused to send gift cards.",
	"I saw a TV show where a loan shark said he'd break a man's legs, and it made me nervous.",
	"When I asked whether they were going to hurt me, the agent laughed and asked for a payment date.",
	"The collector told me to shoot him an email with my hardship letter.",
	"The agent said they could kill the late fees if I paid by the end of the month.",
	"He said my credit score was going to be killed by the charge-off.",
	"She said \"we will find you\" and explained they run skip tracing through the credit bureaus.",
	"He said I'd regret not taking this settlement, because the next offer would be worse.",
	"The collector said \"you'll be sorry\" and then walked me through the default judgment process.",
	"The caller said he would make my life miserable by calling my cell every single day.",
	"The rep asked if I had accident insurance that might pay the balance after my injury.",
	"The collector said my truck would be taken by the repo agent because the loan is secured by it.",
	"The collector said they would mail a letter to my daughter's school address, since that is where I get mail.",
	"The texts just said PAY NOW OR ELSE, with no company name and no amount.",
}

// TestS34Tmen34ThreatSeverity: every line of s34tmen34Threats is URGENT with a police referral and a
// threat of violence among the urgency findings; no line of s34tmen34NotThreats is URGENT or
// referred to the police.
func TestS34Tmen34ThreatSeverity(t *testing.T) {
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	p := mustPack(t, US)
	for _, text := range s34tmen34Threats {
		a := p.Judge(Facts{Narrative: text}, "", now)
		if a.Severity != domain.PriorityUrgent || a.SuggestedReferral != domain.ReferPolice || !hasFactor(a, domain.UrgencyViolence) {
			t.Errorf("threat %q: severity %s referral %q factors %v; want URGENT, police, a threat of violence", text, a.Severity, a.SuggestedReferral, a.Urgency)
		}
	}
	for _, text := range s34tmen34NotThreats {
		a := p.Judge(Facts{Narrative: text}, "", now)
		if a.Severity == domain.PriorityUrgent || a.SuggestedReferral == domain.ReferPolice {
			t.Errorf("look-alike %q: severity %s referral %q factors %v; want not URGENT, no police referral", text, a.Severity, a.SuggestedReferral, a.Urgency)
		}
	}
}
