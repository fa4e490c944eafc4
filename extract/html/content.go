package html

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropped reports whether an element never holds the page's text: scripts, styles,
// embedded frames and form controls.
func dropped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Head, atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe,
		atom.Frame, atom.Frameset, atom.Object, atom.Embed, atom.Select, atom.Option,
		atom.Textarea, atom.Button, atom.Input, atom.Svg, atom.Math, atom.Canvas,
		atom.Audio, atom.Video, atom.Map:
		return true
	}
	return n.Type == html.CommentNode
}

// chromeTag reports whether an element is, by its tag, page furniture around the
// article rather than part of it.
func chromeTag(a atom.Atom) bool {
	switch a {
	case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Menu:
		return true
	}
	return false
}

// Words in a class or id that mark page furniture: anywhere in the name, or as the
// whole of one of its dash- or underscore-separated parts.
var (
	chromeInName = []string{"nav", "menu", "footer", "header", "breadcrumb", "crumb",
		"share", "sidebar", "copyright", "toolbar"}
	chromeNamePart = map[string]bool{"foot": true, "head": true, "top": true, "bottom": true,
		"side": true, "position": true, "location": true, "dqwz": true, "bread": true,
		"related": true, "print": true, "close": true}
)

// Words in a class or id of common article containers (TRS_Editor is the content
// block of the TRS system many government portals run on).
var contentInName = []string{"trs_editor", "zoom", "article", "content", "detail",
	"zhengwen", "wzzw", "main_text", "maintext", "text_con", "con_text"}

// chromeName reports whether an element's class or id marks page furniture.
func chromeName(n *html.Node) bool {
	return nameMatches(n, func(name string) bool {
		for _, w := range chromeInName {
			if strings.Contains(name, w) {
				return true
			}
		}
		for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }) {
			if chromeNamePart[part] {
				return true
			}
		}
		return false
	})
}

// contentName reports whether an element is a common article container by its tag,
// class or id.
func contentName(n *html.Node) bool {
	if n.DataAtom == atom.Article || n.DataAtom == atom.Main {
		return true
	}
	return nameMatches(n, func(name string) bool {
		for _, w := range contentInName {
			if strings.Contains(name, w) {
				return true
			}
		}
		return false
	})
}

// titleName reports whether an element is a heading or is named as a title.
func titleName(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3:
		return true
	}
	return nameMatches(n, func(name string) bool {
		return strings.Contains(name, "title") || name == "bt" || strings.Contains(name, "biaoti")
	})
}

// nameMatches reports whether match holds for one of n's class names or its id, in
// lower case.
func nameMatches(n *html.Node, match func(string) bool) bool {
	for _, a := range n.Attr {
		if a.Namespace != "" || (a.Key != "class" && a.Key != "id") {
			continue
		}
		for _, name := range strings.Fields(strings.ToLower(a.Val)) {
			if match(name) {
				return true
			}
		}
	}
	return false
}

// analysis holds what is learned of one parsed page.
type analysis struct {
	han   map[*html.Node]int     // Han characters in an element's subtree, outside dropped elements
	chrom map[*html.Node]bool    // elements judged page furniture
	score map[*html.Node]float64 // Han characters of the paragraphs an element holds
	body  *html.Node
	order map[*html.Node]int // elements' positions in document order
}

// mainContent returns the lines of the page's title and main content.
func mainContent(doc *html.Node) []string {
	a := &analysis{
		han:   map[*html.Node]int{},
		chrom: map[*html.Node]bool{},
		score: map[*html.Node]float64{},
		order: map[*html.Node]int{},
	}
	a.count(doc)
	a.body = findBody(doc)
	a.judgeChrome(a.body, false)
	a.scoreText(a.body, false)

	best := a.best()
	if best == nil {
		// No Chinese paragraphs: all the page's text outside its furniture.
		return render(a, a.body, nil)
	}
	lines := render(a, best.Parent, a.keep(best))
	if title, own := a.title(doc, best); title != "" && !startsWith(lines, title) && !startsWith(lines, own) {
		lines = append([]string{title}, lines...)
	}
	return lines
}

func findBody(doc *html.Node) *html.Node {
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
	}
	return doc
}

