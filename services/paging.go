package services

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/concord-ibm/concord/curricula"
)

// Page size bounds (AIP-158).
const (
	DefaultPageSize = 50
	MaxPageSize     = 1000
)

// pageToken is the decoded form of an opaque page token: the name of the
// last resource returned and a checksum of the request it belongs to, so
// a token replayed with another parent or filter is rejected.
type pageToken struct {
	After string `json:"a"`
	Check uint32 `json:"c"`
}

func requestCheck(parts ...string) uint32 {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return binary.BigEndian.Uint32(h.Sum(nil))
}

func encodePageToken(after string, check uint32) string {
	b, _ := json.Marshal(pageToken{After: after, Check: check})
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodePageToken returns the name to resume after; "" for the first page.
func decodePageToken(tok string, check uint32) (string, error) {
	if tok == "" {
		return "", nil
	}
	var pt pageToken
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err == nil {
		err = json.Unmarshal(b, &pt)
	}
	if err != nil || pt.After == "" {
		return "", invalid("page_token", "is not a token returned by this method")
	}
	if pt.Check != check {
		return "", invalid("page_token", "belongs to a request with another parent or filter")
	}
	return pt.After, nil
}

// pageSize validates and defaults a requested page size.
func pageSize(n int32) (int, error) {
	switch {
	case n < 0:
		return 0, invalid("page_size", "must not be negative")
	case n == 0:
		return DefaultPageSize, nil
	case n > MaxPageSize:
		return 0, invalid("page_size", fmt.Sprintf("must be at most %d", MaxPageSize))
	}
	return int(n), nil
}

// invalid is a one-field EINVALID error.
func invalid(field, desc string) error {
	var vs curricula.Violations
	vs.Add(field, "%s", desc)
	return vs.Err()
}
