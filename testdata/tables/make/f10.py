import sys, subprocess, os, shutil; sys.path.insert(0, '/work/scratch/tfix/_src')
from lib import *
OUT = '/work/scratch/tfix/'
UNIT = '临洮县水务局'
L = [('2080501', '142600.00', '0'), ('2080505', '186352.80', '0'), ('2080506', '74541.12', '0'),
     ('2101101', '68425.30', '0'),
     ('2130301', '1524682.45', '0'), ('2130306', '0', '836500.00'), ('2130314', '0', '412860.00'),
     ('2130335', '0', '2185000.00'), ('2130399', '0', '96450.00'),
     ('2210201', '128367.00', '0')]
mk = lambda: [(c, {'total': Y(b) + Y(p), 'basic': Y(b), 'project': Y(p), 'appropriation': Y(b) + Y(p)}) for c, b, p in L]
inc = func_rows(mk(), ['total', 'appropriation'])
exp = func_rows(mk(), ['total', 'basic', 'project'])
gen = func_rows(mk(), ['total', 'basic', 'project'])
T = exp[-1][2]['total']; B = exp[-1][2]['basic']; P = exp[-1][2]['project']
GB = gen[-1][2]['basic']
items = [('30101', '486320.00'), ('30102', '392150.00'), ('30103', '64800.00'), ('30107', '218460.00'),
         ('30108', '186352.80'), ('30109', '74541.12'), ('30110', '68425.30'), ('30112', '9863.45'),
         ('30113', '128367.00'),
         ('30201', '42680.00'), ('30205', '3860.00'), ('30206', '18420.00'), ('30207', '6240.00'),
         ('30211', '38650.00'), ('30213', '12600.00'), ('30216', '5400.00'), ('30217', '4860.00'),
         ('30228', '19680.00'), ('30231', '46200.00'), ('30299', None), ('30302', '142600.00')]
p2 = GB - sum(Y(v) for c, v in items if v)
assert p2 > 0, p2
eco = econ_rows([(c, Y(v) if v else p2) for c, v in items])
assert eco[-1][2]['total'] == GB
f = lambda v: fmt(v, '元', comma=True)
cell = lambda v: '' if v == 0 else f(v)

H = []; h = H.append
h('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>临洮县水务局2023年度部门决算</title>')
h('<style>body{font-family:"Noto Serif CJK SC";font-size:10pt} td,th{font-size:9pt} h1{text-align:center;font-size:16pt} p.t{text-align:center;font-weight:bold;font-size:12pt}</style></head><body>')
h(f'<h1>{UNIT}2023年度部门决算</h1>')
h('<p>一、部门基本情况：临洮县水务局主要负责全县水资源的合理开发利用和保护、水利工程建设与运行管理、防汛抗旱和农村供水保障等工作。本部门内设办公室、水利工程建设管理股、水资源管理股、农村水利水电股。</p>')
h(f'<p>二、收入支出决算总体情况：2023年度收入总计{wan(T)}万元，支出总计{wan(T)}万元，年初、年末均无结转和结余。本年收入合计{wan(T)}万元，全部为财政拨款收入；本年支出合计{wan(T)}万元，其中：基本支出{wan(B)}万元，占{B*10000//T/100:.2f}%；项目支出{wan(P)}万元，占{P*10000//T/100:.2f}%。</p>')
h('<p>三、“三公”经费：2023年度“三公”经费财政拨款支出决算5.11万元，其中：因公出国（境）费0万元，公务用车运行维护费4.62万元，公务接待费0.49万元。本部门机关运行经费支出42.86万元。</p>')
def tstart(n, t):
    h(f'<p class="t">表{n}　{t}</p>')
    h(f'<p>编制部门：{UNIT}　　　　　　　　　　　　单位：元</p>')
    h('<table border="1" cellspacing="0" cellpadding="3" width="100%">')
def tr(cells, th=False):
    tag = 'th' if th else 'td'
    out = []
    for x in cells:
        if isinstance(x, tuple):
            out.append(f'<{tag} {x[1]}>{x[0]}</{tag}>')
        elif x == '':
            out.append(f'<{tag}></{tag}>')
        elif not th and x[:1].isdigit() and '.' in x:
            out.append(f'<{tag} align="right">{x}</{tag}>')
        else:
            out.append(f'<{tag}>{x}</{tag}>')
    h('<tr>' + ''.join(out) + '</tr>')
cls = [(r[1], r[2]['total']) for r in exp if len(r[0]) == 3]
tstart(1, '收入支出决算总表')
tr([('收入', 'colspan="2"'), ('支出', 'colspan="2"')], th=True)
tr(['项目', '决算数', '项目', '决算数'], th=True)
left = [('一、一般公共预算财政拨款收入', f(T)), ('二、政府性基金预算财政拨款收入', ''), ('三、国有资本经营预算财政拨款收入', ''),
        ('四、上级补助收入', ''), ('五、事业收入', ''), ('六、经营收入', ''), ('七、附属单位上缴收入', ''), ('八、其他收入', '')]
for i in range(8):
    b = (f'{"一二三四五六七八"[i]}、{cls[i][0]}', f(cls[i][1])) if i < len(cls) else ('', '')
    tr([left[i][0], left[i][1], b[0], b[1]])
