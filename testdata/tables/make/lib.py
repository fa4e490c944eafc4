# shared helpers for the tfix fixtures: money in integer fen, functional/economic trees, gold writing
from collections import OrderedDict

FN = {
 '201': '一般公共服务支出',
 '20101': '人大事务', '2010101': '行政运行',
 '20103': '政府办公厅（室）及相关机构事务', '2010301': '行政运行', '2010302': '一般行政管理事务', '2010350': '事业运行',
 '20106': '财政事务', '2010601': '行政运行', '2010602': '一般行政管理事务', '2010603': '机关服务',
 '2010604': '预算改革业务', '2010605': '财政国库业务', '2010606': '财政监察', '2010607': '信息化建设',
 '2010608': '财政委托业务支出', '2010650': '事业运行', '2010699': '其他财政事务支出',
 '20126': '档案事务', '2012601': '行政运行', '2012604': '档案馆',
 '205': '教育支出',
 '20502': '普通教育', '2050204': '高中教育', '2050299': '其他普通教育支出',
 '20509': '教育费附加安排的支出', '2050904': '城市中小学教学设施',
 '207': '文化旅游体育与传媒支出',
 '20701': '文化和旅游', '2070101': '行政运行', '2070104': '图书馆', '2070109': '群众文化',
 '2070111': '文化创作与保护', '2070199': '其他文化和旅游支出',
 '20708': '广播电视', '2070899': '其他广播电视支出',
 '208': '社会保障和就业支出',
 '20801': '人力资源和社会保障管理事务', '2080101': '行政运行', '2080102': '一般行政管理事务',
 '2080106': '就业管理事务', '2080109': '社会保险经办机构', '2080111': '公共就业服务和职业技能鉴定机构',
 '2080150': '事业运行',
 '20802': '民政管理事务', '2080201': '行政运行', '2080208': '基层政权建设和社区治理', '2080299': '其他民政管理事务支出',
 '20805': '行政事业单位养老支出', '2080501': '行政单位离退休', '2080502': '事业单位离退休',
 '2080505': '机关事业单位基本养老保险缴费支出', '2080506': '机关事业单位职业年金缴费支出',
 '2080599': '其他行政事业单位养老支出',
 '20807': '就业补助', '2080702': '职业培训补贴',
 '20808': '抚恤', '2080801': '死亡抚恤',
 '20810': '社会福利', '2081002': '老年福利', '2081004': '殡葬', '2081005': '社会福利事业单位',
 '20811': '残疾人事业', '2081107': '残疾人生活和护理补贴',
 '20819': '最低生活保障', '2081901': '城市最低生活保障金支出', '2081902': '农村最低生活保障金支出',
 '210': '卫生健康支出',
 '21001': '卫生健康管理事务', '2100101': '行政运行', '2100199': '其他卫生健康管理事务支出',
 '21004': '公共卫生', '2100401': '疾病预防控制机构', '2100408': '基本公共卫生服务', '2100409': '重大公共卫生服务',
 '2100410': '突发公共卫生事件应急处理',
 '21007': '计划生育事务', '2100717': '计划生育服务',
 '21011': '行政事业单位医疗', '2101101': '行政单位医疗', '2101102': '事业单位医疗', '2101103': '公务员医疗补助',
 '213': '农林水支出',
 '21303': '水利', '2130301': '行政运行', '2130306': '水利工程运行与维护', '2130314': '防汛', '2130335': '农村供水',
 '2130399': '其他水利支出',
 '21307': '农村综合改革', '2130705': '对村民委员会和村党支部的补助', '2130706': '对村集体经济组织的补助',
 '221': '住房保障支出',
 '22102': '住房改革支出', '2210201': '住房公积金', '2210202': '提租补贴', '2210203': '购房补贴',
 '223': '国有资本经营预算支出',
 '22301': '解决历史遗留问题及改革成本支出', '2230105': '国有企业退休人员社会化管理补助支出',
 '229': '其他支出',
 '22960': '彩票公益金安排的支出', '2296002': '用于社会福利的彩票公益金支出',
 '2296004': '用于残疾人事业的彩票公益金支出',
}
# 2019-2020 names (before the 2021 renaming of 20805)
FN_OLD = dict(FN)
FN_OLD['20805'] = '行政事业单位离退休'

EC = {
 '301': '工资福利支出', '30101': '基本工资', '30102': '津贴补贴', '30103': '奖金', '30106': '伙食补助费',
 '30107': '绩效工资', '30108': '机关事业单位基本养老保险缴费', '30109': '职业年金缴费',
 '30110': '职工基本医疗保险缴费', '30111': '公务员医疗补助缴费', '30112': '其他社会保障缴费',
 '30113': '住房公积金', '30114': '医疗费', '30199': '其他工资福利支出',
 '302': '商品和服务支出', '30201': '办公费', '30202': '印刷费', '30205': '水费', '30206': '电费',
 '30207': '邮电费', '30209': '物业管理费', '30211': '差旅费', '30213': '维修（护）费', '30214': '租赁费',
 '30215': '会议费', '30216': '培训费', '30217': '公务接待费', '30226': '劳务费', '30227': '委托业务费',
 '30228': '工会经费', '30229': '福利费', '30231': '公务用车运行维护费', '30239': '其他交通费用',
 '30299': '其他商品和服务支出',
 '303': '对个人和家庭的补助', '30301': '离休费', '30302': '退休费', '30305': '生活补助', '30307': '医疗费补助',
 '30309': '奖励金', '30399': '其他对个人和家庭的补助',
 '310': '资本性支出', '31002': '办公设备购置', '31003': '专用设备购置',
}

