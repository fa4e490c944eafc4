// Package facts finds the facts of FIELDS.md in a document's normalised text: a table
// of rules, each matching the words that label a figure or a name, applied over the
// text's sections, sentences and numbers.
package facts
