import sys, subprocess; sys.path.insert(0, '/work/scratch/tfix/_src')
from lib import *
OUT = '/work/scratch/tfix/'
UNIT = '温州市鹿城区财政局'
L = [('2010601', '1862.35', '0'), ('2010602', '0', '245.60'), ('2010603', '86.42', '0'), ('2010604', '0', '312.00'),
     ('2010605', '0', '168.50'), ('2010606', '0', '42.80'), ('2010607', '0', '586.00'), ('2010608', '0', '1250.00'),
     ('2010650', '423.18', '0'), ('2010699', '0', '96.30'),
     ('2080501', '326.74', '0'), ('2080502', '58.20', '0'), ('2080505', '289.46', '0'), ('2080506', '115.78', '0'),
     ('2080599', '36.50', '0'), ('2080801', '12.60', '0'),
     ('2101101', '98.35', '0'), ('2101102', '21.46', '0'), ('2101103', '42.18', '0'),
     ('2130705', '0', '2860.00'), ('2130706', '0', '1500.00'),
     ('2210201', '215.36', '0'), ('2210202', '48.62', '0'), ('2210203', '36.90', '0'),
     ('2230105', '0', '680.00')]
mk = lambda keep: [(c, {'total': W(b) + W(p), 'basic': W(b), 'project': W(p)}) for c, b, p in L if keep(c)]
exp = func_rows(mk(lambda c: True), ['total', 'basic', 'project'])
gen = func_rows(mk(lambda c: not c.startswith('223')), ['total', 'basic', 'project'])
sc = func_rows(mk(lambda c: c.startswith('223')), ['total', 'basic', 'project'])
T = exp[-1][2]['total']; B = exp[-1][2]['basic']; P = exp[-1][2]['project']
GB = gen[-1][2]['basic']
items = [('30101', '612.48'), ('30102', '586.30'), ('30103', '125.60'), ('30107', '386.20'), ('30108', '289.46'),
         ('30109', '115.78'), ('30110', '119.81'), ('30111', '42.18'), ('30113', '215.36'), ('30199', '85.52'),
         ('30201', '36.80'), ('30205', '3.60'), ('30206', '28.40'), ('30207', '12.50'), ('30209', '46.00'),
         ('30211', '18.60'), ('30213', '22.00'), ('30215', '6.50'), ('30216', '15.80'), ('30217', '8.60'),
         ('30228', '42.30'), ('30229', '21.60'), ('30231', '16.80'), ('30239', '92.40'), ('30299', None),
         ('30301', '12.40'), ('30302', '372.54'), ('30305', '12.60'), ('30399', '85.52')]
p2 = GB - sum(W(v) for c, v in items if v)
assert p2 > 0, p2
eco = econ_rows([(c, W(v) if v else p2) for c, v in items])
assert eco[-1][2]['total'] == GB
f = lambda v: fmt(v, '万元', comma=True)
cell = lambda v: '' if v == 0 else f(v)

H = []; h = H.append
h('''<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>温州市鹿城区财政局2024年部门预算</title>
<style>
@page { size: A4 landscape; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; font-size: 10.5pt; }
h1 { text-align: center; font-size: 18pt; margin: 0 0 8mm; }
.tt { text-align: center; font-size: 14pt; font-weight: bold; margin: 0 0 2mm; }
.meta { display: flex; justify-content: space-between; margin-bottom: 1.5mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.6pt solid #000; padding: 1.6mm 2mm; }
th { background: #f0f0f0; font-weight: bold; }
td.n { text-align: right; }
td.c { text-align: center; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
.pb { page-break-before: always; }
</style></head><body>''')
h(f'<h1>{UNIT}2024年部门预算</h1>')
h(f'<p>2024年本部门支出预算{f(T)}万元，其中：基本支出{f(B)}万元，项目支出{f(P)}万元。一般公共预算支出{f(gen[-1][2]["total"])}万元，国有资本经营预算支出{f(sc[-1][2]["total"])}万元。</p>')

def table(n, title, headrows, body, first=False):
    h(f'<div class="{"" if first else "pb"}"><p class="tt">表{n}　{title}</p>')
    h(f'<div class="meta"><span>部门：{UNIT}</span><span>单位：万元</span></div>')
    h('<table><thead>')
    for hr in headrows:
        h('<tr>' + hr + '</tr>')
    h('</thead><tbody>')
    for row in body:
        h(row)
    h('</tbody></table></div>')
