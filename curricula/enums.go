package curricula

import (
	"fmt"
	"strings"
)

// Depth is how far a module takes a competency. The order matters:
// Introduced < Reinforced < Mastered; DepthNone means not taught.
type Depth int

// Depths.
const (
	DepthNone Depth = iota
	DepthIntroduced
	DepthReinforced
	DepthMastered
)

var depthLetters = [...]string{"", "I", "R", "M"}

// Letter is the conventional one-letter form ("I", "R", "M"; "" for none).
func (d Depth) Letter() string {
	if d < DepthNone || d > DepthMastered {
		return "?"
	}
	return depthLetters[d]
}

func (d Depth) String() string {
	switch d {
	case DepthIntroduced:
		return "INTRODUCED"
	case DepthReinforced:
		return "REINFORCED"
	case DepthMastered:
		return "MASTERED"
	case DepthNone:
		return "NONE"
	}
	return fmt.Sprintf("Depth(%d)", int(d))
}

// Valid reports whether d is one of I, R, M.
func (d Depth) Valid() bool { return d >= DepthIntroduced && d <= DepthMastered }

// ParseDepth accepts "I", "R", "M" or the full words, in any case.
func ParseDepth(s string) (Depth, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "I", "INTRODUCED":
		return DepthIntroduced, nil
	case "R", "REINFORCED":
		return DepthReinforced, nil
	case "M", "MASTERED":
		return DepthMastered, nil
	}
	return DepthNone, fmt.Errorf("depth %q is not one of I, R, M", s)
}

// Pillar is one of the three IBM pillars of cooperation.
type Pillar string

// Pillars.
const (
	PillarIntraService  Pillar = "intra-service"
	PillarInterAgency   Pillar = "inter-agency"
	PillarInternational Pillar = "international"
)

// Tier is one of the four tiers of the IBM access-control model.
type Tier string

// Tiers.
const (
	TierThirdCountries Tier = "third-countries"
	TierNeighbours     Tier = "neighbouring-countries"
	TierBorderControl  Tier = "border-control"
	TierInland         Tier = "within-country"
)

// Field is one of the six IBM fields.
type Field string

// Fields.
const (
	FieldLegal          Field = "legal-framework"
	FieldInstitutional  Field = "institutional-framework"
	FieldProcedures     Field = "procedures"
	FieldHumanResources Field = "human-resources-training"
	FieldCommunication  Field = "communication-information"
	FieldInfrastructure Field = "infrastructure-equipment"
)

// Agency is a kind of border-management agency.
type Agency string

// Agencies.
const (
	AgencyBorderGuard Agency = "border-guard"
	AgencyCustoms     Agency = "customs"
	AgencyPolice      Agency = "police"
	AgencyMigration   Agency = "migration"
	AgencyDrugControl Agency = "drug-control"
	AgencyMultiAgency Agency = "multi-agency"
)

// Level is the level of a curriculum.
type Level string

// Levels.
const (
	LevelBasic       Level = "basic"
	LevelAdvanced    Level = "advanced"
	LevelSpecialised Level = "specialised"
	LevelManagement  Level = "management"
)

// Delivery is how a module is taught.
type Delivery string

// Delivery modes.
const (
	DeliveryClassroom  Delivery = "classroom"
	DeliveryELearning  Delivery = "e-learning"
	DeliveryBlended    Delivery = "blended"
	DeliveryField      Delivery = "field-exercise"
	DeliverySimulation Delivery = "simulation"
	DeliveryOnTheJob   Delivery = "on-the-job"
)

// Allowed values, for validation and for the API documentation.
var (
	Pillars    = []Pillar{PillarIntraService, PillarInterAgency, PillarInternational}
	Tiers      = []Tier{TierThirdCountries, TierNeighbours, TierBorderControl, TierInland}
	Fields     = []Field{FieldLegal, FieldInstitutional, FieldProcedures, FieldHumanResources, FieldCommunication, FieldInfrastructure}
	Agencies   = []Agency{AgencyBorderGuard, AgencyCustoms, AgencyPolice, AgencyMigration, AgencyDrugControl, AgencyMultiAgency}
	Levels     = []Level{LevelBasic, LevelAdvanced, LevelSpecialised, LevelManagement}
	Deliveries = []Delivery{DeliveryClassroom, DeliveryELearning, DeliveryBlended, DeliveryField, DeliverySimulation, DeliveryOnTheJob}
)

func oneOf[T ~string](v T, allowed []T) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

func joinAllowed[T ~string](allowed []T) string {
	s := make([]string, len(allowed))
	for i, a := range allowed {
		s[i] = string(a)
	}
	return strings.Join(s, ", ")
}

// checkEnum records a violation when v is set and not allowed, or when it is
// required and empty.
func checkEnum[T ~string](vs *Violations, field string, v T, allowed []T, required bool) {
	if v == "" {
		if required {
			vs.Add(field, "is required (one of %s)", joinAllowed(allowed))
		}
		return
	}
	if !oneOf(v, allowed) {
		vs.Add(field, "%q is not one of %s", v, joinAllowed(allowed))
	}
}

// checkEnums is checkEnum for a list, which must not repeat a value.
func checkEnums[T ~string](vs *Violations, field string, list []T, allowed []T) {
	seen := map[T]bool{}
	for i, v := range list {
		f := fmt.Sprintf("%s[%d]", field, i)
		checkEnum(vs, f, v, allowed, true)
		if seen[v] {
			vs.Add(f, "%q is listed twice", v)
		}
		seen[v] = true
	}
}
