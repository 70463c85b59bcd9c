package services

import (
	"context"
	"path/filepath"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/storage"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// fixture is a real bbolt store seeded with the default framework
// (published), one draft framework "draft" with competencies a and b (b
// under a), the academy "kz" and its curriculum "basic" on ibm-core.
type fixture struct {
	ctx   context.Context
	store *storage.DB
	fw    *FrameworkService
	ac    *AcademyService
	pr    *ProgrammeService
}

const (
	curBasic = "academies/kz/curricula/basic"
	ibmCore  = "frameworks/ibm-core"
	draftFw  = "frameworks/draft"
)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "concord.db"), storage.Options{NoSync: true})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	ctx := curricula.NewContext(context.Background(), curricula.Principal{Subject: "test", Role: curricula.RoleAdmin})
	created, err := curricula.SeedDefaultFramework(ctx, db)
	require.NoError(t, err)
	require.True(t, created)
	f := &fixture{ctx: ctx, store: db, fw: NewFrameworkService(db), ac: NewAcademyService(db), pr: NewProgrammeService(db)}

	_, err = f.fw.CreateFramework(ctx, &pb.CreateFrameworkRequest{FrameworkId: "draft", Framework: &pb.Framework{
		Title: map[string]string{"en": "Draft"}, Version: "0.1", State: pb.Framework_DRAFT,
	}})
	require.NoError(t, err)
	f.competency(t, "a", "A", "")
	f.competency(t, "b", "B", draftFw+"/competencies/a")

	_, err = f.ac.CreateAcademy(ctx, &pb.CreateAcademyRequest{AcademyId: "kz", Academy: &pb.Academy{
		DisplayName: "Border Academy", Country: "KZ", Agency: "border-guard", Languages: []string{"kk", "ru"},
	}})
	require.NoError(t, err)
	_, err = f.ac.CreateCurriculum(ctx, &pb.CreateCurriculumRequest{Parent: "academies/kz", CurriculumId: "basic", Curriculum: &pb.Curriculum{
		Title: "Basic", Level: pb.Curriculum_BASIC, Language: "ru", Framework: ibmCore, State: pb.Curriculum_ACTIVE,
	}})
	require.NoError(t, err)
	return f
}

func (f *fixture) competency(t *testing.T, id, code, parent string) *pb.Competency {
	t.Helper()
	c, err := f.fw.CreateCompetency(f.ctx, &pb.CreateCompetencyRequest{Parent: draftFw, CompetencyId: id, Competency: &pb.Competency{
		Code: code, Title: map[string]string{"en": code}, ParentCompetency: parent,
	}})
	require.NoError(t, err)
	return c
}

func (f *fixture) module(id string, hours float64, alignments ...*pb.Alignment) *pb.CreateModuleRequest {
	return &pb.CreateModuleRequest{Parent: curBasic, ModuleId: id, Module: &pb.Module{
		Code: id, Title: "Module " + id, Hours: hours, Alignments: alignments,
	}}
}

func ibmComp(id string) string { return ibmCore + "/competencies/" + id }

// requireStatus converts err as the server does and checks its code and,
// when given, the fields of its BadRequest violations.
func requireStatus(t *testing.T, err error, code codes.Code, fields ...string) {
	t.Helper()
	require.Error(t, err)
	st := ToStatus(context.Background(), discard, "m", err)
	require.Equal(t, code, st.Code(), "%v", err)
	if len(fields) == 0 {
		return
	}
	var got []string
	for _, v := range badRequest(t, st) {
		got = append(got, v.GetField())
	}
	require.Equal(t, fields, got, "%v", err)
}

