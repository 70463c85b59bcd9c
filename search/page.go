package search

import (
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/concord-ibm/concord/curricula"
)

// pageMatch is what a hit of the page shows of why it matched.
type pageMatch struct {
	text         bool                // its own text matched
	highlights   map[string][]string // title, description, outcomes
	competencies []string            // its competencies among the matched ones
}

// explainPage highlights where the query's own text matches the page's
// hits, and lists their competencies among matched, from the modules as
// stored now (a module deleted since it was found shows nothing).
func (ix *Index) explainPage(ctx context.Context, s snapshot, qs string, hits []*search.DocumentMatch, matched []string) (map[string]pageMatch, error) {
	text, err := userQuery(qs, moduleTargets(s.fields))
	if err != nil || !hasPositive(text) {
		return nil, err
	}
	h := newHighlighter(s.idx.Mapping(), text)
	out := make(map[string]pageMatch, len(hits))
	err = ix.store.View(ctx, func(tx curricula.Tx) error {
		p := newParents(tx)
		for _, hit := range hits {
			var m curricula.Module
			if err := tx.Get(hit.ID, &m); curricula.ErrorCode(err) == curricula.ENOTFOUND {
				continue
			} else if err != nil {
				return err
			}
			cu, _, err := p.of(hit.ID)
			if err != nil {
				return err
			}
			lang := m.Language
			if lang == "" && cu != nil {
				lang = cu.Language
			}
			an := analyzerFor(lang)
			var pm pageMatch
			for _, part := range []struct {
				prefix, name string
				values       []string
			}{
				{pTitle, "title", []string{m.Title}},
				{pDesc, "description", []string{m.Description}},
				{pOutcomes, "outcomes", m.Outcomes},
			} {
				for _, v := range part.values {
					frag, ok := h.highlight(textField(part.prefix, an), v)
					if !ok {
						continue
					}
					pm.text = true
					if pm.highlights == nil {
						pm.highlights = map[string][]string{}
					}
					if len(pm.highlights[part.name]) < maxFragments {
						pm.highlights[part.name] = append(pm.highlights[part.name], frag)
					}
				}
			}
			if len(matched) > 0 && cu != nil && cu.Framework != "" {
				for _, a := range m.Alignments {
					c := cu.Framework + "/" + curricula.CollCompetencies + "/" + a.Competency
					if slices.Contains(matched, c) && !slices.Contains(pm.competencies, c) {
						pm.competencies = append(pm.competencies, c)
					}
				}
			}
			out[hit.ID] = pm
		}
		return nil
	})
	return out, err
}
