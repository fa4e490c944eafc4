import sys, itertools; sys.path.insert(0, '/work/scratch/tfix/_src')
from lib import *
OUT = '/work/scratch/tfix/'
UNIT = '沂南县农业农村局'
L = [('2130101', '2386540.00', '0'), ('2130104', '1164320.00', '0'), ('2130108', '0', '380000.00'),
     ('2130122', '0', '1250000.00'), ('2130153', '0', '600000.00'), ('2130705', '0', '412000.00'),
     ('2080501', '132600.00', '0'), ('2080505', '356214.40', '0'), ('2080506', '142485.76', '0'),
     ('2101101', '45600.00', '0'), ('2101102', '62380.00', '0'), ('2101199', '0', '45600.00'),
     ('2210201', '267150.60', '0')]
exp = func_rows([(c, {'total': Y(b) + Y(p), 'basic': Y(b), 'project': Y(p)}) for c, b, p in L], ['total', 'basic', 'project'])
inc = func_rows([(c, {'total': Y(b) + Y(p), 'appropriation': Y(b) + Y(p)}) for c, b, p in L], ['total', 'appropriation'])
T = exp[-1][2]['total']
f = lambda v: fmt(v, '元', comma=False)

# ---- careful reader: which basic/project cells are determined once blanks are lost
rows = exp
amb = [r[0] for r in rows if (r[2]['basic'] == 0) != (r[2]['project'] == 0)]  # rows printing 2 figures
full = {r[0] for r in rows if r[2]['basic'] and r[2]['project']}
def children(code):
    if code == 'total':
        return [r[0] for r in rows if len(r[0]) == 3]
    n = len(code) + 2
    return [r[0] for r in rows if len(r[0]) == n and r[0].startswith(code)]
tot = {r[0]: r[2]['total'] for r in rows}
sols = []
for bits in itertools.product((0, 1), repeat=len(amb)):
    bp = {}
    for r in rows:
        if r[0] in full:
            bp[r[0]] = (r[2]['basic'], r[2]['project'])
    for code, bit in zip(amb, bits):
        bp[code] = (tot[code], 0) if bit == 0 else (0, tot[code])
    ok = True
    for r in rows:
        ch = children(r[0])
        if ch and (sum(bp[x][0] for x in ch) != bp[r[0]][0] or sum(bp[x][1] for x in ch) != bp[r[0]][1]):
            ok = False; break
    if ok:
        sols.append(dict(zip(amb, bits)))
truth = {code: (0 if rowmap(rows)[code][2]['basic'] else 1) for code in amb}
assert truth in sols
determined = {code for code in amb if len({s[code] for s in sols}) == 1}
undetermined = [code for code in amb if code not in determined]
print('solutions', len(sols), 'undetermined', undetermined)

Lx = []
w = Lx.append
w(f'{UNIT}2021年部门预算')
w('一、部门预算收支情况')
w(f'2021年收入预算{wan(T)}万元，支出预算{wan(T)}万元。')
w('二、部门预算表')
w('部门收入总表')
w(f'部门：{UNIT}')
w('单位：元')
for x in ['科目编码', '科目名称', '合计', '一般公共预算拨款', '政府性基金预算拨款', '事业收入', '事业单位经营收入', '其他收入']:
    w(x)
for code, name, v in inc[:-1]:
    w(code); w(name); w(f(v['total'])); w(f(v['appropriation']))
w('合计'); w(f(inc[-1][2]['total'])); w(f(inc[-1][2]['appropriation']))
w('部门支出总表')
w(f'部门：{UNIT}')
w('单位：元')
for x in ['科目编码', '科目名称', '合计', '基本支出', '项目支出']:
    w(x)
for code, name, v in exp[:-1]:
    w(code); w(name); w(f(v['total']))
    if v['basic']: w(f(v['basic']))
    if v['project']: w(f(v['project']))
v = exp[-1][2]
w('合计'); w(f(v['total'])); w(f(v['basic'])); w(f(v['project']))
w('三、其他说明')
w('本部门2021年无政府性基金预算拨款和国有资本经营预算拨款安排的支出。')
open(OUT + 'f03_flat_cells.txt', 'w', encoding='utf-8').write('\n'.join(Lx) + '\n')

Gd = []
g = lambda k, v: Gd.append((k, v)); c = lambda t: Gd.append(('#', t))
g('doc.kind', 'budget'); g('doc.scope', 'department'); g('doc.fiscal_year', '2021')
g('doc.unit_name', UNIT); g('doc.region', '沂南县')
c('revenue.total / expenditure.total: the 合计 of the 收入/支出 tables (元); the text rounds them to 万元 (agree)')
g('revenue.total', yuan(T)); g('expenditure.total', yuan(T))
c('the text never names the revenue source, so no revenue.general_budget / revenue.appropriation')
c('flattened: one cell per line, blanks lost. A row starts at its code cell; the first figure is always 合计 (total)')
c('income: every row (and 合计) prints two figures; the second is one of 一般公共预算拨款 / 政府性基金预算拨款 / 事业收入 / 事业单位经营收入 / 其他收入 and cannot be told -> no line.income.*.appropriation (only name and total)')
Gd += gold_table('income', inc, lambda code, col, v: col == 'total')
c('expenditure: rows with three figures are certain; a row with two figures is basic-only or project-only. Placed where the column sums (类 = Σ款 = Σ项, 合计 = Σ类, in both columns) admit one placement only:')
c('  placed by arithmetic: ' + ', '.join(sorted(determined, key=lambda x: (x != "total", x))))
c('  NOT placeable (left out): ' + ', '.join(undetermined) + ' — 21011 prints ' + ' / '.join(f(rowmap(exp)['21011'][2][k]) for k in ('total','basic','project')) + '; its 项 2101101 and 2101199 both print 45600.00 and can swap basic/project (2101102 must be basic); only their totals are written')
def printed(code, col, v):
    if col == 'total': return True
    if code in undetermined: return False
    return v != 0
Gd += gold_table('expenditure', exp, printed)
write_gold(OUT + 'f03_flat_cells.tsv', 'county department budget 2021 (山东 沂南县), income and expenditure tables flattened one cell per line, blanks lost, 元 with decimals', Gd)
print('facts', sum(1 for k, v in Gd if k != '#'))
