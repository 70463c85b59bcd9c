package demo

import (
	"context"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

var historyAt = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

func TestHistory(t *testing.T) {
	d := mustLoad(t)
	snaps, err := History(d, historyAt)
	require.NoError(t, err)
	require.Len(t, snaps, 2*len(d.Programmes))
	again, err := History(d, historyAt)
	require.NoError(t, err)
	require.Equal(t, snaps, again, "deterministic")

	byName := map[string]*curricula.Snapshot{}
	for _, s := range snaps {
		require.NoError(t, s.Validate(), s.Name)
		byName[s.Name] = s
	}
	base := byName["programmes/central-asia/snapshots/on-2021-06-30"]
	cur := byName["programmes/central-asia/snapshots/on-2026-11-25"]
	require.NotNil(t, base)
	require.NotNil(t, cur)
	require.Equal(t, time.Date(2021, 6, 30, 0, 0, 0, 0, time.UTC), base.TakenAt)
	require.Equal(t, historyAt, cur.TakenAt)
	members := func(s *curricula.Snapshot) []string {
		var out []string
		for _, m := range s.Members {
			out = append(out, m.Curriculum)
		}
		return out
	}
	require.Equal(t, []string{
		"academies/kz-border-academy/curricula/basic-2019",
		"academies/kg-border-institute/curricula/basic-2019",
		"academies/tj-border-academy/curricula/basic-2024",
		"academies/tm-border-institute/curricula/basic-2024",
		"academies/uz-border-institute/curricula/basic-2024",
	}, members(base))
	require.Equal(t, d.Programmes[0].Members, members(cur))
	require.Contains(t, members(byName["programmes/silk-routes/snapshots/on-2021-06-30"]), "academies/ir-customs-college/curricula/basic-2018")

	// Across editions, KZ and KG improve (the 2024 editions add risk
	// analysis and fundamental rights); the others stay where they are.
	latest := curricula.LatestEditions(d.Curricula)
	a, _ := base.InEditions(latest)
	b, _ := cur.InEditions(latest)
	p := curricula.CompareSnapshots(a, b)
	require.Greater(t, p.IndexChange, 0.0)
	require.Greater(t, p.GapsClosed, 0)
	for _, m := range p.Members {
		require.Equal(t, curricula.MemberKept, m.Status, m.Curriculum)
		switch m.Curriculum {
		case "academies/kz-border-academy/curricula/basic-2024", "academies/kg-border-institute/curricula/basic-2024":
			require.Greater(t, m.IndexChange, 0.0, m.Curriculum)
			require.NotEmpty(t, m.Closed, m.Curriculum)
		default:
			require.Zero(t, m.IndexChange, m.Curriculum)
			require.Empty(t, m.Closed, m.Curriculum)
			require.Empty(t, m.Opened, m.Curriculum)
		}
	}

	_, err = History(d, time.Date(2021, 6, 30, 23, 0, 0, 0, time.UTC))
	require.Equal(t, curricula.EINVALID, curricula.ErrorCode(err))
}

// The seeded current snapshot holds what the engine computes from the
// store: the history uses the same inputs as the live service.
func TestSeededHistoryMatchesTheStore(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	_, err := Seed(ctx, db)
	require.NoError(t, err)
	d := mustLoad(t)
	for _, p := range d.Programmes {
		in, err := curricula.LoadProgrammeInput(ctx, db, p.Name)
		require.NoError(t, err)
		a, err := curricula.Analyse(in)
		require.NoError(t, err)
		var snaps []*curricula.Snapshot
		require.NoError(t, db.View(ctx, func(tx curricula.Tx) error {
			return tx.Scan(curricula.KindSnapshot, p.Name, "", func(_ string, decode func(curricula.Resource) error) (bool, error) {
				s := &curricula.Snapshot{}
				snaps = append(snaps, s)
				return true, decode(s)
			})
		}))
		require.Len(t, snaps, 2, p.Name)
		require.Equal(t, p.Name+"/snapshots/"+BaselineID, snaps[0].Name)
		require.Equal(t, a.Assessment.Members, snaps[1].Members, p.Name)
		require.Equal(t, a.Assessment.Index, snaps[1].Index, p.Name)
		require.WithinDuration(t, time.Now(), snaps[1].TakenAt, time.Minute)
	}
}
