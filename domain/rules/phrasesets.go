package rules

import (
	"fmt"
	"reflect"
	"regexp"
)

// phraseSetRef is a phrase that names a set of Pack.PhraseSets instead of being a phrase itself.
var phraseSetRef = regexp.MustCompile(`^@[A-Za-z][A-Za-z0-9_]*$`)

var phraseGroupType = reflect.TypeFor[PhraseGroup]()

// expandPhraseSets replaces every "@NAME" among the phrases of every phrase group of the pack by
// the phrases of the set NAME in the same language, in the set's order. A reference to a set that
// is not defined, or that has no phrases in the group's language, is an error: a typo must not
// quietly leave a group without the exceptions it was written to carry.
func (p *Pack) expandPhraseSets() error {
	for name := range p.PhraseSets {
		if !phraseSetRef.MatchString("@" + name) {
			return fmt.Errorf("phraseSets: name %q: use letters, digits and _ and begin with a letter", name)
		}
	}
	return walkPhraseGroups(reflect.ValueOf(p).Elem(), func(g *PhraseGroup) error {
		var err error
		if g.ZH, err = p.expandPhrases(g.ZH, "zh"); err != nil {
			return err
		}
		g.EN, err = p.expandPhrases(g.EN, "en")
		return err
	})
}

func (p *Pack) expandPhrases(phrases []string, lang string) ([]string, error) {
	refs := 0
	for _, ph := range phrases {
		if phraseSetRef.MatchString(ph) {
			refs++
		}
	}
	if refs == 0 {
		return phrases, nil
	}
	out := make([]string, 0, len(phrases))
	for _, ph := range phrases {
		if !phraseSetRef.MatchString(ph) {
			out = append(out, ph)
			continue
		}
		set, ok := p.PhraseSets[ph[1:]]
		if !ok {
			return nil, fmt.Errorf("phrase set %s is not defined in phraseSets", ph)
		}
		members := set.EN
		if lang == "zh" {
			members = set.ZH
		}
		if len(members) == 0 {
			return nil, fmt.Errorf("phrase set %s has no %s phrases", ph, lang)
		}
		out = append(out, members...)
	}
	return out, nil
}

// walkPhraseGroups calls f on every PhraseGroup reachable from v through exported struct fields,
// pointers, slices and maps, so that a group added to the pack's types later is expanded too.
func walkPhraseGroups(v reflect.Value, f func(*PhraseGroup) error) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return walkPhraseGroups(v.Elem(), f)
	case reflect.Struct:
		if v.Type() == phraseGroupType {
			if !v.CanAddr() {
				return fmt.Errorf("rules: phrase group not addressable")
			}
			return f(v.Addr().Interface().(*PhraseGroup))
		}
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			if err := walkPhraseGroups(v.Field(i), f); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := walkPhraseGroups(v.Index(i), f); err != nil {
				return err
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			val := iter.Value()
			if val.Kind() == reflect.Pointer || val.Kind() == reflect.Interface {
				if err := walkPhraseGroups(val, f); err != nil {
					return err
				}
				continue
			}
			// a map of values: walk a copy and store it back
			cp := reflect.New(val.Type()).Elem()
			cp.Set(val)
			if err := walkPhraseGroups(cp, f); err != nil {
				return err
			}
			v.SetMapIndex(iter.Key(), cp)
		}
	}
	return nil
}
