package rules

import (
	"encoding/binary"
	"math/bits"
	"regexp/syntax"
	"sync"
	"unicode/utf8"
)

// Anchored matching without Go's NFA. A pattern with a long class alternation ({THIRD}: ~200
// members, thousands of instructions) is too large for Go's backtracker (500 instructions), so
// an anchored run of it steps the NFA, which at every position where the class may begin adds a
// thread for each member, and does so again after each optional word and at each rune of a gap.
//
// progMatcher runs the same program (regexp/syntax, compiled as package regexp compiles it)
// depth first in priority order, as Go's own backtracker does, so the first match it reaches is
// the one the regexp returns (leftmost-first: Perl's preference). Two things make it cheap:
//   - at an alternation of many branches it tries only the branches that can begin with the rune
//     at hand (a table from rune to branches, in their order), instead of failing each in turn;
//   - it remembers the positions it has explored at the instructions where paths meet, so no
//     (instruction, position) is explored twice (one that failed once fails again: what follows
//     does not depend on the path to it).
//
// Skipping a branch whose first rune cannot match changes nothing (it would fail there), and the
// other branches are tried in the program's order, so the match is exactly the regexp's.
type progMatcher struct {
	prog *syntax.Prog
	// alts[alt[pc]] is what the alternation at pc knows of its branches (alts[0]: nothing); one
	// entry per alternation rather than two per instruction (session 14: they were a tenth of a
	// warm pack's live heap)
	alt  []int32
	alts []altInfo
	// sets[alt[pc]] is the bitmap of a large class's runes below 0x10000, for the InstRune at pc
	// (alt[pc] 0: none; the instruction is no alternation, so its alt entry is free): the test at
	// every rune of a gap ("[^，。！？]{0,6}") or of \p{Han} without searching the ranges (session 17)
	sets []*bmpSet
	// code is the program as run reads it, an instruction in 16 bytes with what it needs of
	// alt and join (session 19); prog.Inst is kept for the rune classes that get no bitmap
	code  []codeInst
	caps  int       // capture slots (2 per group, with the whole match)
	pool  sync.Pool // *btState
	steps int       // budget per run; beyond it the caller falls back to the regexp
}

// altDispatch is an alternation flattened into its branches (the instructions they begin with,
// in priority order) and, per first rune, the branches that can begin with it.
type altDispatch struct {
	leaves []uint32
	byRune *runeHash[[]int32] // rune -> the leaves (indices) that begin with it, in order
	rest   []int32            // the leaves that can begin with other runes too (classes), in order
	// A leaf that begins with a large class (\p{Han}: the "~" members' up to two runes before
	// the member) is tried only when a rune it needs is where it needs it: restBit[k] is leaf k's
	// bit (0: always tried), and it is tried when the runes at the next positions have it in
	// ahead[0], ahead[1]... or it is in always (no such rune known).
	restBit []uint64
	ahead   [witnessDepth + 1]*runeHash[uint64]
	always  uint64
	filter  bool
	// the run reads rest through its bits (session 23): byBit[i] is the leaf of bit i (bits are
	// given in rest's order), bitted the bits given, tail the leaves of rest beyond the 64th (no
	// bit: always tried). Only the leaves whose bit the mask holds are visited, instead of every
	// leaf of rest being tested ({THIRD}: ~60 class leaves at each visit).
	byBit  [64]int32
	bitted uint64
	tail   []int32
	// second[k] is the rune every match through exact leaf k reads right after its first (the
	// next rune instruction of a literal, through captures, no-ops and assertions), or -1 when
	// none is known; a leaf whose second rune is not the text's is not tried (session 38): it
	// would fail there. Phrase lists share first runes (不给, 不发, 不肯说…: ~60 leaves behind 不),
	// and each was pushed, popped and run to its second rune. hasSecond: some leaf has one.
	second    []rune
	hasSecond bool
}

// witnessDepth is how many runes after a leaf's first the rune it needs is looked for.
const witnessDepth = 3

// minDispatch is the fewest branches for which an alternation gets a table.
const minDispatch = 8

