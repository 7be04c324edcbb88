package graph

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

var graphqlBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```")

// TestOperationsDocValidates checks every example of docs/OPERATIONS.md against the schema, and
// that every mutation of the complaint lifecycle has one.
func TestOperationsDocValidates(t *testing.T) {
	doc, err := os.ReadFile("../../docs/OPERATIONS.md")
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	examples := graphqlBlock.FindAllStringSubmatch(string(doc), -1)
	all := ""
	for _, m := range examples {
		if _, errs := x.document(m[1]); errs != nil {
			t.Errorf("example does not validate: %v\n%s", errs, m[1])
		}
		all += m[1]
	}
	for _, op := range []string{"fileComplaint", "withdrawComplaint", "provideInformation", "submitFeedback", "claimComplaint",
		"assignComplaint", "classifyComplaint", "requestInformation", "forwardComplaint", "rejectComplaint", "referComplaint",
		"escalateComplaint", "investigateComplaint", "closeComplaint", "reopenComplaint", "linkComplaints", "addNote",
		"respondToComplaint", "requestExtension", "decideExtension", "complaints(", "complaint(", "rerouteComplaint",
		"routingTable", "routingTableVersions", "updateRoutingTable", "rulePacks", "rulePack(", "rulePackRevisions", "updateRulePack", "updateCalendar"} {
		if !strings.Contains(all, op) {
			t.Errorf("docs/OPERATIONS.md has no example of %s", op)
		}
	}
}
