# independent arithmetic check of the gold files (reads only the .tsv)
import glob, re, collections
def fen(s):
    neg = s.startswith('-'); s = s.lstrip('-'); a, b = s.split('.'); v = int(a) * 100 + int(b); return -v if neg else v
for path in sorted(glob.glob('/work/scratch/tfix/f*.tsv')):
    facts = collections.OrderedDict(); probs = []; keys = []
    for ln in open(path, encoding='utf-8'):
        ln = ln.rstrip('\n')
        if not ln or ln.startswith('#'): continue
        k, v = ln.split('\t'); keys.append(k)
        if k in facts and not k.startswith(('org.', 'procurement.item', 'contact.phone')): probs.append('dup ' + k)
        facts[k] = v
        if k.startswith('line.') and not k.endswith('.name') and not re.fullmatch(r'-?\d+\.\d\d', v): probs.append('fmt ' + k)
    T = collections.defaultdict(lambda: collections.defaultdict(dict))
    for k, v in facts.items():
        if k.startswith('line.'):
            _, t, code, col = k.split('.'); T[t][code][col] = v
    for t, rows in T.items():
        codes = [c for c in rows if c != 'total']
        for c in codes:
            if 'name' not in rows[c]: probs.append(f'noname {t}.{c}')
        for c, r in rows.items():
            g = lambda col: fen(r[col]) if col in r else 0
            if 'basic' in r or 'project' in r:
                if g('total') != g('basic') + g('project'): probs.append(f'b+p {t}.{c}')
            if 'personnel' in r or 'public' in r:
                if 'total' in r and g('total') != g('personnel') + g('public'): probs.append(f'p+p {t}.{c}')
        econ = t == 'economic'
        for c in codes + ['total']:
            if c == 'total':
                ch = [x for x in codes if len(x) == 3]
            else:
                n = len(c) + 2
                ch = [x for x in codes if len(x) == n and x.startswith(c)]
            if not ch: continue
            for col in ('total', 'appropriation', 'basic', 'project', 'personnel', 'public'):
                if col not in rows[c] and not any(col in rows[x] for x in ch): continue
                s = sum(fen(rows[x][col]) for x in ch if col in rows[x])
                if (fen(rows[c][col]) if col in rows[c] else 0) != s: probs.append(f'sum {t}.{c}.{col} {rows[c].get(col)} vs {s/100:.2f}')
    # cross checks
    if 'general' in T and 'economic' in T and 'basic' in T['general']['total'] and 'total' in T['economic']['total']:
        if T['general']['total']['basic'] != T['economic']['total']['total']: probs.append('general basic != economic total')
    if 'general' in T and 'economic' in T and 'total' not in T['economic']['total']:
        e = T['economic']['total']; s = fen(e.get('personnel', '0.00')) + fen(e.get('public', '0.00'))
        if fen(T['general']['total']['basic']) != s: probs.append('general basic != economic personnel+public')
    for k, v in facts.items():
        if k.startswith('expenditure.function.'):
            name = k.split('.', 2)[2]
            m = [c for c, r in T['expenditure'].items() if r.get('name') == name and len(c) == 3]
            if m and T['expenditure'][m[0]]['total'] != v: probs.append(f'function {name} {v} vs table {T["expenditure"][m[0]]["total"]}')
    if 'expenditure' in T:
        et = T['expenditure']['total']
        for k, col in (('expenditure.basic', 'basic'), ('expenditure.project', 'project')):
            if k in facts and col in et and facts[k] != et[col]: probs.append(f'{k} {facts[k]} vs table {et[col]}')
        if 'expenditure.this_year' in facts and facts['expenditure.this_year'] != et['total']: probs.append('this_year vs table')
    if 'income' in T:
        it = T['income']['total']
        if 'revenue.this_year' in facts and facts['revenue.this_year'] != it['total']: probs.append('rev this_year vs income')
    sg = {k.split('.')[1]: fen(v) for k, v in facts.items() if k.startswith('sanggong.') and k != 'sanggong.change'}
    if 'total' in sg and sg['total'] != sg.get('outbound', 0) + sg.get('reception', 0) + sg.get('vehicle', sg.get('vehicle_operation', 0) + sg.get('vehicle_purchase', 0)):
        probs.append('sanggong sum')
    if 'vehicle' in sg and sg['vehicle'] != sg.get('vehicle_purchase', 0) + sg.get('vehicle_operation', 0): probs.append('vehicle sum')
    nline = sum(1 for k in keys if k.startswith('line.'))
    print(path.split('/')[-1], 'facts', len(keys), 'v1', len(keys) - nline, 'line', nline, 'PROBLEMS:' if probs else 'ok', probs)
