// Package record builds the protobuf record of a document from its facts, and writes
// records in the public forms of FIELDS.md: flat key/value lines and CSV rows.
//
// The FIELDS.md key of every record field is declared once, in the .proto, as the
// (cnbudget.v1.key) option of the field; this package reads the keys from the schema,
// so the record, the flat form and the CSV columns cannot drift apart.
package record

import (
	"fmt"
	"strings"

	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// leaf names the messages that hold one fact's value; every other message is a group
// whose fields' keys are prefixed with the group's.
var leaf = map[protoreflect.FullName]bool{
	"cnbudget.v1.Amount":           true,
	"cnbudget.v1.Integer":          true,
	"cnbudget.v1.Text":             true,
	"cnbudget.v1.KindFact":         true,
	"cnbudget.v1.ScopeFact":        true,
	"cnbudget.v1.FunctionSpending": true,
	"cnbudget.v1.ProcurementItem":  true,
}

// FunctionPrefix begins the keys of spending by functional class: the class's name
// follows it (expenditure.function.科学技术支出).
const FunctionPrefix = "expenditure.function."

// field is one keyed field of the record: the path of field descriptors from Record
// down to a leaf message field.
type field struct {
	key  string
	path []protoreflect.FieldDescriptor
}

// schema is the record's keyed fields in declaration order, and an index by key.
// It is computed once from the descriptors and never changed.
var schema = buildSchema()

type schemaIndex struct {
	fields []field
	byKey  map[string]field
}

func buildSchema() schemaIndex {
	var s schemaIndex
	s.byKey = map[string]field{}
	var walk func(md protoreflect.MessageDescriptor, prefix string, path []protoreflect.FieldDescriptor)
	walk = func(md protoreflect.MessageDescriptor, prefix string, path []protoreflect.FieldDescriptor) {
		fds := md.Fields()
		for i := 0; i < fds.Len(); i++ {
			fd := fds.Get(i)
			seg := keyOption(fd)
			if seg == "" || fd.Message() == nil {
				continue
			}
			key := seg
			if prefix != "" {
				key = prefix + "." + seg
			}
			p := append(append([]protoreflect.FieldDescriptor(nil), path...), fd)
			if leaf[fd.Message().FullName()] {
				f := field{key: key, path: p}
				s.fields = append(s.fields, f)
				s.byKey[key] = f
				continue
			}
			walk(fd.Message(), key, p)
		}
	}
	walk((&cnbudgetv1.Record{}).ProtoReflect().Descriptor(), "", nil)
	return s
}

func keyOption(fd protoreflect.FieldDescriptor) string {
	opts := fd.Options()
	if opts == nil {
		return ""
	}
	k, _ := proto.GetExtension(opts, cnbudgetv1.E_Key).(string)
	return k
}

// Keys returns the record's fact keys in the record's order: the flat form's keys and
// the CSV columns. The functional classes appear once, as "expenditure.function".
func Keys() []string {
	keys := make([]string, len(schema.fields))
	for i, f := range schema.fields {
		keys[i] = f.key
	}
	return keys
}

// Known reports whether key is a key of the record; for a functional class, any key
// with FunctionPrefix and a name ending in 支出.
func Known(key string) bool {
	if name, ok := strings.CutPrefix(key, FunctionPrefix); ok {
		return strings.HasSuffix(name, "支出") && len(name) > len("支出")
	}
	_, ok := schema.byKey[key]
	return ok && key != strings.TrimSuffix(FunctionPrefix, ".")
}

// lookup returns the field of key, for setting. Functional classes map to the one
// repeated field.
func lookup(key string) (field, string, error) {
	if name, ok := strings.CutPrefix(key, FunctionPrefix); ok {
		f, ok := schema.byKey[strings.TrimSuffix(FunctionPrefix, ".")]
		if !ok {
			return field{}, "", fmt.Errorf("record: schema has no %s field", FunctionPrefix)
		}
		return f, name, nil
	}
	f, ok := schema.byKey[key]
	if !ok {
		return field{}, "", fmt.Errorf("record: unknown key %q", key)
	}
	return f, "", nil
}
