// Package storage implements curricula.Store on bbolt: the source of truth
// for every resource and the change log.
//
// # File layout
//
// One bbolt file holds these top-level buckets:
//
//	meta          "schema_version" → decimal ASCII ("1")
//	changes       big-endian uint64 sequence → JSON curricula.Change
//	frameworks    full resource name → JSON curricula.Framework
//	competencies  full resource name → JSON curricula.Competency
//	academies     full resource name → JSON curricula.Academy
//	curricula     full resource name → JSON curricula.Curriculum
//	modules       full resource name → JSON curricula.Module
//	programmes    full resource name → JSON curricula.Programme
//	snapshots     full resource name → JSON of the snapshot type
//
// A resource bucket is named after its kind's collection identifier
// (curricula.Kind.Collection). Its keys are full resource names, so the
// children of one parent are one prefix ("academies/a/curricula/c/modules/")
// and name order is byte order. Values are the JSON encoding of the domain
// struct, Meta included (name, revision, create and update time).
//
// The changes bucket's own bbolt sequence is the last change sequence; it
// advances in the writing transaction, so a rolled-back transaction
// consumes no sequence.
//
// # Schema versions
//
// A new file is stamped with schemaVersion. Opening a file stamped with an
// older version runs the migrations in order; a newer version is refused,
// since an older binary must not rewrite data it does not understand.
//
// # Locking
//
// bbolt holds an exclusive flock on the file while it is open, so one
// process serves one data file. Open waits Options.Timeout for the lock and
// then fails with EUNAVAILABLE naming the file.
package storage
