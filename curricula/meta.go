package curricula

import (
	"strconv"
	"time"
)

// Meta is what the store keeps for every resource: its name, its revision
// (which the etag is derived from) and its timestamps. Clients never set
// the revision or the times.
type Meta struct {
	Name       string    `json:"name"`
	Revision   uint64    `json:"revision"`
	CreateTime time.Time `json:"create_time"`
	UpdateTime time.Time `json:"update_time"`
}

// Etag is the opaque entity tag of the resource's current revision.
func (m Meta) Etag() string { return EtagOf(m.Revision) }

// EtagOf formats the etag of a revision.
func EtagOf(rev uint64) string {
	if rev == 0 {
		return ""
	}
	return `"` + strconv.FormatUint(rev, 36) + `"`
}

// Resource is implemented by every stored resource type.
type Resource interface {
	Kind() Kind
	GetMeta() *Meta
	Validate() error
}

func (m *Meta) GetMeta() *Meta { return m }
