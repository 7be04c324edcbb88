// Package rules holds the jurisdiction rule packs and the engine that applies them: contact hours,
// daily caps, sliding windows, improper third parties, phrase lexicons in Chinese and English and the
// legal references behind each violation. A pack is data (a JSON document, versioned), so that a
// regulator changes it when the law changes and an admin-edited pack is just another document.
package rules

import (
	"embed"
	"encoding/json"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	_ "time/tzdata" // packs name IANA zones; the binary must not depend on the host's zoneinfo
	"unicode"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain"
)

//go:embed packs/*.json
var packFS embed.FS

// Jurisdiction names whose law a pack applies.
type Jurisdiction string

// The jurisdictions with a built-in pack.
const (
	CN Jurisdiction = "CN"
	US Jurisdiction = "US"
)

// Pack is one jurisdiction's rules, as parsed from its JSON document. Build it with Parse or
// Default; the compiled matchers are unexported.
type Pack struct {
	Jurisdiction Jurisdiction `json:"jurisdiction"`
	// Version identifies this edition of the rules, e.g. "2024.1"; findings carry it.
	Version string `json:"version"`
	// Timezone is the zone that incident times without a zone of their own are read in ("" = as given).
	Timezone string `json:"timezone"`
	// ContactHours is when a collector may contact the consumer, at the consumer's local time.
	ContactHours ContactHours `json:"contactHours"`
	// DailyCap limits connected calls to the debtor per local day (0 = no cap).
	DailyCap DailyCap `json:"dailyCap"`
	// Windows are sliding limits on calls placed, e.g. Reg F's 7 calls in 7 days.
	Windows []Window `json:"windows"`
	// AfterConversationDays forbids a call within this many days after a phone conversation (0 = none).
	AfterConversationDays int `json:"afterConversationDays"`
	// DebtorSide are the relations a collector may contact; every other relation is a third party.
	DebtorSide []domain.Relation `json:"debtorSide"`
	// ImproperRelations are the contacted relations that count as improper third-party contact.
	ImproperRelations []domain.Relation `json:"improperRelations"`
	// Language holds, per language ("zh", "en"), the cues for negation, questions and hypotheticals.
	Language map[string]*LanguageCues `json:"language"`
	// Senders classify a message's sender number: platform (an institution's bulk sender) or personal.
	Senders Senders `json:"senders"`
	// Disclosure lists what a collection message must state and how to recognise each item.
	Disclosure Disclosure `json:"disclosure"`
	// Violations holds, per violation type, its legal references and phrase lexicon.
	Violations map[domain.ViolationType]*ViolationRules `json:"violations"`
	// Severity says what makes a complaint urgent or high priority; nil leaves every complaint NORMAL.
	Severity *Severity `json:"severity,omitempty"`
	// Aliases, per language of the text ("zh": texts with Chinese characters, "en": all texts), map
	// abbreviations, homophones and pinyin to the word they stand for (cs → 催收, jc → 警察, dont →
	// don't); they are replaced before matching, evidence still points at the text as written.
	Aliases map[string]map[string]string `json:"aliases,omitempty"`
	// Spellings generate aliases for Chinese words written with some characters in pinyin or a
	// homophone ("lian系人", "联xi人", "崔收"): every word of Words, with any of its characters
	// replaced by one of its Chars spellings, is an alias of the word (see Spellings).
	Spellings *Spellings `json:"spellings,omitempty"`
	// Symbols, per language of the text ("zh": texts with Chinese characters, "en": the others), map
	// a pictograph to the words it shows (🔪 → 刀的图片, "picture of a knife"): a knife, a gun or a
	// coffin sent by a collector says what the words would, and is read, not dropped as a filler.
	Symbols map[string]map[string]string `json:"symbols,omitempty"`
	// Emoji, per language of the text like Symbols, map an emoji that stands for a word (📞 → 电话,
	// 👮 → 警察, 💰 → 钱, "call", "police") to that word (session 17). Unlike a Symbols picture it is
	// read only where it stands for a word: between two Chinese characters that make one of the
	// pack's words ("骚🐶扰") it is a filler, as any other emoji.
	Emoji map[string]map[string]string `json:"emoji,omitempty"`
	// PhraseSets are named lists of phrases that several phrase groups share (session 35): a group
	// lists "@NAME" among its own phrases instead of a copy of the set, so that a phrase the groups
	// have in common is written, and mended, once (the speakers who are not the collector's side, say,
	// that the THREAT violation and a dozen threat composites all except). Expanded when the pack is
	// read, in place of the reference and in the set's order; an undefined name is an error.
	PhraseSets map[string]PhraseSet `json:"phraseSets,omitempty"`
	// Classes are entity classes (kin, workplace, authorities...) that patterns name as {CLASS}. A
	// member is a word, or "~word" for any word of up to two characters ending in it (~领导: 前领导).
	Classes map[string][]string `json:"classes,omitempty"`
	// WriterRole reads who the writer is to the debt (session 38): see WriterRoleCues.
	WriterRole *WriterRoleCues `json:"writerRole,omitempty"`
	// ClassAttributes are words that may stand before any member of a class without changing what
	// it is: {THIRD} with 现在的, 以前的, 远房 reads "我现在的老板", "以前的同事", "远房表亲". An
	// attribute "re:…" is a raw RE2 expression: a count (好几个, 十几个), an age (七十多岁的) or a
	// short relative clause (十几年没联系的, 我上班的) before the member (session 16).
	ClassAttributes map[string][]string `json:"classAttributes,omitempty"`
	// ListClasses are classes whose members people list with commas ("给我朋友，亲戚打电话", "我爸，
	// 我妈，我弟的手机"): a comma with a member right before it and one (after 我/我的/他的/她的) right
	// after it does not end the clause, so phrase patterns read the list as one {CLASS}.
	ListClasses []string `json:"listClasses,omitempty"`
	// ListBreaks are words that no list member holds (session 21): a suffix member "~哥" takes up
	// to two characters before 哥, so "打给我弟，说他哥被起诉了" read 说他哥 as a second brother and
	// joined the clauses; a clause whose would-be member holds 说, 讲, 问… says what was said.
	ListBreaks []string `json:"listBreaks,omitempty"`
	// Composites join facts across clauses: a hit of After (a violation type) or of First, followed
	// within Sentences sentences by a hit of Then, is evidence of Type.
	Composites []Composite `json:"composites,omitempty"`
	// factorComposites: some composite raises an urgency factor (the factor scan joins them)
	factorComposites bool
	// compositesBy[0] are the indices of the violations' composites, compositesBy[1] the factors'
	// (session 29, speed: the scans read only theirs)
	compositesBy [2][]int32
	// Mentions are the time and count expressions read from narratives; see Mentions.
	Mentions *Mentions `json:"mentions,omitempty"`
	// Amounts are the sums a narrative states about its loan (borrowed, repaid, demanded, received,
	// a fee), compared within a sentence; see Amounts.
	Amounts *Amounts `json:"amounts,omitempty"`
	// ThreatModel turns on the statistical THREAT model beside the rules (session 33, threatmodel.go);
	// nil or model "off": the rules alone.
	ThreatModel *ThreatModelUse `json:"threatModel,omitempty"`

	start, end   int // contact hours in minutes after midnight
	zone         *time.Location
	alias        map[bool]*aliasIndex // by "text has Chinese"
	classRE      map[string]string
	listStart    *regexp.Regexp           // a member of a ListClasses class opening the next clause
	listStartAt  *anchoredRE              // listStart without its ^, run by the depth-first matcher
	listLast     map[rune]bool            // the last characters of the ListClasses classes' members
	listMembers  []string                 // the ListClasses classes' members as they end (no ~, no *)
	pre          *prefilter               // the literals every pattern needs, in one automaton
	words        map[string]bool          // Chinese words of the pack that white space must not split (see buildWords)
	enWords      map[string]bool          // English words of the pack a word spelled letter by letter may be (see buildEnWords)
	symbols      map[bool]map[rune][]rune // Symbols and Emoji by "text has Chinese" and the symbol's rune
	wordSymbols  map[rune]bool            // the runes of Emoji: fillers inside a word
	masked       *maskedWords             // Spellings.Masked and Stems, for masked and leet words
	legacyScan   bool                     // benchmarks only: search each pattern's literals one by one, as before the prefilter
	lastPrepared atomic.Pointer[preparedText]
	noGate       bool // leadMatches runs every start, as before session 14 (benchmarks and tests)
	noStarts     bool // patterns without a lead run by the regexp's search, as before session 25 (tests)
	// noExceptLimit: a lexicon's exceptions are searched over the whole text, as before session 25 (tests)
	noExceptLimit bool
	// noExceptNear: exceptions are searched from all their lead's starts, not only from those
	// whose matches could overlap a hit they judge, as before session 32 (tests)
	noExceptNear bool
	// noClassPrefix: a C{m,n}X pattern runs from each start in full, as before session 33 (tests)
	noClassPrefix bool
	// noThenLead: the composites' first facts are searched before their later facts, as before
	// session 30 (tests)
	noThenLead bool
	// noGateFirst: a composite with a gate is searched even when no gate pattern can match (before
	// session 37; for tests)
	noGateFirst bool
	// noStartBits: a lead's starts are listed and sorted, as before session 38 (tests)
	noStartBits bool
	// searchedHook, when set (tests), is called with each composite whose facts a scan searches:
	// one that no early test (its later facts' literals, its gate's) passed over
	searchedHook func(c *Composite)
	// noThenMemo: a composite's later patterns are searched again for every first fact, as before
	// session 31 (tests)
	noThenMemo bool
	// noCover: strongest compares each hit with every hit kept, as before session 31 (tests)
	noCover bool
}

