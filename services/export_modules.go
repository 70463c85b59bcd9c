package services

import (
	"fmt"
	"strings"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop/sheet"
	"google.golang.org/genproto/googleapis/api/httpbody"
)

// ExportModules streams the modules under req.Parent as the curriculum
// spreadsheet, from one read transaction (a consistent copy), in pieces
// of BackupChunkSize. Each module is redacted for the caller
// (RedactedModule); alignments carry the codes of its curriculum's
// framework.
func (s *InteropService) ExportModules(req *pb.ExportModulesRequest, stream pb.InteropService_ExportModulesServer) error {
	ctx := stream.Context()
	parent := req.GetParent()
	parts := strings.Split(parent, "/")
	if len(parts) != 4 || parts[0] != curricula.CollAcademies || parts[2] != curricula.CollCurricula ||
		!curricula.ValidID(parts[1]) || parts[3] != "-" && !curricula.ValidID(parts[3]) {
		return invalid("parent", fmt.Sprintf("%q must be academies/{academy}/curricula/{curriculum}, or academies/{academy}/curricula/- for all of its curricula", parent))
	}
	academy, curriculum := parts[1], parts[3]
	p := PrincipalOf(ctx)
	w := &chunkWriter{ctx: ctx, send: func(b []byte) error {
		return stream.Send(&httpbody.HttpBody{ContentType: ContentTypeCSV, Data: b})
	}}
	// codes maps competency IDs to codes in the framework of the module
	// being written.
	var codes map[string]string
	sw := sheet.NewWriter(w, sheet.WriterOptions{BOM: req.GetByteOrderMark(), Code: func(id string) string {
		if c, ok := codes[id]; ok {
			return c
		}
		return strings.ToUpper(id)
	}})
	err := s.store.View(ctx, func(tx curricula.Tx) error {
		owner := curricula.CurriculumName(academy, curriculum)
		if curriculum == "-" {
			owner = curricula.AcademyName(academy)
		}
		if ok, err := tx.Exists(owner); err != nil || !ok {
			if err == nil {
				err = curricula.Errorf(curricula.ENOTFOUND, "%s not found", owner)
			}
			return err
		}
		byFramework := map[string]map[string]string{}
		curriculumCodes := map[string]map[string]string{}
		return tx.Scan(curricula.KindModule, parent, "", func(name string, decode func(curricula.Resource) error) (bool, error) {
			if err := ctx.Err(); err != nil {
				return false, err
			}
			n, _ := curricula.ParseName(curricula.KindModule, name)
			cn := curricula.CurriculumName(n.IDs[0], n.IDs[1])
			cc, ok := curriculumCodes[cn]
			if !ok {
				var err error
				if cc, err = codesOfCurriculum(tx, cn, byFramework); err != nil {
					return false, err
				}
				curriculumCodes[cn] = cc
			}
			codes = cc
			m := new(curricula.Module)
			if err := decode(m); err != nil {
				return false, err
			}
			return true, sw.Write(RedactedModule(p, m))
		})
	})
	if err == nil {
		err = sw.Flush()
	}
	if err == nil {
		err = w.flush()
	}
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// codesOfCurriculum returns the competency codes (by ID) of the framework
// of curriculum cn, memoised by framework.
func codesOfCurriculum(tx curricula.Tx, cn string, byFramework map[string]map[string]string) (map[string]string, error) {
	var c curricula.Curriculum
	if err := tx.Get(cn, &c); err != nil {
		return nil, err
	}
	if codes, ok := byFramework[c.Framework]; ok {
		return codes, nil
	}
	codes := map[string]string{}
	err := tx.Scan(curricula.KindCompetency, c.Framework, "", func(_ string, decode func(curricula.Resource) error) (bool, error) {
		var comp curricula.Competency
		if err := decode(&comp); err != nil {
			return false, err
		}
		codes[comp.ID()] = comp.Code
		return true, nil
	})
	byFramework[c.Framework] = codes
	return codes, err
}
