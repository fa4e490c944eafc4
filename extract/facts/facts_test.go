package facts

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
)

// flatOf returns the facts of text as sorted key=value strings.
func flatOf(text string) []string {
	var out []string
	fs, err := Extract(context.Background(), NewDoc(text))
	if err != nil {
		panic(err) // a live context is never done
	}
	for _, f := range fs {
		v := f.Text
		switch f.Type {
		case Money:
			v = fmt.Sprintf("%d", f.Fen)
			if f.Approx {
				v = "~" + v
			}
		case Integer:
			v = fmt.Sprintf("%d", f.Int)
		case Item:
			v = fmt.Sprintf("%s|%d|%s", f.Text, f.Int, f.Measure)
		}
		out = append(out, f.Key+"="+v)
	}
	sort.Strings(out)
	return out
}

// TestRules runs each phrasing through the whole rule set: every fact listed must come
// out, and no other fact of the keys listed in absent.
func TestRules(t *testing.T) {
	for _, c := range []struct {
		name   string
		text   string
		want   []string // facts that must be found (key=value; money in fen)
		absent []string // keys that must not be found
	}{
		{"revenue breakdown after 其中",
			"（一）收入预算：2023年年初预算数263.58万元，其中：一般公共预算拨款263.58万元，政府性基金预算拨款0万元，事业收入0万元，其他收入0 万元。",
			[]string{"revenue.total=263580000", "revenue.general_budget=263580000", "revenue.gov_fund=0", "revenue.business=0", "revenue.other=0"},
			[]string{"appropriation.revenue"}},
		{"change follows its subject",
			"收入较去年增加27.46万元，是因为新增人员。支出较上年减少4万元。",
			[]string{"revenue.change=27460000", "expenditure.change=-4000000"}, nil},
		{"change inherits the previous fact of its sentence",
			"其中：基本支出207.3万元，比2022年增加12.55万元；项目支出56万元，比2022年减少6万元。",
			[]string{"expenditure.basic=207300000", "expenditure.basic_change=12550000", "expenditure.project=56000000", "expenditure.project_change=-6000000"}, nil},
		{"comparison with the budget is no change",
			"2022年度决算\n“三公”经费支出决算数为8.76万元，比年初预算数减少1.24万元，比上年减少0.5万元。",
			[]string{"sanggong.total=8760000", "sanggong.change=-500000"}, nil},
		{"a final account's budget figure is no total",
			"某某局2022年度部门决算\n一般公共预算财政拨款支出决算4,700.00万元，年初预算数为4,500.00万元。",
			[]string{"appropriation.expenditure=4700000000"}, []string{"expenditure.total"}},
		{"appropriation headline",
			"2023年一般公共预算财政拨款收入263.58万元，一般公共预算财政拨款支出263.58万元。",
			[]string{"appropriation.revenue=263580000", "appropriation.expenditure=263580000"}, []string{"revenue.general_budget"}},
		{"functional classes with 类 and 类科目",
			"其中：教育支出（类）4,200.00万元；社会保障和就业支出类科目116433.12元；住房保障支出预算5.21元。",
			[]string{"expenditure.function.教育支出=4200000000", "expenditure.function.社会保障和就业支出=11643312", "expenditure.function.住房保障支出=521"}, nil},
		{"three public expenses, purchase and running",
			"2024年“三公”经费预算15.6万元。其中：因公出国（境）费0万元；公务接待费3.6万元；公务用车购置及运行维护费12万元（其中：公务用车购置费0万元，公务用车运行维护费12万元）。",
			[]string{"sanggong.total=15600000", "sanggong.outbound=0", "sanggong.reception=3600000", "sanggong.vehicle=12000000", "sanggong.vehicle_purchase=0", "sanggong.vehicle_operation=12000000"}, nil},
		{"a 三公 table with last year's column first",
			"单位:万元 | ||||\n项目 | 2022年预算数 | 2023年预算数 | 2023年预算数增减 | 增减原因 |\n合计 | 2378.77 | 2415.44 | 36.67 | |\n1、因公出国(境)费用 | 0 | 0 | 0 | |\n2、公务接待费 | 1114.54 | 989.86 | -124.68 | |\n3、公务用车费 | 1264.23 | 1425.58 | 161.35 | |\n其中:(1)公务用车运转维护费 | 1007.23 | 898.22 | -109.01 | |\n(2)公务用车购置费 | 257.00 | 527.36 | 270.36 | |\n某某县2023年“三公”经费预算增减变化情况说明\n2023年,全县县级部门汇总一般公共预算“三公”经费预安排2415.44万元,较上年预算增加36.67万元。",
			[]string{"sanggong.total=2415440000", "sanggong.change=36670000", "sanggong.outbound=0", "sanggong.reception=989860000", "sanggong.vehicle=1425580000", "sanggong.vehicle_operation=898220000", "sanggong.vehicle_purchase=527360000"}, nil},
		{"a 三公 table with no 三公 in its title: its 合计 row is the total",
			"某某县水利局2022年部门决算\n单位：万元\n项目 | 预算数 | 决算数\n合计 | 12.50 | 10.32\n因公出国（境）费 | 0 | 0\n公务接待费 | 2.50 | 1.82\n公务用车购置及运行维护费 | 10.00 | 8.50",
			[]string{"sanggong.total=10320000", "sanggong.reception=1820000", "sanggong.vehicle=8500000"}, nil},
		{"a 三公 table a cell per line, its labels heading one row of figures",
			"某某县水利局2023年部门预算\n一般公共预算“三公”经费支出表\n单位：万元\n合计\n因公出国（境）费\n公务用车购置及运行费\n公务用车购置费\n公务用车运行费\n公务接待费\n8.6\n0\n6\n0\n6\n2.6",
			[]string{"sanggong.total=8600000", "sanggong.outbound=0", "sanggong.vehicle=6000000", "sanggong.vehicle_purchase=0", "sanggong.vehicle_operation=6000000", "sanggong.reception=2600000"}, nil},
		{"offices with second names in brackets, and notes in brackets",
			"（二）机构设置\n某某局内设5个职能处室：秘书处、人事处（机关党委）、综合协调处(政策法规处)、经济发展办公室（挂统计办公室牌子）、公共事业管理科（燃气管理办公室、供暖管理办公室）。",
			[]string{"org.department=秘书处", "org.department=人事处（机关党委）", "org.department=综合协调处(政策法规处)", "org.department=经济发展办公室", "org.department=公共事业管理科（燃气管理办公室、供暖管理办公室）"}, nil},
		{"offices listed in brackets after their count",
			"（二）机构设置\n本部门设3个内设机构（党政办公室、规划建设科、城市管理科），下属两家事业单位。",
			[]string{"org.department=党政办公室", "org.department=规划建设科", "org.department=城市管理科"}, nil},
		{"offices and institutions each closed by their count after 设置",
			"某某镇2022年部门预算\n二、机构设置\n某某镇人民政府设置党政办公室、经济发展办公室、财政所3个党政内设机构，设置农业综合服务中心、文化服务中心2个事业机构。",
			[]string{"org.department=党政办公室", "org.department=经济发展办公室", "org.department=财政所", "org.subordinate=农业综合服务中心", "org.subordinate=文化服务中心"}, nil},
		{"a kind of office and what it holds",
			"某某县人民医院2021年部门决算\n（二）机构设置\n临床科室有内科、外科、妇产科等。",
			[]string{"org.department=内科", "org.department=外科", "org.department=妇产科"}, nil},
		{"numbered offices with their duties after a comma",
			"某某县人民医院2021年部门决算\n（二）机构设置\n医院内设职能科室有：\n（1）院办公室，负责医院行政事务。\n（2）医务科，负责医疗质量管理。\n（3）护理部，负责护理管理。",
			[]string{"org.department=院办公室", "org.department=医务科", "org.department=护理部"}, nil},
		{"units listed after 下属…包括, whatever their suffix",
			"某某市公安局2022年部门预算\n（一）机构设置\n下属二级预算单位包括：某某市公安局龙华分局、某某市公安局特警支队。",
			[]string{"org.subordinate=某某市公安局龙华分局", "org.subordinate=某某市公安局特警支队"}, []string{"org.department"}},
		{"a unit described in a sentence of its own",
			"某某县文化和旅游局2023年部门预算\n（二）组织机构\n局机关设办公室、文化艺术股2个内设机构。某某县文化馆为副科级公益一类事业单位。",
			[]string{"org.department=办公室", "org.department=文化艺术股", "org.subordinate=某某县文化馆"}, nil},
		{"the people in post of each kind of posts, counted right after them",
			"（二）人员构成情况\n某某室行政编制65人，实有人数60人；事业编制3人，实际2人。",
			[]string{"staff.admin.authorized=65", "staff.admin.actual=60", "staff.institution.authorized=3", "staff.institution.actual=2"}, []string{"staff.total.actual"}},
		{"the people in post after a breakdown of the whole body's posts",
			"（二）人员情况\n人员编制数为93人，其中：行政编制64人，事业编制29人，截至2024年12月实有人数107人。",
			[]string{"staff.total.authorized=93", "staff.admin.authorized=64", "staff.institution.authorized=29", "staff.total.actual=107"}, []string{"staff.institution.actual"}},
		{"收、支总计 and a change after last year's figure",
			"某某局2020年度部门决算\n二、收入支出决算总体情况说明\n2020年度收、支总计2918.96万元，比上年2665.56万元增加253.4万元，增长9.51%。",
			[]string{"revenue.total=2918960000", "expenditure.total=2918960000", "revenue.change=253400000", "expenditure.change=253400000"}, nil},
		{"lists closed by their count, with no introduction of their own",
			"某某市地震局2020年度部门决算\n（一）部门机构设置、职责\n某某市地震局下辖办公室、人事教育处、震害防御处（抗震设防管理办公室）3个管理部门，某某市地震预测研究中心、某某市防震减灾宣教中心2个直属事业单位。",
			[]string{"org.department=办公室", "org.department=人事教育处", "org.department=震害防御处（抗震设防管理办公室）", "org.subordinate=某某市地震预测研究中心", "org.subordinate=某某市防震减灾宣教中心"}, nil},
		{"a list closed by 等 and its count in words",
			"某某中学2023年度部门决算\n（一）部门机构设置、职责\n学校共有教育处、教学处、科研办、总务处、办公室等五个科室，教育处负责学生教育工作。",
			[]string{"org.department=教育处", "org.department=教学处", "org.department=科研办", "org.department=总务处", "org.department=办公室"}, nil},
		{"lists numbered on one line, offices then institutions",
			"某某镇人民政府2021年度部门决算\n（二）机构设置。\n1、党政机构设置\n(1)党政办公室;(2)经济发展办公室(挂统计办公室牌子);(3)财政办公室。\n2、事业站所设置\n(1)农业服务中心;(2)退役军人服务站。",
			[]string{"org.department=党政办公室", "org.department=经济发展办公室", "org.department=财政办公室", "org.subordinate=农业服务中心", "org.subordinate=退役军人服务站"}, nil},
		{"units after 分别为 at a sentence's start, the body's own budget left out",
			"某某县某某镇人民政府2022年决算公开说明\n单位构成\n本单位共3个机构，与上年无变动。分别为某某县某某镇人民政府(本级)、某某县某某镇农业服务中心、某某县某某镇文化服务中心。",
			[]string{"org.subordinate=某某县某某镇农业服务中心", "org.subordinate=某某县某某镇文化服务中心"}, []string{"org.department"}},
		{"units the text calls units, numbered in brackets, and units after 即 and 附属机构",
			"某某市公安局2020年度部门决算\n（一）机构设置\n所属二级预算单位为5个，行政单位分别是：某某市公安局本级行政、某某市公安局警务保障部(一)、某某市公安局警务保障部(二)。全额拨款事业单位2个，即：某某市公安局民警门诊部、某某警察学院。附属机构1个：市府大楼幼儿园。",
			[]string{"org.subordinate=某某市公安局警务保障部(一)", "org.subordinate=某某市公安局警务保障部(二)", "org.subordinate=某某市公安局民警门诊部", "org.subordinate=某某警察学院", "org.subordinate=市府大楼幼儿园"}, nil},
		{"an office whose name begins with 设, and an office named 教科室",
			"某某市统计局2020年度部门决算\n（一）机构设置\n内设机构4个，分别为：办公室、法规处、设管处、教科室。",
			[]string{"org.department=办公室", "org.department=法规处", "org.department=设管处", "org.department=教科室"}, nil},
		{"an amount in 万 without 元 under a money label",
			"2014年某某中心安排公务用车购置及运行维护费38万，较上年预算下降20%。",
			[]string{"sanggong.vehicle=38000000"}, nil},
		{"changes of both sides stated each with its unit",
			"某某委2024年度部门决算\n2024年度收入总计7562.45万元，支出总计6632.48万元，与2023年度相比，收入、支出总计各增加1412.7万元、2062.79万元。",
			[]string{"revenue.change=1412700000", "expenditure.change=2062790000"}, nil},
		{"a change after last year's figure, its subject before the comparison",
			"某某中学2020年部门预算\n(二)2020年收入预算比2019年预算收入5535.82万元增加443.07万元，主要原因是工资调整。",
			[]string{"revenue.change=443070000"}, []string{"revenue.total"}},
		{"fiscal appropriation as a share of revenue is a part of revenue",
			"某某学校2023年度部门决算\n（一）收入决算说明\n1.财政拨款收入17776.10万元，占收入合计的99.94%。",
			[]string{"revenue.appropriation=17776100000"}, []string{"appropriation.revenue"}},
		{"a headline total whose words say 预算 before 收入",
			"某某部2015年部门预算\n某某部2015年预算收入合计44.4572万元，某某部2015年预算支出合计44.4572万元。",
			[]string{"revenue.total=44457200", "expenditure.total=44457200"}, nil},
		{"a table flattened onto one line: the row numbers (行次) are no amounts",
			"某某学校2022年度部门决算\n金额单位:万元 项目 行次 金额 项目 行次 金额 栏次 1 栏次 2 五事业收入 5 80.78 五教育支出 36 4,146.04 八其他收入 8 33.19 八社会保障和就业支出 39 341.76 九卫生健康支出 40 89.57",
			[]string{"revenue.business=80780000", "revenue.other=33190000", "expenditure.function.教育支出=4146040000", "expenditure.function.社会保障和就业支出=341760000", "expenditure.function.卫生健康支出=89570000"}, nil},
		{"a final account's actual figures with the share of the budget they reached",
			"某某局2023年度部门决算\n公务用车购置及运行维护费支出决算为27.46万元，完成预算29.6万元的92.8%；其中：公务用车购置支出决算为0万元，完成预算0万元的--%；公务用车运行维护费支出决算为27.46万元，完成预算29.6万元的92.8%。",
			[]string{"sanggong.vehicle=27460000", "sanggong.vehicle_purchase=0", "sanggong.vehicle_operation=27460000"}, nil},
		{"the people in post broken down with 在职在编 in each label",
			"（三）人员情况\n其中，在职在编人员91人，包括：行政在职在编人员0人、参公事业在职在编人员0人、全额事业在职在编91人。",
			[]string{"staff.total.actual=91", "staff.admin.actual=0", "staff.sanggong.actual=0", "staff.institution.actual=91"}, nil},
		{"staff counted by bare figures under staffing labels",
			"某某县农业农村局2022年部门预算\n三、人员情况\n本部门编制人数小计20，其中行政编制12，事业编制8；实有人数18，其中行政人员11，事业人员7。",
			[]string{"staff.total.authorized=20", "staff.admin.authorized=12", "staff.institution.authorized=8", "staff.total.actual=18", "staff.admin.actual=11", "staff.institution.actual=7"}, nil},
		{"a list closed by its count with 共",
			"（二）单位构成\n我校属一级预算单位，内设办公室、教导处和德育处共三个科室。",
			[]string{"org.department=办公室", "org.department=教导处", "org.department=德育处"}, nil},
		{"units after a dash, one with a note in brackets, one with 和 in its name",
			"（二）机构设置\n本部门下属两家事业单位——某某区某某支队某某大队（某某局派出机构）和某某区招商和企业服务中心。",
			[]string{"org.subordinate=某某区某某支队某某大队", "org.subordinate=某某区招商和企业服务中心"}, nil},
		{"units in brackets after a count with 即",
			"（二）机构设置。\n本部门下设事业编制机构2个（即某某度假区综合服务中心、某某度假区生态保护中心），所属事业单位均为全额拨款。",
			[]string{"org.subordinate=某某度假区综合服务中心", "org.subordinate=某某度假区生态保护中心"}, nil},
		{"units after 下属事业单位为, one with a second name",
			"（二）机构设置\n下属事业单位为街道城市建设管理中心、街道便民服务中心(退役军人服务站)、综合行政执法大队。",
			[]string{"org.subordinate=街道城市建设管理中心", "org.subordinate=街道便民服务中心(退役军人服务站)", "org.subordinate=综合行政执法大队"}, nil},
		{"offices counted by 设置 and by kind of 科室",
			"（二）单位构成。\n本单位设置1个综合办事机构：基层治理综合指挥室；设置2个内设机构：党的建设办公室、经济发展办公室。\n2. 医技科室3个：药学部、检验科、放射科。",
			[]string{"org.department=基层治理综合指挥室", "org.department=党的建设办公室", "org.department=经济发展办公室", "org.department=药学部", "org.department=检验科", "org.department=放射科"}, nil},
		{"committees set up inside a body are its offices",
			"（一）机构设置\n某某区人大常委会下设办公室、法制与内务司法委员会、财政经济委员会、选举联络工作委员会。",
			[]string{"org.department=办公室", "org.department=法制与内务司法委员会", "org.department=财政经济委员会", "org.department=选举联络工作委员会"}, []string{"org.subordinate"}},
		{"下属设 names units, 机关设 an office",
			"（一）机构设置\n某某局是某某区人民政府的行政单位，局机关设办公室，下属设某某区道路运输发展中心和某某区公路管理所2个全额拨款事业单位。",
			[]string{"org.department=办公室", "org.subordinate=某某区道路运输发展中心", "org.subordinate=某某区公路管理所", "org.public_institutions=2"}, nil},
		{"a kind of office is no office",
			"（一）机构设置\n2. 医技科室2个：药学部、检验科。\n4. 行政后勤科室",
			[]string{"org.department=药学部", "org.department=检验科"}, nil},
		{"a unit 下设 with a count of units after it",
			"（二）内设机构\n县城管局下设某某县城市管理监察大队一个下属单位，局机关设5个内设机构，包括办公室、市政股、环卫股、财务股、公用事业股。",
			[]string{"org.subordinate=某某县城市管理监察大队", "org.department=办公室", "org.department=公用事业股"}, nil},
		{"a list after 包括 in a composition section",
			"（二）部门构成。包括党政办公室、人大办公室、民政和社会事务办公室（挂卫生健康办公室牌子）、财政办公室。\n（三）单位构成\n纳入本部门2022年度决算编制的二级预算单位主要包括某某镇人民政府本级、某某镇农业服务中心、某某镇文化服务中心、某某镇劳动就业和社",
			[]string{"org.department=党政办公室", "org.department=人大办公室", "org.department=民政和社会事务办公室", "org.department=财政办公室", "org.subordinate=某某镇农业服务中心", "org.subordinate=某某镇文化服务中心"}, nil},
		{"institutions a township sets up are units",
			"（二）机构设置\n某某镇人民政府设置3个事业机构分别是：农业技术推广与综合服务中心、财政管理所、综合文化站。",
			[]string{"org.subordinate=农业技术推广与综合服务中心", "org.subordinate=财政管理所", "org.subordinate=综合文化站"}, []string{"org.department"}},
		{"a body is no office of its own, a duty no office",
			"某某市某某区人民政府办公室2021年度部门决算\n第一部分 某某市某某区人民政府办公室部门概况\n一、部门主要职责\n3.根据不同的学科，教授相应的技能。",
			nil, []string{"org.department", "org.subordinate"}},
		{"机构设置 is no list",
			"二、机构设置\n局机关设置科学合理，某某科、某某股职责清楚。",
			nil, []string{"org.department"}},
		{"a 三公 table a cell per line with budget and actual columns",
			"某某镇2020年度一般公共预算财政拨款“三公”经费支出决算情况说明\n一、2020年度一般公共预算财政拨款“三公”经费支出决算表\n单位:万元\n项目 |\n预算数 |\n决算数 |\n合计 |\n30.8 |\n25.7 |\n因公出国(境)费 |\n0 |\n0 |\n公务接待费 |\n14.8 |\n16.3 |\n公务用车购置及运行维护费 |\n16 |\n9.4 |\n其中:公务用车运行维护费 |\n16 |\n9.4 |\n公务用车购置费 |\n0 |\n0 |",
			[]string{"sanggong.total=25700000", "sanggong.reception=16300000", "sanggong.vehicle=9400000", "sanggong.vehicle_operation=9400000"}, nil},
		{"a final account's budget breakdown is no actual figure",
			"某某镇2021年“三公”经费决算汇总情况\n2021年我镇“三公”经费预算为20万元，其中：因公出国(境)费0万元，公务接待费9万元，公务用车运行维护费11万元。\n2021年“三公”经费支出共计9.07万元，较上年支出数减少0.71万元。",
			[]string{"sanggong.total=9070000"}, []string{"sanggong.reception", "sanggong.outbound", "sanggong.vehicle_operation"}},
		{"funding kinds of institution staff: neither is the whole",
			"实有人数63人，在职人数61人，包括行政人员26人、全部补助事业人员33人、自收自支事业人员21人。",
			[]string{"staff.admin.actual=26"}, []string{"staff.institution.actual"}},
		{"staff labels with funding and 人数",
			"编制人数20名，其中：行政编制人数12名，全部补助事业编制人数8人；实有人数18人，其中：行政在职人数11人，全部补助事业在职人数7人。公务车保有量25辆。局机关设办公室，下属3个财政补助事业单位。",
			[]string{"staff.total.authorized=20", "staff.admin.authorized=12", "staff.institution.authorized=8", "staff.total.actual=18", "staff.admin.actual=11", "staff.institution.actual=7", "assets.vehicles=25", "org.public_institutions=3"}, nil},
		{"an amount the spending changed by for one reason is no total",
			"2017年度某某区“三公”经费决算情况\n2017年度的“三公”经费支出减少了1,276.52万元。其中，部分减少是因为三个单位上划到市级，减少了“三公”经费342.74万元，其中公务用车购置及运行维护费308.87万元。",
			nil, []string{"sanggong.total", "sanggong.vehicle"}},
		{"a 三公 table after a page's metadata, its heads split over two rows",
			"| 索引号 | 01525903-1-04_A/2017-0920001 | 发布机构 | 某某县财政局 |\n| 文号 | 浏览量 | 31 |\n附件. | ||||\n某某县2016年“三公”经费决算情况统计表 | ||||\n单位:万元 | ||||\n项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |\n增、减金额 | 增、减幅度 | |||\n合计 | 2911.47 | 2706.86 | -204.61 | -7.03% |\n1.因公出国(境)费 | 13.06 | 10.20 | -2.86 | -21.9% |\n2.公务接待费 | 1679.69 | 1590.94 | -88.75 | -5.28% |",
			[]string{"sanggong.total=2706860000", "sanggong.outbound=10200000", "sanggong.reception=1590940000"}, nil},
		{"half-width punctuation and traditional characters",
			"2022年本部門財政撥款安排“三公”經費502.4萬元,比上年減少14.6萬元,下降2.82%。",
			[]string{"sanggong.total=502400000", "sanggong.change=-14600000"}, nil},
		{"mixed units are exact",
			"“三公”经费预算3万4000元，比上年减少6千元。",
			[]string{"sanggong.total=3400000", "sanggong.change=-600000"}, nil},
		{"approximate stays approximate",
			"2023年“三公”经费预算约5万元。",
			[]string{"sanggong.total=~5000000"}, nil},
		{"staffing",
			"（二）单位构成\n共参公编制6名，实有参公人员4人；事业编制4名，实有事业人员2人；退休人员4名，离休人员1名。行政编制12名，实有行政人员11人；工勤编制2名。",
			[]string{"staff.sanggong.authorized=6", "staff.sanggong.actual=4", "staff.institution.authorized=4", "staff.institution.actual=2",
				"staff.retired=4", "staff.lixiu=1", "staff.admin.authorized=12", "staff.admin.actual=11", "staff.worker.authorized=2"}, nil},
		{"a change in staff is no count",
			"县文联2022年新增参公人员2名，新增事业编制1名。",
			nil, []string{"staff.sanggong.actual", "staff.institution.authorized"}},
		{"units counted before and after their noun",
			"（二）单位构成。\n1、县文联共有参公机构2个，1个事业单位（即县美术馆）。",
			[]string{"org.sanggong_units=2", "org.public_institutions=1", "org.subordinate=县美术馆"}, nil},
		{"offices in numbered items and lists",
			"（二）单位构成。\n2、秘书科。承担文秘工作。\n3、联络科。统筹联络工作。\n本部门内设办公室、计划财务科和法规科。",
			[]string{"org.department=秘书科", "org.department=联络科", "org.department=办公室", "org.department=计划财务科", "org.department=法规科"}, nil},
		{"offices listed after their count, one with 和 in its name",
			"（二）部门构成。\n1. 机关内设机构情况。\n机关内设机构3个，分别为办公室、综合科、资环能源和安全科。机关行政编制25名。",
			[]string{"org.department=办公室", "org.department=综合科", "org.department=资环能源和安全科", "staff.admin.authorized=25"},
			nil},
		{"subordinate units under their own heading and after 下属",
			"（二）机构设置\n2. 下属事业单位情况。\n(1)某某区公共资源交易中心\n某某区公共资源交易中心为正处级事业单位。\n下属2个二级预算单位，分别是某某区人民政府办公室(本级)和某某区政务信息中心。",
			[]string{"org.subordinate=某某区公共资源交易中心", "org.subordinate=某某区政务信息中心"},
			[]string{"org.department"}},
		{"a change of both sides",
			"2023年度收入总计2479.85万元，支出总计2479.85万元。收支较上年决算数增加91.74万元。",
			[]string{"revenue.total=2479850000", "expenditure.total=2479850000", "revenue.change=91740000", "expenditure.change=91740000"}, nil},
		{"a comparison in the clause before its figure",
			"2023年度收入总计434.72万元。收入支出總體與上年相比，增加58.21萬元，增長15.46%。基本支出118.8万元，与上年相比，减少2万元。",
			[]string{"revenue.change=58210000", "expenditure.change=58210000", "expenditure.basic_change=-2000000"}, nil},
		{"a change with no subject under a revenue heading",
			"（一）收入预算：2024年年初预算数777.03万元，其中：一般公共预算拨款744.03万元，其他收入资金23万元。较2023年增加40.17万元，主要是一般公共预算拨款增加17.17万元。",
			[]string{"revenue.total=777030000", "revenue.other=23000000", "revenue.change=40170000"},
			[]string{"revenue.general_budget_change"}},
		{"parts announced as a list below",
			"（一）本单位2021年度总收入581.45万元，其中本年收入390.55万元，较2020年度决算数减少175.26万元。\n收入具体情况如下。\n1.一般公共预算财政拨款收入382.17万元，为市本级财政当年拨付的资金。\n（二）本单位2021年度总支出581.45万元，其中本年支出480.71万元，较2020年度决算数减少90.49万元。",
			[]string{"revenue.total=581450000", "revenue.this_year=390550000", "revenue.change=-175260000", "revenue.general_budget=382170000",
				"expenditure.total=581450000", "expenditure.this_year=480710000", "expenditure.change=-90490000"},
			[]string{"appropriation.revenue"}},
		{"staff in post called 实际",
			"核定人员编制71人，实际正式教职工62人，其中副高级职称4人，退休职工28人。",
			[]string{"staff.total.authorized=71", "staff.total.actual=62", "staff.retired=28"}, nil},
		{"one figure for both totals",
			"2023年部门收支总预算1,234.5万元。2023年财政拨款收支总预算1,000万元。",
			[]string{"revenue.total=1234500000", "expenditure.total=1234500000", "appropriation.revenue=1000000000", "appropriation.expenditure=1000000000"}, nil},
		{"a part outside a breakdown is no total",
			"2023年人员支出80万元。上级补助收入20万元。政府性基金预算财政拨款支出5万元。",
			nil, []string{"revenue.total", "expenditure.total", "appropriation.expenditure"}},
		{"totals with their owner and year before them",
			"县科协2023年收入预算100万元。本部门2023年支出预算总额100万元。",
			[]string{"revenue.total=100000000", "expenditure.total=100000000"}, nil},
		{"stations set up inside a body are its offices",
			"（二）单位构成。本单位内设办公室、植保站、土肥站3个科室，核定事业编制18名。",
			[]string{"org.department=办公室", "org.department=植保站", "org.department=土肥站"}, []string{"org.subordinate"}},
		{"a procurement amount under its heading",
			"2、政府采购情况。2023年拟采购办公设备及植保监测设备，预算金额25.60万元。",
			[]string{"procurement.total=25600000"}, nil},
		{"a semicolon ends a breakdown before the next total",
			"2024年收入预算2,345.67万元，其中一般公共预算拨款2,100.00万元，政府性基金预算拨款245.67万元；支出预算2,345.67万元，比上年减少12.30万元。",
			[]string{"revenue.total=2345670000", "revenue.general_budget=2100000000", "expenditure.total=2345670000", "expenditure.change=-12300000"}, nil},
		{"a change that quotes last year's figure, and 出国 without 费",
			"某某局2018年度部门决算\n2018年度“三公”经费支出2.05万元，较上年2.08减少0.03万元，减少了1.44%；其中：因公出国(境)支出0万元；公务接待费支出2.05万元。",
			[]string{"sanggong.total=2050000", "sanggong.change=-30000", "sanggong.outbound=0", "sanggong.reception=2050000"}, nil},
		{"planned purchases",
			"2023年县文联拟采购四台投影仪。本年度计划采购办公电脑五台、打印机2台。",
			[]string{"procurement.item=投影仪|4|台", "procurement.item=办公电脑|5|台", "procurement.item=打印机|2|台"}, nil},
		{"a vehicle purchase explained under the 三公 expenses is no procurement item",
			"（三）公务用车购置及运行费支出预算75万元。本年度预计购置执法执勤用车2辆，比上年度少3辆。",
			nil, []string{"procurement.item"}},
		{"a purchase in the past is no plan",
			"2022年购置执法执勤用车2辆。",
			nil, []string{"procurement.item", "assets.vehicles"}},
		{"vehicles held",
			"截至2022年12月31日，本部门共有车辆5辆，其中：一般公务用车2辆。",
			[]string{"assets.vehicles=5"}, nil},
		{"contact",
			"部门预算公开联系人：周丽萍   联系方式：023-61234567",
			[]string{"contact.name=周丽萍", "contact.phone=023-61234567"}, nil},
		{"a complaints hotline is no contact phone",
			"联系方式见本单位网站，监督电话：023-12345678",
			nil, []string{"contact.phone"}},
		{"a phone outside a contact line is no contact",
			"24小时应诊电话:0830-3103108",
			nil, []string{"contact.phone", "contact.name"}},
		{"performance",
			"4、绩效目标设置情况。2023年实行绩效目标管理的项目12个，涉及一般公共预算当年财政拨款36万元。",
			[]string{"performance.project_count=12", "performance.project_funds=36000000"}, nil},
		{"operating expenses and procurement total",
			"2024年机关运行经费预算98.6万元，比上年减少5.2万元。2024年政府采购预算总额45万元。",
			[]string{"operating_expenses=98600000", "operating_expenses_change=-5200000", "procurement.total=45000000"}, nil},
		{"a figure of another year is not this year's",
			"某某局2022年部门预算\n2021年度“三公”经费合计支出20.12万元。2022年度“三公”经费预算总计21.8万元。",
			[]string{"sanggong.total=21800000"}, nil},
		{"totals stated for both sides at once",
			"2022年度收、支总计各是4125.49,4143.91万元。与2021年相比，收、支总计各减少1267.86,2570.97万元，各下降23.51%、38.28%。",
			[]string{"revenue.total=4125490000", "expenditure.total=4143910000", "revenue.change=-1267860000", "expenditure.change=-2570970000"}, nil},
		{"one total for both sides",
			"2023年度收、支总计各1,234.56万元。与2022年相比，收、支总计各增加100万元。",
			[]string{"revenue.total=1234560000", "expenditure.total=1234560000", "revenue.change=100000000", "expenditure.change=100000000"}, nil},
		{"a department's funds under a revenue heading, and a glossed project line",
			"二、2017年部门收入预算总体情况\n2017年部门经费预算7464053元，基本支出4566793元；项目支出(专项工作经费支出)2897260元。",
			[]string{"revenue.total=746405300", "expenditure.basic=456679300", "expenditure.project=289726000"}, nil},
		{"controlled posts are no authorised total",
			"现有人员编制115人，其中：参照公务员管理事业编制71人，事业编制44人。另有事业控制编制13人。",
			[]string{"staff.total.authorized=115", "staff.sanggong.authorized=71", "staff.institution.authorized=44"}, nil},
		{"controlled posts alone", "另有事业控制编制13人。", nil, []string{"staff.total.authorized", "staff.institution.authorized"}},
		{"a declared unit for bare figures",
			"（单位：万元）2023年收入预算总额 900.25，其中：一般公共预算拨款 860.25。",
			[]string{"revenue.total=900250000", "revenue.general_budget=860250000"}, nil},
		{"a table kept in rows: labelled cells are read, unlabelled ones are not",
			"单位：万元\n收入 | 支出\n一般公共预算拨款 | 860.25 | 农林水支出 | 700.00\n| 900.25 | | 900.25",
			[]string{"revenue.general_budget=860250000", "expenditure.function.农林水支出=700000000"},
			[]string{"revenue.total", "expenditure.total"}},
		{"a table flattened a cell per line, with row numbers",
			"金额单位：万元\n收入 |\n支出 |\n项 目 |\n行次 |\n决算数 |\n项 目 |\n行次 |\n决算数 |\n一、一般公共预算财政拨款收入 |\n1 |\n1,486.54 |\n一、农林水支出 |\n32 |\n1,318.66 |\n本年收入合计 |\n7 |\n1,535.00 |\n总计 |\n9 |\n1,608.18 |\n总计 |\n39 |\n1,608.18 |",
			[]string{"revenue.general_budget=1486540000", "expenditure.function.农林水支出=1318660000", "revenue.this_year=1535000000", "revenue.total=1608180000", "expenditure.total=1608180000"}, nil},
		{"column headers flattened before their figures give nothing",
			"单位：万元\n“三公”经费合计 |\n因公出国（境）费 |\n公务用车购置及运行费 |\n公务接待费 |\n小计 |\n公务用车购置费 |\n公务用车运行费 |\n15.36 |\n0 |\n11.20 |\n0 |\n11.20 |\n4.16 |",
			nil, []string{"sanggong.total", "sanggong.outbound", "sanggong.vehicle", "sanggong.reception", "sanggong.vehicle_purchase", "sanggong.vehicle_operation"}},
		{"a table flattened a cell per line without separators",
			"金额单位:万元\n收入\n\n支出\n\n项目\n\n行次\n\n金额\n\n项目\n\n行次\n\n金额\n\n一、一般公共预算财政拨款收入\n\n1\n\n440.55\n\n一、一般公共服务支出\n\n29\n\n423.20\n\n二、外交支出\n\n30\n\n0.00\n",
			[]string{"revenue.general_budget=440550000", "expenditure.function.一般公共服务支出=423200000"},
			[]string{"expenditure.function.外交支出"}},
		{"a rank is no subordinate unit",
			"二、机构设置\n本中心属于县政府下设一级局，全额拨款事业单位。",
			nil, []string{"org.subordinate"}},
		{"a year in a table's heading row is no figure",
			"单位:某某中学 | 2024年度 | 金额单位:万元 |\n收入 | 支出 | ||||\n项目 | 行次 | 金额 | 项目 | 行次 | 金额 |\n栏次 | 1 | 栏次 | 2 | ||\n一、一般公共预算财政拨款收入 | 1 | 1,032.45 | 一、教育支出 | 33 | 905.12 |\n本年收入合计 | 6 | 1,032.45 | 本年支出合计 | 40 | 1,032.45 |",
			[]string{"revenue.general_budget=1032450000", "expenditure.function.教育支出=905120000", "revenue.this_year=1032450000", "expenditure.this_year=1032450000"},
			nil},
		{"table labels a page broke over two lines",
			"单位：万元\n收    入\n支    出\n项目\n预算数\n项目\n预算数\n一、一般公共预\n算拨款\n2,316.48\n一、一般公共服\n务支出\n1,862.35\n二、教育支出\n296.10\n本年收入合计\n2,523.28\n上年结转\n59.00",
			[]string{"revenue.general_budget=2316480000", "expenditure.function.一般公共服务支出=1862350000", "expenditure.function.教育支出=296100000",
				"revenue.this_year=2523280000", "revenue.carryover=59000000"}, nil},
		{"a table of counts under column headers",
			"部门人员构成：\n单位名称 |\n编制数 |\n实有人数 |\n退休人数 |\n某某县林业局 |\n47 |\n45 |\n18 |",
			[]string{"staff.total.authorized=47", "staff.total.actual=45", "staff.retired=18"}, nil},
		{"a final account's table: the actual column, not the budget beside it",
			"某某局2016年度部门决算\n单位：万元\n项目 | 年初预算数 | 决算数\n公务接待费 | 8.00 | 6.44\n公务用车运行费 | 16.00 | 13.42",
			[]string{"sanggong.reception=6440000", "sanggong.vehicle_operation=13420000"}, nil},
		{"a table whose first column is last year's gives nothing",
			"单位：万元\n项目 | 上年预算数 | 本年预算数\n公务接待费 | 8.00 | 6.44",
			nil, []string{"sanggong.reception"}},
		{"a staff table with a row per count",
			"单位：人\n项目 | 合计 | 行政 | 事业 | 工勤\n编制数 | 86 | 18 | 64 | 4\n实有人数 | 79 | 17 | 59 | 3\n退休人数 | 41 | 12 | 27 | 2",
			[]string{"staff.total.authorized=86", "staff.admin.authorized=18", "staff.institution.authorized=64", "staff.worker.authorized=4",
				"staff.total.actual=79", "staff.admin.actual=17", "staff.institution.actual=59", "staff.worker.actual=3", "staff.retired=41"}, nil},
		{"the actual figure beside a quoted budget",
			"某某局2022年度部门决算\n2022年度“三公”经费财政拨款支出预算为9.00万元，支出决算为7.42万元，完成预算的82.44%，比上年减少0.96万元。",
			[]string{"sanggong.total=7420000", "sanggong.change=-960000"}, []string{"expenditure.total", "expenditure.change"}},
		{"units counted after their list",
			"二、机构设置\n本部门内设办公室、财务科；及某某县水利技术推广站、某某县河道管理所和某某县水土保持监测站3个事业单位。",
			[]string{"org.subordinate=某某县水利技术推广站", "org.subordinate=某某县河道管理所", "org.subordinate=某某县水土保持监测站"}, nil},
		{"units counted before their list, and the body's own 本级 counted in",
			"全额拨款事业单位3家，具体为：某某镇经济建设服务中心、某某镇农业综合服务中心、某某镇社会事业服务中心。某某中学预算包括：某某中学本级预算、某某镇中心小学、某某镇中心幼儿园三所学校。",
			[]string{"org.subordinate=某某镇经济建设服务中心", "org.subordinate=某某镇农业综合服务中心", "org.subordinate=某某镇社会事业服务中心",
				"org.subordinate=某某镇中心小学", "org.subordinate=某某镇中心幼儿园"}, nil},
		{"a list whose count does not match is no list of units",
			"二、机构设置\n及某某县水利技术推广站和某某县河道管理所3个事业单位。",
			nil, []string{"org.subordinate"}},
		{"numbered units after a line that announces them; the body itself is not its unit",
			"某某街道办事处（部门）机构设置\n某某街道办事处部门预算包括本部以及下属2家预算单位，具体包括：\n1.某某县某某街道办事处（本部）。\n2.某某县某某街道社区服务中心。\n3.某某县某某街道综合行政执法队。\n名词解释",
			[]string{"org.subordinate=某某县某某街道社区服务中心", "org.subordinate=某某县某某街道综合行政执法队"}, nil},
		{"a final account's 三公 table with the budget's columns, then the actual ones",
			"某某县图书馆2021年度“三公”经费支出决算情况说明\n编制单位:某某县图书馆 金额单位:万元\n项目 | 预算数 | 决算数 | ||||\n合计 | 一般公共预算 | 政府性基金 | 合计 | 一般公共预算 | 政府性基金 |\n" +
				"公务接待费 | 0.95 | 0.95 | 0.00 | 0.39 | 0.39 | 0.00 |\n其中:公务用车运行维护费 | 2.10 | 2.10 | 0.00 | 1.37 | 1.37 | 0.00 |\n",
			[]string{"sanggong.reception=390000", "sanggong.vehicle_operation=1370000"}, nil},
		{"a table flattened a cell per line: an empty row's blank cell, not the next row's number, is its figure",
			"收支总表\n单位:万元 | ||\n栏次 |\n1 |\n2 |\n1 |\n一、一般公共预算拨款收入 |\n675.82 |\n一、一般公共服务支出 |\n516.39 |\n2 |\n二、政府性基金预算拨款收入 |\n|\n二、外交支出 |\n|\n3 |\n三、国防支出 |\n|\n4 |\n四、社会保障和就业支出 |\n98.25 |\n",
			[]string{"expenditure.function.一般公共服务支出=516390000", "expenditure.function.社会保障和就业支出=98250000"},
			[]string{"expenditure.function.外交支出", "expenditure.function.国防支出", "revenue.gov_fund"}},
		{"vehicle expenses named in either order, with 和 or 及",
			"公务用车运行维护费及公务用车购置费139.85万元，其中公务用车购置费8.78万元。公务用车购置和运行维护费12万元。",
			[]string{"sanggong.vehicle=139850000", "sanggong.vehicle_purchase=8780000"}, nil},
		{"a sentence that sets the budget against the actual figure is a final account's, whatever the document says it is",
			"2019年度“三公”经费财政拨款支出预算为44.52万元，2019年实际支出“三公经费”决算为22.62万元。某某工委2018年度“三公”经费支出预算为5.5万元，支出决算为8.99万元。",
			[]string{"sanggong.total=22620000"}, []string{"expenditure.total"}},
		{"offices listed with commas alone, with slashes, and the union and league among them; a kind of office is no office",
			"二、机构设置\n单位内部下设办公室,财务室,工程科等业务科室。本单位内设机构包括：党政办、教务处、工会和团委。某某幼儿园设4个内设机构,包括:园长/书记室、工会/团支部、保教/教研部门、后勤保障部门。本局设职能处室5个。",
			[]string{"org.department=办公室", "org.department=财务室", "org.department=工程科", "org.department=党政办", "org.department=工会", "org.department=团委",
				"org.department=园长/书记室", "org.department=工会/团支部", "org.department=保教/教研部门", "org.department=后勤保障部门"}, nil},
		{"a sentence outranks a table",
			"单位：万元\n项目 | 金额\n其他收入 | 12.66\n（三）收入情况。其中：其他收入12.60万元。",
			[]string{"revenue.other=12600000"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := flatOf(c.text)
			have := map[string]bool{}
			keys := map[string]bool{}
			for _, g := range got {
				have[g] = true
				keys[g[:strings.IndexByte(g, '=')]] = true
			}
			for _, w := range c.want {
				if !have[w] {
					t.Errorf("missing %s; got %v", w, got)
				}
			}
			for _, k := range c.absent {
				if keys[k] {
					t.Errorf("found %s, which the text does not state; got %v", k, got)
				}
			}
		})
	}
}