def yuan(f):
    """fen -> gold string"""
    s = '-' if f < 0 else ''
    f = abs(f)
    return f"{s}{f // 100}.{f % 100:02d}"

def Y(x):
    """yuan (int or 'a.bc' string) -> fen"""
    if isinstance(x, int):
        return x * 100
    neg = x.startswith('-')
    x = x.lstrip('-').replace(',', '')
    a, _, b = x.partition('.')
    v = int(a) * 100 + int((b + '00')[:2])
    return -v if neg else v

def W(x):
    """万元 string with up to 2 decimals -> fen (exact)"""
    a, _, b = x.partition('.')
    return int(a) * 1000000 + int((b + '00')[:2]) * 10000

def fmt(f, unit='元', comma=True, dec=2):
    """document cell text for fen f in the table's unit"""
    if unit == '万元':
        assert f % 10000 == 0, f
        v = f // 10000  # hundredths of 万元
        ip, fp = divmod(v, 100)
        s = f"{ip:,}" if comma else str(ip)
        return f"{s}.{fp:02d}"
    if dec == 0:
        assert f % 100 == 0, f
        return f"{f // 100:,}" if comma else str(f // 100)
    ip, fp = divmod(f, 100)
    s = f"{ip:,}" if comma else str(ip)
    return f"{s}.{fp:02d}"

def wan(f):
    """explanation figure: fen -> 万元 rounded half-up to 0.01"""
    q, r = divmod(f, 10000)
    if r * 2 >= 10000:
        q += 1
    return f"{q // 100}.{q % 100:02d}"

def wan_fen(f):
    """the fen value of wan(f) (for text-only facts stated in 万元)"""
    return W(wan(f))

def func_rows(leaves, cols, names=FN):
    """leaves: list of (code7, {col: fen}); returns list of rows [code, name, {col: fen}] with 类, 款 sums,
    in order, and the total row ['total', None, {...}] at the end"""
    order = []
    sums = OrderedDict()
    for code, vals in leaves:
        for c in (code[:3], code[:5], code):
            if c not in sums:
                sums[c] = {k: 0 for k in cols}
                order.append(c)
            for k in cols:
                sums[c][k] += vals.get(k, 0)
    # keep hierarchical order: class, then its 款, then the 项 under each 款
    out = []
    classes = [c for c in order if len(c) == 3]
    for c3 in classes:
        out.append([c3, names[c3], sums[c3]])
        for c5 in [c for c in order if len(c) == 5 and c.startswith(c3)]:
            out.append([c5, names[c5], sums[c5]])
            for c7 in [c for c in order if len(c) == 7 and c.startswith(c5)]:
                out.append([c7, names[c7], sums[c7]])
    tot = {k: sum(sums[c][k] for c in classes) for k in cols}
    out.append(['total', None, tot])
    return out

def econ_rows(items, names=EC):
    """items: list of (code5, fen) ; class 301/303 -> personnel, 302/310 -> public.
    returns rows [code, name, {'total','personnel','public'}] and total row"""
    order = []
    sums = OrderedDict()
    for code, v in items:
        for c in (code[:3], code):
            if c not in sums:
                sums[c] = 0
                order.append(c)
            sums[c] += v
    out = []
    for c3 in [c for c in order if len(c) == 3]:
        for c in [c3] + [c for c in order if len(c) == 5 and c.startswith(c3)]:
            v = sums[c]
            pers = c3 in ('301', '303')
            out.append([c, names[c], {'total': v, 'personnel': v if pers else 0, 'public': 0 if pers else v}])
    tot = {'total': sum(r[2]['total'] for r in out if len(r[0]) == 3)}
    tot['personnel'] = sum(r[2]['personnel'] for r in out if len(r[0]) == 3)
    tot['public'] = sum(r[2]['public'] for r in out if len(r[0]) == 3)
    out.append(['total', None, tot])
    return out

COLORDER = ['total', 'appropriation', 'basic', 'project', 'personnel', 'public']

def gold_table(table, rows, printed):
    """printed(code, col, value) -> True if the cell prints a figure (a printed 0 counts)"""
    out = []
    for code, name, vals in rows:
        if code != 'total':
            out.append((f"line.{table}.{code}.name", name))
        for col in COLORDER:
            if col in vals and printed(code, col, vals[col]):
                out.append((f"line.{table}.{code}.{col}", yuan(vals[col])))
    return out

def nonzero(code, col, v):
    return v != 0

def always(code, col, v):
    return True

def write_gold(path, desc, items):
    """items: list of ('#', text) or (key, value)"""
    with open(path, 'w', encoding='utf-8') as fh:
        fh.write('# ' + desc + '\n')
        for k, v in items:
            if k == '#':
                fh.write('# ' + v + '\n')
            else:
                assert '\t' not in str(v) and '\n' not in str(v)
                fh.write(f"{k}\t{v}\n")

def rowmap(rows):
    return {r[0]: r for r in rows}
FN.update({'21301': '农业农村', '2130101': '行政运行', '2130104': '事业运行', '2130108': '病虫害控制',
           '2130122': '农业生产发展', '2130153': '农田建设', '2101199': '其他行政事业单位医疗支出'})
FN_OLD.update({k: v for k, v in FN.items() if k not in FN_OLD})
