import sys; sys.path.insert(0, '/work/scratch/tfix/_src')
from lib import *

OUT = '/work/scratch/tfix/'
UNIT = '蓬安县文化广播电视和旅游局'
YEAR = 2022
# leaves: appropriation basic/project (ab, ap), other-funds basic/project spending (ob, op), other income (oi)
L = [
 ('2070101', dict(ab=Y('1856432.18'))),
 ('2070104', dict(ab=Y('623518.40'), ap=Y('150000.00'), ob=Y('12300.00'), oi=Y('12300.00'))),
 ('2070109', dict(ab=Y('712045.66'), ap=Y('386200.00'), op=Y('56000.00'), oi=Y('48000.00'))),
 ('2070111', dict(ap=Y('245800.00'))),
 ('2070199', dict(ap=Y('98650.00'))),
 ('2070899', dict(ap=Y('312400.00'))),
 ('2080501', dict(ab=Y('168300.00'))),
 ('2080505', dict(ab=Y('402156.32'))),
 ('2080506', dict(ab=Y('160862.53'))),
 ('2101101', dict(ab=Y('98765.40'))),
 ('2101102', dict(ab=Y('121034.58'))),
 ('2210201', dict(ab=Y('301617.24'))),
]
C0 = Y('18500.00')
inc = func_rows([(c, {'total': v.get('ab', 0) + v.get('ap', 0) + v.get('oi', 0),
                      'appropriation': v.get('ab', 0) + v.get('ap', 0), 'other': v.get('oi', 0)}) for c, v in L],
                ['total', 'appropriation', 'other'])
exp = func_rows([(c, {'total': sum(v.get(k, 0) for k in ('ab', 'ap', 'ob', 'op')),
                      'basic': v.get('ab', 0) + v.get('ob', 0), 'project': v.get('ap', 0) + v.get('op', 0)}) for c, v in L],
                ['total', 'basic', 'project'])
gen = func_rows([(c, {'total': v.get('ab', 0) + v.get('ap', 0), 'basic': v.get('ab', 0), 'project': v.get('ap', 0)})
                 for c, v in L if v.get('ab', 0) + v.get('ap', 0)], ['total', 'basic', 'project'])
I = inc[-1][2]['total']; A = inc[-1][2]['appropriation']; O = inc[-1][2]['other']
E = exp[-1][2]['total']; B = exp[-1][2]['basic']; P = exp[-1][2]['project']
T = I + C0
C1 = T - E
assert C1 > 0
GB = gen[-1][2]['basic']
econ_items = [
 ('30101', Y('1012356.00')), ('30102', Y('603248.00')), ('30103', Y('98600.00')), ('30107', Y('612480.00')),
 ('30108', Y('402156.32')), ('30109', Y('160862.53')), ('30110', Y('219799.98')), ('30112', Y('28416.72')),
 ('30113', Y('301617.24')),
 ('30201', Y('86432.50')), ('30205', Y('6820.00')), ('30206', Y('32418.60')), ('30207', Y('9860.00')),
 ('30211', Y('45320.00')), ('30213', Y('18600.00')), ('30215', Y('4200.00')), ('30216', Y('7850.00')),
 ('30217', Y('12500.00')), ('30228', Y('42150.00')), ('30229', Y('21000.00')), ('30231', Y('38800.00')),
 ('30239', Y('216000.00')), ('30299', None),
 ('30302', Y('168300.00')), ('30305', Y('12000.00')),
 ('31002', Y('8600.00')),
]
plug = GB - sum(v for c, v in econ_items if v is not None)
assert plug > 0, plug
econ_items = [(c, plug if v is None else v) for c, v in econ_items]
eco = econ_rows(econ_items)
assert eco[-1][2]['total'] == GB
PERS = eco[-1][2]['personnel']; PUB = eco[-1][2]['public']

def f(v): return fmt(v, '元', comma=False)
def cell(v): return '' if v == 0 else f(v)
J = ' | '.join