func TestCreateModule(t *testing.T) {
	f := newFixture(t)
	m, err := f.ac.CreateModule(f.ctx, f.module("m1", 40,
		&pb.Alignment{Competency: ibmComp("gov-01"), Depth: pb.Depth_MASTERED, Hours: 30},
		&pb.Alignment{Competency: ibmComp("gov-02"), Depth: pb.Depth_INTRODUCED},
	))
	require.NoError(t, err)
	require.Equal(t, curBasic+"/modules/m1", m.GetName())
	require.Equal(t, `"1"`, m.GetEtag())
	require.NotNil(t, m.GetCreateTime())
	require.Equal(t, ibmComp("gov-02"), m.GetAlignments()[1].GetCompetency())

	got, err := f.ac.GetModule(f.ctx, &pb.GetModuleRequest{Name: m.GetName()})
	require.NoError(t, err)
	require.Equal(t, m.String(), got.String())

	for _, tc := range []struct {
		what   string
		req    *pb.CreateModuleRequest
		code   codes.Code
		fields []string
	}{
		{"unknown competency", f.module("m2", 10, &pb.Alignment{Competency: ibmComp("nope"), Depth: pb.Depth_MASTERED}),
			codes.InvalidArgument, []string{"module.alignments[0].competency"}},
		{"bare competency ID, reported once", f.module("m2", 10, &pb.Alignment{Competency: "gov-01", Depth: pb.Depth_MASTERED}),
			codes.InvalidArgument, []string{"module.alignments[0].competency"}},
		{"competency of another framework", f.module("m2", 10, &pb.Alignment{Competency: draftFw + "/competencies/a", Depth: pb.Depth_MASTERED}),
			codes.InvalidArgument, []string{"module.alignments[0].competency"}},
		{"duplicate alignment and no depth", f.module("m2", 10,
			&pb.Alignment{Competency: ibmComp("gov-01"), Depth: pb.Depth_MASTERED},
			&pb.Alignment{Competency: ibmComp("gov-01")}),
			codes.InvalidArgument, []string{"module.alignments[1].competency", "module.alignments[1].depth"}},
		{"aligned hours above module hours", f.module("m2", 10, &pb.Alignment{Competency: ibmComp("gov-01"), Depth: pb.Depth_MASTERED, Hours: 11}),
			codes.InvalidArgument, []string{"module.alignments"}},
		{"negative hours", f.module("m2", -1), codes.InvalidArgument, []string{"module.hours"}},
		{"bad id", f.module("M2", 10), codes.InvalidArgument, []string{"module_id"}},
		{"no module", &pb.CreateModuleRequest{Parent: curBasic, ModuleId: "m2"}, codes.InvalidArgument, []string{"module"}},
		{"bad parent", &pb.CreateModuleRequest{Parent: "academies/kz", ModuleId: "m2", Module: &pb.Module{Code: "x", Title: "x"}}, codes.InvalidArgument, []string{"parent"}},
		{"missing curriculum", &pb.CreateModuleRequest{Parent: "academies/kz/curricula/none", ModuleId: "m2", Module: &pb.Module{Code: "x", Title: "x"}}, codes.NotFound, nil},
		{"existing", f.module("m1", 10), codes.AlreadyExists, nil},
	} {
		t.Run(tc.what, func(t *testing.T) {
			_, err := f.ac.CreateModule(f.ctx, tc.req)
			requireStatus(t, err, tc.code, tc.fields...)
		})
	}
	// Nothing of the failed requests was stored.
	list, err := f.ac.ListModules(f.ctx, &pb.ListModulesRequest{Parent: curBasic})
	require.NoError(t, err)
	require.Len(t, list.GetModules(), 1)
}

