package services

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop/sheet"
	"github.com/concord-ibm/concord/storage"
	"github.com/stretchr/testify/require"
)

// FuzzImportModulesCheck runs the check phase of ImportModules over
// arbitrary files against a real store: it never fails on the file (only
// reports faults, each on a real row), and when it reports none, every
// module it would store is valid, belongs to the academy's curriculum
// and aligns only to competencies of that curriculum's framework.
func FuzzImportModulesCheck(f *testing.F) {
	for _, s := range []string{
		string(sheet.Template()),
		"curriculum,code,title\nbasic,BG-1,Title\n",
		"curriculum,module,code,title,hours,alignments\nbasic,m1,M1,T,10,RA-01:M:4; ra-02:i\nbasic,m1,M2,T,1,\n",
		"curriculum,code,title,hours,alignments\nbasic,M1,T,lots,RA-01:M:4\nnope,M2,T,1,RA-01:M\n",
		"curriculum;code;title;hours\nbasic;M1;T;1,5\n",
		"curriculum,code,title\nbasic,\"M1,T\n",
		"", "\uFEFF", "curriculum\n",
	} {
		f.Add([]byte(s))
	}
	store, ctx := importFixture(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		imp := &moduleImport{store: store, academy: "kz", maxRows: MaxImportRows, keep: true, curricula: map[string]*importCurriculum{},
			codes: map[string]*frameworkCodes{}, seen: map[string]int{}, resp: &pb.ImportModulesResponse{}}
		require.NoError(t, imp.check(ctx, bytes.NewReader(data)))
		require.LessOrEqual(t, len(imp.resp.Errors), MaxImportErrors)
		for _, e := range imp.resp.GetErrors() {
			require.Positive(t, e.GetRow(), e.String())
			require.NotEmpty(t, e.GetMessage())
		}
		if len(imp.resp.Errors) > 0 {
			require.Empty(t, imp.modules)
			return
		}
		require.Len(t, imp.modules, int(imp.resp.Rows))
		require.Equal(t, imp.resp.Rows, imp.resp.Created)
		for _, m := range imp.modules {
			require.NoError(t, m.Validate())
			require.True(t, strings.HasPrefix(m.Name, curBasic+"/modules/"), m.Name)
			for _, a := range m.Alignments {
				require.NoError(t, store.View(ctx, func(tx curricula.Tx) error {
					return tx.Get(ibmCore+"/competencies/"+a.Competency, new(curricula.Competency))
				}))
			}
		}
	})
}

// importFixture is a real store with the default framework, the academy
// kz and its curriculum basic on ibm-core.
func importFixture(t testing.TB) (*storage.DB, context.Context) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "concord.db"), storage.Options{NoSync: true})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	ctx := curricula.NewContext(context.Background(), curricula.Anonymous)
	_, err = curricula.SeedDefaultFramework(ctx, db)
	require.NoError(t, err)
	require.NoError(t, db.Update(ctx, func(tx curricula.WriteTx) error {
		if err := tx.Create(&curricula.Academy{Meta: curricula.Meta{Name: "academies/kz"}, DisplayName: "KZ", Country: "KZ", Agency: "border-guard"}); err != nil {
			return err
		}
		return tx.Create(&curricula.Curriculum{Meta: curricula.Meta{Name: curBasic}, Title: "Basic", Level: curricula.LevelBasic,
			Language: "ru", Framework: ibmCore, State: curricula.CurriculumActive})
	}))
	return db, ctx
}

func TestImportModulesRowLimit(t *testing.T) {
	store, ctx := importFixture(t)
	file := "curriculum,code,title\nbasic,M1,T\nbasic,M2,T\nbasic,M3,T\nbasic,M4,T\n"
	for _, tc := range []struct {
		max    int32
		faults int
	}{{4, 0}, {3, 1}} {
		imp := &moduleImport{store: store, academy: "kz", maxRows: tc.max, keep: true, curricula: map[string]*importCurriculum{},
			codes: map[string]*frameworkCodes{}, seen: map[string]int{}, resp: &pb.ImportModulesResponse{}}
		require.NoError(t, imp.check(ctx, strings.NewReader(file)))
		require.Len(t, imp.resp.Errors, tc.faults)
		if tc.faults > 0 {
			e := imp.resp.Errors[0]
			require.Equal(t, int32(5), e.GetRow())
			require.Contains(t, e.GetMessage(), "more than 3 rows")
			require.Equal(t, int32(3), imp.resp.Rows)
			require.Empty(t, imp.modules)
		} else {
			require.Len(t, imp.modules, 4)
		}
	}
}

func TestImportModulesAccessRule(t *testing.T) {
	editor := curricula.Principal{Subject: "kz-editor", Role: curricula.RoleEditor, Academies: []string{"kz"}}
	viewer := curricula.Principal{Subject: "v", Role: curricula.RoleViewer}
	coordinator := curricula.Principal{Subject: "c", Role: curricula.RoleCoordinator}
	method := pb.InteropService_ImportModules_FullMethodName
	for _, tc := range []struct {
		p      curricula.Principal
		parent string
		ok     bool
	}{
		{editor, "academies/kz", true},
		{editor, "academies/tj", false},
		{editor, "", false},
		{viewer, "academies/kz", false},
		{coordinator, "academies/kz", false}, // modules are their academy's
		{curricula.Anonymous, "academies/kz", true},
	} {
		err := AccessPolicy.Check(tc.p, method, &pb.ImportModulesRequest{Parent: tc.parent})
		if tc.ok {
			require.NoError(t, err, "%s %s", tc.p.Subject, tc.parent)
		} else {
			require.Equal(t, curricula.EPERMISSION, curricula.ErrorCode(err), "%s %s", tc.p.Subject, tc.parent)
		}
	}
	require.NoError(t, AccessPolicy.Check(viewer, pb.InteropService_ExportModules_FullMethodName, &pb.ExportModulesRequest{}))
	require.Error(t, AccessPolicy.Check(editor, pb.InteropService_ImportFramework_FullMethodName, &pb.ImportFrameworkRequest{}))
	require.NoError(t, AccessPolicy.Check(viewer, pb.CaseService_GetCFPackage_FullMethodName, &pb.GetCFPackageRequest{}))
}