func TestHeader(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"某某县气象服务中心2023年部门预算情况说明\n单位基本情况", "budget department 2023 某某县气象服务中心 某某县"},
		{"某某市档案局关于2016年度预算公开的补充说明\n一、说明", "budget  2016 某某市档案局 某某市"},
		{"第三部分:广西某某市地方志编纂委员会办公室2022年度部门决算情况说明\n一、2022年度收入支出决算总体情况", "final_accounts department 2022 广西某某市地方志编纂委员会办公室 广西某某市"},
		{"目录\n第一部分某某省人事考试院(某某省公务员考试测评中心)概况\n第二部分2023年度部门决算表", "final_accounts department 2023 某某省人事考试院(某某省公务员考试测评中心) 某某省"},
		{"2017年度市级部门决算公开\n目录\n第一部分某某市人民医院概况\n一、主要职能", "final_accounts department 2017 某某市人民医院 某某市"},
		{"某某市第三中学人员编制总数95名，其中：全额事业编制95名。\n第二部分 2022年度单位预算表", "budget unit 2022 某某市第三中学 某某市"},
		{"自治区人民政府机关事务管理局2013年部门预算\n第一部分", "budget department 2013 自治区人民政府机关事务管理局 "},
		{"2016年某某委财政拨款“三公”经费预算表\n来源:发布时间:2016-04-28\n金额单位:万元\n项目2016年预算数\n小计其中:一般公共预算安排数", "budget  2016 某某委 "},
		{"中国共产党某某彝族自治州委员会宣传部2023年度部门决算公开\n目录", "final_accounts department 2023 中国共产党某某彝族自治州委员会宣传部 某某彝族自治州"},
		{"某某市环城公路养护中心财政拨款“三公”经费预算2014年情况如下：\n一、因公出国(境)经费", "budget  2014 某某市环城公路养护中心 某某市"},
		{"校务公开\n\n2023年度部门决算公开\n一、部门基本情况\n（一）部门机构设置、职责\n北京某某学校为公益一类事业单位，是一所十二年一体化学校。", "final_accounts department 2023 北京某某学校 "},
		{"第二部分 2020年度部门决算说明\n一、单位基本情况\n(一)机构设置、职责。北京市人民政府某某研究室是承担综合性政策研究任务的市政府直属机构。", "final_accounts department 2020 北京市人民政府某某研究室 北京市"},
		{"第二部分 2018年度部门决算说明\n一、部门基本情况\n北京市人民政府某某管理办公室，为全额拨款副局级事业单位，隶属市政府办公厅。", "final_accounts department 2018 北京市人民政府某某管理办公室 北京市"},
		{"第二部分 2019年度部门决算说明\n一、部门基本情况\n中国农工民主党北京市委员会机关下设办公室、宣传处、社会服务处3个处(室)。社会服务处负责联系工作。", "final_accounts department 2019 中国农工民主党北京市委员会 "},
		{"第二部分 2018年度部门决算说明\n一、部门基本情况\n中国民主建国会北京市委员会本级1个单位，无下属单位。民建北京市委是中国民主建国会的省级地方组织。", "final_accounts department 2018 中国民主建国会北京市委员会 "},
		{"某某回族彝族自治县教育体育局部门2020年度“三公”经费决算情况说明\n一、总体情况", "final_accounts department 2020 某某回族彝族自治县教育体育局 某某回族彝族自治县"},
		{"一、单位基本情况\n（三）部门构成\n纳入本部门2021年度决算编制的二级预算单位主要包括重庆市某某区农业农村委员会(本级)、重庆市某某区烟叶生产指导中心。\n二、部门决算情况说明", "final_accounts department 2021 重庆市某某区农业农村委员会 重庆市某某区"},
		{"2021年湛江市人民政府行政服务中心部门决算\n目 录", "final_accounts department 2021 湛江市人民政府行政服务中心 湛江市"},
		{"关于某某市某某区教育局2022年度部门决算的说明", "final_accounts department 2022 某某市某某区教育局 某某市某某区"},
		{"首页 > 财政预决算\n重庆市垫江县商务委员会 2023年度决算公开说明", "final_accounts  2023 重庆市垫江县商务委员会 重庆市垫江县"},
		{"梧州市统计局\n2018年部门决算公开信息", "final_accounts department 2018 梧州市统计局 梧州市"},
		{"西双版纳傣族自治州农垦局2024年部门决算公开说明", "final_accounts department 2024 西双版纳傣族自治州农垦局 西双版纳傣族自治州"},
		{"中共某某县委宣传部2023年单位预算", "budget unit 2023 中共某某县委宣传部 某某县"},
		{"某某县市场监督管理局2023年部门预算", "budget department 2023 某某县市场监督管理局 某某县"},
		{"杭州市钱塘区综合行政执法局(杭州市钱塘区城市管理局)2021年度部门决算", "final_accounts department 2021 杭州市钱塘区综合行政执法局(杭州市钱塘区城市管理局) 杭州市钱塘区"},
		{"某某县民政局(本级)2021年度部门决算", "final_accounts department 2021 某某县民政局 某某县"},
		{"某某市某某區衛生健康局2023年部門預算", "budget department 2023 某某市某某區衛生健康局 某某市某某區"},
		{"某某县司法局2022年“三公”经费预算情况\n一、预算表\n与2021年预算一致。", "budget  2022 某某县司法局 某某县"},
		{"发布机构 | 某某区教委 | 有效性 | |\n标题 | 某某市某某区某某镇中心小学2024年单位预算情况说明 | ||\n一、单位基本情况", "budget unit 2024 某某市某某区某某镇中心小学 某某市某某区"},
		{"一、“三公”经费\n与2021年预算一致，部门预算编制规范。", "  0  "},
		{"2022年度内蒙古自治区某某市审计局\n部门决算公开\n目 录", "final_accounts department 2022 内蒙古自治区某某市审计局 内蒙古自治区某某市"},
		{"  2022年度\n\n  岳阳市某某委部门决算\n  目录", "final_accounts department 2022 岳阳市某某委 岳阳市"},
		{"（2018部门预算公开）\n防城港市某某中心2018年部门预算\n及“三公”经费预算编制说明", "budget department 2018 防城港市某某中心 防城港市"},
		// a full document's cover: the title names the district, the labelled line the body
		{"某某市某某区2023年区级部门预算\n预算主管部门：某某市某某区人民政府某某街道办事处\n目录", "budget department 2023 某某市某某区人民政府某某街道办事处 某某市某某区"},
		{"2023年部门收入预算总表\n编制部门：某某县农业农村局 | 单位：元", "budget  2023 某某县农业农村局 某某县"},
		// titles of a section published alone: the kind is the last 预算 or 决算
		{"天津市某某区人民法院\n2017年度一般公共预算财政拨款\n“三公”经费决算情况说明\n2017年“三公”经费决算20.2万元。", "final_accounts  2017 天津市某某区人民法院 天津市某某区"},
		{"2018年某某市质量技术监督局“三公”经费预算情况说明\n“三公”经费包括因公出国(境)费。", "budget  2018 某某市质量技术监督局 某某市"},
		{"某某县图书馆2021年度\n一般公共预算及政府性基金财政\n拨款“三公”经费支出决算情况说明\n一、2021年度决算表", "final_accounts  2021 某某县图书馆 某某县"},
		// a title about a region's bodies together names no body
		{"某某县2023年“三公”经费预算增减变化情况说明\n2023年，全县县级部门汇总一般公共预算“三公”经费预安排2415.44万元。", "budget  2023  "},
		{"2017年度某某区一般公共预算财政拨款开支“三公”经费决算情况\n“三公”经费支出", "final_accounts  2017  "},
		{"某某区2019年度“三公”经费公开说明\n2019年度某某区本级一般公共预算财政拨款“三公”经费公开说明", "  2019  "},
		// a body that introduces itself in its first sentences, by its fullest name
		{"目 录\n第一部分 概况\n一、主要职责\n某某镇人民政府隶属于某某市某某区人民政府管辖。某某市某某区某某镇人民政府内设21个职能处室。", "  0 某某市某某区某某镇人民政府 某某市某某区"},
		{"一、机构设置情况\n某某县工商联属一级预算单位。总编制8名。", "  0 某某县工商联 某某县"},
		{"某某初级中学2023年单位预算\n一、主要职能\n某某县某某初级中学主要职能是：实施九年义务教育。", "budget unit 2023 某某县某某初级中学 某某县"},
		{"一、基本情况\n某某集团公司所属单位较多。", "  0  "},
		// no title: the first statement of a year's budget or accounts
		{"2018年某某市部门及乡镇政府（街道办事处）因公出国（境）经费、公务接待费（“三公”经费）决算总额2771万元，比上年下降1.8%。", "final_accounts  2018  "},
		{"（三）单位构成\n本部门2021年度决算编制时无独立核算的二级预算单位。", "final_accounts  2021  "},
		{"2019年度“三公”经费财政拨款支出预算为44.52万元，2019年实际支出“三公经费”决算为22.62万元。", "  2019  "},
		{"某某市第十四届人民代表大会第三次会议昨天审查了某某市2014年预算执行情况和2015年预算草案的报告。", "budget  2015  "},
		{"“三公”经费较2014年预算降低14.92%。", "  0  "},
		// the topic after a body's name is no part of it; a title's 本级 in brackets
		{"关于某某省财政厅财政拨款“三公”经费2014年预算情况的说明\n一、因公出国（境）经费", "budget  2014 某某省财政厅 某某省"},
		{"2021年度某某盟行政公署外事办公室(本级)决算公开\n来源:某某盟行政公署外事办公室", "final_accounts  2021 某某盟行政公署外事办公室 某某盟"},
		// a title's body named in the text with its region
		{"双桥集镇人民政府2020年度一般公共预算财政拨款“三公”经费支出决算情况\n（一）总体情况说明。\n安徽省怀远县双桥集镇人民政府2020年度一般公共预算财政拨款“三公”经费支出预算为30.8万元。", "final_accounts  2020 安徽省怀远县双桥集镇人民政府 安徽省怀远县"},
		// a title without 部门 or 单位: the contents and headings say which
		{"某某县某某局2024年度决算公开\n目 录\n第一部分 概 况\n第二部分 2024年度部门决算表", "final_accounts department 2024 某某县某某局 某某县"},
		{"某某县某某局2024年度决算公开\n按照部门预算管理有关规定，“三公”经费包括因公出国（境）费。", "final_accounts  2024 某某县某某局 某某县"},
		// a sentence is no title, though it states the year's accounts
		{"某某镇2020年“三公”经费决算数共计35.5万元，比上年下降。", "final_accounts  2020  "},
		// a portal's title field, a year without 年, a part heading naming the body
		{"名  称: 某某县人民政府办公室2019年度部门决算公开情况", "final_accounts department 2019 某某县人民政府办公室 某某县"},
		{"1\n某某市投资促进局 2024\n部门预算及三公经费预算情况说明\n目 录", "budget department 2024 某某市投资促进局 某某市"},
		{"目 录\n第一部分 某某县发展和改革局概况\n一、部门职责\n第二部分 2022年度部门决算表", "final_accounts department 2022 某某县发展和改革局 某某县"},
		// regions: a 州 inside a city is a place, a county-level division is the last, body words are no division
		{"浙江省义乌市稠州中学2022年单位预算", "budget unit 2022 浙江省义乌市稠州中学 浙江省义乌市"},
		{"某某市公安局某某区分局2021年部门决算", "final_accounts department 2021 某某市公安局某某区分局 某某市"},
		{"北京市通州区漷县镇人民政府2023年部门预算", "budget department 2023 北京市通州区漷县镇人民政府 北京市通州区"},
		{"政协某某市委员会2023年部门预算", "budget department 2023 政协某某市委员会 "},
		// a labelled body that is not the title's does not replace it
		{"某某县教育局2023年部门预算\n编制单位：某某县财政局", "budget department 2023 某某县教育局 某某县"},
	} {
		d := NewDoc(c.text)
		h := d.Header
		var unit, reg string
		if h.UnitEnd > 0 {
			unit = d.Text[h.UnitStart:h.UnitEnd]
		}
		if h.RegionEnd > 0 {
			reg = d.Text[h.RegionStart:h.RegionEnd]
		}
		got := fmt.Sprintf("%s %s %d %s %s", h.Kind, h.Scope, h.Year, unit, reg)
		if got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.text, got, c.want)
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	text := strings.Repeat("2023年“三公”经费预算2万元。其中：因公出国（境）费用0万元；公务接待费2万元，公务用车运行费0万元。\n", 50)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		Extract(context.Background(), NewDoc(text))
	}
}