// Spellings are the other ways people write the characters of the words filters look for: pinyin
// (联: lian) and homophones (催: 崔). Each word of Words with one or more of its characters written
// another way is an alias of the word, up to MaxVariants per word.
type Spellings struct {
	Chars       map[string][]string `json:"chars"`
	Words       []string            `json:"words"`
	MaxVariants int                 `json:"maxVariants,omitempty"`
	// Initials: every word of Words of at least this many characters is also written by the
	// initials of its pinyin (通讯录: txl, 紧急联系人: jjlxr); 0: none. Initials two words share
	// are nobody's.
	Initials int `json:"initials,omitempty"`
	// Stems are English word stems whose common misspellings (see misspellings) are read as the
	// stem, whatever ending follows: harrassed, recieved, threatned, validaton.
	Stems []string `json:"stems,omitempty"`
	// Masked are English words people mask or write in leetspeak ("f***ing", "sh*t", "b!tch",
	// "idi0t", "thr3at"): a word with a mask (* #) or a leet character (0 1 3 4 5 7 @ $ !) inside
	// that reads as one of them, or as one of Stems with an ending, is read as that word.
	Masked []string `json:"masked,omitempty"`
}

// Composite is a rule over two facts in order, e.g. a recipient who is a third party and then a
// statement about the debt (PRIVACY_DISCLOSURE), or a request to stop and then more contact
// (CONTACT_AFTER_STOP).
type Composite struct {
	ID   string               `json:"id"`
	Type domain.ViolationType `json:"type,omitempty"`
	// Factor: a composite that raises an urgency factor instead of a violation (session 26
	// (threatfix)): the harm in one clause and its cause, the collection, in the clause before
	// ("因为催收天天骚扰，我爸心脏病犯了"); give Type or Factor, not both, and First, not After.
	Factor    domain.UrgencyFactor `json:"factor,omitempty"`
	Weight    float64              `json:"weight"`
	After     domain.ViolationType `json:"after,omitempty"`
	First     *PhraseGroup         `json:"first,omitempty"`
	Then      PhraseGroup          `json:"then"`
	Sentences int                  `json:"sentences"`
	// Except: a first fact overlapping one of these phrases is none ("希望…不要骚扰我的家人" is the
	// complaint's own demand, not a request made to the collector before the contact that follows).
	Except *PhraseGroup `json:"except,omitempty"`
	// ThenExcept: a later fact overlapping one of these phrases is none (session 23): the contact
	// that stopped after the request ("之后就再也没有打来过", "后来确实只联系我本人了") honours it.
	ThenExcept *PhraseGroup `json:"thenExcept,omitempty"`
	// Gate, when set (session 29): a first fact counts only where a phrase of Gate that overlaps
	// no phrase of GateExcept lies in its sentence or in the GateSentences sentences before it — a
	// threat judged by its parts: the collector's side speaking (Gate), a person or thing of the
	// complainant's (First) and an evil to come (Then), the last two in one sentence.
	Gate          *PhraseGroup `json:"gate,omitempty"`
	GateExcept    *PhraseGroup `json:"gateExcept,omitempty"`
	GateSentences int          `json:"gateSentences,omitempty"`
	// Unless: the join is none when one of these phrases stands anywhere in the text before the
	// later fact (session 29, longfacts): a complaint-wide reading ("现在全家都知道我欠钱了" sentences
	// after a call to a relative) is no disclosure by the collector once the complainant says they
	// told the family themselves ("我把欠钱的事告诉了我妈"), wherever in the complaint that stands.
	Unless *PhraseGroup `json:"unless,omitempty"`
	// Asked (session 37, threat37), for composites whose Gate or first fact is the collector's side
	// speaking: a question or a supposition there that addresses the complainant (the language's
	// Addressed patterns, read from the first fact's sentence to the later fact's end) is the collector's own rhetorical question or veiled
	// condition ("你想不想你孩子平平安安?", "do you know what happens to people who…", "said my car
	// might \"accidentally\" catch fire"): the question and hypothetical factors do not lower it.
	// The complainant's own questions and fears ("他们会不会打我?", "I'm afraid they might…") address no
	// one and keep their factors.
	Asked bool   `json:"asked,omitempty"`
	Note  string `json:"note,omitempty"`
	// thenLeads: the later facts are looked for first, over the whole text, and the first facts
	// only in the sentences from which one of them is within reach (thenReach; session 30, speed)
	thenLeads bool
}

// ContactHours is the daily window in which contact is allowed (both ends allowed, minute precision).
type ContactHours struct {
	Start string `json:"start"`
	End   string `json:"end"`
	Basis string `json:"basis"`
	// BasisZh is Basis in Chinese, for the findings' Chinese explanation (Evidence.RuleZh).
	BasisZh string `json:"basisZh,omitempty"`
}

// DailyCap limits connected calls to the debtor per local calendar day, across every collector.
type DailyCap struct {
	ConnectedCalls int    `json:"connectedCalls"`
	Scope          string `json:"scope"`
	ScopeZh        string `json:"scopeZh,omitempty"` // Scope in Chinese
}

// Window presumes harassment when more than MaxCalls calls are placed within Days consecutive days.
type Window struct {
	MaxCalls int    `json:"maxCalls"`
	Days     int    `json:"days"`
	Source   string `json:"source"`
}