// count fills a.han and a.order.
func (a *analysis) count(n *html.Node) int {
	if n.Type == html.ElementNode {
		a.order[n] = len(a.order)
	}
	if dropped(n) {
		return 0
	}
	if n.Type == html.TextNode {
		return hanCount(n.Data)
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += a.count(c)
	}
	a.han[n] = total
	return total
}

// judgeChrome marks page furniture: elements with a furniture tag, and elements with a
// furniture class or id unless they hold half the page's text or more (a whole page
// wrapped in <div id="header-wrap"> or an ASP.NET <form>).
func (a *analysis) judgeChrome(n *html.Node, inChrome bool) {
	if n.Type != html.ElementNode && n.Type != html.DocumentNode {
		return
	}
	if !inChrome && n.Type == html.ElementNode {
		if chromeTag(n.DataAtom) || (chromeName(n) && !contentName(n) && 2*a.han[n] < a.han[a.body]) {
			a.chrom[n] = true
			inChrome = true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		a.judgeChrome(c, inChrome)
	}
}

// scoreText credits the Han characters of every text outside the furniture to the
// element that holds its paragraph, and half of them to that element's parent, the
// way readability scores do: a paragraph credits its container, a table credits the
// block it stands in, and text written straight into a block (lines separated by
// <br>) credits the block itself.
func (a *analysis) scoreText(n *html.Node, inChrome bool) {
	if dropped(n) {
		return
	}
	if a.chrom[n] {
		inChrome = true
	}
	if n.Type == html.TextNode {
		if k := hanCount(n.Data); k > 0 && !inChrome {
			if c := a.container(n); c != nil {
				a.score[c] += float64(k)
				if c.Parent != nil && c != a.body {
					a.score[c.Parent] += float64(k) / 2
				}
			}
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		a.scoreText(c, inChrome)
	}
}

// container returns the element a text node's characters are credited to.
func (a *analysis) container(t *html.Node) *html.Node {
	for n := t.Parent; n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			return nil
		}
		switch n.DataAtom {
		case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li,
			atom.Dt, atom.Dd, atom.Pre, atom.Blockquote, atom.Caption:
			if in := enclosingTable(n); in != nil {
				return a.tableContainer(in)
			}
			return n.Parent
		case atom.Td, atom.Th:
			if a.han[n] >= 300 {
				// A layout table's cell holding the article.
				return n
			}
			return a.tableContainer(enclosingTable(n))
		case atom.Div, atom.Section, atom.Article, atom.Main, atom.Center, atom.Body, atom.Form:
			return n
		}
	}
	return nil
}

// enclosingTable returns the table a cell or a cell's paragraph stands in, or nil. The
// search stops at a large cell, which is a layout table's and holds blocks of its own.
func enclosingTable(n *html.Node) *html.Node {
	for p := n; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Table:
			return p
		case atom.Div, atom.Section, atom.Article, atom.Main, atom.Body:
			return nil
		}
	}
	return nil
}

func (a *analysis) tableContainer(t *html.Node) *html.Node {
	if t == nil || t.Parent == nil || t.Parent.Type != html.ElementNode {
		return t
	}
	return t.Parent
}

// best returns the content block: the highest-scoring element, article containers
// counting half again, or nil when no text scored.
func (a *analysis) best() *html.Node {
	var best *html.Node
	var top float64
	for n, s := range a.score {
		if contentName(n) {
			s *= 1.5
		}
		if s > top || (s == top && best != nil && a.order[n] < a.order[best]) {
			best, top = n, s
		}
	}
	return best
}

// keep returns the children of best's parent to render: best itself and the siblings
// that continue the article, tables and blocks with a fifth of best's text.
func (a *analysis) keep(best *html.Node) map[*html.Node]bool {
	keep := map[*html.Node]bool{best: true}
	if best == a.body || best.Parent == nil {
		return keep
	}
	min := max(30, a.han[best]/5)
	for s := best.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type != html.ElementNode || dropped(s) || a.chrom[s] || s == best {
			continue
		}
		if a.han[s] >= min || (a.han[s] > 0 && hasTable(s)) {
			keep[s] = true
		}
	}
	return keep
}

func hasTable(n *html.Node) bool {
	for d := range n.Descendants() {
		if d.DataAtom == atom.Table {
			return true
		}
	}
	return n.DataAtom == atom.Table
}