// newProgMatcher compiles expr as package regexp does; nil when it cannot.
func newProgMatcher(expr string) *progMatcher {
	t, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(t.Simplify())
	if err != nil {
		return nil
	}
	compactRunes(prog)
	pm := &progMatcher{prog: prog, caps: 2 * (t.MaxCap() + 1)}
	pm.steps = 64 * len(prog.Inst)
	// Paths meet only at an instruction with several predecessors: remembering the positions
	// explored there is enough for every (instruction, position) to be explored at most once.
	// An alternation reached only from others is one of their branches: a table at the outermost
	// covers it (one per alternation, not one per nesting level). One also reached from an
	// instruction that is no alternation (the end of an optional part or of a class member
	// before it: "(?:现在的|…){0,2}{THIRD}") is run from there, and gets a table of its own
	// (session 20: {THIRD}'s ~300 branches were tried one alternation after the other).
	join := make([]bool, len(prog.Inst)) // by pc: the instruction can be reached from two others
	preds := make([]int, len(prog.Inst))
	fromRune := make([]bool, len(prog.Inst)) // by pc: the start, or reached from an instruction no alternation
	preds[prog.Start]++
	fromRune[prog.Start] = true
	for pc := range prog.Inst {
		switch i := &prog.Inst[pc]; i.Op {
		case syntax.InstMatch, syntax.InstFail:
		case syntax.InstAlt, syntax.InstAltMatch:
			preds[i.Out]++
			preds[i.Arg]++
		default:
			preds[i.Out]++
			fromRune[i.Out] = true
		}
	}
	for pc, n := range preds {
		join[pc] = n > 1
	}
	pm.alt, pm.alts = make([]int32, len(prog.Inst)), []altInfo{{}}
	for pc := range prog.Inst {
		i := &prog.Inst[pc]
		if !isAlt(i.Op) {
			continue
		}
		var a altInfo
		if fromRune[pc] {
			a.disp = pm.dispatchOf(uint32(pc))
		}
		if a.disp == nil {
			out, arg := pm.firstRunesOf(i.Out), pm.firstRunesOf(i.Arg)
			a.first = branchFirst{out: out, arg: arg, useful: out != anyFirst || arg != anyFirst}
			if !a.first.useful {
				continue
			}
		}
		pm.alt[pc] = int32(len(pm.alts))
		pm.alts = append(pm.alts, a)
	}
	pm.sets = []*bmpSet{nil}
	for pc := range prog.Inst {
		if i := &prog.Inst[pc]; i.Op == syntax.InstRune && len(i.Rune) > minSetRanges*2 && syntax.Flags(i.Arg)&syntax.FoldCase == 0 {
			pm.alt[pc] = int32(len(pm.sets))
			pm.sets = append(pm.sets, internedSet(i.Rune))
		}
	}
	pm.code = make([]codeInst, len(prog.Inst))
	for pc := range prog.Inst {
		i := &prog.Inst[pc]
		c := codeInst{op: i.Op, join: join[pc], out: i.Out, arg: i.Arg, aux: pm.alt[pc]}
		if i.Op == syntax.InstRune1 {
			c.arg = uint32(i.Rune[0]) // its Arg (flags) is not read
		}
		pm.code[pc] = c
	}
	pm.pool.New = func() any { return &btState{} }
	return pm
}

// codeInst is an instruction of a progMatcher's program: its op, next instructions and argument
// (Rune1: the rune), whether paths meet at it (the run remembers the positions explored there)
// and its alt entry (an alternation's alts index, or a large class's sets index).
type codeInst struct {
	op       syntax.InstOp
	join     bool
	out, arg uint32
	aux      int32
}

// compactRunes moves the instructions' rune lists into one array. The compiler points a literal's
// instructions into the parse tree (each rune of a literal into its node's storage), so the
// program kept the whole tree alive: the tree nodes of the packs' large classes were a tenth of a
// pack's live heap (session 14).
func compactRunes(prog *syntax.Prog) {
	n := 0
	for i := range prog.Inst {
		n += len(prog.Inst[i].Rune)
	}
	arena := make([]rune, 0, n)
	for i := range prog.Inst {
		in := &prog.Inst[i]
		if in.Rune == nil {
			continue
		}
		k := len(arena)
		arena = append(arena, in.Rune...)
		in.Rune = arena[k:len(arena):len(arena)]
	}
}

