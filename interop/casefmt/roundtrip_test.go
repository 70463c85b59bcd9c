package casefmt

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop"
	"github.com/stretchr/testify/require"
)

func sortByName(cs []*curricula.Competency) []*curricula.Competency {
	out := append([]*curricula.Competency(nil), cs...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Concord → CASE → Concord gives back every field.
func TestRoundTripConcordCASEConcord(t *testing.T) {
	f, cs := sample()
	for _, lang := range []string{"", "ru", "fa-AF"} {
		t.Run("language "+lang, func(t *testing.T) {
			out := export(t, f, cs, ExportOptions{BaseURL: "https://c.example/case", Language: lang, Now: stamp})
			res, err := Import(bytes.NewReader(out), ImportOptions{})
			require.NoError(t, err)
			require.Empty(t, res.Report.Skipped)
			require.Empty(t, res.Report.Warnings)
			require.Equal(t, f, res.Framework)
			require.Equal(t, sortByName(cs), sortByName(res.Competencies))
			require.Equal(t, interop.Counts{Frameworks: 1, Competencies: len(cs), Crosswalks: 3}, res.Report.Imported)
		})
	}
}

// CASE → Concord → CASE keeps every CASE field Concord maps: the document's
// texts, each item's statements, notes, code and language, the tree with
// its sequence numbers and every crosswalk. Associations the import
// reported as skipped are the only ones allowed to go missing.
func TestRoundTripCASEConcordCASE(t *testing.T) {
	s := caseSchema(t)
	files, err := filepath.Glob(filepath.Join(fixtureDir(t), "opensalt-*.json"))
	require.NoError(t, err)
	require.Len(t, files, 7)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			orig := fixture(t, filepath.Base(file))
			res, err := Import(bytes.NewReader(orig), ImportOptions{})
			require.NoError(t, err)
			out := export(t, res.Framework, res.Competencies, ExportOptions{BaseURL: "https://c.example/case", Now: stamp})
			require.NoError(t, validateCASE(t, s, out))

			skipped := map[string]bool{}
			for _, sk := range res.Report.Skipped {
				skipped[sk.ID] = true
			}
			want, got := digest(t, orig, skipped), digest(t, out, nil)
			require.Equal(t, want, got)

			// and once more through Concord: nothing changes any more
			again, err := Import(bytes.NewReader(out), ImportOptions{})
			require.NoError(t, err)
			require.Equal(t, res.Framework, again.Framework)
			require.Equal(t, sortByName(res.Competencies), sortByName(again.Competencies))
		})
	}
}

// caseDigest is what a CFPackage says, independent of identifiers minted
// by its exporter: items are keyed by humanCodingScheme (else identifier).
type caseDigest struct {
	Title, Description, Notes, Language string
	Items                               map[string]itemDigest
	Tree                                map[string]string // item → parent ("" for the document) and sequenceNumber
	Crosswalks                          []string
}

type itemDigest struct {
	Full, Abbrev, Notes, Language string
}

func digest(t *testing.T, raw []byte, skipped map[string]bool) caseDigest {
	t.Helper()
	var p struct {
		CFDocument map[string]any
		CFItems    []map[string]any
		CFAssocs   []map[string]any `json:"CFAssociations"`
	}
	require.NoError(t, json.Unmarshal(raw, &p))
	str := func(m map[string]any, k string) string {
		s, _ := m[k].(string)
		return s
	}
	lang := str(p.CFDocument, "language")
	if lang == "" {
		lang = "en"
	}
	d := caseDigest{Title: str(p.CFDocument, "title"), Description: str(p.CFDocument, "description"), Notes: str(p.CFDocument, "notes"),
		Language: lang, Items: map[string]itemDigest{}, Tree: map[string]string{}}
	key := map[string]string{strings.ToLower(str(p.CFDocument, "identifier")): ""}
	for _, it := range p.CFItems {
		k := str(it, "humanCodingScheme")
		if k == "" {
			k = str(it, "identifier")
		}
		key[strings.ToLower(str(it, "identifier"))] = k
		l := str(it, "language")
		if l == "" {
			l = lang
		}
		d.Items[k] = itemDigest{Full: str(it, "fullStatement"), Abbrev: str(it, "abbreviatedStatement"), Notes: str(it, "notes"), Language: l}
	}
	for _, a := range p.CFAssocs {
		if skipped[str(a, "identifier")] {
			continue
		}
		o, dst := a["originNodeURI"].(map[string]any), a["destinationNodeURI"].(map[string]any)
		from := key[strings.ToLower(str(o, "identifier"))]
		if str(a, "associationType") == "isChildOf" {
			seq := ""
			if n, ok := a["sequenceNumber"]; ok {
				seq = strings.Trim(strings.TrimSpace(string(mustJSON(n))), `"`)
			}
			d.Tree[from] = key[strings.ToLower(str(dst, "identifier"))] + " #" + seq
			continue
		}
		target := str(dst, "uri")
		if target == "" {
			target = str(dst, "identifier")
		}
		d.Crosswalks = append(d.Crosswalks, from+" "+str(a, "associationType")+" "+target+" "+str(dst, "title"))
	}
	sort.Strings(d.Crosswalks)
	return d
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
