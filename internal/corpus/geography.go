package corpus

import "github.com/concord-ibm/concord/curricula"

// country is one partner country: its ISO code, the languages its
// academies teach in (first: most used) and a relative weight.
type country struct {
	code   string
	langs  []string
	weight int
}

// countries are the partner countries, weighted so that the region the
// framework serves (Central Asia and its neighbours) dominates.
var countries = []country{
	{"KZ", []string{"kk", "ru"}, 6}, {"KG", []string{"ky", "ru"}, 5}, {"TJ", []string{"tg", "ru"}, 5},
	{"UZ", []string{"uz", "ru"}, 6}, {"TM", []string{"tk", "ru"}, 3}, {"AF", []string{"fa-AF", "ps"}, 4},
	{"PK", []string{"ur", "en"}, 4}, {"IR", []string{"fa"}, 3}, {"RU", []string{"ru"}, 5},
	{"MN", []string{"ru", "en"}, 2}, {"TR", []string{"tr"}, 3}, {"AZ", []string{"ru", "en"}, 2},
	{"GE", []string{"en", "ru"}, 2}, {"UA", []string{"ru", "en"}, 2}, {"DE", []string{"de"}, 2},
	{"FR", []string{"fr"}, 2}, {"ES", []string{"es"}, 1}, {"GB", []string{"en"}, 2},
	{"EG", []string{"ar", "en"}, 2}, {"JO", []string{"ar"}, 1}, {"MA", []string{"ar", "fr"}, 1},
	{"BD", []string{"bn", "en"}, 2}, {"IN", []string{"en"}, 2}, {"US", []string{"en"}, 1},
}

var agencies = []curricula.Agency{curricula.AgencyBorderGuard, curricula.AgencyCustoms, curricula.AgencyPolice,
	curricula.AgencyMigration, curricula.AgencyDrugControl, curricula.AgencyMultiAgency}

var agencyShort = map[curricula.Agency]string{
	curricula.AgencyBorderGuard: "border", curricula.AgencyCustoms: "customs", curricula.AgencyPolice: "police",
	curricula.AgencyMigration: "migration", curricula.AgencyDrugControl: "drugs", curricula.AgencyMultiAgency: "ibm",
}

var levels = []curricula.Level{curricula.LevelBasic, curricula.LevelAdvanced, curricula.LevelSpecialised, curricula.LevelManagement}

var deliveries = []curricula.Delivery{curricula.DeliveryClassroom, curricula.DeliveryClassroom, curricula.DeliveryBlended,
	curricula.DeliveryELearning, curricula.DeliveryField, curricula.DeliverySimulation, curricula.DeliveryOnTheJob}

var assessments = []string{"written exam", "practical test", "oral exam", "case study", "simulation exercise",
	"portfolio", "continuous assessment", ""}

// pickCountry draws a country by weight.
func pickCountry(r uint64) country {
	total := 0
	for _, c := range countries {
		total += c.weight
	}
	n := int(r % uint64(total))
	for _, c := range countries {
		if n < c.weight {
			return c
		}
		n -= c.weight
	}
	return countries[0]
}
