package curricula

// Analysis is everything the engine computes for a programme.
type Analysis struct {
	Programme  string       `json:"programme"`
	Framework  string       `json:"framework"`
	Coverage   *Coverage    `json:"coverage"`
	Assessment *Assessment  `json:"assessment"`
	Divergence []Divergence `json:"divergence,omitempty"`
}

// Analyse computes the coverage matrix, the gaps and indices, and the
// divergence of a programme.
func Analyse(in *ProgrammeInput) (*Analysis, error) {
	cov, err := ComputeCoverage(in)
	if err != nil {
		return nil, err
	}
	return &Analysis{
		Programme:  in.Programme.Name,
		Framework:  in.Programme.Framework,
		Coverage:   cov,
		Assessment: cov.Assess(in.Programme.Targets),
		Divergence: cov.Divergence(),
	}, nil
}
