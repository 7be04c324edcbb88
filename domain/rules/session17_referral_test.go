package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestSession17PoliceOnlyForViolence: the police are the body for threats and violence (DOMAIN.md).
// A borrower in hospital, a minor or an elderly person named ranks the complaint URGENT, but is no
// crime to refer; before session 17 every urgency factor suggested POLICE, so a medical-debt narrative
// that mentions a hospital, or a plea for instalments by a 70-year-old, was sent to the police.
func TestSession17PoliceOnlyForViolence(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		j        Jurisdiction
		text, id string
		police   bool
	}{
		// session 26 (threat): health harm counts where the collection caused it; a stay in hospital
		// told as the reason for arrears is no urgency (TestSession26StayIsNoHealthHarm)
		{US, "Their constant calls put my mother in the hospital, and the agency still calls her about my medical debt.", "", false},
		{CN, "去年催收天天打电话，我妈接到电话当场晕倒，送进了医院，现在想申请停息挂账。", "", false},
		{CN, "我想申请分期还款。", "110105195001010012", false},
		{US, "They keep calling my 82-year-old grandmother.", "", false},
		{CN, "催收员在电话里说要弄死我全家，我母亲吓得住院了。", "", true},
		{US, "The collector said he would kill my family if I don't pay.", "", true},
	} {
		a := mustPack(t, tc.j).Judge(Facts{Narrative: tc.text}, tc.id, now)
		if a.Severity != domain.PriorityUrgent {
			t.Errorf("%q: severity %s, want URGENT", tc.text, a.Severity)
		}
		if got := a.SuggestedReferral == domain.ReferPolice; got != tc.police {
			t.Errorf("%q: police referral %v, want %v (urgency %+v)", tc.text, got, tc.police, a.Urgency)
		}
	}
}