// minSetRanges: a class of more ranges gets a bitmap (MatchRune scans up to 8 ranges, then
// searches them by halves).
const minSetRanges = 8

// internedSets are the bitmaps of the classes of the programs, one per class (keyed by its ranges):
// the packs' patterns share a few large classes, so a bitmap each (8 KB) would be wasted.
var internedSets sync.Map // string(ranges) -> *bmpSet

func internedSet(ranges []rune) *bmpSet {
	key := make([]byte, 0, 4*len(ranges))
	for _, r := range ranges {
		key = binary.LittleEndian.AppendUint32(key, uint32(r))
	}
	if b, ok := internedSets.Load(string(key)); ok {
		return b.(*bmpSet)
	}
	b, _ := internedSets.LoadOrStore(string(key), newBMPSet(ranges))
	return b.(*bmpSet)
}

func isAlt(op syntax.InstOp) bool { return op == syntax.InstAlt || op == syntax.InstAltMatch }

// dispatchOf flattens the alternation at pc (through nested alternations, no-ops and captures,
// which Go also explores first-branch-first) and indexes its branches by first rune; nil when it
// has few branches or loops back into itself.
func (pm *progMatcher) dispatchOf(pc uint32) *altDispatch {
	var leaves []uint32
	onPath := map[uint32]bool{}
	ok := true
	var flat func(pc uint32)
	flat = func(pc uint32) {
		if !ok {
			return
		}
		i := &pm.prog.Inst[pc]
		switch i.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			if onPath[pc] {
				ok = false
				return
			}
			onPath[pc] = true
			flat(i.Out)
			flat(i.Arg)
			onPath[pc] = false
		default:
			leaves = append(leaves, pc)
		}
	}
	flat(pc)
	if !ok || len(leaves) < minDispatch {
		return nil
	}
	d := &altDispatch{leaves: leaves}
	exact := make([][]rune, len(leaves)) // nil: the leaf is checked (or always tried) at run time
	for k, l := range leaves {
		i := &pm.prog.Inst[l]
		switch i.Op {
		case syntax.InstRune1:
			exact[k] = []rune{i.Rune[0]}
		case syntax.InstRune:
			if syntax.Flags(i.Arg)&syntax.FoldCase == 0 && len(i.Rune) <= 8 {
				for j := 0; j+1 < len(i.Rune); j += 2 {
					if i.Rune[j+1]-i.Rune[j] > 16 {
						exact[k] = nil
						break
					}
					for r := i.Rune[j]; r <= i.Rune[j+1]; r++ {
						exact[k] = append(exact[k], r)
					}
				}
			}
		}
	}
	d.second = make([]rune, len(leaves))
	for k, l := range leaves {
		d.second[k] = -1
		if exact[k] != nil {
			if r, ok := pm.nextRune1(pm.prog.Inst[l].Out); ok {
				d.second[k], d.hasSecond = r, true
			}
		}
	}
	d.restBit = make([]uint64, len(leaves))
	var ahead [witnessDepth + 1]map[rune]uint64
	nrest := 0
	for k := range leaves {
		if exact[k] != nil {
			continue
		}
		d.rest = append(d.rest, int32(k))
		if nrest == 64 {
			d.tail = append(d.tail, int32(k))
			continue // beyond 64 such leaves: always tried
		}
		bit := uint64(1) << nrest
		d.byBit[nrest] = int32(k)
		d.bitted |= bit
		nrest++
		d.restBit[k] = bit
		w, ok := pm.witness(leaves[k])
		if !ok {
			d.always |= bit
			continue
		}
		for dd, rs := range w {
			for _, r := range rs {
				if ahead[dd] == nil {
					ahead[dd] = map[rune]uint64{}
				}
				ahead[dd][r] |= bit
			}
		}
		d.filter = true
	}
	for dd, m := range ahead {
		if m != nil {
			d.ahead[dd] = newRuneHash(m)
		}
	}
	// a rune's list holds only the leaves that begin with it; the run merges it with rest (a
	// list per rune with every leaf of rest in it made {THIRD}'s tables ~50 KB each; session 20)
	byRune := map[rune][]int32{}
	var arena []int32
	for k := range leaves {
		for _, r := range exact[k] {
			if _, seen := byRune[r]; seen {
				continue
			}
			from := len(arena)
			for k2 := range leaves {
				if containsRune(exact[k2], r) {
					arena = append(arena, int32(k2))
				}
			}
			byRune[r] = arena[from:len(arena):len(arena)]
		}
	}
	d.byRune = newRuneHash(byRune)
	return d
}

