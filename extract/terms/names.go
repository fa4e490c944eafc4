package terms

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/dict"
)

// IsPersonName reports whether s looks like a Chinese personal name: 2–4 Han characters
// starting with a common surname, single (李, 王, 陈 ...) or compound (欧阳, 司马 ...),
// followed by a given name of one or two characters, that is not a common word (主任,
// 科长, 电话, 办公室, 方面, 高新 ...) nor a surname with a title (李科长, 王主任, 张某).
//
// It is a heuristic for places where a name is expected, such as after 联系人：; a
// four-character string is taken only with a compound surname.
func IsPersonName(s string) bool {
	rs := []rune(s)
	n := len(rs)
	if n < 2 || n > 4 {
		return false
	}
	for _, r := range rs {
		if r == utf8.RuneError || !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	var given []rune
	switch {
	case n >= 3 && compoundSurnames[string(rs[:2])]:
		given = rs[2:]
	case n <= 3 && strings.ContainsRune(singleSurnames, rs[0]):
		given = rs[1:]
	default:
		return false
	}
	for _, r := range given {
		if strings.ContainsRune(neverInGivenName, r) {
			return false
		}
	}
	if len(given) == 1 && strings.ContainsRune(notAloneGivenName, given[0]) {
		return false
	}
	for _, t := range titles {
		if strings.HasSuffix(s, t) {
			return false
		}
	}
	words := commonWords()
	// A three-character string that starts with a common word is a phrase (方面的,
	// 高新区, 和平路), not a name.
	return !words[s] && !(n == 3 && words[string(rs[:2])])
}

// commonWords returns the multi-character words of the budget dictionary that are not
// names of people, built once on first use and never changed after.
var commonWords = sync.OnceValue(func() map[string]bool {
	words := make(map[string]bool, 6000)
	for line := range strings.Lines(dict.Budget()) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 || utf8.RuneCountInString(f[0]) < 2 {
			continue
		}
		if len(f) >= 3 && strings.HasPrefix(f[2], "nr") {
			continue
		}
		words[f[0]] = true
	}
	for _, w := range extraCommonWords {
		words[w] = true
	}
	return words
})

// singleSurnames are the common single-character surnames, simplified and traditional.
const singleSurnames = "" +
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇湛宾戎勾茅利於居揭干但尉斯束檀衣信展阴昝智幸奉植衡富尧闭由" +
	"陳張劉黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇呂盧鐘譚陸範錢嚴龔賀顧龍鄒閻湯溫顏莊聶魯嶽歐關蘭紀畢單塗駱藍遊鮑華饒陽時農繆簡車項連蘆麥婁竇黨宮費衛應閔鄔邊師欒榮叢鞏鄺譚"

// compoundSurnames are the common two-character surnames.
var compoundSurnames = map[string]bool{
	"欧阳": true, "司马": true, "上官": true, "诸葛": true, "东方": true, "皇甫": true, "令狐": true,
	"慕容": true, "尉迟": true, "公孙": true, "长孙": true, "宇文": true, "司徒": true, "夏侯": true,
	"轩辕": true, "端木": true, "独孤": true, "南宫": true, "西门": true, "百里": true, "呼延": true,
	"万俟": true, "澹台": true, "申屠": true, "钟离": true, "闻人": true, "赫连": true, "拓跋": true,
	"太史": true, "宗政": true, "濮阳": true, "公冶": true, "淳于": true, "单于": true, "仲孙": true,
	"东郭": true, "司空": true, "第五": true, "左丘": true, "梁丘": true, "范姜": true,
	"歐陽": true, "司馬": true, "諸葛": true, "長孫": true,
}

// neverInGivenName are characters that do not occur in given names: function words,
// suffixes of places and organisations, measure words of money and things.
const neverInGivenName = "的了着过们地得吗呢吧啊与及或等之其这那该此每各某县市省区镇乡村街路巷局科股室处厅委办所站院馆队亿个辆台年月日号费款额项"

// notAloneGivenName are characters that after a surname make a form of address or a
// family name, not a full name: 李总, 王工, 张氏, 刘家, 陈姓.
const notAloneGivenName = "总工氏家姓老哥姐叔姨嫂爷婆伯某师"

// titles are the posts and forms of address that follow a surname: 李科长, 王主任.
var titles = []string{
	"主任", "科长", "局长", "股长", "处长", "部长", "厅长", "县长", "市长", "镇长", "乡长", "村长",
	"书记", "经理", "主席", "委员", "会计", "出纳", "所长", "站长", "院长", "馆长", "队长", "组长",
	"老师", "先生", "女士", "同志", "师傅", "医生", "校长", "秘书", "干事", "专员", "总监", "董事",
	"长", "副",
}

// extraCommonWords are words that read like names but are not, missing from the
// dictionary: they matter where a name is looked for, as in contact lines.
var extraCommonWords = []string{
	"电话", "手机", "传真", "邮箱", "地址", "邮编", "网址", "联系", "联系人", "方式", "办公室",
	"主任", "科长", "局长", "负责", "负责人", "经办", "经办人", "审核", "审核人", "填报", "填报人",
	"单位", "部门", "财务", "会计", "出纳", "金额", "合计", "总计", "小计", "万元", "元整",
}
