package domain

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// This file is the public dataset's figures: per-institution volume, timely-answer rate, relief
// rate and satisfaction, and the monthly trend, aggregated by the database over every published
// complaint of a selection (not the latest page of it), with the scorecards' minimum counts.

// PublicFiguresStore aggregates the public dataset.
type PublicFiguresStore interface {
	// PublishedFigures returns the figures of the complaints published at asOf that match the
	// filter: for the whole selection (InstitutionID 0) and for each institution named in it (as
	// lender or agency), the institutions by volume, largest first, at most first of them. Ratings
	// count in whole blocks of ratingsBlock, the earliest given first, for the selection and each
	// institution apart (12 ratings count as 10 in blocks of 5): compared before and after one
	// rating the figures told anyone that rating (session 29, attack); now they move by a block.
	PublishedFigures(ctx context.Context, f PublicFilter, asOf time.Time, first int, ratingsBlock int64) (total PublicInstitutionFigures, insts []PublicInstitutionFigures, err error)
	// PublishedMonths returns how many of them were received in each month (China time), oldest
	// first, the latest MaxPublicMonths months at most.
	PublishedMonths(ctx context.Context, f PublicFilter, asOf time.Time) ([]PublicMonth, error)
}

// MaxPublicMonths bounds the monthly trend of the public dataset (ten years).
const MaxPublicMonths = 120

// PublicInstitutionFigures are the figures of the published complaints of one institution (or of a
// whole selection, InstitutionID 0). Satisfied counts the ratings of 4 or 5.
type PublicInstitutionFigures struct {
	InstitutionID   int64
	InstitutionName string
	// InstitutionNameEn is the English name; "" when not given.
	InstitutionNameEn string
	Figures           Figures
	Satisfied         int64
}

// PublicMonth is the number of published complaints received in a month.
type PublicMonth struct {
	Month      time.Time // the first day of the month
	Complaints int64
}

// PublicRates are the figures the public may see of a set of published complaints: the volume
// always; the rates only from MinCount complaints (the scorecards' minimum), and satisfaction only
// from SuppressBelow ratings besides — so that a rate never rests on a handful of cases, nor does a
// satisfaction figure reveal one complainant's rating, which the dataset does not publish.
type PublicRates struct {
	InstitutionID     int64
	InstitutionName   string
	InstitutionNameEn string
	Complaints        int64
	Answered          int64
	TimelyRate        *float64
	ReliefRate        *float64
	Ratings           *int64 // how many rated the answer, when satisfaction is shown
	Satisfaction      *float64
	SatisfiedShare    *float64
	// Enough says whether the rates are shown.
	Enough bool
}

// PublicFigures are the public dataset's figures of a selection.
type PublicFigures struct {
	Total        PublicRates
	Institutions []PublicRates
	Months       []PublicMonth
	MinCount     int64 // complaints for the rates
	MinRatings   int64 // ratings for satisfaction
	Caveat       string
	CaveatZH     string
}

// PublicFiguresCaveat is shown with every public figure.
const (
	PublicFiguresCaveat   = "Only complaints whose complainants agreed to publication, once the institution answered or 15 days after forwarding. Rates are shown from %d published complaints, satisfaction from %d ratings besides, and only for all complaints or one institution's own page, never for a narrower selection (dates, product, region, violation), so that no complainant's rating can be worked out by comparing two selections; ratings are taken in blocks of %d, the earliest first, and a block once counted stays counted whatever becomes of its complaints, so that comparing the figures before and after a rating, or a withdrawal, does not tell it either. The on-time rate counts complaints still open and already overdue. Figures count complaints received, not proven misconduct, and volumes grow with an institution's customer base."
	PublicFiguresCaveatZH = "仅包括投诉人同意公开、且机构已答复或转交满15日的投诉。公开投诉满%d件才计算比率，满意度另需至少%d个评价，且只对全部投诉或单个机构的页面公布，不对按日期、产品、地区或违规类型筛选的结果公布，以免通过比较两次筛选推算出个人评价；评价按先后每满%d个计入一次，计入后不再变动（投诉撤回等亦然），以免比较评价或撤回前后的数据推算出个人评价。按时答复率计入已超期仍未答复的投诉。数据为收到的投诉，并非已查实的违规；投诉量随客户规模增长。"
)