// LanguageCues are the cues the engine reads around a matched phrase in one language.
type LanguageCues struct {
	// Negation cues negate a phrase that starts within NegationWindow runes after them, in the same clause.
	Negation       []string `json:"negation"`
	NegationWindow int      `json:"negationWindow"`
	// ClauseBreaks end a negation's scope: "他说如果你不还钱就弄死你" — 就 shields 弄死 from 不.
	ClauseBreaks []string `json:"clauseBreaks"`
	// NegationExceptions are words that contain a cue but do not negate, e.g. 不断 or 不停.
	NegationExceptions []string `json:"negationExceptions"`
	// NegationRelative are endings of a relative clause (zh 的): a cue whose words up to the phrase
	// end in one modifies the noun the phrase starts with, and negates nothing ("十几年没联系的同学都
	// 收到短信", "我没有授权的通讯录好友都收到了"); endings in NegationPossessive (我的, 他的) are no
	// relative clause ("没有打我的…" stays negated). Session 16.
	// Only a phrase that starts with a member of NegationRelativeClass (a class, e.g. THIRD: a
	// person) is read so: "没有任何的骚扰" stays negated.
	NegationRelative []string `json:"negationRelative,omitempty"`
	// NegationClosers are predicates a negation cue takes as its own (没能力, 不予理会, 钱不够, 没有
	// 回复): a cue whose words up to the phrase start with one, after an optional NegationCloserLead
	// (有, 能), negates that predicate and not the phrase after it. In text written without commas
	// ("我说这笔我不认打电话给我姐夫…", "手头钱不够一天给我打十几个电话") the phrase is a new clause
	// the cue never reached. A class, not a list of cue+word pairs: every cue combines with every closer. Session 19
	// (zhweak).
	NegationClosers    []string `json:"negationClosers,omitempty"`
	NegationCloserLead []string `json:"negationCloserLead,omitempty"`
	// NegationCloserStates close a negation even with nothing after them (钱不够 | 一天打…, 不认 | 打给…):
	// states, means and the debtor's refusal to acknowledge; a verb of NegationClosers needs words of
	// its own after it.
	NegationCloserStates []string `json:"negationCloserStates,omitempty"`
	NegationPossessive   []string `json:"negationPossessive,omitempty"`
	// NegationSubordinators open an adverbial clause ("when", "if", "after"): a cue inside one
	// negates that clause only, which ends, when no comma marks it, where one of NegationSubjects
	// starts a new one after the cue's own words ("when i didn't answer | they knocked on my
	// neighbor's door", "because i couldn't pay | the collector called my boss"). Session 38 (en38).
	NegationSubordinators []string `json:"negationSubordinators,omitempty"`
	NegationSubjects      []string `json:"negationSubjects,omitempty"`
	NegationRelativeClass string   `json:"negationRelativeClass,omitempty"`
	relativeNoun          *regexp.Regexp
	// Question and Hypothetical cues lower a finding's confidence by the given factors.
	Question []string `json:"question"`
	// QuestionPeriod are the question cues that still ask when a full stop follows them (session 38:
	// people end a question with 。 — "万一他们打到我单位怎么办。", "会打我家人电话吗。"); a cue that may
	// end a statement (呢: "还在打呢。") is left out.
	QuestionPeriod []string `json:"questionPeriod,omitempty"`
	QuestionFactor float64  `json:"questionFactor"`
	// QuestionReach bounds, in runes before its end, the clause a question asks about when the
	// sentence has no clause break near its end (0: the whole last clause). Session 19 (zhweak).
	QuestionReach int `json:"questionReach,omitempty"`
	// QuestionReachOpeners begin the complainant's own question (请问, 想问, 如果): where one stands
	// in such a long last clause, the question starts there instead.
	QuestionReachOpeners []string `json:"questionReachOpeners,omitempty"`
	Hypothetical         []string `json:"hypothetical"`
	HypotheticalFactor   float64  `json:"hypotheticalFactor"`
	// Gap is how many runes a "..." in a pattern may skip, within a clause.
	Gap int `json:"gap"`
	// Hearsay cues ("听朋友说", "网上说", "I heard") before a phrase in its sentence mark it as
	// what happened to someone else: its weight is multiplied by HearsayFactor and it never raises
	// severity.
	Hearsay       []string `json:"hearsay,omitempty"`
	HearsayFactor float64  `json:"hearsayFactor,omitempty"`
	// HearsayEnds close a hearsay cue's scope: after "网上有人说…，不过" the complainant speaks of
	// their own case again.
	HearsayEnds []string `json:"hearsayEnds,omitempty"`
	// HearsaySubjects are patterns (RE2, over the normalised sentence) of a subject at a sentence's
	// start who is someone else telling their own case without a cue word ("my neighbor's son was
	// told…", "my cousin is getting calls…"): the rest of the sentence is hearsay, unless the
	// sentence holds one of HearsayOwn ("my debt", "about me"): then it is the complainant's debt
	// reaching that person, a third-party contact.
	HearsaySubjects []string `json:"hearsaySubjects,omitempty"`
	// CueSuffixPrefixes names a class of short prefixes (堂, 表, 二…) that a suffix member (~弟) of a
	// class named in a hearsay or hypothetical cue also takes: 听我{THIRD}说 gives 听我堂弟说 (session 23).
	CueSuffixPrefixes string   `json:"cueSuffixPrefixes,omitempty"`
	HearsayOwn        []string `json:"hearsayOwn,omitempty"`
	// A question lowers only its last clause ("还联系我朋友，…，我哪里是故意不还吗？" keeps the
	// contact), and not at all when that clause holds a Rhetorical cue (凭什么, 有什么权利, 没人管吗):
	// a rhetorical question is an accusation, not a query.
	Rhetorical []string `json:"rhetorical,omitempty"`
	// QuestionTags are questions complete in themselves (是谁, 想干什么, 什么意思; who are you):
	// a question narrows to the first of them, so what comes before it in the last clause is a
	// statement — "他们打给我爸妈说我欠钱你们到底是谁？" asks who they are, not whether they called.
	QuestionTags []string `json:"questionTags,omitempty"`
	// Intent cues (说要, 扬言, 威胁要, threatened to) ending within IntentWindow runes before a hit of
	// one of IntentTypes, in the same clause, mark an act announced but not done ("说要爆通讯录",
	// "还要告诉我家人"): its weight is multiplied by IntentFactor, and composites that join facts
	// do not start from it.
	Intent       []string               `json:"intent,omitempty"`
	IntentWindow int                    `json:"intentWindow,omitempty"`
	IntentFactor float64                `json:"intentFactor,omitempty"`
	IntentTypes  []domain.ViolationType `json:"intentTypes,omitempty"`
	// IntentObject cues (把, 将) may stand between an intent cue and the hit with the object they
	// bring, up to IntentObjectWindow runes in all, in the same clause: "还说要把聊天记录发给我所有
	// 同事看" announces the sending as "说要发给同事" does (session 26, zhprec).
	IntentObject       []string `json:"intentObject,omitempty"`
	IntentObjectWindow int      `json:"intentObjectWindow,omitempty"`
	// Habitual cues (每次, 经常, 总是, 动不动; every time, always) before an intent cue in the same
	// clause make "会" tell a habit, not an announcement: "每次逾期他们就会打给我家人" is a contact.
	Habitual []string `json:"habitual,omitempty"`
	// QuestionFrames are patterns (RE2, over the normalised last clause of a question) that ask
	// whether a collection practice is allowed ("is it legal for them to call", "are they allowed
	// to contact"): a question holding one is a question even when it holds a Rhetorical cue ("is
	// it legal"), so "Is it legal for them to call my mom?" reports no call, while "Is it legal for
	// them to threaten…?" (no practice one asks leave for) still reports the threat.
	QuestionFrames []string `json:"questionFrames,omitempty"`
	// Addressed are patterns (RE2, over the normalised sentence up to a later fact's end) that
	// show the collector's speech reaching the complainant: a second person (你 but not 你们; you,
	// your) or a reported question or supposition ("asked whether", "said … might"). Read only for
	// composites marked Asked (session 37, threat37).
	Addressed []string `json:"addressed,omitempty"`
	// Unaddressed are patterns (RE2, over the same text) of the complainant's own question about
	// what collectors may do ("are collectors allowed to say…", "is it legal", 请问, 合法吗): there a
	// "you" is generic, and the factors stay.
	Unaddressed []string `json:"unaddressed,omitempty"`
	// Confirm cues after a hit in its sentence say that what was feared or announced happened
	// ("…would call my job, and they actually did", "说要爆通讯录，结果真的"): the hit keeps its
	// weight, as neither hypothetical nor intended.
	Confirm []string `json:"confirm,omitempty"`
	// Norm cues (不得, 不允许, 严禁; shall not, may not) open a clause that states a rule, not a fact:
	// complainants quote the collection conventions ("第十八条催收人员不得向债务人外的其他人员透露债务人
	// 负债"), and a hit after such a cue in its clause is dismissed, however far from the cue
	// (session 15). NormExceptions are words holding a cue that state no rule (不得不, 不得安宁).
	Norm           []string `json:"norm,omitempty"`
	NormExceptions []string `json:"normExceptions,omitempty"`
	// NormListBreaks are clause breaks a quoted rule reads through: the items of a list it forbids
	// ("不得使用暴力、威胁手段": the 威胁 after 、 is still the rule's, session 17).
	NormListBreaks []string `json:"normListBreaks,omitempty"`
	// HearsayOwnClause are patterns (RE2, over the normalised text after a hearsay cue or subject) of
	// the complainant's own account starting again: 我/本人 with an event verb (我昨天接到电话, 本人上周
	// …被打了; "last night i got a call"). A hit after one is firsthand, even where the text has no
	// punctuation to end the hearsay (session 19).
	HearsayOwnClause []string `json:"hearsayOwnClause,omitempty"`
	// QuestionOpeners are patterns (RE2) that open a clause asking a question (请问; "can they",
	// "what happens if"), QuestionClauseEnds particles that end one (吗, 的吧), and QuestionAnotA
	// reads the A-not-A form (收不收, 能不能, 合不合法) as a question: the clause is asked, however its
	// sentence ends (session 19).
	QuestionOpeners    []string `json:"questionOpeners,omitempty"`
	QuestionClauseEnds []string `json:"questionClauseEnds,omitempty"`
	QuestionAnotA      bool     `json:"questionAnotA,omitempty"`
	// QuestionEvaluations are 是不是 forms that judge what comes before them in their clause (是不是违法):
	// the whole clause is asked, where another 是不是 asks only from itself on (…上门催收是不是你们授权的).
	QuestionEvaluations []string `json:"questionEvaluations,omitempty"`
	// OwnStep are the complainant's own steps in answer to a supposition (我就去报警, "i will file"):
	// a hit under a hypothetical cue followed by one is lowered by the hypothetical factor twice.
	OwnStep []string `json:"ownStep,omitempty"`
	// OwnSubject reads who does a contact, a disclosure or a visit (session 22, cfpb): see
	// OwnSubjectCues.
	OwnSubject *OwnSubjectCues `json:"ownSubject,omitempty"`

	// the most runes of a negation and of an intent cue, counted when the pack compiles (sized)
	negationRunes, intentRunes int
	sized                      bool
	hearsaySubjects            *regexp.Regexp // HearsaySubjects at a sentence's start, compiled
	hearsaySubjectsAt          *anchoredRE    // the same without its ^, run by the depth-first matcher
	questionFrames             *regexp.Regexp // QuestionFrames, compiled
	addressed                  *regexp.Regexp // Addressed, compiled
	unaddressed                *regexp.Regexp // Unaddressed, compiled
	scope                      scopeCues      // session 19's patterns, compiled
}

