package review

import (
	_ "embed"
	"html/template"
	"strings"
)

//go:embed page.html
var pageHTML string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"page":      pageText,
	"join":      strings.Join,
	"csp":       func() string { return CSP },
	"placeArgs": func(label string, p placeRef) placeArgs { return placeArgs{label, p} },
}).Parse(pageHTML))

// placeArgs is what the "place" template shows: a place a warning names, and its label.
type placeArgs struct {
	Label string
	P     placeRef
}
