import sys; sys.path.insert(0, '/work/scratch/tfix/_src')
from lib import *
OUT = '/work/scratch/tfix/'
UNIT = '株洲市第十三中学'
# (code, basic_g, project_g, project_business) 万元
L = [('2050204', '2368.45', '312.60', '186.00'), ('2050299', '0', '45.80', '0'), ('2050904', '0', '128.00', '0'),
     ('2080502', '36.24', '0', '0'), ('2080505', '298.56', '0', '0'), ('2080506', '119.42', '0', '0'),
     ('2101102', '142.37', '0', '0'), ('2210201', '215.08', '0', '0')]
inc = func_rows([(c, {'total': W(b) + W(p) + W(z), 'appropriation': W(b) + W(p), 'business': W(z)}) for c, b, p, z in L],
                ['total', 'appropriation', 'business'])
exp = func_rows([(c, {'total': W(b) + W(p) + W(z), 'basic': W(b), 'project': W(p) + W(z)}) for c, b, p, z in L],
                ['total', 'basic', 'project'])
gen = func_rows([(c, {'total': W(b) + W(p), 'basic': W(b), 'project': W(p)}) for c, b, p, z in L], ['total', 'basic', 'project'])
T = exp[-1][2]['total']; B = exp[-1][2]['basic']; P = exp[-1][2]['project']
A = inc[-1][2]['appropriation']; Z = inc[-1][2]['business']
GB = gen[-1][2]['basic']
items = [('30101', '612.30'), ('30102', '186.40'), ('30103', '92.50'), ('30107', '1012.80'), ('30108', '298.56'),
         ('30109', '119.42'), ('30110', '142.37'), ('30113', '215.08'),
         ('30201', '28.60'), ('30202', '12.40'), ('30205', '18.20'), ('30206', '46.80'), ('30207', '6.30'),
         ('30209', '52.00'), ('30211', '9.60'), ('30213', '38.50'), ('30216', '16.40'), ('30217', '1.20'),
         ('30228', '24.60'), ('30229', '18.00'), ('30299', None), ('30302', '36.24')]
plug = GB - sum(W(v) for c, v in items if v)
assert plug > 0
eco = econ_rows([(c, W(v) if v else plug) for c, v in items])
assert eco[-1][2]['total'] == GB
f = lambda v: fmt(v, '万元', comma=False)
cell = lambda v: '' if v == 0 else f(v)
J = ' | '.join
WRAP = {('income', '2080505'): ('机关事业单位基本养老保险缴费支', '出'), ('general', '2080506'): ('机关事业单位职业年金缴费支', '出')}

Lx = []
w = Lx.append
page = [3]
def pagebreak():
    w(''); w(f'- {page[0]} -'); w(''); page[0] += 1
w(f'{UNIT}2025年单位预算')
w('')
w('目 录')
titles = ['收支总表', '收入总表', '支出总表', '财政拨款收支总表', '一般公共预算支出表', '一般公共预算基本支出表',
          '一般公共预算“三公”经费支出表', '政府性基金预算支出表', '国有资本经营预算支出表']
w('第一部分 单位概况')
w('第二部分 2025年单位预算表')
for i, t in enumerate(titles):
    w(f'  {i + 1}. {t}')
w('第三部分 2025年单位预算情况说明')
pagebreak()
w('第一部分 单位概况')
w('一、主要职能')
w('株洲市第十三中学是株洲市教育局直属的全日制公办普通高级中学，主要承担高中阶段学历教育，开展教育教学研究和学生综合素质培养。')
w('二、人员情况')
w('本单位核定事业编制186名，实有事业人员178人；退休人员64名。学校现有教学班42个，在校学生2046人。')
pagebreak()
w('第二部分 2025年单位预算表')
w('')
w('表1')
w('收支总表')
w(f'单位名称：{UNIT}                                  单位：万元')
w(J(['收入', '', '支出', '']))
w(J(['项目', '预算数', '项目', '预算数']))
cls = [(r[1], r[2]['total']) for r in exp if len(r[0]) == 3]
left = [('一、一般公共预算拨款收入', f(A)), ('二、政府性基金预算拨款收入', ''), ('三、国有资本经营预算拨款收入', ''),
        ('四、事业收入', f(Z)), ('五、事业单位经营收入', ''), ('六、其他收入', '')]
for i in range(6):
    b = (f'{"一二三四五六"[i]}、{cls[i][0]}', f(cls[i][1])) if i < len(cls) else ('', '')
    w(J([left[i][0], left[i][1], b[0], b[1]]))
