// Command sizecheck is built by TestBinaryLeavesOutGseDictionaries: a program that uses
// package terms the way the service does (through the Segmenter interface) and also
// calls methods by reflection, which makes the linker keep the exported methods of
// every type reachable from an interface.
package main

import (
	"fmt"
	"os"
	"reflect"

	"github.com/cnbudget/cnbudget/extract/terms"
)

func main() {
	g, err := terms.New()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var s terms.Segmenter = g
	fmt.Println(len(s.Cut("一般公共预算财政拨款154.79万元")))
	if len(os.Args) > 1 {
		fmt.Println(reflect.ValueOf(s).MethodByName(os.Args[1]).IsValid())
	}
}
