#!/usr/bin/env bash
# Makes long.pdf, the review page's browser test of a long document (cmd/cnbudget
# browser_test.go): the seed as a county office would publish it with a long annex, about
# 30 pages, printed to PDF by Chromium. The annex is the seed's own prose (its lines
# without figures) under numbered headings, so the facts are the seed's and sit on the
# first pages and the text runs on for pages after them, as in a real disclosure whose
# explanation is followed by work plans.
#   apt-get install -y chromium fonts-noto-cjk qpdf
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seed=../seed/000_01eaaa56c59ac9d2.txt
{
	echo '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>body{font-size:12pt;line-height:1.8} p{margin:0 0 .4em}</style></head><body>'
	sed -e 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/^/<p>/; s/$/<\/p>/' "$seed"
	echo '<h2>附件：工作计划与职能说明</h2>'
	prose=$(grep -v '[0-9]' "$seed" | grep -v '[０１２３４５６７８９]' | grep -v '^\s*$' | sed -e 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g')
	n=0
	for round in $(seq 1 36); do
		echo "<h3>第${round}部分 工作计划</h3>"
		while IFS= read -r line; do
			n=$((n + 1))
			echo "<p>${line}</p>"
		done <<<"$prose"
	done
	echo '</body></html>'
} >"$work/long.html"
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
	--disable-component-update --disable-sync --user-data-dir="$work/chrome" \
	--no-pdf-header-footer --print-to-pdf="$work/long.pdf" "$work/long.html" 2>/dev/null
# Chromium embeds Noto CJK as Type 3 fonts with the text in /ActualText; qpdf packs the
# objects into object streams to keep the file small (same fonts and content).
qpdf --recompress-flate --compression-level=9 --object-streams=generate "$work/long.pdf" long.pdf
ls -l long.pdf
