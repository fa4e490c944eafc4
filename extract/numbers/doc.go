// Package numbers is the number lexer: it finds every figure in a document's normalised
// text and reads it exactly, as an integer coefficient and a decimal scale, never a float.
//
// Scan reads Arabic figures (154.79万元, 1,244.19万元, -4.00), Chinese ones (三台,
// 一百零五, 贰仟叁佰元, 二〇二三年), mixed ones (3万4000元), approximations (200余万元,
// 约5万元, 5万元左右), percentages (76.7%, 百分之十) and ordinals (第三), each with its
// byte span, money unit or measure word. It leaves out Chinese numerals that are part
// of words (一般, 统一, 三公经费) and digit strings that are codes (telephone numbers).
// ScanUnitDecls finds the declarations (单位：万元) that give bare figures their unit.
//
// The lexer is hand-written in the style of go/scanner: one pass over the text, byte
// offsets as the only positions, no regular expressions, and no panic on any input.
package numbers