CLASSES = ['一般公共服务支出', '外交支出', '国防支出', '公共安全支出', '教育支出', '科学技术支出', '文化旅游体育与传媒支出',
           '社会保障和就业支出', '卫生健康支出', '节能环保支出', '城乡社区支出', '农林水支出', '交通运输支出',
           '资源勘探工业信息等支出', '商业服务业等支出', '金融支出', '援助其他地区支出', '自然资源海洋气象等支出',
           '住房保障支出', '粮油物资储备支出', '国有资本经营预算支出', '灾害防治及应急管理支出', '其他支出',
           '债务还本支出', '债务付息支出', '抗疫特别国债安排的支出']
CN = '一二三四五六七八九十'
def cn(i):
    i += 1
    if i <= 10: return CN[i - 1]
    if i < 20: return '十' + CN[i - 11]
    return CN[i // 10 - 1] + '十' + (CN[i % 10 - 1] if i % 10 else '')
cls_exp = {r[1]: r[2]['total'] for r in exp if len(r[0]) == 3}
cls_gen = {r[1]: r[2] for r in gen if len(r[0]) == 3}

L_ = []
w = L_.append
w(f'{UNIT}{YEAR}年度部门决算')
w('')
w('目录')
titles = ['收入支出决算总表', '收入决算表', '支出决算表', '财政拨款收入支出决算总表', '一般公共预算财政拨款支出决算表',
          '一般公共预算财政拨款基本支出决算表', '一般公共预算财政拨款“三公”经费支出决算表',
          '政府性基金预算财政拨款收入支出决算表', '国有资本经营预算财政拨款支出决算表']
w('第一部分 部门概况')
w('一、部门职能')
w('二、机构设置')
w('第二部分 2022年度部门决算表')
for i, t in enumerate(titles):
    w(f'{cn(i)}、{t}')
w('第三部分 2022年度部门决算情况说明')
w('第四部分 名词解释')
w('')
w('第一部分 部门概况')
w('一、部门职能')
w('（一）贯彻执行党和国家关于文化、广播电视、旅游工作的方针政策和法律法规，拟订全县文化、广播电视和旅游发展规划并组织实施。')
w('（二）统筹推进全县公共文化服务体系建设，指导、管理全县文艺事业，组织实施文化惠民工程和群众文化活动。')
w('（三）负责全县非物质文化遗产保护，推动文化和旅游融合发展，指导、监督全县广播电视播出和安全播出工作。')
w('（四）完成县委、县政府交办的其他任务。')
w('二、机构设置')
w('本部门内设办公室、艺术科、文物与非遗股、广电股、旅游发展股5个股室，下属事业单位2个，即蓬安县图书馆、蓬安县文化馆。纳入本部门2022年度部门决算编制范围的单位共3个。')
w('')
w('第二部分 2022年度部门决算表')
w('')
# 表1
w('表1')
w('收入支出决算总表')
w(f'编制单位：{UNIT}          2022年度          单位：元')
w(J(['收入', '', '', '支出', '', '']))
w(J(['项目', '行次', '金额', '项目', '行次', '金额']))
w(J(['栏次', '', '1', '栏次', '', '2']))
left = [('一、一般公共预算财政拨款收入', A), ('二、政府性基金预算财政拨款收入', 0), ('三、国有资本经营预算财政拨款收入', 0),
        ('四、上级补助收入', 0), ('五、事业收入', 0), ('六、经营收入', 0), ('七、附属单位上缴收入', 0), ('八、其他收入', O)]
for i in range(26):
    ln = i + 1
    if i < len(left):
        ll = [left[i][0], str(ln), f(left[i][1])]
    else:
        ll = ['', str(ln), '']
    name = CLASSES[i]
    v = cls_exp.get(name, 0)
    w(J(ll + [f'{cn(i)}、{name}', str(32 + i), cell(v)]))
for i in range(26, 30):
    w(J(['', str(i + 1), '', '', '', '']))
w(J(['本年收入合计', '31', f(I), '本年支出合计', '58', f(E)]))
w(J(['使用专用结余', '32', '', '结余分配', '59', '']))
w(J(['年初结转和结余', '33', f(C0), '年末结转和结余', '60', f(C1)]))
w(J(['', '34', '', '', '61', '']))
w(J(['总计', '35', f(T), '总计', '62', f(T)]))
w('注：本表反映部门本年度的总收支和年末结转结余情况。')
w('')
# 表2
w('表2')
w('收入决算表')
w(f'编制单位：{UNIT}          2022年度          单位：元')
w(J(['项目', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入']))
w(J(['科目编码', '科目名称', '', '', '', '', '', '', '']))
w(J(['栏次', '1', '2', '3', '4', '5', '6', '7']))
def incrow(vals): return [f(vals['total']), cell(vals['appropriation']), '', '', '', '', cell(vals['other'])]
w(J(['合计'] + incrow(inc[-1][2])))
for code, name, vals in inc[:-1]:
    w(J([code, name] + incrow(vals)))
w('注：本表反映部门本年度取得的各项收入情况。')
w('')
# 表3
w('表3')
w('支出决算表')
w(f'编制单位：{UNIT}          2022年度          单位：元')
w(J(['项目', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出']))
w(J(['科目编码', '科目名称', '', '', '', '', '', '']))
w(J(['栏次', '1', '2', '3', '4', '5', '6']))
def exprow(vals): return [f(vals['total']), cell(vals['basic']), cell(vals['project']), '', '', '']
w(J(['合计'] + exprow(exp[-1][2])))
for code, name, vals in exp[:-1]:
    w(J([code, name] + exprow(vals)))
w('注：本表反映部门本年度各项支出情况。')
w('')
# 表4
w('表4')
w('财政拨款收入支出决算总表')
w(f'编制单位：{UNIT}          2022年度          单位：元')
w(J(['收入', '', '', '支出', '', '', '', '', '']))
w(J(['项目', '行次', '金额', '项目', '行次', '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款']))
w(J(['栏次', '', '1', '栏次', '', '2', '3', '4', '5']))
left4 = [('一、一般公共预算财政拨款', A), ('二、政府性基金预算财政拨款', None), ('三、国有资本经营预算财政拨款', None)]
for i in range(26):
    if i < 3:
        ll = [left4[i][0], str(i + 1), f(left4[i][1]) if left4[i][1] is not None else '']
    else:
        ll = ['', str(i + 1), '']
    name = CLASSES[i]
    g = cls_gen.get(name)
    vv = [f(g['total']), f(g['total']), '', ''] if g else ['', '', '', '']
    w(J(ll + [f'{cn(i)}、{name}', str(33 + i)] + vv))
w(J(['本年收入合计', '27', f(A), '本年支出合计', '59', f(A), f(A), '', '']))
w(J(['年初财政拨款结转和结余', '28', '', '年末财政拨款结转和结余', '60', '', '', '', '']))
w(J(['一般公共预算财政拨款', '29', '', '', '61', '', '', '', '']))
w(J(['政府性基金预算财政拨款', '30', '', '', '62', '', '', '', '']))
w(J(['国有资本经营预算财政拨款', '31', '', '', '63', '', '', '', '']))
w(J(['总计', '32', f(A), '总计', '64', f(A), f(A), '', '']))
w('注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。')
w('')
# 表5
w('表5')
w('一般公共预算财政拨款支出决算表')
w(f'编制单位：{UNIT}          2022年度          单位：元')
w(J(['项目', '本年支出', '', '']))
w(J(['科目编码', '科目名称', '小计', '基本支出', '项目支出']))
w(J(['栏次', '1', '2', '3']))
def genrow(vals): return [f(vals['total']), cell(vals['basic']), cell(vals['project'])]
w(J(['合计'] + genrow(gen[-1][2])))
for code, name, vals in gen[:-1]:
    w(J([code, name] + genrow(vals)))
w('注：本表反映部门本年度一般公共预算财政拨款实际支出情况。')
w('')
# 表6 two panels
w('表6')
w('一般公共预算财政拨款基本支出决算表')
w(f'编制单位：{UNIT}          2022年度          单位：元')
w(J(['人员经费', '', '', '公用经费', '', '']))
w(J(['科目编码', '科目名称', '决算数', '科目编码', '科目名称', '决算数']))
lefts = [r for r in eco[:-1] if r[0][:3] in ('301', '303')]
rights = [r for r in eco[:-1] if r[0][:3] in ('302', '310')]
n = max(len(lefts), len(rights))
for i in range(n):
    a = [lefts[i][0], lefts[i][1], f(lefts[i][2]['total'])] if i < len(lefts) else ['', '', '']
    b = [rights[i][0], rights[i][1], f(rights[i][2]['total'])] if i < len(rights) else ['', '', '']
    w(J(a + b))
w(J(['人员经费合计', f(PERS), '公用经费合计', f(PUB)]))
w('注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。')
w('')
# 表7 三公 (万元)
SG = dict(b_out=W('0'), b_buy=W('0'), b_run=W('4.50'), b_rec=W('1.50'),
          a_out=W('0'), a_buy=W('0'), a_run=Y('38800.00'), a_rec=Y('12500.00'))
SG['b_veh'] = SG['b_buy'] + SG['b_run']; SG['b_tot'] = SG['b_out'] + SG['b_veh'] + SG['b_rec']
SG['a_veh'] = SG['a_buy'] + SG['a_run']; SG['a_tot'] = SG['a_out'] + SG['a_veh'] + SG['a_rec']
def fw(v): return fmt(v, '万元', comma=False)
w('表7')
w('一般公共预算财政拨款“三公”经费支出决算表')
w(f'编制单位：{UNIT}          2022年度          单位：万元')
w(J(['预算数', '', '', '', '', '', '决算数', '', '', '', '', '']))
w(J(['合计', '因公出国（境）费', '公务用车购置及运行费', '', '', '公务接待费'] * 2))
w(J(['', '', '小计', '公务用车购置费', '公务用车运行费', ''] * 2))
w(J(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']))
w(J([fw(SG[p + k]) for p in ('b_', 'a_') for k in ('tot', 'out', 'veh', 'buy', 'run', 'rec')]))
w('注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。')
w('')
w('表8')
w('政府性基金预算财政拨款收入支出决算表')
w(f'编制单位：{UNIT}          2022年度          单位：元')
w(J(['项目', '', '年初结转和结余', '本年收入', '本年支出', '', '', '年末结转和结余']))
w(J(['科目编码', '科目名称', '', '', '小计', '基本支出', '项目支出', '']))
w(J(['栏次', '1', '2', '3', '4', '5', '6']))
w(J(['合计', '', '', '', '', '', '']))
w('注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。本部门2022年度没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，故本表为空表。')
w('')
w('表9')
w('国有资本经营预算财政拨款支出决算表')
w(f'编制单位：{UNIT}          2022年度          单位：元')
w(J(['项目', '', '本年支出', '', '']))
w(J(['科目编码', '科目名称', '合计', '基本支出', '项目支出']))
w(J(['栏次', '1', '2', '3']))
w(J(['合计', '', '', '']))
w('注：本表反映部门本年度国有资本经营预算财政拨款支出情况。本部门2022年度没有国有资本经营预算财政拨款支出，故本表为空表。')
w('')
# explanation
def pct(a, b): 
    q = (a * 10000 * 2 + b) // (2 * b)  # hundredths of percent, half up
    return f"{q // 100}.{q % 100:02d}"
REV_CHG = W('46.27')
w('第三部分 2022年度部门决算情况说明')
w('一、收入支出决算总体情况说明')
w(f'2022年度收入、支出总计均为{wan(T)}万元。与2021年相比，收入、支出总计各增加{wan(REV_CHG)}万元，增长8.81%。主要变动原因是图书馆免费开放和群众文化活动项目支出增加。')
w('')
w('二、收入决算情况说明')
w(f'2022年度本年收入合计{wan(I)}万元，其中：财政拨款收入{wan(A)}万元，占{pct(A, I)}%；上级补助收入0万元；事业收入0万元；经营收入0万元；附属单位上缴收入0万元；其他收入{wan(O)}万元，占{pct(O, I)}%。')
w('')
w('三、支出决算情况说明')
w(f'2022年度本年支出合计{wan(E)}万元，其中：基本支出{wan(B)}万元，占{pct(B, E)}%；项目支出{wan(P)}万元，占{pct(P, E)}%；上缴上级支出0万元；经营支出0万元；对附属单位补助支出0万元。年末结转和结余{wan(C1)}万元。')
w('')
w('四、财政拨款收入支出决算总体情况说明')
w(f'2022年度财政拨款收入总计{wan(A)}万元、支出总计{wan(A)}万元。与2021年相比，财政拨款收入、支出总计各增加41.03万元，增长7.85%。主要变动原因是文化惠民项目增加。')
w('')
w('五、一般公共预算财政拨款支出决算情况说明')
gtot = gen[-1][2]['total']
parts = '；'.join(f"{r[1][:-2]}（类）支出{wan(r[2]['total'])}万元，占{pct(r[2]['total'], gtot)}%" for r in gen if len(r[0]) == 3)
w(f'2022年度一般公共预算财政拨款支出{wan(gtot)}万元，占本年支出合计的{pct(gtot, E)}%。主要用于以下方面：{parts}。')
w('')
w('六、一般公共预算财政拨款基本支出决算情况说明')
w(f'2022年度一般公共预算财政拨款基本支出{wan(GB)}万元，其中：人员经费{wan(PERS)}万元，主要包括：基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、其他社会保障缴费、住房公积金、退休费、生活补助；公用经费{wan(PUB)}万元，主要包括：办公费、水费、电费、邮电费、差旅费、维修（护）费、会议费、培训费、公务接待费、工会经费、福利费、公务用车运行维护费、其他交通费用、其他商品和服务支出、办公设备购置。')
w('')
w('七、“三公”经费财政拨款支出决算情况说明')
SG_CHG = -W('0.67')
w(f'2022年度“三公”经费财政拨款支出决算为{wan(SG["a_tot"])}万元，完成预算的{pct(SG["a_tot"], SG["b_tot"])}%，比上年减少0.67万元，下降11.55%。其中：因公出国（境）费支出决算为0万元；公务用车购置及运行维护费支出决算为{wan(SG["a_veh"])}万元，其中公务用车购置费0万元，公务用车运行维护费{wan(SG["a_run"])}万元；公务接待费支出决算为{wan(SG["a_rec"])}万元，全年共接待来访团组21个、来宾186人次。')
w('')
w('八、政府性基金预算和国有资本经营预算财政拨款支出决算情况说明')
w('本部门2022年度无政府性基金预算财政拨款支出，无国有资本经营预算财政拨款支出。')
w('')
w('九、机关运行经费支出情况说明')
OPX = W('35.18'); OPX_CHG = -W('2.06')
w('2022年度本部门机关运行经费支出35.18万元，比上年减少2.06万元，下降5.53%。主要原因是厉行节约，压减办公费和差旅费。')
w('')
w('十、政府采购支出情况说明')
w('2022年度本部门政府采购支出总额28.60万元，其中：政府采购货物支出12.40万元、政府采购服务支出16.20万元。')
w('')
w('十一、国有资产占用情况说明')
w('截至2022年12月31日，本部门共有车辆2辆，其中：一般公务用车1辆、其他用车1辆。')
w('')
w('第四部分 名词解释')
w('1.财政拨款收入：指单位从同级财政部门取得的财政预算资金。')
w('2.其他收入：指单位取得的除上述收入以外的各项收入，主要是图书馆场地租赁和培训收入。')
w('3.年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。')
w('4.机关运行经费：为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。')
open(OUT + 'f01_county_final_text.txt', 'w', encoding='utf-8').write('\n'.join(L_) + '\n')

G = []
g = lambda k, v: G.append((k, v))
c = lambda t: G.append(('#', t))
g('doc.kind', 'final_accounts'); g('doc.scope', 'department'); g('doc.fiscal_year', '2022')
g('doc.unit_name', UNIT); g('doc.region', '蓬安县')
for d in ['办公室', '艺术科', '文物与非遗股', '广电股', '旅游发展股']:
    g('org.department', d)
g('org.subordinate', '蓬安县图书馆'); g('org.subordinate', '蓬安县文化馆')
g('org.public_institutions', '2')
c('totals from 表1 收入支出决算总表 (单位：元): 总计 includes 年初结转和结余; the explanation rounds them to 万元 (agree)')
g('revenue.total', yuan(T)); g('revenue.this_year', yuan(I))
g('revenue.change', yuan(REV_CHG))
c('revenue.appropriation: explanation "其中：财政拨款收入" = 表2 合计 财政拨款收入 (exact); general_budget from 表1 一、一般公共预算财政拨款收入')
g('revenue.appropriation', yuan(A)); g('revenue.general_budget', yuan(A))
c('表1 prints 0.00 for 二、政府性基金 / 三、国有资本经营 / 五、事业收入 / 六、经营收入: written as 0.00 (the text also says 0万元 for 事业收入/经营收入)')
g('revenue.gov_fund', '0.00'); g('revenue.state_capital', '0.00'); g('revenue.business', '0.00'); g('revenue.operating', '0.00')
g('revenue.other', yuan(O)); g('revenue.carryover', yuan(C0))
g('expenditure.total', yuan(T)); g('expenditure.this_year', yuan(E)); g('expenditure.carry_forward', yuan(C1))
g('expenditure.change', yuan(REV_CHG))
c('expenditure.function.* from the right panel of 表1 (all funds); 文化旅游体育与传媒支出 there includes the 其他收入-funded spending, so it differs from the explanation part 五 "文化旅游体育与传媒（类）支出" which is the 一般公共预算财政拨款 figure (not this key, no mismatch)')
for r in exp:
    if len(r[0]) == 3:
        g('expenditure.function.' + r[1], yuan(r[2]['total']))
c('basic/project: 表3 合计 row (all funds), which part 三 of the explanation rounds; part 六 gives the 财政拨款 basic, not this key')
g('expenditure.basic', yuan(B)); g('expenditure.project', yuan(P))
g('appropriation.revenue', yuan(A)); g('appropriation.expenditure', yuan(A))
c('三公: 决算数 columns of 表7 (万元); the 预算数 columns are comparison figures')
g('sanggong.total', yuan(SG['a_tot'])); g('sanggong.change', yuan(SG_CHG))
g('sanggong.outbound', yuan(SG['a_out'])); g('sanggong.reception', yuan(SG['a_rec']))
g('sanggong.vehicle', yuan(SG['a_veh'])); g('sanggong.vehicle_purchase', yuan(SG['a_buy'])); g('sanggong.vehicle_operation', yuan(SG['a_run']))
g('operating_expenses', yuan(OPX)); g('operating_expenses_change', yuan(OPX_CHG))
g('procurement.total', yuan(W('28.60')))
g('assets.vehicles', '2')
c('line facts: 单位：元 with two decimals; the 合计 row comes right after the 栏次 row and spans 科目编码+科目名称 (one cell fewer); blank cells print nothing')
c('income: 其他收入 column has no key; 上级补助收入 … 附属单位上缴收入 are blank')
G += gold_table('income', inc, lambda code, col, v: col in ('total', 'appropriation') and v != 0)
G += gold_table('expenditure', exp, nonzero)
G += gold_table('general', gen, nonzero)
c('economic (表6) is two panels (人员经费 | 公用经费), each 科目编码 | 科目名称 | 决算数: each row has name and total only (no 人员经费/公用经费 columns);')
c('its last line "人员经费合计 | X | 公用经费合计 | Y" gives line.economic.total.personnel and .public; no grand total is printed, so no line.economic.total.total')
G += [(k, v) for k, v in gold_table('economic', eco[:-1], lambda code, col, v: col == 'total')]
g('line.economic.total.personnel', yuan(PERS)); g('line.economic.total.public', yuan(PUB))
c('表8 政府性基金 and 表9 国有资本经营 are empty (本表为空表): no lines')
write_gold(OUT + 'f01_county_final_text.tsv', 'county department final accounts 2022 (四川 蓬安县), plain web text, nine 决算 tables as " | " rows, 元 with decimals, two-panel economic table, explanation in 万元', G)
print('facts', sum(1 for k, v in G if k != '#'), 'T', T, 'E', E, 'GB', GB, 'plug', plug)
