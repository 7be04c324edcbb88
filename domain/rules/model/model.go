// Package model is the rule engine's second, statistical opinion (issue 13): one linear model per
// language and violation type (one-vs-rest logistic regression) over hashed character n-grams (1 to
// 3) of the normalised text, trained by `redline rules train` on the TRAIN split of the labelled sets
// in testdata/rules. It depends only on those labels and this package's code, never on the rule
// packs, so that the two opinions stay independent. Each type has a probability threshold chosen by
// cross-validation on the train split at which the model alone reaches a precision of 0.9; a type
// for which no threshold does has none, and the model never flags it.
package model

import (
	"bytes"
	"compress/gzip"
	_ "embed" // the built-in model
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/unicode/norm"

	"github.com/redline-regulator/redline/domain"
)

// HashBits is the size of the feature space: n-grams are hashed into 2^HashBits buckets.
const HashBits = 20

// Language models: Chinese texts (any Han character) and the others.
const (
	LangZH = "zh"
	LangEN = "en"
)

// Model holds one linear model per language.
type Model struct {
	Meta  Meta
	langs map[string]*langModel
}

// Meta describes a model: how it was trained and on what.
type Meta struct {
	Format    int     `json:"format"`
	HashBits  int     `json:"hashBits"`
	Epochs    int     `json:"epochs"`
	Folds     int     `json:"folds"`
	Seed      uint64  `json:"seed"`
	MinDF     int     `json:"minDf"`
	Precision float64 `json:"precision"` // the precision each threshold reaches in cross-validation
	// EN is how English texts are read into features (the zero value: words 1-3 only).
	EN FeatureSet `json:"en,omitzero"`
	// Rules: a Chinese text's features include the rule engine's reading of it (Opinion's extra).
	Rules bool `json:"rules,omitempty"`
	// Abstract: a Chinese text's features include the engine's abstracted view of it (Options.Abstract).
	Abstract bool `json:"abstract,omitempty"`
	// ENRules: an English text's features include the rule engine's reading of it (Options.ENRules).
	ENRules bool `json:"enRules,omitempty"`
	// NoNGrams: a Chinese text's character n-grams are not among its features (Options.NoNGrams).
	NoNGrams bool `json:"noNgrams,omitempty"`
	// Inputs is the SHA-256 of the training records (ids, texts and labels of the train split, in
	// the order read) and of the training options.
	Inputs string     `json:"inputs"`
	Langs  []LangMeta `json:"langs"`
}

// LangMeta is one language's model: its training texts and each type's threshold.
type LangMeta struct {
	Lang     string     `json:"lang"`
	Texts    int        `json:"texts"`
	Features int        `json:"features"`
	Types    []TypeMeta `json:"types"`
}

// TypeMeta is one violation type's model: its bias, weight scale, and threshold (0: the model
// never flags this type) with the cross-validated figures at that threshold.
type TypeMeta struct {
	Type        domain.ViolationType `json:"type"`
	Positives   int                  `json:"positives"`
	Bias        float64              `json:"bias"`
	Scale       float64              `json:"scale"` // a weight is its int8 value times Scale
	Threshold   float64              `json:"threshold"`
	CVPrecision float64              `json:"cvPrecision,omitempty"`
	CVRecall    float64              `json:"cvRecall,omitempty"`
}

type langModel struct {
	meta  LangMeta
	index map[uint32]int32 // bucket -> row in weights
	// weights[row*len(types)+k] is type k's int8 weight of the bucket.
	weights []int8
}

//go:embed model.bin.gz
var builtin []byte

var (
	builtinOnce  sync.Once
	builtinModel *Model
	builtinErr   error
)

// Builtin returns the committed model (domain/rules/model/model.bin.gz).
func Builtin() (*Model, error) {
	builtinOnce.Do(func() { builtinModel, builtinErr = Read(bytes.NewReader(builtin)) })
	return builtinModel, builtinErr
}

const magic = "RLNGRAM1"