tr(['本年收入合计', f(T), '本年支出合计', f(T)])
tr(['年初结转和结余', '', '年末结转和结余', ''])
tr(['总计', f(T), '总计', f(T)])
h('</table>')
tstart(2, '收入决算表')
tr([('科目编码', ''), '科目名称', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'], th=True)
tr([('合计', 'colspan="2"'), f(T), f(T), '', '', '', '', ''])
for code, name, v in inc[:-1]:
    tr([code, name, f(v['total']), f(v['appropriation']), '', '', '', '', ''])
h('</table>')
tstart(3, '支出决算表')
tr(['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'], th=True)
tr([('合计', 'colspan="2"'), f(T), f(B), f(P), '', '', ''])
for code, name, v in exp[:-1]:
    tr([code, name, f(v['total']), cell(v['basic']), cell(v['project']), '', '', ''])
h('</table>')
tstart(4, '一般公共预算财政拨款支出决算表')
tr(['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出'], th=True)
tr([('合计', 'colspan="2"'), f(T), f(B), f(P)])
for code, name, v in gen[:-1]:
    tr([code, name, f(v['total']), cell(v['basic']), cell(v['project'])])
h('</table>')
tstart(5, '一般公共预算财政拨款基本支出决算表')
tr(['科目编码', '科目名称', '合计', '人员经费', '公用经费'], th=True)
e = eco[-1][2]
tr([('合计', 'colspan="2"'), f(e['total']), f(e['personnel']), f(e['public'])])
for code, name, v in eco[:-1]:
    tr([code, name, f(v['total']), cell(v['personnel']), cell(v['public'])])
h('</table>')
h('</body></html>')
src = OUT + 'f10_libreoffice.src.html'
open(src, 'w', encoding='utf-8').write('\n'.join(H) + '\n')
tmp = '/tmp/f10conv'
shutil.rmtree(tmp, ignore_errors=True); os.makedirs(tmp)
r = subprocess.run(['soffice', '--headless', '--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', tmp, src],
                   capture_output=True, text=True, timeout=300)
print(r.returncode, r.stdout[-300:], r.stderr[-300:])
shutil.copy(tmp + '/f10_libreoffice.src.pdf', OUT + 'f10_libreoffice.pdf')

Gd = []
g = lambda k, v: Gd.append((k, v)); c = lambda t: Gd.append(('#', t))
g('doc.kind', 'final_accounts'); g('doc.scope', 'department'); g('doc.fiscal_year', '2023')
g('doc.unit_name', UNIT); g('doc.region', '临洮县')
for d in ['办公室', '水利工程建设管理股', '水资源管理股', '农村水利水电股']:
    g('org.department', d)
c('totals: 表1 收入支出决算总表 (元); the text rounds them to 万元; 年初/年末结转和结余 are blank in 表1 and "无" in the text -> no carryover facts')
g('revenue.total', yuan(T)); g('revenue.this_year', yuan(T)); g('revenue.general_budget', yuan(T))
c('revenue.appropriation: "全部为财政拨款收入" gives no figure of its own; the 收入决算表 合计 财政拨款收入 cell is not a headline statement -> not written')
g('expenditure.total', yuan(T)); g('expenditure.this_year', yuan(T))
g('expenditure.basic', yuan(B)); g('expenditure.project', yuan(P))
for n, v in cls:
    g('expenditure.function.' + n, yuan(v))
c('三公 and 机关运行经费: text only (万元); no 公务用车购置 figure is stated')
g('sanggong.total', yuan(W('5.11'))); g('sanggong.outbound', '0.00'); g('sanggong.vehicle_operation', yuan(W('4.62')))
g('sanggong.reception', yuan(W('0.49'))); g('operating_expenses', yuan(W('42.86')))
c('line facts: PDF converted by LibreOffice (HTML (StarWriter) import, writer_pdf_Export) from f10_libreoffice.src.html; ruled tables, 元 with two decimals and "," separators; 合计 rows are the first body row, spanning 科目编码+科目名称')
c('3 pages: 表2 runs from p.1 to p.2 and 表4 from p.2 to p.3, the continuation starting with code rows and no repeated header')
c('blank cells in the middle of rows: 基本支出 blank on project-only rows (表3, 表4); 人员经费 blank on 302 rows of 表5; the empty 上缴上级支出/经营支出/对附属单位补助支出 and income columns print nothing')
c('in 表2 and 表3 the narrow name column wraps 2080505/2080506 names around the code line ("机关事业单位基本养老保险缴" above, "费支出" below in layout text) -> joined; 表4 prints them on one line')
Gd += gold_table('income', inc, lambda code, col, v: col in ('total', 'appropriation'))
Gd += gold_table('expenditure', exp, nonzero)
Gd += gold_table('general', gen, nonzero)
Gd += gold_table('economic', eco, nonzero)
write_gold(OUT + 'f10_libreoffice.tsv', 'county department final accounts 2023 (甘肃 临洮县), PDF from LibreOffice (HTML source), five ruled 决算 tables in 元, blank cells in the middle of rows', Gd)
print('facts', sum(1 for k, v in Gd if k != '#'), T, p2)
