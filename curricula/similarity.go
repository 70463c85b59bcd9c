package curricula

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// trigramVector is a text's character-trigram profile: counts of each
// trigram (interned as an int), L2-normalised so that a dot product of two
// vectors is their cosine similarity.
type trigramVector map[int32]float64

// trigramTable interns trigrams so that vectors of both curricula share
// one numbering.
type trigramTable map[string]int32

// vector builds the profile of s: lower-cased, every run of characters
// that are not letters or digits folded into one space, padded with a
// space at each end, then cut into overlapping three-rune windows.
func (t trigramTable) vector(s string) trigramVector {
	b := make([]byte, 1, len(s)+2)
	b[0] = ' '
	starts := []int{0} // byte offset of each rune of b
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			starts = append(starts, len(b))
			b = utf8.AppendRune(b, unicode.ToLower(r))
			space = false
		} else if !space {
			starts = append(starts, len(b))
			b = append(b, ' ')
			space = true
		}
	}
	if !space {
		starts = append(starts, len(b))
		b = append(b, ' ')
	}
	starts = append(starts, len(b))
	v := trigramVector{}
	for i := 0; i+3 < len(starts); i++ {
		g := b[starts[i]:starts[i+3]]
		id, ok := t[string(g)]
		if !ok {
			id = int32(len(t))
			t[string(g)] = id
		}
		v[id]++
	}
	var norm float64
	for _, w := range v {
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for id, w := range v {
		v[id] = w / norm
	}
	return v
}

// TextSimilarity is the cosine similarity, in [0, 1], of the character
// trigram profiles of two texts (see the package documentation).
func TextSimilarity(a, b string) float64 {
	t := trigramTable{}
	return cosine(t.vector(a), t.vector(b))
}

func cosine(a, b trigramVector) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	var dot float64
	for id, w := range a {
		dot += w * b[id]
	}
	return min(1, dot)
}

// Jaccard is |a ∩ b| / |a ∪ b| of two sets given as ascending slices
// without repeats; 0 when both are empty.
func Jaccard[T ~int32 | ~string](a, b []T) float64 {
	inter := len(intersect(a, b))
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// intersect returns the common elements of two ascending slices.
func intersect[T ~int32 | ~string](a, b []T) []T {
	var out []T
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
