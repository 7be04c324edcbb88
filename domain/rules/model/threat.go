package model

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The statistical THREAT model (session 33, threatmodel33; docs/RULES.md "Session 33 (threatmodel33)"):
// per language, a logistic regression over hashed character 1–4-grams of the folded text, the
// detector session 32 measured leave-one-writer-out (testdata/rules/tools/threatloo) with 2^18 dense
// buckets quantised to int16 so that it embeds small and scores with one load per n-gram. It is
// trained by `redline rules train --threat` (deterministic) and read by the engine where a pack's
// threatModel field names it.

// ThreatBits is the number of hash bits of the THREAT model's buckets.
const ThreatBits = 18

const threatMask = 1<<ThreatBits - 1

// ThreatModel is the THREAT model of one language.
type ThreatModel struct {
	Lang  string
	scale float32
	w     []int16 // dense, 1<<ThreatBits; bucket 0 is the bias feature
}

// ThreatModels are the THREAT models of a file, by language.
type ThreatModels map[string]*ThreatModel

// ThreatGram is one n-gram of a window: its bucket, its first rune in the folded text and its length.
type ThreatGram struct {
	H      uint32
	At, N  int32
	Weight float32
}

// ThreatFold folds runes already normalised (lower case, simplified characters) as Normalize does:
// letters, digits, ' and Chinese characters kept, anything else one space, no space between two
// Chinese characters. from maps each folded rune to its index in rs.
func ThreatFold(rs []rune, out []rune, from []int32) ([]rune, []int32) {
	gap, lastHan := false, false
	for i, r := range rs {
		switch {
		case han(r):
			if gap && len(out) > 0 && !lastHan {
				out = append(out, ' ')
				from = append(from, int32(i))
			}
			out = append(out, r)
			from = append(from, int32(i))
			gap, lastHan = false, true
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'') || r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if gap && len(out) > 0 {
				out = append(out, ' ')
				from = append(from, int32(i))
			}
			out = append(out, r)
			from = append(from, int32(i))
			gap, lastHan = false, false
		default:
			gap = true
		}
	}
	return out, from
}

// ThreatGrams appends the hashed 1–4-grams of folded runes fs[from:to] (each bucket once, the bias
// bucket 0 first) to dst.
func ThreatGrams(fs []rune, from, to int, dst []ThreatGram) []ThreatGram {
	dst = append(dst, ThreatGram{H: 0, At: -1})
	start := len(dst)
	var buf [4]byte
	for i := from; i < to; i++ {
		h := uint32(2166136261)
		for n := 1; n <= 4 && i+n <= to; n++ {
			var b uint32
			h, b = gramStep(h, fs[i+n-1], &buf)
			dst = append(dst, ThreatGram{H: b, At: int32(i), N: int32(n)})
		}
	}
	g := dst[start:]
	slices.SortStableFunc(g, func(a, b ThreatGram) int { return int(a.H) - int(b.H) })
	g = slices.CompactFunc(g, func(a, b ThreatGram) bool { return a.H == b.H })
	return dst[:start+len(g)]
}

// ThreatSet is the scratch of Grams (session 33, tmcost33): an open-addressing set of a window's
// buckets, reused from window to window, in place of ThreatGrams' sort.
type ThreatSet struct {
	slots []uint32 // bucket, 0 empty (a gram's bucket is never 0)
}

// threatExactGrams bounds the n-grams of a window whose weights Score sums exactly in any order: each
// weight is float32(k)*scale rounded to float32 with |k| ≤ 32767, so a multiple of u = ulp(scale)
// (its exponent is at least scale's) below 2^39·u; fewer than 2^14 of them, every partial sum is an
// integer multiple of u below 2^53·u, exact in float64, and the sum does not depend on the order.
const threatExactGrams = 1<<14 - 1

// Grams is ThreatGrams (the same grams, each bucket once at its first n-gram, the bias first) in the
// order the n-grams come instead of by bucket: Score gives the same result bit for bit (see
// threatExactGrams; longer windows come sorted as ThreatGrams sorts them) and SortGrams puts them in
// ThreatGrams' order.
func (s *ThreatSet) Grams(fs []rune, from, to int, dst []ThreatGram) []ThreatGram {
	n := 4 * (to - from)
	if n+1 > threatExactGrams {
		return ThreatGrams(fs, from, to, dst)
	}
	size := 64
	for size < 2*n {
		size *= 2
	}
	if cap(s.slots) < size {
		s.slots = make([]uint32, size)
	} else {
		s.slots = s.slots[:size]
		clear(s.slots)
	}
	slots, mask := s.slots, uint32(size-1)
	dst = slices.Grow(dst, n+1)
	dst = append(dst, ThreatGram{H: 0, At: -1})
	var buf [4]byte
	for i := from; i < to; i++ {
		h := uint32(2166136261)
		for n := 1; n <= 4 && i+n <= to; n++ {
			var b uint32
			h, b = gramStep(h, fs[i+n-1], &buf)
			for x := (b * 0x9E3779B1) >> 8 & mask; ; x = (x + 1) & mask {
				if slots[x] == b {
					break
				}
				if slots[x] == 0 {
					slots[x] = b
					dst = append(dst, ThreatGram{H: b, At: int32(i), N: int32(n)})
					break
				}
			}
		}
	}
	return dst
}

// SortGrams puts grams of Grams in ThreatGrams' order (by bucket; each bucket is there once).
func SortGrams(gs []ThreatGram) {
	slices.SortFunc(gs, func(a, b ThreatGram) int { return int(a.H) - int(b.H) })
}