func TestUpdateModule(t *testing.T) {
	f := newFixture(t)
	m, err := f.ac.CreateModule(f.ctx, f.module("m1", 40, &pb.Alignment{Competency: ibmComp("gov-01"), Depth: pb.Depth_MASTERED, Hours: 30}))
	require.NoError(t, err)

	up, err := f.ac.UpdateModule(f.ctx, &pb.UpdateModuleRequest{
		Module:     &pb.Module{Name: m.GetName(), Hours: 60, Title: "ignored", Etag: m.GetEtag()},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"hours"}},
	})
	require.NoError(t, err)
	require.Equal(t, 60.0, up.GetHours())
	require.Equal(t, "Module m1", up.GetTitle())
	require.Len(t, up.GetAlignments(), 1)
	require.Equal(t, `"2"`, up.GetEtag())

	for _, tc := range []struct {
		what   string
		req    *pb.UpdateModuleRequest
		code   codes.Code
		fields []string
	}{
		{"stale etag", &pb.UpdateModuleRequest{Module: &pb.Module{Name: m.GetName(), Hours: 50, Etag: m.GetEtag()}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"hours"}}},
			codes.Aborted, nil},
		{"hours below aligned hours", &pb.UpdateModuleRequest{Module: &pb.Module{Name: m.GetName(), Hours: 20}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"hours"}}},
			codes.InvalidArgument, []string{"module.alignments"}},
		{"unknown competency", &pb.UpdateModuleRequest{Module: &pb.Module{Name: m.GetName(), Alignments: []*pb.Alignment{{Competency: ibmComp("zz"), Depth: pb.Depth_INTRODUCED}}}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"alignments"}}},
			codes.InvalidArgument, []string{"module.alignments[0].competency"}},
		{"unknown mask path", &pb.UpdateModuleRequest{Module: &pb.Module{Name: m.GetName()}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"weight"}}},
			codes.InvalidArgument, []string{"update_mask"}},
		{"bad name", &pb.UpdateModuleRequest{Module: &pb.Module{Name: "modules/m1"}}, codes.InvalidArgument, []string{"module.name"}},
		{"missing", &pb.UpdateModuleRequest{Module: &pb.Module{Name: curBasic + "/modules/zz", Hours: 1}}, codes.NotFound, nil},
	} {
		t.Run(tc.what, func(t *testing.T) {
			_, err := f.ac.UpdateModule(f.ctx, tc.req)
			requireStatus(t, err, tc.code, tc.fields...)
		})
	}
	got, err := f.ac.GetModule(f.ctx, &pb.GetModuleRequest{Name: m.GetName()})
	require.NoError(t, err)
	require.Equal(t, up.String(), got.String(), "failed updates change nothing")
}

func TestFrameworkImmutability(t *testing.T) {
	f := newFixture(t)

	_, err := f.fw.CreateCompetency(f.ctx, &pb.CreateCompetencyRequest{Parent: ibmCore, CompetencyId: "new", Competency: &pb.Competency{
		Code: "NEW", Title: map[string]string{"en": "New"},
	}})
	requireStatus(t, err, codes.FailedPrecondition)

	_, err = f.fw.UpdateCompetency(f.ctx, &pb.UpdateCompetencyRequest{
		Competency: &pb.Competency{Name: ibmComp("gov-01"), Title: map[string]string{"en": "Changed"}},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title"}},
	})
	requireStatus(t, err, codes.FailedPrecondition)

	_, err = f.fw.DeleteCompetency(f.ctx, &pb.DeleteCompetencyRequest{Name: ibmComp("gov-01")})
	requireStatus(t, err, codes.FailedPrecondition)

	_, err = f.fw.UpdateFramework(f.ctx, &pb.UpdateFrameworkRequest{
		Framework:  &pb.Framework{Name: ibmCore, Title: map[string]string{"en": "Renamed"}},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title"}},
	})
	requireStatus(t, err, codes.FailedPrecondition)

	before, err := f.fw.GetFramework(f.ctx, &pb.GetFrameworkRequest{Name: ibmCore})
	require.NoError(t, err)
	retired, err := f.fw.UpdateFramework(f.ctx, &pb.UpdateFrameworkRequest{
		Framework:  &pb.Framework{Name: ibmCore, State: pb.Framework_RETIRED, Etag: before.GetEtag()},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"state"}},
	})
	require.NoError(t, err)
	require.Equal(t, pb.Framework_RETIRED, retired.GetState())
	require.Equal(t, before.GetTitle(), retired.GetTitle())
	require.NotEqual(t, before.GetEtag(), retired.GetEtag())

	_, err = f.fw.UpdateFramework(f.ctx, &pb.UpdateFrameworkRequest{
		Framework:  &pb.Framework{Name: ibmCore, State: pb.Framework_DRAFT},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"state"}},
	})
	requireStatus(t, err, codes.FailedPrecondition)

	// A draft changes freely.
	d, err := f.fw.UpdateFramework(f.ctx, &pb.UpdateFrameworkRequest{
		Framework:  &pb.Framework{Name: draftFw, Title: map[string]string{"en": "Draft 2"}, PreviousVersion: ibmCore},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title", "previous_version"}},
	})
	require.NoError(t, err)
	require.Equal(t, map[string]string{"en": "Draft 2"}, d.GetTitle())

	_, err = f.fw.UpdateFramework(f.ctx, &pb.UpdateFrameworkRequest{
		Framework:  &pb.Framework{Name: draftFw, PreviousVersion: "frameworks/none"},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"previous_version"}},
	})
	requireStatus(t, err, codes.InvalidArgument, "framework.previous_version")
	_, err = f.fw.UpdateFramework(f.ctx, &pb.UpdateFrameworkRequest{
		Framework:  &pb.Framework{Name: draftFw, PreviousVersion: draftFw},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"previous_version"}},
	})
	requireStatus(t, err, codes.InvalidArgument, "framework.previous_version")
}

