package domain

import "github.com/google/uuid"

// IsUUID reports whether s names a record the database keys by uuid: 36 characters, hyphens in
// place, either case — the only form the platform writes. uuid.Parse also takes "urn:uuid:…"
// (which PostgreSQL refuses: SQLSTATE 22P02, an INTERNAL answer and an ERROR line, reachable
// anonymously through the public dataset's cursor; attack round 19), "{…}" and 32 bare hex digits;
// none of them names a record, and a task naming one could not succeed.
func IsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}
