package curricula

import "fmt"

// Academy is a partner institution (academies/{academy}).
type Academy struct {
	Meta
	DisplayName string `json:"display_name"`
	// Country is the ISO 3166-1 alpha-2 code.
	Country   string   `json:"country"`
	Agency    Agency   `json:"agency"`
	Languages []string `json:"languages,omitempty"`
	City      string   `json:"city,omitempty"`
	Website   string   `json:"website,omitempty"`
}

func (*Academy) Kind() Kind { return KindAcademy }

// Validate checks the academy's fields.
func (a *Academy) Validate() error {
	var vs Violations
	checkName(&vs, KindAcademy, a.Name)
	if a.DisplayName == "" {
		vs.Add("display_name", "is required")
	}
	if !ValidCountry(a.Country) {
		vs.Add("country", "%q is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. KZ)", a.Country)
	}
	checkEnum(&vs, "agency", a.Agency, Agencies, true)
	for i, l := range a.Languages {
		if !ValidLanguage(l) {
			vs.Add(fmt.Sprintf("languages[%d]", i), "%q is not a language tag", l)
		}
	}
	return vs.Err()
}