// subjectHearsayEnd returns the byte offset in sent (a normalised sentence) where a HearsaySubjects
// subject at its start ends, or -1: none, or the told part of the sentence (up to a HearsayEnds cue)
// holds a HearsayOwn cue.
func (c *LanguageCues) subjectHearsayEnd(sent, lang string) int {
	if c.hearsaySubjects == nil {
		return -1
	}
	var loc []int
	if c.hearsaySubjectsAt != nil {
		loc = c.hearsaySubjectsAt.at(sent, 0, 0, len(sent), false)
	} else {
		loc = c.hearsaySubjects.FindStringIndex(sent)
	}
	if loc == nil {
		return -1
	}
	// an own cue counts only in the told part: after a HearsayEnds cue the complainant is back to
	// their own case ("我表哥说他收到过刀片，我这边是催收半夜给我打电话" keeps the subject; session 21)
	told := sent
	for _, e := range c.HearsayEnds {
		if i := firstCue(sent[loc[1]:], e, lang); i >= 0 {
			told = told[:min(len(told), loc[1]+i)]
		}
	}
	for _, o := range c.HearsayOwn {
		if lastCue(told, o, lang) >= 0 {
			return -1
		}
	}
	return loc[1]
}

// negationReach is the most runes a negation cue has.
func (c *LanguageCues) negationReach() int {
	if c.sized {
		return c.negationRunes
	}
	return maxRunes(c.Negation)
}

// intentReach is the most runes an intent cue has.
func (c *LanguageCues) intentReach() int {
	if c.sized {
		return c.intentRunes
	}
	return maxRunes(c.Intent)
}

// Senders holds the patterns that classify a sender number (spaces, dashes and parentheses removed).
type Senders struct {
	Platform []string `json:"platform"`
	Personal []string `json:"personal"`

	platform, personal []*regexp.Regexp
}

// Disclosure lists the items a collection message must carry and the patterns that show each.
type Disclosure struct {
	Required []DisclosureItem            `json:"required"`
	Patterns map[DisclosureItem][]string `json:"patterns"`

	compiled map[DisclosureItem][]*regexp.Regexp
}

// DisclosureItem is one thing a collection message must state.
type DisclosureItem string

// The disclosure items.
const (
	DiscloseCreditor DisclosureItem = "CREDITOR"
	DiscloseAmount   DisclosureItem = "AMOUNT"
	DiscloseContract DisclosureItem = "CONTRACT"
	DiscloseAccount  DisclosureItem = "ACCOUNT"
)

var disclosureItems = []DisclosureItem{DiscloseCreditor, DiscloseAmount, DiscloseContract, DiscloseAccount}

// ViolationRules are one violation type's legal references and lexicon.
type ViolationRules struct {
	Legal   []LegalRef    `json:"legal"`
	Phrases []PhraseGroup `json:"phrases"`
	// Except are phrases that look like this violation but are not ("threatened to sue" is not a
	// threat to safety, "家长群" is not a visit to the family home): a hit overlapping one is dismissed.
	Except *PhraseGroup `json:"except,omitempty"`
	// ModelBar are statements of the fact this type's finding denies, told as the complainant's
	// own ("it has the amount, the original creditor and says I have 30 days to dispute" against an
	// omitted validation notice): where one is found in a text, with no negation cue in it, the
	// statistical model may not add the type there (its n-grams are topic words: "letter",
	// "collection", "to dispute"). The rules' own phrases are judged as before. Session 38 (en38).
	ModelBar *PhraseGroup `json:"modelBar,omitempty"`
	// WeakCap, when set (0 < WeakCap < domain.RoutingConfidence), is the most confidence a finding of
	// this type reaches when no piece of its evidence reaches the routing confidence by itself: words
	// that lawful steps use too ("sue", "credit bureau", the statute's own words) then never flag the
	// type however many of them a text holds; they count beside one stated claim (session 17 (usdd)).
	WeakCap float64 `json:"weakCap,omitempty"`
}

