package services

import (
	"bytes"
	"context"
	"fmt"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop"
	"github.com/concord-ibm/concord/interop/casefmt"
	"github.com/concord-ibm/concord/interop/moodle"
	"google.golang.org/genproto/googleapis/api/httpbody"
)

// Content types of the exported files.
const (
	ContentTypeJSON = "application/json"
	ContentTypeCSV  = "text/csv; charset=utf-8"
)

// InteropService implements pb.InteropServiceServer: framework import and
// export (CASE, Moodle) and the module spreadsheet (import_modules.go,
// export_modules.go). The format packages under interop convert; this
// service checks references and stores.
type InteropService struct {
	pb.UnimplementedInteropServiceServer
	store       curricula.Store
	caseBaseURL string
}

// NewInteropService returns the interop service over s. caseBaseURL is
// the root of the CASE REST binding CASE exports mint their URIs under
// (".../ims/case/v1p1"; empty: urn:uuid: URIs).
func NewInteropService(s curricula.Store, caseBaseURL string) *InteropService {
	return &InteropService{store: s, caseBaseURL: caseBaseURL}
}

// ImportFramework converts the file, then stores the framework and its
// competencies (parents first) in one transaction.
func (s *InteropService) ImportFramework(ctx context.Context, req *pb.ImportFrameworkRequest) (*pb.ImportFrameworkResponse, error) {
	if id := req.GetFrameworkId(); id != "" && !curricula.ValidID(id) {
		return nil, invalid("framework_id", fmt.Sprintf("%q must be 1–63 lower-case letters, digits or hyphens, starting with a letter", id))
	}
	if l := req.GetLanguage(); l != "" && !curricula.ValidLanguage(l) {
		return nil, invalid("language", fmt.Sprintf("%q is not a language tag", l))
	}
	if len(req.GetContent()) == 0 {
		return nil, invalid("content", "is empty")
	}
	var res *interop.Result
	var err error
	switch req.GetFormat() {
	case pb.FrameworkFormat_CASE:
		res, err = casefmt.Import(bytes.NewReader(req.GetContent()), casefmt.ImportOptions{Framework: req.GetFrameworkId(), Language: req.GetLanguage()})
	case pb.FrameworkFormat_MOODLE:
		res, err = moodle.Import(bytes.NewReader(req.GetContent()), moodle.ImportOptions{Framework: req.GetFrameworkId(), Language: req.GetLanguage(), Source: req.GetSource()})
	default:
		return nil, invalid("format", "must be CASE or MOODLE")
	}
	if err != nil {
		return nil, err
	}
	if res.Framework.Source == "" {
		res.Framework.Source = req.GetSource()
	}
	store := func(tx curricula.WriteTx) error {
		if err := checkImportedFramework(tx, res); err != nil {
			return err
		}
		if err := tx.Create(res.Framework); err != nil {
			return err
		}
		for _, c := range res.Competencies {
			if err := tx.Create(c); err != nil {
				return err
			}
		}
		return nil
	}
	if req.GetValidateOnly() {
		err = s.store.View(ctx, func(tx curricula.Tx) error { return checkImportedFramework(tx, res) })
	} else {
		err = s.store.Update(ctx, store)
	}
	if err != nil {
		return nil, err
	}
	return &pb.ImportFrameworkResponse{Framework: frameworkToProto(res.Framework), Report: reportToProto(res.Report), ValidateOnly: req.GetValidateOnly()}, nil
}

// checkImportedFramework refuses a framework whose name is taken and
// drops, with a warning, a previous version that is not stored here.
func checkImportedFramework(tx curricula.Tx, res *interop.Result) error {
	f := res.Framework
	ok, err := tx.Exists(f.Name)
	if err != nil {
		return err
	}
	if ok {
		return curricula.Errorf(curricula.EEXISTS, "%s already exists; import under another framework_id (a new version)", f.Name)
	}
	if f.PreviousVersion != "" {
		ok, err := tx.Exists(f.PreviousVersion)
		if err != nil {
			return err
		}
		if !ok {
			res.Report.Warn("previous_version", f.PreviousVersion, "is not stored here; left out")
			f.PreviousVersion = ""
		}
	}
	return nil
}

// ExportFramework writes the framework and its competencies in the
// requested format.
func (s *InteropService) ExportFramework(ctx context.Context, req *pb.ExportFrameworkRequest) (*httpbody.HttpBody, error) {
	if err := checkNameOf(curricula.KindFramework, "name", req.GetName()); err != nil {
		return nil, err
	}
	if l := req.GetLanguage(); l != "" && !curricula.ValidLanguage(l) {
		return nil, invalid("language", fmt.Sprintf("%q is not a language tag", l))
	}
	format := req.GetFormat()
	if format != pb.FrameworkFormat_CASE && format != pb.FrameworkFormat_MOODLE {
		return nil, invalid("format", "must be CASE or MOODLE")
	}
	f, cs, err := loadFramework(ctx, s.store, req.GetName())
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if format == pb.FrameworkFormat_CASE {
		err = casefmt.Export(&b, f, cs, casefmt.ExportOptions{BaseURL: s.caseBaseURL, Language: req.GetLanguage()})
		return &httpbody.HttpBody{ContentType: ContentTypeJSON, Data: b.Bytes()}, err
	}
	err = moodle.Export(&b, f, cs, moodle.ExportOptions{Language: req.GetLanguage()})
	return &httpbody.HttpBody{ContentType: ContentTypeCSV, Data: b.Bytes()}, err
}

// loadFramework reads a framework and all its competencies in one
// transaction.
func loadFramework(ctx context.Context, s curricula.Store, name string) (*curricula.Framework, []*curricula.Competency, error) {
	f := new(curricula.Framework)
	var cs []*curricula.Competency
	err := s.View(ctx, func(tx curricula.Tx) error {
		if err := tx.Get(name, f); err != nil {
			return err
		}
		return tx.Scan(curricula.KindCompetency, name, "", func(_ string, decode func(curricula.Resource) error) (bool, error) {
			c := new(curricula.Competency)
			if err := decode(c); err != nil {
				return false, err
			}
			cs = append(cs, c)
			return true, nil
		})
	})
	return f, cs, err
}

func reportToProto(r interop.Report) *pb.ImportReport {
	issues := func(ss []interop.Skip) []*pb.ImportIssue {
		out := make([]*pb.ImportIssue, len(ss))
		for i, s := range ss {
			out[i] = &pb.ImportIssue{Record: s.What, Id: s.ID, Reason: s.Reason}
		}
		return out
	}
	return &pb.ImportReport{
		Frameworks:   int32(r.Imported.Frameworks),
		Competencies: int32(r.Imported.Competencies),
		Translations: int32(r.Imported.Translations),
		Crosswalks:   int32(r.Imported.Crosswalks),
		Skipped:      issues(r.Skipped),
		Warnings:     issues(r.Warnings),
	}
}
