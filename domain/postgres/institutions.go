package postgres

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
)

type institutionRow struct {
	ID           int64 `gorm:"primaryKey;->"`
	Name         string
	NameEn       string
	Kind         string
	Aliases      textArray
	CustomerBase *int64
}

func (institutionRow) TableName() string { return "institutions" }

func toDomainInstitution(r *institutionRow) *domain.Institution {
	return &domain.Institution{ID: r.ID, Name: r.Name, NameEn: r.NameEn, Kind: domain.InstitutionKind(r.Kind),
		Aliases: []string(r.Aliases), CustomerBase: deref(r.CustomerBase)}
}

// InstitutionStore implements domain.InstitutionStore.
type InstitutionStore struct {
	DB *DB

	kinds sync.Map // institution id -> domain.InstitutionKind: neither ever changes
}

var _ domain.InstitutionStore = (*InstitutionStore)(nil)

// CreateInstitution inserts an institution and sets its ID.
func (s *InstitutionStore) CreateInstitution(ctx context.Context, in *domain.Institution) error {
	row := institutionRow{Name: in.Name, NameEn: in.NameEn, Kind: string(in.Kind), Aliases: textArray(in.Aliases), CustomerBase: nullable(in.CustomerBase)}
	if err := s.DB.Gorm.WithContext(ctx).Create(&row).Error; err != nil {
		return mapError(err, "institution")
	}
	in.ID = row.ID
	return nil
}

// Engage records that a lender hired an agency.
func (s *InstitutionStore) Engage(ctx context.Context, e domain.Engagement) error {
	return mapError(s.DB.Gorm.WithContext(ctx).Exec(
		"INSERT INTO engagements (lender_id, agency_id) VALUES (?, ?) ON CONFLICT DO NOTHING", e.LenderID, e.AgencyID).Error, "engagement")
}

// ListInstitutions implements domain.InstitutionStore: name or alias contains search, by name.
func (s *InstitutionStore) ListInstitutions(ctx context.Context, search string, p domain.Page) ([]*domain.Institution, bool, error) {
	q := s.DB.Gorm.WithContext(ctx).Model(&institutionRow{})
	if search = strings.TrimSpace(search); search != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(search) + "%"
		q = q.Where("name ILIKE ? OR name_en ILIKE ? OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE a ILIKE ?)", like, like, like)
	}
	q, err := afterNumber(q, "id > ?", p.After)
	if err != nil {
		return nil, false, err
	}
	var rows []institutionRow
	if err := q.Order("id").Limit(p.First + 1).Find(&rows).Error; err != nil {
		return nil, false, mapError(err, "institutions")
	}
	more := len(rows) > p.First
	if more {
		rows = rows[:p.First]
	}
	out := make([]*domain.Institution, len(rows))
	for i := range rows {
		out[i] = toDomainInstitution(&rows[i])
	}
	return out, more, nil
}

// InstitutionByID implements domain.InstitutionStore.
func (s *InstitutionStore) InstitutionByID(ctx context.Context, id int64) (*domain.Institution, error) {
	var row institutionRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, mapError(err, "institution")
	}
	return toDomainInstitution(&row), nil
}

// InstitutionKind implements domain.InstitutionStore. Filing checks the kind of the institutions a
// complaint names; an id's kind never changes and institutions are never deleted, so each id is
// read once per process (an id not found is read again next time: it may be created meanwhile).
func (s *InstitutionStore) InstitutionKind(ctx context.Context, id int64) (domain.InstitutionKind, error) {
	if k, ok := s.kinds.Load(id); ok {
		return k.(domain.InstitutionKind), nil
	}
	var kinds []string
	if err := s.DB.Gorm.WithContext(ctx).Model(&institutionRow{}).Where("id = ?", id).Limit(1).Pluck("kind", &kinds).Error; err != nil {
		return "", mapError(err, "institution")
	}
	if len(kinds) == 0 {
		return "", domain.ErrNotFound
	}
	k := domain.InstitutionKind(kinds[0])
	s.kinds.Store(id, k)
	return k, nil
}

// InstitutionsByID returns the institutions of ids, by id, in one read (unknown ids are left out).
func (s *InstitutionStore) InstitutionsByID(ctx context.Context, ids []int64) (map[int64]*domain.Institution, error) {
	var rows []institutionRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, mapError(err, "institutions")
	}
	out := make(map[int64]*domain.Institution, len(rows))
	for i := range rows {
		out[rows[i].ID] = toDomainInstitution(&rows[i])
	}
	return out, nil
}

// Team is a regulator team and the provinces whose complaints it triages.
type Team struct {
	Code      string
	Name      string // Chinese
	NameEn    string // English
	Provinces []string
}

// TeamRouter picks a team from the teams table (demo seeding uses it): a complaint goes to the team that
// covers its province, else to the national team.
type TeamRouter struct{ DB *DB }

// NationalTeam takes complaints no regional team covers.
const NationalTeam = "national"

