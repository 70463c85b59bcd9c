package curricula

import "context"

// SeedDefaultFramework stores the embedded default framework and all its
// competencies in one transaction, unless frameworks/ibm-core already exists,
// in which case it changes nothing. created reports whether it wrote.
func SeedDefaultFramework(ctx context.Context, s Store) (created bool, err error) {
	fw, comps, err := DefaultFramework()
	if err != nil {
		return false, err
	}
	err = s.Update(ctx, func(tx WriteTx) error {
		created = false
		exists, err := tx.Exists(fw.Name)
		if err != nil || exists {
			return err
		}
		if err := tx.Create(fw); err != nil {
			return err
		}
		for _, c := range comps {
			if err := tx.Create(c); err != nil {
				return err
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
