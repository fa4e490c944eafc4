#!/usr/bin/env bash
# make.sh regenerates the PDF fixtures of extract/pdf from fixture.txt (a made-up county
# unit's 2023 budget explanation) and seed.txt (the project's seed document), with the
# producers that county offices use. The PDFs are committed, so tests and CI never need
# the producers; run this script only to add or remake fixtures.
#
# Producers (Debian packages):
#   apt-get install -y libreoffice-writer-nogui fonts-wqy-zenhei fonts-noto-cjk chromium poppler-utils qpdf
#
# Outputs, for each NAME.pdf also NAME.pdftotext.txt, poppler's pdftotext output (pages
# separated by form feeds), which the tests use as an independent oracle for page numbers:
#   lo-txt.pdf          LibreOffice Writer, from fixture.txt (tab-separated table)
#   lo-docx.pdf         LibreOffice Writer, from a .docx with a real table (made from fixture.html)
#   chrome-default.pdf  Chromium print-to-PDF of fixture.html, default fonts
#   chrome-wqy.pdf      Chromium print-to-PDF of fixture.html, WenQuanYi Zen Hei
#   seed-lo.pdf         LibreOffice Writer, from seed.txt
#   seed-chrome.pdf     Chromium print-to-PDF of seed.txt as HTML, WenQuanYi Zen Hei
#   objstm.pdf          lo-docx.pdf rewritten by qpdf with object streams and an xref stream
#   pdf20.pdf           lo-txt.pdf with its header forced to PDF 2.0 by qpdf
#   enc-empty-rc4.pdf   lo-txt.pdf encrypted, RC4 128-bit, empty user password
#   enc-empty-aes.pdf   lo-txt.pdf encrypted, AES 128-bit, empty user password
#   enc-empty-aes256.pdf lo-txt.pdf encrypted, AES 256-bit, empty user password
#   enc-password.pdf    lo-txt.pdf encrypted, RC4 128-bit, user password "secret"
# Damaged variants (truncated, flipped bytes) are made by the tests from these files.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# html FILE TITLE FONT: turns a text file into an HTML page, one <p> per line; runs of
# tab-separated lines become a <table>.
html() {
	awk -v title="$2" -v font="$3" '
	function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
	BEGIN {
		print "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" title "</title>"
		printf "<style>body{font-size:14pt;%s} table{border-collapse:collapse} td{border:1px solid #000;padding:2px 8px}</style>", (font == "" ? "" : "font-family:\"" font "\";")
		print "</head><body>"
	}
	/\t/ {
		if (!intable) { print "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\">"; intable = 1 }
		n = split($0, cell, "\t"); printf "<tr>"
		for (i = 1; i <= n; i++) printf "<td width=\"%d%%\">%s</td>", (i == 1 ? 40 : int(60 / (n - 1))), esc(cell[i])
		print "</tr>"; next
	}
	{
		if (intable) { print "</table>"; intable = 0 }
		if (NR == 1) print "<h1 style=\"font-size:16pt\">" esc($0) "</h1>"
		else if ($0 ~ /[^ ]/) print "<p>" esc($0) "</p>"
	}
	END { if (intable) print "</table>"; print "</body></html>" }' "$1"
}

lo() { # lo IN FORMAT OUTDIR [INFILTER]
	soffice --headless -env:UserInstallation=file://"$work"/lo ${4:+--infilter="$4"} --convert-to "$2" --outdir "$3" "$1" >/dev/null
}

chrome() { # chrome HTML OUT
	chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$work/chrome" \
		--no-pdf-header-footer --print-to-pdf="$2" "$1" 2>/dev/null
}

html fixture.txt fixture "" >"$work/fixture.html"
html fixture.txt fixture "WenQuanYi Zen Hei" >"$work/fixture-wqy.html"
html seed.txt seed "WenQuanYi Zen Hei" >"$work/seed.html"

cp fixture.txt "$work/lo-txt.txt"
lo "$work/lo-txt.txt" pdf "$work"
cp "$work/lo-txt.pdf" lo-txt.pdf

cp "$work/fixture.html" "$work/lo-docx.html"
# The Writer (not Writer/Web) HTML import keeps the table's column widths in the .docx.
lo "$work/lo-docx.html" 'docx:MS Word 2007 XML' "$work" 'HTML (StarWriter)'
lo "$work/lo-docx.docx" pdf "$work/out"
cp "$work/out/lo-docx.pdf" lo-docx.pdf

cp seed.txt "$work/seed-lo.txt"
lo "$work/seed-lo.txt" pdf "$work"
cp "$work/seed-lo.pdf" seed-lo.pdf