// nextRune1 returns the rune of the single-rune instruction reached from pc through captures,
// no-ops and assertions (which read nothing and only narrow the paths), when there is one: every
// path from pc reads it first.
func (pm *progMatcher) nextRune1(pc uint32) (rune, bool) {
	for range len(pm.prog.Inst) {
		i := &pm.prog.Inst[pc]
		switch i.Op {
		case syntax.InstNop, syntax.InstCapture, syntax.InstEmptyWidth:
			pc = i.Out
		case syntax.InstRune1:
			return i.Rune[0], true
		default:
			return 0, false
		}
	}
	return 0, false
}

// altInfo is an alternation's table of branches or, without one, the runes its branches can
// begin with.
type altInfo struct {
	disp  *altDispatch
	first branchFirst
}

// branchFirst holds, for the two branches of an alternation, a set of runes that each can begin
// with (firstSet); useful is false when neither set excludes anything.
type branchFirst struct {
	out, arg firstSet
	useful   bool
}

// firstSet is a set of runes as 64 bits, a rune's bit being firstBit(r): a branch whose set lacks
// the bit of the rune at hand cannot match there (it fails at its first rune), and is not tried.
// Runes sharing a bit only make it try a branch that fails. anyFirst: it may match anything, or
// nothing (the branch can match without reading a rune).
type firstSet uint64

const anyFirst = ^firstSet(0)

func firstBit(r rune) firstSet { return 1 << (uint32(r^r>>6) & 63) }

// maxFirstRunes is the most runes of a class that firstRunesOf lists; a larger class counts as any.
const maxFirstRunes = 16

// firstRunesOf returns the runes a match of the program from pc can begin with: the first rune
// every path from pc reads, through alternations, captures, no-ops and assertions (which read
// nothing). A path that reaches a match first, or reads a large class, makes it anyFirst.
func (pm *progMatcher) firstRunesOf(pc uint32) firstSet {
	set := firstSet(0)
	seen := map[uint32]bool{}
	var walk func(pc uint32)
	walk = func(pc uint32) {
		if set == anyFirst || seen[pc] {
			return
		}
		seen[pc] = true
		i := &pm.prog.Inst[pc]
		switch i.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			walk(i.Out)
			walk(i.Arg)
		case syntax.InstNop, syntax.InstCapture, syntax.InstEmptyWidth:
			walk(i.Out)
		case syntax.InstFail:
		case syntax.InstRune1:
			set |= firstBit(i.Rune[0])
		case syntax.InstRune:
			if syntax.Flags(i.Arg)&syntax.FoldCase != 0 {
				set = anyFirst
				return
			}
			n := 0
			for j := 0; j+1 < len(i.Rune); j += 2 {
				n += int(i.Rune[j+1]-i.Rune[j]) + 1
				if n > maxFirstRunes {
					set = anyFirst
					return
				}
				for r := i.Rune[j]; r <= i.Rune[j+1]; r++ {
					set |= firstBit(r)
				}
			}
		default: // InstMatch, InstRuneAny, InstRuneAnyNotNL
			set = anyFirst
		}
	}
	walk(pc)
	return set
}

