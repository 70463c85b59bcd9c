package curricula

import (
	"context"
	"io"
	"time"
)

// Store is the source of truth: every resource and the change log. The
// storage package implements it on bbolt; storage/storagetest holds the
// conformance suite every implementation must pass.
//
// Contract:
//   - View runs fn in a read-only transaction that sees one consistent state.
//   - Update runs fn in one read-write transaction. Every Create, Update and
//     Delete made by fn appends one Change to the change log in the same
//     transaction, stamped with the principal of ctx and one commit time.
//     If fn returns an error nothing is written. When Update returns nil the
//     writes are durable (fsync'd).
//   - Change sequences start at 1, increase by one per change and are never
//     reused.
type Store interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(WriteTx) error) error

	// Changes returns up to limit changes with Sequence > after, in order.
	Changes(ctx context.Context, after uint64, limit int) ([]Change, error)
	// LastSequence is the sequence of the newest change (0 when none).
	LastSequence(ctx context.Context) (uint64, error)
	// Changed returns a channel that is closed at the next commit.
	Changed() <-chan struct{}

	// Backup writes a consistent copy of the whole store to w while
	// writes go on, and returns the bytes written.
	Backup(ctx context.Context, w io.Writer) (int64, error)
	// Stats reports the store's size.
	Stats(ctx context.Context) (StoreStats, error)
	Close() error
}

// StoreStats describes the store's contents.
type StoreStats struct {
	SizeBytes    int64
	Resources    map[Kind]int
	LastSequence uint64
}

// Tx reads resources inside a transaction.
type Tx interface {
	// Get decodes the resource called name into r, whose concrete type
	// must match the name's kind. A missing resource is ENOTFOUND.
	Get(name string, r Resource) error
	// Exists reports whether name is stored.
	Exists(name string) (bool, error)
	// Scan visits the resources of kind k in name order. parent restricts
	// them to one parent's children ("" for all of that kind); startAfter
	// skips names up to and including it. fn returns false to stop.
	Scan(k Kind, parent, startAfter string, fn func(name string, decode func(Resource) error) (bool, error)) error
	// Count returns how many resources of kind k lie under parent.
	Count(k Kind, parent string) (int, error)
	// Sequence is the sequence of the newest change this transaction
	// sees (0 when none): the state it reads is exactly the change log
	// up to that sequence applied.
	Sequence() uint64
}

// WriteTx writes resources inside a transaction.
type WriteTx interface {
	Tx
	// Create stores a new resource: revision 1, both times set to the
	// commit time. A resource with that name is EEXISTS.
	Create(r Resource) error
	// Update replaces a stored resource, bumping its revision and update
	// time and keeping its create time. A non-empty etag that is not the
	// stored one is EABORTED; a missing resource is ENOTFOUND.
	Update(r Resource, etag string) error
	// Delete removes a resource. A non-empty stale etag is EABORTED. With
	// children it is EPRECONDITION unless cascade, which deletes every
	// descendant too (each deletion logged).
	Delete(name, etag string, cascade bool) error
}

// Operation is what a change did.
type Operation string

// Operations.
const (
	OpCreate Operation = "CREATE"
	OpUpdate Operation = "UPDATE"
	OpDelete Operation = "DELETE"
)

// Change is one entry of the change log: at once the audit trail, the
// outbox that feeds the search index and the history behind progress.
type Change struct {
	Sequence  uint64    `json:"sequence"`
	Time      time.Time `json:"time"`
	Principal string    `json:"principal"`
	Operation Operation `json:"operation"`
	Kind      Kind      `json:"kind"`
	Name      string    `json:"name"`
	Etag      string    `json:"etag,omitempty"` // after the change; "" for a delete
}