def frow(code, name, nums):
    return (f'<tr><td class="c">{code}</td><td>{name}</td>' +
            ''.join(f'<td class="n">{x}</td>' if x else '<td></td>' for x in nums) + '</tr>')
def totrow(nums):
    return '<tr><td class="c" colspan="2">合计</td>' + ''.join(f'<td class="n">{x}</td>' if x else '<td></td>' for x in nums) + '</tr>'
H3 = ['<th rowspan="2" style="width:14%">科目编码</th><th rowspan="2">科目名称</th><th colspan="3">预算数</th>',
      '<th style="width:14%">合计</th><th style="width:14%">基本支出</th><th style="width:14%">项目支出</th>']
nums3 = lambda v: [f(v['total']), cell(v['basic']), cell(v['project'])]
table(1, '部门支出总表', H3, [totrow(nums3(exp[-1][2]))] + [frow(c, n, nums3(v)) for c, n, v in exp[:-1]], first=True)
table(2, '一般公共预算支出表', H3, [totrow(nums3(gen[-1][2]))] + [frow(c, n, nums3(v)) for c, n, v in gen[:-1]])
HE = ['<th rowspan="2" style="width:14%">经济分类科目编码</th><th rowspan="2">科目名称</th><th colspan="3">一般公共预算基本支出</th>',
      '<th style="width:14%">合计</th><th style="width:14%">人员经费</th><th style="width:14%">公用经费</th>']
numsE = lambda v: [f(v['total']), cell(v['personnel']), cell(v['public'])]
table(3, '一般公共预算基本支出表', HE, [totrow(numsE(eco[-1][2]))] + [frow(c, n, numsE(v)) for c, n, v in eco[:-1]])
table(4, '国有资本经营预算支出表', H3, [totrow(nums3(sc[-1][2]))] + [frow(c, n, nums3(v)) for c, n, v in sc[:-1]])
h('</body></html>')
src = OUT + 'f09_chromium.src.html'
open(src, 'w', encoding='utf-8').write('\n'.join(H) + '\n')
r = subprocess.run(['chromium', '--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer',
                    f'--print-to-pdf={OUT}f09_chromium.pdf', 'file://' + src], capture_output=True, text=True, timeout=120)
print(r.returncode, r.stderr[-300:])

Gd = []
g = lambda k, v: Gd.append((k, v)); c = lambda t: Gd.append(('#', t))
g('doc.kind', 'budget'); g('doc.scope', 'department'); g('doc.fiscal_year', '2024')
g('doc.unit_name', UNIT); g('doc.region', '温州市鹿城区')
c('the intro sentence states the 表1 合计 figures in 万元 (same unit as the tables: exact)')
g('expenditure.total', yuan(T)); g('expenditure.basic', yuan(B)); g('expenditure.project', yuan(P))
c('no summary table: no revenue.*, no expenditure.function.* (the 一般公共预算支出/国有资本经营预算支出 amounts of the intro have no key)')
c('line facts: PDF printed by headless Chromium from f09_chromium.src.html, A4 landscape, ruled cells, 单位：万元 with two decimals (x10000), codes whole in one cell')
c('PDF has 9 pages: 表1 部门支出总表 pp.1-3, 表2 pp.4-6 (p.6 holds only 2210202/2210203), 表3 pp.7-8, 表4 p.9; each continuation page repeats the two-row header (thead) without the title; 合计 is the first body row of each table')
Gd += gold_table('expenditure', exp, nonzero)
Gd += gold_table('general', gen, nonzero)
c('表3 economic: 合计 | 人员经费 | 公用经费; blank where not applicable')
Gd += gold_table('economic', eco, nonzero)
c('表4 国有资本经营预算支出表 is not empty: 223 / 22301 / 2230105')
Gd += gold_table('state_capital', sc, nonzero)
write_gold(OUT + 'f09_chromium.tsv', 'district department budget 2024 (浙江 温州市鹿城区), PDF from headless Chromium: four ruled tables in 万元 continued over pages with a repeated thead, non-empty 国有资本经营 table', Gd)
print('facts', sum(1 for k, v in Gd if k != '#'), T, p2)