// TeamFor returns the team that covers the complaint's province, else the national team.
func (r *TeamRouter) TeamFor(ctx context.Context, c *domain.Complaint) (string, error) {
	var codes []string
	err := r.DB.Gorm.WithContext(ctx).Raw("SELECT code FROM teams WHERE ? = ANY(provinces) ORDER BY code LIMIT 1", c.Province).Scan(&codes).Error
	if err != nil {
		return "", mapError(err, "route complaint")
	}
	if len(codes) == 0 {
		return NationalTeam, nil
	}
	return codes[0], nil
}

// SaveTeam creates or replaces a team.
func (r *TeamRouter) SaveTeam(ctx context.Context, t Team) error {
	return mapError(r.DB.Gorm.WithContext(ctx).Exec(
		`INSERT INTO teams (code, name, name_en, provinces) VALUES (?, ?, ?, ?)
		 ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, provinces = excluded.provinces`,
		t.Code, t.Name, t.NameEn, textArray(t.Provinces)).Error, "team")
}

var _ domain.InstitutionRegistry = (*InstitutionStore)(nil)

// SaveInstitution implements domain.InstitutionRegistry: it creates (ID 0) or replaces an
// institution's name, kind and aliases and writes the admin audit entry, in one transaction. A name
// the edit brings in that is another institution's name or alias (domain.InstitutionNameClash) is
// refused before anything is written.
func (s *InstitutionStore) SaveInstitution(ctx context.Context, in, before *domain.Institution, act domain.AdminAct) error {
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := checkInstitutionNames(tx, in, before); err != nil {
			return err
		}
		if before == nil {
			row := institutionRow{Name: in.Name, NameEn: in.NameEn, Kind: string(in.Kind), Aliases: textArray(in.Aliases), CustomerBase: nullable(in.CustomerBase)}
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
			in.ID = row.ID
			act.Target = "institution:" + strconv.FormatInt(row.ID, 10)
		} else {
			res := tx.Exec("UPDATE institutions SET name = ?, name_en = ?, kind = ?, aliases = ? WHERE id = ? AND name = ? AND name_en = ? AND kind = ? AND aliases = ?",
				in.Name, in.NameEn, string(in.Kind), textArray(in.Aliases), in.ID, before.Name, before.NameEn, string(before.Kind), textArray(before.Aliases))
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				var n int64
				if err := tx.Model(&institutionRow{}).Where("id = ?", in.ID).Count(&n).Error; err != nil {
					return err
				}
				if n == 0 {
					return domain.ErrNotFound
				}
				return domain.ErrConflict
			}
		}
		return recordAdminAct(tx, act)
	})
	return mapError(err, "institution")
}

// checkInstitutionNames refuses a name, English name or alias that in brings into the registry and
// that another institution already has (domain.InstitutionNameClash). It holds a transaction-scoped
// lock on the registry's names, so two administrators giving two institutions the same name at once
// do not both pass; an edit that brings in no new name (a change of kind) reads nothing. It reads
// only the institutions that hold one of in's name keys (institution_name_keys, migration 00070),
// not the whole registry.
func checkInstitutionNames(tx *gorm.DB, in, before *domain.Institution) error {
	if before != nil && before.Name == in.Name && before.NameEn == in.NameEn && slices.Equal(before.Aliases, in.Aliases) {
		return nil
	}
	if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended('institutions:names', 0))").Error; err != nil {
		return err
	}
	var rows []institutionRow
	names := textArray(append([]string{in.Name, in.NameEn}, in.Aliases...))
	if err := tx.Select("id", "name", "name_en", "aliases").Where(`id <> ? AND id IN (SELECT k.institution_id FROM institution_name_keys k
		WHERE k.key IN (SELECT institution_name_key(n) FROM unnest(?::text[]) AS n))`, in.ID, names).Find(&rows).Error; err != nil {
		return err
	}
	others := make([]*domain.Institution, len(rows))
	for i := range rows {
		others[i] = toDomainInstitution(&rows[i])
	}
	return domain.InstitutionNameClash(in, before, others)
}

// institutionNameKeysIndex is the unique index that keeps two institutions from holding one name
// key (migration 00070).
const institutionNameKeysIndex = "institution_name_keys_key"

// NameClash is a name key two institutions held when migration 00070 ran: the later institution
// keeps it (grandfathered) until an administrator edits the name away.
type NameClash = domain.NameClash

// NameClashes lists the clashes kept from before migration 00070 (the view
// institution_name_clashes), by key. The server logs them at start; an administrator resolves one
// by renaming or removing the alias of either institution (updateInstitution,
// removeInstitutionAlias).
func (s *InstitutionStore) NameClashes(ctx context.Context) ([]NameClash, error) {
	rows, err := s.DB.SQL.QueryContext(ctx, `SELECT key, institution_id, name, holder_id, holder_name FROM institution_name_clashes ORDER BY key, institution_id`)
	if err != nil {
		return nil, mapError(err, "institution name clashes")
	}
	defer rows.Close()
	var out []NameClash
	for rows.Next() {
		var c NameClash
		if err := rows.Scan(&c.Key, &c.ID, &c.Name, &c.HolderID, &c.HolderName); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
