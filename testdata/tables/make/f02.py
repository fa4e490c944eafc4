import sys; sys.path.insert(0, '/work/scratch/tfix/_src')
from lib import *
OUT = '/work/scratch/tfix/'
UNIT = '佛山市南海区民政局'
# (code, basic, project, fund) in 万元; fund g = 一般公共预算, f = 政府性基金预算
L = [
 ('2080201', '986.45', '0', 'g'), ('2080208', '0', '356.80', 'g'), ('2080299', '0', '88.60', 'g'),
 ('2080501', '42.36', '0', 'g'), ('2080505', '168.72', '0', 'g'), ('2080506', '84.36', '0', 'g'),
 ('2081002', '0', '1520.00', 'g'), ('2081004', '0', '210.50', 'g'), ('2081005', '395.18', '46.00', 'g'),
 ('2081107', '0', '932.40', 'g'), ('2081901', '0', '618.00', 'g'), ('2081902', '0', '1046.30', 'g'),
 ('2101101', '52.68', '0', 'g'), ('2101102', '23.41', '0', 'g'),
 ('2210201', '126.54', '0', 'g'),
 ('2296002', '0', '380.00', 'f'),
]
def vals(b, p, fund):
    b, p = W(b), W(p)
    return {'total': b + p, 'basic': b, 'project': p,
            'appropriation': b + p if fund == 'g' else 0, 'govfund': b + p if fund == 'f' else 0}
inc = func_rows([(c, vals(b, p, fd)) for c, b, p, fd in L], ['total', 'appropriation', 'govfund'])
exp = func_rows([(c, vals(b, p, fd)) for c, b, p, fd in L], ['total', 'basic', 'project'])
gen = func_rows([(c, vals(b, p, fd)) for c, b, p, fd in L if fd == 'g'], ['total', 'basic', 'project'])
gfd = func_rows([(c, vals(b, p, fd)) for c, b, p, fd in L if fd == 'f'], ['total', 'basic', 'project'])
T = exp[-1][2]['total']; B = exp[-1][2]['basic']; P = exp[-1][2]['project']
G_ = inc[-1][2]['appropriation']; F_ = inc[-1][2]['govfund']
assert G_ + F_ == T
GB = gen[-1][2]['basic']
items = [('30101', '312.40'), ('30102', '268.50'), ('30103', '58.20'), ('30107', '215.60'), ('30108', '168.72'),
         ('30109', '84.36'), ('30110', '62.15'), ('30111', '13.94'), ('30113', '126.54'),
         ('30201', '18.60'), ('30205', '2.40'), ('30206', '9.80'), ('30207', '3.60'), ('30209', '26.00'),
         ('30211', '6.80'), ('30215', '1.50'), ('30216', '3.20'), ('30217', '2.80'), ('30228', '16.20'),
         ('30229', '8.40'), ('30231', '9.80'), ('30239', '68.00'), ('30299', None), ('30302', '42.36')]
plug = GB - sum(W(v) for c, v in items if v)
assert plug > 0
eco = econ_rows([(c, W(v) if v else plug) for c, v in items])
assert eco[-1][2]['total'] == GB
def f(v): return fmt(v, '万元')
def cell(v): return '' if v == 0 else f(v)

CSS = '''<style>
body{font-family:"Microsoft YaHei",SimSun,sans-serif;font-size:14px}
table{border-collapse:collapse;margin:8px 0 24px}
td,th{border:1px solid #333;padding:3px 6px}
td.n{text-align:right}
.t{text-align:center;font-weight:bold;font-size:18px}
</style>'''
H = []
h = H.append
h('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>佛山市南海区民政局2024年部门预算</title>\n' + CSS + '\n</head>\n<body>')
h('<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 财政预决算 &gt; 部门预决算</div>')
h('<h1 class="t">佛山市南海区民政局2024年部门预算</h1>')
h('<p>发布时间：2024-02-06 来源：佛山市南海区民政局</p>')
h('<h2>目录</h2>\n<ol>')
titles = ['部门收支总表', '部门收入总表', '部门支出总表', '财政拨款收支总表', '一般公共预算支出表', '一般公共预算基本支出表',
          '一般公共预算“三公”经费支出表', '政府性基金预算支出表', '国有资本经营预算支出表']