// Severity holds the rules that rank a complaint: threats of violence, health harm, minors or the
// elderly involved make it URGENT with a suggested referral; a confident finding makes it HIGH.
type Severity struct {
	// UrgentThreatConfidence is the THREAT confidence from which a threat counts as one of violence.
	UrgentThreatConfidence float64 `json:"urgentThreatConfidence"`
	// HighConfidence is the confidence from which any finding makes the complaint HIGH.
	HighConfidence float64 `json:"highConfidence"`
	// FactorConfidence is the confidence from which a factor lexicon's evidence counts.
	FactorConfidence float64 `json:"factorConfidence"`
	// MinorAge and ElderlyAge judge the debtor's age, read from the identity card number (0 = unused).
	MinorAge   int `json:"minorAge"`
	ElderlyAge int `json:"elderlyAge"`
	// UrgentReferral is the body suggested for a complaint made urgent by a threat of violence, e.g.
	// POLICE; the other urgency factors rank a complaint URGENT without one (session 17).
	UrgentReferral domain.ReferralBody `json:"urgentReferral"`
	// Factors are the phrase lexicons of HEALTH_HARM, MINOR_INVOLVED and ELDERLY_INVOLVED.
	Factors map[domain.UrgencyFactor][]PhraseGroup `json:"factors"`
	// Except are phrases that look like a factor's but are none, per factor: a factor hit
	// overlapping one is dismissed as a violation's is ("hospital bill" names who is owed, not a
	// stay in hospital; session 18).
	Except map[domain.UrgencyFactor]*PhraseGroup `json:"except,omitempty"`
}

// LegalRef is one provision a violation breaches.
type LegalRef struct {
	Law       string `json:"law"`
	Article   string `json:"article"`
	SummaryZH string `json:"summaryZh"`
	SummaryEN string `json:"summaryEn"`
}

// PhraseGroup is a set of phrases that show a violation with the same confidence (Weight, 0–1).
// Each phrase is a simple pattern (see docs/RULES.md): literal text; "word*" matches any ending of a
// word; "(a|b)" alternatives; "x?" or "(ab)?" optional; "..." skips up to the language's Gap runes; "^" and "$" the
// start and end of the text or of a clause; "re:" starts a raw RE2 expression. English patterns match whole words, case-insensitively.
// PhraseSet is a named list of phrases per language of the text (see Pack.PhraseSets).
type PhraseSet struct {
	ZH   []string `json:"zh,omitempty"`
	EN   []string `json:"en,omitempty"`
	Note string   `json:"note,omitempty"`
}

type PhraseGroup struct {
	Weight float64  `json:"weight"`
	ZH     []string `json:"zh"`
	EN     []string `json:"en"`
	// Note says which category of language the group covers.
	Note string `json:"note,omitempty"`
	// ID names the group in evidence (default: the violation code and the group's position, THREAT.1).
	ID string `json:"id,omitempty"`
	// Legal, when set, is the provision this group's phrases breach instead of the violation's first.
	Legal *LegalRef `json:"legal,omitempty"`
	// Negation "keep" means a negation cue before the phrase does not dismiss it: omissions are
	// stated by negation ("信息里连欠款金额都没有", "they never sent validation").
	Negation string `json:"negation,omitempty"`

	matchers []phraseMatcher
	// gates[i] is matchers[i]'s gate conjunct when it has a conjunct list, -1 otherwise (set by
	// buildPrefilter): scan rules out the patterns a text lacks the gate of without reading each
	// matcher (session 21)
	gates []int32
	law   string
}

type phraseMatcher struct {
	lang    string
	pattern string
	re      *lazyRegexp
	weight  float64
	group   *PhraseGroup
	lits    []string  // one of them occurs in every match (lower case); nil: no prefilter
	need    [][]int32 // prefilter literal ids: one of each conjunct occurs in every match
	needIdx []int32   // the pack-wide index of each conjunct (prefilter.postings)
	// gate is the conjunct of needIdx whose literals are longest (rarest), -1: none. A text that
	// lacks it rules the pattern out before its conjunct list is read: most patterns are ruled
	// out, and the list lies elsewhere in memory.
	gate int32
	lead *leadMatcher // where a match can start; nil: the pattern searches whole clauses
	// starts: where a match of a pattern without a lead can start (its first runes); nil: the
	// regexp searches (session 25)
	starts *startSearch
	// anchored: the pattern has ^ or $ (plain or re:, or \A, \z), so it is searched from a
	// clause's start rather than from inside one; trim: a plain pattern's ^ or $ consumes clause
	// marks that span trims off its matches (session 14)
	anchored, trim bool
	// boundary: the pattern has \b or \B, which look at the rune before a match (session 30,
	// speed: a pattern with neither and no anchor matches in a clause wherever it matches in a
	// part of it, which thenReach relies on)
	boundary bool
	// named is the last rule id the matcher's hits were named for and that name (ruleName), so
	// that evidence does not build the same string at every hit
	named atomic.Pointer[[2]string]
}

// newPhraseMatcher is the matcher of pattern pat (compiled to re) of group g.
func newPhraseMatcher(lang, pat string, re *regexp.Regexp, g *PhraseGroup) phraseMatcher {
	return newLazyPhraseMatcher(lang, pat, compiledRegexp(re), g)
}

// newLazyPhraseMatcher is newPhraseMatcher with the expression compiled when it first runs.
func newLazyPhraseMatcher(lang, pat string, re *lazyRegexp, g *PhraseGroup) phraseMatcher {
	src := re.String()
	anchored, boundary := textAssertions(re)
	return phraseMatcher{lang: lang, pattern: pat, re: re, weight: g.Weight, group: g, lits: requiredLiterals(re),
		anchored: anchored, boundary: boundary,
		trim: !strings.HasPrefix(pat, "re:") && (strings.Contains(src, anchorStart) || strings.Contains(src, anchorEnd))}
}

// find returns the byte spans (in t) of re's matches in t[bs:be], trimmed of what a plain
// pattern's anchors consumed.
func (m *phraseMatcher) find(t string, bs, be int) [][]int {
	var out [][]int
	for _, loc := range m.re.FindAllStringIndex(t[bs:be], -1) {
		out = append(out, m.span(t, bs+loc[0], bs+loc[1]))
	}
	return out
}

// span is the match t[s:e] of m, without the clause marks, spaces and quotes its anchors consumed
// (all of it when nothing else is left).
func (m *phraseMatcher) span(t string, s, e int) []int {
	if !m.trim {
		return []int{s, e}
	}
	ts, te := s, e
	for ts < te {
		r, w := utf8.DecodeRuneInString(t[ts:te])
		if !anchorTrim(r) {
			break
		}
		ts += w
	}
	for ts < te {
		r, w := utf8.DecodeLastRuneInString(t[ts:te])
		if !anchorTrim(r) {
			break
		}
		te -= w
	}
	if ts == te {
		return []int{s, e}
	}
	return []int{ts, te}
}

