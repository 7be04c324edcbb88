package api

import (
	"strconv"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain/jsondoc"
)

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

// brokenText says why a JSON body holds no text in some string (INVALID_UTF8: bytes that are not
// UTF-8; LONE_SURROGATE: a \uD800–\uDFFF escape that is not half of a pair), or "" when every
// string is text. Go's decoder takes either silently as U+FFFD, so a narrative sent with them was
// stored with replacement characters the complainant never wrote (session 33, sec33): the request
// is refused whole instead, before anything runs.
func brokenText(data []byte) string {
	if !utf8.Valid(data) {
		return "INVALID_UTF8"
	}
	hex4 := func(i int) (rune, bool) {
		if i+6 > len(data) || data[i] != '\\' || data[i+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(data[i+2:i+6]), 16, 32)
		return rune(n), err == nil
	}
	inString := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString:
			r, ok := hex4(i)
			if !ok {
				i++ // an escape of one character (\" \\ \n …)
				continue
			}
			switch {
			case r >= 0xDC00 && r <= 0xDFFF:
				return "LONE_SURROGATE"
			case r >= 0xD800 && r <= 0xDBFF:
				low, ok := hex4(i + 6)
				if !ok || low < 0xDC00 || low > 0xDFFF {
					return "LONE_SURROGATE"
				}
				i += 11
			default:
				i += 5
			}
		}
	}
	return ""
}
