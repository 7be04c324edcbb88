package domain

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain/charclass"
)

// The admin audit log's actions on the institution registry.
const (
	ActCreateInstitution = "institution.create"
	ActUpdateInstitution = "institution.update"
	ActAddAlias          = "institution.alias.add"
	ActRemoveAlias       = "institution.alias.remove"
)

// Bounds of the institution registry's text.
const (
	MaxInstitutionNameRunes = 200
	MaxAliasRunes           = 100
	MaxAliases              = 100
)

// InstitutionRegistry is what editing the institution registry needs from storage.
type InstitutionRegistry interface {
	InstitutionByID(ctx context.Context, id int64) (*Institution, error)
	// SaveInstitution creates (before nil; it sets in.ID) or replaces an institution's name, kind
	// and aliases, with the admin audit entry, in one transaction; act.Target is filled in on create.
	// A replacement applies only while the stored institution still reads as before, else CONFLICT
	// (two administrators editing at once lose nothing).
	SaveInstitution(ctx context.Context, in, before *Institution, act AdminAct) error
}

// NameClash is a name key two institutions held when the database began to refuse clashes
// (migration 00070): the later institution (ID) keeps it, grandfathered, until an administrator
// renames one of the two or removes the alias; HolderID is the institution the key belongs to.
type NameClash struct {
	Key        string
	ID         int64
	Name       string
	HolderID   int64
	HolderName string
}

// nameClashLister is the store's list of the clashes kept (the view institution_name_clashes).
type nameClashLister interface {
	NameClashes(ctx context.Context) ([]NameClash, error)
}

// NameClashes lists the institution names that clash, kept from before the database refused
// clashes, for administrators only (FORBIDDEN to every other role): the server logged them at start
// and no screen showed them (attack round 33). A store that cannot list them has none.
func (s *InstitutionAdmin) NameClashes(ctx context.Context) ([]NameClash, error) {
	if err := s.admin(ctx); err != nil {
		return nil, err
	}
	l, ok := s.Store.(nameClashLister)
	if !ok {
		return []NameClash{}, nil
	}
	out, err := l.NameClashes(ctx)
	if out == nil && err == nil {
		out = []NameClash{}
	}
	return out, err
}

// InstitutionAdmin lets administrators keep the registry of lenders and agencies: create and rename
// them, and add or remove the brand and app names (aliases) complainants type instead of the legal
// name. Every change lands in the admin audit log.
type InstitutionAdmin struct {
	Store InstitutionRegistry
	Authz Authorizer
	Now   func() time.Time
}

// admin allows the registry to administrators only: an institution's own admin manages its
// institution's users and webhook, not its entry in the registry.
func (s *InstitutionAdmin) admin(ctx context.Context) error {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return ErrUnauthenticated
	}
	if a.Role.IsInstitution() || !s.Authz.Allowed(a, "institution", "manage") || !s.Authz.Allowed(a, "policy", "manage") {
		return ErrForbidden
	}
	return nil
}

func (s *InstitutionAdmin) act(ctx context.Context, action string, id int64, details map[string]any) AdminAct {
	target := ""
	if id != 0 {
		target = "institution:" + strconv.FormatInt(id, 10)
	}
	return NewAdminAct(ctx, action, target, "", details, s.Now())
}

func cleanName(field, name string) (string, error) {
	name, err := cleanLine(field, name, MaxInstitutionNameRunes, "name", "名称")
	if err == nil && name == "" {
		err = Invalid(field, "enter the institution's legal name", "请填写机构全称")
	}
	return name, err
}

// cleanNameEn is the optional English name: empty clears it.
func cleanNameEn(field, name string) (string, error) {
	return cleanLine(field, name, MaxInstitutionNameRunes, "English name", "英文名称")
}

func cleanAlias(field, alias string) (string, error) {
	alias, err := cleanLine(field, alias, MaxAliasRunes, "alias", "别名")
	if err == nil && alias == "" {
		err = Invalid(field, "enter the alias or app name", "请填写别名或App名称")
	}
	return alias, err
}

// cleanLine folds the white space of a one-line field and checks it against maxRunes and for
// control or invisible characters; what and whatZH name the field in the messages.
func cleanLine(field, s string, maxRunes int, what, whatZH string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxRunes {
		return "", Invalid(field, "the "+what+" is longer than "+strconv.Itoa(maxRunes)+" characters", whatZH+"超过"+strconv.Itoa(maxRunes)+"个字符")
	}
	// A code point that is no character (charclass.NotACharacter: noncharacters, private use,
	// unassigned, or bytes that are not UTF-8) is named, with its own reason (attack round 33).
	if !utf8.ValidString(s) {
		return "", &Error{Code: CodeInvalid, Field: field, Reason: "NOT_A_CHARACTER", Message: "the " + what + " is not valid UTF-8", MessageZH: whatZH + "不是有效的UTF-8编码"}
	}
	for _, r := range s {
		if unicode.Is(unicode.Cc, r) {
			code := fmt.Sprintf("U+%04X", r)
			return "", &Error{Code: CodeInvalid, Field: field, Reason: "CONTROL_CHARACTER",
				Message:   "the " + what + " holds the control character " + code + "; it must be one line of visible text",
				MessageZH: whatZH + "含有控制字符" + code + "，须为一行可见文字"}
		}
		if charclass.NotACharacter(r) {
			code := fmt.Sprintf("U+%04X", r)
			return "", &Error{Code: CodeInvalid, Field: field, Reason: "NOT_A_CHARACTER",
				Message:   "the " + what + " holds " + code + ", a code point that is not a character (a noncharacter, private use or unassigned); remove it",
				MessageZH: whatZH + "含有" + code + "，该码位不是有效字符（非字符、私用区或未分配码位），请删除"}
		}
	}
	if !plainLine(s) {
		return "", Invalid(field, "the "+what+" must be one line of visible text without control characters", whatZH+"须为一行可见文字，不能含控制字符或不可见字符")
	}
	return s, nil
}