for t in titles:
    h(f'<li>{t}</li>')
h('</ol>')
h('<h2>第一部分 部门概况</h2>')
h('<p>一、主要职能：贯彻落实国家、省、市关于民政工作的方针政策和法律法规，拟订全区民政事业发展规划；负责社会救助、养老服务、儿童福利、殡葬管理、社会组织登记管理和基层政权建设等工作。</p>')
h('<p>二、部门预算单位构成：本部门预算包括部门本级预算和所属事业单位预算。纳入2024年部门预算编制范围的二级预算单位包括：佛山市南海区社会福利中心、佛山市南海区殡仪馆。</p>')
h('<h2>第二部分 2024年部门预算表</h2>')

def title(n, t, unit='万元'):
    h(f'<p class="t">表{n} {t}</p>')
    h(f'<p>部门名称：{UNIT}<span style="float:right">单位：{unit}</span></p>')

def code_cells(code, mode='split'):
    if code == 'total':
        return None
    if len(code) == 3:
        return [code, '', '']
    if len(code) == 5:
        return ['', code[3:], '']
    return ['', '', code[5:]]

def trow(cells, nums):
    return '<tr>' + ''.join(cells) + ''.join(f'<td class="n">{x}</td>' if x else '<td></td>' for x in nums) + '</tr>'

# 表1 部门收支总表
title(1, '部门收支总表')
h('<table>')
h('<tr><th colspan="2">收入</th><th colspan="2">支出</th></tr>')
h('<tr><th>项目</th><th>预算数</th><th>项目</th><th>预算数</th></tr>')
left = [('一、一般公共预算拨款', f(G_)), ('二、政府性基金预算拨款', f(F_)), ('三、国有资本经营预算拨款', ''),
        ('四、事业收入', ''), ('五、事业单位经营收入', ''), ('六、其他收入', '')]
cls = [(r[1], r[2]['total']) for r in exp if len(r[0]) == 3]
rights = [(f'{n_}、{c[0]}', f(c[1])) for n_, c in zip('一二三四', cls)]
for i in range(6):
    a = left[i]
    b = rights[i] if i < len(rights) else ('', '')
    h(f'<tr><td>{a[0]}</td><td class="n">{a[1]}</td><td>{b[0]}</td><td class="n">{b[1]}</td></tr>')
h(f'<tr><td>本年收入合计</td><td class="n">{f(T)}</td><td>本年支出合计</td><td class="n">{f(T)}</td></tr>')
h('<tr><td>上年结转</td><td></td><td>结转下年</td><td></td></tr>')
h(f'<tr><td>收入总计</td><td class="n">{f(T)}</td><td>支出总计</td><td class="n">{f(T)}</td></tr>')
h('</table>')

# 表2 部门收入总表
title(2, '部门收入总表')
h('<table>')
h('<tr><th colspan="3">科目编码</th><th rowspan="2">科目名称</th><th rowspan="2">合计</th><th rowspan="2">上年结转</th>'
  '<th colspan="3">财政拨款</th><th rowspan="2">事业收入</th><th rowspan="2">其他收入</th></tr>')
h('<tr><th>类</th><th>款</th><th>项</th><th>一般公共预算拨款</th><th>政府性基金预算拨款</th><th>国有资本经营预算拨款</th></tr>')
def inc_nums(v): return [f(v['total']), '', cell(v['appropriation']), cell(v['govfund']), '', '', '']
h(trow(['<td colspan="4" style="text-align:center">合计</td>'], inc_nums(inc[-1][2])))
for code, name, v in inc[:-1]:
    h(trow([f'<td>{x}</td>' if x else '<td></td>' for x in code_cells(code)] + [f'<td>{name}</td>'], inc_nums(v)))
h('</table>')

