import sys, copy; sys.path.insert(0, '/work/scratch/tfix/_src')
from lib import *
OUT = '/work/scratch/tfix/'
UNIT = '湄潭县人力资源和社会保障局'
L = [('2080101', 3186420, 0), ('2080102', 0, 420000), ('2080106', 0, 286000), ('2080109', 1452380, 180000),
     ('2080111', 624500, 0), ('2080150', 538260, 0), ('2080501', 312460, 0), ('2080502', 186240, 0),
     ('2080505', 642318, 0), ('2080506', 256927, 0), ('2080702', 0, 3400000), ('2101101', 168425, 0),
     ('2101102', 95386, 0), ('2210201', None, 0)]
TARGET = Y(12335600)
plug = TARGET - sum(Y(b) + Y(p) for c, b, p in L if b is not None)
L = [(c, Y(b) if b is not None else plug, Y(p)) for c, b, p in L]
mk = lambda: [(c, {'total': b + p, 'basic': b, 'project': p, 'appropriation': b + p}) for c, b, p in L]
inc = func_rows(mk(), ['total', 'appropriation'])
exp = func_rows(mk(), ['total', 'basic', 'project'])
gen = func_rows(mk(), ['total', 'basic', 'project'])
T = exp[-1][2]['total']; B = exp[-1][2]['basic']; P = exp[-1][2]['project']
assert T == TARGET
# the planted error: 款 20805 of the 部门支出总表 prints total and basic 1 元 too high
expP = copy.deepcopy(exp)
r = rowmap(expP)['20805']
TRUE20805 = r[2]['total']
r[2]['total'] += 100; r[2]['basic'] += 100
GB = gen[-1][2]['basic']
items = [('30101', 1568400), ('30102', 1286520), ('30103', 238600), ('30107', 1102380), ('30108', 642318),
         ('30109', 256927), ('30110', 263811), ('30113', plug),
         ('30201', 86500), ('30205', 9600), ('30206', 42800), ('30207', 18600), ('30211', 68400),
         ('30213', 24000), ('30215', 12000), ('30216', 26000), ('30217', 34000), ('30226', 120000),
         ('30228', 71200), ('30231', 52000), ('30239', 204000), ('30299', None), ('30302', 498700)]
items = [(c, Y(v) if isinstance(v, int) and v < 10**7 and c != '30113' else v) for c, v in items]
p2 = GB - sum(v for c, v in items if v is not None)
assert p2 > 0, p2
eco = econ_rows([(c, v if v is not None else p2) for c, v in items])
assert eco[-1][2]['total'] == GB
f = lambda v: fmt(v, '元', comma=True, dec=0)
cell = lambda v: '-' if v == 0 else f(v)
J = ' | '.join
SG = dict(out=0, buy=0, run=Y(52000), rec=Y(34000)); SG['veh'] = SG['buy'] + SG['run']; SG['tot'] = SG['veh'] + SG['rec'] + SG['out']

Lx = []; w = Lx.append
w(f'{UNIT}2023年部门预算')
w('')
w('目录')
w('第一部分 部门概况')
w('第二部分 2023年部门预算表')
titles = ['部门收支总表', '部门收入总表', '部门支出总表', '财政拨款收支总表', '一般公共预算支出表', '一般公共预算基本支出表',
          '一般公共预算“三公”经费支出表', '政府性基金预算支出表', '国有资本经营预算支出表']
for i, t in enumerate(titles):
    w(f'  表{i + 1} {t}')
w('第三部分 2023年部门预算情况说明')
w('')
w('第一部分 部门概况')
w('一、主要职能：贯彻执行国家和省、市人力资源和社会保障法律法规和政策，负责全县就业创业、社会保险、人事人才、劳动关系等工作。')
w('二、机构设置：本部门内设办公室、就业促进和职业能力建设股、社会保险股、劳动关系股，下属事业单位3个：湄潭县就业局、湄潭县社会保险事业局、湄潭县劳动人事争议仲裁院。')
w('三、人员情况：行政编制14名，实有行政人员13人；事业编制38名，实有事业人员35人；退休人员27名。')
w('')
w('第二部分 2023年部门预算表')
def head(n, t):
    w(''); w(f'表{n}'); w(t); w(f'编制单位：{UNIT}                              单位：元')
