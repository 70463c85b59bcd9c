package services

import (
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
)

func TestRedactModule(t *testing.T) {
	secret := func(restricted bool) *pb.Module {
		return &pb.Module{
			Name: "academies/kz-border-academy/curricula/basic/modules/forgery", Code: "ЭД-03", Title: "Forgery workshops",
			Description: "supply channels", Outcomes: []string{"spot the workshop"}, Assessment: "field test", Language: "ru",
			Hours: 12, Restricted: restricted,
			Alignments: []*pb.Alignment{{Competency: "frameworks/ibm-core/competencies/bc-04", Depth: pb.Depth_MASTERED, Hours: 6}},
		}
	}
	otherEditor := curricula.Principal{Subject: "kg", Role: curricula.RoleEditor, Academies: []string{"kg-border-institute"}}
	cases := []struct {
		name     string
		p        curricula.Principal
		restrict bool
		hidden   bool
	}{
		{"admin reads", admin, true, false},
		{"coordinator reads", coordinator, true, false},
		{"its editor reads", kzEditor, true, false},
		{"another academy's editor does not", otherEditor, true, true},
		{"a viewer does not", viewer, true, true},
		{"no principal does not", nobody, true, true},
		{"unrestricted is shown to all", viewer, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := RedactModule(tc.p, secret(tc.restrict))
			require.Equal(t, !tc.hidden, CanReadRestricted(tc.p, m.GetName()) || !tc.restrict)
			if !tc.hidden {
				require.True(t, proto.Equal(secret(tc.restrict), m))
				return
			}
			want := secret(true)
			want.Title, want.Description, want.Outcomes, want.Assessment = RestrictedTitle, "", nil, ""
			require.True(t, proto.Equal(want, m), "text hidden; code, hours and alignments kept: %v", m)

			d := &curricula.Module{Meta: curricula.Meta{Name: m.GetName()}, Code: "ЭД-03", Title: "Forgery workshops",
				Description: "supply channels", Outcomes: []string{"x"}, Assessment: "y", Hours: 12, Restricted: true,
				Alignments: []curricula.Alignment{{Competency: "bc-04", Depth: curricula.DepthMastered}}}
			r := RedactedModule(tc.p, d)
			require.Equal(t, "Forgery workshops", d.Title, "the input is not changed")
			require.Equal(t, RestrictedTitle, r.Title)
			require.Empty(t, r.Description)
			require.Empty(t, r.Outcomes)
			require.Empty(t, r.Assessment)
			require.Equal(t, d.Alignments, r.Alignments)
			require.Equal(t, d.Hours, r.Hours)
		})
	}
	require.Nil(t, RedactModule(viewer, nil))
	all, academies := RestrictedAccess(kzEditor)
	require.False(t, all)
	require.Equal(t, []string{"kz-border-academy"}, academies)
	all, _ = RestrictedAccess(coordinator)
	require.True(t, all)
	all, academies = RestrictedAccess(viewer)
	require.False(t, all)
	require.Empty(t, academies)
}
