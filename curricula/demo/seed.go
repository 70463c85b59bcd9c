package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/concord-ibm/concord/curricula"
)

// Seed fills an empty store with the demo data. If the store holds no
// academy, it stores the default framework (curricula.SeedDefaultFramework,
// which leaves an existing one alone) and then every resource of the
// dataset and the programmes' progress record (History, the current
// snapshot dated now) in ONE transaction, so that either all of the demo
// data is stored or none of it. If the store holds any academy it changes
// nothing. created reports whether the demo data was written.
func Seed(ctx context.Context, s curricula.Store) (created bool, err error) {
	empty, err := noAcademies(ctx, s)
	if err != nil || !empty {
		return false, err
	}
	d, err := Load()
	if err != nil {
		return false, err
	}
	snapshots, err := History(d, time.Now())
	if err != nil {
		return false, err
	}
	if _, err := curricula.SeedDefaultFramework(ctx, s); err != nil {
		return false, err
	}
	err = s.Update(ctx, func(tx curricula.WriteTx) error {
		created = false
		// Checked again inside the write: another seeder may have run.
		n, err := tx.Count(curricula.KindAcademy, "")
		if err != nil || n > 0 {
			return err
		}
		for _, r := range d.Resources() {
			if err := tx.Create(r); err != nil {
				return fmt.Errorf("demo: create %s: %w", r.GetMeta().Name, err)
			}
		}
		for _, sn := range snapshots {
			if err := tx.Create(sn); err != nil {
				return fmt.Errorf("demo: create %s: %w", sn.Name, err)
			}
		}
		created = true
		return nil
	})
	if err != nil {
		return false, err
	}
	return created, nil
}

func noAcademies(ctx context.Context, s curricula.Store) (bool, error) {
	var n int
	err := s.View(ctx, func(tx curricula.Tx) error {
		var err error
		n, err = tx.Count(curricula.KindAcademy, "")
		return err
	})
	return n == 0, err
}
