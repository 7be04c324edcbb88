package domain

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// Attack round 18 (session 23): a file whose first bytes name an accepted type but which does not
// parse as that type — a PDF cut short by a failed transfer, an HTML page behind "%PDF-", a JPEG
// whose segments run past its end — was accepted on upload, stored and attached, and then refused
// to the recipient institution (CONFLICT, "failed its integrity check") every time it asked for
// it: the complainant believed the evidence was in the case, the institution could not read it and
// was told of an integrity incident, and nobody told the complainant. A regulator wants the
// complainant told at once, while they still hold the original: the upload now reads every file
// of a type the platform blanks for institutions (evidence_metadata.go) the way the institution's
// copy will be made, and refuses one that does not parse, with BAD_USER_INPUT on "file", reason
// UNREADABLE_FILE and the type it claimed to be. The message names no parser detail (no offset,
// no box or object), so it tells nothing of how the check works. A file that parses but whose
// metadata cannot be blanked (errUnblankable: a PDF's information in an encrypted object stream)
// is accepted: it is well-formed evidence, only not served to institutions, as before.

// typeNames are the names a complainant knows the accepted types by.
var typeNames = map[string]string{
	"image/jpeg": "JPEG photo", "image/png": "PNG image", "image/webp": "WebP image", "image/heic": "HEIC photo",
	"image/heif": "HEIF photo", "application/pdf": "PDF document", "audio/mpeg": "MP3 recording",
	"audio/wav": "WAV recording", "audio/ogg": "Ogg recording", "audio/mp4": "M4A recording",
	"audio/amr": "AMR recording", "audio/amr-wb": "AMR-WB recording", "video/quicktime": "MOV video",
	"video/3gpp": "3GP video", "video/mp4": "MP4 video",
}

var typeNamesZH = map[string]string{
	"image/jpeg": "JPEG图片", "image/png": "PNG图片", "image/webp": "WebP图片", "image/heic": "HEIC照片",
	"image/heif": "HEIF照片", "application/pdf": "PDF文件", "audio/mpeg": "MP3录音", "audio/wav": "WAV录音",
	"audio/ogg": "Ogg录音", "audio/mp4": "M4A录音", "audio/amr": "AMR录音", "audio/amr-wb": "AMR-WB录音",
	"video/quicktime": "MOV视频", "video/3gpp": "3GP视频", "video/mp4": "MP4视频",
}

// UnreadableFile is the error for an upload that claims a type by its first bytes and does not
// parse as it.
func UnreadableFile(contentType string) *Error {
	en, zh := typeNames[contentType], typeNamesZH[contentType]
	if en == "" {
		en, zh = "file of its type", "该类型文件"
	}
	return &Error{Code: CodeInvalid, Field: "file", Reason: "UNREADABLE_FILE",
		Message:   fmt.Sprintf("the file begins like a %s but cannot be read as one (it may be cut short or damaged): save or export it again from the original and upload it once more", en),
		MessageZH: fmt.Sprintf("该文件开头是%s，但无法按此格式读取（可能不完整或已损坏）：请从原文件重新保存或导出后再上传", zh)}
}

// checkParses reads the stored upload under key as the type t it was sniffed as, the way an
// institution's copy is made, and returns UnreadableFile when it does not parse. Types that are
// served to everyone as stored are not read.
func (s *EvidenceService) checkParses(ctx context.Context, key string, t EvidenceType) error {
	if !stripsMetadata(t.ContentType) {
		return nil
	}
	rc, err := s.Files.Get(ctx, key)
	if err != nil {
		return fmt.Errorf("evidence: read back upload: %w", err)
	}
	defer rc.Close()
	err = stripImageMetadata(t.ContentType, rc, io.Discard)
	switch {
	case err == nil, errors.Is(err, errUnblankable):
		return nil
	case errors.Is(err, errNoImage):
		return UnreadableFile(t.ContentType)
	}
	return fmt.Errorf("evidence: check upload: %w", err)
}