# Chromium embeds the default CJK font (Noto CJK, CFF outlines) as one Type 3 font per 256
# glyphs with the text in /ActualText; its output is over 300 KB, so qpdf recompresses its
# streams into object streams (same objects, fonts and content, smaller container).
chrome "$work/fixture.html" "$work/chrome-default.pdf"
qpdf --recompress-flate --compression-level=9 --object-streams=generate "$work/chrome-default.pdf" chrome-default.pdf
chrome "$work/fixture-wqy.html" chrome-wqy.pdf
chrome "$work/seed.html" seed-chrome.pdf

qpdf --object-streams=generate lo-docx.pdf objstm.pdf
qpdf --force-version=2.0 lo-txt.pdf pdf20.pdf
qpdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=n -- lo-txt.pdf enc-empty-rc4.pdf
qpdf --encrypt "" owner 128 --use-aes=y -- lo-txt.pdf enc-empty-aes.pdf
qpdf --encrypt "" owner 256 -- lo-txt.pdf enc-empty-aes256.pdf
qpdf --allow-weak-crypto --encrypt secret owner 128 --use-aes=n -- lo-txt.pdf enc-password.pdf

for f in *.pdf; do
	pdftotext -enc UTF-8 "$f" "${f%.pdf}.pdftotext.txt" 2>/dev/null || rm -f "${f%.pdf}.pdftotext.txt"
done
ls -l *.pdf

# ---------------------------------------------------------------------------------------
# Seed variants for extract/formats_test.go, which checks that the seed gives the same
# facts in every format. Each is made the way a county office would publish the seed:
#   ../docx/seed-table.docx   the seed as a Writer document with two 2-column tables (the
#                             收支 figures in 万元 after the 收支 section, and the contact
#                             line split over two cells); every sentence of the seed kept.
#                             Made from HTML through Writer's HTML import, as lo-docx.pdf.
#   seed-lo-docx.pdf          LibreOffice Writer's PDF of seed-table.docx
#   seed-chrome-default.pdf   Chromium print-to-PDF of the seed as plain paragraphs, no font
#                             and no language named (Chromium's default CJK fallback, Noto
#                             Sans CJK, as Type 3 fonts), recompressed by qpdf like
#                             chrome-default.pdf to stay small
#   seed-chrome-wqy.pdf       Chromium print-to-PDF of the seed as a portal article in
#                             WenQuanYi Zen Hei: 2em first-line indent, justified lines,
#                             the two tables, A4
#   ../html/seed-portal-gbk.html  the same article inside portal navigation, breadcrumbs,
#                             a related-links sidebar and a footer, encoded in GBK; the head
#                             declares no charset, the navigation include does
# (seed-chrome.pdf above is WenQuanYi too, from the plain-paragraph page.)

# seed_article SEED: the seed's lines as the body of an article, one <p> per line with a
# 2em indent; after the 支出预算 paragraph a 收支 table, and the contact line as a row.
seed_article() {
	awk '
	function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
	function row(a, b) { printf "<tr><td width=\"60%%\"><p>%s</p></td><td width=\"40%%\"><p>%s</p></td></tr>\n", a, b }
	NR == 1 { print "<h2 class=\"title\">" esc($0) "</h2>"; next }
	/联系人：/ {
		split($0, half, /[ \t]+联系方式/)
		print "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\">"
		row(esc(half[1]), "联系方式" esc(half[2]))
		print "</table>"; next
	}
	$0 ~ /[^ ]/ { sub(/^ +/, ""); print "<p style=\"text-indent:2em\">" esc($0) "</p>" }
	/^（二）支出预算/ {
		print "<p align=\"center\"><b>2023年收支预算总表</b></p><p align=\"right\">单位：万元</p>"
		print "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\">"
		row("<b>项目</b>", "<b>预算数</b>")
		row("一般公共预算拨款收入", "154.79")
		row("收入合计", "154.79")
		row("科学技术支出", "120.70")
		row("社会保障和就业支出", "22.02")
		row("卫生健康支出", "4.24")
		row("住房保障支出", "7.83")
		row("支出合计", "154.79")
		print "</table>"
	}' "$1"
}

# seed_page SEED CHARSET STYLE: a standalone page holding the article.
seed_page() {
	printf '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="%s"><title>%s</title><style>%s</style></head><body>\n' \
		"$2" "$(head -n 1 "$1")" "$3"
	seed_article "$1"
	printf '</body></html>\n'
}