// title returns the document's own title: the heading before or in the content that
// the page's title metadata names, else that metadata, else the last heading before the
// content, else the page's <title> cut of its site name. It returns too the first main
// heading inside the content, which is the title when the content starts with it.
func (a *analysis) title(doc, content *html.Node) (title, own string) {
	var meta, pageTitle string
	var heads []string // headings before or in the content, in order
	var plain string   // the last heading outside the furniture
	limit := a.order[content] + a.countElements(content)
	var walk func(n *html.Node, inChrome bool)
	walk = func(n *html.Node, inChrome bool) {
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return
		}
		if a.chrom[n] {
			inChrome = true
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if pageTitle == "" {
					pageTitle = siteTitle(textOf(n))
				}
				return
			case atom.Meta:
				if meta == "" {
					meta = metaTitle(n)
				}
				return
			}
			if a.order[n] > limit {
				return
			}
			if dropped(n) && n.DataAtom != atom.Head {
				return
			}
		}
		found := len(heads)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inChrome)
		}
		// A title-named wrapper counts only when no heading inside it does.
		if len(heads) == found && n.Type == html.ElementNode && titleName(n) {
			if t := textOf(n); hanCount(t) > 0 && len([]rune(t)) <= 200 {
				heads = append(heads, t)
				switch {
				case !inChrome && a.order[n] < a.order[content]:
					plain = t
				case own == "" && a.order[n] >= a.order[content] && n.DataAtom != atom.H3:
					own = t
				}
			}
		}
	}
	walk(doc, false)

	for _, ref := range []string{meta, pageTitle} {
		if ref == "" {
			continue
		}
		for i := len(heads) - 1; i >= 0; i-- {
			if sameTitle(heads[i], ref) {
				return heads[i], own
			}
		}
	}
	switch {
	case meta != "":
		return meta, own
	case plain != "":
		return plain, own
	}
	return pageTitle, own
}

func (a *analysis) countElements(n *html.Node) int {
	k := 0
	for d := range n.Descendants() {
		if d.Type == html.ElementNode {
			k++
		}
	}
	return k
}

// metaTitle returns the title a <meta> element gives the article, or "".
func metaTitle(n *html.Node) string {
	var name, content string
	for _, at := range n.Attr {
		switch at.Key {
		case "name", "property":
			name = strings.ToLower(at.Val)
		case "content":
			content = at.Val
		}
	}
	if name == "articletitle" || name == "og:title" {
		return collapse(content)
	}
	return ""
}

// siteTitle returns the longest part of a page's <title> that holds Chinese text, so
// that "Article_Some County Government" gives the article's title.
func siteTitle(t string) string {
	best := ""
	for _, part := range strings.FieldsFunc(t, func(r rune) bool {
		return r == '_' || r == '|' || r == '－' || r == '—' || r == '｜'
	}) {
		for _, p := range strings.Split(part, " - ") {
			if p = strings.TrimSpace(p); hanCount(p) > hanCount(best) {
				best = p
			}
		}
	}
	return best
}

// sameTitle reports whether a heading and a reference title name the same thing: one
// holds the other, spaces aside, and the heading is not a short fragment of it.
func sameTitle(head, ref string) bool {
	h, r := squeeze(head), squeeze(ref)
	if h == "" || r == "" {
		return false
	}
	return strings.Contains(h, r) || (strings.Contains(r, h) && 2*len(h) >= len(r))
}

// startsWith reports whether the first lines hold the title already.
func startsWith(lines []string, title string) bool {
	t := squeeze(title)
	if t == "" {
		return false
	}
	var head strings.Builder
	for i, l := range lines {
		if i == 3 {
			break
		}
		head.WriteString(squeeze(l))
		if strings.Contains(head.String(), t) {
			return true
		}
	}
	return false
}

// squeeze drops all white space from s.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// textOf returns the text of n's subtree on one line.
func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode && !underDropped(d, n) {
			b.WriteString(d.Data)
		}
	}
	return collapse(b.String())
}

func underDropped(d, root *html.Node) bool {
	for p := d.Parent; p != nil && p != root; p = p.Parent {
		if dropped(p) {
			return true
		}
	}
	return false
}

func hanCount(s string) int {
	k := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			k++
		}
	}
	return k
}
