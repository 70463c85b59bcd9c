package storage_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/storage"
)

// benchStore opens a store (fsync on) holding one academy and curriculum.
func benchStore(b *testing.B) *storage.DB {
	b.Helper()
	db, err := storage.Open(filepath.Join(b.TempDir(), "concord.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	err = db.Update(b.Context(), func(tx curricula.WriteTx) error {
		if err := tx.Create(&curricula.Academy{Meta: curricula.Meta{Name: "academies/kz"}, DisplayName: "KZ", Country: "KZ", Agency: curricula.AgencyBorderGuard}); err != nil {
			return err
		}
		return tx.Create(&curricula.Curriculum{Meta: curricula.Meta{Name: "academies/kz/curricula/basic"}, Title: "Basic",
			Level: curricula.LevelBasic, Language: "ru", Framework: "frameworks/ibm", State: curricula.CurriculumActive})
	})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// benchModule is a module of about 1 KiB of JSON.
func benchModule(i int) *curricula.Module {
	return &curricula.Module{
		Meta:        curricula.Meta{Name: curricula.ModuleName("kz", "basic", fmt.Sprintf("m%07d", i))},
		Code:        fmt.Sprintf("BG-%07d", i),
		Title:       "Detection of forged and falsified travel documents",
		Description: "Security features of passports, visas and residence permits; document examination equipment; profiling of document fraud; procedures at first and second line checks; cooperation with the document expertise centre and reporting of findings.",
		Outcomes:    []string{"Identify the security features of travel documents", "Use the document examination equipment of the crossing point", "Report a suspected forgery following the procedure"},
		Language:    "ru",
		Hours:       36,
		Credits:     2,
		Delivery:    curricula.DeliveryBlended,
		Assessment:  "practical examination",
		Alignments: []curricula.Alignment{
			{Competency: "doc-01", Depth: curricula.DepthMastered, Hours: 20},
			{Competency: "ra-02", Depth: curricula.DepthIntroduced, Hours: 6},
			{Competency: "coop-03", Depth: curricula.DepthReinforced},
		},
	}
}

// BenchmarkCreateBatch creates 1000 modules per Update.
func BenchmarkCreateBatch(b *testing.B) {
	const batch = 1000
	db := benchStore(b)
	n := 0
	for b.Loop() {
		err := db.Update(b.Context(), func(tx curricula.WriteTx) error {
			for range batch {
				n++
				if err := tx.Create(benchModule(n)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "modules/s")
}

// BenchmarkCreateOne creates one module per Update.
func BenchmarkCreateOne(b *testing.B) {
	db := benchStore(b)
	n := 0
	for b.Loop() {
		n++
		m := benchModule(n)
		if err := db.Update(b.Context(), func(tx curricula.WriteTx) error { return tx.Create(m) }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "modules/s")
}
