package rules

import (
	"strings"
	"testing"
)

// TestS32ExceptNearSame: the exceptions searched only from the starts whose matches could overlap
// a hit they judge (exceptSpansNear, session 32) leave every hit and factor as the search from all
// starts does (noExceptNear), on session 31's texts (train narratives, long and repeated variants)
// and on hostile ones: a look-alike's lead (他) repeated around a threat.
func TestS32ExceptNearSame(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, ref := speedPair(t, j, func(ref *Pack) { ref.noExceptNear = true })
		texts := s31Texts(t, j)
		if j == CN {
			texts = append(texts,
				strings.Repeat("他说他不是催收，", 8)+"你再不还钱就让你家人出点意外。"+strings.Repeat("他她他她", 20),
				strings.Repeat("他", 70)+"并不是催收，是我前夫说要打断我的腿"+strings.Repeat("她", 70),
				"我梦到催收说要打断我的腿，"+strings.Repeat("他们天天打电话", 10)+"，说要弄死我全家。",
				strings.Repeat("对方不是催收是朋友他说要砍我", 12))
		}
		n := 0
		for _, text := range texts {
			for _, h := range sameHits(t, j, p, ref, text, "the exceptions near their hits", "from every start") {
				if strings.HasPrefix(h.negatedBy, "exception") {
					n++
				}
			}
		}
		if n == 0 {
			t.Fatalf("%s: no hit dismissed by an exception: the test tests nothing", j)
		}
	}
}
