package extract
import ("context";"os";"testing";"fmt"
"github.com/cnbudget/cnbudget/extract/normalize"
"github.com/cnbudget/cnbudget/extract/facts"
"github.com/cnbudget/cnbudget/extract/tables")
func TestTT(t *testing.T){
 b,_:=os.ReadFile(os.Getenv("F"))
 x,_:=New(Options{})
 src,err:=x.read(context.Background(),Document{Content:b})
 if err!=nil{t.Fatal(err)}
 norm:=normalize.New(src.Text)
 d:=facts.NewDoc(norm.String())
 res,_:=tables.Find(context.Background(),d.Match,tableOptions(src,norm))
 fmt.Println("cells",len(src.Cells),"present",len(res.Present),"listed",len(res.Listed))
 for _,tb:=range res.Tables{ fmt.Println(tb.Kind.ID(), tb.Title, tb.Unit, tb.Columns, len(tb.Rows)) }
 if os.Getenv("TEXT")!="" { fmt.Println(d.Match) }
}
