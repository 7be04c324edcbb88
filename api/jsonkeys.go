package api

import "github.com/redline-regulator/redline/domain/jsondoc"

// duplicateKey finds the first object of the JSON document data that names a key twice, and
// returns that key's path ("query", "variables.input.narrative", "variables.ids.1.x"), cut at 200
// bytes; "" when every key is named once. encoding/json keeps the last of two equal keys, where a
// proxy, a log or a firewall in front may read the first: a body {"query": "{ me { id } }",
// "query": "mutation …"} ran the mutation (session 29, attack), as an Authorization header sent
// twice did (session 26). Keys are compared as the decoder reads them ("\u0071uery" is "query";
// "QUERY" is too, the request being decoded into a struct). The scanner is jsondoc's (session 32,
// sec32: the rule pack and deadline documents are checked with it too).
func duplicateKey(data []byte) string {
	return jsondoc.DuplicateKey(data, requestFolds)
}

// requestFolds: the request itself and its extensions are decoded into structs, whose fields
// encoding/json matches whatever the key's case ("QUERY", "extenſionſ" are query and extensions);
// variables are maps, whose keys are as written.
func requestFolds(depth int, parentFolds bool, parentKey string) bool {
	if depth == 0 {
		return true
	}
	return parentFolds && (depth > 1 || jsondoc.FoldKey(parentKey) == jsondoc.FoldKey("extensions"))
}
