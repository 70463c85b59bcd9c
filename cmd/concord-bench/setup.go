package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/internal/corpus"
	"github.com/concord-ibm/concord/interop/sheet"
	"google.golang.org/grpc"
)

// academySheet is one academy's modules as a spreadsheet file.
type academySheet struct {
	academy string // academies/{a}
	path    string
	modules int
}

// prepare creates the corpus' academies and curricula through the API and
// writes each academy's modules as the curriculum spreadsheet, one file
// per academy, in dir. Not timed: ingest measures the modules' import.
// It returns the files and every curriculum name, in order.
func prepare(ctx context.Context, conn *grpc.ClientConn, cfg corpus.Config, dir string) ([]academySheet, []string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	ac := pb.NewAcademyServiceClient(conn)
	var sheets []academySheet
	var curr []string
	var f *os.File
	var w *sheet.Writer
	closeSheet := func() error {
		if f == nil {
			return nil
		}
		err := w.Flush()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		f = nil
		return err
	}
	err := corpus.Generate(ctx, cfg, func(r curricula.Resource) error {
		switch r := r.(type) {
		case *curricula.Academy:
			if err := closeSheet(); err != nil {
				return err
			}
			id := strings.TrimPrefix(r.Name, curricula.CollAcademies+"/")
			_, err := ac.CreateAcademy(ctx, &pb.CreateAcademyRequest{AcademyId: id, Academy: &pb.Academy{
				DisplayName: r.DisplayName, Country: r.Country, Agency: string(r.Agency), Languages: r.Languages}})
			if err != nil {
				return fmt.Errorf("create %s: %w", r.Name, err)
			}
			p := filepath.Join(dir, id+".csv")
			if f, err = os.Create(p); err != nil {
				return err
			}
			w = sheet.NewWriter(f, sheet.WriterOptions{})
			sheets = append(sheets, academySheet{academy: r.Name, path: p})
		case *curricula.Curriculum:
			n, _ := curricula.ParseName(curricula.KindCurriculum, r.Name)
			_, err := ac.CreateCurriculum(ctx, &pb.CreateCurriculumRequest{Parent: curricula.AcademyName(n.IDs[0]), CurriculumId: n.ID(),
				Curriculum: &pb.Curriculum{Title: r.Title, Language: r.Language, Framework: r.Framework, Edition: r.Edition,
					Level: pb.Curriculum_Level(pb.Curriculum_Level_value[strings.ToUpper(string(r.Level))]),
					State: pb.Curriculum_ACTIVE}})
			if err != nil {
				return fmt.Errorf("create %s: %w", r.Name, err)
			}
			curr = append(curr, r.Name)
		case *curricula.Module:
			sheets[len(sheets)-1].modules++
			return w.Write(r)
		}
		return nil
	})
	if cerr := closeSheet(); err == nil {
		err = cerr
	}
	return sheets, curr, err
}

// doc is a module as the raw floors store it: its text and the academy's
// country for facets and filters.
type doc struct {
	module  *curricula.Module
	country string
}

// moduleText is a module's searchable text: title, description and
// outcomes, one per line.
func moduleText(m *curricula.Module) string {
	return m.Title + "\n" + m.Description + "\n" + strings.Join(m.Outcomes, "\n")
}

// batches calls fn with the corpus' modules in batches of size; the time
// fn spends is the caller's to measure, generating them is not.
func batches(ctx context.Context, cfg corpus.Config, size int, fn func([]doc) error) error {
	ds := make([]doc, 0, size)
	country := ""
	err := corpus.Generate(ctx, cfg, func(r curricula.Resource) error {
		switch r := r.(type) {
		case *curricula.Academy:
			country = r.Country
		case *curricula.Module:
			ds = append(ds, doc{module: r, country: country})
			if len(ds) == size {
				err := fn(ds)
				ds = ds[:0]
				return err
			}
		}
		return nil
	})
	if err == nil && len(ds) > 0 {
		err = fn(ds)
	}
	return err
}