head(1, '部门收支总表')
w(J(['收入', '', '支出', '']))
w(J(['项目', '预算数', '项目', '预算数']))
cls = [(r_[1], r_[2]['total']) for r_ in exp if len(r_[0]) == 3]
left = [('一、一般公共预算拨款收入', f(T)), ('二、政府性基金预算拨款收入', '-'), ('三、国有资本经营预算拨款收入', '-'),
        ('四、事业收入', '-'), ('五、其他收入', '-')]
for i in range(5):
    b = (f'{"一二三"[i]}、{cls[i][0]}', f(cls[i][1])) if i < len(cls) else ('', '')
    w(J([left[i][0], left[i][1], b[0], b[1]]))
w(J(['本年收入合计', f(T), '本年支出合计', f(T)]))
w(J(['上年结转', '-', '结转下年', '-']))
w(J(['收入总计', f(T), '支出总计', f(T)]))
head(2, '部门收入总表')
w(J(['科目编码', '科目名称', '合计', '一般公共预算拨款', '政府性基金预算拨款', '国有资本经营预算拨款', '事业收入', '其他收入']))
w(J(['合计', '', f(T), f(T), '-', '-', '-', '-']))
for code, name, v in inc[:-1]:
    w(J([code, name, f(v['total']), f(v['appropriation']), '-', '-', '-', '-']))
head(3, '部门支出总表')
w(J(['科目编码', '科目名称', '合计', '基本支出', '项目支出']))
w(J(['合计', '', f(T), f(B), f(P)]))
for code, name, v in expP[:-1]:
    w(J([code, name, f(v['total']), cell(v['basic']), cell(v['project'])]))
head(4, '财政拨款收支总表')
w(J(['收入', '', '支出', '', '', '']))
w(J(['项目', '预算数', '项目', '合计', '一般公共预算', '政府性基金预算']))
l4 = [('一、本年收入', f(T)), ('（一）一般公共预算拨款', f(T)), ('（二）政府性基金预算拨款', '-')]
for i in range(3):
    w(J([l4[i][0], l4[i][1], f'{"一二三"[i]}、{cls[i][0]}', f(cls[i][1]), f(cls[i][1]), '-']))
w(J(['二、上年结转', '-', '二、结转下年', '-', '-', '-']))
w(J(['收入总计', f(T), '支出总计', f(T), f(T), '-']))
head(5, '一般公共预算支出表')
w(J(['科目编码', '科目名称', '合计', '基本支出', '项目支出']))
w(J(['合计', '', f(T), f(B), f(P)]))
for code, name, v in gen[:-1]:
    w(J([code, name, f(v['total']), cell(v['basic']), cell(v['project'])]))
head(6, '一般公共预算基本支出表')
w(J(['科目编码', '科目名称', '合计', '人员经费', '公用经费']))
e = eco[-1][2]
w(J(['合计', '', f(e['total']), f(e['personnel']), f(e['public'])]))
for code, name, v in eco[:-1]:
    w(J([code, name, f(v['total']), cell(v['personnel']), cell(v['public'])]))
head(7, '一般公共预算“三公”经费支出表')
w(J(['合计', '因公出国（境）费', '公务用车购置及运行费', '', '', '公务接待费']))
w(J(['', '', '小计', '公务用车购置费', '公务用车运行费', '']))
w(J([f(SG[k]) if SG[k] else '0' for k in ('tot', 'out', 'veh', 'buy', 'run', 'rec')]))
head(9, '国有资本经营预算支出表')
w(J(['科目编码', '科目名称', '合计', '基本支出', '项目支出']))
w(J(['合计', '', '-', '-', '-']))
w('注：本部门2023年无国有资本经营预算拨款安排的支出，故本表为空表。')
w('')
w('第三部分 2023年部门预算情况说明')
w(f'一、收支预算总体情况。2023年部门收入预算{int(wan(T).split(".")[0]):,}.{wan(T).split(".")[1]}万元，全部为一般公共预算拨款收入。支出预算1,234.57万元，其中：基本支出{wan(B)}万元，项目支出{wan(P)}万元。')
parts = '，'.join(f'{n}{wan(v)}万元' for n, v in cls)
w(f'二、支出预算按功能分类：{parts}。')
w(f'三、财政拨款收支预算情况。2023年财政拨款收入{wan(T)}万元，财政拨款支出{wan(T)}万元。')
w(f'四、“三公”经费预算情况。2023年“三公”经费预算{wan(SG["tot"])}万元，其中：因公出国（境）费0万元；公务用车购置及运行费{wan(SG["veh"])}万元（公务用车购置费0万元，公务用车运行费{wan(SG["run"])}万元）；公务接待费{wan(SG["rec"])}万元。')
w('五、机关运行经费。2023年机关运行经费预算46.82万元，比上年减少3.15万元。')
w('六、政府采购。2023年政府采购预算总额38.50万元。')
w('七、国有资产占用。截至2022年底，本部门共有公务用车2辆。')
open(OUT + 'f06_inconsistent.txt', 'w', encoding='utf-8').write('\n'.join(Lx) + '\n')

