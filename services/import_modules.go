package services

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop/sheet"
)

// MaxImportErrors bounds the faults an ImportModules response lists; the
// rest are only counted.
const MaxImportErrors = 1000

// MaxImportRows bounds the rows of one ImportModules file, and so the
// server's memory: the checked modules and the one write transaction take
// about 6 KB per row of ~330 bytes at their peak (README, Interoperability).
const MaxImportRows = 250_000

// ImportModules reads the curriculum spreadsheet from the stream and
// stores its modules, all or none.
//
// The stream feeds an io.Pipe that sheet.Reader reads a row at a time, so
// the file is never held. Two phases:
//
//  1. Check, outside any write transaction: every row is read and turned
//     into a validated module; its curriculum is looked up in the academy
//     (once per curriculum, with its framework's competency codes and its
//     stored module IDs), its alignment codes resolved against that
//     framework, its ID checked for duplicates in the file and, in
//     CREATE_ONLY mode, in the store. Faults are collected, not fatal.
//  2. Store, only when there is no fault and not validate_only: one write
//     transaction re-checks what phase 1 relied on (curricula, their
//     frameworks, the aligned competencies, module existence) and creates
//     or replaces every module. Something changed in between is ABORTED:
//     nothing is stored, and running the import again is safe.
//
// Memory: the checked modules are kept for phase 2 (the raw file is not);
// once any fault is found they are dropped and only faults are kept.
// Measured for 100k rows of ~330 bytes: see the README (Interoperability).
func (s *InteropService) ImportModules(stream pb.InteropService_ImportModulesServer) error {
	ctx := stream.Context()
	first, err := stream.Recv()
	if errors.Is(err, io.EOF) {
		return invalid("parent", "is required; the stream carried no message")
	}
	if err != nil {
		return err
	}
	academy, err := importAcademy(first.GetParent())
	if err != nil {
		return err
	}
	opts := first.GetOptions()
	if f := opts.GetFormat(); f != pb.ImportModulesRequest_FORMAT_UNSPECIFIED && f != pb.ImportModulesRequest_CSV {
		return invalid("options.format", "must be CSV")
	}
	err = s.store.View(ctx, func(tx curricula.Tx) error {
		ok, err := tx.Exists(first.GetParent())
		if err == nil && !ok {
			err = curricula.Errorf(curricula.ENOTFOUND, "%s not found", first.GetParent())
		}
		return err
	})
	if err != nil {
		return err
	}

	pr, pw := io.Pipe()
	go feedPipe(stream, first, pw)
	imp := &moduleImport{
		store:     s.store,
		academy:   academy,
		maxRows:   MaxImportRows,
		upsert:    opts.GetMode() == pb.ImportModulesRequest_UPSERT,
		keep:      !opts.GetValidateOnly(),
		curricula: map[string]*importCurriculum{},
		codes:     map[string]*frameworkCodes{},
		seen:      map[string]int{},
		resp:      &pb.ImportModulesResponse{ValidateOnly: opts.GetValidateOnly()},
	}
	err = imp.check(ctx, pr)
	if len(imp.resp.Errors) > 0 {
		imp.resp.Created, imp.resp.Updated = 0, 0
	}
	// Stop the feeder if the check ended before the file did (a bad
	// header); it returns at its next write.
	pr.CloseWithError(errImportEnded)
	if err != nil {
		return err
	}
	if len(imp.resp.Errors) == 0 && !opts.GetValidateOnly() {
		if err := imp.write(ctx); err != nil {
			return err
		}
	}
	return stream.SendAndClose(imp.resp)
}

var errImportEnded = errors.New("the import has ended")

func importAcademy(parent string) (string, error) {
	n, err := curricula.ParseName(curricula.KindAcademy, parent)
	if err != nil {
		return "", invalid("parent", err.(*curricula.Error).Message)
	}
	return n.ID(), nil
}

// feedPipe writes the data of first and of every later message to pw, and
// closes pw at the end of the stream (with the error that ended it, if
// any). Every message must name first's academy; options come only first.
func feedPipe(stream pb.InteropService_ImportModulesServer, first *pb.ImportModulesRequest, pw *io.PipeWriter) {
	msg := first
	for {
		if len(msg.GetData()) > 0 {
			if _, err := pw.Write(msg.GetData()); err != nil {
				return // the reader has gone
			}
		}
		next, err := stream.Recv()
		switch {
		case errors.Is(err, io.EOF):
			pw.Close()
			return
		case err != nil:
			pw.CloseWithError(err)
			return
		case next.GetParent() != first.GetParent():
			pw.CloseWithError(invalid("parent", fmt.Sprintf("every message must name %s, as the first one does; got %q", first.GetParent(), next.GetParent())))
			return
		case next.GetOptions() != nil:
			pw.CloseWithError(invalid("options", "may be set in the first message only"))
			return
		}
		msg = next
	}
}

