package report

import (
	_ "embed"
	"html/template"
	"io"
	"math"
)

//go:embed report.html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"add": func(a, b int) int { return a + b },
	"sub": func(a, b int) int { return a - b },
	// bar is the length of a 100-pixel bar for an index of 0–100.
	"bar": func(x float64) int { return int(math.Round(min(100, max(0, x)))) },
}).Parse(htmlSource))

func renderHTML(w io.Writer, v *view) error { return htmlTemplate.Execute(w, v) }