// textAssertions reports whether re has ^ or $ (or \A, \z): anchored, and \b or \B: boundary.
func textAssertions(re fmt.Stringer) (anchored, boundary bool) {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return false, false
	}
	return hasTextAnchor(t), hasAssertion(t)
}

// nameFor is ruleName of a hit of m under rule.
func (m *phraseMatcher) nameFor(rule string) string {
	if n := m.named.Load(); n != nil && n[0] == rule {
		return n[1]
	}
	name := ruleName(match{rule: rule, pattern: m.pattern})
	m.named.Store(&[2]string{rule, name})
	return name
}

// Parse reads and validates a pack document. Unknown fields, unknown violation or relation codes,
// malformed hours, weights outside 0–1 and patterns that do not compile are errors.
func Parse(doc []byte) (*Pack, error) {
	dec := json.NewDecoder(strings.NewReader(string(doc)))
	dec.DisallowUnknownFields()
	var p Pack
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("rules: parse pack: %w", err)
	}
	if err := p.expandPhraseSets(); err != nil {
		return nil, fmt.Errorf("rules: pack %s %s: %w", p.Jurisdiction, p.Version, err)
	}
	if err := p.compile(); err != nil {
		return nil, fmt.Errorf("rules: pack %s %s: %w", p.Jurisdiction, p.Version, err)
	}
	return &p, nil
}

// defaults are the built-in packs, each compiled the first time it is asked for: compiled they
// hold ~40 MB of automata and regular expressions, which `serve` (that judges nothing while
// filing) need not carry, nor its garbage collector mark on every cycle (issue 14). A built-in
// pack that does not compile is a bug of the binary (the tests compile both): Default panics.
var defaults = map[Jurisdiction]func() *Pack{CN: builtinPack(CN), US: builtinPack(US)}

func builtinPack(j Jurisdiction) func() *Pack {
	return sync.OnceValue(func() *Pack {
		doc, err := packFS.ReadFile("packs/" + strings.ToLower(string(j)) + ".json")
		if err != nil {
			panic(fmt.Sprintf("rules: built-in pack %s: %v", j, err))
		}
		p, err := Parse(doc)
		if err != nil {
			panic(fmt.Sprintf("rules: built-in pack %s: %v", j, err))
		}
		if p.Jurisdiction != j {
			panic(fmt.Sprintf("rules: built-in pack %s declares jurisdiction %s", j, p.Jurisdiction))
		}
		return p
	})
}

// Default returns the built-in pack of a jurisdiction, or an error for an unknown one.
func Default(j Jurisdiction) (*Pack, error) {
	if err := builtinJurisdiction(j); err != nil {
		return nil, err
	}
	return defaults[j](), nil
}

func builtinJurisdiction(j Jurisdiction) error {
	if _, ok := defaults[j]; !ok {
		return domain.Invalid("jurisdiction", fmt.Sprintf("no rule pack for jurisdiction %q", j), "不支持该司法辖区")
	}
	return nil
}

// BuiltinDocument returns the JSON document of a built-in pack, the starting point for an admin's edit.
func BuiltinDocument(j Jurisdiction) ([]byte, error) {
	if err := builtinJurisdiction(j); err != nil {
		return nil, err
	}
	return packFS.ReadFile("packs/" + strings.ToLower(string(j)) + ".json")
}

