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