// witness returns, for the branch beginning at pc, runes of which every match of it consumes one
// within its first witnessDepth+1 runes: w[d] are those it may consume as its d-th rune (a literal
// rune, after class runes such as \p{Han}); ok is false when some path has none so early.
func (pm *progMatcher) witness(pc uint32) (w [witnessDepth + 1][]rune, ok bool) {
	type state struct {
		pc    uint32
		depth int
	}
	seen := map[state]bool{}
	ok = true
	var walk func(pc uint32, depth int)
	walk = func(pc uint32, depth int) {
		if !ok || seen[state{pc, depth}] {
			return
		}
		seen[state{pc, depth}] = true
		i := &pm.prog.Inst[pc]
		switch i.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			walk(i.Out, depth)
			walk(i.Arg, depth)
		case syntax.InstNop, syntax.InstCapture, syntax.InstEmptyWidth:
			walk(i.Out, depth) // an assertion only narrows the paths
		case syntax.InstFail:
		case syntax.InstRune1:
			if !containsRune(w[depth], i.Rune[0]) {
				w[depth] = append(w[depth], i.Rune[0])
			}
		case syntax.InstRune, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			if depth == witnessDepth {
				ok = false
				return
			}
			walk(i.Out, depth+1)
		default: // InstMatch: a path with no such rune
			ok = false
		}
	}
	walk(pc, 0)
	return w, ok
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// btState is one run's stack and memory of explored alternations.
type btState struct {
	jobs []btJob
	caps []int
	seen memoSet
}

type btJob struct {
	pc  uint32
	pos int
	// a capture to restore on backtracking: slot >= 0
	slot, old int
}

// match runs the program at s in t[lo:hi] (assertions see t[lo:hi] as the whole input) and returns
// the preferred match's end, or with sub the capture positions (as FindStringSubmatchIndex, in t);
// ok is false when there is none, done false when the run exceeded its budget.
func (pm *progMatcher) match(t string, lo, s, hi int, sub bool) (loc []int, done bool) {
	return pm.matchIn(t, nil, lo, s, hi, sub)
}

// runeTable is a text's runes decoded once: rs[offs[b]] is the rune at byte b (a rune's start) and
// bytePos[i] rune i's byte offset, so a run reads runes without decoding UTF-8 again.
type runeTable struct {
	rs            []rune
	offs, bytePos []int32
	// at[b] is the rune starting at byte b with its width in the top byte (0 where no rune starts),
	// one load per rune read (session 18, speed2); nil: read through offs and bytePos
	at []uint32
}

// runeWidths returns the table at of a text of n bytes whose runes are rs (see runeTable).
func runeWidths(n int, rs []rune) []uint32 {
	at := make([]uint32, n)
	b := 0
	for _, r := range rs {
		w := utf8.RuneLen(r)
		at[b] = uint32(r) | uint32(w)<<24
		b += w
	}
	return at
}

// runeAt is utf8.DecodeRuneInString(t[p:hi]) for p < hi, read from the table when there is one.
func runeAt(t string, tab *runeTable, p, hi int) (rune, int) {
	if c := t[p]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return runeAtTable(t, tab, p, hi)
}

func runeAtTable(t string, tab *runeTable, p, hi int) (rune, int) {
	if tab != nil && tab.at != nil {
		if v := tab.at[p]; v != 0 && p+int(v>>24) <= hi {
			return rune(v & 0xffffff), int(v >> 24)
		}
	}
	return runeAtSlow(t, tab, p, hi)
}

// runeAtSlow is runeAtTable without the per-byte table.
func runeAtSlow(t string, tab *runeTable, p, hi int) (rune, int) {
	if tab != nil {
		if i := tab.offs[p]; int(tab.bytePos[i+1]) <= hi {
			return tab.rs[i], int(tab.bytePos[i+1]) - p
		}
	}
	return utf8.DecodeRuneInString(t[p:hi])
}

// matchIn is match with t's runes read from tab (nil: decoded as they are read).
func (pm *progMatcher) matchIn(t string, tab *runeTable, lo, s, hi int, sub bool) (loc []int, done bool) {
	b := pm.pool.Get().(*btState)
	defer pm.pool.Put(b)
	return pm.run(b, t, tab, lo, s, hi, sub)
}