func (p *Pack) compile() error {
	if p.Jurisdiction == "" {
		return fmt.Errorf("jurisdiction is required")
	}
	if p.Version == "" {
		return fmt.Errorf("version is required")
	}
	if err := p.ThreatModel.validate(); err != nil {
		return err
	}
	var err error
	if p.zone, err = time.LoadLocation(p.Timezone); err != nil {
		return fmt.Errorf("timezone %q: %w", p.Timezone, err)
	}
	if p.Timezone == "" {
		p.zone = nil
	}
	if p.start, err = clock(p.ContactHours.Start); err != nil {
		return fmt.Errorf("contactHours.start: %w", err)
	}
	if p.end, err = clock(p.ContactHours.End); err != nil {
		return fmt.Errorf("contactHours.end: %w", err)
	}
	if p.start >= p.end {
		return fmt.Errorf("contactHours: start %s must be before end %s", p.ContactHours.Start, p.ContactHours.End)
	}
	if p.DailyCap.ConnectedCalls < 0 || p.AfterConversationDays < 0 {
		return fmt.Errorf("dailyCap and afterConversationDays must not be negative")
	}
	for i, w := range p.Windows {
		if w.MaxCalls < 1 || w.Days < 1 {
			return fmt.Errorf("windows[%d]: maxCalls and days must be positive", i)
		}
	}
	for _, r := range slices.Concat(p.DebtorSide, p.ImproperRelations) {
		if !slices.Contains(domain.Relations, r) {
			return fmt.Errorf("unknown relation %q", r)
		}
	}
	for lang, c := range p.Language {
		if lang != "zh" && lang != "en" {
			return fmt.Errorf("language %q: only zh and en are supported", lang)
		}
		// a hearsay or hypothetical cue may name a class of the pack: 听我{THIRD}说 is one cue per
		// member (session 22), so the speakers of hearsay are the pack's third parties, not a list
		var prefixes []string
		if c.CueSuffixPrefixes != "" {
			var ok bool
			if prefixes, ok = p.Classes[c.CueSuffixPrefixes]; !ok {
				return fmt.Errorf("language %s: cueSuffixPrefixes: no class %q", lang, c.CueSuffixPrefixes)
			}
		}
		for _, l := range []*[]string{&c.Hearsay, &c.Hypothetical} {
			var err error
			if *l, err = p.expandCueClassesWith(*l, prefixes); err != nil {
				return fmt.Errorf("language %s: %w", lang, err)
			}
		}
		for _, l := range []*[]string{&c.Negation, &c.ClauseBreaks, &c.NegationExceptions, &c.Question, &c.Hypothetical, &c.Hearsay, &c.HearsayEnds, &c.HearsayOwn, &c.Rhetorical, &c.Intent, &c.QuestionTags, &c.Habitual, &c.Confirm, &c.Norm, &c.NormExceptions, &c.NormListBreaks, &c.NegationRelative, &c.NegationPossessive, &c.QuestionClauseEnds, &c.OwnStep, &c.QuestionEvaluations, &c.NegationClosers, &c.NegationCloserLead, &c.NegationCloserStates, &c.QuestionReachOpeners, &c.NegationSubordinators, &c.NegationSubjects} {
			for i := range *l {
				(*l)[i] = strings.ToLower((*l)[i])
			}
		}
		c.negationRunes, c.intentRunes, c.sized = maxRunes(c.Negation), maxRunes(c.Intent), true
		if c.NegationWindow < 0 || c.QuestionReach < 0 || c.Gap < 0 || !unit(c.QuestionFactor) || !unit(c.HypotheticalFactor) || !unit(c.HearsayFactor) || !unit(c.IntentFactor) || c.IntentWindow < 0 || c.IntentObjectWindow < 0 {
			return fmt.Errorf("language %s: negationWindow, questionReach, intentWindow and gap must not be negative, factors must be within 0–1", lang)
		}
		if len(c.HearsaySubjects) > 0 {
			expr := `[\s"'(]*(?:(?:and|so|also|but|now|then)\s+)?(?:` + strings.Join(c.HearsaySubjects, "|") + `)\b`
			if lang == "zh" {
				// no word boundaries in Chinese; a sentence may open with a connective or a time
				expr = `[\s"'“(]*(?:(?:而且|还有|另外|之前|以前|去年|前段时间|前阵子)[，,]?)?(?:` + strings.Join(c.HearsaySubjects, "|") + `)`
			}
			re, err := regexp.Compile(`^` + expr)
			if err != nil {
				return fmt.Errorf("language %s: hearsaySubjects: %w", lang, err)
			}
			c.hearsaySubjects = re
			// the same test at the sentence's start run depth first (session 18, speed2): Go's
			// regexp set up its machine for every sentence and language, 3 % of a Chinese judgement
			t, err := syntax.Parse(expr, syntax.Perl)
			if err != nil {
				return fmt.Errorf("language %s: hearsaySubjects: %w", lang, err)
			}
			c.hearsaySubjectsAt = &anchoredRE{src: expr, prev: hasAssertion(t)}
		}
		if len(c.QuestionFrames) > 0 {
			re, err := regexp.Compile(`(?:` + strings.Join(c.QuestionFrames, "|") + `)`)
			if err != nil {
				return fmt.Errorf("language %s: questionFrames: %w", lang, err)
			}
			c.questionFrames = re
		}
		if len(c.Addressed) > 0 {
			re, err := regexp.Compile(`(?:` + strings.Join(c.Addressed, "|") + `)`)
			if err != nil {
				return fmt.Errorf("language %s: addressed: %w", lang, err)
			}
			c.addressed = re
		}
		if len(c.Unaddressed) > 0 {
			re, err := regexp.Compile(`(?:` + strings.Join(c.Unaddressed, "|") + `)`)
			if err != nil {
				return fmt.Errorf("language %s: unaddressed: %w", lang, err)
			}
			c.unaddressed = re
		}
		if err := c.compileScopes(lang); err != nil {
			return err
		}
		if err := c.OwnSubject.compile(lang); err != nil {
			return err
		}
		for _, t := range c.IntentTypes {
			if _, ok := domain.ParseViolationType(string(t)); !ok {
				return fmt.Errorf("language %s: intentTypes: unknown violation code %q", lang, t)
			}
		}
	}
	for _, lang := range []string{"zh", "en"} {
		if p.Language[lang] == nil {
			return fmt.Errorf("language %s: cues are required", lang)
		}
	}
	if p.Senders.platform, err = compileAll(p.Senders.Platform); err != nil {
		return fmt.Errorf("senders.platform: %w", err)
	}
	if p.Senders.personal, err = compileAll(p.Senders.Personal); err != nil {
		return fmt.Errorf("senders.personal: %w", err)
	}
	p.Disclosure.compiled = map[DisclosureItem][]*regexp.Regexp{}
	for item, pats := range p.Disclosure.Patterns {
		if !slices.Contains(disclosureItems, item) {
			return fmt.Errorf("disclosure: unknown item %q", item)
		}
		for _, pat := range pats {
			re, err := compilePattern(pat, "zh", p.Language["zh"].Gap, nil)
			if err != nil {
				return fmt.Errorf("disclosure.%s: %w", item, err)
			}
			p.Disclosure.compiled[item] = append(p.Disclosure.compiled[item], re)
		}
	}
	for _, item := range p.Disclosure.Required {
		if len(p.Disclosure.compiled[item]) == 0 {
			return fmt.Errorf("disclosure: required item %q has no patterns", item)
		}
	}
	if err := p.compileAliases(); err != nil {
		return err
	}
	if err := p.compileClasses(); err != nil {
		return err
	}
	if err := p.compileWriterRole(); err != nil {
		return err
	}
	for code, vr := range p.Violations {
		if _, ok := domain.ParseViolationType(string(code)); !ok {
			return fmt.Errorf("unknown violation code %q", code)
		}
		if vr == nil || len(vr.Legal) == 0 {
			return fmt.Errorf("violation %s: at least one legal reference is required", code)
		}
		if vr.WeakCap < 0 || vr.WeakCap >= domain.RoutingConfidence {
			return fmt.Errorf("violation %s: weakCap %.2f must lie in [0, %.2f)", code, vr.WeakCap, domain.RoutingConfidence)
		}
		for i, l := range vr.Legal {
			if l.Law == "" || l.SummaryZH == "" || l.SummaryEN == "" {
				return fmt.Errorf("violation %s: legal[%d]: law and both summaries are required", code, i)
			}
		}
		for gi := range vr.Phrases {
			g := &vr.Phrases[gi]
			if g.ID == "" {
				g.ID = fmt.Sprintf("%s.%d", code, gi+1)
			}
			if err := p.compileGroup(g); err != nil {
				return fmt.Errorf("violation %s: phrases[%d]: %w", code, gi, err)
			}
			l := vr.Legal[0]
			if g.Legal != nil {
				l = *g.Legal
			}
			g.law = strings.TrimSpace(l.Law + " " + l.Article)
		}
		if vr.Except != nil {
			vr.Except.Weight = 1
			if err := p.compileGroup(vr.Except); err != nil {
				return fmt.Errorf("violation %s: except: %w", code, err)
			}
		}
		if vr.ModelBar != nil {
			vr.ModelBar.Weight = 1
			if err := p.compileGroup(vr.ModelBar); err != nil {
				return fmt.Errorf("violation %s: modelBar: %w", code, err)
			}
		}
	}
	p.compositesBy = [2][]int32{}
	for i := range p.Composites {
		if err := p.compileComposite(&p.Composites[i]); err != nil {
			return fmt.Errorf("composites[%d]: %w", i, err)
		}
		k := 0
		if p.Composites[i].Factor != "" {
			p.factorComposites = true
			k = 1
		}
		p.compositesBy[k] = append(p.compositesBy[k], int32(i))
	}
	if err := p.Mentions.compile(); err != nil {
		return fmt.Errorf("mentions: %w", err)
	}
	if err := p.Amounts.compile(); err != nil {
		return fmt.Errorf("amounts: %w", err)
	}
	for _, v := range domain.ViolationTypes {
		if p.Violations[v.Type] == nil {
			return fmt.Errorf("violation %s is missing: every violation type needs its legal references", v.Type)
		}
	}
	if err := p.compileSeverity(); err != nil {
		return err
	}
	if err := p.buildPrefilter(); err != nil {
		return err
	}
	p.buildWords()
	p.buildEnWords()
	return nil
}

func (p *Pack) compileSeverity() error {
	sv := p.Severity
	if sv == nil {
		return nil
	}
	if !unit(sv.UrgentThreatConfidence) || !unit(sv.HighConfidence) || !unit(sv.FactorConfidence) {
		return fmt.Errorf("severity: confidences must be within 0–1")
	}
	if sv.MinorAge < 0 || sv.ElderlyAge < 0 || (sv.ElderlyAge > 0 && sv.ElderlyAge <= sv.MinorAge) {
		return fmt.Errorf("severity: minorAge and elderlyAge must not be negative, and elderlyAge above minorAge")
	}
	if sv.UrgentReferral != "" && !slices.Contains(domain.ReferralBodies, sv.UrgentReferral) {
		return fmt.Errorf("severity: unknown urgentReferral %q", sv.UrgentReferral)
	}
	for f, groups := range sv.Factors {
		if f == domain.UrgencyViolence || !slices.Contains(domain.UrgencyFactors, f) {
			return fmt.Errorf("severity: unknown factor %q (violence is judged from THREAT)", f)
		}
		for gi := range groups {
			if err := p.compileGroup(&groups[gi]); err != nil {
				return fmt.Errorf("severity.factors.%s[%d]: %w", f, gi, err)
			}
		}
	}
	for f, g := range sv.Except {
		if len(sv.Factors[f]) == 0 || g == nil {
			return fmt.Errorf("severity: except for %q, which has no factor lexicon", f)
		}
		g.Weight = 1
		if err := p.compileGroup(g); err != nil {
			return fmt.Errorf("severity.except.%s: %w", f, err)
		}
	}
	return nil
}

