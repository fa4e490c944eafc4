import sys; sys.path.insert(0, '/work/scratch/tfix/_src')
from lib import *
OUT = '/work/scratch/tfix/'
UNIT = '上犹县疾病预防控制中心'
L = [('2080502', dict(ab='124360.00')), ('2080505', dict(ab='236518.72')), ('2080506', dict(ab='94607.49')),
     ('2100401', dict(ab='2186452.36', zb='186320.00', zi='236500.00')),
     ('2100408', dict(ap='412600.00')), ('2100409', dict(ap='286300.00')),
     ('2100410', dict(ap='1862450.80', zp='52000.00', zi='48000.00')),
     ('2101102', dict(ab='88452.30')), ('2210201', dict(ab='171846.00'))]
L = [(c, {k: Y(v) for k, v in d.items()}) for c, d in L]
gv = lambda d, *ks: sum(d.get(k, 0) for k in ks)
inc = func_rows([(c, {'total': gv(d, 'ab', 'ap', 'zi'), 'appropriation': gv(d, 'ab', 'ap'), 'business': gv(d, 'zi')}) for c, d in L],
                ['total', 'appropriation', 'business'])
exp = func_rows([(c, {'total': gv(d, 'ab', 'ap', 'zb', 'zp'), 'basic': gv(d, 'ab', 'zb'), 'project': gv(d, 'ap', 'zp')}) for c, d in L],
                ['total', 'basic', 'project'])
gen = func_rows([(c, {'total': gv(d, 'ab', 'ap'), 'basic': gv(d, 'ab'), 'project': gv(d, 'ap')}) for c, d in L],
                ['total', 'basic', 'project'])
I = inc[-1][2]['total']; A = inc[-1][2]['appropriation']; Z = inc[-1][2]['business']
E = exp[-1][2]['total']; B = exp[-1][2]['basic']; P = exp[-1][2]['project']
C0 = Y('35000.00'); TT = I + C0; C1 = TT - E
assert C1 == Y('81180.00'), C1
GB = gen[-1][2]['basic']
items = [('30101', '812460.00'), ('30102', '286530.00'), ('30103', '62400.00'), ('30107', '468215.00'),
         ('30108', '236518.72'), ('30109', '94607.49'), ('30110', '88452.30'), ('30112', '12836.40'),
         ('30113', '171846.00'),
         ('30201', '32650.00'), ('30205', '4860.00'), ('30206', '28430.50'), ('30207', '7620.00'),
         ('30211', '26840.00'), ('30213', '15200.00'), ('30216', '9600.00'), ('30217', '6450.00'),
         ('30228', '21360.00'), ('30231', '28600.00'), ('30299', None),
         ('30302', '124360.00')]
p2 = GB - sum(Y(v) for c, v in items if v)
assert p2 > 0, p2
eco = econ_rows([(c, Y(v) if v else p2) for c, v in items])
assert eco[-1][2]['total'] == GB
f = lambda v: fmt(v, '元', comma=True)
cell = lambda v: '' if v == 0 else f(v)
SGb = dict(out=0, buy=0, run=Y('32000.00'), rec=Y('8000.00'))
SGa = dict(out=0, buy=0, run=Y('28600.00'), rec=Y('6450.00'))
for S in (SGb, SGa):
    S['veh'] = S['buy'] + S['run']; S['tot'] = S['out'] + S['veh'] + S['rec']