// moduleImport is the state of one ImportModules call.
type moduleImport struct {
	store   curricula.Store
	academy string
	maxRows int32
	upsert  bool
	keep    bool // keep checked modules for storing (not validate_only)

	curricula map[string]*importCurriculum // by curriculum ID
	codes     map[string]*frameworkCodes   // by framework name
	seen      map[string]int               // module name → its row
	modules   []*curricula.Module
	rows      []int32 // the row of each module
	resp      *pb.ImportModulesResponse
}

// importCurriculum is what the rows of one curriculum are checked against.
type importCurriculum struct {
	name      string
	exists    bool
	framework string
	codes     *frameworkCodes
	stored    map[string]bool // IDs of the modules stored in it
	used      map[string]bool // competency IDs the file aligns to
}

// frameworkCodes resolves the competency codes of one framework.
type frameworkCodes struct {
	byCode  map[string]string // code → ID
	byLower map[string]string // lower-cased code → ID; "" when two codes share it
}

// competencyCode is the part of a stored competency that resolving codes
// reads: decoding whole competencies (titles and descriptions in several
// languages) for every imported file cost 4% of a bulk import's CPU.
type competencyCode struct {
	curricula.Meta
	Code string `json:"code"`
}

func (*competencyCode) Kind() curricula.Kind { return curricula.KindCompetency }
func (*competencyCode) Validate() error      { return nil }

func (fc *frameworkCodes) resolve(code string) (string, bool) {
	if id, ok := fc.byCode[code]; ok {
		return id, true
	}
	id := fc.byLower[strings.ToLower(code)]
	return id, id != ""
}

// fault records a fault of the file.
func (imp *moduleImport) fault(row int, field, msg string) {
	if len(imp.resp.Errors) >= MaxImportErrors {
		imp.resp.MoreErrors++
		return
	}
	imp.resp.Errors = append(imp.resp.Errors, &pb.ImportRowError{Row: int32(row), Field: field, Message: msg})
	imp.modules, imp.rows, imp.keep = nil, nil, false // nothing will be stored
}

// rowFaults records the faults of a sheet error and returns the columns
// they name; ok is false when err is not about the file (reading failed).
func (imp *moduleImport) rowFaults(err error) (fields map[string]bool, ok bool) {
	var es sheet.RowErrors
	var e *sheet.RowError
	switch {
	case errors.As(err, &es):
	case errors.As(err, &e):
		es = sheet.RowErrors{e}
	default:
		return nil, false
	}
	fields = map[string]bool{}
	for _, e := range es {
		imp.fault(e.Row, e.Field, e.Msg)
		fields[e.Field] = true
	}
	return fields, true
}

// check runs phase 1 over the file.
func (imp *moduleImport) check(ctx context.Context, r io.Reader) error {
	rd, err := sheet.NewReader(r)
	if err != nil {
		if _, ok := imp.rowFaults(err); ok {
			return nil
		}
		return err
	}
	for {
		row, err := rd.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var flagged map[string]bool
		if err != nil {
			var ok bool
			if flagged, ok = imp.rowFaults(err); !ok {
				return err
			}
			if flagged[""] { // the record itself is broken (a stray quote)
				imp.resp.Rows++
				continue
			}
		}
		imp.resp.Rows++
		if imp.resp.Rows > imp.maxRows {
			imp.resp.Rows--
			imp.fault(row.Line, "", fmt.Sprintf("the file has more than %d rows, the most one import takes; split it (by curriculum, say)", imp.maxRows))
			return nil
		}
		if err := imp.checkRow(ctx, row, flagged); err != nil {
			return err
		}
	}
}

// checkRow turns one row into a module and checks its references.
func (imp *moduleImport) checkRow(ctx context.Context, row sheet.Row, flagged map[string]bool) error {
	var cur *importCurriculum
	resolve := curricula.CodeToID // an unknown curriculum: check the codes' form only
	if curricula.ValidID(row.Curriculum) {
		var err error
		if cur, err = imp.curriculum(ctx, row.Curriculum); err != nil {
			return err
		}
		if cur.exists {
			resolve = cur.codes.resolve
		}
	}
	if flagged[sheet.ColHours] {
		// The hours could not be read: do not check the alignments'
		// hours against a stand-in 0.
		row.Hours = curricula.MaxModuleHours
	}
	faults := len(imp.resp.Errors) + int(imp.resp.MoreErrors)
	_, m, err := row.ToModule(imp.academy, resolve)
	if err != nil {
		var es sheet.RowErrors
		var e *sheet.RowError
		switch {
		case errors.As(err, &es):
		case errors.As(err, &e):
			es = sheet.RowErrors{e}
		default:
			return err
		}
		for _, e := range es {
			if !flagged[e.Field] {
				imp.fault(e.Row, e.Field, e.Msg)
			}
		}
	}
	if cur != nil && !cur.exists {
		imp.fault(row.Line, sheet.ColCurriculum, cur.name+" does not exist")
	}
	if m == nil || len(flagged) > 0 || len(imp.resp.Errors)+int(imp.resp.MoreErrors) > faults {
		return nil
	}
	id := m.Name[strings.LastIndexByte(m.Name, '/')+1:]
	if prev, dup := imp.seen[m.Name]; dup {
		imp.fault(row.Line, sheet.ColModule, fmt.Sprintf("%q is already on row %d (curriculum %s)", id, prev, row.Curriculum))
		return nil
	}
	imp.seen[m.Name] = row.Line
	if cur.stored[id] {
		if !imp.upsert {
			imp.fault(row.Line, sheet.ColModule, m.Name+" already exists; import with mode UPSERT to replace it")
			return nil
		}
		imp.resp.Updated++
	} else {
		imp.resp.Created++
	}
	for _, a := range m.Alignments {
		cur.used[a.Competency] = true
	}
	if imp.keep {
		imp.modules = append(imp.modules, m)
		imp.rows = append(imp.rows, int32(row.Line))
	}
	return nil
}