// Write encodes the model: gzip of the magic, the metadata as JSON, then per language the buckets
// (delta-encoded varints) and the int8 weights. The encoding is deterministic.
func (m *Model) Write(w io.Writer) error {
	var raw bytes.Buffer
	raw.WriteString(magic)
	meta, err := json.Marshal(m.Meta)
	if err != nil {
		return err
	}
	var tmp [binary.MaxVarintLen64]byte
	put := func(v uint64) { raw.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	put(uint64(len(meta)))
	raw.Write(meta)
	for _, lm := range m.Meta.Langs {
		l := m.langs[lm.Lang]
		buckets := make([]uint32, 0, len(l.index))
		for b := range l.index {
			buckets = append(buckets, b)
		}
		sort.Slice(buckets, func(i, j int) bool { return buckets[i] < buckets[j] })
		put(uint64(len(buckets)))
		prev := uint32(0)
		for _, b := range buckets {
			put(uint64(b - prev))
			prev = b
		}
		nt := len(lm.Types)
		for k := range nt { // type-major: a type's weights together compress better
			for _, b := range buckets {
				raw.WriteByte(byte(l.weights[int(l.index[b])*nt+k]))
			}
		}
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return err
	}
	return zw.Close()
}

// Read decodes a model written by Write.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, errors.New("model: not a redline n-gram model")
	}
	br := bytes.NewReader(raw[len(magic):])
	n, err := binary.ReadUvarint(br)
	if err != nil || n > uint64(br.Len()) {
		return nil, errors.New("model: truncated metadata")
	}
	meta := make([]byte, n)
	if _, err := io.ReadFull(br, meta); err != nil {
		return nil, err
	}
	m := &Model{langs: map[string]*langModel{}}
	if err := json.Unmarshal(meta, &m.Meta); err != nil {
		return nil, fmt.Errorf("model: metadata: %w", err)
	}
	for _, lm := range m.Meta.Langs {
		nb, err := binary.ReadUvarint(br)
		if err != nil || nb > 1<<HashBits {
			return nil, errors.New("model: bad bucket count")
		}
		l := &langModel{meta: lm, index: make(map[uint32]int32, nb)}
		buckets := make([]uint32, nb)
		prev := uint32(0)
		for i := range buckets {
			d, err := binary.ReadUvarint(br)
			if err != nil {
				return nil, errors.New("model: truncated buckets")
			}
			prev += uint32(d)
			buckets[i] = prev
			l.index[prev] = int32(i)
		}
		nt := len(lm.Types)
		l.weights = make([]int8, int(nb)*nt)
		for k := range nt {
			for i := range buckets {
				b, err := br.ReadByte()
				if err != nil {
					return nil, errors.New("model: truncated weights")
				}
				l.weights[i*nt+k] = int8(b)
			}
		}
		m.langs[lm.Lang] = l
	}
	return m, nil
}

// Flag is the model's opinion that a text shows a violation type.
type Flag struct {
	Type        domain.ViolationType
	Probability float64
	Threshold   float64
	// NGrams are the n-grams of the text that pushed hardest towards the type, strongest first.
	NGrams []string
}

// Opinion returns, for each type whose probability passes its threshold, the flag with the n-grams
// that drove it (at most top).
func (m *Model) Opinion(text string, top int) []Flag { return m.OpinionWith(text, nil, top) }

// OpinionWith is Opinion of a text with the rule engine's reading of it (extra, ExtraGrams), which a
// model trained with Options.Rules weighs beside the n-grams; an extra feature that drives a flag is
// among its NGrams under its ExtraGrams name.
func (m *Model) OpinionWith(text string, extra []string, top int) []Flag {
	if m == nil {
		return nil
	}
	lang, grams := m.features(text, extra)
	l := m.langs[lang]
	if l == nil || len(grams) == 0 {
		return nil
	}
	nt := len(l.meta.Types)
	rows := l.rows(grams)
	var out []Flag
	for k, tm := range l.meta.Types {
		if tm.Threshold <= 0 {
			continue
		}
		p := l.probability(k, rows)
		if p < tm.Threshold {
			continue
		}
		f := Flag{Type: tm.Type, Probability: math.Round(p*1000) / 1000, Threshold: tm.Threshold}
		// the strongest n-grams: a short list kept in order (strongest weight, then longest n-gram)
		type contrib struct {
			gram string
			w    int8
		}
		best := make([]contrib, 0, 4*top)
		for i, r := range rows {
			if r < 0 {
				continue
			}
			w := l.weights[int(r)*nt+k]
			if w <= 0 || len(best) == cap(best) && !stronger(w, grams[i].Text, best[len(best)-1].w, best[len(best)-1].gram) {
				continue
			}
			j := len(best)
			for j > 0 && stronger(w, grams[i].Text, best[j-1].w, best[j-1].gram) {
				j--
			}
			if len(best) < cap(best) {
				best = append(best, contrib{})
			}
			copy(best[j+1:], best[j:len(best)-1])
			best[j] = contrib{grams[i].Text, w}
		}
		for _, c := range best {
			if len(f.NGrams) >= top {
				break
			}
			if !covered(f.NGrams, c.gram) {
				f.NGrams = append(f.NGrams, c.gram)
			}
		}
		out = append(out, f)
	}
	return out
}