# 表3 部门支出总表
title(3, '部门支出总表')
h('<table>')
h('<tr><th colspan="3">科目编码</th><th rowspan="2">科目名称</th><th rowspan="2">合计</th><th colspan="2">支出</th></tr>')
h('<tr><th>类</th><th>款</th><th>项</th><th>基本支出</th><th>项目支出</th></tr>')
def exp_nums(v): return [f(v['total']), cell(v['basic']), cell(v['project'])]
h(trow(['<td colspan="4" style="text-align:center">合计</td>'], exp_nums(exp[-1][2])))
for code, name, v in exp[:-1]:
    h(trow([f'<td>{x}</td>' if x else '<td></td>' for x in code_cells(code)] + [f'<td>{name}</td>'], exp_nums(v)))
h('</table>')

# 表4 财政拨款收支总表
title(4, '财政拨款收支总表')
h('<table>')
h('<tr><th colspan="2">收入</th><th colspan="5">支出</th></tr>')
h('<tr><th rowspan="2">项目</th><th rowspan="2">预算数</th><th rowspan="2">项目</th><th rowspan="2">合计</th><th colspan="3">财政拨款</th></tr>')
h('<tr><th>一般公共预算</th><th>政府性基金预算</th><th>国有资本经营预算</th></tr>')
gcls = {r[1]: r[2]['total'] for r in gen if len(r[0]) == 3}
fcls = {r[1]: r[2]['total'] for r in gfd if len(r[0]) == 3}
left4 = [('一、本年收入', f(T)), ('（一）一般公共预算拨款', f(G_)), ('（二）政府性基金预算拨款', f(F_)), ('（三）国有资本经营预算拨款', '')]
right4 = []
for n_, (name, tot) in zip('一二三四', cls):
    right4.append((f'{n_}、{name}', f(tot), cell(gcls.get(name, 0)), cell(fcls.get(name, 0)), ''))
for i in range(4):
    a = left4[i]; b = right4[i]
    h(f'<tr><td>{a[0]}</td><td class="n">{a[1]}</td><td>{b[0]}</td>' + ''.join(f'<td class="n">{x}</td>' if x else '<td></td>' for x in b[1:]) + '</tr>')
h('<tr><td>二、上年结转</td><td></td><td>二、结转下年</td><td></td><td></td><td></td><td></td></tr>')
h(f'<tr><td>收入总计</td><td class="n">{f(T)}</td><td>支出总计</td><td class="n">{f(T)}</td><td class="n">{f(G_)}</td><td class="n">{f(F_)}</td><td></td></tr>')
h('</table>')

# 表5 一般公共预算支出表
title(5, '一般公共预算支出表')
h('<table>')
h('<tr><th colspan="3">科目编码</th><th rowspan="2">科目名称</th><th colspan="3">一般公共预算支出</th></tr>')
h('<tr><th>类</th><th>款</th><th>项</th><th>合计</th><th>基本支出</th><th>项目支出</th></tr>')
h(trow(['<td colspan="4" style="text-align:center">合计</td>'], exp_nums(gen[-1][2])))
for code, name, v in gen[:-1]:
    h(trow([f'<td>{x}</td>' if x else '<td></td>' for x in code_cells(code)] + [f'<td>{name}</td>'], exp_nums(v)))
h('</table>')

# 表6 一般公共预算基本支出表
title(6, '一般公共预算基本支出表')
h('<table>')
h('<tr><th colspan="2">科目编码</th><th rowspan="2">科目名称</th><th colspan="3">一般公共预算基本支出</th></tr>')
h('<tr><th>类</th><th>款</th><th>合计</th><th>人员经费</th><th>公用经费</th></tr>')
def eco_nums(v): return [f(v['total']), cell(v['personnel']), cell(v['public'])]
h(trow(['<td colspan="3" style="text-align:center">合计</td>'], eco_nums(eco[-1][2])))
for code, name, v in eco[:-1]:
    cc = [code, ''] if len(code) == 3 else ['', code[3:]]
    h(trow([f'<td>{x}</td>' if x else '<td></td>' for x in cc] + [f'<td>{name}</td>'], eco_nums(v)))
