package search

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
)

// A cursor is the sort values of a page's last hit, as bleve's
// search_after takes them (numbers in decimal, then the document ID),
// JSON-encoded and base64url'd. It means nothing to the caller.
func encodeCursor(values []string) string {
	b, _ := json.Marshal(values)
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor checks a cursor against the number of sort values and
// which of them are numbers (numeric[i]).
func decodeCursor(s string, numeric []bool) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	bad := invalid("page_token", "is not a page token of this search; start again without one")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	var values []string
	if json.Unmarshal(b, &values) != nil || len(values) != len(numeric) {
		return nil, bad
	}
	for i, v := range values {
		if numeric[i] {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				return nil, bad
			}
		}
	}
	return values, nil
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