// Probabilities returns the model's probability of every type it knows for text (its language's
// types, thresholds or not), in the order of the model's types; nil when the model has no model of
// the text's language.
func (m *Model) Probabilities(text string) map[domain.ViolationType]float64 {
	return m.ProbabilitiesWith(text, nil)
}

// ProbabilitiesWith is Probabilities of a text with the rule engine's reading of it (OpinionWith).
func (m *Model) ProbabilitiesWith(text string, extra []string) map[domain.ViolationType]float64 {
	if m == nil {
		return nil
	}
	lang, grams := m.features(text, extra)
	l := m.langs[lang]
	if l == nil {
		return nil
	}
	rows := l.rows(grams)
	out := make(map[domain.ViolationType]float64, len(l.meta.Types))
	for k, tm := range l.meta.Types {
		out[tm.Type] = l.probability(k, rows)
	}
	return out
}

// Thresholds returns the threshold of every type of the model of text's language (0: the model never
// flags the type); nil when the model has no model of the text's language.
func (m *Model) Thresholds(text string) map[domain.ViolationType]float64 {
	if m == nil {
		return nil
	}
	l := m.langs[Language(text)]
	if l == nil {
		return nil
	}
	out := make(map[domain.ViolationType]float64, len(l.meta.Types))
	for _, tm := range l.meta.Types {
		out[tm.Type] = tm.Threshold
	}
	return out
}

// features are the text's grams and, for a Chinese text of a model with Meta.Rules, the extra ones.
func (m *Model) features(text string, extra []string) (string, []Gram) {
	if m.Meta.NoNGrams && m.Extra() && Language(text) == LangZH {
		return LangZH, ExtraGrams(extra) // no n-grams to read (nor normalise the text for)
	}
	lang, grams := FeaturesWith(text, m.Meta.EN)
	if lang == LangZH {
		grams = withExtra(grams, extra, m.Meta.Rules || m.Meta.Abstract, m.Meta.NoNGrams)
	} else {
		grams = withExtra(grams, extra, m.Meta.ENRules, false)
	}
	return lang, grams
}

// Extra reports whether the model reads extra features beside a text's n-grams (the rules' reading,
// Meta.Rules for Chinese and Meta.ENRules for English, or the abstracted view, Meta.Abstract).
func (m *Model) Extra() bool { return m != nil && (m.Meta.Rules || m.Meta.Abstract || m.Meta.ENRules) }

// ReadsRules reports whether the model reads the rules' reading of a text (RuleFeatures) in either
// language.
func (m *Model) ReadsRules() bool { return m != nil && (m.Meta.Rules || m.Meta.ENRules) }

// withExtra is a Chinese text's grams with its extra features (when the model reads them), without
// the n-grams when noNGrams.
func withExtra(grams []Gram, extra []string, take, noNGrams bool) []Gram {
	if !take {
		return grams
	}
	if noNGrams {
		grams = grams[:0]
	}
	return append(grams, ExtraGrams(extra)...)
}

// ExtraPrefix marks the Text of a gram that is an extra feature, not an n-gram of the text.
const ExtraPrefix = "rule:"

// ExtraGrams are the grams of extra features: distinct, Text ExtraPrefix + name, in a bucket apart
// from any n-gram's (the name is hashed after a byte no normalised text holds).
func ExtraGrams(extra []string) []Gram {
	out := make([]Gram, 0, len(extra))
	seen := map[string]bool{}
	for _, x := range extra {
		if !seen[x] {
			seen[x] = true
			out = append(out, Gram{Text: ExtraPrefix + x, Bucket: bucket("\x00" + x)})
		}
	}
	return out
}

// rows returns each gram's row in the weights, -1 for a gram the model does not hold.
func (l *langModel) rows(grams []Gram) []int32 {
	rows := make([]int32, len(grams))
	for i, g := range grams {
		r, ok := l.index[g.Bucket]
		if !ok {
			r = -1
		}
		rows[i] = r
	}
	return rows
}

