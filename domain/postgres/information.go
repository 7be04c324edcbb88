package postgres

import (
	"context"
	"encoding/json"
	"maps"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
)

// The question of an information request and the complainant's answer are personal data: the
// domain writes them into the history entry's details (INFORMATION_REQUESTED: question;
// INFORMATION_PROVIDED: question and answer), and the store keeps them apart, encrypted, in
// information_request_texts (migration 00063). The stored details hold only the row's id ("text")
// and the lengths; reading a history puts the text back, for the history's disclosure rules
// (domain/history_disclosure.go) to show to whom they show it.

// informationText reports whether e is an entry whose details carry an information request's text.
func informationText(e domain.Event) bool {
	return e.Action == domain.ActionRequestInformation || e.Action == domain.ActionProvideInformation
}

// sealInformation returns e with its question and answer moved into an encrypted row of
// information_request_texts (written in tx), its details holding the row's id and the lengths. Other
// entries, and entries without text, are returned as they are. e's details are not changed.
func (db *DB) sealInformation(tx *gorm.DB, e domain.Event) (domain.Event, error) {
	if !informationText(e) {
		return e, nil
	}
	question, hasQ := e.Details["question"].(string)
	answer, hasA := e.Details["answer"].(string)
	if !hasQ && !hasA {
		return e, nil
	}
	d := maps.Clone(e.Details)
	delete(d, "question")
	delete(d, "answer")
	d["questionLength"], d["answerLength"] = utf8.RuneCountInString(question), utf8.RuneCountInString(answer)
	q, a := question, answer
	if err := db.seal(sealField{colInfoQuestion, &q}, sealField{colInfoAnswer, &a}); err != nil {
		return e, err
	}
	var id int64
	if err := tx.Raw(`INSERT INTO information_request_texts (complaint_id, question, answer, at) VALUES (?, ?, ?, ?) RETURNING id`,
		e.ComplaintID, q, a, e.At).Scan(&id).Error; err != nil {
		return e, err
	}
	d["text"] = id
	e.Details = d
	return e, nil
}

// openInformation puts the question and answer of the information requests among events back into
// their details, decrypted, from information_request_texts.
func (db *DB) openInformation(ctx context.Context, events []domain.Event) error {
	var ids []int64
	for _, e := range events {
		if id, ok := textID(e); ok {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var rows []struct {
		ID               int64
		Question, Answer string
	}
	if err := db.Gorm.WithContext(ctx).Raw(`SELECT id, question, answer FROM information_request_texts WHERE id IN ?`, ids).
		Scan(&rows).Error; err != nil {
		return err
	}
	texts := make(map[int64][2]string, len(rows))
	for _, r := range rows {
		if err := db.unseal(sealField{colInfoQuestion, &r.Question}, sealField{colInfoAnswer, &r.Answer}); err != nil {
			return err
		}
		texts[r.ID] = [2]string{r.Question, r.Answer}
	}
	for i, e := range events {
		id, ok := textID(e)
		if !ok {
			continue
		}
		t, found := texts[id]
		if !found {
			continue
		}
		d := maps.Clone(e.Details)
		delete(d, "text")
		d["question"] = t[0]
		if e.Action == domain.ActionProvideInformation {
			d["answer"] = t[1]
		}
		events[i].Details = d
	}
	return nil
}

// textID is the information_request_texts row an entry's details refer to.
func textID(e domain.Event) (int64, bool) {
	if !informationText(e) {
		return 0, false
	}
	switch v := e.Details["text"].(type) {
	case float64:
		return int64(v), true
	case int64:
		return v, true
	case int:
		return int64(v), true
	case json.Number:
		n, err := v.Int64()
		return n, err == nil
	}
	return 0, false
}