// curriculum looks a curriculum of the academy up, once.
func (imp *moduleImport) curriculum(ctx context.Context, id string) (*importCurriculum, error) {
	if c, ok := imp.curricula[id]; ok {
		return c, nil
	}
	c := &importCurriculum{name: curricula.CurriculumName(imp.academy, id), stored: map[string]bool{}, used: map[string]bool{}}
	err := imp.store.View(ctx, func(tx curricula.Tx) error {
		var cu curricula.Curriculum
		err := tx.Get(c.name, &cu)
		if curricula.ErrorCode(err) == curricula.ENOTFOUND {
			return nil
		}
		if err != nil {
			return err
		}
		c.exists, c.framework = true, cu.Framework
		if c.codes, err = imp.frameworkCodes(tx, cu.Framework); err != nil {
			return err
		}
		prefix := c.name + "/" + curricula.CollModules + "/"
		return tx.Scan(curricula.KindModule, c.name, "", func(name string, _ func(curricula.Resource) error) (bool, error) {
			c.stored[strings.TrimPrefix(name, prefix)] = true
			return true, nil
		})
	})
	if err != nil {
		return nil, err
	}
	imp.curricula[id] = c
	return c, nil
}

func (imp *moduleImport) frameworkCodes(tx curricula.Tx, framework string) (*frameworkCodes, error) {
	if fc, ok := imp.codes[framework]; ok {
		return fc, nil
	}
	fc := &frameworkCodes{byCode: map[string]string{}, byLower: map[string]string{}}
	err := tx.Scan(curricula.KindCompetency, framework, "", func(name string, decode func(curricula.Resource) error) (bool, error) {
		var c competencyCode
		if err := decode(&c); err != nil {
			return false, err
		}
		n, err := curricula.ParseName(curricula.KindCompetency, name)
		if err != nil {
			return false, err
		}
		fc.byCode[c.Code] = n.ID()
		low := strings.ToLower(c.Code)
		if _, clash := fc.byLower[low]; clash {
			fc.byLower[low] = ""
		} else {
			fc.byLower[low] = n.ID()
		}
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	imp.codes[framework] = fc
	return fc, nil
}

// write runs phase 2: one write transaction for every module.
func (imp *moduleImport) write(ctx context.Context) error {
	var created, updated, unchanged int32
	err := imp.store.Update(ctx, func(tx curricula.WriteTx) error {
		created, updated, unchanged = 0, 0, 0
		if err := imp.recheck(tx); err != nil {
			return err
		}
		for i, m := range imp.modules {
			if i%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			var old curricula.Module
			err := tx.Get(m.Name, &old)
			switch {
			case curricula.ErrorCode(err) == curricula.ENOTFOUND:
				err = tx.Create(m)
				created++
			case err != nil:
			case !imp.upsert:
				err = changed("%s (row %d) was created while the import ran", m.Name, imp.rows[i])
			case sameModule(&old, m):
				unchanged++
			default:
				err = tx.Update(m, "")
				updated++
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	imp.resp.Created, imp.resp.Updated, imp.resp.Unchanged = created, updated, unchanged
	return nil
}

// recheck verifies, inside the write transaction, what the check phase
// found: each curriculum (all exist, or there would be faults) is still on
// the same framework and every aligned competency still exists.
func (imp *moduleImport) recheck(tx curricula.Tx) error {
	for _, c := range imp.curricula {
		var cu curricula.Curriculum
		err := tx.Get(c.name, &cu)
		if curricula.ErrorCode(err) == curricula.ENOTFOUND || err == nil && cu.Framework != c.framework {
			return changed("%s was deleted or changed framework while the import ran", c.name)
		}
		if err != nil {
			return err
		}
		for id := range c.used {
			ok, err := tx.Exists(c.framework + "/" + curricula.CollCompetencies + "/" + id)
			if err != nil {
				return err
			}
			if !ok {
				return changed("competency %s of %s was deleted while the import ran", id, c.framework)
			}
		}
	}
	return nil
}

func changed(format string, args ...any) error {
	return curricula.Errorf(curricula.EABORTED, "nothing was stored: "+format+"; run the import again", args...)
}

// sameModule reports whether two modules hold the same data (their
// metadata aside).
func sameModule(a, b *curricula.Module) bool {
	x, y := *a, *b
	x.Meta, y.Meta = curricula.Meta{}, curricula.Meta{}
	return reflect.DeepEqual(x, y)
}
