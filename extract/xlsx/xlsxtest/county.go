// Package xlsxtest builds the project's Excel fixtures: workbooks in the shape budget
// systems export, with text and figures invented for this project (青禾县 and its
// 水利局 do not exist). The tests of extract/xlsx build them in memory; `go test
// ./extract/xlsx -update` also writes them to testdata/xlsx for people and for the
// other stages' tests.
package xlsxtest

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Sheet is one sheet of a fixture workbook.
type Sheet struct {
	Name    string
	Rows    [][]any           // by row from A1; nil cells are left empty
	Merges  [][2]string       // merged ranges, top-left and bottom-right
	Hidden  bool              // the sheet is hidden
	Hide    []int             // 1-based rows to hide
	Formats map[string]string // cell → number format code ("#,##0.00", "00")
	// Formulas are cell → formula; the cell's value in Rows is its cached value.
	Formulas map[string]string
	// Money is the number format of every number cell not in Formats.
	Money string
}

// Raw is a number cell's stored value as written in the sheet's XML, for values that
// excelize would round on writing (68020.50000000001, the sum of a column in binary
// floating point, as Excel saves it).
type Raw string

// Build returns a workbook of the sheets, in order.
func Build(sheets []Sheet) (*excelize.File, error) {
	f := excelize.NewFile()
	styles := map[string]int{}
	style := func(code string) (int, error) {
		if id, ok := styles[code]; ok {
			return id, nil
		}
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		styles[code] = id
		return id, err
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return nil, err
		}
		for r, row := range s.Rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, err := excelize.CoordinatesToCellName(c+1, r+1)
				if err != nil {
					return nil, err
				}
				if raw, ok := v.(Raw); ok {
					err = f.SetCellDefault(s.Name, cell, string(raw))
				} else {
					err = f.SetCellValue(s.Name, cell, v)
				}
				if err != nil {
					return nil, err
				}
				code := s.Formats[cell]
				if _, num := v.(float64); num && code == "" {
					code = s.Money
				}
				if _, num := v.(Raw); num && code == "" {
					code = s.Money
				}
				if _, num := v.(int); num && code == "" {
					code = s.Money
				}
				if code != "" {
					id, err := style(code)
					if err != nil {
						return nil, err
					}
					if err := f.SetCellStyle(s.Name, cell, cell, id); err != nil {
						return nil, err
					}
				}
			}
		}
		for cell, formula := range s.Formulas {
			// SetCellFormula keeps the value set above as the formula's cached value,
			// as Excel saves it.
			if err := f.SetCellFormula(s.Name, cell, formula); err != nil {
				return nil, err
			}
		}
		for _, m := range s.Merges {
			if err := f.MergeCell(s.Name, m[0], m[1]); err != nil {
				return nil, err
			}
		}
		for _, r := range s.Hide {
			if err := f.SetRowVisible(s.Name, r, false); err != nil {
				return nil, err
			}
		}
	}
	for _, s := range sheets {
		if s.Hidden {
			if err := f.SetSheetVisible(s.Name, false); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}

// money is the format budget systems give amounts in yuan.
const money = "#,##0.00"

// CountyBudget returns the sheets of a county department's 部门预算 workbook: a cover,
// the explanation as a text sheet, the nine standard tables (收支总表 with two panels,
// 收入总表, 支出总表, 财政拨款收支总表, 一般公共预算支出表 with its codes split over
// 类 | 款 | 项, 一般公共预算基本支出表 with 人员经费 | 公用经费, 政府性基金 and 国有资本经营
// tables that are empty, the 三公 table), merged two-row headers, a hidden helper
// sheet, a hidden row, a formula with its cached value, an amount stored with a binary
// float's error and a 款 code stored as a number with format 00. The figures add up.
func CountyBudget() []Sheet {
	const dept = "编制部门：青禾县水利局"
	const yuan = "单位：元"
	return []Sheet{
		{Name: "封面", Rows: [][]any{
			{"青禾县水利局"},
			{"2024年部门预算"},
			{nil},
			{"青禾县财政局编印"},
			{"二〇二四年二月"},
		}, Merges: [][2]string{{"A1", "F1"}, {"A2", "F2"}}},
		{Name: "部门预算编制说明", Rows: [][]any{
			{"青禾县水利局2024年部门预算编制说明"},
			{"一、部门主要职能"},
			{"青禾县水利局负责全县水资源的合理开发利用和保护，组织实施水利工程建设与运行管理，指导农村饮水安全和水土保持工作，承担防汛抗旱的日常工作。"},
			{"二、机构设置及人员情况"},
			{"本部门纳入2024年部门预算编制范围的单位共2个，包括：青禾县水利局本级、青禾县水利工程管理站。"},
			{"本部门行政编制12名，实有11人；事业编制20名，实有18人。离退休人员9人，其中退休8人，离休1人。"},
			{"三、收支预算情况说明"},
			{"2024年收入预算2,979,450.00元，其中：一般公共预算拨款收入2,799,450.00元，其他收入180,000.00元。"},
			{"2024年支出预算2,979,450.00元，其中：基本支出2,199,450.00元，项目支出780,000.00元。"},
			{"四、“三公”经费预算情况说明\n2024年“三公”经费预算60,000.00元，其中：因公出国（境）费0元，公务接待费12,000.00元，公务用车购置及运行维护费48,000.00元（公务用车购置费0元，公务用车运行维护费48,000.00元）。"},
			{"五、机关运行经费"},
			{"2024年机关运行经费预算293,020.50元，主要用于办公费、水电费、差旅费、公务接待费、公务用车运行维护费等。"},
			{"六、政府性基金预算情况说明"},
			{"本部门2024年无政府性基金预算收支，无国有资本经营预算收支。"},
			{"联系人：陈立群；联系电话：0779-6612345"},
		}},
		{Name: "表1 收支总表", Money: money, Rows: [][]any{
			{"2024年部门收支总表"},
			{dept, nil, nil, yuan},
			{"收    入", nil, "支    出"},
			{"项    目", "预算数", "项    目", "预算数"},
			{"一、一般公共预算拨款收入", 2799450.00, "一、社会保障和就业支出", 312400.00},
			{"二、政府性基金预算拨款收入", nil, "二、卫生健康支出", 98760.00},
			{"三、国有资本经营预算拨款收入", nil, "三、农林水支出", 2425320.50},
			{"四、事业收入", nil, "四、住房保障支出", 142969.50},
			{"五、事业单位经营收入"},
			{"六、其他收入", 180000.00},
			{"本年收入合计", 2979450.00, "本年支出合计", 2979450.00},
			{"上年结转", nil, "结转下年"},
			{"收入总计", 2979450.00, "支出总计", 2979450.00},
		}, Merges: [][2]string{{"A1", "D1"}, {"A3", "B3"}, {"C3", "D3"}}},
		{Name: "表2 收入总表", Money: money, Rows: [][]any{
			{"2024年部门收入总表"},
			{dept, nil, nil, nil, nil, nil, yuan},
			{"科目", nil, "合计", "财政拨款", "事业收入", "事业单位经营收入", "其他收入"},
			{"科目编码", "科目名称"},
			{nil, "合计", 2979450.00, 2799450.00, nil, nil, 180000.00},
			{"208", "社会保障和就业支出", 312400.00, 312400.00},
			{"20805", "行政事业单位养老支出", 312400.00, 312400.00},
			{"2080505", "机关事业单位基本养老保险缴费支出", 312400.00, 312400.00},
			{"210", "卫生健康支出", 98760.00, 98760.00},
			{"21011", "行政事业单位医疗", 98760.00, 98760.00},
			{"2101101", "行政单位医疗", 98760.00, 98760.00},
			{"213", "农林水支出", 2425320.50, 2245320.50, nil, nil, 180000.00},
			{"21303", "水利", 2425320.50, 2245320.50, nil, nil, 180000.00},
			{"2130301", "行政运行", 1645320.50, 1645320.50},
			{"2130306", "水利工程运行与维护", 600000.00, 600000.00},
			{"2130399", "其他水利支出", 180000.00, nil, nil, nil, 180000.00},
			{"221", "住房保障支出", 142969.50, 142969.50},
			{"22102", "住房改革支出", 142969.50, 142969.50},
			{"2210201", "住房公积金", 142969.50, 142969.50},
		}, Merges: [][2]string{{"A1", "G1"}, {"A3", "B3"}, {"C3", "C4"}, {"D3", "D4"}, {"E3", "E4"}, {"F3", "F4"}, {"G3", "G4"}}},
		{Name: "表3 支出总表", Money: money, Rows: [][]any{
			{"2024年部门支出总表"},
			{dept, nil, nil, nil, yuan},
			{"科目编码", "科目名称", "合计", "基本支出", "项目支出"},
			{nil, "合计", 2979450.00, 2199450.00, 780000.00},
			{"208", "社会保障和就业支出", 312400.00, 312400.00},
			{"20805", "行政事业单位养老支出", 312400.00, 312400.00},
			{"2080505", "机关事业单位基本养老保险缴费支出", 312400.00, 312400.00},
			{"2080506", "机关事业单位职业年金缴费支出", 0, 0}, // hidden: a row the department hid
			{"210", "卫生健康支出", 98760.00, 98760.00},
			{"21011", "行政事业单位医疗", 98760.00, 98760.00},
			{"2101101", "行政单位医疗", 98760.00, 98760.00},
			{"213", "农林水支出", 2425320.50, 1645320.50, 780000.00},
			{"21303", "水利", 2425320.50, 1645320.50, 780000.00},
			{"2130301", "行政运行", 1645320.50, 1645320.50},
			{"2130306", "水利工程运行与维护", 600000.00, nil, 600000.00},
			{"2130399", "其他水利支出", 180000.00, nil, 180000.00},
			{"221", "住房保障支出", 142969.50, 142969.50},
			{"22102", "住房改革支出", 142969.50, 142969.50},
			{"2210201", "住房公积金", 142969.50, 142969.50},
		}, Merges: [][2]string{{"A1", "E1"}}, Hide: []int{8}},
		{Name: "表4 财政拨款收支总表", Money: money, Rows: [][]any{
			{"2024年财政拨款收支总表"},
			{dept, nil, nil, nil, nil, yuan},
			{"收    入", nil, "支    出"},
			{"项    目", "预算数", "项    目", "合计", "一般公共预算", "政府性基金预算"},
			{"一、本年收入", 2799450.00, "一、本年支出", 2799450.00, 2799450.00},
			{"（一）一般公共预算拨款", 2799450.00, "社会保障和就业支出", 312400.00, 312400.00},
			{"（二）政府性基金预算拨款", nil, "卫生健康支出", 98760.00, 98760.00},
			{"（三）国有资本经营预算拨款", nil, "农林水支出", 2245320.50, 2245320.50},
			{nil, nil, "住房保障支出", 142969.50, 142969.50},
			{"二、上年结转", nil, "二、结转下年"},
			{"收入总计", 2799450.00, "支出总计", 2799450.00, 2799450.00},
		}, Merges: [][2]string{{"A1", "F1"}, {"A3", "B3"}, {"C3", "F3"}}},
		{Name: "表5 一般公共预算支出表", Money: money, Rows: [][]any{
			{"2024年一般公共预算支出表"},
			{dept, nil, nil, nil, nil, nil, yuan},
			{"科目编码", nil, nil, "科目名称", "合计", "基本支出", "项目支出"},
			{"类", "款", "项"},
			{nil, nil, nil, "合计", 2799450.00, 2199450.00, 600000.00},
			{"208", nil, nil, "社会保障和就业支出", 312400.00, 312400.00},
			{"208", 5, nil, "行政事业单位养老支出", 312400.00, 312400.00},
			{"208", 5, 5, "机关事业单位基本养老保险缴费支出", 312400.00, 312400.00},
			{"210", nil, nil, "卫生健康支出", 98760.00, 98760.00},
			{nil, "11", nil, "行政事业单位医疗", 98760.00, 98760.00},
			{nil, nil, "01", "行政单位医疗", 98760.00, 98760.00},
			{"213", nil, nil, "农林水支出", 2245320.50, 1645320.50, 600000.00},
			{"213", "03", nil, "水利", 2245320.50, 1645320.50, 600000.00},
			{"213", "03", "01", "行政运行", 1645320.50, 1645320.50},
			{"213", "03", "06", "水利工程运行与维护", 600000.00, nil, 600000.00},
			{"221", nil, nil, "住房保障支出", 142969.50, 142969.50},
			{"221", "02", nil, "住房改革支出", 142969.50, 142969.50},
			{"221", "02", "01", "住房公积金", 142969.50, 142969.50},
		}, Merges: [][2]string{{"A1", "G1"}, {"A3", "C3"}, {"D3", "D4"}, {"E3", "E4"}, {"F3", "F4"}, {"G3", "G4"}},
			Formats: map[string]string{"B7": "00", "B8": "00", "C8": "00"}},
		{Name: "表6 一般公共预算基本支出表", Money: money, Rows: [][]any{
			{"2024年一般公共预算基本支出表"},
			{dept, nil, nil, nil, yuan},
			{"部门预算支出经济分类科目", nil, "一般公共预算基本支出"},
			{"科目编码", "科目名称", "合计", "人员经费", "公用经费"},
			{nil, "合计", 2199450.00, 1906429.50, 293020.50},
			{"301", "工资福利支出", 1820429.50, 1820429.50},
			{"30101", "基本工资", 720000.00, 720000.00},
			{"30102", "津贴补贴", 486300.00, 486300.00},
			{"30103", "奖金", 60000.00, 60000.00},
			{"30108", "机关事业单位基本养老保险缴费", 312400.00, 312400.00},
			{"30110", "职工基本医疗保险缴费", 98760.00, 98760.00},
			{"30113", "住房公积金", 142969.50, 142969.50},
			{"302", "商品和服务支出", 293020.50, nil, 293020.50},
			{"30201", "办公费", 60000.00, nil, 60000.00},
			{"30205", "水费", 8000.00, nil, 8000.00},
			{"30206", "电费", 22000.00, nil, 22000.00},
			{"30211", "差旅费", 35000.00, nil, 35000.00},
			{"30217", "公务接待费", 12000.00, nil, 12000.00},
			{"30228", "工会经费", 24000.00, nil, 24000.00},
			{"30229", "福利费", 16000.00, nil, 16000.00},
			{"30231", "公务用车运行维护费", 48000.00, nil, 48000.00},
			// 68,020.50 as a sum in binary floating point leaves it.
			{"30299", "其他商品和服务支出", Raw("68020.50000000001"), nil, Raw("68020.50000000001")},
			{"303", "对个人和家庭的补助", 86000.00, 86000.00},
			{"30302", "退休费", 86000.00, 86000.00},
		}, Merges: [][2]string{{"A1", "E1"}, {"A3", "B3"}, {"C3", "E3"}},
			Formulas: map[string]string{"C13": "SUM(C14:C22)", "E13": "SUM(E14:E22)"}},
		{Name: "表7 政府性基金预算支出表", Money: money, Rows: [][]any{
			{"2024年政府性基金预算支出表"},
			{dept, nil, nil, nil, yuan},
			{"科目编码", "科目名称", "本年政府性基金预算支出"},
			{nil, nil, "合计", "基本支出", "项目支出"},
			{nil, "合计"},
			{"注：本部门2024年无政府性基金预算收支，此表为空表。"},
		}, Merges: [][2]string{{"A1", "E1"}, {"A3", "A4"}, {"B3", "B4"}, {"C3", "E3"}, {"A6", "E6"}}},
		{Name: "表8 国有资本经营预算支出表", Money: money, Rows: [][]any{
			{"2024年国有资本经营预算支出表"},
			{dept, nil, nil, nil, yuan},
			{"科目编码", "科目名称", "合计", "基本支出", "项目支出"},
			{nil, "合计"},
			{"注：本部门2024年无国有资本经营预算收支，此表为空表。"},
		}, Merges: [][2]string{{"A1", "E1"}, {"A5", "E5"}}},
		{Name: "表9 三公经费支出表", Money: money, Rows: [][]any{
			{"2024年一般公共预算“三公”经费支出表"},
			{dept, nil, nil, nil, nil, yuan},
			{"合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费"},
			{nil, nil, nil, "小计", "公务用车购置费", "公务用车运行费"},
			{60000.00, 0, 12000.00, 48000.00, 0, 48000.00},
		}, Merges: [][2]string{{"A1", "F1"}, {"A3", "A4"}, {"B3", "B4"}, {"C3", "C4"}, {"D3", "F3"}}},
		{Name: "测算", Hidden: true, Rows: [][]any{
			{"隐藏的测算表", "不应读出"},
			{"2130301", 999999.99},
		}},
	}
}

// String is for debugging: the sheet's name and size.
func (s Sheet) String() string { return fmt.Sprintf("%s (%d rows)", s.Name, len(s.Rows)) }