# seed_portal SEED: the article inside a county portal's page, UTF-8 (iconv makes it GBK).
seed_portal() {
	title=$(head -n 1 "$1")
	cat <<PORTAL
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<title>${title}_政务公开_某某县人民政府门户网站</title>
<meta name="keywords" content="部门预算,财政预决算,政务公开" />
<meta name="description" content="${title}" />
<link href="/css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script type="text/javascript">
var _hmt = _hmt || [];
(function() { var hm = document.createElement("script"); hm.src = "/stat/count.js"; var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); })();
</script>
</head>
<body>
<!--#include virtual="/include/header.shtml" -->
<div class="header">
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<div class="logo"><a href="/"><img src="/images/logo.png" alt="某某县人民政府" /></a></div>
<div class="topbar"><a href="#">无障碍浏览</a> | <a href="#">长者模式</a> | <a href="#">繁體</a> | <a href="#">手机版</a></div>
<div class="search"><input type="text" value="请输入关键字" /><input type="button" value="搜索" /></div>
<ul class="nav">
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjmx/">走进县城</a></li>
</ul>
</div>
<!--#endinclude-->
<div class="main">
<div class="location">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/czyjs/">财政预决算</a> &gt; <a href="/zwgk/czyjs/bmys/">部门预算</a></div>
<div class="sidebar">
<h3>财政预决算</h3>
<ul><li><a href="#">政府预算</a></li><li><a href="#">政府决算</a></li><li><a href="#">部门预算</a></li><li><a href="#">部门决算</a></li><li><a href="#">“三公”经费</a></li></ul>
</div>
<div class="content">
<div class="info">发布日期：2023-02-08　来源：县科协　点击数：<span id="clicks">356</span>　【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】【<a href="javascript:window.print()">打印</a>】</div>
<div class="TRS_Editor">
PORTAL
	seed_article "$1"
	cat <<PORTAL
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="related"><h4>相关阅读</h4><ul>
<li><a href="#">某某县农业农村委员会2023年部门预算情况说明</a> 2023-02-08</li>
<li><a href="#">县科协2021年部门决算情况说明</a> 2022-09-15</li>
<li><a href="#">某某县2023年“三公”经费预算情况说明</a> 2023-02-10</li>
</ul></div>
</div>
</div>
<div class="footer">
<p>主办：某某县人民政府办公室　承办：某某县大数据发展中心　联系电话：023-12345678</p>
<p>网站标识码：5000000000　某ICP备00000000号　某公网安备 50000000000000号</p>
</div>
</body>
</html>
PORTAL
}

# Offices write in 仿宋_GB2312 with titles in 方正小标宋简体, fonts this machine lacks:
# Writer keeps their names in the .docx and substitutes fontconfig's CJK font in the PDF.
seed_page seed.txt utf-8 'body{font-family:"仿宋_GB2312";font-size:16pt;line-height:1.5} h2{font-family:"方正小标宋简体";text-align:center} table{border-collapse:collapse} td{border:1px solid #000}' >"$work/seed-table.html"
lo "$work/seed-table.html" 'docx:MS Word 2007 XML' "$work" 'HTML (StarWriter)'
cp "$work/seed-table.docx" ../docx/seed-table.docx
cp ../docx/seed-table.docx "$work/seed-lo-docx.docx"
lo "$work/seed-lo-docx.docx" pdf "$work/out"
cp "$work/out/seed-lo-docx.pdf" seed-lo-docx.pdf

# No lang attribute, like most portal templates: with lang="zh-CN" Chromium picks Noto
# Serif CJK SC and its Type 3 glyphs make a 320 KB file; without, Noto Sans CJK.
html seed.txt seed "" | sed 's/ lang="zh-CN"//' >"$work/seed-default.html"
chrome "$work/seed-default.html" "$work/seed-chrome-default.pdf"
qpdf --recompress-flate --compression-level=9 --object-streams=generate "$work/seed-chrome-default.pdf" seed-chrome-default.pdf

seed_page seed.txt utf-8 '@page{size:A4;margin:25mm 20mm} body{font-family:"WenQuanYi Zen Hei";font-size:12pt;line-height:1.8;text-align:justify} h2{text-align:center;font-size:18pt} table{border-collapse:collapse} td{border:1px solid #000;padding:2px 6px}' >"$work/seed-wqy.html"
chrome "$work/seed-wqy.html" seed-chrome-wqy.pdf

seed_portal seed.txt | iconv -f UTF-8 -t GBK >../html/seed-portal-gbk.html

for f in seed-lo-docx.pdf seed-chrome-default.pdf seed-chrome-wqy.pdf; do
	pdftotext -enc UTF-8 "$f" "${f%.pdf}.pdftotext.txt"
done
ls -l seed-lo-docx.pdf seed-chrome-default.pdf seed-chrome-wqy.pdf ../docx/seed-table.docx ../html/seed-portal-gbk.html
