package storagetest

import (
	"context"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

func testChangeLog(t *testing.T, s curricula.Store) {
	require.Zero(t, lastSeq(t, s))
	require.Empty(t, changesAfter(t, s, 0))

	ctx := t.Context()
	a, c := academy("kz"), curriculum("kz", "basic")
	require.NoError(t, s.Update(as(ctx, "alice"), func(tx curricula.WriteTx) error { return tx.Create(a) }))
	require.NoError(t, s.Update(ctx, func(tx curricula.WriteTx) error { return tx.Create(c) }))
	a.City = "Almaty"
	require.NoError(t, s.Update(as(ctx, "alice"), func(tx curricula.WriteTx) error { return tx.Update(a, a.Etag()) }))
	m1, m2 := module("kz", "basic", "m01"), module("kz", "basic", "m02")
	require.NoError(t, s.Update(as(ctx, "bob"), func(tx curricula.WriteTx) error {
		if err := tx.Create(m1); err != nil {
			return err
		}
		if err := tx.Create(m2); err != nil {
			return err
		}
		return tx.Delete(m1.Name, m1.Etag(), false)
	}))

	want := []curricula.Change{
		{Sequence: 1, Time: a.CreateTime, Principal: "alice", Operation: curricula.OpCreate, Kind: curricula.KindAcademy, Name: a.Name, Etag: curricula.EtagOf(1)},
		{Sequence: 2, Time: c.CreateTime, Principal: "system", Operation: curricula.OpCreate, Kind: curricula.KindCurriculum, Name: c.Name, Etag: curricula.EtagOf(1)},
		{Sequence: 3, Time: a.UpdateTime, Principal: "alice", Operation: curricula.OpUpdate, Kind: curricula.KindAcademy, Name: a.Name, Etag: curricula.EtagOf(2)},
		{Sequence: 4, Time: m2.CreateTime, Principal: "bob", Operation: curricula.OpCreate, Kind: curricula.KindModule, Name: m1.Name, Etag: curricula.EtagOf(1)},
		{Sequence: 5, Time: m2.CreateTime, Principal: "bob", Operation: curricula.OpCreate, Kind: curricula.KindModule, Name: m2.Name, Etag: curricula.EtagOf(1)},
		{Sequence: 6, Time: m2.CreateTime, Principal: "bob", Operation: curricula.OpDelete, Kind: curricula.KindModule, Name: m1.Name},
	}
	requireChanges(t, want, changesAfter(t, s, 0))
	require.Equal(t, uint64(6), lastSeq(t, s))

	// A transaction sees the sequence of the state it reads; a write
	// transaction sees its own changes.
	require.NoError(t, s.View(ctx, func(tx curricula.Tx) error {
		require.Equal(t, uint64(6), tx.Sequence())
		return nil
	}))
	require.Error(t, s.Update(ctx, func(tx curricula.WriteTx) error {
		require.Equal(t, uint64(6), tx.Sequence())
		if err := tx.Create(module("kz", "basic", "m03")); err != nil {
			return err
		}
		require.Equal(t, uint64(7), tx.Sequence())
		return fmt.Errorf("roll back")
	}))
	require.Equal(t, uint64(6), lastSeq(t, s))

	tests := []struct {
		after uint64
		limit int
		want  []curricula.Change
	}{
		{0, 2, want[:2]},
		{2, 1, want[2:3]},
		{3, 100, want[3:]},
		{5, 1, want[5:]},
		{6, 10, nil},
		{1000, 10, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("after %d limit %d", tt.after, tt.limit), func(t *testing.T) {
			got, err := s.Changes(t.Context(), tt.after, tt.limit)
			require.NoError(t, err)
			requireChanges(t, tt.want, got)
		})
	}
}

// requireChanges compares change logs, times by instant.
func requireChanges(t *testing.T, want, got []curricula.Change) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		require.True(t, want[i].Time.Equal(got[i].Time), "change %d time %v, want %v", i, got[i].Time, want[i].Time)
		w, g := want[i], got[i]
		w.Time, g.Time = time.Time{}, time.Time{}
		require.Equal(t, w, g, "change %d", i)
	}
}