// probability is type k's probability for a text of the given rows: the logistic of the bias plus
// the weights of the text's grams, each gram valued 1/sqrt(number of grams).
func (l *langModel) probability(k int, rows []int32) float64 {
	if len(rows) == 0 {
		return sigmoid(l.meta.Types[k].Bias)
	}
	tm := l.meta.Types[k]
	nt := len(l.meta.Types)
	x := 1 / math.Sqrt(float64(len(rows)))
	z := tm.Bias
	for _, r := range rows {
		if r >= 0 {
			z += float64(l.weights[int(r)*nt+k]) * tm.Scale * x
		}
	}
	return sigmoid(z)
}

// stronger orders n-grams by weight, then length, then text (for a stable order).
func stronger(w int8, g string, ow int8, og string) bool {
	if w != ow {
		return w > ow
	}
	if len(g) != len(og) {
		return len(g) > len(og)
	}
	return g < og
}

// covered reports whether g is already shown: inside an n-gram listed, or a space-only gram.
func covered(list []string, g string) bool {
	if strings.TrimSpace(g) == "" {
		return true
	}
	for _, x := range list {
		if strings.Contains(x, g) {
			return true
		}
	}
	return false
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Gram is one distinct n-gram of a text and its bucket.
type Gram struct {
	Text   string
	Bucket uint32
}

// FeatureSet is how an English text is read into features beyond its word 1- to 3-grams.
type FeatureSet struct {
	// CharMin..CharMax > 0: the character n-grams of each word, with its edges marked ("<cal",
	// "led>"), so that misspellings and inflections share features.
	CharMin int `json:"charMin,omitempty"`
	CharMax int `json:"charMax,omitempty"`
	// Stem: words are stemmed (English suffixes -ing, -ed, -s, -ation… stripped) in the word n-grams.
	Stem bool `json:"stem,omitempty"`
	// Negation > 0: the words up to this many after a negation cue (not, never, no, n't…) give a
	// further feature marked negated ("not_owe").
	Negation int `json:"negation,omitempty"`
}

// Features normalises text and returns its language and its distinct 1- to 3-grams, in order of
// first occurrence: of characters in a Chinese text (no spaces between Chinese characters), of words
// in another.
func Features(text string) (string, []Gram) { return FeaturesWith(text, FeatureSet{}) }

// FeaturesWith is Features with an English text read as fs says. A gram's Text is what it shows of
// the text: the words it was made of.
func FeaturesWith(text string, fs FeatureSet) (string, []Gram) {
	lang, b := normalized(text)
	// n-grams are substrings of the normalised text: its words are separated by exactly one
	// space (Normalize), so a word n-gram is the text from its first word's start to its last's end
	s := string(b)
	var bounds []int // Chinese: each rune's byte offset and len(s); else each word's start and end
	if lang == LangEN {
		start := 0
		for i := 0; i <= len(s); i++ {
			if i == len(s) || s[i] == ' ' {
				if i > start {
					bounds = append(bounds, start, i)
				}
				start = i + 1
			}
		}
	} else {
		bounds = make([]int, 0, utf8.RuneCount(b)+1)
		for i := range s {
			bounds = append(bounds, i)
		}
		bounds = append(bounds, len(s))
	}
	seen := gramSets.Get().(*gramSet)
	// most n-grams of a text are distinct: one list of about their number, not a doubling series
	out := make([]Gram, 0, 3*len(bounds)/2)
	seen.reset(cap(out))
	defer func() {
		// a set grown by a long narrative is not kept: clearing it would cost every later short one
		if len(seen.slots) <= maxPooledSlots {
			gramSets.Put(seen)
		}
	}()
	add := func(key, shown string) {
		h := fnv32(fnvOffset, key)
		if seen.add(key, h) {
			out = append(out, Gram{Text: shown, Bucket: h & bucketMask})
		}
	}
	if lang == LangEN {
		if fs == (FeatureSet{}) { // the default: word n-grams as substrings, no joins to allocate
			nw := len(bounds) / 2
			for i := range nw {
				// the hash of the 2- and 3-gram goes on from the 1-gram's (FNV-1a reads the bytes in
				// order): each word is hashed once per n-gram length, not again for each longer gram
				h := uint32(fnvOffset)
				for n := 1; n <= 3 && i+n <= nw; n++ {
					from := bounds[2*i]
					if n > 1 {
						from = bounds[2*(i+n-2)+1]
					}
					h = fnv32(h, s[from:bounds[2*(i+n-1)+1]])
					g := s[bounds[2*i]:bounds[2*(i+n-1)+1]]
					if seen.add(g, h) {
						out = append(out, Gram{Text: g, Bucket: h & bucketMask})
					}
				}
			}
			return lang, out
		}
		words := strings.Fields(s)
		keys := words
		if fs.Stem {
			keys = make([]string, len(words))
			for i, w := range words {
				keys[i] = stem(w)
			}
		}
		for i := range words {
			for n := 1; n <= 3 && i+n <= len(words); n++ {
				add(strings.Join(keys[i:i+n], " "), strings.Join(words[i:i+n], " "))
			}
		}
		if fs.Negation > 0 {
			for i, w := range words {
				if !negationCue(w) {
					continue
				}
				for j := i + 1; j <= i+fs.Negation && j < len(words) && !negationCue(words[j]); j++ {
					add("not_"+keys[j], strings.Join(words[i:j+1], " "))
				}
			}
		}
		if fs.CharMin > 0 {
			for _, w := range words {
				r := []rune("<" + w + ">")
				if len(r) < 5 {
					continue
				}
				for n := fs.CharMin; n <= fs.CharMax; n++ {
					for i := 0; i+n <= len(r); i++ {
						add("#"+string(r[i:i+n]), w)
					}
				}
			}
		}
		return lang, out
	}
	nr := len(bounds) - 1 // the runes
	for i := range nr {
		h := uint32(fnvOffset)
		for n := 1; n <= 3 && i+n <= nr; n++ {
			h = fnv32(h, s[bounds[i+n-1]:bounds[i+n]])
			g := s[bounds[i]:bounds[i+n]]
			if strings.TrimSpace(g) == "" {
				continue
			}
			if seen.add(g, h) {
				out = append(out, Gram{Text: g, Bucket: h & bucketMask})
			}
		}
	}
	return lang, out
}

// gramSet is the set of n-grams FeaturesWith has kept so far, each key with the FNV-1a hash its
// bucket is made of: open addressing on that hash, a key compared only when the whole hashes are
// equal (session 29, speed: a map[string]bool hashed every n-gram a second time and cost a
// judgement of an English narrative ~12 % of its instructions). Exactly the distinct keys.
type gramSet struct {
	slots  []int32 // 0: empty; k: keys[k-1]; len a power of two, at most half full
	keys   []string
	hashes []uint32
}

// gramSets holds FeaturesWith's sets between uses.
var gramSets = sync.Pool{New: func() any { return new(gramSet) }}

// maxPooledSlots is the most slots of a set that is kept for reuse (~2,048 n-grams).
const maxPooledSlots = 4096

// reset empties the set, with room for about n keys before it grows.
func (g *gramSet) reset(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	if cap(g.slots) < size {
		g.slots = make([]int32, size)
	} else {
		g.slots = g.slots[:size]
		clear(g.slots)
	}
	g.keys, g.hashes = g.keys[:0], g.hashes[:0]
}

// add adds key, whose hash is h, and reports whether it was new.
func (g *gramSet) add(key string, h uint32) bool {
	mask := uint32(len(g.slots) - 1)
	for i := slotOf(h) & mask; ; i = (i + 1) & mask {
		k := g.slots[i]
		if k == 0 {
			g.keys = append(g.keys, key)
			g.hashes = append(g.hashes, h)
			g.slots[i] = int32(len(g.keys))
			if 2*len(g.keys) > len(g.slots) {
				g.grow()
			}
			return true
		}
		if g.hashes[k-1] == h && g.keys[k-1] == key {
			return false
		}
	}
}

// grow doubles the slots and places the keys again.
func (g *gramSet) grow() {
	g.slots = make([]int32, 2*len(g.slots))
	mask := uint32(len(g.slots) - 1)
	for k, h := range g.hashes {
		i := slotOf(h) & mask
		for g.slots[i] != 0 {
			i = (i + 1) & mask
		}
		g.slots[i] = int32(k + 1)
	}
}

// slotOf spreads a hash's high bits into the low ones the slots are chosen by.
func slotOf(h uint32) uint32 { return (h ^ h>>15) * 0x2c1b3c6d >> 8 }

// negationCue reports whether an English word negates what follows.
func negationCue(w string) bool {
	switch w {
	case "not", "no", "never", "nor", "without", "nothing", "none", "dont", "didnt", "doesnt", "wont", "cant",
		"cannot", "havent", "hasnt", "wasnt", "werent", "isnt", "arent", "wouldnt", "couldnt", "neither":
		return true
	}
	return strings.HasSuffix(w, "n't")
}

// stem strips common English suffixes: calls, called, calling -> call; validated, validation -> validat.
func stem(w string) string {
	for _, suf := range []string{"ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly", "e"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			switch suf {
			case "ations", "ation":
				return w[:len(w)-len(suf)] + "at"
			case "ies":
				return w[:len(w)-3] + "y"
			case "s":
				if strings.HasSuffix(w, "ss") {
					return w
				}
			}
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// bucket is the FNV-1a hash (32 bits) of g, masked to HashBits.
func bucket(g string) uint32 { return fnv32(fnvOffset, g) & bucketMask }

const (
	fnvOffset  = 2166136261 // FNV-1a's offset basis: the hash of ""
	bucketMask = 1<<HashBits - 1
)

// fnv32 is the FNV-1a hash (32 bits) of a string whose first part hashed to h, going on with g.
func fnv32(h uint32, g string) uint32 {
	for i := 0; i < len(g); i++ {
		h ^= uint32(g[i])
		h *= 16777619
	}
	return h
}

var (
	t2sOnce sync.Once
	t2s     *opencc.OpenCC
)

// Normalize folds a text for the model: NFKC, traditional to simplified characters (OpenCC t2s),
// lower case; letters, digits and Chinese characters kept, anything else a word break; no break
// between two Chinese characters. It reports the language: zh when a Chinese character remains.
func Normalize(text string) (string, []rune) {
	lang, b := normalized(text)
	return lang, []rune(string(b))
}

// normalized is Normalize with the text as UTF-8 bytes, the form FeaturesWith reads (session 29,
// speed: the runes were made a string again, a second pass over every rune of a judgement's
// narrative). The bytes are exactly string(runes) of Normalize's runes.
func normalized(text string) (string, []byte) {
	t2sOnce.Do(func() { t2s, _ = opencc.New("t2s") })
	s := strings.ToLower(norm.NFKC.String(text))
	if t2s != nil && strings.IndexFunc(s, han) >= 0 {
		if c, err := t2s.Convert(s); err == nil {
			s = c
		}
	}
	var out []byte
	gap := false
	hasHan := false
	lastHan := false // the last rune kept is a Chinese character
	for _, r := range s {
		switch {
		case han(r):
			hasHan = true
			if gap && len(out) > 0 && !lastHan {
				out = append(out, ' ')
			}
			out = utf8.AppendRune(out, r)
			gap, lastHan = false, true
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'':
			if gap && len(out) > 0 {
				out = append(out, ' ')
			}
			out = utf8.AppendRune(out, r)
			gap, lastHan = false, false
		default:
			gap = true
		}
	}
	if hasHan {
		return LangZH, out
	}
	return LangEN, out
}

// Language is the model language of a text: zh when it holds a Chinese character once normalised
// (NFKC: width-folded and compatibility characters count), else en.
func Language(text string) string {
	if strings.IndexFunc(norm.NFKC.String(text), han) >= 0 {
		return LangZH
	}
	return LangEN
}

func han(r rune) bool { return r >= 0x3400 && unicode.Is(unicode.Han, r) }

// Markdown prints each language's types with their threshold and cross-validated figures.
func (m *Model) Markdown() string {
	var b strings.Builder
	for _, l := range m.Meta.Langs {
		fmt.Fprintf(&b, "### model %s — %d training texts, %d n-gram features\n\n| type | positives | threshold | CV precision | CV recall |\n|---|---|---|---|---|\n",
			l.Lang, l.Texts, l.Features)
		for _, t := range l.Types {
			if t.Threshold == 0 {
				fmt.Fprintf(&b, "| %s | %d | – (never flags) | | |\n", t.Type, t.Positives)
				continue
			}
			fmt.Fprintf(&b, "| %s | %d | %.3f | %.3f | %.3f |\n", t.Type, t.Positives, t.Threshold, t.CVPrecision, t.CVRecall)
		}
		b.WriteString("\n")
	}
	return b.String()
}