h('</table>')

# 表7 三公
SG = dict(out=0, buy=0, run=W('9.80'), rec=W('2.80'))
SG['veh'] = SG['buy'] + SG['run']; SG['tot'] = SG['out'] + SG['veh'] + SG['rec']
title(7, '一般公共预算“三公”经费支出表')
h('<table>')
h('<tr><th rowspan="2">合计</th><th rowspan="2">因公出国（境）费</th><th colspan="3">公务用车购置及运行费</th><th rowspan="2">公务接待费</th></tr>')
h('<tr><th>小计</th><th>公务用车购置费</th><th>公务用车运行费</th></tr>')
h('<tr>' + ''.join(f'<td class="n">{f(SG[k])}</td>' for k in ('tot', 'out', 'veh', 'buy', 'run', 'rec')) + '</tr>')
h('</table>')

# 表8 政府性基金
title(8, '政府性基金预算支出表')
h('<table>')
h('<tr><th colspan="3">科目编码</th><th rowspan="2">科目名称</th><th colspan="3">本年政府性基金预算支出</th></tr>')
h('<tr><th>类</th><th>款</th><th>项</th><th>合计</th><th>基本支出</th><th>项目支出</th></tr>')
h(trow(['<td colspan="4" style="text-align:center">合计</td>'], exp_nums(gfd[-1][2])))
for code, name, v in gfd[:-1]:
    h(trow([f'<td>{x}</td>' if x else '<td></td>' for x in code_cells(code)] + [f'<td>{name}</td>'], exp_nums(v)))
h('</table>')

# 表9 国有资本经营
title(9, '国有资本经营预算支出表')
h('<table>')
h('<tr><th colspan="3">科目编码</th><th rowspan="2">科目名称</th><th colspan="3">本年国有资本经营预算支出</th></tr>')
h('<tr><th>类</th><th>款</th><th>项</th><th>合计</th><th>基本支出</th><th>项目支出</th></tr>')
h('<tr><td colspan="4" style="text-align:center">合计</td><td></td><td></td><td></td></tr>')
h('</table>')
h('<p>注：本部门2024年没有使用国有资本经营预算拨款安排的支出，故本表为空表。</p>')

OPX = W('186.35'); PROC = W('256.00')
h('<h2>第三部分 2024年部门预算情况说明</h2>')
h(f'<p>一、收入预算情况。2024年部门收入预算{f(T)}万元，其中：一般公共预算拨款{f(G_)}万元，政府性基金预算拨款{f(F_)}万元，国有资本经营预算拨款0万元，事业收入0万元，其他收入0万元。</p>')
parts = '，'.join(f'{r[1]}{f(r[2]["total"])}万元' for r in exp if len(r[0]) == 3)
h(f'<p>二、支出预算情况。2024年部门支出预算{f(T)}万元，其中：基本支出{f(B)}万元，占{B*100//T}%，主要用于保障在职人员工资福利、离退休人员经费和机构正常运转；项目支出{f(P)}万元，主要用于社会救助、养老服务、残疾人两项补贴等。按功能分类：{parts}。</p>')
h(f'<p>三、财政拨款收支预算情况。2024年财政拨款收入预算{f(T)}万元，财政拨款支出预算{f(T)}万元，其中一般公共预算支出{f(G_)}万元，政府性基金预算支出{f(F_)}万元。</p>')
h(f'<p>四、“三公”经费预算情况。2024年“三公”经费预算{f(SG["tot"])}万元，比上年减少0.40万元。其中：因公出国（境）费0万元；公务用车购置及运行费{f(SG["veh"])}万元（其中公务用车购置费0万元，公务用车运行费{f(SG["run"])}万元）；公务接待费{f(SG["rec"])}万元。</p>')
h(f'<p>五、机关运行经费。2024年本部门机关运行经费预算{wan(OPX)}万元。</p>')
h(f'<p>六、政府采购情况。2024年本部门政府采购预算总额{wan(PROC)}万元。</p>')
h(f'<p>七、绩效目标设置情况。2024年本部门实行绩效目标管理的项目14个，涉及项目预算资金{f(P)}万元。</p>')
h('<p>联系人：何晓敏 联系电话：0757-86280361</p>')
h('</body>\n</html>')
open(OUT + 'f02_district_budget.html', 'w', encoding='utf-8').write('\n'.join(H) + '\n')

