package moodle

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestHTMLToText(t *testing.T) {
	for in, want := range map[string]string{
		"<p>Analytical Thinking is the ability to identify\npatterns.<br></p>": "Analytical Thinking is the ability to identify patterns.",
		"<p>One</p><p>Two &amp; three</p>":                                     "One\n\nTwo & three",
		"<p>List:</p><ul><li>a</li><li>b</li></ul><!-- note -->":               "List:\n\na\nb",
		"plain text":                "plain text",
		"<P CLASS=x>Upper</P>":      "Upper",
		"<p>&lt;b&gt; is a tag</p>": "<b> is a tag",
	} {
		require.Equal(t, want, htmlToText(in), in)
	}
	require.True(t, looksLikeHTML("<p>x</p>"))
	require.True(t, looksLikeHTML("a &amp; b"))
	require.False(t, looksLikeHTML("a < b"))
}