// compileGroup compiles a phrase group's patterns in both languages.
func (p *Pack) compileGroup(g *PhraseGroup) error {
	if g.Weight <= 0 || g.Weight > 1 {
		return fmt.Errorf("weight %v must be within (0, 1]", g.Weight)
	}
	g.matchers = nil
	for _, lp := range []struct {
		lang string
		pats []string
	}{{"zh", g.ZH}, {"en", g.EN}} {
		for _, pat := range lp.pats {
			src, err := patternSource(pat, lp.lang, p.Language[lp.lang].Gap, p.classRE)
			if err != nil {
				return err
			}
			g.matchers = append(g.matchers, newLazyPhraseMatcher(lp.lang, pat, newLazyRegexp(src), g))
		}
	}
	return nil
}

func unit(f float64) bool { return f >= 0 && f <= 1 }

// clock parses "HH:MM" into minutes after midnight; "24:00" is the end of the day.
func clock(s string) (int, error) {
	var h, m int
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("%q is not HH:MM", s)
	}
	if _, err := fmt.Sscanf(s, "%02d:%02d", &h, &m); err != nil || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("%q is not a time of day", s)
	}
	return h*60 + m, nil
}

func compileAll(pats []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(pats))
	for _, pat := range pats {
		re, err := compilePattern(pat, "zh", 0, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, re)
	}
	return out, nil
}

// compilePattern turns a lexicon pattern into a regular expression. English patterns are
// case-insensitive and anchored at word boundaries.
func compilePattern(pat, lang string, gap int, classes map[string]string) (*regexp.Regexp, error) {
	src, err := patternSource(pat, lang, gap, classes)
	if err != nil {
		return nil, err
	}
	return regexp.Compile(src)
}

// patternSource is the regular expression of pattern pat, checked as regexp.Compile checks it
// (its errors are syntax.Parse's) but not compiled: a pack's matchers compile theirs on first use
// (lazyRegexp, session 16).
func patternSource(pat, lang string, gap int, classes map[string]string) (string, error) {
	if pat == "" {
		return "", fmt.Errorf("empty pattern")
	}
	if raw, ok := strings.CutPrefix(pat, "re:"); ok {
		if _, err := syntax.Parse(raw, syntax.Perl); err != nil {
			return "", fmt.Errorf("pattern %q: %w", pat, err)
		}
		return raw, nil
	}
	var b strings.Builder
	rs := []rune(pat)
	// texts are matched in lower case (see normalize), so patterns are lowered rather than folded
	if lang == "en" && (wordRune(rs[0]) || rs[0] == '(' || rs[0] == '{') {
		b.WriteString(`\b`)
	}
	depth := 0
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case lang == "en" && r == ' ' && i+4 < len(rs) && string(rs[i:i+5]) == " ... ":
			// "a ... b": the words may be adjacent, or up to gap runes apart; a point or comma
			// before a digit ({$1,900.00}, 4.5) is part of a number, not a clause's end (session 17)
			fmt.Fprintf(&b, `\s+(?:(?:[^，。！？；,.!?;]|[.,][0-9]){0,%d}?\s+)?`, gap)
			i += 4
		case r == '.' && i+2 < len(rs) && rs[i+1] == '.' && rs[i+2] == '.':
			fmt.Fprintf(&b, `(?:[^，。！？；,.!?;]{0,%d}?)`, gap)
			i += 2
		case r == '{' && classRef.MatchString(string(rs[i:])):
			name := classRef.FindStringSubmatch(string(rs[i:]))[1]
			cre, ok := classes[name]
			if !ok {
				return "", fmt.Errorf("pattern %q: unknown class {%s}", pat, name)
			}
			b.WriteString(cre)
			i += len(name) + 1
		case r == '[':
			// a character class, as in RE2: [0-9], [“"「]
			j := i + 1
			for j < len(rs) && rs[j] != ']' {
				if rs[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(rs) {
				return "", fmt.Errorf("pattern %q: unbalanced [", pat)
			}
			b.WriteString(string(rs[i : j+1]))
			i = j
		case r == '\\' && i+1 < len(rs):
			// an escaped character: \+, \.
			b.WriteString(string(rs[i : i+2]))
			i++
		case r == '+':
			b.WriteString("+")
		case r == '{' && quantifier.MatchString(string(rs[i:])):
			q := quantifier.FindString(string(rs[i:]))
			b.WriteString(q)
			i += len([]rune(q)) - 1
		case r == '*':
			if lang == "en" {
				b.WriteString(`[\p{L}'’-]*`)
			} else {
				b.WriteString(`\p{Han}{0,2}`)
			}
		case r == '(':
			depth++
			b.WriteString("(?:")
		case r == ')':
			depth--
			if depth < 0 {
				return "", fmt.Errorf("pattern %q: unbalanced )", pat)
			}
			b.WriteString(")")
		case r == '^':
			// the start of the text or of a clause (session 14): see anchorStart
			b.WriteString(anchorStart)
		case r == '$':
			b.WriteString(anchorEnd)
		case r == '?' && i > 0 && rs[i-1] != ' ':
			b.WriteString("?")
		case r == '|':
			if depth == 0 {
				return "", fmt.Errorf("pattern %q: | outside ( )", pat)
			}
			b.WriteString("|")
		case r == ' ' && lang == "en":
			b.WriteString(`\s+`)
		default:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	if depth != 0 {
		return "", fmt.Errorf("pattern %q: unbalanced (", pat)
	}
	if last := rs[len(rs)-1]; lang == "en" && (wordRune(last) || last == '*' || last == ')' || last == '}') {
		b.WriteString(`\b`)
	}
	if _, err := syntax.Parse(b.String(), syntax.Perl); err != nil {
		return "", fmt.Errorf("pattern %q: %w", pat, err)
	}
	return b.String(), nil
}

// The anchors of a plain pattern (session 14). "^" is the start of the text or of a clause, "$" its
// end, whatever range the pattern is searched in: an exception searches the whole text, a phrase one
// clause, a composite's second part the clauses after its first. Go's regexp has no look-behind, so
// "^" is the start of the range searched or a clause mark (clauseSpans' and the sentence's "."), and
// "$" a clause mark or the end of the range, each with the spaces, quotes and brackets beside it;
// the match is then trimmed of them (phraseMatcher.span), so that a hit never starts in the clause
// before it.
const (
	clauseMarks = `。！？!?；;\n…，,：:.`
	anchorStart = `(?:^|[` + clauseMarks + `])[\s“‘"「『(（]*`
	anchorEnd   = `[\s”’"」』)）]*(?:[` + clauseMarks + `]|$)`
)

// anchorTrim reports the runes an anchor consumes besides the text: clause marks, spaces, quotes
// and brackets.
func anchorTrim(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("。！？!?；;…，,：:.“‘\"「『(（”’」』)）", r)
}

// classRef is a reference to an entity class in a pattern: {KIN}.
var classRef = regexp.MustCompile(`^\{([A-Z][A-Z_]*)\}`)

// quantifier is a counted repetition in a pattern: {2}, {2,3}, {1,}.
var quantifier = regexp.MustCompile(`^\{[0-9]+(,[0-9]*)?\}`)

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