// TestNotFacts checks that a phrasing does not give a fact that its text does not state,
// where TestRules can only say that a key is absent.
func TestNotFacts(t *testing.T) {
	for _, c := range []struct{ name, text, not string }{
		{"a kind of office", "（一）机构设置\n2. 医技科室2个：药学部、检验科。\n4. 行政后勤科室", "org.department=行政后勤科室"},
		{"a second name cut off", "（二）机构设置\n某某局内设2个职能处室：秘书处、人事处（机关党委）。", "org.department=人事处"},
		{"a list cut with the text", "（三）单位构成\n二级预算单位主要包括某某镇农业服务中心、某某镇文化服务中心、某某镇劳动就业和社", "org.subordinate=某某镇劳动就业和社"},
		{"the body before 下设", "（二）内设机构\n县城管局下设某某县城市管理监察大队一个下属单位。", "org.subordinate=县城管局下设某某县城市管理监察大队"},
		{"a body describing itself is no unit of its own", "某某县文化馆2023年单位预算\n（二）机构设置\n县文化馆为副科级公益一类事业单位。", "org.subordinate=县文化馆"},
		{"a bare figure that is no count of people", "（三）人员情况\n编制科目2023，实有资金45。", "staff.total.authorized=2023"},
		{"a row of figures that is not one per label", "某某县水利局2023年部门预算\n一般公共预算“三公”经费支出表\n单位：万元\n合计\n因公出国（境）费\n公务接待费\n公务用车购置及运行费\n预算数\n8.6\n0\n2.6\n6\n决算数\n7.1\n0\n1.1\n6", "sanggong.reception=0"},
		{"facilities counted one by one are no offices", "（一）机构设置\n本局在某某地区设有4个有人值守综合地震台站、265个无人值守强震台。", "org.department=人值守综合地震台站"},
		{"one kind that stands for many offices", "（一）机构设置\n内设机构4个，分别为教科室、总务处、安保处、教学处，下设三个年级组。", "org.department=年级组"},
		{"附属 inside a name introduces nothing", "（一）机构设置\n下属单位包括首都医科大学附属北京友谊医院、首都医科大学附属北京同仁医院。", "org.subordinate=北京友谊医院"},
		{"a row number is no amount", "某某学校2022年度部门决算\n金额单位:万元 项目 行次 金额 五教育支出 36 4,146.04", "expenditure.function.教育支出=36000000"},
		{"a unit 下设 with a count of units is no office", "（二）内设机构\n县城管局下设某某县城市管理监察大队一个下属单位。", "org.department=某某县城市管理监察大队"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := flatOf(c.text); slices.Contains(got, c.not) {
				t.Errorf("got %s; facts %v", c.not, got)
			}
		})
	}
}