func checkKind(field string, k InstitutionKind) error {
	if !slices.Contains(InstitutionKinds, k) {
		return Invalid(field, "unknown institution kind", "机构类型无效")
	}
	return nil
}

// hasAlias reports whether list holds alias, ignoring case, width and spaces (InstitutionNameKey).
func hasAlias(list []string, alias string) int {
	k := InstitutionNameKey(alias)
	return slices.IndexFunc(list, func(x string) bool { return InstitutionNameKey(x) == k })
}

// Create adds an institution to the registry; nameEn, the English name, is optional.
func (s *InstitutionAdmin) Create(ctx context.Context, name, nameEn string, kind InstitutionKind, aliases []string) (*Institution, error) {
	err := s.admin(ctx)
	if err != nil {
		return nil, err
	}
	in := &Institution{Kind: kind}
	if in.Name, err = cleanName("input.name", name); err != nil {
		return nil, err
	}
	if in.NameEn, err = cleanNameEn("input.nameEn", nameEn); err != nil {
		return nil, err
	}
	if err := checkKind("input.kind", kind); err != nil {
		return nil, err
	}
	if len(aliases) > MaxAliases {
		return nil, Invalid("input.aliases", "at most 100 aliases", "别名最多100个")
	}
	for i, al := range aliases {
		al, err := cleanAlias("input.aliases."+strconv.Itoa(i), al)
		if err != nil {
			return nil, err
		}
		if hasAlias(in.Aliases, al) < 0 {
			in.Aliases = append(in.Aliases, al)
		}
	}
	act := s.act(ctx, ActCreateInstitution, 0, map[string]any{"name": in.Name, "nameEn": in.NameEn, "kind": string(kind), "aliases": nonNilStrings(in.Aliases)})
	if err := s.Store.SaveInstitution(ctx, in, nil, act); err != nil {
		return nil, err
	}
	return in, nil
}

func clone(in *Institution) *Institution {
	c := *in
	c.Aliases = slices.Clone(in.Aliases)
	return &c
}

// Update renames an institution (nameEn nil keeps its English name, "" clears it) or changes its
// kind.
func (s *InstitutionAdmin) Update(ctx context.Context, id int64, name string, nameEn *string, kind InstitutionKind) (*Institution, error) {
	err := s.admin(ctx)
	if err != nil {
		return nil, err
	}
	if name, err = cleanName("input.name", name); err != nil {
		return nil, err
	}
	var en string
	if nameEn != nil {
		if en, err = cleanNameEn("input.nameEn", *nameEn); err != nil {
			return nil, err
		}
	}
	if err := checkKind("input.kind", kind); err != nil {
		return nil, err
	}
	in, err := s.Store.InstitutionByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if nameEn == nil {
		en = in.NameEn
	}
	if in.Name == name && in.NameEn == en && in.Kind == kind {
		return in, nil
	}
	act := s.act(ctx, ActUpdateInstitution, id, map[string]any{"name": name, "previousName": in.Name, "nameEn": en, "previousNameEn": in.NameEn,
		"kind": string(kind), "previousKind": string(in.Kind)})
	before := clone(in)
	in.Name, in.NameEn, in.Kind = name, en, kind
	return in, s.Store.SaveInstitution(ctx, in, before, act)
}

// AddAlias adds a brand or app name to an institution; the filing type-ahead finds it at once.
// An alias the institution has already (ignoring case) is BAD_USER_INPUT on alias.
func (s *InstitutionAdmin) AddAlias(ctx context.Context, id int64, alias string) (*Institution, error) {
	in, alias, err := s.loadForAlias(ctx, id, alias)
	if err != nil {
		return nil, err
	}
	if hasAlias(in.Aliases, alias) >= 0 || hasAlias([]string{in.Name, in.NameEn}, alias) >= 0 {
		return nil, Invalid("alias", "the institution has this name already", "该机构已有此名称")
	}
	if len(in.Aliases) >= MaxAliases {
		return nil, Invalid("alias", "at most 100 aliases", "别名最多100个")
	}
	before := clone(in)
	in.Aliases = append(in.Aliases, alias)
	return in, s.Store.SaveInstitution(ctx, in, before, s.act(ctx, ActAddAlias, id, map[string]any{"alias": alias}))
}

// RemoveAlias takes a brand or app name off an institution; one it does not have is NOT_FOUND.
func (s *InstitutionAdmin) RemoveAlias(ctx context.Context, id int64, alias string) (*Institution, error) {
	in, alias, err := s.loadForAlias(ctx, id, alias)
	if err != nil {
		return nil, err
	}
	i := hasAlias(in.Aliases, alias)
	if i < 0 {
		return nil, &Error{Code: CodeNotFound, Field: "alias", Message: "the institution has no such alias", MessageZH: "该机构没有此别名"}
	}
	removed := in.Aliases[i]
	before := clone(in)
	in.Aliases = slices.Delete(in.Aliases, i, i+1)
	return in, s.Store.SaveInstitution(ctx, in, before, s.act(ctx, ActRemoveAlias, id, map[string]any{"alias": removed}))
}

// loadForAlias checks the caller may edit the registry, cleans the alias and loads the institution.
func (s *InstitutionAdmin) loadForAlias(ctx context.Context, id int64, alias string) (*Institution, string, error) {
	if err := s.admin(ctx); err != nil {
		return nil, "", err
	}
	alias, err := cleanAlias("alias", alias)
	if err != nil {
		return nil, "", err
	}
	in, err := s.Store.InstitutionByID(ctx, id)
	return in, alias, err
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