func TestDeleteFrameworkInUse(t *testing.T) {
	f := newFixture(t)
	_, err := f.fw.CreateFramework(f.ctx, &pb.CreateFrameworkRequest{FrameworkId: "empty", Framework: &pb.Framework{
		Title: map[string]string{"en": "Empty"}, Version: "1", State: pb.Framework_DRAFT,
	}})
	require.NoError(t, err)
	_, err = f.ac.CreateCurriculum(f.ctx, &pb.CreateCurriculumRequest{Parent: "academies/kz", CurriculumId: "adv", Curriculum: &pb.Curriculum{
		Title: "Advanced", Level: pb.Curriculum_ADVANCED, Language: "ru", Framework: "frameworks/empty", State: pb.Curriculum_DRAFT,
	}})
	require.NoError(t, err)

	// Even with force, a framework in use stays.
	for _, force := range []bool{false, true} {
		_, err = f.fw.DeleteFramework(f.ctx, &pb.DeleteFrameworkRequest{Name: "frameworks/empty", Force: force})
		requireStatus(t, err, codes.FailedPrecondition)
		require.Contains(t, err.Error(), "academies/kz/curricula/adv")
	}
	_, err = f.fw.GetFramework(f.ctx, &pb.GetFrameworkRequest{Name: "frameworks/empty"})
	require.NoError(t, err)

	// A programme counts as a user too.
	_, err = f.ac.DeleteCurriculum(f.ctx, &pb.DeleteCurriculumRequest{Name: "academies/kz/curricula/adv"})
	require.NoError(t, err)
	_, err = f.pr.CreateProgramme(f.ctx, &pb.CreateProgrammeRequest{ProgrammeId: "p", Programme: &pb.Programme{Title: "P", Framework: "frameworks/empty"}})
	require.NoError(t, err)
	_, err = f.fw.DeleteFramework(f.ctx, &pb.DeleteFrameworkRequest{Name: "frameworks/empty"})
	requireStatus(t, err, codes.FailedPrecondition)
	require.Contains(t, err.Error(), "programmes/p")

	_, err = f.pr.DeleteProgramme(f.ctx, &pb.DeleteProgrammeRequest{Name: "programmes/p"})
	require.NoError(t, err)
	_, err = f.fw.DeleteFramework(f.ctx, &pb.DeleteFrameworkRequest{Name: "frameworks/empty"})
	require.NoError(t, err)
	_, err = f.fw.GetFramework(f.ctx, &pb.GetFrameworkRequest{Name: "frameworks/empty"})
	requireStatus(t, err, codes.NotFound)
}