Gd = []
g = lambda k, v: Gd.append((k, v)); c = lambda t: Gd.append(('#', t))
g('doc.kind', 'budget'); g('doc.scope', 'department'); g('doc.fiscal_year', '2024')
g('doc.unit_name', UNIT); g('doc.region', '佛山市南海区')
g('org.subordinate', '佛山市南海区社会福利中心'); g('org.subordinate', '佛山市南海区殡仪馆')
c('totals from 表1 部门收支总表 (单位：万元); the explanation states the same figures')
g('revenue.total', yuan(T)); g('revenue.general_budget', yuan(G_)); g('revenue.gov_fund', yuan(F_))
c('revenue.state_capital/business/other: blank in 表1, 0万元 in the explanation -> 0.00 (a blank cell against a written 0 is no conflict)')
g('revenue.state_capital', '0.00'); g('revenue.business', '0.00'); g('revenue.other', '0.00')
g('expenditure.total', yuan(T)); g('expenditure.basic', yuan(B)); g('expenditure.project', yuan(P))
for r in exp:
    if len(r[0]) == 3:
        g('expenditure.function.' + r[1], yuan(r[2]['total']))
c('appropriation.*: 收入总计/支出总计 of 表4 财政拨款收支总表 (general + gov fund)')
g('appropriation.revenue', yuan(T)); g('appropriation.expenditure', yuan(T))
g('sanggong.total', yuan(SG['tot'])); g('sanggong.change', yuan(-W('0.40')))
g('sanggong.outbound', '0.00'); g('sanggong.reception', yuan(SG['rec'])); g('sanggong.vehicle', yuan(SG['veh']))
g('sanggong.vehicle_purchase', '0.00'); g('sanggong.vehicle_operation', yuan(SG['run']))
g('operating_expenses', yuan(OPX)); g('procurement.total', yuan(PROC))
g('performance.project_funds', yuan(P)); g('performance.project_count', '14')
g('contact.name', '何晓敏'); g('contact.phone', '0757-86280361')
c('line facts: tables in 单位：万元 with two decimals (x10000); HTML rowspan/colspan headers; codes split 类|款|项 with only the own level printed (款 rows: 类 blank; 项 rows: 类 and 款 blank) -> inherited from the rows above')
c('the 合计 row is a <td colspan=4> (colspan=3 in the economic table); blank <td> print nothing')
c('income: appropriation = 一般公共预算拨款 (under 财政拨款 colspan=3); the 政府性基金预算拨款 column has no key, so 229/22960/2296002 have no appropriation line')
G = gold_table('income', inc, lambda code, col, v: col in ('total', 'appropriation') and v != 0)
Gd += G
Gd += gold_table('expenditure', exp, nonzero)
Gd += gold_table('general', gen, nonzero)
c('economic: 类|款 split (款 rows print only the 款, joined to the 类 above: 301 + 01 -> 30101); 人员经费 blank on 302 rows, 公用经费 blank on 301/303 rows')
Gd += gold_table('economic', eco, nonzero)
Gd += gold_table('gov_fund', gfd, nonzero)
c('表9 国有资本经营 empty (本表为空表): no lines')
write_gold(OUT + 'f02_district_budget.tsv', 'district department budget 2024 (广东 佛山市南海区), UTF-8 HTML tables with rowspan/colspan headers and 类|款|项 split codes inherited from rows above, 万元 with two decimals, non-empty 政府性基金 table', Gd)
print('facts', sum(1 for k, v in Gd if k != '#'), T, B, P, plug)