// run is matchIn with b as the run's stack and memory: a scan passes its own, which serves all
// its runs of every pattern, rather than taking one from the pool at each run (session 19).
func (pm *progMatcher) run(b *btState, t string, tab *runeTable, lo, s, hi int, sub bool) (loc []int, done bool) {
	b.seen.reset()
	ncap := 2
	if sub {
		ncap = pm.caps
	}
	b.caps = b.caps[:0]
	for range ncap {
		b.caps = append(b.caps, -1)
	}
	b.jobs = append(b.jobs[:0], btJob{pc: uint32(pm.prog.Start), pos: s, slot: -1})
	steps := 0
	inst := pm.code
	// the rune at byte cpos and its width: the alternations at a position and the rune test after
	// them read the same rune, which is decoded once (session 19)
	cpos, cr, cw := -1, rune(0), 0
	for len(b.jobs) > 0 {
		j := b.jobs[len(b.jobs)-1]
		b.jobs = b.jobs[:len(b.jobs)-1]
		if j.slot >= 0 {
			b.caps[j.slot] = j.old
			continue
		}
		pc, pos := j.pc, j.pos
	run:
		for {
			steps++
			if steps > pm.steps {
				return nil, false
			}
			i := &inst[pc]
			if steps > memoAfter && i.join && !b.seen.add(uint64(pc)<<32|uint64(pos-s)) {
				break run
			}
			switch i.op {
			case syntax.InstAlt, syntax.InstAltMatch:
				a := &pm.alts[i.aux]
				d := a.disp
				if d == nil {
					// a branch that cannot begin with the rune at hand would fail at it: skip it
					if f := &a.first; f.useful {
						bit := firstSet(0) // at the end no branch that reads a rune matches
						if pos < hi {
							if pos != cpos {
								cpos, cr, cw = pos, rune(t[pos]), 1 // runeAt, inlined
								if cr >= utf8.RuneSelf {
									cr, cw = runeAtTable(t, tab, pos, hi)
								}
							}
							bit = firstBit(cr)
						}
						outOK := f.out == anyFirst || f.out&bit != 0
						if f.arg == anyFirst || f.arg&bit != 0 {
							if !outOK {
								pc = i.arg
								continue
							}
						} else {
							if !outOK {
								break run
							}
							pc = i.out
							continue
						}
					}
					b.jobs = append(b.jobs, btJob{pc: i.arg, pos: pos, slot: -1})
					pc = i.out
					continue
				}
				var exact []int32 // the leaves that begin with the rune at hand, tried among rest's
				if pos < hi {
					if pos != cpos {
						cpos, cr, cw = pos, rune(t[pos]), 1
						if cr >= utf8.RuneSelf {
							cr, cw = runeAtTable(t, tab, pos, hi)
						}
					}
					exact, _ = d.byRune.get(cr)
				}
				mask := ^uint64(0)
				if d.filter {
					mask = d.always
					for dd, p := 0, pos; dd <= witnessDepth && p < hi; dd++ {
						r, w := runeAt(t, tab, p, hi)
						if x, ok := d.ahead[dd].get(r); ok {
							mask |= x
						}
						p += w
					}
				}
				// push the branches tried later first; the first is tried now: exact and the
				// leaves of rest to try (those whose bit mask holds, then tail) merged from their
				// ends (they hold different leaves, each in the program's order)
				next := int32(-1)
				bitsLeft, tail := mask&d.bitted, d.tail
				// the rune after the one at hand, for the exact leaves' second runes (-2: none)
				second := rune(-2)
				if d.hasSecond && len(exact) > 0 && pos+cw < hi {
					second, _ = runeAt(t, tab, pos+cw, hi)
				}
			merge:
				for e, k := len(exact)-1, len(tail)-1; ; {
					r, top := int32(-1), 0 // rest's last leaf not yet taken (-1: none), its bit
					if k >= 0 {
						r = tail[k]
					} else if bitsLeft != 0 {
						top = 63 - bits.LeadingZeros64(bitsLeft)
						r = d.byBit[top]
					}
					var leaf int32
					switch {
					case e >= 0 && exact[e] > r:
						leaf, e = exact[e], e-1
						if sr := d.second[leaf]; sr >= 0 && sr != second {
							continue // it would fail at its second rune
						}
					case r >= 0:
						leaf = r
						if k >= 0 {
							k--
						} else {
							bitsLeft &^= 1 << top
						}
					default: // both taken
						break merge
					}
					if next >= 0 {
						b.jobs = append(b.jobs, btJob{pc: d.leaves[next], pos: pos, slot: -1})
					}
					next = leaf
				}
				if next < 0 {
					break run
				}
				pc = d.leaves[next]
			case syntax.InstRune1, syntax.InstRune, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				if pos >= hi {
					break run
				}
				if pos != cpos {
					cpos, cr, cw = pos, rune(t[pos]), 1
					if cr >= utf8.RuneSelf {
						cr, cw = runeAtTable(t, tab, pos, hi)
					}
				}
				r, w := cr, cw
				switch i.op {
				case syntax.InstRune1:
					if r != rune(i.arg) {
						break run
					}
				case syntax.InstRune:
					if k := i.aux; k != 0 && r < 0x10000 {
						if set := pm.sets[k]; set[r/64]&(1<<(r%64)) == 0 {
							break run
						}
					} else if !pm.prog.Inst[pc].MatchRune(r) {
						break run
					}
				case syntax.InstRuneAnyNotNL:
					if r == '\n' {
						break run
					}
				}
				pos += w
				pc = i.out
			case syntax.InstCapture:
				if int(i.arg) < len(b.caps) {
					b.jobs = append(b.jobs, btJob{slot: int(i.arg), old: b.caps[i.arg]})
					b.caps[i.arg] = pos
				}
				pc = i.out
			case syntax.InstNop:
				pc = i.out
			case syntax.InstEmptyWidth:
				before, after := rune(-1), rune(-1)
				if pos > lo {
					before, _ = utf8.DecodeLastRuneInString(t[lo:pos])
				}
				if pos < hi {
					after, _ = runeAt(t, tab, pos, hi)
				}
				if syntax.EmptyOp(i.arg)&^syntax.EmptyOpContext(before, after) != 0 {
					break run
				}
				pc = i.out
			case syntax.InstMatch:
				b.caps[0], b.caps[1] = s, pos
				loc := make([]int, len(b.caps)) // not append: growslice rounds and copies again
				copy(loc, b.caps)
				return loc, true
			default: // InstFail
				break run
			}
		}
	}
	return nil, true
}