func TestCompetencyChecks(t *testing.T) {
	f := newFixture(t)
	comp := func(id string) string { return draftFw + "/competencies/" + id }
	f.competency(t, "c", "C", comp("b"))

	for _, tc := range []struct {
		what   string
		run    func() error
		code   codes.Code
		fields []string
	}{
		{"parent cycle", func() error {
			_, err := f.fw.UpdateCompetency(f.ctx, &pb.UpdateCompetencyRequest{
				Competency: &pb.Competency{Name: comp("a"), ParentCompetency: comp("c")},
				UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"parent_competency"}},
			})
			return err
		}, codes.InvalidArgument, []string{"competency.parent_competency"}},
		{"own parent", func() error {
			_, err := f.fw.UpdateCompetency(f.ctx, &pb.UpdateCompetencyRequest{
				Competency: &pb.Competency{Name: comp("a"), ParentCompetency: comp("a")},
				UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"parent_competency"}},
			})
			return err
		}, codes.InvalidArgument, []string{"competency.parent_competency"}},
		{"missing parent", func() error {
			_, err := f.fw.CreateCompetency(f.ctx, &pb.CreateCompetencyRequest{Parent: draftFw, CompetencyId: "d", Competency: &pb.Competency{
				Code: "D", Title: map[string]string{"en": "D"}, ParentCompetency: comp("zz"),
			}})
			return err
		}, codes.InvalidArgument, []string{"competency.parent_competency"}},
		{"parent in another framework", func() error {
			_, err := f.fw.CreateCompetency(f.ctx, &pb.CreateCompetencyRequest{Parent: draftFw, CompetencyId: "d", Competency: &pb.Competency{
				Code: "D", Title: map[string]string{"en": "D"}, ParentCompetency: ibmComp("gov"),
			}})
			return err
		}, codes.InvalidArgument, []string{"competency.parent_competency"}},
		{"duplicate code", func() error {
			_, err := f.fw.CreateCompetency(f.ctx, &pb.CreateCompetencyRequest{Parent: draftFw, CompetencyId: "d", Competency: &pb.Competency{
				Code: "B", Title: map[string]string{"en": "D"},
			}})
			return err
		}, codes.InvalidArgument, []string{"competency.code"}},
		{"duplicate code on update", func() error {
			_, err := f.fw.UpdateCompetency(f.ctx, &pb.UpdateCompetencyRequest{
				Competency: &pb.Competency{Name: comp("c"), Code: "A"},
				UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"code"}},
			})
			return err
		}, codes.InvalidArgument, []string{"competency.code"}},
		{"delete with children", func() error {
			_, err := f.fw.DeleteCompetency(f.ctx, &pb.DeleteCompetencyRequest{Name: comp("b")})
			return err
		}, codes.FailedPrecondition, nil},
	} {
		t.Run(tc.what, func(t *testing.T) {
			requireStatus(t, tc.run(), tc.code, tc.fields...)
		})
	}

	// Keeping its own code and moving under another parent is fine.
	moved, err := f.fw.UpdateCompetency(f.ctx, &pb.UpdateCompetencyRequest{
		Competency: &pb.Competency{Name: comp("c"), Code: "C", ParentCompetency: comp("a")},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"code", "parent_competency"}},
	})
	require.NoError(t, err)
	require.Equal(t, comp("a"), moved.GetParentCompetency())
	_, err = f.fw.DeleteCompetency(f.ctx, &pb.DeleteCompetencyRequest{Name: comp("b")})
	require.NoError(t, err)
}

func TestUpdateCurriculumFramework(t *testing.T) {
	f := newFixture(t)
	toDraft := &pb.UpdateCurriculumRequest{
		Curriculum: &pb.Curriculum{Name: curBasic, Framework: draftFw},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"framework"}},
	}
	_, err := f.ac.CreateModule(f.ctx, f.module("m1", 10))
	require.NoError(t, err)
	_, err = f.ac.UpdateCurriculum(f.ctx, toDraft)
	requireStatus(t, err, codes.FailedPrecondition)

	_, err = f.ac.UpdateCurriculum(f.ctx, &pb.UpdateCurriculumRequest{
		Curriculum: &pb.Curriculum{Name: curBasic, Framework: "frameworks/none"},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"framework"}},
	})
	requireStatus(t, err, codes.InvalidArgument, "curriculum.framework")

	// Other fields still change.
	c, err := f.ac.UpdateCurriculum(f.ctx, &pb.UpdateCurriculumRequest{
		Curriculum: &pb.Curriculum{Name: curBasic, Edition: "2025"},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"edition"}},
	})
	require.NoError(t, err)
	require.Equal(t, ibmCore, c.GetFramework())
	require.Equal(t, "2025", c.GetEdition())

	// Without modules the framework can change.
	_, err = f.ac.DeleteModule(f.ctx, &pb.DeleteModuleRequest{Name: curBasic + "/modules/m1"})
	require.NoError(t, err)
	c, err = f.ac.UpdateCurriculum(f.ctx, toDraft)
	require.NoError(t, err)
	require.Equal(t, draftFw, c.GetFramework())
}