w(J(['本年收入合计', f(T), '本年支出合计', f(T)]))
w(J(['上年结转结余', '', '年末结转结余', '']))
w(J(['收入总计', f(T), '支出总计', f(T)]))
pagebreak()
# 表2 收入总表, continued over a page with the header repeated
w('表2')
w('收入总表')
w(f'单位名称：{UNIT}                                  单位：万元')
hdr2 = J(['科目编码', '科目名称', '合计', '一般公共预算拨款', '政府性基金预算拨款', '事业收入', '其他收入'])
w(hdr2)
def incrow(code, name, v):
    return [code, name, f(v['total']), cell(v['appropriation']), '', cell(v['business']), '']
for i, (code, name, v) in enumerate(inc[:-1]):
    if code == '208':
        pagebreak()
        w(hdr2)
    if ('income', code) in WRAP:
        a, b = WRAP[('income', code)]
        w(J(incrow(code, a, v))); w(b)
    else:
        w(J(incrow(code, name, v)))
w(J(['合计', ''] + incrow('', '', inc[-1][2])[2:]))
pagebreak()
# 表3 支出总表: 合计 row alone after a page break
w('表3')
w('支出总表')
w(f'单位名称：{UNIT}                                  单位：万元')
w(J(['科目编码', '科目名称', '合计', '基本支出', '项目支出']))
exprow = lambda v: [f(v['total']), cell(v['basic']), cell(v['project'])]
for code, name, v in exp[:-1]:
    w(J([code, name] + exprow(v)))
pagebreak()
w(J(['合计', ''] + exprow(exp[-1][2])))
w('')
w('表4')
w('财政拨款收支总表')
w(f'单位名称：{UNIT}                                  单位：万元')
w(J(['收入', '', '支出', '', '', '']))
w(J(['项目', '预算数', '项目', '合计', '一般公共预算', '政府性基金预算']))
gcls = [(r[1], r[2]['total']) for r in gen if len(r[0]) == 3]
left4 = [('一、本年收入', f(A)), ('（一）一般公共预算拨款', f(A)), ('（二）政府性基金预算拨款', ''), ('（三）国有资本经营预算拨款', '')]
for i in range(4):
    nm, tv = gcls[i]
    w(J([left4[i][0], left4[i][1], f'{"一二三四"[i]}、{nm}', f(tv), f(tv), '']))
w(J(['二、上年结转', '', '二、年末结转结余', '', '', '']))
w(J(['收入总计', f(A), '支出总计', f(A), f(A), '']))
pagebreak()
w('表5')
w('一般公共预算支出表')
w(f'单位名称：{UNIT}                                  单位：万元')
w(J(['科目编码', '科目名称', '合计', '基本支出', '项目支出']))
w(J(['合计', ''] + exprow(gen[-1][2])))
for code, name, v in gen[:-1]:
    if ('general', code) in WRAP:
        a, b = WRAP[('general', code)]
        w(J([code, a] + exprow(v))); w(b)
    else:
        w(J([code, name] + exprow(v)))
pagebreak()
w('表6')
w('一般公共预算基本支出表')
w(f'单位名称：{UNIT}                                  单位：万元')
w(J(['科目编码', '科目名称', '合计', '人员经费', '公用经费']))
ecorow = lambda v: [f(v['total']), cell(v['personnel']), cell(v['public'])]
for code, name, v in eco[:-1]:
    if code == '302':
        pagebreak()
        w(J(['科目编码', '科目名称', '合计', '人员经费', '公用经费']))
    w(J([code, name] + ecorow(v)))
