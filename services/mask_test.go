package services

import (
	"fmt"
	"testing"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func storedProgramme() *pb.Programme {
	return &pb.Programme{
		Name:        "programmes/ca",
		Title:       "Central Asia",
		Description: "Five academies",
		Framework:   "frameworks/ibm-core",
		Members:     []string{"academies/kz/curricula/basic"},
		Targets: &pb.Targets{
			RequiredCompetencies: []string{"frameworks/ibm-core/competencies/ra-01"},
			MinDepth:             pb.Depth_REINFORCED,
			MinHours:             4,
		},
		CreateTime: timestamppb.New(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)),
		UpdateTime: timestamppb.New(time.Date(2025, 2, 2, 3, 4, 5, 0, time.UTC)),
		Etag:       `"3"`,
	}
}

func TestApplyMask(t *testing.T) {
	// The update a client sends: a new title and min hours, output-only
	// fields it must not be able to change.
	update := func() *pb.Programme {
		return &pb.Programme{
			Name:       "programmes/other",
			Title:      "Central Asia and Caucasus",
			Targets:    &pb.Targets{MinHours: 8},
			CreateTime: timestamppb.New(time.Unix(0, 0)),
			UpdateTime: timestamppb.New(time.Unix(0, 0)),
			Etag:       `"1"`,
		}
	}
	for _, tc := range []struct {
		what  string
		paths []string
		want  func(p *pb.Programme)
	}{
		{"empty mask copies populated fields", nil, func(p *pb.Programme) {
			p.Title = "Central Asia and Caucasus"
			p.Targets = &pb.Targets{MinHours: 8} // a populated message field is replaced whole
		}},
		{"star replaces everything and clears unset fields", []string{"*"}, func(p *pb.Programme) {
			p.Title = "Central Asia and Caucasus"
			p.Description, p.Framework, p.Members = "", "", nil
			p.Targets = &pb.Targets{MinHours: 8}
		}},
		{"one field", []string{"title"}, func(p *pb.Programme) { p.Title = "Central Asia and Caucasus" }},
		{"unset field in the mask is cleared", []string{"description"}, func(p *pb.Programme) { p.Description = "" }},
		{"nested path keeps siblings", []string{"targets.min_hours"}, func(p *pb.Programme) { p.Targets.MinHours = 8 }},
		{"nested unset path is cleared", []string{"targets.min_depth"}, func(p *pb.Programme) { p.Targets.MinDepth = 0 }},
		{"nested path and field", []string{"targets.min_hours", "title"}, func(p *pb.Programme) {
			p.Title = "Central Asia and Caucasus"
			p.Targets.MinHours = 8
		}},
		{"whole message", []string{"targets"}, func(p *pb.Programme) { p.Targets = &pb.Targets{MinHours: 8} }},
		{"output-only paths are ignored", []string{"name", "etag", "create_time", "update_time"}, func(*pb.Programme) {}},
	} {
		t.Run(tc.what, func(t *testing.T) {
			dst, src := storedProgramme(), update()
			var mask *fieldmaskpb.FieldMask
			if tc.paths != nil {
				mask = &fieldmaskpb.FieldMask{Paths: tc.paths}
			}
			require.NoError(t, applyMask(dst, src, mask, "programme"))
			want := storedProgramme()
			tc.want(want)
			require.Empty(t, cmpDiff(want, dst))
			require.Empty(t, cmpDiff(update(), src), "the source is not changed")
		})
	}
}

func TestApplyMaskNestedIntoUnsetMessage(t *testing.T) {
	dst := &pb.Programme{Name: "programmes/ca", Title: "T"}
	src := &pb.Programme{Targets: &pb.Targets{MinHours: 6, MinDepth: pb.Depth_MASTERED}}
	require.NoError(t, applyMask(dst, src, &fieldmaskpb.FieldMask{Paths: []string{"targets.min_hours"}}, "programme"))
	require.Empty(t, cmpDiff(&pb.Programme{Name: "programmes/ca", Title: "T", Targets: &pb.Targets{MinHours: 6}}, dst))

	// A nested path whose source message is unset clears the field.
	dst = storedProgramme()
	require.NoError(t, applyMask(dst, &pb.Programme{}, &fieldmaskpb.FieldMask{Paths: []string{"targets.min_hours"}}, "programme"))
	require.Equal(t, 0.0, dst.GetTargets().GetMinHours())
	require.Equal(t, pb.Depth_REINFORCED, dst.GetTargets().GetMinDepth())
}

func TestApplyMaskRejects(t *testing.T) {
	for _, tc := range []struct {
		path string
	}{
		{"colour"},
		{"Title"},
		{"targets.colour"},
		{"title.en"},                     // into a scalar
		{"members.x"},                    // into a repeated scalar
		{"targets.overrides.competency"}, // into a repeated message
		{""},
		{"targets."},
	} {
		t.Run(tc.path, func(t *testing.T) {
			dst := storedProgramme()
			err := applyMask(dst, &pb.Programme{Title: "x"}, &fieldmaskpb.FieldMask{Paths: []string{"title", tc.path}}, "programme")
			requireViolation(t, err, "update_mask", `path "`+tc.path+`" is not a field of programme`)
		})
	}
}

func TestApplyMaskModuleAlignments(t *testing.T) {
	fw := "frameworks/ibm-core/competencies/"
	dst := &pb.Module{Name: "m", Code: "M1", Hours: 10, Alignments: []*pb.Alignment{{Competency: fw + "a", Depth: pb.Depth_MASTERED}}}
	src := &pb.Module{Hours: 20, Alignments: []*pb.Alignment{{Competency: fw + "b", Depth: pb.Depth_INTRODUCED, Hours: 4}}}
	require.NoError(t, applyMask(dst, src, &fieldmaskpb.FieldMask{Paths: []string{"alignments"}}, "module"))
	require.Empty(t, cmpDiff(&pb.Module{Name: "m", Code: "M1", Hours: 10, Alignments: src.Alignments}, dst))

	// "*" on a message with an empty list clears it.
	require.NoError(t, applyMask(dst, &pb.Module{Code: "M2"}, &fieldmaskpb.FieldMask{Paths: []string{"*"}}, "module"))
	require.Empty(t, cmpDiff(&pb.Module{Name: "m", Code: "M2"}, dst))
}

func cmpDiff(want, got proto.Message) string {
	if proto.Equal(want, got) {
		return ""
	}
	return fmt.Sprintf("want %v\ngot  %v", want, got)
}