// gramStep extends the FNV-1a hash h of an n-gram by the UTF-8 bytes of r and returns it with the
// n-gram's bucket (never 0, the bias's).
func gramStep(h uint32, r rune, buf *[4]byte) (uint32, uint32) {
	k := utf8.EncodeRune(buf[:], r)
	for j := 0; j < k; j++ {
		h ^= uint32(buf[j])
		h *= 16777619
	}
	b := h & threatMask
	if b == 0 {
		b = 1
	}
	return h, b
}

// Score returns the probability of a threat of the grams of one window (ThreatGrams) and fills each
// gram's weight.
func (m *ThreatModel) Score(gs []ThreatGram) float64 {
	if len(gs) == 0 {
		return 0
	}
	z := 0.0
	for i := range gs {
		w := float32(m.w[gs[i].H]) * m.scale
		gs[i].Weight = w
		z += float64(w)
	}
	return 1 / (1 + math.Exp(-z/math.Sqrt(float64(len(gs)))))
}

// TextGrams is ThreatGrams of a whole raw text, normalised and folded as training reads it.
func TextGrams(text string) []ThreatGram {
	_, rs := Normalize(text)
	return ThreatGrams(rs, 0, len(rs), nil)
}

// ThreatExample is one training text of the THREAT model.
type ThreatExample struct {
	Text   string
	Threat bool
}

// TrainThreat fits one language's model: L2-regularised logistic regression by AdaGrad SGD, features
// scaled by 1/sqrt(count), texts in a fixed shuffled order (seed 13), 10 epochs (threatloo's trainer),
// then quantised to int16. Deterministic.
func TrainThreat(lang string, exs []ThreatExample) *ThreatModel {
	feats := make([][]uint32, len(exs))
	for i, e := range exs {
		for _, g := range TextGrams(e.Text) {
			feats[i] = append(feats[i], g.H)
		}
	}
	w := make([]float64, 1<<ThreatBits)
	g2 := make([]float64, 1<<ThreatBits)
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	seed := uint64(13)
	for i := len(order) - 1; i > 0; i-- {
		seed = seed*6364136223846793005 + 1442695040888963407
		j := int((seed >> 33) % uint64(i+1))
		order[i], order[j] = order[j], order[i]
	}
	const lr, l2 = 0.5, 1e-6
	for ep := 0; ep < 10; ep++ {
		for _, i := range order {
			fs := feats[i]
			x := 1 / math.Sqrt(float64(len(fs)))
			z := 0.0
			for _, f := range fs {
				z += w[f] * x
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if exs[i].Threat {
				y = 1
			}
			for _, f := range fs {
				g := (p-y)*x + l2*w[f]
				g2[f] += g * g
				w[f] -= lr * g / (math.Sqrt(g2[f]) + 1e-8)
			}
		}
	}
	mx := 0.0
	for _, v := range w {
		mx = max(mx, math.Abs(v))
	}
	m := &ThreatModel{Lang: lang, w: make([]int16, 1<<ThreatBits), scale: 1}
	if mx > 0 {
		m.scale = float32(mx / 32767)
		for i, v := range w {
			m.w[i] = int16(math.Round(v / float64(m.scale)))
		}
	}
	return m
}

const threatMagic = "RLTM1"

// Write writes the models, languages in sorted order: magic, count, then per language its name, scale
// and weights (little-endian), gzip-compressed at the best level (deterministic).
func (ms ThreatModels) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString(threatMagic)
	langs := make([]string, 0, len(ms))
	for l := range ms {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	b.WriteByte(byte(len(langs)))
	for _, l := range langs {
		m := ms[l]
		b.WriteByte(byte(len(l)))
		b.WriteString(l)
		binary.Write(&b, binary.LittleEndian, m.scale)
		binary.Write(&b, binary.LittleEndian, m.w)
	}
	if _, err := zw.Write(b.Bytes()); err != nil {
		return err
	}
	return zw.Close()
}

// ReadThreat reads models written by Write.
func ReadThreat(r io.Reader) (ThreatModels, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(raw, []byte(threatMagic)) || len(raw) < len(threatMagic)+1 {
		return nil, errors.New("threat model: bad magic")
	}
	b := bytes.NewReader(raw[len(threatMagic):])
	n, _ := b.ReadByte()
	ms := ThreatModels{}
	for range int(n) {
		k, _ := b.ReadByte()
		name := make([]byte, k)
		if _, err := io.ReadFull(b, name); err != nil {
			return nil, err
		}
		m := &ThreatModel{Lang: string(name), w: make([]int16, 1<<ThreatBits)}
		if err := binary.Read(b, binary.LittleEndian, &m.scale); err != nil {
			return nil, err
		}
		if err := binary.Read(b, binary.LittleEndian, m.w); err != nil {
			return nil, fmt.Errorf("threat model %s: %w", name, err)
		}
		ms[m.Lang] = m
	}
	return ms, nil
}

//go:embed threat.bin.gz
var builtinThreat []byte

var (
	threatOnce sync.Once
	threatMs   ThreatModels
	threatErr  error
)

// BuiltinThreat returns the committed THREAT models (threat.bin.gz), read once.
func BuiltinThreat() (ThreatModels, error) {
	threatOnce.Do(func() { threatMs, threatErr = ReadThreat(bytes.NewReader(builtinThreat)) })
	return threatMs, threatErr
}