func TestProgrammeReferences(t *testing.T) {
	f := newFixture(t)
	base := func() *pb.Programme {
		return &pb.Programme{Title: "Central Asia", Framework: ibmCore, Members: []string{curBasic},
			Targets: &pb.Targets{RequiredCompetencies: []string{ibmComp("gov-01")}, MinDepth: pb.Depth_REINFORCED, MinHours: 2,
				Overrides: []*pb.TargetOverride{{Competency: ibmComp("gov-02"), MinDepth: pb.Depth_MASTERED}}}}
	}
	for _, tc := range []struct {
		what   string
		change func(p *pb.Programme)
		fields []string
	}{
		{"missing member", func(p *pb.Programme) { p.Members = []string{"academies/kz/curricula/none", curBasic} }, []string{"programme.members[0]"}},
		{"duplicate member", func(p *pb.Programme) { p.Members = append(p.Members, curBasic) }, []string{"programme.members[1]"}},
		{"missing framework", func(p *pb.Programme) { p.Framework = "frameworks/none"; p.Targets = nil }, []string{"programme.framework"}},
		{"missing required competency", func(p *pb.Programme) { p.Targets.RequiredCompetencies[0] = ibmComp("zz") }, []string{"programme.targets.required_competencies[0]"}},
		{"override in another framework", func(p *pb.Programme) { p.Targets.Overrides[0].Competency = draftFw + "/competencies/a" }, []string{"programme.targets.overrides[0].competency"}},
	} {
		t.Run(tc.what, func(t *testing.T) {
			p := base()
			tc.change(p)
			_, err := f.pr.CreateProgramme(f.ctx, &pb.CreateProgrammeRequest{ProgrammeId: "ca", Programme: p})
			requireStatus(t, err, codes.InvalidArgument, tc.fields...)
		})
	}
	p, err := f.pr.CreateProgramme(f.ctx, &pb.CreateProgrammeRequest{ProgrammeId: "ca", Programme: base()})
	require.NoError(t, err)
	require.Equal(t, "programmes/ca", p.GetName())
	require.Equal(t, base().GetTargets().String(), p.GetTargets().String())
}

func TestListPaging(t *testing.T) {
	f := newFixture(t)
	all, err := f.fw.ListCompetencies(f.ctx, &pb.ListCompetenciesRequest{Parent: ibmCore, PageSize: 1000})
	require.NoError(t, err)
	require.Empty(t, all.GetNextPageToken())
	_, comps, err := curricula.DefaultFramework()
	require.NoError(t, err)
	require.Len(t, all.GetCompetencies(), len(comps))

	var names []string
	token := ""
	pages := 0
	for {
		page, err := f.fw.ListCompetencies(f.ctx, &pb.ListCompetenciesRequest{Parent: ibmCore, PageSize: 7, PageToken: token})
		require.NoError(t, err)
		require.LessOrEqual(t, len(page.GetCompetencies()), 7)
		for _, c := range page.GetCompetencies() {
			names = append(names, c.GetName())
		}
		pages++
		if token = page.GetNextPageToken(); token == "" {
			break
		}
	}
	require.Equal(t, (len(comps)+6)/7, pages)
	var want []string
	for _, c := range all.GetCompetencies() {
		want = append(want, c.GetName())
	}
	require.Equal(t, want, names)

	// Filtered pages hold only matches; the token is bound to the filter.
	const filter = `parent_competency = "frameworks/ibm-core/competencies/gov"`
	first, err := f.fw.ListCompetencies(f.ctx, &pb.ListCompetenciesRequest{Parent: ibmCore, PageSize: 2, Filter: filter})
	require.NoError(t, err)
	require.Len(t, first.GetCompetencies(), 2)
	require.Equal(t, ibmComp("gov-01"), first.GetCompetencies()[0].GetName())
	require.NotEmpty(t, first.GetNextPageToken())
	_, err = f.fw.ListCompetencies(f.ctx, &pb.ListCompetenciesRequest{Parent: ibmCore, PageSize: 2, PageToken: first.GetNextPageToken()})
	requireStatus(t, err, codes.InvalidArgument, "page_token")
	_, err = f.fw.ListCompetencies(f.ctx, &pb.ListCompetenciesRequest{Parent: draftFw, PageSize: 2, Filter: filter, PageToken: first.GetNextPageToken()})
	requireStatus(t, err, codes.InvalidArgument, "page_token")
	second, err := f.fw.ListCompetencies(f.ctx, &pb.ListCompetenciesRequest{Parent: ibmCore, PageSize: 2, Filter: filter, PageToken: first.GetNextPageToken()})
	require.NoError(t, err)
	require.Equal(t, ibmComp("gov-03"), second.GetCompetencies()[0].GetName())

	for _, tc := range []struct {
		req   *pb.ListCompetenciesRequest
		code  codes.Code
		field string
	}{
		{&pb.ListCompetenciesRequest{Parent: ibmCore, PageSize: 1001}, codes.InvalidArgument, "page_size"},
		{&pb.ListCompetenciesRequest{Parent: ibmCore, PageSize: -1}, codes.InvalidArgument, "page_size"},
		{&pb.ListCompetenciesRequest{Parent: ibmCore, Filter: "weight > 1"}, codes.InvalidArgument, "filter"},
		{&pb.ListCompetenciesRequest{Parent: ""}, codes.InvalidArgument, "parent"},
		{&pb.ListCompetenciesRequest{Parent: "academies/kz"}, codes.InvalidArgument, "parent"},
		{&pb.ListCompetenciesRequest{Parent: "frameworks/none"}, codes.NotFound, ""},
	} {
		_, err := f.fw.ListCompetencies(f.ctx, tc.req)
		if tc.field == "" {
			requireStatus(t, err, tc.code)
		} else {
			requireStatus(t, err, tc.code, tc.field)
		}
	}

	// Wildcard parents list across collections.
	_, err = f.ac.CreateModule(f.ctx, f.module("m1", 10))
	require.NoError(t, err)
	mods, err := f.ac.ListModules(f.ctx, &pb.ListModulesRequest{Parent: "academies/-/curricula/-", Filter: `code = "m1"`})
	require.NoError(t, err)
	require.Len(t, mods.GetModules(), 1)
}

