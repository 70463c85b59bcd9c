package services

import (
	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
)

var (
	depths = newEnumMap(map[curricula.Depth]pb.Depth{
		curricula.DepthIntroduced: pb.Depth_INTRODUCED,
		curricula.DepthReinforced: pb.Depth_REINFORCED,
		curricula.DepthMastered:   pb.Depth_MASTERED,
	})
	levels = newEnumMap(map[curricula.Level]pb.Curriculum_Level{
		curricula.LevelBasic:       pb.Curriculum_BASIC,
		curricula.LevelAdvanced:    pb.Curriculum_ADVANCED,
		curricula.LevelSpecialised: pb.Curriculum_SPECIALISED,
		curricula.LevelManagement:  pb.Curriculum_MANAGEMENT,
	})
	curriculumStates = newEnumMap(map[curricula.CurriculumState]pb.Curriculum_State{
		curricula.CurriculumDraft:   pb.Curriculum_DRAFT,
		curricula.CurriculumActive:  pb.Curriculum_ACTIVE,
		curricula.CurriculumRetired: pb.Curriculum_RETIRED,
	})
	deliveries = newEnumMap(map[curricula.Delivery]pb.Module_Delivery{
		curricula.DeliveryClassroom:  pb.Module_CLASSROOM,
		curricula.DeliveryELearning:  pb.Module_E_LEARNING,
		curricula.DeliveryBlended:    pb.Module_BLENDED,
		curricula.DeliveryField:      pb.Module_FIELD_EXERCISE,
		curricula.DeliverySimulation: pb.Module_SIMULATION,
		curricula.DeliveryOnTheJob:   pb.Module_ON_THE_JOB,
	})
)

func academyToProto(a *curricula.Academy) *pb.Academy {
	return &pb.Academy{
		Name:        a.Name,
		DisplayName: a.DisplayName,
		Country:     a.Country,
		Agency:      string(a.Agency),
		Languages:   a.Languages,
		City:        a.City,
		Website:     a.Website,
		CreateTime:  ts(a.CreateTime),
		UpdateTime:  ts(a.UpdateTime),
		Etag:        a.Etag(),
	}
}

func academyFromProto(p *pb.Academy) (*curricula.Academy, curricula.Violations) {
	return &curricula.Academy{
		Meta:        curricula.Meta{Name: p.GetName()},
		DisplayName: p.GetDisplayName(),
		Country:     p.GetCountry(),
		Agency:      curricula.Agency(p.GetAgency()),
		Languages:   p.GetLanguages(),
		City:        p.GetCity(),
		Website:     p.GetWebsite(),
	}, nil
}

func curriculumToProto(c *curricula.Curriculum) *pb.Curriculum {
	return &pb.Curriculum{
		Name:        c.Name,
		Title:       c.Title,
		Description: c.Description,
		Level:       levels.proto(c.Level),
		Language:    c.Language,
		Framework:   c.Framework,
		State:       curriculumStates.proto(c.State),
		Edition:     c.Edition,
		Supersedes:  c.Supersedes,
		CreateTime:  ts(c.CreateTime),
		UpdateTime:  ts(c.UpdateTime),
		Etag:        c.Etag(),
	}
}

func curriculumFromProto(p *pb.Curriculum) (*curricula.Curriculum, curricula.Violations) {
	return &curricula.Curriculum{
		Meta:        curricula.Meta{Name: p.GetName()},
		Title:       p.GetTitle(),
		Description: p.GetDescription(),
		Level:       levels.domain(p.GetLevel()),
		Language:    p.GetLanguage(),
		Framework:   p.GetFramework(),
		State:       curriculumStates.domain(p.GetState()),
		Edition:     p.GetEdition(),
		Supersedes:  p.GetSupersedes(),
	}, nil
}

// moduleToProto renders a module; framework is its curriculum's framework
// (for the alignments' competency names).
func moduleToProto(m *curricula.Module, framework string) *pb.Module {
	out := &pb.Module{
		Name:        m.Name,
		Code:        m.Code,
		Title:       m.Title,
		Description: m.Description,
		Outcomes:    m.Outcomes,
		Language:    m.Language,
		Hours:       m.Hours,
		Credits:     m.Credits,
		Delivery:    deliveries.proto(m.Delivery),
		Assessment:  m.Assessment,
		Restricted:  m.Restricted,
		CreateTime:  ts(m.CreateTime),
		UpdateTime:  ts(m.UpdateTime),
		Etag:        m.Etag(),
	}
	for _, a := range m.Alignments {
		out.Alignments = append(out.Alignments, &pb.Alignment{
			Competency: framework + "/" + curricula.CollCompetencies + "/" + a.Competency,
			Depth:      depths.proto(a.Depth),
			Hours:      a.Hours,
		})
	}
	return out
}

// moduleFromProto converts a module; the alignments must point into
// framework (its curriculum's).
func moduleFromProto(p *pb.Module, framework string) (*curricula.Module, curricula.Violations) {
	var vs curricula.Violations
	m := &curricula.Module{
		Meta:        curricula.Meta{Name: p.GetName()},
		Code:        p.GetCode(),
		Title:       p.GetTitle(),
		Description: p.GetDescription(),
		Outcomes:    p.GetOutcomes(),
		Language:    p.GetLanguage(),
		Hours:       p.GetHours(),
		Credits:     p.GetCredits(),
		Delivery:    deliveries.domain(p.GetDelivery()),
		Assessment:  p.GetAssessment(),
		Restricted:  p.GetRestricted(),
	}
	for i, a := range p.GetAlignments() {
		f := indexed("alignments", i) + ".competency"
		fw, id := competencyRef(&vs, f, a.GetCompetency())
		checkSameFramework(&vs, f, fw, framework)
		m.Alignments = append(m.Alignments, curricula.Alignment{Competency: id, Depth: depths.domain(a.GetDepth()), Hours: a.GetHours()})
	}
	return m, vs
}