func testChanged(t *testing.T, s curricula.Store) {
	ch := s.Changed()
	requireOpen(t, ch)

	// A failed Update commits nothing, so it wakes nobody.
	requireCode(t, s.Update(t.Context(), func(tx curricula.WriteTx) error { return tx.Create(curriculum("uz", "x")) }), curricula.ENOTFOUND)
	requireOpen(t, ch)

	// A commit wakes every waiter.
	var wg sync.WaitGroup
	woken := make(chan struct{}, 3)
	waitOn := s.Changed()
	for range 3 {
		wg.Go(func() {
			select {
			case <-waitOn:
				woken <- struct{}{}
			case <-time.After(10 * time.Second):
			}
		})
	}
	create(t, s, academy("kz"))
	requireClosed(t, ch)
	wg.Wait()
	require.Len(t, woken, 3)

	next := s.Changed()
	requireOpen(t, next)
	create(t, s, academy("uz"))
	requireClosed(t, next)
}

func requireOpen(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
		t.Fatal("Changed fired without a commit")
	default:
	}
}

func requireClosed(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(5 * time.Second):
		t.Fatal("Changed did not fire after a commit")
	}
}

func testContext(t *testing.T, s curricula.Store) {
	create(t, s, academy("kz"))
	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	expired, cancel2 := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel2()

	for _, tc := range []struct {
		ctx  context.Context
		code curricula.Code
	}{{canceled, curricula.ECANCELED}, {expired, curricula.EDEADLINE}} {
		ctx := tc.ctx
		calls := []struct {
			name string
			call func() error
		}{
			{"Update", func() error {
				return s.Update(ctx, func(curricula.WriteTx) error { t.Fatal("fn ran"); return nil })
			}},
			{"View", func() error {
				return s.View(ctx, func(curricula.Tx) error { t.Fatal("fn ran"); return nil })
			}},
			{"Changes", func() error { _, err := s.Changes(ctx, 0, 10); return err }},
			{"LastSequence", func() error { _, err := s.LastSequence(ctx); return err }},
			{"Backup", func() error { _, err := s.Backup(ctx, io.Discard); return err }},
			{"Stats", func() error { _, err := s.Stats(ctx); return err }},
		}
		for _, c := range calls {
			t.Run(string(tc.code)+"/"+c.name, func(t *testing.T) { requireCode(t, c.call(), tc.code) })
		}
	}
	require.Equal(t, uint64(1), lastSeq(t, s))
}

func testStats(t *testing.T, s curricula.Store) {
	create(t, s, world(t)...)
	st, err := s.Stats(t.Context())
	require.NoError(t, err)
	require.Positive(t, st.SizeBytes)
	require.Equal(t, lastSeq(t, s), st.LastSequence)
	require.Equal(t, uint64(15), st.LastSequence)
	want := map[curricula.Kind]int{
		curricula.KindFramework: 1, curricula.KindCompetency: 2, curricula.KindAcademy: 2,
		curricula.KindCurriculum: 3, curricula.KindModule: 6, curricula.KindProgramme: 1,
	}
	for k, n := range want {
		require.Equal(t, n, st.Resources[k], k)
	}
	require.Zero(t, st.Resources[curricula.KindSnapshot])
}

func testConcurrentWriters(t *testing.T, s curricula.Store) {
	const writers, each = 8, 50
	create(t, s, academy("kz"), curriculum("kz", "basic"))
	base := lastSeq(t, s)

	errs := make(chan error, writers*each)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			ctx := as(t.Context(), fmt.Sprintf("writer-%d", w))
			for i := range each {
				m := module("kz", "basic", fmt.Sprintf("w%d-m%02d", w, i))
				errs <- s.Update(ctx, func(tx curricula.WriteTx) error { return tx.Create(m) })
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}

	require.Equal(t, writers*each, count(t, s, curricula.KindModule, "academies/kz/curricula/basic"))
	cs := changesAfter(t, s, base)
	require.Len(t, cs, writers*each)
	seen := map[string]bool{}
	for i, c := range cs {
		require.Equal(t, base+uint64(i)+1, c.Sequence, "sequences are contiguous")
		require.Equal(t, curricula.OpCreate, c.Operation)
		require.False(t, seen[c.Name], "%s logged twice", c.Name)
		seen[c.Name] = true
	}
	require.Equal(t, base+writers*each, lastSeq(t, s))
}

func testClose(t *testing.T, s curricula.Store) {
	create(t, s, academy("kz"))
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "a second Close is harmless")
}