func TestAcademyEtagAndDelete(t *testing.T) {
	f := newFixture(t)
	a, err := f.ac.GetAcademy(f.ctx, &pb.GetAcademyRequest{Name: "academies/kz"})
	require.NoError(t, err)

	up, err := f.ac.UpdateAcademy(f.ctx, &pb.UpdateAcademyRequest{Academy: &pb.Academy{Name: a.GetName(), City: "Almaty", Etag: a.GetEtag()}})
	require.NoError(t, err)
	require.Equal(t, "Almaty", up.GetCity())
	require.Equal(t, "KZ", up.GetCountry(), "an empty mask keeps unset fields")

	_, err = f.ac.UpdateAcademy(f.ctx, &pb.UpdateAcademyRequest{Academy: &pb.Academy{Name: a.GetName(), City: "Astana", Etag: a.GetEtag()}})
	requireStatus(t, err, codes.Aborted)
	_, err = f.ac.UpdateAcademy(f.ctx, &pb.UpdateAcademyRequest{Academy: &pb.Academy{Name: a.GetName(), Country: "kz"}})
	requireStatus(t, err, codes.InvalidArgument, "academy.country")

	_, err = f.ac.DeleteAcademy(f.ctx, &pb.DeleteAcademyRequest{Name: a.GetName(), Etag: a.GetEtag(), Force: true})
	requireStatus(t, err, codes.Aborted)
	_, err = f.ac.DeleteAcademy(f.ctx, &pb.DeleteAcademyRequest{Name: a.GetName()})
	requireStatus(t, err, codes.FailedPrecondition) // it has a curriculum
	_, err = f.ac.DeleteAcademy(f.ctx, &pb.DeleteAcademyRequest{Name: a.GetName(), Etag: up.GetEtag(), Force: true})
	require.NoError(t, err)
	_, err = f.ac.GetCurriculum(f.ctx, &pb.GetCurriculumRequest{Name: curBasic})
	requireStatus(t, err, codes.NotFound)
	_, err = f.ac.GetAcademy(f.ctx, &pb.GetAcademyRequest{Name: "academies/KZ"})
	requireStatus(t, err, codes.InvalidArgument, "name")
}
