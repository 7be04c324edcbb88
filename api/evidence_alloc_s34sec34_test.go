package api_test

import (
	"bytes"
	"encoding/binary"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// Attack round 29 (session 34): a WebP's VP8X chunk was read into a buffer of the size its header
// claimed, before any of it was read, so a file of a few hundred bytes whose RIFF and VP8X sizes
// claim 4 GB made the upload check (and an institution's download) allocate and zero 4 GB: one
// request of a registered complainant could take the process down. The chunk is streamed now: the
// upload is refused (UNREADABLE_FILE) having allocated about what it read, and a well-formed WebP
// is still accepted.
func TestWebPChunkSizeAllocatesNothingItDoesNotRead(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	owner := env.Register(t, "vp8x@example.cn")
	claim := uint32(1 << 30) // 1 GB: enough to see, gentle on the test machine
	bomb := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, 0xFFFFFFF0)...)
	bomb = append(bomb, "WEBPVP8X"...)
	bomb = binary.LittleEndian.AppendUint32(bomb, claim)
	bomb = append(bomb, make([]byte, 600)...)

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	up := upload(t, env, owner, "photo.webp", "image/webp", bomb)
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("a %d-byte WebP claiming a %d-byte VP8X chunk allocated %d MB", len(bomb), claim, grew>>20)
	}
	if up.Status != http.StatusBadRequest || up.code() != "BAD_USER_INPUT" || up.field() != "file" ||
		up.Body.Errors[0].Extensions["reason"] != "UNREADABLE_FILE" || !strings.Contains(up.Body.Errors[0].Message, "WebP") {
		t.Errorf("the bomb: %d %q %q %+v, want 400 BAD_USER_INPUT on file, UNREADABLE_FILE", up.Status, up.code(), up.field(), up.Body.Errors)
	}

	webp, err := os.ReadFile(filepath.Join("..", "testdata", "evidence-metadata", "photo.webp"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(webp, []byte("VP8X")) {
		t.Fatal("the fixture has no VP8X chunk")
	}
	if up := upload(t, env, owner, "photo.webp", "image/webp", webp); up.Status != http.StatusCreated {
		t.Errorf("a well-formed WebP: %d %q, want 201", up.Status, up.code())
	}
}