w(J(['合计', ''] + ecorow(eco[-1][2])))
pagebreak()
SG = dict(tot=W('1.20'), out=0, veh=0, buy=0, run=0, rec=W('1.20'))
w('表7')
w('一般公共预算“三公”经费支出表')
w(f'单位名称：{UNIT}                                  单位：万元')
w(J(['合计', '因公出国（境）费', '公务用车购置及运行费', '', '', '公务接待费']))
w(J(['', '', '小计', '公务用车购置费', '公务用车运行费', '']))
w(J([f(SG[k]) for k in ('tot', 'out', 'veh', 'buy', 'run', 'rec')]))
w('')
w('表8')
w('政府性基金预算支出表')
w(f'单位名称：{UNIT}                                  单位：万元')
w(J(['科目编码', '科目名称', '合计', '基本支出', '项目支出']))
w(J(['合计', '', '', '', '']))
w('注：本单位2025年没有使用政府性基金预算拨款安排的支出，故本表无数据。')
w('')
w('表9')
w('国有资本经营预算支出表')
w(f'单位名称：{UNIT}                                  单位：万元')
w(J(['科目编码', '科目名称', '合计', '基本支出', '项目支出']))
w(J(['合计', '', '', '', '']))
w('注：本单位2025年没有使用国有资本经营预算拨款安排的支出，故本表无数据。')
pagebreak()
PROC = W('128.00')
w('第三部分 2025年单位预算情况说明')
w(f'一、收支预算总体情况。2025年收入预算{f(T)}万元，其中：一般公共预算拨款收入{f(A)}万元，事业收入{f(Z)}万元。支出预算{f(T)}万元，其中：基本支出{f(B)}万元，项目支出{f(P)}万元。')
parts = '；'.join(f'{r[1]}{f(r[2]["total"])}万元' for r in exp if len(r[0]) == 3)
w(f'二、支出预算按功能分类：{parts}。')
w(f'三、财政拨款收支情况。2025年财政拨款收入{f(A)}万元，财政拨款支出{f(A)}万元，全部为一般公共预算拨款。')
w(f'四、一般公共预算基本支出{f(GB)}万元，其中：人员经费{f(eco[-1][2]["personnel"])}万元，公用经费{f(eco[-1][2]["public"])}万元。')
w(f'五、“三公”经费预算情况。2025年“三公”经费预算{f(SG["tot"])}万元，与上年持平。其中：因公出国（境）费0万元，公务用车购置及运行费0万元，公务接待费{f(SG["rec"])}万元。本单位无公务用车。')
w('六、机关运行经费。本单位为事业单位，不安排机关运行经费。')
w(f'七、政府采购情况。2025年政府采购预算{f(PROC)}万元，主要用于教学设施设备更新。')
w('')
w(f'- {page[0]} -')
open(OUT + 'f04_budget_wan.txt', 'w', encoding='utf-8').write('\n'.join(Lx) + '\n')

Gd = []
g = lambda k, v: Gd.append((k, v)); c = lambda t: Gd.append(('#', t))
g('doc.kind', 'budget'); g('doc.scope', 'unit'); g('doc.fiscal_year', '2025')
g('doc.unit_name', UNIT); g('doc.region', '株洲市')
g('staff.institution.authorized', '186'); g('staff.institution.actual', '178'); g('staff.retired', '64')
c('totals from 表1 收支总表 (万元, two decimals); the explanation repeats them exactly')
g('revenue.total', yuan(T)); g('revenue.general_budget', yuan(A)); g('revenue.business', yuan(Z))
g('expenditure.total', yuan(T)); g('expenditure.basic', yuan(B)); g('expenditure.project', yuan(P))
for r in exp:
    if len(r[0]) == 3:
        g('expenditure.function.' + r[1], yuan(r[2]['total']))
g('appropriation.revenue', yuan(A)); g('appropriation.expenditure', yuan(A))
c('三公: 与上年持平 is not a figure (no sanggong.change); the table prints 0.00 for the vehicle cells')
g('sanggong.total', yuan(SG['tot'])); g('sanggong.outbound', '0.00'); g('sanggong.reception', yuan(SG['rec']))
g('sanggong.vehicle', '0.00'); g('sanggong.vehicle_purchase', '0.00'); g('sanggong.vehicle_operation', '0.00')
c('no operating_expenses (不安排机关运行经费 is not a figure); "本单位无公务用车" is not a count -> no assets.vehicles')
g('procurement.total', yuan(PROC))
c('line facts: 单位：万元 with two decimals (x10000); pages broken with "- N -" lines')
c('income (表2): continued over a page break with its header repeated before 208; the name of 2080505 wraps: "机关事业单位基本养老保险缴费支" on the row, "出" alone on the next line -> joined; 事业收入 column has no key')
Gd += gold_table('income', inc, lambda code, col, v: col in ('total', 'appropriation') and v != 0)
c('expenditure (表3): its 合计 row stands alone at the top of the next page, after the page number, without header or title')
Gd += gold_table('expenditure', exp, nonzero)
c('general (表5): 合计 first; the name of 2080506 wraps ("机关事业单位职业年金缴费支" / "出") -> joined')
Gd += gold_table('general', gen, nonzero)
c('economic (表6): 合计 | 人员经费 | 公用经费, blank where not applicable; continued over a page break (header repeated before 302)')
Gd += gold_table('economic', eco, nonzero)
c('表8/表9 empty (本表无数据): no lines')
write_gold(OUT + 'f04_budget_wan.tsv', 'school unit budget 2025 (湖南 株洲市), " | " text tables in 万元 with decimals, page-number lines, repeated header on continuation, 合计 alone after a page break, wrapped names', Gd)
print('facts', sum(1 for k, v in Gd if k != '#'), T, plug)
