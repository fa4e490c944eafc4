package sink

import (
	"github.com/cnbudget/cnbudget/extract/record"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// parquetRow is one document in the Parquet output. Columns are the FIELDS.md keys with
// dots made underscores (revenue.total → revenue_total), so that every reader can name
// them unquoted; amounts are DECIMAL(18,2) in yuan, stored as exact fen; counts are
// INT64; lists are LIST columns. A fact the document does not state is NULL, and so is
// an approximate amount, as in the flat form.
type parquetRow struct {
	SHA256           string `parquet:"sha256"`
	Name             string `parquet:"name"`
	MediaType        string `parquet:"media_type"`
	Size             int64  `parquet:"size"`
	Pages            int32  `parquet:"pages"`
	Encoding         string `parquet:"encoding"`
	ExtractorVersion string `parquet:"extractor_version"`

	DocKind       *string `parquet:"doc_kind,optional"`
	DocScope      *string `parquet:"doc_scope,optional"`
	DocFiscalYear *int64  `parquet:"doc_fiscal_year,optional"`
	DocUnitName   *string `parquet:"doc_unit_name,optional"`
	DocRegion     *string `parquet:"doc_region,optional"`

	OrgDepartment         []string `parquet:"org_department,list"`
	OrgSubordinate        []string `parquet:"org_subordinate,list"`
	OrgAdminUnits         *int64   `parquet:"org_admin_units,optional"`
	OrgSanggongUnits      *int64   `parquet:"org_sanggong_units,optional"`
	OrgPublicInstitutions *int64   `parquet:"org_public_institutions,optional"`

	StaffAdminAuthorized       *int64 `parquet:"staff_admin_authorized,optional"`
	StaffAdminActual           *int64 `parquet:"staff_admin_actual,optional"`
	StaffSanggongAuthorized    *int64 `parquet:"staff_sanggong_authorized,optional"`
	StaffSanggongActual        *int64 `parquet:"staff_sanggong_actual,optional"`
	StaffInstitutionAuthorized *int64 `parquet:"staff_institution_authorized,optional"`
	StaffInstitutionActual     *int64 `parquet:"staff_institution_actual,optional"`
	StaffWorkerAuthorized      *int64 `parquet:"staff_worker_authorized,optional"`
	StaffWorkerActual          *int64 `parquet:"staff_worker_actual,optional"`
	StaffTotalAuthorized       *int64 `parquet:"staff_total_authorized,optional"`
	StaffTotalActual           *int64 `parquet:"staff_total_actual,optional"`
	StaffRetired               *int64 `parquet:"staff_retired,optional"`
	StaffLixiu                 *int64 `parquet:"staff_lixiu,optional"`

	RevenueTotal         *int64 `parquet:"revenue_total,optional,decimal(2:18)"`
	RevenueThisYear      *int64 `parquet:"revenue_this_year,optional,decimal(2:18)"`
	RevenueChange        *int64 `parquet:"revenue_change,optional,decimal(2:18)"`
	RevenueAppropriation *int64 `parquet:"revenue_appropriation,optional,decimal(2:18)"`
	RevenueGeneralBudget *int64 `parquet:"revenue_general_budget,optional,decimal(2:18)"`
	RevenueGovFund       *int64 `parquet:"revenue_gov_fund,optional,decimal(2:18)"`
	RevenueStateCapital  *int64 `parquet:"revenue_state_capital,optional,decimal(2:18)"`
	RevenueBusiness      *int64 `parquet:"revenue_business,optional,decimal(2:18)"`
	RevenueOperating     *int64 `parquet:"revenue_operating,optional,decimal(2:18)"`
	RevenueOther         *int64 `parquet:"revenue_other,optional,decimal(2:18)"`
	RevenueCarryover     *int64 `parquet:"revenue_carryover,optional,decimal(2:18)"`

	ExpenditureTotal         *int64            `parquet:"expenditure_total,optional,decimal(2:18)"`
	ExpenditureThisYear      *int64            `parquet:"expenditure_this_year,optional,decimal(2:18)"`
	ExpenditureCarryForward  *int64            `parquet:"expenditure_carry_forward,optional,decimal(2:18)"`
	ExpenditureChange        *int64            `parquet:"expenditure_change,optional,decimal(2:18)"`
	ExpenditureFunction      []parquetFunction `parquet:"expenditure_function,list"`
	ExpenditureBasic         *int64            `parquet:"expenditure_basic,optional,decimal(2:18)"`
	ExpenditureBasicChange   *int64            `parquet:"expenditure_basic_change,optional,decimal(2:18)"`
	ExpenditureProject       *int64            `parquet:"expenditure_project,optional,decimal(2:18)"`
	ExpenditureProjectChange *int64            `parquet:"expenditure_project_change,optional,decimal(2:18)"`

	AppropriationRevenue     *int64 `parquet:"appropriation_revenue,optional,decimal(2:18)"`
	AppropriationExpenditure *int64 `parquet:"appropriation_expenditure,optional,decimal(2:18)"`

	SanggongTotal            *int64 `parquet:"sanggong_total,optional,decimal(2:18)"`
	SanggongChange           *int64 `parquet:"sanggong_change,optional,decimal(2:18)"`
	SanggongOutbound         *int64 `parquet:"sanggong_outbound,optional,decimal(2:18)"`
	SanggongReception        *int64 `parquet:"sanggong_reception,optional,decimal(2:18)"`
	SanggongVehicle          *int64 `parquet:"sanggong_vehicle,optional,decimal(2:18)"`
	SanggongVehiclePurchase  *int64 `parquet:"sanggong_vehicle_purchase,optional,decimal(2:18)"`
	SanggongVehicleOperation *int64 `parquet:"sanggong_vehicle_operation,optional,decimal(2:18)"`

	OperatingExpenses       *int64 `parquet:"operating_expenses,optional,decimal(2:18)"`
	OperatingExpensesChange *int64 `parquet:"operating_expenses_change,optional,decimal(2:18)"`

	ProcurementTotal *int64                   `parquet:"procurement_total,optional,decimal(2:18)"`
	ProcurementItem  []parquetProcurementItem `parquet:"procurement_item,list"`

	PerformanceProjectFunds *int64 `parquet:"performance_project_funds,optional,decimal(2:18)"`
	PerformanceProjectCount *int64 `parquet:"performance_project_count,optional"`

	AssetsVehicles *int64 `parquet:"assets_vehicles,optional"`

	ContactName  *string  `parquet:"contact_name,optional"`
	ContactPhone []string `parquet:"contact_phone,list"`

	Warnings []parquetWarning `parquet:"warnings,list"`
}

// parquetFunction is one item of expenditure.function: the class and its amount.
type parquetFunction struct {
	Name   string `parquet:"name"`
	Amount *int64 `parquet:"amount,optional,decimal(2:18)"`
}

// parquetProcurementItem is one item of procurement.item.
type parquetProcurementItem struct {
	Item     string `parquet:"item"`
	Quantity int64  `parquet:"quantity"`
	Measure  string `parquet:"measure"`
}

// parquetWarning is one warning of the record.
type parquetWarning struct {
	Code    string   `parquet:"code"`
	Message string   `parquet:"message"`
	Keys    []string `parquet:"keys,list"`
}

// rowOf returns the Parquet row of rec.
func rowOf(rec *cnbudgetv1.Record) parquetRow {
	d, h, o, st := rec.GetDocument(), rec.GetHeader(), rec.GetOrganization(), rec.GetStaffing()
	rv, ex, ap, sg := rec.GetRevenue(), rec.GetExpenditure(), rec.GetAppropriation(), rec.GetSanggong()
	r := parquetRow{
		SHA256: d.GetSha256(), Name: d.GetName(), MediaType: d.GetMediaType(), Size: d.GetSize(),
		Pages: d.GetPages(), Encoding: d.GetEncoding(), ExtractorVersion: rec.GetExtractorVersion(),

		DocFiscalYear: integer(h.GetFiscalYear()), DocUnitName: text(h.GetUnitName()), DocRegion: text(h.GetRegion()),

		OrgDepartment: texts(o.GetDepartments()), OrgSubordinate: texts(o.GetSubordinates()),
		OrgAdminUnits: integer(o.GetAdminUnits()), OrgSanggongUnits: integer(o.GetSanggongUnits()),
		OrgPublicInstitutions: integer(o.GetPublicInstitutions()),

		StaffAdminAuthorized: integer(st.GetAdmin().GetAuthorized()), StaffAdminActual: integer(st.GetAdmin().GetActual()),
		StaffSanggongAuthorized: integer(st.GetSanggong().GetAuthorized()), StaffSanggongActual: integer(st.GetSanggong().GetActual()),
		StaffInstitutionAuthorized: integer(st.GetInstitution().GetAuthorized()), StaffInstitutionActual: integer(st.GetInstitution().GetActual()),
		StaffWorkerAuthorized: integer(st.GetWorker().GetAuthorized()), StaffWorkerActual: integer(st.GetWorker().GetActual()),
		StaffTotalAuthorized: integer(st.GetTotal().GetAuthorized()), StaffTotalActual: integer(st.GetTotal().GetActual()),
		StaffRetired: integer(st.GetRetired()), StaffLixiu: integer(st.GetLixiu()),

		RevenueTotal: amount(rv.GetTotal()), RevenueThisYear: amount(rv.GetThisYear()), RevenueChange: amount(rv.GetChange()),
		RevenueAppropriation: amount(rv.GetAppropriation()), RevenueGeneralBudget: amount(rv.GetGeneralBudget()),
		RevenueGovFund: amount(rv.GetGovFund()), RevenueStateCapital: amount(rv.GetStateCapital()),
		RevenueBusiness: amount(rv.GetBusiness()), RevenueOperating: amount(rv.GetOperating()),
		RevenueOther: amount(rv.GetOther()), RevenueCarryover: amount(rv.GetCarryover()),

		ExpenditureTotal: amount(ex.GetTotal()), ExpenditureThisYear: amount(ex.GetThisYear()),
		ExpenditureCarryForward: amount(ex.GetCarryForward()), ExpenditureChange: amount(ex.GetChange()),
		ExpenditureBasic: amount(ex.GetBasic()), ExpenditureBasicChange: amount(ex.GetBasicChange()),
		ExpenditureProject: amount(ex.GetProject()), ExpenditureProjectChange: amount(ex.GetProjectChange()),

		AppropriationRevenue: amount(ap.GetRevenue()), AppropriationExpenditure: amount(ap.GetExpenditure()),

		SanggongTotal: amount(sg.GetTotal()), SanggongChange: amount(sg.GetChange()),
		SanggongOutbound: amount(sg.GetOutbound()), SanggongReception: amount(sg.GetReception()),
		SanggongVehicle: amount(sg.GetVehicle()), SanggongVehiclePurchase: amount(sg.GetVehiclePurchase()),
		SanggongVehicleOperation: amount(sg.GetVehicleOperation()),

		OperatingExpenses: amount(rec.GetOperatingExpenses()), OperatingExpensesChange: amount(rec.GetOperatingExpensesChange()),
		ProcurementTotal: amount(rec.GetProcurement().GetTotal()),

		PerformanceProjectFunds: amount(rec.GetPerformance().GetProjectFunds()),
		PerformanceProjectCount: integer(rec.GetPerformance().GetProjectCount()),
		AssetsVehicles:          integer(rec.GetAssets().GetVehicles()),

		ContactName: text(rec.GetContact().GetName()), ContactPhone: texts(rec.GetContact().GetPhones()),
	}
	for _, f := range record.Facts(&cnbudgetv1.Record{Header: &cnbudgetv1.Header{Kind: h.GetKind(), Scope: h.GetScope()}}) {
		switch f.Key {
		case "doc.kind":
			r.DocKind = &f.Value
		case "doc.scope":
			r.DocScope = &f.Value
		}
	}
	for _, fs := range ex.GetFunctions() {
		r.ExpenditureFunction = append(r.ExpenditureFunction, parquetFunction{Name: fs.GetName(), Amount: amount(fs.GetAmount())})
	}
	for _, it := range rec.GetProcurement().GetItems() {
		r.ProcurementItem = append(r.ProcurementItem, parquetProcurementItem{Item: it.GetItem(), Quantity: it.GetQuantity(), Measure: it.GetMeasure()})
	}
	for _, w := range rec.GetWarnings() {
		r.Warnings = append(r.Warnings, parquetWarning{Code: record.WarningCodeName(w.GetCode()), Message: w.GetMessage(), Keys: w.GetKeys()})
	}
	return r
}

// amount returns a's fen, or nil when a is unset or only approximate.
func amount(a *cnbudgetv1.Amount) *int64 {
	if a == nil || a.GetApproximate() {
		return nil
	}
	v := a.GetFen()
	return &v
}

func integer(i *cnbudgetv1.Integer) *int64 {
	if i == nil {
		return nil
	}
	v := i.GetValue()
	return &v
}

func text(t *cnbudgetv1.Text) *string {
	if t == nil {
		return nil
	}
	v := t.GetValue()
	return &v
}

func texts(ts []*cnbudgetv1.Text) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.GetValue())
	}
	return out
}
