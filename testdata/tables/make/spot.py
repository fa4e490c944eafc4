import re, subprocess, collections
D = '/work/scratch/tfix/'
def lines_of(name):
    if name.endswith('.pdf'):
        return subprocess.run(['pdftotext', '-layout', D + name, '-'], capture_output=True, text=True).stdout.split('\n')
    raw = open(D + name, 'rb').read()
    txt = raw.decode('gb18030') if 'f08' in name else raw.decode('utf-8')
    if name.endswith('.html'):
        return [re.sub(r'<[^>]+>', ' | ', r) for r in txt.split('<tr>')]
    return txt.split('\n')
def unitdiv(name): return 1000000 if name.startswith(('f02', 'f04', 'f09')) else 100
for doc, gold in [('f01_county_final_text.txt', 'f01_county_final_text.tsv'), ('f04_budget_wan.txt', 'f04_budget_wan.tsv'),
                  ('f06_inconsistent.txt', 'f06_inconsistent.tsv'), ('f07_consistent_small.txt', 'f07_consistent_small.tsv'),
                  ('f08_html_final.html', 'f08_html_final.tsv'), ('f09_chromium.pdf', 'f09_chromium.tsv'),
                  ('f10_libreoffice.pdf', 'f10_libreoffice.tsv')]:
    Ls = lines_of(doc); bad = 0; n = 0
    for ln in open(D + gold, encoding='utf-8'):
        if ln.startswith('#') or not ln.startswith('line.'): continue
        k, v = ln.rstrip('\n').split('\t')
        _, t, code, col = k.split('.')
        if code == 'total' or col == 'name': continue
        a, b = v.split('.')
        f = int(a) * 100 + int(b)
        if unitdiv(doc) == 1000000:
            q = f // 10000; s1 = f"{q // 100}.{q % 100:02d}"; s2 = f"{q // 100:,}.{q % 100:02d}"
        else:
            s1 = f"{f // 100}.{f % 100:02d}"; s2 = f"{f // 100:,}.{f % 100:02d}"; 
        s3 = f"{f // 100:,}" if f % 100 == 0 else None
        n += 1
        ok = any(re.search(r'(^|\D)' + code + r'(\D|$)', L) and (s1 in L or s2 in L or (s3 and re.search(r'(^|[^\d,])' + re.escape(s3) + r'($|[^\d,.])', L))) for L in Ls)
        if not ok:
            bad += 1; print('  not found', doc, k, v)
    print(doc, 'checked', n, 'missing', bad)