func (s *PublicData) statsPolicy() StatsPolicy {
	if s.Policy.MinRankCount > 0 {
		return s.Policy
	}
	return DefaultStatsPolicy
}

// Figures returns the figures of the published complaints matching the filter, to anyone: the
// selection's, the first (1-100) institutions' by volume, and the monthly trend.
func (s *PublicData) Figures(ctx context.Context, f PublicFilter, first int) (*PublicFigures, error) {
	if s.Figs == nil {
		return nil, ErrNotFound
	}
	if first < 1 || first > 100 {
		return nil, Invalid("first", "first must be between 1 and 100", "每页须为1至100条")
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	now := s.Now()
	pol := s.statsPolicy()
	// Ratings are taken in blocks of the minimum shown, so that one more never moves a figure
	// (session 29, attack: an anonymous read before and after a rating gave it).
	total, insts, err := s.Figs.PublishedFigures(ctx, f, now, first, max(pol.SuppressBelow, 1))
	if err != nil {
		return nil, err
	}
	months, err := s.Figs.PublishedMonths(ctx, f, now)
	if err != nil {
		return nil, err
	}
	out := &PublicFigures{Total: pol.publicRates(total), Months: months, MinCount: pol.MinRankCount, MinRatings: pol.SuppressBelow}
	if !f.whole() && !f.onlyInstitution() {
		out.Total.withholdSatisfaction()
	}
	for _, i := range insts {
		r := pol.publicRates(i)
		if !f.whole() && !(f.onlyInstitution() && i.InstitutionID == f.InstitutionID) {
			r.withholdSatisfaction()
		}
		out.Institutions = append(out.Institutions, r)
	}
	out.Caveat, out.CaveatZH = PublicFiguresCaveat, PublicFiguresCaveatZH
	for _, n := range []int64{pol.MinRankCount, pol.SuppressBelow, max(pol.SuppressBelow, 1)} {
		out.Caveat = strings.Replace(out.Caveat, "%d", strconv.FormatInt(n, 10), 1)
		out.CaveatZH = strings.Replace(out.CaveatZH, "%d", strconv.FormatInt(n, 10), 1)
	}
	return out, nil
}

// publicRates withholds what the minimum counts do not allow.
func (pol StatsPolicy) publicRates(p PublicInstitutionFigures) PublicRates {
	f := p.Figures
	r := PublicRates{InstitutionID: p.InstitutionID, InstitutionName: p.InstitutionName, InstitutionNameEn: p.InstitutionNameEn, Complaints: f.Complaints, Answered: f.Answered,
		Enough: f.Complaints >= pol.MinRankCount}
	if !r.Enough {
		return r
	}
	r.TimelyRate, r.ReliefRate = f.TimelyRate(), f.ReliefRate()
	if f.SatisfactionCount >= max(pol.SuppressBelow, 1) {
		n := f.SatisfactionCount
		r.Ratings = &n
		r.Satisfaction = f.AverageSatisfaction()
		r.SatisfiedShare = ratio(p.Satisfied, f.SatisfactionCount)
	}
	return r
}

// Satisfaction is published only for selections that differencing cannot narrow to one complaint
// (docs/SECURITY.md, "Hardening: a seventh attack by hand (session 13)"): two selections that differ
// by one rated complaint, each above the minimum of ratings, give that complaint's rating by
// subtraction — which the dataset does not publish. The whole dataset and each institution over all
// its published complaints are the only selections with satisfaction; a filter on dates, product,
// province or violation type withholds it, and an institution's page shows its own satisfaction
// only (not that of the agencies or lenders named with it within its complaints).

// whole reports whether the filter selects the whole dataset.
func (f PublicFilter) whole() bool { return f == PublicFilter{} }

// onlyInstitution reports whether the filter narrows by institution and nothing else.
func (f PublicFilter) onlyInstitution() bool {
	return f.InstitutionID != 0 && (f == PublicFilter{InstitutionID: f.InstitutionID})
}

// withholdSatisfaction clears the satisfaction figures (the volume and the rates stay).
func (r *PublicRates) withholdSatisfaction() {
	r.Ratings, r.Satisfaction, r.SatisfiedShare = nil, nil, nil
}
