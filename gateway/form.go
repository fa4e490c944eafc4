package gateway

import "html/template"

// formCSP lets the form and error pages load nothing, run nothing, and post only here.
const formCSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"

type formView struct{ MaxMB float64 }

type errorView struct {
	Status                int
	StatusText            string
	Code, Reason, Message string
}

const pageStyle = `<style>
html{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;line-height:1.6;color:#1b1b1b}
body{max-width:40rem;margin:2rem auto;padding:0 1rem}
label{display:block;font-weight:bold;margin:1rem 0 .25rem}
input,button{font:inherit}
button{margin-top:1rem;padding:.4rem 1.2rem}
:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.hint{color:#555;font-size:.9rem;margin:.25rem 0}
code{font-size:.9em}
</style>`

var formPage = template.Must(template.New("form").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cnbudget: review a document</title>
` + pageStyle + `
</head>
<body>
<header><h1>Review a budget document</h1></header>
<main>
<p>Send a budget or final-accounts explanation (部门预算/决算, 单位预算/决算 情况说明) as text, PDF,
web page or .docx, up to {{printf "%.0f" .MaxMB}} MiB: the answer is a page with every fact the
extractor found highlighted in the document's text, its warnings and its tables.</p>
<form method="post" action="/review" enctype="multipart/form-data">
<label for="file">Document</label>
<input id="file" name="file" type="file" required accept=".txt,.pdf,.html,.htm,.docx,text/plain,application/pdf,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document">
<label for="token">Token <span class="hint">(only when the server requires one)</span></label>
<input id="token" name="token" type="password" autocomplete="off">
<div><button type="submit">Review</button></div>
</form>
<p class="hint">Programs use the JSON API: <code>POST /v1/extract</code> (described at <a href="/openapi.json">/openapi.json</a>) or gRPC.</p>
</main>
</body>
</html>
`))

var errorTmpl = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Status}} {{.StatusText}}: cnbudget</title>
` + pageStyle + `
</head>
<body>
<main>
<h1>{{.Status}} {{.StatusText}}</h1>
<p role="alert">{{.Message}}</p>
<p class="hint">{{.Code}}{{with .Reason}} ({{.}}){{end}}</p>
<p><a href="/">Send another document</a></p>
</main>
</body>
</html>
`))
