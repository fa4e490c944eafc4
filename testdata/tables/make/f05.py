import sys; sys.path.insert(0, '/work/scratch/tfix/_src')
from lib import *
OUT = '/work/scratch/tfix/'
UNIT = '洛阳市西工区卫生健康委员会'
L = [('2080501', 268140, 0), ('2080505', 523167, 0), ('2080506', 209267, 0),
     ('2100101', 3256418, 0), ('2100199', 0, 486000), ('2100401', 1842360, 215000), ('2100408', 0, 6384200),
     ('2100409', 0, 1127500), ('2100410', 0, 2350000), ('2100717', 0, 623400),
     ('2101101', 186524, 0), ('2101102', 142318, 0), ('2101103', 58760, 0),
     ('2210201', 395482, 0)]
mk = lambda: [(c, {'total': Y(b) + Y(p), 'basic': Y(b), 'project': Y(p), 'appropriation': Y(b) + Y(p)}) for c, b, p in L]
inc = func_rows(mk(), ['total', 'appropriation'], FN_OLD)
exp = func_rows(mk(), ['total', 'basic', 'project'], FN_OLD)
gen = func_rows(mk(), ['total', 'basic', 'project'], FN_OLD)
T = exp[-1][2]['total']; B = exp[-1][2]['basic']; P = exp[-1][2]['project']
items = [('30101', 1286400), ('30102', 1024680), ('30103', 186300), ('30107', 912540), ('30108', 523167),
         ('30109', 209267), ('30110', 387602), ('30112', 31260), ('30113', 395482),
         ('30201', 98600), ('30205', 12400), ('30206', 68200), ('30207', 21600), ('30211', 45800),
         ('30213', 36000), ('30215', 8000), ('30216', 15000), ('30217', 24000), ('30228', 62400),
         ('30231', 62000), ('30239', 186000), ('30299', None), ('30302', 268140)]
GB = gen[-1][2]['basic']
plug = GB - sum(Y(v) for c, v in items if v)
assert plug > 0, plug
eco = econ_rows([(c, Y(v) if v else plug) for c, v in items])
assert eco[-1][2]['total'] == GB
f = lambda v: fmt(v, '元', comma=True, dec=0)
J = ' | '.join
MAXW = 12
wrapped = []

Lx = []
w = Lx.append
def coderow(code, name, nums, split3=True):
    if split3:
        cc = [code[:3], code[3:5] if len(code) >= 5 else '', code[5:] if len(code) == 7 else '']
    else:
        cc = [code[:3], code[3:] if len(code) == 5 else '']
    if len(name) > MAXW:
        wrapped.append((code, name))
        w(name[:MAXW])
        w(J(cc + nums))
        w(name[MAXW:])
    else:
        w(J(cc + [name] + nums))

w(f'{UNIT}2020年部门预算公开')
w('')
w('一、部门收支总体情况')
w(f'2020年收入预算{wan(T)}万元，全部为一般公共预算拨款；支出预算{wan(T)}万元，其中：基本支出{wan(B)}万元，项目支出{wan(P)}万元。')
w('')
w('二、“三公”经费及机关运行经费')
w('2020年“三公”经费预算8.60万元，比上年减少1.20万元。其中：因公出国（境）费0万元；公务用车购置及运行维护费6.20万元（其中公务用车购置费0万元，公务用车运行维护费6.20万元）；公务接待费2.40万元。机关运行经费预算62.35万元。')
w('')
w('三、部门预算表')
w('')
w('表一 部门收支总表')
w(f'单位名称：{UNIT}                    单位：元')
w(J(['收入', '', '支出', '']))
w(J(['项目', '预算数', '项目', '预算数']))
cls = [(r[1], r[2]['total']) for r in exp if len(r[0]) == 3]
left = [('一、一般公共预算拨款', f(T)), ('二、政府性基金预算拨款', '0'), ('三、国有资本经营预算拨款', '0'),
        ('四、事业收入', '0'), ('五、其他收入', '0')]
for i in range(5):
    b = (cls[i][0], f(cls[i][1])) if i < len(cls) else ('', '')
    w(J([left[i][0], left[i][1], b[0], b[1]]))
w(J(['本年收入合计', f(T), '本年支出合计', f(T)]))
w(J(['上年结转', '0', '结转下年', '0']))
w(J(['收入总计', f(T), '支出总计', f(T)]))
w('')
w('表二 部门收入总表')
w(f'单位名称：{UNIT}                    单位：元')
w(J(['科目编码', '', '', '科目名称', '合计', '一般公共预算拨款', '政府性基金预算拨款', '事业收入', '其他收入']))
w(J(['类', '款', '项', '', '', '', '', '', '']))
for code, name, v in inc[:-1]:
    coderow(code, name, [f(v['total']), f(v['appropriation']), '0', '0', '0'])
