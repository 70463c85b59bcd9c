package services

import (
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
)

var (
	admin       = curricula.Principal{Subject: "ops", Role: curricula.RoleAdmin}
	coordinator = curricula.Principal{Subject: "coord", Role: curricula.RoleCoordinator}
	kzEditor    = curricula.Principal{Subject: "kz-editor", Role: curricula.RoleEditor, Academies: []string{"kz-border-academy"}}
	viewer      = curricula.Principal{Subject: "trainer", Role: curricula.RoleViewer}
	nobody      = curricula.Principal{}
)

func TestAcademyOf(t *testing.T) {
	for name, want := range map[string]string{
		"academies/kz-border-academy":                             "kz-border-academy",
		"academies/kz-border-academy/curricula/basic/modules/m-1": "kz-border-academy",
		"academies/-/curricula/-":                                 "",
		"academies/":                                              "",
		"academies/KZ":                                            "",
		"frameworks/ibm-core":                                     "",
		"":                                                        "",
		"xacademies/kz-border-academy":                            "",
	} {
		require.Equal(t, want, AcademyOf(name), name)
	}
}

func TestPolicyCheck(t *testing.T) {
	own := "academies/kz-border-academy/curricula/basic-2024/modules/m1"
	other := "academies/kg-border-institute/curricula/basic-2024/modules/m1"
	updateModule := pb.AcademyService_UpdateModule_FullMethodName
	cases := []struct {
		name   string
		p      curricula.Principal
		method string
		req    any
		want   string // "" allowed, else a piece of the denial
	}{
		{"viewer reads", viewer, pb.AcademyService_GetModule_FullMethodName, &pb.GetModuleRequest{Name: other}, ""},
		{"admin writes any academy", admin, updateModule, &pb.UpdateModuleRequest{Module: &pb.Module{Name: other}}, ""},
		{"editor writes its academy", kzEditor, updateModule, &pb.UpdateModuleRequest{Module: &pb.Module{Name: own}}, ""},
		{"editor may not write another", kzEditor, updateModule, &pb.UpdateModuleRequest{Module: &pb.Module{Name: other}}, "not kg-border-institute"},
		{"editor may not write through a wildcard", kzEditor, pb.AcademyService_CreateModule_FullMethodName, &pb.CreateModuleRequest{Parent: "academies/-/curricula/basic-2024"}, "names no academy"},
		{"editor may not write without a name", kzEditor, updateModule, &pb.UpdateModuleRequest{}, "names no academy"},
		{"editor may not create academies", kzEditor, pb.AcademyService_CreateAcademy_FullMethodName, &pb.CreateAcademyRequest{AcademyId: "kz-border-academy"}, "needs the role admin"},
		{"coordinator may not write modules", coordinator, updateModule, &pb.UpdateModuleRequest{Module: &pb.Module{Name: own}}, "needs the role admin"},
		{"coordinator writes programmes", coordinator, pb.ProgrammeService_CreateProgramme_FullMethodName, &pb.CreateProgrammeRequest{}, ""},
		{"viewer may not write programmes", viewer, pb.ProgrammeService_CreateProgramme_FullMethodName, &pb.CreateProgrammeRequest{}, "admin or coordinator"},
		{"only admins back up", coordinator, pb.AdminService_Backup_FullMethodName, &pb.BackupRequest{}, "needs the role admin"},
		{"editor reads its academy's history", kzEditor, pb.AuditService_ListChanges_FullMethodName, &pb.ListChangesRequest{Resource: "academies/kz-border-academy"}, ""},
		{"editor may not read all history", kzEditor, pb.AuditService_ListChanges_FullMethodName, &pb.ListChangesRequest{}, "names no academy"},
		{"no role, no access", nobody, pb.AcademyService_GetModule_FullMethodName, &pb.GetModuleRequest{Name: own}, "may not call"},
		{"unknown method denied by default", admin, "/concord.v1.Secret/Leak", nil, "no access rule"},
		{"health is public", nobody, "/grpc.health.v1.Health/Check", nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := AccessPolicy.Check(tc.p, tc.method, tc.req)
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.Equal(t, curricula.EPERMISSION, curricula.ErrorCode(err))
			require.ErrorContains(t, err, tc.want)
		})
	}
}
