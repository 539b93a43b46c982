package transform

import "strings"

// Fact is one thing a library function does to its value that seam's
// static checks reason about (mapping/check): an idiom that bounds a length
// clears a narrowing finding, a unit conversion clears unit_mismatch, and
// so on. Facts are declared here for every function of the library, so the
// checks never keep their own list of function names.
type Fact uint32

// The facts a function can declare.
const (
	// BoundsLength: the result is at most N characters, N one of its
	// arguments (Facts.LengthArg).
	BoundsLength Fact = 1 << iota
	// ConvertsUnits: a unit conversion (Facts.Scale: "/100" cents to
	// units).
	ConvertsUnits
	// ConvertsZone: the result is a timestamp in a named zone (UTC).
	ConvertsZone
	// Negates: the result is the logical or arithmetic opposite.
	Negates
	// LooksUp: the result comes from a lookup table (the first argument
	// names it).
	LooksUp
	// Concatenates: the result keeps every input, and a null input is
	// skipped rather than turning the whole result null.
	Concatenates
	// HandlesNull: the result replaces null (coalesce, default).
	HandlesNull
	// Splits: the result is a part of the input (a first name, a piece).
	Splits
	// ParsesNumber: the input is read as a number (leading zeros go).
	ParsesNumber
	// ParsesDate: the input is read as a date or time.
	ParsesDate
	// Aggregates: the result sums up a list (its length, its joined text).
	Aggregates
	// Rounds: digits after the point may go.
	Rounds
	// Hashes: the result is a digest or mask of the input, not its value.
	Hashes
	// Picks: the result is one element of a list.
	Picks
	// NoLonger: the result has no more characters than the first argument
	// (trim, lower, upper, title).
	NoLonger
)

// None is the explicit declaration of a function with no facts.
const None Fact = 0

// Facts is what the static checks know of one function.
type Facts struct {
	Fact Fact
	// LengthArg is the index of the argument that bounds the result's
	// length in characters (BoundsLength), else 0.
	LengthArg int
	// Scale is the unit conversion, "/100" or "*100" (ConvertsUnits).
	Scale string
}

// Has reports whether f declares all of the facts in x.
func (f Facts) Has(x Fact) bool { return f.Fact&x == x && x != 0 }

// facts declares every callable function's facts; TestFactsDeclared keeps
// it complete and free of names that are not functions.
var facts = map[string]Facts{
	// convert
	"to_int":     {Fact: ParsesNumber},
	"to_decimal": {Fact: ParsesNumber | Rounds},
	"to_float":   {Fact: ParsesNumber},
	"to_bool":    {Fact: None},
	"to_string":  {Fact: None},
	// number
	"round":          {Fact: Rounds},
	"round_even":     {Fact: Rounds},
	"ceil":           {Fact: Rounds},
	"floor":          {Fact: Rounds},
	"abs":            {Fact: None},
	"cents_to_units": {Fact: ConvertsUnits, Scale: "/100"},
	"units_to_cents": {Fact: ConvertsUnits, Scale: "*100"},
	// logic
	"negate": {Fact: Negates},
	// date
	"parse_date":     {Fact: ParsesDate},
	"parse_datetime": {Fact: ParsesDate},
	"format_date":    {Fact: None},
	"to_utc":         {Fact: ConvertsZone},
	"to_zone":        {Fact: ConvertsZone},
	// null
	"coalesce":      {Fact: HandlesNull},
	"default":       {Fact: HandlesNull},
	"null_if_empty": {Fact: None},
	"is_null":       {Fact: None},
	"is_empty":      {Fact: None},
	"is_absent":     {Fact: None},
	// lookup
	"lookup": {Fact: LooksUp},
	// name
	"split_name": {Fact: Splits},
	"first_name": {Fact: Splits},
	"last_name":  {Fact: Splits},
	// hash
	"sha256":  {Fact: Hashes},
	"hash":    {Fact: Hashes},
	"uuid_v5": {Fact: Hashes},
	"mask":    {Fact: Hashes},
	// string
	"trim":          {Fact: NoLonger},
	"ltrim":         {Fact: NoLonger},
	"rtrim":         {Fact: NoLonger},
	"lower":         {Fact: NoLonger},
	"upper":         {Fact: NoLonger},
	"title":         {Fact: NoLonger},
	"substr":        {Fact: BoundsLength, LengthArg: 2},
	"replace":       {Fact: None},
	"regex_replace": {Fact: None},
	"regex_extract": {Fact: Splits},
	"split":         {Fact: Splits},
	"part":          {Fact: Splits},
	"concat":        {Fact: Concatenates},
	"join":          {Fact: Concatenates | Aggregates},
	"pad_left":      {Fact: None},
	"pad_right":     {Fact: None},
	"len":           {Fact: Aggregates},
	// expr builtins kept callable (safeBuiltins)
	"trimPrefix": {Fact: None},
	"trimSuffix": {Fact: None},
	"hasPrefix":  {Fact: None},
	"hasSuffix":  {Fact: None},
	"first":      {Fact: Picks},
	"last":       {Fact: Picks},
	"keys":       {Fact: None},
	"values":     {Fact: None},
	"reverse":    {Fact: None},
	"uniq":       {Fact: None},
	"type":       {Fact: None},
}

// FactsOf returns the facts a callable function declares; ok is false for
// a name that is not a function of the library.
func FactsOf(name string) (Facts, bool) {
	f, ok := facts[name]
	return f, ok
}

// FactNames lists every function with declared facts.
func FactNames() []string {
	out := make([]string, 0, len(facts))
	for n := range facts {
		out = append(out, n)
	}
	return out
}

// ResultType is the result type a function's signature declares: "int",
// "decimal", "string", "date", "timestamp", "bool", ... or "" when it
// depends on the arguments (any, bool|number) or the name is unknown.
func ResultType(name string) string {
	d := registry[name]
	if d == nil || d.hidden || d.docOnly {
		return ""
	}
	sig := d.spec.Signature
	i := strings.LastIndex(sig, ") ")
	if i < 0 {
		return ""
	}
	t := strings.TrimSpace(sig[i+2:])
	if strings.ContainsAny(t, "| ") || t == "any" {
		return ""
	}
	return t
}
