// Package jsondoc checks JSON documents as encoding/json will read them: a key named twice in an
// object is kept last by the decoder, where a reader of the text (a reviewer of a rule pack, a proxy,
// a log) may read the first.
package jsondoc

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DuplicateKey finds the first object of the JSON document data that names a key twice, and
// returns that key's path ("variables.input.narrative", "violations.THREATS.phrases.0.zh"), cut at
// 200 bytes; "" when every key is named once. foldAt tells for an object or array opened at depth
// (0: the root) whether its keys are matched whatever their case (encoding/json matches a struct's
// fields so; a map's keys are as written): parentFolds is the answer for the enclosing object,
// parentKey the key the new level is the value of. Keys are compared as the decoder reads them
// ("\u0071uery" is "query").
//
// data has already been decoded whole, so it is one valid JSON value; one pass over its bytes (a
// megabyte of numbers in a few milliseconds: json.Decoder.Token took 0.4 s).
func DuplicateKey(data []byte, foldAt func(depth int, parentFolds bool, parentKey string) bool) string {
	type level struct {
		object bool
		fold   bool                // objects decoded into a struct: keys match whatever their case
		keys   map[string]struct{} // objects: the keys named so far (made at the first)
		name   string              // the key or index of this level in its parent
		next   int                 // arrays: the index of the next value
		expect bool                // objects: the next string is a key
		last   string              // objects: the key whose value comes next
	}
	var stack []*level
	// given notes that a value was given in the innermost level.
	given := func() {
		if len(stack) == 0 {
			return
		}
		if top := stack[len(stack)-1]; top.object {
			top.expect = true
		} else {
			top.next++
		}
	}
	// name names the value starting in the innermost level.
	name := func() string {
		if len(stack) == 0 {
			return ""
		}
		if top := stack[len(stack)-1]; top.object {
			return top.last
		} else {
			return strconv.Itoa(top.next)
		}
	}
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case ' ', '\t', '\r', '\n', ',', ':':
		case '{', '[':
			l := &level{object: c == '{', name: name(), expect: true}
			top := stackTop(stack)
			l.fold = foldAt(len(stack), top != nil && top.object && top.fold, func() string {
				if top == nil {
					return ""
				}
				return top.last
			}())
			given()
			stack = append(stack, l)
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case '"':
			start := i
			escaped := false
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					escaped = true
					i++
				}
			}
			top := stackTop(stack)
			if top == nil || !top.object || !top.expect {
				given()
				continue
			}
			key := string(data[start+1 : min(i, len(data))])
			if escaped || !utf8.ValidString(key) { // as the decoder reads it: escapes, invalid bytes as U+FFFD
				_ = json.Unmarshal(data[start:min(i+1, len(data))], &key)
			}
			named := key
			if top.fold {
				key = FoldKey(key)
			}
			if _, ok := top.keys[key]; ok {
				parts := make([]string, 0, len(stack))
				for _, l := range stack[1:] {
					parts = append(parts, l.name)
				}
				return capPath(strings.Join(append(parts, named), "."))
			}
			if top.keys == nil {
				top.keys = map[string]struct{}{}
			}
			top.keys[key] = struct{}{}
			top.expect, top.last = false, named
		default: // a number, true, false or null
			for i+1 < len(data) && !valueEnd(data[i+1]) {
				i++
			}
			given()
		}
	}
	return ""
}

// foldKey is a key as encoding/json matches it to a struct field (bytes.EqualFold): each rune as
// the least of its case-folding orbit (K, k and the Kelvin sign K are one; s, S and ſ are one).
func FoldKey(k string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, k)
}

func stackTop[T any](s []*T) *T {
	if len(s) == 0 {
		return nil
	}
	return s[len(s)-1]
}

// valueEnd: a byte that ends a number or a literal.
func valueEnd(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', ',', ':', ']', '}':
		return true
	}
	return false
}

// capPath cuts a key path at 200 bytes, as the field of other errors is (an unknown key of 100,000
// characters came back whole; session 26).
func capPath(p string) string {
	const maxBytes = 200
	if len(p) <= maxBytes {
		return p
	}
	cut := maxBytes
	for cut > 0 && (p[cut]&0xC0) == 0x80 {
		cut--
	}
	return p[:cut] + "…"
}

// FoldEverywhere is the foldAt of a document decoded into structs throughout, or one whose map keys
// are codes written in one case: any two keys equal under case folding are the same key.
func FoldEverywhere(int, bool, string) bool { return true }

// Problem says what keeps doc from being read as written: not one JSON value (trailing text after
// it, or none), or a key named twice (folding case). "" when none.
func Problem(doc []byte) string {
	if !json.Valid(doc) {
		return "the document is not one JSON value"
	}
	if k := DuplicateKey(doc, FoldEverywhere); k != "" {
		return "the key " + strconv.Quote(k) + " is named twice (keys are read whatever their case; the last would win)"
	}
	return ""
}
