import sys; sys.path.insert(0, '/work/scratch/tfix/_src')
from lib import *
OUT = '/work/scratch/tfix/'
UNIT = '宝应县档案馆'
L = [('2012601', '1286450.00', '0'), ('2012604', '312680.00', '180000.00'), ('2080505', '152386.40', '0'),
     ('2080506', '60954.56', '0'), ('2101101', '48620.00', '0'), ('2210201', '96540.00', '0')]
mk = lambda: [(c, {'total': Y(b) + Y(p), 'basic': Y(b), 'project': Y(p), 'appropriation': Y(b) + Y(p)}) for c, b, p in L]
inc = func_rows(mk(), ['total', 'appropriation'], FN_OLD)
exp = func_rows(mk(), ['total', 'basic', 'project'], FN_OLD)
T = exp[-1][2]['total']; B = exp[-1][2]['basic']; P = exp[-1][2]['project']
f = lambda v: fmt(v, '元', comma=True)
cell = lambda v: '' if v == 0 else f(v)
J = ' | '.join
Lx = []; w = Lx.append
w(f'{UNIT}2019年部门预算公开说明')
w('')
w('目录')
w('一、部门基本情况')
w('二、2019年部门预算情况说明')
w('三、2019年部门预算表')
w('  1. 部门收支总表')
w('  2. 部门收入总表')
w('  3. 部门支出总表')
w('')
w('一、部门基本情况')
w('宝应县档案馆是县委、县政府直属的参照公务员法管理的事业单位，负责全县档案事业的统筹规划和组织协调，集中统一管理党和国家的档案。本部门内设办公室、业务指导科、保管利用科。')
w('')
w('二、2019年部门预算情况说明')
w(f'（一）收入预算。2019年部门收入预算{wan(T)}万元，全部为一般公共预算拨款。')
parts = '，'.join(f'{r[1]}{wan(r[2]["total"])}万元' for r in exp if len(r[0]) == 3)
w(f'（二）支出预算。2019年部门支出预算{wan(T)}万元，其中：基本支出{wan(B)}万元，项目支出{wan(P)}万元。按功能分类：{parts}。')
w('')
w('三、2019年部门预算表')
w('')
w('1. 部门收支总表')
w('单位：元')
w(J(['收入项目', '预算数', '支出项目', '预算数']))
cls = [(r[1], r[2]['total']) for r in exp if len(r[0]) == 3]
left = [('一般公共预算拨款', f(T)), ('政府性基金预算拨款', ''), ('国有资本经营预算拨款', ''), ('其他收入', '')]
for i in range(4):
    w(J([left[i][0], left[i][1], cls[i][0], f(cls[i][1])]))
w(J(['收入合计', f(T), '支出合计', f(T)]))
w('')
w('2. 部门收入总表')
w('单位：元')
w(J(['科目编码', '科目名称', '合计', '一般公共预算拨款', '政府性基金预算拨款', '其他收入']))
for code, name, v in inc[:-1]:
    w(J([code, name, f(v['total']), f(v['appropriation']), '', '']))
w(J(['合计', '', f(T), f(T), '', '']))
w('')
w('3. 部门支出总表')
w('单位：元')
w(J(['科目编码', '科目名称', '合计', '基本支出', '项目支出']))
for code, name, v in exp[:-1]:
    w(J([code, name, f(v['total']), cell(v['basic']), cell(v['project'])]))
w(J(['合计', '', f(T), f(B), f(P)]))
open(OUT + 'f07_consistent_small.txt', 'w', encoding='utf-8').write('\n'.join(Lx) + '\n')

Gd = []
g = lambda k, v: Gd.append((k, v)); c = lambda t: Gd.append(('#', t))
c('no warning expected: the 目录 names exactly the three tables present, every sum holds, every 万元 figure of the text is its table figure rounded')
g('doc.kind', 'budget'); g('doc.scope', 'department'); g('doc.fiscal_year', '2019')
g('doc.unit_name', UNIT); g('doc.region', '宝应县')
for d in ['办公室', '业务指导科', '保管利用科']:
    g('org.department', d)
c('收入合计/支出合计 of 部门收支总表 (元); the text rounds them to 万元')
g('revenue.total', yuan(T)); g('revenue.general_budget', yuan(T))
g('expenditure.total', yuan(T)); g('expenditure.basic', yuan(B)); g('expenditure.project', yuan(P))
for n, v in cls:
    g('expenditure.function.' + n, yuan(v))
c('line facts: 单位：元 with decimals and "," separators, codes whole, blank cells empty; 2019 names')
Gd += gold_table('income', inc, lambda code, col, v: col in ('total', 'appropriation'))
Gd += gold_table('expenditure', exp, nonzero)
write_gold(OUT + 'f07_consistent_small.tsv', 'county department budget 2019 (江苏 宝应县), minimal and consistent: three " | " tables (收支总表, 收入总表, 支出总表) named exactly by the contents list, 元', Gd)
print('facts', sum(1 for k, v in Gd if k != '#'))
