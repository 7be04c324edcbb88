package graph

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// Session 15's attack by hand: a syntax error's message quoted the document back — the line at
// fault and the lines around it, each up to 2,048 bytes, again in messageZh: three long lines came
// back as 16 KB, and a filing sent with a typo came back with the debtor's name, ID number and
// mobile in the error, into whatever keeps a client's errors. The message now says where and what
// only, bounded.
func TestSyntaxErrorsDoNotEchoTheDocument(t *testing.T) {
	x, _ := New(Deps{})
	long := strings.Repeat("王小明 11010519491231002X 13812345678 ", 40)
	for name, doc := range map[string]string{
		"AroundTheError":     "mutation {\n  fileComplaint(input: {narrative: \"" + long + "\"})\n  { id } }}}\n  # \"" + long + "\"\n}",
		"LongToken":          "{ me { id } \"" + long + "\" }",
		"UnterminatedString": "{ me(x: \"" + long + "\n) { id } }",
	} {
		t.Run(name, func(t *testing.T) {
			res := x.Do(context.Background(), Request{Query: doc})
			if len(res.Errors) == 0 {
				t.Fatal("no error")
			}
			e := res.Errors[0]
			if e.Extensions["code"] != CodeParseFailed || !strings.HasPrefix(e.Message, "Syntax Error GraphQL request (") || len(e.Locations) == 0 {
				t.Errorf("%q %v at %v, want %s saying where", e.Message, e.Extensions, e.Locations, CodeParseFailed)
			}
			b, _ := json.Marshal(res)
			if strings.Contains(string(b), "13812345678") || strings.Contains(string(b), "11010519491231002X") || len(b) > 1000 {
				t.Errorf("the error quotes the document (%d bytes): %s", len(b), b)
			}
		})
	}
}