H = []; h = H.append
h('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">')
h('<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />\n<meta charset="gb2312" />')
h(f'<title>{UNIT}2021年度单位决算公开</title>')
h('<style type="text/css">table{border-collapse:collapse} th,td{border:1px solid #000;padding:2px 5px;font-size:12px} td.r{text-align:right}</style>\n</head>\n<body>')
h(f'<div class="title"><h2>{UNIT}2021年度单位决算公开</h2></div>')
h('<div class="info">信息来源：上犹县卫生健康委员会　发布日期：2022-09-16</div>')
h('<h3>第一部分　单位概况</h3>')
h('<p>一、主要职能：负责全县传染病、慢性非传染性疾病、地方病的预防与控制，突发公共卫生事件的应急处置，免疫规划、健康教育和卫生检验检测等工作。</p>')
h('<p>二、人员构成：本单位事业编制42名，实有事业人员39人；退休人员16名。</p>')
h('<h3>第二部分　2021年度单位决算表</h3>')
def tstart(n, t):
    h(f'<p align="center"><b>表{n}　{t}</b></p>')
    h(f'<p>编制单位：{UNIT}　　　　　　　　　　　　　　　　单位：元</p>')
    h('<table width="100%">')
def tr(cells, th=False):
    tag = 'th' if th else 'td'
    out = []
    for x in cells:
        if isinstance(x, tuple):
            txt, attr = x
            out.append(f'<{tag} {attr}>{txt}</{tag}>')
        elif x == '':
            out.append(f'<{tag}></{tag}>')
        else:
            num = x[:1].isdigit() and ('.' in x)
            out.append(f'<{tag} class="r">{x}</{tag}>' if num and not th else f'<{tag}>{x}</{tag}>')
    h('<tr>' + ''.join(out) + '</tr>')
# 表1
tstart(1, '收入支出决算总表')
tr([('收入', 'colspan="3"'), ('支出', 'colspan="3"')], th=True)
tr(['项目', '行次', '金额', '项目', '行次', '金额'], th=True)
cls = [(r[1], r[2]['total']) for r in exp if len(r[0]) == 3]
left = [('一、一般公共预算财政拨款收入', f(A)), ('二、政府性基金预算财政拨款收入', ''), ('三、国有资本经营预算财政拨款收入', ''),
        ('四、上级补助收入', ''), ('五、事业收入', f(Z)), ('六、经营收入', ''), ('七、附属单位上缴收入', ''), ('八、其他收入', '')]
for i in range(8):
    b = (f'{"一二三四五六七八"[i]}、{cls[i][0]}', str(32 + i), f(cls[i][1])) if i < len(cls) else ('', str(32 + i), '')
    tr([left[i][0], str(i + 1), left[i][1], b[0], b[1], b[2]])
tr(['本年收入合计', '9', f(I), '本年支出合计', '40', f(E)])
tr(['年初结转和结余', '10', f(C0), '年末结转和结余', '41', f(C1)])
tr(['总计', '11', f(TT), '总计', '42', f(TT)])
h('</table>')
# 表2
tstart(2, '收入决算表')
tr([('项目', 'colspan="2"'), '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'], th=True)
tr(['功能分类科目编码', '科目名称', '', '', '', '', '', '', ''], th=True)
def inc_cells(v): return [f(v['total']), cell(v['appropriation']), '', cell(v['business']), '', '', '']
tr([('合计', 'colspan="2"')] + inc_cells(inc[-1][2]))
for code, name, v in inc[:-1]:
    tr([code, name] + inc_cells(v))
h('</table>')
# 表3
tstart(3, '支出决算表')
tr([('项目', 'colspan="2"'), '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'], th=True)
tr(['功能分类科目编码', '科目名称', '', '', '', '', '', ''], th=True)
def exp_cells(v): return [f(v['total']), cell(v['basic']), cell(v['project']), '', '', '']
tr([('合计', 'colspan="2"')] + exp_cells(exp[-1][2]))
for code, name, v in exp[:-1]:
    tr([code, name] + exp_cells(v))
h('</table>')
# 表4
tstart(4, '财政拨款收入支出决算总表')
tr([('收入', 'colspan="2"'), ('支出', 'colspan="4"')], th=True)
tr(['项目', '金额', '项目', '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款'], th=True)
gcls = [(r[1], r[2]['total']) for r in gen if len(r[0]) == 3]
l4 = [('一、一般公共预算财政拨款', f(A)), ('二、政府性基金预算财政拨款', ''), ('三、国有资本经营预算财政拨款', '')]
for i in range(max(3, len(gcls))):
    a = l4[i] if i < 3 else ('', '')
    b = [f'{"一二三四五"[i]}、{gcls[i][0]}', f(gcls[i][1]), f(gcls[i][1]), ''] if i < len(gcls) else ['', '', '', '']
    tr([a[0], a[1]] + b)
