package services

import (
	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
)

func programmeToProto(p *curricula.Programme) *pb.Programme {
	comp := func(id string) string { return p.Framework + "/" + curricula.CollCompetencies + "/" + id }
	t := &pb.Targets{MinDepth: depths.proto(p.Targets.MinDepth), MinHours: p.Targets.MinHours}
	for _, c := range p.Targets.RequiredCompetencies {
		t.RequiredCompetencies = append(t.RequiredCompetencies, comp(c))
	}
	for _, o := range p.Targets.Overrides {
		t.Overrides = append(t.Overrides, &pb.TargetOverride{Competency: comp(o.Competency), MinDepth: depths.proto(o.MinDepth), MinHours: o.MinHours})
	}
	return &pb.Programme{
		Name:        p.Name,
		Title:       p.Title,
		Description: p.Description,
		Framework:   p.Framework,
		Members:     p.Members,
		Targets:     t,
		CreateTime:  ts(p.CreateTime),
		UpdateTime:  ts(p.UpdateTime),
		Etag:        p.Etag(),
	}
}

func programmeFromProto(p *pb.Programme) (*curricula.Programme, curricula.Violations) {
	var vs curricula.Violations
	out := &curricula.Programme{
		Meta:        curricula.Meta{Name: p.GetName()},
		Title:       p.GetTitle(),
		Description: p.GetDescription(),
		Framework:   p.GetFramework(),
		Members:     p.GetMembers(),
	}
	t := p.GetTargets()
	out.Targets.MinDepth = depths.domain(t.GetMinDepth())
	out.Targets.MinHours = t.GetMinHours()
	for i, c := range t.GetRequiredCompetencies() {
		f := indexed("targets.required_competencies", i)
		fw, id := competencyRef(&vs, f, c)
		checkSameFramework(&vs, f, fw, out.Framework)
		out.Targets.RequiredCompetencies = append(out.Targets.RequiredCompetencies, id)
	}
	for i, o := range t.GetOverrides() {
		f := indexed("targets.overrides", i) + ".competency"
		fw, id := competencyRef(&vs, f, o.GetCompetency())
		checkSameFramework(&vs, f, fw, out.Framework)
		out.Targets.Overrides = append(out.Targets.Overrides, curricula.TargetOverride{Competency: id, MinDepth: depths.domain(o.GetMinDepth()), MinHours: o.GetMinHours()})
	}
	return out, vs
}