// memoAfter is the steps after which a run remembers the positions it explored. Most runs end
// sooner, and remembering costs more than exploring a few paths twice; forgetting never changes
// the match (a position that failed once fails again), it only adds steps.
const memoAfter = 64

// memoSet is a set of uint64 keys, emptied in constant time.
type memoSet struct {
	keys  []uint64
	gens  []uint32
	gen   uint32
	count int
	shift uint // 64 - log2(len(keys)): a key's slot is the top bits of its product with a constant
}

func (m *memoSet) reset() {
	m.gen++
	m.count = 0
	if m.gen == 0 { // wrapped: forget every stamp
		clear(m.gens)
		m.gen = 1
	}
}

// add inserts k and reports whether it was absent.
func (m *memoSet) add(k uint64) bool {
	if 2*(m.count+1) > len(m.keys) {
		m.grow()
	}
	// Fibonacci hashing takes the product's top bits, which depend on every bit of the key: its
	// low bits (the position) and its high ones (the instruction). Bits taken from the middle of
	// the product ignored the instruction, so the keys of one position shared a slot and the
	// probes ran long.
	mask := uint64(len(m.keys) - 1)
	for h := (k * 0x9e3779b97f4a7c15) >> m.shift; ; h = (h + 1) & mask {
		if m.gens[h] != m.gen {
			m.keys[h], m.gens[h] = k, m.gen
			m.count++
			return true
		}
		if m.keys[h] == k {
			return false
		}
	}
}

func (m *memoSet) grow() {
	oldK, oldG, gen := m.keys, m.gens, m.gen
	n := max(256, 2*len(oldK))
	m.keys, m.gens, m.count = make([]uint64, n), make([]uint32, n), 0
	m.shift = uint(64 - bits.TrailingZeros(uint(n)))
	m.gen = 1
	for i, k := range oldK {
		if oldG[i] == gen {
			m.add(k)
		}
	}
}