Gd = []
g = lambda k, v: Gd.append((k, v)); c = lambda t: Gd.append(('#', t))
c('PLANTED ERRORS -> expected warnings:')
c(f'  table_sum_mismatch: 部门支出总表 款 20805 prints total and basic {f(TRUE20805 + 100)} while its 项 sum to {f(TRUE20805)} (off by 1 元); consequently 类 208 ({f(rowmap(exp)["208"][2]["total"])}) is not the sum of its 款 either. The income and general tables print the right 20805 ({f(TRUE20805)}). Gold keeps the printed figures.')
c('  table_missing: the 目录 lists 表8 政府性基金预算支出表, which the document does not contain (表7 is followed by 表9)')
c(f'  text_table_mismatch: the explanation states 支出预算1,234.57万元 where 表1/表3 say {f(T)} 元 (= {wan(T)}万元); expenditure.total keeps the table figure')
g('doc.kind', 'budget'); g('doc.scope', 'department'); g('doc.fiscal_year', '2023')
g('doc.unit_name', UNIT); g('doc.region', '湄潭县')
for d in ['办公室', '就业促进和职业能力建设股', '社会保险股', '劳动关系股']:
    g('org.department', d)
for s in ['湄潭县就业局', '湄潭县社会保险事业局', '湄潭县劳动人事争议仲裁院']:
    g('org.subordinate', s)
g('org.public_institutions', '3')
g('staff.admin.authorized', '14'); g('staff.admin.actual', '13'); g('staff.institution.authorized', '38')
g('staff.institution.actual', '35'); g('staff.retired', '27')
g('revenue.total', yuan(T)); g('revenue.general_budget', yuan(T))
c('表1 prints "-" for the other revenue sources: nothing written (and the text gives no figure for them)')
g('expenditure.total', yuan(T)); g('expenditure.basic', yuan(B)); g('expenditure.project', yuan(P))
for n, v in cls:
    g('expenditure.function.' + n, yuan(v))
g('appropriation.revenue', yuan(T)); g('appropriation.expenditure', yuan(T))
g('sanggong.total', yuan(SG['tot'])); g('sanggong.outbound', '0.00'); g('sanggong.vehicle', yuan(SG['veh']))
g('sanggong.vehicle_purchase', '0.00'); g('sanggong.vehicle_operation', yuan(SG['run'])); g('sanggong.reception', yuan(SG['rec']))
g('operating_expenses', yuan(W('46.82'))); g('operating_expenses_change', yuan(-W('3.15')))
g('procurement.total', yuan(W('38.50'))); g('assets.vehicles', '2')
c('line facts: 单位：元, whole yuan with "," separators, codes whole; "-" marks a blank cell (prints nothing); 合计 row first')
Gd += gold_table('income', inc, lambda code, col, v: col in ('total', 'appropriation'))
Gd += gold_table('expenditure', expP, nonzero)
Gd += gold_table('general', gen, nonzero)
Gd += gold_table('economic', eco, nonzero)
c('国有资本经营 table empty: no lines; 政府性基金 table absent')
write_gold(OUT + 'f06_inconsistent.tsv', 'county department budget 2023 (贵州 湄潭县), " | " text tables in whole 元 with "-" for blanks, with three planted inconsistencies (款 off by 1 元, missing 政府性基金 table, text total differing from the table)', Gd)
print('facts', sum(1 for k, v in Gd if k != '#'), plug, p2)
