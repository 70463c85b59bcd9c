package services

import (
	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
)

var frameworkStates = newEnumMap(map[curricula.FrameworkState]pb.Framework_State{
	curricula.FrameworkDraft:     pb.Framework_DRAFT,
	curricula.FrameworkPublished: pb.Framework_PUBLISHED,
	curricula.FrameworkRetired:   pb.Framework_RETIRED,
})

func frameworkToProto(f *curricula.Framework) *pb.Framework {
	return &pb.Framework{
		Name:            f.Name,
		Title:           f.Title,
		Description:     f.Description,
		Version:         f.Version,
		State:           frameworkStates.proto(f.State),
		PreviousVersion: f.PreviousVersion,
		Publisher:       f.Publisher,
		Languages:       f.Languages,
		Source:          f.Source,
		CreateTime:      ts(f.CreateTime),
		UpdateTime:      ts(f.UpdateTime),
		Etag:            f.Etag(),
	}
}

func frameworkFromProto(p *pb.Framework) (*curricula.Framework, curricula.Violations) {
	return &curricula.Framework{
		Meta:            curricula.Meta{Name: p.GetName()},
		Title:           copyText(p.GetTitle()),
		Description:     copyText(p.GetDescription()),
		Version:         p.GetVersion(),
		State:           frameworkStates.domain(p.GetState()),
		PreviousVersion: p.GetPreviousVersion(),
		Publisher:       p.GetPublisher(),
		Languages:       p.GetLanguages(),
		Source:          p.GetSource(),
	}, nil
}

func competencyToProto(c *curricula.Competency) *pb.Competency {
	out := &pb.Competency{
		Name:        c.Name,
		Code:        c.Code,
		Title:       c.Title,
		Description: c.Description,
		Order:       int32(c.Order),
		Pillars:     strings2(c.Pillars),
		Tiers:       strings2(c.Tiers),
		Fields:      strings2(c.Fields),
		Agencies:    strings2(c.Agencies),
		Replaces:    c.Replaces,
		CreateTime:  ts(c.CreateTime),
		UpdateTime:  ts(c.UpdateTime),
		Etag:        c.Etag(),
	}
	if c.Parent != "" {
		if n, err := curricula.ParseName(curricula.KindCompetency, c.Name); err == nil {
			out.ParentCompetency = curricula.CompetencyName(n.IDs[0], c.Parent)
		}
	}
	for _, x := range c.Crosswalks {
		out.Crosswalks = append(out.Crosswalks, &pb.Crosswalk{Relation: x.Relation, Target: x.Target, Label: x.Label})
	}
	return out
}

// competencyFromProto converts p, to be stored as name.
func competencyFromProto(p *pb.Competency, name string) (*curricula.Competency, curricula.Violations) {
	var vs curricula.Violations
	c := &curricula.Competency{
		Meta:        curricula.Meta{Name: name},
		Code:        p.GetCode(),
		Title:       copyText(p.GetTitle()),
		Description: copyText(p.GetDescription()),
		Order:       int(p.GetOrder()),
		Pillars:     typed[curricula.Pillar](p.GetPillars()),
		Tiers:       typed[curricula.Tier](p.GetTiers()),
		Fields:      typed[curricula.Field](p.GetFields()),
		Agencies:    typed[curricula.Agency](p.GetAgencies()),
		Replaces:    p.GetReplaces(),
	}
	if p.GetParentCompetency() != "" {
		fw, id := competencyRef(&vs, "parent_competency", p.GetParentCompetency())
		if n, err := curricula.ParseName(curricula.KindCompetency, c.Name); err == nil {
			checkSameFramework(&vs, "parent_competency", fw, curricula.FrameworkName(n.IDs[0]))
		}
		c.Parent = id
	}
	for _, x := range p.GetCrosswalks() {
		c.Crosswalks = append(c.Crosswalks, curricula.Crosswalk{Relation: x.GetRelation(), Target: x.GetTarget(), Label: x.GetLabel()})
	}
	return c, vs
}