tr(['本年收入合计', f(A), '本年支出合计', f(A), f(A), ''])
tr(['年初财政拨款结转和结余', '', '年末财政拨款结转和结余', '', '', ''])
tr(['总计', f(A), '总计', f(A), f(A), ''])
h('</table>')
# 表5
tstart(5, '一般公共预算财政拨款支出决算表')
tr([('项目', 'colspan="2"'), ('本年支出', 'colspan="3"')], th=True)
tr(['功能分类科目编码', '科目名称', '小计', '基本支出', '项目支出'], th=True)
def gen_cells(v): return [f(v['total']), cell(v['basic']), cell(v['project'])]
tr([('合计', 'colspan="2"')] + gen_cells(gen[-1][2]))
for code, name, v in gen[:-1]:
    tr([code, name] + gen_cells(v))
h('</table>')
# 表6 economic, not two-panel
tstart(6, '一般公共预算财政拨款基本支出决算表')
tr(['经济分类科目编码', '科目名称', '合计', '人员经费', '公用经费'], th=True)
def eco_cells(v): return [f(v['total']), cell(v['personnel']), cell(v['public'])]
for code, name, v in eco[:-1]:
    tr([code, name] + eco_cells(v))
tr([('合计', 'colspan="2"')] + eco_cells(eco[-1][2]))
h('</table>')
# 表7 三公
tstart(7, '一般公共预算财政拨款“三公”经费支出决算表')
tr([('预算数', 'colspan="6"'), ('决算数', 'colspan="6"')], th=True)
tr([('合计', 'rowspan="2"'), ('因公出国（境）费', 'rowspan="2"'), ('公务用车购置及运行费', 'colspan="3"'), ('公务接待费', 'rowspan="2"')] * 2, th=True)
tr(['小计', '公务用车购置费', '公务用车运行费'] * 2, th=True)
keys = ('tot', 'out', 'veh', 'buy', 'run', 'rec')
tr([f(SGb[k]) for k in keys] + [f(SGa[k]) for k in keys])
h('</table>')
tstart(8, '政府性基金预算财政拨款收入支出决算表')
tr([('项目', 'colspan="2"'), '年初结转和结余', '本年收入', ('本年支出', 'colspan="3"'), '年末结转和结余'], th=True)
tr(['功能分类科目编码', '科目名称', '', '', '小计', '基本支出', '项目支出', ''], th=True)
tr([('合计', 'colspan="2"'), '', '', '', '', '', ''])
h('</table>')
h('<p>注：本单位2021年度没有政府性基金预算财政拨款收入、支出和结转结余，故本表为空表。</p>')
tstart(9, '国有资本经营预算财政拨款支出决算表')
tr([('项目', 'colspan="2"'), ('本年支出', 'colspan="3"')], th=True)
tr(['科目编码', '科目名称', '合计', '基本支出', '项目支出'], th=True)
tr([('合计', 'colspan="2"'), '', '', ''])
h('</table>')
h('<p>注：本单位2021年度没有国有资本经营预算财政拨款支出，故本表为空表。</p>')
h('<h3>第三部分　2021年度单位决算情况说明</h3>')
h(f'<p>一、收入支出决算总体情况说明。2021年度收入总计{wan(TT)}万元，支出总计{wan(TT)}万元。</p>')
h(f'<p>二、收入决算情况说明。2021年度本年收入合计{wan(I)}万元，其中：财政拨款收入{wan(A)}万元；事业收入{wan(Z)}万元；其他收入0万元。年初结转和结余{wan(C0)}万元。</p>')
h(f'<p>三、支出决算情况说明。2021年度本年支出合计{wan(E)}万元，其中：基本支出{wan(B)}万元，项目支出{wan(P)}万元。年末结转和结余{wan(C1)}万元。</p>')
h(f'<p>四、财政拨款收入支出决算总体情况说明。2021年度财政拨款收入总计{wan(A)}万元，支出总计{wan(A)}万元，比上年增加118.64万元，主要原因是新冠肺炎疫情防控经费增加。</p>')
h(f'<p>五、“三公”经费财政拨款支出决算情况说明。2021年度“三公”经费财政拨款支出决算{wan(SGa["tot"])}万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费{wan(SGa["veh"])}万元（公务用车购置费0万元，公务用车运行维护费{wan(SGa["run"])}万元），公务接待费{wan(SGa["rec"])}万元。截至2021年12月31日，本单位共有公务用车3辆。</p>')
h('<p>六、政府采购支出情况说明。2021年度政府采购支出总额156.82万元，主要用于核酸检测设备和试剂采购。</p>')
h('<p>联系电话：0797-8521346</p>')
h('</body>\n</html>')
open(OUT + 'f08_html_final.html', 'wb').write(('\n'.join(H) + '\n').encode('gb18030'))

