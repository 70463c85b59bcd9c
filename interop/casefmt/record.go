package casefmt

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/concord-ibm/concord/interop"
)

// record is one CASE object read field by field, so that a field of the
// wrong type names itself and fields Concord has no place for are counted.
type record struct {
	class string
	m     map[string]json.RawMessage
	err   error
}

// newRecord reads raw as a JSON object of the CASE class.
func newRecord(class string, raw json.RawMessage) (*record, error) {
	r := &record{class: class}
	if err := json.Unmarshal(raw, &r.m); err != nil || r.m == nil {
		return nil, fmt.Errorf("is not a JSON object")
	}
	return r, nil
}

func (r *record) fail(key string, err error) {
	if r.err == nil {
		r.err = fmt.Errorf("%s: %v", key, err)
	}
}

func (r *record) text(key string) string {
	var t text
	if raw, ok := r.m[key]; ok {
		if err := t.UnmarshalJSON(raw); err != nil {
			r.fail(key, err)
		}
	}
	return string(t)
}

func (r *record) link(key string) link {
	var l link
	if raw, ok := r.m[key]; ok && !isNull(raw) {
		if err := l.UnmarshalJSON(raw); err != nil {
			r.fail(key, fmt.Errorf("want a link {title, identifier, uri}"))
		}
	}
	return l
}

func (r *record) seq(key string) seqNum {
	var s seqNum
	if raw, ok := r.m[key]; ok {
		_ = s.UnmarshalJSON(raw)
	}
	return s
}

// concordExt decodes extensions.concord into dst and reports whether it was
// there; other extensions are counted as not kept.
func (r *record) concordExt(dst any, unkept interop.Unkept, rep *interop.Report, id string) bool {
	raw, ok := r.m["extensions"]
	if !ok || isEmpty(raw) {
		return false
	}
	var ext map[string]json.RawMessage
	if err := json.Unmarshal(raw, &ext); err != nil {
		unkept.Add(r.class + ".extensions")
		return false
	}
	found := false
	for k, v := range ext {
		if k != extKey {
			if !isEmpty(v) {
				unkept.Add(r.class + ".extensions." + k)
			}
			continue
		}
		if err := json.Unmarshal(v, dst); err != nil {
			rep.Warn(r.class, id, "extensions.%s cannot be read (%v); ignored", extKey, err)
			continue
		}
		found = true
	}
	return found
}

// unknown counts the fields outside known that carry a value.
func (r *record) unknown(known map[string]bool, unkept interop.Unkept) {
	for k, v := range r.m {
		if !known[k] && !isEmpty(v) {
			unkept.Add(r.class + "." + k)
		}
	}
}

func isNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}

// isEmpty reports whether raw carries nothing: null, "", [] or {}.
func isEmpty(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null" || string(raw) == `""`:
		return true
	case len(raw) >= 2 && (raw[0] == '[' || raw[0] == '{'):
		return len(bytes.TrimSpace(raw[1:len(raw)-1])) == 0
	}
	return false
}

func keys(ks ...string) map[string]bool {
	m := make(map[string]bool, len(ks))
	for _, k := range ks {
		m[k] = true
	}
	return m
}
