package moodle

import (
	"html"
	"regexp"
	"strings"
)

var (
	tagPattern   = regexp.MustCompile(`(?s)<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|<!--.*?-->`)
	spaces       = regexp.MustCompile(`[ \t\r\n\f]+`)
	manyBreaks   = regexp.MustCompile(`[ ]*\n[ \n]*\n[ \n]*`)
	breakSpacing = regexp.MustCompile(`[ ]*\n[ ]*`)
)

// blockTags end a paragraph; br and li end a line.
var blockTags = map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "table": true, "tr": true, "blockquote": true, "pre": true}

// htmlToText turns a Moodle HTML description into plain text: white space
// is collapsed as a browser does, paragraphs become blank lines, br and li
// line breaks, other tags are dropped and entities decoded.
func htmlToText(s string) string {
	s = spaces.ReplaceAllString(s, " ")
	s = tagPattern.ReplaceAllStringFunc(s, func(tag string) string {
		m := tagPattern.FindStringSubmatch(tag)
		name := strings.ToLower(m[2])
		switch {
		case blockTags[name]:
			return "\n\n"
		case name == "br" || name == "li" && m[1] == "":
			return "\n"
		}
		return ""
	})
	s = html.UnescapeString(s)
	s = manyBreaks.ReplaceAllString(s, "\n\n")
	s = breakSpacing.ReplaceAllString(s, "\n")
	return strings.TrimSpace(s)
}

// looksLikeHTML reports whether s has tags or entities to convert.
func looksLikeHTML(s string) bool {
	return tagPattern.MatchString(s) || strings.Contains(s, "&")
}