w(J(['合计', '', '', '', f(T), f(T), '0', '0', '0']))
w('')
w('表三 部门支出总表')
w(f'单位名称：{UNIT}                    单位：元')
w(J(['科目编码', '', '', '科目名称', '合计', '基本支出', '项目支出']))
w(J(['类', '款', '项', '', '', '', '']))
for code, name, v in exp[:-1]:
    coderow(code, name, [f(v['total']), f(v['basic']), f(v['project'])])
w(J(['合计', '', '', '', f(T), f(B), f(P)]))
w('')
w('表四 一般公共预算支出表')
w(f'单位名称：{UNIT}                    单位：元')
w(J(['科目编码', '', '', '科目名称', '合计', '基本支出', '项目支出']))
w(J(['类', '款', '项', '', '', '', '']))
for code, name, v in gen[:-1]:
    coderow(code, name, [f(v['total']), f(v['basic']), f(v['project'])])
w(J(['合计', '', '', '', f(T), f(B), f(P)]))
w('')
w('表五 一般公共预算基本支出表')
w(f'单位名称：{UNIT}                    单位：元')
w(J(['科目编码', '', '科目名称', '合计', '人员经费', '公用经费']))
w(J(['类', '款', '', '', '', '']))
for code, name, v in eco[:-1]:
    coderow(code, name, [f(v['total']), f(v['personnel']), f(v['public'])], split3=False)
e = eco[-1][2]
w(J(['合计', '', '', f(e['total']), f(e['personnel']), f(e['public'])]))
open(OUT + 'f05_names_below.txt', 'w', encoding='utf-8').write('\n'.join(Lx) + '\n')

Gd = []
g = lambda k, v: Gd.append((k, v)); c = lambda t: Gd.append(('#', t))
g('doc.kind', 'budget'); g('doc.scope', 'department'); g('doc.fiscal_year', '2020')
g('doc.unit_name', UNIT); g('doc.region', '洛阳市西工区')
c('totals: 表一 部门收支总表 (元, no decimals); the explanation rounds them to 万元 (agree)')
g('revenue.total', yuan(T)); g('revenue.general_budget', yuan(T))
c('表一 prints 0 for 政府性基金 / 国有资本经营 / 事业收入 / 其他收入 and 上年结转 -> 0.00')
g('revenue.gov_fund', '0.00'); g('revenue.state_capital', '0.00'); g('revenue.business', '0.00'); g('revenue.other', '0.00')
g('revenue.carryover', '0.00')
g('expenditure.total', yuan(T)); g('expenditure.carry_forward', '0.00')
g('expenditure.basic', yuan(B)); g('expenditure.project', yuan(P))
for r in exp:
    if len(r[0]) == 3:
        g('expenditure.function.' + r[1], yuan(r[2]['total']))
c('三公 and 机关运行经费: text only (no 三公 table), 万元')
g('sanggong.total', yuan(W('8.60'))); g('sanggong.change', yuan(-W('1.20'))); g('sanggong.outbound', '0.00')
g('sanggong.vehicle', yuan(W('6.20'))); g('sanggong.vehicle_purchase', '0.00'); g('sanggong.vehicle_operation', yuan(W('6.20')))
g('sanggong.reception', yuan(W('2.40'))); g('operating_expenses', yuan(W('62.35')))
c('line facts: 单位：元, whole yuan with "," separators; codes split 类 | 款 | 项 (类 and 款 repeated on each row); every value cell prints (0 -> 0.00); 2020 names (20805 行政事业单位离退休)')
c('names longer than the cell wrap as a centred two-line cell: first part on the line ABOVE the code line, the rest on the line BELOW, and the code line has no name cell:')
c('  ' + '; '.join(sorted({f"{code} {n[:MAXW]}/{n[MAXW:]}" for code, n in wrapped})))
c('income: columns 政府性基金预算拨款 / 事业收入 / 其他收入 print 0 but have no key')
Gd += gold_table('income', inc, lambda code, col, v: col in ('total', 'appropriation'))
Gd += gold_table('expenditure', exp, always)
Gd += gold_table('general', gen, always)
c('economic: 类 | 款 split, 合计 | 人员经费 | 公用经费 with 0 printed where not applicable -> 0.00')
Gd += gold_table('economic', eco, always)
write_gold(OUT + 'f05_names_below.tsv', 'district department budget 2020 (河南 洛阳市西工区), " | " text tables in whole 元, long names printed above and below their code line (centred two-line cells)', Gd)
print('facts', sum(1 for k, v in Gd if k != '#'), plug)