Gd = []
g = lambda k, v: Gd.append((k, v)); c = lambda t: Gd.append(('#', t))
g('doc.kind', 'final_accounts'); g('doc.scope', 'unit'); g('doc.fiscal_year', '2021')
g('doc.unit_name', UNIT); g('doc.region', '上犹县')
g('staff.institution.authorized', '42'); g('staff.institution.actual', '39'); g('staff.retired', '16')
c('file is GB18030 bytes (meta charset gb2312); totals from 表1 收入支出决算总表 (元)')
g('revenue.total', yuan(TT)); g('revenue.this_year', yuan(I)); g('revenue.appropriation', yuan(A))
g('revenue.general_budget', yuan(A)); g('revenue.business', yuan(Z))
c('revenue.other: 表1 blank, text "其他收入0万元" -> 0.00')
g('revenue.other', '0.00'); g('revenue.carryover', yuan(C0))
g('expenditure.total', yuan(TT)); g('expenditure.this_year', yuan(E)); g('expenditure.carry_forward', yuan(C1))
g('expenditure.basic', yuan(B)); g('expenditure.project', yuan(P))
for n, v in cls:
    g('expenditure.function.' + n, yuan(v))
c('appropriation.*: 表4 总计; the +118.64万元 change belongs to the appropriation totals and has no key')
g('appropriation.revenue', yuan(A)); g('appropriation.expenditure', yuan(A))
c('三公: 决算数 half of 表7 (the 预算数 half is a comparison)')
for k, key in (('tot', 'total'), ('out', 'outbound'), ('rec', 'reception'), ('veh', 'vehicle'), ('buy', 'vehicle_purchase'), ('run', 'vehicle_operation')):
    g('sanggong.' + key, yuan(SGa[k]))
g('procurement.total', yuan(W('156.82'))); g('assets.vehicles', '3'); g('contact.phone', '0797-8521346')
c('line facts: 单位：元 with two decimals and "," separators; th headers; 合计 rows are <td colspan=2> (first in 表2/3/5, last in 表6); blank <td> print nothing')
c('income: 事业收入 column has no key')
Gd += gold_table('income', inc, lambda code, col, v: col in ('total', 'appropriation') and v != 0)
Gd += gold_table('expenditure', exp, nonzero)
Gd += gold_table('general', gen, nonzero)
c('economic (表6): one panel with columns 合计 | 人员经费 | 公用经费; 公用经费 blank on 301/303 rows, 人员经费 blank on 302 rows')
Gd += gold_table('economic', eco, nonzero)
c('表8/表9 empty: no lines')
write_gold(OUT + 'f08_html_final.tsv', 'unit final accounts 2021 (江西 上犹县), GB18030 HTML with th headers, 元 with two decimals, one-panel economic table (合计 | 人员经费 | 公用经费) with blank cells', Gd)
print('facts', sum(1 for k, v in Gd if k != '#'), p2)
